"""A small reader of built pages for the tests: ids, the text under each id, links."""
from __future__ import annotations

from html.parser import HTMLParser

VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}


class Page(HTMLParser):
    """Parses one built page. ``texts[id]`` is the text inside the element with that id,
    without footnote markers (``<sup>``) and without the paragraph's own number link."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.ids: dict[str, dict] = {}
        self.links: list[tuple[str, dict]] = []
        self.texts: dict[str, str] = {}
        self.meta: dict[str, list[str]] = {}
        self._stack: list[tuple[str, str | None, bool]] = []
        self._open: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        a["_tag"] = tag
        if a.get("id"):
            self.ids[a["id"]] = a
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], a))
        if tag == "meta" and (a.get("name") or a.get("property")):
            self.meta.setdefault(a.get("name") or a.get("property"), []).append(a.get("content") or "")
        if tag in VOID:
            return
        skip = bool(self._stack and self._stack[-1][2]) or tag in {"sup", "script", "style", "button"} \
            or "pnum" in (a.get("class") or "")
        self._stack.append((tag, a.get("id"), skip))
        if a.get("id"):
            self._open[a["id"]] = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self._stack:
            t, ident, _ = self._stack.pop()
            if ident is not None and ident in self._open:
                self.texts[ident] = "".join(self._open.pop(ident))
            if t == tag:
                break

    def handle_data(self, data):
        if self._stack and self._stack[-1][2]:
            return
        for parts in self._open.values():
            parts.append(data)

    def by_class(self, cls: str) -> list[dict]:
        return [a for a in self.ids.values() if cls in (a.get("class") or "").split()]


def read(site, rel: str) -> Page:
    path = site / rel
    if path.is_dir():
        path = path / "index.html"
    return Page(path.read_text(encoding="utf-8"))
