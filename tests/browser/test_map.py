"""The map of the comparison on the home page (hooks/edition/pages/map.py, docs/assets/edition.js
"the map", edition.css "The map of the comparison"), on a phone (390×844, touch) and a desktop
(1400×1000), light and dark: a table of paragraphs whose every link is a target of at least
24×24 CSS pixels; one stop in the Tab order, moved through with the arrow keys, with a visible
focus; Enter follows the link; axe (WCAG 2.2 AA) finds nothing; and without script, the links
are all there and work, each a stop of its own."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from .conftest import checked_page, launch
from .test_a11y import WCAG22

pytestmark = pytest.mark.browser

SCREENS = {"phone": dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True),
           "desktop": dict(viewport={"width": 1400, "height": 1000})}
SETUPS = [(screen, scheme) for screen in SCREENS for scheme in ("light", "dark")]
MAP = "table.map-grid"


@pytest.fixture(scope="module")
def contexts(playwright, watch):
    """One browser per screen and scheme, opened when first asked for."""
    made = {}

    def get(screen: str, scheme: str, **extra):
        key = (screen, scheme, tuple(sorted(extra.items())))
        if key not in made:
            profile = Path(tempfile.mkdtemp(prefix="chromium-map-"))
            made[key] = (launch(playwright, watch, profile, color_scheme=scheme, **SCREENS[screen], **extra), profile)
        return made[key][0]

    yield get
    for ctx, profile in made.values():
        ctx.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(params=SETUPS, ids=[f"{s}-{c}" for s, c in SETUPS])
def home(request, contexts, watch, base_url):
    """The home page at the map, in one of the four setups."""
    screen, scheme = request.param
    with checked_page(contexts(screen, scheme), watch) as page:
        page.goto(base_url + "#map")
        page.wait_for_load_state("load")
        want = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == want
        page.locator(MAP).wait_for()
        yield page


def _links(page) -> list[dict]:
    return page.evaluate("""(sel) => [...document.querySelectorAll(sel + ' a[href]')].map(a => {
        const r = a.getBoundingClientRect();
        return {href: a.getAttribute('href'), w: r.width, h: r.height, tab: a.tabIndex,
                cell: !!a.closest('td'), label: a.getAttribute('aria-label') || a.textContent};
    })""", MAP)


def test_the_map_links_every_meeting_of_two_paragraphs(home):
    """Every cross-reference between the two texts is in the map: a cell for each pair of paragraphs
    it links, with one sign per cross-reference, and each in the list under the map."""
    from conftest import ROOT
    from edition import load_edition

    ed = load_edition(ROOT)
    left, right = (ed.sources[s] for s in (ed.meta.get("compare") or list(ed.sources))[:2])
    pairs, xrefs = {}, 0
    for ann in ed.annotations:
        if ann.relation not in ("agree", "diverge", "qualifies", "complements"):
            continue
        cells = {(left.block(a.block).number, right.block(b.block).number)
                 for a in ann.passages if a.source == left.id for b in ann.passages if b.source == right.id}
        xrefs += bool(cells)
        for cell in cells:
            pairs.setdefault(cell, []).append(ed.relations[ann.relation]["symbol"])
    shown = home.evaluate("""(sel) => [...document.querySelectorAll(sel + ' tbody td a')].map(a => {
        const td = a.closest('td'), tr = td.closest('tr');
        return [tr.rowIndex - 1, td.cellIndex, a.textContent, a.getAttribute('href')]; })""", MAP)
    got = {(r, c): "".join(sorted(text)) for r, c, text, _ in shown}
    assert got == {k: "".join(sorted(v)) for k, v in pairs.items()}
    assert all("compare/#" in href for *_, href in shown)
    # the relation is told by a sign and an underline pattern, not by colour alone
    looks = home.evaluate("""(sel) => Object.fromEntries(['agree', 'diverge', 'qualifies', 'complements'].map(r => {
        const s = getComputedStyle(document.querySelector(sel + ' .m-' + r) ||
                                   document.querySelector('.map-key .m-' + r));
        return [r, s.textDecorationLine + ' ' + s.textDecorationStyle]; }))""", MAP)
    assert len(set(looks.values())) == 4 and all(v.startswith("underline") for v in looks.values()), looks
    assert home.locator("details.map-list li a").count() == xrefs


def test_every_target_is_at_least_24_by_24(home):
    links = _links(home)
    assert len(links) > 30
    small = [link for link in links if link["w"] < 24 or link["h"] < 24]
    assert not small, small[:5]


def _active(page) -> dict:
    return page.evaluate("""(sel) => { const e = document.activeElement, s = getComputedStyle(e);
        const td = e.closest('td, th');
        return {inMap: !!e.closest(sel), href: e.getAttribute('href'), visible: e.matches(':focus-visible'),
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                row: td ? td.parentElement.rowIndex : -1, col: td ? td.cellIndex : -1,
                stops: [...document.querySelectorAll(sel + ' a[href]')].filter(a => a.tabIndex >= 0).length}; }""",
                         MAP)


def test_one_tab_stop_arrow_keys_a_visible_focus_and_enter(home):
    # Start from the heading before the map, and Tab in.
    home.evaluate("() => { const h = document.getElementById('map'); h.tabIndex = -1; h.focus(); }")
    home.keyboard.press("Tab")
    first = _active(home)
    assert first["inMap"] and first["stops"] == 1, first
    assert first["visible"] and first["outline"] != "none" and first["width"] >= 2, first
    # The next Tab leaves the map, and Shift+Tab comes back to the same link.
    home.keyboard.press("Tab")
    assert not _active(home)["inMap"], "a second Tab stayed in the map"
    home.keyboard.press("Shift+Tab")
    assert _active(home)["href"] == first["href"]

    seen = {first["href"]}
    for key, moved in (("ArrowRight", "col"), ("ArrowDown", "row"), ("ArrowLeft", "col"), ("ArrowUp", "row")):
        before = _active(home)
        home.keyboard.press(key)
        after = _active(home)
        assert after["inMap"] and after["href"] != before["href"], (key, before, after)
        same = "row" if moved == "col" else "col"
        assert after[same] == before[same], (key, before, after)
        assert (after[moved] > before[moved]) == (key in ("ArrowRight", "ArrowDown")), (key, before, after)
        assert after["stops"] == 1, after
        assert after["visible"] and after["outline"] != "none" and after["width"] >= 2, after
        seen.add(after["href"])
    assert len(seen) >= 3
    # The focused cell's row and column headings are marked.
    assert home.locator(f"{MAP} th.map-on").count() == 2
    # Home and End: the first link of the row (its heading) and the last; Ctrl+: of the map.
    row = _active(home)["row"]
    home.keyboard.press("Home")
    assert _active(home) | {"href": None} == _active(home) | {"href": None, "row": row, "col": 0}
    home.keyboard.press("End")
    end = _active(home)
    assert end["row"] == row and end["col"] > 1 and "compare/#" in end["href"], end
    home.keyboard.press("Control+Home")
    assert "harrison-2015/#p1" in _active(home)["href"]
    home.keyboard.press("Control+End")
    assert _active(home)["href"] == _links(home)[-1]["href"]
    home.keyboard.press("Control+End")
    home.keyboard.press("End")
    end = _active(home)

    # Tab out and back in: the focus returns to the cell last visited.
    home.keyboard.press("Tab")
    home.keyboard.press("Shift+Tab")
    assert _active(home)["href"] == end["href"]
    # Move to a cell (a link to the compare page) and follow it with Enter.
    home.keyboard.press("Control+Home")
    home.keyboard.press("ArrowDown")
    home.keyboard.press("ArrowDown")
    cell = _active(home)
    assert "compare/#" in cell["href"], cell
    home.keyboard.press("Enter")
    home.wait_for_url("**/compare/#*")
    assert home.evaluate("document.getElementById(decodeURIComponent(location.hash.slice(1))) !== null")


def test_axe_finds_nothing_on_the_home_page(home):
    from axe_playwright_python.sync_playwright import Axe

    home.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    violations = Axe().run(home, options=WCAG22).response["violations"]
    assert not violations, [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations]
    # and with a cell focused (its ring and marked headings against their backgrounds)
    home.locator(f"{MAP} td a[href]").first.focus()
    home.keyboard.press("ArrowDown")
    violations = Axe().run(home, context=MAP, options=WCAG22).response["violations"]
    assert not violations, [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in violations]


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_without_script_every_link_is_there_and_works(contexts, watch, base_url, screen):
    with checked_page(contexts(screen, "dark", java_script_enabled=False), watch) as page:
        page.goto(base_url + "#map")
        links = _links(page)
        assert len(links) > 30 and all(link["tab"] == 0 for link in links)
        assert page.locator(f"{MAP}[role=grid]").count() == 0
        assert not [link for link in links if link["w"] < 24 or link["h"] < 24]
        assert page.evaluate("getComputedStyle(document.querySelector('.comparison-map-figure .js-only')).display") \
            == "none"
        page.locator(f"{MAP} td a[href]").first.click()
        page.wait_for_url("**/compare/#*")
        assert page.evaluate("document.getElementById(location.hash.slice(1)) !== null")


def test_the_map_prints(contexts, watch, base_url):
    with checked_page(contexts("desktop", "light"), watch) as page:
        page.goto(base_url)
        page.emulate_media(media="print")
        state = page.evaluate("""(sel) => { const t = document.querySelector(sel), r = t.getBoundingClientRect();
            return {shown: r.width > 300 && r.height > 300,
                    signs: document.querySelectorAll(sel + ' td a span').length,
                    hint: getComputedStyle(document.querySelector('.comparison-map-figure .js-only')).display}; }""",
                              MAP)
        assert state == {"shown": True, "signs": state["signs"], "hint": "none"} and state["signs"] > 30, state
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        page.emulate_media(media="screen")
