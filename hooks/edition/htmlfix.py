"""Two repairs to Material 9.8.1's markup, made on the built HTML so that no template has to
be copied: the Nu HTML checker rejects ``autocomplete="off"`` on its checkbox toggles (HTML
allows it on text-like inputs only) and ``tabindex=""`` on section labels (an empty value)."""
from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?type="checkbox"[^>]*?) autocomplete="off"')


def valid_html(html: str) -> str:
    return _TOGGLE.sub(r"\1", html).replace(' tabindex=""', "")
