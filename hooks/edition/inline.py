"""Inline rendering: a reading text with its formatting spans and highlights as properly nested
tags, for the pages (Markdown with HTML) and the TEI export (XML)."""
from __future__ import annotations

from dataclasses import dataclass

from .text import md_escape


@dataclass
class Item:
    start: int
    end: int
    open: str
    close: str
    reopen: str
    after: str = ""


def inline(text: str, items: list[Item], escape=md_escape) -> str:
    """Render ``text`` with properly nested tags for ``items`` (which may overlap: an item
    cut by another is closed and reopened). ``after`` is emitted where an item ends; the
    text between tags goes through ``escape``."""
    cuts = sorted({0, len(text), *(i.start for i in items), *(i.end for i in items)})
    starting: dict[int, list[Item]] = {}
    for it in items:
        starting.setdefault(it.start, []).append(it)
    out: list[str] = []
    active: list[Item] = []
    for n, pos in enumerate(cuts):
        if any(it.end == pos for it in active):
            reopen = []
            while any(it.end == pos for it in active):
                it = active.pop()
                out.append(it.close)
                if it.end == pos:
                    out.append(it.after)
                else:
                    reopen.append(it)
            for it in reversed(reopen):
                out.append(it.reopen)
                active.append(it)
        for it in sorted(starting.get(pos, []), key=lambda i: -i.end):
            if it.end == it.start:
                continue
            out.append(it.open)
            active.append(it)
        if n + 1 < len(cuts):
            out.append(escape(text[pos:cuts[n + 1]]))
    return "".join(out)
