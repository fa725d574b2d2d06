"""Published addresses keep their meaning, under any sequence of an editor's edits.

A copy of the project is committed as its published main branch; then random sequences of
edits are made to it: paragraphs inserted, deleted (with or without a tombstone), split, merged
and reworded in the received texts (their sha256 updated, as an editor records a new witness);
cross-references added, a passage moved to another paragraph, a quote shortened, lengthened or
pointed at another occurrence of its words, a cross-reference deleted (retired, or merged into
another as an alias), a published id given to another pair, aliases added; tombstones of
paragraphs (`removed:` in an anchor registry) and of ids (sources/retired.yml) added and
removed; `make anchors` (with or without `--accept` of the doubts it reports) run at random
between steps; and now and then an accepted state committed as the new published state.

After every step that `load_edition` accepts, what was published must still resolve to what it
named. The expectation is computed here, independently of the edition's identity code, from the
committed files alone (`git show`): each published anchor must be the same paragraph (the same
folded text, or an edited one at least half alike that the registry records) or an honest
tombstone (a reason, and its paragraph no longer in the text); each published cross-reference id
must be an annotation (own id or alias) that still quotes, in the paragraph each published
passage stood in (found by a folded substring search of the committed registries' texts) or in
the paragraph that paragraph's tombstone names, words of the published quote (and, where the
published words still stand in that paragraph, those very words), or a retired id with a reason.

The number of examples is IDENTITY_EXAMPLES (default 25), the longest sequence IDENTITY_STEPS
(default 6). A failing sequence is printed as JSON; kept in tests/regressions/identity/*.json
(``{"why": "...", "steps": [...]}``), it is replayed by test_regression on every run. Steps name
paragraphs, words and annotations by position (taken modulo what there is), so a kept sequence
still runs when the sources change, though it may then exercise something else.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from hashlib import sha256
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st

from conftest import make_project
from edition import EditionError, load_edition
from edition.__main__ import main as edition_main

EXAMPLES = int(os.environ.get("IDENTITY_EXAMPLES", "25"))
STEPS = int(os.environ.get("IDENTITY_STEPS", "6"))
PHASES = [Phase.explicit, Phase.reuse, Phase.generate] + (
    [Phase.shrink, Phase.explain] if os.environ.get("IDENTITY_SHRINK") else [])
"""Shrinking a failing sequence costs a second a try, minutes in all: only with IDENTITY_SHRINK=1.
Without it, the failing sequence is reported as generated, cut after the step that broke."""
COLLECT = os.environ.get("IDENTITY_COLLECT", "")
"""A long run by hand: the file each example is recorded in, violations included, none failing."""
REGRESSIONS = Path(__file__).resolve().parent / "regressions" / "identity"
ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1",
       "HOME": "/nonexistent"}

NEAR, SAME = 0.5, 0.9
"""The shares of characters in common the invariant allows: an edited paragraph keeps its anchor
at NEAR or above (the registry must record it); a paragraph at SAME or above is still there."""


def load(text):
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env=ENV).stdout


# -- Folding and matching, written here so that the expectation does not borrow the code under test.

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u201c": '"',
                       "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2013": "-", "\u2014": "-",
                       "\u200b": "", "\ufeff": ""})


def fold(text) -> str:
    """Typographic variants and runs of white space folded, as quotes are matched."""
    text = unicodedata.normalize("NFC", str(text or "")).replace("\\$", "$").translate(_FOLD)
    return " ".join(text.replace("\u00a0", " ").replace("\u2007", " ").replace("\u202f", " ").split())


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


def occurrences(text: str, q: str, pre: str = "", suf: str = "") -> list[tuple[int, int]]:
    """Every (start, end) of the folded quote ``q`` in the folded ``text`` with its context."""
    out, i = [], text.find(q) if q else -1
    while i != -1:
        j = i + len(q)
        if (not pre or text[:i].rstrip().endswith(pre)) and (not suf or text[j:].lstrip().startswith(suf)):
            out.append((i, j))
        i = text.find(q, i + 1)
    return out


STOP = set("a an and are as at be by for from has have in is it its of on or that the this to was were "
           "with not but which".split())


def words(text: str) -> set[str]:
    ws = set(re.findall(r"\w+", fold(text).casefold()))
    return ws - STOP or ws


# -- The published state, read from a commit ------------------------------------------------------

class Published:
    """What a commit published: ``anchors`` (sid → anchor → {"text": folded text, "removed":
    reason or None}), ``xrefs`` (every published id, own id or alias → its passages as (sid,
    quote, prefix, suffix, anchor)) and the ``retired`` ids (id → reason)."""

    def __init__(self, commit: str, anchors: dict, xrefs: dict, retired: dict):
        self.commit, self.anchors, self.xrefs, self.retired = commit, anchors, xrefs, retired

    def __repr__(self) -> str:  # a failing example prints the fixture: the commit is enough
        return f"Published({self.commit[:12]})"


def _show(project: Path, commit: str, path: str):
    return load(git(project, "show", f"{commit}:{path}"))


def published_at(project: Path, commit: str) -> Published:
    files = git(project, "ls-tree", "-r", "--name-only", commit, "--", "sources").splitlines()
    anchors: dict[str, dict[str, dict]] = {}
    for path in files:
        m = re.fullmatch(r"sources/anchors/([^/]+)\.yml", path)
        if m:
            anchors[m.group(1)] = {str(e["anchor"]): {"text": fold(e.get("text")), "removed": e.get("removed")}
                                   for e in (_show(project, commit, path) or {}).get("anchors") or []}
    xrefs = {}
    for path in files:
        if path.startswith("sources/annotations/") and path.endswith(".yml"):
            data = _show(project, commit, path) or {}
            passages = []
            for p in data.get("passages") or []:
                sid, q, pre, suf = (str(p.get(k) or "") for k in ("source", "quote", "prefix", "suffix"))
                passages.append((sid, q, pre, suf, _locate(anchors.get(sid, {}), q, pre, suf)))
            for xid in [Path(path).stem, *(data.get("aliases") or [])]:
                xrefs[str(xid)] = passages
    retired = {}
    if "sources/retired.yml" in files:
        retired = {str(e["id"]): str(e.get("removed") or "")
                   for e in (_show(project, commit, "sources/retired.yml") or {}).get("retired") or []}
    return Published(commit, anchors, xrefs, retired)


def _locate(entries: dict[str, dict], quote: str, prefix: str, suffix: str) -> str | None:
    """The published paragraph of a quote: the one live registered text that holds it (with its
    prefix and suffix, when it is in several); None for a quote of no body paragraph."""
    q, pre, suf = fold(quote), fold(prefix), fold(suffix)
    hits = [a for a, e in entries.items() if not e["removed"] and q and q in e["text"]]
    if len(hits) > 1:
        hits = [a for a in hits if occurrences(entries[a]["text"], q, pre, suf)]
    return hits[0] if len(hits) == 1 else None


# -- The invariant ---------------------------------------------------------------------------------

def violations(project: Path, ed, pub: Published) -> list[str]:
    """What the accepted edition ``ed`` no longer keeps of the published state ``pub``."""
    out = []
    live = {sid: {b.id: fold(b.reading) for b in src.paragraphs} for sid, src in ed.sources.items()}
    tombs = {sid: {t.anchor: t for t in src.tombstones} for sid, src in ed.sources.items()}
    for sid, published in pub.anchors.items():
        reg_path = project / "sources" / "anchors" / f"{sid}.yml"
        registry = {str(e["anchor"]): e for e in load(reg_path.read_text(encoding="utf-8"))["anchors"]}
        paras, stones = live.get(sid, {}), tombs.get(sid, {})
        for a, pe in published.items():
            if a in paras and a in stones:
                out.append(f"{sid} {a} is both a paragraph and a tombstone")
            if pe["removed"]:
                if a not in stones or a in paras:
                    out.append(f"{sid} {a} was published as a tombstone and is not one now")
                elif not stones[a].reason.strip():
                    out.append(f"{sid} {a} was published as a tombstone and has no reason now")
                continue
            if a in paras:
                now = paras[a]
                if ratio(pe["text"], now) < NEAR:
                    out.append(f"{sid} {a} now names another paragraph ({ratio(pe['text'], now):.0%} alike): "
                               f"{pe['text'][:60]!r} → {now[:60]!r}")
                entry = registry.get(a) or {}
                if entry.get("removed") or fold(entry.get("text")) != now:
                    out.append(f"{sid} {a} holds a paragraph its registry entry does not record")
            elif a in stones:
                t = stones[a]
                if not t.reason.strip():
                    out.append(f"{sid} {a} is a tombstone without a reason ({t.reason!r})")
                if t.see and t.see not in paras:
                    out.append(f"{sid} {a}'s tombstone points to {t.see}, which is no paragraph")
                registered = fold((registry.get(a) or {}).get("text"))
                for text, what in ((pe["text"], "published"), (registered, "registered")):
                    still = [(ratio(text, p), b) for b, p in paras.items()]
                    best = max(still, default=(0.0, ""))
                    if text and best[0] >= SAME:
                        out.append(f"{sid} {a} is a tombstone, but its {what} paragraph is still in the text "
                                   f"({best[0]:.0%} alike, as {best[1]})")
            else:
                out.append(f"{sid} {a} was published and resolves to nothing")
    by_id = {}
    for ann in ed.annotations:
        for i in [ann.id, *ann.aliases]:
            if i in by_id:
                out.append(f"'{i}' names two annotations")
            by_id[i] = ann
    retired = _retired_now(project)
    for rid, reason in pub.retired.items():
        if not retired.get(rid, "").strip():
            out.append(f"'{rid}' was published as retired and is no longer retired with a reason")
        if rid in by_id:
            out.append(f"'{rid}' was published as retired and names an annotation again")
    for xid, passages in sorted(pub.xrefs.items()):
        if xid in pub.retired:
            continue
        if retired.get(xid, "").strip():
            if xid in by_id:
                out.append(f"'{xid}' is retired and still names an annotation")
            continue
        ann = by_id.get(xid)
        if ann is None:
            out.append(f"the published id '{xid}' resolves to nothing")
            continue
        for sid, q, pre, suf, block in passages:
            if sid not in ed.sources:
                continue
            allowed = {block}
            stone = tombs.get(sid, {}).get(block)
            if stone is not None and stone.see:
                allowed.add(stone.see)
            if not any(_keeps(p, q, pre, suf, live.get(sid, {})) for p in ann.passages
                       if p.source == sid and (block is None or p.block in allowed)):
                now = [(p.source, p.block, p.quote) for p in ann.passages]
                out.append(f"the published id '{xid}' ({ann.id}) no longer quotes its passage of {sid} in "
                           f"{block} ({q!r}); it quotes {now}")
    return out


def _keeps(p, quote: str, prefix: str, suffix: str, paras: dict[str, str]) -> bool:
    """Whether the current passage ``p`` quotes words of the published quote; where the published
    words still stand in its paragraph, whether it quotes those very words."""
    if not words(p.quote) & words(quote):
        return False
    text = paras.get(p.block)
    if text is None:
        return True
    old = occurrences(text, fold(quote), fold(prefix), fold(suffix)) or occurrences(text, fold(quote))
    new = occurrences(text, fold(p.quote), fold(p.prefix), fold(p.suffix))
    if not old or not new:
        return True
    return any(a < d and c < b for a, b in old for c, d in new)


def _retired_now(project: Path) -> dict[str, str]:
    path = project / "sources" / "retired.yml"
    if not path.exists():
        return {}
    data = load(path.read_text(encoding="utf-8")) or {}
    return {str(e["id"]): str(e.get("removed") or "") for e in data.get("retired") or [] if isinstance(e, dict)}


# -- The editor ------------------------------------------------------------------------------------

SYLLABLES = "ka lo mi ren tas vel qu or pim dra sel no fu zan ber tio gal wen".split()
_SEP = re.compile(r"(\n(?:[ \t]*\n)+)")
_WORD = re.compile(r"[\w'’.,;:()%-]+")
_EM = re.compile(r"(?<![*\w])\*([^*\s][^*\n]*?)\*(?![*\w])")
REASONS = ["removed in the new witness", "merged into the next paragraph", " ", ""]


def pseudo_words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(n)]


@dataclass
class Text:
    """A received text as blocks and the separators between them, and which blocks are body."""

    sid: str
    path: Path
    meta_path: Path
    parts: list[str]
    tail: str
    rules: list[str]
    markdown: bool
    body: list[int] = field(default_factory=list)

    def reading(self, k: int) -> str:
        raw = self.parts[self.body[k]]
        if self.markdown:
            raw = _EM.sub(r"\1", re.sub(r"<u>([^<]*)</u>", r"\1", raw))
        return raw


class Editor:
    """An editor's edits of the project's sources; every step is a function of the files and of
    its integer parameters (taken modulo what there is), so that a sequence can be replayed."""

    def __init__(self, project: Path):
        self.project = project
        self.src = project / "sources"
        self.published_ids: list[str] = []
        """The ids (own ids, aliases and retired ids) of the published state."""

    # texts
    def sids(self) -> list[str]:
        return sorted(p.stem for p in (self.src / "texts").glob("*.yml"))

    def text(self, sid_i: int) -> Text:
        sid = self.sids()[sid_i % len(self.sids())]
        meta_path = self.src / "texts" / f"{sid}.yml"
        meta = load(meta_path.read_text(encoding="utf-8"))
        path = meta_path.parent / meta["file"]
        raw = path.read_text(encoding="utf-8")
        body_text = raw.rstrip("\n")
        t = Text(sid, path, meta_path, _SEP.split(body_text), raw[len(body_text):],
                 [str(r["match"]) for r in meta.get("blocks") or []], meta.get("conversion") == "markdown")
        t.body = [i for i in range(0, len(t.parts), 2)
                  if not any(t.parts[i].startswith(m) for m in t.rules) and not re.match(r"#{1,6}[ \t]", t.parts[i])]
        return t

    def save(self, t: Text) -> None:
        data = ("".join(t.parts) + (t.tail or "\n")).encode("utf-8")
        t.path.write_bytes(data)
        meta = t.meta_path.read_text(encoding="utf-8")
        t.meta_path.write_text(re.sub(r"(?m)^sha256: .*$", f"sha256: {sha256(data).hexdigest()}", meta),
                               encoding="utf-8")

    def all_text(self, t: Text) -> list[str]:
        """The folded text of every block (body paragraphs as read, other blocks as received)."""
        body = {i: k for k, i in enumerate(t.body)}
        return [fold(t.reading(body[i]) if i in body else t.parts[i]) for i in range(0, len(t.parts), 2)]

    # registries
    def registry_lines(self, sid: str) -> list[str]:
        return (self.src / "anchors" / f"{sid}.yml").read_text(encoding="utf-8").split("\n")

    def entries(self, sid: str) -> list[tuple[int, int, str]]:
        """(first line, end line, anchor) of each registry entry."""
        lines = self.registry_lines(sid)
        starts = [i for i, x in enumerate(lines) if x.startswith("  - anchor: ")]
        ends = starts[1:] + [len(lines) - (lines[-1] == "")]
        return [(s, e, lines[s].split(": ", 1)[1].strip()) for s, e in zip(starts, ends)]

    def anchor_of(self, t: Text, k: int) -> str | None:
        """The anchor the registry gives body block ``k`` (by its registered text), if any."""
        reg = load((self.src / "anchors" / f"{t.sid}.yml").read_text(encoding="utf-8"))
        now = fold(t.reading(k))
        return next((str(e["anchor"]) for e in reg["anchors"] if not e.get("removed")
                     and fold(e.get("text")) == now), None)

    def add_tombstone(self, sid: str, anchor: str, reason: str, see: str | None) -> None:
        lines = self.registry_lines(sid)
        for s, e, a in self.entries(sid):
            if a == anchor:
                if any(x.startswith("    removed:") for x in lines[s:e]):
                    return
                extra = [f"    removed: {json.dumps(reason)}"] + ([f"    see: {see}"] if see else [])
                lines[e:e] = extra
                break
        (self.src / "anchors" / f"{sid}.yml").write_text("\n".join(lines), encoding="utf-8")

    def live_anchors(self, sid: str) -> list[str]:
        reg = load((self.src / "anchors" / f"{sid}.yml").read_text(encoding="utf-8"))
        return [str(e["anchor"]) for e in reg["anchors"] if not e.get("removed")]

    # annotations
    def annotations(self) -> list[Path]:
        return sorted((self.src / "annotations").glob("*.yml"))

    def xrefs(self) -> list[Path]:
        out = []
        for path in self.annotations():
            data = load(path.read_text(encoding="utf-8"))
            if len({p["source"] for p in data.get("passages") or []}) > 1:
                out.append(path)
        return out

    def read(self, path: Path) -> dict:
        return load(path.read_text(encoding="utf-8"))

    def write(self, path: Path, data: dict) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")

    def fresh_id(self, stem: str = "pt") -> str:
        taken = {p.stem for p in self.annotations()} | set(self.retired())
        n = 1
        while f"{stem}-{n}" in taken:
            n += 1
        return f"{stem}-{n}"

    def retired(self) -> dict[str, dict]:
        path = self.src / "retired.yml"
        if not path.exists():
            return {}
        return {str(e["id"]): e for e in (load(path.read_text(encoding="utf-8")) or {}).get("retired") or []}

    def write_retired(self, entries: list[dict]) -> None:
        (self.src / "retired.yml").write_text(
            yaml.safe_dump({"retired": entries}, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")

    def retire(self, xid: str, reason: str, see: str | None = None) -> None:
        entries = list(self.retired().values())
        if any(e["id"] == xid for e in entries):
            return
        entries.append({"id": xid, "removed": reason, **({"see": see} if see else {})})
        self.write_retired(entries)

    def quote_at(self, t: Text, k: int, w: int, n: int) -> str | None:
        """A run of ``n`` plain words of body block ``k`` from word ``w``, lengthened until it is
        unique in the text; None if there is none."""
        if not t.body:
            return None
        toks = t.reading(k % len(t.body)).split()
        if not toks:
            return None
        w %= len(toks)
        blocks = self.all_text(t)
        for end in range(w + max(1, n), len(toks) + 1):
            run = toks[w:end]
            if not all(_WORD.fullmatch(x) for x in run):
                return None
            q = " ".join(run)
            if len(fold(q)) >= 4 and sum(len(occurrences(b, fold(q))) for b in blocks) == 1:
                return q
        return None

    def passage(self, path: Path, j: int) -> tuple[dict, dict] | None:
        data = self.read(path)
        if not data.get("passages"):
            return None
        return data, data["passages"][j % len(data["passages"])]

    def block_of(self, t: Text, quote: str, prefix: str = "") -> int | None:
        q, pre = fold(quote), fold(prefix)
        hits = [k for k in range(len(t.body)) if occurrences(fold(t.reading(k)), q, pre)]
        return hits[0] if len(hits) == 1 else None

    def pick(self, paths: list[Path], i: int) -> Path | None:
        return paths[i % len(paths)] if paths else None

    # -- the steps ---------------------------------------------------------------------------------

    def insert(self, sid_i, pos, seed, kind, follow):
        """A new paragraph after body paragraph ``pos``: new words, or a copy of another (exact, or
        with one word changed); unless ``follow`` % 4 = 0, `make anchors` after it."""
        t = self.text(sid_i)
        rng = random.Random(seed)
        if kind % 3 == 0 or not t.body:
            new = " ".join(pseudo_words(rng, rng.randint(25, 60))).capitalize() + "."
        else:
            toks = t.reading(seed % len(t.body)).split()
            if kind % 3 == 1:
                toks[rng.randrange(len(toks))] = pseudo_words(rng, 1)[0]
            new = " ".join(toks)
        at = t.body[pos % len(t.body)] if t.body else len(t.parts) - 1
        t.parts[at + 1:at + 1] = ["\n\n", new]
        self.save(t)
        if follow % 4:
            self.anchors(0)

    def delete(self, sid_i, k, tomb, reason, flags):
        """Delete a body paragraph (one that nothing quotes if there is one, unless ``flags`` & 2);
        ``tomb``: no tombstone, a tombstone, or one with `see:` its neighbour; with ``flags`` & 1, the
        annotations that lose their quote are deleted and their ids retired; unless ``flags`` & 4,
        `make anchors` after it."""
        t = self.text(sid_i)
        if len(t.body) < 2:
            return
        quotes = [fold(q) for q in self.quotes()]
        free = [i for i in range(len(t.body)) if not any(q in fold(t.reading(i)) for q in quotes)]
        k = free[k % len(free)] if not flags & 2 and free else k % len(t.body)
        gone = fold(t.reading(k))
        anchor = self.anchor_of(t, k)
        neighbour = self.anchor_of(t, k + 1 if k + 1 < len(t.body) else k - 1)
        at = t.body[k]
        del t.parts[at - 1 if at else 0:at + 1 if at else 2]
        self.save(t)
        if anchor and tomb % 3:
            self.add_tombstone(t.sid, anchor, REASONS[reason % len(REASONS)], neighbour if tomb % 3 == 2 else None)
        if flags & 1:
            left = self.all_text(self.text(sid_i))
            for path in self.annotations():
                data = self.read(path)
                if any(p["source"] == t.sid and fold(p["quote"]) in gone
                       and not any(fold(p["quote"]) in b for b in left) for p in data["passages"]):
                    path.unlink()
                    self.retire(path.stem, "its passage was removed from the text")
        if not flags & 4:
            self.anchors(0)

    def split(self, sid_i, k, at, follow, _):
        """Split a body paragraph after a sentence; ``follow``: nothing, `make anchors --accept` of
        its anchor, or `make anchors --accept` of every doubt."""
        t = self.text(sid_i)
        if not t.body:
            return
        k %= len(t.body)
        anchor = self.anchor_of(t, k)
        raw = t.parts[t.body[k]]
        cuts = [m.end() for m in re.finditer(r"[.;:?!] ", raw)] or [m.end() for m in re.finditer(r" ", raw)]
        if not cuts:
            return
        c = cuts[at % len(cuts)]
        t.parts[t.body[k]:t.body[k] + 1] = [raw[:c].rstrip(), "\n\n", raw[c:]]
        self.save(t)
        if follow % 3 == 1 and anchor:
            self._anchors([anchor])
        elif follow % 3 == 2:
            self.anchors(1)

    def merge(self, sid_i, k, keep, follow, reason):
        """Merge two adjacent body paragraphs; with ``follow`` odd, the anchor of one (``keep``) is
        confirmed for the merged paragraph and the other becomes a tombstone that names it."""
        t = self.text(sid_i)
        if len(t.body) < 2:
            return
        k %= len(t.body) - 1
        a, b = t.body[k], t.body[k + 1]
        if b != a + 2:  # a heading or another block stands between them
            return
        anchors = [self.anchor_of(t, k), self.anchor_of(t, k + 1)]
        t.parts[a:b + 1] = [t.parts[a] + " " + t.parts[b]]
        self.save(t)
        kept, other = anchors[keep % 2], anchors[1 - keep % 2]
        if follow % 2 and kept and other:
            self.add_tombstone(t.sid, other, REASONS[reason % len(REASONS)], kept)
            self._anchors([kept])

    def reword(self, sid_i, k, pos, n, seed):
        """Replace 1-3 consecutive words of a body paragraph: unless ``seed`` & 1, words no quote
        holds; with ``seed`` & 2, the quotes (of annotations and indices) that held them are emended
        to match; unless ``seed`` & 4, `make anchors --accept` of every doubt after it."""
        t = self.text(sid_i)
        if not t.body:
            return
        k %= len(t.body)
        raw = t.parts[t.body[k]]
        spans = [m.span() for m in re.finditer(r"[A-Za-z]{3,}", raw)]
        if not spans:
            return
        if not seed & 1:
            covered = [(s, s + len(q)) for q in map(fold, self.quotes()) for s in _raw_find(raw, q)]
            spans = [sp for sp in spans if not any(a < sp[1] and sp[0] < b for a, b in covered)] or spans
        rng = random.Random(seed)
        chosen = spans[pos % len(spans):pos % len(spans) + 1 + n % 3]
        rs, re_ = chosen[0][0], chosen[-1][1]
        new = raw[:rs] + " ".join(pseudo_words(rng, len(chosen))) + raw[re_:]
        delta = len(new) - len(raw)
        t.parts[t.body[k]] = new
        self.save(t)
        if seed & 2:
            for path in [*self.annotations(), *sorted((self.src / "indices").glob("*.yml"))]:
                data = self.read(path)
                if _emend(data, t.sid, raw, new, rs, re_, delta):
                    self.write(path, data)
        if not seed & 4:
            self.anchors(1)

    def quotes(self) -> list[str]:
        out = []
        for path in [*self.annotations(), *sorted((self.src / "indices").glob("*.yml"))]:
            _collect(self.read(path), out)
        return out

    def add_xref(self, k1, w1, k2, w2, n):
        """A new cross-reference quoting a run of words (unique in its text) of a paragraph of each
        text, with the relation and topics of an existing one."""
        texts = [self.text(i) for i in range(len(self.sids()))]
        q1 = self.quote_at(texts[0], k1, w1, 3 + n % 6)
        q2 = self.quote_at(texts[1], k2, w2, 3 + n // 6 % 6)
        template = self.pick(self.xrefs(), n)
        if not (q1 and q2 and template):
            return
        tpl = self.read(template)
        xid = self.fresh_id()
        self.write(self.src / "annotations" / f"{xid}.yml",
                   {"id": xid, "title": f"Property test {xid}", "relation": tpl["relation"], "topics": tpl["topics"],
                    "passages": [{"source": texts[0].sid, "quote": q1}, {"source": texts[1].sid, "quote": q2}],
                    "note": "Added by the property test."})

    def move(self, ann, j, k, w, _):
        """A passage of a cross-reference made to quote words of another paragraph of its text."""
        path = self.pick(self.xrefs(), ann)
        got = path and self.passage(path, j)
        if not got:
            return
        data, p = got
        t = self.text(self.sids().index(p["source"]))
        q = self.quote_at(t, k, w, min(max(len(p["quote"].split()), 3), 10))
        if q:
            p["quote"] = q
            p.pop("prefix", None), p.pop("suffix", None)
            self.write(path, data)

    def requote(self, ann, j, mode, n, _):
        """A quote shortened at its end or start, or lengthened by the words after or before it."""
        path = self.pick(self.annotations(), ann)
        got = path and self.passage(path, j)
        if not got:
            return
        data, p = got
        toks = p["quote"].split()
        n = 1 + n % 3
        if mode % 4 == 0:
            toks = toks[:-n]
        elif mode % 4 == 1:
            toks = toks[n:]
        else:
            t = self.text(self.sids().index(p["source"]))
            k = self.block_of(t, p["quote"], p.get("prefix") or "")
            if k is None:
                return
            para = t.reading(k).split()
            at = next((i for i in range(len(para)) if fold(" ".join(para[i:i + len(toks)])) == fold(p["quote"])), None)
            if at is None:
                return
            toks = para[at:at + len(toks) + n] if mode % 4 == 2 else para[max(0, at - n):at + len(toks)]
            if mode % 4 == 3:
                p.pop("prefix", None)
            else:
                p.pop("suffix", None)
        if toks:
            p["quote"] = " ".join(toks)
            self.write(path, data)

    def retarget(self, ann, j, sub, occ, _):
        """Quote some words of the quote where they stand elsewhere in its paragraph, with a prefix."""
        path = self.pick(self.annotations(), ann)
        got = path and self.passage(path, j)
        if not got:
            return
        data, p = got
        t = self.text(self.sids().index(p["source"]))
        k = self.block_of(t, p["quote"], p.get("prefix") or "")
        toks = p["quote"].split()
        if k is None or not toks:
            return
        start = sub % len(toks)
        run = toks[start:start + 1 + sub // len(toks) % 3]
        para = t.reading(k).split()
        places = [i for i in range(len(para)) if para[i:i + len(run)] == run and i > 0]
        if not places:
            return
        i = places[occ % len(places)]
        p["quote"] = " ".join(run)
        p["prefix"] = " ".join(para[max(0, i - 1 - occ // len(places) % 3):i])
        p.pop("suffix", None)
        self.write(path, data)

    def delete_xref(self, ann, mode, other, reason, _):
        """An annotation file deleted; ``mode``: nothing more, its id retired (with `see:` another),
        or its id (and aliases) made aliases of another annotation."""
        paths = self.annotations()
        path = self.pick(paths, ann)
        if path is None:
            return
        rest = [p for p in paths if p != path]
        target = self.pick(rest, other)
        data = self.read(path)
        path.unlink()
        if mode % 4 in (1, 2):
            self.retire(path.stem, REASONS[reason % len(REASONS)], target.stem if mode % 4 == 2 and target else None)
        elif mode % 4 == 3 and target:
            t = self.read(target)
            t["aliases"] = [*t.get("aliases", []), path.stem, *data.get("aliases", [])]
            self.write(target, t)

    def reuse(self, idx, k1, w1, k2, w2):
        """Give a published or retired id to another pair."""
        ids = sorted(set(self.published_ids) | set(self.retired()))
        if not ids:
            return
        xid = ids[idx % len(ids)]
        texts = [self.text(i) for i in range(len(self.sids()))]
        q1, q2 = self.quote_at(texts[0], k1, w1, 5), self.quote_at(texts[1], k2, w2, 5)
        template = self.pick(self.xrefs(), idx)
        if not (q1 and q2 and template):
            return
        tpl = self.read(template)
        path = self.src / "annotations" / f"{xid}.yml"
        data = self.read(path) if path.exists() else {"id": xid, "title": f"Reused {xid}", "relation": tpl["relation"],
                                                      "topics": tpl["topics"], "note": "Reused by the property test."}
        data["passages"] = [{"source": texts[0].sid, "quote": q1}, {"source": texts[1].sid, "quote": q2}]
        self.write(path, data)
        for a in self.annotations():  # an alias of the id elsewhere would make it a duplicate
            d = self.read(a)
            if a != path and xid in (d.get("aliases") or []):
                d["aliases"] = [x for x in d["aliases"] if x != xid] or None
                if d["aliases"] is None:
                    del d["aliases"]
                self.write(a, d)
        if idx // len(ids) % 2:
            self.write_retired([e for e in self.retired().values() if e["id"] != xid])

    def alias(self, ann, idx, _, __, ___):
        """An alias added to an annotation: a published or retired id, or a new one."""
        path = self.pick(self.annotations(), ann)
        if path is None:
            return
        ids = sorted(set(self.published_ids) | set(self.retired())) + [self.fresh_id("alias")]
        xid = ids[idx % len(ids)]
        data = self.read(path)
        if xid == path.stem or xid in (data.get("aliases") or []):
            return
        data["aliases"] = [*(data.get("aliases") or []), xid]
        self.write(path, data)

    def tomb(self, sid_i, i, see, reason, _):
        """`removed:` added to a registry entry, with `see:` nothing, the next or the previous live anchor."""
        sid = self.text(sid_i).sid
        entries = self.entries(sid)
        anchor = entries[i % len(entries)][2]
        live = self.live_anchors(sid)
        where = live.index(anchor) if anchor in live else 0
        target = {0: None, 1: live[min(where + 1, len(live) - 1)], 2: live[max(where - 1, 0)]}[see % 3]
        self.add_tombstone(sid, anchor, REASONS[reason % len(REASONS)], target if target != anchor else None)

    def untomb(self, sid_i, i, _, __, ___):
        """`removed:` and `see:` taken out of a registry entry."""
        sid = self.text(sid_i).sid
        stones = [(s, e) for s, e, a in self.entries(sid)
                  if any(x.startswith("    removed:") for x in self.registry_lines(sid)[s:e])]
        if not stones:
            return
        s, e = stones[i % len(stones)]
        lines = self.registry_lines(sid)
        lines[s:e] = [x for x in lines[s:e] if not x.startswith(("    removed:", "    see:"))]
        (self.src / "anchors" / f"{sid}.yml").write_text("\n".join(lines), encoding="utf-8")

    def retire_id(self, idx, see, reason, _, __):
        """An entry of sources/retired.yml for a published id, an annotation's id or a new one."""
        ids = sorted(set(self.published_ids) | {p.stem for p in self.annotations()}) + [self.fresh_id()]
        xid = ids[idx % len(ids)]
        others = [p.stem for p in self.annotations() if p.stem != xid]
        self.retire(xid, REASONS[reason % len(REASONS)], others[see % len(others)] if see % 2 and others else None)

    def unretire(self, i, _, __, ___, ____):
        """An entry of sources/retired.yml deleted."""
        entries = list(self.retired().values())
        if entries:
            del entries[i % len(entries)]
            self.write_retired(entries)

    def anchors(self, accept, *_):
        """`make anchors`; with ``accept`` % 3 = 1 confirming every doubt it reports, = 2 the first."""
        names: list[str] = []
        if accept % 3:
            try:
                load_edition(self.project, mode="anchors")
            except EditionError as exc:
                for p in exc.problems:
                    m = re.match(r"(?:[a-z0-9-]+: )?(p\d+)\b", p.message)
                    if p.path.startswith("sources/anchors/") and m and "would disappear" not in p.message:
                        names.append(m.group(1))
            names = names[:1] if accept % 3 == 2 else names
        self._anchors(names)

    def _anchors(self, accept: list[str]) -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            edition_main(["anchors", "--root", str(self.project), *(["--accept", ",".join(accept)] if accept else [])])


