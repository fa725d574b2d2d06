"""Citing a phrase (docs/assets/edition-propose.js: "Cite" beside a selection; and
docs/assets/edition-phrase.js, which honours the link): the words a reader selects in one
paragraph, with the mouse or the keyboard, on a phone and on a desktop, are quoted exactly in
every style, with a link to them (the paragraph's anchor and a text fragment, its terms
percent-encoded as the Text Fragments specification asks); the link, opened, marks exactly those
words and brings them into view; words that stand twice are told apart; words since emended are
found or said to have changed; a selection across paragraphs is refused with the reason.

The phrases are read from the built pages, not written here: a phrase with a comma, a hyphen
and an apostrophe, and two words that stand twice in one paragraph."""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from . import conftest as browser
from .conftest import ACROSS, checked_page, launch
from .test_a11y import WCAG22, axe_violations
from .test_hostile_site import hostile, in_memory_module  # noqa: F401,F811  (its fixtures, for a test here)
from test_versions import released  # noqa: F401,E402  (a project with one release, built with its versions)

RAMANI, HARRISON = "texts/ramani-2015/", "texts/harrison-2015/"
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1400, "height": 1000}}
STYLES = ("chicago", "mla", "apa")

# The body paragraphs of the page, as the reader sees their words: for each, the runs of text
# between what the edition adds (number, Cite button, note markers, relation signs).
RUNS = """() => [...document.querySelectorAll('article p.para[id]')].map(p => {
  const runs = [""];
  const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (n.parentElement.closest('a.pnum, button, sup, .headerlink, .block-label')) { runs.push(""); continue; }
    runs[runs.length - 1] += n.data;
  }
  return {id: p.id, runs: runs.map(r => r.replace(/\\s+/g, " "))};
})"""

# Where the `nth` occurrence of `phrase` stands in the paragraph `id` (its text as shown): the
# paragraph is scrolled into view, and the first and last characters' boxes are returned; with
# `select`, the caret is put before the phrase's first character instead.
LOCATE = """([id, phrase, nth, caret]) => {
  const el = document.getElementById(id);
  const nodes = [], starts = [];
  let text = "";
  const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (n.parentElement.closest('a.pnum, button, sup, .headerlink, .block-label')) continue;
    nodes.push(n); starts.push(text.length); text += n.data;
  }
  const flat = text.replace(/\\s/g, " ");
  let i = -1;
  for (let k = 0; k <= nth; k++) i = flat.indexOf(phrase, i + 1);
  if (i < 0) throw new Error("not found: " + phrase);
  const at = off => { for (let k = nodes.length - 1; k >= 0; k--) if (starts[k] <= off) return [nodes[k], off - starts[k]]; };
  const box = off => { const [n, o] = at(off); const r = document.createRange(); r.setStart(n, o); r.setEnd(n, o + 1);
    return r.getBoundingClientRect(); };
  el.scrollIntoView({block: "center", behavior: "instant"});
  if (caret) {
    const [n, o] = at(i); const r = document.createRange(); r.setStart(n, o); r.setEnd(n, o);
    getSelection().removeAllRanges(); getSelection().addRange(r);
    return {offset: i};
  }
  const a = box(i), z = box(i + phrase.length - 1);
  return {offset: i, x0: a.left + 1, y0: a.top + a.height / 2, x1: z.right - 1, y1: z.top + z.height / 2};
}"""


# The marks of the landing page, their words joined, whether the first is on the screen below
# the header, and the offset of the first in its paragraph's text as shown.
MARKED = """() => {
  const marks = [...document.querySelectorAll('mark.cited-phrase')];
  if (!marks.length) return {text: "", inView: false, offset: -1, para: null};
  const para = marks[0].closest('p.para[id]');
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const r = marks[0].getBoundingClientRect();
  let text = "";
  const w = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
  let offset = -1;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (n.parentElement.closest('a.pnum, button, sup, .headerlink, .block-label')) continue;
    if (offset < 0 && marks[0].contains(n)) offset = text.replace(/\\s/g, " ").length;
    text += n.data;
  }
  return {text: marks.map(m => m.textContent).join("").replace(/\\s+/g, " "), para: para.id, offset: offset,
          inView: r.top >= header.bottom - 1 && r.bottom <= innerHeight + 1 && r.height > 0};
}"""


def term(text: str) -> str:
    """A text directive's term as the specification asks: percent-encoded, `-` included."""
    return quote(text, safe="").replace("-", "%2D")


