"""Reading the built edition in Chromium: paragraph links, footnote tooltips, following a
cross-reference and back, search, the cite dialog, the compare view, the Persian masthead,
and dark mode on a phone. Every test also fails if its pages logged a console error (CSP
violations included) or asked for anything but 127.0.0.1 (see conftest.py)."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from edition import load_edition
from edition.citation import citations, fill

from .conftest import checked_page, css_id, launch, stable, wait_scrolled

pytestmark = pytest.mark.browser

RAMANI, HARRISON = "texts/ramani-2015/", "texts/harrison-2015/"


@pytest.fixture(scope="module")
def edition():
    """The edition as the build saw it: the expectations come from the sources, not the page."""
    return load_edition(ROOT)


def counterpart(edition, label: str, here: str):
    """The annotation behind footnote ``label`` on the page of text ``here``, and its passage
    in the other text."""
    ann = next(a for a in edition.annotations if a.id == label or label.startswith(a.id + "-")
               and label[len(a.id) + 1:].isdigit())
    return ann, next(p for p in ann.passages if p.source != here)


def first_ref(page, paragraph: str) -> str:
    """The footnote label of the first cross-reference footnote in a paragraph."""
    href = page.locator(f"{paragraph} a.footnote-ref").first.get_attribute("href")
    return href.split("#fn:", 1)[1]


# ---------------------------------------------------------------------------------------------

def test_paragraph_link_lands_below_the_sticky_header(page, base_url):
    page.goto(base_url + RAMANI + "#p12")
    box = wait_scrolled(page, "#p12")
    assert box["ok"], f"#p12 not in view below the header: {box}"
    assert page.evaluate("scrollY") > 0
    assert page.evaluate("document.querySelector('#p12').matches(':target')")


def test_footnote_tooltip_shows_the_counterpart_on_hover_and_on_keyboard_focus(page, base_url, edition):
    page.goto(base_url + RAMANI + "#p12")
    label = first_ref(page, "#p12")
    ann, other = counterpart(edition, label, "ramani-2015")
    ref = page.locator(f"#p12 a.footnote-ref[href$='#fn:{label}']")

    ref.hover()
    tip = page.locator(".md-tooltip2").filter(has_text=other.exact)
    tip.first.wait_for(state="visible")
    assert other.exact in tip.first.inner_text()

    page.mouse.move(5, 890)
    page.wait_for_function("() => ![...document.querySelectorAll('.md-tooltip2')].some(t => t.offsetParent)")

    # By keyboard: Tab from the paragraph's own number until the reference has the focus.
    page.locator("#p12 a.pnum").focus()
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('#p12 a.footnote-ref[href$=\"#fn:{label}\"]')"):
            break
    else:
        pytest.fail(f"Tab from ¶12's number never reached the footnote reference {label}")
    tip.first.wait_for(state="visible")
    assert other.exact in tip.first.inner_text()


def test_go_to_the_passage_and_back(page, base_url, edition):
    page.goto(base_url + RAMANI + "#p12")
    label = first_ref(page, "#p12")
    _, other = counterpart(edition, label, "ramani-2015")
    assert other.source == "harrison-2015"

    page.locator(f"#p12 a.footnote-ref[href$='#fn:{label}']").click()
    page.wait_for_url(re.compile(re.escape(f"#fn:{label}") + "$"))
    note = page.locator(css_id(f"fn:{label}"))
    go = note.get_by_role("link", name="go to the passage")
    go.click()
    page.wait_for_url(re.compile(re.escape(HARRISON) + re.escape(f"#{other.mark}") + "$"))
    mark = f"mark#{other.mark}"
    box = wait_scrolled(page, mark)
    assert box["ok"], f"{mark} not in view: {box}"
    assert page.evaluate(f"document.querySelector('{mark}').matches(':target')")
    assert other.exact in page.locator(mark).inner_text().replace("\n", " ")
    style = page.evaluate("(sel) => { const s = getComputedStyle(document.querySelector(sel));"
                          "return [s.outlineStyle, parseFloat(s.outlineWidth)]; }", mark)
    assert style[0] != "none" and style[1] >= 2, f"the target highlight is not outlined: {style}"

    page.go_back()                      # back to the sentence the note belongs to, not to the note
    here = page.locator(f'mark.xref[id][data-note="{label}"]').get_attribute("id")
    page.wait_for_url(re.compile(re.escape(f"#{here}") + "$"))
    page.evaluate(f"location.hash = 'fn:{label}'")
    page.locator(css_id(f"fn:{label}") + " a.footnote-backref").click()
    page.wait_for_url(re.compile(re.escape(f"#fnref:{label}") + "$"))
    box = wait_scrolled(page, css_id(f"fnref:{label}"))
    assert box["ok"], f"the backlink did not bring the reference into view: {box}"


def test_search_lands_on_the_paragraphs(page, base_url):
    page.goto(base_url + RAMANI)
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')"), "'/' did not focus the search"
    field.press_sequentially("Arkankergen", delay=15)
    page.locator(".md-search-result__item").first.wait_for()
    hits = page.locator(".md-search-result__item a")
    want = {HARRISON: "#p8", RAMANI: "#p13"}
    page.wait_for_function("""(want) => { const hrefs = [...document.querySelectorAll('.md-search-result__item a')]
        .map(a => a.href); return want.every(([p, f]) => hrefs.some(h => h.includes(p) && h.endsWith(f))); }""",
                           arg=list(want.items()))
    hrefs = hits.evaluate_all("els => els.map(a => a.href)")
    for path, frag in want.items():
        assert any(path in h and h.endswith(frag) for h in hrefs), (path, frag, hrefs)

    page.locator(f".md-search-result__item a[href*='{HARRISON}'][href$='#p8']").first.click()
    page.wait_for_url(re.compile(re.escape(HARRISON) + r".*#p8$"))
    box = wait_scrolled(page, "#p8")
    assert box["ok"], f"the search result did not land on Harrison ¶8: {box}"
    assert "Arkankergen" in page.locator("#p8").inner_text()


def test_cite_dialog_copies_the_link_and_the_chicago_citation(page, context, base_url, site_url, edition):
    origin = base_url.split("/", 3)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="/".join(origin[:3]))
    page.goto(base_url + RAMANI + "#p12")
    page.locator("#p12 button.cite-btn").click()
    dialog = page.locator("dialog#cite-dialog")
    dialog.wait_for(state="visible")
    assert page.evaluate("document.getElementById('cite-dialog').open")
    assert dialog.locator("h2").inner_text() == "Cite paragraph 12"

    link = f"{site_url}texts/ramani-2015/#p12"
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    from datetime import date

    from edition.citation import accessed, reference

    ref = reference(edition, edition.sources["ramani-2015"], site_url)
    styles = citations(edition, edition.sources["ramani-2015"], site_url)
    chicago = fill(styles["chicago"]["text"], 12, f"{ref.cited_page}#p12", ref.cited_page,
                   accessed("chicago", date(*today)))
    assert "Reprinted by Afghanistan Azad" in chicago and "Accessed " in chicago
    for style, expected in (("link", link), ("chicago", chicago), ("apa-in-text", "(Ramani, 2015, para. 12)")):
        page.evaluate("navigator.clipboard.writeText('(nothing copied yet)')")
        page.evaluate("document.querySelector('#cite-dialog .cite-status').textContent = ''")
        row = dialog.locator(".cite-row").filter(has=page.locator(f".cite-text[data-style='{style}']"))
        assert row.locator(".cite-text").inner_text() == expected
        row.get_by_role("button", name=re.compile("^Copy")).click()
        # The copy is asynchronous: the dialog says so once the clipboard has taken it (or not).
        page.wait_for_function("() => document.querySelector('#cite-dialog .cite-status').textContent !== ''")
        clip = page.evaluate("navigator.clipboard.readText()")
        assert clip == expected
        assert "copied" in dialog.locator(".cite-status").inner_text()
        if style == "chicago":   # rich text too: a word processor keeps the italics
            kinds = page.evaluate("""async () => { const [item] = await navigator.clipboard.read();
                const html = item.types.includes('text/html') ? await (await item.getType('text/html')).text() : '';
                return [item.types, html]; }""")
            assert "text/html" in kinds[0] and "text/plain" in kinds[0]
            assert "<i>The Diplomat</i>" in kinds[1] and "<i>China and Kazakhstan" in kinds[1]

    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('cite-dialog').open")


COLUMN_SHOWS = """(sel) => {
        const el = document.querySelector(sel), col = el.closest('.compare-col');
        const r = el.getBoundingClientRect(), c = col.getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return {scrollTop: col.scrollTop, inColumn: r.top >= c.top - 1 && r.top < c.bottom && r.bottom > c.top,
                inViewport: r.top >= header.bottom - 1 && r.top < innerHeight,
                // a link followed inside the columns is a history entry, not a fragment (which would
                // scroll the page): edition.js marks its target .compare-target, outlined as :target
                target: el.matches(':target, .compare-target')};
    }"""


def _settled(page, target: str) -> dict:
    """Where the target is once the column's smooth scroll has ended (the same two frames apart)."""
    return stable(page, COLUMN_SHOWS, target, ok=lambda now: now["inColumn"])


