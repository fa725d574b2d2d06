"""What a published cross-reference id names, kept for ever.

A cross-reference id (``xrefs/#x-<id>``) is published when it stands on the main branch or
in a release. What it names there is read from git (:mod:`.published`): the annotation file
as it was published, and the anchor registries of the same commit, which give the paragraph of
each quoted passage. Every build compares the whole of that with what ``sources/`` says now:

* May change under a published id: the title, the note, the relation (re-decided by the
  written procedure, and said in the changelog), the topics, the wording of a quote that stays
  in the same claim (an emendation; a longer or shorter quote of the same words), and the
  passages added beside the published ones (a merge, a further sentence of the same claim).
* May never change: the paragraph of each published passage (the passage may follow its
  paragraph's tombstone to the paragraph named by ``see:``), or the words it quotes, which must
  overlap the published quote. An id that must go is retired in ``sources/retired.yml`` with a
  reason and, where there is one, the id of its successor; a retired id is never given out
  again, and an id still in use cannot be retired.
"""
from __future__ import annotations

from pathlib import Path

from .anchors import similarity
from .fields import check_fields, check_id
from .model import Annotation, Source, Tombstone, where as place
from .problems import Problems
from .published import Published, State
from .quotes import QuoteIndex, quoted
from .yamlio import load_yaml

REL = "sources/retired.yml"
RETIRED_FIELDS = {"id": (str, True), "removed": (str, True), "see": (str, False)}
KEEP = 0.6
SHARED = 20
"""The characters of the published words a passage must still quote where they still stand."""
"""Below this share of characters in common, an emended quote no longer quotes the same words."""


def load_retired(root: Path, problems: Problems) -> dict[str, dict]:
    """The retired cross-reference ids (``sources/retired.yml``, optional): id → entry."""
    if not (root / REL).exists():
        return {}
    data = load_yaml(root / REL, REL, problems)
    if data is None or not check_fields(data, {"retired": (list, True)}, REL, problems, "retired.yml"):
        return {}
    out: dict[str, dict] = {}
    for i, e in enumerate(data["retired"]):
        line = data["retired"].line_of(i)
        if not check_fields(e, RETIRED_FIELDS, REL, problems, "retired cross-reference", line):
            continue
        if not check_id(e["id"], REL, e.line_of("id"), problems, "retired id"):
            continue
        if e["id"] in out:
            problems.add(REL, line, f"'{e['id']}' is retired twice", f"the other entry is at {REL}:{out[e['id']].line}")
            continue
        if not " ".join(e["removed"].split()):
            problems.add(REL, e.line_of("removed"), f"'{e['id']}' is retired without a reason",
                         "say in 'removed' why the cross-reference was retired and when")
            continue
        out[e["id"]] = e
    return out


