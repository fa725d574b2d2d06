/*! edition-cite.js: minified for the site; the source, with its comments, is docs/assets/edition-cite.js in the edition's repository */
/* "Cite this paragraph" (edition.js loads this file when a reader first presses a paragraph's
   Cite button, and calls window.editionCite; edition-propose.js loads it for the dialog that
   cites words, and uses window.editionCite.parts): a dialog with the paragraph's link and its
   citation in Chicago, MLA and APA. The citations are made at build time
   (hooks/edition/citation.py) and carried by the page as JSON in <script id="cite-data">; this
   script only fills in the paragraph. */
(function () {
  "use strict";
  var STYLES = [["chicago", "Chicago"], ["mla", "MLA"], ["apa", "APA (reference list)"], ["apa-in-text", "APA (in the text)"]];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];
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

  window.editionCite = open;
  /* What the dialog for words (edition-propose.js, "Cite these words") shares with this one. */
  open.parts = { styles: STYLES, fill: fill, accessed: accessed, copy: copy };
})();
