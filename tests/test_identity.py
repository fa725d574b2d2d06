"""What was published keeps its meaning: a published cross-reference id names the same passages
for ever (or an honest tombstone in sources/retired.yml), and a tombstone is refused where its
paragraph is still in the text. Each attack of the outside review, and variants of it, run on a
copy of the project whose first commit is its published main branch; nothing here names a text,
an id or a count: they are read from sources/."""
from __future__ import annotations

import subprocess

import pytest
import yaml

from conftest import make_project
from edition import EditionError, load_edition
from edition.anchors import folded

ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}


def git(project, *args) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env=ENV).stdout.strip()


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A copy of the project whose main branch (one commit) is what was published, and the
    edition loaded from it."""
    project = make_project(tmp_path_factory.mktemp("identity") / "project")
    (project / "sources/releases.yml").unlink(missing_ok=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "published")
    return project, load_edition(project)


@pytest.fixture
def edit(published):
    """Edits made to the published project are undone after each test."""
    project, ed = published
    yield project, ed
    git(project, "checkout", "-q", "--", ".")
    git(project, "clean", "-qfd", "sources")


def retire(project, entries: str) -> None:
    """Add entries to sources/retired.yml, keeping those already there."""
    path = project / "sources/retired.yml"
    text = path.read_text(encoding="utf-8") if path.exists() else "retired:\n"
    path.write_text(text.rstrip("\n") + "\n" + entries, encoding="utf-8")


def entry_line(project, rid: str) -> int:
    lines = (project / "sources/retired.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, x in enumerate(lines, 1) if x == f"  - id: {rid}")


def problems(project) -> list[str]:
    try:
        load_edition(project)
    except EditionError as exc:
        return exc.problems.lines()
    return []


def two_text(ed):
    return [a for a in ed.annotations if len(a.sources) > 1]


def other_pair(ed, a):
    """A cross-reference none of whose passages stands in a paragraph of ``a``'s."""
    mine = {(p.source, p.block) for p in a.passages}
    return next(b for b in two_text(ed) if b.id != a.id and not {(p.source, p.block) for p in b.passages} & mine
                and b.sources == a.sources)


def rewrite(project, a, change) -> None:
    path = project / a.path
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def test_the_published_state_has_no_problem(edit):
    assert problems(edit[0]) == []


def test_a_published_id_reused_for_another_pair_is_refused(edit):
    """Attack 1: keep id, title and relation, replace the passages with another pair's."""
    project, ed = edit
    a = two_text(ed)[0]
    b = other_pair(ed, a)
    rewrite(project, a, lambda d: d.update(passages=[{"source": p.source, "quote": p.quote,
                                                       **({"prefix": p.prefix} if p.prefix else {}),
                                                       **({"suffix": p.suffix} if p.suffix else {})}
                                                      for p in b.passages]))
    lines = problems(project)
    assert lines, "make check accepted a published id naming another pair"
    for p in a.passages:
        n = p.block[1:]
        assert any(line.startswith(f"{a.path}:") and f"the cross-reference '{a.id}' was published (the main branch, "
                   f"at xrefs/#x-{a.id}) joining {ed.sources[p.source].short} ¶{n}" in line
                   and "it no longer quotes that passage" in line and "retire" in line for line in lines), lines


@pytest.mark.parametrize("keep", [0, 1])
def test_one_passage_moved_to_another_paragraph_is_refused(edit, keep):
    """A variant: one passage stays, the other moves to a paragraph of the same text."""
    project, ed = edit
    a = next(x for x in two_text(ed) if len(x.passages) == 2)
    moved = a.passages[1 - keep]
    src = ed.sources[moved.source]
    target = next(b for b in src.paragraphs if b.id != moved.block and len(b.reading.split()) > 12)
    words = " ".join(target.reading.split()[:12])
    rewrite(project, a, lambda d: d["passages"][1 - keep].update(quote=words))
    lines = problems(project)
    if any("matches" in line and "places" in line or "overlaps" in line for line in lines):
        pytest.skip("the chosen words are not a unique, free quote in this text")
    assert any(f"the cross-reference '{a.id}' was published" in line and f"¶{moved.block[1:]}" in line
               for line in lines), lines


