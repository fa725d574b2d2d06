"""The search box in Chromium: a page load fetches nothing of the search; the first use loads
the search script and only the pieces of the index the query needs; results put the texts
first and land on the paragraph with the words highlighted; keyboard and screen reader; the
same reading of words as the index builder's (hooks/edition/search/words.py)."""
from __future__ import annotations

import gzip
import re
from urllib.parse import urlparse

import pytest

from edition.search.words import fold, spans

from .conftest import SETTLED, checked_page, launch, settle, wait_scrolled
from .test_a11y import axe_violations

pytestmark = pytest.mark.browser

RAMANI, HARRISON = "texts/ramani-2015/", "texts/harrison-2015/"


def requests_of(page) -> list[str]:
    """Every request the page makes from now on, but ``settle``'s own."""
    seen: list[str] = []
    page.on("request", lambda r: None if r.url.endswith(SETTLED) else seen.append(r.url))
    return seen


def search(page, query: str):
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    page.wait_for_function("(q) => { const l = document.querySelector('.md-search-result__list');"
                           " return l.getAttribute('data-query') === document.querySelector('input.md-search__input').value; }",
                           arg=query)


def hrefs(page) -> list[str]:
    return page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")


@pytest.mark.parametrize("path", ["", RAMANI, HARRISON, "compare/", "xrefs/", "contributing/"])
def test_loading_a_page_fetches_no_search_index(page, base_url, path):
    seen = requests_of(page)
    page.goto(base_url + path)
    settle(page)        # loaded, its scripts started, and every request they made seen
    assert any(u.startswith(base_url + path) for u in seen), seen     # the listener saw the page itself
    search_files = [u for u in seen if "/search/" in u or "edition-search" in u or "/workers/" in u]
    assert not search_files, f"{path or 'home'} fetched {search_files}"
    assert page.locator("input.md-search__input").is_visible()


def test_a_query_fetches_only_what_it_needs(page, base_url, site):
    page.goto(base_url + RAMANI)
    settle(page)
    seen = requests_of(page)
    search(page, "Arkankergen")         # the results are shown: what they needed has come
    settle(page)                        # and whatever the search asked for after them
    paths = [urlparse(u).path.removeprefix(urlparse(base_url).path) for u in seen]
    assert paths[0] == "assets/edition-search.js" and "search/manifest.json" in paths, paths
    assert all(p.startswith(("search/", "assets/edition-search.")) for p in paths), paths   # its script and style
    assert "search/search_index.json" not in paths
    fetched = sum(len(gzip.compress((site / p).read_bytes(), 6)) for p in paths)
    assert fetched < 40 * 1024, f"{fetched} bytes gzipped for one query: {paths}"


@pytest.mark.parametrize("query, first, paragraphs", [
    ("Arkankergen", (RAMANI + "#p13", HARRISON + "#p8"), 2),
    ("Tasmagambetov", (RAMANI + "#p1",), 1),
    # both words in Ramani ¶1, which comes before the paragraphs with one of them
    ("Defense Minister", (RAMANI + "#p1",), 3)])
def test_the_texts_come_first(page, base_url, query, first, paragraphs):
    """`first` and `paragraphs` name what the two texts of the contract hold. The paragraphs named
    in `first` come first, in that order, with nothing before them but other paragraphs of the
    texts (another text's may stand among them); the count line counts every paragraph found."""
    from .test_search_ranking import every_result

    page.goto(base_url + RAMANI)
    search(page, query)
    found = every_result(page)
    in_texts = [h for h in found if re.fullmatch(r"texts/[^/#]+/#p\d+", h)]
    ours = [h for h in in_texts if h.startswith((RAMANI, HARRISON))]
    assert len(ours) == paragraphs, (query, in_texts)
    assert ours[:len(first)] == list(first), (query, found[:6])
    top = found[:found.index(first[-1]) + 1]
    assert all(h in in_texts for h in top), (query, top)
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.match(rf"\d+ results?: {len(in_texts)} paragraphs? of the texts", meta), meta


def test_either_spelling_and_the_word_the_text_writes(page, base_url):
    page.goto(base_url + HARRISON)
    search(page, "Uyghur")
    first = page.locator(".md-search-result__item").first
    assert re.search(r"texts/.*#p\d+$", first.locator("a").get_attribute("href"))
    assert "Uighur" in first.locator("mark").all_inner_texts(), first.inner_html()
    assert "also spelled" not in page.locator(".md-search-result").inner_text()


def test_persian_of_the_masthead(page, base_url):
    page.goto(base_url + HARRISON)
    search(page, "آزاد")
    assert any("texts/ramani-2015/" in h and h.endswith("#paratext") for h in hrefs(page)), hrefs(page)


def test_a_word_beginning_finds_the_word(page, base_url):
    page.goto(base_url + HARRISON)
    search(page, "Arkank")
    assert any(h.endswith("#p8") and HARRISON in h for h in hrefs(page))


