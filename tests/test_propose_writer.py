"""The propose tool's file writer (docs/assets/edition-propose.js: ``file``) writes what was
typed, exactly: every value reads back, through the edition's own loader
(:func:`edition.yamlio.load_yaml`), as the very string the form or the selection gave it, in
its own field, in one document, whatever its characters: the ones YAML takes for a line break
(LF, CR, CRLF, NEL, U+2028, U+2029), every control character, quotes, backslashes, leading and
trailing spaces, ``#``, ``: ``, a leading ``-``, ``?``, ``*``, ``&``, ``!``, ``%``, ``@`` or
backtick, empty lines in a note, words YAML would read as a boolean, null or number.

What the writer does not do: it trims nothing and normalises nothing (no NFC, no line-ending
change). (The form trims the title before it calls the writer, as it reads an ``<input>``; that
is outside what is tested here.) What it refuses: a value holding half of a surrogate pair,
which a JavaScript string can hold but UTF-8 cannot encode. ``unpaired`` names the first such
field and ``file`` throws rather than write it.

Characters the loader refuses on purpose (text.FORBIDDEN: C0 and C1 controls but tab and LF,
DEL, the bidirectional controls) are written too (escaped), and the property is then that the
file still parses, with the value unchanged, and that the loader reports the character as a
problem at the line of that value's field.

The writer runs under Node, one process for the whole run, a JSON request per line on its stdin
and a JSON answer per line on its stdout; the minified copy the site serves
(:func:`edition.assets.minified`) runs beside it and must answer the same. ``PROPOSE_EXAMPLES``
sets the number of examples (default 400)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from conftest import HANG_GUARD
from edition.assets import minified
from edition.exports.propose import SCHEMA_LINE
from edition.problems import Problems
from edition.text import FORBIDDEN, char_name
from edition.yamlio import _Loader, _PyLoader, load_yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs/assets/edition-propose.js"
NODE = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
EXAMPLES = int(os.environ.get("PROPOSE_EXAMPLES", "400"))
REL = "sources/annotations/proposal.yml"

HARNESS = r"""
const [src, min] = process.argv.slice(2).map(p => require(p));
function run(P, r) {
  const bad = P.unpaired(r.s, r.f);
  if (bad) {
    let threw = false;
    try { P.file(r.schema, r.s, r.f); } catch (e) { threw = true; }
    return { refused: bad, threw: threw };
  }
  return { text: P.file(r.schema, r.s, r.f) };
}
let buf = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => {
  buf += chunk;
  for (let i = buf.indexOf("\n"); i !== -1; i = buf.indexOf("\n")) {
    const r = JSON.parse(buf.slice(0, i));
    buf = buf.slice(i + 1);
    const a = run(src, r), b = run(min, r);
    a.same = JSON.stringify(a) === JSON.stringify(b);
    process.stdout.write(JSON.stringify(a) + "\n");
  }
});
"""


class Writer:
    """The writer in one Node process: :meth:`__call__` sends one request, reads one answer."""

    def __init__(self, folder: Path):
        (folder / "harness.js").write_text(HARNESS, encoding="utf-8")
        small = folder / "edition-propose.min.js"
        small.write_text(minified(SCRIPT.name, SCRIPT.read_text(encoding="utf-8")), encoding="utf-8")
        self.proc = subprocess.Popen([NODE, str(folder / "harness.js"), str(SCRIPT), str(small)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.calls = 0

    def __call__(self, s: dict, f: dict) -> dict:
        # ensure_ascii: every non-ASCII character, a lone surrogate too, travels as \uXXXX
        self.proc.stdin.write(json.dumps({"schema": SCHEMA_LINE, "s": s, "f": f}).encode("ascii") + b"\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"node stopped (exit {self.proc.poll()})"
        self.calls += 1
        return json.loads(line)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=HANG_GUARD)


@pytest.fixture(scope="module")
def writer(tmp_path_factory):
    if not NODE:
        pytest.skip("node is not installed: the propose tool's file writer cannot be run (apt-get install nodejs)")
    w = Writer(tmp_path_factory.mktemp("propose-writer"))
    yield w
    w.close()
    print(f"\npropose writer: {w.calls} files written by node and read back")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("proposal") / "proposal.yml"


# ---------------------------------------------------------------- what JavaScript sees

def as_js(s: str) -> str:
    """``s`` as the JavaScript string it becomes: two surrogates that make a pair are one
    character there, whatever Python made of them."""
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def has_half(s: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in s)


# ---------------------------------------------------------------- the property

def fields_in_order(s: dict, f: dict) -> list[tuple[str, str, int]]:
    """(name, value, line of its key) for every value of the file, in the writer's order; the
    line each stands on when every value but the note takes one line."""
    out = [("id", f["id"], 2), ("title", f["title"], 3), ("relation", f["relation"], 4)]
    out += [("topic", t, 5) for t in f["topics"]]
    line = 7
    for p in passages(s):
        out += [("source", p["source"], line), ("quote", p["quote"], line + 1)]
        line += 2
        for key in ("prefix", "suffix"):
            if p.get(key):
                out.append((key, p[key], line))
                line += 1
    return out + [("note", f["note"], line)]


def passages(s: dict) -> list[dict]:
    return [s["first"]] + ([] if s["editorial"] else [s["second"]])


def js_view(v):
    """A proposal's values as JavaScript holds them (:func:`as_js`)."""
    if isinstance(v, str):
        return as_js(v)
    if isinstance(v, list):
        return [js_view(x) for x in v]
    return {k: js_view(x) for k, x in v.items()} if isinstance(v, dict) else v


