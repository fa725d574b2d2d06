"""A build runs only code a maintainer released: a release recorded in sources/releases.yml is
built only from the commit that `make release` recorded on the main branch, never from a commit
a pull request names; and whatever built a release, today's code checks every archived page.

Attack 3 of the outside review, as a pull request would carry it (merged with a merge commit, by
squashing, or pushed as a chain), and variants of it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HANG_GUARD, ROOT, make_project, run_check
from edition.releases import Release
from edition.versions import guard

ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}


def git(project, *args) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env=ENV).stdout.strip()


def commit(project, message: str, *options: str) -> str:
    git(project, "add", "-A")
    git(project, "commit", "-q", *options, "-m", message)
    return git(project, "rev-parse", "HEAD")


def versions(project, site) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", "versions", "--root", str(project), "--site", str(site)],
                          capture_output=True, text=True, timeout=HANG_GUARD, env={**ENV, "PYTHONPATH": str(ROOT / "hooks")})


def version_of(project) -> str:
    return re.search(r"^version: (\S+)", (project / "sources/edition.yml").read_text(encoding="utf-8"), re.M).group(1)


def record(project, version: str, sha: str) -> int:
    """Add a release entry; returns its line."""
    path = project / "sources/releases.yml"
    text = path.read_text(encoding="utf-8") if path.exists() else "releases:\n"
    line = text.count("\n") + 1
    path.write_text(text + f"  - version: {version}\n    date: \"2026-12-03\"\n    commit: \"{sha}\"\n", encoding="utf-8")
    return line


@pytest.fixture
def repo(tmp_path):
    project = make_project(tmp_path / "project")
    shutil.copy2(ROOT / "requirements.txt", project / "requirements.txt")
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")
    (project / "sources/releases.yml").unlink(missing_ok=True)
    git(project, "init", "-q", "-b", "main")
    commit(project, "main")
    return project


def hostile(project, marker: Path) -> str:
    """Commit A: code in the hook that writes ``marker`` when it runs; returns A."""
    hook = project / "hooks/edition_hook.py"
    hook.write_text(hook.read_text(encoding="utf-8") + f"\nopen({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    return commit(project, "A: code")


def refused(project, line: int, version: str, sha: str) -> None:
    expected = (f"sources/releases.yml:{line}: release {version} names commit {sha[:12]}, which no maintainer "
                "released: a release is recorded by `make release` on the main branch, in the commit right after the "
                f"released one; nothing of that commit is built; to release, run `make release VERSION={version}` on "
                "an up-to-date main branch (CONTRIBUTING.md, \"Release a version\")")
    result = run_check(project)
    assert result.returncode == 1 and expected in result.stdout.splitlines(), result.stdout


@pytest.mark.parametrize("merge", ["merge-commit", "squash", "chain"])
def test_a_release_naming_a_reverted_commit_runs_none_of_its_code(repo, tmp_path, merge):
    """The attack: a commit adds code, the next reverts it, a third records a release of the first."""
    marker = tmp_path / "ran"
    git(repo, "checkout", "-q", "-b", "pr")
    a = hostile(repo, marker)
    git(repo, "revert", "--no-edit", "HEAD")
    line = record(repo, "9.9.9", a)
    commit(repo, "C: record a release")
    git(repo, "checkout", "-q", "main")
    if merge == "merge-commit":
        git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request", "pr")
    elif merge == "squash":
        git(repo, "merge", "-q", "--squash", "pr")
        commit(repo, "Squashed pull request")
    else:
        git(repo, "merge", "-q", "--ff-only", "pr")
    refused(repo, line, "9.9.9", a)
    result = versions(repo, tmp_path / "site")
    assert result.returncode == 1
    assert not marker.exists(), "the named commit's code ran"
    assert not (tmp_path / "site/versions").exists()


def test_a_release_recorded_on_the_branch_right_after_the_hostile_commit_is_refused_once_merged(repo, tmp_path):
    """A variant: A (code), C (a release of A, right after it), D (revert), merged with a merge commit."""
    marker = tmp_path / "ran"
    git(repo, "checkout", "-q", "-b", "pr")
    a = hostile(repo, marker)
    line = record(repo, "9.9.9", a)
    commit(repo, "C: record a release of A")
    hook = repo / "hooks/edition_hook.py"
    hook.write_text(hook.read_text(encoding="utf-8").split("\nopen(")[0] + "\n", encoding="utf-8")
    commit(repo, "D: revert the code")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request", "pr")
    refused(repo, line, "9.9.9", a)
    assert versions(repo, tmp_path / "site").returncode == 1
    assert not marker.exists()


def test_a_pull_request_changing_a_released_commit_is_refused(repo, tmp_path):
    """A variant: an existing, properly released entry has its commit replaced."""
    version = version_of(repo)
    released = git(repo, "rev-parse", "HEAD")
    line = record(repo, version, released)
    commit(repo, "Release")
    marker = tmp_path / "ran"
    git(repo, "checkout", "-q", "-b", "pr")
    a = hostile(repo, marker)
    path = repo / "sources/releases.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(released, a), encoding="utf-8")
    commit(repo, "C")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge pull request", "pr")
    refused(repo, line, version, a)
    assert not marker.exists()


def test_a_release_recorded_as_make_release_does_is_built(repo, tmp_path):
    """What a maintainer does: record the checked-out commit, then commit the record."""
    version = version_of(repo)
    head = git(repo, "rev-parse", "HEAD")
    record(repo, version, head)
    assert run_check(repo).returncode == 0          # not yet committed: it must name HEAD
    commit(repo, f"Release {version}")
    git(repo, "tag", "-a", f"v{version}", "-m", f"Version {version}", head)
    assert run_check(repo).returncode == 0
    # merged later through pull requests, the record stays valid
    git(repo, "checkout", "-q", "-b", "later")
    (repo / "docs/later.md").write_text("# Later\n", encoding="utf-8")
    commit(repo, "later")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge", "later")
    assert run_check(repo).returncode == 0


def test_an_uncommitted_release_of_another_commit_is_refused(repo):
    first = git(repo, "rev-parse", "HEAD")
    (repo / "docs/later.md").write_text("# Later\n", encoding="utf-8")
    commit(repo, "later")
    line = record(repo, "9.9.9", first)
    refused(repo, line, "9.9.9", first)


@pytest.mark.parametrize("kind", ["lightweight", "elsewhere"])
def test_a_tag_that_does_not_mark_the_release_is_refused(repo, kind):
    version = version_of(repo)
    head = git(repo, "rev-parse", "HEAD")
    line = record(repo, version, head)
    commit(repo, "Release")
    if kind == "lightweight":
        git(repo, "tag", f"v{version}", head)
        what = "a lightweight tag"
    else:
        git(repo, "tag", "-a", f"v{version}", "-m", "x", "HEAD")
        what = "it names another commit"
    result = run_check(repo)
    assert f"sources/releases.yml:{line}: the tag v{version} does not mark commit {head[:12]} as released ({what}); " \
           "a release's tag is an annotated tag on the released commit; the maintainers must correct the tag or the " \
           "entry" in result.stdout.splitlines(), result.stdout


def test_a_shallow_clone_cannot_verify_and_refuses(repo, tmp_path):
    version = version_of(repo)
    record(repo, version, git(repo, "rev-parse", "HEAD"))
    commit(repo, "Release")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, env=ENV)
    result = run_check(clone)
    assert result.returncode == 1
    assert "sources/releases.yml:2: this clone's history is shallow, so it cannot be verified that each release is a " \
           "commit a maintainer released; fetch the whole history" in result.stdout, result.stdout


@pytest.mark.parametrize("field,value", [("commit", "|\n      {sha}\n"), ("version", "|\n      1.0.0\n")])
def test_a_value_with_a_trailing_newline_is_refused(repo, field, value):
    sha = git(repo, "rev-parse", "HEAD")
    entry = {"version": "1.0.0", "date": '"2026-12-03"', "commit": f'"{sha}"'}
    entry[field] = value.format(sha=sha).rstrip("\n")
    (repo / "sources/releases.yml").write_text(
        "releases:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in entry.items()) + "\n", encoding="utf-8")
    result = run_check(repo)
    assert result.returncode == 1
    assert any(line.startswith("sources/releases.yml:") and f"{field} " in line and "\\n" in line
               for line in result.stdout.splitlines()), result.stdout


# -- Today's code checks every archived page -----------------------------------------------

PAGE = ('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="script-src *">'
        '<link rel="stylesheet" href="assets/stylesheets/main.0123abcd.min.css"></head><body>{body}'
        '<script src="assets/javascripts/bundle.0123abcd.min.js"></script></body></html>')


@pytest.mark.parametrize("body,what", [
    ("<script>alert(1)</script>", "an inline script"),
    ('<img src="x" onerror="alert(1)">', "an event-handler attribute"),
    ('<a href="javascript:alert(1)">x</a>', "a script URL"),
    ('<script src="https://example.org/x.js"></script>', "<script> loads 'https://example.org/x.js'"),
    ('<script src="assets/evil.js"></script>', "<script> loads 'assets/evil.js'"),
    ('<script src="../../../evil.js"></script>', "<script> loads '../../../evil.js'"),
    ('<link rel="stylesheet" href="//example.org/x.css">', "<link> loads '//example.org/x.css'"),
    ('<iframe src="x.html"></iframe>', "<iframe>"),
])
def test_an_archived_page_with_code_the_edition_does_not_write_is_refused(tmp_path, body, what):
    (tmp_path / "index.html").write_text(PAGE.format(body=body), encoding="utf-8")
    found = guard(tmp_path, Release("1.0.0", "2026-12-03", "0" * 40))
    assert any(line.startswith("versions/1.0.0/index.html: ") and what in line for line in found), found


def test_an_archived_script_file_of_another_name_is_refused_and_every_page_gets_todays_policy(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/evil.js").write_text("alert(1)", encoding="utf-8")
    (tmp_path / "index.html").write_text(PAGE.format(body="<p>ok</p>"), encoding="utf-8")
    found = guard(tmp_path, Release("1.0.0", "2026-12-03", "0" * 40))
    assert found == ["versions/1.0.0/assets/evil.js: a script file the edition does not write"]
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "script-src *" not in html and html.count("Content-Security-Policy") == 1
    assert "script-src 'self';" in html


def test_a_released_commit_whose_build_holds_another_script_is_not_published(repo, tmp_path):
    """End to end: the released commit ships a script file of its own; `versions` refuses it."""
    evil = repo / "docs/assets/javascripts/evil.js"
    evil.parent.mkdir(parents=True, exist_ok=True)
    evil.write_text("alert(1)\n", encoding="utf-8")
    head = commit(repo, "a script")
    record(repo, version_of(repo), head)
    commit(repo, "Release")
    site = tmp_path / "site"
    site.mkdir()
    result = versions(repo, site)
    assert result.returncode == 1
    assert f"versions/{version_of(repo)}/assets/javascripts/evil.js: a script file the edition does not write; " \
           "nothing of this release is published" in result.stdout + result.stderr
    assert not (site / "versions" / version_of(repo)).exists()


# -- make release ---------------------------------------------------------------------------

def make_release(project, version) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", "release", f"VERSION={version}", "VENV_OK=", f"BIN={Path(sys.executable).parent}"],
                          cwd=project, capture_output=True, text=True, timeout=HANG_GUARD, env={**ENV, "HOME": str(project)})


def next_version(project) -> str:
    """One above the edition's version and every recorded release: the test names none."""
    texts = [version_of(project)] + re.findall(r"version: (\S+)", (project / "sources/releases.yml").read_text(
        encoding="utf-8") if (project / "sources/releases.yml").exists() else "")
    top = max(tuple(int(x) for x in v.strip('"').split(".")) for v in texts)
    return ".".join(map(str, (*top[:-1], top[-1] + 1)))


