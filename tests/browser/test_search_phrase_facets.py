"""Searching a phrase and narrowing the results, in Chromium (issue 25).

- A query in double quotes finds only the records that hold its words one after the other,
  folded as single words are: checked against the paragraphs as the built pages show them and
  against every record of the built index, not against counts written here. A quote left open
  is a phrase to the end of the query; a phrase and a word find the records with both.
- After a query the results narrow to one text, the notes of one relation, one topic: each
  choice says how many results it holds, holds exactly those, and only records that belong to
  it (read from the sources); the choices are buttons with aria-pressed, the count is
  announced, and the address keeps query and choices, so that a fresh page opens the same.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import ROOT
from edition import load_edition
from edition.search.words import bucket, parse_query, phrase_in, tokens
from test_search import Index

from .conftest import checked_page, launch
from .test_a11y import axe_violations
from .test_search_box import search
from .test_search_ranking import every_result

pytestmark = pytest.mark.browser

PHRASE = "official rhetoric"
"""The phrase of the issue: before phrases, its two words found 10 records, 2 without it."""


@pytest.fixture(scope="module")
def index(site):
    root = site / "search"
    return Index({p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()})


@pytest.fixture(scope="module")
def edition():
    return load_edition(ROOT)


def records(index) -> dict[str, tuple[int, str, str]]:
    """url → (number, title, text) of every record of the built index."""
    out = {}
    for n in range(index.manifest["n"]):
        url, title, text = index.record(n)
        out[url] = (n, title, text)
    return out


def holds(index, n: int, title: str, text: str, phrase: str) -> bool:
    """Whether record ``n`` holds ``phrase``: a paragraph in its text, any other record in its
    title or text (edition-search.js, ``verify``)."""
    pairs = [tuple(p) for p in index.manifest["spellings"]]
    words = tokens(phrase)
    return phrase_in(words, text, pairs) or (n >= index.manifest["kinds"][0] and phrase_in(words, title, pairs))


def paragraph_words(ctx, watch, base_url: str, urls: list[str]) -> dict[str, list[str]]:
    """The folded words of each paragraph (``texts/<id>/#pN``) as its built page shows it, less
    its number, its Cite button and its note numbers."""
    out = {}
    with checked_page(ctx, watch) as p:
        for page_url in sorted({u.split("#")[0] for u in urls}):
            p.goto(base_url + page_url)
            for u in urls:
                if u.startswith(page_url + "#"):
                    text = p.evaluate("""(id) => { const el = document.getElementById(id).cloneNode(true);
                        el.querySelectorAll('a.pnum, button, sup').forEach(x => x.remove());
                        return el.textContent; }""", u.split("#")[1])
                    out[u] = tokens(text)
    return out


def shown_urls(page) -> list[str]:
    return every_result(page)


def contiguous(words: list[str], phrase: list[str], pairs) -> bool:
    return phrase_in(phrase, " ".join(words), pairs)


def meta(page) -> str:
    return page.locator(".md-search-result__meta").inner_text()


# ---------------------------------------------------------------------------------------------
# Phrases
# ---------------------------------------------------------------------------------------------

def test_a_phrase_finds_only_and_every_record_that_holds_it(page, context, watch, base_url, index):
    rows = records(index)
    want = {u for u, (n, title, text) in rows.items() if holds(index, n, title, text, PHRASE)}
    both = {u for u, (n, title, text) in rows.items()
            if {"official", "rhetoric"} <= set(tokens(title + " " + text)) and u not in want}
    assert want and both, "the edition should hold the phrase, and both words apart, for this test to mean anything"

    page.goto(base_url + "texts/ramani-2015/")
    search(page, f'"{PHRASE}"')
    shown = shown_urls(page)
    assert set(shown) == want and len(shown) == len(want), (sorted(set(shown) ^ want))
    assert f"the phrase “{PHRASE}”" in meta(page)
    # The paragraphs, as their pages show them, hold the words one after the other.
    pairs = [tuple(p) for p in index.manifest["spellings"]]
    paras = [u for u in shown if re.search(r"^texts/[^/]+/#p\d+$", u)]
    assert paras
    for u, words in paragraph_words(context, watch, base_url, paras).items():
        assert contiguous(words, tokens(PHRASE), pairs), (u, words)
    # Each paragraph's snippet marks the phrase whole.
    for item in page.locator(".md-search-result__item").all()[:len(paras)]:
        marks = [tokens(m) for m in item.locator("p mark").all_inner_texts()]
        assert tokens(PHRASE) in marks, marks

    # The words without quotes find more, among them records without the phrase.
    page.locator("input.md-search__input").fill(PHRASE)
    page.wait_for_function("(q) => document.querySelector('.md-search-result__list').getAttribute('data-query') === q",
                           arg=PHRASE)
    plain = set(shown_urls(page))
    assert want < plain and plain & both


def test_an_open_quote_makes_a_phrase_of_the_rest(page, base_url):
    page.goto(base_url + "texts/harrison-2015/")
    search(page, f'"{PHRASE}"')
    closed = shown_urls(page)
    assert closed
    page.locator("input.md-search__input").fill(f'"{PHRASE}')
    page.wait_for_function("(q) => document.querySelector('.md-search-result__list').getAttribute('data-query') === q",
                           arg=f'"{PHRASE}')
    assert shown_urls(page) == closed


def test_a_phrase_and_a_word(page, base_url, index):
    """`"official rhetoric" Russia`: the records that hold the phrase and a word beginning with
    "russia" (a word outside quotes is also found by its beginning), no other."""
    rows = records(index)
    word = "russia"
    want = {u for u, (n, title, text) in rows.items() if holds(index, n, title, text, PHRASE)
            and any(w.startswith(word) for w in tokens(title + " " + text))}
    only_phrase = {u for u, (n, title, text) in rows.items() if holds(index, n, title, text, PHRASE)}
    assert want and want < only_phrase
    page.goto(base_url + "texts/ramani-2015/")
    query = f'"{PHRASE}" Russia'
    search(page, query)
    shown = shown_urls(page)
    assert set(shown) == want and len(shown) == len(want)
    # The landing paragraph marks the phrase where it stands, and the word.
    first = page.locator(".md-search-result__item a").first
    href = first.get_attribute("href")
    assert re.search(r"texts/[^/]+/\?h=.*#p\d+$", href), href
    first.click()
    page.wait_for_url(re.compile(r"#p\d+$"))
    marked = [tokens(m) for m in page.locator("mark.search-hit").all_inner_texts()]
    flat = [w for m in marked for w in m]
    assert "official" in flat and "rhetoric" in flat and any(w.startswith(word) for w in flat), marked
    assert all(w in ("official", "rhetoric") or w.startswith(word) for w in flat), marked


PARSE_CASES = ['"official rhetoric" Russia', "“China’s defence", 'border "SCO" "" "of the', "no quotes",
               "«آزاد» زبان", '„x y“ z']
KEYS = ["official rhetoric", "china s", "ازاد زبان", "1,520 kilometres", "x"]


def test_the_script_reads_phrases_and_pairs_as_the_index_does(page, base_url, index):
    page.goto(base_url + "texts/ramani-2015/")
    page.keyboard.press("/")
    page.wait_for_function("() => window.editionSearch && window.editionSearch.parse")
    for q in PARSE_CASES:
        phrases, free = parse_query(q)
        got = page.evaluate("(q) => window.editionSearch.parse(q)", q)
        assert got[0] == phrases and got[1].split() == free.split(), q
    n = index.manifest["pairs"]
    for key in KEYS:
        assert page.evaluate("([k, n]) => window.editionSearch.bucket(k, n)", [key, n]) == bucket(key, n), key


# ---------------------------------------------------------------------------------------------
# Narrowing
# ---------------------------------------------------------------------------------------------

def belongs(edition, url: str, facet: str, value: str) -> bool:
    """Whether the record at ``url`` belongs to the facet's value, by the sources."""
    notes = {f"xrefs/#x-{a.id}": a for a in edition.annotations}
    note = notes.get(url)
    if facet == "text":
        return url.startswith(f"texts/{value}/") or bool(note and value in note.sources)
    if facet == "relation":
        return bool(note and note.relation == value)
    paragraphs = {f"texts/{p.source}/#{p.block}" for a in edition.annotations if value in a.topics for p in a.passages}
    return bool(note and value in note.topics) or url in paragraphs


def state(query: str, sel: dict) -> str:
    return "|".join([query] + [sel.get(k, "") for k in ("text", "relation", "topic")])


def wait_state(page, query: str, sel: dict) -> None:
    page.wait_for_function("(s) => document.querySelector('.md-search-result__list').getAttribute('data-state') === s",
                           arg=state(query, sel))


def choices(page, facet: str) -> list[tuple[str, int, bool]]:
    """(value id, count shown, pressed) of each choice of a facet, "All" as ""."""
    out = []
    for b in page.locator(f".search-facet__choice[data-facet='{facet}']").all():
        count = int(re.search(r"\((\d+)\)$", b.inner_text().strip()).group(1))
        out.append((b.get_attribute("data-value"), count, b.get_attribute("aria-pressed") == "true"))
    return out


def choose(page, query: str, sel: dict, facet: str, value: str) -> dict:
    page.locator(f".search-facet__choice[data-facet='{facet}'][data-value='{value}']").click()
    new = {k: v for k, v in sel.items() if k != facet}
    if value and sel.get(facet) != value:
        new[facet] = value
    wait_state(page, query, new)
    return new


def test_each_choice_holds_what_it_says_and_only_what_belongs_to_it(page, base_url, edition):
    query = "border"
    page.goto(base_url + "texts/harrison-2015/")
    search(page, query)
    total = len(shown_urls(page))
    labels = {"text": {s: src.short for s, src in edition.sources.items()},
              "relation": {r: v["label"] for r, v in edition.relations.items()},
              "topic": {t: v["label"] for t, v in edition.topics.items()}}
    for facet in ("text", "relation", "topic"):
        listed = choices(page, facet)
        assert listed[0] == ("", total, True), listed                    # "All", pressed
        assert all(n <= total for _, n, _ in listed), listed             # a choice only takes results away
        values = [c for c in listed[1:] if c[1]]
        assert values, facet
        for value, count, pressed in values[:4]:
            assert not pressed
            button = page.locator(f".search-facet__choice[data-facet='{facet}'][data-value='{value}']")
            assert button.inner_text().startswith(labels[facet][value])   # the label the sources give
            choose(page, query, {}, facet, value)
            assert button.get_attribute("aria-pressed") == "true"
            shown = shown_urls(page)
            assert len(shown) == count, (facet, value, count, shown)
            assert all(belongs(edition, u, facet, value) for u in shown), (facet, value, shown)
            assert re.match(rf"{count} results?:", meta(page)) and labels[facet][value] in meta(page)
            choose(page, query, {facet: value}, facet, value)             # pressed again: all
            assert len(shown_urls(page)) == total


def test_choices_combine_and_the_address_keeps_them(page, context, watch, base_url, edition):
    query = f'"{PHRASE}"'
    page.goto(base_url + "texts/ramani-2015/")
    search(page, query)
    text = next(v for v, n, _ in choices(page, "text")[1:] if n)
    sel = choose(page, query, {}, "text", text)
    relation = next(v for v, n, _ in choices(page, "relation")[1:] if n)
    sel = choose(page, query, sel, "relation", relation)
    shown = shown_urls(page)
    assert shown and all(belongs(edition, u, "text", text) and belongs(edition, u, "relation", relation) for u in shown)
    params = parse_qs(urlparse(page.url).query)
    assert params == {"q": [query], "text": [text], "relation": [relation]}, page.url
    address = page.url
    with checked_page(context, watch) as fresh:                            # a fresh page
        fresh.goto(address)
        wait_state(fresh, query, sel)
        assert fresh.locator("input.md-search__input").input_value() == query
        assert fresh.evaluate("document.getElementById('__search').checked")
        pressed = fresh.locator(".search-facet__choice[aria-pressed=true]").evaluate_all(
            "bs => bs.map(b => [b.dataset.facet, b.dataset.value])")
        assert sorted(pressed) == sorted([["text", text], ["relation", relation], ["topic", ""]])
        assert every_result(fresh) == shown
        # Escape closes the search and takes it out of the address.
        fresh.keyboard.press("Escape")
        fresh.wait_for_function("() => !new URLSearchParams(location.search).has('q')")
        assert not parse_qs(urlparse(fresh.url).query)


def test_an_unknown_choice_in_the_address_is_left_out(page, base_url):
    page.goto(base_url + "texts/ramani-2015/?q=border&text=no-such-text")
    wait_state(page, "border", {})
    assert "text" not in parse_qs(urlparse(page.url).query)
    assert choices(page, "text")[0][2]                                     # "All" pressed


def test_keyboard_and_what_is_announced(page, base_url):
    page.goto(base_url + "texts/harrison-2015/")
    search(page, "Arkankergen")
    status = page.locator(".md-search-result__meta")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    for _ in range(40):                                                    # Tab to the first choice
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.search-facet__choice')"):
            break
    else:
        pytest.fail("Tab never reaches the choices")
    group = page.evaluate("document.activeElement.closest('[role=group]').getAttribute('aria-labelledby')")
    assert page.locator(f"#{group}").inner_text() == "Text"
    page.keyboard.press("Tab")                                             # the first text
    value = page.evaluate("document.activeElement.dataset.value")
    count = int(re.search(r"\((\d+)\)", page.evaluate("document.activeElement.textContent")).group(1))
    page.keyboard.press("Enter")
    wait_state(page, "Arkankergen", {"text": value})
    assert page.evaluate("document.activeElement.dataset.value") == value          # focus kept
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    assert re.match(rf"{count} results?:", status.inner_text())
    page.keyboard.press("Space")
    wait_state(page, "Arkankergen", {})
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "false"
    assert not axe_violations(page, ".md-search")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_choices_are_one_line_and_the_page_keeps_its_width(playwright, watch, base_url, tmp_path, scheme,
                                                                     edition):
    relation = max(edition.relations, key=lambda r: sum(a.relation == r for a in edition.annotations))
    ctx = launch(playwright, watch, tmp_path / "phone", viewport={"width": 390, "height": 844},
                 has_touch=True, is_mobile=True, color_scheme=scheme)
    try:
        with checked_page(ctx, watch) as page:
            page.goto(base_url + f"texts/harrison-2015/?q=border&relation={relation}")
            wait_state(page, "border", {"relation": relation})
            page.wait_for_function("() => document.activeElement.matches('input.md-search__input')")
            assert page.evaluate("innerWidth") == 390
            # once the sheet has slid in: the results and the line of choices within the screen
            page.wait_for_function("""() => [...document.querySelectorAll('.md-search-result__item, .search-facets')]
                .every(el => { const r = el.getBoundingClientRect(); return r.left > -0.5 && r.right < 390.5; })""")
            assert page.evaluate("innerWidth") == 390
            line = page.locator(".search-facets")
            assert line.evaluate("el => el.scrollWidth > el.clientWidth")            # one line, scrolled sideways
            chosen = page.locator(f".search-facet__choice[data-value='{relation}']")
            assert chosen.get_attribute("aria-pressed") == "true"
            page.wait_for_function("""(v) => { const b = document.querySelector(`.search-facet__choice[data-value='${v}']`)
                .getBoundingClientRect(); return b.left >= 0 && b.right <= innerWidth; }""", arg=relation)   # in view
            assert not axe_violations(page, ".md-search")
    finally:
        ctx.close()
