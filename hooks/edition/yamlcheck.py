"""What a file of sources/ may hold, checked before and after it is parsed: characters a file
may not hold and lines too long (before), and, in every value, control characters,
bidirectional overrides, surrogates and values too long to be meant (after), each at its line."""
from __future__ import annotations

import re

from .problems import Problems
from .text import FORBIDDEN, char_name

MAX_STRING = 10_000
"""The longest value a file may hold, in characters."""
MAX_LINE = 4 * MAX_STRING
"""The longest line: a value within :data:`MAX_STRING`, escaped and quoted, always fits."""

# Characters refused wherever they stand in a file, comments included, before it is parsed: those
# the YAML reader cannot read (control characters but tab, line feed and carriage return, and
# what is not a character at all), and the line separators that YAML takes for the end of a line
# where an editor shows none (every line number after them would be wrong). A carriage return
# ends a line for YAML and for an editor alike. Bidirectional controls are read, and refused in
# every value by :func:`check_strings`.
_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_BREAK = re.compile(r"\r\n?|\n")


def _where(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``, counting lines as YAML and editors do."""
    line = 1 + sum(1 for _ in _BREAK.finditer(text, 0, index))
    start = text.rfind("\n", 0, index) + 1
    start = max(start, text.rfind("\r", 0, index) + 1)
    return line, index - start + 1


def readable(text: str, rel: str, problems: Problems) -> bool:
    """Refuse, by line and column, a character a file may not hold, and a line longer than
    :data:`MAX_LINE` (at once: a line of megabytes never reaches the parser)."""
    ok = True
    bad = _RAW.search(text)
    if bad:
        ch = bad.group()
        line, col = _where(text, bad.start())
        more = len(_RAW.findall(text, bad.end()))
        also = f", and {more:,} more such characters after it" if more else ""
        if ch in "\x85\u2028\u2029":
            problems.add(rel, line, f"holds the character {char_name(ch)} (column {col}){also}; YAML reads it as "
                         "the end of a line, where an editor shows none", "replace it by a space or an ordinary "
                         "line break")
        elif ch in "\ufffe\uffff" or "\ud800" <= ch <= "\udfff":
            problems.add(rel, line, f"holds U+{ord(ch):04X}, which is not a character (column {col}){also}",
                         "delete it")
        else:
            problems.add(rel, line, f"holds the invisible character {char_name(ch)} (column {col}){also}",
                         "delete it: control characters and bidirectional overrides are not allowed in sources/"
                         + ("; a file of NUL characters may have been saved as UTF-16: save it as UTF-8"
                            if ch == "\x00" else ""))
        ok = False
    if len(text) > MAX_LINE:
        long = [(n, len(line)) for n, line in enumerate(_BREAK.split(text), 1) if len(line) > MAX_LINE]
        if long:
            (line, length), more = long[0], len(long) - 1
            also = f" ({more:,} more lines after it are too long)" if more else ""
            problems.add(rel, line, f"the line has {length:,} characters, more than the {MAX_LINE:,} a line may "
                         f"have{also}", "break it: a long value may go on over several indented lines after `>-` "
                         "(CONTRIBUTING.md shows one)")
            ok = False
    return ok



_SURROGATE = re.compile("[\ud800-\udfff]")


def check_strings(data, rel: str, problems: Problems, line: int = 1) -> bool:
    """Report every string (key or value) that holds a forbidden character or is longer
    than :data:`MAX_STRING`, at its line. Return False when a string is not text at all
    (it holds half of a surrogate pair, which cannot be written or printed)."""
    ok = True
    if isinstance(data, dict):
        at = data.line_of if hasattr(data, "line_of") else (lambda k: line)
        for k, v in data.items():
            ok &= check_strings(k, rel, problems, at(k))
            ok &= check_strings(v, rel, problems, at(k))
    elif isinstance(data, list):
        at = data.line_of if hasattr(data, "line_of") else (lambda i: line)
        for i, v in enumerate(data):
            ok &= check_strings(v, rel, problems, at(i))
    elif isinstance(data, str):
        half = _SURROGATE.search(data)
        if half:
            problems.add(rel, line, f"holds the escape \\u{ord(half.group()):04x}, half of a UTF-16 surrogate pair, "
                         "which is not a character on its own", "write the character itself; one beyond U+FFFF is "
                         "escaped with \\U and eight digits, as \\U0001F600")
            ok = False
        bad = FORBIDDEN.search(data)
        if bad:
            problems.add(rel, line,
                         f"holds the invisible character {char_name(bad.group())}",
                         "delete it: control characters and bidirectional overrides are not allowed in sources/")
        if len(data) > MAX_STRING:
            problems.add(rel, line, f"a value of {len(data):,} characters is longer than the {MAX_STRING:,} "
                         "allowed", "shorten it")
    return bool(ok)
