"""Reference-manager files for a text: CSL-JSON, BibTeX (biblatex) and RIS, describing the
original article, with the edition's reading page as a note."""
from __future__ import annotations

import re

from ..citation import _date, _names
from ..model import Edition, Source


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