def check_identity(published: Published, annotations: list[Annotation], sources: dict[str, Source],
                   retired: dict[str, dict], problems: Problems) -> None:
    """Every published id names what it named, or is retired honestly (see the module)."""
    by_id = {i: a for a in annotations for i in [a.id, *a.aliases]}
    for rid, e in retired.items():
        if rid in by_id:
            problems.add(REL, e.line, f"'{rid}' is retired, but the cross-reference is still there "
                         f"({by_id[rid].path}:{by_id[rid].line})", "a cross-reference that is still in use is "
                         "never retired: remove this entry, or remove the annotation (or its alias) it retires")
        see = e.get("see")
        if see and see not in by_id:
            problems.add(REL, e.line_of("see"), f"'{rid}' points to '{see}', which is not a cross-reference",
                         "name in 'see' the id of the cross-reference that took its place, or leave 'see' out")
    indices = {sid: QuoteIndex(src.blocks) for sid, src in sources.items()}
    reported: set[tuple[str, str]] = set()
    for state in published.states:
        for rid in sorted(set(state.retired) - set(retired)):
            _once(problems, reported, (rid, "tomb"), REL, 0,
                  f"'{rid}' was published as retired ({state.where}) and its entry is gone from {REL}",
                  f"restore the entry (git show it from {state.where}); a retired id keeps its tombstone")
        for rid in sorted(set(state.retired) & set(by_id)):
            a = by_id[rid]
            _once(problems, reported, (rid, "back"), a.path, a.line,
                  f"'{rid}' was published as retired ({state.where}) and is given to a cross-reference again",
                  "a retired id is never given out again: choose a new id")
        for xid, (owner, passages) in sorted(state.xrefs.items()):
            if xid in retired or xid in state.retired:
                continue
            a = by_id.get(xid)
            if a is None:
                continue  # reported by published.check_ids
            for sid, quote, prefix, suffix in passages:
                if sid not in sources:
                    continue
                block = _published_block(state, sources[sid], indices[sid], quote, prefix, suffix)
                if block is None:
                    _once(problems, reported, (xid, sid, quote), a.path, a.line,
                          f"the cross-reference '{xid}' was published ({state.where}) with a passage of {sid} "
                          f"(\"{_short(quote)}\") that the edition can no longer place in a paragraph",
                          "restore the passage's quote as published, or retire the id in sources/retired.yml")
                    continue
                if not any(_same_passage(p, sid, block, quote, prefix, suffix, sources[sid], indices[sid])
                           for p in a.passages):
                    label = place(sources[sid], block) if sources[sid].block(block) else f"{sid} {block}"
                    _once(problems, reported, (xid, sid, block, quote), a.path, _line_of(a, sid),
                          f"the cross-reference '{xid}' was published ({state.where}, at xrefs/#x-{xid}) joining "
                          f"{label} (\"{_short(quote)}\"), and it no longer quotes that passage",
                          f"a published cross-reference always names the same passages: restore that passage (its "
                          f"wording may be emended or lengthened, not moved); to link other passages, make a new "
                          f"cross-reference with a new id, and retire '{xid}' in sources/retired.yml with "
                          f"`removed: \"why\"` and `see: <new id>`")


def _once(problems: Problems, reported: set, key, path: str, line: int, message: str, hint: str) -> None:
    if key not in reported:
        reported.add(key)
        problems.add(path, line, message, hint)


def _line_of(a: Annotation, sid: str) -> int:
    return next((p.line for p in a.passages if p.source == sid), a.line)


def _published_block(state: State, src: Source, index: QuoteIndex, quote: str, prefix: str, suffix: str) -> str | None:
    """The block a published passage stood in: the paragraph of the registry of its own
    commit whose text holds the quote, else where the quote stands in the text now."""
    q = quoted(quote)
    if not q:
        return None
    hits = [e for e in state.registries.get(src.id, []) if not e.get("removed") and q in str(e.get("text", ""))]
    if len(hits) > 1 and (prefix or suffix):
        pre, suf = quoted(prefix), quoted(suffix)
        hits = [e for e in hits if (not pre or f"{pre} {q}" in str(e["text"]) or f"{pre}{q}" in str(e["text"]))
                and (not suf or f"{q} {suf}" in str(e["text"]) or f"{q}{suf}" in str(e["text"]))]
    if len(hits) == 1:
        return str(hits[0]["anchor"])
    found = index.find(quote, prefix, suffix)
    return found[0].block if len(found) == 1 else None


def _same_passage(p, sid: str, block: str, quote: str, prefix: str, suffix: str, src: Source,
                  index: QuoteIndex) -> bool:
    """Whether the current passage ``p`` is the published passage (``block``, ``quote``): the
    same paragraph (or the one its tombstone names), and words that overlap the published ones."""
    if p.source != sid:
        return False
    blocks = {block}
    tomb: Tombstone | None = next((t for t in src.tombstones if t.anchor == block), None)
    if tomb is not None and tomb.see:
        blocks.add(tomb.see)
    if p.block not in blocks:
        return False
    spans = [loc for loc in index.find(quote, prefix, suffix) if loc.block == p.block]
    if spans:
        # The published words still stand in the paragraph: the passage must take them in, where
        # they stand (not the same words, or some of them, elsewhere in the paragraph).
        # and enough of them to be the same claim (not two of its small words).
        return any(min(p.end, loc.end) - max(p.start, loc.start) >= min(SHARED, loc.end - loc.start) for loc in spans)
    # The published words were emended: the passage must still quote mostly the same words.
    old, new = quoted(quote), quoted(p.quote)
    return old in new or new in old or similarity(old, new) >= KEEP


def _short(text: str, n: int = 8) -> str:
    words = " ".join(str(text).split()).split(" ")
    return " ".join(words[:n]) + ("…" if len(words) > n else "")
