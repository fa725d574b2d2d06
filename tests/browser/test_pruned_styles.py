"""Material's style sheets are pruned to what the site uses (hooks/edition/assets.py): the
pruned site must look exactly as it does with Material's whole style sheets.

The same pages are opened from the built site and from a copy of it that has Material's
original style sheets, in light and dark, on a phone and a desktop, with JavaScript and
without, in print, with the search, a note's tooltip and the navigation drawer open; the
computed style of every element, and of its ::before, ::after and (in lists) ::marker, must
be the same, property for property (custom properties aside: the pruned sheets drop those
that nothing reads)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import checked_page, launch, quiet, serve

PAGES = ["", "texts/ramani-2015/", "texts/harrison-2015/", "compare/", "xrefs/", "topics/", "contributing/",
         "indices/names/", "coverage/", "downloads/", "versions/", "404.html"]




@pytest.fixture(scope="module")
def whole(site, tmp_path_factory):
    """The built site with Material's style sheets as Material ships them."""
    import material

    from edition.assets import minified
    from edition.styles import dark_without_script

    copy = tmp_path_factory.mktemp("whole") / "site"
    shutil.copytree(site, copy, symlinks=True)
    shipped = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    for name in ("main.*.min.css", "palette.*.min.css"):
        for original in shipped.glob(name):
            shutil.copy(original, copy / "assets" / "stylesheets" / original.name)
    root = Path(__file__).resolve().parents[2]
    css = "".join(p.read_text(encoding="utf-8") for p in
                  [*shipped.glob("palette.*.min.css"), root / "docs" / "assets" / "edition.css"])
    (copy / "assets" / "edition-nojs-dark.css").write_text(minified("x.css", dark_without_script(
        css, "[data-md-color-scheme=slate]", "[data-md-color-scheme=default]")), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def both(site, whole, tmp_path_factory):
    with serve(site, tmp_path_factory.mktemp("pruned")) as a, serve(whole, tmp_path_factory.mktemp("w")) as b:
        yield a, b


def test_the_pruned_style_sheets_are_smaller(site, whole):
    for sheet in (site / "assets" / "stylesheets").glob("*.min.css"):
        assert sheet.stat().st_size < 0.9 * (whole / "assets" / "stylesheets" / sheet.name).stat().st_size, sheet.name


# Properties left out where they are not the style sheets' doing: the auto margins of Material's
# centred grid (`.md-grid`, margin: auto) are resolved against the window's layout width, which
# headless Chromium, with the search overlay open in a long run, sometimes reports narrower for
# one site or the other (0 px against 90 px, on either side, in full runs only).
STYLES = """(detail) => {
    const names = Array.from(getComputedStyle(document.body)).filter(n => !n.startsWith('--'));
    const layout = new Set(['margin-left', 'margin-right', 'margin-inline-start', 'margin-inline-end']);
    const out = [];
    for (const el of document.querySelectorAll('*')) {
        const pseudos = el.tagName === 'LI' ? [null, '::before', '::after', '::marker'] : [null, '::before', '::after'];
        const grid = el.classList.contains('md-grid');
        for (const pseudo of pseudos) {
            const s = getComputedStyle(el, pseudo);
            const props = grid && !pseudo ? names.filter(n => !layout.has(n)) : names;
            if (pseudo && pseudo !== '::marker' && (s.content === 'none' || s.content === 'normal')) continue;
            if (detail) {
                out.push((el.id || el.className || el.tagName) + (pseudo || '') + ' ' +
                         props.map(n => n + ':' + s.getPropertyValue(n)).join(';'));
                continue;
            }
            let h = 0x811c9dc5;     // FNV-1a over the values, so that little crosses to Python
            for (const n of props) {
                const v = s.getPropertyValue(n);
                for (let i = 0; i < v.length; i++) { h ^= v.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
                h = Math.imul(h ^ 59, 16777619) >>> 0;
            }
            out.push(h);
        }
    }
    return out;
}"""


def _styles(ctx, watch, url, action=None, media=None, detail=False):
    with checked_page(ctx, watch) as page:
        if media:
            page.emulate_media(media=media)
        page.goto(url)
        page.wait_for_load_state("load")
        if action:
            action(page)
        quiet(page)      # no transition running, nothing scrolling: nothing is caught midway
        return page.evaluate(STYLES, detail)


def _search(page):
    page.keyboard.press("/")
    page.keyboard.type("Arkankergen")
    page.locator(".md-search-result__item").first.wait_for()


def _tooltip(page):
    page.locator("a.footnote-ref").nth(2).hover()
    page.locator(".md-tooltip2--active").wait_for()


def _drawer(page):
    page.locator("label.md-header__button[for=__drawer]").click()


def _differences(a, b):
    """The first elements that differ, with the properties that differ."""
    out = []
    for x, y in zip(a, b):
        if x != y:
            px, py = set(x.split(";")), set(y.split(";"))
            out.append((x.split(" ", 1)[0], sorted(px - py)[:4], sorted(py - px)[:4]))
        if len(out) == 3:
            break
    return out + ([("count", (len(a), len(b)))] if len(a) != len(b) else [])


CASES = [
    # (name, viewport, scheme, javascript, pages, action, media)
    ("desktop light", {"width": 1400, "height": 1000}, "light", True, PAGES, None, None),
    ("phone dark", {"width": 390, "height": 844}, "dark", True, PAGES, None, None),
    ("print", {"width": 1400, "height": 1000}, "light", True, ["texts/ramani-2015/", "xrefs/"], None, "print"),
    ("search open", {"width": 1400, "height": 1000}, "light", True, ["texts/ramani-2015/"], _search, None),
    ("search open on a phone", {"width": 390, "height": 844}, "dark", True, ["texts/harrison-2015/"], _search, None),
    ("tooltip open", {"width": 1400, "height": 1000}, "dark", True, ["texts/ramani-2015/"], _tooltip, None),
    ("drawer open", {"width": 390, "height": 844}, "light", True, ["texts/ramani-2015/"], _drawer, None),
    ("no script, dark", {"width": 390, "height": 844}, "dark", False, ["", "texts/ramani-2015/", "compare/"], None, None),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_pruned_site_looks_as_with_the_whole_style_sheets(playwright, watch, both, tmp_path, case):
    name, viewport, scheme, js, pages, action, media = case
    pruned, whole_url = both
    found, contexts = {}, {}
    try:
        for label, base in (("pruned", pruned), ("whole", whole_url)):
            contexts[label] = launch(playwright, watch, tmp_path / label, viewport=viewport, color_scheme=scheme,
                                     java_script_enabled=js, has_touch=viewport["width"] < 500)
            found[label] = {p: _styles(contexts[label], watch, base + p, action, media) for p in pages}
        for p in pages:
            a, b = found["pruned"][p], found["whole"][p]
            if a != b:   # read both again: a page caught while the browser still lays it out
                a, b = (_styles(contexts[k], watch, u + p, action, media)
                        for k, u in (("pruned", pruned), ("whole", whole_url)))
            if a != b:   # read again in full, to say what differs
                a, b = (_styles(contexts[k], watch, u + p, action, media, detail=True)
                        for k, u in (("pruned", pruned), ("whole", whole_url)))
            assert len(a) > 200 and a == b, f"{name}, {p or 'home'}: {_differences(a, b)}"
    finally:
        for ctx in contexts.values():
            ctx.close()


def test_the_comparison_sees_one_missing_rule(playwright, watch, site, tmp_path):
    """The test above can fail: without one of Material's rules a page no longer reads the same."""
    broken = tmp_path / "site"
    shutil.copytree(site, broken, symlinks=True)
    sheet = next((broken / "assets" / "stylesheets").glob("main.*.min.css"))
    css = sheet.read_text(encoding="utf-8")
    assert ".md-footer__inner{" in css
    sheet.write_text(css.replace(".md-footer__inner{", ".md-footer__inner-gone{", 1), encoding="utf-8")
    with serve(site, tmp_path / "a") as a, serve(broken, tmp_path / "b") as b:
        ctx = launch(playwright, watch, tmp_path / "profile")
        try:
            assert _styles(ctx, watch, a + "rights/") != _styles(ctx, watch, b + "rights/")
        finally:
            ctx.close()
