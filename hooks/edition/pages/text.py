"""The reading page of a text: front matter, the numbered body, the apparatus in footnotes, the
witness with every intervention, and the received text."""
from __future__ import annotations

import html

from ..citation import cite_data
from ..model import BLOCK_KINDS, Block, Edition, Source, layout, where
from ..text import md_escape
from ..urls import DOWNLOADS, TEXTS_DIR, download_path, link, text_page_path, text_url
from .common import front_matter, json_in_html, long_date, mark_rtl
from .marks import Marks, attrs, highlights_control, paragraph, tombstone


def text_page(ed: Edition, src: Source, base: str = "/") -> str:
    """The Markdown reading page of one text."""
    page = text_page_path(src.id)
    marks = Marks(ed, src, page)
    text_of = marks.text_of
    front, body, back, witness = layout(src)
    out: list[str] = []
    out.append(front_matter(f"{src.short}: {src.title}", src.description,
                            f"edition_source: {src.id}"))
    title = next((b for b in front if b.kind == "title"), None)
    if title:
        out.append(f"# {text_of(title)} {{#{title.id}}}\n")
    else:
        out.append(f"# {md_escape(src.title)} {{#title}}\n")
    for b in front:
        if b.kind in ("standfirst", "byline"):
            out.append(f"{text_of(b)}\n{attrs(b, b.kind)}\n")
    out.append(f"{md_escape(_page_citation(ed, src, base))}\n{{: .print-only .print-citation }}\n")
    out.append(_about(ed, src, page, base))
    control_at = len(out)
    captions = [b for b in front if b.kind == "caption"]
    if captions:
        # Folded, so that the first paragraph of the article stands on the first screen.
        out.append(f'<details class="captions" markdown>\n<summary>{len(captions)} photo caption'
                   f'{"s" if len(captions) > 1 else ""} (the photograph is not reproduced)</summary>\n')
        for i, b in enumerate(captions):
            out.append(f"<span class=\"block-label\">Photo caption, variant {i + 1} (the photograph is not "
                       f"reproduced):</span> {text_of(b)}\n{attrs(b, 'caption')}\n")
        out.append("</details>\n")
    tombs_after: dict[str | None, list] = {}
    for t in src.tombstones:
        tombs_after.setdefault(t.after, []).append(t)
    out += [tombstone(t) for t in tombs_after.get(None, [])]
    for b in body:
        if b.kind == "heading":
            out.append(f"## {text_of(b)} {{#{b.id}}}\n")
        elif b.kind == "body":
            out.append(paragraph(b, text_of(b), cite=True))
            out += [tombstone(t) for t in tombs_after.get(b.id, [])]
        else:
            out.append(f"{text_of(b)}\n{attrs(b, b.kind)}\n")
    for b in back:
        out.append(f"{text_of(b)}\n{attrs(b, b.kind)}\n")
    out.append(_witness(ed, src, witness, text_of))
    if marks.footnotes:
        out.insert(control_at, highlights_control())
    out.append(f'<script type="application/json" id="cite-data">{json_in_html(cite_data(ed, src, base))}</script>\n')
    out.append("\n".join(marks.footnotes) + "\n")
    return "\n".join(out)


