"""Stable paragraph anchors.

A committed registry (``sources/anchors/<id>.yml``) records every published anchor
``pN`` with a fingerprint of its paragraph: a digest of the folded text, and its first
and last words. Anchors are assigned by matching paragraphs to the registry, not by
position, so that

* correcting a typo keeps the anchor (the incipit or the explicit still matches);
* inserting a paragraph keeps every other anchor, and the new one gets the next number;
* a removed paragraph's anchor must be kept as a tombstone (``removed: reason``), which
  the page shows in its place; without one the build fails.

Numbers are never reused: a new anchor is one more than the highest ever registered.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from difflib import SequenceMatcher

from .text import folded

WORDS = 8
SIMILAR = 0.85


def fingerprint(text: str) -> dict:
    """The registry entry of a paragraph text (without its anchor)."""
    words = folded(text).split(" ")
    return {
        "incipit": " ".join(words[:WORDS]),
        "explicit": " ".join(words[-WORDS:]),
        "digest": hashlib.sha256(folded(text).encode("utf-8")).hexdigest()[:16],
    }


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


@dataclass
class Assignment:
    """The outcome of matching the paragraphs of a text to its registry."""

    numbers: list[int]
    """The anchor number of each paragraph, in reading order."""
    new: list[int]
    """Numbers given to paragraphs the registry does not know yet."""
    changed: list[int]
    """Numbers whose paragraph matched by incipit or explicit only (edited text)."""
    lost: list[dict]
    """Live registry entries that no paragraph matches and that have no tombstone."""


def assign(paragraphs: list[str], registry: list[dict]) -> Assignment:
    """Match paragraph texts to registry entries; see the module docstring.

    Registry entries are dicts with ``anchor`` (``pN``), ``incipit``, ``explicit`` and
    ``digest``; an entry with ``removed`` is a tombstone and is never matched."""
    prints = [fingerprint(p) for p in paragraphs]
    live = [e for e in registry if not e.get("removed")]
    number = {id(e): int(str(e["anchor"])[1:]) for e in registry}
    numbers: list[int | None] = [None] * len(paragraphs)
    taken: set[int] = set()
    # 1. Identical text.
    by_digest: dict[str, list[dict]] = {}
    for e in live:
        by_digest.setdefault(e.get("digest", ""), []).append(e)
    for i, fp in enumerate(prints):
        for e in by_digest.get(fp["digest"], []):
            if id(e) not in taken:
                numbers[i] = number[id(e)]
                taken.add(id(e))
                break
    # 2. Edited text: the same beginning or the same end, in reading order.
    changed: list[int] = []
    for i, fp in enumerate(prints):
        if numbers[i] is not None:
            continue
        best, score = None, 0.0
        for e in live:
            if id(e) in taken:
                continue
            s = max(_similar(fp["incipit"], e.get("incipit", "")), _similar(fp["explicit"], e.get("explicit", "")))
            if s > score:
                best, score = e, s
        if best is not None and score >= SIMILAR:
            numbers[i] = number[id(best)]
            taken.add(id(best))
            changed.append(numbers[i])
    # 3. New paragraphs: numbers after the highest ever registered.
    top = max(number.values(), default=0)
    new: list[int] = []
    for i in range(len(numbers)):
        if numbers[i] is None:
            top += 1
            numbers[i] = top
            new.append(top)
    lost = [e for e in live if id(e) not in taken]
    return Assignment([n for n in numbers if n is not None], new, changed, lost)


def registry_entries(paragraphs: list[str], numbers: list[int], old: list[dict]) -> list[dict]:
    """The registry to write after an assignment: live entries refreshed, in reading
    order, with each tombstone kept after the entry it followed before."""
    entries = [{"anchor": f"p{n}", **fingerprint(t)} for t, n in zip(paragraphs, numbers)]
    for i, e in enumerate(old):
        if not e.get("removed"):
            continue
        before = next((o["anchor"] for o in reversed(old[:i]) if not o.get("removed")), None)
        at = next((j + 1 for j, x in enumerate(entries) if x["anchor"] == before), 0)
        entries.insert(at, dict(e))
    return entries


def gate(registry: list[dict], texts: dict[str, str], tombstones: set[str], name: str) -> list[str]:
    """Compare the anchors a built page publishes (``texts``: anchor → its text, and the
    anchors shown as ``tombstones``) with a registry. Returns what an editor must fix."""
    problems = []
    for e in registry:
        anchor = e["anchor"]
        if anchor not in texts and anchor not in tombstones:
            problems.append(f"{name}: {anchor} is gone from the page; keep it as a tombstone: add "
                            f"`removed: \"why\"` (and `see: pN`) to its entry")
        elif e.get("removed"):
            if anchor not in tombstones:
                problems.append(f"{name}: {anchor} is marked removed but the page shows a paragraph there")
        elif anchor in tombstones:
            problems.append(f"{name}: {anchor} is shown as a tombstone but its entry has no `removed:`")
        else:
            now = fingerprint(texts[anchor])
            if now["digest"] != e.get("digest") and max(_similar(now["incipit"], e.get("incipit", "")),
                                                        _similar(now["explicit"], e.get("explicit", ""))) < SIMILAR:
                problems.append(f"{name}: {anchor} now holds different text (\"{now['incipit']}…\" instead of "
                                f"\"{e.get('incipit', '')}…\"); record the decision (a tombstone with `see:`) or "
                                f"restore the paragraph")
    unregistered = sorted(set(texts) - {e["anchor"] for e in registry}, key=lambda a: int(a[1:]))
    if unregistered:
        problems.append(f"{name}: {', '.join(unregistered)} not registered; run `make anchors` and commit "
                        f"sources/anchors/")
    return problems
