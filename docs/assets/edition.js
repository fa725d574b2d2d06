/*! edition.js: minified for the site; the source, with its comments, is docs/assets/edition.js in the edition's repository */
/* The edition's reading tools. Each works on the page as built; without JavaScript the page
   reads as it is (every highlight shown, the notes under the text).
   - "Cite this paragraph": a button beside each paragraph number opens a dialog with the
     paragraph's link and its citation in Chicago, MLA and APA. The citations are made at
     build time (hooks/edition/citation.py) and carried by the page as JSON in
     <script id="cite-data">; this script only fills in the paragraph.
   - "Highlights": a control that shows every highlight, none (a clean text), or one relation
     only; the choice is kept across pages and visits.
   - A tap or click on a highlight goes to its note; on a touch or narrow screen, the highlight
     or its note number opens the note in place, in a sheet over the text.
   - Following a link out of a note and coming back (Back) returns to the highlighted sentence,
     with the keyboard focus on it.
   - "Propose a cross-reference": edition-propose.js, loaded on the first selection of text.
   - The map of the comparison (home page): one stop in the Tab order, moved through with the
     arrow keys.
   - The compare page: a link to a passage brings it and its counterpart into view, each in its
     column, without moving the page; Back returns both columns.
   - The search box: edition-search.js (the search and its index) is loaded only when the box
     is first used, by focus, by the header's search button or by the keys / s f. */
