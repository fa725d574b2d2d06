"""Rendering: an :class:`~.model.Edition` → Markdown pages for the site.

The pages are Markdown with a little inline HTML (highlights, language spans) and
Python-Markdown footnotes, so that any Markdown-based generator can take them. Every piece
of text that comes from a witness or an editor is escaped here: nothing in ``sources/``
can inject markup.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from .model import BLOCK_KINDS, FRONT_KINDS, WITNESS_KINDS, Annotation, Block, Edition, Passage, Source
from .cite import cite_data
from .text import html_text, md_escape, md_escape_html

TEXTS_DIR = "texts"


def nav_entries(ed: Edition) -> list[tuple[str, str]]:
    """The navigation's entry of each text: its label, escaped (the generator inserts it as
    HTML), and its page."""
    return [(html_text(f"{s.short}: {s.title}"), text_page_path(sid)) for sid, s in ed.sources.items()]


def text_page_path(source_id: str) -> str:
    """The Markdown path of a text's reading page (served at ``texts/<id>/``)."""
    return f"{TEXTS_DIR}/{source_id}.md"


def link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative link between two generated Markdown pages."""
    depth = from_path.count("/")
    rel = "../" * depth + to_path
    if from_path.rsplit("/", 1)[0] == to_path.rsplit("/", 1)[0] and "/" in from_path:
        rel = to_path.rsplit("/", 1)[1]
    return rel + (f"#{anchor}" if anchor else "")


def where(src: Source, block_id: str) -> str:
    """How a reader names a place: ``Ramani ¶11``, or ``Ramani, motto``."""
    block = src.block(block_id)
    if block is not None and block.number:
        return f"{src.short} ¶{block.number}"
    return f"{src.short}, {BLOCK_KINDS.get(block.kind, block_id).lower() if block else block_id}"


# ---------------------------------------------------------------------------------------------
# Inline rendering: a reading text with formatting spans and highlights.
# ---------------------------------------------------------------------------------------------

@dataclass
class _Item:
    start: int
    end: int
    open: str
    close: str
    reopen: str
    after: str = ""


def inline(text: str, items: list[_Item], escape=md_escape) -> str:
    """Render ``text`` with properly nested tags for ``items`` (which may overlap: an item
    cut by another is closed and reopened). ``after`` is emitted where an item ends; the
    text between tags goes through ``escape``."""
    cuts = sorted({0, len(text), *(i.start for i in items), *(i.end for i in items)})
    starting: dict[int, list[_Item]] = {}
    for it in items:
        starting.setdefault(it.start, []).append(it)
    out: list[str] = []
    active: list[_Item] = []
    for n, pos in enumerate(cuts):
        if any(it.end == pos for it in active):
            reopen = []
            while any(it.end == pos for it in active):
                it = active.pop()
                out.append(it.close)
                if it.end == pos:
                    out.append(it.after)
                else:
                    reopen.append(it)
            for it in reversed(reopen):
                out.append(it.reopen)
                active.append(it)
        for it in sorted(starting.get(pos, []), key=lambda i: -i.end):
            if it.end == it.start:
                continue
            out.append(it.open)
            active.append(it)
        if n + 1 < len(cuts):
            out.append(escape(text[pos:cuts[n + 1]]))
    return "".join(out)


def footnote_label(ann: Annotation, passage: Passage, on_page: list[Passage]) -> str:
    """The ASCII footnote label of a passage: the annotation id, with ``-2``… when the same
    annotation highlights more than one passage on the page (``on_page``: the passages of
    that annotation on the page, in order)."""
    k = [p for p in on_page if p.mark.rsplit("-", 1)[0] == passage.mark.rsplit("-", 1)[0]].index(passage)
    return ann.id if k == 0 else f"{ann.id}-{k + 1}"


class _Marks:
    """Highlights and footnotes of one text as shown on one page.

    ``prefix`` is put before every id and footnote label (the compare page shows two texts
    on one page); ``jump`` gives the href of a counterpart passage when highlights should
    link straight to it (the compare page), or is None (reading pages)."""

    def __init__(self, ed: Edition, src: Source, page: str, prefix: str = "", jump=None):
        self.ed, self.src, self.page, self.prefix, self.jump = ed, src, page, prefix, jump
        self.by_block: dict[str, list[tuple[Annotation, Passage]]] = {}
        for ann, p in ed.passages_in(src.id):
            self.by_block.setdefault(p.block, []).append((ann, p))
        self.on_page: dict[str, list[Passage]] = {}
        for _, p in sorted(ed.passages_in(src.id), key=lambda ap: (ap[1].block, ap[1].start)):
            self.on_page.setdefault(p.mark.rsplit("-", 1)[0], []).append(p)
        self.footnotes: list[str] = []

    def text_of(self, block: Block) -> str:
        """The block's reading text with its spans, highlights and footnote references;
        the footnote definitions are collected in reading order."""
        found = sorted(self.by_block.get(block.id, []), key=lambda ap: (ap[1].start, -ap[1].end))
        items = [_Item(s.start, s.end, f"<{s.tag}{' ' + s.attrs if s.attrs else ''}>", f"</{s.tag}>",
                       f"<{s.tag}{' ' + s.attrs if s.attrs else ''}>") for s in block.spans]
        definitions: dict[str, str] = {}
        for ann, p in found:
            label = self.prefix + footnote_label(ann, p, self.on_page[p.mark.rsplit("-", 1)[0]])
            definitions[label] = self._footnote(ann, label)
            cls = f"xref xref-{ann.relation}"
            # In an attribute, Markdown must not see link or emphasis syntax: md_escape
            # writes every such character (and the quotes) as a character reference.
            title = md_escape(ann.title)
            # A highlight that holds another cannot be a link: the inner one's link and
            # footnote reference would stand inside it. Its footnote carries the jump.
            holds = any(q is not p and p.start <= q.start and q.end <= p.end for _, q in found)
            other = None if holds else next(
                (o for o in ann.passages if o.source != self.src.id and self.jump and self.jump(o)), None)
            if other is not None:
                osrc = self.ed.sources[other.source]
                items.append(_Item(p.start, p.end,
                                   f'<a class="xref-jump" href="{self.jump(other)}" '
                                   f'title="{md_escape(where(osrc, other.block))}: {title}">', "</a>",
                                   f'<a class="xref-jump" href="{self.jump(other)}" tabindex="-1">',
                                   f"[^{label}]"))
                after = ""
            else:
                after = f"[^{label}]"
            items.append(_Item(p.start, p.end,
                               f'<mark id="{self.prefix}{p.mark}" class="{cls}" data-relation="{ann.relation}" '
                               f'title="{title}">',
                               "</mark>", f'<mark class="{cls}" data-relation="{ann.relation}">', after))
        text = inline(block.reading, items)
        # Markdown numbers footnotes in the order they are defined: define them in the order
        # their references stand in the text (a nested highlight closes, and is referenced,
        # before the one around it).
        self.footnotes += [definitions[label] for label in re.findall(r"\[\^([\w-]+)\]", text) if label in definitions]
        return text

    def _footnote(self, ann: Annotation, label: str) -> str:
        rel = self.ed.relations[ann.relation]
        if len(ann.sources) == 1:
            head = f"**{md_escape(rel['label'])}.** "
        else:
            refs = []
            for o in (p for p in ann.passages if p.source != self.src.id):
                osrc = self.ed.sources[o.source]
                href = (self.jump and self.jump(o)) or link(self.page, text_page_path(o.source), o.mark)
                refs.append(f"{md_escape(where(osrc, o.block))}: *“{md_escape(o.exact)}”* "
                            f"([go to the passage]({href}))")
            head = f"**{md_escape(rel['label'])}** {'from' if ann.relation == 'diverge' else 'with'} " \
                   + "; ".join(refs) + ". "
        return (f"[^{label}]: {head}{md_escape_html(ann.note_html)} "
                f"[{md_escape(ann.title)}: all of this cross-reference]({link(self.page, 'xrefs.md', 'x-' + ann.id)})"
                f"{_edit_link(self.ed, ann)}")


# ---------------------------------------------------------------------------------------------
# Text pages
# ---------------------------------------------------------------------------------------------

def _attrs(block: Block, *classes: str, prefix: str = "") -> str:
    parts = [f"#{prefix}{block.id}", *(f".{c}" for c in classes)]
    if block.lang:
        parts.append(f'lang="{block.lang}"')
    if block.rtl:
        parts.append('dir="rtl"')
    return "{: " + " ".join(parts) + " }"


def _paragraph(b: Block, text: str, prefix: str = "") -> str:
    return (f"[{b.number}](#{prefix}{b.id} \"¶{b.number}: link to this paragraph\"){{.pnum}} {text}\n"
            f"{_attrs(b, 'para', prefix=prefix)}\n")


def _split(src: Source) -> tuple[list[Block], list[Block], list[Block], list[Block]]:
    """A text's blocks as a page shows them: front matter, body, back matter, witness."""
    front = [b for b in src.blocks if b.kind in FRONT_KINDS]
    body = [b for b in src.blocks if b.kind not in FRONT_KINDS | WITNESS_KINDS | {"authors-note"}]
    back = [b for b in src.blocks if b.kind == "authors-note"]
    witness = [b for b in src.blocks if b.kind in WITNESS_KINDS]
    return front, body, back, witness


