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
        # passages in two texts or more; those of the texts the edition compares in their order
        # (a text it does not compare may stand anywhere: edition.apparatus, the rule make check applies)
        order = [s for s in ed.meta.get("compare") or [] if s in ed.sources]
        assert len(set(a.sources)) >= 2, a.id
        compared = [s for s in a.sources if s in order]
        assert compared == sorted(compared, key=order.index), a.id
        assert all(p.exact and p.block for p in a.passages), a.id
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(])", a.note.strip()) if s]
        assert 1 <= len(sentences) <= 4, (a.id, len(sentences))


def test_topics_used_are_in_the_vocabulary(ed):
    used = {t for a in ed.annotations for t in a.topics}
    assert used <= set(ed.topics)


def test_quotations_in_notes_are_exact(ed):
    """A phrase a note puts in double quotes stands, word for word, in one of the texts (the
    editors' own words, a translation or a gloss, stand in single quotes). `make check` checks
    it first (edition.notequotes), with the line; this checks the loaded notes once more."""
    texts = " ".join(b.reading for s in ed.sources.values() for b in s.blocks)
    fold = lambda t: t.replace("’", "'").replace("\u00a0", " ")
    for a in ed.annotations:
        for q in re.findall(r"\"([^\"]+)\"|“([^”]+)”", a.note):
            phrase = (q[0] or q[1]).strip(" .,;")
            assert fold(phrase) in fold(texts) or fold(phrase[:1].swapcase() + phrase[1:]) in fold(texts), \
                (a.id, phrase)


def test_every_body_paragraph_has_a_cross_reference(ed):
    from edition.coverage import coverage

    # The edition claims completeness for the texts it compares (edition.yml `compare`); a text
    # added later is linked paragraph by paragraph as its apparatus grows.
    compared = set(ed.meta.get("compare") or ed.sources)
    for sid, c in coverage(ed).items():
        if sid in compared:
            assert c.paragraphs_linked == len(ed.sources[sid].paragraphs), sid


def test_the_coverage_page_and_the_claims_of_completeness_are_computed(site, ed):
    """The coverage page lists every body sentence with the cross-references that link it, and
    the home and principles pages state the same counts; none of it is typed by hand."""
    import html as html_mod

    from edition.coverage import coverage, points

    cov = coverage(ed)
    page = (site / "coverage/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<td><a href="\.\./texts/([a-z0-9-]+)/#p(\d+)">¶\d+</a>\.(\d+)</td>\s*<td>.*?</td>\s*<td>(.*?)</td>',
                      page, re.S)
    assert len(rows) == sum(len(c.sentences) for c in cov.values())
    for sid, c in cov.items():
        mine = [r for r in rows if r[0] == sid]
        assert sum(1 for r in mine if r[3] != "—") == c.linked, sid
        assert f"<td>{len(c.sentences)}</td>\n<td>{c.linked}</td>\n<td>{c.share:.0%}</td>" in page
    claim = (f"{points(ed)} cross-references, one for each point of contact the editors found, link "
             + " and ".join(f"{c.linked} of {ed.sources[sid].short}'s {len(c.sentences)} body sentences "
                            f"({c.share:.0%})" for sid, c in cov.items()))
    for rel in ("index.html", "principles/index.html"):
        text = " ".join(html_mod.unescape(re.sub(r"<[^>]+>", "", (site / rel).read_text(encoding="utf-8"))).split())
        assert claim in text, rel
        assert "links every point" not in text and "linked every substantive point" not in text


def test_a_retired_cross_reference_id_still_leads_to_its_entry(site, ed):
    [merged] = [a for a in ed.annotations if "chinese-reluctance-to-supply" in a.aliases]
    page = (site / "xrefs/index.html").read_text(encoding="utf-8")
    heading = page.index(f'<h4 id="x-{merged.id}">')
    alias = page.index('id="x-chinese-reluctance-to-supply"')
    assert heading < alias and "<h4" not in page[heading + 4:alias]   # the old address lands on the entry
    assert "which was merged into this one" in page[alias:alias + 400]


