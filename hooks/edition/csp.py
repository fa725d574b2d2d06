"""The Content-Security-Policy of a built page, and the check that no page holds code the
build did not write.

The policy is fixed by the code, never computed from the page it protects: scripts come from
the site itself ('self') and from nowhere else, and no inline script runs. The build writes no
inline script: the edition's own code is ``docs/assets/edition.js``, and Material's inline
scripts are served as files (``overrides/partials/javascripts/``). A page may carry data
blocks (``application/json``, ``application/ld+json``), which a browser never runs.

:func:`live_code` lists what in a finished page would run or navigate to script: an inline
script, an event-handler attribute, a ``javascript:`` URL. The build writes none of them, so
any that is found came from a value that escaped escaping, and the build fails.

A live preview (`mkdocs serve`) injects its reload script into every page as it serves it,
after the page was built and checked; there the policy allows inline script, and still allows
no script from anywhere else.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

DATA_TYPES = ("application/json", "application/ld+json")
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}


def policy(live_reload: bool = False) -> str:
    """The policy of every page: the same for all, whatever they contain."""
    script = "'self' 'unsafe-inline'" if live_reload else "'self'"
    return ("default-src 'self'; "
            f"script-src {script}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def add_policy(html: str, live_reload: bool = False) -> str:
    """Insert the policy as the first element of <head> (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(live_reload)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)


class _LiveCode(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inline: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=\"{_short(value)}\">: an event-handler attribute")
            elif name in _URL_ATTRS and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(
                    ("javascript:", "vbscript:", "data:text/html")):
                self.found.append(f"<{tag} {name}=\"{_short(value)}\">: a script URL")
            elif tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.found.append("<meta http-equiv=\"refresh\">: a redirect")
        a = dict(attrs)
        if tag == "script" and "src" not in a and (a.get("type") or "").strip().lower() not in DATA_TYPES:
            self._inline = []
        if tag in ("base", "iframe", "frame", "object", "embed"):
            self.found.append(f"<{tag}>: an element the build never writes")

    def handle_data(self, data):
        if self._inline is not None:
            self._inline.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._inline is not None:
            body = "".join(self._inline)
            if body.strip():
                self.found.append(f"<script>{_short(body)}</script>: an inline script")
            self._inline = None


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def live_code(html: str) -> list[str]:
    """Everything in a page that would run script, or load a page that could: the build
    writes none of it, so each is a value of ``sources/`` that reached the page unescaped."""
    parser = _LiveCode()
    parser.feed(html)
    parser.close()
    return parser.found


def report(found: list[str]) -> list[str]:
    """What an editor reads when pages hold code the build did not write (``found``: one
    ``page: what`` each), ending with the count of pages."""
    pages = {line.split(": ", 1)[0] for line in found}
    return [f"{line}; the build writes no such code, so a value from sources/ reached the page unescaped: report "
            "it as a bug of the edition's code" for line in found] + [
        f"{len(pages)} page(s) hold code that the build did not write; nothing may be published"]
