/*! edition-compare.js: minified for the site; the source, with its comments, is docs/assets/edition-compare.js in the edition's repository */
/* The compare page's columns, loaded by edition.js on that page only (the page with the two
   columns, .compare-col). */
(function () {
  "use strict";
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

  compareView();
})();
