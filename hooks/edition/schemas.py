"""Keep the JSON Schemas' vocabularies in step with ``sources/relations.yml`` and
``sources/topics.yml``: the vocabulary files are the only place an editor adds a topic or a
relation; ``make schemas`` (``python -m edition schemas``) copies their ids and labels into
the schemas' enums, so that editors' tools complete them."""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from .comparison import ROW_RELATIONS

# (schema, vocabulary, JSON pointer of the property, only relations between two texts?, more values)
TARGETS = [
    ("annotation", "relations", "/properties/relation", False, {}),
    ("annotation", "topics", "/properties/topics/items", False, {}),
    ("annotation", "relations", "/allOf/0/if/properties/relation", True, {}),
    ("comparison", "topics", "/$defs/row/properties/topic", False, {}),
    ("comparison", "relations", "/$defs/row/properties/relation", True, ROW_RELATIONS),
]


def _at(doc: dict, pointer: str) -> dict:
    node = doc
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def update(root: Path) -> list[str]:
    """Rewrite the enums; return the schema files that changed."""
    changed = []
    docs: dict[str, dict] = {}
    for name, vocab, pointer, two, more in TARGETS:
        path = root / "schemas" / f"{name}.schema.json"
        doc = docs.setdefault(name, json.loads(path.read_text(encoding="utf-8")))
        entries = yaml.safe_load((root / "sources" / f"{vocab}.yml").read_text(encoding="utf-8"))[vocab]
        if two:
            entries = [e for e in entries if e.get("texts", 2) >= 2]
        prop = _at(doc, pointer)
        prop["enum"] = [e["id"] for e in entries] + list(more)
        if "enumDescriptions" in prop or not two:
            prop["enumDescriptions"] = [e["label"] for e in entries] + list(more.values())
    for name, doc in docs.items():
        path = root / "schemas" / f"{name}.schema.json"
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path.relative_to(root).as_posix())
    return changed
