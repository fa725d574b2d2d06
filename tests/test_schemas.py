"""The JSON Schemas in schemas/ (what editors' tools use to check a file as it is typed)
describe what the core accepts: the same fields, the same required ones, the same ids and
vocabularies. Every YAML file under sources/ validates against its schema and names it on
its first line, and the schema and `make check` agree on a table of good and bad documents."""
from __future__ import annotations

import json
import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from conftest import FIXTURES, ROOT
from edition import EditionError, load_edition
from edition import annotations as annotations_mod
from edition import comparison as comparison_mod
from edition import fields as fields_mod
from edition import indices as indices_mod
from edition import registry as registry_mod
from edition import sources as sources_mod
from edition.model import BLOCK_KINDS
from edition.problems import Problems
from edition.pages import pages
from edition.yamlio import load_yaml

SCHEMAS = ROOT / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
TEMPLATE = ROOT / "sources" / "annotations" / "TEMPLATE.yml.example"


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name), format_checker=FormatChecker())


def at(name: str, pointer: str) -> dict:
    """The subschema of schema ``name`` at a JSON pointer such as ``/$defs/passage``."""
    node = schema(name)
    for part in filter(None, pointer.split("/")):
        node = node[part]
    return node


def schema_for(path: Path) -> str | None:
    """The schema of a YAML file, from where it stands under a ``sources/`` folder."""
    parts = path.parts
    rest = parts[len(parts) - parts[::-1].index("sources"):]
    if len(rest) == 1:
        return {"edition.yml": "edition", "relations.yml": "relations", "topics.yml": "topics",
                "spellings.yml": "spellings", "comparison.yml": "comparison",
                "releases.yml": "releases", "retired.yml": "retired"}.get(rest[0])
    if rest[0] == "annotations" and path.suffix == ".yml":
        return "annotation"  # the core reads sources/annotations/ recursively
    if len(rest) == 2 and path.suffix == ".yml":
        return {"texts": "source", "anchors": "anchors"}.get(rest[0]) or (
            {"names.yml": "names", "timeline.yml": "timeline", "figures.yml": "figures"}.get(rest[1])
            if rest[0] == "indices" else None)
    return None


def load(path: Path):
    """A YAML file as the core reads it (dates stay strings)."""
    problems = Problems()
    data = load_yaml(path, str(path), problems)
    assert not problems, problems.lines()
    return data


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