def test_another_claim_in_the_same_paragraph_is_refused(edit):
    """A variant: the passage stays in its paragraph but quotes other words of it."""
    project, ed = edit
    tried = 0
    for a in two_text(ed):
        p = a.passages[0]
        block = ed.sources[p.source].block(p.block)
        for words in (block.reading[p.end:].split()[2:12], block.reading[:p.start].split()[:10]):
            if len(words) < 8:
                continue
            tried += 1
            rewrite(project, a, lambda d: d["passages"][0].update(quote=" ".join(words), prefix="", suffix=""))
            lines = problems(project)
            git(project, "checkout", "-q", "--", ".")
            if any("matches" in x and "places" in x or "overlaps" in x or "whole words" in x for x in lines):
                continue
            assert any(f"the cross-reference '{a.id}' was published" in line for line in lines), lines
            return
    pytest.fail(f"no free words found for the test in {tried} tries")


def test_a_longer_or_shorter_quote_of_the_same_words_is_accepted(edit):
    """What may change: the quote's extent within the same claim."""
    project, ed = edit
    for a in two_text(ed):
        p = a.passages[0]
        words = p.quote.split()
        if len(words) > 8:
            break
    rewrite(project, a, lambda d: d["passages"][0].update(quote=" ".join(words[:-2])))
    lines = problems(project)
    assert not any("was published" in line for line in lines), lines


def test_title_note_relation_and_topics_may_change(edit):
    project, ed = edit
    a = two_text(ed)[0]
    other = next(r for r in ed.relations if r != a.relation and ed.relations[r].get("texts", 2) > 1)
    rewrite(project, a, lambda d: d.update(title="Another title", relation=other, note=d["note"] + " More."))
    assert not any("was published" in line for line in problems(project))


def test_an_added_passage_is_accepted(edit):
    """A merge adds the passages of the merged cross-reference beside the published ones."""
    project, ed = edit
    a = two_text(ed)[0]
    b = other_pair(ed, a)
    rewrite(project, a, lambda d: d["passages"].append({"source": b.passages[0].source, "quote": b.passages[0].quote}))
    assert not any("was published" in line for line in problems(project))


def test_a_retired_id_that_is_still_in_use_is_refused(edit):
    project, ed = edit
    a = two_text(ed)[0]
    retire(project, f"  - id: {a.id}\n    removed: \"merged\"\n")
    lines = problems(project)
    assert any(line.startswith(f"sources/retired.yml:{entry_line(project, a.id)}: '{a.id}' is retired, but the "
                               f"cross-reference is still there "
                               f"({a.path}:") for line in lines), lines


def test_a_retired_id_needs_a_reason_and_a_live_successor(edit):
    project, ed = edit
    a, b = two_text(ed)[0], two_text(ed)[1]
    (project / a.path).unlink()
    before = (project / "sources/retired.yml").read_text(encoding="utf-8") if (project / "sources/retired.yml").exists() \
        else None
    retire(project, f"  - id: {a.id}\n    removed: \" \"\n  - id: {a.id}-x\n    removed: \"gone\"\n    see: no-such-id\n")
    lines = problems(project)
    at = entry_line(project, a.id)
    assert f"sources/retired.yml:{at + 1}: '{a.id}' is retired without a reason; say in 'removed' why the " \
           "cross-reference was retired and when" in lines, lines
    assert any(line.startswith(f"sources/retired.yml:{at + 4}: '{a.id}-x' points to 'no-such-id'") for line in lines), \
        lines
    if before is None:
        (project / "sources/retired.yml").unlink()
    else:
        (project / "sources/retired.yml").write_text(before, encoding="utf-8")
    retire(project, f"  - id: {a.id}\n    removed: \"split\"\n    see: {b.id}\n")
    assert not [x for x in problems(project) if "retired" in x or "published" in x]


def test_a_retired_id_keeps_its_tombstone_and_is_never_given_out_again(edit):
    project, ed = edit
    a, b = two_text(ed)[0], two_text(ed)[1]
    (project / a.path).unlink()
    retire(project, f"  - id: {a.id}\n    removed: \"split\"\n    see: {b.id}\n")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "retire")
    try:
        path = project / "sources/retired.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text[:text.index(f"  - id: {a.id}\n")], encoding="utf-8")
        lines = problems(project)
        assert any(f"'{a.id}' was published as retired (the main branch) and its entry is gone from "
                   "sources/retired.yml" in line for line in lines), lines
        git(project, "checkout", "-q", "HEAD~1", "--", "sources/retired.yml", a.path)
        lines = problems(project)
        assert any(f"'{a.id}' was published as retired (the main branch) and is given to a cross-reference again"
                   in line for line in lines), lines
    finally:
        git(project, "reset", "-q", "--hard", "HEAD~1")


