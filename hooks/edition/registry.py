"""The anchor registries (``sources/anchors/<id>.yml``): each text's body paragraphs numbered
from its registry, checked against what was published, with every doubt a problem."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import anchors as anchor_mod
from .fields import check_fields
from .model import Source, Tombstone
from .problems import Problems
from .published import Published, compare
from .yamlio import MAX_STRING, load_yaml

REGISTRY_FIELDS = {"source": (str, True), "anchors": (list, True)}



ENTRY_FIELDS = {"anchor": (str, True), "incipit": (str, False), "explicit": (str, False),
                "digest": (str, False), "text": (str, False), "removed": (str, False), "see": (str, False)}



@dataclass
class Options:
    """How the texts are loaded: ``mode`` is ``build`` (`make check`, `make build`: an anchor
    registry that is out of date is an error), ``preview`` (`make serve`: a notice) or
    ``anchors`` (`make anchors`, which brings it up to date); ``accept`` lists the anchors whose
    doubtful match an editor has confirmed; ``published`` the registries as published."""

    mode: str = "build"
    accept: frozenset = frozenset()
    published: Published | None = None



def number_paragraphs(root: Path, src: Source, problems: Problems, opts: Options) -> None:
    """Number the body paragraphs from the anchor registry (see :mod:`.anchors`)."""
    reg_path = root / "sources" / "anchors" / f"{src.id}.yml"
    reg_rel = reg_path.relative_to(root).as_posix()
    entries: list = []
    list_line = 0
    if reg_path.exists():
        data = load_yaml(reg_path, reg_rel, problems)
        if data is not None and check_fields(data, REGISTRY_FIELDS, reg_rel, problems, "anchor registry"):
            list_line = data.line_of("anchors")
            seen: dict[str, int] = {}
            for i, e in enumerate(data["anchors"]):
                line = data["anchors"].line_of(i)
                if check_fields(e, ENTRY_FIELDS, reg_rel, problems, "anchor entry", line):
                    if not re.fullmatch(r"p[1-9]\d*", str(e["anchor"])):
                        problems.add(reg_rel, line, f"anchor {e['anchor']!r} is not of the form pN")
                        continue
                    if e["anchor"] in seen:
                        problems.add(reg_rel, line, f"anchor {e['anchor']} is registered twice",
                                     f"the other entry is at line {seen[e['anchor']]}; keep one")
                        continue
                    seen[e["anchor"]] = line
                    if "removed" in e and not " ".join(str(e["removed"] or "").split()):
                        problems.add(reg_rel, e.line_of("removed"), f"the tombstone of {e['anchor']} gives no reason",
                                     "say in `removed:` why the paragraph was removed, and when; a tombstone tells "
                                     "the reader who follows a published citation what became of it")
                        continue
                    entries.append(e)
    violations = list(_published(opts, src.id, entries))
    for entry, message, hint in violations:
        problems.add(reg_rel, getattr(entry, "line", 0) if entry else 0, message, hint)
    paragraphs = src.paragraphs
    texts = [b.reading for b in paragraphs]
    for b in paragraphs:
        n = len(anchor_mod.registered(b.reading))
        if n > MAX_STRING:
            problems.add(src.text_path, b.line, f"this body paragraph has {n:,} characters, more than the {MAX_STRING:,} "
                         "the anchor registry can record for one paragraph", "check that two paragraphs have not run "
                         "together (a blank line lost between them); if it is one paragraph, report it as a limit of "
                         "the edition")
    result = anchor_mod.assign(texts, entries, accept=opts.accept)
    for block, n in zip(paragraphs, result.numbers):
        block.number, block.id = n, f"p{n}"
    src.meta["_registry"] = entries
    src.meta["_assignment"] = result
    src.meta["_anchor_texts"] = texts
    # What the other files quote cannot be checked against paragraphs that lost or changed
    # their published anchors (sources.load_sources counts those references instead).
    src.meta["_anchors_broken"] = bool(violations or result.lost)
    for e in result.lost:
        problems.add(reg_rel, getattr(e, "line", 0),
                     f"published anchor {e['anchor']} of {src.id} would disappear: no paragraph resembles "
                     f"\"{' '.join(anchor_mod.entry_text(e).split()[:8])}…\" any more",
                     f"if the paragraph was removed, keep the anchor as a tombstone by adding "
                     f"`removed: \"why and when\"` (and `see: pN` for where its content went) to the entry for "
                     f"{e['anchor']}; if it was rewritten, restore it")
    for d in result.doubts:
        problems.add(reg_rel, getattr(d.entry, "line", 0), f"{src.id}: {d.message}", d.hint)
    _living_tombstones(entries, texts, result.numbers, set(result.new), src.id, reg_rel, problems,
                       opts.published.of(src.id) if opts.published else [])
    out_of_date = anchor_mod.stale(texts, result.numbers, entries)
    if out_of_date and not result.lost and not result.doubts and opts.mode != "anchors":
        new = [a for a in out_of_date if int(a[1:]) in result.new]
        edited = [a for a in out_of_date if a not in new]
        what = "; ".join(x for x in (new and f"new paragraphs {anchor_mod.ranges(new)}",
                                     edited and f"the text of {anchor_mod.ranges(edited)} has changed") if x)
        message = f"the anchor registry of {src.id} is out of date ({what})"
        hint = "run `make anchors` and commit sources/anchors/, so that these anchors are kept once published"
        first = next((e for e in entries if str(e["anchor"]) in out_of_date), None)
        if opts.mode == "preview":
            problems.notice(f"{reg_rel}: {message}; {hint}")
        else:
            problems.add(reg_rel, getattr(first, "line", 0) or list_line, message, hint)
    live = {b.id for b in paragraphs}
    previous = None
    for e in entries:
        if e.get("removed"):
            see = e.get("see")
            if see and see not in live:
                problems.add(reg_rel, getattr(e, "line", 0), f"tombstone {e['anchor']} points to {see}, "
                             f"which is not a paragraph of {src.id}", "name a live anchor in 'see'")
                see = None
            src.tombstones.append(_tombstone(e, see, previous))
        elif e["anchor"] in live:
            previous = e["anchor"]



def _living_tombstones(entries: list, texts: list[str], numbers: list[int], new: set[int], sid: str, rel: str,
                       problems: Problems, published: list = ()) -> None:
    """A tombstone is refused where its paragraph is still in the text: at least
    :data:`~.anchors.SAME` alike, always; between NEAR and SAME (a paragraph rewritten, split or
    merged) unless its ``see:`` names that paragraph, where the editor says its content went; a
    paragraph in that band that keeps an anchor of its own is another paragraph, and not counted."""
    folded_texts = [anchor_mod.registered(t) for t in texts]
    for e in entries:
        if not e.get("removed"):
            continue
        # The text the entry records now, and every text under which the anchor was published.
        olds = {anchor_mod.entry_text(e)} | {anchor_mod.entry_text(pe) for _, pes in published for pe in pes
                                             if str(pe.get("anchor")) == str(e["anchor"]) and not pe.get("removed")}
        ranked = sorted(((anchor_mod.similarity(old, t, anchor_mod.NEAR), i) for old in olds
                         for i, t in enumerate(folded_texts)), reverse=True)
        if not ranked or ranked[0][0] < anchor_mod.NEAR:
            continue
        best, i = ranked[0]
        name, now = str(e["anchor"]), f"p{numbers[i]}"
        if best >= anchor_mod.SAME:
            problems.add(rel, getattr(e, "line", 0),
                         f"{name} of {sid} is marked removed, but its paragraph is still in the text ({best:.0%} alike: "
                         f"\"{' '.join(folded_texts[i].split()[:8])}…\", now numbered {now})",
                         f"a paragraph that is still there keeps its anchor: delete `removed:` (and `see:`) from "
                         f"{name}'s entry (and the entry for {now}, if `make anchors` wrote one), then run `make anchors`")
        elif e.get("see") != now and numbers[i] in new:
            problems.add(rel, getattr(e, "line", 0),
                         f"{name} of {sid} is marked removed, but a paragraph {best:.0%} like it is still in the text "
                         f"(\"{' '.join(folded_texts[i].split()[:8])}…\", numbered {now})",
                         f"if it is the same paragraph rewritten, delete `removed:` so that it keeps {name} (confirm the "
                         f"match with `make anchors ACCEPT={name}`); if it was split or merged into {now}, say so with "
                         f"`see: {now}`")


def _published(opts: Options, sid: str, entries: list) -> list:
    """What the registry drops or changes of the published registries (see :mod:`.published`)."""
    if opts.published is None:
        return []
    return compare(opts.published.of(sid), entries)



def _tombstone(e: dict, see: str | None, after: str | None) -> Tombstone:
    return Tombstone(anchor=e["anchor"], reason=str(e["removed"]), see=see, after=after,
                     incipit=e.get("incipit", ""))

