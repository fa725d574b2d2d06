"""The map of the comparison: a table of paragraphs, one text's paragraphs in its rows and the
other's in its columns; the cell where two paragraphs meet holds a sign for each cross-reference
between them (= ≠ ≈ +, each underlined in its relation's pattern, never colour alone) and is a
link to the two passages side by side on the compare page. Made at build time, a plain HTML
table: it reads and works without script, in print and in either colour scheme; with script
(docs/assets/edition-map.js, loaded by edition.js) it is one stop in the Tab order, moved through with the arrow keys.

A table, not lines between two columns: where many cross-references meet, lines tangle and
cannot be told apart or tapped, while cells stay apart, as large as a finger needs, and are
read by their row and column. All the cross-references between two paragraphs are in those
two paragraphs, which is what the compare page shows, so one link per cell loses nothing; the
list under the table (folded) links each cross-reference by its title."""
from __future__ import annotations

from html import escape

from ..model import Edition
from ..urls import html_link, text_page_path
from .compare import default_pair

# The relations the map shows, in the order of its key and of the signs in a cell.
RELATIONS = ("agree", "diverge", "qualifies", "complements")
# The pattern of each relation's underline, as in the texts' highlights (docs/assets/edition.css).
PATTERNS = {"agree": "solid", "diverge": "wavy", "qualifies": "dashed", "complements": "dotted"}


def _count(n: int, label: str) -> str:
    return f"{n} {label.lower()}" if n == 1 else f"{n} {label.lower()}s"


def comparison_map(ed: Edition, page: str) -> str:
    """The map as HTML for a Markdown page at ``page`` (a raw HTML block: no blank line)."""
    pair = default_pair(ed)
    if len(pair) < 2:
        return ""
    left, right = (ed.sources[s] for s in pair)
    lp, rp = left.paragraphs, right.paragraphs
    lnum = {b.id: b.number for b in lp}
    rnum = {b.id: b.number for b in rp}
    # cells[(left block, right block)]: (annotation, its passages in the left block, in the right block)
    cells: dict[tuple[str, str], list] = {}
    items = []
    for ann in ed.annotations:
        if ann.relation not in RELATIONS or ann.relation not in ed.relations:
            continue
        lefts = [p for p in ann.passages if p.source == left.id and p.block in lnum]
        rights = [p for p in ann.passages if p.source == right.id and p.block in rnum]
        pairs = list(dict.fromkeys((a.block, b.block) for a in lefts for b in rights))
        if not pairs:
            continue
        for a, b in pairs:
            cells.setdefault((a, b), []).append((ann, [p for p in lefts if p.block == a],
                                                 [p for p in rights if p.block == b]))
        rel = ed.relations[ann.relation]
        href = html_link(page, "compare.md", f"{left.id}-{lefts[0].mark}")
        name = (f"{rel['label']}: {ann.title} ({left.short} "
                + ", ".join(f"¶{lnum[a]}" for a in dict.fromkeys(a for a, _ in pairs)) + f"; {right.short} "
                + ", ".join(f"¶{rnum[b]}" for b in dict.fromkeys(b for _, b in pairs)) + ")")
        items.append(f'<li><a href="{escape(href)}">{escape(name)}</a></li>')

    def target(found) -> str:
        """The compare page's anchor for a cell: a passage whose counterpart there (the first
        passage of the same cross-reference in the other text, which the compare page brings
        into view beside it) lies in the other paragraph of the cell."""
        for ann, ls, rs in found:
            first = next(p for p in ann.passages if p.source == right.id)
            if ls and rs and first.block == rs[0].block:
                return f"{left.id}-{ls[0].mark}"
        for ann, ls, rs in found:
            first = next(p for p in ann.passages if p.source == left.id)
            if ls and rs and first.block == ls[0].block:
                return f"{right.id}-{rs[0].mark}"
        return f"{left.id}-{found[0][1][0].mark}"

    def cell(a, b) -> str:
        found = cells.get((a.id, b.id))
        if not found:
            return "<td></td>"
        by = {r: [ann for ann, _, _ in found if ann.relation == r] for r in RELATIONS}
        signs = "".join(f'<span class="m-{r}">{escape(ed.relations[r]["symbol"]) * len(anns)}</span>'
                        for r, anns in by.items() if anns)
        label = (f"{left.short} ¶{a.number} and {right.short} ¶{b.number}: "
                 + ", ".join(_count(len(anns), ed.relations[r]["label"]) for r, anns in by.items() if anns))
        titles = "; ".join(ann.title for ann, _, _ in found)
        href = html_link(page, "compare.md", target(found))
        return (f'<td><a href="{escape(href)}" aria-label="{escape(label)}" title="{escape(titles)}">'
                f"{signs}</a></td>")

    def head(src, b) -> str:
        href = html_link(page, text_page_path(src.id), b.id)
        return f'<a href="{escape(href)}"><span class="vh">{escape(src.short)} </span>¶{b.number}</a>'

    caption = (f"{left.short}'s {len(lp)} paragraphs (rows) against {right.short}'s {len(rp)} (columns): "
               f"a sign for each cross-reference between two paragraphs")
    rows = [f'<tr><td></td><th scope="colgroup" colspan="{len(rp)}">{escape(right.short)}</th></tr>',
            f'<tr><td>{escape(left.short)}</td>' + "".join(f'<th scope="col">{head(right, b)}</th>' for b in rp)
            + "</tr>"]
    body = [f'<tr><th scope="row">{head(left, a)}</th>' + "".join(cell(a, b) for b in rp) + "</tr>" for a in lp]
    key = " ".join(f'<span class="map-key-item"><span class="m-{r}" aria-hidden="true">'
                   f'{escape(ed.relations[r]["symbol"])}</span> {escape(ed.relations[r]["label"].lower())}</span>'
                   for r in RELATIONS)
    how = ("Each cell is a link to the two passages side by side; each paragraph number, to that paragraph in "
           "its text.")
    keys = "With the keyboard, the map is one stop: Tab to it, then move with the arrow keys."
    table = (f'<table class="map-grid" aria-labelledby="map-title">'
             f'<caption id="map-title">{escape(caption)}</caption>'
             f'<colgroup><col class="map-rowhead"></colgroup><colgroup><col span="{len(rp)}"></colgroup>'
             f'<thead>{"".join(rows)}</thead><tbody>{"".join(body)}</tbody></table>')
    return (f'<figure class="comparison-map-figure">{table}'
            f'<figcaption><span class="map-key">{key}</span> {escape(how)} <span class="js-only">{escape(keys)}</span>'
            f'</figcaption></figure>'
            f'<details class="map-list"><summary>The map as a list of its {len(items)} cross-references</summary>'
            f'<ul>{"".join(items)}</ul></details>')
