"""The order of the search's results in Chromium, and the words a result marks where it lands.

- "SCO" lists every record that names the SCO before any that only holds a longer word
  beginning with the letters (Ramani ¶2 says "scope"): the reader trial found it the other way.
- The order edition-search.js gives is the one tests/test_search.py (``rank``) computes from
  the index files, for a few queries.
- A result found through the other spelling ("defence" finding "defense") lands on its
  paragraph with the word the text writes marked, and marks nothing else."""
from __future__ import annotations

import re

import pytest

from edition.search.words import fold, words
from test_search import Index, holds_whole, rank

from .test_search_box import search

pytestmark = pytest.mark.browser

RAMANI, HARRISON = "texts/ramani-2015/", "texts/harrison-2015/"


@pytest.fixture(scope="module")
def index(site):
    root = site / "search"
    return Index({p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()})


def every_result(page) -> list[str]:
    """The addresses of every result in the box, after "Show more" until there is no more,
    relative to the site (without ?h=)."""
    while page.locator(".search-more button").count():
        n = page.locator(".md-search-result__item").count()
        page.locator(".search-more button").click()
        page.wait_for_function("(n) => document.querySelectorAll('.md-search-result__item').length > n", arg=n)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
    base = page.evaluate("new URL('../', document.querySelector('script[src*=edition-search]').src).href")
    return [re.sub(r"\?h=[^#]*", "", h).removeprefix(base) for h in hrefs]


def test_sco_lists_the_paragraphs_naming_the_sco_first(page, base_url, index):
    page.goto(base_url + RAMANI)
    search(page, "SCO")
    shown = every_result(page)
    by_url = {index.record(n)[0]: n for n in range(index.manifest["n"])}
    whole = [holds_whole(index, by_url[u], "sco") for u in shown]
    assert any(whole) and not all(whole), shown
    cut = whole.index(False)
    assert all(whole[:cut]) and not any(whole[cut:]), \
        "a result without the word SCO ranks above one with it: " + ", ".join(
            f"{u} ({'SCO' if w else 'prefix only'})" for u, w in zip(shown, whole))
    paragraphs = [u for u in shown[:cut] if re.search(r"^texts/.*#p\d+$", u)]
    assert len(paragraphs) >= 5 and shown[:len(paragraphs)] == paragraphs
    assert shown.index(RAMANI + "#p2") >= cut
    # The first result shows the word marked in its snippet.
    marks = page.locator(".md-search-result__item").first.locator("mark").all_inner_texts()
    assert "SCO" in marks, marks


@pytest.mark.parametrize("query", ["SCO", "sco", "defen", "Kazakh", "border security", "uyghur"])
def test_the_script_ranks_as_the_index_reader_does(page, base_url, index, query):
    page.goto(base_url + HARRISON)
    page.keyboard.press("/")
    page.wait_for_function("() => window.editionSearch && window.editionSearch.rank")
    got = page.evaluate("(q) => window.editionSearch.rank(q)", query)
    want = rank(index, query)
    assert [r["url"] for r in got] == [h["url"] for h in want], query
    assert [r["exact"] for r in got] == [h["exact"] for h in want], query


def _land(page, base_url, index, query: str, text: str, written: str) -> None:
    """Search ``query``, open the first result that is a paragraph of ``text`` writing
    ``written``, and check what the landing page marks."""
    page.goto(base_url + text)
    search(page, query)
    every_result(page)
    links = page.locator(f".md-search-result__item a[href*='{text}']")
    for k in range(links.count()):
        href = links.nth(k).get_attribute("href")
        pid = href.rsplit("#", 1)[1]
        n = next(n for n in range(index.manifest["kinds"][0]) if index.record(n)[0] == f"{text}#{pid}")
        if written in words(index.record(n)[2]):
            break
    else:
        pytest.fail(f"no result for {query!r} is a paragraph of {text} writing {written!r}")
    item = links.nth(k)
    assert fold(written) in [fold(m) for m in item.locator("mark").all_inner_texts()], item.inner_html()
    item.click()
    # ?h= leaves the address once the words are marked (edition-search.js, highlightLanding)
    page.wait_for_url(re.compile(re.escape(text) + "#" + pid + "$"))
    marked = page.locator("mark.search-hit").all_inner_texts()
    assert marked and {fold(m) for m in marked} == {written}, marked
    assert page.locator(f"#{pid} mark.search-hit").count() == len(marked)     # only in the paragraph


def test_a_result_found_through_the_other_spelling_marks_the_word_the_text_writes(page, base_url, index):
    """"defence" lands on a paragraph of Ramani, who writes "defense", with "defense" marked."""
    _land(page, base_url, index, "defence", RAMANI, "defense")


def test_a_result_found_by_its_own_spelling_marks_it_too(page, base_url, index):
    """The index lists a variant with the words the records write ("defense" for "defence"):
    a paragraph of Harrison, who writes "defence" itself, has "defence" marked, and a search
    for "defense" marks "defence" there."""
    _land(page, base_url, index, "defence", HARRISON, "defence")
    _land(page, base_url, index, "defense", HARRISON, "defence")
