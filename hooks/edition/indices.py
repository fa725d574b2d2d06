"""The indices: names (persons, places, organisations), a timeline of dated events, and a
table of figures. Their data live in ``sources/indices/*.yml``; every mention is located by
the build, as quotes are, so that no entry can point at a paragraph that does not mention it.

* A name lists its spelling ``variants`` per text; the build finds *every* occurrence of
  each variant (as a whole word) in the text's blocks, so the index is complete, and a
  variant that occurs nowhere is an error.
* A timeline event or a figure cites each text with a ``quote`` that must match exactly one
  place; a figure's ``value`` must stand inside its quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .fields import check_fields, id_entries
from .model import Source
from .problems import Problems, did_you_mean
from .quotes import QuoteIndex, explain_miss, shown
from .refs import check_refs
from .text import fold, folded
from .yamlio import load_yaml

NAME_TYPES = {"person": "Persons", "people": "Peoples and groups", "place": "Places", "organisation": "Organisations"}
NAME_FIELDS = {"id": (str, True), "type": (str, True), "label": (str, True), "variants": (dict, True),
               "note": (str, False)}
EVENT_FIELDS = {"id": (str, True), "date": (str, True), "when": (str, False), "event": (str, True),
                "mentions": (list, True), "note": (str, False)}
FIGURE_FIELDS = {"id": (str, True), "what": (str, True), "values": (list, True), "note": (str, False)}
MENTION_FIELDS = {"source": (str, True), "quote": (str, True), "value": (str, False), "prefix": (str, False),
                  "suffix": (str, False)}
DATE_RX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Hit:
    """One located mention: a text, a block and the words there."""

    source: str
    block: str
    exact: str
    value: str = ""


@dataclass
class Entry:
    id: str
    kind: str
    """``person``, ``place``, ``organisation``, ``event`` or ``figure``."""
    label: str
    hits: list[Hit]
    note: str = ""
    date: str = ""
    when: str = ""
    """How the texts date it, when less precise than ``date`` (``early 1990s``)."""
    variants: dict = field(default_factory=dict)
    path: str = ""
    line: int = 0


@dataclass
class Indices:
    names: list[Entry]
    events: list[Entry]
    figures: list[Entry]


def _word_positions(ix_text: str, word: str) -> list[int]:
    out, i = [], ix_text.find(word)
    while i != -1:
        before = ix_text[i - 1] if i else " "
        after = ix_text[i + len(word)] if i + len(word) < len(ix_text) else " "
        if not (before.isalnum() or after.isalnum()):
            out.append(i)
        i = ix_text.find(word, i + 1)
    return out


def find_word(src: Source, variant: str) -> list[Hit]:
    """Every whole-word occurrence of ``variant`` in a text's reading blocks."""
    hits = []
    want = folded(variant)
    for b in src.blocks:
        text, where = fold(b.reading)
        for i in _word_positions(text, want):
            hits.append(Hit(src.id, b.id, b.reading[where[i]:where[i + len(want) - 1] + 1]))
    return hits


def _entries(data, key, spec, rel, problems, seen, sources) -> list:
    if data is None or not check_fields(data, {key: (list, True)}, rel, problems, Path(rel).name):
        return []
    return [e for e in id_entries(data, key, spec, rel, problems, seen, "index id")
            if not e.get("note") or check_refs(e["note"], sources, rel, e.line_of("note"), problems)]


