"""Highlights and footnotes: a text's cross-referenced passages as they stand in its reading
text, on the reading page and on the compare page."""
from __future__ import annotations

import re

from ..inline import Item, inline
from ..model import Annotation, Block, Edition, Passage, Source, where
from ..text import md_escape, md_escape_html
from ..urls import link, text_page_path
from .common import edit_link


def footnote_label(ann: Annotation, passage: Passage, on_page: list[Passage]) -> str:
    """The ASCII footnote label of a passage: the annotation id, with ``-2``… when the same
    annotation highlights more than one passage on the page (``on_page``: the passages of
    that annotation on the page, in order)."""
    k = [p for p in on_page if p.mark.rsplit("-", 1)[0] == passage.mark.rsplit("-", 1)[0]].index(passage)
    return ann.id if k == 0 else f"{ann.id}-{k + 1}"


class Marks:
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
        items = [Item(s.start, s.end, f"<{s.tag}{' ' + s.attrs if s.attrs else ''}>", f"</{s.tag}>",
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
                items.append(Item(p.start, p.end,
                                   f'<a class="xref-jump" href="{self.jump(other)}" '
                                   f'title="{md_escape(where(osrc, other.block))}: {title}">', "</a>",
                                   f'<a class="xref-jump" href="{self.jump(other)}" tabindex="-1">',
                                   f"[^{label}]"))
                after = ""
            else:
                after = f"[^{label}]"
            items.append(Item(p.start, p.end,
                               f'<mark id="{self.prefix}{p.mark}" class="{cls}" data-relation="{ann.relation}" data-note="{label}" '
                               f'title="{title}">',
                               "</mark>", f'<mark class="{cls}" data-relation="{ann.relation}" data-note="{label}">', after))
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
                f"{edit_link(self.ed, ann)}")


def attrs(block: Block, *classes: str, prefix: str = "") -> str:
    parts = [f"#{prefix}{block.id}", *(f".{c}" for c in classes)]
    if block.lang:
        parts.append(f'lang="{block.lang}"')
    if block.rtl:
        parts.append('dir="rtl"')
    return "{: " + " ".join(parts) + " }"


def paragraph(b: Block, text: str, prefix: str = "", cite: bool = False) -> str:
    """A numbered body paragraph; one that holds a highlight is marked, for the reading control's
    clean text (a small sign by the number says the paragraph has cross-references). With
    ``cite``, the paragraph's Cite button stands beside its number, in the page as built (shown
    only with JavaScript, which makes it work), so that nothing moves when the script runs."""
    classes = ("para", "has-xrefs") if "<mark " in text else ("para",)
    button = (f'<button type="button" class="cite-btn js-only" aria-label="Cite paragraph {b.number}">Cite</button> '
              if cite else " ")
    return (f"[{b.number}](#{prefix}{b.id} \"¶{b.number}: link to this paragraph\"){{.pnum}}{button}{text}\n"
            f"{attrs(b, *classes, prefix=prefix)}\n")


# The reading control's choices (docs/assets/edition.js reads them from the page).
HIGHLIGHTS = (("all", "All highlights"), ("none", "None: the clean text"), ("agree", "Agreements only"),
              ("diverge", "Divergences only"), ("qualifies", "Qualifications only"),
              ("complements", "Complements only"), ("editorial", "Editorial notes only"))


def highlights_control() -> str:
    """The Highlights control, in the page as built and shown only with JavaScript (which makes it
    work), so that the text does not move down when the script runs."""
    options = "".join(f'<option value="{v}">{label}</option>' for v, label in HIGHLIGHTS)
    return ('<div class="reading-control js-only"><label for="highlights">Highlights</label>'
            f'<select id="highlights">{options}</select>'
            '<span class="reading-status" role="status" aria-live="polite"></span></div>\n')


def tombstone(t) -> str:
    see = f" Its content is now at [¶{t.see[1:]}](#{t.see})." if t.see else ""
    return (f"*¶{t.anchor[1:]} was published in an earlier version of the edition and has been removed: "
            f"{md_escape(t.reason)}.*{see}\n{{: #{t.anchor} .tombstone }}\n")
