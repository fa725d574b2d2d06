"""What editors point the edition at: the repository and branch in sources/edition.yml, the
site's address in EDITION_SITE_URL, and the links and markup of a note. Each bad form is a
`path:line: what is wrong; hint` (or, for the variable, `EDITION_SITE_URL: what; hint`),
never a traceback, and nothing an editor wrote in a note is dropped from the page in silence."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HANG_GUARD, ROOT, error_lines, make_project, run_build, run_check
from edition import EditionError, load_edition
from edition.adapter import site_url_problem

EDITION = "sources/edition.yml"
ZZ = "sources/annotations/zz.yml"
GOOD_REPO = "https://github.com/china-kazakhstan-edition/edition"


@pytest.fixture(scope="module")
def copied(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("pointers") / "project")


@pytest.fixture
def shared(copied) -> Path:
    """One copy of the real project for all the tests that change edition.yml or add sources/annotations/zz.yml,
    set back before each of them."""
    (copied / EDITION).write_text((ROOT / EDITION).read_text(encoding="utf-8"), encoding="utf-8")
    (copied / ZZ).unlink(missing_ok=True)
    return copied


def problems(project: Path) -> list[str]:
    """`make check`'s problems, from the core in this process (tests/test_nothing_silent.py does the same)."""
    try:
        load_edition(project)
    except EditionError as exc:
        return exc.problems.lines()
    return []


# ---------------------------------------------------------------------------------------------
# sources/edition.yml: repo and branch
# ---------------------------------------------------------------------------------------------

ORIGINAL = (ROOT / EDITION).read_text(encoding="utf-8")
REPO_LINE = next(i for i, line in enumerate(ORIGINAL.splitlines(), 1) if line.startswith("repo:"))


def edition_yml(project: Path, repo: str = GOOD_REPO, branch: str | None = None) -> None:
    """The real edition.yml with another repo (at REPO_LINE) and, on the line after it, a branch."""
    text = ORIGINAL.replace(f"repo: {GOOD_REPO}\n", f"repo: {json.dumps(repo)}\n"
                            + (f"branch: {json.dumps(branch)}\n" if branch is not None else ""))
    assert text != ORIGINAL or repo == GOOD_REPO
    (project / EDITION).write_text(text, encoding="utf-8")


REPO_HINT = ("the edition's workflows run on GitHub: write it as https://github.com/<owner>/<name>, such as "
             "https://github.com/china-kazakhstan-edition/edition")
BAD_REPOS = [
    ("query", "https://github.com/o/r?tab=readme", "it has a query ('?…')"),
    ("empty query", "https://github.com/o/r?", "it has a query ('?…')"),
    ("fragment", "https://github.com/o/r#readme", "it has a fragment ('#…')"),
    ("other host", "https://example.org/o/r", "it is on 'example.org' instead of github.com"),
    ("gitlab", "https://gitlab.com/o/r", "it is on 'gitlab.com' instead of github.com"),
    ("www", "https://www.github.com/o/r", "it is on 'www.github.com' instead of github.com"),
    ("port", "https://github.com:443/o/r", "it is on 'github.com:443' instead of github.com"),
    ("http", "http://github.com/o/r", "it uses http:// instead of https://"),
    ("ssh", "ssh://github.com/o/r", "it uses ssh:// instead of https://"),
    ("scp-like", "git@github.com:o/r.git", "it does not start with https://"),
    ("no scheme", "github.com/o/r", "it does not start with https://"),
    ("extra path", "https://github.com/o/r/tree/main", "it has more path than /<owner>/<name> ('/o/r/tree/main')"),
    ("two trailing slashes", "https://github.com/o/r//", "it has more path than /<owner>/<name> ('/o/r//')"),
    ("owner only", "https://github.com/o", "it does not name a repository as /<owner>/<name>"),
    ("no path", "https://github.com", "it does not name a repository as /<owner>/<name>"),
    ("bad owner", "https://github.com/-o/r", "it names the owner '-o', which is not a GitHub account name"),
    ("owner with a double hyphen", "https://github.com/a--b/r",
     "it names the owner 'a--b', which is not a GitHub account name"),
    ("bad name", "https://github.com/o/r%20x", "it names the repository 'r%20x', which is not a GitHub repository name"),
    ("clone address", "https://github.com/o/r.git", "it ends in '.git', as the address to clone a repository does"),
    ("gitlab over http with a query", "http://gitlab.com/o/r?x=1",
     "it uses http:// instead of https://, is on 'gitlab.com' instead of github.com and has a query ('?…')"),
]


