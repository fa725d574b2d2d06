"""Proposing a cross-reference from the page (docs/assets/edition-propose.js): what a reader
selects becomes an annotation file that `make check` accepts, and the build shows it on both
pages; quotes come from the reading text, never from what the page adds to it."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import checked_page
from .test_a11y import WCAG22

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from conftest import ROOT, make_project, run_build, run_check  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from edition import load_edition  # noqa: E402
from edition.quotes import QuoteIndex  # noqa: E402

RAMANI, HARRISON = "texts/ramani-2015/", "texts/harrison-2015/"

# Select, in the element with id `block`, from the `start`-th occurrence of `first` to the end
# of `last` (the text as the page shows it, what the edition adds included).
SELECT = """([block, first, last, nth]) => {
  const el = document.getElementById(block);
  const nodes = [], starts = [];
  let text = "";
  const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) { nodes.push(n); starts.push(text.length); text += n.data; }
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(first, i + 1);
  const j = text.indexOf(last, i) + last.length;
  if (i < 0 || j < last.length) throw new Error("not found: " + first + " … " + last);
  const at = (off, end) => {
    for (let k = nodes.length - 1; k >= 0; k--)
      if (starts[k] < off || (!end && starts[k] <= off)) return [nodes[k], off - starts[k]];
  };
  const [a, ao] = at(i, false), [z, zo] = at(j, true);
  const r = document.createRange();
  r.setStart(a, ao); r.setEnd(z, zo);
  const s = window.getSelection();
  s.removeAllRanges(); s.addRange(r);
  return s.toString();
}"""



def select(page, block: str, first: str, last: str | None = None, nth: int = 0) -> str:
    shown = page.evaluate(SELECT, [block, first, last or first, nth])
    page.locator(".propose-pop").wait_for()
    return shown


def only_once(sid: str, quote: str, prefix: str = "", suffix: str = "") -> str:
    """The block where the passage stands, asserting that it stands in exactly one place."""
    src = load_edition(ROOT).sources[sid]
    found = QuoteIndex(src.blocks).find(quote, prefix, suffix)
    assert len(found) == 1, (quote, prefix, suffix, found)
    return found[0].block


def test_a_proposal_made_on_the_pages_passes_make_check_and_builds_on_both_pages(context, watch, base_url,
                                                                                   tmp_path):
    with checked_page(context, watch) as page:
        page.goto(base_url + RAMANI)
        select(page, "p1", "Chang emphasized", "strategic partners")
        pop = page.locator(".propose-pop")
        assert pop.get_by_role("button", name="Propose a cross-reference").is_visible()
        pop.get_by_role("button", name="Propose a cross-reference").click()
        bar = page.locator(".propose-bar")
        assert "Ramani ¶1" in bar.inner_text() and "Chang emphasized" in bar.inner_text()
        bar.get_by_role("link", name="Go to Harrison’s text").click()       # the second text, on its page
        page.wait_for_url("**/" + HARRISON)
        assert "Ramani ¶1" in page.locator(".propose-bar").inner_text()     # the first passage is held
        select(page, "p3", "China has been cooperating closely with Kazakhstan")
        page.locator(".propose-pop").get_by_role("button", name="Use as the second passage").click()
        dialog = page.get_by_role("dialog", name="Propose a cross-reference")
        assert dialog.is_visible()
        assert "Harrison ¶3" in dialog.inner_text()
        dialog.locator("input[name=relation][value=agree]").check()
        dialog.locator("input[name=topic][value=border-security]").check()
        dialog.locator("input[name=title]").fill("Friendly neighbours and close cooperation")
        dialog.locator("textarea[name=note]").fill("Both describe the relationship as close (Ramani ¶1, Harrison ¶3).\n"
                                         "A second line of the note.")
        dialog.get_by_role("button", name="Make the file").click()
        link = dialog.get_by_role("link", name="Propose it on GitHub")
        href = link.get_attribute("href")
        shown = dialog.get_by_label("The annotation file").input_value()
        download = dialog.get_by_role("link", name="Download friendly-neighbours-and-close-cooperation.yml")
        assert download.get_attribute("download") == "friendly-neighbours-and-close-cooperation.yml"
    url = urlsplit(href)
    assert f"{url.scheme}://{url.netloc}{url.path}" == \
        "https://github.com/china-kazakhstan-edition/edition/new/main/sources/annotations"
    query = parse_qs(url.query)
    name, content = query["filename"][0], query["value"][0]
    assert name == "friendly-neighbours-and-close-cooperation.yml" and content == shown
    assert content.splitlines()[:2] == ["# yaml-language-server: $schema=../../schemas/annotation.schema.json",
                                        "id: friendly-neighbours-and-close-cooperation"]
    assert '  - source: ramani-2015\n    quote: "Chang emphasized that China and Kazakhstan are friendly ' \
           'neighbors and strategic partners"\n' in content
    assert "prefix" not in content and "suffix" not in content            # each quote occurs once
    project = make_project(tmp_path / "proposal")
    (project / "sources/annotations" / name).write_text(content, encoding="utf-8")
    checked = run_check(project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no problems" in checked.stdout
    built = run_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    for path in (RAMANI, HARRISON):
        html = (tmp_path / "site" / path / "index.html").read_text(encoding="utf-8")
        assert 'data-note="friendly-neighbours-and-close-cooperation"' in html, path
        assert 'id="fn:friendly-neighbours-and-close-cooperation"' in html, path
    shutil.rmtree(tmp_path / "site", ignore_errors=True)


@pytest.mark.parametrize("path, blocks", [(RAMANI, 25), (HARRISON, 14), ("compare/", 24)])
def test_every_block_on_the_page_reads_as_its_reading_text(context, watch, base_url, path, blocks):
    """What a reader can select, less what the edition adds (numbers, markers, buttons), is the
    reading text of its block, in every block of the page: no passage is refused for a
    difference the reader cannot see."""
    with checked_page(context, watch) as page:
        page.goto(base_url + path)
        select(page, "p1" if path != "compare/" else "ramani-2015-p1", "On October" if path == RAMANI or
               path == "compare/" else "Kazakhstan")
        page.wait_for_function("() => window.editionPropose")
        found = page.evaluate("() => window.editionPropose.mismatches()")
    assert found["mismatched"] == [] and found["blocks"] >= blocks, found


def test_the_control_is_reached_by_the_keyboard(context, watch, base_url):
    with checked_page(context, watch) as page:
        page.goto(base_url + HARRISON)
        select(page, "p8", "In many areas the terrain is inhospitable")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Propose a cross-reference"
        page.keyboard.press("Enter")
        bar = page.locator(".propose-bar")
        assert "Harrison ¶8" in bar.inner_text()
        assert bar.get_by_role("link", name="Go to Ramani’s text").is_visible()
        bar.get_by_role("button", name="Cancel the proposal").click()
        assert page.locator(".propose-bar").count() == 0
        assert page.evaluate("() => sessionStorage.getItem('edition.propose')") is None


def test_a_quote_that_occurs_twice_gets_the_words_that_tell_it_apart(context, watch, base_url):
    with checked_page(context, watch) as page:
        page.goto(base_url + RAMANI)
        select(page, "p1", "China and Kazakhstan")
        page.locator(".propose-pop").get_by_role("button", name="Propose a cross-reference").click()
        held = page.evaluate("() => JSON.parse(sessionStorage.getItem('edition.propose')).first")
    assert held["quote"] == "China and Kazakhstan"
    assert held.get("prefix") or held.get("suffix")
    assert only_once("ramani-2015", held["quote"], held.get("prefix", ""), held.get("suffix", "")) == "p1"
    assert len(QuoteIndex(load_edition(ROOT).sources["ramani-2015"].blocks).find("China and Kazakhstan")) > 1


# A selection across two paragraphs: tests/browser/test_cite_phrase.py, at both widths, with the
# reasons for Propose and for Cite.


BORDER = ("Border security is the most natural sphere for security cooperation between Kazakhstan and China, "
          "due to the perceived threat posed by the Uighur population who reside immediately southeast of Kazakhstan")


@pytest.mark.parametrize("path, block, first, last, quote", [
    (RAMANI, "p13", "13", "southeast of Kazakhstan", BORDER),                 # the number and its Cite button
    (RAMANI, "p13", "Border security is", "southeast of Kazakhstan", BORDER),  # into a nested highlight
    (RAMANI, "p13", "of Kazakhstan", "But even on this issue",
     "of Kazakhstan. But even on this issue"),                                # across two note markers
    (RAMANI, "p13", "ecurity is the most natural sph", None,
     "security is the most natural sphere"),                                   # words cut: made whole
    ("compare/", "harrison-2015-p8", "8", "significance to the border",
     "There is a strong geographical and historical significance to the border"),  # the compare page
])
def test_numbers_markers_and_buttons_never_enter_a_quote(context, watch, base_url, path, block, first, last, quote):
    with checked_page(context, watch) as page:
        page.goto(base_url + path)
        select(page, block, first, last)
        page.locator(".propose-pop").get_by_role("button", name="Propose a cross-reference").click()
        held = page.evaluate("() => JSON.parse(sessionStorage.getItem('edition.propose')).first")
    sid = "harrison-2015" if block.startswith("harrison") else "ramani-2015"
    assert held["quote"] == quote
    assert only_once(sid, held["quote"], held.get("prefix", ""), held.get("suffix", "")) == block.split("-")[-1]


def test_a_note_on_the_masthead_is_an_editorial_note_only(context, watch, base_url):
    with checked_page(context, watch) as page:
        page.goto(base_url + RAMANI)
        select(page, "masthead", "افغانستان آزاد")
        pop = page.locator(".propose-pop")
        assert "editorial note" in pop.inner_text()
        assert pop.get_by_role("button", name="Propose a cross-reference").count() == 0
        pop.get_by_role("button", name="Propose an editorial note").click()
        dialog = page.get_by_role("dialog", name="Propose an editorial note")
        assert dialog.get_by_role("radio").count() == 1 and dialog.get_by_role("radio").is_checked()
        dialog.get_by_role("checkbox").first.check()
        dialog.locator("input[name=title]").fill("The masthead's name")
        dialog.locator("textarea[name=note]").fill("The reprint's name, given twice.")
        dialog.get_by_role("button", name="Make the file").click()
        text = dialog.get_by_label("The annotation file").input_value()
    assert "id: ed-the-mastheads-name\n" in text and "relation: editorial\n" in text
    assert text.count("  - source:") == 1


def test_without_javascript_nothing_of_it_shows_and_contributing_says_how(context, watch, base_url, site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Propose a cross-reference" in home and 'href="contributing/#propose' in home
    contributing = (site / "contributing/index.html").read_text(encoding="utf-8")
    assert 'id="propose-from-the-page"' in contributing
    for path in (RAMANI, HARRISON, "compare/"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert "propose-pop" not in html and "edition-propose.js" not in html   # only script brings it


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_control_bar_and_form_fit_the_screen_and_axe_finds_nothing(playwright, watch, base_url, screen):
    """At 390 and 1400 pixels: the control stands within the screen, the bar does not hide the
    control, the form's buttons are in reach, and axe (WCAG 2.2 AA) finds nothing at each step."""
    import tempfile

    from axe_playwright_python.sync_playwright import Axe

    from .conftest import launch, quiet

    size = {"width": 390, "height": 844} if screen == "phone" else {"width": 1400, "height": 1000}
    profile = Path(tempfile.mkdtemp(prefix="chromium-propose-"))
    ctx = launch(playwright, watch, profile, viewport=size, is_mobile=screen == "phone", has_touch=screen == "phone")
    try:
        with checked_page(ctx, watch) as page:
            page.goto(base_url + "compare/")
            select(page, "ramani-2015-p13", "Border security is", "southeast of Kazakhstan")
            box = page.locator(".propose-pop").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1, box
            quiet(page)                                # Material's header title fades as the page scrolls
            v0 = Axe().run(page, options=WCAG22).response["violations"]
            assert not v0, [(v["id"], [(n["target"], n.get("failureSummary", "")[:300]) for n in v["nodes"]]) for v in v0]
            page.locator(".propose-pop").get_by_role("button", name="Propose a cross-reference").click()
            assert page.locator(".propose-bar").is_visible()
            quiet(page)                                # Material's header title fades as the page scrolls
            v0 = Axe().run(page, options=WCAG22).response["violations"]
            assert not v0, [(v["id"], [(n["target"], n.get("failureSummary", "")[:300]) for n in v["nodes"]]) for v in v0]
            select(page, "harrison-2015-p8", "There is a strong geographical")
            pop = page.locator(".propose-pop")
            pop.get_by_role("button", name="Use as the second passage").scroll_into_view_if_needed()
            pop.get_by_role("button", name="Use as the second passage").click()
            dialog = page.get_by_role("dialog", name="Propose a cross-reference")
            assert dialog.get_by_role("button", name="Close").is_visible()
            quiet(page)
            violations = Axe().run(page, options=WCAG22).response["violations"]
            assert not violations, [(v["id"], [(n["target"], n.get("failureSummary", "")[:300]) for n in v["nodes"]]) for v in violations]
            wide = page.evaluate("() => document.getElementById('propose-dialog').scrollWidth")
            assert wide <= size["width"], wide
    finally:
        ctx.close()
        shutil.rmtree(profile, ignore_errors=True)