def test_relations_are_explained_on_the_principles_page(ed, site):
    """Each relation, with its sign and its one definition, as the principles page shows it
    (made from sources/relations.yml by the page's `relation-types` marker)."""
    import html as html_mod

    page = html_mod.unescape((site / "principles" / "index.html").read_text(encoding="utf-8"))
    for rid, rel in ed.relations.items():
        assert f"<strong>{rel['label']} ({rel['symbol']})</strong>: {' '.join(rel['description'].split())}" in page, rid


def _problems(project):
    from edition import EditionError

    with pytest.raises(EditionError) as exc:
        load_edition(project)
    return exc.value.problems.lines()


def _set(project, old, new):
    path = project / "sources/comparison.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_topic_relation_that_contradicts_its_cross_references_fails(project):
    _set(project, "- topic: partnership-depth\n    relation: mixed", "- topic: partnership-depth\n    relation: agree")
    [line] = _problems(project)
    assert re.fullmatch(r"sources/comparison.yml:\d+: the relation 'agree' of topic 'partnership-depth' does not "
                        r"follow from its cross-references \(.*\); write `relation: mixed`(, and add .*)?", line), line


def test_a_topic_whose_cross_references_share_one_relation_must_have_it(project):
    _set(project, "- topic: border-demarcation\n    relation: complements",
         "- topic: border-demarcation\n    relation: agree")
    [line] = _problems(project)
    assert line.endswith("the relation 'agree' of topic 'border-demarcation' does not follow from its "
                         "cross-references (complement 2); write `relation: complements`")


def test_a_position_saying_that_an_author_is_silent_is_not_a_relation(project):
    _set(project, "      # Ramani does not discuss intelligence sharing (he records a post-9/11 pledge of \"unity in\n"
                  "      # counter-terrorism measures\", Ramani ¶7, and a \"major sea change in perceptions\", ¶3).\n"
                  "      ramani-2015: null",
         "      ramani-2015: Ramani does not discuss intelligence sharing.")
    _set(project, "- topic: intelligence-sharing\n    relation: one-author",
         "- topic: intelligence-sharing\n    relation: qualifies")
    [line] = _problems(project)
    assert re.fullmatch(r"sources/comparison.yml:\d+: the position of ramani-2015 says that the author does not "
                        r"discuss the topic; write `ramani-2015: null` \(the page then says so\) and "
                        r"`relation: one-author`", line), line


def test_a_silent_author_cannot_have_cross_references_on_the_topic(project):
    _set(project, "- topic: arkankergen\n    relation: mixed\n    positions:\n      ramani-2015:",
         "- topic: arkankergen\n    relation: one-author\n    positions:\n      ramani-2015: null\n      x-ramani:")
    text = (project / "sources/comparison.yml").read_text(encoding="utf-8")
    # drop the old position text of Ramani (now under an unknown key): keep the file valid YAML
    start = text.index("      x-ramani:")
    end = text.index("      harrison-2015:", start)
    (project / "sources/comparison.yml").write_text(text[:start] + text[end:], encoding="utf-8")
    [line] = _problems(project)
    assert re.fullmatch(r"sources/comparison.yml:\d+: topic 'arkankergen' gives an author no position, yet "
                        r"cross-references between the texts carry it \(arkankergen-aftermath, arkankergen-deaths\); "
                        r"give both positions, or take the topic off cross-references whose passages in one text do "
                        r"not speak to it", line), line


def test_a_published_cross_reference_id_cannot_vanish(project):
    import subprocess

    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
    (project / "sources/releases.yml").unlink(missing_ok=True)     # their commits are not in a new repository
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "published"]):
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)
    (project / "sources/annotations/hundred-students.yml").unlink()
    assert _problems(project)[0] == (
        "sources/annotations/hundred-students.yml: the cross-reference 'hundred-students' was published (the main "
        "branch, at xrefs/#x-hundred-students) and no annotation has that id any more; restore the file; or, if it "
        "was merged into another, add `aliases: [hundred-students]` to that one, so that the published address "
        "keeps leading to it; or, if it must go, retire it in sources/retired.yml with `removed: \"why\"` (and "
        "`see: <id>`)")
    path = project / "sources/annotations/limited-bilateral-coordination.yml"
    merged = path.read_text(encoding="utf-8").replace("relation: agree\n", "relation: agree\naliases: [hundred-students]\n")
    path.write_text(merged, encoding="utf-8")
    # An alias keeps the address only where the other cross-reference quotes what it named.
    assert any("the cross-reference 'hundred-students' was published (the main branch, at xrefs/#x-hundred-students) "
               "joining Ramani ¶11" in x and "it no longer quotes that passage" in x for x in _problems(project))
    gone = (ROOT / "sources/annotations/hundred-students.yml").read_text(encoding="utf-8")
    taken = gone[gone.index("passages:\n") + len("passages:\n"):gone.index("note:")]
    path.write_text(merged.replace("passages:\n", "passages:\n" + taken), encoding="utf-8")
    problems = _problems(project)   # merged: the alias keeps the address; only the comparison is left to redo
    assert problems == ["sources/comparison.yml:9: the relation 'mixed' of topic 'training-education' does not "
                        "follow from its cross-references (complement 2); write `relation: complements`"]


