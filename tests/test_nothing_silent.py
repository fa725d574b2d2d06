"""Nothing dropped in silence, nothing invisible: each way an editor's file could be skipped,
misread or made to mislead gets a `path:line: message; hint` (issue: the edition's promises)."""
from __future__ import annotations

import os
import time
import unicodedata

import re

import pytest

from conftest import run_check
from test_errors import GOOD as GOOD_ANNOTATION
from edition import EditionError, load_edition

GOOD = GOOD_ANNOTATION.format(id="zz")
NOT_FOUND = "sources/annotations/zz.yml:9: quote not found in harrison-2015: "


def lines(project) -> list[str]:
    with pytest.raises(EditionError) as exc:
        load_edition(project)
    return exc.value.problems.lines()


def annotation(project, text: str, name: str = "zz.yml") -> None:
    (project / "sources/annotations" / name).write_text(text, encoding="utf-8")


def quote(project, q: str) -> None:
    annotation(project, GOOD.replace('"when 15 border guards were found dead"', '"' + q + '"'))


def note(project, n: str) -> None:
    annotation(project, GOOD.replace("note: Both count 15 dead.", "note: " + n))


EMPTY = ("sources/annotations/zz.yml:1: the file is empty (or holds only comments); fill it in (CONTRIBUTING.md "
         "has a template), or delete it")


@pytest.mark.parametrize("text", ["", "   \n\n", "# a comment\n# another\n"], ids=["empty", "blank", "comments"])
def test_an_empty_annotation_file_is_not_taken_for_an_absent_one(project, text):
    annotation(project, text)
    assert lines(project) == [EMPTY]


@pytest.mark.parametrize("name", ["zz.yaml", "zz.YML", "zz.Yaml"])
def test_an_annotation_named_otherwise_than_yml_is_refused_not_ignored(project, name):
    annotation(project, GOOD, name)
    assert lines(project) == [f"sources/annotations/{name}: is not read: the edition reads YAML files named *.yml, "
                              f"not *{name[2:]}; rename it to zz.yml"]


def test_a_text_whose_metadata_is_yaml_does_not_vanish(project):
    sid = "harrison-2015"   # a text of the contract: quoted by cross-references, its body long enough
    meta = project / f"sources/texts/{sid}.yml"
    meta.rename(meta.with_suffix(".yaml"))
    found = lines(project)
    assert found[0] == (f"sources/texts/{sid}.yaml: is not read: the edition reads YAML files named *.yml, not *.yaml; "
                        f"rename it to {sid}.yml")
    assert re.fullmatch(rf"sources/texts/{sid}\.yaml: [1-9]\d* reference\(s\) to '{sid}' in annotations, indices and "
                        r"the comparison were not checked, because this text failed to load; fix the problem\(s\) "
                        r"reported for it, then check again", found[1]), found
    assert len(found) == 2, found


@pytest.mark.parametrize("where, name, hint", [
    ("sources", "notes.txt", "the files of sources/ are comparison.yml, edition.yml, relations.yml, releases.yml, "
                             "retired.yml, spellings.yml, topics.yml; texts, annotations, anchors and indices have "
                             "folders of their own"),
    ("sources/indices", "places.yml", "the indices are figures.yml, names.yml, timeline.yml"),
])
def test_a_file_where_the_edition_reads_nothing_of_its_kind_is_refused(project, where, name, hint):
    (project / where / name).write_text("x: 1\n", encoding="utf-8")
    [line] = lines(project)
    assert line.startswith(f"{where}/{name}: is not ") and line.endswith(hint)


BOMB = ("id: zz\ntitle: x\nrelation: agree\ntopics:\n  - &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"  - &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdef", "bcdefg"))
        + "  - [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n")


def test_a_yaml_alias_bomb_is_refused_at_once_with_its_line(project):
    assert len(BOMB.encode()) < 1024
    annotation(project, BOMB)
    start = time.process_time()     # CPU time: what the refusal costs, however busy the machine is
    assert lines(project) == ["sources/annotations/zz.yml:5: a YAML anchor (&a) is not allowed in sources/; write "
                              "the value out in full where it is needed"]
    assert time.process_time() - start < 5


