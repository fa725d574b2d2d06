"""What the search's results can be narrowed by, taken from the edition's model, never written
in the code: the texts (``sources/texts/``), the relations (``sources/relations.yml``) and the
topics (``sources/topics.yml``), each value with the records that belong to it.

- **text**: the text's paragraphs, the sections of its page (``texts/<id>/``), and the notes
  that quote it.
- **relation**: the notes (``xrefs/#x-<id>``) of that relation, and nothing else.
- **topic**: the notes of that topic, and the paragraphs that hold a passage of one of them.

Labels: a text's short name (its author), a relation's and a topic's label.
"""
from __future__ import annotations

from ..model import Edition
from ..urls import TEXTS_DIR
from .records import Record

NOTE_PREFIX = "xrefs/#x-"
"""The address of a note's record (pages/xrefs.py gives each note the anchor ``x-<id>``)."""

Facets = dict[str, list[tuple[str, str, list[int]]]]


def record_facets(records: list[Record], ed: Edition) -> Facets:
    """Facet → ``[(id, label, record numbers)]``, the values in the order of the sources."""
    texts = {sid: [] for sid in ed.sources}
    relations = {rid: [] for rid in ed.relations}
    topics = {tid: [] for tid in ed.topics}
    notes = {a.id: a for a in ed.annotations}
    para_topics: dict[str, set[str]] = {}
    for a in ed.annotations:
        for p in a.passages:
            if p.block:
                para_topics.setdefault(f"{TEXTS_DIR}/{p.source}/#{p.block}", set()).update(a.topics)
    for n, r in enumerate(records):
        parts = r.url.split("/")
        if parts[0] == TEXTS_DIR and len(parts) > 2 and parts[1] in texts:
            texts[parts[1]].append(n)
            for t in sorted(para_topics.get(r.url, ())):
                if t in topics:
                    topics[t].append(n)
        elif r.url.startswith(NOTE_PREFIX) and r.kind == "note" and r.url[len(NOTE_PREFIX):] in notes:
            a = notes[r.url[len(NOTE_PREFIX):]]
            for sid in a.sources:
                if sid in texts:
                    texts[sid].append(n)
            if a.relation in relations:
                relations[a.relation].append(n)
            for t in a.topics:
                if t in topics:
                    topics[t].append(n)
    return {
        "text": [(sid, ed.sources[sid].short, nums) for sid, nums in texts.items()],
        "relation": [(rid, ed.relations[rid].get("label", rid), nums) for rid, nums in relations.items()],
        "topic": [(tid, ed.topics[tid].get("label", tid), nums) for tid, nums in topics.items()],
    }
