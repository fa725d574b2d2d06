"""Markers in hand-written pages, replaced by what the data say: a claim about the edition is
computed, never typed."""
from __future__ import annotations

import html
import re

from ..citation import citations, fill, reference
from ..coverage import coverage, points
from ..model import Edition
from ..text import md_escape
from ..urls import link
from .map import comparison_map


MARKER = re.compile(r"<!-- edition: ([a-z-]+)((?: [\w.-]+)*) -->")


KNOWN = ("comparison-map, relation-procedure, relation-types, coverage-summary and sample-citation <text> <paragraph> "
         "<style>")


def fill_markers(markdown: str, ed: Edition, page: str, base: str) -> tuple[str, list[str]]:
    """Replace each ``<!-- edition: name args -->`` in a hand-written page by what the data say
    (so that a claim about the edition is computed, never typed): ``comparison-map``, ``relation-procedure``,
    ``coverage-summary``, ``sample-citation <text> <paragraph> <style>``. Also returns a
    problem for each marker it does not know."""
    unknown: list[str] = []

    def one(m: re.Match) -> str:
        name, args = m.group(1), m.group(2).split()
        if name == "comparison-map" and not args:
            return comparison_map(ed, page)
        if name == "relation-procedure" and not args:
            return "\n" + ed.procedure_html + "\n"
        if name == "relation-types" and not args:
            return "\n" + "\n".join(f"- **{md_escape(r['label'])} ({md_escape(r.get('symbol', ''))})**: "
                                     f"{md_escape(' '.join(str(r['description']).split()))}"
                                     for r in ed.relations.values()) + "\n"
        if name == "coverage-summary" and not args:
            cov = coverage(ed)
            shares = " and ".join(f"{c.linked} of {md_escape(ed.sources[sid].short)}'s {len(c.sentences)} body "
                                  f"sentences ({c.share:.0%})" for sid, c in cov.items())
            return (f"{points(ed)} cross-references, one for each point of contact the editors found, link "
                    f"{shares}; [the coverage]({link(page, 'coverage.md')}) shows which, sentence by sentence")
        if name == "sample-citation" and len(args) == 3 and args[0] in ed.sources and args[1].isdigit():
            sid, n, style = args
            styles = citations(ed, ed.sources[sid], base)
            if style in styles:
                r = reference(ed, ed.sources[sid], base)
                return _html_to_md(fill(styles[style]["html"], int(n), f"{r.cited_page}#p{n}", r.cited_page))
        unknown.append(m.group(0))
        return m.group(0)

    text = MARKER.sub(one, markdown)
    return text, [f"{page}: unknown edition marker {u}; the markers are {KNOWN}" for u in unknown]


def _html_to_md(html_text_: str) -> str:
    """A citation's HTML (escaped text and <i>) as Markdown."""
    parts = re.split(r"(<i>.*?</i>)", html_text_)
    return "".join(f"*{md_escape(html.unescape(p[3:-4]))}*" if p.startswith("<i>") else md_escape(html.unescape(p))
                   for p in parts)
