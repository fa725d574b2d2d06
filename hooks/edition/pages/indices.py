"""The indices: names, the timeline and the figures, each mention linked to its paragraph."""
from __future__ import annotations

from ..indices import NAME_TYPES
from ..model import Edition, where
from ..text import md_escape
from ..urls import link, text_page_path
from .common import mark_rtl


def _hits(ed: Edition, page: str, hits) -> str:
    """``Ramani ¶4, ¶13 (2×); Harrison ¶7``: each a link to the paragraph."""
    parts = []
    for sid, src in ed.sources.items():
        mine = [h for h in hits if h.source == sid]
        if not mine:
            continue
        counts: dict[str, int] = {}
        for h in mine:
            counts[h.block] = counts.get(h.block, 0) + 1
        links = []
        for block_id, n in counts.items():
            block = src.block(block_id)
            name = f"¶{block.number}" if block.number else block.id.replace("-", " ")
            links.append(f"[{md_escape(name)}]({link(page, text_page_path(sid), block_id)})" + (f" ({n}×)" if n > 1 else ""))
        parts.append(f"{md_escape(src.short)} " + ", ".join(links))
    return "; ".join(parts) or "—"


def names_page(ed: Edition) -> str:
    page = "indices/names.md"
    names = ed.indices.names if ed.indices else []
    out = ["---", "title: Persons, peoples, places and organisations",
           "description: \"Every person, place and organisation either author names, with each author's spellings "
           "and links to every paragraph that mentions them.\"", "---", "",
           "# Persons, peoples, places and organisations", "",
           f"{len(names)} names. Every mention in either text is listed, with the spellings each author uses; "
           "the build locates each spelling in the texts, so the lists are complete.", ""]
    for kind, heading in NAME_TYPES.items():
        entries = sorted((e for e in names if e.kind == kind), key=lambda e: e.label.lower())
        out.append(f"## {heading} ({len(entries)}) {{#{kind}}}\n")
        out.append("| Name | Spellings | Mentions | Note |")
        out.append("|---|---|---|---|")
        for e in entries:
            spellings = "; ".join(f"{md_escape(ed.sources[s].short)}: " + ", ".join(mark_rtl(v) for v in vs)
                                  for s, vs in e.variants.items())
            out.append(f"| <span id=\"{e.id}\">{md_escape(e.label)}</span> | {spellings} | {_hits(ed, page, e.hits)} | "
                       f"{md_escape(e.note)} |")
        out.append("")
    return "\n".join(out)


def timeline_page(ed: Edition) -> str:
    page = "indices/timeline.md"
    events = ed.indices.events if ed.indices else []
    out = ["---", "title: Timeline",
           "description: \"Every dated event either author mentions, from the 1954 map to the October 2015 talks, "
           "with who mentions it and where.\"", "---", "", "# Timeline", "",
           f"{len(events)} dated events, in order. Each links to the paragraphs that mention it; where the two "
           "accounts differ, the note says how.", "",
           "| Date | Event | Mentioned by | Note |", "|---|---|---|---|"]
    for e in events:
        out.append(f"| <span id=\"{e.id}\">{md_escape(e.when or e.date)}</span> | {md_escape(e.label)} | {_hits(ed, page, e.hits)} | "
                   f"{md_escape(e.note)} |")
    return "\n".join(out) + "\n"


def figures_page(ed: Edition) -> str:
    page = "indices/figures.md"
    figures = ed.indices.figures if ed.indices else []
    out = ["---", "title: Figures",
           "description: \"Every number either author gives, side by side with the other author's figure where "
           "there is one.\"", "---", "", "# Figures", "",
           f"{len(figures)} figures. Each value is quoted from its paragraph; the build checks that the value "
           "stands in the quotation.", ""]
    shorts = list(ed.sources.items())
    out.append("| What | " + " | ".join(md_escape(s.short) for _, s in shorts) + " | Note |")
    out.append("|---|" + "---|" * len(shorts) + "---|")
    for e in figures:
        cells = []
        for sid, src in shorts:
            vals = [h for h in e.hits if h.source == sid]
            cells.append("<br>".join(
                f"**{md_escape(h.value)}** ([{md_escape(where(src, h.block))}]({link(page, text_page_path(sid), h.block)}))"
                for h in vals) or "—")
        out.append(f"| <span id=\"{e.id}\">{md_escape(e.label)}</span> | " + " | ".join(cells) + f" | {md_escape(e.note)} |")
    return "\n".join(out) + "\n"