def _raw_find(raw: str, q: str) -> list[int]:
    """Offsets in ``raw`` where the folded quote ``q`` stands (for plain text, folding keeps offsets
    as long as the text has no doubled spaces or typographic characters in the span)."""
    text = raw.translate(_FOLD)
    return [m.start() for m in re.finditer(re.escape(q), text)] if q else []


def _emend(data, sid: str, raw: str, new: str, rs: int, re_: int, delta: int) -> bool:
    """Emend every quote of ``sid`` in ``data`` (an annotation or an index) that held words of
    ``raw[rs:re_]``, now ``new[rs:re_ + delta]``. Returns whether one was."""
    changed = False
    if isinstance(data, dict):
        if data.get("source") == sid and isinstance(data.get("quote"), str):
            q = fold(data["quote"])
            found = _raw_find(raw, q)
            if len(found) == 1 and found[0] < re_ and rs < found[0] + len(q):
                s, e = found[0], found[0] + len(q)
                data["quote"] = new[min(s, rs):max(e, re_) + delta]
                changed = True
        for v in data.values():
            changed = _emend(v, sid, raw, new, rs, re_, delta) or changed
    elif isinstance(data, list):
        for v in data:
            changed = _emend(v, sid, raw, new, rs, re_, delta) or changed
    return changed


