"""Metadata for reference managers and search engines, for the <head> of a reading page:
Highwire Press ``citation_*`` tags, Dublin Core, and schema.org JSON-LD."""
from __future__ import annotations

import json
from html import escape

from ..model import Edition, Source
from ..urls import text_url


def head_html(ed: Edition, src: Source, base: str) -> str:
    m, e = src.meta, ed.meta
    page = text_url(base, src.id)
    date = str(m["date"])
    tags: list[tuple[str, str]] = [("citation_title", m["title"])]
    tags += [("citation_author", f"{a['family']}, {a['given']}") for a in m["authors"]]
    tags += [
        ("citation_publication_date", date.replace("-", "/")),
        ("citation_journal_title", m["publication"]),
        ("citation_language", m["languages"][0]),
        ("citation_public_url", page),
        ("citation_fulltext_html_url", page),
        ("citation_abstract_html_url", m["url"]),
        ("DC.title", m["title"]),
        *[("DC.creator", f"{a['family']}, {a['given']}") for a in m["authors"]],
        ("DC.date", date),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.language", m["languages"][0]),
        ("DC.publisher", m["publication"]),
        ("DC.source", m["url"]),
        ("DC.identifier", page),
        ("DC.relation.isPartOf", e.get("title", "")),
        ("DC.rights", " ".join(m["rights"].split())),
    ]
    authors = [{"@type": "Person", "name": f"{a['given']} {a['family']}", "givenName": a["given"],
                "familyName": a["family"]} for a in m["authors"]]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": m["title"],
        "name": m["title"],
        "author": authors,
        "datePublished": date,
        "inLanguage": m["languages"][0],
        "url": page,
        "description": " ".join((m.get("description") or m["title"]).split()),
        "copyrightNotice": " ".join(m["rights"].split()),
        "isPartOf": {"@type": "CreativeWork", "name": e.get("title", ""), "url": base,
                     "version": str(e.get("version", ""))},
        "isBasedOn": {
            "@type": "BlogPosting" if m.get("type") == "post-weblog" else "Article",
            "headline": m["title"], "author": authors, "datePublished": date, "url": m["url"],
            "publisher": {"@type": "Organization", "name": m["publication"]},
        },
    }
    lines = [f'<meta name="{escape(k)}" content="{escape(v)}">' for k, v in tags]
    lines.append('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">')
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    lines.append(f'<script type="application/ld+json">{payload}</script>')
    return "\n  ".join(lines)
