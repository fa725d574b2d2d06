"""A proven way off MkDocs: the site built from the core's generator-neutral output
(``make generate``) by ProperDocs and by Zensical, which run no edition hook, then finished by
``python -m edition finish``, against the MkDocs build with the hook.

ProperDocs renders Material's templates as MkDocs does, so every page must be the same but for
the differences listed in ALLOWED. Zensical has its own templates, so its pages are compared on
what the edition makes: paragraph anchors, highlights, notes, the bibliographic head, the
policy and scripts, and every export, byte for byte."""
from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HANG_GUARD, ROOT, make_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
ZENSICAL = ROOT / ".venv-zensical/bin/zensical"

# Every difference between the MkDocs and the ProperDocs build that is allowed, and why.
ALLOWED = {
    "generator": "the <meta name=\"generator\"> tag names the generator",
    "whitespace": "runs of white space between tags differ where a template's condition differs (a written-out "
                  "page has an edit address, a generated one has none; the edit button is off either way)",
    "sitemap order": "sitemap.xml lists the pages in the order the generator met their files",
}


def _run(args: list[str], cwd: Path) -> None:
    r = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=HANG_GUARD)
    assert r.returncode == 0, " ".join(args) + "\n" + r.stdout[-3000:] + r.stderr[-3000:]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    _run([sys.executable, "-m", "edition", "generate", str(out)], ROOT)
    return out


def _finish(site: Path) -> Path:
    _run([sys.executable, "-m", "edition", "finish", "--site", str(site)], ROOT)
    return site


@pytest.fixture(scope="module")
def properdocs_site(generated) -> Path:
    _run([str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "-q", "-f", "mkdocs.yml",
          "--site-dir", "site-properdocs"], generated)
    return _finish(generated / "site-properdocs")


@pytest.fixture(scope="module")
def zensical_site(generated, tmp_path_factory) -> Path:
    if not ZENSICAL.exists():
        pytest.skip("Zensical is not installed (.venv-zensical: `make test` installs it from requirements-zensical.txt)")
    copy = tmp_path_factory.mktemp("zensical") / "project"
    shutil.copytree(generated, copy, ignore=shutil.ignore_patterns("site*"))
    _run([str(ZENSICAL), "build", "-f", "mkdocs.yml"], copy)
    return _finish(copy / "site")


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()
            and not p.relative_to(site).as_posix().startswith("versions/0.")}


def _normal(html: str) -> str:
    html = re.sub(r'<meta name="generator" content="[^"]*">', "", html)        # ALLOWED["generator"]
    return re.sub(r"\s+", " ", html)                                           # ALLOWED["whitespace"]


def _urls(xml: str) -> set[str]:
    return set(re.findall(r"<url>.*?</url>", re.sub(r"\s+", " ", xml)))        # ALLOWED["sitemap order"]


def test_generate_writes_what_the_hook_serves(generated):
    docs = generated / "docs"
    for path in ("texts/ramani-2015.md", "texts/harrison-2015.md", "compare.md", "xrefs.md", "annotations.jsonld",
                 "downloads/ramani-2015.tei.xml", "assets/propose.json", "assets/edition-nojs-dark.css",
                 "contributing.md", "index.md"):
        assert (docs / path).is_file(), path
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "<!-- edition:" not in home and home.startswith("---\nedition_head: ")
    cfg = (generated / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in cfg and "  - Texts: texts/\n" not in cfg and "edition_version:" in cfg


def test_properdocs_builds_the_same_site_as_mkdocs_with_the_hook(site, properdocs_site):
    ours, theirs = _files(site), _files(properdocs_site)
    assert sorted(ours) == sorted(theirs)
    assert len([p for p in ours if p.endswith(".html")]) >= 20
    different = []
    for rel, path in ours.items():
        a, b = path.read_bytes(), theirs[rel].read_bytes()
        if rel.endswith(".html"):
            same = _normal(a.decode("utf-8")) == _normal(b.decode("utf-8"))
        elif rel == "sitemap.xml":
            same = _urls(a.decode("utf-8")) == _urls(b.decode("utf-8"))
        elif rel == "sitemap.xml.gz":
            same = _urls(gzip.decompress(a).decode("utf-8")) == _urls(gzip.decompress(b).decode("utf-8"))
        else:
            same = a == b
        if not same:
            different.append(rel)
    assert different == []


def _made(html: str) -> dict:
    """What the edition makes in a page, whatever the templates around it."""
    head = re.search(r"<head>(.*?)</head>", html, re.S).group(1)
    return {
        "anchors": re.findall(r'<p class="para[^"]*" id="(p\d+)"', html),
        "highlights": re.findall(r'<mark id="([^"]+)" class="(xref[^"]*)" data-relation="([^"]+)" data-note="([^"]+)"',
                                 html),
        "notes": re.findall(r'<li id="(fn:[^"]+)"', html),
        "note refs": re.findall(r'<a class="footnote-ref" href="#(fn:[^"]+)">(\d+)</a>', html),
        "metadata": sorted(re.findall(r'<meta (?:name|property)="((?:citation_|DC\.|og:|z\.)[^"]*)" content="([^"]*)"',
                                      head)),
        "json-ld": re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S),
        "policy": re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html),
        "edition scripts": re.findall(r'<script src="[^"]*/(edition[^"/]*\.js)"', html),
        "cite data": re.findall(r'<script type="application/json" id="cite-data">(.*?)</script>', html, re.S),
    }


