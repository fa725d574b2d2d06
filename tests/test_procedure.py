"""One wording of each relation: the definitions in sources/relations.yml are the questions of
the written procedure on the principles page and the definitions the propose tool shows, word
for word, so that they cannot drift apart; and the procedure has no rule that its definitions
contradict."""
from __future__ import annotations

import html
import json
import re

from conftest import ROOT
from edition import EditionError, load_edition


def refused(project) -> list[str]:
    """The problems `make check` reports for ``project``, which it must refuse."""
    try:
        load_edition(project)
    except EditionError as exc:
        return exc.problems.lines()
    raise AssertionError("make check accepted it")


def words(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def test_every_definition_is_a_question_of_the_procedure_word_for_word(site):
    ed = load_edition(ROOT)
    principles = words((site / "principles" / "index.html").read_text(encoding="utf-8"))
    propose = json.loads((site / "assets" / "propose.json").read_text(encoding="utf-8"))
    shown = {r["id"]: r["description"] for r in propose["relations"]}
    between = [(rid, r) for rid, r in ed.relations.items() if r.get("texts", 2) > 1]
    for k, (rid, r) in enumerate(between):
        d = " ".join(r["description"].split())
        assert shown[rid] == d
        assert f"{r['label']} ({r['symbol']}): {d}" in principles      # the list of relation types
        if k + 1 < len(between):
            assert f"{r['label']}? {d} If so, the relation is {r['label'].lower()}." in principles
        else:
            assert f"Otherwise, the relation is {r['label'].lower()}: {d[0].lower()}{d[1:]}" in principles


def test_the_procedure_states_the_two_rules_and_no_contradicting_wording():
    ed = load_edition(ROOT)
    proc = words(ed.procedure_html)
    assert "Quote what the author asserts." in proc and "Read each claim at its own date." in proc
    assert "emphasis" in proc and "never decide" in proc
    for r in ed.relations.values():           # a definition may not let emphasis decide
        assert "emphasis" not in r["description"] or "whatever" in r["description"], r["id"]
    assert "different conclusions" not in proc + " ".join(r["description"] for r in ed.relations.values())


def test_a_procedure_without_the_place_of_the_questions_is_refused(project):
    path = project / "sources/relations.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  {relations}\n", ""), encoding="utf-8")
    assert "sources/relations.yml:4: the procedure must hold the line {relations} once, where the questions made " \
           "from the relations' descriptions go; put {relations} on a line of its own after the first step" \
           in refused(project)


def test_a_topic_verdict_counts_untagged_cross_references_whose_passages_fall_in_it(project):
    """A topic's verdict follows from every cross-reference that makes its claims, tagged or not."""
    ed = load_edition(project)
    row = next(r for r in ed.comparison if r.relation in ed.relations and len(r.breakdown) == 1)
    a = next(x for v in row.breakdown.values() for x in v)
    other = next(r for r, v in ed.relations.items() if r != row.relation and v.get("texts", 2) > 1)
    elsewhere = next(t for t in ed.topics if t != row.topic)
    passages = "".join(f"  - source: {p.source}\n    quote: {json.dumps(p.quote)}\n"
                       + (f"    prefix: {json.dumps(p.prefix)}\n" if p.prefix else "")
                       + (f"    suffix: {json.dumps(p.suffix)}\n" if p.suffix else "") for p in a.passages)
    (project / "sources/annotations/zz-untagged.yml").write_text(
        f"id: zz-untagged\ntitle: \"The same claims, untagged\"\nrelation: {other}\ntopics: [{elsewhere}]\n"
        f"passages:\n{passages}note: \"A test.\"\n", encoding="utf-8")
    lines = refused(project)
    assert any(f"the relation '{row.relation}' of topic '{row.topic}' does not follow from its cross-references" in x
               and "counting zz-untagged, whose passages fall in the topic though they do not carry it" in x
               and f"write `relation: mixed`, and add '{row.topic}' to the topics of zz-untagged" in x
               for x in lines), lines


def test_a_note_quotation_an_emendation_made_inexact_is_refused_with_its_line(project):
    """`make check` checks every quotation in a note against the reading text, at its line."""
    from edition.notequotes import phrases

    ed = load_edition(project)
    def free(phrase):
        """Once in the texts, and quoted by no passage, so that the emendation breaks only the note."""
        hits = [(s, b) for s, src in ed.sources.items() for b in src.blocks if phrase in b.reading]
        if len(hits) != 1 or hits[0][1].reading.count(phrase) != 1:
            return None
        s, b = hits[0]
        start = b.reading.index(phrase)
        end = start + len(phrase)
        taken = [p for x in ed.annotations for p in x.passages if p.source == s and p.block == b.id]
        return hits[0] if all(p.end <= start or p.start >= end for p in taken) else None

    a, phrase, (sid, block) = next((a, p, free(p)) for a in ed.annotations for p in phrases(a.note)
                                   if len(p.split()) >= 2 and free(p))
    word = max(phrase.split(), key=len).strip(".,;:\"“”")
    meta = project / "sources" / "texts" / f"{sid}.yml"
    text = meta.read_text(encoding="utf-8")
    entry = (f"  - block: {block.id}\n    received: {json.dumps(phrase)}\n"
             f"    reading: {json.dumps(phrase.replace(word, word.upper(), 1))}\n"
             "    reason: A test emendation.\n")
    text = text.replace("emendations:\n", "emendations:\n" + entry) if "emendations:\n" in text else \
        text + "emendations:\n" + entry
    meta.write_text(text, encoding="utf-8")
    lines = refused(project)
    file_lines = (project / a.path).read_text(encoding="utf-8").splitlines()
    at = next(i for i, x in enumerate(file_lines, 1) if phrase[:24] in x.replace('\\"', '"'))
    assert any(x.startswith(f"{a.path}:{at}: the note quotes \"{phrase}\", which stands in none of the texts; copy "
                            "the words exactly from the reading text") for x in lines), lines
