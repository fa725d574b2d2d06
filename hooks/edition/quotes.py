"""Quote matching: find where a quotation stands in a text, tolerant of typography.

Both the quotation and the text are folded (see :func:`.text.fold`): curly and straight
quotes, no-break spaces, runs of white space and ``\\$`` compare equal. Matching is a
linear scan per block (``str.find``), so the cost grows with the size of the text, never
with its square.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .model import Block
from .text import fold, folded

CONTEXT = 32


@dataclass(frozen=True)
class Location:
    """Where a quotation stands: a block and character offsets in its reading text."""

    block: str
    start: int
    end: int


@dataclass(frozen=True)
class _Indexed:
    block: Block
    text: str
    where: list


class QuoteIndex:
    """The folded reading texts of one source's blocks, for quote look-ups."""

    def __init__(self, blocks: list[Block]):
        self._blocks = []
        for b in blocks:
            text, where = fold(b.reading)
            self._blocks.append(_Indexed(b, text, where))

    def find(self, quote: str, prefix: str = "", suffix: str = "") -> list[Location]:
        """Every place where ``quote`` stands, preceded by ``prefix`` and followed by
        ``suffix`` when these are given."""
        q, pre, suf = folded(quote), folded(prefix), folded(suffix)
        if not q:
            return []
        found: list[Location] = []
        for ix in self._blocks:
            i = ix.text.find(q)
            while i != -1:
                j = i + len(q)
                if (not pre or ix.text[:i].rstrip().endswith(pre)) and \
                        (not suf or ix.text[j:].lstrip().startswith(suf)):
                    found.append(Location(ix.block.id, ix.where[i], ix.where[j - 1] + 1))
                i = ix.text.find(q, i + 1)
        return found

    def nearest(self, quote: str) -> tuple[Block, str] | None:
        """The block whose text shares the longest run with ``quote``, and the passage of
        the quote's length around that run."""
        q = folded(quote)
        if not q:
            return None
        best = None
        for ix in self._blocks:
            m = SequenceMatcher(None, ix.text, q, autojunk=False).find_longest_match(0, len(ix.text), 0, len(q))
            if best is None or m.size > best[1].size:
                best = (ix, m)
        if best is None or best[1].size == 0:
            return None
        ix, m = best
        start = max(0, m.a - m.b)
        return ix.block, ix.text[start:start + max(len(q), 20)]


def context(reading: str, start: int, end: int) -> tuple[str, str]:
    """Up to :data:`CONTEXT` characters before and after a span (W3C prefix and suffix)."""
    return reading[max(0, start - CONTEXT):start], reading[end:end + CONTEXT]
