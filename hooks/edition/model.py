"""The edition's data model: plain dataclasses that remember where they came from.

The flow is one-directional: files in ``sources/`` → :class:`Source` and
:class:`Annotation` objects (segmented, anchored, quotes resolved) → pages, search
entries and exports. Nothing downstream reaches back upstream.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of block a witness may hold, with the label a reader sees.
BLOCK_KINDS: dict[str, str] = {
    "masthead": "Masthead of the reprint",
    "motto": "Verse motto of the reprint",
    "contact": "Web and mail line of the reprint",
    "original-url": "Original URL line",
    "title": "Title",
    "standfirst": "Standfirst",
    "byline": "Byline and date",
    "caption": "Photo caption",
    "heading": "Section heading",
    "body": "Body paragraph",
    "authors-note": "Author's note",
    "boilerplate": "Web boilerplate",
}
# Where a kind of block is shown on the reading page.
FRONT_KINDS = {"title", "standfirst", "byline", "caption"}
WITNESS_KINDS = {"masthead", "motto", "contact", "original-url", "boilerplate"}


@dataclass
class Span:
    """Inline formatting of a reading text, by character offsets."""

    start: int
    end: int
    tag: str
    """An HTML tag name such as ``em``."""
    attrs: str = ""
    """Attributes, already escaped (``lang="fa" dir="rtl"``)."""


@dataclass
class Intervention:
    """One editorial intervention: what the witness has, what the edition reads, and why."""

    source: str
    block: str
    """The anchor id of the block it concerns."""
    kind: str
    """``markup`` (a conversion trace read as formatting), ``escape``, ``typography``,
    ``emendation`` or ``classification``."""
    received: str
    reading: str
    reason: str
    path: str = ""
    line: int = 0


@dataclass
class Block:
    """One block of a witness, as separated by blank lines."""

    source: str
    index: int
    """0-based position among the witness's blocks."""
    line: int
    """1-based line of the witness file where the block starts."""
    received: str
    """The block exactly as received."""
    kind: str
    id: str
    """The block's anchor on its reading page (``p3`` for body paragraphs)."""
    reading: str = ""
    """The edition's reading text (conversion traces read, emendations applied)."""
    spans: list[Span] = field(default_factory=list)
    lang: str | None = None
    rtl: bool = False
    note: str = ""
    """Why the block was classified as it was, when an editor said so."""
    number: int | None = None
    """For body paragraphs, the paragraph number shown and cited (N in ``#pN``)."""


@dataclass
class Tombstone:
    """A published paragraph anchor whose paragraph is gone; it still resolves."""

    anchor: str
    reason: str
    see: str | None
    after: str | None
    """The live anchor after which it is shown, or None for the start of the text."""
    incipit: str = ""


@dataclass
class Source:
    """A text of the edition: metadata, the received witness, and its segmentation."""

    id: str
    meta: dict
    path: str
    """The metadata file, relative to the project root."""
    text_path: str
    received: str
    blocks: list[Block] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    tombstones: list[Tombstone] = field(default_factory=list)

    @property
    def short(self) -> str:
        return self.meta.get("short") or self.id

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def description(self) -> str:
        """What a search engine or a link preview shows of its reading page: the editors'
        ``description``, or else one made from the citation fields every text has."""
        given = " ".join(str(self.meta.get("description") or "").split())
        if given:
            return given
        names = [" ".join(str(a.get(k, "")) for k in ("given", "family") if a.get(k))
                 for a in self.meta.get("authors") or [] if isinstance(a, dict)]
        by = " and ".join(n for n in names if n)
        made = f"“{self.title}”" + (f", by {by}" if by else "")
        made += "".join(f", {self.meta[k]}" for k in ("publication", "date") if self.meta.get(k))
        return " ".join(f"{made}: the received text, its paragraphs numbered for citation.".split())

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "body"]

    def block(self, anchor: str) -> Block | None:
        return next((b for b in self.blocks if b.id == anchor), None)


@dataclass
class Passage:
    """One target of an annotation: a quotation in one source."""

    source: str
    quote: str
    prefix: str = ""
    suffix: str = ""
    line: int = 0
    # Resolved by quote matching:
    block: str = ""
    """Anchor id of the block holding the quote (``p11``)."""
    start: int = -1
    end: int = -1
    """Character offsets of the quote in the block's reading text."""
    exact: str = ""
    """The quoted words as the edition's reading text has them."""
    before: str = ""
    after: str = ""
    """Up to 32 characters of context either side (for TextQuoteSelector)."""
    mark: str = ""
    """Id of the highlighted span on the reading page."""


@dataclass
class Annotation:
    """A cross-reference between passages, or an editorial note on one text."""

    id: str
    title: str
    relation: str
    topics: list[str]
    passages: list[Passage]
    note: str
    """The editor's note, in Markdown."""
    path: str
    line: int = 1
    note_html: str = ""
    """The note rendered and sanitized."""
    aliases: list[str] = field(default_factory=list)
    """Published ids of cross-references merged into this one: ``xrefs/#x-<alias>`` keeps
    leading here."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """The line of each field in its file (``note``, ``passages``…), for problems found later."""

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(p.source for p in self.passages))


@dataclass
class Edition:
    """Everything the site and the exports are made from."""

    sources: dict[str, Source]
    annotations: list[Annotation]
    relations: dict[str, dict]
    topics: dict[str, dict]
    meta: dict
    """Edition-level metadata (title, version, date, licences)."""
    indices: object = None
    """The name, timeline and figure indices (:class:`.indices.Indices`)."""
    comparison: list = field(default_factory=list)
    """The rows of the topic comparison (:class:`.comparison.Row`)."""
    procedure_html: str = ""
    """How a relation is decided (``sources/relations.yml``), rendered and sanitized."""
    _by_source: dict = field(default_factory=dict, repr=False)

    def passages_in(self, source_id: str) -> list[tuple[Annotation, Passage]]:
        """Every (annotation, passage) quoting ``source_id``, in annotation order; indexed
        once, so that rendering stays linear in the number of annotations."""
        if not self._by_source:
            for ann in self.annotations:
                for p in ann.passages:
                    self._by_source.setdefault(p.source, []).append((ann, p))
        return self._by_source.get(source_id, [])


def layout(src: Source) -> tuple[list[Block], list[Block], list[Block], list[Block]]:
    """A text's blocks as a page shows them: front matter, body, back matter, witness."""
    front = [b for b in src.blocks if b.kind in FRONT_KINDS]
    body = [b for b in src.blocks if b.kind not in FRONT_KINDS | WITNESS_KINDS | {"authors-note"}]
    back = [b for b in src.blocks if b.kind == "authors-note"]
    witness = [b for b in src.blocks if b.kind in WITNESS_KINDS]
    return front, body, back, witness


def where(src: Source, block_id: str) -> str:
    """How a reader names a place: ``Ramani ¶11``, or ``Ramani, motto``."""
    block = src.block(block_id)
    if block is not None and block.number:
        return f"{src.short} ¶{block.number}"
    return f"{src.short}, {BLOCK_KINDS.get(block.kind, block_id).lower() if block else block_id}"
