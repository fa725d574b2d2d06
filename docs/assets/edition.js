/*! edition.js: minified for the site; the source, with its comments, is docs/assets/edition.js in the edition's repository */
/* The edition's reading tools. Each works on the page as built; without JavaScript the page
   reads as it is (every highlight shown, the notes under the text).
   - "Cite this paragraph": a button beside each paragraph number opens a dialog with the
     paragraph's link and its citation in Chicago, MLA and APA. The citations are made at
     build time (hooks/edition/citation.py) and carried by the page as JSON in
     <script id="cite-data">; this script only fills in the paragraph.
   - "Highlights": a control that shows every highlight, none (a clean text), or one relation
     only; the choice is kept across pages and visits.
   - A tap or click on a highlight goes to its note.
   - Following a link out of a note and coming back (Back) returns to the highlighted sentence,
     with the keyboard focus on it.
   - "Propose a cross-reference": edition-propose.js, loaded on the first selection of text.
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
    var mark = event.target.closest("mark.xref[data-note]");
    if (!mark || event.target.closest("a")) return;        /* a link inside keeps its own job */
    var sel = window.getSelection && window.getSelection();
    if (sel && !sel.isCollapsed) return;                     /* selecting text is not a tap */
    var note = document.getElementById("fn:" + mark.getAttribute("data-note"));
    if (!note) return;
    lastNote = mark.getAttribute("data-note");
    var target = markOf(lastNote);
    if (target) history.replaceState(null, "", "#" + target.id);
    location.hash = "fn:" + lastNote;
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
    var label = li ? li.id.slice(3) : (a.closest(".md-tooltip2, .md-tooltip") ? lastNote : null);
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
    if (!el || !el.matches("mark.xref, .para")) return;
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
    window.addEventListener("pageshow", function (e) { if (e.persisted) focusTarget(); });
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.about-text").forEach(function (d) { d.open = true; });
    });
  }

  setHighlights(stored());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
