/* Not one of Material's scripts: the edition's own, run after Material's configuration
   (#__config) and before Material starts (overrides/main.html, block scripts). On a touch or
   narrow screen a note is read in the edition's sheet (docs/assets/edition.js, SMALL: the same
   query), never in Material's tooltip, so Material is told not to set up a tooltip for every
   note number, which no reader there sees (on the compare page, 112 of them: about 130 ms of a
   slow phone's start-up). Elsewhere nothing changes. */
(function () {
  var c = document.getElementById("__config");
  if (!c || !matchMedia("(hover: none), (max-width: 44.9375em)").matches) return;
  try {
    var o = JSON.parse(c.textContent);
    o.features = (o.features || []).filter(function (f) { return f !== "content.footnote.tooltips"; });
    c.textContent = JSON.stringify(o);
  } catch (e) { /* Material then starts as configured */ }
})();
