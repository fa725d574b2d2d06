"""Bad input: every problem is reported as ``path:line: message; hint``, all at once, and
the build stops without touching a good site."""
import json
from html.parser import HTMLParser
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, error_lines, run_build, run_check

GOOD = """\
id: {id}
title: A test annotation
relation: agree
topics: [arkankergen]
passages:
  - source: ramani-2015
    quote: "The mysterious deaths of 15 border guards"
  - source: harrison-2015
    quote: "when 15 border guards were found dead"
note: Both count 15 dead.
"""


def write(project: Path, name: str, text: str) -> None:
    path = project / "sources" / "annotations" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def problems(project: Path) -> list[str]:
    result = run_check(project)
    assert result.returncode == 1, result.stdout
    return [line for line in result.stdout.splitlines() if line]


CASES = [
    ("malformed YAML", "zz.yml", "id: zz\ntitle: [oops\nrelation: agree\n",
     "sources/annotations/zz.yml:3: YAML syntax error, column 9: expected ',' or ']', but got ':' (while "
     "parsing a flow sequence that starts at line 2, column 8); check indentation, and quote strings that "
     "contain ': ' or start with a special character"),
    ("unclosed quotation mark", "zz.yml", 'id: zz\ntitle: "Unclosed\nrelation: agree\n',
     "sources/annotations/zz.yml:4: YAML syntax error, column 1: found unexpected end of stream (while "
     "scanning a quoted scalar that starts at line 2, column 8); check indentation, and quote strings that "
     "contain ': ' or start with a special character"),
    ("missing field", "zz.yml", GOOD.format(id="zz").replace("note: Both count 15 dead.\n", ""),
     "sources/annotations/zz.yml:1: missing field 'note' in annotation; every annotation needs id, title, "
     "relation, topics, passages, note"),
    ("wrong type", "zz.yml", GOOD.format(id="zz").replace("topics: [arkankergen]", "topics: arkankergen"),
     "sources/annotations/zz.yml:4: field 'topics' must be a list, not a string; write it as topics: [a, b]"),
    ("unknown field", "zz.yml", GOOD.format(id="zz").replace('    quote: "when', '    quot: "when'),
     ["sources/annotations/zz.yml:8: missing field 'quote' in passage; every passage needs source, quote",
      "sources/annotations/zz.yml:9: unknown field 'quot' in passage; did you mean 'quote'? valid fields: "
      "source, quote, prefix, suffix"]),
    ("unknown source", "zz.yml", GOOD.format(id="zz").replace("source: ramani-2015", "source: ramani"),
     "sources/annotations/zz.yml:6: unknown source 'ramani'; did you mean 'ramani-2015'? valid sources: "
     + ", ".join(sorted(p.stem for p in (ROOT / "sources/texts").glob("*.yml")))),
    ("unknown relation", "zz.yml", GOOD.format(id="zz").replace("relation: agree", "relation: agrees"),
     "sources/annotations/zz.yml:3: unknown relation 'agrees'; did you mean 'agree'? valid relations: agree, "
     "diverge, qualifies, complements, editorial"),
    ("quote not found", "zz.yml", GOOD.format(id="zz").replace("when 15 border", "when 16 border"),
     'sources/annotations/zz.yml:9: quote not found in harrison-2015: "when 16 border guards were found dead"; '
     'nearest passage ¶8: "when 15 border guards were found dead", which differs at character 7 of the quote: '
     '"16 border" in the quote, "15 border" in the text'),
    ("ambiguous quote", "zz.yml", GOOD.format(id="zz").replace('"when 15 border guards were found dead"',
                                                                '"the trading of illegal goods"'),
     'sources/annotations/zz.yml:9: quote matches 2 places in harrison-2015 (¶8 (2×)): "the trading of illegal '
     'goods"; '
     "lengthen the quote, or add a 'prefix' or 'suffix' with the words around the intended one"),
    ("empty quote", "zz.yml", GOOD.format(id="zz").replace('"when 15 border guards were found dead"', '"  "'),
     "sources/annotations/zz.yml:9: quote is empty; copy the exact words of the passage from "
     "sources/texts/harrison-2015.txt"),
    ("script link in a note", "zz.yml", GOOD.format(id="zz").replace(
        "note: Both count 15 dead.", "note: See [this](javascript:alert(1)) and [that](data:text/html;base64,PHN)."),
     ['sources/annotations/zz.yml:10: the link "javascript:alert(1" is a javascript: address, which a note may '
      'not link to; link to an http(s) or mailto address',
      'sources/annotations/zz.yml:10: the link "data:text/html;base64,PHN" is a data: address, which a note may '
      'not link to; link to an http(s) or mailto address']),
    ("id and file name", "zz.yml", GOOD.format(id="yy"),
     "sources/annotations/zz.yml:1: annotation id 'yy' does not match the file name 'zz.yml'; rename the file "
     "to yy.yml or change the id"),
]


