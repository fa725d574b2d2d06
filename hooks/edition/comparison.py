"""The topic comparison (``sources/comparison.yml``): per topic, each author's position,
the overall relation, and (derived from the cross-references) the passages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .fields import check_fields, did_you_mean, type_name
from .refs import check_refs
from .problems import Problems
from .yamlio import load_yaml

ROW_FIELDS = {"topic": (str, True), "relation": (str, True), "positions": (dict, True)}


@dataclass
class Row:
    topic: str
    relation: str
    positions: dict[str, str]
    line: int = 0


def load_comparison(root: Path, topics: dict, relations: dict, sources: dict, problems: Problems) -> list[Row]:
    rel = "sources/comparison.yml"
    if not (root / rel).exists():
        return []
    data = load_yaml(root / rel, rel, problems)
    rows: list[Row] = []
    if data is None or not check_fields(data, {"rows": (list, True)}, rel, problems, "comparison.yml"):
        return rows
    seen: dict[str, int] = {}
    for i, r in enumerate(data["rows"]):
        line = data["rows"].line_of(i)
        if not check_fields(r, ROW_FIELDS, rel, problems, "row", line):
            continue
        ok = True
        if r["topic"] not in topics:
            problems.add(rel, r.line_of("topic"), f"unknown topic '{r['topic']}'",
                         f"{did_you_mean(r['topic'], topics)}valid topics are listed in sources/topics.yml")
            ok = False
        elif r["topic"] in seen:
            problems.add(rel, r.line_of("topic"), f"topic '{r['topic']}' has two rows",
                         f"the other is at {rel}:{seen[r['topic']]}")
            ok = False
        if r["relation"] not in relations or relations[r["relation"]].get("texts", 2) < 2:
            valid = [k for k, v in relations.items() if v.get("texts", 2) > 1]
            problems.add(rel, r.line_of("relation"), f"unknown relation '{r['relation']}'",
                         f"{did_you_mean(r['relation'], valid)}valid relations: {', '.join(valid)}")
            ok = False
        for sid, text in r["positions"].items():
            if not problems.known_source(sid, sources, rel, r["positions"].line_of(sid)):
                ok = False
            elif not isinstance(text, str) or not text.strip():
                problems.add(rel, r["positions"].line_of(sid), f"the position of {sid} must be a sentence or two"
                             f", not {type_name(text)}" if not isinstance(text, str) else
                             f"the position of {sid} is empty", "state the author's position in one or two sentences")
                ok = False
            elif not check_refs(text, sources, rel, r["positions"].line_of(sid), problems, texts=[sid]):
                ok = False
        if ok:
            seen[r["topic"]] = line
            rows.append(Row(r["topic"], r["relation"], {k: " ".join(v.split()) for k, v in r["positions"].items()},
                            line))
    order = list(topics)
    return sorted(rows, key=lambda row: order.index(row.topic))
