"""Search entries with a paragraph as the unit, for Material's search index."""
from __future__ import annotations

import html
import re

from .model import Edition
from .urls import TEXTS_DIR
from .text import html_text


def variants(text: str, pairs: list[tuple[str, str]]) -> list[str]:
    """The other spellings of the words of ``text``: for each pair of stems, a word that
    begins with one stem gives the same word with the other (``defence`` → ``defense``)."""
    out: list[str] = []
    have = set(re.findall(r"[a-z]+", text.lower()))
    for word in sorted(have):
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                if word.startswith(x):
                    alt = y + word[len(x):]
                    if alt not in have and alt not in out:
                        out.append(alt)
    return out


def paragraph_entries(ed: Edition) -> list[dict]:
    """One entry per body paragraph: ``{location, title, text}``, the location being
    ``texts/<id>/#p<N>`` so that a hit lands on the paragraph. The other spellings of its
    words (British and American) are appended, so that either finds it."""
    out = []
    pairs = ed.meta.get("spellings", [])
    for sid, src in ed.sources.items():
        for b in src.paragraphs:
            text = html.escape(b.reading, quote=False)
            alts = variants(b.reading, pairs)
            if alts:
                text += f" (also spelled: {', '.join(alts)})"
            out.append({
                "location": f"{TEXTS_DIR}/{sid}/#{b.id}",
                "title": html_text(f"{src.short} ¶{b.number} · {src.title}"),
                "text": text,
            })
    return out


# Generated pages whose sections are found by their headings only: their text repeats the
# notes and the texts (the reading pages carry both), and would double the search index.
TITLES_ONLY = ("xrefs/", "topics/", "indices/names/", "indices/timeline/", "indices/figures/", "downloads/",
               "sources/")


def covered_sections(ed: Edition) -> set[str]:
    """The search locations whose text is dropped (their titles stay; see also
    :data:`TITLES_ONLY`): a text page's top and
    its section headings, whose text the paragraph entries already hold, so that a search
    lands on the paragraph rather than on the section around it."""
    out = set()
    for sid, src in ed.sources.items():
        out.add(f"{TEXTS_DIR}/{sid}/")
        out |= {f"{TEXTS_DIR}/{sid}/#{b.id}" for b in src.blocks if b.kind == "heading"}
    return out


def merge(index: dict, entries: list[dict], covered: set[str] = frozenset(),
          titles_only: tuple[str, ...] = TITLES_ONLY) -> dict:
    """Add ``entries`` to a search index ``{config, docs}``, replacing any entry already at
    the same location; the entries at ``covered`` locations, and every entry of the pages
    in ``titles_only``, keep their title, not their text."""
    have = {e["location"] for e in entries}
    docs = [({**d, "text": ""} if d.get("location") in covered
             or d.get("location", "").split("#")[0] in titles_only else d)
            for d in index.get("docs", []) if d.get("location") not in have]
    return {**index, "docs": docs + entries}
