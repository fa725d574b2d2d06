"""Reading comfortably on every screen (issue: reading comfort): numbered notes, a clean text on
demand, touch targets, the text on the first screen, topics and the cite dialog on a phone,
coming back to the sentence, the page without JavaScript, print, and the map of the comparison."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest

from .conftest import checked_page, launch, quiet
from .test_a11y import WCAG22, pages_of

pytestmark = pytest.mark.browser

RAMANI, HARRISON = "texts/ramani-2015/", "texts/harrison-2015/"
PHONE = {"width": 390, "height": 844}
@pytest.fixture(scope="module")
def phone(playwright, watch):
    profile = Path(tempfile.mkdtemp(prefix="chromium-phone-"))
    ctx = launch(playwright, watch, profile, viewport=PHONE, is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def nojs(playwright, watch):
    profile = Path(tempfile.mkdtemp(prefix="chromium-nojs-"))
    ctx = launch(playwright, watch, profile, java_script_enabled=False, color_scheme="dark")
    yield ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


# ------------------------------------------------------------------------------- 1. numbered notes

@pytest.mark.parametrize("media", ["screen", "print"])
def test_the_notes_are_numbered_on_screen_and_in_print(page, base_url, media):
    page.emulate_media(media=media)
    page.goto(base_url + RAMANI)
    notes = page.evaluate("""() => [...document.querySelectorAll('.footnote li')].map(li => {
        const s = getComputedStyle(li), ol = getComputedStyle(li.parentElement);
        return [s.display, ol.listStyleType, s.contentVisibility];})""")
    assert len(notes) > 40
    assert {tuple(n) for n in notes} == {("list-item", "decimal", "visible")}
    page.emulate_media(media="screen")


# ------------------------------------------------------------------------------- 2. a clean text

def _styled(page) -> list[str]:
    """The highlights that still look like highlights: a background, an underline or a sign."""
    return page.evaluate("""() => [...document.querySelectorAll('article mark.xref')].filter(m => {
        const s = getComputedStyle(m), b = getComputedStyle(m, '::before');
        return s.backgroundColor !== 'rgba(0, 0, 0, 0)' || s.textDecorationLine !== 'none'
            || (b.content !== 'none' && b.content !== 'normal');
    }).map(m => m.id || m.dataset.note)""")


@pytest.mark.parametrize("path", [RAMANI, "compare/"])
def test_the_clean_text_leaves_no_passage_styled_and_the_choice_survives_a_reload(page, base_url, path):
    page.goto(base_url + path)
    control = page.get_by_label("Highlights")
    assert control.count() == 1
    assert _styled(page)                                   # by default every highlight shows
    control.focus()
    control.select_option("none")                          # a keyboard user does the same with the arrows
    assert _styled(page) == []
    assert page.locator(".reading-status").inner_text() == "Showing none: the clean text."
    refs = page.evaluate("() => [...document.querySelectorAll('article sup')].filter(s => "
                         "s.querySelector('a.footnote-ref') && s.offsetParent !== null).length")
    assert refs == 0                                        # no note number either
    dots = page.evaluate("() => [...document.querySelectorAll('.para.has-xrefs > a.pnum')].map(a => "
                         "getComputedStyle(a, '::after').content)")
    assert dots and set(dots) == {'"•" / ""'}
    page.reload()
    assert page.get_by_label("Highlights").input_value() == "none" and _styled(page) == []
    page.goto(base_url + HARRISON)                          # and across pages
    assert _styled(page) == []
    page.get_by_label("Highlights").select_option("diverge")
    styled = _styled(page)
    assert styled and all(page.locator(f"#{i}").get_attribute("data-relation") == "diverge" for i in styled if i)
    page.get_by_label("Highlights").select_option("all")


# ------------------------------------------------------------------------------- 3. touch and targets

def test_a_tap_on_a_highlight_opens_its_note(phone, watch, base_url):
    """On a phone the note opens in place, in a sheet over the text (tests/browser/test_notes_in_place.py)."""
    with checked_page(phone, watch) as page:
        page.goto(base_url + RAMANI)
        mark = page.locator("mark.xref[id][data-note]").nth(3)
        label = mark.get_attribute("data-note")
        mark.tap()
        sheet = page.locator("dialog#note-sheet")
        sheet.wait_for(state="visible")
        assert page.locator(f"li[id='fn:{label}'] p").inner_text().split(" (go to")[0] in sheet.inner_text()
        assert page.evaluate("location.hash") == ""


def test_paragraph_controls_are_24_by_24_on_a_phone_and_axe_wcag22_finds_nothing(phone, watch, base_url, site):
    from axe_playwright_python.sync_playwright import Axe

    found = {}
    with checked_page(phone, watch) as page:
        page.goto(base_url + RAMANI)
        sizes = page.evaluate("""() => [...document.querySelectorAll('a.pnum, button.cite-btn')].map(e => {
            const r = e.getBoundingClientRect(); return [e.className, Math.round(r.width), Math.round(r.height)];})""")
        small = [s for s in sizes if s[1] < 24 or s[2] < 24]
        assert sizes and not small, small
        for path in pages_of(site):
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            violations = Axe().run(page, options=WCAG22).response["violations"]
            if violations:
                found[path or "(home)"] = [f"{v['id']}: {len(v['nodes'])}" for v in violations]
    assert not found, found


# ------------------------------------------------------------------------------- 4. the first screen

@pytest.mark.parametrize("path", [RAMANI, HARRISON])
def test_the_first_paragraph_stands_on_the_first_screen_of_a_phone(phone, watch, base_url, path):
    with checked_page(phone, watch) as page:
        page.goto(base_url + path)
        top = page.evaluate("document.getElementById('p1').getBoundingClientRect().top")
        assert top < PHONE["height"] - 60, top
        # the bibliography, witness, rights and downloads are one tap away
        page.locator("details.about-text > summary").tap()
        assert page.locator("details.about-text").get_attribute("open") is not None
        assert page.get_by_text("Download:").is_visible()


SHIFTS = """() => new Promise(done => {
  let sum = 0, moved = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => {
    if (e.hadRecentInput) return;
    sum += e.value;
    e.sources.forEach(s => moved.push(s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?"));
  })).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done({sum, moved}), 800);
})"""


@pytest.mark.parametrize("path", [RAMANI, HARRISON, "compare/"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_nothing_moves_when_the_script_runs(phone, context, watch, base_url, path, screen):
    """The Cite buttons and the Highlights control are drawn with the page, not added by the
    script after it: the text stays where the reader started to read (layout shifts, as the
    browser counts them for Cumulative Layout Shift)."""
    with checked_page(phone if screen == "phone" else context, watch) as page:
        page.goto(base_url + path, wait_until="load")
        shifts = page.evaluate(SHIFTS)
        assert shifts["sum"] < 0.01, shifts
        assert page.locator("#highlights").is_visible()
        if path != "compare/":
            assert page.locator("#p1 button.cite-btn").is_visible()


# ------------------------------------------------------------------------------- 5. small screens

def test_the_topics_and_the_cite_dialog_fit_a_phone(phone, watch, base_url):
    with checked_page(phone, watch) as page:
        page.goto(base_url + "topics/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        wide = page.evaluate("() => [...document.querySelectorAll('article *')].filter(e => "
                             "e.getBoundingClientRect().right > innerWidth + 1).map(e => e.tagName)")
        assert wide == []
        page.goto(base_url + RAMANI)
        page.locator("button.cite-btn").first.tap()
        box = page.locator("#cite-dialog").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
        close = page.get_by_role("button", name="Close")
        assert close.is_visible() and close.bounding_box()["y"] + close.bounding_box()["height"] <= PHONE["height"]
        page.locator("#cite-dialog .cite-text[data-style=apa]").scroll_into_view_if_needed()
        assert close.is_visible()                          # the head, with Close, stays in view
        close.tap()


# ------------------------------------------------------------------------------- 7. finding your place again

def test_back_after_following_a_cross_reference_returns_to_the_sentence(page, base_url):
    page.goto(base_url + RAMANI)
    ref = page.locator("a.footnote-ref").nth(5)
    label = ref.get_attribute("href").removeprefix("#fn:")
    mark_id = page.locator(f'mark.xref[id][data-note="{label}"]').get_attribute("id")
    ref.focus()
    page.keyboard.press("Enter")                           # to the note
    page.wait_for_function(f"location.hash === '#fn:{label}'")
    page.locator(f"li[id='fn:{label}'] a", has_text="go to the passage").first.click()
    page.wait_for_url("**/harrison-2015/**")
    page.go_back()
    page.wait_for_url(f"**/ramani-2015/#{mark_id}")
    page.wait_for_function(f"document.activeElement && document.activeElement.id === '{mark_id}'")
    top = page.evaluate(f"document.getElementById('{mark_id}').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def test_a_note_opened_by_keyboard_focus_is_reachable_whole(page, base_url):
    """Focus on a footnote number near the foot of the screen: its tooltip is shown whole, and
    Enter still leads to the note itself, whose links are reachable by Tab."""
    page.goto(base_url + RAMANI)
    ref = page.locator("a.footnote-ref").nth(10)
    ref.evaluate("a => a.scrollIntoView({block: 'end'})")
    ref.focus()
    tip = page.locator(".md-tooltip2--active, .md-tooltip2").filter(has=page.locator("a"))
    tip.first.wait_for(state="visible")     # Material shows it on focus (it used to be waited 400 ms for)
    quiet(page)                             # and it has ended its move into place
    box = tip.first.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"] + 1
    label = ref.get_attribute("href").removeprefix("#fn:")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.activeElement.closest('li[id=\"fn:{label}\"]') !== null")


# ------------------------------------------------------------------------------- 8. no script, print

def test_without_javascript_the_page_says_only_what_is_there_and_is_dark_when_asked(nojs, watch, base_url):
    with checked_page(nojs, watch) as page:
        page.goto(base_url + RAMANI)
        page.locator("details.about-text > summary").click()
        about = page.locator("details.about-text").inner_text()
        assert "Cite a paragraph by its address" in about and "Cite button" not in about
        # The Cite buttons and the Highlights control are in the page as built, and without script
        # they are neither seen, nor reached by Tab, nor read out.
        assert page.locator("button.cite-btn").count() == 15
        assert page.locator("button.cite-btn:visible, #highlights:visible").count() == 0
        assert "Cite" not in page.locator("article p.para").first.inner_text()
        assert "Highlights" not in page.locator("article").inner_text()
        tree = page.locator("article").aria_snapshot()
        assert "Cite paragraph" not in tree and "Highlights" not in tree
        page.locator("article a.pnum").first.focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") != "cite-btn js-only"
        bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
        rgb = [int(x) for x in re.findall(r"\d+", bg)[:3]]
        assert sum(rgb) < 150, bg                          # the reader's dark preference, without script


def test_ramani_prints_on_at_most_ten_a4_pages_with_its_citation_first(page, base_url, tmp_path):
    page.goto(base_url + RAMANI)
    page.emulate_media(media="print")
    citation = page.locator(".print-citation")
    assert citation.is_visible()
    text = citation.inner_text()
    assert "ramani-2015" in text and "version" in text and "thediplomat.com" in text
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    (tmp_path / "ramani.pdf").write_bytes(pdf)
    print(f"Ramani prints on {pages} A4 pages")
    assert 1 <= pages <= 10, pages
    page.emulate_media(media="screen")


# ------------------------------------------------------------------------------- 10. the map

def test_the_map_draws_every_cross_reference_as_a_link(page, base_url):
    """The map is a table of paragraphs (tests/browser/test_map.py tests it on a phone and a desktop,
    with the keyboard, without script and in print): every cross-reference has its sign in the
    cell of its two paragraphs, and its own link in the list under the map."""
    from conftest import ROOT
    from edition import load_edition

    ed = load_edition(ROOT)
    pair = set(ed.meta["compare"])          # the map is of the two texts the edition compares
    xrefs = [a for a in ed.annotations if a.relation in ("agree", "diverge", "qualifies", "complements")
             and pair <= set(a.sources)]
    page.goto(base_url)
    table = page.locator("table.map-grid")
    assert table.get_attribute("aria-labelledby") == "map-title"
    assert page.locator("#map-title").text_content().startswith("Ramani's 15 paragraphs (rows)")
    cells = page.locator("table.map-grid td a[href]")
    assert sum(len(t) for t in cells.all_text_contents()) == sum(
        len({(p.block, q.block) for p in a.passages if p.source == "ramani-2015"
             for q in a.passages if q.source == "harrison-2015"}) for a in xrefs)
    assert page.locator("table.map-grid th a[href]").count() == 24
    listed = page.locator("details.map-list li a")
    assert listed.count() == len(xrefs)
    # patterns by relation, not colour alone
    styles = page.evaluate("""() => Object.fromEntries(['agree','diverge','qualifies','complements'].map(r =>
        [r, getComputedStyle(document.querySelector('.comparison-map-figure .m-' + r)).textDecorationStyle]))""")
    assert len(set(styles.values())) == 4, styles
    href = cells.first.get_attribute("href")
    cells.first.click()
    page.wait_for_url("**/compare/#*")
    assert page.evaluate("document.getElementById(location.hash.slice(1)) !== null"), href
