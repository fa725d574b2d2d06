"""The Content-Security-Policy (hooks/edition/csp.py): fixed by the code, the same for every
page, allowing scripts from the site only; and the check that fails a build whose pages hold
code the build did not write."""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import ROOT, error_lines, make_project, run_build
from edition.csp import add_policy, live_code, policy

MATERIAL = Path(material.__file__).parent / "templates"


def directives(p: str) -> dict[str, str]:
    return dict(d.strip().split(" ", 1) for d in p.split(";"))


def test_a_built_page_allows_scripts_from_the_site_only():
    d = directives(policy())
    assert d["script-src"] == "'self'"
    assert d["default-src"] == "'self'" and d["object-src"] == "'none'" and d["base-uri"] == "'self'"
    assert "sha256" not in policy() and "unsafe-inline" not in d["script-src"]


def test_the_policy_does_not_depend_on_the_page():
    """A policy computed from the page it protects would allow what was injected into it."""
    hostile = "<html><head><script>alert(27)</script></head><body><script>alert(40)</script></body></html>"
    assert add_policy(hostile) .count(policy()) == 1
    assert re.search(r'content="([^"]*)"', add_policy(hostile)).group(1) == policy()


def test_a_live_preview_allows_inline_script_but_nothing_from_elsewhere():
    d = directives(policy(live_reload=True))
    assert d["script-src"] == "'self' 'unsafe-inline'"   # no hash, or the browser would ignore 'unsafe-inline'
    assert d["connect-src"] == "'self'"


@pytest.mark.parametrize("live", [False, True])
def test_the_policy_is_the_first_element_of_the_head(live):
    out = add_policy("<html><head><script src=x.js></script></head></html>", live_reload=live)
    assert out.startswith('<html><head>\n    <meta http-equiv="Content-Security-Policy" content="default-src')


@pytest.mark.parametrize("html, found", [
    ("<p>x</p><script>alert(27)</script>", ["<script>alert(27)</script>: an inline script"]),
    ('<script type="text/javascript">alert(1)</script>', ["<script>alert(1)</script>: an inline script"]),
    ('<script type="module">import("x")</script>', ['<script>import("x")</script>: an inline script']),
    # A browser reads <title> as text, the checker as markup: it errs on the side of refusing.
    ('<title>a</script><script>alert(40)</script></title>', ["<script>alert(40)</script>: an inline script"]),
    ('<p>a</p></script><script>alert(40)</script>', ["<script>alert(40)</script>: an inline script"]),
    ('<img src=x onerror="alert(2)">', ['<img onerror="alert(2)">: an event-handler attribute']),
    ('<a href=" JaVaScRiPt:alert(3)">x</a>', ['<a href="JaVaScRiPt:alert(3)">: a script URL']),
    ('<a href="&#106;avascript:alert(3)">x</a>', ['<a href="javascript:alert(3)">: a script URL']),
    ('<a href="java\tscript:alert(3)">x</a>', ['<a href="java script:alert(3)">: a script URL']),
    ('<iframe src="https://example.org/"></iframe>', ["<iframe>: an element the build never writes"]),
    ('<meta http-equiv="refresh" content="0;url=https://example.org/">', ['<meta http-equiv="refresh">: a redirect']),
    ('<base href="https://example.org/">', ["<base>: an element the build never writes"]),
    ('<script src="assets/edition.js"></script><script type="application/json">{"a": "</p>"}</script>'
     '<script type="application/ld+json">{}</script><script id="__config" type="application/json">{}</script>',
     []),
    ('<p title="onerror=alert(1)">javascript:alert(1) &lt;script&gt;</p>', []),
])
def test_live_code_finds_what_would_run(html, found):
    assert live_code(html) == found


# Material's inline scripts, served as files by the edition (overrides/partials/javascripts/):
# (its partial, our file, what we changed).
MOVED = [
    ("partials/javascripts/base.html", "edition-md-scope.js",
     ('__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)',
      'document.documentElement.classList.replace("no-js","js"),'
      'location.hash.length<2||/^#(p\\d+|m-)/.test(location.hash)||document.documentElement.classList.add("to-part"),'
      '__md_scope=new URL("../../",document.currentScript.src)')),
    ("partials/javascripts/palette.html", "edition-md-palette.js", None),
    ("partials/javascripts/content.html", "edition-md-content.js", None),
    ("partials/javascripts/content.html", "edition-md-tabs.js", None),
]


@pytest.mark.parametrize("partial, name, change", MOVED, ids=[m[1] for m in MOVED])
def test_material_scripts_served_as_files_have_not_drifted(partial, name, change):
    """Each file holds exactly one of the scripts of Material's partial (with the one change
    listed): after a Material upgrade that changes them, this fails and the file is made again."""
    scripts = re.findall(r"<script>(.*?)</script>", (MATERIAL / partial).read_text(encoding="utf-8"))
    if change:
        scripts = [s.replace(*change) for s in scripts]
    ours = (ROOT / "overrides/assets/javascripts" / name).read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/\s*", "", ours, flags=re.S).strip()
    assert code in scripts


def test_the_scope_file_gives_the_site_root_as_material_did():
    """Material's scope is the site's root (base_url); the file finds it from its own address,
    which is <root>/assets/javascripts/edition-md-scope.js."""
    from urllib.parse import urljoin

    for root in ("https://china-kazakhstan-edition.github.io/edition/", "http://127.0.0.1:8000/"):
        assert urljoin(root + "assets/javascripts/edition-md-scope.js", "../../") == root


def test_every_built_page_carries_the_same_policy_and_only_the_sites_scripts(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 15
    known = {"edition-md-scope.js", "edition-md-palette.js", "edition-md-features.js", "edition.js"}
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        assert re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html) == [policy()], rel
        assert live_code(html) == [], rel
        srcs = {s.rsplit("/", 1)[1] for s in re.findall(r'<script[^>]* src="([^"]+)"', html)}
        assert srcs - {s for s in srcs if s.startswith("bundle.")} == known, rel


def test_a_page_holding_code_the_build_did_not_write_fails_the_build(tmp_path):
    """Raw HTML in a hand-written page stands for any value that would escape escaping."""
    project = make_project(tmp_path / "p")
    rights = project / "docs/rights.md"
    rights.write_text(rights.read_text(encoding="utf-8") + '\n<script>alert(27)</script>\n\n'
                      '<img src="x" onerror="alert(2)">\n', encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 1
    assert error_lines(result) == [
        "rights/index.html: <script>alert(27)</script>: an inline script; the build writes no such code, so a value "
        "from sources/ reached the page unescaped: report it as a bug of the edition's code",
        "rights/index.html: <img onerror=\"alert(2)\">: an event-handler attribute; the build writes no such code, "
        "so a value from sources/ reached the page unescaped: report it as a bug of the edition's code",
        "1 page(s) hold code that the build did not write; nothing may be published"]
