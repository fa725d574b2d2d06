"""A note read in place (docs/assets/edition.js, "a note read in place"): on a phone, a tap on a
highlight or on a note number opens the note in a sheet over the text (a modal <dialog>), not a
jump of thousands of pixels to the foot of the page. The page does not move; Escape, Back, a tap
outside the sheet and its Close button close it; the focus goes into it and comes back; axe finds
nothing with it open, light or dark. On a desktop, Material's hover tooltip is as it was; without
JavaScript a note number is a link to the note. Printed, the notes' numbers are whole (the first
digit of "42." was cut off by the left edge of the first column: docs/assets/edition.css, print)."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .conftest import checked_page, launch, settle
from .test_a11y import axe_violations

pytestmark = pytest.mark.browser

RAMANI, COMPARE = "texts/ramani-2015/", "compare/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}
SHEET = "dialog#note-sheet"


def _context(playwright, watch, prefix, **options):
    profile = Path(tempfile.mkdtemp(prefix=prefix))
    ctx = launch(playwright, watch, profile, **options)
    return ctx, profile


@pytest.fixture(scope="module", params=["light", "dark"])
def phone(request, playwright, watch):
    ctx, profile = _context(playwright, watch, "chromium-phone-", viewport=PHONE, is_mobile=True,
                            has_touch=True, color_scheme=request.param)
    yield ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def desktop(playwright, watch):
    ctx, profile = _context(playwright, watch, "chromium-desktop-", viewport=DESKTOP)
    yield ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def nojs(playwright, watch):
    ctx, profile = _context(playwright, watch, "chromium-nojs-", viewport=PHONE, is_mobile=True,
                            has_touch=True, java_script_enabled=False)
    yield ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


def _state(page) -> dict:
    return page.evaluate("({y: scrollY, url: location.href, open: !!document.querySelector('dialog#note-sheet[open]'),"
                         " pushed: !!(history.state && history.state.note)})")


def _note_text(page, label: str) -> str:
    """The note as the sheet should show it: the footnote's text without its backlink."""
    return page.evaluate("""(id) => { const li = document.getElementById(id).cloneNode(true);
        li.querySelectorAll('.footnote-backref').forEach(a => a.remove());
        return li.textContent.replace(/\\s+/g, ' ').trim(); }""", f"fn:{label}")


def _sheet_text(page) -> str:
    return page.evaluate("document.querySelector('dialog#note-sheet .note-sheet-text').textContent"
                         ".replace(/\\s+/g, ' ').trim()")


def _open_from(page, target) -> None:
    target.tap()
    page.locator(SHEET).wait_for(state="visible")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('dialog#note-sheet')")


def _closed(page) -> None:
    """The sheet is closed and its history entry gone (closing by Escape goes Back)."""
    page.wait_for_function("() => !document.querySelector('dialog#note-sheet[open]')"
                           " && !(history.state && history.state.note)")


def _a_highlight_further_down(page):
    """A highlight (not a link) a long way down the page, brought to the middle of the screen."""
    mark = page.locator("mark.xref[id][data-note]").nth(20)
    mark.evaluate("m => m.scrollIntoView({block: 'center'})")
    page.wait_for_function("() => scrollY > 1000")
    return mark


# ------------------------------------------------------------------------------- on a phone

def test_a_tap_on_a_highlight_reads_its_note_in_place(phone, watch, base_url):
    with checked_page(phone, watch) as page:
        page.goto(base_url + RAMANI)
        mark = _a_highlight_further_down(page)
        label, mark_id = mark.get_attribute("data-note"), mark.get_attribute("id")
        before = _state(page)
        number = page.locator(f"a.footnote-ref[href='#fn:{label}']").inner_text()

        # A tap: the sheet opens with the note, its links and "edit this annotation"; nothing moves.
        _open_from(page, mark)
        sheet = page.locator(SHEET)
        assert _sheet_text(page) == _note_text(page, label)
        assert sheet.get_by_role("link", name="edit this annotation").count() == 1
        assert sheet.get_by_role("link", name="go to the passage").count() >= 1
        assert sheet.locator("[id]").count() == 1                 # only its title: no id of the page twice
        assert sheet.locator(".footnote-backref").count() == 0
        assert _state(page) == {**before, "open": True, "pushed": True}
        # Announced: a modal dialog named by its title, which says which note it is.
        assert page.evaluate("document.querySelector('dialog#note-sheet').matches(':modal')")
        assert page.get_by_role("dialog", name=f"Note {number}").count() == 1
        box = sheet.bounding_box()
        assert box["y"] > PHONE["height"] * 0.2 and abs(box["y"] + box["height"] - PHONE["height"]) < 1.5, box

        # Escape closes it; the focus is back on the highlight, the page where it was.
        page.keyboard.press("Escape")
        _closed(page)
        assert _state(page) == before
        assert page.evaluate("document.activeElement.id") == mark_id

        # Back closes it, and the address and the place in the page are those before.
        _open_from(page, mark)
        page.go_back()
        _closed(page)
        assert _state(page) == before
        assert page.evaluate("document.activeElement.id") == mark_id

        # A tap outside the sheet (on the dimmed page above it) closes it, and follows nothing.
        _open_from(page, mark)
        page.touchscreen.tap(PHONE["width"] / 2, 60)
        _closed(page)
        assert _state(page) == before

        # So does its Close button; and a printed page never shows it.
        _open_from(page, mark)
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('dialog#note-sheet')).display") == "none"
        page.emulate_media(media="screen")
        page.locator(SHEET).get_by_role("button", name="Close").tap()
        _closed(page)
        assert _state(page) == before


