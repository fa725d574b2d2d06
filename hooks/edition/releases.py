"""The recorded releases of the edition (``sources/releases.yml``: version, date, commit, note),
and the stamp every page carries: the version, and the date and commit it was built from."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .fields import check_fields
from .problems import Problems
from .published import git_out
from .yamlio import load_yaml, parse_yaml

REL = "sources/releases.yml"
RELEASE_FIELDS = {"version": (str, True), "date": (str, True), "commit": (str, True), "note": (str, False)}
VERSION_RX = re.compile(r"\d{1,6}(\.\d{1,6}){0,5}")
COMMIT_RX = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    commit: str
    note: str = ""
    line: int = field(default=0, compare=False)


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
        if not VERSION_RX.fullmatch(r["version"]):
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
        if not COMMIT_RX.fullmatch(r["commit"]):
            problems.add(REL, r.line_of("commit"), f"commit {r['commit']!r} is not a full commit id",
                         "give the 40 hexadecimal digits (git rev-parse HEAD)")
            ok = False
        if ok:
            seen[r["version"]] = line
            out.append(Release(r["version"], r["date"], r["commit"], " ".join(str(r.get("note") or "").split()),
                               line=line))
    return verified(root, out, problems)


def _recorded(text: str | None) -> set[tuple[str, str]]:
    """The (version, commit) pairs of a releases.yml as git holds it."""
    data = parse_yaml(text or "", REL, Problems()) if text else None
    entries = data.get("releases") if isinstance(data, dict) else None
    return {(str(e.get("version")), str(e.get("commit"))) for e in entries or [] if isinstance(e, dict)} \
        if isinstance(entries, list) else set()


def verified(root: Path, releases: list[Release], problems: Problems) -> list[Release]:
    """The releases a maintainer made, refusing any other before its code can run.

    A release is the state of the main branch that `make release` records: the commit that adds
    its entry to ``sources/releases.yml`` (on the first-parent line of the checkout: the main
    branch's own states, never the commits inside a merged branch) has the released commit as
    its first parent; an entry not yet committed must name the checked-out commit. A pull
    request can name any commit of its branch, but the commit that merges it has the main
    branch as its first parent, so it can never make an entry that passes. Where a tag
    ``vX.Y.Z`` exists it must be annotated and name the same commit."""
    if not releases:
        return releases
    if git_out(root, "rev-parse", "--show-toplevel") is None:
        problems.notice("this is not a git checkout, so the releases recorded in sources/releases.yml cannot be "
                        "verified, and none of them is built")
        return []
    if (git_out(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        problems.add(REL, releases[0].line, "this clone's history is shallow, so it cannot be verified that each "
                     "release is a commit a maintainer released", "fetch the whole history (git fetch --unshallow, "
                     "or fetch-depth: 0 in a workflow), then build again")
        return []
    prefix = (git_out(root, "rev-parse", "--show-prefix") or "").strip()
    head = (git_out(root, "rev-parse", "--verify", "--quiet", "HEAD") or "").strip()
    made: set[tuple[str, str]] = set()
    for k in (git_out(root, "log", "--first-parent", "--format=%H %P", "--", prefix + REL) or "").splitlines():
        commit, *parents = k.split()
        here = _recorded(git_out(root, "show", f"{commit}:{prefix}{REL}"))
        before = _recorded(git_out(root, "show", f"{parents[0]}:{prefix}{REL}")) if parents else set()
        made |= {(v, c) for v, c in here - before if parents and c == parents[0]}
    at_head = _recorded(git_out(root, "show", f"HEAD:{prefix}{REL}")) if head else set()
    out = []
    for r in releases:
        pair = (r.version, r.commit)
        ok = pair in made or (pair not in at_head and r.commit == head)
        if not ok and git_out(root, "cat-file", "-e", f"{r.commit}^{{commit}}") is None:
            problems.add(REL, r.line, f"release {r.version} names commit {r.commit[:12]}, which is not in this "
                         "repository's history, so it cannot be verified or built", "fetch the whole history "
                         "(git fetch origin), or correct the commit")
            continue
        if not ok:
            problems.add(REL, r.line, f"release {r.version} names commit {r.commit[:12]}, which no maintainer released: "
                         "a release is recorded by `make release` on the main branch, in the commit right after the "
                         "released one", "nothing of that commit is built; to release, run `make release "
                         f"VERSION={r.version}` on an up-to-date main branch (CONTRIBUTING.md, \"Release a version\")")
            continue
        tag = f"refs/tags/v{r.version}"
        kind = (git_out(root, "cat-file", "-t", tag) or "").strip()
        if kind and (kind != "tag" or (git_out(root, "rev-parse", f"{tag}^{{commit}}") or "").strip() != r.commit):
            problems.add(REL, r.line, f"the tag v{r.version} does not mark commit {r.commit[:12]} as released "
                         f"({'a lightweight tag' if kind != 'tag' else 'it names another commit'})",
                         "a release's tag is an annotated tag on the released commit; the maintainers must correct "
                         "the tag or the entry")
            continue
        out.append(r)
    return out


def build_stamp(root: Path, fallback_date: str) -> tuple[str, str]:
    """The date and short commit the site is built from: the last commit's, so that a build
    is the same whenever it is made; outside git, the edition's date and no commit."""
    out = git_out(root, "log", "-1", "--format=%cs %h")
    if not out or not out.strip():
        return fallback_date, ""
    date, commit = out.split()
    return date, commit
