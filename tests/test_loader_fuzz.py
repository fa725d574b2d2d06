"""No traceback from any input: every YAML file an editor writes under sources/ ends in a model
or in ``path:line: what; hint`` problems, never in an exception.

Explicit cases first (each refused in plain words at its line), then Hypothesis properties over
YAML-ish text: a grammar of YAML's fragments (brackets, braces, ``? ``, anchors, aliases, tags,
quotes, escapes, long lines, deep indentation), arbitrary text, and the real files of sources/
with fragments spliced in; lastly the whole ``load_edition`` on a copy of the project with one
file replaced by such text. ``FUZZ_EXAMPLES=10000`` runs the properties longer, by hand.
"""
from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, make_project
from edition import EditionError, Problems, load_edition
from edition import yamlio
from edition.yamlio import MAX_DEPTH, MAX_LINE, load_yaml, parse_yaml

HINT = "check indentation, and quote strings that contain ': ' or start with a special character"
DEEP = ("lists and mappings are nested more than 20 deep (column {col}); no file of sources/ needs more than a few "
        "levels: look for a stray '[' or '{{', or for indentation that keeps growing")


def problems_of(text: str, rel: str = "sources/annotations/zz.yml") -> tuple[object, list[str]]:
    problems = Problems()
    data = parse_yaml(text, rel, problems)
    return data, problems.lines()


def load(tmp_path: Path, text: str | bytes, rel: str = "sources/annotations/zz.yml") -> tuple[object, list[str]]:
    path = tmp_path / "zz.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    data = load_yaml(path, rel, problems)
    return data, problems.lines()


Z = "sources/annotations/zz.yml"


