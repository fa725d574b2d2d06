"""YAML loading that remembers where each value stood, so errors can name a line."""
from __future__ import annotations

from pathlib import Path

import yaml

from .inventory import linked
from .problems import Problems
from .yamlwords import plain as _plain, words as _words
from .yamlcheck import MAX_LINE, MAX_STRING, check_strings, readable as _readable  # noqa: F401


class LineDict(dict):
    """A mapping that knows the 1-based line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser when PyYAML has it (it is in PyYAML's wheels): the same safe constructors,
# about ten times faster on many files.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The limits of what an editor's YAML file may be, the same wherever a file of sources/ is read
# (`make check`, `make anchors`, `make build`, `make serve` all read through :func:`load_yaml`).
MAX_DEPTH = 20
"""How deep lists and mappings may nest. No file of sources/ needs more than six levels; the
parser's reader of nested values is recursive, so a file of a few hundred ``[`` would stop it."""
MAX_NUMBER = 100
"""A number written with more characters than this stays the text it is (Python refuses to
print an integer of more than 4,300 digits, and no field of an edition holds such a number)."""


class _Refused(Exception):
    """Something a file may not hold, found while it was parsed: its place and plain words."""

    def __init__(self, mark, message: str, hint: str):
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


_NOT_ALLOWED = "write the value out in full where it is needed"


def _refusal(event, depth: int):
    """Why an event of the parser is refused (an alias, anchor or tag, or one level of nesting
    too many), or None."""
    what = None
    if isinstance(event, yaml.AliasEvent):
        what = f"a YAML alias (*{event.anchor})"
    elif getattr(event, "anchor", None):
        what = f"a YAML anchor (&{event.anchor})"
    elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag and \
            not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]) and event.tag != "!":
        what = f"a YAML tag ({event.tag})"
    if what:
        return _Refused(event.start_mark, f"{what} is not allowed in sources/", _NOT_ALLOWED)
    if isinstance(event, yaml.CollectionStartEvent) and depth >= MAX_DEPTH:
        return _Refused(event.start_mark, f"lists and mappings are nested more than {MAX_DEPTH} deep (column "
                        f"{event.start_mark.column + 1})", "no file of sources/ needs more than a few levels: look "
                        "for a stray '[' or '{', or for indentation that keeps growing")
    return None


class _Loader(_Base):
    pass


class _PyLoader(yaml.SafeLoader):
    """The pure-Python parser, used again on a file that failed, for its clearer messages. It
    refuses what :func:`_plain_yaml` refuses (anchors, aliases, tags, deep nesting) as it goes,
    for a file that libyaml could not read to the end."""

    _depth = 0

    def compose_node(self, parent, index):
        refused = _refusal(self.peek_event(), self._depth)
        if refused:
            raise refused
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            kind = "list" if isinstance(key_node, yaml.SequenceNode) else "mapping"
            raise _Refused(key_node.start_mark, f"a key must be a name, not a {kind} (column "
                           f"{key_node.start_mark.column + 1})", "write each field as `name: value`")
        if not key_node.style and key_node.value == "<<":
            raise _Refused(key_node.start_mark, "a YAML merge key (<<) is not allowed in sources/", _NOT_ALLOWED)
        # A key is the name as written: `1:`, `yes:` and `~:` are the names "1", "yes" and "~",
        # not a number, true and nothing, as every field of an edition is named by a word.
        key = key_node.value
        if key in out:
            shown = key.encode("utf-8", "backslashreplace").decode("utf-8")
            raise _Refused(key_node.start_mark, f"the key '{shown}' appears twice in this mapping",
                           f"the first is at line {out.key_lines[key]}; keep one")
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _number(construct):
    """A constructor of numbers that leaves as text what Python cannot make a number of (``0x_``)
    or what is too long to be meant as one."""
    def number(loader, node):
        if len(node.value) > MAX_NUMBER:
            return node.value
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return node.value
    return number


# Implicit types an edition does not use: dates stay strings (an edition compares them as
# written); `<<` and `=` are words, not a merge (refused with a message) or YAML's value key.
_UNUSED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value",
           "tag:yaml.org,2002:yaml"}
for _cls in (_Loader, _PyLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    _cls.add_constructor("tag:yaml.org,2002:int", _number(yaml.constructor.SafeConstructor.construct_yaml_int))
    _cls.add_constructor("tag:yaml.org,2002:float", _number(yaml.constructor.SafeConstructor.construct_yaml_float))
    _cls.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag not in _UNUSED]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """Read a UTF-8 text file, reporting a byte-order mark or bad bytes as problems. A
    symbolic link is not followed (:mod:`.inventory` reports it)."""
    if linked(path):
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(rel, 0, f"cannot be read ({exc.strerror})")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.add(rel, 1, "starts with a byte-order mark", "save the file as UTF-8 without BOM")
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(rel, line, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                     "save the file as UTF-8")
        return None


