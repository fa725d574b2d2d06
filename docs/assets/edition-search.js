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
   hooks/edition/search/words.py reads them.

   A phrase in double quotes ("official rhetoric") finds only the records that hold its words
   one after the other (folded as single words are, either spelling): the index lists the
   pairs of neighbouring words by record (b/<n>.json), a phrase of three words or more is
   checked against the records' text. A quote left open makes a phrase of the rest of the
   query. Words outside quotes are found as before, and with the phrases (AND).

   After a query the results can be narrowed to one text, the notes of one relation, one topic
   (f.json, made from the sources); each choice is a button that says how many results it
   holds. The query and the choices are kept in the address (?q=…&text=…&relation=…&topic=…),
   which opens the search with them when the page is loaded again or shared. */
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

  function tokens(text) {
    return spans(text).map(function (s) { return fold(text.slice(s[0], s[1])); });
  }

  /* words.py: QUOTES, parse_query. Phrases (each its folded words) and the words outside quotes. */
  var QUOTES = /["\u201c\u201d\u201e\u00ab\u00bb]/;

  function parseQuery(query) {
    var parts = query.split(QUOTES), phrases = [], seen = {}, free = [], typed = [];
    parts.forEach(function (part, k) {
      if (k % 2) {
        var t = tokens(part);
        if (t.length && !seen[t.join(" ")]) {
          seen[t.join(" ")] = true;
          phrases.push(t);
          typed.push(part.trim().replace(/\s+/g, " "));
        }
      } else {
        free.push(part);
      }
    });
    return { phrases: phrases, typed: typed, free: free.join(" ") };
  }

  /* words.py: variants, canonical, bucket */
  function variants(word) {
    var out = [];
    ((manifest && manifest.spellings) || []).forEach(function (pair) {
      [[pair[0], pair[1]], [pair[1], pair[0]]].forEach(function (d) {
        if (word.indexOf(d[0]) === 0) {
          var alt = d[1] + word.slice(d[0].length);
          if (alt !== word && out.indexOf(alt) < 0) out.push(alt);
        }
      });
    });
    return out;
  }

  function canonical(word) {
    return [word].concat(variants(word)).reduce(function (a, b) { return b < a ? b : a; });
  }

  function bucket(key, n) {
    var h = 0x811c9dc5;
    new TextEncoder().encode(key).forEach(function (b) { h = Math.imul(h ^ b, 0x01000193) >>> 0; });
    return h % n;
  }

  /* [start, end) of each place in text where a phrase stands, its words one after the other */
  function phraseRuns(text, phrases) {
    var sp = spans(text), have = sp.map(function (s) { return canonical(fold(text.slice(s[0], s[1]))); }), out = [];
    phrases.forEach(function (phrase) {
      var want = phrase.map(canonical), k = want.length;
      for (var i = 0; i + k <= have.length; i++) {
        var j = 0;
        while (j < k && have[i + j] === want[j]) j++;
        if (j === k) out.push([sp[i][0], sp[i + k - 1][1]]);
      }
    });
    return out;
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

  function kept(w) { return (Array.from(w).length > 1 || DIGIT.test(w)) && !stop.has(w); }

  /* The words of a query, once each: those outside quotes, then those of the phrases, which
     are found whole (exact[i]), not as word beginnings. */
  function terms(parsed) {
    var out = [], exact = [];
    tokens(parsed.free).forEach(function (w) {
      if (kept(w) && out.indexOf(w) < 0) { out.push(w); exact.push(false); }
    });
    parsed.phrases.forEach(function (phrase) {
      phrase.forEach(function (w) {
        if (kept(w) && out.indexOf(w) < 0) { out.push(w); exact.push(true); }
      });
    });
    return { words: out, exact: exact };
  }

  function hex(s) {
    return Array.from(new TextEncoder().encode(s), function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  /* The shards that hold the words beginning with q: the longest key q begins with, and the
     keys that begin with q, unless those would pass the budget (then whole words only). */
  function plan(q, budget, whole) {
    var keys = manifest.keys, own = null;
    for (var k = q.length; k > 0 && own === null; k--) if (keys.hasOwnProperty(q.slice(0, k))) own = q.slice(0, k);
    if (whole) return { keys: own ? [own] : [], limited: false, whole: true };
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

  /* The records that hold every phrase of three words or more, checked against their text
     (title and text) in the chunks that hold them, VERIFY_CHUNKS at most; a candidate in a
     chunk past that is kept on the evidence of its pairs of words. */
  var VERIFY_CHUNKS = 16;

  function chunkOf(n) {
    var c = manifest.chunks, i = c.length - 1;
    while (c[i] > n) i--;
    return i;
  }

  function verify(candidates, phrases) {
    var long = phrases.filter(function (p) { return p.length > 2; });
    if (!long.length || !candidates) return Promise.resolve(candidates);
    var wanted = [];
    candidates.forEach(function (n) {
      var c = chunkOf(n);
      if (wanted.indexOf(c) < 0 && wanted.length < VERIFY_CHUNKS) wanted.push(c);
    });
    return Promise.all(wanted.map(function (c) { return get("search/" + manifest.v + "/d/" + c + ".json"); }))
      .then(function (parts) {
        var out = new Set();
        candidates.forEach(function (n) {
          var k = wanted.indexOf(chunkOf(n));
          if (k < 0) { out.add(n); return; }
          var row = parts[k][n - manifest.chunks[wanted[k]]];
          var ok = long.every(function (p) {
            return (kind(n) && phraseRuns(row[1], [p]).length) || phraseRuns(row[2], [p]).length;
          });
          if (ok) out.add(n);
        });
        return out;
      });
  }

  /* The records that hold every pair of neighbouring words of the phrases (null: no phrase of
     two words or more). */
  function phraseRecords(phrases) {
    var keys = [];
    phrases.forEach(function (p) {
      var c = p.map(canonical);
      for (var i = 0; i + 1 < c.length; i++) if (keys.indexOf(c[i] + " " + c[i + 1]) < 0) keys.push(c[i] + " " + c[i + 1]);
    });
    if (!keys.length) return Promise.resolve(null);
    return Promise.all(keys.map(function (key) {
      return get("search/" + manifest.v + "/b/" + bucket(key, manifest.pairs) + ".json");
    })).then(function (files) {
      var sets = keys.map(function (key, i) {
        var set = new Set(), n = 0;
        (files[i][key] || []).forEach(function (d) { n += d; set.add(n); });
        return set;
      });
      sets.sort(function (x, y) { return x.size - y.size; });
      var out = new Set();
      sets[0].forEach(function (n) { if (sets.every(function (s) { return s.has(n); })) out.add(n); });
      return verify(out, phrases);
    });
  }

  /* The results of a query, best first. For each word of the query, a record scores by the
     best of the index words it holds that begin with the query word (a word of a phrase: the
     word itself): BM25 (the index's term frequency part times the word's rarity), times 0.6
     when the record holds only a longer word ("scope" for "sco"). With phrases, only the
     records that hold them count. Shown (select): the records that hold the most words of the
     query, then those of the choices that narrow the results. Order: first how many query
     words a record holds whole (the word itself or its other spelling), then texts, notes,
     pages, then the score. tests/test_search.py ranks the same way. */
  function search(query) {
    var parsed = parseQuery(query), t = terms(parsed), qs = t.words, budget = { left: PREFIX_BUDGET }, limited = [];
    var plans = qs.map(function (q, i) {
      var p = plan(q, budget, t.exact[i]);
      if (p.limited) limited.push(q);
      return p;
    });
    return Promise.all([phraseRecords(parsed.phrases)].concat(plans.map(function (p) {
      return Promise.all(p.keys.map(function (key) { return get("search/" + manifest.v + "/t/" + hex(key) + ".json"); }));
    }))).then(function (got) {
      var only = got[0], shards = got.slice(1), hits = new Map();
      function hitOf(n) {
        var h = hits.get(n);
        if (!h) {
          h = { n: n, whole: qs.map(function () { return 0; }), part: qs.map(function () { return 0; }),
            forms: new Set() };
          hits.set(n, h);
        }
        return h;
      }
      qs.forEach(function (q, i) {
        shards[i].forEach(function (shard) {
          Object.keys(shard).forEach(function (w) {
            if (w.indexOf(q) !== 0 || ((plans[i].limited || plans[i].whole) && w !== q)) return;
            /* A spelling variant's entry lists the words the records write ("defense" for
               "defence"), and the word itself, which some records write too. */
            var e = shard[w], p = Array.isArray(e) ? e : e.p, forms = Array.isArray(e) ? [w] : [w].concat(e.f);
            var df = p.length / 2, idf = Math.log(1 + (manifest.n - df + 0.5) / (df + 0.5));
            var whole = w === q, weight = (whole ? 1 : 0.6) * idf, n = 0;
            for (var j = 0; j < p.length; j += 2) {
              n += p[j];
              if (only && !only.has(n)) continue;
              var h = hitOf(n), by = whole ? h.whole : h.part;
              by[i] = Math.max(by[i], weight * p[j + 1]);
              if (!t.exact[i]) forms.forEach(function (f) { h.forms.add(f); });
            }
          });
        });
      });
      if (only) only.forEach(hitOf);           /* a phrase of stop words only ("of the") */
      var all = Array.from(hits.values()).map(function (h) {
        h.best = h.whole.map(function (s, i) { return s || h.part[i]; });   /* a whole word counts first */
        h.found = h.best.filter(Boolean).length;
        h.exact = h.whole.filter(Boolean).length;
        h.score = h.best.reduce(function (a, b) { return a + b; }, 0);
        return h;
      });
      return { terms: qs, exact: t.exact, phrases: parsed.phrases, typed: parsed.typed, all: all, limited: limited,
        empty: !qs.length && !only };
    });
  }

  /* The results shown of what search found: the records that hold the most words of the
     query, narrowed by the choices in sel ({facet: value id}), best first. A choice only takes
     results away: what each holds is at most what "All" holds. */
  function select(found, sel) {
    var most = found.all.reduce(function (m, h) { return Math.max(m, h.found); }, 0);
    var shown = found.all.filter(function (h) { return h.found === most; });
    Object.keys(sel || {}).forEach(function (name) {
      if (!sel[name] || !facets || !facets.byId[name] || !facets.byId[name][sel[name]]) return;
      var set = facets.byId[name][sel[name]].set;
      shown = shown.filter(function (h) { return set.has(h.n); });
    });
    shown.sort(function (a, b) {
      return b.exact - a.exact || kind(a.n) - kind(b.n) || b.score - a.score || a.n - b.n;
    });
    var missing = shown.length ? found.terms.filter(function (q, i) { return !shown[0].best[i]; }) : [];
    return { terms: found.terms, exact: found.exact, phrases: found.phrases, typed: found.typed, results: shown, missing: missing, limited: found.limited,
      empty: found.empty };
  }

  /* ------------------------------------------------------------------ narrowing (f.json) */

  var FACETS = [["text", "Text"], ["relation", "Notes by relation"], ["topic", "Topic"]];
  var facets = null;

  function loadFacets() {
    return get("search/" + manifest.v + "/f.json").then(function (data) {
      if (facets && facets.v === manifest.v) return facets;
      var byId = {}, list = {};
      FACETS.forEach(function (f) {
        byId[f[0]] = {};
        list[f[0]] = (data[f[0]] || []).map(function (v) {
          var set = new Set(), runs = v[2], n = 0;
          for (var j = 0; j < runs.length; j += 2) {
            n += runs[j];
            for (var k = 0; k < runs[j + 1]; k++) set.add(n++);
          }
          var value = { id: v[0], label: v[1], set: set };
          byId[f[0]][v[0]] = value;
          return value;
        });
      });
      facets = { v: manifest.v, byId: byId, list: list };
      return facets;
    });
  }

  function record(n) {
    var i = chunkOf(n);
    return get("search/" + manifest.v + "/d/" + i + ".json").then(function (rows) { return rows[n - manifest.chunks[i]]; });
  }

  /* ------------------------------------------------------------------ highlighting */

  /* [start, end) of what to mark in text: each word that begins with a word searched outside
     quotes (or is a form the record writes: "defense" for "defence"), and each place where a
     phrase stands, whole. words: the words outside quotes; phrases: their folded words. */
  function ranges(text, words, phrases, begins) {
    var runs = phraseRuns(text, phrases), out = runs.slice();
    if (words.length) {
      spans(text).forEach(function (s) {
        var f = fold(text.slice(s[0], s[1]));
        if (!words.some(function (t) { return begins ? f.indexOf(t) === 0 : f === t; })) return;
        if (runs.some(function (r) { return s[0] < r[1] && s[1] > r[0]; })) return;
        out.push(s);
      });
    }
    return out.sort(function (x, y) { return x[0] - y[0]; });
  }

  /* Appends text[from, to) to el, the ranges marked; every string as a text node. */
  function fill(el, text, marks, from, to) {
    var at = from;
    marks.forEach(function (r) {
      if (r[0] < at || r[1] > to) return;
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  /* About 240 characters of the record around its first mark (its first phrase, if it has one:
     at). */
  function snippet(el, text, marks, at) {
    var lead = at || marks[0];
    var sp = spans(text), first = lead ? sp.findIndex(function (s) { return s[1] > lead[0]; }) : 0;
    var k = Math.max(0, first - 8), from = sp.length ? sp[k][0] : 0, to = text.length;
    var end = lead ? lead[1] : 0;
    for (var j = k; j < sp.length; j++) if (sp[j][1] - from > 240 && sp[j][1] >= end) { to = sp[j][1]; break; }
    if (from > 0) el.appendChild(document.createTextNode("… "));
    fill(el, text, marks, from, to);
    if (to < text.length) el.appendChild(document.createTextNode(" …"));
  }

  /* On a page reached from a result: the words of ?h= highlighted in the paragraph (or the
     section) the address points to, then ?h= taken out of the address. ?h= lists the words
     whole, as the record writes them ("defense" for a search for "defence"), and each phrase
     in quotes: a phrase is marked where its words stand together, also across the elements
     of the paragraph (a passage's mark, a link). */
  function highlightLanding() {
    var params = new URLSearchParams(location.search), h = params.get("h");
    if (h === null) return;
    var parsed = parseQuery(h), words = tokens(parsed.free);
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    var scope = [];
    if (target && /^H[1-6]$/.test(target.tagName)) {
      for (var el = target.nextElementSibling; el && !(/^H[1-6]$/.test(el.tagName) && el.tagName <= target.tagName);
        el = el.nextElementSibling) scope.push(el);
    } else {
      scope.push(target || document.querySelector("article") || document.body);
    }
    if (words.length || parsed.phrases.length) scope.forEach(function (root) { wrap(root, words, parsed.phrases); });
    params.delete("h");
    var rest = params.toString();
    history.replaceState(history.state, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
  }

  /* The text of root read as one string (its text nodes, less those of note numbers, buttons
     and scripts), the ranges to mark found in it, then each text node split where they fall. */
  function wrap(root, words, phrases) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), nodes = [], starts = [], text = "";
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest("a.pnum, sup, script, style, button, mark.search-hit")) {
        nodes.push(walker.currentNode);
        starts.push(text.length);
        text += walker.currentNode.nodeValue;
      }
    }
    var marks = ranges(text, words, phrases, false);
    nodes.forEach(function (node, k) {
      var from = starts[k], to = from + node.nodeValue.length, value = node.nodeValue, at = 0, any = false;
      var frag = document.createDocumentFragment();
      marks.forEach(function (r) {
        var a = Math.max(r[0], from) - from, b = Math.min(r[1], to) - from;
        if (a >= b) return;
        frag.appendChild(document.createTextNode(value.slice(at, a)));
        var m = document.createElement("mark");
        m.className = "search-hit";
        m.textContent = value.slice(a, b);
        frag.appendChild(m);
        at = b;
        any = true;
      });
      if (!any) return;
      frag.appendChild(document.createTextNode(value.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
  }

  /* ------------------------------------------------------------------ the search box */

  var STATE = ["q"].concat(FACETS.map(function (f) { return f[0]; }));

  function attach(form) {
    var input = form.querySelector("input"), box = form.closest(".md-search");
    var meta = box.querySelector(".md-search-result__meta"), list = box.querySelector(".md-search-result__list");
    var toggle = document.getElementById("__search"), seq = 0, timer = 0;
    var sel = {}, current = null;
    var narrow = document.createElement("div");
    narrow.className = "search-facets";
    narrow.hidden = true;
    list.parentNode.insertBefore(narrow, list);
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = new URL("assets/edition-search.css", BASE).href;
    document.head.appendChild(sheet);

    function say(text) { meta.textContent = text; }

    /* The query and the choices in the address (replacing the entry: typing makes no history),
       or out of it when the search is empty or closed. */
    function address(keep) {
      var params = new URLSearchParams(location.search);
      STATE.forEach(function (k) { params.delete(k); });
      var q = input.value.trim() && keep !== false ? input.value : "";
      if (q) {
        params.set("q", q);
        FACETS.forEach(function (f) { if (sel[f[0]]) params.set(f[0], sel[f[0]]); });
      }
      var rest = params.toString();
      var url = location.pathname + (rest ? "?" + rest : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    }

    function stateKey() {
      return STATE.map(function (k) { return k === "q" ? input.value : sel[k] || ""; }).join("|");
    }

    function close() {
      if (toggle) toggle.checked = false;
      address(false);
      if (document.activeElement && box.contains(document.activeElement)) document.activeElement.blur();
    }

    function item(h, row, shown) {
      var words = shown.terms.filter(function (q, i) { return !shown.exact[i]; }).concat(Array.from(h.forms));
      var heard = Array.from(h.forms);
      (kind(h.n) ? [row[1], row[2]] : [row[2]]).forEach(function (text) {
        phraseRuns(text, shown.phrases).forEach(function (r) {
          var p = "\"" + text.slice(r[0], r[1]) + "\"";
          if (heard.indexOf(p) < 0) heard.push(p);
        });
      });
      var url = new URL(row[0], BASE);
      url.searchParams.set("h", heard.join(" "));
      var li = document.createElement("li"), a = document.createElement("a"), art = document.createElement("article");
      li.className = "md-search-result__item";
      a.className = "md-search-result__link";
      a.href = url.href;
      art.className = "md-search-result__article md-typeset";
      art.dir = "auto";
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      var h1 = document.createElement("h1");
      fill(h1, row[1], ranges(row[1], words, kind(h.n) ? shown.phrases : [], true), 0, row[1].length);
      art.appendChild(icon);
      art.appendChild(h1);
      if (row[2]) {
        var p = document.createElement("p");
        snippet(p, row[2], ranges(row[2], words, shown.phrases, true),
          phraseRuns(row[2], shown.phrases).sort(function (x, y) { return x[0] - y[0]; })[0]);
        art.appendChild(p);
      }
      if (shown.missing.length) {
        var terms = document.createElement("p");
        terms.className = "md-search-result__terms";
        terms.appendChild(document.createTextNode("Missing:"));
        shown.missing.forEach(function (t) {
          var del = document.createElement("del");
          del.textContent = t;
          terms.appendChild(document.createTextNode(" "));
          terms.appendChild(del);
        });
        art.appendChild(terms);
      }
      a.appendChild(art);
      li.appendChild(a);
      return li;
    }

    function more(shown, from, mine) {
      var part = shown.results.slice(from, from + PAGE);
      return Promise.all(part.map(function (h) { return record(h.n); })).then(function (rows) {
        if (mine !== seq) return;
        var old = list.querySelector(".search-more");
        if (old) old.remove();
        rows.forEach(function (row, i) { list.appendChild(item(part[i], row, shown)); });
        var left = shown.results.length - from - PAGE;
        if (left > 0) {
          var li = document.createElement("li");
          li.className = "search-more";
          var b = document.createElement("button");
          b.type = "button";
          b.className = "md-button";
          b.textContent = "Show " + Math.min(left, PAGE) + " more of " + left;
          b.addEventListener("click", function () {
            var next = list.children.length - 1;
            more(shown, from + PAGE, mine).then(function () {
              var a = list.children[next] && list.children[next].querySelector("a");
              if (a) a.focus();
            });
          });
          li.appendChild(b);
          list.appendChild(li);
        }
      });
    }

    function quoted(shown) {
      return shown.typed.map(function (p) { return "“" + p + "”"; }).concat(
        shown.terms.filter(function (q, i) {
          return !shown.exact[i];
        }).map(function (t) { return "“" + t + "”"; })).join(" ");
    }

    function chosen() {
      return FACETS.filter(function (f) { return sel[f[0]] && facets && facets.byId[f[0]][sel[f[0]]]; })
        .map(function (f) { return facets.byId[f[0]][sel[f[0]]].label; });
    }

    function summary(shown) {
      var n = shown.results.length, texts = shown.results.filter(function (h) { return kind(h.n) === 0; }).length;
      var within = chosen(), among = within.length ? " Narrowed to " + within.join("; ") + "." : "";
      if (shown.empty) return "Type a word of two letters or more.";
      if (!n) return "No results for " + quoted(shown) + (within.length ? " among " + within.join("; ") : "") + ".";
      var out = n + (n === 1 ? " result" : " results") + ": " + texts + (texts === 1 ? " paragraph" : " paragraphs") +
        " of the texts, " + (n - texts) + " elsewhere.";
      if (shown.phrases.length) {
        out += (n === 1 ? " It holds" : " Each holds") + (shown.phrases.length === 1 ? " the phrase " : " the phrases ") +
          shown.typed.map(function (p) { return "“" + p + "”"; }).join(", ") + ".";
      }
      if (shown.missing.length) out += " None has every word.";
      if (shown.limited.length) {
        out += " Too many words begin with " + shown.limited.map(function (t) { return "“" + t + "”"; }).join(", ") +
          ": whole words only; type more letters.";
      }
      return out + among;
    }

    /* The choices that narrow the results: for each facet, "All" and each value that holds
       results (or is chosen), with the number of results it would show; aria-pressed says which.
       A facet none of whose values would narrow the results is not shown. */
    function choices(found) {
      var focused = document.activeElement && narrow.contains(document.activeElement) ?
        [document.activeElement.getAttribute("data-facet"), document.activeElement.getAttribute("data-value")] : null;
      narrow.textContent = "";
      if (!facets || !found.all.length) { narrow.hidden = true; return; }
      FACETS.forEach(function (f) {
        var name = f[0];
        function count(id) {
          var other = {};
          FACETS.forEach(function (g) { other[g[0]] = sel[g[0]]; });
          other[name] = id;
          return select(found, other).results.length;
        }
        var all = count(null), values = facets.list[name].map(function (v) { return { v: v, n: count(v.id) }; })
          .filter(function (c) { return c.n > 0 || sel[name] === c.v.id; });
        /* shown when a choice would narrow the results, or one is made */
        if (!sel[name] && !values.some(function (c) { return c.n < all; })) return;
        var group = document.createElement("div"), label = document.createElement("span");
        group.className = "search-facet";
        group.setAttribute("role", "group");
        label.className = "search-facet__name";
        label.id = "search-facet-" + name;
        label.textContent = f[1];
        group.setAttribute("aria-labelledby", label.id);
        group.appendChild(label);
        var row = document.createElement("div");
        row.className = "search-facet__choices";
        group.appendChild(row);
        [{ v: { id: "", label: "All" }, n: all }].concat(values).forEach(function (c) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "search-facet__choice";
          b.setAttribute("data-facet", name);
          b.setAttribute("data-value", c.v.id);
          b.setAttribute("aria-pressed", String((sel[name] || "") === c.v.id));
          b.textContent = c.v.label + " ";
          var k = document.createElement("span");
          k.className = "search-facet__count";
          k.textContent = "(" + c.n + ")";
          b.appendChild(k);
          row.appendChild(b);
        });
        narrow.appendChild(group);
      });
      reveal();
      narrow.hidden = !narrow.children.length;
      if (focused) {
        var again = Array.from(narrow.querySelectorAll("button")).filter(function (b) {
          return b.getAttribute("data-facet") === focused[0] && b.getAttribute("data-value") === focused[1];
        })[0];
        if (again) again.focus();
      }
    }

    /* On a phone, where the facets are one line, the first choice made in view. */
    function reveal() {
      var on = narrow.querySelector(".search-facet__choice[aria-pressed=true]:not([data-value=''])");
      if (on && narrow.scrollWidth > narrow.clientWidth) {
        var edge = narrow.getBoundingClientRect().left + 16, b = on.getBoundingClientRect();
        var group = on.closest(".search-facet").getBoundingClientRect();   /* its facet's name too, if it fits */
        narrow.scrollLeft += (b.right - group.left <= narrow.clientWidth - 32 ? group.left : b.left) - edge;
      }
    }

    function show(found, query, mine) {
      FACETS.forEach(function (f) {                 /* a choice the index does not know (an old link) */
        if (sel[f[0]] && !(facets && facets.byId[f[0]][sel[f[0]]])) sel[f[0]] = null;
      });
      address();
      var shown = select(found, sel);
      list.textContent = "";
      choices(found);
      return more(shown, 0, mine).then(function () {
        if (mine !== seq) return;
        say(summary(shown));                      /* announced when the results are there */
        list.setAttribute("data-query", query);   /* what the list shows the results of */
        list.setAttribute("data-state", stateKey());
      });
    }

    function run() {
      var mine = ++seq, query = input.value;
      list.textContent = "";
      list.removeAttribute("data-query");
      list.removeAttribute("data-state");
      current = null;
      address();
      if (!query.trim()) { narrow.hidden = true; say("Type to start searching"); return; }
      say("Searching…");
      load().then(function () { return Promise.all([search(query), loadFacets()]); }).then(function (got) {
        if (mine !== seq) return;
        current = got[0];
        return show(current, query, mine);
      }).catch(function (err) {
        if (mine === seq) say("The search could not load its index (" + err.message + "). Try again later.");
      });
    }

    narrow.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-facet]");
      if (!b || !current) return;
      var name = b.getAttribute("data-facet"), id = b.getAttribute("data-value");
      sel[name] = id && sel[name] !== id ? id : null;
      address();
      show(current, input.value, ++seq);
    });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var a = list.querySelector("a");
      if (a) a.click();
    });
    form.addEventListener("reset", function () {
      FACETS.forEach(function (f) { sel[f[0]] = null; });
      setTimeout(run, 0);
      input.focus();
    });
    if (toggle) toggle.addEventListener("change", function () { if (!toggle.checked) address(false); });
    box.querySelector(".md-search__inner").addEventListener("transitionend", reveal);   /* opened: laid out */
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
    /* A search in the address (a shared link, or Back from a result): opened with it. */
    var params = new URLSearchParams(location.search);
    if (params.get("q")) {
      input.value = params.get("q");
      FACETS.forEach(function (f) { sel[f[0]] = params.get(f[0]) || null; });
      /* opened once the page has loaded: a phone's browser opening it sooner widens the page to
         the overlay's growing circle */
      var open = function () {
        if (toggle) toggle.checked = true;
        input.focus();
      };
      if (document.readyState === "complete") open();
      else window.addEventListener("load", open);
    }
    run();
  }

  /* How this script reads a text into words and a query into phrases, which pair file holds a
     pair of words, and the order it gives the results of a query (their addresses; sel narrows
     them), for the tests to compare with words.py and with tests/test_search.py. */
  window.editionSearch = {
    read: tokens,
    parse: function (query) { var p = parseQuery(query); return [p.phrases, p.free]; },
    bucket: bucket,
    rank: function (query, sel) {
      return load().then(function () { return Promise.all([search(query), loadFacets()]); }).then(function (got) {
        var found = select(got[0], sel || {});
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