# What the tests above check on sources/, `make check` checks first, each with its line.

def _xref_files(project):
    """Each two-text cross-reference file with its texts, in file order."""
    import yaml
    out = []
    for path in sorted((project / "sources/annotations").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = list(dict.fromkeys(p["source"] for p in data["passages"]))
        if len(texts) == 2:
            out.append((path, data, texts))
    return out


def test_make_check_refuses_a_note_of_more_than_four_sentences(project):
    path, data, _ = _xref_files(project)[0]
    text = path.read_text(encoding="utf-8")
    note = data["note"].strip()
    path.write_text(text.replace(note.splitlines()[-1], note.splitlines()[-1] + " One more. And another. A third. "
                                 "A fourth. A fifth."), encoding="utf-8")
    rel = path.relative_to(project).as_posix()
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if x.startswith("note:"))
    [got] = _problems(project)
    assert re.fullmatch(rf"{re.escape(rel)}:{line}: the note of '{data['id']}' has \d+ sentences, more than 4; say in "
                        r"one to four sentences what the passages share or where they are in tension; a longer account "
                        r"belongs in the editorial principles or a reading report", got), got


def test_make_check_refuses_passages_against_the_order_of_the_compared_texts(project):
    import yaml
    order = yaml.safe_load((project / "sources/edition.yml").read_text(encoding="utf-8"))["compare"]
    path, data, texts = next(x for x in _xref_files(project) if set(x[2]) == set(order))
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("passages:\n", 1)
    block, tail = rest.split("note:", 1)
    items = re.split(r"(?m)^(?=  - source:)", block)[1:]
    path.write_text(head + "passages:\n" + "".join(reversed(items)) + "note:" + tail, encoding="utf-8")
    rel = path.relative_to(project).as_posix()
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if x == "passages:")
    [got] = _problems(project)
    assert got == (f"{rel}:{line}: the passages of '{data['id']}' are listed {order[1]}, {order[0]}, against the order "
                   f"of the texts the edition compares ({order[0]}, {order[1]}, `compare` in sources/edition.yml); "
                   f"list the passage of {order[0]} before that of {order[1]}, so that every cross-reference reads the "
                   "same way round")


def test_make_check_refuses_a_compared_paragraph_left_without_a_cross_reference(project):
    """Every cross-reference of one paragraph removed: the paragraph is named, at its line of
    the received text, and nothing else is reported."""
    ed = load_edition(project)
    sid = ed.meta["compare"][0]
    src = ed.sources[sid]
    counts = {}
    for a in ed.annotations:
        if len(a.sources) > 1:
            for p in a.passages:
                if p.source == sid:
                    counts.setdefault(p.block, set()).add(a.path)
    # the paragraph with fewest cross-references whose files touch no other paragraph of this text
    block, files = min(counts.items(), key=lambda kv: len(kv[1]))
    for rel in files:
        (project / rel).unlink()
    b = src.block(block)
    got = _problems(project)
    mine = [g for g in got if g.startswith(src.text_path + ":")]
    assert f"{src.text_path}:{b.line}: {src.short} ¶{b.number} has no cross-reference, and the edition claims every " \
           f"paragraph of the texts it compares is linked ({', '.join(ed.meta['compare'])}, `compare` in " \
           "sources/edition.yml); link a passage of it to its counterpart (CONTRIBUTING.md, \"Add a " \
           "cross-reference\"); if a cross-reference was removed, make sure another covers this paragraph" in mine, got