def _collect(data, out: list[str]) -> None:
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "quote" and isinstance(v, str):
                out.append(v)
            else:
                _collect(v, out)
    elif isinstance(data, list):
        for v in data:
            _collect(v, out)


OPS = ["insert", "delete", "split", "merge", "reword", "add_xref", "move", "requote", "retarget", "delete_xref",
       "reuse", "alias", "tomb", "untomb", "retire_id", "unretire", "anchors", "commit"]


# -- Running a sequence ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A copy of the project whose main branch (one commit) is what was published."""
    project = make_project(tmp_path_factory.mktemp("identity-property") / "project")
    (project / "sources" / "releases.yml").unlink(missing_ok=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "published")
    commit = git(project, "rev-parse", "HEAD").strip()
    load_edition(project)  # the published state itself is accepted
    return project, published_at(project, commit)


def accepted(project: Path, cache: dict):
    """The edition loaded from ``project``, or None if it is refused; a state (the files of
    sources/ and the published commit) already loaded is not loaded again."""
    h = sha256(git(project, "rev-parse", "HEAD").encode())
    for path in sorted((project / "sources").rglob("*")):
        if path.is_file():
            h.update(path.relative_to(project).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    key = h.hexdigest()
    if key not in cache:
        try:
            cache[key] = load_edition(project)
        except EditionError as exc:
            cache[key] = None
            cache["last problems"] = exc.problems.lines()
    return cache[key]


class Broken(AssertionError):
    """An accepted state that breaks what was published."""

    def __init__(self, message: str, steps: list, wrong: list[str]):
        super().__init__(message)
        self.steps, self.wrong = steps, wrong


def run(base, steps, event=lambda what: None) -> list[str]:
    """Apply ``steps`` to the published project; return the log (raises :class:`Broken` on a
    violation). ``event`` is told what each step did."""
    project, pub = base
    git(project, "reset", "-q", "--hard", pub.commit)
    git(project, "clean", "-qfdx", "--", "sources")
    editor = Editor(project)
    editor.published_ids = sorted(pub.xrefs) + sorted(pub.retired)
    log: list[str] = []
    cache: dict = {}
    for n, (op, *args) in enumerate(steps, 1):
        if op == "commit":
            if accepted(project, cache) is None:
                log.append(f"{n} commit: refused state, not committed")
                continue
            git(project, "add", "-A")
            git(project, "commit", "-q", "--allow-empty", "-m", f"step {n}")
            pub = published_at(project, git(project, "rev-parse", "HEAD").strip())
            editor.published_ids = sorted(pub.xrefs) + sorted(pub.retired)
        else:
            getattr(editor, op)(*args)
        ed = accepted(project, cache)
        log.append(f"{n} {op}{tuple(args)}: {'accepted' if ed else 'refused'}")
        event(f"{op}: {'accepted' if ed else 'refused'}")
        if op == "commit" and ed is None:
            raise Broken(f"the state just committed (published) is refused: {cache['last problems']}\n"
                         f"steps: {json.dumps(steps[:n])}", steps[:n], ["a published state is refused"])
        if ed is None:
            continue
        wrong = violations(project, ed, pub)
        if wrong:
            raise Broken(f"after step {n} ({op}) the accepted state breaks what was published:\n  "
                         + "\n  ".join(wrong) + "\nsteps: " + json.dumps(steps[:n]) + "\nlog:\n  "
                         + "\n  ".join(log), steps[:n], wrong)
    return log


STEP = st.tuples(st.sampled_from(OPS), *[st.integers(0, 400)] * 5).map(list)


@settings(max_examples=EXAMPLES, deadline=None, phases=PHASES,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=STEPS))
def test_published_addresses_keep_their_meaning(base, steps):
    note(json.dumps(steps))
    if not COLLECT:
        run(base, steps, event)
        return
    # A long run by hand: every violation is written to COLLECT (one JSON line), none stops the run.
    with open(COLLECT, "a", encoding="utf-8") as out:
        try:
            log = run(base, steps, event)
            out.write(json.dumps({"steps": steps, "accepted": sum(x.endswith(": accepted") for x in log)}) + "\n")
        except Broken as exc:
            out.write(json.dumps({"steps": exc.steps, "wrong": exc.wrong, "broken": True}) + "\n")


def regressions() -> list[Path]:
    return sorted(REGRESSIONS.glob("*.json"))


@pytest.mark.parametrize("case", regressions(), ids=lambda p: p.stem)
def test_regression(base, case):
    """A sequence that once broke the invariant (see its "why")."""
    run(base, json.loads(case.read_text(encoding="utf-8"))["steps"])
