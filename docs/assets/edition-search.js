/*! edition-search.js: minified for the site; the source, with its comments, is docs/assets/edition-search.js in the edition's repository */
/* The edition's search, loaded by edition.js the first time the reader uses the search box
   (or lands from a result with ?h= in the address). The index is static files written after
   the build by hooks/edition/search/: a small manifest, word shards and record chunks. A
   query fetches the manifest, the shards its words need and the records it shows; nothing
   else, and nothing before the search is used.

   Results: one per paragraph of the texts, which come first, then the notes (cross-reference
   index), then the rest of the edition; before all of them, the records that hold a word of the
   query whole (or in its other spelling: "defence" finds "defense"), so that "SCO" lists the
   paragraphs naming the SCO before one that only says "scope". A link lands on the paragraph
   with the words found there highlighted. Keys: / s f open the search (edition.js), Down and Up move through the
   results, Enter opens the first, Escape closes. Words are read exactly as
   hooks/edition/search/words.py reads them. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var BASE = new URL("../", here || location.href);     /* assets/edition-search.js → site root */
  var PAGE = 10;                /* results shown at once */
  var PREFIX_BUDGET = 60000;    /* gzipped bytes of shards one query may fetch for word beginnings */
  var WORD = /[\p{L}\p{M}\p{N}]/u, DIGIT = /\p{Nd}/u, MARKS = /\p{M}/gu;
  var FOLD = { "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9" };

  function fold(s) {
    return s.normalize("NFKD").replace(MARKS, "").replace(/[\u064a\u0649\u0643]/g, function (c) {
      return FOLD[c];
    }).toLowerCase();
  }

  /* [start, end) of each word, in UTF-16 offsets (words.py: spans) */
  function spans(text) {
    var ch = [], at = [], o = 0, out = [];
    for (var c of text) { ch.push(c); at.push(o); o += c.length; }
    at.push(o);
    for (var i = 0; i < ch.length;) {
      if (!WORD.test(ch[i])) { i++; continue; }
      var j = i;
      while (j < ch.length && (WORD.test(ch[j]) || ((ch[j] === "." || ch[j] === ",") && j + 1 < ch.length &&
        DIGIT.test(ch[j - 1]) && DIGIT.test(ch[j + 1])))) j++;
      out.push([at[i], at[j]]);
      i = j;
    }
    return out;
  }

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* ------------------------------------------------------------------ the index */

  var manifest = null, stop = null, cache = {};

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, BASE), path === "search/manifest.json" ? { cache: "no-cache" } : {})
        .then(function (r) {
          if (!r.ok) throw new Error(path + ": HTTP " + r.status);
          return r.json();
        });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function load() {
    return get("search/manifest.json").then(function (m) {
      manifest = m;
      stop = new Set(m.stop);
      return m;
    });
  }

  function terms(query) {
    var out = [];
    spans(query).forEach(function (s) {
      var w = fold(query.slice(s[0], s[1]));
      if ((Array.from(w).length > 1 || DIGIT.test(w)) && !stop.has(w) && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  function hex(s) {
    return Array.from(new TextEncoder().encode(s), function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  /* The shards that hold the words beginning with q: the longest key q begins with, and the
     keys that begin with q, unless those would pass the budget (then whole words only). */
  function plan(q, budget) {
    var keys = manifest.keys, own = null;
    for (var k = q.length; k > 0 && own === null; k--) if (keys.hasOwnProperty(q.slice(0, k))) own = q.slice(0, k);
    var more = Object.keys(keys).filter(function (key) { return key.length > q.length && key.indexOf(q) === 0; });
    var bytes = more.reduce(function (n, key) { return n + keys[key]; }, 0);
    var limited = bytes > budget.left;
    if (limited) more = [];
    else budget.left -= bytes;
    return { keys: (own ? [own] : []).concat(more), limited: limited };
  }

  function kind(n) {
    return n < manifest.kinds[0] ? 0 : n < manifest.kinds[1] ? 1 : 2;
  }

  /* The results of a query, best first. For each word of the query, a record scores by the
     best of the index words it holds that begin with the query word: BM25 (the index's term
     frequency part times the word's rarity), times 0.6 when the record holds only a longer
     word ("scope" for "sco"). Shown: the records that hold the most words of the query. Order:
     first how many query words a record holds whole (the word itself or its other spelling),
     then texts, notes, pages, then the score. tests/test_search.py ranks the same way. */
  function search(query) {
    var qs = terms(query), budget = { left: PREFIX_BUDGET }, limited = [];
    var plans = qs.map(function (q) {
      var p = plan(q, budget);
      if (p.limited) limited.push(q);
      return p;
    });
    return Promise.all(plans.map(function (p) {
      return Promise.all(p.keys.map(function (key) { return get("search/" + manifest.v + "/t/" + hex(key) + ".json"); }));
    })).then(function (shards) {
      var hits = new Map();
      qs.forEach(function (q, i) {
        shards[i].forEach(function (shard) {
          Object.keys(shard).forEach(function (w) {
            if (w.indexOf(q) !== 0 || (plans[i].limited && w !== q)) return;
            /* A spelling variant's entry lists the words the records write ("defense" for
               "defence"), and the word itself, which some records write too. */
            var e = shard[w], p = Array.isArray(e) ? e : e.p, forms = Array.isArray(e) ? [w] : [w].concat(e.f);
            var df = p.length / 2, idf = Math.log(1 + (manifest.n - df + 0.5) / (df + 0.5));
            var whole = w === q, weight = (whole ? 1 : 0.6) * idf, n = 0;
            for (var j = 0; j < p.length; j += 2) {
              n += p[j];
              var h = hits.get(n);
              if (!h) {
                h = { n: n, whole: qs.map(function () { return 0; }), part: qs.map(function () { return 0; }),
                  forms: new Set() };
                hits.set(n, h);
              }
              var by = whole ? h.whole : h.part;
              by[i] = Math.max(by[i], weight * p[j + 1]);
              forms.forEach(function (f) { h.forms.add(f); });
            }
          });
        });
      });
      var all = Array.from(hits.values()).map(function (h) {
        h.best = h.whole.map(function (s, i) { return s || h.part[i]; });   /* a whole word counts first */
        h.found = h.best.filter(Boolean).length;
        h.exact = h.whole.filter(Boolean).length;
        h.score = h.best.reduce(function (a, b) { return a + b; }, 0);
        return h;
      });
      var most = all.reduce(function (m, h) { return Math.max(m, h.found); }, 0);
      var shown = all.filter(function (h) { return h.found === most; });
      shown.sort(function (a, b) {
        return b.exact - a.exact || kind(a.n) - kind(b.n) || b.score - a.score || a.n - b.n;
      });
      var missing = shown.length ? qs.filter(function (q, i) { return !shown[0].best[i]; }) : [];
      return { terms: qs, results: shown, missing: missing, limited: limited };
    });
  }

  function record(n) {
    var c = manifest.chunks, i = c.length - 1;
    while (c[i] > n) i--;
    return get("search/" + manifest.v + "/d/" + i + ".json").then(function (rows) { return rows[n - c[i]]; });
  }

  /* ------------------------------------------------------------------ highlighting */

  function matcher(words) {
    return function (w) {
      var f = fold(w);
      return words.some(function (t) { return f.indexOf(t) === 0; });
    };
  }

  /* On the page a result opens: the words the record was found by, as the text writes them
     (?h= lists them whole: "defense" for a search for "defence"), and no other word that
     happens to begin like one of them. */
  function exactly(words) {
    var set = new Set(words);
    return function (w) { return set.has(fold(w)); };
  }

  function marked(text, hit, from, to) {
    var out = "", at = from;
    spans(text).forEach(function (s) {
      if (s[0] < from || s[1] > to || !hit(text.slice(s[0], s[1]))) return;
      out += esc(text.slice(at, s[0])) + "<mark>" + esc(text.slice(s[0], s[1])) + "</mark>";
      at = s[1];
    });
    return out + esc(text.slice(at, to));
  }

  /* About 240 characters of the record around its first match. */
  function snippet(text, hit) {
    var sp = spans(text), first = sp.findIndex(function (s) { return hit(text.slice(s[0], s[1])); });
    var k = Math.max(0, first - 8), from = sp.length ? sp[k][0] : 0, to = text.length;
    for (var j = k; j < sp.length; j++) if (sp[j][1] - from > 240) { to = sp[j][1]; break; }
    return (from > 0 ? "… " : "") + marked(text, hit, from, to) + (to < text.length ? " …" : "");
  }

  /* On a page reached from a result: the words of ?h= highlighted in the paragraph (or the
     section) the address points to, then ?h= taken out of the address. */
  function highlightLanding() {
    var params = new URLSearchParams(location.search), h = params.get("h");
    if (h === null) return;
    var words = h.split(/\s+/).map(fold).filter(Boolean), hit = exactly(words);
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    var scope = [];
    if (target && /^H[1-6]$/.test(target.tagName)) {
      for (var el = target.nextElementSibling; el && !(/^H[1-6]$/.test(el.tagName) && el.tagName <= target.tagName);
        el = el.nextElementSibling) scope.push(el);
    } else {
      scope.push(target || document.querySelector("article") || document.body);
    }
    if (words.length) scope.forEach(function (root) { wrap(root, hit); });
    params.delete("h");
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  }

  function wrap(root, hit) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), nodes = [];
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest("a.pnum, sup, script, style, button, mark.search-hit")) {
        nodes.push(walker.currentNode);
      }
    }
    nodes.forEach(function (node) {
      var text = node.nodeValue, at = 0, frag = document.createDocumentFragment(), any = false;
      spans(text).forEach(function (s) {
        if (!hit(text.slice(s[0], s[1]))) return;
        frag.appendChild(document.createTextNode(text.slice(at, s[0])));
        var m = document.createElement("mark");
        m.className = "search-hit";
        m.textContent = text.slice(s[0], s[1]);
        frag.appendChild(m);
        at = s[1];
        any = true;
      });
      if (!any) return;
      frag.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
  }

  /* ------------------------------------------------------------------ the search box */

  function attach(form) {
    var input = form.querySelector("input"), box = form.closest(".md-search");
    var meta = box.querySelector(".md-search-result__meta"), list = box.querySelector(".md-search-result__list");
    var toggle = document.getElementById("__search"), seq = 0, timer = 0;

    function say(text) { meta.textContent = text; }

    function close() {
      if (toggle) toggle.checked = false;
      if (document.activeElement && box.contains(document.activeElement)) document.activeElement.blur();
    }

    function item(h, row, found) {
      var hit = matcher(found.terms.concat(Array.from(h.forms)));
      var url = new URL(row[0], BASE);
      url.searchParams.set("h", Array.from(h.forms).join(" "));
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      li.innerHTML = '<a class="md-search-result__link" href="' + esc(url.href) + '">' +
        '<article class="md-search-result__article md-typeset" dir="auto">' +
        '<div class="md-search-result__icon md-icon"></div>' +
        "<h1>" + marked(row[1], hit, 0, row[1].length) + "</h1>" +
        (row[2] ? "<p>" + snippet(row[2], hit) + "</p>" : "") +
        (found.missing.length ? '<p class="md-search-result__terms">Missing: ' +
          found.missing.map(function (t) { return "<del>" + esc(t) + "</del>"; }).join(" ") + "</p>" : "") +
        "</article></a>";
      return li;
    }

    function more(found, from, mine) {
      var part = found.results.slice(from, from + PAGE);
      return Promise.all(part.map(function (h) { return record(h.n); })).then(function (rows) {
        if (mine !== seq) return;
        var old = list.querySelector(".search-more");
        if (old) old.remove();
        rows.forEach(function (row, i) { list.appendChild(item(part[i], row, found)); });
        var left = found.results.length - from - PAGE;
        if (left > 0) {
          var li = document.createElement("li");
          li.className = "search-more";
          var b = document.createElement("button");
          b.type = "button";
          b.className = "md-button";
          b.textContent = "Show " + Math.min(left, PAGE) + " more of " + left;
          b.addEventListener("click", function () {
            var next = list.children.length - 1;
            more(found, from + PAGE, mine).then(function () {
              var a = list.children[next] && list.children[next].querySelector("a");
              if (a) a.focus();
            });
          });
          li.appendChild(b);
          list.appendChild(li);
        }
      });
    }

    function summary(found) {
      var n = found.results.length, texts = found.results.filter(function (h) { return kind(h.n) === 0; }).length;
      if (!found.terms.length) return "Type a word of two letters or more.";
      if (!n) return "No results for " + found.terms.map(function (t) { return "“" + t + "”"; }).join(" ") + ".";
      var out = n + (n === 1 ? " result" : " results") + ": " + texts + (texts === 1 ? " paragraph" : " paragraphs") +
        " of the texts, " + (n - texts) + " elsewhere.";
      if (found.missing.length) out += " None has every word.";
      if (found.limited.length) {
        out += " Too many words begin with " + found.limited.map(function (t) { return "“" + t + "”"; }).join(", ") +
          ": whole words only; type more letters.";
      }
      return out;
    }

    function run() {
      var mine = ++seq, query = input.value;
      list.textContent = "";
      if (!query.trim()) { say("Type to start searching"); return; }
      say("Searching…");
      list.removeAttribute("data-query");
      load().then(function () { return search(query); }).then(function (found) {
        if (mine !== seq) return;
        return more(found, 0, mine).then(function () {
          if (mine !== seq) return;
          say(summary(found));                      /* announced when the results are there */
          list.setAttribute("data-query", query);   /* what the list shows the results of */
        });
      }).catch(function (err) {
        if (mine === seq) say("The search could not load its index (" + err.message + "). Try again later.");
      });
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var a = list.querySelector("a");
      if (a) a.click();
    });
    form.addEventListener("reset", function () { setTimeout(run, 0); input.focus(); });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(); return; }
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var stops = [input].concat(Array.from(list.querySelectorAll("a, button")));
      var i = stops.indexOf(document.activeElement);
      if (i < 0) return;
      e.preventDefault();
      stops[Math.max(0, Math.min(stops.length - 1, i + (e.key === "ArrowDown" ? 1 : -1)))].focus();
    });
    list.addEventListener("click", function (e) {
      var a = e.target.closest("a");
      if (a && a.pathname === location.pathname) close();   /* the same page: only the hash changes */
    });
    run();
  }

  /* How this script reads a text into words, and the order it gives the results of a query
     (their addresses), for the tests to compare with words.py and with tests/test_search.py. */
  window.editionSearch = {
    read: function (text) { return spans(text).map(function (s) { return fold(text.slice(s[0], s[1])); }); },
    rank: function (query) {
      return load().then(function () { return search(query); }).then(function (found) {
        return Promise.all(found.results.map(function (h) {
          return record(h.n).then(function (row) { return { url: row[0], exact: h.exact, forms: Array.from(h.forms) }; });
        }));
      });
    }
  };
  highlightLanding();
  var form = document.querySelector("form.edition-search");
  if (form) attach(form);
})();
