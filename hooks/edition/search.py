"""Search entries with a paragraph as the unit, for Material's search index."""
from __future__ import annotations

import html

from .model import Edition
from .render import TEXTS_DIR


def paragraph_entries(ed: Edition) -> list[dict]:
    """One entry per body paragraph: ``{location, title, text}``, the location being
    ``texts/<id>/#p<N>`` so that a hit lands on the paragraph."""
    out = []
    for sid, src in ed.sources.items():
        for b in src.paragraphs:
            out.append({
                "location": f"{TEXTS_DIR}/{sid}/#{b.id}",
                "title": f"{src.short} ¶{b.number} · {src.title}",
                "text": html.escape(b.reading, quote=False),
            })
    return out


def merge(index: dict, entries: list[dict]) -> dict:
    """Add ``entries`` to a search index ``{config, docs}``, replacing any entry already at
    the same location, and keep each text page's own entries before its paragraphs."""
    have = {e["location"] for e in entries}
    docs = [d for d in index.get("docs", []) if d.get("location") not in have]
    return {**index, "docs": docs + entries}