def test_compare_view_brings_the_counterpart_into_its_column(page, base_url):
    page.goto(base_url + "compare/")
    left, right = page.locator(".compare-col").nth(0), page.locator(".compare-col").nth(1)
    assert right.evaluate("e => getComputedStyle(e).overflowY") == "auto"
    jumps = left.locator("a.xref-jump:not([tabindex='-1'])")
    n = jumps.count()
    assert n >= 10
    # One far down the other column, then one near its top (the column must scroll back).
    hrefs = [jumps.nth(i).get_attribute("href") for i in range(n)]
    depth = {h: page.evaluate("""(sel) => { const e = document.querySelector(sel), c = e.closest('.compare-col');
        return e.getBoundingClientRect().top - c.getBoundingClientRect().top + c.scrollTop; }""", h) for h in hrefs}
    far, near = max(hrefs, key=depth.get), min(hrefs, key=depth.get)
    assert depth[far] > right.evaluate("e => e.clientHeight"), "nothing in the right column needs scrolling to"
    assert right.evaluate("e => e.scrollTop") == 0
    for href, how in ((far, "click"), (near, "Enter"), (far, "Enter")):
        assert right.locator(href).count() == 1, f"{href} is not in the right column"
        before = right.evaluate("e => e.scrollTop")
        link = left.locator(f"a.xref-jump[href='{href}']:not([tabindex='-1'])").first
        if how == "click":
            link.click()
        else:
            link.focus()
            page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(href) + "$"))
        state = _settled(page, href)
        assert state["inColumn"] and state["inViewport"] and state["target"], (href, how, state)
        assert state["scrollTop"] != before, f"the right column did not scroll for {href} ({how})"