def test_missing_words_are_said(page, base_url):
    page.goto(base_url + HARRISON)
    search(page, "Arkankergen zzzqqq")
    assert "None has every word" in page.locator(".md-search-result__meta").inner_text()
    assert page.locator(".md-search-result__terms del").first.inner_text() == "zzzqqq"
    page.locator("input.md-search__input").fill("qqqzzzxxx")
    page.wait_for_function("() => document.querySelector('.md-search-result__list').getAttribute('data-query') === 'qqqzzzxxx'")
    assert page.locator(".md-search-result__meta").inner_text() == "No results for “qqqzzzxxx”."


def test_the_result_lands_on_the_paragraph_with_the_words_highlighted(page, base_url):
    page.goto(base_url + RAMANI)
    search(page, "Arkankergen")
    page.locator(f".md-search-result__item a[href*='{HARRISON}'][href$='#p8']").first.click()
    page.wait_for_url(re.compile(re.escape(HARRISON) + r"#p8$"))     # ?h= taken out of the address
    assert wait_scrolled(page, "#p8")["ok"]
    assert page.locator("#p8 mark.search-hit").all_inner_texts() == ["Arkankergen"]
    assert page.locator("mark.search-hit").count() == 1                # only in the paragraph
    page.go_back()       # to the search, which the address keeps (?q=), reopened with its results
    page.wait_for_url(re.compile(re.escape(RAMANI) + r"\?q=Arkankergen$"))
    page.wait_for_function("() => document.querySelector('.md-search-result__list').getAttribute('data-query') === 'Arkankergen'")


def test_keyboard(page, base_url):
    page.goto(base_url + HARRISON)
    for key in ("s", "f", "/"):
        page.locator("body").click(position={"x": 5, "y": 300})
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.matches('input.md-search__input')"), key
        assert page.evaluate("document.getElementById('__search').checked"), key
    page.locator("input.md-search__input").press_sequentially("border", delay=10)
    page.locator(".md-search-result__item").nth(2).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    assert second == hrefs(page)[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not page.evaluate("document.activeElement.matches('input.md-search__input')")
    # Enter opens the first result
    page.keyboard.press("/")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#p\d+$|/#[\w-]+$"))


def test_typing_in_a_field_is_not_a_shortcut(page, base_url):
    page.goto(base_url + RAMANI)
    page.locator("#p3 button.cite-btn").click()
    page.locator("dialog#cite-dialog").wait_for(state="visible")
    page.keyboard.press("s")
    assert not page.evaluate("document.activeElement.matches('input.md-search__input')")


def test_the_count_is_announced_and_the_list_is_named(page, base_url):
    page.goto(base_url + RAMANI)
    search(page, "Arkankergen")
    meta = page.locator(".md-search-result__meta")
    assert meta.get_attribute("aria-live") == "polite" and meta.get_attribute("role") == "status"
    assert page.locator(".md-search-result__list").get_attribute("aria-label")
    assert page.locator("input.md-search__input").get_attribute("aria-label")


def test_show_more(page, base_url):
    page.goto(base_url + RAMANI)
    search(page, "Kazakhstan")
    n = page.locator(".md-search-result__item").count()
    assert n == 10
    more = page.locator(".search-more button")
    assert re.match(r"Show 10 more of \d+", more.inner_text())
    more.click()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 20")
    assert page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")


def test_on_a_phone(playwright, watch, base_url, tmp_path):
    ctx = launch(playwright, watch, tmp_path / "phone", viewport={"width": 390, "height": 844},
                 has_touch=True, is_mobile=True, color_scheme="dark")
    try:
        with checked_page(ctx, watch) as page:
            page.goto(base_url + HARRISON)
            page.locator("label.md-header__button[for=__search]").tap()
            page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
            page.keyboard.type("Tasmagambetov", delay=10)
            page.locator(".md-search-result__item").first.wait_for()
            box = page.locator(".md-search-result__item").first.bounding_box()
            assert box["width"] >= 380 and box["y"] < 200, box
            assert not axe_violations(page, ".md-search")
    finally:
        ctx.close()


WORDS = ["China's defence", "Ürümqi and Xinjiang", "$1.5 billion, 20,000 troops; 3 sides", "Kazakh–Chinese",
         "افغانستان\u200cآزاد", "اروپائي كشور", "naïve café", "x1.2.3y", "۱۳۹۴ ۲۰", "a.b,c 1,a 2.",
         "Straße ǅemal ﬁnance", "𝐁old 𝟙 and emoji 😀 text"]


def test_the_script_reads_words_as_the_index_does(page, base_url):
    page.goto(base_url + RAMANI)
    page.keyboard.press("/")
    page.wait_for_function("() => window.editionSearch")
    for text in WORDS:
        expected = [fold(text[i:j]) for i, j in spans(text)]
        assert page.evaluate("(t) => window.editionSearch.read(t)", text) == expected, text
