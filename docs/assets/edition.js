/*! edition.js: minified for the site; the source, with its comments, is docs/assets/edition.js in the edition's repository */
/* The edition's reading tools. Each works on the page as built; without JavaScript the page
   reads as it is (every highlight shown, the notes under the text).
   - "Cite this paragraph": a button beside each paragraph number opens a dialog with the
     paragraph's link and its citation in Chicago, MLA and APA: edition-cite.js, loaded when a
     Cite button is first pressed. The citations are made at build time
     (hooks/edition/citation.py) and carried by the page as JSON in <script id="cite-data">.
   - "Highlights": a control that shows every highlight, none (a clean text), or one relation
     only; the choice is kept across pages and visits.
   - A tap or click on a highlight goes to its note; on a touch or narrow screen, the highlight
     or its note number opens the note in place, in a sheet over the text.
   - Following a link out of a note and coming back (Back) returns to the highlighted sentence,
     with the keyboard focus on it.
   - "Propose a cross-reference" and "Cite" these words: edition-propose.js, loaded on the first
     selection of text; a link to words (#p4:~:text=…) is honoured by edition-phrase.js.
   - The map of the comparison (home page): one stop in the Tab order, moved through with the
     arrow keys (edition-map.js, loaded on the page that has the map).
   - The compare page: a link to a passage brings it and its counterpart into view, each in its
     column, without moving the page; Back returns both columns (edition-compare.js, loaded on
     that page only).
   What a page needs only on some pages, or only when used, is a file of its own, so that a
   reading page fetches less (the 90 KB budget, README: Performance).
   - The search box: edition-search.js (the search and its index) is loaded only when the box
     is first used, by focus, by the header's search button or by the keys / s f. */
(function () {
  "use strict";
  var ME = document.currentScript && document.currentScript.src;
  var KEY = "edition.highlights";
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

  /* The buttons are in the page as built (hooks/edition/pages/marks.py), shown only with script.
     The dialog is edition-cite.js, loaded when a Cite button is first pressed (it opens the
     paragraph last asked for once it has come). */
  function citeButtons() {
    var el = document.getElementById("cite-data");
    if (!el) return;
    var data = null, asked = null;
    function cite(n) {
      data = data || JSON.parse(el.textContent);
      if (window.editionCite) { window.editionCite(data, n); return; }
      if (asked === null) {
        load("edition-cite.js", function () { if (window.editionCite) window.editionCite(data, asked); });
      }
      asked = n;
    }
    document.querySelectorAll("article button.cite-btn").forEach(function (b) {
      var n = b.getAttribute("aria-label").replace("Cite paragraph ", "");
      b.addEventListener("click", function () { cite(n); });
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
    if (!el || !el.matches("mark.xref, .para") || el.closest(".compare-col")) return;   /* compare: edition-compare.js */
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
  }

  /* A table or code block wider than the screen scrolls sideways; it is made reachable by the
     keyboard (and named), so that its hidden part is not out of reach. One in a part of the page
     not drawn yet (content-visibility: auto in edition.css: the notes) is measured
     when that part is drawn: measuring it now would lay that part out, the work it saves. */
  function scrollables() {
    var n = { CODE: 0, DIV: 0 };
    document.querySelectorAll(".md-typeset .md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (el) {
      if (el.checkVisibility && !el.checkVisibility({ contentVisibilityAuto: true })) {
        var part = el.closest(".footnote");
        if (part && !part.editionLater) {
          part.editionLater = true;
          part.addEventListener("contentvisibilityautostatechange", function (e) { if (!e.skipped) scrollables(); });
        }
        return;
      }
      if (el.scrollWidth > el.clientWidth + 1) {
        n[el.tagName] = (n[el.tagName] || 0) + 1;
        if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
        if (!el.hasAttribute("aria-label")) {
          el.setAttribute("role", "region");
          el.setAttribute("aria-label", (el.tagName === "CODE" ? "Code " : "Table ") + n[el.tagName] +
            ", scrolls sideways");
        }
      }
    });
  }

  /* ---------------------------------------------------------------- scripts loaded when needed */

  /* A script of the edition, loaded once, when first needed (``then``: once it has run). */
  var loaded = {};

  function load(name, then) {
    if (!loaded[name] && ME) {
      loaded[name] = document.createElement("script");
      loaded[name].src = new URL(name, ME).href;
      if (then) loaded[name].addEventListener("load", then);
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
    var params = new URLSearchParams(location.search);
    if (params.has("h") || params.get("q")) loadSearch();     /* landing from a result, or a search in the address */
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

  /* Words of a paragraph named by a link (#p4:~:text=…, as "Cite" beside a selection gives it):
     edition-phrase.js marks them. Chromium takes :~: out of location.hash: the navigation has it,
     and a hashchange its newURL (kept for edition-phrase.js, which this event may load). */
  function phrase(e) {
    var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0], at = (e && e.newURL) || "";
    if (/:~:(.*&)?text=/.test(at)) window.editionPhraseAt = at;
    if (/:~:(.*&)?text=/.test(location.hash + " " + at + " " + (nav && nav.name) + " " + document.URL)) load("edition-phrase.js");
  }

  function init() {
    searchBox();
    proposer();
    phrase();
    window.addEventListener("hashchange", phrase);
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
    if (document.querySelector("table.map-grid")) load("edition-map.js");
    if (document.querySelectorAll(".compare-col").length === 2) load("edition-compare.js");
    window.addEventListener("popstate", function () { sheetGone(); });
    window.addEventListener("pageshow", function (e) { if (e.persisted) { sheetGone(true); focusTarget(); } });
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.about-text").forEach(function (d) { d.open = true; });
    });
  }

  /* Set only when it is not the default ("all", for which no rule is written): setting it
     restyles every highlight and note number (160 ms of a slow phone's main thread, measured). */
  if (stored() !== (document.documentElement.getAttribute("data-highlights") || "all")) setHighlights(stored());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