def test_persian_masthead_is_right_to_left(page, base_url):
    page.goto(base_url + RAMANI)
    for ident in ("masthead", "motto"):
        el = page.locator(f"#{ident}")
        assert el.get_attribute("lang") == "fa"
        assert el.evaluate("e => getComputedStyle(e).direction") == "rtl", ident
        assert el.evaluate("e => getComputedStyle(e).textAlign") in ("right", "start")
        assert re.search("[\u0600-\u06ff]", el.inner_text()), f"#{ident} holds no Persian text"


READABILITY = """() => {
  const parse = (c) => {
    const m = c.match(/^rgba?\\(([^)]+)\\)$/);
    if (!m) throw new Error('unparsed colour ' + c);
    const v = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1};
  };
  const over = (top, under) => {  // alpha compositing of top over an opaque colour
    const a = top.a;
    return {r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a), a: 1};
  };
  const lum = (c) => {
    const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a >= 1) break;
    }
    let bg = {r: 255, g: 255, b: 255, a: 1};  // the canvas
    for (const l of layers.reverse()) bg = over(l, bg);
    return bg;
  };
  const doc = document.documentElement;
  // Body paragraphs: the numbered ones on text and compare pages, else the article's own.
  let paras = [...document.querySelectorAll('article p.para')];
  if (!paras.length) paras = [...document.querySelectorAll('article > p')];
  paras = paras.filter(p => p.offsetParent);
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    width: innerWidth, scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth,
    bodyScrollWidth: document.body.scrollWidth,
    paragraphs: paras.map(p => {
      const s = getComputedStyle(p), bg = background(p), fg = over(parse(s.color), bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      return {id: p.id || p.textContent.slice(0, 30), size: parseFloat(s.fontSize),
              contrast: (hi + 0.05) / (lo + 0.05)};
    }),
  };
}"""


