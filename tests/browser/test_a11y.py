"""Accessibility of the built edition: axe-core finds nothing on any page (in light mode at
1280 px, the compare page at 375 px, a text page, the home page and the contributing page in
dark mode, with the search and the cite dialog open; the archived versions under versions/X.Y.Z/
in test_versions_a11y.py), highlights do not rely on colour alone, and a keyboard-only reader can skip
to the content, see where the focus is, and reach every footnote reference and backlink.

The fixes these tests hold in place: docs/assets/edition.css (underlined links in running
text, link colour inside highlights in dark mode) and overrides/partials/search.html (a name
for the search dialog)."""
from __future__ import annotations

import re

import pytest

from .conftest import checked_page, launch

pytestmark = pytest.mark.browser

RAMANI = "texts/ramani-2015/"


# axe's run options for WCAG 2.2 AA (the tests of one feature's parts; test_versions_a11y.py adds best practice).
WCAG22 = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]},
          "resultTypes": ["violations"]}


def axe_violations(page, context=None, options=None) -> list[str]:
    """What axe finds on the page (or in ``context``), one line each; ``options``: axe's run
    options (test_versions_a11y.py asks for the WCAG 2.2 AA tags and best practice)."""
    from axe_playwright_python.sync_playwright import Axe
    # Colours are judged at rest: Material's buttons fade (.25s) into their focus colours.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    result = Axe().run(page, context=context, options=options).response
    out = []
    for v in result["violations"]:
        nodes = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:4])
        more = f" (+{len(v['nodes']) - 4} more)" if len(v["nodes"]) > 4 else ""
        out.append(f"{v['id']} ({v['impact']}): {len(v['nodes'])} node(s): {nodes}{more}\n"
                   f"      {v['nodes'][0]['failureSummary'].splitlines()[-1].strip()}")
    return out


def pages_of(site) -> list[str]:
    """Every page of the build, as a path under the site's address."""
    paths = sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html"))
    return paths + [p.name for p in site.glob("*.html") if p.name != "index.html"]


def test_axe_finds_nothing_on_any_page(page, base_url, site):
    paths = pages_of(site)
    assert {"", RAMANI, "texts/harrison-2015/", "compare/", "xrefs/", "404.html"} <= set(paths)
    found = {}
    for path in paths:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        if violations := axe_violations(page):
            found[path or "(home)"] = violations
    assert not found, "axe violations:\n" + "\n".join(
        f"  {p}:\n    " + "\n    ".join(v) for p, v in found.items())


def test_axe_compare_page_on_a_phone(page, base_url):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(base_url + "compare/")
    assert page.evaluate("getComputedStyle(document.querySelector('.compare')).gridTemplateColumns").count(" ") == 0, \
        "the compare columns are not stacked at 375 px"
    assert not axe_violations(page)


