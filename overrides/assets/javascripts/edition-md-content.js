/* Material 9.8.1's partials/javascripts/content.html (the part that does not depend on a
   feature), unchanged, moved out of the page (see edition-md-scope.js). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
