"""Segmentation: blocks, classification, conversion traces; nothing lost."""
import re
from pathlib import Path

import pytest

from edition import load_edition
from edition.segment import read_traces, split_blocks

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def edition():
    return load_edition(ROOT)


def test_split_blocks_keeps_lines_and_text():
    assert split_blocks("a\nb\n\n\nc\r\n\r\nd  \n") == [(1, "a\nb"), (5, "c"), (7, "d")]


@pytest.mark.parametrize("raw, reading, kinds", [
    ("## **Title**", "Title", ["markup", "markup"]),
    ("## AA-AA", "AA-AA", ["markup"]),
    ("a \\$400 deal", "a $400 deal", ["escape"]),
    ("<u>جو</u> کشور", "جو کشور", ["markup"]),
    ("in *EurasiaNet*, this", "in EurasiaNet, this", ["markup"]),
    ("Required fields are marked *", "Required fields are marked *", []),
    ("end.\u00a0 Next", "end. Next", ["typography"]),
    ("2 * 3 * 4", "2 * 3 * 4", []),
])
def test_read_traces(raw, reading, kinds):
    got, spans, found = read_traces(raw, markdown=True)
    assert got == reading
    assert [k for k, *_ in found] == kinds


def test_read_traces_emphasis_becomes_an_italic_span():
    reading, spans, _ = read_traces("in *EurasiaNet*, this", markdown=True)
    assert [(reading[s.start:s.end], s.tag) for s in spans] == [("EurasiaNet", "em")]


def test_read_traces_without_markdown_reads_only_typography():
    assert read_traces("## *a* \\$", markdown=False)[0] == "## *a* \\$"


@pytest.mark.parametrize("sid, count, first, last", [
    ("ramani-2015", 15, "On October 13, 2015,", "Kazakhstan's announcement of expanded defense cooperation"),
    ("harrison-2015", 9, "Kazakhstan has faced many security challenges", "Kazakhstan remains keen"),
])
def test_body_paragraphs_are_numbered_in_reading_order(edition, sid, count, first, last):
    paras = edition.sources[sid].paragraphs
    assert [b.id for b in paras] == [f"p{n}" for n in range(1, count + 1)]
    assert paras[0].reading.startswith(first)
    assert paras[-1].reading.startswith(last)


@pytest.mark.parametrize("sid, kinds", [
    ("ramani-2015", ["masthead", "masthead", "motto", "contact", "original-url", "title", "standfirst", "byline"]
     + ["body"] * 3 + ["heading"] + ["body"] * 6 + ["heading"] + ["body"] * 6),
    ("harrison-2015", ["title", "byline", "caption", "caption"] + ["body"] * 9
     + ["authors-note", "boilerplate", "boilerplate"]),
])
def test_every_block_is_classified(edition, sid, kinds):
    assert [b.kind for b in edition.sources[sid].blocks] == kinds


@pytest.mark.parametrize("sid", ["ramani-2015", "harrison-2015"])
def test_no_character_of_the_witness_is_lost(edition, sid):
    src = edition.sources[sid]
    assert "\n\n".join(b.received for b in src.blocks) == re.sub(r"\n\s*\n", "\n\n", src.received).strip()


def test_persian_blocks_are_marked_right_to_left(edition):
    src = edition.sources["ramani-2015"]
    assert [(b.id, b.lang, b.rtl) for b in src.blocks if b.rtl] == [("masthead", "fa", True), ("motto", "fa", True)]
    contact = src.block("masthead-contact")
    assert [(contact.reading[s.start:s.end], s.attrs) for s in contact.spans] == \
        [("زبان های اروپائی", 'lang="fa" dir="rtl"')]


def test_interventions_record_every_trace(edition):
    ram = edition.sources["ramani-2015"]
    got = [(iv.block, iv.kind, iv.received) for iv in ram.interventions if iv.kind != "classification"]
    assert got == [
        ("masthead-logo", "markup", "## "),
        ("motto", "markup", "<u>جو</u>"),
        ("motto", "emendation", "🦳 "),
        ("title", "markup", "## "),
        ("title", "markup", "**The Emerging China-Kazakhstan Defense Relationship**"),
        ("from-security-threat-to-military-partner", "markup", "## "),
        ("p9", "escape", "\\$"),
        ("long-term-implications", "markup", "## "),
        ("long-term-implications", "markup", "**Long-Term Implications**"),
        ("p10", "markup", "*EurasiaNet*"),
        ("p13", "escape", "\\$"),
        ("p13", "escape", "\\$"),
    ]
    har = edition.sources["harrison-2015"]
    assert [(iv.block, iv.kind) for iv in har.interventions if iv.kind == "typography"] == \
        [("p2", "typography"), ("p6", "typography"), ("p7", "typography")]


def test_emendation_changes_the_reading_not_the_received_text(edition):
    motto = edition.sources["ramani-2015"].block("motto")
    assert "🦳" in motto.received and "🦳" not in motto.reading