def test_a_tap_on_a_note_number_reads_it_in_place(phone, watch, base_url):
    with checked_page(phone, watch) as page:
        page.goto(base_url + RAMANI)
        _a_highlight_further_down(page)
        ref = page.locator("a.footnote-ref").nth(21)
        ref.evaluate("a => a.scrollIntoView({block: 'center'})")
        label = ref.get_attribute("href").removeprefix("#fn:")
        before = _state(page)
        _open_from(page, ref)
        assert _sheet_text(page) == _note_text(page, label)
        assert page.get_by_role("dialog", name=f"Note {ref.inner_text()}").count() == 1
        assert _state(page) == {**before, "open": True, "pushed": True}      # no jump to #fn:
        # Material's tooltip, a second copy of the note, is not shown on a touch screen.
        assert page.evaluate("[...document.querySelectorAll('.md-tooltip2')].every(t => !t.offsetParent)")
        page.keyboard.press("Escape")
        _closed(page)
        assert _state(page) == before
        assert page.evaluate("document.activeElement.getAttribute('href')") == f"#fn:{label}"
        assert page.evaluate("[...document.querySelectorAll('.md-tooltip2')].every(t => !t.offsetParent)")


def test_a_link_of_the_sheet_to_another_page_and_back_returns_to_the_sentence(phone, watch, base_url):
    with checked_page(phone, watch) as page:
        page.goto(base_url + RAMANI)
        mark = _a_highlight_further_down(page)
        mark_id = mark.get_attribute("id")
        _open_from(page, mark)
        page.locator(SHEET).get_by_role("link", name="go to the passage").first.tap()
        page.wait_for_url("**/harrison-2015/**")
        page.go_back()
        page.wait_for_url(f"**/ramani-2015/#{mark_id}")
        page.wait_for_function(f"document.activeElement && document.activeElement.id === '{mark_id}'")
        assert not _state(page)["open"]
        top = page.evaluate(f"document.getElementById('{mark_id}').getBoundingClientRect().top")
        assert 0 <= top < PHONE["height"]


def test_on_the_compare_page_a_passage_of_the_same_page_closes_the_sheet_first(phone, watch, base_url):
    with checked_page(phone, watch) as page:
        page.goto(base_url + COMPARE)
        ref = page.locator("a.footnote-ref").nth(3)
        ref.evaluate("a => a.scrollIntoView({block: 'center'})")
        label = ref.get_attribute("href").removeprefix("#fn:")
        _open_from(page, ref)
        assert _sheet_text(page) == _note_text(page, label)
        link = page.locator(SHEET).get_by_role("link", name="go to the passage").first
        target = link.get_attribute("href")
        assert target.startswith("#")
        link.tap()
        page.wait_for_function(f"location.hash === {target!r}")
        _closed(page)
        # the focus is on the passage (or on the link that holds it)
        page.wait_for_function(f"document.activeElement && document.activeElement.contains("
                               f"document.getElementById({target[1:]!r}))")
        top = page.evaluate(f"document.getElementById({target[1:]!r}).getBoundingClientRect()")
        assert 0 <= top["top"] < PHONE["height"] and top["bottom"] > 0


