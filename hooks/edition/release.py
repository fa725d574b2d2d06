"""``python -m edition release X.Y.Z`` (`make release VERSION=X.Y.Z`): every step of a release,
done by a maintainer on an up-to-date main branch, or refused with a plain message.

1. Refuse what is not ready: changes not committed, another branch checked out, a version that
   is not X.Y.Z or not above the last release, a changelog without a section for it (or an
   ``## Unreleased`` section to name), any problem `make check` reports.
2. Commit ``version`` and ``date`` in ``sources/edition.yml``, and the changelog's
   ``## Unreleased`` heading made ``## X.Y.Z (date)`` ("Version X.Y.Z"), unless they already
   say so: this commit is the release.
3. Record the release in ``sources/releases.yml`` in the next commit ("Release X.Y.Z
   recorded"), the commit whose first parent is the release: the mark :func:`.releases.verified`
   checks before building any release.
4. Tag the release commit ``vX.Y.Z`` (an annotated tag), and say what to push.
"""
from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

from .edition import load_edition
from .problems import EditionError, Problems
from .releases import REL

CHANGELOG = "docs/changelog.md"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=120)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def refusals(root: Path, version: str, branch: str) -> list[str]:
    """Why the release cannot be made now (nothing when it can)."""
    out = []
    if not re.fullmatch(r"\d{1,6}\.\d{1,6}\.\d{1,6}", version or ""):
        return [f"VERSION={version!r} is not a version number X.Y.Z; write it as make release VERSION=1.2.0"]
    if _git(root, "rev-parse", "--show-toplevel").returncode != 0:
        return ["this is not a git checkout: a release is made in the repository, on the main branch"]
    if _git(root, "status", "--porcelain").stdout.strip():
        out.append("there are changes that are not committed (git status lists them); commit them, or set them "
                   "aside (git stash), so that the release is exactly what the main branch holds")
    here = _git(root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    if here != branch:
        out.append(f"the branch checked out is {here!r}, not {branch!r}; a release is made on the main branch: git "
                   f"switch {branch} && git pull")
    problems = Problems()
    try:
        ed = load_edition(root, problems)
    except EditionError as exc:
        return out + [f"make check finds {len(exc.problems)} problem(s); fix them first:"] + exc.problems.lines()
    done = [r.version for r in ed.meta["releases"]]
    if version in done:
        out.append(f"version {version} is released already ({REL}); choose the next version number")
    elif done and _key(version) <= max(_key(v) for v in done):
        out.append(f"version {version} is not above the last release, {max(done, key=_key)}; choose a higher number")
    log = (root / CHANGELOG).read_text(encoding="utf-8") if (root / CHANGELOG).exists() else ""
    if not _has_section(log, version) and not _unreleased(log):
        out.append(f"{CHANGELOG} has no section for {version}; add one (## {version}) that says what this version "
                   "changes for readers, or write it under `## Unreleased`, which make release then names "
                   f"{version}; commit it, and run make release again")
    return out


_UNRELEASED = re.compile(r"^## Unreleased(?: \{#unreleased\})?[ \t]*\n(?P<body>(?:(?!## ).*\n?)*)", re.M)


def _has_section(log: str, version: str) -> bool:
    """Whether the changelog has a heading that names the version."""
    return bool(re.search(rf"^#+ .*\b{re.escape(version)}\b", log, re.M))


def _unreleased(log: str) -> bool:
    """Whether the changelog has an ``## Unreleased`` section that says something."""
    m = _UNRELEASED.search(log)
    return bool(m and m.group("body").strip())


def _name_unreleased(root: Path, version: str, today: str) -> bool:
    """Give the ``## Unreleased`` section its version and date, when the changelog has no
    section for the version yet; whether it changed the file."""
    path = root / CHANGELOG
    log = path.read_text(encoding="utf-8") if path.exists() else ""
    if _has_section(log, version) or not _unreleased(log):
        return False
    path.write_text(_UNRELEASED.sub(lambda m: f"## {version} ({today}) {{#v{version}}}\n{m.group('body')}", log,
                                    count=1), encoding="utf-8")
    return True


def release(root: Path, version: str, today: str | None = None) -> int:
    """Make the release (see the module); prints what it did, or why it did nothing."""
    root = Path(root).resolve()
    meta_path = root / "sources/edition.yml"
    branch = (re.search(r"^branch:\s*\"?([^\s\"]+)", meta_path.read_text(encoding="utf-8"), re.M) or [None, "main"])[1]
    why = refusals(root, version, branch)
    if why:
        print(f"make release: version {version} is not released, because:")
        for line in why:
            print(f"  - {line}")
        return 1
    today = today or datetime.date.today().isoformat()
    text = meta_path.read_text(encoding="utf-8")
    new = re.sub(r"^version: .*$", f"version: {version}", text, count=1, flags=re.M)
    new = re.sub(r"^date: .*$", f'date: "{today}"', new, count=1, flags=re.M)
    steps = []
    named = _name_unreleased(root, version, today)
    if new != text or named:
        meta_path.write_text(new, encoding="utf-8")
        _commit(root, [str(meta_path), str(root / CHANGELOG)], f"Version {version}")
        steps.append(f"committed version {version}, dated {today}, in sources/edition.yml"
                     + (f", and named the changelog's Unreleased section {version}" if named else ""))
    released = _git(root, "rev-parse", "HEAD").stdout.strip()
    rel_path = root / REL
    head = rel_path.read_text(encoding="utf-8") if rel_path.exists() else (
        "# Every published version of the edition, oldest first, with the commit it was built from.\n"
        "# `make release` records each; `make build` builds each into site/versions/X.Y.Z/. Never remove one.\n"
        "releases:\n")
    rel_path.write_text(head.rstrip("\n") + f"\n  - version: {version}\n    date: \"{today}\"\n"
                        f"    commit: \"{released}\"\n", encoding="utf-8")
    _commit(root, [str(rel_path)], f"Release {version} recorded ({REL}): built from {released[:12]}")
    steps.append(f"recorded the release of {released[:12]} in {REL}")
    _git(root, "tag", "-a", f"v{version}", "-m", f"Version {version} of the edition", released)
    steps.append(f"tagged {released[:12]} as v{version}")
    for s in steps:
        print(f"make release: {s}")
    print(f"make release: done. Publish it with: git push origin {branch} v{version}")
    return 0


def _commit(root: Path, paths: list[str], message: str) -> None:
    for args in (["add", "--", *paths], ["commit", "-q", "-m", message, "--", *paths]):
        r = _git(root, *args)
        if r.returncode != 0:
            raise SystemExit(f"make release: git {args[0]} failed: {r.stderr.strip()}")