SOURCE_FILES = yaml_files(ROOT / "sources")
FIXTURE_FILES = [p for d in sorted(FIXTURES.glob("*/sources")) for p in yaml_files(d)]
ALL_SCHEMAS = sorted(p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json"))


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# ---------------------------------------------------------------------------------------------
# The schemas themselves
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_each_schema_is_a_valid_draft_2020_12_schema(name):
    assert schema(name)["$schema"] == DRAFT
    Draft202012Validator.check_schema(schema(name))
    assert schema(name)["title"] and schema(name)["description"]


def _untitled(node, where: str = "") -> list[str]:
    """Every property (and every named definition) without a title or a description; the
    conditions of if/then/not restate properties described elsewhere."""
    out = []
    if isinstance(node, dict):
        for key in ("properties", "$defs"):
            for name, sub in node.get(key, {}).items():
                if not (isinstance(sub, dict) and sub.get("title") and sub.get("description")):
                    out.append(f"{where}/{key}/{name}")
        for key, sub in node.items():
            if key not in ("if", "then", "else", "not"):
                out += _untitled(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            out += _untitled(sub, f"{where}/{i}")
    return out


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_every_property_has_a_title_and_a_description(name):
    assert _untitled(schema(name)) == []


# The core's field specs, and where each is mirrored in a schema.
SPECS = [
    ("annotation", "", annotations_mod.ANNOTATION_FIELDS),
    ("annotation", "/$defs/passage", annotations_mod.PASSAGE_FIELDS),
    ("relations", "", {"relations": (list, True), "procedure": (str, False)}),
    ("relations", "/$defs/entry", annotations_mod.VOCAB_FIELDS),
    ("topics", "", {"topics": (list, True)}),
    ("topics", "/$defs/entry", annotations_mod.VOCAB_FIELDS),
    ("source", "", sources_mod.META_FIELDS),
    ("source", "/$defs/author", sources_mod.AUTHOR_FIELDS),
    ("source", "/$defs/witness", sources_mod.WITNESS_FIELDS),
    ("source", "/$defs/rule", sources_mod.RULE_FIELDS),
    ("source", "/$defs/emendation", sources_mod.EMENDATION_FIELDS),
    ("anchors", "", registry_mod.REGISTRY_FIELDS),
    ("anchors", "/$defs/entry", registry_mod.ENTRY_FIELDS),
    ("names", "", {"names": (list, True)}),
    ("names", "/$defs/entry", indices_mod.NAME_FIELDS),
    ("timeline", "", {"events": (list, True)}),
    ("timeline", "/$defs/entry", indices_mod.EVENT_FIELDS),
    ("timeline", "/$defs/mention", indices_mod.MENTION_FIELDS),
    ("figures", "", {"figures": (list, True)}),
    ("figures", "/$defs/entry", indices_mod.FIGURE_FIELDS),
    # A figure's value is optional for check_fields but then required by load_indices.
    ("figures", "/$defs/value", {**indices_mod.MENTION_FIELDS, "value": (str, True)}),
    ("comparison", "", {"rows": (list, True)}),
    ("comparison", "/$defs/row", comparison_mod.ROW_FIELDS),
]
JSON_TYPE = {str: "string", list: "array", dict: "object", int: "integer"}


def _types(name: str, sub: dict) -> set[str]:
    """The JSON types a property schema of ``name`` admits (type, enum, const, anyOf, $ref)."""
    if "$ref" in sub:
        sub = {**at(name, sub["$ref"].removeprefix("#")), **{k: v for k, v in sub.items() if k != "$ref"}}
    out = set()
    t = sub.get("type")
    out |= set([t] if isinstance(t, str) else t or [])
    for value in [*sub.get("enum", []), *([sub["const"]] if "const" in sub else [])]:
        out.add({str: "string", bool: "boolean", int: "integer", type(None): "null"}.get(type(value), "number"))
    for branch in sub.get("anyOf", []):
        out |= _types(name, branch)
    return out


@pytest.mark.parametrize("name, pointer, spec", SPECS, ids=[f"{n}{p or '/'}" for n, p, _ in SPECS])
def test_the_schema_has_exactly_the_fields_of_the_core(name, pointer, spec):
    sub = at(name, pointer)
    assert sub["type"] == "object" and sub["additionalProperties"] is False  # unknown fields are errors
    assert list(sub["properties"]) == list(spec)
    assert sorted(sub.get("required", [])) == sorted(k for k, (_, required) in spec.items() if required)
    for field, (typ, _) in spec.items():
        prop = sub["properties"][field]
        assert JSON_TYPE[typ] in _types(name, prop), (field, typ)
        # check_fields takes an empty value as a missing one: a required text may not be empty
        if typ is str and spec[field][1]:
            assert validator(name).evolve(schema={**schema(name), **prop}).is_valid("") is False, field


def test_ids_urls_dates_and_kinds_are_the_cores():
    id_props = [("annotation", "/properties/id"), ("annotation", "/$defs/passage/properties/source"),
                ("relations", "/$defs/entry/properties/id"), ("topics", "/$defs/entry/properties/id"),
                ("source", "/properties/id"), ("names", "/$defs/entry/properties/id"),
                ("timeline", "/$defs/entry/properties/id"), ("timeline", "/$defs/mention/properties/source"),
                ("figures", "/$defs/entry/properties/id"), ("figures", "/$defs/value/properties/source")]
    for name, pointer in id_props:
        assert at(name, pointer)["pattern"] == fields_mod.ID_RX.pattern, (name, pointer)
    # the same expression, with ECMA-262's digits
    url = fields_mod.URL_RX.pattern.replace(r"\d", "[0-9]")
    assert at("source", "/properties/url")["pattern"] == url
    assert at("edition", "/properties/repo")["pattern"] == url
    assert at("edition", "/properties/site_url")["pattern"] == url[:-1] + "/$"
    assert at("source", "/properties/date")["pattern"] == sources_mod.DATE_RX.pattern.replace(r"\d", "[0-9]")
    assert at("timeline", "/$defs/entry/properties/date")["pattern"] == \
        indices_mod.DATE_RX.pattern.replace(r"\d", "[0-9]")
    kind = at("source", "/$defs/rule/properties/kind")
    assert (kind["enum"], kind["enumDescriptions"]) == (list(BLOCK_KINDS), list(BLOCK_KINDS.values()))
    assert at("source", "/properties/type")["anyOf"][0]["enum"] == list(sources_mod.CSL_TYPES)
    names = at("names", "/$defs/entry/properties/type")
    assert (names["enum"], names["enumDescriptions"]) == (list(indices_mod.NAME_TYPES),
                                                          list(indices_mod.NAME_TYPES.values()))


@pytest.mark.parametrize("name, vocab, pointer", [
    ("annotation", "relations", "/properties/relation"), ("annotation", "topics", "/properties/topics/items"),
    ("comparison", "topics", "/$defs/row/properties/topic"),
    ("comparison", "relations", "/$defs/row/properties/relation"),
])
def test_the_enums_are_the_vocabularies(name, vocab, pointer):
    entries = load(ROOT / f"sources/{vocab}.yml")[vocab]
    more = {}
    if name == "comparison" and vocab == "relations":  # a comparison row relates two texts, or is mixed
        entries = [e for e in entries if e.get("texts", 2) >= 2]
        more = comparison_mod.ROW_RELATIONS
    prop = at(name, pointer)
    assert prop["enum"] == [e["id"] for e in entries] + list(more), "run `make schemas`"
    assert prop["enumDescriptions"] == [e["label"] for e in entries] + list(more.values()), "run `make schemas`"


def test_relations_between_texts_need_two_passages():
    relations = load(ROOT / "sources/relations.yml")["relations"]
    [rule] = schema("annotation")["allOf"]
    assert rule["if"]["properties"]["relation"]["enum"] == [r["id"] for r in relations if r.get("texts", 2) >= 2]
    assert rule["then"]["properties"]["passages"]["minItems"] == 2
    assert all(r.get("texts", 2) in (1, 2) for r in relations), "the schema knows only relations of 1 or 2 texts"


# ---------------------------------------------------------------------------------------------
# The files
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", SOURCE_FILES + FIXTURE_FILES, ids=rel)
def test_every_yaml_file_validates_against_its_schema(path):
    name = schema_for(path)
    assert name, f"{rel(path)}: no schema for this file (the core reads only the files schema_for() knows)"
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(load(path))]
    assert errors == []


@pytest.mark.parametrize("path", SOURCE_FILES, ids=rel)
def test_every_yaml_file_under_sources_names_its_schema_on_its_first_line(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert m, f"{rel(path)} starts with {first!r}"
    target = (path.parent / m.group(1)).resolve()
    assert target == (SCHEMAS / f"{schema_for(path)}.schema.json").resolve() and target.is_file()


def test_the_annotation_template_is_a_valid_annotation_that_the_build_skips():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/annotation.schema.json\n")
    assert not TEMPLATE.match("*.yml")  # sources/annotations/**/*.yml is what the core loads
    assert list(validator("annotation").iter_errors(load(TEMPLATE))) == []


# ---------------------------------------------------------------------------------------------
# Bad documents
# ---------------------------------------------------------------------------------------------

def plain(data):
    """A loaded document as plain dicts and lists, to change and dump."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data


def doc(path: str):
    return plain(load(ROOT / path))


ANN = "sources/annotations/arkankergen-deaths.yml"
RAMANI = "sources/texts/ramani-2015.yml"
HARRISON = "sources/texts/harrison-2015.yml"
REG = "sources/anchors/harrison-2015.yml"


def _set(path, value):
    def change(d):
        *head, last = path
        for key in head:
            d = d[key]
        if value is _DELETE:
            del d[last]
        else:
            d[last] = value
    return change


_DELETE = object()

# (what, file, change, schema, [(path of the error, failing keyword)])
BAD = [
    ("unknown relation", ANN, _set(["relation"], "agrees"), "annotation", [(("relation",), "enum")]),
    ("unknown topic", ANN, _set(["topics"], ["arkankergen", "borders"]), "annotation", [(("topics", 1), "enum")]),
    ("no topics", ANN, _set(["topics"], []), "annotation", [(("topics",), "minItems")]),
    ("topics not a list", ANN, _set(["topics"], "arkankergen"), "annotation", [(("topics",), "type")]),
    ("missing note", ANN, _set(["note"], _DELETE), "annotation", [((), "required")]),
    ("empty note", ANN, _set(["note"], ""), "annotation", [(("note",), "minLength")]),
    ("unknown field", ANN, _set(["tags"], ["x"]), "annotation", [((), "additionalProperties")]),
    ("misspelt quote", ANN, lambda d: d["passages"][1].update(quot=d["passages"][1].pop("quote")), "annotation",
     [(("passages", 1), "additionalProperties"), (("passages", 1), "required")]),
    ("blank quote", ANN, _set(["passages", 0, "quote"], "  "), "annotation", [(("passages", 0, "quote"), "pattern")]),
    ("bad id", ANN, _set(["id"], "Arkankergen_Deaths"), "annotation", [(("id",), "pattern")]),
    ("one text for agree", ANN, lambda d: d["passages"].pop(), "annotation", [(("passages",), "minItems")]),
    ("date not ISO", RAMANI, _set(["date"], "23 December 2015"), "source",
     [(("date",), "format"), (("date",), "pattern")]),
    ("impossible date", RAMANI, _set(["date"], "2015-02-30"), "source", [(("date",), "format")]),
    ("ftp url", RAMANI, _set(["url"], "ftp://thediplomat.com/"), "source", [(("url",), "pattern")]),
    ("text in a folder", RAMANI, _set(["file"], "../ramani-2015.txt"), "source", [(("file",), "pattern")]),
    ("unknown block kind", RAMANI, _set(["blocks", 0, "kind"], "logo"), "source", [(("blocks", 0, "kind"), "enum")]),
    ("reserved block id", RAMANI, _set(["blocks", 0, "id"], "p3"), "source", [(("blocks", 0, "id"), "pattern")]),
    ("emendation without reason", RAMANI, _set(["emendations", 0, "reason"], _DELETE), "source",
     [(("emendations", 0), "required")]),
    ("unknown publication type", RAMANI, _set(["type"], "magazine"), "source", [(("type",), "anyOf")]),
    ("author without family name", HARRISON, _set(["authors", 0, "family"], _DELETE), "source",
     [(("authors", 0), "required")]),
    ("witness field misspelt", HARRISON, _set(["witness", "publsher"], "x"), "source",
     [(("witness",), "additionalProperties")]),
    ("anchor not pN", REG, _set(["anchors", 0, "anchor"], "3"), "anchors", [(("anchors", 0, "anchor"), "pattern")]),
    ("tombstone pointing nowhere", REG, _set(["anchors", 0, "see"], "paragraph 3"), "anchors",
     [(("anchors", 0, "see"), "pattern")]),
    ("texts as words", "sources/relations.yml", _set(["relations", 0, "texts"], "two"), "relations",
     [(("relations", 0, "texts"), "type")]),
    ("topic without description", "sources/topics.yml", _set(["topics", 0, "description"], _DELETE), "topics",
     [(("topics", 0), "required")]),
    ("licences as text", "sources/edition.yml", _set(["licences"], "CC BY 4.0"), "edition", [(("licences",), "type")]),
    ("misspelt edition field", "sources/edition.yml", _set(["publsher"], "x"), "edition",
     [((), "additionalProperties")]),
    ("unknown name type", "sources/indices/names.yml", _set(["names", 0, "type"], "city"), "names",
     [(("names", 0, "type"), "enum")]),
    ("date in words", "sources/indices/timeline.yml", _set(["events", 0, "date"], "May 2012"), "timeline",
     [(("events", 0, "date"), "pattern")]),
    ("figure without value", "sources/indices/figures.yml", _set(["figures", 0, "values", 0, "value"], _DELETE),
     "figures", [(("figures", 0, "values", 0), "required")]),
]


@pytest.mark.parametrize("what, path, change, name, expected", BAD, ids=[b[0] for b in BAD])
def test_bad_documents_are_rejected_where_they_are_wrong(what, path, change, name, expected):
    data = doc(path)
    assert list(validator(name).iter_errors(data)) == []
    change(data)
    errors = leaves(validator(name).iter_errors(data))
    assert sorted((tuple(e.absolute_path), e.validator) for e in errors) == sorted(expected)


def leaves(errors) -> list:
    """The errors, an alternative (anyOf) that failed inside a nested value replaced by the
    errors there, as an editor's tool shows them."""
    out = []
    for e in errors:
        deeper = [c for c in e.context if len(c.absolute_path) > len(e.absolute_path)]
        out += leaves(deeper) if e.validator == "anyOf" and deeper else [e]
    return out


def test_an_error_inside_an_optional_list_is_reported_where_it_is():
    data = doc(RAMANI)
    data["blocks"][2]["kind"] = "logo"
    [error] = validator("source").iter_errors(data)
    assert (tuple(error.absolute_path), error.validator) == (("blocks", 2, "kind"), "enum")
    assert error.message.startswith("'logo' is not one of ['masthead', 'motto'")


# ---------------------------------------------------------------------------------------------
# The schemas and `make check` agree
# ---------------------------------------------------------------------------------------------

def _change_project(tmp_path: Path, path: str, change) -> tuple[Path, dict]:
    """A copy of sources/ with one file changed; of the annotations and indices (which only
    make `make check` slower here), it keeps only the changed file."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "sources", root / "sources")
    for folder in ("annotations", "indices") if path != "sources/comparison.yml" else ("indices",):
        for other in (root / "sources" / folder).rglob("*.yml"):
            if other != root / path:
                other.unlink()
    if path != "sources/comparison.yml":   # it must follow from the annotations removed above
        (root / "sources/comparison.yml").unlink()
    if path != "sources/retired.yml":      # its successors may be among the annotations removed above
        (root / "sources/retired.yml").unlink(missing_ok=True)
    if path != "sources/edition.yml":      # nor can every paragraph of the compared texts be linked
        meta = root / "sources/edition.yml"
        meta.write_text(re.sub(r"(?m)^compare:.*\n", "", meta.read_text(encoding="utf-8")), encoding="utf-8")
    data = doc(path)
    change(data)
    (root / path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000),
                             encoding="utf-8")
    return root, load(root / path)


def _check_accepts(root: Path) -> bool:
    """Whether `make check` passes (a crash of the core is a failure too), once `make anchors` has
    registered what the change renumbers (retiring an anchor gives its paragraph a new one)."""
    try:
        load_edition(root, mode="anchors")
    except EditionError:
        return False
    except Exception:  # noqa: BLE001 - make check would end with a traceback
        return False
    return True


def _more(path, item):
    return lambda d: d[path].append(item)


# (what, file, change, accepted by both)
AGREE = [
    ("unchanged", ANN, lambda d: None, True),
    ("title as a number", ANN, _set(["title"], 1984), True),
    ("note as a number", ANN, _set(["note"], 15), True),
    ("empty prefix", ANN, _set(["passages", 0, "prefix"], ""), True),
    ("null suffix", ANN, _set(["passages", 0, "suffix"], None), True),
    ("a topic twice", ANN, _set(["topics"], ["arkankergen", "arkankergen"]), True),
    ("missing relation", ANN, _set(["relation"], _DELETE), False),
    ("null note", ANN, _set(["note"], None), False),
    ("empty title", ANN, _set(["title"], ""), False),
    ("unknown field", ANN, _set(["tags"], ["x"]), False),
    ("topics as a string", ANN, _set(["topics"], "arkankergen"), False),
    ("no topics", ANN, _set(["topics"], []), False),
    ("no passages", ANN, _set(["passages"], []), False),
    ("unknown relation", ANN, _set(["relation"], "agrees"), False),
    ("unknown topic", ANN, _set(["topics"], ["arkankergen", "borders"]), False),
    ("agree with one passage", ANN, lambda d: d["passages"].pop(), False),
    ("passage field misspelt", ANN, _set(["passages", 0, "sorce"], "x"), False),
    ("passage as text", ANN, _set(["passages", 0], "ramani-2015"), False),
    ("source as a number", ANN, _set(["passages", 0, "source"], 2015), False),
    ("blank quote", ANN, _set(["passages", 0, "quote"], "   "), False),
    ("id in capitals", ANN, _set(["id"], "Arkankergen-deaths"), False),
    ("empty annotation", ANN, lambda d: d.clear(), False),
    ("no description", HARRISON, _set(["description"], _DELETE), True),
    ("null description", HARRISON, _set(["description"], None), True),
    ("null emendations", HARRISON, _set(["emendations"], None), True),
    ("empty emendations", HARRISON, _set(["emendations"], ""), True),
    ("blog post", HARRISON, _set(["type"], "post-weblog"), True),
    ("null witness url", HARRISON, _set(["witness", "url"], None), True),
    ("upper-case checksum", HARRISON, lambda d: d.update(sha256=d["sha256"].upper()), True),
    ("missing checksum", HARRISON, _set(["sha256"], _DELETE), False),
    ("date with slashes", HARRISON, _set(["date"], "2015/02/26"), False),
    ("ftp url", HARRISON, _set(["url"], "ftp://chinaincentralasia.com/"), False),
    ("unknown field", HARRISON, _set(["edition"], "first"), False),
    ("unknown type", HARRISON, _set(["type"], "blog"), False),
    ("languages as text", HARRISON, _set(["languages"], "en"), False),
    ("author field misspelt", HARRISON, _set(["authors", 0, "surname"], "Harrison"), False),
    ("witness without description", HARRISON, _set(["witness", "description"], _DELETE), False),
    ("unknown block kind", HARRISON, _set(["blocks", 0, "kind"], "headline"), False),
    ("reserved block id", HARRISON, _set(["blocks", 0, "id"], "p12"), False),
    ("null block id", HARRISON, _set(["blocks", 0, "id"], None), False),
    ("block rule as text", HARRISON, _set(["blocks", 0], "Kazakhstan"), False),
    ("emendation without reason", RAMANI, _set(["emendations", 0, "reason"], _DELETE), False),
    ("null emendation reading", RAMANI, _set(["emendations", 0, "reading"], None), True),
    ("empty see", REG, _set(["anchors", 0, "see"], ""), True),
    ("anchor p0", REG, _set(["anchors", 0, "anchor"], "p0"), False),
    ("anchor as a number", REG, _set(["anchors", 0, "anchor"], 1), False),
    ("entry field misspelt", REG, _set(["anchors", 0, "digets"], "x"), False),
    ("no anchors", REG, _set(["anchors"], _DELETE), False),
    ("null symbol", "sources/relations.yml", _set(["relations", 0, "symbol"], None), True),
    ("texts as words", "sources/relations.yml", _set(["relations", 0, "texts"], "two"), False),
    ("texts true", "sources/relations.yml", _set(["relations", 0, "texts"], True), False),
    ("relation without label", "sources/relations.yml", _set(["relations", 0, "label"], _DELETE), False),
    ("topic id with a space", "sources/topics.yml", _set(["topics", 0, "id"], "training education"), False),
    ("topics as a mapping", "sources/topics.yml", _set(["topics"], {"a": 1}), False),
    ("year as a number", "sources/indices/timeline.yml", _set(["events", 0, "date"], 2012), True),
    ("date in words", "sources/indices/timeline.yml", _set(["events", 0, "date"], "May 2012"), False),
    ("a spelling as text", "sources/indices/names.yml", _set(["names", 0, "variants", "ramani-2015"], "Arkankergen"),
     True),
    ("no spellings", "sources/indices/names.yml", _set(["names", 0, "variants", "ramani-2015"], []), False),
    ("unknown name type", "sources/indices/names.yml", _set(["names", 0, "type"], "city"), False),
    ("figure without value", "sources/indices/figures.yml", _set(["figures", 0, "values", 0, "value"], _DELETE),
     False),
    ("no spellings", "sources/spellings.yml", _set(["spellings"], None), True),
    ("unknown topic", "sources/comparison.yml", _set(["rows", 0, "topic"], "training"), False),
    ("editorial row", "sources/comparison.yml", _set(["rows", 0, "relation"], "editorial"), False),
    ("blank position", "sources/comparison.yml", _set(["rows", 0, "positions", "ramani-2015"], "  "), False),
    ("row field misspelt", "sources/comparison.yml", _set(["rows", 0, "postions"], {}), False),
    ("silent author", "sources/comparison.yml", lambda d: d["rows"][11]["positions"].update({"ramani-2015": None}),
     True),
    ("three stems", "sources/spellings.yml", _set(["spellings", 0], ["defence", "defense", "defenc"]), False),
    ("empty stem", "sources/spellings.yml", _set(["spellings", 0], ["defence", ""]), False),
]


@pytest.mark.parametrize("what, path, change, accepted", AGREE, ids=[f"{Path(a[1]).stem}: {a[0]}" for a in AGREE])
def test_the_schema_and_make_check_agree(tmp_path, what, path, change, accepted):
    root, data = _change_project(tmp_path, path, change)
    assert (_check_accepts(root), not list(validator(schema_for(root / path)).iter_errors(data))) == \
        (accepted, accepted)


def test_a_tombstone_is_valid_to_the_schema_and_refused_on_a_living_paragraph(tmp_path):
    """The schema knows the shape of a tombstone; only `make check` knows whether its paragraph
    is still in the text, and refuses it there."""
    root, data = _change_project(tmp_path, REG, _set(["anchors", 8, "removed"], "withdrawn in 0.2"))
    assert not list(validator(schema_for(root / REG)).iter_errors(data))
    assert not _check_accepts(root)


# Where a bare number stands for text, `make check` reads it as text and the pages are made
# with it; the schema is stricter and asks the editor's tool to flag it (quote it).
STRICTER = [
    ("title as a number", HARRISON, _set(["title"], 1984)),
    ("witness description as a number", HARRISON, _set(["witness", "description"], 5)),
    ("relation label as a number", "sources/relations.yml", _set(["relations", 0, "label"], 1)),
]


@pytest.mark.parametrize("what, path, change", STRICTER, ids=[s[0] for s in STRICTER])
def test_a_bare_number_is_read_as_text_though_the_schema_flags_it(tmp_path, what, path, change):
    root, data = _change_project(tmp_path, path, change)
    assert list(validator(schema_for(root / path)).iter_errors(data))
    edition = load_edition(root)  # `make check` reads the number as text …
    assert pages(edition)         # … and the pages are made