def test_axe_finds_nothing_with_the_sheet_open(phone, watch, base_url):
    """The sheet itself passes axe, and opening it adds no violation to the page (the page's own,
    with the sheet closed, are test_a11y's and test_comfort's to find)."""
    with checked_page(phone, watch) as page:
        page.goto(base_url + RAMANI)
        mark = _a_highlight_further_down(page)
        dark = page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert dark == (page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches"))
        closed = set(axe_violations(page))
        _open_from(page, mark)
        assert not axe_violations(page, SHEET)
        assert not set(axe_violations(page)) - closed


# ------------------------------------------------------------------------------- on a desktop

def test_on_a_touch_screen_material_sets_up_no_tooltip_for_the_notes(phone, watch, base_url):
    """The sheet reads the notes there, so Material is told before it starts not to set up a
    tooltip for each note number (overrides/assets/javascripts/edition-md-features.js): none
    appears when a note number is focused, where Material's would."""
    with checked_page(phone, watch) as page:
        page.goto(base_url + RAMANI)
        page.wait_for_function("document.documentElement.classList.contains('js') && document.readyState === 'complete'")
        features = page.evaluate("JSON.parse(document.getElementById('__config').textContent).features")
        assert "content.footnote.tooltips" not in features and "navigation.top" in features
        page.locator("a.footnote-ref").nth(3).focus()
        page.wait_for_function("document.activeElement.matches('a.footnote-ref')")
        settle(page)        # what Material does on a focus (its tooltip is drawn a frame or more later) has been done
        assert page.locator(".md-tooltip2").count() == 0


def test_on_a_desktop_the_tooltip_and_the_jump_to_the_note_are_as_they_were(desktop, watch, base_url):
    with checked_page(desktop, watch) as page:
        page.goto(base_url + RAMANI)
        ref = page.locator("#p12 a.footnote-ref").first
        label = ref.get_attribute("href").removeprefix("#fn:")
        ref.hover()
        tip = page.locator(".md-tooltip2").filter(has_text="edit this annotation")
        tip.first.wait_for(state="visible")
        page.mouse.move(0, 0)
        mark = page.locator(f'mark.xref[id][data-note="{label}"]')
        mark.click()
        page.wait_for_function(f"location.hash === '#fn:{label}'")
        assert page.locator(SHEET).count() == 0


def test_without_javascript_a_note_number_goes_to_the_note(nojs, watch, base_url):
    with checked_page(nojs, watch) as page:
        page.goto(base_url + RAMANI)
        ref = page.locator("a.footnote-ref").nth(21)
        label = ref.get_attribute("href").removeprefix("#fn:")
        ref.tap()
        page.wait_for_url(f"**#fn:{label}")
        box = page.evaluate(f"document.getElementById('fn:{label}').getBoundingClientRect().top")
        assert 0 <= box < PHONE["height"]


# ------------------------------------------------------------------------------- print

MARKERS = """() => {
    // An outside marker ("42. ") is drawn left of its list item, in the room between the item
    // and the left edge of its list; the first item is in the first column, whose left edge cuts
    // off what is drawn beyond it. Printed, any note may fall in a first column: each must fit.
    const out = [];
    for (const ol of document.querySelectorAll('.footnote ol')) {
        const room = ol.children[0].getBoundingClientRect().left - ol.getBoundingClientRect().left;
        [...ol.children].forEach((li, i) => {
            const m = getComputedStyle(li, '::marker'), probe = document.createElement('span');
            probe.style.cssText = `position:absolute;white-space:pre;font:${m.font};letter-spacing:${m.letterSpacing}`;
            probe.textContent = (i + 1) + '. ';
            document.body.appendChild(probe);
            out.push({n: i + 1, width: probe.getBoundingClientRect().width, room});
            probe.remove();
        });
    }
    return out;
}"""


@pytest.mark.parametrize("path", [RAMANI, COMPARE])
def test_printed_note_numbers_are_whole(page, base_url, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    markers = page.evaluate(MARKERS)
    page.emulate_media(media="screen")
    assert len(markers) > 40 and max(m["n"] for m in markers) >= 42
    cut = [m for m in markers if m["width"] > m["room"] + 0.5]
    assert not cut, f"note numbers wider than the room left of their note (cut off in print): {cut[:5]}"


@pytest.mark.parametrize("path", [RAMANI, COMPARE])
def test_printed_note_numbers_are_whole_in_the_pdf(page, base_url, path, tmp_path):
    """The printed PDF: every note number ("42.", "112.") is a word of the text, and begins no
    further left than the text itself (a glyph left of it is cut off by the page's margin)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is missing (apt-get install poppler-utils); the test above still checks")
    page.goto(base_url + path)
    page.emulate_media(media="print")
    count = page.evaluate("document.querySelectorAll('.footnote li').length")
    (tmp_path / "p.pdf").write_bytes(page.pdf(format="A4"))
    page.emulate_media(media="screen")
    xml = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    words = [(float(x), w) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', xml)]
    margin = min(x for x, w in words if not re.fullmatch(r"\d+\.", w))
    numbers = {}
    for x, w in words:
        if re.fullmatch(r"\d+\.", w):
            numbers.setdefault(int(w[:-1]), []).append(x)
    assert set(range(10, count + 1)) <= set(numbers), sorted(set(range(10, count + 1)) - set(numbers))
    cut = [n for n in range(10, count + 1) if min(numbers[n]) < margin - 0.5]
    assert not cut, f"note numbers that begin left of the text's margin ({margin:.1f} pt): {cut}"
