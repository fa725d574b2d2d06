"""The archived versions (versions/X.Y.Z/) as a reader meets them, on the site as `make build`
publishes it (the recorded releases built from their own commits, with today's banner):

- on a deep link (…/texts/ramani-2015/#p12) the banner saying which version this is stays in
  view below the header, at 390 and 1400 px, light and dark, with and without script, and the
  paragraph is not hidden under it; it stays there as the reader scrolls on;
- axe (WCAG 2.2 AA and best practice) finds nothing on any page under versions/, light and
  dark, nor on the banner after the palette toggle switches the scheme;
- the banner is a landmark after the skip link, its links underlined.

The banner: hooks/edition/versions.py (BANNER), docs/assets/edition-version.css and .js."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT

from .conftest import checked_page, launch, serve
from .test_a11y import axe_violations

pytestmark = pytest.mark.browser

WCAG22 = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                "best-practice"]}}
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1400, "height": 900}


@pytest.fixture(scope="module")
def url(published, tmp_path_factory):
    with serve(published, tmp_path_factory.mktemp("www")) as address:
        yield address


@pytest.fixture(scope="module")
def version(published) -> str:
    found = sorted((p.name for p in (published / "versions").iterdir() if re.fullmatch(r"\d+\.\d+\.\d+", p.name)),
                   key=lambda v: tuple(map(int, v.split("."))))
    assert found, "no release under versions/ (sources/releases.yml records 0.2.0)"
    return found[-1]


def archived_pages(published) -> list[str]:
    """Every page under versions/: the versions page and every page of every release."""
    root = published / "versions"
    return sorted(p.relative_to(published).as_posix().removesuffix("index.html") for p in root.rglob("*.html"))


GEOMETRY = """(id) => {
    const b = document.querySelector('.version-banner').getBoundingClientRect();
    const h = document.querySelector('.md-header').getBoundingClientRect();
    const t = document.getElementById(id).getBoundingClientRect();
    return {bannerTop: b.top, bannerBottom: b.bottom, headerBottom: h.bottom, targetTop: t.top,
            targetBottom: t.bottom, height: innerHeight, scrollY: scrollY};
}"""

SHOWN = """(id) => {
    const b = document.querySelector('.version-banner').getBoundingClientRect();
    const h = document.querySelector('.md-header').getBoundingClientRect();
    const t = document.getElementById(id).getBoundingClientRect();
    return scrollY > 0 && b.top <= h.bottom + 1 && b.bottom > b.top && b.top < innerHeight
        && t.top >= b.bottom - 1 && t.top < innerHeight;
}"""


def _deep_link(ctx, watch, url, version, script: bool = True):
    with checked_page(ctx, watch) as page:
        page.goto(f"{url}versions/{version}/texts/ramani-2015/#p12")
        page.wait_for_load_state("load")
        if script:
            page.wait_for_function("() => document.documentElement.style.getPropertyValue('--version-banner-height')")
        try:
            page.wait_for_function(SHOWN, arg="p12")    # the hang guard only (conftest.py)
        except PlaywrightTimeout:
            pytest.fail(f"banner or ¶12 not where they should be: {page.evaluate(GEOMETRY, 'p12')}", pytrace=False)
        box = page.evaluate(GEOMETRY, "p12")
        assert box["bannerTop"] < box["height"] and box["bannerBottom"] > 0, box       # intersects the top
        assert box["targetTop"] >= box["bannerBottom"] - 1, box                         # ¶12 not under it
        banner = page.locator(".version-banner")
        assert f"Archived version {version}" in banner.inner_text()
        # Reading on: the banner stays where it is.
        page.evaluate("window.scrollBy(0, 1500)")
        page.wait_for_function("(y) => scrollY > y + 500", arg=box["scrollY"])
        after = page.evaluate(GEOMETRY, "p12")
        assert abs(after["bannerTop"] - box["bannerTop"]) < 1, (box, after)
        return page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.version-banner'));
            return {background: s.backgroundColor, height: document.querySelector('.version-banner').offsetHeight}; }""")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1400px"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_deep_link_keeps_the_banner_in_view_without_hiding_the_paragraph(playwright, watch, url, version,
                                                                          tmp_path, viewport, scheme):
    ctx = launch(playwright, watch, tmp_path / "profile", viewport=viewport, color_scheme=scheme,
                 is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    try:
        seen = _deep_link(ctx, watch, url, version)
    finally:
        ctx.close()
    assert seen["background"] == ("rgb(255, 243, 205)" if scheme == "light" else "rgb(43, 38, 22)"), seen
    # Compact enough on a phone: header and banner take less than a fifth of the screen.
    assert seen["height"] + 48 < viewport["height"] / 5, seen


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1400px"])
def test_without_script_too(playwright, watch, url, version, tmp_path, viewport):
    ctx = launch(playwright, watch, tmp_path / "profile", viewport=viewport, java_script_enabled=False)
    try:
        _deep_link(ctx, watch, url, version, script=False)
    finally:
        ctx.close()


def test_the_banner_is_a_landmark_after_the_skip_link_and_says_plainly_which_version(page, url, version):
    page.goto(f"{url}versions/{version}/texts/harrison-2015/")
    banner = page.locator("aside.version-banner")
    assert banner.get_attribute("aria-label") == "Version"
    current = re.search(r"^version: (\S+)", (ROOT / "sources/edition.yml").read_text(encoding="utf-8"), re.M).group(1)
    text = " ".join(banner.inner_text().split())
    if version == current:
        assert "This is also the current version of the edition." in text, text
        assert "not the current" not in text
    else:
        assert "This is not the current edition." in text and "Read this page in the current edition" in text
    assert "All versions" in text
    lines = banner.locator("a").evaluate_all("els => els.map(a => getComputedStyle(a).textDecorationLine)")
    assert lines and all("underline" in d for d in lines), lines
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('a.md-skip')"), "the skip link is not the first stop"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.version-banner, .md-header')")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_archived_page(playwright, watch, url, published, tmp_path, scheme):
    paths = archived_pages(published)
    assert "versions/" in paths and any(re.fullmatch(r"versions/[\d.]+/texts/ramani-2015/", p) for p in paths)
    assert any(p.endswith("404.html") for p in paths)
    ctx = launch(playwright, watch, tmp_path / "profile", color_scheme=scheme)
    found = {}
    try:
        with checked_page(ctx, watch) as page:
            for path in paths:
                page.goto(url + path)
                page.wait_for_load_state("load")
                if scheme == "dark":
                    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate", path
                if violations := axe_violations(page, options=WCAG22):
                    found[path] = violations
    finally:
        ctx.close()
    assert not found, f"axe violations ({scheme}):\n" + "\n".join(
        f"  {p}:\n    " + "\n    ".join(v) for p, v in found.items())


def test_the_banner_follows_the_palette_toggle(page, url, version):
    page.goto(f"{url}versions/{version}/texts/ramani-2015/#p3")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.version-banner')).backgroundColor"
                           " === 'rgb(43, 38, 22)'")
    assert not axe_violations(page, ".version-banner", options=WCAG22)
