"""YAML loading that remembers where each value stood, so errors can name a line."""
from __future__ import annotations

from pathlib import Path

import yaml

from .inventory import linked
from .problems import Problems
from .text import FORBIDDEN, char_name


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


class _Loader(_Base):
    pass


class _PyLoader(yaml.SafeLoader):
    """The pure-Python parser, used again on a file that failed, for its clearer messages."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


for _cls in (_Loader, _PyLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    # Dates stay strings: an edition compares them as written.
    _cls.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
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
    """Parse one YAML file; on a syntax error add ``rel:line: …`` with the parser's column.

    What an editor's file may not hold is refused before anything is built from it: anchors,
    aliases and tags (an alias bomb of a few hundred bytes expands to gigabytes), an empty
    document (a file that holds nothing is not a file the edition can read), and, in every
    string, control characters, bidirectional overrides and values too long to be meant."""
    text = read_text(path, rel, problems)
    if text is None:
        return None
    if not _plain_yaml(text, rel, problems):
        return None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError:
        data = _pure(text, rel, problems)
        if data is _FAILED:
            return None
    if data is None:
        problems.add(rel, 1, "the file is empty (or holds only comments)",
                     "fill it in (CONTRIBUTING.md has a template), or delete it")
        return None
    check_strings(data, rel, problems)
    return data


_FAILED = object()


def _pure(text: str, rel: str, problems: Problems):
    try:
        return yaml.load(text, Loader=_PyLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        col = f", column {mark.column + 1}" if mark else ""
        what = exc.problem or exc.context or "invalid YAML"
        start = exc.context_mark if exc.problem and exc.context else None
        if start is not None and (start.line, start.column) != (mark.line, mark.column):
            what += f" ({exc.context} that starts at line {start.line + 1}, column {start.column + 1})"
        problems.add(rel, line, f"YAML syntax error{col}: {what}",
                     "check indentation, and quote strings that contain ': ' or start with a special character")
    except yaml.YAMLError as exc:
        problems.add(rel, 0, f"YAML error: {exc}")
    return _FAILED


def _plain_yaml(text: str, rel: str, problems: Problems) -> bool:
    """Refuse YAML anchors (``&a``), aliases (``*a``) and explicit tags (``!!binary``), by
    their events, before any value is built."""
    try:
        for ev in yaml.parse(text, Loader=_Base):
            what = None
            if isinstance(ev, yaml.AliasEvent):
                what = f"a YAML alias (*{ev.anchor})"
            elif getattr(ev, "anchor", None):
                what = f"a YAML anchor (&{ev.anchor})"
            elif isinstance(ev, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and ev.tag and \
                    not (isinstance(ev, yaml.ScalarEvent) and ev.implicit[0]) and ev.tag != "!":
                what = f"a YAML tag ({ev.tag})"
            if what:
                problems.add(rel, ev.start_mark.line + 1, f"{what} is not allowed in sources/",
                             "write the value out in full where it is needed")
                return False
    except yaml.YAMLError:
        return True  # a syntax error: reported, with its line, by the parse that follows
    return True


MAX_STRING = 10_000


def check_strings(data, rel: str, problems: Problems, line: int = 1) -> None:
    """Report every string (key or value) that holds a forbidden character or is longer
    than :data:`MAX_STRING`, at its line."""
    if isinstance(data, dict):
        at = data.line_of if isinstance(data, LineDict) else (lambda k: line)
        for k, v in data.items():
            check_strings(k, rel, problems, at(k))
            check_strings(v, rel, problems, at(k))
    elif isinstance(data, list):
        at = data.line_of if isinstance(data, LineList) else (lambda i: line)
        for i, v in enumerate(data):
            check_strings(v, rel, problems, at(i))
    elif isinstance(data, str):
        bad = FORBIDDEN.search(data)
        if bad:
            problems.add(rel, line,
                         f"holds the invisible character {char_name(bad.group())}",
                         "delete it: control characters and bidirectional overrides are not allowed in sources/")
        if len(data) > MAX_STRING:
            problems.add(rel, line, f"a value of {len(data):,} characters is longer than the {MAX_STRING:,} "
                         "allowed", "shorten it")