@pytest.mark.parametrize("case, name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_exact_error_text(project, case, name, text, expected):
    write(project, name, text)
    assert problems(project) == (expected if isinstance(expected, list) else [expected])


def test_missing_field_message_lists_fields_in_order(project):
    write(project, "zz.yml", "id: zz\n")
    assert problems(project)[0] == (
        "sources/annotations/zz.yml:1: missing field 'title' in annotation; every annotation needs id, title, "
        "relation, topics, passages, note")


def test_duplicate_id_names_both_places(project):
    write(project, "a/zz.yml", GOOD.format(id="zz"))
    write(project, "b/zz.yml", GOOD.format(id="zz"))
    assert problems(project) == [
        "sources/annotations/b/zz.yml:1: duplicate annotation id 'zz'; also defined at sources/annotations/a/zz.yml:1"]


def test_changed_source_fails_its_checksum(project):
    path = project / "sources/texts/harrison-2015.txt"
    path.write_bytes(path.read_bytes().replace(b"1,520", b"1,250"))
    got = problems(project)
    assert got[0] == (
        "sources/texts/harrison-2015.yml:5: checksum mismatch: sources/texts/harrison-2015.txt has SHA-256 "
        + __import__("hashlib").sha256(path.read_bytes()).hexdigest()
        + ", the metadata records c93b9ffde59b7a0d55ef0d39867ff629375e4ed64ce125796016acb0670a3f75; the received "
        "text must stay byte for byte as received; record a correction as an emendation instead, or, for a new "
        "witness, update sha256")
    # What refers to the text is not reported as "unknown source" line by line: one line
    # says how much went unchecked, and the next run checks it.
    assert len(got) == 2, got
    m = re.fullmatch(r"sources/texts/harrison-2015\.yml: (\d+) reference\(s\) to 'harrison-2015' in annotations, "
                     r"indices and the comparison were not checked, because this text failed to load; fix the "
                     r"problem\(s\) reported for it, then check again", got[1])
    assert m and int(m.group(1)) > 100, got[1]   # every passage, mention and position that names it


def test_a_text_edited_with_its_checksum_updated_gives_no_follow_on_errors_elsewhere(project):
    """Paragraphs deleted from a received text by mistake, and its sha256 "fixed" to match: the
    problems are its anchors, and nothing in a file the editor never touched (the annotations,
    indices and comparison that quote the text) is reported line by line."""
    import hashlib
    sid = "harrison-2015"   # a text of the contract: quoted by cross-references, its body long enough
    txt, meta = project / f"sources/texts/{sid}.txt", project / f"sources/texts/{sid}.yml"
    paras = txt.read_bytes().split(b"\n\n")
    body = [i for i, p in enumerate(paras) if len(p) > 300]   # two long paragraphs of the body
    raw = b"\n\n".join(p for i, p in enumerate(paras) if i not in body[2:4])
    txt.write_bytes(raw)
    meta.write_text(re.sub(r"sha256: \w+", "sha256: " + hashlib.sha256(raw).hexdigest(),
                           meta.read_text(encoding="utf-8")), encoding="utf-8")
    got = problems(project)
    assert {line.split(":")[0] for line in got[:-1]} == {f"sources/anchors/{sid}.yml"}, got
    assert all("would disappear" in line for line in got[:-1]), got
    m = re.fullmatch(rf"sources/texts/{sid}\.yml: (\d+) reference\(s\) to '{sid}' in annotations, indices and the "
                     rf"comparison were not checked, because the paragraphs of this text no longer match its "
                     rf"published anchors \(sources/anchors/{sid}\.yml, above\), as when its \.txt is edited by "
                     r"mistake; fix the problem\(s\) reported for it, then check again", got[-1])
    assert m and int(m.group(1)) > 0, got[-1]


def test_every_problem_is_reported_in_one_run(project):
    write(project, "z1.yml", GOOD.format(id="z1").replace("relation: agree", "relation: agrees"))
    write(project, "z2.yml", GOOD.format(id="z2").replace("source: ramani-2015", "source: ramani"))
    write(project, "z3.yml", "id: z3\ntitle: [oops\n")
    got = problems(project)
    assert [line.split(":")[0] for line in got] == ["sources/annotations/z1.yml", "sources/annotations/z2.yml",
                                                    "sources/annotations/z3.yml"]


def test_the_build_reports_the_same_problems_and_writes_nothing(project):
    write(project, "zz.yml", GOOD.format(id="zz").replace("relation: agree", "relation: agrees"))
    result = run_build(project)
    assert result.returncode == 1
    assert error_lines(result) == [
        "sources/annotations/zz.yml:3: unknown relation 'agrees'; did you mean 'agree'? valid relations: agree, "
        "diverge, qualifies, complements, editorial",
        "1 problem(s) in sources/; nothing was built. Fix them and build again (`make check` lists them "
        "without building)."]
    assert not (project / "site").exists()


def test_a_failed_make_build_leaves_the_good_site_in_place(project):
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    # The copy holds no git history, from which the recorded releases are built (tests/test_versions.py).
    (project / "sources/releases.yml").unlink(missing_ok=True)
    make = ["make", "--no-print-directory", "build", "VENV_OK=", f"BIN={Path(sys.executable).parent}"]
    assert subprocess.run(make, cwd=project, capture_output=True).returncode == 0
    before = (project / "site/texts/ramani-2015/index.html").read_bytes()
    write(project, "zz.yml", GOOD.format(id="zz").replace("relation: agree", "relation: agrees"))
    result = subprocess.run(make, cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert (project / "site/texts/ramani-2015/index.html").read_bytes() == before


def test_hostile_annotation_title_never_reaches_the_page_as_code(project):
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    write(project, "zz.yml", GOOD.format(id="zz").replace("title: A test annotation", "title: " + json.dumps(payload)))
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("texts/ramani-2015/index.html", "xrefs/index.html"):
        live = LiveCode()
        live.feed((project / "site" / page).read_text(encoding="utf-8"))
        assert live.found == [], page


def test_hostile_markup_in_a_note_is_refused_not_dropped_in_silence(project):
    """Markup a note may not hold used to be removed from the page without a word; now the
    build stops and says where, so that nothing an editor wrote disappears."""
    payload = ("<script>alert('x')</script> and <img src=x onerror=alert(1)> and "
               "<a href=\"https://example.org/\" onclick=\"alert(1)\">a link</a>")
    write(project, "zz.yml", GOOD.format(id="zz").replace("note: Both count 15 dead.", "note: |\n  " + payload))
    result = run_build(project)
    assert result.returncode != 0
    lines = error_lines(result)
    line = next(i for i, x in enumerate((project / "sources/annotations/zz.yml").read_text().splitlines(), 1)
                if "<script>" in x)
    for what in ("the note holds the HTML tag <script>, which the page would drop",
                 "the note holds the HTML tag <img>, which the page would drop",
                 "the note's <a> has the attribute 'onclick', which the page would drop"):
        assert any(x.startswith(f"sources/annotations/zz.yml:{line}: {what}") for x in lines), lines
    assert not (project / "site").exists()


class LiveCode(HTMLParser):
    """Collects every piece of markup that would run: inline scripts other than Material's
    own, event-handler attributes, and javascript:/data: URLs."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.found.append(f"<{tag} {name}={value}>")
        self._script = tag == "script"

    def handle_data(self, data):
        if self._script and "alert(" in data:
            self.found.append("<script>alert…")

    def handle_endtag(self, tag):
        self._script = False