@pytest.mark.parametrize("text, line", [("id: zz\ntitle: !!binary aGk=\n", 2), ("id: &x zz\ntitle: *x\n", 1)])
def test_yaml_tags_and_aliases_are_refused(project, text, line):
    annotation(project, text)
    [problem] = lines(project)
    assert problem.startswith(f"sources/annotations/zz.yml:{line}: a YAML ") and "is not allowed in sources/" in problem


def test_a_symbolic_link_out_of_the_repository_is_refused(project):
    os.symlink("/etc/passwd", project / "sources/annotations/zz.yml")
    assert lines(project) == ["sources/annotations/zz.yml: is a symbolic link (to /etc/passwd); sources/ holds the "
                              "files themselves; replace the link by a copy of the file it points to"]


def test_a_received_text_that_is_a_link_is_refused_and_not_read(project):
    text = project / "sources/texts/harrison-2015.txt"
    text.unlink()
    os.symlink("/etc/hostname", text)
    assert lines(project)[0] == ("sources/texts/harrison-2015.txt: is a symbolic link (to /etc/hostname); sources/ "
                                 "holds the files themselves; replace the link by a copy of the file it points to")


def test_a_quote_typed_in_decomposed_form_is_found(project):
    quote(project, unicodedata.normalize("NFD", "Kazakhstan’s Armed Forces"))
    ed = load_edition(project)
    [ann] = [a for a in ed.annotations if a.id == "zz"]
    assert ann.passages[1].exact == "Kazakhstan’s Armed Forces" and ann.passages[1].block == "p6"


@pytest.mark.parametrize("char, name", [("\u2060", "U+2060 WORD JOINER"), ("\u00ad", "U+00AD SOFT HYPHEN"),
                                        ("\u200d", "U+200D ZERO WIDTH JOINER")])
def test_an_invisible_character_in_a_quote_is_named_where_it_stands(project, char, name):
    quote(project, f"Kazakh{char}stan’s Armed Forces")
    assert lines(project) == [
        f'{NOT_FOUND}"Kazakh<{name}>stan\'s Armed Forces"; nearest passage ¶6: "Kazakhstan\'s Armed Forces.", which '
        f'differs at character 7 of the quote: "Kazakh<{name}>stan\'s Armed" in the quote, "Kazakhstan\'s Armed" in '
        'the text']


def test_a_late_typo_in_a_long_quote_is_shown_not_cut_off(project):
    quote(project, "Despite regular signals by senior officials on both sides towards enhancing cooperation there "
                   "appears little evidense to suggest")
    [line] = lines(project)
    assert line.endswith('which differs at character 116 of the quote: "evidense to" in the quote, "evidence to" '
                         'in the text')


@pytest.mark.parametrize("where, value, line, name", [
    ("title", '"A test \\u202eannotation"', 2, "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("note", '"Both count \\u2067 15 dead."', 10, "U+2067 RIGHT-TO-LEFT ISOLATE"),
])
def test_bidirectional_controls_are_refused(project, where, value, line, name):
    old = {"title": "title: A test annotation", "note": "note: Both count 15 dead."}[where]
    annotation(project, GOOD.replace(old, f"{where}: {value}"))
    assert lines(project) == [f"sources/annotations/zz.yml:{line}: holds the invisible character {name}; delete "
                              "it: control characters and bidirectional overrides are not allowed in sources/"]


def test_terminal_escapes_in_a_quote_are_never_printed_raw(project):
    quote(project, "when 15 border\\e[2J\\e[Hok: 2 texts, no problems")
    result = run_check(project)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "sources/annotations/zz.yml:9: holds the invisible character U+001B CONTROL CHARACTER; delete it: control "
        "characters and bidirectional overrides are not allowed in sources/")
    assert "border<U+001B CONTROL CHARACTER>[2J" in result.stdout


