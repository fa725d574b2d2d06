"""The generator-neutral adapter: ``python -m edition generate DIR`` and ``finish --site``
(see edition.generate). What the MkDocs hook does in a build's events, these do before and
after any generator's build, with the same functions."""
from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

from .csp import report
from .edition import load_edition
from .fields import URL_RX
from .generate import ConfigError, finish_page, write_project
from .postbuild import finish_site
from .problems import EditionError, Problem, Problems
from .releases import build_stamp

# The releases' own builds (versions/X.Y.Z/), added after the build and finished by their own.
RELEASE_BUILD = re.compile(r"versions/\d")


def material_palette() -> str:
    """Material's palette style sheets (its dark scheme), found without importing it."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return ""
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates/assets/stylesheets"
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("palette.*.min.css")))


def _load(root: Path):
    try:
        return load_edition(root, Problems())
    except EditionError as exc:
        for line in exc.problems.lines():
            print(line, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in sources/; nothing was written.", file=sys.stderr)
        return None


SITE_URL_VARIABLE = "EDITION_SITE_URL"


def site_url_problem(environ=os.environ) -> str | None:
    """What is wrong with the site's address given in EDITION_SITE_URL (``EDITION_SITE_URL: what;
    hint``), or None when it is unset or good. It must be checked before a build starts: it is
    written into every page, link, citation and export, and a fork's workflow sets it."""
    value = environ.get(SITE_URL_VARIABLE) or ""
    if not value:
        return None
    shown = re.sub(r"//[^/?#]*@", "//…@", value)  # a password is not printed in a build's log
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", value)
    if not (scheme and scheme.group(1) in ("http", "https") and value[scheme.end():].startswith("//")):
        what = "is not an http(s) address of the site"
    elif "@" in value.split("/")[2]:
        what = "holds a user name or password ('…@'), which the site's address may not hold"
    elif "?" in value.split("#")[0]:
        what = "has a query ('?…'), which the site's address may not have"
    elif "#" in value:
        what = "has a fragment ('#…'), which the site's address may not have"
    elif not URL_RX.match(value):
        what = "is not a plain http(s) address: a host name, then a path of letters, digits and - . _ ~ % / …"
    else:
        return None
    return str(Problem(SITE_URL_VARIABLE, 0, f"{shown!r} {what}",
                       "set it to the full address the site is published at, such as "
                       "https://owner.github.io/edition/, or unset it"))


def base_url(ed) -> str:
    """The site's address, ending in '/': EDITION_SITE_URL (a bad value stops the command with
    its problem, never a traceback), else the edition's site_url, else '/'."""
    problem = site_url_problem()
    if problem:
        raise SystemExit(problem)
    return (os.environ.get(SITE_URL_VARIABLE) or ed.meta.get("site_url") or "/").rstrip("/") + "/"


def generate(root: Path, out: Path) -> int:
    problem = site_url_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    ed = _load(root)
    if ed is None:
        return 1
    date, commit = build_stamp(root, str(ed.meta.get("date", "")))
    extra = {"edition_version": str(ed.meta.get("version", "")),
             "edition_built": f"{date} from commit {commit}" if commit else date}
    out.mkdir(parents=True, exist_ok=True)
    try:
        problems = write_project(ed, root, out, base_url(ed), material_palette(), extra)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"wrote {out / 'docs'} and {out / 'mkdocs.yml'}")
    return 0


def finish(root: Path, site: Path) -> int:
    ed = _load(root)
    if ed is None:
        return 1
    unsafe: list[str] = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if RELEASE_BUILD.match(rel):
            continue
        html, found = finish_page(page.read_text(encoding="utf-8"))
        unsafe += [f"{rel}: {f}" for f in found]
        page.write_text(html, encoding="utf-8")
    if unsafe:
        for line in report(unsafe):
            print(line, file=sys.stderr)
        return 1
    done = finish_site(site, ed)
    print(f"finished {site}: {done}")
    return 0
