"""How much of each text the cross-references link, measured sentence by sentence from the
data at build time: what the edition claims about its own completeness is computed here,
never written by hand."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Annotation, Edition

# A sentence ends at . ! or ? (and any closing quotation mark or bracket) before white space
# and a capital letter, a digit or an opening quotation mark. No abbreviation with a full stop
# stands before a capital in either text; a new text that has some adds them here.
_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z0-9“\"‘(])")
ABBREVIATIONS = ("Mr.", "Mrs.", "Dr.", "St.", "U.S.", "U.K.", "e.g.", "i.e.", "etc.", "No.")


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of a paragraph's reading text."""
    out, start = [], 0
    for m in _END.finditer(text):
        if text[:m.start()].endswith(ABBREVIATIONS):
            continue
        out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


@dataclass
class Sentence:
    block: str
    number: int
    """The paragraph's number."""
    index: int
    """1-based position of the sentence in its paragraph."""
    text: str
    xrefs: list[Annotation] = field(default_factory=list)
    """The cross-references between texts that quote words of this sentence."""


@dataclass
class TextCoverage:
    source: str
    sentences: list[Sentence]

    @property
    def linked(self) -> int:
        return sum(1 for s in self.sentences if s.xrefs)

    @property
    def share(self) -> float:
        return self.linked / len(self.sentences) if self.sentences else 0.0

    @property
    def paragraphs_linked(self) -> int:
        return len({s.block for s in self.sentences if s.xrefs})


def coverage(ed: Edition) -> dict[str, TextCoverage]:
    """For each text, every sentence of its body paragraphs and the cross-references that
    link it (a passage of the cross-reference overlaps the sentence)."""
    out = {}
    for sid, src in ed.sources.items():
        by_block: dict[str, list] = {}
        for ann, p in ed.passages_in(sid):
            if len(ann.sources) > 1:
                by_block.setdefault(p.block, []).append((ann, p))
        rows = []
        for b in src.paragraphs:
            for k, (start, end) in enumerate(sentences(b.reading), 1):
                xrefs = list({id(a): a for a, p in by_block.get(b.id, []) if p.start < end and start < p.end}.values())
                rows.append(Sentence(b.id, b.number, k, b.reading[start:end], xrefs))
        out[sid] = TextCoverage(sid, rows)
    return out


def points(ed: Edition) -> int:
    """The cross-references between texts: one for each point of contact."""
    return sum(1 for a in ed.annotations if len(a.sources) > 1)
