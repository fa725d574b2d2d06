"""The topic comparison (``sources/comparison.yml``): per topic, each author's position and the
overall relation, which must follow from the cross-references that carry the topic.

A row's relation is the relation of its cross-references when they all have the same one,
``mixed`` when they do not (the page shows the breakdown), and ``one-author`` when one author
does not discuss the topic (his position is ``null``, and no cross-reference carries it). A
row that says otherwise contradicts the apparatus, and `make check` fails.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .fields import check_fields, type_name
from .problems import Problems, did_you_mean
from .refs import check_refs
from .yamlio import load_yaml

ROW_FIELDS = {"topic": (str, True), "relation": (str, True), "positions": (dict, True)}
MIXED, ONE_AUTHOR = "mixed", "one-author"
ROW_RELATIONS = {MIXED: "Mixed", ONE_AUTHOR: "One author only"}
# A position that says its author is silent on the topic, in words: silence is written `null`.
_SILENT = re.compile(r"\b(?:does not|doesn't|do not|never) (?:discuss|mention|address|treat|raise)|\bsays nothing\b|"
                     r"\bis silent\b", re.I)


@dataclass
class Row:
    topic: str
    relation: str
    positions: dict[str, str | None]
    """Each text's position; None where its author does not discuss the topic."""
    line: int = 0
    relation_line: int = 0
    breakdown: dict[str, list] = field(default_factory=dict)
    """For each relation, the cross-references of the topic that have it (filled from the
    annotations)."""


def load_comparison(root: Path, topics: dict, relations: dict, sources: dict, problems: Problems,
                    annotations: list | None = None) -> list[Row]:
    rel = "sources/comparison.yml"
    if not (root / rel).exists():
        return []
    data = load_yaml(root / rel, rel, problems)
    rows: list[Row] = []
    if data is None or not check_fields(data, {"rows": (list, True)}, rel, problems, "comparison.yml"):
        return rows
    seen: dict[str, int] = {}
    valid = [k for k, v in relations.items() if v.get("texts", 2) > 1] + list(ROW_RELATIONS)
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
        if r["relation"] not in valid:
            problems.add(rel, r.line_of("relation"), f"unknown relation '{r['relation']}'",
                         f"{did_you_mean(r['relation'], valid)}valid relations: {', '.join(valid)}")
            ok = False
        for sid, text in r["positions"].items():
            at = r["positions"].line_of(sid)
            if not problems.known_source(sid, sources, rel, at):
                ok = False
            elif text is None:
                continue
            elif not isinstance(text, str) or not text.strip():
                problems.add(rel, at, f"the position of {sid} must be a sentence or two, not {type_name(text)}"
                             if not isinstance(text, str) else f"the position of {sid} is empty",
                             "state the author's position in one or two sentences, or write null if he does not "
                             "discuss the topic")
                ok = False
            elif _SILENT.search(text):
                problems.add(rel, at, f"the position of {sid} says that the author does not discuss the topic",
                             f"write `{sid}: null` (the page then says so) and `relation: {ONE_AUTHOR}`")
                ok = False
            elif not check_refs(text, sources, rel, at, problems, texts=[sid]):
                ok = False
        if ok:
            seen[r["topic"]] = line
            rows.append(Row(r["topic"], r["relation"],
                            {k: (" ".join(v.split()) if v is not None else None) for k, v in r["positions"].items()},
                            line, r.line_of("relation")))
    order = list(topics)
    rows.sort(key=lambda row: order.index(row.topic))
    if annotations is not None:
        for row in rows:
            _follow(row, annotations, sources, relations, rel, problems)
    return rows


def untagged_within(topic: str, between: list, tagged: list) -> list:
    """The cross-references that do not carry ``topic`` but whose passages all fall in it: each
    overlaps, in the same paragraph, a passage of a cross-reference that carries it. They make
    the same claims, so the topic's verdict must count them too."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for a in tagged:
        for p in a.passages:
            spans.setdefault((p.source, p.block), []).append((p.start, p.end))
    return [a for a in between if topic not in a.topics and a.passages and all(
        any(s < p.end and p.start < e for s, e in spans.get((p.source, p.block), [])) for p in a.passages)]


def expected(row: Row, annotations: list, sources: dict) -> tuple[str, dict[str, list]]:
    """The relation a row must have, from the cross-references between the row's texts that
    carry its topic or whose passages fall in it (:func:`untagged_within`), and their breakdown
    by relation."""
    texts = set(row.positions)
    between = [a for a in annotations if len(set(a.sources) & texts) > 1]
    tagged = [a for a in between if row.topic in a.topics]
    xrefs = tagged + untagged_within(row.topic, between, tagged)
    breakdown: dict[str, list] = {}
    for a in xrefs:
        breakdown.setdefault(a.relation, []).append(a)
    silent = [sid for sid, text in row.positions.items() if text is None]
    if silent:
        return ONE_AUTHOR, breakdown
    if not breakdown:
        return "", breakdown
    return (next(iter(breakdown)) if len(breakdown) == 1 else MIXED), breakdown


def _follow(row: Row, annotations: list, sources: dict, relations: dict, rel: str, problems: Problems) -> None:
    want, row.breakdown = expected(row, annotations, sources)
    line = row.relation_line
    counts = ", ".join(f"{relations[r]['label'].lower()} {len(v)}" for r, v in row.breakdown.items())
    if want == ONE_AUTHOR and row.breakdown:
        ids = ", ".join(a.id for v in row.breakdown.values() for a in v)
        problems.add(rel, line, f"topic '{row.topic}' gives an author no position, yet cross-references between the "
                     f"texts carry it ({ids})", "give both positions, or take the topic off cross-references whose "
                     "passages in one text do not speak to it")
    elif not want:
        problems.add(rel, line, f"topic '{row.topic}' has a position for each author, but no cross-reference "
                     "between the texts carries it", "link the passages where both speak to it, or write null for "
                     "the author who does not")
    elif row.relation != want:
        untagged = [a.id for v in row.breakdown.values() for a in v if row.topic not in a.topics]
        also = (f", counting {', '.join(untagged)}, whose passages fall in the topic though they do not carry it"
                if untagged else "")
        problems.add(rel, line, f"the relation '{row.relation}' of topic '{row.topic}' does not follow from its "
                     f"cross-references" + (f" ({counts}{also})" if counts else ""),
                     f"write `relation: {want}`" + (f", and add '{row.topic}' to the topics of {', '.join(untagged)}"
                                                    if untagged else ""))