def _about(ed: Edition, src: Source, page: str, base: str) -> str:
    m = src.meta
    authors = ", ".join(f"{a['given']} {a['family']}" for a in m["authors"])
    downloads = " · ".join(f"[{md_escape(label)}]({link(page, download_path(src.id, suffix))})"
                           for suffix, label, _ in DOWNLOADS)
    # Folded (one tap away), so that the first paragraph of the article stands on the first
    # screen of a phone; printed open.
    lines = [
        '<details class="abstract about-text" markdown>',
        "<summary>About this text: citation, witness, rights, downloads</summary>",
        "",
        f"**{md_escape(authors)}**, “{md_escape(src.title)}”, *{md_escape(m['publication'])}*, "
        f"{long_date(m['date'])}. [Original publication]({m['url']}).",
        "",
        f"**Witness:** {md_escape(' '.join(m['witness']['description'].split()))} "
        + (f"**How it was obtained:** {md_escape(' '.join(m['witness']['received'].split()))} "
           if m["witness"].get("received") else "")
        + (f"**The date** rests on {md_escape(' '.join(m['date_basis'].split()))}. " if m.get("date_basis") else "")
        + "See [the witness and the editorial interventions](#witness).",
        "",
        f"**Rights:** {md_escape(' '.join(m['rights'].split()))}",
        "",
        f"**Cite a paragraph** <span class=\"js-only\">with the *Cite* button beside its number, or </span>by "
        f"its address: `{base}{TEXTS_DIR}/{src.id}/#p1` is ¶1. Numbers never change (see the "
        f"[editorial principles]({link(page, 'principles.md', 'anchors')})).",
        "",
        f"**Download:** {downloads} · [all annotations (W3C JSON-LD)]({link(page, 'annotations.jsonld')})",
        "",
        "</details>",
        "",
    ]
    return "\n".join(lines)


def _page_citation(ed: Edition, src: Source, base: str) -> str:
    """The text's citation as a printed page gives it at its head: the article, then the edition
    with its version and date, and the address."""
    m, e = src.meta, ed.meta
    authors = ", ".join(f"{a['given']} {a['family']}" for a in m["authors"])
    return (f"{authors}, “{src.title}”, {m['publication']}, {long_date(m['date'])}, {m['url']}. Read in: "
            f"{e.get('title', '')}, version {e.get('version', '')} ({long_date(e.get('date', m['date']))}), "
            f"{text_url(base, src.id)}")


def _witness(ed: Edition, src: Source, witness: list[Block], text_of) -> str:
    out = ["## The witness and the editorial interventions {#witness}\n",
           md_escape(" ".join(src.meta["witness"]["description"].split())) + "\n"]
    if witness:
        out.append("### Paratext of the witness {#paratext}\n")
        for b in witness:
            out.append(f"**{md_escape(BLOCK_KINDS[b.kind])}** (line {b.line} of the received text)\n"
                       "{: .block-label }\n")
            out.append(f"{text_of(b)}\n{attrs(b, 'witness-block')}\n")
    out.append("### Editorial interventions {#interventions}\n")
    if src.interventions:
        out.append("Every difference between the received text and the reading text above, and every "
                   "classification of a block that is not a body paragraph. The received text itself is "
                   "[given in full below](#received).\n")
        out.append('<div class="interventions" markdown>\n')
        out.append("| Where | Kind | Received | Edition | Reason |")
        out.append("|---|---|---|---|---|")
        for iv in src.interventions:
            block = src.block(iv.block)
            place = f"[{md_escape(where(src, iv.block))}](#{iv.block})" if block else md_escape(iv.block)
            out.append(f"| {place} | {iv.kind} | {_code(iv.received)} | {_code(iv.reading)} | "
                       f"{md_escape(' '.join(iv.reason.split()))} |")
        out.append("\n</div>\n")
    else:
        out.append("None: the reading text is the received text.\n")
    out.append("### The received text {#received data-search-exclude}\n")
    out.append(f"The text exactly as it reached the edition (SHA-256 `{src.meta['sha256']}`), with every "
               f"character, line and mark of conversion.\n")
    out.append('<details class="received-text"><summary>Show the received text</summary>')
    out.append(f'<pre class="diplomatic">{_pre(src.received)}</pre>')
    out.append("</details>\n")
    return "\n".join(out)


def _code(text: str) -> str:
    if not text:
        return "(nothing)"
    shown = text.replace("\u00a0", "⍽")
    return f'<code>{md_escape(shown)}</code>' + (" (⍽ = no-break space)" if "\u00a0" in text else "")


def _pre(text: str) -> str:
    """Escape a whole witness for a raw ``<pre>`` block, marking its RTL runs by language."""
    escaped = mark_rtl(text, lambda t: html.escape(t, quote=False))
    return escaped.replace("\n\n", "\n&#10;")  # keep blank lines inside the raw HTML block
