"""The compare page: two texts side by side, each highlight a link to its counterpart.

The pair that ``compare`` in ``edition.yml`` names (or the first two texts) is at
``compare/``; every other pair of texts has a page of its own at ``compare/<left>/<right>/``
(the texts in the edition's order), and each compare page lists the pairs, so that the reader
chooses which two texts to compare. A new text in ``sources/`` reaches them with no
configuration. Beyond ``nav_texts_max`` texts (edition.yml, default 12), where every pair would
make the build grow with the square of the texts, only the pairs that share a cross-reference
have a page."""
from __future__ import annotations

import html
from itertools import combinations

from ..model import Edition, layout
from ..text import md_escape
from ..urls import html_link, link, text_page_path
from .common import front_matter, long_date, names
from .marks import Marks, highlights_control, paragraph

TITLE = "Compare the texts side by side"


def default_pair(ed: Edition) -> list[str]:
    """The two texts ``compare`` in edition.yml names, or the first two (fewer if there are not two)."""
    return [p for p in (ed.meta.get("compare") or list(ed.sources)) if p in ed.sources][:2]


def pair_path(ed: Edition, left: str, right: str) -> str:
    """The Markdown path of the compare page of ``left`` and ``right``."""
    return "compare.md" if {left, right} == set(default_pair(ed)) else f"compare/{left}/{right}.md"


def pairs(ed: Edition) -> list[tuple[str, str]]:
    """Every pair of texts that has a compare page: the default first, then the others in the
    edition's order."""
    first = default_pair(ed)
    if len(first) < 2:
        return []
    order = list(ed.sources)
    if len(order) <= int(ed.meta.get("nav_texts_max", 12)):
        others = list(combinations(order, 2))
    else:
        joined = {pr for a in ed.annotations for pr in combinations(sorted(a.sources, key=order.index), 2)}
        others = [pr for pr in combinations(order, 2) if pr in joined]
    return [tuple(first)] + [pr for pr in others if set(pr) != set(first)]


def chooser(ed: Edition, page: str, here: tuple[str, str]) -> str:
    """The list of the pairs a reader may compare, the one shown marked as the current page.
    Raw HTML, each label escaped."""
    items = []
    for left, right in pairs(ed):
        label = html.escape(names(ed, [left, right]))
        if (left, right) == here:
            items.append(f'<li><a href="." aria-current="page">{label}</a></li>')
        else:
            items.append(f'<li><a href="{html_link(page, pair_path(ed, left, right))}">{label}</a></li>')
    return ('<nav class="compare-pairs" aria-labelledby="compare-pairs-heading">\n'
            '<p id="compare-pairs-heading"><strong>Texts compared:</strong></p>\n'
            f'<ul>{"".join(items)}</ul>\n</nav>\n')


def compare_page(ed: Edition, left: str, right: str, page: str = "compare.md") -> str:
    """Two texts side by side. Each highlight links to its counterpart in the other column.
    Without script the browser follows the link as a fragment (``:target`` outlines it); with
    script (docs/assets/edition-compare.js, which edition.js loads on this page), where the columns stand side by side,
    following it moves only the columns, outlines the passage and its counterpart, and Back
    returns both columns to where they were."""
    both = names(ed, [left, right])
    description = (f"{both} side by side, aligned on their cross-references: activate a highlight to "
                   "bring its counterpart into view.")
    title = TITLE if page == "compare.md" else f"Compare {both} side by side"
    out = [front_matter(title, description, "hide:", "  - navigation", "  - toc", "search:", "  exclude: true"),
           f"# {md_escape(title)}", "",
           "Each highlighted passage is a link: activate it (click, or Tab to it and press Enter) and the other "
           "column scrolls to its counterpart, which is outlined; Back returns both columns to where they were. "
           "The footnote number after it opens the note. "
           "On a narrow screen the columns stack, and the same links jump between them.", ""]
    if len(pairs(ed)) > 1:
        out.append(chooser(ed, page, (left, right)))
    out += ['<div class="compare" markdown>', ""]
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


def compare(ed: Edition) -> dict[str, str]:
    """Every compare page, by Markdown path: the default pair at ``compare.md``, each other pair
    at ``compare/<left>/<right>.md``; or, with fewer than two texts, a page saying that there
    is nothing to compare."""
    found = pairs(ed)
    if not found:
        return {"compare.md": (f"---\ntitle: {TITLE}\ndescription: \"The side-by-side view needs two texts; this "
                               f"edition holds one.\"\n---\n\n# {TITLE}\n\nThis edition holds only one text.\n")}
    return {pair_path(ed, *pr): compare_page(ed, *pr, page=pair_path(ed, *pr)) for pr in found}
