"""Hostile and broken input: each case gets an error naming file and line, or is
neutralised. (Bad annotations and their exact messages: test_errors.py.)"""
import hashlib
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_build, run_check
from edition import load_edition
from edition.segment import split_blocks

META = """\
id: {id}
file: {file}
sha256: {sha}
short: Third
title: A third text
authors:
  - {{given: Ann, family: Other}}
date: "2016-01-01"
publication: Elsewhere
url: https://example.org/third/
witness:
  description: A test witness.
languages: [en]
rights: Made for the tests.
"""


def add_text(project, sid: str, data: bytes, *, file: str | None = None, sha: str | None = None) -> None:
    (project / "sources/texts" / f"{sid}.txt").write_bytes(data)
    meta = META.format(id=sid, file=file or f"{sid}.txt", sha=sha or hashlib.sha256(data).hexdigest())
    (project / "sources/texts" / f"{sid}.yml").write_text(meta, encoding="utf-8")


def check_lines(project) -> list[str]:
    result = run_check(project)
    assert result.returncode == 1, result.stdout
    return result.stdout.splitlines()


def test_byte_order_mark_in_a_text(project):
    add_text(project, "third-2016", b"\xef\xbb\xbfOne paragraph.\n")
    assert check_lines(project) == [
        "sources/texts/third-2016.txt:1: starts with a byte-order mark; save the received text as UTF-8 without BOM"]


def test_text_that_is_not_utf8(project):
    add_text(project, "third-2016", "First line.\n\nCaf\u00e9 in Latin-1.\n".encode("latin-1"))
    assert check_lines(project) == [
        "sources/texts/third-2016.txt:3: is not valid UTF-8 (byte 0xe9 at offset 16); convert the received text to "
        "UTF-8 and record the conversion in the witness description"]


def test_byte_order_mark_in_an_annotation(project):
    path = project / "sources/annotations/hundred-students.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check_lines(project) == [
        "sources/annotations/hundred-students.yml:1: starts with a byte-order mark; save the file as UTF-8 without BOM"]


def test_crlf_line_endings_are_neutralised(project):
    add_text(project, "third-2016", b"First paragraph.\r\n\r\nSecond paragraph,\r\nover two lines.\r\n")
    src = load_edition(project, mode="anchors").sources["third-2016"]
    assert [(b.id, b.reading) for b in src.paragraphs] == [
        ("p1", "First paragraph."), ("p2", "Second paragraph,\nover two lines.")]


@pytest.mark.parametrize("sid, file, expected", [
    ("../evil", "x.txt", "sources/texts/{name}.yml:1: source id '../evil' is not a valid id; use lower-case ASCII "
                         "letters, digits and hyphens, starting with a letter or digit"),
    ("third-2016", "../../../etc/passwd",
     "sources/texts/third-2016.yml:2: field 'file' must name a file beside the metadata, not '../../../etc/passwd'; "
     "put the text in sources/texts/ and give its bare name"),
    ("third-2016", "/etc/passwd",
     "sources/texts/third-2016.yml:2: field 'file' must name a file beside the metadata, not '/etc/passwd'; "
     "put the text in sources/texts/ and give its bare name"),
])
def test_path_traversal_in_source_metadata(project, sid, file, expected):
    name = "evil"
    if sid.startswith(".."):
        (project / "sources/texts/evil.txt").write_bytes(b"Text.\n")
    meta = META.format(id=sid, file=file, sha="0" * 64)
    (project / "sources/texts" / f"{name if sid.startswith('..') else sid}.yml").write_text(meta, encoding="utf-8")
    assert check_lines(project) == [expected.format(name=name)]


def test_path_traversal_in_an_annotation_source(project):
    path = project / "sources/annotations/hundred-students.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("source: ramani-2015", "source: ../ramani-2015"),
                    encoding="utf-8")
    [line] = check_lines(project)
    assert line.startswith("sources/annotations/hundred-students.yml:") and \
        "unknown source '../ramani-2015'; did you mean 'ramani-2015'?" in line


def test_hostile_topic_label_is_escaped(project):
    topics = project / "sources/topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace(
        "label: The Arkankergen incident", 'label: "<script>alert(1)</script><img src=x onerror=alert(2)>"'),
        encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site/xrefs/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_topic_id_is_refused(project):
    topics = project / "sources/topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("id: arkankergen", 'id: "<script>"'),
                      encoding="utf-8")
    lines = check_lines(project)
    assert re.match(r"sources/topics.yml:\d+: id '<script>' is not a valid id; use lower-case ASCII", lines[0])


def test_a_5_mb_source_is_handled_in_linear_time(project):
    para = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore "
            "et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris. ")
    paras = [f"Paragraph {i}. {para}" for i in range(25_000)]
    data = "\n\n".join(paras).encode("utf-8")
    assert len(data) > 5_000_000
    add_text(project, "big-2016", data)
    (project / "sources/annotations/big.yml").write_text(
        "id: big\ntitle: Deep in a large text\nrelation: agree\ntopics: [outlook]\npassages:\n"
        "  - source: big-2016\n    quote: \"Paragraph 24321. Lorem\"\n"
        "  - source: ramani-2015\n    quote: \"Chinese military influence will likely be projected\"\nnote: A test.\n",
        encoding="utf-8")
    start = time.process_time()     # the CPU time it takes, not the time a busy machine lets it have
    ed = load_edition(project, mode="anchors")
    elapsed = time.process_time() - start
    [ann] = [a for a in ed.annotations if a.id == "big"]
    assert ann.passages[0].block == "p24322"
    assert elapsed < 60, elapsed


BLOCK = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zl", "Zp", "Cc")), min_size=1, max_size=40) \
    .filter(lambda s: s.strip() != "")


@settings(max_examples=200, deadline=None)
@given(blocks=st.lists(st.lists(BLOCK, min_size=1, max_size=3), min_size=1, max_size=8),
       gaps=st.lists(st.integers(1, 3), min_size=8, max_size=8), crlf=st.booleans())
def test_segmentation_keeps_every_block_and_its_line(blocks, gaps, crlf):
    """Blocks of lines separated by blank lines come back one for one, with the line
    they start on, whatever their characters and line endings."""
    nl = "\r\n" if crlf else "\n"
    text, line, expected = "", 1, []
    for lines, gap in zip(blocks, gaps):
        expected.append((line, "\n".join(lines).strip()))
        text += nl.join(lines) + nl * (gap + 1)
        line += len(lines) + gap
    assert split_blocks(text) == expected
