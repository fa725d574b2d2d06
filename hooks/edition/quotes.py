"""Quote matching: find where a quotation stands in a text, tolerant of typography.

Both the quotation and the text are folded (see :func:`.text.fold`): curly and straight
quotes, no-break spaces, runs of white space and ``\\$`` compare equal. Matching is a
linear scan per block (``str.find``), so the cost grows with the size of the text, never
with its square.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from .model import Block
from .text import INVISIBLE, char_name, fold, folded

CONTEXT = 32


def quoted(quote: str) -> str:
    """A quotation as it is matched: in Unicode's composed form (NFC: an accent typed as a
    separate mark is the same letter), then folded."""
    return folded(unicodedata.normalize("NFC", quote))


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
        q, pre, suf = quoted(quote), quoted(prefix), quoted(suffix)
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

    def spanning(self, q: str) -> tuple[Block, Block] | None:
        """The two consecutive blocks across which the folded quotation ``q`` runs, if it does."""
        for a, b in zip(self._blocks, self._blocks[1:]):
            joined = a.text + " " + b.text
            i = joined.find(q, max(0, len(a.text) - len(q)))
            if i != -1 and i < len(a.text) and i + len(q) > len(a.text) + 1:
                return a.block, b.block
        return None

    def nearest(self, quote: str) -> tuple[Block, str] | None:
        """The block whose text shares the longest run with ``quote``, and the passage of
        the quote's length around that run."""
        at = self.nearest_at(quoted(quote))
        if at is None:
            return None
        block, text, start = at
        return block, text[start:start + max(len(quoted(quote)), 20)]

    def nearest_at(self, q: str) -> tuple[Block, str, int] | None:
        """For a folded quotation: the block sharing the longest run with it, that block's
        folded text, and where the quotation would start in it were the run in place."""
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
        return ix.block, ix.text, max(0, m.a - m.b)


def _word_window(text: str, i: int) -> tuple[int, int]:
    """From the start of the word holding ``text[i]`` to the end of the word after it."""
    lo = text.rfind(" ", 0, i) + 1
    hi = text.find(" ", i + 1)
    hi = len(text) if hi == -1 else text.find(" ", hi + 1)
    return lo, len(text) if hi == -1 else hi


def shown(text: str) -> str:
    """A snippet as a message quotes it: invisible characters named by code point."""
    return INVISIBLE.sub(lambda m: f"<{char_name(m.group())}>", text)


def explain_miss(index: QuoteIndex, quote: str) -> str:
    """Why a quotation is not found, as the hint of an editor's message: the paragraph it
    most resembles and the first character where the two differ (an invisible character named
    by its code point), or that it runs from one paragraph into the next."""
    q = quoted(quote)
    spans = index.spanning(q)
    if spans:
        a, b = spans
        return (f"the quote runs from {place(a)} into {place(b)}; a passage stands within one paragraph, so "
                "quote each part in a passage of its own")
    near = index.nearest_at(q)
    if not near:
        return "copy the exact words from the text"
    block, text, start = near
    # Align the quotation's beginning by the first run it shares with the text near the
    # longest run, so that an invisible character early in the quote is found where it stands.
    lo = max(0, start - 10)
    window = text[lo:start + len(q) + 10]
    first = SequenceMatcher(None, q, window, autojunk=False).get_matching_blocks()[0]
    if first.a == 0 and first.size:
        start, i = lo + first.b, first.size
    else:
        i = 0
    passage = text[start:start + max(len(q), 20)]
    if i >= len(q):  # the quote is longer than the paragraph
        return f"nearest passage {place(block)}: \"{shown(_cut(passage))}\""
    qlo, qhi = _word_window(q, i)
    tlo, thi = _word_window(text, min(start + i, len(text) - 1))
    return (f"nearest passage {place(block)}: \"{shown(_cut(passage))}\", which differs at character {i + 1} of "
            f"the quote: \"{shown(q[qlo:qhi])}\" in the quote, \"{shown(text[tlo:thi])}\" in the text")


def place(block: Block) -> str:
    """How a message names a block: ``¶8``, or ``'caption-1'``."""
    return f"¶{block.number}" if block.number else f"'{block.id}'"


def _cut(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def context(reading: str, start: int, end: int) -> tuple[str, str]:
    """Up to :data:`CONTEXT` characters before and after a span (W3C prefix and suffix)."""
    return reading[max(0, start - CONTEXT):start], reading[end:end + CONTEXT]
