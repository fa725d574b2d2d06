"""Stable paragraph anchors.

A committed registry (``sources/anchors/<id>.yml``) records every published anchor ``pN``
with the text of its paragraph (folded, as quotes are matched) and a digest of it. Anchors
are assigned by matching each paragraph, whole, to the registered texts, never by position
or by a few words:

* a paragraph identical to a registered one keeps its anchor;
* a paragraph whose words are at least :data:`SAME` of a registered paragraph's (a corrected
  typo, a changed word) keeps its anchor, when no other paragraph comes close;
* a paragraph like no registered one is new, and gets the next number; numbers are never
  reused;
* anything in between is a doubt, and every doubt stops the build until an editor decides:
  a registered paragraph whose best match is below :data:`SAME` (rewritten, or removed), two
  paragraphs that could each be the registered one, and registered paragraphs that now stand
  in another order. ``make anchors ACCEPT=p4`` records that the best match is p4 after all;
  ``removed: "why"`` in the registry keeps a removed paragraph's anchor as a tombstone.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .text import FORBIDDEN, folded


def registered(text: str) -> str:
    """A paragraph as its registry entry records it: folded, without the invisible characters
    a file of sources/ may not hold (a fingerprint, not the witness, which keeps them)."""
    return FORBIDDEN.sub("", folded(text))

WORDS = 8
SAME = 0.9
"""The share of characters (difflib's ratio) above which two texts are one paragraph."""
NEAR = 0.5
"""Below this share a registered paragraph has no candidate at all."""
MARGIN = 0.05
"""A second candidate this close to the best makes the match a doubt."""


def fingerprint(text: str) -> dict:
    """The registry entry of a paragraph text (without its anchor)."""
    f = registered(text)
    words = f.split(" ")
    return {
        "incipit": " ".join(words[:WORDS]),
        "explicit": " ".join(words[-WORDS:]),
        "digest": hashlib.sha256(f.encode("utf-8")).hexdigest()[:16],
        "text": f,
    }


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """The share of characters two folded texts have in common, in order (0 to 1); below
    ``floor`` an upper bound may be returned instead, at a fraction of the cost."""
    if not a or not b:
        return 0.0
    m = SequenceMatcher(None, a, b, autojunk=False)
    if floor and m.real_quick_ratio() < floor:
        return m.real_quick_ratio()
    if floor and m.quick_ratio() < floor:
        return m.quick_ratio()
    return m.ratio()


def entry_text(e: dict) -> str:
    """The registered text of an entry; an entry written before texts were registered has its
    first and last words only."""
    return str(e.get("text") or f"{e.get('incipit', '')} {e.get('explicit', '')}".strip())


@dataclass
class Doubt:
    """A match the build will not decide alone: the editor must."""

    entry: dict
    message: str
    hint: str


@dataclass
class Assignment:
    """The outcome of matching the paragraphs of a text to its registry."""

    numbers: list[int]
    """The anchor number of each paragraph, in reading order."""
    new: list[int]
    """Numbers given to paragraphs the registry does not know yet."""
    changed: list[int]
    """Numbers whose paragraph matched a registered text that is not identical (edited text)."""
    lost: list[dict]
    """Live registry entries that no paragraph resembles (no candidate at all)."""
    doubts: list[Doubt] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)
    """For each changed number, how alike its paragraph and its registered text are."""