def test_zensical_builds_the_editions_pages_with_their_anchors_notes_metadata_and_exports(site, zensical_site):
    ours, theirs = _files(site), _files(zensical_site)
    pages = [p for p in ours if p.endswith("index.html")]
    missing = [p for p in pages if p not in theirs]
    assert missing == []
    for rel in pages:
        a = _made(ours[rel].read_text(encoding="utf-8"))
        b = _made(theirs[rel].read_text(encoding="utf-8"))
        assert a == b, rel
    ramani = _made(ours["texts/ramani-2015/index.html"].read_text(encoding="utf-8"))
    assert len(ramani["anchors"]) == 15 and len(ramani["highlights"]) >= 50 and len(ramani["notes"]) >= 50
    assert ramani["metadata"] and ramani["policy"] and ramani["cite data"]
    exports = [p for p in ours if p.startswith(("downloads/", "annotations.jsonld", "assets/propose.json"))
               and not p.endswith(".html")]
    assert len(exports) >= 10
    assert [p for p in exports if ours[p].read_bytes() != theirs[p].read_bytes()] == []


def test_make_generate_writes_the_folder(tmp_path):
    out = tmp_path / "gen"
    r = subprocess.run(["make", "-s", "generate", f"GENERATED={out}", "VENV_OK="], cwd=ROOT, env=ENV,
                       capture_output=True, text=True, timeout=HANG_GUARD)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (out / "mkdocs.yml").is_file() and (out / "docs/texts/ramani-2015.md").is_file()


@pytest.mark.parametrize("change, message", [
    (lambda cfg: cfg + "\nextra:\n  analytics: none\n",
     ": an 'extra:' section, which make generate would write twice; the edition sets its extra values itself: "
     "remove it"),
    (lambda cfg: cfg.replace("  custom_dir: overrides\n", ""),
     "mkdocs.yml: the line(s) 'custom_dir: overrides' are missing; make generate rewrites them for a generator "
     "without the hook: put them back as the edition ships them"),
])
def test_a_config_generate_cannot_rewrite_is_refused_with_the_place_and_what_to_do(tmp_path, change, message):
    project = make_project(tmp_path / "project")
    cfg = project / "mkdocs.yml"
    cfg.write_text(change(cfg.read_text(encoding="utf-8")), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "edition", "generate", str(tmp_path / "out"), "--root", str(project)],
                       env=ENV, capture_output=True, text=True, timeout=HANG_GUARD)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    [line] = [x for x in r.stderr.splitlines() if "mkdocs.yml" in x]
    assert line.endswith(message), line
    if "extra" in message:
        n = cfg.read_text(encoding="utf-8").splitlines().index("extra:") + 1
        assert line.startswith(f"mkdocs.yml:{n}: ")
    assert not (tmp_path / "out" / "docs").exists()                       # nothing written