@pytest.fixture(scope="module")
def phone(playwright, watch, tmp_path_factory):
    """A first visit from a phone set to dark mode: 375×812, prefers-color-scheme: dark, and
    a fresh profile (Material remembers a palette once chosen)."""
    ctx = launch(playwright, watch, tmp_path_factory.mktemp("profile"),
                 viewport={"width": 375, "height": 812}, color_scheme="dark", is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


@pytest.mark.parametrize("path", [RAMANI, "compare/", ""])
def test_dark_mode_on_a_phone_is_readable(phone, watch, base_url, path):
    with checked_page(phone, watch) as page:
        _readable(page, base_url + path)


def _readable(page, url):
    page.goto(url)
    r = page.evaluate(READABILITY)
    assert r["scheme"] == "slate", "the dark palette was not applied"
    assert r["width"] == 375
    assert r["scrollWidth"] <= r["clientWidth"] + 1, \
        f"the page scrolls sideways: {r['scrollWidth']} > {r['clientWidth']}"
    assert r["bodyScrollWidth"] <= r["clientWidth"] + 1
    assert len(r["paragraphs"]) >= 3
    small = [p for p in r["paragraphs"] if p["size"] < 14]
    faint = [p for p in r["paragraphs"] if p["contrast"] < 4.5]
    assert not small, f"paragraphs below 14px: {small[:5]}"
    assert not faint, f"paragraphs below 4.5:1 contrast: {faint[:5]}"


SMALL_TEXT = """() => {
  // Every text node, shown or folded away (Lighthouse's font-size audit counts both), whose
  // font is under 12px; footnote markers and backlink arrows are superscripts by convention.
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const small = [];
  for (let n; (n = walk.nextNode());) {
    const el = n.parentElement, text = n.textContent.trim();
    if (!text || el.closest('script, style, .footnote-ref, .footnote-backref')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 12) small.push(`${el.tagName.toLowerCase()}.${el.className} ${size}px: ${text.slice(0, 40)}`);
  }
  return small;
}"""


@pytest.mark.parametrize("path", [RAMANI, "texts/harrison-2015/", "compare/", "xrefs/", "contributing/"])
def test_no_text_under_12px_on_a_phone(phone, watch, base_url, path):
    with checked_page(phone, watch) as page:
        page.goto(base_url + path)
        assert page.evaluate(SMALL_TEXT) == []


def test_console_check_catches_a_csp_violation(page, base_url, watch):
    """The CSP is in force, and a violation is seen by the check every test relies on."""
    page.goto(base_url + RAMANI)
    assert page.locator("meta[http-equiv='Content-Security-Policy']").count() == 1
    with page.expect_console_message(lambda m: m.type == "error" and "Content Security Policy" in m.text):
        page.evaluate("""() => { const s = document.createElement('script');
            s.textContent = 'window.__inline = 1'; document.head.appendChild(s); }""")
    assert page.evaluate("window.__inline") is None, "an inline script ran despite the CSP"
    seen = [e for e in watch.errors if "Content Security Policy" in e]
    assert seen, f"no CSP violation reached the console check: {watch.errors}"
    watch.errors.clear()


def test_printing_a_text_keeps_text_numbers_highlights_and_notes_only(page, base_url):
    """Printed, a reading page shows its text, paragraph numbers, highlights and footnotes,
    without navigation, search or buttons."""
    page.goto(base_url + RAMANI)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => {
        const vis = s => [...document.querySelectorAll(s)].some(e => {
            const r = e.getBoundingClientRect(), st = getComputedStyle(e);
            return st.display !== 'none' && st.visibility !== 'hidden' && r.width > 0 && r.height > 0; });
        return {header: vis('.md-header'), nav: vis('.md-sidebar--primary'), toc: vis('.md-sidebar--secondary'),
                search: vis('.md-search'), cite: vis('button.cite-btn'), footer: vis('.md-footer'),
                text: vis('#p12'), number: vis('#p12 a.pnum'), mark: vis('#p12 mark.xref'),
                notes: vis('.footnote li')};
    }""")
    page.emulate_media(media="screen")
    assert shown == {"header": False, "nav": False, "toc": False, "search": False, "cite": False, "footer": False,
                     "text": True, "number": True, "mark": True, "notes": True}
