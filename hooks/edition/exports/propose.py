"""What the reading pages' "Propose a cross-reference" tool needs, as one JSON file that the
tool fetches when a reader first uses it (docs/assets/edition-propose.js): every block's reading
text (the quote is taken from it, never from the page), the relations and topics with their
definitions, the ids already given out, and where a new file goes in the repository.

"Cite" beside "Propose" (a phrase the reader selects) uses the same file: each text's citation
templates, as its reading page carries them for the paragraph's Cite dialog (``cite``), and its
reference-manager records (``records``: BibTeX, RIS, CSL-JSON), to which the phrase is added."""
from __future__ import annotations

import json

from ..annotations import MIN_QUOTE, XREF_KINDS
from ..citation import cite_data
from ..model import BLOCK_KINDS, Edition
from ..text import TYPOGRAPHIC_FOLD
from ..urls import TEXTS_DIR
from .cite import bibtex, csl_json, ris

PATH = "assets/propose.json"
FOLDER = "sources/annotations"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/annotation.schema.json"


def propose_data(ed: Edition, base: str) -> dict:
    repo = str(ed.meta.get("repo") or "").rstrip("/")
    ids = sorted({a.id for a in ed.annotations} | {x for a in ed.annotations for x in a.aliases})
    return {
        "repo": repo,
        "branch": str(ed.meta.get("branch") or "main"),
        "folder": FOLDER,
        "schema": SCHEMA_LINE,
        "contributing": f"{base}contributing/",
        "ids": ids,
        "xref_kinds": sorted(XREF_KINDS),
        # the rules of `make check` that the tool applies to a selection: the characters folded
        # for matching (text.TYPOGRAPHIC_FOLD) and the shortest quote
        "fold": TYPOGRAPHIC_FOLD,
        "min_quote": MIN_QUOTE,
        # the spelling variants a cited phrase is matched across (sources/spellings.yml)
        "spellings": [list(p) for p in ed.meta.get("spellings") or []],
        "kinds": BLOCK_KINDS,
        "relations": [{"id": rid, "label": r.get("label", rid), "symbol": r.get("symbol", ""),
                       "texts": r.get("texts", 2), "description": " ".join(str(r.get("description", "")).split())}
                      for rid, r in ed.relations.items()],
        "topics": [{"id": tid, "label": t.get("label", tid)} for tid, t in ed.topics.items()],
        "sources": {sid: {"short": src.short, "title": src.title, "page": f"{TEXTS_DIR}/{sid}/",
                          "cite": json.loads(cite_data(ed, src, base)),
                          "records": {"bib": bibtex(ed, src, base), "ris": ris(ed, src, base),
                                      "csl": csl_json(ed, src, base)},
                          "blocks": [{"id": b.id, "kind": b.kind, "number": b.number, "text": b.reading}
                                     for b in src.blocks]}
                    for sid, src in ed.sources.items()},
    }
