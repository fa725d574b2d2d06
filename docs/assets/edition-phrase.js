/*! edition-phrase.js: minified for the site; the source, with its comments, is docs/assets/edition-phrase.js in the edition's repository */
/* A link to words of a paragraph, as "Cite" beside a selection gives it (edition-propose.js):
   texts/<id>/#p4:~:text=[prefix-,]start[,end][,-suffix] (a text fragment, WICG
   scroll-to-text-fragment). A browser that knows text fragments marks the words itself; this
   script marks them in every browser, in <mark class="cited-phrase">, and brings them into view.

   Loaded by edition.js when the address names words (on load, and on hashchange), and on a page
   of an archived version by edition-version.js (from the site's root). Chromium takes
   the directive (:~:…) out of location.hash and document.URL, so it is read from the navigation's
   own address (performance.getEntriesByType("navigation")[0].name) and from a hashchange's newURL
   as well.

   The words are looked for in the paragraph the anchor names, as make check matches a quote
   (quotes.py: curly and straight quotes, dashes and runs of white space are one; the fold table
   is assets/propose.json's), and regardless of case and of the spelling variants the edition
   pairs (sources/spellings.yml). When the paragraph has been emended since the words were cited,
   the nearest passage of the paragraph is marked (two thirds of its words or more in common),
   and a note by the paragraph, read out by screen readers, says that the words have changed and
   shows the words cited; when nothing near them is left, the note says so. */