def _quoted(e, key, rel, sources, indices, problems, need_value: bool) -> list[Hit] | None:
    hits = []
    ok = True
    for j, m in enumerate(e[key]):
        line = e[key].line_of(j)
        if not check_fields(m, MENTION_FIELDS, rel, problems, "mention", line):
            ok = False
            continue
        sid = m["source"]
        if not problems.known_source(sid, sources, rel, m.line_of("source")):
            ok = False
            continue
        found = indices[sid].find(str(m["quote"]), str(m.get("prefix") or ""), str(m.get("suffix") or ""))
        if len(found) != 1:
            if not found:
                problems.add(rel, m.line_of("quote"), f"quote not found in {sid}: \"{shown(folded(str(m['quote'])))}\"",
                             explain_miss(indices[sid], str(m["quote"])))
            else:
                problems.add(rel, m.line_of("quote"), f"quote matches {len(found)} places in {sid}: "
                             f"\"{folded(str(m['quote']))}\"", "lengthen the quote, or add a 'prefix' or 'suffix'")
            ok = False
            continue
        loc = found[0]
        block = sources[sid].block(loc.block)
        exact = block.reading[loc.start:loc.end]
        value = str(m.get("value") or "")
        if need_value and not value:
            problems.add(rel, line, "missing field 'value' in mention", "give the figure as the text writes it")
            ok = False
            continue
        if value and folded(value) not in folded(exact):
            problems.add(rel, m.line_of("value"), f"value '{value}' does not stand in its quote \"{folded(exact)}\"",
                         "quote the words that give the figure")
            ok = False
            continue
        hits.append(Hit(sid, loc.block, exact, value))
    return hits if ok else None


def load_indices(root: Path, sources: dict[str, Source], problems: Problems) -> Indices:
    seen: dict[str, str] = {}
    names, events, figures = [], [], []
    qi = {sid: QuoteIndex(s.blocks) for sid, s in sources.items()}
    rel = "sources/indices/names.yml"
    if (root / rel).exists():
        for e in _entries(load_yaml(root / rel, rel, problems), "names", NAME_FIELDS, rel, problems, seen, sources):
            if e["type"] not in NAME_TYPES:
                problems.add(rel, e.line_of("type"), f"unknown name type '{e['type']}'",
                             f"{did_you_mean(e['type'], NAME_TYPES)}valid types: {', '.join(NAME_TYPES)}")
                continue
            hits, ok = [], True
            for sid, variants in e["variants"].items():
                if not problems.known_source(sid, sources, rel, e["variants"].line_of(sid)):
                    ok = False
                    continue
                if isinstance(variants, str):
                    variants = [variants]
                if not isinstance(variants, list) or not variants:
                    problems.add(rel, e["variants"].line_of(sid), f"variants of '{sid}' must be a list of spellings",
                                 f"write it as {sid}: [Spelling, Other spelling]")
                    ok = False
                    continue
                for v in variants:
                    found = find_word(sources[sid], str(v))
                    if not found:
                        problems.add(rel, e["variants"].line_of(sid), f"spelling '{v}' occurs nowhere in {sid}",
                                     "give the spelling exactly as the text has it (case matters)")
                        ok = False
                    hits += found
            if ok:
                names.append(Entry(e["id"], e["type"], str(e["label"]), hits, str(e.get("note") or ""),
                                   variants={k: ([v] if isinstance(v, str) else list(v)) for k, v in e["variants"].items()},
                                   path=rel, line=e.line))
    rel = "sources/indices/timeline.yml"
    if (root / rel).exists():
        for e in _entries(load_yaml(root / rel, rel, problems), "events", EVENT_FIELDS, rel, problems, seen, sources):
            if not DATE_RX.match(str(e["date"])):
                problems.add(rel, e.line_of("date"), f"date '{e['date']}' is not YYYY, YYYY-MM or YYYY-MM-DD",
                             "give the date as precisely as the texts do")
                continue
            hits = _quoted(e, "mentions", rel, sources, qi, problems, need_value=False)
            if hits is not None:
                events.append(Entry(e["id"], "event", str(e["event"]), hits, str(e.get("note") or ""),
                                    date=str(e["date"]), when=str(e.get("when") or ""), path=rel, line=e.line))
        events.sort(key=lambda x: x.date)
    rel = "sources/indices/figures.yml"
    if (root / rel).exists():
        for e in _entries(load_yaml(root / rel, rel, problems), "figures", FIGURE_FIELDS, rel, problems, seen, sources):
            hits = _quoted(e, "values", rel, sources, qi, problems, need_value=True)
            if hits is not None:
                figures.append(Entry(e["id"], "figure", str(e["what"]), hits, str(e.get("note") or ""), path=rel,
                                     line=e.line))
    return Indices(names, events, figures)