@pytest.mark.parametrize("text, expected", [
    # 300 brackets, open or closed: refused at the first that nests too deep, not a RecursionError
    ("title: " + "[" * 300 + "\n", f"{Z}:1: " + DEEP.format(col=27)),
    ("title: " + "[" * 300 + "]" * 300 + "\n", f"{Z}:1: " + DEEP.format(col=27)),
    ("title: " + "{a: " * 300 + "\n", f"{Z}:1: " + DEEP.format(col=84)),
    ("id: zz\nnote:\n" + "".join(" " * i + "- \n" for i in range(1, 300)), f"{Z}:22: " + DEEP.format(col=21)),
    # a key that is a list or a mapping (unhashable): not a TypeError
    ("? [a, b]\n: x\n", f"{Z}:1: a key must be a name, not a list (column 3); write each field as `name: value`"),
    ("id: zz\n? {a: b}\n: x\n",
     f"{Z}:2: a key must be a name, not a mapping (column 3); write each field as `name: value`"),
    ("id: zz\n[a]: x\n", f"{Z}:2: a key must be a name, not a list (column 1); write each field as `name: value`"),
    # a lone surrogate escape, which no page or terminal can encode
    ('id: zz\ntitle: "A \\ud800 title"\n',
     f"{Z}:2: holds the escape \\ud800, half of a UTF-16 surrogate pair, which is not a character on its own; write "
     "the character itself; one beyond U+FFFF is escaped with \\U and eight digits, as \\U0001F600"),
    ('id: zz\n"\\udfff": x\n',
     f"{Z}:2: holds the escape \\udfff, half of a UTF-16 surrogate pair, which is not a character on its own; write "
     "the character itself; one beyond U+FFFF is escaped with \\U and eight digits, as \\U0001F600"),
    # a key given twice, and YAML's merge key
    ("id: zz\ntitle: a\ntitle: b\n", f"{Z}:3: the key 'title' appears twice in this mapping; the first is at line 2; "
                                      "keep one"),
    ("id: zz\n<<: {title: a}\n", f"{Z}:2: a YAML merge key (<<) is not allowed in sources/; write the value out in "
                                 "full where it is needed"),
    # characters that the parser cannot read, or that YAML takes for a line break an editor does not show
    ("id: zz\ntitle: a\x00b\n", f"{Z}:2: holds the invisible character U+0000 CONTROL CHARACTER (column 9); delete it: "
                                "control characters and bidirectional overrides are not allowed in sources/; a file of "
                                "NUL characters may have been saved as UTF-16: save it as UTF-8"),
    ("id: zz\n# a comment \x1b[2J\n", f"{Z}:2: holds the invisible character U+001B CONTROL CHARACTER (column 13); "
                                     "delete it: control characters and bidirectional overrides are not allowed in "
                                     "sources/"),
    ("id: zz\ntitle: a\u2028b\nnote: \x07\x07\n",
     f"{Z}:2: holds the character U+2028 LINE SEPARATOR (column 9), and 2 more such characters after it; YAML reads "
     "it as the end of a line, where an editor shows none; replace it by a space or an ordinary line break"),
    ("id: zz\ntitle: a\uffff\n", f"{Z}:2: holds U+FFFF, which is not a character (column 9); delete it"),
    # a document that is not a mapping of fields, or more than one document
    ("- a\n- b\n", f"{Z}:1: the file must be a mapping of fields (`name: value` lines), not a list; see the template "
                   "in CONTRIBUTING.md"),
    ("just words\n", f"{Z}:1: the file must be a mapping of fields (`name: value` lines), not a single value; see the "
                     "template in CONTRIBUTING.md"),
    ("id: zz\n---\nid: yy\n", f"{Z}:2: YAML syntax error, column 1: found a second document (after '---'); a file of "
                              f"sources/ holds one; {HINT}"),
    # parser messages in plain words, without token names such as <block end>
    ("id: zz\ntopics:\n    - a\n  - b\n",
     f"{Z}:4: YAML syntax error, column 3: expected the mapping to end, or another 'key: value' at its indentation, "
     f"but found a more indented '- ' item (while parsing a block mapping that starts at line 1, column 1); {HINT}"),
    ("id: zz\ntitle:\n    a: 1\n  b: 2\n",
     f"{Z}:4: YAML syntax error, column 3: expected the mapping to end, or another 'key: value' at its indentation, "
     f"but found a more indented 'key: value' (while parsing a block mapping that starts at line 1, column 1); {HINT}"),
    ("- a\nb: c\n", f"{Z}:2: YAML syntax error, column 1: expected the list to end, or another '- ' item at its "
                    f"indentation, but found a key (while parsing a block collection that starts at line 1, column 1); "
                    f"{HINT}"),
    ("id: zz\ntitle: [a, b]c\n",
     f"{Z}:2: YAML syntax error, column 14: expected the mapping to end, or another 'key: value' at its indentation, "
     f"but found a value (while parsing a block mapping that starts at line 1, column 1); {HINT}"),
    ("id: zz\ntitle: [a,\n", f"{Z}:3: YAML syntax error, column 1: expected a value, but found the end of the file; "
                             f"{HINT}"),
    ("id: zz\ntitle: {a: b\n", f"{Z}:3: YAML syntax error, column 1: expected ',' or '}}', but got the end of the file "
                               f"(while parsing a flow mapping that starts at line 2, column 8); {HINT}"),
    ("id: zz\ntitle: @x\n", f"{Z}:2: YAML syntax error, column 8: found '@', which cannot begin a value: put the value "
                            f"in quotes; {HINT}"),
    ("id: zz\n\ttitle: x\n", f"{Z}:2: YAML syntax error, column 1: found a tab, which YAML does not allow here: indent "
                             f"with spaces; {HINT}"),
])
def test_each_known_hostile_input_is_one_problem_at_its_line(text, expected):
    data, lines = problems_of(text)
    assert data is None
    assert lines == [expected]


def test_a_bidirectional_control_is_refused_in_a_value_at_its_line():
    data, lines = problems_of("id: zz\ntitle: Kazakh\u202etsan\n")
    assert lines == [f"{Z}:2: holds the invisible character U+202E RIGHT-TO-LEFT OVERRIDE; delete it: control "
                     "characters and bidirectional overrides are not allowed in sources/"]