(function () {
  "use strict";
  var ME = document.currentScript && document.currentScript.src;
  var STYLES = [["chicago", "Chicago"], ["mla", "MLA"], ["apa", "APA (reference list)"], ["apa-in-text", "APA (in the text)"]];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];
  var KEY = "edition.highlights";
  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function fill(t, n, url, page, access) {
    return t.split("{P}").join(String(n)).split("{URL}").join(url)
      .split("{BAREURL}").join(url.replace(/^https?:\/\//, "")).split("{PAGE}").join(page)
      .split("{ACCESSED}").join(access);
  }

  /* The day the reader copies, from their clock, as each style writes it. */
  function accessed(style, short) {
    var d = new Date();
    if (style === "mla") return d.getDate() + " " + short[d.getMonth()] + " " + d.getFullYear();
    return MONTHS[d.getMonth()] + " " + d.getDate() + ", " + d.getFullYear();
  }

  /* ---------------------------------------------------------------- cite this paragraph */

  function dialog() {
    var d = document.getElementById("cite-dialog");
    if (d) return d;
    d = document.createElement("dialog");
    d.id = "cite-dialog";
    d.className = "cite-dialog md-typeset";
    d.setAttribute("aria-labelledby", "cite-dialog-title");
    d.innerHTML = '<div class="cite-head"><h2 id="cite-dialog-title"></h2>' +
      '<form method="dialog"><button class="md-button cite-close">Close</button></form></div>' +
      '<div class="cite-rows"></div><p class="cite-status" role="status" aria-live="polite"></p>';
    document.body.appendChild(d);
    return d;
  }

  /* Rich text (HTML, so that a word processor keeps the italics) and plain text together. */
  function copy(text, html, status, what) {
    var done = function () { status.textContent = what + " copied to the clipboard."; };
    var failed = function () { status.textContent = "Copy failed: select the text and copy it."; };
    if (navigator.clipboard && navigator.clipboard.write && window.ClipboardItem) {
      var item = new ClipboardItem({ "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" }) });
      navigator.clipboard.write([item]).then(done, function () {
        navigator.clipboard.writeText(text).then(done, failed);
      });
    } else if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      status.textContent = "Select the text and copy it.";
    }
  }

  function row(rows, status, label, key, text, html) {
    var r = document.createElement("div");
    r.className = "cite-row";
    r.innerHTML = '<p class="cite-label"></p><p class="cite-text" data-style="' + key + '"></p>';
    r.querySelector(".cite-label").textContent = label;
    r.querySelector(".cite-text").innerHTML = html;   /* built from the page's own data */
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button cite-copy";
    b.textContent = "Copy";
    b.setAttribute("aria-label", "Copy " + label + (/^Link/.test(label) ? "" : " citation"));
    b.addEventListener("click", function () { copy(text, html, status, label); });
    r.appendChild(b);
    rows.appendChild(r);
  }

  function open(data, n) {
    var d = dialog(), url = data.cited + "#p" + n;
    d.querySelector("h2").textContent = "Cite paragraph " + n;
    var rows = d.querySelector(".cite-rows"), status = d.querySelector(".cite-status");
    rows.textContent = "";
    status.textContent = "";
    var latest = data.page + "#p" + n;
    row(rows, status, "Link to this paragraph (current version)", "link", latest, esc(latest));
    if (data.versionPage) {
      var mine = data.versionPage + "#p" + n;
      row(rows, status, "Link to this paragraph in version " + data.version, "version-link", mine, esc(mine));
    }
    STYLES.forEach(function (s) {
      var key = s[0], access = accessed(key, data.months);
      var text = fill(data.styles[key].text, n, url, data.cited, access);
      var html = fill(data.styles[key].html, n, esc(url), esc(data.cited), access);
      row(rows, status, s[1], key, text, html);
    });
    d.showModal();
  }

  /* Zotero's connector reads the page as it is: a paragraph's address goes into the item's
     Extra field ("archive_location"), which the static page cannot know. */
  function paragraphInExtra() {
    var m = document.querySelector('meta[name="z.extra"]');
    var el = document.getElementById("cite-data");
    if (!m || !el) return;
    var data = JSON.parse(el.textContent), hash = /^#p\d+$/.test(location.hash) ? location.hash : "";
    m.setAttribute("content", m.getAttribute("content").replace(/^archive_location: .*$/m,
      "archive_location: " + data.cited + hash));
  }

  /* The buttons are in the page as built (hooks/edition/pages/marks.py), shown only with script. */
  function citeButtons() {
    var el = document.getElementById("cite-data");
    if (!el) return;
    var data = JSON.parse(el.textContent);
    document.querySelectorAll("article button.cite-btn").forEach(function (b) {
      var n = b.getAttribute("aria-label").replace("Cite paragraph ", "");
      b.addEventListener("click", function () { open(data, n); });
    });
  }

  /* ---------------------------------------------------------------- highlights */

  function stored() {
    try { return localStorage.getItem(KEY) || "all"; } catch (e) { return "all"; }
  }

  function setHighlights(value) {
    document.documentElement.setAttribute("data-highlights", value);
    try { localStorage.setItem(KEY, value); } catch (e) { /* private mode: kept for this page */ }
  }

  /* The control is in the page as built (hooks/edition/pages/marks.py), shown only with script. */
  function highlightsControl() {
    var select = document.getElementById("highlights");
    if (!select) return;
    var status = select.parentNode.querySelector(".reading-status");
    select.value = stored();
    if (!select.value) select.value = "all";
    select.addEventListener("change", function () {
      setHighlights(select.value);
      status.textContent = "Showing " + select.options[select.selectedIndex].text.toLowerCase() + ".";
    });
  }

  /* ---------------------------------------------------------------- notes and coming back */

  var lastNote = null;   /* the label of the note last opened from a highlight or its number */

  function markOf(label) {
    return document.querySelector('mark.xref[id][data-note="' + label + '"]');
  }

  function toNote(event) {
    var ref = event.target.closest("a.footnote-ref");
    if (ref) {
      if (inPlace(ref.getAttribute("href").replace(/^#fn:/, ""), ref)) event.preventDefault();
      return;
    }
    var mark = event.target.closest("mark.xref[data-note]");
    if (!mark || event.target.closest("a")) return;        /* a link inside keeps its own job */
    var sel = window.getSelection && window.getSelection();
    if (sel && !sel.isCollapsed) return;                     /* selecting text is not a tap */
    var note = document.getElementById("fn:" + mark.getAttribute("data-note"));
    if (!note || inPlace(mark.getAttribute("data-note"), mark)) return;
    lastNote = mark.getAttribute("data-note");
    var target = markOf(lastNote);
    if (target) history.replaceState(null, "", "#" + target.id);
    location.hash = "fn:" + lastNote;
  }

  /* On a touch or narrow screen the note is read in place: a sheet (a modal <dialog>) at the
     foot of the screen shows it, its links and "edit this annotation", and the page does not
     move. Opening it adds an entry to the history, so that Back closes it, as do Escape, a tap
     outside it and its Close button; the focus goes into it and comes back to the highlight or
     the number. A link in it to a passage of the same page (the compare page) closes it first.
     On a desktop, Material's tooltips and the jump to the notes are as they were. */
  var SMALL = matchMedia("(hover: none), (max-width: 44.9375em)");
  var sheetFrom = null, sheetPushed = false, sheetHash = null;

  function sheet() {
    var d = document.getElementById("note-sheet");
    if (d) return d;
    d = document.createElement("dialog");
    d.id = "note-sheet";
    d.className = "note-sheet md-typeset";
    d.setAttribute("aria-labelledby", "note-sheet-title");
    d.innerHTML = '<div class="note-sheet-in"><div class="note-sheet-head"><h2 id="note-sheet-title"></h2>' +
      '<button type="button" class="md-button">Close</button></div><div class="note-sheet-text"></div></div>';
    d.querySelector("button").addEventListener("click", function () { d.close(); });
    d.addEventListener("click", function (e) {
      var a = e.target.closest("a[href^='#']");
      if (a) { e.preventDefault(); sheetHash = a.getAttribute("href"); }
      if (a || e.target === d) d.close();                    /* the dialog itself: its backdrop */
    });
    d.addEventListener("close", function () {
      if (sheetFrom) sheetFrom.focus({ preventScroll: true });
      if (sheetPushed) { sheetPushed = false; history.back(); } else toHash();
    });
    document.body.appendChild(d);
    return d;
  }

  function toHash() {
    if (sheetHash) { location.hash = sheetHash; sheetHash = null; focusTarget(); }
  }

  function inPlace(label, from) {
    var li = document.getElementById("fn:" + label);
    if (!li || !SMALL.matches) return false;
    var d = sheet(), text = d.querySelector(".note-sheet-text");
    text.innerHTML = li.innerHTML;                           /* the page's own note */
    text.querySelectorAll(".footnote-backref, [id]").forEach(function (el) {
      if (el.id) el.removeAttribute("id"); else el.remove();
    });
    d.querySelector("h2").textContent = "Note " + (Array.prototype.indexOf.call(li.parentNode.children, li) + 1);
    if (from.tagName !== "A" && !from.hasAttribute("tabindex")) from.setAttribute("tabindex", "-1");
    sheetFrom = from;
    lastNote = label;
    history.pushState({ note: label }, "");
    sheetPushed = true;
    d.showModal();
    return true;
  }

  /* Back (or a forward step) closes the sheet; a restored page (bfcache) opens without it. */
  function sheetGone(restored) {
    var d = document.getElementById("note-sheet");
    if (d && d.open) {
      sheetPushed = false;
      if (restored) sheetFrom = null;
      d.close();
    } else toHash();
  }

  function remember(event) {
    var ref = event.target.closest && event.target.closest("a.footnote-ref");
    if (ref) lastNote = ref.getAttribute("href").replace(/^#fn:/, "");
  }

  /* Leaving by a link of a note (in the footnotes or in its tooltip): the history entry we
     leave becomes the highlighted sentence, so that Back returns to it, not to the note. */
  function leaving(event) {
    var a = event.target.closest && event.target.closest("a[href]");
    if (!a || a.classList.contains("footnote-ref") || a.classList.contains("footnote-backref")) return;
    var li = a.closest('li[id^="fn:"]');
    var label = li ? li.id.slice(3) : (a.closest(".md-tooltip2, .md-tooltip, .note-sheet") ? lastNote : null);
    var mark = label && markOf(label);
    if (mark) {
      history.replaceState(null, "", "#" + mark.id);
      /* coming back, the page goes to the sentence (focusTarget), not to where it was scrolled */
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    }
  }

  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el || !el.matches("mark.xref, .para") || el.closest(".compare-col")) return;   /* compare: compareView */
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
  }

  /* A table or code block wider than the screen scrolls sideways; it is made reachable by the
     keyboard (and named), so that its hidden part is not out of reach. */
  function scrollables() {
    var n = { CODE: 0, DIV: 0 };
    document.querySelectorAll(".md-typeset .md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
        if (!el.hasAttribute("aria-label")) {
          n[el.tagName] = (n[el.tagName] || 0) + 1;
          el.setAttribute("role", "region");
          el.setAttribute("aria-label", (el.tagName === "CODE" ? "Code " : "Table ") + n[el.tagName] +
            ", scrolls sideways");
        }
      }
    });
  }

  /* ---------------------------------------------------------------- the map of the comparison */

  /* The map (hooks/edition/pages/map.py) is a table of links that works as it is. Here it becomes
     one stop in the Tab order, moved through with the arrow keys (the ARIA grid pattern, with a
     roving tabindex): across a row or down a column to the next cell that holds a link, Home and
     End to the first and last of the row, Ctrl+Home and Ctrl+End to the first and last of the map.
     The row and column headings of the cell under the focus or the pointer are marked. */
  function mapGrid() {
    var table = document.querySelector("table.map-grid");
    if (!table) return;
    var at = [], links = [], width = 0, heads = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    Array.prototype.forEach.call(table.rows, function (tr, r) {
      var c = 0;
      at[r] = [];
      Array.prototype.forEach.call(tr.cells, function (cell) {
        var a = cell.querySelector("a[href]");
        if (a) {
          a.tabIndex = -1;
          a.mapAt = [r, c];
          at[r][c] = a;
          links.push(a);
        }
        c += cell.colSpan;
      });
      width = Math.max(width, c);
    });
    if (!links.length) return;
    table.setAttribute("role", "grid");
    var current = table.querySelector("td a[href]") || links[0], marked = [];
    current.tabIndex = 0;

    function step(r, c, dr, dc) {
      for (r += dr, c += dc; r >= 0 && r < at.length && c >= 0 && c < width; r += dr, c += dc) {
        if (at[r][c]) return at[r][c];
      }
      return null;
    }
    function mark(a) {
      marked.forEach(function (th) { th.classList.remove("map-on"); });
      marked = [];
      if (!a || !a.closest("td")) return;
      var row = a.closest("tr").cells[0], col = heads && heads.cells[a.mapAt[1]];
      [row, col].forEach(function (th) { if (th && th.tagName === "TH") { th.classList.add("map-on"); marked.push(th); } });
    }
    table.addEventListener("keydown", function (e) {
      var a = e.target.closest && e.target.closest("a[href]");
      if (!a || !a.mapAt || e.altKey || e.metaKey || e.shiftKey) return;
      var r = a.mapAt[0], c = a.mapAt[1], row = at[r], to;
      if (e.key === "ArrowRight") to = step(r, c, 0, 1);
      else if (e.key === "ArrowLeft") to = step(r, c, 0, -1);
      else if (e.key === "ArrowDown") to = step(r, c, 1, 0);
      else if (e.key === "ArrowUp") to = step(r, c, -1, 0);
      else if (e.key === "Home") to = e.ctrlKey ? links[0] : row.filter(Boolean)[0];
      else if (e.key === "End") to = e.ctrlKey ? links[links.length - 1] : row.filter(Boolean).pop();
      else return;
      e.preventDefault();
      if (to && to !== a) to.focus();
    });
    table.addEventListener("focusin", function (e) {
      var a = e.target.closest("a[href]");
      if (!a || !a.mapAt) return;
      current.tabIndex = -1;
      current = a;
      a.tabIndex = 0;
      mark(a);
    });
    table.addEventListener("focusout", function () { mark(null); });
    table.addEventListener("mouseover", function (e) { mark(e.target.closest && e.target.closest("td a[href]")); });
    table.addEventListener("mouseleave", function () {
      mark(table.contains(document.activeElement) ? document.activeElement : null);
    });
  }

  /* ---------------------------------------------------------------- the compare page */

  /* Two columns that scroll on their own (pages/compare.py). Where they stand side by side:
     - any link to a passage or paragraph of a column (compare/#…, from the map, the notes or the
       address bar) brings it into view in its column, and its counterpart into view in the other,
       both outlined (.compare-target, as :target is; .compare-partner, dashed); the page itself is
       scrolled only to show the columns whole below the header;
     - a link from inside a column (a highlight, a paragraph number) or from a note's tooltip moves
       the columns, never the page. It is not a fragment navigation, which would scroll the page
       (Chrome does so after the script has run, so it cannot be undone unseen), but an entry
       pushed to the history: the address and Back are as a fragment's, and .compare-target does
       the outline :target would;
     - each history entry keeps both columns' scroll and the page's, so that Back and Forward bring
       them back.
     Where the columns are stacked (a narrow screen), links are fragments as usual, and the target
     is scrolled into view in the page. */
  function compareView() {
    var cols = Array.prototype.slice.call(document.querySelectorAll(".compare-col"));
    if (cols.length !== 2) return;
    var shown = [], restored = null;

    function wide() { return getComputedStyle(cols[0]).overflowY !== "visible"; }
    function byId(id) {
      try { id = decodeURIComponent(id); } catch (e) { /* keep it as it is */ }
      return id ? document.getElementById(id) : null;
    }
    function inCol(el) { return el && el.closest ? el.closest(".compare-col") : null; }
    function here() { return byId(location.hash.slice(1)); }
    function positions() { return cols.map(function (c) { return c.scrollTop; }); }
    function state() { return Object.assign({}, history.state, { compare: positions(), y: window.scrollY }); }
    function save() { history.replaceState(state(), ""); }

    /* The passage a highlight is linked with in the other column: where its link goes, or (a
       highlight that holds another is no link) where its note's first link goes. A paragraph's
       counterpart is that of its first highlight that has one. */
    function counterpart(el) {
      var col = inCol(el);
      if (!col) return null;
      if (el.matches(".para")) {
        var marks = el.querySelectorAll("mark.xref[id]");
        for (var i = 0; i < marks.length; i++) {
          var found = counterpart(marks[i]);
          if (found) return found;
        }
        return null;
      }
      if (!el.matches("mark.xref[id]")) return null;
      var hrefs = [], up = el.parentElement, note = document.getElementById("fn:" + el.getAttribute("data-note"));
      if (up && up.matches("a.xref-jump")) hrefs.push(up.getAttribute("href"));
      if (note) note.querySelectorAll('a[href^="#"]').forEach(function (a) { hrefs.push(a.getAttribute("href")); });
      for (var j = 0; j < hrefs.length; j++) {
        var t = byId(hrefs[j].slice(1));
        if (t && inCol(t) && inCol(t) !== col) return t;
      }
      return null;
    }

    /* The two passages outlined: the target and its counterpart. */
    function outline(target, partner) {
      shown.forEach(function (el) { el.classList.remove("compare-target", "compare-partner"); });
      shown = [];
      if (target) { target.classList.add("compare-target"); shown.push(target); }
      if (partner) { partner.classList.add("compare-partner"); shown.push(partner); }
    }

    /* Scroll a column so that ``el`` is in the part of it that is on the screen: centred there,
       or (``gently``) only if it is not already wholly in view. */
    function reveal(el, gently) {
      var col = inCol(el), c = col.getBoundingClientRect(), r = el.getBoundingClientRect();
      var header = document.querySelector(".md-header"), hb = header ? header.getBoundingClientRect().bottom : 0;
      var top = Math.max(c.top, hb, 0), bottom = Math.min(c.bottom, window.innerHeight);
      if (bottom - top < 48) { top = c.top; bottom = c.bottom; }
      if (gently && r.top >= top && r.bottom <= bottom) return;
      var room = bottom - top, by = r.top - top - Math.max((room - r.height) / 2, 16);
      col.scrollTo({ top: col.scrollTop + by, behavior: "instant" });
      /* the column cannot go far enough (its end is below the fold): the page, by what is missing */
      r = el.getBoundingClientRect();
      var below = Math.min(r.bottom, r.top + 48) - window.innerHeight;
      if (below > 0) window.scrollBy({ top: below + 16, behavior: "instant" });
    }

    function focusOn(el) {
      var up = el.parentElement, a = up && up.matches("a.xref-jump:not([tabindex])") ? up : el;
      if (a === el && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
      a.focus({ preventScroll: true });
    }

    /* A deep link: the page shows the columns whole (when they fit below the header), then each
       column its passage. */
    function arrive(focus) {
      var el = here();
      if (!inCol(el)) { outline(null, null); return; }
      var other = counterpart(el);
      outline(el, other);
      if (focus) focusOn(el);
      if (!wide()) {
        el.scrollIntoView({ block: "center", behavior: "instant" });
        return;
      }
      var header = document.querySelector(".md-header"), hb = header ? header.getBoundingClientRect().bottom : 0;
      var grid = cols[0].parentElement.getBoundingClientRect();
      if (grid.height <= window.innerHeight - hb) {
        window.scrollTo({ left: window.scrollX, top: window.scrollY + grid.top - hb - 8, behavior: "instant" });
      } else {
        el.scrollIntoView({ block: "nearest", behavior: "instant" });
      }
      reveal(el);
      if (other) reveal(other);
      save();
    }

    document.addEventListener("click", function (e) {
      if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || !wide()) return;
      var a = e.target.closest && e.target.closest('a[href^="#"]');
      if (!a || !(inCol(a) || a.closest(".md-tooltip2, .md-tooltip"))) return;
      var el = byId(a.getAttribute("href").slice(1));
      if (!inCol(el)) return;
      e.preventDefault();
      var from = a.querySelector("mark.xref[id]") || (inCol(a) && a.closest("mark.xref[id], .para"));
      var other = from && inCol(from) !== inCol(el) ? from : counterpart(el);
      /* Back and Forward between these entries: the columns and the page as each entry kept them
         (popstate), not the browser's own, which scrolls the page to the fragment */
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
      save();                                     /* what Back returns to */
      if (here() !== el) history.pushState(state(), "", "#" + el.id);
      outline(el, other);
      reveal(el, inCol(a) === inCol(el));         /* a paragraph's own number: only if out of view */
      if (other) reveal(other, true);
      focusOn(el);
      save();
    });

    /* A fragment followed otherwise (a note's link under the columns, the address bar, a link on
       a narrow screen) is a deep link. */
    window.addEventListener("hashchange", function () {
      var skip = location.hash === restored;
      restored = null;
      if (!skip) arrive(true);
    });

    /* Back and Forward: each entry's columns (and page) as they were left. */
    window.addEventListener("popstate", function (e) {
      var s = e.state && e.state.compare, el = here();
      if (!s) return;
      restored = location.hash;
      outline(inCol(el) ? el : null, inCol(el) ? counterpart(el) : null);
      if (!wide()) return;
      if (typeof e.state.y === "number") window.scrollTo({ left: window.scrollX, top: e.state.y, behavior: "instant" });
      cols.forEach(function (c, i) { c.scrollTop = s[i] || 0; });
    });

    /* The entry keeps the columns as the reader leaves them. */
    cols.concat([window]).forEach(function (c) { c.addEventListener("scrollend", function () { if (wide()) save(); }); });

    if (history.state && history.state.compare && wide()) {
      /* a reload, or a return to the page: as it was */
      var s = history.state.compare, el = here();
      if (typeof history.state.y === "number") window.scrollTo({ left: 0, top: history.state.y, behavior: "instant" });
      cols.forEach(function (c, i) { c.scrollTop = s[i] || 0; });
      if (inCol(el)) outline(el, counterpart(el));
    } else if (location.hash) {
      arrive(true);
      /* the browser keeps the fragment in view while the page loads: show both again once it has */
      if (document.readyState !== "complete") window.addEventListener("load", function () { arrive(false); });
    }
  }

  /* ---------------------------------------------------------------- search, on first use */

  /* A script of the edition, loaded once, when first needed. */
  var loaded = {};

  function load(name) {
    if (!loaded[name] && ME) {
      loaded[name] = document.createElement("script");
      loaded[name].src = new URL(name, ME).href;
      document.head.appendChild(loaded[name]);
    }
  }

  function loadSearch() { load("edition-search.js"); }

  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function searchBox() {
    var input = document.querySelector("form.edition-search input");
    var toggle = document.getElementById("__search");
    if (!input) return;
    if (new URLSearchParams(location.search).has("h")) loadSearch();     /* landing from a result */
    input.addEventListener("focus", function () {
      if (toggle) toggle.checked = true;
      loadSearch();
    });
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    document.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey || editable(e.target) || document.querySelector("dialog[open]")) return;
      if (e.key === "/" || e.key === "s" || e.key === "f") {
        e.preventDefault();
        input.focus();
      }
    });
  }

  /* "Propose a cross-reference": edition-propose.js is loaded when the reader first selects
     words of a text (on a reading page or the compare page), or when a proposal begun on
     another page is pending. */
  function loadPropose() { load("edition-propose.js"); }

  function proposer() {
    if (!document.querySelector("article p.para")) return;
    try { if (sessionStorage.getItem("edition.propose")) loadPropose(); } catch (e) { /* no storage */ }
    document.addEventListener("selectionchange", function () {
      var s = window.getSelection();
      if (!loaded["edition-propose.js"] && s && !s.isCollapsed && s.anchorNode && s.anchorNode.parentElement &&
          s.anchorNode.parentElement.closest("article")) loadPropose();
    });
  }

  function init() {
    searchBox();
    proposer();
    paragraphInExtra();
    window.addEventListener("hashchange", paragraphInExtra);
    scrollables();
    window.addEventListener("resize", scrollables);
    citeButtons();
    highlightsControl();
    document.addEventListener("click", toNote);
    document.addEventListener("click", leaving, true);
    document.addEventListener("mouseover", remember);
    document.addEventListener("focusin", remember);
    focusTarget();
    mapGrid();
    compareView();
    window.addEventListener("popstate", function () { sheetGone(); });
    window.addEventListener("pageshow", function (e) { if (e.persisted) { sheetGone(true); focusTarget(); } });
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.about-text").forEach(function (d) { d.open = true; });
    });
  }

  setHighlights(stored());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