def load_yaml(path: Path, rel: str, problems: Problems):
    """Parse one YAML file of ``sources/`` into a :class:`LineDict`; on anything it may not
    hold, add ``rel:line: …; hint`` and return None. No input raises (see :func:`parse_yaml`)."""
    text = read_text(path, rel, problems)
    if text is None:
        return None
    return parse_yaml(text, rel, problems)


def parse_yaml(text: str, rel: str, problems: Problems):
    """The mapping a file's text holds, or None with every problem found added.

    What an editor's file may not hold is refused before anything is built from it: a
    character that YAML or a page cannot hold, a line longer than :data:`MAX_LINE`, anchors,
    aliases and tags (an alias bomb of a few hundred bytes expands to gigabytes), nesting
    deeper than :data:`MAX_DEPTH`, a key that is a list or a mapping, a key given twice, an
    empty document (a file that holds nothing is not a file the edition can read) and a
    document that is not a mapping of fields; and, in every string, control characters,
    bidirectional overrides, surrogate escapes and values too long to be meant."""
    if not _readable(text, rel, problems):
        return None
    try:
        _plain_yaml(text)
        try:
            data = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
        except yaml.YAMLError as exc:
            data = _pure(text, exc)
    except _Refused as exc:
        problems.add(rel, exc.mark.line + 1 if exc.mark else 0, exc.message, exc.hint)
        return None
    except _Syntax as exc:
        problems.add(rel, exc.line, exc.message, exc.hint)
        return None
    except Exception as exc:  # noqa: BLE001 - a file must end in a problem, never a traceback
        problems.add(rel, 0, f"could not be read: the YAML reader failed on it ({type(exc).__name__})",
                     "this is a fault of the edition's tools, not of the file: report it with the file attached; "
                     "meanwhile undo the last change to the file")
        return None
    if data is None:
        problems.add(rel, 1, "the file is empty (or holds only comments)",
                     "fill it in (CONTRIBUTING.md has a template), or delete it")
        return None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        problems.add(rel, getattr(data, "line", 1), f"the file must be a mapping of fields (`name: value` lines), "
                     f"not {kind}", "see the template in CONTRIBUTING.md")
        return None
    if not check_strings(data, rel, problems):
        return None
    return data


SYNTAX_HINT = "check indentation, and quote strings that contain ': ' or start with a special character"

def _plain_yaml(text: str) -> None:
    """Raise :class:`_Refused` at a YAML anchor (``&a``), alias (``*a``) or explicit tag
    (``!!binary``), or at lists and mappings nested deeper than :data:`MAX_DEPTH`, by the
    parser's events, before any value is built. A syntax error ends the look: the parse that
    follows reports it, and the pure-Python parser, used when libyaml fails, refuses the same
    (see :class:`_PyLoader`)."""
    depth = 0
    try:
        for ev in yaml.parse(text, Loader=_Base):
            refused = _refusal(ev, depth)
            if refused:
                raise refused
            if isinstance(ev, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(ev, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return


class _Syntax(Exception):
    def __init__(self, line: int, message: str, hint: str = SYNTAX_HINT):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


# Above this size a file that libyaml could not read is reported with libyaml's own message:
# the pure-Python parser takes a second or more per megabyte.
PURE_MAX = 1_000_000


def _pure(text: str, fast: yaml.YAMLError):
    """Parse again with the pure-Python parser, whose messages name what it found; raise
    :class:`_Syntax` in plain words (or :class:`_Refused`)."""
    exc = fast
    if len(text) <= PURE_MAX:
        try:
            return yaml.load(text, Loader=_PyLoader)  # noqa: S506 - SafeLoader subclass
        except _Refused:
            raise
        except yaml.YAMLError as slow:
            exc = slow
        except Exception:  # noqa: BLE001, S110 - its own fault (chr() of \U00110000): libyaml's message
            pass
    if not isinstance(exc, yaml.MarkedYAMLError):
        raise _Syntax(0, f"is not YAML that can be read ({_words(str(exc).splitlines()[0])})")
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    col = f", column {mark.column + 1}" if mark else ""
    what, context, hint = _plain(exc.problem, exc.context)
    what = what or context or "this is not YAML that can be read"
    start = exc.context_mark if what and context else None
    if start is not None and mark is not None and (start.line, start.column) != (mark.line, mark.column):
        what += f" ({context} that starts at line {start.line + 1}, column {start.column + 1})"
    raise _Syntax(line, f"YAML syntax error{col}: {what}", hint or SYNTAX_HINT)


# What the parsers call the things they find, in an editor's words.
