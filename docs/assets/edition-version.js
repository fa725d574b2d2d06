/*! edition-version.js: minified for the site; the source, with its comments, is docs/assets/edition-version.js in the edition's repository */
/* On a page of an archived version (versions/X.Y.Z/), with the banner hooks/edition/versions.py
   adds and docs/assets/edition-version.css styles:
   - the banner's link to the current page keeps the anchor the reader is at: #p5 leads to ¶5
     there too, also after the reader follows a link within the page;
   - the banner's height, measured, is --version-banner-height (the style sheet's values are
     estimates for a reader without script), so that an anchor's target is scrolled just below
     the banner; if the target of the address lies under the banner once measured, it is
     brought back into view.
   - a link to words (#p4:~:text=…, as "Cite" beside a selection gives it): edition-phrase.js,
     from the site's root as this script is, marks them; the banner's link keeps them, so that
     the current page marks them too, or says that they have changed. */
(function () {
  "use strict";
  var banner = document.querySelector(".version-banner");
  if (!banner) return;
  var a = banner.querySelector("a.version-latest"), root = document.documentElement;
  var page = a && a.getAttribute("href").split("#")[0], ME = document.currentScript && document.currentScript.src;

  /* The address's fragment with the words it names (Chromium takes :~: out of location.hash:
     the navigation has it, while the address still names the same paragraph). */
  function words() {
    if (/:~:/.test(location.hash)) return location.hash;
    var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var m = /#[^#]*$/.exec((nav && nav.name) || "");
    return m && m[0].indexOf(":~:") !== -1 && m[0].split(":~:")[0] === location.hash ? m[0] : "";
  }

  function follow() {
    if (a) a.setAttribute("href", page + (words() || location.hash));
  }

  if (ME && /:~:(.*&)?text=/.test(words())) {
    var s = document.createElement("script");
    s.src = new URL("edition-phrase.js", ME).href;
    document.head.appendChild(s);
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
