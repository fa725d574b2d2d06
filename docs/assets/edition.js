/* "Cite this paragraph": a button beside each paragraph number opens a dialog with the
   paragraph's link and its citation in Chicago, MLA and APA, each with a copy button.
   The citations are made at build time (hooks/edition/cite.py) and carried by the page as
   JSON in <script id="cite-data">; this script only fills in the paragraph. */
(function () {
  "use strict";
  var STYLES = [["link", "Link to this paragraph"], ["chicago", "Chicago"], ["mla", "MLA"], ["apa", "APA"]];

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function fill(t, n, url) {
    return t.split("{P}").join(String(n)).split("{URL}").join(url)
      .split("{BAREURL}").join(url.replace(/^https?:\/\//, ""));
  }

  function dialog() {
    var d = document.getElementById("cite-dialog");
    if (d) return d;
    d = document.createElement("dialog");
    d.id = "cite-dialog";
    d.className = "cite-dialog md-typeset";
    d.setAttribute("aria-labelledby", "cite-dialog-title");
    d.innerHTML = '<h2 id="cite-dialog-title"></h2><div class="cite-rows"></div>' +
      '<p class="cite-status" role="status" aria-live="polite"></p>' +
      '<form method="dialog"><button class="md-button">Close</button></form>';
    document.body.appendChild(d);
    return d;
  }

  function copy(text, status, what) {
    var done = function () { status.textContent = what + " copied to the clipboard."; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { status.textContent = "Copy failed: select the text and copy it."; });
    } else {
      status.textContent = "Select the text and copy it.";
    }
  }

  function open(data, n) {
    var d = dialog(), url = data.page + "#p" + n;
    d.querySelector("h2").textContent = "Cite paragraph " + n;
    var rows = d.querySelector(".cite-rows"), status = d.querySelector(".cite-status");
    rows.textContent = "";
    status.textContent = "";
    STYLES.forEach(function (s) {
      var key = s[0], label = s[1];
      var text = key === "link" ? url : fill(data.styles[key].text, n, url);
      var html = key === "link" ? esc(url) : fill(data.styles[key].html, n, esc(url));
      var row = document.createElement("div");
      row.className = "cite-row";
      row.innerHTML = '<p class="cite-label"></p><p class="cite-text" data-style="' + key + '"></p>';
      row.querySelector(".cite-label").textContent = label;
      row.querySelector(".cite-text").innerHTML = html;   /* built from the page's own data */
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button cite-copy";
      b.textContent = "Copy";
      b.setAttribute("aria-label", "Copy " + label + (key === "link" ? "" : " citation"));
      b.addEventListener("click", function () { copy(text, status, label); });
      row.appendChild(b);
      rows.appendChild(row);
    });
    d.showModal();
  }

  function init() {
    var el = document.getElementById("cite-data");
    if (!el) return;
    var data = JSON.parse(el.textContent);
    document.querySelectorAll("article a.pnum").forEach(function (a) {
      if (a.nextElementSibling && a.nextElementSibling.classList.contains("cite-btn")) return;
      var n = a.getAttribute("href").replace("#p", "");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "cite-btn";
      b.textContent = "Cite";
      b.setAttribute("aria-label", "Cite paragraph " + n);
      b.addEventListener("click", function () { open(data, n); });
      a.insertAdjacentElement("afterend", b);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