def assign(paragraphs: list[str], registry: list[dict], accept: frozenset[str] = frozenset()) -> Assignment:
    """Match paragraph texts to registry entries; see the module docstring. ``accept`` names
    anchors whose best match the editor has confirmed (``make anchors ACCEPT=…``)."""
    texts = [registered(p) for p in paragraphs]
    digests = [hashlib.sha256(t.encode("utf-8")).hexdigest()[:16] for t in texts]
    live = [e for e in registry if not e.get("removed")]
    number = {id(e): int(str(e["anchor"])[1:]) for e in registry}
    numbers: list[int | None] = [None] * len(paragraphs)
    owner: dict[int, dict] = {}
    # 1. Identical text, in order (two identical paragraphs keep their order).
    by_digest: dict[str, list[dict]] = {}
    for e in live:
        by_digest.setdefault(str(e.get("digest", "")), []).append(e)
    for i, d in enumerate(digests):
        queue = by_digest.get(d)
        if queue:
            e = queue.pop(0)
            numbers[i], owner[i] = number[id(e)], e
    # 2. Whole-paragraph similarity, for what is left, best pairs first.
    taken = {id(e) for e in owner.values()}
    rest = [e for e in live if id(e) not in taken]
    free = [i for i in range(len(texts)) if numbers[i] is None]
    scores = {(id(e), i): similarity(entry_text(e), texts[i], NEAR) if "text" in e else _ends(e, texts[i])
              for e in rest for i in free}
    doubts: list[Doubt] = []
    changed, lost, chosen = [], [], {}
    for e in rest:
        ranked = sorted(((scores[(id(e), i)], i) for i in free), reverse=True)
        best, i = ranked[0] if ranked else (0.0, -1)
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        name = str(e["anchor"])
        if best < NEAR and name not in accept:
            lost.append(e)
        elif best >= SAME and best - second >= MARGIN or name in accept and best >= NEAR:
            chosen[id(e)] = (best, i, e)
        elif best >= SAME:
            doubts.append(Doubt(e, f"{name} could be either of two paragraphs: \"{_start(texts[i])}…\" "
                                   f"({best:.0%} alike) and \"{_start(texts[ranked[1][1]])}…\" "
                                   f"({second:.0%} alike)", _decide(name)))
        else:
            doubts.append(Doubt(e, f"{name}'s paragraph has changed beyond recognition: the nearest paragraph, "
                                   f"\"{_start(texts[i])}…\", is only {best:.0%} alike, below the "
                                   f"{SAME:.0%} that the edition takes for the same paragraph", _decide(name)))
    # Two anchors may not claim one paragraph: the better match keeps it, the other is a doubt.
    for best, i, e in sorted(chosen.values(), key=lambda x: -x[0]):
        if numbers[i] is not None:
            doubts.append(Doubt(e, f"{e['anchor']} and {owner[i]['anchor']} both match the paragraph "
                                   f"\"{_start(texts[i])}…\"", _decide(str(e["anchor"]))))
            continue
        numbers[i], owner[i] = number[id(e)], e
        changed.append(number[id(e)])
    # 3. Registered paragraphs keep their order.
    order = {id(e): k for k, e in enumerate(live)}
    placed = [(i, owner[i]) for i in sorted(owner)]
    for (_, a), (_, b) in zip(placed, placed[1:]):
        if order[id(a)] > order[id(b)] and not {str(a["anchor"]), str(b["anchor"])} & accept:
            doubts.append(Doubt(a, f"{a['anchor']} now stands before {b['anchor']}, against the order in which they "
                                   f"were registered", f"if the text was reordered, record the new order with "
                                   f"`make anchors ACCEPT={a['anchor']}`; otherwise restore the order"))
    # 4. New paragraphs: numbers after the highest ever registered. With doubts, none is given
    # out: a paragraph in doubt must not receive a new number that could be published.
    top = max(number.values(), default=0)
    new: list[int] = []
    for i in range(len(numbers)):
        if numbers[i] is None:
            top += 1
            numbers[i] = top
            new.append(top)
    return Assignment([n for n in numbers if n is not None], new, changed, lost, doubts,
                      {number[id(e)]: s for s, _, e in chosen.values()})


def _ends(e: dict, text: str) -> float:
    """For an entry registered without its text: how far both its first and its last words
    are kept (the lower of the two)."""
    words = text.split(" ")
    return min(SequenceMatcher(None, str(e.get("incipit", "")), " ".join(words[:WORDS]), autojunk=False).ratio(),
               SequenceMatcher(None, str(e.get("explicit", "")), " ".join(words[-WORDS:]), autojunk=False).ratio())


def _start(text: str, n: int = 6) -> str:
    return " ".join(text.split(" ")[:n])


def _decide(name: str) -> str:
    return (f"if it is still the same paragraph, confirm it with `make anchors ACCEPT={name}`; if it was "
            f"removed or rewritten into another, keep {name} as a tombstone: add `removed: \"why\"` (and `see: pN`) "
            f"to its entry")


def ranges(anchors: list[str]) -> str:
    """``p1–p4, p7`` for p1, p2, p3, p4, p7."""
    nums = sorted(int(a[1:]) for a in anchors)
    out, start = [], None
    for k, n in enumerate(nums):
        if start is None:
            start = n
        if k + 1 == len(nums) or nums[k + 1] != n + 1:
            out.append(f"p{start}" if start == n else f"p{start}–p{n}")
            start = None
    return ", ".join(out)


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


def stale(paragraphs: list[str], numbers: list[int], registry: list[dict]) -> list[str]:
    """Anchors whose registered text is not their paragraph's text (or which are not
    registered at all): `make anchors` must be run."""
    by_anchor = {str(e["anchor"]): e for e in registry if not e.get("removed")}
    out = []
    for t, n in zip(paragraphs, numbers):
        e = by_anchor.get(f"p{n}")
        if e is None or any(str(e.get(k)) != v for k, v in fingerprint(t).items()):
            out.append(f"p{n}")
    return out


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
            now = registered(texts[anchor])
            if fingerprint(texts[anchor])["digest"] != e.get("digest") and similarity(entry_text(e), now) < SAME:
                problems.append(f"{name}: {anchor} now holds different text (\"{_start(now, 8)}…\" instead of "
                                f"\"{_start(entry_text(e), 8)}…\"); record the decision (a tombstone with `see:`) or "
                                f"restore the paragraph")
    unregistered = sorted(set(texts) - {e["anchor"] for e in registry}, key=lambda a: int(a[1:]))
    if unregistered:
        problems.append(f"{name}: {', '.join(unregistered)} not registered; run `make anchors` and commit "
                        f"sources/anchors/")
    return problems