def check(writer, scratch: Path, s: dict, f: dict, tell=lambda what: None) -> None:
    """Write the proposal with the writer, read it back with the loader, compare. ``tell``
    records which way the example went (hypothesis' statistics)."""
    got = writer(s, f)
    s, f = js_view(s), js_view(f)    # what was typed, as the writer received it
    assert got.pop("same"), "the minified script writes another file than its source"
    fields = fields_in_order(s, f)
    halves = [name for name, value, _ in fields if has_half(value)]
    if halves:
        assert got == {"refused": halves[0], "threw": True}
        tell("refused: half of a surrogate pair")
        return
    assert "refused" not in got, got
    text = got["text"]

    # one document, that libyaml (the loader's parser) reads without error as exactly what was
    # typed, each value a string in its own field, and PyYAML (the loader's second parser) alike
    assert len(list(yaml.compose_all(text, Loader=_Loader))) == 1, text
    want = {"id": f["id"], "title": f["title"], "relation": f["relation"], "topics": f["topics"],
            "passages": [{"source": p["source"], "quote": p["quote"],
                          **{k: p[k] for k in ("prefix", "suffix") if p.get(k)}} for p in passages(s)],
            "note": f["note"]}
    parsed = yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    assert parsed == want, text
    assert yaml.load(text, Loader=_PyLoader) == want, text  # noqa: S506
    assert all(type(v) is str for v in [parsed["id"], parsed["title"], parsed["relation"], parsed["note"],
                                        *parsed["topics"]])

    # each value but the note on one line, where fields_in_order says
    note_line = fields[-1][2]
    assert text.split("\n")[note_line - 1].startswith("note: "), text

    # the loader: what it accepts, it gives back as written; what it refuses, it reports, once
    # per value, at the line of the value's field (and may then give back the values or None)
    scratch.write_bytes(text.encode("utf-8"))
    problems = Problems()
    data = load_yaml(scratch, REL, problems)
    expected = []
    for _, value, line in fields:
        bad = FORBIDDEN.search(value)
        if bad:
            expected.append((REL, line, f"holds the invisible character {char_name(bad.group())}"))
    assert [(p.path, p.line, p.message) for p in problems] == expected, text
    assert data == want if not expected else data in (None, want), text
    tell("written; the loader reports a forbidden character" if expected else "written; no problem")
    tell("note as a literal block" if text.split("\n")[note_line - 1] in ("note: |", "note: |-") else "note quoted")


# ---------------------------------------------------------------- strategies

# What YAML reads otherwise than as text, or a reader would not see.
SPECIAL = ["\u2028", "\u2029", "\x85", "\r", "\r\n", "\n", "\n\n", "\t", " ", "  ", "\x00", "\x07", "\x1b", "\x7f",
           "\x80", "\x9f", "\xa0", '"', "'", "\\", "\\n", "\\u2028", "#", " #", ": ", ":", "- ", "-", "?", "? ",
           "*", "&", "!", "!!", "%", "@", "`", "|", ">", "{", "}", "[", "]", ",", "---", "...", "~", "\ufeff",
           "\ufffe", "\uffff", "\u202e", "\u2066", "\u200f", "\u200b", "\u3000", "e\u0301", "\ufb01", "\U0001F600",
           "yes", "no", "on", "null", "true", "0x1f", "1e3", "1_000", "2020-01-01", "12:30", ".inf"]
SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)


def texts(clean: bool):
    """Strings of any characters (``st.text()``: controls too, surrogates apart) and of the
    special ones, or (``clean``) only of what the loader accepts, so that about half the
    examples are files that `make check` would take."""
    if clean:
        piece = st.one_of(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6)
                          .filter(lambda t: not FORBIDDEN.search(t)),
                          st.text("abcdefghij ABC.,;:'\"-#*?!&%@`|>", max_size=12),
                          st.sampled_from([c for c in SPECIAL if not FORBIDDEN.search(c)]))
    else:
        piece = st.one_of(st.text(max_size=6), st.sampled_from(SPECIAL))
    text = st.lists(piece, max_size=8).map("".join)
    ids = st.one_of(st.sampled_from(["agree", "editorial", "ramani-2015", "harrison-2015", "border-security"]),
                    st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,12}\Z"), text)
    line = st.one_of(text, st.just(""), text.map(lambda t: "  " + t), text.map(lambda t: t + "  "))
    lines = st.tuples(st.lists(line, min_size=1, max_size=6).map("\n".join), st.sampled_from(["", "\n", "\n\n"]))
    # a note whose first character sets a literal block's indentation
    prose = st.tuples(st.sampled_from("AB#-*>|%@`'\"[{!&?"), text, lines) \
        .map(lambda t: t[0] + t[1] + "\n" + "".join(t[2]))
    note = st.one_of(text, lines.map("".join), prose)
    return text, ids, note


