"""The compare page: two texts side by side, each highlight a link to its counterpart."""
from __future__ import annotations

from ..model import Edition, layout
from ..text import md_escape
from ..urls import link, text_page_path
from .common import long_date, yaml_str
from .marks import Marks, highlights_control, paragraph


def compare_page(ed: Edition, left: str, right: str) -> str:
    """Two texts side by side. Each highlight links to its counterpart in the other column.
    Without script the browser follows the link as a fragment (``:target`` outlines it); with
    script (docs/assets/edition.js, "the compare page"), where the columns stand side by side,
    following it moves only the columns, outlines the passage and its counterpart, and Back
    returns both columns to where they were."""
    page = "compare.md"
    description = ("The two texts side by side, aligned on their cross-references: activate a highlight to "
                   "bring its counterpart into view.")
    out = ["---", "title: Compare the texts side by side", f"description: {yaml_str(description)}",
           "hide:", "  - navigation", "  - toc", "search:", "  exclude: true",
           "---", "", "# Compare the texts side by side", "",
           "Each highlighted passage is a link: activate it (click, or Tab to it and press Enter) and the other "
           "column scrolls to its counterpart, which is outlined; Back returns both columns to where they were. "
           "The footnote number after it opens the note. "
           "On a narrow screen the columns stack, and the same links jump between them.", "",
           '<div class="compare" markdown>', ""]
    footnotes: list[str] = []
    for sid in (left, right):
        src = ed.sources[sid]
        marks = Marks(ed, src, page, prefix=f"{sid}-",
                       jump=lambda o: f"#{o.source}-{o.mark}" if o.source in (left, right) else None)
        front, body, _, _ = layout(src)
        authors = ", ".join(f"{a['given']} {a['family']}" for a in src.meta["authors"])
        out.append(f'<section class="compare-col" aria-labelledby="{sid}-heading" markdown>\n')
        out.append(f"## {md_escape(authors)} ({long_date(src.meta['date'])}) {{#{sid}-heading}}\n")
        out.append(f"[“{md_escape(src.title)}”]({link(page, text_page_path(sid))}), "
                   f"*{md_escape(src.meta['publication'])}*\n{{: .compare-title }}\n")
        for b in body:
            if b.kind == "heading":
                out.append(f"### {md_escape(b.reading)} {{#{sid}-{b.id}}}\n")
            elif b.kind == "body":
                out.append(paragraph(b, marks.text_of(b), prefix=f"{sid}-"))
        out.append("</section>\n")
        footnotes += marks.footnotes
    out.append("</div>\n")
    if footnotes:
        out.insert(out.index('<div class="compare" markdown>'), highlights_control())
    out.append("\n".join(footnotes) + "\n")
    return "\n".join(out)


def compare(ed: Edition) -> str:
    """The compare page of the two texts that ``compare`` in ``edition.yml`` names (or the
    first two), or a page saying that there is nothing to compare."""
    pair = [p for p in (ed.meta.get("compare") or list(ed.sources)) if p in ed.sources][:2]
    if len(pair) == 2:
        return compare_page(ed, *pair)
    return ("---\ntitle: Compare the texts side by side\ndescription: \"The side-by-side view needs two texts; this "
            "edition holds one.\"\n---\n\n# Compare the texts side by side\n\nThis edition holds only one text.\n")
