"""The coverage page: sentence by sentence, what the cross-references link in each text."""
from __future__ import annotations

from ..coverage import coverage, points
from ..model import Edition
from ..text import md_escape
from ..urls import link, text_page_path
from .common import front_matter, mark_rtl


def coverage_page(ed: Edition) -> str:
    """Sentence by sentence, what the cross-references link in each text, with the counts."""
    page = "coverage.md"
    cov = coverage(ed)
    out = [front_matter("Coverage of the texts", "Sentence by sentence, which parts of each text the "
                        "cross-references link, and to what; computed from the apparatus at every build."),
           "# Coverage of the texts", "",
           f"The edition joins the two texts by {points(ed)} cross-references, one for each point of contact the "
           "editors found. This page is computed from them at every build: for each body paragraph, each "
           "sentence, and the cross-references that quote words of it. A sentence that no cross-reference "
           "links is one where the editors found nothing in the other text that speaks to the same matter.", ""]
    out.append("| Text | Body sentences | Linked | Share | Paragraphs with a cross-reference |")
    out.append("|---|---|---|---|---|")
    for sid, c in cov.items():
        src = ed.sources[sid]
        out.append(f"| {md_escape(src.short)} | {len(c.sentences)} | {c.linked} | {c.share:.0%} | "
                   f"{c.paragraphs_linked} of {len(src.paragraphs)} |")
    out.append("")
    for sid, c in cov.items():
        src = ed.sources[sid]
        out.append(f"## {md_escape(src.short)} {{#{sid}}}\n")
        out.append("| Sentence | Begins | Cross-references |")
        out.append("|---|---|---|")
        for s in c.sentences:
            words = s.text.split()
            begins = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            refs = ", ".join(f"[{md_escape(ed.relations[a.relation]['symbol'])} {md_escape(a.title)}]"
                             f"({link(page, 'xrefs.md', 'x-' + a.id)})" for a in s.xrefs) or "—"
            out.append(f"| [¶{s.number}]({link(page, text_page_path(sid), s.block)}).{s.index} | "
                       f"{mark_rtl(begins)} | {refs} |")
        out.append("")
    return "\n".join(out)
