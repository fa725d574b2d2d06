"""What every generated page shares: front matter, dates, escaping of right-to-left runs, edit
links. Every string from ``sources/`` is escaped where it lands."""
from __future__ import annotations

import datetime
import html
import json

from ..model import Annotation, Edition
from ..text import html_text, md_escape, rtl_runs


def yaml_str(value: str) -> str:
    """A YAML string (JSON's double-quoted form is YAML too), on one line."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def front_matter(title: str, description: str, *extra: str) -> str:
    """A page's front matter. The generator puts the title into ``<title>``, the navigation and
    the search index, and the description into a ``<meta>`` attribute, without escaping them:
    they are escaped here, as HTML text and as an attribute value."""
    attribute = html.escape(" ".join(description.split()), quote=True)
    lines = ["---", f"title: {yaml_str(html_text(title))}", f"description: {yaml_str(attribute)}", *extra, "---", ""]
    return "\n".join(lines)


def long_date(iso: str) -> str:
    d = datetime.date.fromisoformat(str(iso))
    return f"{d.day} {d.strftime('%B')} {d.year}"


def month_year(iso: str) -> str:
    d = datetime.date.fromisoformat(str(iso))
    return f"{d.strftime('%B')} {d.year}"


def names(ed: Edition, sids: list[str]) -> str:
    """The texts' short names as a sentence says them: "A and B", "A, B and C"."""
    shorts = [ed.sources[s].short for s in sids] or ["the authors"]
    return " and ".join(shorts) if len(shorts) < 3 else ", ".join(shorts[:-1]) + " and " + shorts[-1]


def edit_link(ed: Edition, ann: Annotation) -> str:
    """`` · edit this annotation`` linking to the annotation's file in the repository's
    web editor (when the edition names its repository)."""
    repo = ed.meta.get("repo")
    if not repo:
        return ""
    return f" · [edit this annotation]({repo.rstrip('/')}/edit/{ed.meta.get('branch', 'main')}/{ann.path})"


def json_in_html(text: str) -> str:
    """JSON that can stand inside a <script> element."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def mark_rtl(text: str, escape=md_escape) -> str:
    """``text`` escaped, each right-to-left run marked by language and direction: the run is
    then set apart from the left-to-right text around it (a comma between two Persian
    spellings stays between them)."""
    out, pos = [], 0
    for a, b in rtl_runs(text):
        out.append(escape(text[pos:a]))
        out.append(f'<span lang="fa" dir="rtl">{escape(text[a:b])}</span>')
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)
