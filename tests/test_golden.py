"""Golden tests, one folder per case, in the manner of pymdown-extensions' ``tests/extensions``.

Each ``tests/golden/<case>/`` holds ``input/`` (files laid over the fixture project
``tests/fixtures/mini``: a changed witness, a hostile annotation…) and ``expected/``: every
generated page (Markdown), every export, and the built HTML of the reading page's article.
The test builds each case and compares every file, both ways (a file missing from either side
is a difference too).

``pytest tests/test_golden.py --update`` rewrites ``expected/`` from the current output;
review the diff before committing it.
"""
from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project, run_build
from edition import load_edition
from edition.exports import exports
from edition.pages import pages

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())
BASE = "https://example.org/edition/"


def project(tmp_path: Path, case: str) -> Path:
    root = make_project(tmp_path / case, FIXTURES / "mini" / "sources")
    overlay = GOLDEN / case / "input"
    shutil.copytree(overlay, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".keep"))
    return root


def outputs(root: Path) -> dict[str, str]:
    """Every generated file of a case, by its name in ``expected/``."""
    ed = load_edition(root, mode="anchors")
    out = {f"pages/{path}": text for path, text in pages(ed, BASE).items()}
    for path, content in exports(ed, BASE).items():
        out[f"exports/{path}"] = content.decode("utf-8") if isinstance(content, bytes) else content
    result = run_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (root / "site/texts/mini-2020/index.html").read_text(encoding="utf-8")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)
    out["site/texts/mini-2020/article.html"] = article.strip() + "\n"
    return out


@pytest.mark.parametrize("case", CASES)
def test_golden(case, tmp_path, request):
    got = outputs(project(tmp_path, case))
    expected = GOLDEN / case / "expected"
    if request.config.getoption("--update"):
        shutil.rmtree(expected, ignore_errors=True)
        for name, text in got.items():
            (expected / name).parent.mkdir(parents=True, exist_ok=True)
            (expected / name).write_bytes(text.encode("utf-8"))   # as made: RIS keeps its CRLF
        return
    want = {p.relative_to(expected).as_posix(): p.read_bytes().decode("utf-8")
            for p in sorted(expected.rglob("*")) if p.is_file()}
    problems = [f"missing from expected/: {n}" for n in sorted(set(got) - set(want))]
    problems += [f"no longer produced: {n}" for n in sorted(set(want) - set(got))]
    for name in sorted(set(got) & set(want)):
        if got[name] != want[name]:
            problems.append("".join(difflib.unified_diff(want[name].splitlines(True), got[name].splitlines(True),
                                                         f"expected/{name}", "output")))
    if problems:
        pytest.fail(f"{case} differs from tests/golden/{case}/expected (run with --update if intended):\n"
                    + "\n".join(problems))


def test_every_case_has_expected_output():
    assert CASES == ["hostile", "mini", "tombstone"]
    for case in CASES:
        assert (GOLDEN / case / "expected/site/texts/mini-2020/article.html").is_file(), case


def test_the_hostile_case_shows_its_payloads_as_text():
    """The hostile case's expected output is inert: what it holds is escaped text."""
    article = (GOLDEN / "hostile/expected/site/texts/mini-2020/article.html").read_text(encoding="utf-8")
    assert "<script>alert" not in article and "<img src=x" not in article and "onmouseover=\"alert" not in article
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in article or "alert(4)" not in article
    page = (GOLDEN / "hostile/expected/pages/texts/mini-2020.md").read_text(encoding="utf-8")
    assert "title: \"Au&lt;i>thor&lt;/i>: A Fixture &lt;/title>&lt;script>alert(6)&lt;/script> Title\"" in page
