"""Metadata for reference managers and search engines in each page's <head>.

A reading page describes the article as published, at its original address, as a student
who saves it to Zotero should get it (the principles page says why): its type (``z.itemType``:
a magazine article, a blog post), author, date, publication and original URL, with where it
was read in the edition in Zotero's Extra field. No ``citation_journal_title`` (which would
make any item a journal article) and no edition address as the item's URL. Every other page
describes the edition itself, as a web page with its title, publisher, version and date.
The same reference (``..citation.reference``) makes the cite dialog and the downloads."""
from __future__ import annotations

import html
import json
from html import escape

from ..citation import ZOTERO_TYPES, reference
from ..model import Edition, Source

_Z = '<link rel="schema.z" href="http://www.zotero.org/namespaces/export#">'
_DC = '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">'


def _json(data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{payload}</script>'


def _meta(tags: list[tuple[str, str]]) -> list[str]:
    return [f'<meta {"property" if k.startswith("og:") else "name"}="{escape(k)}" content="{escape(v)}">'
            for k, v in tags]


def head_html(ed: Edition, src: Source, base: str) -> str:
    """The head of a text's reading page."""
    r = reference(ed, src, base)
    item_type, container_field = ZOTERO_TYPES.get(r.type, ZOTERO_TYPES["article-magazine"])
    tags = [("z.itemType", item_type), ("citation_title", r.title)]
    tags += [("citation_author", f"{f}, {g}") for g, f in r.authors]
    tags += [("citation_publication_date", r.date.replace("-", "/")), ("citation_language", r.language),
             (f"z.{container_field}", r.container), ("z.url", r.url), ("z.extra", r.extra()),
             *([("z.websiteType", "Blog")] if item_type == "blogPost" else []),
             ("DC.title", r.title), *[("DC.creator", f"{f}, {g}") for g, f in r.authors], ("DC.date", r.date),
             ("DC.type", "Text"), ("DC.language", r.language), ("DC.publisher", r.container),
             ("DC.rights", " ".join(src.meta["rights"].split()))]
    authors = [{"@type": "Person", "name": f"{g} {f}", "givenName": g, "familyName": f} for g, f in r.authors]
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting" if r.type == "post-weblog" else "Article",
        "headline": r.title, "name": r.title, "author": authors, "datePublished": r.date, "inLanguage": r.language,
        "url": r.url, "publisher": {"@type": "Organization", "name": r.container},
        "archivedAt": r.cited_page,
        "description": src.description,
        "copyrightNotice": " ".join(src.meta["rights"].split()),
        "subjectOf": _edition(ed, base),
    }
    if r.witness:
        data["citation"] = r.witness
    return "\n  ".join([_Z, *_meta(tags), _DC, _json(data)])


def _edition(ed: Edition, base: str) -> dict:
    e = ed.meta
    return {"@type": "WebSite", "name": e.get("title", ""), "url": base, "version": str(e.get("version", "")),
            "dateModified": str(e.get("date", "")),
            "publisher": {"@type": "Organization", "name": e.get("publisher", "")}}


def site_head(ed: Edition, title: str, url: str, base: str) -> str:
    title = html.unescape(title)
    """The head of every other page: the edition itself (the home page), or a page of it, as
    a web page of the edition's website."""
    e = ed.meta
    home = url == base
    name = e.get("title", "") if home else title
    # The edition names no persons: its publisher and version go in Zotero's Extra field, as the
    # CSL variables that citation styles print (a name of several words as an author would be
    # split into a first and a last name).
    tags = [("z.itemType", "webpage"), ("citation_title", name), ("z.websiteTitle", e.get("title", "")),
            ("citation_date", str(e.get("date", "")).replace("-", "/")), ("z.url", url),
            ("z.extra", f"publisher: {e.get('publisher', '')}\nversion: {e.get('version', '')}"), ("DC.title", name),
            ("DC.publisher", e.get("publisher", "")), ("DC.date", str(e.get("date", ""))),
            ("og:site_name", e.get("title", ""))]
    data = {"@context": "https://schema.org", **_edition(ed, base)} if home else {
        "@context": "https://schema.org", "@type": "WebPage", "name": title, "url": url, "isPartOf": _edition(ed, base)}
    return "\n  ".join([_Z, *_meta(tags), _DC, _json(data)])
