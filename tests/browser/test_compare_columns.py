"""The compare page's two columns (docs/assets/edition.js, "the compare page"), on a desktop
(1400×1000, light and dark) where they scroll on their own, and on a phone (390×844, touch)
where they are stacked:
- a deep link (from the map, or any compare/#… of a highlight or a paragraph) brings the target
  into view in its column and its counterpart into view in the other, both outlined, with the
  columns whole below the header;
- a click on a highlight moves the columns, never the page: the counterpart comes into view in
  its column and window.scrollY does not change;
- Back (and Forward) bring back both columns' scroll;
- on a phone the target is scrolled into view in the page."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest

from .conftest import checked_page, launch

pytestmark = pytest.mark.browser

DESKTOP = dict(viewport={"width": 1400, "height": 1000})
PHONE = dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)


@pytest.fixture(scope="module")
def contexts(playwright, watch):
    made = {}

    def get(name: str, scheme: str = "light"):
        if (name, scheme) not in made:
            profile = Path(tempfile.mkdtemp(prefix="chromium-compare-"))
            options = DESKTOP if name == "desktop" else PHONE
            made[(name, scheme)] = (launch(playwright, watch, profile, color_scheme=scheme, **options), profile)
        return made[(name, scheme)][0]

    yield get
    for ctx, profile in made.values():
        ctx.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(params=["light", "dark"])
def desktop(request, contexts, watch):
    with checked_page(contexts("desktop", request.param), watch) as page:
        yield page


@pytest.fixture
def phone(contexts, watch):
    with checked_page(contexts("phone"), watch) as page:
        yield page


# Where the target of the address and its counterpart stand: each inside the visible part of its
# column (and of the window, below the header), each outlined.
BOTH = """() => {
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const partner = document.querySelector('.compare-col .compare-partner');
    const where = (el) => {
        if (!el) return null;
        const col = el.closest('.compare-col'), c = col.getBoundingClientRect(), r = el.getBoundingClientRect();
        const top = Math.max(c.top, header), bottom = Math.min(c.bottom, innerHeight);
        const s = getComputedStyle(el);
        return {col: [...document.querySelectorAll('.compare-col')].indexOf(col),
                // wholly in view, or (a passage taller than the view) filling it from its top
                inColumn: (r.top >= top - 1 && r.bottom <= bottom + 1) || (r.top >= top - 1 && r.top < bottom - 40),
                outlined: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
    };
    const grid = document.querySelector('.compare').getBoundingClientRect();
    return {target: where(target), partner: where(partner), isTarget: !!target && target.matches(':target, .compare-target'),
            columnsWhole: grid.top >= header - 1 && grid.bottom <= innerHeight + 1,
            scrollY: scrollY, tops: [...document.querySelectorAll('.compare-col')].map(c => c.scrollTop)};
}"""

SHOWN = f"""() => {{ const s = ({BOTH})();
    return s.target && s.partner && s.target.inColumn && s.partner.inColumn && s.target.outlined && s.partner.outlined
        && s.target.col !== s.partner.col && s.isTarget; }}"""


def _cells(page, base_url) -> list[str]:
    """The compare page's anchors the map links to (its cells)."""
    page.goto(base_url)
    return [h.split("#", 1)[1] for h in page.evaluate(
        "() => [...document.querySelectorAll('table.map-grid td a[href]')].map(a => a.getAttribute('href'))")]


def _depths(page) -> dict:
    """How far down its column each anchor of the compare page lies."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.compare-col [id]')].map(e => {
        const c = e.closest('.compare-col');
        return [e.id, e.getBoundingClientRect().top - c.getBoundingClientRect().top + c.scrollTop]; }))""")


def test_a_deep_link_shows_both_passages_in_their_columns(desktop, base_url):
    cells = _cells(desktop, base_url)
    assert len(cells) > 20
    desktop.goto(base_url + "compare/")
    depth = _depths(desktop)
    # Those far down either column, one in the right column, and paragraphs (with highlights).
    chosen = sorted(cells, key=lambda a: -depth[a])[:3] + [a for a in cells if a.startswith("harrison-2015-")][:1]
    chosen += ["harrison-2015-p8", "ramani-2015-p13"]
    for anchor in chosen:
        desktop.goto(base_url + "compare/#" + anchor)
        desktop.wait_for_load_state("load")
        desktop.wait_for_function(SHOWN)
        state = desktop.evaluate(BOTH)
        assert state["columnsWhole"], (anchor, state)
        assert all(state["tops"]), f"a column did not scroll for {anchor}: {state}"


def _to_columns(page):
    """Scroll the page so that the columns stand whole below the header, as a reader would."""
    page.evaluate("""() => { const h = document.querySelector('.md-header').getBoundingClientRect().bottom;
        scrollTo(0, scrollY + document.querySelector('.compare').getBoundingClientRect().top - h - 8); }""")
    page.wait_for_function("() => Math.abs(document.querySelector('.compare').getBoundingClientRect().top - "
                           "document.querySelector('.md-header').getBoundingClientRect().bottom - 8) < 2")


def _tops(page) -> list[float]:
    return page.evaluate("() => [...document.querySelectorAll('.compare-col')].map(c => c.scrollTop)")


