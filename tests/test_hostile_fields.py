"""Every field of every file in sources/, against every hostile payload.

Each field (each key path of each kind of file, list items included, and the optional fields
the real files leave out) is given each payload in turn, in memory, and the edition loaded:
either `make check` refuses it, with a `path:line` problem in that file and no traceback, or it
accepts it. Then, per payload, every field that accepts it gets it at once, on disk, and the
site is built: no page may hold code the build did not write, and every export must stay
well-formed with the payload as text.
"""
from __future__ import annotations

import copy
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_project, run_build
from edition import EditionError, Problems, load_edition
from edition import annotations as annotations_mod
from edition import comparison as comparison_mod
from edition import edition as edition_mod
from edition import indices as indices_mod
from edition import registry as registry_mod
from edition import releases as releases_mod
from edition import sources as sources_mod
from edition import yamlio
from edition.csp import live_code
from test_schemas import plain

INJECTIONS = {
    "script": "<script>alert(101)</script>",
    "breakout": "</script><script>alert(102)</script>",
    "attribute-double": '" onmouseover="alert(103)" x="',
    "attribute-single": "' onmouseover='alert(104)' x='",
    "javascript-url": "javascript:alert(105)",
    "markup": "<img src=x onerror=alert(106)> [x](javascript:alert(107)) *a* `b` {: onclick=alert(108) }",
}
# Refused in every field, each at its own line.
REFUSED = {
    "bidi-override": "Kazakh\u202etsan",
    "control-characters": "a\x1b[2J\x07b",
    "very-long": "x" * 20_000,
}
WRONG_TYPE = {"a": ["mapping", "where a value was expected"]}

# Optional fields the real files leave out: (kind, path of the mapping, field).
ABSENT = [
    ("annotations", ("passages", 0), "prefix"), ("annotations", ("passages", 0), "suffix"),
    ("sources/edition.yml", (), "branch"), ("sources/edition.yml", (), "nav_texts_max"),
    ("anchors", ("anchors", 0), "removed"), ("anchors", ("anchors", 0), "see"),
    ("indices/timeline.yml", ("events", 0), "when"), ("texts", (), "conversion"),
    ("indices/timeline.yml", ("events", 0, "mentions", 0), "prefix"),
]


def kind_of(rel: str) -> str:
    parts = rel.split("/")
    if parts[1] == "indices":
        return "indices/" + parts[2]
    return parts[1] if len(parts) > 2 else rel


def files() -> dict[str, object]:
    out = {}
    for path in sorted((ROOT / "sources").rglob("*.yml")):
        rel = path.relative_to(ROOT).as_posix()
        out[rel] = yamlio.load_yaml(path, rel, Problems())
    return out


ORIGINAL = files()


def leaves(data, path=()):
    """(path, line) of every scalar, list items included."""
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, (dict, list)):
                yield from leaves(v, path + (k,))
            else:
                yield path + (k,), data.line_of(k)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            if isinstance(v, (dict, list)):
                yield from leaves(v, path + (i,))
            else:
                yield path + (i,), data.line_of(i)


def pattern(path) -> tuple:
    return tuple("*" if isinstance(p, int) else p for p in path)


def fields() -> list[tuple[str, tuple]]:
    """Every (kind of file, field pattern), and each absent optional field."""
    seen = {}
    for rel, data in ORIGINAL.items():
        for path, _ in leaves(data):
            seen.setdefault((kind_of(rel), pattern(path)), None)
    for kind, at, name in ABSENT:
        if (kind, pattern(at + (name,))) not in seen:
            seen.setdefault((kind, pattern(at + (name,)) + ("+",)), None)
    return list(seen)


FIELDS = fields()


def _get(data, path):
    for p in path:
        data = data[p]
    return data


def mutations(field, payload) -> dict[str, tuple[object, list[int]]]:
    """For one field: each file of its kind with the payload put into every matching leaf
    (in a copy that keeps its lines), and the lines of those leaves."""
    kind, pat = field
    out = {}
    for rel, data in ORIGINAL.items():
        if kind_of(rel) != kind:
            continue
        data = copy.deepcopy(data)
        lines = []
        if pat[-1] == "+":                                  # an absent optional field
            at, name = next((a, n) for k, a, n in ABSENT if k == kind and pattern(a + (n,)) + ("+",) == pat)
            try:
                container = _get(data, at)
            except (KeyError, IndexError, TypeError):
                continue
            if name in container:
                continue
            container[name] = copy.deepcopy(payload)
            container.key_lines[name] = container.line
            lines.append(container.line)
        else:
            for path, line in list(leaves(data)):
                if pattern(path) == pat:
                    _get(data, path[:-1])[path[-1]] = copy.deepcopy(payload)
                    lines.append(line)
        if lines:
            out[rel] = (data, lines)
    return out


def loader(monkeypatch):
    """A function that loads the edition with some files replaced by mutated copies (same
    lines): it returns the problems, or None when the edition loads."""
    real = yamlio.load_yaml
    state: dict = {}

    def fake(path, rel, problems):
        if rel in state:
            data = copy.deepcopy(state[rel])
            yamlio.check_strings(data, rel, problems)
            return data
        return real(path, rel, problems)

    # every module of the core that reads YAML (a new one is patched without being listed)
    readers = {m for name, m in sys.modules.items() if name.startswith("edition.") and getattr(m, "load_yaml", None) is real}
    assert {edition_mod, sources_mod, registry_mod, annotations_mod, indices_mod, comparison_mod, releases_mod} <= readers
    for mod in readers:
        monkeypatch.setattr(mod, "load_yaml", fake)
    # What git holds as published does not change between the mutations (they are in memory):
    # read it once, not at each of the hundreds of loads (two fifths of a load's time).
    real_published, memo = edition_mod.load_published, {}

    def published(root, ids, branch, releases):
        key = (str(root), tuple(ids), branch, tuple(map(tuple, releases)))
        if key not in memo:
            memo[key] = real_published(root, ids, branch, releases)
        return memo[key]
    monkeypatch.setattr(edition_mod, "load_published", published)

    def load(changed: dict) -> list[str] | None:
        state.clear()
        state.update({rel: data for rel, (data, _) in changed.items()})
        try:
            load_edition(ROOT)
        except EditionError as exc:
            return exc.problems.lines()
        return None
    return load