CLEAN, ANY = texts(True), texts(False)
# Text around one to three surrogates (the few where two make a pair are drawn again).
BROKEN = st.tuples(ANY[0], st.lists(SURROGATE, min_size=1, max_size=3).map("".join), ANY[0]).map("".join) \
    .filter(lambda t: has_half(as_js(t)))


@st.composite
def proposals(draw):
    """The state (the passages) and the fields of the form: in half the proposals, every value
    is one the loader accepts; in about one in ten, one value holds half of a surrogate pair."""
    text, ids, note = draw(st.sampled_from([CLEAN, ANY]))

    def passage():
        return {"source": draw(ids), "quote": draw(text), "prefix": draw(text), "suffix": draw(text)}
    editorial = draw(st.booleans())
    s = {"first": passage(), "editorial": editorial}
    if not editorial:
        s["second"] = passage()
    f = {"id": draw(ids), "title": draw(text), "relation": draw(ids), "topics": draw(st.lists(ids, max_size=3)),
         "note": draw(note)}
    if draw(st.sampled_from([False] * 9 + [True])):
        slots = [(f, "id"), (f, "title"), (f, "relation"), (f, "note")] + \
            [(p, k) for p in passages(s) for k in ("source", "quote", "prefix", "suffix")]
        where, key = draw(st.sampled_from(slots))
        where[key] = draw(BROKEN)
    return s, f


def everywhere(v: str) -> tuple[dict, dict]:
    """A proposal with ``v`` in every value."""
    p = {"source": v, "quote": v, "prefix": v, "suffix": v}
    return {"first": p, "second": dict(p), "editorial": False}, \
        {"id": v, "title": v, "relation": v, "topics": [v, v], "note": v}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposals())
@example(proposal=everywhere("a\u2028b\u2029c\x85d\re\r\nf"))
@example(proposal=everywhere("\ud800"))
@example(proposal=everywhere("x\udfff"))
@example(proposal=everywhere("\ud83d\ude00"))            # a pair, as Python may hold it: one character in JavaScript
def test_every_value_reads_back_as_typed(writer, scratch, proposal):
    check(writer, scratch, *proposal, tell=event)


@pytest.mark.parametrize("value", SPECIAL + [
    " leading and trailing ", "a: b # c", "- item", "? key", "*alias", "&anchor", "!tag", "%YAML", "@at", "`code`",
    "line one\n\nline three", "note\n", "note\n\n", "\nnote", "  indented first", "\tindented", "a\n   \nb", "a\n  ",
    "a\n\tb", "x" * 200, "\x1b[31mred\x1b[0m", "abc\u202edcba", "# not a comment", "a\x00b"])
def test_each_character_yaml_reads_otherwise_comes_back(writer, scratch, value):
    check(writer, scratch, *everywhere(value))
    check(writer, scratch, *everywhere("Both say so." + value + "end"))


def test_an_ordinary_proposal_is_written_as_contributing_shows_it(writer):
    p1 = {"source": "ramani-2015", "quote": "Chang emphasized that China and Kazakhstan are friendly"}
    p2 = {"source": "harrison-2015", "quote": "China has been cooperating", "prefix": "In 2014,"}
    f = {"id": "friendly-neighbours", "title": "Friendly neighbours: close", "relation": "agree",
         "topics": ["border-security", "outlook"], "note": "Both describe it (Ramani ¶1).\nA second line."}
    got = writer({"first": p1, "second": p2, "editorial": False}, f)
    assert got["text"] == (
        SCHEMA_LINE + "\n"
        "id: friendly-neighbours\n"
        'title: "Friendly neighbours: close"\n'
        "relation: agree\n"
        "topics: [border-security, outlook]\n"
        "passages:\n"
        "  - source: ramani-2015\n"
        '    quote: "Chang emphasized that China and Kazakhstan are friendly"\n'
        "  - source: harrison-2015\n"
        '    quote: "China has been cooperating"\n'
        '    prefix: "In 2014,"\n'
        "note: |-\n"
        "  Both describe it (Ramani ¶1).\n"
        "  A second line.\n")
    f["note"] += "\n"
    assert got["same"] and writer({"first": p1, "editorial": True}, f)["text"].endswith(
        "note: |\n  Both describe it (Ramani ¶1).\n  A second line.\n")


def test_values_yaml_would_read_as_another_type_are_quoted(writer):
    p = {"source": "2015", "quote": "q"}
    text = writer({"first": p, "editorial": True},
                  {"id": "yes", "title": "t", "relation": "null", "topics": ["on", "12", "ok"], "note": "n"})["text"]
    assert 'id: "yes"\n' in text and 'relation: "null"\n' in text and 'topics: ["on", "12", ok]\n' in text
    assert '  - source: "2015"\n' in text
