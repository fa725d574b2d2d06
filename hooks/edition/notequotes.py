"""Quotations in the editors' notes are exact: a phrase a note (of a cross-reference, an
editorial note or an index entry) puts in double quotes ("…" or “…”) stands, word for word, in
one of the texts, as its reading text gives it (folded as quotes are matched: curly and straight
quotes, spaces). An ellipsis (…) may stand for words left out, and the first letter may change
its case to fit the sentence. The editors' own words, a
translation or a gloss, go in single quotes (‘…’), which are not checked."""
from __future__ import annotations

import re
from pathlib import Path

from .problems import Problems
from .quotes import quoted

QUOTED = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”")


def phrases(note: str) -> list[str]:
    """The phrases a note quotes, each without the punctuation that closes the sentence around it
    (code, between backticks, is shown as written and quotes nothing)."""
    return [(a or b).strip(" .,;:") for a, b in QUOTED.findall(re.sub(r"`[^`\n]*`", "", note))]


def check_note_quotes(notes: list[tuple[str, int, str]], sources: dict, root: Path, problems: Problems) -> None:
    """``notes``: (file, line of the note, note text) each. Every quoted phrase that stands in no
    text is reported at its own line."""
    texts = [quoted(b.reading) for src in sources.values() for b in src.blocks]
    cache: dict[str, list[str]] = {}
    for rel, line, note in notes:
        for phrase in phrases(note):
            parts = [quoted(p) for p in re.split(r"\s*(?:…|\.\.\.|\[…\])\s*", phrase) if quoted(p)]
            # A quotation may change the case of its first letter to fit the note's sentence.
            if parts and all(any(p in t or p[:1].swapcase() + p[1:] in t for t in texts) for p in parts):
                continue
            if rel not in cache:
                try:
                    cache[rel] = (root / rel).read_text(encoding="utf-8").splitlines()
                except OSError:
                    cache[rel] = []
            at = next((i for i, x in enumerate(cache[rel][max(line - 1, 0):], max(line, 1))
                       if phrase[:24] in x.replace('\\"', '"')), line)
            problems.add(rel, at, f"the note quotes \"{phrase}\", which stands in none of the texts",
                         "copy the words exactly from the reading text (an emendation may have changed them); put "
                         "the editors' own words, a translation or a gloss, in single quotes (‘…’)")