@pytest.mark.parametrize("what, repo, fault", BAD_REPOS, ids=[b[0] for b in BAD_REPOS])
def test_a_repo_that_is_not_a_github_repository_address_is_refused_at_its_line(shared, what, repo, fault):
    edition_yml(shared, repo)
    assert problems(shared) == [f"{EDITION}:{REPO_LINE}: field 'repo' {repo!r} is not the address of a GitHub "
                                f"repository: {fault}; {REPO_HINT}"]


@pytest.mark.parametrize("repo", ["https://user:s3cret@github.com/o/r", "https://s3cret@github.com/o/r"])
def test_a_repo_with_credentials_is_refused_and_the_credentials_are_not_printed(shared, repo):
    edition_yml(shared, repo)
    assert problems(shared) == [f"{EDITION}:{REPO_LINE}: field 'repo' 'https://…@github.com/o/r' is not the address "
                                f"of a GitHub repository: it holds a user name or password ('…@'); {REPO_HINT}"]


@pytest.mark.parametrize("repo", [GOOD_REPO, GOOD_REPO + "/", "https://github.com/A-b9/my_repo.v2"])
def test_a_github_repository_address_is_accepted_with_or_without_one_trailing_slash(shared, repo):
    edition_yml(shared, repo)
    assert problems(shared) == []


BRANCH_HINT = ("a branch name is letters, digits and . _ - / @ + in parts joined by single slashes, as git "
               "check-ref-format allows, such as main or release/0.2")
BAD_BRANCHES = [
    ("a..b", "it contains '..'"),
    ("-main", "it starts with '-'"),
    ("main@{1}", "it holds '{', '}' and contains '@{'"),
    ("main.lock", "it ends with '.lock'"),
    ("a.lock/b", "it has a part that ends with '.lock'"),
    ("main/", "it ends with '/'"),
    ("a//b", "it contains '//'"),
    ("/main", "it starts with '/'"),
    (".main", "it has a part that starts with '.'"),
    ("a/.b", "it has a part that starts with '.'"),
    ("main.", "it ends with '.'"),
    ("@", "it is '@', which git reserves"),
    ("HEAD", "it is 'HEAD', which git reserves"),
    ("my branch", "it holds ' '"),
    ("a~1", "it holds '~'"),
    ("a^", "it holds '^'"),
    ("a:b", "it holds ':'"),
    ("a?*[", "it holds '*', '?', '['"),
    ("a\\b", "it holds '\\\\'"),
    ("x" * 101, "it is longer than 100 characters"),
    ("-a..b/", "it starts with '-', ends with '/' and contains '..'"),
]


@pytest.mark.parametrize("branch, fault", BAD_BRANCHES, ids=[b[0][:20] for b in BAD_BRANCHES])
def test_a_branch_git_would_refuse_is_refused_at_its_line(shared, branch, fault):
    edition_yml(shared, branch=branch)
    assert problems(shared) == [f"{EDITION}:{REPO_LINE + 1}: field 'branch' {branch!r} is not a valid branch name: "
                                f"{fault}; {BRANCH_HINT}"]


@pytest.mark.parametrize("branch", ["main", "release/0.2", "feature+x@y", "v1.2_rc-3"])
def test_a_valid_branch_is_accepted(shared, branch):
    edition_yml(shared, branch=branch)
    assert problems(shared) == []


