"""A versioned citation, followed in Chromium: versions/X.Y.Z/texts/<id>/#pN opens that
paragraph of that version, whose banner leads to the same paragraph in the current version."""
from __future__ import annotations

import pytest

from test_versions import released  # noqa: F401  (the fixture: a project with one release, built)

from .conftest import checked_page, serve, wait_scrolled

pytestmark = pytest.mark.browser


def test_a_versioned_citation_leads_to_its_paragraph_and_on_to_the_current_one(context, watch, released, tmp_path):
    _, site, version, _, _ = released
    with serve(site, tmp_path) as url, checked_page(context, watch) as page:
        page.goto(f"{url}versions/{version}/texts/ramani-2015/#p5")
        box = wait_scrolled(page, "#p5")
        assert box["ok"], box
        banner = page.locator(".version-banner")
        assert f"Archived version {version}" in banner.inner_text()
        latest = banner.locator("a.version-latest")
        assert latest.get_attribute("href").endswith("texts/ramani-2015/#p5")
        latest.click()
        page.wait_for_url(f"{url}texts/ramani-2015/#p5")
        assert page.locator(".version-banner").count() == 0
        assert wait_scrolled(page, "#p5")["ok"]