@pytest.fixture
def in_memory(monkeypatch):
    return loader(monkeypatch)


def refused_where(lines: list[str], changed: dict) -> bool:
    """Whether some problem names a changed file at a line (not the whole file)."""
    return any(re.match(rf"{re.escape(rel)}:[1-9]\d*: ", line) for line in lines for rel in changed)


ACCEPTED: dict[str, list] = {}


@pytest.mark.parametrize("name", list(INJECTIONS))
def test_each_field_refuses_an_injection_at_its_line_or_accepts_it(in_memory, name):
    accepted = []
    for field in FIELDS:
        changed = mutations(field, INJECTIONS[name])
        if not changed:
            continue
        problems = in_memory(changed)
        if problems is None:
            accepted.append(field)
        else:
            assert refused_where(problems, changed), (field, problems[:3])
    ACCEPTED[name] = accepted
    # free-text fields take any text (a note refuses a link that is not a full address)
    assert {("annotations", ("title",)), ("texts", ("title",)), ("sources/topics.yml", (
        "topics", "*", "label")), ("indices/names.yml", ("names", "*", "label"))} <= set(accepted)


@pytest.mark.parametrize("name", list(REFUSED))
def test_every_field_refuses_invisible_controls_and_overlong_values_each_at_its_line(in_memory, name):
    # All the fields of one kind of file at once: each file reports every value it holds.
    for kind in sorted({k for k, _ in FIELDS}):
        changed = {}
        for field in (f for f in FIELDS if f[0] == kind):
            for rel, (data, lines) in mutations(field, REFUSED[name]).items():
                base, have = changed.get(rel, (copy.deepcopy(ORIGINAL[rel]), []))
                for path, _ in list(leaves(data)):
                    if _get(data, path) == REFUSED[name]:
                        _get(base, path[:-1])[path[-1]] = REFUSED[name]
                changed[rel] = (base, sorted(set(have + lines)))
        problems = in_memory(changed) or []
        want = "holds the invisible character" if name != "very-long" else "characters is longer than the"
        for rel, (_, lines) in changed.items():
            for line in lines:
                assert any(p.startswith(f"{rel}:{line}: ") and want in p for p in problems), (rel, line)
        assert not any("\x1b" in p or "\u202e" in p for p in problems)


@pytest.mark.parametrize("field", FIELDS, ids=["/".join(map(str, (k,) + p)) for k, p in FIELDS])
def test_a_wrong_type_in_any_field_is_a_problem_not_a_traceback(in_memory, field):
    changed = mutations(field, WRONG_TYPE)
    assert changed
    problems = in_memory(changed)
    assert problems is not None and refused_where(problems, changed), problems


def hostile_project(tmp_path, payload_of) -> Path:
    """A copy of the project in which every accepting field holds a payload (``payload_of``
    gives the payload of each field)."""
    project = make_project(tmp_path / "project")
    merged: dict[str, object] = {}
    for field in FIELDS:
        payload = payload_of(field)
        if payload is None:
            continue
        for rel, (data, _) in mutations(field, payload).items():
            base = merged.setdefault(rel, copy.deepcopy(ORIGINAL[rel]))
            for path, _ in leaves(data):
                if _get(data, path) == payload:
                    _get(base, path[:-1])[path[-1]] = payload
            if field[1][-1] == "+":
                kind, at, name = next(a for a in ABSENT if a[0] == field[0] and pattern(a[1] + (a[2],)) + ("+",)
                                      == field[1])
                try:
                    _get(base, at)[name] = payload
                except (KeyError, IndexError, TypeError):
                    pass
    for rel, data in merged.items():
        (project / rel).write_text(yaml.safe_dump(plain(data), allow_unicode=True, sort_keys=False, width=10_000),
                                   encoding="utf-8")
    return project


def check_site(site: Path, marker: str) -> None:
    """No page holds code the build did not write, and every export parses, with the payload
    in it as text (``marker`` is a piece of the payload that must be found)."""
    reached = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".json", ".jsonld", ".xml", ".bib", ".ris", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        reached += marker in text
        if path.suffix == ".html":
            assert live_code(text) == [], rel
            for data in re.findall(r'<script[^>]*type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', text, re.S):
                json.loads(data)
        elif path.suffix in (".json", ".jsonld"):
            json.loads(text)
        elif path.suffix == ".xml" and not rel.startswith("sitemap"):
            root = ET.fromstring(text.encode("utf-8"))
            assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "img", "a")], rel
        elif path.suffix == ".bib":
            assert text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}"), rel
        elif path.suffix == ".ris":
            assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in text.splitlines()), rel
    assert reached >= 5, f"the payload reached only {reached} files"


@pytest.mark.parametrize("name", list(INJECTIONS))
def test_a_site_with_an_injection_in_every_field_that_takes_it_is_inert(tmp_path, in_memory, name):
    if name not in ACCEPTED:
        test_each_field_refuses_an_injection_at_its_line_or_accepts_it(in_memory, name)
    accepted = set(ACCEPTED[name])
    project = hostile_project(tmp_path, lambda f: INJECTIONS[name] if f in accepted else None)
    result = run_build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    check_site(project / "site", re.search(r"alert\(\d+\)|javascript", INJECTIONS[name]).group())
