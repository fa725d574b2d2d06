/*! edition-propose.js: minified for the site; the source, with its comments, is docs/assets/edition-propose.js in the edition's repository */
/* "Propose a cross-reference": a reader selects a passage in one text and its counterpart in
   the other, chooses the relation and the topics, gives a title and a note, and gets the
   annotation file as an editor would write it (sources/annotations/<id>.yml), to send as a
   pull request (GitHub's "new file" page, prefilled), to download or to copy.

   Loaded by edition.js on a reading page or the compare page when the reader first selects
   text there (or when a proposal begun on another page is pending). It fetches
   assets/propose.json (hooks/edition/exports/propose.py): each block's reading text, from
   which the quote is taken (never from the page, so that paragraph numbers, note markers,
   relation signs and Cite buttons never enter it), the relations and topics, the ids given
   out, and the repository. The rules are those of `make check` (hooks/edition/annotations.py,
   quotes.py): a quote stands within one block and begins and ends with whole words; folded
   (curly and straight quotes, dashes, white space) it must occur once in its text, or carry
   the words before it (prefix) or after it (suffix) that make it unique; a cross-reference
   joins the title, standfirst, headings or body paragraphs of two texts; an editorial note
   quotes one passage of any block. The proposal in progress is kept in sessionStorage, so
   that the second passage may be selected after following a link to the other text.

   "Cite" stands beside "Propose" when the selection lies in one body paragraph: a dialog like the
   paragraph's Cite dialog (edition-cite.js, whose parts it uses), whose citations quote the words exactly and link to them
   with a text fragment (see phraseOf below; edition-phrase.js honours such a link). */