def text_page(ed: Edition, src: Source, base: str = "/") -> str:
    """The Markdown reading page of one text."""
    page = text_page_path(src.id)
    marks = _Marks(ed, src, page)
    text_of = marks.text_of
    front, body, back, witness = _split(src)
    meta = src.meta
    out: list[str] = []
    out.append(front_matter(f"{src.short}: {src.title}", meta.get("description") or src.title,
                            f"edition_source: {src.id}"))
    title = next((b for b in front if b.kind == "title"), None)
    if title:
        out.append(f"# {text_of(title)} {{#{title.id}}}\n")
    else:
        out.append(f"# {md_escape(src.title)} {{#title}}\n")
    for b in front:
        if b.kind in ("standfirst", "byline"):
            out.append(f"{text_of(b)}\n{_attrs(b, b.kind)}\n")
    out.append(_about(ed, src, page, base))
    for i, b in enumerate(x for x in front if x.kind == "caption"):
        out.append(f"<span class=\"block-label\">Photo caption, variant {i + 1} (the photograph is not "
                   f"reproduced):</span> {text_of(b)}\n{_attrs(b, 'caption')}\n")
    tombs_after: dict[str | None, list] = {}
    for t in src.tombstones:
        tombs_after.setdefault(t.after, []).append(t)
    out += [_tombstone(t) for t in tombs_after.get(None, [])]
    for b in body:
        if b.kind == "heading":
            out.append(f"## {text_of(b)} {{#{b.id}}}\n")
        elif b.kind == "body":
            out.append(_paragraph(b, text_of(b)))
            out += [_tombstone(t) for t in tombs_after.get(b.id, [])]
        else:
            out.append(f"{text_of(b)}\n{_attrs(b, b.kind)}\n")
    for b in back:
        out.append(f"{text_of(b)}\n{_attrs(b, b.kind)}\n")
    out.append(_witness(ed, src, witness, text_of))
    out.append(f'<script type="application/json" id="cite-data">{_json_in_html(cite_data(ed, src, base + TEXTS_DIR + "/" + src.id + "/"))}</script>\n')
    out.append("\n".join(marks.footnotes) + "\n")
    return "\n".join(out)


