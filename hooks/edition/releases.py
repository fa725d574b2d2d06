"""The recorded releases of the edition (``sources/releases.yml``: version, date, commit, note),
and the stamp every page carries: the version, and the date and commit it was built from."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .fields import check_fields
from .problems import Problems
from .yamlio import load_yaml

REL = "sources/releases.yml"
RELEASE_FIELDS = {"version": (str, True), "date": (str, True), "commit": (str, True), "note": (str, False)}
VERSION_RX = re.compile(r"^\d+(\.\d+)*$")
COMMIT_RX = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    commit: str
    note: str = ""


def load_releases(root: Path, problems: Problems) -> list[Release]:
    """Every release, in the order of the file (oldest first); each problem with its line."""
    if not (root / REL).exists():
        return []
    data = load_yaml(root / REL, REL, problems)
    if data is None or not check_fields(data, {"releases": (list, True)}, REL, problems, "releases.yml"):
        return []
    out: list[Release] = []
    seen: dict[str, int] = {}
    for i, r in enumerate(data["releases"]):
        line = data["releases"].line_of(i)
        if not check_fields(r, RELEASE_FIELDS, REL, problems, "release", line):
            continue
        ok = True
        if not VERSION_RX.match(r["version"]):
            problems.add(REL, r.line_of("version"), f"version {r['version']!r} is not a version number",
                         "write it as 1.2.0")
            ok = False
        elif r["version"] in seen:
            problems.add(REL, r.line_of("version"), f"version {r['version']} is recorded twice",
                         f"the other is at {REL}:{seen[r['version']]}")
            ok = False
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]):
            problems.add(REL, r.line_of("date"), f"date {r['date']!r} is not YYYY-MM-DD")
            ok = False
        if not COMMIT_RX.match(r["commit"]):
            problems.add(REL, r.line_of("commit"), f"commit {r['commit']!r} is not a full commit id",
                         "give the 40 hexadecimal digits (git rev-parse HEAD)")
            ok = False
        if ok:
            seen[r["version"]] = line
            out.append(Release(r["version"], r["date"], r["commit"], " ".join(str(r.get("note") or "").split())))
    return out


def build_stamp(root: Path, fallback_date: str) -> tuple[str, str]:
    """The date and short commit the site is built from: the last commit's, so that a build
    is the same whenever it is made; outside git, the edition's date and no commit."""
    try:
        r = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs %h"], capture_output=True, text=True,
                           timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return fallback_date, ""
    if r.returncode != 0 or not r.stdout.strip():
        return fallback_date, ""
    date, commit = r.stdout.split()
    return date, commit
