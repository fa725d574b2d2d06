"""The topic comparison: each author's position and the relation, which follows from the
cross-references."""
from __future__ import annotations

from ..comparison import MIXED, ONE_AUTHOR
from ..model import Edition
from ..text import md_escape
from ..urls import link, text_page_path
from .common import front_matter, month_year, names


def topics_page(ed: Edition) -> str:
    """One block per topic: each author's position, the relation, and the passages. Every text
    whose passages a cross-reference of the topic quotes is in the block: a text that
    ``sources/comparison.yml`` gives no position for is listed as such, with its passages."""
    page = "topics.md"
    compared = {sid for row in ed.comparison for sid in row.positions}
    carried = {p.source for a in ed.annotations for p in a.passages if set(a.topics) & {r.topic for r in ed.comparison}}
    sids = [sid for sid in ed.sources if sid in compared] + \
        [sid for sid in ed.sources if sid in carried and sid not in compared]
    dated = sorted((sid for sid in sids if sid in compared), key=lambda s: str(ed.sources[s].meta.get("date", "")))
    when = [f"{md_escape(ed.sources[s].short)}{' wrote' if i == 0 else ''} in {month_year(ed.sources[s].meta.get('date'))}"
            for i, s in enumerate(dated)]
    when = ", ".join(when) + ". " if when else ""
    out = [front_matter("The comparison at a glance", f"Topic by topic, what {names(ed, sids)} each say, whether "
                        "they agree or diverge, and where in the texts."), "# The comparison at a glance", "",
           "Topic by topic: each author's position in a sentence or two, the relation between them, and links "
           "to the passages. " + when +
           "Follow a topic to its cross-references, or a paragraph number to the passage.", "",
           "The relation of a topic is not a judgement of its own: it follows from the cross-references that "
           "carry the topic. Where they all have one relation, the topic has it; where they have several, it is "
           "*mixed*, and the count of each is given; where one author does not discuss the topic, it concerns "
           "*one author only*.", ""]
    # One block per topic, not a table: the positions stand side by side on a wide screen and
    # one under the other on a phone, where a table of five columns would run off the screen.
    for row in ed.comparison:
        topic = ed.topics[row.topic]
        anns = [a for v in row.breakdown.values() for a in v]
        anns += [a for a in ed.annotations if row.topic in a.topics and a not in anns]
        passages, shown = [], []
        for sid in sids:
            blocks = sorted({p.block for a in anns for p in a.passages if p.source == sid},
                            key=lambda b: int(b[1:]) if b[1:].isdigit() else 0)
            if blocks:
                passages.append(f"{md_escape(ed.sources[sid].short)} " + ", ".join(
                    f"[¶{b[1:]}]({link(page, text_page_path(sid), b)})" for b in blocks))
            if sid in row.positions or blocks:
                shown.append(sid)
        out.append(f'<section class="topic" id="{row.topic}" markdown>\n')
        out.append(f"## {md_escape(topic['label'])} {{#topic-{row.topic}}}\n")
        out.append('<div class="topic-positions" markdown>\n')
        for sid in shown:
            if sid not in row.positions:
                position = "*No position recorded: the edition has not yet summarised it (sources/comparison.yml).*"
            else:
                position = md_escape(row.positions[sid]) if row.positions[sid] else "*Does not discuss this topic.*"
            out.append(f"**{md_escape(ed.sources[sid].short)}:** {position}\n{{: .topic-position }}\n")
        out.append("</div>\n")
        between = f" (between {md_escape(names(ed, [s for s in sids if s in row.positions]))})" \
            if any(s not in row.positions for s in shown) else ""
        out.append(f"**Relation{between}:** {row_relation(ed, row)} · **Passages:** {'; '.join(passages) or '—'} · "
                   f"[the cross-references]({link(page, 'xrefs.md', 'topic-' + row.topic)})\n"
                   "{: .topic-relation }\n")
        out.append("</section>\n")
    return "\n".join(out) + "\n"


def row_relation(ed: Edition, row) -> str:
    """The relation of a topic as the comparison shows it: the cross-references' relation and
    their number, or, for a mixed topic, how many have each relation."""
    if row.relation == ONE_AUTHOR:
        return "One author only"
    if row.relation == MIXED:
        parts = [f"{md_escape(ed.relations[r]['symbol'])} {md_escape(ed.relations[r]['label'].lower())} {len(v)}"
                 for r, v in row.breakdown.items()]
        return "Mixed: " + ", ".join(parts)
    rel = ed.relations[row.relation]
    return f"{md_escape(rel['symbol'])} {md_escape(rel['label'])} ({sum(len(v) for v in row.breakdown.values())})"