@pytest.fixture(scope="module", params=["phone", "desktop"])
def screen(request, playwright, watch):
    """A browser of the screen's size (a phone: touch and a mobile viewport), with caret
    browsing on (F7 in Chromium), so that the keyboard can select words of the page."""
    name = request.param
    profile = Path(tempfile.mkdtemp(prefix="chromium-cite-"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(browser, "FLAGS", browser.FLAGS + ["--enable-caret-browsing"])
        ctx = launch(playwright, watch, profile, viewport=SCREENS[name], is_mobile=name == "phone",
                     has_touch=name == "phone")
    yield name, ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


def runs(page) -> list[dict]:
    return page.evaluate(RUNS)


def punctuated(page) -> tuple[str, str]:
    """The shortest run of 3 to 10 words of a paragraph with a comma, a hyphen and an
    apostrophe in it: (paragraph id, words)."""
    best = None
    for p in runs(page):
        for run in p["runs"]:
            words = run.split()
            for i in range(len(words)):
                for j in range(i + 3, min(len(words), i + 10) + 1):
                    t = " ".join(words[i:j])
                    if "," in t and "-" in t and ("'" in t or "’" in t):
                        if not best or len(t) < len(best[1]):
                            best = (p["id"], t)
                        break
    assert best, "no phrase with a comma, a hyphen and an apostrophe on the page"
    return best


def repeated(page) -> tuple[str, str]:
    """Two words (of four letters or more) that stand twice in one paragraph: (id, words)."""
    for p in runs(page):
        text = " ".join(p["runs"])
        for run in p["runs"]:
            words = run.split()
            for a, b in zip(words, words[1:]):
                t = f"{a} {b}"
                if a.isalpha() and b.isalpha() and len(a) >= 4 and len(b) >= 4 and text.count(t) == 2:
                    return p["id"], t
    raise AssertionError("no two words stand twice in one paragraph")


def drag(page, block: str, phrase: str, nth: int = 0) -> None:
    """Select the phrase with the mouse: press before its first character, move, release after its last."""
    box = page.evaluate(LOCATE, [block, phrase, nth, False])
    page.mouse.move(box["x0"], box["y0"])
    page.mouse.down()
    page.mouse.move((box["x0"] + box["x1"]) / 2, (box["y0"] + box["y1"]) / 2, steps=4)
    page.mouse.move(box["x1"], box["y1"], steps=4)
    page.mouse.up()


def phrase_ready(page, block: str, quote: str | None = None) -> dict:
    """The phrase the control offers to cite, once it stands for the selection (of ``quote``)."""
    page.locator(".propose-pop").wait_for()
    page.wait_for_function("([n, q]) => { const p = window.editionPropose && window.editionPropose.phrase();"
                           " return p && !p.error && ('p' + p.n) === n && (!q || p.quote === q); }",
                           arg=[block.split("-")[-1], quote])
    return page.evaluate("() => window.editionPropose.phrase()")


def open_cite(page):
    button = page.locator(".propose-pop").get_by_role("button", name="Cite these words")
    button.scroll_into_view_if_needed()
    button.click()
    dialog = page.get_by_role("dialog", name="Cite these words")
    dialog.wait_for()
    return dialog


def style_texts(dialog) -> dict[str, str]:
    return {key: dialog.locator(f'.cite-text[data-style="{key}"]').inner_text()
            for key in ("link", "version-link", *STYLES, "apa-in-text")
            if dialog.locator(f'.cite-text[data-style="{key}"]').count()}


def landed(ctx, watch, url: str) -> dict:
    """Open ``url`` in a fresh tab; what the edition marked there, and its note if any."""
    with checked_page(ctx, watch) as page:
        page.goto(url)
        page.wait_for_function("() => document.documentElement.hasAttribute('data-cited-phrase')")
        out = page.evaluate(MARKED)
        out["state"] = page.evaluate("() => document.documentElement.getAttribute('data-cited-phrase')")
        note = page.locator(".cited-note")
        if note.count():
            note.wait_for()
            out["note"] = note.inner_text()
            out["note_role"] = note.get_attribute("role")
            out["note_after"] = page.evaluate("() => document.querySelector('.cited-note').previousElementSibling.id")
        out["parsed"] = page.evaluate("(h) => window.editionPhrase.directive(h)", url[url.index("#"):])
    return out


def test_words_selected_with_the_mouse_are_quoted_exactly_and_linked(screen, playwright, watch, base_url, site_url):
    name, ctx = screen
    with checked_page(ctx, watch) as page:
        page.goto(base_url + HARRISON)
        block, words = punctuated(page)
        drag(page, block, words)
        phrase = phrase_ready(page, block, words)
        assert phrase["quote"] == words, (phrase, words)
        dialog = open_cite(page)
        texts = style_texts(dialog)
        link = f"{site_url}{HARRISON}#{block}:~:text={term(words)}"
        assert texts["link"] == link
        assert "%2C" in link and "%2D" in link and ("%27" in link or "%E2%80%99" in link), link
        for key in STYLES:
            assert texts[key].startswith(f"“{words}” "), (key, texts[key])
            assert link.replace(site_url, "") in texts[key].replace("\n", ""), (key, texts[key])
        assert texts["apa-in-text"].startswith(f"“{words}” (") and f"para. {block[1:]})" in texts["apa-in-text"]
        files = dialog.locator("a.cite-phrase-file")
        assert files.count() == 3
        records = {}
        for i in range(3):
            files.nth(i).scroll_into_view_if_needed()
            with page.expect_download() as down:
                files.nth(i).click()
            records[down.value.suggested_filename] = Path(down.value.path()).read_bytes().decode("utf-8")
        bib, ris, csl = (records[f"harrison-2015-{block}-words.{ext}"] for ext in ("bib", "ris", "csl.json"))
        assert f"Quoted, paragraph {block[1:]}: “{words}”" in ris and "\r\nER  - \r\n" in ris
        assert json.loads(csl)[0]["archive_location"].endswith(f"#{block}:~:text={term(words)}")
        assert f"Quoted, paragraph {block[1:]}: “{words}”" in json.loads(csl)[0]["note"]
        assert "note = {Quoted, paragraph" in bib and "\\#" + block in bib
        dialog.get_by_role("button", name="Close").click()
        page.locator("#cite-phrase-dialog").wait_for(state="detached")   # a condition, not a clock
    # the link, opened: the words marked, in view
    got = landed(ctx, watch, link.replace(site_url, base_url))
    assert got["state"] == "found" and got["para"] == block and got["text"] == words and got["inView"], got
    assert "note" not in got
    if name == "desktop":                                            # Chromium itself finds them there
        assert native(playwright, watch, link.replace(site_url, base_url)) == block
    assert got["parsed"]["start"] == words and got["parsed"]["id"] == block


def test_words_selected_with_the_keyboard_reach_cite(screen, watch, base_url, site_url):
    name, ctx = screen
    with checked_page(ctx, watch) as page:
        page.goto(base_url + RAMANI)
        block, run = next((p["id"], r) for p in runs(page) for r in p["runs"] if len(r.split()) > 6)
        first = " ".join(run.split()[:3])
        page.evaluate(LOCATE, [block, first, 0, True])               # the caret before the words
        for _ in range(3):
            page.keyboard.press("Shift+Control+ArrowRight")
        selected = page.evaluate("() => getSelection().toString()").strip()
        assert first.startswith(selected) and len(selected.split()) == 3, (selected, first)
        phrase_ready(page, block, selected)
        for _ in range(4):                                            # Tab from the selection: Propose, …, Cite
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Cite these words":
                break
        assert page.evaluate("() => document.activeElement.closest('.propose-pop') !== null")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Cite these words"
        page.keyboard.press("Enter")
        dialog = page.get_by_role("dialog", name="Cite these words")
        dialog.wait_for()
        assert dialog.locator('.cite-text[data-style="chicago"]').inner_text().startswith(f"“{selected}” ")
        page.keyboard.press("Escape")
        page.locator("#cite-phrase-dialog").wait_for(state="detached")


def test_words_that_stand_twice_get_a_prefix_or_suffix_and_the_right_ones_are_marked(screen, playwright, watch,
                                                                                     base_url, site_url):
    name, ctx = screen
    with checked_page(ctx, watch) as page:
        page.goto(base_url + RAMANI)
        block, words = repeated(page)
        second = page.evaluate(LOCATE, [block, words, 1, False])["offset"]
        drag(page, block, words, nth=1)
        phrase = phrase_ready(page, block, words)
        assert phrase["quote"] == words
        hash_ = phrase["hash"]
        assert ("-," in hash_) != (",-" in hash_), hash_             # a prefix or a suffix
        link = open_cite(page).locator('.cite-text[data-style="link"]').inner_text()
    got = landed(ctx, watch, link.replace(site_url, base_url))
    assert got["state"] == "found" and got["text"] == words and got["para"] == block and got["inView"], got
    assert got["offset"] == second, (got, second)                   # the second place, not the first
    if name == "desktop":
        assert native(playwright, watch, link.replace(site_url, base_url)) == block


def across_a_marker(page) -> tuple[str, str]:
    """Words on both sides of a note marker (two words before it, three after): (id, words)."""
    for p in runs(page):
        full = [r for r in p["runs"] if r.strip()]
        for left, right in zip(full, full[1:]):
            head = re.match(r"^[.,;:]? ?[\w’']+ [\w’']+ [\w’']+", right)
            if head and len(left.split()) >= 2 and re.search(r"\w$", left):
                return p["id"], " ".join(left.split()[-2:]) + head.group()
    raise AssertionError("no note marker with words on both sides")


def native(playwright, watch, url: str) -> str | None:
    """Where Chromium itself, without the edition's script, takes a link to words: the id of
    the paragraph around its :target (the element that holds the words it found, or the
    paragraph the anchor names when it found none), or None when :target is elsewhere (words
    found in another place of the page: the received text, a note)."""
    profile = Path(tempfile.mkdtemp(prefix="chromium-cite-native-"))
    ctx = launch(playwright, watch, profile, java_script_enabled=False)
    try:
        with checked_page(ctx, watch) as page:
            page.goto(url)
            return page.evaluate("() => { const t = document.querySelector(':target');"
                                 " const p = t && t.closest('p.para[id]'); return p ? p.id : null; }")
    finally:
        ctx.close()
        shutil.rmtree(profile, ignore_errors=True)


def test_words_by_a_note_marker_are_linked_so_that_a_browser_finds_them_there(screen, playwright, watch, base_url,
                                                                               site_url):
    """Words across a note marker are linked by their first and last words (textStart,textEnd);
    a term that ends where a marker follows ends with its digits, as a browser reads the page
    ("Kazakhstan43" is one word to it), so that the browser itself finds the words in their
    paragraph and not in the received text further down; the edition marks the words alone."""
    name, ctx = screen
    with checked_page(ctx, watch) as page:
        page.goto(base_url + RAMANI)
        block, words = across_a_marker(page)
        before = " ".join(words.split()[:2])                          # the words the marker follows
        links = []
        for phrase_words in (words, before):
            page.evaluate("() => getSelection().removeAllRanges()")
            drag(page, block, phrase_words)
            phrase = phrase_ready(page, block, phrase_words)
            links.append(phrase["hash"])
            page.locator(".propose-pop").wait_for()
        assert "," in links[0].split(":~:text=")[1], links[0]         # textStart,textEnd
        assert re.search(r"[0-9]$", links[1]) or re.search(r"[0-9](,-|$)", links[1]), links[1]   # the marker's digits
    for hash_, phrase_words in zip(links, (words, before)):
        url = f"{base_url}{RAMANI}{hash_}"
        got = landed(ctx, watch, url)
        assert got["state"] == "found" and got["text"] == phrase_words and got["para"] == block and got["inView"], \
            (got, phrase_words)
        if name == "desktop":
            assert native(playwright, watch, url) == block, hash_


def test_a_link_to_words_followed_within_the_page_marks_them(context, watch, base_url):
    """A hashchange to words (a link within the page, or the address changed by hand): the
    edition marks them, whether its script for them was loaded already or not (Chromium takes
    :~: out of location.hash; the event's newURL keeps it)."""
    with checked_page(context, watch) as page:
        page.goto(base_url + RAMANI)
        picked = [(p["id"], " ".join(r.split()[1:4])) for p in runs(page)[1:] for r in p["runs"] if len(r.split()) > 6][:2]
        assert len(picked) == 2, picked
        for block, words in picked:
            page.evaluate("(h) => { location.hash = h; }", f"#{block}:~:text={term(words)}")
            page.wait_for_function("([b, w]) => { const m = [...document.querySelectorAll('mark.cited-phrase')];"
                                   " return m.length && m[0].closest('p.para').id === b &&"
                                   " m.map(x => x.textContent).join('').replace(/\\s+/g, ' ') === w; }",
                                   arg=[block, words])
            assert page.evaluate(MARKED)["inView"]


def test_a_link_to_words_since_emended_is_found_or_said_to_have_changed(screen, watch, base_url):
    name, ctx = screen
    with checked_page(ctx, watch) as page:
        page.goto(base_url + RAMANI)
        block, run = next((p["id"], r) for p in runs(page)[1:] for r in p["runs"] if len(r.split()) > 8)
    words = run.split()[:7]
    emended = words[:3] + ["altered"] + words[4:]                     # one word changed since it was cited
    got = landed(ctx, watch, f"{base_url}{RAMANI}#{block}:~:text={term(' '.join(emended))}")
    assert got["state"] == "changed" and got["para"] == block and got["inView"], got
    assert " ".join(words[:3]) in got["text"] and got["text"].startswith(words[0].strip("“”\"'(")), got
    assert "have changed" in got["note"] and " ".join(emended) in got["note"], got
    assert got["note_role"] == "status" and got["note_after"] == block
    gone = "Words that were never written in this paragraph"
    got = landed(ctx, watch, f"{base_url}{RAMANI}#{block}:~:text={term(gone)}")
    assert got["state"] == "missing" and got["text"] == "", got
    assert "no longer in this paragraph" in got["note"] and gone in got["note"] and got["note_after"] == block


def axe(page, *selectors: str) -> list[str]:
    """What axe finds in the parts of the page this feature adds (the rest: tests/browser/test_a11y.py)."""
    return axe_violations(page, {"include": [[s] for s in selectors]}, WCAG22)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_dialog_and_the_note_pass_axe(playwright, watch, base_url, scheme):
    """The Cite dialog and the note on words since changed, at 390 and 1400 pixels, in the light
    and the dark scheme: axe (WCAG 2.2 AA) finds nothing, and the dialog is no wider than the screen."""
    for name, size in SCREENS.items():
        profile = Path(tempfile.mkdtemp(prefix="chromium-cite-axe-"))
        ctx = launch(playwright, watch, profile, viewport=size, is_mobile=name == "phone", has_touch=name == "phone",
                     color_scheme=scheme)
        try:
            with checked_page(ctx, watch) as page:
                page.goto(base_url + HARRISON)
                block, words = punctuated(page)
                drag(page, block, words)
                phrase_ready(page, block, words)
                open_cite(page)
                found = axe(page, "#cite-phrase-dialog")
                assert not found, (name, scheme, found)
                wide = page.evaluate("() => document.getElementById('cite-phrase-dialog').scrollWidth")
                assert wide <= size["width"], wide
                page.goto("about:blank")
                page.goto(f"{base_url}{HARRISON}#{block}:~:text={term(words.replace(words.split()[1], 'altered'))}")
                page.locator(".cited-note:not(:empty)").wait_for()
                found = axe(page, ".cited-note", "#" + block)
                assert not found, (name, scheme, found)
        finally:
            ctx.close()
            shutil.rmtree(profile, ignore_errors=True)


def test_a_selection_across_paragraphs_can_be_neither_proposed_nor_cited_and_says_why(screen, watch, base_url):
    name, ctx = screen
    with checked_page(ctx, watch) as page:
        page.goto(base_url + HARRISON)
        page.evaluate(ACROSS, ["p2", "p3"])
        pop = page.locator(".propose-pop")
        pop.wait_for()
        said = pop.get_by_role("alert").all_inner_texts()          # the reason for Propose, and for Cite
        assert len(said) == 2 and "A passage stands within one paragraph" in said[0], said
        assert "A phrase is cited within one paragraph" in said[1], said
        assert pop.get_by_role("button").count() == 0               # neither Propose nor Cite is offered


def test_on_the_compare_page_words_are_cited_at_their_reading_page(context, watch, base_url, site_url):
    with checked_page(context, watch) as page:
        page.goto(base_url + "compare/")
        text = page.evaluate("() => document.getElementById('harrison-2015-p8').textContent")
        words = "strong geographical and historical significance"
        assert words in text
        drag(page, "harrison-2015-p8", words)
        phrase_ready(page, "harrison-2015-p8", words)
        link = open_cite(page).locator('.cite-text[data-style="link"]').inner_text()
    assert link == f"{site_url}{HARRISON}#p8:~:text={term(words)}"


def test_terms_are_encoded_as_the_specification_asks(context, watch, base_url):
    with checked_page(context, watch) as page:
        page.goto(base_url + RAMANI)
        page.evaluate(LOCATE, ["p1", "On October", 0, False])
        page.evaluate("""() => { const r = document.createRange(); const p = document.getElementById('p1');
            const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); let n = w.nextNode();
            while (n && !n.data.includes('October')) n = w.nextNode();
            r.selectNodeContents(n); getSelection().removeAllRanges(); getSelection().addRange(r); }""")
        page.wait_for_function("() => window.editionPropose && window.editionPropose.term")
        for text in ("R&D, x-y's (a) *b*! 5%", "Kazakhstan’s défense — 100 km/h #1"):
            assert page.evaluate("(t) => window.editionPropose.term(t)", text) == term(text), text
        # and read back by the edition's own script, every part of the directive
        page.goto("about:blank")
        page.goto(base_url + RAMANI + "#p1:~:text=On")
        page.wait_for_function("() => window.editionPhrase")
        hash_ = "#p1:~:text=" + ",".join([term("a-b") + "-", term("c, d"), term("e"), "-" + term("f&g")])
        assert page.evaluate("(h) => window.editionPhrase.directive(h)", hash_) == \
            {"id": "p1", "prefix": "a-b", "start": "c, d", "end": "e", "suffix": "f&g"}


def test_a_link_to_words_of_an_archived_version_marks_them_there_and_on_the_current_page(context, watch, released,
                                                                                        tmp_path):
    """The citations give the version's own copy (versions/X.Y.Z/…): its page, whose scripts are
    the release's, marks the words too (edition-version.js, from the site's root, loads
    edition-phrase.js), and its banner's link to the current page keeps the words."""
    from .conftest import serve

    _, site, version, _, _ = released
    with serve(site, tmp_path) as url, checked_page(context, watch) as page:
        page.goto(url + RAMANI)
        block, run = next((p["id"], r) for p in runs(page)[2:] for r in p["runs"] if len(r.split()) > 6)
        words = " ".join(run.split()[1:5])
        fragment = f"#{block}:~:text={term(words)}"
        page.goto("about:blank")
        page.goto(f"{url}versions/{version}/{RAMANI}{fragment}")
        page.wait_for_function("() => document.documentElement.getAttribute('data-cited-phrase') === 'found'")
        got = page.evaluate(MARKED)
        assert got["text"] == words and got["para"] == block and got["inView"], got
        latest = page.locator(".version-banner a.version-latest")
        assert latest.get_attribute("href").endswith(RAMANI + fragment)
        latest.click()
        page.wait_for_url(f"{url}{RAMANI}*")
        page.wait_for_function("() => document.documentElement.getAttribute('data-cited-phrase') === 'found'")
        assert page.evaluate(MARKED)["text"] == words


def test_no_page_carries_the_phrase_script_it_comes_only_with_a_link(site):
    for path in (RAMANI, HARRISON, "compare/"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert "edition-phrase.js" not in html and "cited-phrase" not in html
    assert (site / "assets/edition-phrase.js").is_file() and (site / "assets/edition-phrase.css").is_file()


def test_a_hostile_edition_shows_its_values_as_text_in_the_dialog_and_on_landing(context, watch, hostile):
    """With a hostile value in every free-text field (tests/test_hostile_fields.py), the Cite
    dialog and the landing page show it as text: no dialog opens, no handler is added."""
    url, pages = hostile
    dialogs: list[str] = []
    cited = 0
    with checked_page(context, watch) as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in [p for p in pages if p.startswith("texts/") and p.count("/") == 2]:
            page.goto(url + path)
            page.evaluate("""() => { const r = document.createRange(), p = document.querySelector('article p.para');
                r.selectNodeContents(p); r.setStartAfter(p.querySelector('button.cite-btn'));
                getSelection().removeAllRanges(); getSelection().addRange(r); }""")
            page.locator(".propose-pop").wait_for()
            button = page.locator(".propose-pop").get_by_role("button", name="Cite these words")
            if not button.count():
                continue
            button.click()
            dialog = page.get_by_role("dialog", name="Cite these words")
            assert "alert(1)" in dialog.inner_text(), path                 # the title, shown as text
            link = dialog.locator('.cite-text[data-style="link"]').inner_text()
            handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
            assert not handlers, (path, handlers)
            page.goto("about:blank")
            at = urlsplit(link)                                             # the same address, served here
            page.goto(urlsplit(url)._replace(path=at.path, fragment=at.fragment).geturl())
            page.wait_for_function("() => document.documentElement.getAttribute('data-cited-phrase') === 'found'")
            cited += 1
    assert cited >= 1 and dialogs == []

