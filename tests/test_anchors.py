"""Stable anchors: a typo keeps them, an insertion keeps them, a removal leaves a tombstone."""
import hashlib
import re

import pytest

from edition import EditionError, load_edition
from edition.anchors import assign, fingerprint
from conftest import FIXTURES, error_lines, make_project, run_build
from edition.__main__ import main as cli

TEXT = "sources/texts/mini-2020.txt"
META = "sources/texts/mini-2020.yml"


def rewrite(project, old: str, new: str) -> None:
    """Change the fixture's received text and record its new checksum (a new witness)."""
    path = project / TEXT
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    meta = project / META
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    meta.write_text(re.sub(r"sha256: \w+", f"sha256: {digest}", meta.read_text(encoding="utf-8")), encoding="utf-8")


def numbered(project) -> dict[str, str]:
    src = load_edition(project).sources["mini-2020"]
    return {b.id: b.reading.split()[0] for b in src.paragraphs}


def test_registry_matches_the_fixture(mini):
    assert numbered(mini) == {"p1": "First", "p2": "Second", "p3": "Third", "p4": "Fourth"}


def test_correcting_a_typo_keeps_every_anchor(mini):
    rewrite(mini, "about pears", "about paers")
    assert numbered(mini) == {"p1": "First", "p2": "Second", "p3": "Third", "p4": "Fourth"}


def test_inserting_a_paragraph_keeps_every_anchor_and_numbers_the_new_one(mini):
    rewrite(mini, "## A Section\n", "An inserted paragraph about quinces.\n\n## A Section\n")
    src = load_edition(mini).sources["mini-2020"]
    assert [(b.id, b.reading.split()[0]) for b in src.paragraphs] == [
        ("p1", "First"), ("p2", "Second"), ("p5", "An"), ("p3", "Third"), ("p4", "Fourth")]


def test_make_anchors_registers_the_new_paragraph(mini):
    rewrite(mini, "## A Section\n", "An inserted paragraph about quinces.\n\n## A Section\n")
    assert cli(["anchors", "--root", str(mini)]) == 0
    reg = (mini / "sources/anchors/mini-2020.yml").read_text(encoding="utf-8")
    assert re.findall(r"anchor: (p\d+)", reg) == ["p1", "p2", "p5", "p3", "p4"]
    assert 'incipit: "An inserted paragraph about quinces."' in reg


def test_removing_a_paragraph_without_a_tombstone_fails_with_what_to_add(mini):
    rewrite(mini, "Second paragraph about pears, and the border at Arkankergen.\n\n", "")
    with pytest.raises(EditionError) as exc:
        load_edition(mini)
    [problem] = exc.value.problems.lines()
    assert problem == (
        'sources/anchors/mini-2020.yml:11: published anchor p2 of mini-2020 would disappear: no paragraph begins '
        '"Second paragraph about pears, and the border at…" or ends "…paragraph about pears, and the border at '
        'Arkankergen." any '
        'more; if the paragraph was removed, keep the anchor as a tombstone by adding `removed: "why and when"` '
        '(and `see: pN` for where its content went) to the entry for p2; if it was rewritten, restore its first '
        'or last words')


def test_a_removed_paragraph_leaves_a_tombstone_that_resolves(mini):
    rewrite(mini, "Second paragraph about pears, and the border at Arkankergen.\n\n", "")
    reg = mini / "sources/anchors/mini-2020.yml"
    text = reg.read_text(encoding="utf-8")
    reg.write_text(text.replace('  - anchor: p2\n', '  - anchor: p2\n    removed: "a duplicate, withdrawn in 0.2"\n'
                                                    '    see: p3\n'), encoding="utf-8")
    assert numbered(mini) == {"p1": "First", "p3": "Third", "p4": "Fourth"}
    result = run_build(mini)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (mini / "site/texts/mini-2020/index.html").read_text(encoding="utf-8")
    tomb = re.search(r'<p class="tombstone" id="p2">(.*?)</p>', html, re.S).group(1)
    assert "¶2 was published in an earlier version of the edition and has been removed" in tomb
    assert "a duplicate, withdrawn in 0.2" in tomb and 'href="#p3"' in tomb
    assert html.index('id="p1"') < html.index('id="p2"') < html.index('id="p3"')


@pytest.mark.parametrize("paragraphs, registry, numbers, new", [
    (["a b c", "d e f"], [], [1, 2], [1, 2]),
    (["a b c", "d e f"], [{"anchor": "p1", **fingerprint("a b c")}, {"anchor": "p2", **fingerprint("d e f")}],
     [1, 2], []),
    (["d e f", "a b c"], [{"anchor": "p1", **fingerprint("a b c")}, {"anchor": "p2", **fingerprint("d e f")}],
     [2, 1], []),
    (["a b c"], [{"anchor": "p1", **fingerprint("a b c")}, {"anchor": "p2", "removed": "gone"}], [1], []),
    (["a b c", "x y z"], [{"anchor": "p1", **fingerprint("a b c")}, {"anchor": "p2", "removed": "gone"}],
     [1, 3], [3]),
])
def test_assign_table(paragraphs, registry, numbers, new):
    got = assign(paragraphs, registry)
    assert (got.numbers, got.new, got.lost) == (numbers, new, [])
