"""The YAML parser's error messages in plain words: what an editor reads instead of a parser's
token names (``<block end>``, ``'<stream end>'``), with a hint where one helps."""
from __future__ import annotations

import re

_TOKENS = {
    "'<stream end>'": "the end of the file", "'<stream start>'": "the start of the file",
    "'<document start>'": "'---'", "'<document end>'": "'...'", "'<directive>'": "a line starting with '%'",
    "'<block mapping start>'": "a more indented 'key: value'", "'<block sequence start>'": "a more indented '- ' item",
    "'<block end>'": "the end of an indented block", "'<alias>'": "an alias (*)", "'<anchor>'": "an anchor (&)",
    "'<tag>'": "a tag (!)", "'<scalar>'": "a value", "'?'": "a key", "'-'": "a '- ' item",
}
_TOKEN_RX = re.compile("|".join(re.escape(t) for t in _TOKENS) + r"|<(?:stream|document|block|flow)[a-z ]*>")
_ESCAPE_HINT = "in double quotes a backslash begins an escape: write \\\\ for a backslash itself, or use single quotes"
_BLOCK = "found {} after '|' or '>', which must end its line (the value goes on the lines below it)"
# (problem as the pure-Python parser or libyaml words it, context or None for any) -> (plain words
# with {} for what was found, context to show or None, hint or None for the usual one)
_PLAIN = [
    (r"expected <block end>, but found (.+)|did not find expected key()", "while parsing a block mapping",
     "expected the mapping to end, or another 'key: value' at its indentation", "keep"),
    (r"expected <block end>, but found (.+)|did not find expected '-' indicator()", "while parsing a block collection",
     "expected the list to end, or another '- ' item at its indentation", "keep"),
    (r"expected the node content, but found (.+)|did not find expected node content()", None, "expected a value", None),
    (r"expected '<document start>', but found '<stream end>'", None,
     "expected '---' after the line starting with '%', but found the end of the file", None),
    (r"expected '<document start>', but found (.+)|did not find expected <document start>()", None,
     "expected the end of the file (or '---')", None),
    (r"found character '\\t' that cannot start any token", None,
     "found a tab, which YAML does not allow here: indent with spaces", None),
    (r"found character (.+) that cannot start any token|found character that cannot start any token()", None,
     "found {}, which cannot begin a value: put the value in quotes", None),
    (r"but found another document", None, "found a second document (after '---'); a file of sources/ holds one", None),
    (r"could not find expected ':'", "while scanning a simple key", "expected ':' after a key", "while reading the key"),
    (r"expected chomping or indentation indicators, but found (.+)", None, _BLOCK, "while reading the value"),
    (r"expected a comment or a line break, but found (.+)", "while scanning a block scalar", _BLOCK,
     "while reading the value"),
    (r"expected a comment or a line break, but found (.+)", None, "expected the end of the line, but found {}", "keep"),
    (r"expected indentation indicator in the range 1-9, but found 0", None,
     "after '|' or '>', a number of spaces to indent by is 1 to 9, not 0", "while reading the value"),
    (r"sequence entries are not allowed here", None, "a '- ' item cannot begin here", None),
    (r"mapping keys are not allowed here", None, "a '? ' key cannot begin here", None),
    (r"expected alphabetic or numeric character, but found (.+)", None,
     "found {} after '&' or '*', which begin a YAML anchor or alias", None),
    (r"found unknown escape character (.+)|found unknown escape character()", None,
     "found an unknown escape (a backslash before {})", "while reading the double-quoted value"),
    (r"expected escape sequence of (\d+) hexadecimal numbers, but found (.+)", None,
     "expected {} hexadecimal digits after the escape, but found {}", "while reading the double-quoted value"),
    (r"found invalid Unicode character escape code", None,
     "found the escape of a code that is not a character", "while reading the double-quoted value"),
    (r"found unexpected document separator", None, "found '---' or '...' at the start of a line, inside a quoted value",
     "keep"),
    (r"found incompatible YAML document \(version 1\.\* is required\)", None,
     "the '%YAML' line names a version other than 1.x, which cannot be read", None),
]
_PLAIN = [(re.compile(rx + "$"), ctx, words, shown) for rx, ctx, words, shown in _PLAIN]
_HINTS = {"found an unknown escape (a backslash before {})": _ESCAPE_HINT,
          "expected {} hexadecimal digits after the escape, but found {}": _ESCAPE_HINT,
          "found the escape of a code that is not a character": _ESCAPE_HINT}
# Contexts that name only the parser's own steps, not a place an editor can look at.
_QUIET = {"while scanning for the next token", "while parsing a flow node", "while parsing a block node",
          "while parsing a node", "expected a single document in the stream", "while scanning an alias",
          "while scanning an anchor"}


def words(text: str) -> str:
    return _TOKEN_RX.sub(lambda m: _TOKENS.get(m.group(), "what the file holds there"), text)


def plain(problem: str | None, context: str | None) -> tuple[str, str | None, str | None]:
    """A parser's problem and context in plain words, without its token names; and a hint
    when the usual one does not fit."""
    problem = problem or ""
    for rx, ctx, said, shown in _PLAIN:
        m = rx.match(problem)
        if not m or (ctx is not None and ctx != context):
            continue
        found = [words(g) for g in m.groups() if g]
        if "{}" in said:
            what = said.format(*(found or ["a character"]))
        else:
            what = said + (f", but found {found[0]}" if found else "")
        return what, (context if shown == "keep" else shown), _HINTS.get(said)
    return words(problem), (None if context in _QUIET else context), None