def test_make_check_prints_the_repo_problem_and_fails(project):
    edition_yml(project, "https://gitlab.com/o/r")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{EDITION}:{REPO_LINE}: field 'repo' 'https://gitlab.com/o/r' is not the "
                                          f"address of a GitHub repository: it is on 'gitlab.com' instead of "
                                          f"github.com; {REPO_HINT}"]


# ---------------------------------------------------------------------------------------------
# EDITION_SITE_URL
# ---------------------------------------------------------------------------------------------

SITE_HINT = "set it to the full address the site is published at, such as https://owner.github.io/edition/, or unset it"
BAD_SITE_URLS = [
    ("javascript", "javascript:alert(1)", "is not an http(s) address of the site"),
    ("relative", "/edition/", "is not an http(s) address of the site"),
    ("no scheme", "owner.github.io/edition/", "is not an http(s) address of the site"),
    ("ftp", "ftp://example.org/edition/", "is not an http(s) address of the site"),
    ("no slashes", "https:example.org/edition/", "is not an http(s) address of the site"),
    ("query", "https://example.org/edition/?utm=1", "has a query ('?…'), which the site's address may not have"),
    ("fragment", "https://example.org/edition/#top", "has a fragment ('#…'), which the site's address may not have"),
    ("space", "https://example.org/my edition/",
     "is not a plain http(s) address: a host name, then a path of letters, digits and - . _ ~ % / …"),
    ("quote", 'https://example.org/"onload="x/',
     "is not a plain http(s) address: a host name, then a path of letters, digits and - . _ ~ % / …"),
]


@pytest.mark.parametrize("what, value, fault", BAD_SITE_URLS, ids=[b[0] for b in BAD_SITE_URLS])
def test_a_bad_site_url_is_named_with_the_variable(what, value, fault):
    assert site_url_problem({"EDITION_SITE_URL": value}) == f"EDITION_SITE_URL: {value!r} {fault}; {SITE_HINT}"


def test_a_site_url_with_credentials_is_refused_without_printing_them():
    assert site_url_problem({"EDITION_SITE_URL": "https://user:s3cret@example.org/"}) == (
        "EDITION_SITE_URL: 'https://…@example.org/' holds a user name or password ('…@'), which the site's address "
        f"may not hold; {SITE_HINT}")


@pytest.mark.parametrize("value", ["https://china-kazakhstan-edition.github.io/edition/", "http://127.0.0.1:8000/",
                                   "https://example.org", "https://example.org/versions/0.2.0/", ""])
def test_a_good_or_unset_site_url_passes(value):
    assert site_url_problem({"EDITION_SITE_URL": value}) is None
    assert site_url_problem({}) is None


def _edition(project: Path, *args: str, site_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "EDITION_SITE_URL": site_url}
    return subprocess.run([sys.executable, "-m", "edition", *args, "--root", str(project)], capture_output=True,
                          text=True, env=env, timeout=HANG_GUARD)


@pytest.mark.parametrize("value", ["javascript:alert(1)", "ftp://example.org/edition/"])
def test_generate_stops_before_writing_anything(project, tmp_path, value):
    out = tmp_path / "out"
    result = _edition(project, "generate", str(out), site_url=value)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"EDITION_SITE_URL: {value!r} is not an http(s) address of the site; "
                                          f"{SITE_HINT}"]
    assert not out.exists()


def test_versions_stops_with_the_problem_not_a_traceback(project, tmp_path):
    result = _edition(project, "versions", "--site", str(tmp_path / "site"), site_url="https://example.org/?a=1")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["EDITION_SITE_URL: 'https://example.org/?a=1' has a query ('?…'), which "
                                          f"the site's address may not have; {SITE_HINT}"]