def test_a_line_of_five_megabytes_is_refused_at_once_with_its_line(tmp_path):
    text = "id: zz\ntitle: x\nnote: " + "a" * 5_000_000 + "\nrelation: agree\n"
    start = time.process_time()     # CPU time: what the refusal costs, however busy the machine is
    data, lines = load(tmp_path, text)
    assert time.process_time() - start < 1
    assert data is None
    assert lines == [f"{Z}:3: the line has 5,000,006 characters, more than the 40,000 a line may have; break it: a "
                     "long value may go on over several indented lines after `>-` (CONTRIBUTING.md shows one)"]
    # an unclosed bracket or quote in it changes nothing: the parser never sees the line
    for text in ("title: [" + "a, " * 2_000_000 + "\n", 'title: "' + "a" * 5_000_000 + "\n"):
        start = time.process_time()
        data, lines = load(tmp_path, text)
        assert time.process_time() - start < 1 and data is None
        assert len(lines) == 1 and lines[0].startswith(f"{Z}:1: the line has ")


def test_the_longest_line_a_value_may_need_is_read():
    """A value of the longest length allowed, each character escaped as `make anchors` writes
    the registries (a quotation mark as two characters), fits within a line."""
    value = '"' * yamlio.MAX_STRING
    line = '    text: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    assert len(line) <= MAX_LINE
    data, lines = problems_of("source: zz\nanchors:\n  - anchor: p1\n" + line + "\n", "sources/anchors/zz.yml")
    assert lines == [] and data["anchors"][0]["text"] == value
    data, lines = problems_of("note: " + "a" * (MAX_LINE - 6) + "\n")
    assert lines == [f"{Z}:1: a value of {MAX_LINE - 6:,} characters is longer than the 10,000 allowed; shorten it"]


@pytest.mark.parametrize("text, value", [
    ("n: 0x_\n", "0x_"), ("n: 0b_\n", "0b_"),  # int() of nothing: ValueError
    ("n: " + "9" * 5000 + "\n", "9" * 5000),  # more digits than Python converts
    ("n: 0x" + "f" * 5000 + "\n", "0x" + "f" * 5000),  # a number Python could not print
    ("n: =\n", "="), ("n: <<\n", "<<"),  # YAML 1.1's value and merge types
    ("n: 2015-10-13\n", "2015-10-13"),  # dates stay as written
])
def test_what_cannot_be_a_number_stays_text(text, value):
    data, lines = problems_of(text)
    assert lines == [] and data["n"] == value


def test_keys_are_names_as_written():
    data, lines = problems_of("1: a\nyes: b\n~: c\nnull: d\n1.5: e\n")
    assert lines == [] and list(data) == ["1", "yes", "~", "null", "1.5"]
    data, lines = problems_of("1: a\n'1': b\n")
    assert lines == [f"{Z}:2: the key '1' appears twice in this mapping; the first is at line 1; keep one"]


def test_nesting_up_to_the_limit_is_read():
    deep = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    data, lines = problems_of(f"a: {deep}\n")
    assert lines == []
    data, lines = problems_of(f"a: [{deep}]\n")
    assert lines == [f"{Z}:1: " + DEEP.format(col=4 + MAX_DEPTH - 1)]


def test_a_file_too_large_for_the_slow_parser_is_reported_quickly(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlio, "PURE_MAX", 1000)
    text = "items:\n" + "".join(f"  - text: x{i}\n" for i in range(200)) + "x: [\n"
    data, lines = load(tmp_path, text)
    assert data is None
    assert lines == [f"{Z}:203: YAML syntax error, column 1: expected a value; {HINT}"]


def test_bytes_that_are_not_utf8_are_a_problem_at_their_line(tmp_path):
    assert load(tmp_path, b"id: zz\ntitle: \xff\n")[1] == [
        f"{Z}:2: is not valid UTF-8 (byte 0xff at offset 14); save the file as UTF-8"]
    assert load(tmp_path, "id: zz\n".encode("utf-16"))[1][0].startswith(f"{Z}:1: ")


