"""The reading text as plain text, with paragraph numbers, for reading and quoting."""
from __future__ import annotations

from ..model import BLOCK_KINDS, Edition, Source, layout
from ..urls import text_url


def plain_text(ed: Edition, src: Source, base: str) -> str:
    """The reading text as plain text, with paragraph numbers, for reading and quoting."""
    m = src.meta
    authors = ", ".join(f"{a['given']} {a['family']}" for a in m["authors"])
    lines = [f"{authors}, \u201c{m['title']}\u201d, {m['publication']}, {m['date']}", f"Original: {m['url']}",
             f"From: {ed.meta.get('title', '')}, version {ed.meta.get('version', '')}, {text_url(base, src.id)}",
             f"Rights: {' '.join(m['rights'].split())}", ""]
    front, body, back, witness = layout(src)
    for b in front + body + back:
        if b.kind == "body":
            lines.append(f"[\u00b6{b.number}] {b.reading}")
        elif b.kind == "heading":
            lines.append(f"## {b.reading}")
        else:
            lines.append(f"[{BLOCK_KINDS[b.kind]}] {b.reading}")
        lines.append("")
    if witness:
        lines.append("Paratext of the witness:")
        lines += [f"[{BLOCK_KINDS[b.kind]}] {b.reading}" for b in witness]
    return "\n".join(lines).rstrip() + "\n"