@pytest.mark.parametrize("value, fault", [
    ("ftp://example.org/edition/", "is not an http(s) address of the site"),
    ("https://example.org/edition/?a=1", "has a query ('?…'), which the site's address may not have"),
])
def test_the_mkdocs_build_stops_before_building(project, monkeypatch, value, fault):
    monkeypatch.setenv("EDITION_SITE_URL", value)
    result = run_build(project)
    assert result.returncode == 1
    assert error_lines(result) == [f"EDITION_SITE_URL: {value!r} {fault}; {SITE_HINT}",
                                   "EDITION_SITE_URL is not the site's address; nothing was built."]
    assert not (project / "site").exists()


def test_mkdocs_itself_refuses_a_site_url_without_a_host_before_any_hook_runs(project, monkeypatch):
    # MkDocs validates site_url (scheme and host) while it reads mkdocs.yml, before the hook is
    # called: its own message names site_url, and nothing is built.
    monkeypatch.setenv("EDITION_SITE_URL", "javascript:alert(1)")
    result = run_build(project)
    assert result.returncode == 1
    assert "Config value 'site_url'" in result.stdout + result.stderr
    assert not (project / "site").exists()


# ---------------------------------------------------------------------------------------------
# Notes: reference-style links and markup the page would drop
# ---------------------------------------------------------------------------------------------

ANNOTATION = """\
id: zz
title: A test annotation
relation: agree
topics: [arkankergen]
passages:
  - source: ramani-2015
    quote: "The mysterious deaths of 15 border guards"
  - source: harrison-2015
    quote: "when 15 border guards were found dead"
note: {note}
"""
NOTE_LINE = 10
TAG_HINT = ("delete it, or write it otherwise: a note shows paragraphs, *emphasis*, **strong**, `code` and "
            "[links](https://…), and of HTML only a, abbr, b, br, cite, code, em, i, q, span, strong, sub, sup")


def block(*lines: str) -> str:
    """A note written as a YAML literal block: its first line is NOTE_LINE + 1."""
    return "|\n" + "".join(f"  {line}\n" if line else "\n" for line in lines)


NOTES = [
    ("reference-style link",
     block("Both count 15 dead.", "So does [the report][r], later.", "", "[r]: https://example.org/report"),
     [f'{ZZ}:12: the reference-style link "[the report][r]" is not allowed in a note; write it inline, as '
      '[the report](https://example.org/report), and delete "[r]: https://example.org/report"']),
    ("shortcut reference",
     block("Both count 15 dead, as [Reuters] reported.", "", "[reuters]: https://example.org/"),
     [f'{ZZ}:11: the reference-style link "[Reuters]" is not allowed in a note; write it inline, as '
      '[Reuters](https://example.org/), and delete "[reuters]: https://example.org/"']),
    ("collapsed reference",
     block("Both count 15 dead, as [Reuters][] reported.", "", "[Reuters]: https://example.org/"),
     [f'{ZZ}:11: the reference-style link "[Reuters][]" is not allowed in a note; write it inline, as '
      '[Reuters](https://example.org/), and delete "[reuters]: https://example.org/"']),
    ("reference to a script address",
     block("Both count 15 dead ([see][x]).", "", "[x]: javascript:alert(1)"),
     [f'{ZZ}:11: the reference-style link "[see][x]" is not allowed in a note; write it inline, as '
      '[see](javascript:alert(1)), and delete "[x]: javascript:alert(1)"']),
    ("unused link definition",
     block("Both count 15 dead.", "", "[r]: https://example.org/"),
     [f'{ZZ}:13: the link definition "[r]: https://example.org/" is used by no link, and the page would drop it; '
      "write the link inline, as [text](https://example.org/), or delete it"]),
    ("raw script",
     block("Both count 15 dead.", "<script>alert(1)</script>"),
     [f"{ZZ}:12: the note holds the HTML tag <script>, which the page would drop; {TAG_HINT}"]),
    ("raw img with onerror",
     block("Both count 15 dead.", "", "See <img src=x onerror=alert(1)> here."),
     [f"{ZZ}:13: the note holds the HTML tag <img>, which the page would drop; {TAG_HINT}"]),
    ("raw div",
     block("Both count 15 dead.", "", "<div>A block of its own.</div>"),
     [f"{ZZ}:13: the note holds the HTML tag <div>, which the page would drop; {TAG_HINT}"]),
    ("two divs, one problem at the first",
     block("<div>a</div>", "<div>b</div>"),
     [f"{ZZ}:11: the note holds the HTML tag <div>, which the page would drop; {TAG_HINT}"]),
    ("raw div on the note's own line", "Both count 15 dead. <div>x</div>",
     [f"{ZZ}:10: the note holds the HTML tag <div>, which the page would drop; {TAG_HINT}"]),
    ("an attribute an allowed tag may not have",
     block("Both count", 'the <span lang="fa" style="color:red">dead</span>.'),
     [f"{ZZ}:12: the note's <span> has the attribute 'style', which the page would drop; delete it; <span> may "
      "have dir, lang"]),
    ("an event handler on a link",
     block('See <a href="https://example.org/" onclick="alert(1)">this</a>.'),
     [f"{ZZ}:11: the note's <a> has the attribute 'onclick', which the page would drop; delete it; <a> may have "
      "href, title"]),
    ("an HTML comment",
     block("Both count 15 dead.", "<!-- check this again -->"),
     [f"{ZZ}:12: the note holds an HTML comment, which the page would drop; {TAG_HINT}"]),
    ("a Markdown list, at the note's line",
     block("Both count 15 dead:", "", "- Ramani", "- Harrison"),
     [f"{ZZ}:10: the note holds a list, which the page would drop; {TAG_HINT}"]),
    ("a Markdown image, at the note's line",
     block("Both count 15 dead. ![a chart](https://example.org/chart.png)"),
     [f"{ZZ}:10: the note holds an image, which the page would drop; {TAG_HINT}"]),
]