@pytest.mark.parametrize("text, expected", [
    ("Both count 15 dead (Ramani ¶99, Harrison ¶8).",
     'the reference "Ramani ¶99" names a paragraph Ramani does not have; Ramani has ¶1–¶15; give the number of '
     'the paragraph you mean'),
    ("Harrison's ¶12 says so.",
     'the reference "Harrison\'s ¶12" names a paragraph Harrison does not have; Harrison has ¶1–¶9; give the number '
     'of the paragraph you mean'),
    ("As ¶16 says.",
     'the reference "¶16" names a paragraph Ramani or Harrison does not have; Ramani has ¶1–¶15; Harrison has '
     '¶1–¶9; give the number of the paragraph you mean'),
    ("Both count 15 dead ([see](#p42)).",
     'the link "#p42" is not a full address; a note is shown on several pages, where a relative link would lead to '
     'different places; write the full address (https://…), or refer to a paragraph as "Ramani ¶4"'),
    ("See <https://china-kazakhstan-edition.github.io/edition/texts/ramani-2015/#p42>.",
     'the link "https://china-kazakhstan-edition.github.io/edition/texts/ramani-2015/#p42" points to #p42, which '
     "Ramani's page does not have; link to a paragraph that exists (#p1, #p2, …)"),
])
def test_every_paragraph_reference_and_internal_link_in_a_note_is_checked(project, text, expected):
    note(project, text)
    assert lines(project) == [f"sources/annotations/zz.yml:10: {expected}"]


@pytest.mark.parametrize("q, expected", [
    ("a", 'quote "a" is shorter than 4 characters; quote the word or words that make the point, so that a reader '
          "sees what is meant"),
    ("order guards were found dead", 'quote begins inside the word "border"; a quote is whole words: extend it to '
                                     "the whole word"),
    ("when 15 border guards were found de", 'quote ends inside the word "dead."; a quote is whole words: extend it '
                                            "to the whole word"),
    ("exchange of military bands. An area of potential cooperation",
     'quote not found in harrison-2015: "exchange of military bands. An area of potential cooperation"; the quote '
     "runs from ¶6 into ¶7; a passage stands within one paragraph, so quote each part in a passage of its own"),
])
def test_editorial_limits_of_a_quote(project, q, expected):
    quote(project, q)
    assert lines(project) == [f"sources/annotations/zz.yml:9: {expected}"]


def test_a_note_has_a_size_limit(project):
    note(project, "Both count 15 dead. " * 300)
    assert lines(project) == ["sources/annotations/zz.yml:10: field 'note' has 5,999 characters, more than the 4,000 "
                              "allowed; shorten it (CONTRIBUTING.md gives the limits)"]


def test_a_cross_reference_joins_the_articles_not_their_paratext(project):
    annotation(project, GOOD.replace('"The mysterious deaths of 15 border guards"', '"AA-AA"')
               .replace('"when 15 border guards were found dead"', '"Leave a Reply"'))
    assert lines(project) == [
        "sources/annotations/zz.yml:7: a cross-reference joins the articles' own words, and this quote stands in the "
        "masthead of the reprint of ramani-2015; quote the title, standfirst, a heading or a body paragraph; a note "
        "on the masthead of the reprint is an editorial note (relation: editorial)"]


def test_the_guides_worked_example_of_make_check_is_what_make_check_prints(project):
    """CONTRIBUTING.md shows a draft with five mistakes and what `make check` says of it: the
    two must not drift apart."""
    import re

    from conftest import ROOT

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    part = guide[guide.index("A first draft with five mistakes"):]
    draft = re.search(r"```yaml\n(.*?)```", part, re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", part, re.S).group(1)
    (project / "sources/annotations/border-guards.yml").write_text(draft, encoding="utf-8")
    result = run_check(project)
    expected = [line for line in shown.splitlines() if line.startswith("sources/")]
    # the guide lists the two texts of the contract; a text added since is listed too
    listed = [m for line in expected for m in re.findall(r"valid sources: ([a-z0-9, -]+)$", line)]
    assert listed == ["harrison-2015, ramani-2015"], listed
    valid = "valid sources: " + ", ".join(sorted(p.stem for p in (project / "sources/texts").glob("*.yml")))
    expected = [re.sub(r"valid sources: [a-z0-9, -]+$", valid, line) for line in expected]
    assert [line for line in result.stdout.splitlines() if line.startswith("sources/")] == expected
