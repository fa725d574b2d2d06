"""Rules on the apparatus as a whole, which `make check` enforces before any test does:

- a cross-reference's note says in one to four sentences what is shared or in tension;
- a cross-reference between texts the edition compares lists their passages in the order of
  ``compare`` in ``edition.yml``, so that every cross-reference reads the same way round;
- every body paragraph of the texts the edition compares is linked by a cross-reference (the
  claim of completeness the coverage page makes). A text outside ``compare`` (a text added
  later) is linked paragraph by paragraph as its apparatus grows, and is not held to it.
"""
from __future__ import annotations

import re

from .coverage import coverage
from .model import Edition
from .problems import Problems

MAX_SENTENCES = 4
# A sentence ends at . ! or ? followed by a space and a capital, a quotation mark or a bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def note_sentences(note: str) -> int:
    return len([s for s in _SENTENCE_END.split(note.strip()) if s])


def check_apparatus(ed: Edition, problems: Problems) -> None:
    order = [s for s in (ed.meta.get("compare") or []) if s in ed.sources]
    for a in ed.annotations:
        if len(a.sources) < 2:
            continue
        n = note_sentences(a.note)
        if n > MAX_SENTENCES:
            problems.add(a.path, a.key_lines.get("note", a.line),
                         f"the note of '{a.id}' has {n} sentences, more than {MAX_SENTENCES}",
                         "say in one to four sentences what the passages share or where they are in tension; a "
                         "longer account belongs in the editorial principles or a reading report")
        compared = [s for s in a.sources if s in order]
        wanted = sorted(compared, key=order.index)
        if compared != wanted:
            i = next(k for k, (got, want) in enumerate(zip(compared, wanted)) if got != want)
            problems.add(a.path, a.key_lines.get("passages", a.line),
                         f"the passages of '{a.id}' are listed {', '.join(compared)}, against the order of the texts "
                         f"the edition compares ({', '.join(order)}, `compare` in sources/edition.yml)",
                         f"list the passage of {wanted[i]} before that of {compared[i]}, so that every "
                         "cross-reference reads the same way round")
    if not order:
        return
    for sid, c in coverage(ed).items():
        if sid not in order:
            continue
        linked = {s.block for s in c.sentences if s.xrefs}
        src = ed.sources[sid]
        # A paragraph not registered yet is reported as such (`make anchors` first), not here.
        new = set(getattr(src.meta.get("_assignment"), "new", None) or ())
        for b in src.paragraphs:
            if b.id not in linked and b.number not in new:
                problems.add(src.text_path, b.line,
                             f"{src.short} ¶{b.number} has no cross-reference, and the edition claims every paragraph "
                             f"of the texts it compares is linked ({', '.join(order)}, `compare` in "
                             "sources/edition.yml)",
                             "link a passage of it to its counterpart (CONTRIBUTING.md, \"Add a cross-reference\"); "
                             "if a cross-reference was removed, make sure another covers this paragraph")