# --- properties ----------------------------------------------------------------------------

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
FRAGMENTS = [
    "[", "]", "{", "}", "[]", "{}", "? ", "?", ": ", ":", "- ", "-", ", ", ",", "&a ", "*a", "&b [", "*b ",
    "!!str ", "!!binary ", "!!python/object:os.system ", "!foo ", "! ", "!<tag:x> ", "'", "''", '"', '\\"',
    "\\", "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\x00", "\\x85", "\\u2028", "\\u202e", "\\U0001F600",
    "\\U0000D800", "\\U00110000", "\\e", "\\N", "\\_", "\\L", "\\P", "\\q", "#", " #", "|", ">", ">-", "|+", "|2",
    "---", "...", "--- ", "%YAML 1.1\n", "%YAML 2.0\n", "%TAG ! tag:x,2000:\n", "%FOO\n", "\n", "\r\n", "\r", "\t",
    " ", "  ", "    ", "<<", "<<: ", "=", "~", "null", "yes", "on", "0x_", "0b_", "0o7", "1e99999", ".nan", "-.inf",
    "12:30:45", "2015-10-13", "0x" + "f" * 200, "9" * 120, "id", "title", "note", "anchors", "a", "b", "é", "\u00a0",
    "\u202e", "\u2028", "\u2029", "\x85", "\ufeff", "\x00", "\x1b", "\uffff", "\U0001F600", "¶",
]
fragments = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=12),
    st.integers(0, 300).map(lambda n: "[" * n),
    st.integers(0, 300).map(lambda n: "{a: " * n),
    st.integers(0, 120).map(lambda n: "\n" + " " * n + "- "),
    st.integers(0, 120).map(lambda n: "\n" + " " * n + "k: "),
    st.sampled_from([MAX_LINE - 10, MAX_LINE + 1, yamlio.MAX_STRING + 1, 100_000]).map(lambda n: "x" * n),
)
grammar = st.lists(fragments, max_size=40).map("".join)
REAL = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").rglob("*.yml"))}


@st.composite
def spliced(draw, texts=tuple(REAL.values())):
    """A real file of sources/ with a few fragments put in, or a few characters taken out."""
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(fragments) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 8)):]
    return text


WORDS = ["ramani-2015", "harrison-2015", "p1", "p99", "agree", "editorial", "arkankergen", "id", "source", "quote",
         "anchor", "text", "title", "note", "label", "when", "https://example.org/", "2015-10-13", "0.2.0", "", " "]
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2, 2 ** 70), st.floats(), st.sampled_from(WORDS),
              st.text(max_size=30)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), inner, max_size=3)),
    max_leaves=8)


def _paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, path + (i,))


@st.composite
def retyped(draw, texts=tuple(REAL.values())):
    """A real file of sources/, still valid YAML, with one value (or the whole) replaced by any
    other value, or removed: what a schema-unaware editor or tool may write."""
    data = yaml.safe_load(draw(st.sampled_from(texts)))
    path = draw(st.sampled_from(list(_paths(data))))
    if not path:
        data = draw(values)
    else:
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) or isinstance(parent, list):
            parent[path[-1]] = draw(values)
        else:
            del parent[path[-1]]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


yamlish = st.one_of(grammar, st.text(), spliced(), retyped())
TOKEN_NAME = re.compile(r"<(?:stream|document|block|flow|scalar|alias|anchor|tag|directive|key|value)[a-z ]*>")


def check_outcome(text: str, data, problems: Problems) -> None:
    lines = problems.lines()
    if data is None:
        assert lines, "refused without a problem"
    else:
        assert isinstance(data, dict)
        # a model is text that can be written: a page, a JSON export, a terminal
        json.dumps(data, ensure_ascii=False, allow_nan=True).encode("utf-8")
    n_lines = len(re.findall(r"\r\n?|\n", text)) + 1
    for p in problems:
        assert p.path == "sources/annotations/zz.yml"
        assert 0 <= p.line <= n_lines, (p, n_lines)
        assert p.hint, p
        assert not TOKEN_NAME.search(p.message), p
        assert "the YAML reader failed" not in p.message, p
        str(p).encode("utf-8")
    for v in _scalars(data):
        assert isinstance(v, (str, int, float, bool, type(None))), type(v)
        str(v)  # a number Python can print


