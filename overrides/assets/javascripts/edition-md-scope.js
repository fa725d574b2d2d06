/* Material 9.8.1's partials/javascripts/base.html, moved out of the page so that the
   Content-Security-Policy allows no inline script at all. The one change: the scope is the
   site's root, found from this file's own address instead of the page-relative base_url.
   One addition: the page's "no-js" class becomes "js" here, in the head, as Material's bundle
   does at the end of the page, so that what only script makes work (the Cite buttons, the
   Highlights control: class js-only) is drawn from the first paint and nothing moves later.
   And a page opened at an address other than a paragraph's or a highlight's (#fn:…) gets the
   class "to-part", which draws at once the notes, otherwise drawn only near the screen
   (docs/assets/edition.css, content-visibility), so that nothing moves after the browser has
   scrolled to the target.
   tests/test_csp.py fails when Material's script changes. */
document.documentElement.classList.replace("no-js","js"),location.hash.length<2||/^#(p\d+|m-)/.test(location.hash)||document.documentElement.classList.add("to-part"),__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