(function () {
  "use strict";
  /* once: an archived page may load it twice, by its own edition.js and by edition-version.js */
  if (window.editionPhraseLoaded) return;
  window.editionPhraseLoaded = true;
  var ME = document.currentScript && document.currentScript.src;
  var SKIP = "a.pnum, button, sup, .headerlink, .block-label, .propose-pop, .cited-note";
  var table = null;

  /* The directive of an address, or null: {id, prefix, start, end, suffix}, each term decoded. */
  function directive(url) {
    var m = /#([^:#]*):~:(?:[^#]*&)?text=([^&#]*)/.exec(url || "");
    if (!m) return null;
    var parts = m[2].split(","), d = { id: m[1] };
    try {
      if (/-$/.test(parts[0]) && parts.length > 1) d.prefix = decodeURIComponent(parts.shift().slice(0, -1));
      if (/^-/.test(parts[parts.length - 1]) && parts.length > 1) d.suffix = decodeURIComponent(parts.pop().slice(1));
      d.start = decodeURIComponent(parts[0] || "");
      if (parts.length > 1) d.end = decodeURIComponent(parts[1]);
      d.id = decodeURIComponent(d.id);
    } catch (e) { return null; }
    return d.start ? d : null;
  }

  /* The folded, lower-cased text and, for each of its characters, the offset it came from. */
  function fold(text) {
    var out = [], where = [], space = true, f = (table && table.fold) || {};
    text = text.normalize("NFC");
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (Object.prototype.hasOwnProperty.call(f, ch)) ch = f[ch];
      if (ch === "") continue;
      if (/\s/.test(ch)) {
        if (!space) { out.push(" "); where.push(i); space = true; }
        continue;
      }
      ch = ch.toLowerCase();
      for (var k = 0; k < ch.length; k++) { out.push(ch[k]); where.push(i); }
      space = false;
    }
    if (out[out.length - 1] === " ") { out.pop(); where.pop(); }
    return spell(out.join(""), where);
  }

  /* Each spelling variant at the start of a word written as the first of its pair. */
  function spell(text, where) {
    var pairs = (table && table.spellings) || [];
    if (!pairs.length) return { text: text, where: where };
    var out = "", w = [];
    for (var i = 0; i < text.length;) {
      var hit = null;
      if (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1])) {
        for (var p = 0; p < pairs.length && !hit; p++) {
          for (var v = 1; v < pairs[p].length; v++) {
            if (text.startsWith(pairs[p][v].toLowerCase(), i)) { hit = [pairs[p][v].length, pairs[p][0].toLowerCase()]; break; }
          }
        }
      }
      if (hit) {
        for (var k = 0; k < hit[1].length; k++) w.push(where[i + Math.min(k, hit[0] - 1)]);
        out += hit[1];
        i += hit[0];
      } else { out += text[i]; w.push(where[i]); i++; }
    }
    return { text: out, where: w };
  }

  function q(s) { return s ? fold(s).text : ""; }

  /* The paragraph's text nodes and its text as shown, without what the edition adds to it, or
     (`markers`) with the note markers' digits, as a browser reads the page. */
  function textOf(el, markers) {
    var nodes = [], starts = [], text = "";
    var w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (var n = w.nextNode(); n; n = w.nextNode()) {
      if (n.parentElement.closest(SKIP) && !(markers && n.parentElement.closest("sup"))) continue;
      nodes.push(n); starts.push(text.length); text += n.data;
    }
    return { nodes: nodes, starts: starts, text: text };
  }

  /* The directive without the note markers' digits a term may end with (edition-propose.js:
     "Kazakhstan4344"), for a page whose notes are numbered otherwise. */
  function unglued(d) {
    var out = {}, cut = function (t) { return t && t.replace(/([\p{L}\p{M}.,;:!?’'”")\]])\d+(?=\s|$)/gu, "$1"); };
    for (var k in d) out[k] = k === "id" ? d[k] : cut(d[k]);
    return out;
  }

  /* Where the directive's words stand in the folded text: [from, to) or null. */
  function exact(t, d) {
    var s = q(d.start), e = q(d.end), pre = q(d.prefix), suf = q(d.suffix);
    for (var i = t.indexOf(s); i !== -1; i = t.indexOf(s, i + 1)) {
      if (pre && !t.slice(0, i).trimEnd().endsWith(pre)) continue;
      var to = i + s.length;
      if (e) {
        var j = t.indexOf(e, to);
        if (j === -1) continue;
        to = j + e.length;
      }
      if (suf && !t.slice(to).trimStart().startsWith(suf)) continue;
      return [i, to];
    }
    return null;
  }

  /* The words of a folded text, each with where it starts and ends. */
  function words(t) {
    var out = [], re = /\S+/g, m;
    while ((m = re.exec(t))) out.push({ w: m[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""), a: m.index, z: m.index + m[0].length });
    return out;
  }

  function lcs(a, b) {
    var prev = new Array(b.length + 1).fill(0);
    for (var i = 0; i < a.length; i++) {
      var cur = [0];
      for (var j = 0; j < b.length; j++) cur.push(a[i] === b[j].w ? prev[j] + 1 : Math.max(prev[j + 1], cur[j]));
      prev = cur;
    }
    return prev[b.length];
  }

  /* The run of the paragraph's words nearest the cited words (from word `from` on): {a, z, k, score}. */
  function nearest(pw, cited, from) {
    var best = null, n = cited.length;
    for (var len = Math.max(1, n - 3); len <= n + 3; len++) {
      for (var k = from; k + len <= pw.length; k++) {
        var win = pw.slice(k, k + len), score = 2 * lcs(cited, win) / (n + len);
        if (!best || score > best.score) best = { a: win[0].a, z: win[len - 1].z, k: k + len, score: score };
      }
    }
    return best;
  }

  function fuzzy(t, d) {
    var pw = words(t), ws = function (s) { return words(q(s)).map(function (x) { return x.w; }); };
    var a = nearest(pw, ws(d.start), 0);
    if (!a || a.score < 2 / 3) return null;
    if (!d.end) return [a.a, a.z];
    var z = nearest(pw, ws(d.end), a.k);
    return z && z.score >= 2 / 3 ? [a.a, z.z] : null;
  }

  function clear() {
    document.querySelectorAll("mark.cited-phrase").forEach(function (m) {
      var up = m.parentNode;
      while (m.firstChild) up.insertBefore(m.firstChild, m);
      up.removeChild(m);
      up.normalize();
    });
    document.querySelectorAll(".cited-note").forEach(function (n) { n.remove(); });
  }

  /* Wrap the shown text's characters [a, b) in marks, one per text node. */
  function mark(shown, a, b) {
    var first = null;
    shown.nodes.forEach(function (n, i) {
      var s = shown.starts[i], e = s + n.data.length;
      if (e <= a || s >= b || n.parentElement.closest(SKIP)) return;     /* a note marker stays as it is */
      var from = Math.max(a, s) - s, to = Math.min(b, e) - s;
      var r = document.createRange();
      r.setStart(n, from);
      r.setEnd(n, to);
      var m = document.createElement("mark");
      m.className = n.data.slice(from, to).trim() ? "cited-phrase" : "cited-phrase cited-gap";   /* a space between two marks */
      r.surroundContents(m);
      if (!first && m.className === "cited-phrase") first = m;
    });
    return first;
  }

  function note(el, text) {
    var p = document.createElement("p");
    p.className = "cited-note";
    p.setAttribute("role", "status");
    el.insertAdjacentElement("afterend", p);
    /* filled once it is in the page, so that a screen reader announces it */
    requestAnimationFrame(function () { p.textContent = text; });
    return p;
  }

  function cited(d) {
    d = unglued(d);
    return "“" + d.start + (d.end ? " … " + d.end : "") + "”";
  }

  function show(d) {
    clear();
    var el = document.getElementById(d.id);
    if (!el) return;
    var shown = textOf(el, false), f = fold(shown.text), at = exact(f.text, d), changed = false;
    if (!at) {
      var rich = textOf(el, true), g = fold(rich.text);
      at = exact(g.text, d);
      if (at) { shown = rich; f = g; }
    }
    if (!at) at = exact(f.text, unglued(d));
    if (!at) { at = fuzzy(f.text, unglued(d)); changed = true; }
    var first = null;
    if (at) first = mark(shown, f.where[at[0]], f.where[at[1] - 1] + 1);
    if (changed) {
      note(el, first ? "The words cited, " + cited(d) + ", have changed since they were cited: the passage marked is what this paragraph now says."
        : "The words cited, " + cited(d) + ", are no longer in this paragraph: it has been revised since they were cited.");
    }
    (first || el).scrollIntoView({ block: "center" });
    document.documentElement.setAttribute("data-cited-phrase", first ? (changed ? "changed" : "found") : "missing");
  }

  /* The words named by the address: the first of `urls` whose directive names the paragraph the
     address names (the hash, where the browser leaves the directive in it). */
  function named(urls) {
    var id = decodeURIComponent(location.hash.slice(1).split(":~:")[0]);
    for (var i = 0; i < urls.length; i++) {
      var d = directive(urls[i]);
      if (d && (!id || d.id === id)) return d;
    }
    return null;
  }

  function run(urls) {
    var d = named(urls);
    if (d) show(d);
  }

  var sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = new URL("edition-phrase.css", ME).href;
  document.head.appendChild(sheet);

  fetch(new URL("propose.json", ME).href).then(function (r) { return r.json(); })
    .then(function (d) { table = { fold: d.fold, spellings: d.spellings }; }, function () { table = null; })
    .then(function () {
      window.editionPhrase = { directive: directive };
      var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
      /* on arriving: the hash, the hashchange that loaded this script (edition.js), the navigation */
      run([location.hash, window.editionPhraseAt, nav && nav.name, document.URL]);
      window.addEventListener("hashchange", function (e) { run([location.hash, e.newURL]); });
    });
})();
