"""Every recorded release stays readable at versions/X.Y.Z/, built from its own commit, with a
banner leading to the current page at the same anchor; the cite dialog's data name both
addresses; and a release that cannot be found is an error that says what to do."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import HANG_GUARD, ROOT, make_project, run_build

ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
BASE = "https://china-kazakhstan-edition.github.io/edition/"


def git(project, *args) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env=ENV).stdout.strip()


def versions(project, site) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", "versions", "--root", str(project), "--site", str(site)],
                          capture_output=True, text=True, timeout=HANG_GUARD, env={**ENV, "PYTHONPATH": str(ROOT / "hooks")})


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A project with one recorded release (the version of edition.yml, at its first commit),
    then a later change, built with its versions."""
    tmp = tmp_path_factory.mktemp("versions")
    project = make_project(tmp / "project")
    shutil.copy2(ROOT / "requirements.txt", project / "requirements.txt")
    (project / "sources/releases.yml").unlink(missing_ok=True)   # its commits are not in this new repository
    version = re.search(r"^version: (\S+)", (project / "sources/edition.yml").read_text(encoding="utf-8"), re.M).group(1)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "the release")
    commit = git(project, "rev-parse", "HEAD")
    (project / "sources/releases.yml").write_text(
        f"releases:\n  - version: {version}\n    date: \"2026-12-01\"\n    commit: \"{commit}\"\n"
        "    note: The first release.\n", encoding="utf-8")
    docs = project / "docs/index.md"
    docs.write_text(docs.read_text(encoding="utf-8").replace("# China and Kazakhstan", "# China and Kazakhstan (later)"),
                    encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "later")
    site = tmp / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    result = versions(project, site)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return project, site, version, commit, result.stdout


def test_a_release_is_built_from_its_own_commit(released):
    project, site, version, commit, out = released
    assert out.strip().startswith(f"versions/{version}/: built from {commit[:12]}")
    old = (site / f"versions/{version}/index.html").read_text(encoding="utf-8")
    now = (site / "index.html").read_text(encoding="utf-8")
    assert "(later)" in now and "(later)" not in old          # as it was when it was released


def test_every_page_of_a_release_has_a_banner_to_the_current_page(released):
    _, site, version, _, _ = released
    pages = sorted((site / f"versions/{version}").rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('class="version-banner"') == 1, page
    ramani = (site / f"versions/{version}/texts/ramani-2015/index.html").read_text(encoding="utf-8")
    # The release is the current version here: the banner says so plainly.
    assert f"<strong>Archived version {version} (1 December 2026).</strong> This is also the current version of " \
           "the edition." in ramani
    assert '<aside class="version-banner" aria-label="Version"' in ramani and "style=" not in ramani.split(
        '<aside class="version-banner"', 1)[1].split("</aside>", 1)[0]
    assert '<link rel="stylesheet" href="../../../../assets/edition-version.css"></head>' in ramani
    assert '<a href="../../../../texts/ramani-2015/" class="version-latest"' in ramani
    assert '<script src="../../../../assets/edition-version.js"></script>' in ramani
    assert (site / "assets/edition-version.js").is_file() and (site / "assets/edition-version.css").is_file()


def test_the_banner_of_an_older_release_says_it_is_not_the_current_edition():
    from edition.releases import Release
    from edition.versions import banner

    text = banner(Release("0.1.0", "2026-03-05", "0" * 40), False, "../../", "../../versions/")
    assert text.startswith('<aside class="version-banner" aria-label="Version"')
    assert "<strong>Archived version 0.1.0 (5 March 2026).</strong> This is not the current edition." in text
    assert '<a href="../../" class="version-latest">Read this page in the current edition</a>' in text
    assert '<a href="../../versions/" class="version-all">All versions</a>' in text


def test_every_published_anchor_resolves_in_every_version(released):
    import yaml

    _, site, version, _, _ = released
    for registry in sorted((ROOT / "sources/anchors").glob("*.yml")):
        html = (site / f"versions/{version}/texts/{registry.stem}/index.html").read_text(encoding="utf-8")
        for e in yaml.safe_load(registry.read_text(encoding="utf-8"))["anchors"]:
            assert f'id="{e["anchor"]}"' in html, (registry.stem, e["anchor"])


def test_the_versions_page_lists_every_release_and_citations_name_both_addresses(released):
    _, site, version, commit, _ = released
    page = (site / "versions/index.html").read_text(encoding="utf-8")
    assert f'<a href="{version}/">Version {version}</a>' in page and commit[:12] in page
    html = (site / "texts/ramani-2015/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="cite-data">(.*?)</script>', html).group(1))
    assert data["page"] == f"{BASE}texts/ramani-2015/"
    assert data["versionPage"] == data["cited"] == f"{BASE}versions/{version}/texts/ramani-2015/"
    assert f"Edition version {version}, built " in html and "from commit " in html


def test_a_release_whose_commit_is_missing_says_what_to_do(released, tmp_path):
    project, _, version, commit, _ = released
    text = (project / "sources/releases.yml").read_text(encoding="utf-8")
    (project / "sources/releases.yml").write_text(text.replace(commit, "0" * 40), encoding="utf-8")
    shutil.rmtree(project / ".versions-cache", ignore_errors=True)
    try:
        result = versions(project, tmp_path / "site")
    finally:
        (project / "sources/releases.yml").write_text(text, encoding="utf-8")
    assert result.returncode != 0
    assert f"release {version} names commit {'0' * 12}, which is not in this repository's history, so it cannot be " \
           "verified or built; fetch the whole history" in result.stderr + result.stdout