@pytest.mark.parametrize("start", ["top", "columns"])
def test_a_click_moves_the_columns_never_the_page_and_back_restores_them(desktop, base_url, start):
    desktop.goto(base_url + "compare/")
    desktop.wait_for_load_state("load")
    if start == "columns":
        _to_columns(desktop)
    left, right = desktop.locator(".compare-col").nth(0), desktop.locator(".compare-col").nth(1)
    depth = _depths(desktop)
    jumps = left.locator("a.xref-jump:not([tabindex='-1'])")
    hrefs = [jumps.nth(i).get_attribute("href") for i in range(jumps.count())]
    # In the left column's first screen, the one whose counterpart is farthest down the right column.
    visible = [h for h in hrefs if depth[left.locator(f"a.xref-jump[href='{h}'] mark[id]").first.get_attribute("id")]
               < left.evaluate("e => e.clientHeight") - 120]
    far = max(visible, key=lambda h: depth[h[1:]])
    assert depth[far[1:]] > right.evaluate("e => e.clientHeight")

    history = [(_tops(desktop), desktop.evaluate("location.hash"))]
    y = desktop.evaluate("scrollY")
    link = left.locator(f"a.xref-jump[href='{far}']:not([tabindex='-1'])").first
    link.click()
    desktop.wait_for_url(re.compile(re.escape(far) + "$"))
    desktop.wait_for_function(SHOWN)
    state = desktop.evaluate(BOTH)
    assert state["scrollY"] == y, f"the page moved: {y} -> {state['scrollY']}"
    assert state["tops"][1] > 0 and state["partner"]["col"] == 0, state
    history.append((state["tops"], far))

    # From the right column back into the left (Enter on the focused link: the focus went there).
    assert desktop.evaluate("document.activeElement.closest('.compare-col') === document.querySelectorAll('.compare-col')[1]")
    back_jumps = right.locator("a.xref-jump:not([tabindex='-1'])")
    targets = [back_jumps.nth(i).get_attribute("href") for i in range(back_jumps.count())]
    in_view = desktop.evaluate("""(hrefs) => hrefs.filter(h => {
        const a = document.querySelector(".compare-col a.xref-jump[href='" + h + "']:not([tabindex='-1'])"),
              c = a.closest('.compare-col').getBoundingClientRect(), r = a.getBoundingClientRect();
        return r.top >= c.top && r.bottom <= c.bottom; })""", targets)
    other = min(in_view, key=lambda h: depth[h[1:]])     # high up the left column: it must scroll back
    right.locator(f"a.xref-jump[href='{other}']:not([tabindex='-1'])").first.focus()
    desktop.keyboard.press("Enter")
    desktop.wait_for_url(re.compile(re.escape(other) + "$"))
    desktop.wait_for_function(SHOWN)
    state = desktop.evaluate(BOTH)
    assert state["scrollY"] == y, f"the page moved: {y} -> {state['scrollY']}"
    assert state["partner"]["col"] == 1, state
    history.append((state["tops"], other))
    assert history[2][0][0] != history[1][0][0], "the left column did not scroll"

    # Back, Back, then Forward: both columns as they were at each step.
    for step, index in (("back", 1), ("back", 0), ("forward", 1)):
        getattr(desktop, f"go_{step}")()
        tops, hash_ = history[index]
        desktop.wait_for_function("""([tops, hash]) => location.hash === hash &&
            [...document.querySelectorAll('.compare-col')].every((c, i) => Math.abs(c.scrollTop - tops[i]) < 2)""",
                                  arg=[tops, hash_])
        assert desktop.evaluate("scrollY") == y, step


def test_a_note_link_in_the_tooltip_keeps_the_page_still(desktop, base_url):
    """A note's "go to the passage", in the tooltip over its number in a column."""
    desktop.goto(base_url + "compare/")
    desktop.wait_for_load_state("load")
    _to_columns(desktop)
    y = desktop.evaluate("scrollY")
    ref = desktop.locator(".compare-col").nth(0).locator("a.footnote-ref").nth(2)
    ref.hover()
    tip = desktop.locator(".md-tooltip2 a[href^='#'], .md-tooltip2 a[href*='compare/#']").first
    tip.wait_for()
    href = tip.get_attribute("href")
    tip.dispatch_event("click")     # Material keeps placing the tooltip: never "stable" for a real click
    desktop.wait_for_url(re.compile(re.escape(href.split("#", 1)[1]) + "$"))
    desktop.wait_for_function(f"() => {{ const s = ({BOTH})(); return s.target && s.target.inColumn; }}")
    assert desktop.evaluate("scrollY") == y


def test_on_a_phone_the_target_is_scrolled_into_view_in_the_page(phone, base_url):
    cells = _cells(phone, base_url)
    phone.goto(base_url + "compare/")
    assert phone.evaluate("getComputedStyle(document.querySelector('.compare-col')).overflowY") == "visible"
    depth = _depths(phone)
    anchor = max(cells, key=depth.get)
    phone.goto(base_url + "compare/#" + anchor)
    phone.wait_for_load_state("load")
    in_view = """() => { const e = document.getElementById(decodeURIComponent(location.hash.slice(1))),
        r = e.getBoundingClientRect(), h = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return r.top >= h - 1 && r.top < innerHeight - 40 && e.matches(':target.compare-target'); }"""
    phone.wait_for_function(in_view)
    # A tap on a highlight: its counterpart comes into view in the page.
    link = phone.locator(".compare-col a.xref-jump:not([tabindex='-1'])").first
    link.scroll_into_view_if_needed()
    href = link.get_attribute("href")
    link.tap()
    phone.wait_for_url(re.compile(re.escape(href) + "$"))
    phone.wait_for_function(in_view)
