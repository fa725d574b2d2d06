/*! edition-map.js: minified for the site; the source, with its comments, is docs/assets/edition-map.js in the edition's repository */
/* The map of the comparison (home page), loaded by edition.js on the page that has it. */
(function () {
  "use strict";
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

  mapGrid();
})();