@pytest.mark.parametrize("width", [1280, 1000])
def test_every_link_of_the_sidebars_is_a_target_of_24_pixels(page, base_url, site, width):
    """WCAG 2.5.8 by size, not by the spacing axe measures (which a scrolled sidebar can clip, as
    a third text in the navigation once showed): every link of the navigation (shown from 1220 px)
    and of the table of contents, on every page, at least 24 CSS pixels high, and no two of them
    overlapping."""
    page.set_viewport_size({"width": width, "height": 900})
    small, measured = {}, {}
    for path in pages_of(site):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        boxes = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar .md-nav__link')]
            .filter(a => a.offsetParent !== null && a.getClientRects().length)
            .filter(a => a.closest('.md-sidebar--secondary') || innerWidth >= 1220)
            .map(a => { const r = a.getBoundingClientRect();
                        return [a.textContent.trim().slice(0, 30), r.top, r.bottom, !!a.closest('.md-sidebar--secondary')]; })""")
        measured[path] = len(boxes)
        bad = [(name, round(bottom - top, 1)) for name, top, bottom, _ in boxes if bottom - top < 24]
        for side in (False, True):
            col = sorted((top, bottom, name) for name, top, bottom, s in boxes if s == side)
            bad += [(f"{a[2]} overlaps {b[2]}", round(a[1] - b[0], 1)) for a, b in zip(col, col[1:]) if b[0] < a[1] - .5]
        if bad:
            small[path or "(home)"] = bad
    assert not small, small
    # it measured something: the reading pages have a table of contents, and at 1280 px a navigation
    assert all(measured[p] > 0 for p in measured if p.startswith("texts/") and p != "texts/"), measured


@pytest.fixture(scope="module")
def dark(playwright, watch, tmp_path_factory):
    """A first visit with prefers-color-scheme: dark (a fresh profile: Material remembers a palette)."""
    ctx = launch(playwright, watch, tmp_path_factory.mktemp("profile"), color_scheme="dark")
    yield ctx
    ctx.close()


def test_axe_text_page_in_dark_mode(dark, watch, base_url):
    with checked_page(dark, watch) as page:
        page.goto(base_url + RAMANI)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert not axe_violations(page)


@pytest.mark.parametrize("path", ["", "contributing/"])
def test_axe_dark_mode_code_links(dark, watch, base_url, path):
    """A link set in code (`annotations.jsonld` on the home page, `make check` on the
    contributing page) keeps 4.5:1 on the code background in the slate scheme (it was the slate
    link blue, 4.12:1: docs/assets/edition.css)."""
    with checked_page(dark, watch) as page:
        page.goto(base_url + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert page.locator("article a code").count() >= 1
        assert not axe_violations(page)


def _search_and_cite(page, base_url):
    page.goto(base_url + RAMANI)
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("Arkankergen", delay=15)
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search").get_attribute("aria-label"), "the search dialog has no name"
    # the whole list is shown: it says which query it holds once it is filled (edition-search.js)
    page.wait_for_function("() => document.querySelector('.md-search-result__list')"
                           ".getAttribute('data-query') === 'Arkankergen'")
    assert not axe_violations(page, ".md-search")
    page.keyboard.press("Escape")

    page.locator("#p3 button.cite-btn").click()
    page.locator("dialog#cite-dialog").wait_for(state="visible")
    assert not axe_violations(page, "#cite-dialog")


def test_axe_with_the_search_and_the_cite_dialog_open(page, base_url):
    _search_and_cite(page, base_url)


def test_axe_with_the_search_and_the_cite_dialog_open_in_dark_mode(dark, watch, base_url):
    with checked_page(dark, watch) as page:
        _search_and_cite(page, base_url)


def test_highlights_do_not_rely_on_colour_alone(page, base_url):
    page.goto(base_url + RAMANI)
    marks = page.evaluate("""() => [...document.querySelectorAll('mark.xref[id]')].map(m => {
        const s = getComputedStyle(m), b = getComputedStyle(m, '::before');
        return {id: m.id, relation: m.dataset.relation, line: s.textDecorationLine,
                style: s.textDecorationStyle, sign: b.content};
    })""")
    assert len(marks) >= 20
    bad = [m for m in marks if "underline" not in m["line"] or m["sign"] in ("none", "normal", '""')]
    assert not bad, f"highlights without underline or sign: {bad[:5]}"
    by_relation = {}
    for m in marks:
        by_relation.setdefault(m["relation"], set()).add((m["style"], m["sign"]))
    assert all(len(v) == 1 for v in by_relation.values()), by_relation
    looks = [next(iter(v)) for v in by_relation.values()]
    assert len(set(looks)) == len(looks), f"two relations look the same: {by_relation}"


def _tab_until(page, selector: str, limit: int) -> int:
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return n
    pytest.fail(f"{limit} presses of Tab never focused {selector}; "
                f"ended on {page.evaluate('document.activeElement.outerHTML.slice(0, 120)')}")


FOCUS_RING = """() => { const e = document.activeElement, s = getComputedStyle(e);
    return {visible: e.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
            shadow: s.boxShadow}; }"""


def _ring_shown(page, contrast: bool = False) -> dict:
    """The focused element shows a focus indicator (and, if asked, axe finds nothing on it:
    Material gives focused links and buttons the accent colour)."""
    ring = page.evaluate(FOCUS_RING)
    assert ring["visible"], ring
    assert (ring["style"] != "none" and ring["width"] >= 1) or ring["shadow"] != "none", \
        f"no visible focus indicator: {ring}"
    if contrast:
        assert not axe_violations(page, ":focus")
    return ring


def test_skip_link_moves_to_the_content(page, base_url):
    page.goto(base_url + "texts/harrison-2015/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.md-skip')"), "the first Tab does not reach the skip link"
    box = page.locator("a.md-skip").bounding_box()
    assert box and box["width"] > 10 and box["y"] >= 0, f"the focused skip link is not on screen: {box}"
    _ring_shown(page)
    target = page.locator("a.md-skip").get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    assert page.evaluate("window.scrollY") > 0
    # The next Tab starts from the content, not from the header or the navigation.
    page.keyboard.press("Tab")
    where = page.evaluate("""() => { const e = document.activeElement;
        return {inContent: !!e.closest('article.md-content__inner'),
                inHeader: !!e.closest('.md-header, .md-sidebar')}; }""")
    assert where == {"inContent": True, "inHeader": False}, where


def test_keyboard_reaches_footnote_refs_and_backrefs_with_a_visible_focus(page, base_url):
    page.goto(base_url + RAMANI)
    page.locator("#p12 a.pnum").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('#p12 a.pnum')")
    _ring_shown(page)
    _tab_until(page, "#p12 button.cite-btn", 1)
    _ring_shown(page)
    _tab_until(page, "#p12 a.footnote-ref", 2)
    ring = _ring_shown(page, contrast=True)
    label = page.evaluate("document.activeElement.getAttribute('href')").split("#fn:", 1)[1]
    assert ring

    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(f"#fn:{label}") + "$"))
    # Every link of the footnote, and then its backlink, come in turn.
    note = f"li[id='fn:{label}']"
    links = page.locator(f"{note} a").count()
    _tab_until(page, f"{note} a", 3)
    _ring_shown(page)
    _tab_until(page, f"{note} a.footnote-backref", links)
    _ring_shown(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(f"#fnref:{label}") + "$"))

    # No footnote reference or backlink is taken out of the tab order.
    hidden = page.evaluate("""() => [...document.querySelectorAll('a.footnote-ref, a.footnote-backref')]
        .filter(a => a.tabIndex < 0 || !a.getAttribute('href')).map(a => a.outerHTML)""")
    assert not hidden, hidden[:5]


def test_focus_ring_on_plain_links_and_compare_highlights(page, base_url):
    page.goto(base_url + "sources/")
    first = page.locator("article :is(p, li) > a[href]").first
    first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    _ring_shown(page, contrast=True)
    page.goto(base_url + "compare/")
    page.locator(".compare-col a.xref-jump:not([tabindex='-1'])").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.xref-jump')")
    _ring_shown(page)


# ---------------------------------------------------------------------------------------------
# Without script, and on a phone
# ---------------------------------------------------------------------------------------------

JS_ONLY_WORDS = ("Cite** button", "Cite button", "Highlights control", "search box", "hover over", "Select the words",
                 "Propose a cross-reference appears")


def test_the_home_page_says_only_what_is_there_without_script(playwright, watch, base_url, tmp_path):
    """Without JavaScript there is no Cite button, Highlights control, search box, note tooltip
    or proposing from the page: the home page does not describe them (docs/index.md wraps
    those sentences in class js-only, which edition.css hides under no-js), and still says how
    to cite a paragraph and where to propose a cross-reference. With script, it describes them."""
    ctx = launch(playwright, watch, tmp_path / "nojs", java_script_enabled=False)
    try:
        with checked_page(ctx, watch) as page:
            page.goto(base_url)
            assert page.evaluate("document.documentElement.classList.contains('no-js')")
            shown = " ".join(page.locator("article").inner_text().split())
            said = [w for w in JS_ONLY_WORDS if w.lower() in shown.lower()]
            assert not said, f"without script the home page still speaks of {said}"
            assert "Cite a paragraph by the URL of its anchor" in shown
            assert "Contributing explains how to propose one from the page, or how to write the annotation file by " \
                   "hand" in shown
            assert not page.locator(".md-search").is_visible()
    finally:
        ctx.close()
    with checked_page(ctx_js := launch(playwright, watch, tmp_path / "js"), watch) as page:
        try:
            page.goto(base_url)
            assert page.evaluate("document.documentElement.classList.contains('js')")
            shown = " ".join(page.locator("article").inner_text().split())
            for words in ("Cite button", "Highlights control", "search box", "hover over", "Select the words"):
                assert words.lower() in shown.lower(), words
        finally:
            ctx_js.close()


PHONE = {"width": 390, "height": 844}


def test_the_propose_bar_on_a_phone_is_one_line_and_opens_on_demand(playwright, watch, base_url, tmp_path):
    """The bar that holds the first passage (docs/assets/edition-propose.css) takes one line at
    the foot of a phone's screen, at most 15% of its height, until its "More" button opens it;
    the page's end can still be scrolled above it; on a wide screen it is whole, with no button."""
    from .test_propose import select

    ctx = launch(playwright, watch, tmp_path / "phone", viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        with checked_page(ctx, watch) as page:
            page.goto(base_url + RAMANI)
            select(page, "p13", "Border security is", "southeast of Kazakhstan")
            page.locator(".propose-pop").get_by_role("button", name="Propose a cross-reference").click()
            bar = page.locator(".propose-bar")
            bar.wait_for()
            box = bar.bounding_box()
            assert box["height"] <= 0.15 * PHONE["height"], box
            assert box["y"] + box["height"] <= PHONE["height"] + 1 and box["width"] <= PHONE["width"], box
            line = page.evaluate("""() => { const p = document.querySelector('.propose-bar > p');
                return {h: p.getBoundingClientRect().height, lh: parseFloat(getComputedStyle(p).lineHeight)}; }""")
            assert line["h"] <= line["lh"] * 1.5, f"the first passage takes more than one line: {line}"
            toggle = bar.get_by_role("button", name="More")
            assert toggle.get_attribute("aria-expanded") == "false"
            link = bar.get_by_role("link", name="Go to Harrison’s text")
            assert not link.is_visible() and not bar.get_by_role("button", name="Cancel the proposal").is_visible()
            # The end of the page can be read above the bar.
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            page.wait_for_function("""() => { const f = document.querySelector('.md-footer-meta').getBoundingClientRect();
                return f.bottom <= document.querySelector('.propose-bar').getBoundingClientRect().top + 1; }""")
            assert not axe_violations(page, ".propose-bar")
            toggle.tap()
            less = bar.get_by_role("button", name="Less")
            assert less.get_attribute("aria-expanded") == "true"
            assert link.is_visible() and bar.get_by_role("button", name="Cancel the proposal").is_visible()
            open_box = bar.bounding_box()
            assert open_box["height"] <= 0.4 * PHONE["height"] + 1, open_box
            assert not axe_violations(page, ".propose-bar")
            less.tap()
            assert bar.get_by_role("button", name="More").get_attribute("aria-expanded") == "false"
            assert bar.bounding_box()["height"] == box["height"]
            # A wide screen: the whole bar, no button.
            page.set_viewport_size({"width": 1400, "height": 900})
            page.wait_for_function("() => getComputedStyle(document.querySelector('.propose-bar-toggle')).display === 'none'")
            assert link.is_visible()
            bar.get_by_role("button", name="Cancel the proposal").click()
            assert page.locator(".propose-bar").count() == 0
    finally:
        ctx.close()