def test_an_alias_must_cover_what_its_id_named(edit):
    """Merging a published id into another is an alias only where the other quotes its passages."""
    project, ed = edit
    a = two_text(ed)[0]
    b = other_pair(ed, a)
    (project / a.path).unlink()
    rewrite(project, b, lambda d: d.update(aliases=[*d.get("aliases", []), a.id]))
    lines = problems(project)
    assert any(line.startswith(f"{b.path}:") and f"the cross-reference '{a.id}' was published" in line
               for line in lines), lines


def test_a_deleted_published_id_says_how_to_retire_it(edit):
    project, ed = edit
    a = two_text(ed)[0]
    (project / a.path).unlink()
    lines = problems(project)
    assert any(line.startswith(f"sources/annotations/{a.id}.yml: the cross-reference '{a.id}' was published")
               and "retire it in sources/retired.yml" in line for line in lines), lines


# -- Tombstones of paragraphs -------------------------------------------------------------

def registry(project, sid):
    return project / "sources" / "anchors" / f"{sid}.yml"


def add_removed(project, sid, anchor, extra: str = "") -> int:
    """Mark ``anchor`` removed in the registry; returns the line of its entry."""
    path = registry(project, sid)
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(f"  - anchor: {anchor}")
    lines.insert(at + 1, f"    removed: \"gone\"{extra}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


@pytest.mark.parametrize("which", ["first", "middle", "last"])
def test_a_tombstone_on_a_living_paragraph_is_refused(edit, which):
    """Attack 2: `removed:` on a paragraph that is still in the text, unchanged."""
    project, ed = edit
    sid, src = next(iter(ed.sources.items()))
    paras = src.paragraphs
    block = {"first": paras[0], "middle": paras[len(paras) // 2], "last": paras[-1]}[which]
    line = add_removed(project, sid, block.id)
    lines = problems(project)
    top = max(b.number for b in paras) + 1
    expected = (f"sources/anchors/{sid}.yml:{line}: {block.id} of {sid} is marked removed, but its paragraph is still "
                f"in the text (100% alike: \"{' '.join(folded(block.reading).split()[:8])}…\", now numbered p{top})")
    assert any(x.startswith(expected) for x in lines), lines
    # `make anchors` refuses it too: nothing is registered under a new number.
    from edition.__main__ import main
    before = registry(project, sid).read_text(encoding="utf-8")
    assert main(["anchors", "--root", str(project)]) == 1
    assert registry(project, sid).read_text(encoding="utf-8") == before


def test_a_tombstone_with_see_on_its_own_paragraph_is_still_refused(edit):
    project, ed = edit
    sid, src = next(iter(ed.sources.items()))
    block = src.paragraphs[1]
    top = max(b.number for b in src.paragraphs) + 1
    add_removed(project, sid, block.id, f"\n    see: p{top}")
    lines = problems(project)
    assert any(f"{block.id} of {sid} is marked removed, but its paragraph is still in the text" in x for x in lines)


def test_a_retired_id_keeps_its_address_on_the_cross_reference_page(published):
    """The tombstone is what the published address shows: the id, why, and the successor."""
    from edition.pages.xrefs import xrefs_page
    from edition.yamlio import LineDict

    _, ed = published
    successor = two_text(ed)[0]
    entry = LineDict({"id": "gone-id", "removed": "Split <b>in two</b>.", "see": successor.id})
    entry.line, entry.key_lines = 2, {}
    page = xrefs_page(type(ed)(**{**ed.__dict__, "meta": {**ed.meta, "retired": {"gone-id": entry}}}))
    assert "### `gone-id` (retired) {#x-gone-id}\n\nSplit &lt;b&gt;in two&lt;/b&gt;. See " \
           f"[{successor.title}](#x-{successor.id})." in page.replace("\\", "")
