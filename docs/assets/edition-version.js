/*! edition-version.js: minified for the site; the source, with its comments, is docs/assets/edition-version.js in the edition's repository */
/* On a page of an archived version (versions/X.Y.Z/), with the banner hooks/edition/versions.py
   adds and docs/assets/edition-version.css styles:
   - the banner's link to the current page keeps the anchor the reader is at: #p5 leads to ¶5
     there too, also after the reader follows a link within the page;
   - the banner's height, measured, is --version-banner-height (the style sheet's values are
     estimates for a reader without script), so that an anchor's target is scrolled just below
     the banner; if the target of the address lies under the banner once measured, it is
     brought back into view. */
(function () {
  "use strict";
  var banner = document.querySelector(".version-banner");
  if (!banner) return;
  var a = banner.querySelector("a.version-latest"), root = document.documentElement;
  var page = a && a.getAttribute("href").split("#")[0];

  function follow() {
    if (a) a.setAttribute("href", page + location.hash);
  }

  var first = true;
  function measure() {
    var h = banner.getBoundingClientRect().height;
    if (!h) return;
    root.style.setProperty("--version-banner-height", h + "px");
    if (!first) return;
    first = false;
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    if (target && target.getBoundingClientRect().top < banner.getBoundingClientRect().bottom) {
      target.scrollIntoView({ block: "start" });
    }
  }

  follow();
  window.addEventListener("hashchange", follow);
  measure();
  if (window.ResizeObserver) new ResizeObserver(measure).observe(banner);
  else window.addEventListener("resize", measure);
})();
