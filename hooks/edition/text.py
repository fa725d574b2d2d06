"""Small pure text functions: folding for quote matching, slugs, escaping for Markdown."""
from __future__ import annotations

import functools
import re
import unicodedata

# Characters that typography or conversion may vary, folded to one form for matching.
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "", "\ufeff": "",
    "\u2013": "-", "\u2014": "-",
}
# The same table for what applies the rules elsewhere (the propose tool, in the browser).
TYPOGRAPHIC_FOLD = _FOLD
_SPACE = re.compile(r"\s")

# Characters no value in sources/ may hold: C0 and C1 controls (but tab and line feed), DEL,
# and the bidirectional embeddings, overrides and isolates, which reorder what a reader sees
# (in a note, a title, or an error message in the editor's terminal).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")
# Characters that show nothing, or look like a space, on screen: named in messages.
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                       "\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]")


def char_name(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'CONTROL CHARACTER')}"


def visible(text: str) -> str:
    """``text`` safe to print in a terminal and unambiguous to read: each control character
    and bidirectional control becomes ``<U+001B>``, so that a message can neither move the
    cursor, clear the screen nor reorder itself."""
    return FORBIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


_SPECIALS = "\u2018\u2019\u201a\u2032\u201c\u201d\u201e\u2033\u200b\ufeff\u2013\u2014"
_SPACES = "\\s\u00a0\u2007\u202f"
# A plain run may hold single ASCII spaces between its characters, so a sentence is one token.
_TOKEN = re.compile(rf"(?P<esc>\\\$)|(?P<plain>(?:[^{_SPACES}\\{_SPECIALS}]| (?=[^{_SPACES}\\{_SPECIALS}])|\\(?!\$))+)"
                    rf"|(?P<space>[{_SPACES}]+)|(?P<special>[{_SPECIALS}])")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> tuple[str, list[int]]:
    """Fold typographic variants and runs of white space; return the folded text and,
    for each folded character, the offset of the character it came from in ``text``.

    ``\\$`` (a Markdown escape left by conversion) folds to ``$``. Runs of plain characters
    are copied whole, so the cost is linear with a small constant."""
    if not unicodedata.is_normalized("NFC", text):
        return _fold_slow(text)
    out: list[str] = []
    where: list[int] = []
    last_space = True  # drop leading white space
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "plain":
            out.append(m.group())
            where.extend(range(m.start(), m.end()))
            last_space = False
        elif kind == "space":
            if not last_space:
                out.append(" ")
                where.append(m.start())
                last_space = True
        elif kind == "esc":
            out.append("$")
            where.append(m.start() + 1)
            last_space = False
        else:
            ch = _FOLD[m.group()]
            if ch:
                out.append(ch)
                where.append(m.start())
                last_space = False
    folded_text = "".join(out)
    if folded_text.startswith(" "):
        folded_text = folded_text[1:]
        del where[0]
    if folded_text.endswith(" "):
        folded_text = folded_text[:-1]
        where.pop()
    return folded_text, where


def _fold_slow(text: str) -> tuple[str, list[int]]:
    """:func:`fold` for text that is not in NFC: character by character."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] == "$":
            i += 1
            ch = "$"
        ch = _FOLD.get(ch, ch)
        if ch == "":
            i += 1
            continue
        if _SPACE.match(ch):
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            i += 1
            continue
        out.append(unicodedata.normalize("NFC", ch))
        where.append(i)
        i += 1
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


def folded(text: str) -> str:
    """Only the folded text (see :func:`fold`), trimmed."""
    return fold(text)[0].strip()


def slugify(value: str) -> str:
    """An ASCII id from a heading: lower case, words joined by hyphens."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[\s_-]+", "-", value).strip("-")


def unique(id_: str, ids: set[str]) -> str:
    """Make ``id_`` unique among ``ids`` by appending ``-2``, ``-3``… and record it."""
    candidate, n = id_, 1
    while candidate in ids:
        n += 1
        candidate = f"{id_}-{n}"
    ids.add(candidate)
    return candidate


_MD_SPECIAL = {"*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;", "`": "&#96;",
               "\\": "&#92;", "!": "&#33;", "#": "&#35;", "|": "&#124;", "~": "&#126;",
               "=": "&#61;", "^": "&#94;", "{": "&#123;", "}": "&#125;"}
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_ESCAPES = {**_MD_SPECIAL, **_HTML_SPECIAL}
_ESC_RX = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_MD_RX = re.compile("[" + re.escape("".join(_MD_SPECIAL)) + "]")


def md_escape(text: str) -> str:
    """Escape plain text so that Markdown shows it exactly as written: HTML's special
    characters, and every character Markdown or its extensions give a meaning to, become
    character references."""
    return _ESC_RX.sub(lambda m: _ESCAPES[m.group()], text)


_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")


def md_escape_html(fragment: str) -> str:
    """Escape Markdown syntax in the text parts of an already safe HTML fragment."""
    parts = _TAG_OR_ENTITY.split(fragment)
    return "".join(p if i % 2 else _MD_RX.sub(lambda m: _MD_SPECIAL[m.group()], p)
                   for i, p in enumerate(parts))


_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_RTL_RUN = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff][\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
                      r"\u200c\u200d\s\u060c\u061b\u061f«»:!.\-–()\U0001F000-\U0001FAFF]*"
                      r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]|[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def is_rtl(text: str) -> bool:
    """True when most letters of ``text`` are of a right-to-left script."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if _RTL.match(c)) > len(letters) / 2


def rtl_runs(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of right-to-left script runs inside ``text``."""
    return [m.span() for m in _RTL_RUN.finditer(text)]


_AMP = re.compile(r"&(?=[#A-Za-z0-9])")


def html_text(text: str) -> str:
    """Plain text made safe as HTML text for a generator that inserts it unescaped (a page or
    navigation title): ``<`` becomes ``&lt;``, and ``&`` where it could begin a character
    reference becomes ``&amp;``. Nothing else changes, so a template that escapes the title
    again (``| e`` in an attribute) shows ``Guns & Butter`` right."""
    return _AMP.sub("&amp;", text).replace("<", "&lt;")
