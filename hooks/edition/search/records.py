"""What the search finds: one record per body paragraph of each text (from the edition's
model), then one per section of every other built page (from its HTML), so that the search
works on whatever generator wrote the pages.

A record's ``kind`` orders the results: the texts' paragraphs first, then the notes (the
cross-reference index), then the rest of the site.
"""
from __future__ import annotations

import html.parser
from dataclasses import dataclass
from pathlib import Path

from ..model import Edition
from ..urls import TEXTS_DIR

KINDS = ("text", "note", "page")


@dataclass(frozen=True)
class Record:
    url: str
    """Site-relative address, ``texts/<id>/#p<N>`` for a paragraph."""
    title: str
    text: str
    kind: str = "page"


def paragraph_records(ed: Edition) -> list[Record]:
    """One record per body paragraph, its title naming text and paragraph, its text the
    edition's reading text."""
    return [Record(f"{TEXTS_DIR}/{sid}/#{b.id}", f"{src.short} ¶{b.number} · {src.title}", b.reading, "text")
            for sid, src in ed.sources.items() for b in src.paragraphs]


# Pages not searched: the side-by-side view repeats both texts whole, and a release under
# versions/X.Y.Z/ is a site of its own, with its own search.
# (and every page under compare/: the compare page of each other pair of texts)
EXCLUDED = ("compare/", "404.html")
# Pages found by their headings only: their text repeats the texts and the notes, which the
# search finds where they stand.
TITLES_ONLY = ("topics/", "indices/names/", "indices/timeline/", "indices/figures/", "downloads/", "sources/")
NOTES = ("xrefs/",)

# Never read as text: code (the guide's examples hold deliberate errors), controls, figures
# drawn in SVG, what is printed only, and on a reading page the paragraphs and notes, which
# have records of their own.
SKIP_TAGS = frozenset("script style template svg pre button dialog nav noscript select textarea".split())
SKIP_CLASSES = frozenset("para footnote print-only md-source-file pnum headerlink".split())
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
HEADINGS = ("h1", "h2", "h3", "h4")


def page_url(rel: str) -> str:
    """``principles/index.html`` → ``principles/``; ``index.html`` → ``""``."""
    return "" if rel == "index.html" else rel.removesuffix("index.html")


def site_pages(site: Path) -> list[tuple[str, Path]]:
    """The built pages to search, as (url, file), in a stable order."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.endswith("index.html") and rel != "404.html":
            continue
        url = page_url(rel)
        parts = url.split("/")
        if (url in EXCLUDED or rel in EXCLUDED or parts[0] in ("search", "assets", "compare")
                or (parts[0] == "versions" and len(parts) > 2)):
            continue
        out.append((url, path))
    return out


class _Sections(html.parser.HTMLParser):
    """The sections of a page's main content (``<article>``, else ``<main>``, else
    ``<body>``): each heading with an id starts one; text inside skipped elements, and a
    section whose heading says ``data-search-exclude``, is left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[list] = []        # [id, title parts, text parts, excluded]
        self.stack: list[tuple[str, bool]] = []   # (tag, skipping)
        self.inside = 0                       # depth inside the content element
        self.root = ""
        self.heading: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if not self.root:
            if tag == "article" or (tag == "main" and not self.sections):
                self.root = tag
                self.sections.append(["", [], [], False])
                self.stack = [(tag, False)]
            return
        if tag in VOID:
            return
        skipping = self.stack[-1][1] if self.stack else False
        classes = set((a.get("class") or "").split())
        if tag in HEADINGS and a.get("id") and not skipping:
            self.sections.append([a["id"], [], [], "data-search-exclude" in a])
            self.heading = tag
        elif tag in SKIP_TAGS or classes & SKIP_CLASSES or "data-search-exclude" in a or "hidden" in a:
            skipping = True
        self.stack.append((tag, skipping))

    def handle_endtag(self, tag):
        if not self.root or tag in VOID:
            return
        while self.stack:
            top, _ = self.stack.pop()
            if top == tag:
                break
        if tag == self.heading:
            self.heading = None
        if not self.stack:
            self.root = "done"

    def handle_data(self, data):
        if not self.root or self.root == "done" or not self.stack or self.stack[-1][1]:
            return
        section = self.sections[-1]
        (section[1] if self.heading else section[2]).append(data)


def _clean(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def html_records(url: str, page: str) -> list[Record]:
    """The records of one built page: a section per heading with an id."""
    parser = _Sections()
    parser.feed(page)
    kind = "note" if url in NOTES else "page"
    out: list[Record] = []
    page_title = ""
    for i, (ident, title, text, excluded) in enumerate(parser.sections):
        title, text = _clean(title), _clean(text)
        if i <= 1 and not page_title and title:
            page_title = title
        if excluded or not (title or text):
            continue
        if url in TITLES_ONLY:
            text = ""
            if not title:
                continue
        at = url if not ident or title == page_title and i <= 1 else f"{url}#{ident}"
        shown = title if title == page_title or not page_title else f"{page_title} › {title}"
        out.append(Record(at, shown or page_title, text, kind))
    return out


def site_records(site: Path, ed: Edition) -> list[Record]:
    """Every record, the texts' paragraphs first, in the order of :data:`KINDS`."""
    records = paragraph_records(ed)
    for url, path in site_pages(site):
        records += html_records(url, path.read_text(encoding="utf-8"))
    return sorted(records, key=lambda r: KINDS.index(r.kind))
