"""How the search reads a text into words. ``docs/assets/edition-search.js`` reads a query
the same way, rule for rule; ``tests/test_search.py`` runs both on the same strings.

- Text is normalised (NFKD), its accents and other combining marks are dropped, and it is
  lower-cased: ``Ürümqi`` is ``urumqi``, ``آزاد`` is ``ازاد``. The Arabic forms of yeh and
  kaf are read as the Persian ones.
- A word is a run of letters, marks and digits; a ``.`` or ``,`` between two digits belongs to the
  number (``1.5``, ``20,000``). Everything else separates words: spaces, punctuation,
  apostrophes (``China's`` is ``china`` and ``s``), hyphens and the Persian zero-width
  non-joiner.
- Words of one letter, and the commonest English words, are not indexed.
"""
from __future__ import annotations

import functools
import unicodedata

# Lunr's English stop words (what Material's search left out), less the ones a reader of
# these texts searches for as words ("may", "will" as a noun, "can").
STOPWORDS = frozenset("""
a able about across after all almost also am among an and any are as at be because been but by
cannot could dear did do does either else ever every for from get got had has have he her hers him
his how however i if in into is it its just least let like likely me might most must my neither no
nor not of off often on only or other our own rather said say says she should since so some than
that the their them then there these they this tis to too twas us wants was we were what when where
which while who whom why with would yet you your
""".split())

FOLD = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """``text`` without accents or marks, lower-cased, the Arabic yeh and kaf as Persian."""
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if not unicodedata.category(ch).startswith("M"):
            out.append(FOLD.get(ch, ch))
    return "".join(out).lower()


def _is_word(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"


def _is_digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


def spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each word of ``text`` (before folding)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if not _is_word(text[i]):
            i += 1
            continue
        j = i
        while j < n and (_is_word(text[j]) or (text[j] in ".," and j + 1 < n and _is_digit(text[j - 1])
                                                and _is_digit(text[j + 1]))):
            j += 1
        out.append((i, j))
        i = j
    return out


def words(text: str) -> list[str]:
    """The indexed words of ``text``, folded, in order (repeats kept)."""
    out = []
    for i, j in spans(text):
        w = fold(text[i:j])
        if keep(w):
            out.append(w)
    return out


def keep(word: str) -> bool:
    return bool(word) and (len(word) > 1 or _is_digit(word)) and word not in STOPWORDS


def variants(word: str, pairs: list[tuple[str, str]]) -> list[str]:
    """The other spellings of a folded word: for each pair of stems, a word that begins with
    one stem is also spelled with the other (``defences`` → ``defenses``)."""
    out = []
    for x, y in _folded_pairs(tuple(pairs)):
        if word.startswith(x):
            alt = y + word[len(x):]
            if alt != word and alt not in out:
                out.append(alt)
    return out


@functools.lru_cache(maxsize=32)
def _folded_pairs(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Each pair of stems folded once, in both directions, in the order ``variants`` tries them."""
    return tuple(d for a, b in pairs for d in ((fold(a), fold(b)), (fold(b), fold(a))))