def test_make_release_refuses_what_is_not_ready_then_releases(repo, tmp_path):
    shutil.copy2(ROOT / "Makefile", repo / "Makefile")
    commit(repo, "Makefile", "--allow-empty")   # the checkout's own Makefile may be the same
    version = next_version(repo)
    log = repo / "docs/changelog.md"
    # a changelog that says nothing of the version, not even under `## Unreleased`
    original = log.read_text(encoding="utf-8")
    log.write_text(re.sub(r"^## Unreleased.*?(?=^## )", "", original, flags=re.M | re.S), encoding="utf-8")
    commit(repo, "No unreleased changes", "--allow-empty")   # just after a release, there is none already
    result = make_release(repo, version)
    assert result.returncode != 0
    assert f"make release: version {version} is not released, because:\n  - docs/changelog.md has no section for " \
           f"{version}; add one (## {version}) that says what this version changes for readers, or write it under " \
           f"`## Unreleased`, which make release then names {version}; commit it, and run make release again" \
           in result.stdout, result.stdout
    # what the version changes, written under `## Unreleased`, as editors do between releases
    body = "\nWhat it brings.\n\n"
    log.write_text(re.sub(r"(?m)^(?=## )", "## Unreleased {#unreleased}\n" + body, log.read_text(encoding="utf-8"),
                          count=1), encoding="utf-8")
    result = make_release(repo, version)
    assert "there are changes that are not committed" in result.stdout, result.stdout
    commit(repo, "Changelog")
    assert "is not a version number X.Y.Z" in make_release(repo, version + ".x").stdout
    result = make_release(repo, version)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"make release: done. Publish it with: git push origin main v{version}" in result.stdout
    released = git(repo, "rev-parse", f"v{version}^{{commit}}")
    assert git(repo, "rev-parse", "HEAD^") == released
    assert git(repo, "cat-file", "-t", f"v{version}") == "tag"
    assert f"version: {version}" in git(repo, "show", f"{released}:sources/edition.yml")
    # the release names the Unreleased section: the newest section of the changelog is the version's
    released_log = git(repo, "show", f"{released}:docs/changelog.md")
    assert "## Unreleased" not in released_log
    assert re.search(rf"^## {re.escape(version)} \(\d{{4}}-\d\d-\d\d\) \{{#v{re.escape(version)}\}}\n\nWhat it brings\.",
                     released_log, re.M), released_log
    assert run_check(repo).returncode == 0
    assert f"version {version} is released already" in make_release(repo, version).stdout
    site = tmp_path / "site"
    site.mkdir()
    built = versions(repo, site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert f"versions/{version}/: built from {released[:12]}" in built.stdout
    assert (site / "versions" / version / "index.html").is_file()
    # The next release: its own code checks the releases it records (the one above) as it builds,
    # from a tree extracted inside this checkout (.versions-cache), which must not read as one.
    after = next_version(repo)
    log.write_text(re.sub(r"(?m)^(?=## )", "## Unreleased {#unreleased}\n\nWhat comes next.\n\n",
                          log.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    commit(repo, "Changelog")
    assert make_release(repo, after).returncode == 0
    built = versions(repo, site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (site / "versions" / after / "index.html").is_file() and (site / "versions" / version / "index.html").is_file()