def _json_in_html(text: str) -> str:
    """JSON that can stand inside a <script> element."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def compare_page(ed: Edition, left: str, right: str) -> str:
    """Two texts side by side. Each highlight links to its counterpart in the other column
    (the browser scrolls that column to it, and ``:target`` highlights it)."""
    page = "compare.md"
    description = ("The two texts side by side, aligned on their cross-references: activate a highlight to "
                   "bring its counterpart into view.")
    out = ["---", "title: Compare the texts side by side", f"description: {_yaml_str(description)}",
           "hide:", "  - navigation", "  - toc", "search:", "  exclude: true",
           "---", "", "# Compare the texts side by side", "",
           "Each highlighted passage is a link: activate it (click, or Tab to it and press Enter) and the other "
           "column scrolls to its counterpart, which is outlined. The footnote number after it opens the note. "
           "On a narrow screen the columns stack, and the same links jump between them.", "",
           '<div class="compare" markdown>', ""]
    footnotes: list[str] = []
    for sid in (left, right):
        src = ed.sources[sid]
        marks = _Marks(ed, src, page, prefix=f"{sid}-",
                       jump=lambda o: f"#{o.source}-{o.mark}" if o.source in (left, right) else None)
        front, body, _, _ = _split(src)
        authors = ", ".join(f"{a['given']} {a['family']}" for a in src.meta["authors"])
        out.append(f'<section class="compare-col" aria-labelledby="{sid}-heading" markdown>\n')
        out.append(f"## {md_escape(authors)} ({_date(src.meta['date'])}) {{#{sid}-heading}}\n")
        out.append(f"[“{md_escape(src.title)}”]({link(page, text_page_path(sid))}), "
                   f"*{md_escape(src.meta['publication'])}*\n{{: .compare-title }}\n")
        for b in body:
            if b.kind == "heading":
                out.append(f"### {md_escape(b.reading)} {{#{sid}-{b.id}}}\n")
            elif b.kind == "body":
                out.append(_paragraph(b, marks.text_of(b), prefix=f"{sid}-"))
        out.append("</section>\n")
        footnotes += marks.footnotes
    out.append("</div>\n")
    out.append("\n".join(footnotes) + "\n")
    return "\n".join(out)


def _edit_link(ed: Edition, ann: Annotation) -> str:
    """`` · edit this annotation`` linking to the annotation's file in the repository's
    web editor (when the edition names its repository)."""
    repo = ed.meta.get("repo")
    if not repo:
        return ""
    return f" · [edit this annotation]({repo.rstrip('/')}/edit/{ed.meta.get('branch', 'main')}/{ann.path})"


def _yaml_str(value: str) -> str:
    """A YAML string (JSON's double-quoted form is YAML too), on one line."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def front_matter(title: str, description: str, *extra: str) -> str:
    """A page's front matter. The generator puts the title into ``<title>``, the navigation and
    the search index, and the description into a ``<meta>`` attribute, without escaping them:
    they are escaped here, as HTML text and as an attribute value."""
    lines = ["---", f"title: {_yaml_str(html_text(title))}",
             f"description: {_yaml_str(html.escape(' '.join(description.split()), quote=True))}", *extra, "---", ""]
    return "\n".join(lines)


def _tombstone(t) -> str:
    see = f" Its content is now at [¶{t.see[1:]}](#{t.see})." if t.see else ""
    return (f"*¶{t.anchor[1:]} was published in an earlier version of the edition and has been removed: "
            f"{md_escape(t.reason)}.*{see}\n{{: #{t.anchor} .tombstone }}\n")


def _about(ed: Edition, src: Source, page: str, base: str) -> str:
    from .exports import DOWNLOADS, download_path

    m = src.meta
    authors = ", ".join(f"{a['given']} {a['family']}" for a in m["authors"])
    downloads = " · ".join(f"[{md_escape(label)}]({link(page, download_path(src.id, suffix))})"
                           for suffix, label, _ in DOWNLOADS)
    lines = [
        '!!! abstract "About this text"',
        "",
        f"    **{md_escape(authors)}**, “{md_escape(src.title)}”, *{md_escape(m['publication'])}*, "
        f"{_date(m['date'])}. [Original publication]({m['url']}).",
        "",
        f"    **Witness:** {md_escape(' '.join(m['witness']['description'].split()))} "
        + (f"**How it was obtained:** {md_escape(' '.join(m['witness']['received'].split()))} "
           if m["witness"].get("received") else "")
        + (f"**The date** rests on {md_escape(' '.join(m['date_basis'].split()))}. " if m.get("date_basis") else "")
        + "See [the witness and the editorial interventions](#witness).",
        "",
        f"    **Rights:** {md_escape(' '.join(m['rights'].split()))}",
        "",
        f"    **Cite a paragraph** with the *Cite* button beside its number, or by its address: "
        f"`{base}{TEXTS_DIR}/{src.id}/#p1` is ¶1. Numbers never change (see the "
        f"[editorial principles]({link(page, 'principles.md', 'anchors')})).",
        "",
        f"    **Download:** {downloads} · [all annotations (W3C JSON-LD)]({link(page, 'annotations.jsonld')})",
        "",
    ]
    return "\n".join(lines)


def _date(iso: str) -> str:
    import datetime

    d = datetime.date.fromisoformat(str(iso))
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _witness(ed: Edition, src: Source, witness: list[Block], text_of) -> str:
    out = ["## The witness and the editorial interventions {#witness}\n",
           md_escape(" ".join(src.meta["witness"]["description"].split())) + "\n"]
    if witness:
        out.append("### Paratext of the witness {#paratext}\n")
        for b in witness:
            out.append(f"**{md_escape(BLOCK_KINDS[b.kind])}** (line {b.line} of the received text)\n"
                       "{: .block-label }\n")
            out.append(f"{text_of(b)}\n{_attrs(b, 'witness-block')}\n")
    out.append("### Editorial interventions {#interventions}\n")
    if src.interventions:
        out.append("Every difference between the received text and the reading text above, and every "
                   "classification of a block that is not a body paragraph. The received text itself is "
                   "[given in full below](#received).\n")
        out.append("| Where | Kind | Received | Edition | Reason |")
        out.append("|---|---|---|---|---|")
        for iv in src.interventions:
            block = src.block(iv.block)
            place = f"[{md_escape(where(src, iv.block))}](#{iv.block})" if block else md_escape(iv.block)
            out.append(f"| {place} | {iv.kind} | {_code(iv.received)} | {_code(iv.reading)} | "
                       f"{md_escape(' '.join(iv.reason.split()))} |")
        out.append("")
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


def _mark_rtl(text: str, escape=md_escape) -> str:
    """``text`` escaped, each right-to-left run marked by language and direction: the run is
    then set apart from the left-to-right text around it (a comma between two Persian
    spellings stays between them)."""
    from .text import rtl_runs

    out, pos = [], 0
    for a, b in rtl_runs(text):
        out.append(escape(text[pos:a]))
        out.append(f'<span lang="fa" dir="rtl">{escape(text[a:b])}</span>')
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def _pre(text: str) -> str:
    """Escape a whole witness for a raw ``<pre>`` block, marking its RTL runs by language."""
    escaped = _mark_rtl(text, lambda t: html.escape(t, quote=False))
    return escaped.replace("\n\n", "\n&#10;")  # keep blank lines inside the raw HTML block


# ---------------------------------------------------------------------------------------------
# The cross-reference index
# ---------------------------------------------------------------------------------------------

def _passage_link(ed: Edition, page: str, p: Passage) -> str:
    src = ed.sources[p.source]
    return (f"[{md_escape(where(src, p.block))}]({link(page, text_page_path(p.source), p.mark)}): "
            f"“{md_escape(p.exact)}”")


def xrefs_page(ed: Edition) -> str:
    """Every annotation, grouped by relation (where each entry lives) and by topic."""
    page = "xrefs.md"
    two = [a for a in ed.annotations if len(a.sources) > 1]
    one = [a for a in ed.annotations if len(a.sources) == 1]
    out = ["---", "title: Cross-references",
           "description: \"Every cross-reference of the edition, grouped by relation and by topic, with links "
           "to both passages.\"", "---", "", "# Cross-references", ""]
    counts = ", ".join(f"{sum(1 for a in ed.annotations if a.relation == r)} {md_escape(v['label'].lower())}"
                       for r, v in ed.relations.items())
    out.append(f"{len(two)} cross-references between the texts and {len(one)} editorial notes "
               f"({counts}). Each entry links to both passages; each passage's footnote links back here. "
               f"Each relation is decided by [a written procedure]({link(page, 'principles.md', 'procedure')}); "
               f"[the coverage]({link(page, 'coverage.md')}) shows which sentences of each text they link.\n")
    out.append("## By relation {#by-relation}\n")
    for rid, rel in ed.relations.items():
        anns = [a for a in ed.annotations if a.relation == rid]
        if not anns:
            continue
        out.append(f"### {md_escape(rel['label'])} ({len(anns)}) {{#relation-{rid}}}\n")
        out.append(f"{md_escape(' '.join(rel['description'].split()))}\n")
        for a in anns:
            topics = ", ".join(f"[{md_escape(ed.topics[t]['label'])}](#topic-{t})" for t in a.topics)
            out.append(f"#### {md_escape(a.title)} {{#x-{a.id}}}\n")
            for alias in a.aliases:
                out.append(f"*Formerly also the cross-reference `{alias}`, which was merged into this one: its "
                           f"address `#x-{alias}` leads here.*\n{{: #x-{alias} .xref-alias }}\n")
            for p in a.passages:
                out.append(f"- {_passage_link(ed, page, p)}")
            out.append("")
            out.append(f"{md_escape_html(a.note_html)}\n")
            out.append(f"*{md_escape(rel['label'])}* · topics: {topics} · `{md_escape(a.path)}`{_edit_link(ed, a)}\n")
    out.append("## By topic {#by-topic}\n")
    for tid, topic in ed.topics.items():
        anns = [a for a in ed.annotations if tid in a.topics]
        out.append(f"### {md_escape(topic['label'])} ({len(anns)}) {{#topic-{tid}}}\n")
        out.append(f"{md_escape(' '.join(topic['description'].split()))}\n")
        for a in anns:
            out.append(f"- [{md_escape(a.title)}](#x-{a.id}) ({md_escape(ed.relations[a.relation]['label'].lower())})")
        if not anns:
            out.append("No cross-reference yet.")
        out.append("")
    return "\n".join(out)


def sources_page(ed: Edition) -> str:
    """Provenance of every text, from its metadata: what it is, when, and which witness."""
    page = "sources.md"
    out = ["---", "title: The sources",
           "description: \"The texts of the edition: authors, dates, original publications, the witnesses the "
           "edition holds, their checksums and rights.\"", "---", "", "# The sources", ""]
    by_date = sorted(ed.sources.values(), key=lambda s: str(s.meta["date"]))
    out.append("In order of publication. " + " ".join(
        f"{md_escape(s.short)} wrote on {_date(s.meta['date'])}." for s in by_date) + "\n")
    for src in by_date:
        m = src.meta
        authors = ", ".join(f"{a['given']} {a['family']}" for a in m["authors"])
        out.append(f"## {md_escape(authors)}, “{md_escape(src.title)}” {{#{src.id}}}\n")
        out.append(f"- **Published:** *{md_escape(m['publication'])}*, {_date(m['date'])}, "
                   f"<{m['url']}>")
        out.append(f"- **Read it here:** [{md_escape(src.short)}]({link(page, text_page_path(src.id))}), "
                   f"{len(src.paragraphs)} numbered paragraphs")
        w = m["witness"]
        if m.get("date_basis"):
            out.append(f"- **The date** rests on {md_escape(' '.join(m['date_basis'].split()))}.")
        out.append(f"- **Witness:** {md_escape(' '.join(w['description'].split()))}")
        out.append(f"- **How the witness was obtained:** "
                   f"{md_escape(' '.join(w['received'].split())) if w.get('received') else 'Not recorded.'}")
        out.append(f"- **Received text:** [{md_escape(src.text_path.rsplit('/', 1)[1])}]"
                   f"(downloads/{src.id}-received.txt), SHA-256 `{m['sha256']}`")
        out.append(f"- **Languages:** {', '.join(md_escape(str(x)) for x in m['languages'])}")
        out.append(f"- **Rights:** {md_escape(' '.join(m['rights'].split()))}")
        out.append(f"- **Interventions recorded:** {len(src.interventions)}")
        out.append("")
    return "\n".join(out)


def pages(ed: Edition, base: str | None = None) -> dict[str, str]:
    """Every generated page: path → Markdown. ``base`` is the site's URL (ending in ``/``),
    used in citations; it defaults to the edition's ``site_url``."""
    base = base or ed.meta.get("site_url", "/")
    out = {text_page_path(sid): text_page(ed, src, base) for sid, src in ed.sources.items()}
    out["downloads.md"] = downloads_page(ed)
    out[f"{TEXTS_DIR}/index.md"] = texts_index_page(ed)
    out["xrefs.md"] = xrefs_page(ed)
    out["topics.md"] = topics_page(ed)
    out["coverage.md"] = coverage_page(ed)
    pair = [p for p in (ed.meta.get("compare") or list(ed.sources)) if p in ed.sources][:2]
    out["compare.md"] = compare_page(ed, *pair) if len(pair) == 2 else (
        "---\ntitle: Compare the texts side by side\ndescription: \"The side-by-side view needs two texts; this "
        "edition holds one.\"\n---\n\n# Compare the texts side by side\n\nThis edition holds only one text.\n")
    out["sources.md"] = sources_page(ed)
    out["indices/names.md"] = names_page(ed)
    out["indices/timeline.md"] = timeline_page(ed)
    out["indices/figures.md"] = figures_page(ed)
    return out


# ---------------------------------------------------------------------------------------------
# Indices
# ---------------------------------------------------------------------------------------------

def _hits(ed: Edition, page: str, hits) -> str:
    """``Ramani ¶4, ¶13 (2×); Harrison ¶7``: each a link to the paragraph."""
    parts = []
    for sid, src in ed.sources.items():
        mine = [h for h in hits if h.source == sid]
        if not mine:
            continue
        counts: dict[str, int] = {}
        for h in mine:
            counts[h.block] = counts.get(h.block, 0) + 1
        links = []
        for block_id, n in counts.items():
            block = src.block(block_id)
            name = f"¶{block.number}" if block.number else block.id.replace("-", " ")
            links.append(f"[{md_escape(name)}]({link(page, text_page_path(sid), block_id)})" + (f" ({n}×)" if n > 1 else ""))
        parts.append(f"{md_escape(src.short)} " + ", ".join(links))
    return "; ".join(parts) or "—"


def names_page(ed: Edition) -> str:
    from .indices import NAME_TYPES

    page = "indices/names.md"
    names = ed.indices.names if ed.indices else []
    out = ["---", "title: Persons, peoples, places and organisations",
           "description: \"Every person, place and organisation either author names, with each author's spellings "
           "and links to every paragraph that mentions them.\"", "---", "",
           "# Persons, peoples, places and organisations", "",
           f"{len(names)} names. Every mention in either text is listed, with the spellings each author uses; "
           "the build locates each spelling in the texts, so the lists are complete.", ""]
    for kind, heading in NAME_TYPES.items():
        entries = sorted((e for e in names if e.kind == kind), key=lambda e: e.label.lower())
        out.append(f"## {heading} ({len(entries)}) {{#{kind}}}\n")
        out.append("| Name | Spellings | Mentions | Note |")
        out.append("|---|---|---|---|")
        for e in entries:
            spellings = "; ".join(f"{md_escape(ed.sources[s].short)}: " + ", ".join(_mark_rtl(v) for v in vs)
                                  for s, vs in e.variants.items())
            out.append(f"| <span id=\"{e.id}\">{md_escape(e.label)}</span> | {spellings} | {_hits(ed, page, e.hits)} | "
                       f"{md_escape(e.note)} |")
        out.append("")
    return "\n".join(out)


def timeline_page(ed: Edition) -> str:
    page = "indices/timeline.md"
    events = ed.indices.events if ed.indices else []
    out = ["---", "title: Timeline",
           "description: \"Every dated event either author mentions, from the 1954 map to the October 2015 talks, "
           "with who mentions it and where.\"", "---", "", "# Timeline", "",
           f"{len(events)} dated events, in order. Each links to the paragraphs that mention it; where the two "
           "accounts differ, the note says how.", "",
           "| Date | Event | Mentioned by | Note |", "|---|---|---|---|"]
    for e in events:
        out.append(f"| <span id=\"{e.id}\">{md_escape(e.when or e.date)}</span> | {md_escape(e.label)} | {_hits(ed, page, e.hits)} | "
                   f"{md_escape(e.note)} |")
    return "\n".join(out) + "\n"


def figures_page(ed: Edition) -> str:
    page = "indices/figures.md"
    figures = ed.indices.figures if ed.indices else []
    out = ["---", "title: Figures",
           "description: \"Every number either author gives, side by side with the other author's figure where "
           "there is one.\"", "---", "", "# Figures", "",
           f"{len(figures)} figures. Each value is quoted from its paragraph; the build checks that the value "
           "stands in the quotation.", ""]
    shorts = list(ed.sources.items())
    out.append("| What | " + " | ".join(md_escape(s.short) for _, s in shorts) + " | Note |")
    out.append("|---|" + "---|" * len(shorts) + "---|")
    for e in figures:
        cells = []
        for sid, src in shorts:
            vals = [h for h in e.hits if h.source == sid]
            cells.append("<br>".join(
                f"**{md_escape(h.value)}** ([{md_escape(where(src, h.block))}]({link(page, text_page_path(sid), h.block)}))"
                for h in vals) or "—")
        out.append(f"| <span id=\"{e.id}\">{md_escape(e.label)}</span> | " + " | ".join(cells) + f" | {md_escape(e.note)} |")
    return "\n".join(out) + "\n"


def downloads_page(ed: Edition) -> str:
    from .exports import DOWNLOADS, download_path

    page = "downloads.md"
    out = ["---", "title: Downloads",
           "description: \"The edition's open data: TEI P5, plain text, the received texts, BibTeX, RIS, "
           "CSL-JSON and the W3C Web Annotations.\"", "---", "", "# Downloads", "",
           "Everything on this site is also available as open, standard files.", "",
           "## All annotations {#annotations}", "",
           f"- [annotations.jsonld]({link(page, 'annotations.jsonld')}): every cross-reference and editorial note "
           "in the [W3C Web Annotation Data Model](https://www.w3.org/TR/annotation-model/), one `Annotation` "
           "each, targeting the paragraphs by `FragmentSelector` and the words by `TextQuoteSelector`.", ""]
    for sid, src in ed.sources.items():
        out.append(f"## {md_escape(src.short)}: {md_escape(src.title)} {{#{sid}}}\n")
        for suffix, label, mime in DOWNLOADS:
            out.append(f"- [{md_escape(label)}]({link(page, download_path(sid, suffix))}) (`{mime}`)")
        out.append("")
    return "\n".join(out)


def topics_page(ed: Edition) -> str:
    """One row per topic: each author's position, the relation, and the passages."""
    page = "topics.md"
    out = ["---", "title: The comparison at a glance",
           "description: \"Topic by topic, what Ramani and Harrison each say about China–Kazakhstan defence "
           "relations, whether they agree or diverge, and where in the texts.\"", "---", "",
           "# The comparison at a glance", "",
           "Topic by topic: each author's position in a sentence or two, the relation between them, and links "
           "to the passages. Harrison wrote in February 2015, Ramani in December 2015, after the October 2015 "
           "talks. Follow a topic to its cross-references, or a paragraph number to the passage.", "",
           "The relation of a topic is not a judgement of its own: it follows from the cross-references that "
           "carry the topic. Where they all have one relation, the topic has it; where they have several, it is "
           "*mixed*, and the count of each is given; where one author does not discuss the topic, it concerns "
           "*one author only*.", ""]
    compared = {sid for row in ed.comparison for sid in row.positions}
    sids = [sid for sid in ed.sources if sid in compared]
    out.append("| Topic | " + " | ".join(md_escape(ed.sources[s].short) for s in sids) + " | Relation | Passages |")
    out.append("|---|" + "---|" * len(sids) + "---|---|")
    for row in ed.comparison:
        topic = ed.topics[row.topic]
        anns = [a for v in row.breakdown.values() for a in v]
        passages = []
        for sid in sids:
            blocks = sorted({p.block for a in anns for p in a.passages if p.source == sid},
                            key=lambda b: int(b[1:]) if b[1:].isdigit() else 0)
            if blocks:
                passages.append(f"{md_escape(ed.sources[sid].short)} " + ", ".join(
                    f"[¶{b[1:]}]({link(page, text_page_path(sid), b)})" for b in blocks))
        cells = [md_escape(row.positions[s]) if row.positions.get(s) else "*Does not discuss this topic.*"
                 for s in sids]
        out.append(f"| <span id=\"{row.topic}\">[{md_escape(topic['label'])}]({link(page, 'xrefs.md', 'topic-' + row.topic)})"
                   f"</span> | " + " | ".join(cells) + f" | {row_relation(ed, row)} | " + ("<br>".join(passages) or "—")
                   + " |")
    return "\n".join(out) + "\n"


def row_relation(ed: Edition, row) -> str:
    """The relation of a topic as the comparison shows it: the cross-references' relation and
    their number, or, for a mixed topic, how many have each relation."""
    from .comparison import MIXED, ONE_AUTHOR

    if row.relation == ONE_AUTHOR:
        return "One author only"
    if row.relation == MIXED:
        parts = [f"{md_escape(ed.relations[r]['symbol'])} {md_escape(ed.relations[r]['label'].lower())} {len(v)}"
                 for r, v in row.breakdown.items()]
        return "Mixed: " + ", ".join(parts)
    rel = ed.relations[row.relation]
    return f"{md_escape(rel['symbol'])} {md_escape(rel['label'])} ({sum(len(v) for v in row.breakdown.values())})"


def coverage_page(ed: Edition) -> str:
    """Sentence by sentence, what the cross-references link in each text, with the counts."""
    from .coverage import coverage, points

    page = "coverage.md"
    cov = coverage(ed)
    out = [front_matter("Coverage of the texts", "Sentence by sentence, which parts of each text the "
                        "cross-references link, and to what; computed from the apparatus at every build."),
           "# Coverage of the texts", "",
           f"The edition joins the two texts by {points(ed)} cross-references, one for each point of contact the "
           "editors found. This page is computed from them at every build: for each body paragraph, each "
           "sentence, and the cross-references that quote words of it. A sentence that no cross-reference "
           "links is one where the editors found nothing in the other text that speaks to the same matter.", ""]
    out.append("| Text | Body sentences | Linked | Share | Paragraphs with a cross-reference |")
    out.append("|---|---|---|---|---|")
    for sid, c in cov.items():
        src = ed.sources[sid]
        out.append(f"| {md_escape(src.short)} | {len(c.sentences)} | {c.linked} | {c.share:.0%} | "
                   f"{c.paragraphs_linked} of {len(src.paragraphs)} |")
    out.append("")
    for sid, c in cov.items():
        src = ed.sources[sid]
        out.append(f"## {md_escape(src.short)} {{#{sid}}}\n")
        out.append("| Sentence | Begins | Cross-references |")
        out.append("|---|---|---|")
        for s in c.sentences:
            words = s.text.split()
            begins = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
            refs = ", ".join(f"[{md_escape(ed.relations[a.relation]['symbol'])} {md_escape(a.title)}]"
                             f"({link(page, 'xrefs.md', 'x-' + a.id)})" for a in s.xrefs) or "—"
            out.append(f"| [¶{s.number}]({link(page, text_page_path(sid), s.block)}).{s.index} | "
                       f"{_mark_rtl(begins)} | {refs} |")
        out.append("")
    return "\n".join(out)


MARKER = re.compile(r"<!-- edition: ([a-z-]+)((?: [\w.-]+)*) -->")


def fill_markers(markdown: str, ed: Edition, page: str, base: str) -> tuple[str, list[str]]:
    """Replace each ``<!-- edition: name args -->`` in a hand-written page by what the data say
    (so that a claim about the edition is computed, never typed): ``relation-procedure``,
    ``coverage-summary``, ``sample-citation <text> <paragraph> <style>``. Also returns the
    markers it does not know."""
    from .cite import citations, fill
    from .coverage import coverage, points

    unknown: list[str] = []

    def one(m: re.Match) -> str:
        name, args = m.group(1), m.group(2).split()
        if name == "relation-procedure" and not args:
            return "\n" + ed.procedure_html + "\n"
        if name == "coverage-summary" and not args:
            cov = coverage(ed)
            shares = " and ".join(f"{c.linked} of {md_escape(ed.sources[sid].short)}'s {len(c.sentences)} body "
                                  f"sentences ({c.share:.0%})" for sid, c in cov.items())
            return (f"{points(ed)} cross-references, one for each point of contact the editors found, link "
                    f"{shares}; [the coverage]({link(page, 'coverage.md')}) shows which, sentence by sentence")
        if name == "sample-citation" and len(args) == 3 and args[0] in ed.sources and args[1].isdigit():
            sid, n, style = args
            styles = citations(ed, ed.sources[sid])
            if style in styles:
                url = f"{base}{TEXTS_DIR}/{sid}/#p{n}"
                return _html_to_md(fill(styles[style]["html"], int(n), url))
        unknown.append(m.group(0))
        return m.group(0)

    return MARKER.sub(one, markdown), unknown


def _html_to_md(html_text_: str) -> str:
    """A citation's HTML (escaped text and <i>) as Markdown."""
    parts = re.split(r"(<i>.*?</i>)", html_text_)
    return "".join(f"*{md_escape(html.unescape(p[3:-4]))}*" if p.startswith("<i>") else md_escape(html.unescape(p))
                   for p in parts)


def texts_index_page(ed: Edition) -> str:
    """The list of every text, in order of publication."""
    page = f"{TEXTS_DIR}/index.md"
    out = [front_matter("The texts", f"The {len(ed.sources)} texts of the edition, in order of publication, with "
                        "their paragraphs and cross-references."), "# The texts", ""]
    for src in sorted(ed.sources.values(), key=lambda s: (str(s.meta["date"]), s.id)):
        m = src.meta
        authors = ", ".join(f"{a['given']} {a['family']}" for a in m["authors"])
        n = len({id(a) for a, _ in ed.passages_in(src.id)})
        out.append(f"- [{md_escape(authors)}, “{md_escape(src.title)}”]({link(page, text_page_path(src.id))}), "
                   f"*{md_escape(m['publication'])}*, {_date(m['date'])}: {len(src.paragraphs)} paragraphs, "
                   f"{n} annotations.")
    return "\n".join(out) + "\n"


# Repository documents published as pages: (file, page, title if it is missing, description). Those under sources/ are
# editors' records, whose raw HTML is escaped like every other string from sources/.
MIRRORED = [
    ("CONTRIBUTING.md", "contributing.md", "Contributing",
     "How to add or correct a cross-reference, correct a transcription error or add a text, by pull request: the "
     "editors' guide, mirrored from CONTRIBUTING.md."),
    ("sources/annotations/SECOND-PASS.md", "apparatus/second-reading.md", "The second reading",
     "The second, independent reading of both texts and its reconciliation with the apparatus, point by point."),
    ("sources/annotations/THIRD-PASS.md", "apparatus/third-reading.md", "The third reading",
     "The third, independent reading, made after the decision procedure was written, and its reconciliation with "
     "the apparatus, point by point."),
]


def mirrors(root, ed: Edition) -> dict[str, str]:
    """The pages made from repository documents that exist (see :data:`MIRRORED`)."""
    out = {}
    for file, page, title, description in MIRRORED:
        path = root / file
        if not path.is_file() or path.is_symlink():
            out[page] = front_matter(title, description) + f"\n# {md_escape(title)}\n\nThis edition holds no " \
                f"`{md_escape(file)}`.\n"
        else:
            text = path.read_text(encoding="utf-8")
            if file.startswith("sources/"):
                text = _escape_html_outside_code(text)
            out[page] = mirror_page(text, ed.meta.get("repo", ""), ed.meta.get("branch", "main"), description,
                                    folder=file.rsplit("/", 1)[0] if "/" in file else "", page=page)
    return out


_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def _escape_html_outside_code(markdown: str) -> str:
    parts = _CODE.split(markdown)
    return "".join(p if i % 2 else p.replace("&", "&amp;").replace("<", "&lt;") for i, p in enumerate(parts))


_MD_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+)\)")


def mirror_page(markdown: str, repo: str, branch: str = "main", description: str = "", folder: str = "",
                page: str = "contributing.md") -> str:
    """A repository document (CONTRIBUTING.md) as a site page: links into ``docs/`` become
    links between pages, links to other files of the repository go to the repository
    (``folder``: where the document stands, for its relative links; ``page``: where it is
    published)."""
    import posixpath

    def fix(m: re.Match) -> str:
        full = posixpath.normpath(posixpath.join(folder, m.group(1))) if folder else m.group(1)
        if full.startswith("docs/"):
            return f"]({link(page, full[5:])})"
        mirrored = {f: p for f, p, _, _ in MIRRORED}
        if full.split("#")[0] in mirrored:
            anchor = full.split("#")[1] if "#" in full else ""
            return f"]({link(page, mirrored[full.split('#')[0]], anchor)})"
        return f"]({repo.rstrip('/')}/blob/{branch}/{full})" if repo else m.group(0)

    title = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), "")
    front = front_matter(title, description or title) + "\n"
    return front + _MD_LINK.sub(fix, markdown)
