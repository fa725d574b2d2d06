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

A phrase (a query in double quotes) is read into every word, stop words and single letters
included (``tokens``), each written in one spelling of its pair (``canonical``), and is found
by the pairs of neighbouring words it holds (``bigrams``), which the index lists by record.
``phrase_in`` is the exact test: the phrase's words in order, one after the other.
"""
from __future__ import annotations

import functools
import re
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


def tokens(text: str) -> list[str]:
    """Every word of ``text``, folded, in order, stop words and single letters included."""
    return [fold(text[i:j]) for i, j in spans(text)]


def canonical(word: str, pairs: list[tuple[str, str]]) -> str:
    """One spelling for a folded word and its variants (the first in alphabetical order), so
    that a phrase is found as the text spells it: ``defense cooperation`` is ``defence
    cooperation``."""
    return _canonical(word, tuple(map(tuple, pairs)))


@functools.lru_cache(maxsize=1 << 16)
def _canonical(word: str, pairs: tuple[tuple[str, str], ...]) -> str:
    return min([word] + variants(word, list(pairs)))


def bigrams(text: str, pairs: list[tuple[str, str]]) -> set[str]:
    """The pairs of neighbouring words of ``text``, each word in its canonical spelling,
    joined by a space."""
    key = tuple(map(tuple, pairs))
    t = [_canonical(w, key) for w in tokens(text)]
    return {f"{a} {b}" for a, b in zip(t, t[1:])}


def bucket(key: str, n: int) -> int:
    """Which of ``n`` pair files holds ``key``: FNV-1a (32 bits) of its UTF-8 bytes, modulo
    ``n``; edition-search.js computes the same."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % n


QUOTES = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]")
"""What opens and closes a phrase: the straight double quote, and the curly and angled ones a
phone's keyboard may type instead."""


def parse_query(query: str) -> tuple[list[list[str]], str]:
    """The phrases of a query (each its folded words, every word kept) and the rest of it, the
    words outside quotes. A quote left open makes a phrase of the rest of the query: while
    the reader types ``"official rhetoric`` the results are already those of the phrase. A
    phrase of one word is that word whole (not a word beginning with it)."""
    parts = QUOTES.split(query)
    phrases, free = [], []
    for k, part in enumerate(parts):
        if k % 2:
            t = tokens(part)
            if t and t not in phrases:
                phrases.append(t)
        else:
            free.append(part)
    return phrases, " ".join(free)


def phrase_in(phrase: list[str], text: str, pairs: list[tuple[str, str]]) -> bool:
    """Whether ``text`` holds the words of ``phrase`` (folded) one after the other, each in
    either spelling."""
    want = [canonical(w, pairs) for w in phrase]
    have = [canonical(w, pairs) for w in tokens(text)]
    k = len(want)
    return k > 0 and any(have[i:i + k] == want for i in range(len(have) - k + 1))
