"""Reference-manager files for a text: CSL-JSON, BibTeX (biblatex) and RIS, each describing
the article as published, at its original address, with where it was read in the edition
(the same reference as the cite dialog and the page's metadata: ``..citation.reference``)."""
from __future__ import annotations

import re

from ..citation import Reference, _date, reference
from ..model import Edition, Source


def _key(r: Reference) -> str:
    family = re.sub(r"\W", "", r.authors[0][1]).lower()
    word = next((w for w in re.findall(r"[A-Za-z]+", r.title) if w.lower() not in {"the", "a", "an"}), "")
    return f"{family}{r.date[:4]}{word.lower()}"


def csl_json(ed: Edition, src: Source, base: str) -> list[dict]:
    """CSL-JSON of the article; where it was read is in ``archive`` and ``archive_location``."""
    r = reference(ed, src, base)
    d = _date(r.date)
    item = {
        "id": _key(r),
        "type": r.type,
        "title": r.title,
        "author": [{"family": f, "given": g} for g, f in r.authors],
        "container-title": r.container,
        "issued": {"date-parts": [[d.year, d.month, d.day]]},
        "URL": r.url,
        "language": r.language,
        "archive": f"{r.edition}, version {r.version} ({r.edition_date})",
        "archive_location": r.cited_page,
    }
    if r.type == "post-weblog":
        item["genre"] = "Blog"
    if r.witness:
        item["note"] = f"Witness: {r.witness}"
    return [item]


def _tex(text: str) -> str:
    """Text as biblatex reads it literally: its special characters escaped, on one line."""
    text = " ".join(text.split()).replace("\\", r"\textbackslash{}")
    for ch in "&%$#_{}":
        text = text.replace(ch, "\\" + ch)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def bibtex(ed: Edition, src: Source, base: str) -> str:
    """A biblatex entry: ``@article`` (``entrysubtype = {magazine}``) or ``@online`` (a blog,
    its name as ``titleaddon``), as Zotero's own biblatex export writes them."""
    r = reference(ed, src, base)
    blog = r.type == "post-weblog"
    fields = [("title", "{" + _tex(r.title) + "}"), ("author", " and ".join(f"{_tex(f)}, {_tex(g)}" for g, f in r.authors))]
    fields += [("titleaddon", _tex(r.container)), ("type", "Blog")] if blog else \
        [("journaltitle", _tex(r.container))] + ([("entrysubtype", "magazine")] if r.type == "article-magazine" else [])
    fields += [("date", r.date), ("url", r.url),
               ("langid", {"en": "english"}.get(r.language, _tex(r.language))),
               ("addendum", f"Read in: {_tex(r.edition)}, version {_tex(r.version)} ({r.edition_date}), "
                            f"\\url{{{r.cited_page}}}" + (f". {_tex(r.witness)}" if r.witness else ""))]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{'online' if blog else 'article'}{{{_key(r)},\n{body}\n}}\n"


def ris(ed: Edition, src: Source, base: str) -> str:
    """An RIS record, with the tags Zotero's RIS export writes for the same item, and where it
    was read as a note (``N1``)."""
    r = reference(ed, src, base)
    d = _date(r.date)
    kind = {"post-weblog": "BLOG", "article-newspaper": "NEWS", "article-journal": "JOUR",
            "webpage": "ELEC"}.get(r.type, "MGZN")
    lines = [f"TY  - {kind}", f"TI  - {r.title}"]
    lines += [f"AU  - {f}, {g}" for g, f in r.authors]
    lines += [f"T2  - {r.container}", f"DA  - {d.year:04d}/{d.month:02d}/{d.day:02d}/", f"PY  - {d.year}",
              f"LA  - {r.language}"] + (["M3  - Blog"] if kind == "BLOG" else []) + [f"UR  - {r.url}"]
    lines.append(f"N1  - Read in: {r.edition}, version {r.version} ({r.edition_date}), {r.cited_page}"
                 + (f". {r.witness}" if r.witness else ""))
    # One tag a line: a line break inside a value would start a record of its own.
    return "\r\n".join(line[:6] + " ".join(line[6:].split()) for line in lines) + "\r\nER  - \r\n"
