"""The apparatus: every annotation resolves, every cross-reference is complete, every topic
is in the vocabulary, and every body paragraph is covered or has a recorded reason."""
import re

import pytest

from conftest import ROOT
from edition import load_edition


@pytest.fixture(scope="module")
def ed():
    return load_edition(ROOT)   # raises, listing every problem, if any annotation does not resolve


def test_every_annotation_file_resolves(ed):
    files = sorted(p.stem for p in (ROOT / "sources/annotations").rglob("*.yml"))
    assert sorted(a.id for a in ed.annotations) == files


def test_every_cross_reference_has_both_passages_and_a_note(ed):
    for a in ed.annotations:
        if a.relation == "editorial":
            assert len(a.sources) == 1, a.id
            continue
        assert a.sources == ["ramani-2015", "harrison-2015"], a.id
        assert all(p.exact and p.block.startswith("p") for p in a.passages), a.id
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(])", a.note.strip()) if s]
        assert 1 <= len(sentences) <= 4, (a.id, len(sentences))


def test_topics_used_are_in_the_vocabulary(ed):
    used = {t for a in ed.annotations for t in a.topics}
    assert used <= set(ed.topics)


def test_quotations_in_notes_are_exact(ed):
    """A phrase a note puts in double quotes stands, word for word, in one of the texts
    (unless it is the editors' own translation in the note on the Persian motto)."""
    texts = " ".join(b.reading for s in ed.sources.values() for b in s.blocks)
    fold = lambda t: t.replace("’", "'").replace("\u00a0", " ")
    for a in ed.annotations:
        if a.id == "ed-motto":
            continue
        for q in re.findall(r"\"([^\"]+)\"|“([^”]+)”", a.note):
            phrase = (q[0] or q[1]).strip(" .,;")
            assert fold(phrase) in fold(texts), (a.id, phrase)


def test_coverage_table_matches_the_apparatus(ed):
    cov = {}
    for a in ed.annotations:
        if len(a.sources) > 1:
            for p in a.passages:
                cov.setdefault((p.source, p.block), set()).add(a.id)
    rows = re.findall(r"^\| (ramani-2015|harrison-2015) \| ¶(\d+) \| ([^|]*) \| ([^|]*) \|",
                      (ROOT / "sources/annotations/COVERAGE.md").read_text(encoding="utf-8"), re.M)
    assert len(rows) == sum(len(s.paragraphs) for s in ed.sources.values())
    for sid, n, ids, reason in rows:
        listed = {i.strip() for i in ids.split(",") if i.strip()}
        assert listed == cov.get((sid, f"p{n}"), set()), (sid, n)
        assert listed or reason.strip() not in ("", "—"), f"{sid} ¶{n} has no cross-reference and no reason"


def test_relations_are_explained_on_the_principles_page(ed):
    page = (ROOT / "docs/principles.md").read_text(encoding="utf-8")
    for rid, rel in ed.relations.items():
        assert f"**{rel['label']} ({rel['symbol']})**" in page, rid
