"""The map of the comparison: both texts paragraph by paragraph, side by side, one line for each
cross-reference between them, drawn and patterned by relation; an inline SVG made at build
time (no script), with a title, a description and the same links as a list."""
from __future__ import annotations

from html import escape

from ..model import Edition
from ..urls import html_link, text_page_path

WIDTH, TOP, ROW, BOX_W, BOX_H = 360, 44, 30, 58, 24
# The pattern of each relation's line (never colour alone), and the order of the legend.
PATTERNS = {"agree": "", "diverge": "9 5", "qualifies": "2 4", "complements": "10 3 2 3"}


def _rows(n: int, height: float) -> list[float]:
    """The vertical middles of ``n`` paragraph boxes spread over ``height``."""
    if n <= 1:
        return [TOP + height / 2]
    step = (height - BOX_H) / (n - 1)
    return [TOP + BOX_H / 2 + i * step for i in range(n)]


def comparison_map(ed: Edition, page: str) -> str:
    """The map as HTML for a Markdown page at ``page`` (a raw HTML block: no blank line)."""
    pair = [p for p in (ed.meta.get("compare") or list(ed.sources)) if p in ed.sources][:2]
    if len(pair) < 2:
        return ""
    left, right = (ed.sources[s] for s in pair)
    lp, rp = left.paragraphs, right.paragraphs
    height = max(len(lp), len(rp)) * ROW
    ly = dict(zip((b.id for b in lp), _rows(len(lp), height)))
    ry = dict(zip((b.id for b in rp), _rows(len(rp), height)))
    lines, items, seen = [], [], {}
    for ann in ed.annotations:
        if ann.relation not in PATTERNS:
            continue
        lefts = [p for p in ann.passages if p.source == left.id and p.block in ly]
        rights = [p for p in ann.passages if p.source == right.id and p.block in ry]
        pairs = list(dict.fromkeys((a.block, b.block) for a in lefts for b in rights))
        if not pairs:
            continue
        rel = ed.relations[ann.relation]
        href = html_link(page, "compare.md", f"{left.id}-{lefts[0].mark}")
        name = (f"{rel['label']}: {ann.title} ({left.short} "
                + ", ".join(f"¶{left.block(a).number}" for a in dict.fromkeys(a for a, _ in pairs)) + f"; {right.short} "
                + ", ".join(f"¶{right.block(b).number}" for b in dict.fromkeys(b for _, b in pairs)) + ")")
        segs = []
        for a, b in pairs:
            k = seen.get((a, b), 0)
            seen[(a, b)] = k + 1
            dy = (k % 5 - 2) * 2.5
            segs.append(f'<line x1="{BOX_W + 12}" y1="{ly[a] + dy:.1f}" x2="{WIDTH - BOX_W - 12}" '
                        f'y2="{ry[b] + dy:.1f}"/>')
        lines.append(f'<a href="{escape(href)}" class="map-line map-{ann.relation}"><title>{escape(name)}</title>'
                     + "".join(segs) + "</a>")
        items.append(f'<li><a href="{escape(href)}">{escape(name)}</a></li>')
    boxes = []
    for src, ys, x in ((left, ly, 10), (right, ry, WIDTH - BOX_W - 10)):
        for b in src.paragraphs:
            y = ys[b.id]
            boxes.append(f'<a href="{escape(html_link(page, text_page_path(src.id), b.id))}" class="map-para">'
                         f'<title>{escape(src.short)} ¶{b.number}</title>'
                         f'<rect x="{x}" y="{y - BOX_H / 2:.1f}" width="{BOX_W}" height="{BOX_H}" rx="3"/>'
                         f'<text x="{x + BOX_W / 2}" y="{y + 5:.1f}">¶{b.number}</text></a>')
    legend_y = TOP + height + 22
    legend = []
    for i, (rid, dash) in enumerate(PATTERNS.items()):
        rel = ed.relations.get(rid)
        if not rel:
            continue
        x = 10 + (i % 2) * 175
        y = legend_y + (i // 2) * 22
        legend.append(f'<g class="map-line map-{rid}"><line x1="{x}" y1="{y}" x2="{x + 40}" y2="{y}"/></g>'
                      f'<text class="map-legend" x="{x + 48}" y="{y + 5}">{escape(rel["symbol"])} '
                      f'{escape(rel["label"])}</text>')
    total = legend_y + 40
    title = f"Map of the comparison: where {left.short} and {right.short} meet"
    desc = (f"{left.short}'s {len(lp)} paragraphs on the left, {right.short}'s {len(rp)} on the right; each line is a "
            f"cross-reference between them, drawn solid for an agreement, dashed for a divergence, dotted for a "
            f"qualification and dash-dotted for a complement. Every paragraph and every line is a link.")
    svg = (f'<svg class="comparison-map" viewBox="0 0 {WIDTH} {total:.0f}" role="group" '
           f'aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">'
           f'<title id="map-title">{escape(title)}</title><desc id="map-desc">{escape(desc)}</desc>'
           f'<text class="map-head" x="{10 + BOX_W / 2}" y="18">{escape(left.short)}</text>'
           f'<text class="map-head" x="{WIDTH - 10 - BOX_W / 2}" y="18">{escape(right.short)}</text>'
           + "".join(lines) + "".join(boxes) + "".join(legend) + "</svg>")
    return (f'<figure class="comparison-map-figure">{svg}<figcaption>{escape(desc)}</figcaption></figure>'
            f'<details class="map-list"><summary>The map as a list of its {len(items)} cross-references</summary>'
            f'<ul>{"".join(items)}</ul></details>')
