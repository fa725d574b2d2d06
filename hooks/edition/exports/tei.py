"""TEI P5 export of a text: header with bibliography, witness, provenance, editorial
declarations and every intervention; body paragraphs as ``<p n="N" xml:id="pN">``;
highlighted passages as ``<seg>``, with the notes as ``<note>`` and the cross-references as
``<link>`` pointing at the same ids (in this file and in the counterpart's)."""
from __future__ import annotations

from html import escape as _html_escape

from ..inline import Item, inline
from ..model import Edition, Source, layout, where
from ..urls import tei_file_name, text_url

NS = "http://www.tei-c.org/ns/1.0"


def escape(text: str) -> str:
    """XML character data."""
    return _html_escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An XML attribute value, quoted."""
    return '"' + _html_escape(text, quote=True) + '"'


def _text(src: Source, block, ed: Edition) -> str:
    items = [Item(s.start, s.end, "<hi rend=\"italic\">" if s.tag == "em" else
                   f"<foreign xml:lang=\"{src.meta.get('rtl_lang', 'fa')}\">" if s.tag == "span" else "<hi>",
                   "</hi>" if s.tag != "span" else "</foreign>",
                   "<hi rend=\"italic\">" if s.tag == "em" else
                   f"<foreign xml:lang=\"{src.meta.get('rtl_lang', 'fa')}\">" if s.tag == "span" else "<hi>")
             for s in block.spans]
    for ann, p in ed.passages_in(src.id):
        if p.block == block.id:
            items.append(Item(p.start, p.end, f'<seg xml:id="{p.mark}" ana="#rel-{ann.relation} '
                               + " ".join(f"#topic-{t}" for t in ann.topics) + '">', "</seg>",
                               f'<seg ana="#rel-{ann.relation}">'))
    return inline(block.reading, items, escape=lambda t: escape(t))


def _person(a: dict) -> str:
    return f"<persName><forename>{escape(a['given'])}</forename><surname>{escape(a['family'])}</surname></persName>"


def tei(ed: Edition, src: Source, base: str) -> str:
    """The TEI document of one text (a string of UTF-8 XML)."""
    m, e = src.meta, ed.meta
    page = text_url(base, src.id)
    front, body, back, witness = layout(src)
    lang = m["languages"][0]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<TEI xmlns="{NS}" xml:lang="{lang}">', "<teiHeader>", "<fileDesc>", "<titleStmt>",
           f"<title>{escape(m['title'])}: a digital edition</title>"]
    out += [f"<author>{_person(a)}</author>" for a in m["authors"]]
    out += [f"<respStmt><resp>Digital edition, annotation and encoding</resp><name>{escape(e.get('publisher', ''))}"
            "</name></respStmt>", "</titleStmt>",
            f"<editionStmt><edition n=\"{escape(str(e.get('version', '')))}\">{escape(e.get('title', ''))}, version "
            f"{escape(str(e.get('version', '')))}</edition></editionStmt>",
            "<publicationStmt>", f"<publisher>{escape(e.get('publisher', ''))}</publisher>",
            f"<date when=\"{escape(str(e.get('date', '')))}\"/>",
            f"<idno type=\"URI\">{escape(page)}</idno>",
            "<availability>",
            f"<licence target={quoteattr(e.get('licences', {}).get('annotations_url', ''))}>The encoding and the "
            f"annotations: {escape(e.get('licences', {}).get('annotations', ''))}.</licence>",
            f"<p>{escape(' '.join(m['rights'].split()))}</p>", "</availability>", "</publicationStmt>"]
    notes = []
    for iv in src.interventions:
        notes.append(f"<note type=\"intervention\" subtype={quoteattr(iv.kind)} target=\"#{iv.block}\">"
                     f"<label>{escape(where(src, iv.block))}</label> "
                     f"<choice><orig>{escape(iv.received)}</orig><reg>{escape(iv.reading)}</reg></choice> "
                     f"{escape(' '.join(iv.reason.split()))}</note>")
    if notes:
        out += ["<notesStmt>", *notes, "</notesStmt>"]
    date = str(m["date"])
    out += ["<sourceDesc>", "<biblStruct>", "<analytic>", *[f"<author>{_person(a)}</author>" for a in m["authors"]],
            f"<title level=\"a\">{escape(m['title'])}</title>", "</analytic>", "<monogr>",
            f"<title level=\"{'m' if m.get('type') == 'post-weblog' else 'j'}\">{escape(m['publication'])}</title>",
            f"<imprint><date when=\"{escape(date)}\"/></imprint>", "</monogr>",
            f"<ref target={quoteattr(m['url'])}>{escape(m['url'])}</ref>", "</biblStruct>",
            "<listWit>", f"<witness xml:id=\"witness\">{escape(' '.join(m['witness']['description'].split()))}"
            + (f" <ref target={quoteattr(m['witness']['url'])}>{escape(m['witness']['url'])}</ref>"
               if m["witness"].get("url") else "")
            + f" The received text has SHA-256 {escape(m['sha256'])}.</witness>",
            "</listWit>", "</sourceDesc>", "</fileDesc>",
            "<encodingDesc>", "<editorialDecl>",
            "<p>Body paragraphs are numbered in reading order (<att>n</att>) and carry permanent identifiers "
            "(<att>xml:id</att> pN) matching the anchors of the reading page. Blocks that are not body paragraphs "
            "(title, standfirst, byline, headings, captions, the author's note, the witness's paratext and "
            "boilerplate) are kept, unnumbered.</p>",
            "<normalization><p>The traces of a conversion to Markdown are read as the formatting they stand for; "
            "typography is otherwise kept as received. Each intervention is listed in the notes statement with "
            "the received and the edition's readings.</p></normalization>",
            "</editorialDecl>", "<classDecl>", '<taxonomy xml:id="relations">']
    out += [f"<category xml:id=\"rel-{rid}\"><catDesc><term>{escape(r['label'])}</term> "
            f"{escape(' '.join(r['description'].split()))}</catDesc></category>" for rid, r in ed.relations.items()]
    out += ["</taxonomy>", '<taxonomy xml:id="topics">']
    out += [f"<category xml:id=\"topic-{tid}\"><catDesc><term>{escape(t['label'])}</term> "
            f"{escape(' '.join(t['description'].split()))}</catDesc></category>" for tid, t in ed.topics.items()]
    out += ["</taxonomy>", "</classDecl>", "</encodingDesc>", "<profileDesc>", "<langUsage>"]
    out += [f"<language ident=\"{escape(str(x))}\"/>" for x in m["languages"]]
    out += ["</langUsage>", "</profileDesc>", "</teiHeader>", "<text>", "<front>"]

    def ab(b, kind=None):
        attrs = f' xml:id="{b.id}" type={quoteattr(kind or b.kind)}'
        if b.lang:
            attrs += f' xml:lang="{b.lang}"'
        return f"<ab{attrs}>{_text(src, b, ed)}</ab>"

    if witness:
        out += ['<div type="paratext">', *[ab(b) for b in witness], "</div>"]
    title = next((b for b in front if b.kind == "title"), None)
    out += ["<titlePage>", f"<docTitle><titlePart xml:id=\"{title.id if title else 'title'}\">"
            f"{_text(src, title, ed) if title else escape(m['title'])}</titlePart></docTitle>"]
    for b in front:
        if b.kind == "standfirst":
            out.append(f"<argument xml:id=\"{b.id}\"><p>{_text(src, b, ed)}</p></argument>")
        elif b.kind == "byline":
            out.append(f"<byline xml:id=\"{b.id}\">{_text(src, b, ed)}</byline>")
    out.append("</titlePage>")
    for b in front:
        if b.kind == "caption":
            out.append(f"<figure><head type=\"caption\" xml:id=\"{b.id}\">{_text(src, b, ed)}</head></figure>")
    out += ["</front>", "<body>", "<div>"]
    for b in body:
        if b.kind == "heading":
            out += ["</div>", "<div>", f"<head xml:id=\"{b.id}\">{_text(src, b, ed)}</head>"]
        elif b.kind == "body":
            out.append(f"<p n=\"{b.number}\" xml:id=\"{b.id}\">{_text(src, b, ed)}</p>")
        else:
            out.append(ab(b))
    out += ["</div>", "</body>", "<back>"]
    if back:
        out += ['<div type="authors-note">', *[ab(b) for b in back], "</div>"]
    mine = list({id(a): a for a, _ in ed.passages_in(src.id)}.values())
    if mine:
        out.append('<div type="notes">')
        for a in mine:
            for p in a.passages:
                if p.source == src.id:
                    out.append(f"<note xml:id=\"n-{p.mark}\" type={quoteattr(a.relation)} target=\"#{p.mark}\">"
                               f"<label>{escape(a.title)}</label> {escape(_plain(a.note_html))}</note>")
        out.append("</div>")
        links = []
        for a in mine:
            here = [p for p in a.passages if p.source == src.id]
            there = [p for p in a.passages if p.source != src.id]
            for p in here:
                for o in there:
                    links.append(f"<link type={quoteattr(a.relation)} ana=\"#rel-{a.relation}\" "
                                 f"target=\"#{p.mark} {tei_file_name(o.source)}#{o.mark}\"/>")
        if links:
            out += ['<div type="cross-references">', '<linkGrp type="cross-references">', *links, "</linkGrp>", "</div>"]
    out += ["</back>", "</text>", "</TEI>"]
    return "\n".join(out) + "\n"


def _plain(html_fragment: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", html_fragment.replace("<br><br>", " ")))

