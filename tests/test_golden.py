"""Golden tests: the generated Markdown, and the HTML of the article, for the fixture text.

Run ``pytest tests/test_golden.py --update`` to rewrite the expected files after an
intended change, then review the diff."""
import difflib
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, run_build
from edition import load_edition
from edition.render import pages

GOLDEN = Path(__file__).resolve().parent / "golden" / "mini"


def compare(name: str, got: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
        return
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), str(path), "output"))
        pytest.fail(f"{path} differs from the output (run with --update if intended):\n{diff}")


@pytest.mark.parametrize("page", ["texts/mini-2020.md", "xrefs.md", "sources.md"])
def test_generated_markdown(page, request):
    ed = load_edition(FIXTURES / "mini")
    compare(page.replace("/", "__"), pages(ed)[page], request.config.getoption("--update"))


def test_article_html(mini, request):
    result = run_build(mini)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (mini / "site/texts/mini-2020/index.html").read_text(encoding="utf-8")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)
    compare("texts__mini-2020.html", article.strip() + "\n", request.config.getoption("--update"))