def _scalars(data):
    if isinstance(data, dict):
        for k, v in data.items():
            assert isinstance(k, str)
            yield from _scalars(v)
    elif isinstance(data, list):
        for v in data:
            yield from _scalars(v)
    else:
        yield data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(yamlish)
def test_any_text_is_a_model_or_problems_never_an_exception(text):
    problems = Problems()
    data = parse_yaml(text, "sources/annotations/zz.yml", problems)
    check_outcome(text, data, problems)


@settings(max_examples=max(EXAMPLES // 10, 30), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(yamlish.map(lambda t: t.encode("utf-8")), st.binary(max_size=200)))
def test_any_file_is_a_model_or_problems_never_an_exception(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "fuzz.yml"
    path.write_bytes(raw)
    problems = Problems()
    data = load_yaml(path, "sources/annotations/zz.yml", problems)
    text = raw.decode("utf-8", "replace")
    check_outcome(text, data, problems)


# --- the whole edition ---------------------------------------------------------------------

EDITION_FILES = [f for f in (
    "sources/edition.yml", "sources/relations.yml", "sources/topics.yml", "sources/comparison.yml",
    "sources/spellings.yml", "sources/releases.yml", "sources/texts/ramani-2015.yml",
    "sources/anchors/harrison-2015.yml", "sources/annotations/arkankergen-deaths.yml", "sources/indices/names.yml",
    "sources/indices/timeline.yml", "sources/indices/figures.yml") if f in REAL]


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("fuzz") / "project")


@settings(max_examples=max(EXAMPLES // 10, 30), deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_edition_with_any_file_replaced_raises_only_its_problems(fuzz_project, data):
    rel = data.draw(st.sampled_from(EDITION_FILES), label="file")
    own = (REAL[rel],)
    text = data.draw(st.one_of(spliced(own), retyped(own), retyped(own), grammar), label="text")
    path = fuzz_project / rel
    original = path.read_bytes()
    path.write_text(text, encoding="utf-8")
    try:
        load_edition(fuzz_project)
    except EditionError as exc:
        assert exc.problems
        for line in exc.problems.lines():
            line.encode("utf-8")
    finally:
        path.write_bytes(original)


def test_make_anchors_and_make_check_agree_on_a_paragraph_too_long_to_register(mini):
    """A paragraph longer than a registry value may be used to send an editor round in a loop:
    `make check` asked for `make anchors`, which wrote a value that both then refused. Both now
    refuse it, at the text's own line, before anything is written."""
    import hashlib
    import re as re_mod

    from edition.__main__ import main as cli
    from edition.yamlio import MAX_STRING

    sid = sorted(p.stem for p in (mini / "sources/texts").glob("*.yml"))[0]
    path = mini / f"sources/texts/{sid}.txt"
    text = path.read_text(encoding="utf-8")
    first = load_edition(mini, mode="anchors").sources[sid].paragraphs[0].received.strip()
    assert text.count(first) == 1
    long = " ".join([first] * (2 * MAX_STRING // len(first)))
    path.write_text(text.replace(first, long, 1), encoding="utf-8")
    meta = mini / f"sources/texts/{sid}.yml"
    meta.write_text(re_mod.sub(r"sha256: \w+", f"sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}",
                               meta.read_text(encoding="utf-8")), encoding="utf-8")
    registry = (mini / f"sources/anchors/{sid}.yml").read_text(encoding="utf-8")
    line = text[:text.index(first)].count("\n") + 1
    expected = (f"sources/texts/{sid}.txt:{line}: this body paragraph has ")
    for command in ("check", "anchors"):
        try:
            load_edition(mini, mode="anchors" if command == "anchors" else "build")
        except EditionError as exc:
            assert any(x.startswith(expected) and f"more than the {MAX_STRING:,} the anchor registry can record" in x
                       for x in exc.problems.lines()), (command, exc.problems.lines())
        else:
            raise AssertionError(f"make {command} accepted it")
    assert cli(["anchors", "--root", str(mini)]) == 1
    assert (mini / f"sources/anchors/{sid}.yml").read_text(encoding="utf-8") == registry
