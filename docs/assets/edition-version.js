/*! edition-version.js: minified for the site; the source, with its comments, is docs/assets/edition-version.js in the edition's repository */
/* On a page of an earlier version (versions/X.Y.Z/), the banner's link to the current page keeps
   the anchor the reader came to: #p5 leads to ¶5 there too. */
(function () {
  "use strict";
  var a = document.querySelector(".version-banner a.version-latest");
  if (a && location.hash) a.setAttribute("href", a.getAttribute("href").split("#")[0] + location.hash);
})();
