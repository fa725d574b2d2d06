"""Every recorded release kept readable: each built from its own commit, with the requirements
that commit pins, into ``site/versions/X.Y.Z/``, and given a banner that leads to the current
page at the same anchor (``python -m edition versions``, run by `make build`).

A release looks as it did when it was published, because its own code builds it; the banner
is the only thing added, after its build, by this code."""
from __future__ import annotations

import datetime
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
from urllib.parse import urlsplit

from .csp import add_policy, live_code
from .releases import Release

# The script and style files the edition's build writes, by name: its own scripts, Material's
# bundle, workers and search languages, and Material's inline scripts served as files.
SCRIPTS = re.compile(r"assets/(edition(-[a-z]+)*\.js|javascripts/(bundle\.[0-9a-f]{8}\.min\.js|edition-md-[a-z]+\.js|"
                     r"workers/search\.[0-9a-f]{8}\.min\.js|lunr/(min/lunr\.[a-z.]+\.min\.js|tinyseg\.js|wordcut\.js)))")
STYLES = re.compile(r"assets/(edition(-[a-z-]+)*\.css|stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.css)")

# The banner of an archived page: a landmark of its own (axe: region), after Material's header, where
# docs/assets/edition-version.css (linked in the head, from the site's root, like the script) keeps
# it in view below the header, so that a deep link (#p12) still says which version it is; its links
# are underlined. No style attribute: light and dark are the style sheet's.
BANNER = ('<aside class="version-banner" aria-label="Version" data-version="{version}">'
          '<p><strong>{headline}</strong> {status} <span class="version-banner__links">'
          '<a href="{latest}" class="version-latest">{follow}</a> · '
          '<a href="{versions}" class="version-all">All versions</a></span></p></aside>')
# What the banner says: of an older release, and of the release that is the current version.
WORDING = {False: ("Archived version {version} ({date}).", "This is not the current edition.",
                   "Read this page in the current edition"),
           True: ("Archived version {version} ({date}).", "This is also the current version of the edition.",
                  "Read this page at the edition’s main address")}
STYLE = '<link rel="stylesheet" href="{root}assets/edition-version.css">'
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
        # The tree is a release's files, not a checkout: git must not find the repository it sits
        # in (the cache is inside it), or the release's own checks would read this checkout's
        # history under the tree's path, find none, and refuse the releases it records.
        env = {**os.environ, "EDITION_SITE_URL": f"{base}versions/{release.version}/", "NO_MKDOCS_2_WARNING": "1",
               "GIT_CEILING_DIRECTORIES": str(tree.parent)}
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


def _long_date(iso: str) -> str:
    """``2026-12-01`` → ``1 December 2026`` (as the versions page writes it); else as given."""
    try:
        d = datetime.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def banner(release: Release, current: bool, latest: str, versions: str) -> str:
    """The banner of one archived page (``latest``: the same page in the current edition)."""
    headline, status, follow = WORDING[bool(current)]
    version, date = html.escape(release.version), html.escape(_long_date(release.date))
    return BANNER.format(version=version, headline=headline.format(version=version, date=date), status=status,
                         follow=follow, latest=latest, versions=versions)


def add_banners(out: Path, release: Release, current: bool = False) -> int:
    """Put the banner on every page of a release's build, after Material's header (before its
    ``md-container``; at the top of the body on a page without one), with its style sheet in
    the head and its script at the end of the body; returns the pages."""
    n = 0
    for page in out.rglob("*.html"):
        depth = len(page.relative_to(out).parts) - 1          # folders below the release's root
        up = "../" * (depth + 2)                               # to the site's root, past versions/X/
        here = page.relative_to(out).parent.as_posix()
        latest = up + ("" if here == "." else here + "/")
        text = page.read_text(encoding="utf-8")
        aside = banner(release, current, latest, up + "versions/")
        text, k = re.subn(r'(<div class="md-container")', lambda m: aside + m.group(1), text, count=1)
        if not k:
            text, k = re.subn(r"(<body[^>]*>)", lambda m: m.group(1) + aside, text, count=1)
        text = text.replace("</head>", STYLE.format(root=up) + "</head>", 1)
        text = text.replace("</body>", SCRIPT.format(root=up) + "</body>", 1)
        page.write_text(text, encoding="utf-8")
        n += k
    return n


def guard(out: Path, release: Release, base: str = "/") -> list[str]:
    """What in a release's build the edition's code did not write, checked by today's code
    whatever code built it: code in a page (:func:`.csp.live_code`), a script or style sheet
    that is not one of the edition's files, or a script file of another name. Every page gets
    today's Content-Security-Policy in place of the one it was built with."""
    found = []
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.suffix == ".js" and not SCRIPTS.fullmatch(rel):
            found.append(f"versions/{release.version}/{rel}: a script file the edition does not write")
        if path.suffix != ".html":
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"versions/{release.version}/{rel}: {what}" for what in live_code(text)]
        here = path.relative_to(out).parent
        for tag, attrs in re.findall(r"<(script|link)\b([^>]*)>", text):
            attr = dict(re.findall(r'([a-z-]+)="([^"]*)"', attrs))
            url = attr.get("src" if tag == "script" else "href")
            if url is None or tag == "link" and attr.get("rel") not in ("stylesheet", "preload", "modulepreload"):
                continue
            mount = urlsplit(base).path.rstrip("/") + f"/versions/{release.version}/"
            target = inside(Path(), url[len(mount):]) if url.startswith(mount) else inside(here, url)
            rx = SCRIPTS if tag == "script" else STYLES
            if target is None or not rx.fullmatch(target):
                found.append(f"versions/{release.version}/{rel}: <{tag}> loads {url!r}, which is not one of the "
                             "edition's files")
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", text)
        path.write_text(add_policy(text), encoding="utf-8")
    return found


def inside(here: Path, url: str) -> str | None:
    """``url`` as a path inside the release's build, or None if it leads elsewhere."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^/", url) or "?" in url or "#" in url:
        return None
    parts: list[str] = list(here.parts)
    for part in url.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def build_versions(root: Path, site: Path, base: str, releases: list[Release], current: str = "") -> list[str]:
    """Every release under ``site/versions/``; returns what was built, one line each
    (``current``: the edition's version now)."""
    cache = root / ".versions-cache"
    lines = []
    for release in releases:
        out = build_release(root, release, site / "versions" / release.version, base, cache)
        found = guard(out, release, base)
        if found:
            shutil.rmtree(out, ignore_errors=True)
            raise SystemExit("\n".join(f"{line}; nothing of this release is published: its build holds code the "
                                       "edition does not write" for line in found))
        pages = add_banners(out, release, release.version == current)
        lines.append(f"versions/{release.version}/: built from {release.commit[:12]} ({pages} pages)")
    return lines