(function () {
  "use strict";
  /* Under Node, without a page (tests/test_propose_writer.py), only the file writer: the pure
     functions below, which hoist. In a browser `document` is always defined, so this is inert. */
  if (typeof document === "undefined" && typeof module === "object" && module && module.exports) {
    module.exports = { file: file, unpaired: unpaired };
    return;
  }
  var ME = document.currentScript && document.currentScript.src;
  var KEY = "edition.propose";
  var SKIP = "a.pnum, button, sup, .headerlink, .block-label, .propose-pop";
  var data = null, pop = null, bar = null, current = null, phrase = null, timer = 0;

  /* ---------------------------------------------------------------- text, as make check reads it */

  /* The folded text and, for each of its characters, the offset it came from (text.py: fold). */
  function fold(text) {
    var out = [], where = [], space = true;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (ch === "\\" && text[i + 1] === "$") { i++; ch = "$"; }
      if (Object.prototype.hasOwnProperty.call(data.fold, ch)) ch = data.fold[ch];
      if (ch === "") continue;
      if (/\s/.test(ch)) {
        if (!space) { out.push(" "); where.push(i); space = true; }
        continue;
      }
      out.push(ch); where.push(i); space = false;
    }
    if (out[out.length - 1] === " ") { out.pop(); where.pop(); }
    return { text: out.join(""), where: where };
  }

  function folded(s) { return fold(s.normalize("NFC")).text; }

  function word(ch) { return !!ch && /[\p{L}\p{M}\p{N}]/u.test(ch); }

  function blocksOf(sid) { return data.sources[sid].blocks; }

  /* Every place where the folded quote stands in a text, with the prefix before it and the
     suffix after it when given (quotes.py: QuoteIndex.find). */
  function places(sid, q, pre, suf) {
    var n = 0;
    blocksOf(sid).forEach(function (b) {
      var t = b.folded || (b.folded = fold(b.text).text);
      for (var i = t.indexOf(q); i !== -1; i = t.indexOf(q, i + 1)) {
        if ((!pre || t.slice(0, i).trimEnd().endsWith(pre)) && (!suf || t.slice(i + q.length).trimStart().startsWith(suf))) n++;
      }
    });
    return n;
  }

  /* The words of `text` before `at` (prefix) or after it (suffix), the fewest that make the
     quote unique, or null. */
  function context(sid, block, start, end, q) {
    var text = block.text, before = text.slice(0, start), after = text.slice(end);
    var bw = before.trimEnd().split(/\s+/).filter(Boolean), aw = after.trimStart().split(/\s+/).filter(Boolean);
    for (var k = 1; k <= Math.max(bw.length, aw.length); k++) {
      var pre = bw.slice(-k).join(" "), suf = aw.slice(0, k).join(" ");
      if (k <= bw.length && places(sid, q, folded(pre), "") === 1) return { prefix: exact(before, k, true) };
      if (k <= aw.length && places(sid, q, "", folded(suf)) === 1) return { suffix: exact(after, k, false) };
    }
    return null;
  }

  /* The last (or first) k words of s, exactly as the reading text has them. */
  function exact(s, k, last) {
    var re = last ? new RegExp("(\\S+\\s+){" + (k - 1) + "}\\S+\\s*$") : new RegExp("^\\s*(\\S+\\s+){" + (k - 1) + "}\\S+");
    return s.match(re)[0].trim();
  }

  /* ---------------------------------------------------------------- the selection */

  function pageSource() {
    var m = location.pathname.match(/\/texts\/([^/]+)\/?/);
    return m && data.sources[m[1]] ? m[1] : null;
  }

  /* The block an element stands in: [source id, block] or null. */
  function blockOf(el) {
    var own = pageSource();
    for (; el && el !== document.body; el = el.parentElement) {
      if (!el.id) continue;
      if (own) {
        var b = blocksOf(own).find(function (x) { return x.id === el.id; });
        if (b) return [own, b, el];
      }
      for (var sid in data.sources) {
        if (el.id.indexOf(sid + "-") === 0) {
          var id = el.id.slice(sid.length + 1);
          var c = blocksOf(sid).find(function (x) { return x.id === id; });
          if (c) return [sid, c, el];
        }
      }
    }
    return null;
  }

  function where(sid, b) {
    var s = data.sources[sid].short;
    return b.number ? s + " ¶" + b.number : s + ", " + (data.kinds[b.kind] || b.kind).toLowerCase();
  }

  /* The text nodes of a block as the page shows it, without what the edition adds to it. */
  function textOf(el) {
    return document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
  }

  /* The blocks of this page whose text, as shown, is not their reading text (for the tests:
     a passage there could not be proposed). */
  function mismatches() {
    var out = [], seen = 0;
    document.querySelectorAll("article [id]").forEach(function (e) {
      var at = blockOf(e);
      if (!at || at[2] !== e) return;
      seen++;
      var w = textOf(e), shown = "";
      for (var t = w.nextNode(); t; t = w.nextNode()) shown += t.data;
      if (fold(shown).text !== fold(at[1].text).text) out.push(e.id);
    });
    return { blocks: seen, mismatched: out };
  }

  var ACROSS = "A passage stands within one paragraph: select words of one paragraph only (quote each part of a longer point as a passage of its own).";
  var NOT_TEXT = "Select words of the text itself, not a paragraph number or a note marker.";

  /* What a selection holds within one block: the block, the words (made whole) as offsets in its
     reading text (start, end) and in its text as shown (sStart, sEnd; `shown` leaves out what the
     edition adds, and `breaks` are the places of `shown` where the edition added something, a note
     marker for instance), or {error, across?}, or null. */
  function selected(sel) {
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    var range = sel.getRangeAt(0);
    var node = function (n) { return n.nodeType === 1 ? n : n.parentElement; };
    var a = blockOf(node(range.startContainer)), z = blockOf(node(range.endContainer));
    if (!a && !z) return null;
    if (!a || !z || a[2] !== z[2]) return { error: ACROSS, across: true };
    var sid = a[0], block = a[1], el = a[2];
    /* The block's text as shown, without what the edition adds to it, and the selection in it. */
    var shown = "", from = -1, to = -1, breaks = [], marks = {};
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (var t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t.parentElement.closest(SKIP)) {
        if (breaks[breaks.length - 1] !== shown.length) { breaks.push(shown.length); marks[shown.length] = ""; }
        if (t.parentElement.closest("sup")) marks[shown.length] += t.data;    /* a note marker, as the page shows it */
        continue;
      }
      if (range.intersectsNode(t)) {
        var s = t === range.startContainer ? range.startOffset : 0;
        var e = t === range.endContainer ? range.endOffset : t.length;
        if (from === -1) from = shown.length + s;
        to = shown.length + e;
      }
      shown += t.data;
    }
    if (from === -1 || to <= from) return { error: NOT_TEXT };
    var fs = fold(shown), fr = fold(block.text);
    if (fs.text !== fr.text) {
      return { error: "This passage could not be matched with the edition's reading text; please propose it as CONTRIBUTING describes." };
    }
    var i = 0;
    while (i < fs.where.length && fs.where[i] < from) i++;
    var j = fs.where.length;
    while (j > i && fs.where[j - 1] >= to) j--;
    if (j <= i) return { error: NOT_TEXT };
    var start = fr.where[i], end = fr.where[j - 1] + 1, text = block.text;
    while (start > 0 && word(text[start - 1]) && word(text[start])) start--;      /* whole words */
    while (end < text.length && word(text[end - 1]) && word(text[end])) end++;
    var quote = text.slice(start, end).trim();
    start = text.indexOf(quote, start);
    end = start + quote.length;
    /* the same words in the text as shown */
    var k = 0, k2 = fr.where.length - 1;
    while (k < fr.where.length - 1 && fr.where[k] < start) k++;
    while (k2 > k && fr.where[k2] >= end) k2--;
    return { sid: sid, block: block, el: el, quote: quote, start: start, end: end,
      shown: shown, sStart: fs.where[k], sEnd: fs.where[k2] + 1, breaks: breaks, marks: marks };
  }

  /* The passage a selection makes: {source, block, quote, prefix?, suffix?} or {error}. */
  function passageOf(sel) {
    var s = selected(sel);
    if (!s || s.error) return s && { error: s.error };
    var sid = s.sid, block = s.block, quote = s.quote, start = s.start, end = s.end;
    var q = folded(quote);
    if (q.length < data.min_quote) return { error: "Select at least a few words: the words that make the point." };
    var p = { source: sid, block: block.id, kind: block.kind, where: where(sid, block), quote: quote };
    if (places(sid, q, "", "") > 1) {
      var c = context(sid, block, start, end, q);
      if (!c) return { error: "These words occur more than once in the text, and the words around them do not tell the places apart: select a longer passage." };
      if (c.prefix) p.prefix = c.prefix;
      if (c.suffix) p.suffix = c.suffix;
    }
    return p;
  }

  /* ---------------------------------------------------------------- cite a phrase */

  /* "Cite" beside "Propose": the words selected in one paragraph, quoted exactly, with a link to
     them, the paragraph's anchor and a text fragment (WICG scroll-to-text-fragment):
     texts/<id>/#p4:~:text=[prefix-,]start[,end][,-suffix]. A browser that knows text fragments
     scrolls to the words and marks them; one that does not lands on the paragraph; and the
     edition's own script (edition-phrase.js) marks them in every browser. A phrase of more than
     ten words, or one that runs across a note marker, is linked by its first and last words
     (textStart,textEnd); words that stand more than once get the words before (prefix) or after
     (suffix) them that tell the places apart, in the text and, failing that, in the paragraph. */
  var CITE_ACROSS = "A phrase is cited within one paragraph: select words of one paragraph only, or cite each paragraph by its own Cite button.";

  function squash(t) { return t.replace(/\s+/g, " ").trim(); }
  function low(t) { return fold(t.normalize("NFC")).text.toLowerCase(); }

  /* A term of a text directive: percent-encoded, with the characters the directive's syntax uses
     (-, &, ,) and the other reserved characters of a URL among them. */
  function term(t) {
    return encodeURIComponent(t).replace(/[-!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }

  function count(texts, q, pre, suf) {
    var n = 0;
    texts.forEach(function (t) {
      for (var i = t.indexOf(q); i !== -1; i = t.indexOf(q, i + 1)) {
        if ((!pre || t.slice(0, i).trimEnd().endsWith(pre)) && (!suf || t.slice(i + q.length).trimStart().startsWith(suf))) n++;
      }
    });
    return n;
  }

  function phraseOf(s) {
    if (!s) return null;
    if (s.error) return s.across ? { error: CITE_ACROSS } : null;
    if (!s.block.number) return null;                        /* only a body paragraph has an anchor */
    var seg = s.shown.slice(s.sStart, s.sEnd), inner = s.breaks.filter(function (b) { return b > s.sStart && b < s.sEnd; });
    var words = squash(seg).split(" "), f = {};
    if (!inner.length && words.length <= 10) f.start = squash(seg);
    else {
      f.start = squash(s.shown.slice(s.sStart, inner.length ? inner[0] : s.sEnd)).split(" ").slice(0, 4).join(" ");
      f.end = squash(s.shown.slice(inner.length ? inner[inner.length - 1] : s.sStart, s.sEnd)).split(" ").slice(-4).join(" ");
      if (!f.end) delete f.end;
    }
    /* the words before and after, as far as the nearest thing the edition added */
    var lo = 0, hi = s.shown.length;
    s.breaks.forEach(function (b) { if (b <= s.sStart) lo = b; if (b >= s.sEnd && hi === s.shown.length) hi = b; });
    var before = squash(s.shown.slice(lo, s.sStart)).split(" ").filter(Boolean);
    var after = squash(s.shown.slice(s.sEnd, hi)).split(" ").filter(Boolean);
    var para = [low(s.block.text)];
    var all = blocksOf(s.sid).map(function (b) { return b.lowered || (b.lowered = low(b.text)); });
    /* A browser takes the first place of textStart in the page (after the prefix), then the first
       textEnd after it: textStart is lengthened until it stands once in the text, if it can be. */
    if (f.end) {
      var run = squash(s.shown.slice(s.sStart, inner.length ? inner[0] : s.sEnd)).split(" ");
      var most = inner.length ? run.length : run.length - 4;
      for (var w = 4; w < most && count(all, low(f.start), "", "") > 1; w++) f.start = run.slice(0, w + 1).join(" ");
    }
    var q = low(f.end ? f.start : s.quote);
    /* A term that ends where a note marker follows, with no space between (Kazakhstan⁴³), ends
       with the marker's digits, as the page shows them: a browser matches whole words only, and
       takes "Kazakhstan43" for one word. (edition-phrase.js reads such a term either way.) */
    var glued = function (at) { return s.marks[at] && !/\s/.test(s.shown[at - 1] || " ") ? s.marks[at] : ""; };
    if (f.end) {
      if (inner.length && squash(s.shown.slice(s.sStart, inner[0])) === f.start) f.start += glued(inner[0]);
      f.end += glued(s.sEnd);
    } else f.start += glued(s.sEnd);
    [all, para].some(function (texts) {
      if (count(texts, q, "", "") <= 1) return true;
      for (var k = 1; k <= Math.max(before.length, after.length); k++) {
        var pre = before.slice(-k).join(" "), suf = after.slice(0, k).join(" ");
        if (k <= before.length && count(texts, q, low(pre), "") === 1) { f.prefix = pre; return true; }
        /* a suffix tells apart only the words themselves, not where a range starts */
        if (!f.end && k <= after.length && count(texts, q, "", low(suf)) === 1) { f.suffix = suf; return true; }
      }
      return false;
    });
    var directive;
    try {
      directive = "text=" + (f.prefix ? term(f.prefix) + "-," : "") + term(f.start) + (f.end ? "," + term(f.end) : "") +
        (f.suffix ? ",-" + term(f.suffix) : "");
    } catch (e) { return null; }                              /* half of a surrogate pair: no address */
    return { sid: s.sid, n: s.block.number, quote: s.quote, where: where(s.sid, s.block), fragment: f,
      hash: "#p" + s.block.number + ":~:" + directive };
  }

  /* A citation template of the build (citation.py: plain text, or escaped text with <i>…</i>)
     as the nodes of `into`, filled: made with text nodes and <i> elements, never parsed as HTML. */
  function styled(into, html, fillIn) {
    var un = function (t) {
      return t.replace(/&(lt|gt|quot|#x27|amp);/g, function (m, e) { return { lt: "<", gt: ">", quot: "\"", "#x27": "'", amp: "&" }[e]; });
    };
    html.split(/(<i>[\s\S]*?<\/i>)/).forEach(function (part) {
      if (!part) return;
      var it = /^<i>([\s\S]*)<\/i>$/.exec(part);
      if (it) into.appendChild(el("i", {}, fillIn(un(it[1]))));
      else into.appendChild(document.createTextNode(fillIn(un(part))));
    });
  }

  function tex(t) {
    t = squash(t).replace(/\\/g, "\\textbackslash{}").replace(/[&%$#_{}]/g, "\\$&");
    return t.replace(/~/g, "\\textasciitilde{}").replace(/\^/g, "\\textasciicircum{}");
  }

  /* The text's reference-manager records with the phrase: where it was read is the link to the
     words, and the words are quoted in a note. */
  function records(c, link) {
    var src = data.sources[c.sid], r = src.records, cited = src.cite.cited, said = "Quoted, paragraph " + c.n + ": “" + squash(c.quote) + "”";
    var bib = r.bib.replace("\\url{" + cited + "}", "\\url{" + link.replace(/[%#]/g, "\\$&") + "}")
      .replace(/\n}\n$/, ",\n  note = {" + tex(said) + "}\n}\n");
    var ris = r.ris.split("\r\n").map(function (line) {
      return /^N1 {2}- /.test(line) ? line.split(cited).join(link) : line;
    });
    ris.splice(ris.indexOf("ER  - "), 0, "N1  - " + said);
    var csl = r.csl.map(function (item) {
      var x = JSON.parse(JSON.stringify(item));
      x.archive_location = link;
      x.note = (x.note ? x.note + "\n" : "") + said;
      return x;
    });
    return [["BibTeX (biblatex)", "bib", "application/x-bibtex", bib], ["RIS", "ris", "application/x-research-info-systems", ris.join("\r\n")],
      ["CSL-JSON", "csl.json", "application/vnd.citationstyles.csl+json", JSON.stringify(csl, null, 1) + "\n"]];
  }

  /* The paragraph's Cite dialog (edition-cite.js) lends its styles, the filling of a template, the
     day of access and the copying; it is loaded here if no Cite button has loaded it yet. */
  var citeLoading = null;

  function citeParts(then) {
    if (window.editionCite && window.editionCite.parts) { then(window.editionCite.parts); return; }
    if (!citeLoading) {
      citeLoading = document.createElement("script");
      citeLoading.src = new URL("edition-cite.js", ME).href;
      document.head.appendChild(citeLoading);
    }
    citeLoading.addEventListener("load", function () { then(window.editionCite.parts); });
  }

  /* The dialog: as the paragraph's Cite dialog (edition-cite.js), for the words. */
  function cite(c) {
    hidePop();
    citeParts(function (parts) { citeDialog(c, parts); });
  }

  function citeDialog(c, parts) {
    var src = data.sources[c.sid], cd = src.cite, copy = parts.copy, fill = parts.fill;
    var old = document.getElementById("cite-phrase-dialog");
    if (old) old.remove();
    var d = el("dialog", { id: "cite-phrase-dialog", "class": "cite-dialog cite-phrase-dialog md-typeset", "aria-labelledby": "cite-phrase-title" });
    var head = el("div", { "class": "cite-head" });
    head.appendChild(el("h2", { id: "cite-phrase-title" }, "Cite these words"));
    var close = el("button", { type: "button", "class": "md-button cite-close" }, "Close");
    close.addEventListener("click", function () { d.close(); });
    head.appendChild(close);
    d.appendChild(head);
    d.appendChild(el("p", { "class": "cite-phrase-words" }, c.where + ": “" + c.quote + "”"));
    var rows = el("div", { "class": "cite-rows" }), status = el("p", { "class": "cite-status", role: "status", "aria-live": "polite" });
    var row = function (label, key, build) {
      var r = el("div", { "class": "cite-row" });
      r.appendChild(el("p", { "class": "cite-label" }, label));
      var t = el("p", { "class": "cite-text", "data-style": key });
      build(t);
      r.appendChild(t);
      var b = el("button", { type: "button", "class": "md-button cite-copy", "aria-label": "Copy " + label + (/^Link/.test(label) ? "" : " citation") }, "Copy");
      b.addEventListener("click", function () { copy(t.textContent, t.innerHTML, status, label); });
      r.appendChild(b);
      rows.appendChild(r);
    };
    var latest = cd.page + c.hash, url = cd.cited + c.hash;
    row("Link to these words (current version)", "link", function (t) { t.textContent = latest; });
    if (cd.versionPage) row("Link to these words in version " + cd.version, "version-link", function (t) { t.textContent = cd.versionPage + c.hash; });
    parts.styles.forEach(function (st) {
      var access = parts.accessed(st[0], cd.months);
      row(st[1], st[0], function (t) {
        t.appendChild(document.createTextNode("“" + c.quote + "” "));
        styled(t, cd.styles[st[0]].html, function (x) { return fill(x, c.n, url, url, access); });
      });
    });
    d.appendChild(rows);
    var files = el("p", { "class": "cite-phrase-files" }, "For a reference manager, with the words and their link: ");
    records(c, url).forEach(function (f) {
      files.appendChild(el("a", { "class": "md-button cite-phrase-file", download: c.sid + "-p" + c.n + "-words." + f[1],
        href: URL.createObjectURL(new Blob([f[3]], { type: f[2] })) }, f[0]));
      files.appendChild(document.createTextNode(" "));
    });
    d.appendChild(files);
    d.appendChild(status);
    document.body.appendChild(d);
    d.addEventListener("close", function () { d.remove(); });
    d.showModal();
  }

  /* ---------------------------------------------------------------- the proposal in progress */

  function state() {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || null; } catch (e) { return null; }
  }

  function save(s) {
    try {
      if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
      else sessionStorage.removeItem(KEY);
    } catch (e) { /* private mode: kept on this page only */ }
    memory = s;
  }

  var memory = null;
  function pending() { return state() || memory; }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function quoted(p) {
    return p.where + ": “" + (p.prefix ? "… " : "") + p.quote + (p.suffix ? " …" : "") + "”";
  }

  /* The small control beside a selection (after its paragraph in the page's order, so that Tab
     from the selection reaches it). */
  function showPop(p, blockEl, c) {
    hidePop();
    var first = pending() && pending().first;
    pop = el("div", { "class": "propose-pop", role: "group", "aria-label": "Propose or cite" });
    if (p.error) {
      pop.appendChild(el("p", { "class": "propose-error", role: "alert" }, p.error));
    } else if (first && first.source === p.source) {
      pop.appendChild(el("p", { "class": "propose-error", role: "alert" },
        "The second passage is in the other text: select it there, or write an editorial note on the first."));
    } else if (data.xref_kinds.indexOf(p.kind) === -1) {
      pop.appendChild(el("p", { "class": "propose-error", role: "alert" }, "This is the " +
        (data.kinds[p.kind] || p.kind).toLowerCase() + ": a cross-reference joins the articles’ own words " +
        "(title, standfirst, headings, paragraphs), but an editorial note may quote it."));
      if (!first) {
        var e = el("button", { type: "button", "class": "md-button propose-note" }, "Propose an editorial note");
        e.addEventListener("click", function () { save({ first: p, editorial: true }); hidePop(); form(); });
        pop.appendChild(e);
      }
    } else {
      var b = el("button", { type: "button", "class": "md-button md-button--primary propose-go" },
        first ? "Use as the second passage" : "Propose a cross-reference");
      b.addEventListener("click", function () { take(p); });
      pop.appendChild(b);
      if (!first) {
        var n = el("button", { type: "button", "class": "md-button propose-note" }, "Propose an editorial note");
        n.addEventListener("click", function () { save({ first: p, editorial: true }); hidePop(); form(); });
        pop.appendChild(n);
      }
    }
    if (c && c.error) pop.appendChild(el("p", { "class": "propose-error cite-phrase-error", role: "alert" }, c.error));
    else if (c) {
      var ct = el("button", { type: "button", "class": "md-button cite-phrase-go", "aria-label": "Cite these words" }, "Cite");
      ct.addEventListener("click", function () { cite(c); });
      pop.appendChild(ct);
    }
    blockEl.insertAdjacentElement("afterend", pop);
    var r = window.getSelection().getRangeAt(0).getBoundingClientRect();
    var box = pop.offsetParent ? pop.offsetParent.getBoundingClientRect() : { left: 0, top: 0 };
    pop.style.top = (r.bottom - box.top + 6) + "px";
    pop.style.left = Math.max(0, Math.min(r.left - box.left, (pop.offsetParent || document.body).clientWidth - pop.offsetWidth)) + "px";
  }

  function hidePop() {
    if (pop) pop.remove();
    pop = null;
  }

  function take(p) {
    var s = pending();
    hidePop();
    if (s && s.first && s.first.source !== p.source) {
      s.second = p;
      save(s);
      form();
    } else {
      save({ first: p });
      showBar();
    }
    window.getSelection().removeAllRanges();
  }

  /* What is held, and what to do next: shown at the foot of the screen on every page. */
  function showBar() {
    if (bar) bar.remove();
    bar = null;
    var s = pending();
    if (!s || !s.first || s.second || s.editorial) return;
    bar = el("aside", { "class": "propose-bar md-typeset", "aria-label": "Proposal in progress" });
    bar.appendChild(el("p", {}, "First passage, " + quoted(s.first)));
    /* On a phone the bar is one line, this button opens the rest (edition-propose.css hides it
       on a wider screen, where the bar is always whole). */
    var more = el("button", { type: "button", "class": "md-button propose-bar-toggle", "aria-expanded": "false" }, "More");
    more.addEventListener("click", function () {
      var open = bar.classList.toggle("propose-bar--open");
      more.setAttribute("aria-expanded", String(open));
      more.textContent = open ? "Less" : "More";
    });
    bar.appendChild(more);
    var others = Object.keys(data.sources).filter(function (sid) { return sid !== s.first.source; });
    var next = el("p", { role: "status" }, "Now select the counterpart in the other text" + (document.querySelector(".compare") ? ", in the other column" : "") + ", and choose “Use as the second passage”. ");
    others.forEach(function (sid) {
      if (pageSource() === sid) return;
      var a = el("a", { href: new URL("../" + data.sources[sid].page, ME).href }, "Go to " + data.sources[sid].short + "’s text");
      next.appendChild(a);
      next.appendChild(document.createTextNode(" "));
    });
    bar.appendChild(next);
    var note = el("button", { type: "button", "class": "md-button" }, "Make it an editorial note instead");
    note.addEventListener("click", function () { s.editorial = true; save(s); showBar(); form(); });
    var cancel = el("button", { type: "button", "class": "md-button" }, "Cancel the proposal");
    cancel.addEventListener("click", function () { save(null); showBar(); });
    bar.appendChild(note);
    bar.appendChild(cancel);
    document.body.appendChild(bar);
  }

  /* ---------------------------------------------------------------- the form and the file */

  function slug(title) {
    var s = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9\s-]/g, "").trim().replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "");
    if (s.length > 60) s = s.slice(0, 60).replace(/-[^-]*$/, "");
    return s;
  }

  function newId(title, editorial) {
    var base = slug(title) || "proposal";
    if (editorial && base.indexOf("ed-") !== 0) base = "ed-" + base;
    var id = base, n = 1;
    while (data.ids.indexOf(id) !== -1) id = base + "-" + (++n);
    return id;
  }

  /* The annotation file, written so that it reads back as exactly what was typed, each value in
     its own field, one document (tests/test_propose_writer.py). An id, a relation, a topic or a
     source stands as it is when YAML reads it back unchanged (`id: border-integrity`); every
     other value is in double quotes, with an escape for each character YAML would read
     otherwise or a reader would not see: `"` and `\`, the control characters (C0, DEL, C1), the
     characters YAML takes for a line break (LF, CR, NEL, U+2028, U+2029), the bidirectional
     controls, the byte-order mark and the noncharacters U+FFFE and U+FFFF. (`make check` refuses
     the controls and the bidirectional controls, text.py: FORBIDDEN, at their field's line: the
     file makes sure that what it refuses is what was typed.) The note is a literal block, as in
     CONTRIBUTING's template, when a block can hold it exactly (`note: |` when it ends with a
     line break, `note: |-` when it does not: `|` would add one), and quoted otherwise. Nothing is trimmed or normalised here (the form
     trims the title, as it reads an input). Half of a surrogate pair cannot be written as UTF-8
     at all: the form refuses it (unpaired), and file() throws rather than write a wrong file. */
  function str(s) {
    var short = { "\\": "\\\\", "\"": "\\\"", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
    return "\"" + s.replace(/[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g, function (c) {
      return short[c] || "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    }) + "\"";
  }

  /* An id, a relation, a topic or a source: plain when YAML reads it back as that string (not
     as a number, nor as one of the words YAML 1.1 reads as true, false or null). */
  function plain(s) {
    return /^[a-z][a-z0-9-]*$/.test(s) && !/^(?:y|n|yes|no|true|false|on|off|null)$/.test(s) ? s : str(s);
  }

  /* The note as a literal block (its lines indented by two spaces), or quoted. The block needs
     a first character that sets its indentation (not a space, a tab or a line break), none that
     str() escapes but the quotes, the backslash, tab and LF, and at most one final line break
     (`|` keeps one, `|-` none). */
  function note(s) {
    if (!s || /^[ \t\n]/.test(s) || /\n\n$/.test(s) ||
        /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/.test(s)) return [str(s)];
    var one = s.charAt(s.length - 1) === "\n";
    var lines = (one ? s.slice(0, -1) : s).split("\n").map(function (l) { return l ? "  " + l : ""; });
    return [one ? "|" : "|-"].concat(lines);
  }

  /* The first field that holds half of a surrogate pair ("title", "quote"…), or "". */
  function unpaired(s, f) {
    var half = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
    var fields = [["id", f.id], ["title", f.title], ["relation", f.relation]];
    f.topics.forEach(function (t) { fields.push(["topic", t]); });
    passagesOf(s).forEach(function (p) {
      fields.push(["source", p.source], ["quote", p.quote], ["prefix", p.prefix || ""], ["suffix", p.suffix || ""]);
    });
    fields.push(["note", f.note]);
    for (var i = 0; i < fields.length; i++) if (half.test(fields[i][1])) return fields[i][0];
    return "";
  }

  function passagesOf(s) { return [s.first].concat(s.editorial ? [] : [s.second]); }

  /* The text of sources/annotations/<id>.yml; `schema` is its first line (a comment). */
  function file(schema, s, f) {
    var bad = unpaired(s, f);
    if (bad) throw new Error("The " + bad + " holds half of a surrogate pair");
    var lines = [schema, "id: " + plain(f.id), "title: " + str(f.title), "relation: " + plain(f.relation),
      "topics: [" + f.topics.map(plain).join(", ") + "]", "passages:"];
    passagesOf(s).forEach(function (p) {
      lines.push("  - source: " + plain(p.source), "    quote: " + str(p.quote));
      if (p.prefix) lines.push("    prefix: " + str(p.prefix));
      if (p.suffix) lines.push("    suffix: " + str(p.suffix));
    });
    var n = note(f.note);
    lines.push("note: " + n[0]);
    return lines.concat(n.slice(1)).join("\n") + "\n";
  }

  function dialog() {
    var d = document.getElementById("propose-dialog");
    if (d) d.remove();
    d = el("dialog", { id: "propose-dialog", "class": "cite-dialog propose-dialog md-typeset", "aria-labelledby": "propose-title" });
    document.body.appendChild(d);
    d.addEventListener("close", function () { d.remove(); });
    return d;
  }

  function form() {
    var s = pending();
    if (!s || !s.first) return;
    var d = dialog();
    var head = el("div", { "class": "cite-head" });
    head.appendChild(el("h2", { id: "propose-title" }, s.editorial ? "Propose an editorial note" : "Propose a cross-reference"));
    var close = el("button", { type: "button", "class": "md-button cite-close" }, "Close");
    close.addEventListener("click", function () { d.close(); });
    head.appendChild(close);
    d.appendChild(head);
    var f = el("form", { "class": "propose-form" });
    var held = el("ul", { "class": "propose-passages" });
    [s.first].concat(s.editorial ? [] : [s.second]).forEach(function (p) { held.appendChild(el("li", {}, quoted(p))); });
    f.appendChild(held);
    var fs = el("fieldset");
    fs.appendChild(el("legend", {}, "Relation"));
    data.relations.filter(function (r) { return (r.texts === 1) === !!s.editorial; }).forEach(function (r, k) {
      var label = el("label", { "class": "propose-choice" });
      var input = el("input", { type: "radio", name: "relation", value: r.id, required: "" });
      if (k === 0 && s.editorial) input.checked = true;
      label.appendChild(input);
      label.appendChild(el("strong", {}, " " + r.symbol + " " + r.label));
      label.appendChild(el("span", {}, " " + r.description));
      fs.appendChild(label);
    });
    f.appendChild(fs);
    var ts = el("fieldset", { "class": "propose-topics" });
    ts.appendChild(el("legend", {}, "Topics (one or more)"));
    data.topics.forEach(function (t) {
      var label = el("label", { "class": "propose-topic" });
      label.appendChild(el("input", { type: "checkbox", name: "topic", value: t.id }));
      label.appendChild(document.createTextNode(" " + t.label));
      ts.appendChild(label);
    });
    f.appendChild(ts);
    var tl = el("label", { "class": "propose-field" }, "Title: what the passages share or dispute ");
    tl.appendChild(el("input", { type: "text", name: "title", required: "", maxlength: "120" }));
    f.appendChild(tl);
    var nl = el("label", { "class": "propose-field" }, "Note: one to four sentences, resting on the texts ");
    nl.appendChild(el("textarea", { name: "note", required: "", rows: "4" }));
    f.appendChild(nl);
    var status = el("p", { "class": "propose-status", role: "status", "aria-live": "polite" });
    f.appendChild(status);
    f.appendChild(el("button", { type: "submit", "class": "md-button md-button--primary" }, "Make the file"));
    f.addEventListener("submit", function (e) {
      e.preventDefault();
      var topics = Array.prototype.map.call(f.querySelectorAll("input[name=topic]:checked"), function (i) { return i.value; });
      if (!topics.length) { status.textContent = "Choose at least one topic."; return; }
      var get = function (name) { return f.elements.namedItem(name); };
      var checked = f.querySelector("input[name=relation]:checked");
      if (!checked) { status.textContent = "Choose the relation."; return; }
      var fields = { relation: checked.value, topics: topics, title: get("title").value.trim(), note: get("note").value };
      fields.id = newId(fields.title, s.editorial);
      var bad = unpaired(s, fields);
      if (bad) { status.textContent = "The " + bad + " holds a broken character (half of a surrogate pair): type it again."; return; }
      result(d, s, fields, file(data.schema, s, fields));
    });
    d.appendChild(f);
    d.appendChild(el("p", { "class": "propose-help" }, "The file can also be written by hand: "));
    d.lastChild.appendChild(el("a", { href: new URL("../contributing/", ME).href }, "Contributing"));
    d.showModal();
  }

  function result(d, s, f, text) {
    var path = data.folder + "/" + f.id + ".yml";
    var out = el("section", { "class": "propose-result", "aria-labelledby": "propose-file" });
    out.appendChild(el("h3", { id: "propose-file" }, path));
    var pre = el("textarea", { "class": "propose-yaml", readonly: "", rows: "12", "aria-label": "The annotation file" });
    pre.value = text;
    out.appendChild(pre);
    var ways = el("p", { "class": "propose-ways" });
    if (data.repo) {
      var gh = el("a", { "class": "md-button md-button--primary propose-github", rel: "noopener",
        href: data.repo + "/new/" + data.branch + "/" + data.folder + "?filename=" + encodeURIComponent(f.id + ".yml") +
          "&value=" + encodeURIComponent(text) }, "Propose it on GitHub");
      ways.appendChild(gh);
    }
    var dl = el("a", { "class": "md-button propose-download", download: f.id + ".yml",
      href: URL.createObjectURL(new Blob([text], { type: "text/yaml" })) }, "Download " + f.id + ".yml");
    ways.appendChild(dl);
    var copy = el("button", { type: "button", "class": "md-button propose-copy" }, "Copy the text");
    var said = el("span", { role: "status", "aria-live": "polite" });
    copy.addEventListener("click", function () {
      var ok = function () { said.textContent = " Copied to the clipboard."; };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(ok, function () { pre.select(); said.textContent = " Select the text and copy it."; });
      else { pre.select(); said.textContent = " Select the text and copy it."; }
    });
    ways.appendChild(copy);
    ways.appendChild(said);
    out.appendChild(ways);
    var how = el("p", {}, "On GitHub, choose “Commit changes…”, then “Propose changes”: the file becomes a pull request, which the editors review; ");
    how.appendChild(el("code", {}, "make check"));
    how.appendChild(document.createTextNode(" checks it there as it checks a file written by hand."));
    out.appendChild(how);
    var old = d.querySelector(".propose-result");
    if (old) old.remove();
    d.appendChild(out);
    save(null);
    showBar();
    out.querySelector(".propose-github, .propose-download").focus();
  }

  /* ---------------------------------------------------------------- start */

  function selectionChanged() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (document.querySelector("dialog[open]")) return;
      var sel = window.getSelection();
      var p = passageOf(sel);
      if (!p) { if (sel.isCollapsed) hidePop(); return; }
      var n = sel.getRangeAt(0).endContainer;
      var at = blockOf(n.nodeType === 1 ? n : n.parentElement) || blockOf(sel.anchorNode.parentElement);
      current = p;
      phrase = phraseOf(selected(sel));
      showPop(p, at[2], phrase);
    }, 250);
  }

  var sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = new URL("edition-propose.css", ME).href;
  document.head.appendChild(sheet);

  /* Tab from a selection goes to the control beside it (a selection holds no focus of its own). */
  function tabToPop(e) {
    if (e.key !== "Tab" || e.shiftKey || !pop || pop.contains(document.activeElement)) return;
    var a = document.activeElement;
    if (a && a !== document.body && !a.closest("article")) return;
    var first = pop.querySelector("button") || pop;
    if (!first.hasAttribute("tabindex") && first === pop) pop.setAttribute("tabindex", "-1");
    e.preventDefault();
    first.focus();
  }

  document.addEventListener("keydown", tabToPop);

  fetch(new URL("propose.json", ME).href).then(function (r) { return r.json(); }).then(function (d) {
    data = d;
    document.addEventListener("selectionchange", selectionChanged);
    showBar();
    var s = pending();
    if (s && s.first && (s.second || s.editorial)) form();
    selectionChanged();
    window.editionPropose = { passageOf: passageOf, mismatches: mismatches, current: function () { return current; },
      phrase: function () { return phrase; }, term: term };
  });
})();
