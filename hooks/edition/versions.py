"""Every recorded release kept readable: each built from its own commit, with the requirements
that commit pins, into ``site/versions/X.Y.Z/``, and given a banner that leads to the current
page at the same anchor (``python -m edition versions``, run by `make build`).

A release looks as it did when it was published, because its own code builds it; the banner
is the only thing added, after its build, by this code."""
from __future__ import annotations

import hashlib
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from .releases import Release

BANNER = ('<div class="version-banner" role="note" style="padding:.5rem 1rem;background:#fff3cd;color:#222;'
          'border-bottom:1px solid #a38400;font:14px/1.4 sans-serif">You are reading version {version} of the '
          'edition, published {date}{current}. <a href="{latest}" class="version-latest" style="color:#1a3fc4">'
          'Read this page in the current version</a> · <a href="{versions}" style="color:#1a3fc4">all versions'
          '</a></div>')
SCRIPT = '<script src="{root}assets/edition-version.js"></script>'


def _git(root: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=300, **kw)


def _python_for(root: Path, tree: Path) -> str:
    """The Python to build ``tree`` with: this one when the tree pins the same requirements,
    else a virtualenv of its own (made once, under ``.venv-versions/``)."""
    wanted = (tree / "requirements.txt").read_bytes() if (tree / "requirements.txt").exists() else b""
    if wanted == (root / "requirements.txt").read_bytes():
        return sys.executable
    venv = root / ".venv-versions" / hashlib.sha256(wanted).hexdigest()[:12]
    python = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", "-r", str(tree / "requirements.txt")], check=True)
        (venv / ".installed").touch()
    return str(python)


def build_release(root: Path, release: Release, out: Path, base: str, cache: Path) -> Path:
    """Build one release from its commit into ``out`` (from ``cache`` when it was built before
    for the same commit and address)."""
    key = cache / f"{release.version}-{release.commit[:12]}-{hashlib.sha256(base.encode()).hexdigest()[:8]}"
    if not (key / ".complete").exists():
        archive = _git(root, "archive", "--format=tar", release.commit)
        if archive.returncode != 0:
            raise SystemExit(f"sources/releases.yml: release {release.version}: commit {release.commit} is not in "
                             f"this repository's history ({archive.stderr.decode().strip()}); fetch the whole "
                             "history (git fetch --unshallow) or correct the commit")
        tree = cache / f"tree-{release.commit[:12]}"
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tree, filter="data")
        shutil.rmtree(key, ignore_errors=True)
        env = {**os.environ, "EDITION_SITE_URL": f"{base}versions/{release.version}/", "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run([_python_for(root, tree), "-m", "mkdocs", "build", "--strict", "--site-dir", str(key)],
                                cwd=tree, env=env, capture_output=True, text=True, timeout=1200)
        shutil.rmtree(tree, ignore_errors=True)
        if result.returncode != 0:
            raise SystemExit(f"release {release.version} ({release.commit[:12]}) does not build:\n"
                             f"{result.stdout[-3000:]}{result.stderr[-3000:]}")
        (key / ".complete").touch()
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(key, out, ignore=shutil.ignore_patterns(".complete"))
    return out


def add_banners(out: Path, release: Release, current: bool = False) -> int:
    """Put the banner at the top of every page of a release's build; returns the pages."""
    n = 0
    for page in out.rglob("*.html"):
        depth = len(page.relative_to(out).parts) - 1          # folders below the release's root
        up = "../" * (depth + 2)                               # to the site's root, past versions/X/
        here = page.relative_to(out).parent.as_posix()
        latest = up + ("" if here == "." else here + "/")
        text = page.read_text(encoding="utf-8")
        banner = BANNER.format(version=html.escape(release.version), date=html.escape(release.date),
                               current=", which is the current version, kept at this address" if current else "",
                               latest=latest, versions=up + "versions/")
        text, k = re.subn(r"(<body[^>]*>)", lambda m: m.group(1) + banner, text, count=1)
        text = text.replace("</body>", SCRIPT.format(root=up) + "</body>", 1)
        page.write_text(text, encoding="utf-8")
        n += k
    return n


def build_versions(root: Path, site: Path, base: str, releases: list[Release], current: str = "") -> list[str]:
    """Every release under ``site/versions/``; returns what was built, one line each
    (``current``: the edition's version now)."""
    cache = root / ".versions-cache"
    lines = []
    for release in releases:
        out = build_release(root, release, site / "versions" / release.version, base, cache)
        pages = add_banners(out, release, release.version == current)
        lines.append(f"versions/{release.version}/: built from {release.commit[:12]} ({pages} pages)")
    return lines
