"""The cross-reference index: every annotation, by relation and by topic."""
from __future__ import annotations

from ..model import Edition, Passage, where
from ..text import md_escape, md_escape_html
from ..urls import link, text_page_path
from .common import edit_link


def _passage_link(ed: Edition, page: str, p: Passage) -> str:
    src = ed.sources[p.source]
    return (f"[{md_escape(where(src, p.block))}]({link(page, text_page_path(p.source), p.mark)}): "
            f"“{md_escape(p.exact)}”")


def xrefs_page(ed: Edition) -> str:
    """Every annotation, grouped by relation (where each entry lives) and by topic."""
    page = "xrefs.md"
    two = [a for a in ed.annotations if len(a.sources) > 1]
    one = [a for a in ed.annotations if len(a.sources) == 1]
    out = ["---", "title: Cross-references",
           "description: \"Every cross-reference of the edition, grouped by relation and by topic, with links to "
           "both passages.\"", "---", "", "# Cross-references", ""]
    counts = ", ".join(f"{sum(1 for a in ed.annotations if a.relation == r)} {md_escape(v['label'].lower())}"
                       for r, v in ed.relations.items())
    out.append(f"{len(two)} cross-references between the texts and {len(one)} editorial notes "
               f"({counts}). Each entry links to both passages; each passage's footnote links back here. "
               f"Each relation is decided by [a written procedure]({link(page, 'principles.md', 'procedure')}); "
               f"[the coverage]({link(page, 'coverage.md')}) shows which sentences of each text they link.\n")
    out.append("## By relation {#by-relation}\n")
    for rid, rel in ed.relations.items():
        anns = [a for a in ed.annotations if a.relation == rid]
        if not anns:
            continue
        out.append(f"### {md_escape(rel['label'])} ({len(anns)}) {{#relation-{rid}}}\n")
        out.append(f"{md_escape(' '.join(rel['description'].split()))}\n")
        for a in anns:
            topics = ", ".join(f"[{md_escape(ed.topics[t]['label'])}](#topic-{t})" for t in a.topics)
            out.append(f"#### {md_escape(a.title)} {{#x-{a.id}}}\n")
            for alias in a.aliases:
                out.append(f"*Formerly also the cross-reference `{alias}`, which was merged into this one: its "
                           f"address `#x-{alias}` leads here.*\n{{: #x-{alias} .xref-alias }}\n")
            for p in a.passages:
                out.append(f"- {_passage_link(ed, page, p)}")
            out.append("")
            out.append(f"{md_escape_html(a.note_html)}\n")
            out.append(f"*{md_escape(rel['label'])}* · topics: {topics} · `{md_escape(a.path)}`{edit_link(ed, a)}\n")
    retired = ed.meta.get("retired") or {}
    out.append("## Retired cross-references {#retired}\n")
    out.append("These ids were published and have been retired. Their addresses stay, and say why.\n" if retired else
               "No published cross-reference id has been retired: each still names the passages it was published "
               "with.\n")
    if retired:
        for rid, e in retired.items():
            see = e.get("see")
            title = next((a.title for a in ed.annotations if see in (a.id, *a.aliases)), see) if see else ""
            out.append(f"### `{md_escape(rid)}` (retired) {{#x-{rid}}}\n")
            out.append(f"{md_escape(' '.join(str(e['removed']).split()))}"
                       + (f" See [{md_escape(title)}](#x-{see}).\n" if see else "\n"))
    out.append("## By topic {#by-topic}\n")
    for tid, topic in ed.topics.items():
        anns = [a for a in ed.annotations if tid in a.topics]
        out.append(f"### {md_escape(topic['label'])} ({len(anns)}) {{#topic-{tid}}}\n")
        out.append(f"{md_escape(' '.join(topic['description'].split()))}\n")
        for a in anns:
            out.append(f"- [{md_escape(a.title)}](#x-{a.id}) ({md_escape(ed.relations[a.relation]['label'].lower())})")
        if not anns:
            out.append("No cross-reference yet.")
        out.append("")
    return "\n".join(out)
