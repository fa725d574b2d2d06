"""Where the authors part shows at a glance (issue 22, item 1): each relation has its own sign,
underline and tint, so that it is never told by colour alone; divergence and qualification stand
out from agreement and complement (a boxed sign, a strong tint), complement recedes; the sign
keeps 4.5:1 against its tint, in light and dark, on a phone and a desktop."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT
from edition import load_edition

from .conftest import checked_page, launch

pytestmark = pytest.mark.browser

STAND_OUT = {"diverge", "qualifies"}
QUIET = {"agree", "complements"}

STYLES = """(rid) => {
  const m = document.querySelector(`mark.xref-${rid}[id]`);
  if (!m) return null;
  const s = getComputedStyle(m), b = getComputedStyle(m, '::before');
  let bg = getComputedStyle(document.querySelector('.md-main') || document.body).backgroundColor;
  return {bg: s.backgroundColor, page: getComputedStyle(document.body).backgroundColor, line: s.textDecorationStyle,
          lineWidth: parseFloat(s.textDecorationThickness) || 0, sign: b.content, ink: b.color,
          box: parseFloat(b.borderTopWidth) || 0};
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    parts = css[css.index("(") + 1:css.index(")")].replace("/", ",").split(",")
    r, g, b = (float(x) for x in parts[:3])
    return r, g, b, float(parts[3]) if len(parts) > 3 else 1.0


def over(top: str, under: str) -> tuple[float, float, float]:
    r, g, b, a = rgba(top)
    R, G, B, _ = rgba(under)
    return r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)


def luminance(rgb) -> float:
    def ch(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (ch(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture(scope="module", params=[(390, 844), (1400, 1000)], ids=["phone", "desktop"])
def screen(request, playwright, watch):
    w, h = request.param
    profile = Path(tempfile.mkdtemp(prefix="chromium-glance-"))
    ctx = launch(playwright, watch, profile, viewport={"width": w, "height": h}, is_mobile=w < 500, has_touch=w < 500)
    yield ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_each_relation_shows_by_sign_line_and_tint_and_the_partings_stand_out(screen, watch, base_url, scheme):
    ed = load_edition(ROOT)
    relations = [r for r, v in ed.relations.items() if v.get("texts", 2) > 1]
    seen: dict[str, dict] = {}
    for sid in ed.sources:
        with checked_page(screen, watch) as page:
            page.goto(f"{base_url}texts/{sid}/")
            page.evaluate(f"() => document.body.setAttribute('data-md-color-scheme', '{scheme}')")
            for rid in relations:
                if rid not in seen:
                    got = page.evaluate(STYLES, rid)
                    if got:
                        seen[rid] = got
    assert set(seen) == set(relations), f"a relation with no highlight on any reading page: {set(relations) - set(seen)}"
    # Never by colour alone: each relation has its own sign and its own underline.
    assert len({s["sign"] for s in seen.values()}) == len(seen)
    assert len({s["line"] for s in seen.values()}) == len(seen)
    for rid, s in seen.items():
        tint = over(s["bg"], s["page"])
        ink = rgba(s["ink"])[:3]
        assert contrast(ink, tint) >= 4.5, (rid, scheme, s)          # the sign reads on its tint
        if rid in STAND_OUT:
            assert s["box"] >= 1, (rid, s)                           # a boxed sign
            assert rgba(s["bg"])[3] >= 0.15, (rid, s)                # a strong tint
            assert s["lineWidth"] >= 2.5, (rid, s)                   # a heavy underline
        if rid in QUIET:
            assert s["box"] == 0, (rid, s)
            assert rgba(s["bg"])[3] <= 0.25, (rid, s)
    parting = min(rgba(seen[r]["bg"])[3] for r in STAND_OUT & set(seen))
    assert all(rgba(seen[r]["bg"])[3] < parting for r in QUIET & set(seen))     # partings tinted more
    if "complements" in seen:
        assert rgba(seen["complements"]["bg"])[3] == 0                            # the most frequent recedes
