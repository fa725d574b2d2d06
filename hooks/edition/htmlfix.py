"""Three repairs to Material 9.8.1's markup, made on the built HTML so that no template has to
be copied: the Nu HTML checker rejects ``autocomplete="off"`` on its checkbox toggles (HTML
allows it on text-like inputs only), ``tabindex=""`` on section labels (an empty value), and, on a
page the navigation does not list (a compare page of another pair of texts), the table of
contents' title ``<label for="__toc">`` whose toggle, drawn in the navigation, is not there."""
from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?type="checkbox"[^>]*?) autocomplete="off"')


_TOC_TITLE = '<label class="md-nav__title" for="__toc">'


def valid_html(html: str) -> str:
    html = _TOGGLE.sub(r"\1", html).replace(' tabindex=""', "")
    if _TOC_TITLE in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_TITLE, '<label class="md-nav__title">')
    return html