@pytest.mark.parametrize("what, note, expected", NOTES, ids=[n[0] for n in NOTES])
def test_a_note_with_what_the_page_would_drop_is_refused_at_its_line(shared, what, note, expected):
    (shared / ZZ).write_text(ANNOTATION.format(note=note), encoding="utf-8")
    assert problems(shared) == expected


@pytest.mark.parametrize("note", [
    block("Both count 15 dead; see [the report](https://example.org/report)."),
    block('Both count <span lang="fa" dir="rtl">پانزده</span> dead (<abbr title="border guards">BG</abbr>).'),
    block("The received text has underline tags (`<u>…</u>`), and `[x][y]` is code."),
    block("One paragraph.", "", "Another, with *emphasis*, **strong** and <q lang=\"en\">a quotation</q>."),
])
def test_a_note_the_page_shows_as_written_is_accepted(shared, note):
    (shared / ZZ).write_text(ANNOTATION.format(note=note), encoding="utf-8")
    assert problems(shared) == []


def test_make_check_reports_a_note_problem_and_fails(project):
    (project / ZZ).write_text(ANNOTATION.format(note=block("Both count.", "<div>x</div>")), encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{ZZ}:12: the note holds the HTML tag <div>, which the page would drop; "
                                          f"{TAG_HINT}"]


def test_the_relation_procedure_is_checked_too(project):
    path = project / "sources/relations.yml"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x.startswith("procedure: |"))
    path.write_text(text.replace("procedure: |\n", "procedure: |\n  <div>First.</div>\n\n", 1), encoding="utf-8")
    assert problems(project) == [
        f"sources/relations.yml:{line + 1}: the procedure holds the HTML tag <div>, which the page would drop; delete "
        "it, or write it otherwise: a procedure shows paragraphs, *emphasis*, **strong**, `code` and "
        "[links](https://…), and of HTML only a, abbr, b, br, cite, code, em, i, li, ol, q, span, strong, sub, sup, ul"]


def test_the_real_sources_pass():
    assert run_check(ROOT).stdout.rstrip().endswith("no problems.")
