"""What was published: the anchor registries as git holds them on the edition's main branch
(what the site was deployed from) and at every recorded release (``sources/releases.yml``).

The registry in the working tree must keep every anchor published there, with the same
meaning: an entry that disappears, a tombstone that comes back to life, or an anchor that now
registers another paragraph is an error. Outside a git checkout (a copied folder, a tarball)
nothing can be compared, and ``make check`` says so.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .anchors import NEAR, entry_text, similarity
from .problems import Problems
from .yamlio import parse_yaml


@dataclass
class State:
    """One published state (the main branch, a release): ``xrefs`` maps every published id
    (own id or alias) to ``(owner id, passages)``, each passage ``(source, quote, prefix,
    suffix)``; ``registries`` the anchor entries of each text; ``retired`` the retired ids."""

    where: str
    xrefs: dict[str, tuple[str, list[tuple[str, str, str, str]]]] = field(default_factory=dict)
    registries: dict[str, list[dict]] = field(default_factory=dict)
    retired: dict[str, dict] = field(default_factory=dict)


@dataclass
class Published:
    """The registries of each text at each published state: ``{sid: [(where, entries)]}``."""

    registries: dict[str, list[tuple[str, list[dict]]]] = field(default_factory=dict)
    ids: list[tuple[str, set[str]]] = field(default_factory=list)
    """The cross-reference and note ids (and aliases) at each published state."""
    states: list["State"] = field(default_factory=list)
    """What each published state held: every annotation's passages, the anchor registries and
    the retired ids, as git holds them there (see :mod:`.identity`)."""
    unknown: str = ""
    """Why nothing could be compared, when nothing could."""

    def of(self, sid: str) -> list[tuple[str, list[dict]]]:
        return self.registries.get(sid, [])


def git_out(root: Path, *args: str, stdin: str | None = None) -> str | None:
    """What ``git -C root args`` prints, or None when it fails (or git is missing)."""
    try:
        r = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout if r.returncode == 0 else None


def load_published(root: Path, ids: list[str], branch: str = "main", releases: list[tuple[str, str]] = ()) -> Published:
    """The published registries of the texts ``ids``: on ``branch`` (locally and as
    ``origin/<branch>``) and at each release ``(version, commit)``."""
    top = git_out(root, "rev-parse", "--show-toplevel")
    if top is None:
        return Published(unknown="this is not a git checkout, so the published anchor registries (on the main "
                                 "branch and at each release) cannot be compared with sources/anchors/")
    prefix = (git_out(root, "rev-parse", "--show-prefix") or "").strip()
    refs = [(f"version {v}", c) for v, c in releases] + [(f"the {branch} branch", branch),
                                                           (f"origin/{branch}", f"origin/{branch}")]
    out = Published()
    seen: set[tuple[str, str]] = set()
    for where, ref in refs:
        commit = (git_out(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") or "").strip()
        if not commit:
            continue
        paths = [f"{commit}:{prefix}sources/anchors/{sid}.yml" for sid in ids]
        batch = git_out(root, "cat-file", "--batch", stdin="\n".join(paths) + "\n")
        if batch is None:
            continue
        state = State(where)
        for sid, text in zip(ids, _blobs(batch)):
            if text is None:
                continue
            data = _yaml(text)
            entries = [e for e in _list(data.get("anchors")) if isinstance(e, dict) and "anchor" in e]
            state.registries[sid] = entries
            if (sid, text) in seen:
                continue
            seen.add((sid, text))
            out.registries.setdefault(sid, []).append((where, entries))
        state.xrefs = _annotations(root, commit, prefix)
        state.retired = _retired(git_out(root, "show", f"{commit}:{prefix}sources/retired.yml") or "")
        out.ids.append((where, set(state.xrefs)))
        out.states.append(state)
    return out


def _yaml(text: str) -> dict:
    """A file as published, read with the same limits as the editor's files (see
    :func:`.yamlio.parse_yaml`); what cannot be read counts as empty."""
    data = parse_yaml(text, "", Problems())
    return data if isinstance(data, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _annotations(root: Path, commit: str, prefix: str) -> dict[str, tuple[str, list[tuple[str, str, str, str]]]]:
    """Every id published at ``commit`` (the annotations' file names and their aliases) →
    (the annotation's id, its passages as (source, quote, prefix, suffix))."""
    listing = git_out(root, "ls-tree", "-r", "--name-only", commit, "--", f"{prefix}sources/annotations") or ""
    paths = [p for p in listing.splitlines() if p.endswith(".yml")]
    out: dict[str, tuple[str, list[tuple[str, str, str, str]]]] = {}
    texts = _blobs(git_out(root, "cat-file", "--batch", stdin="".join(f"{commit}:{p}\n" for p in paths)) or "") \
        if paths else []
    for path, text in zip(paths, texts):
        data = _yaml(text or "")
        own = Path(path).stem
        passages = [(str(p.get("source", "")), str(p.get("quote", "")), str(p.get("prefix") or ""),
                     str(p.get("suffix") or "")) for p in _list(data.get("passages")) if isinstance(p, dict)]
        out[own] = (own, passages)
        for a in _list(data.get("aliases")):
            if isinstance(a, str):
                out[a] = (own, passages)
    return out


def _retired(text: str) -> dict[str, dict]:
    """The retired cross-reference ids of ``sources/retired.yml`` as published."""
    return {str(e["id"]): e for e in _list(_yaml(text).get("retired")) if isinstance(e, dict) and "id" in e}


def check_ids(published: Published, current: dict[str, str], problems) -> None:
    """Every published cross-reference id must still lead somewhere: to an annotation of that
    id, or to the one that lists it among its ``aliases`` (``current``: id or alias → file)."""
    for where, ids in published.ids:
        for gone in sorted(ids - set(current)):
            problems.add(f"sources/annotations/{gone}.yml", 0,
                         f"the cross-reference '{gone}' was published ({where}, at xrefs/#x-{gone}) and no annotation "
                         "has that id any more", f"restore the file; or, if it was merged into another, add "
                         f"`aliases: [{gone}]` to that one, so that the published address keeps leading to it; or, if "
                         f"it must go, retire it in sources/retired.yml with `removed: \"why\"` (and `see: <id>`)")


def _blobs(batch: str):
    """The contents of ``git cat-file --batch`` output, None for a missing object."""
    data = batch.encode("utf-8")
    pos = 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        header = data[pos:end].decode("utf-8").split()
        pos = end + 1
        if len(header) < 3 or header[-1] == "missing":
            yield None
            continue
        size = int(header[2])
        yield data[pos:pos + size].decode("utf-8")
        pos += size + 1


def compare(published: list[tuple[str, list[dict]]], current: list[dict]) -> list[tuple[dict | None, str, str]]:
    """Every published anchor the current registry drops or changes the meaning of, as
    (current entry or None, message, hint)."""
    now = {str(e["anchor"]): e for e in current}
    out = []
    for where, entries in published:
        for pe in entries:
            a = str(pe["anchor"])
            cur = now.get(a)
            if cur is None:
                out.append((None, f"{a} was published ({where}) and its entry is gone from the registry",
                            f"restore the entry (git show it from {where}); a published anchor is never deleted: to "
                            f"retire it, keep the entry and add `removed: \"why\"`"))
            elif pe.get("removed") and not cur.get("removed"):
                out.append((cur, f"{a} was published ({where}) as a tombstone, and the registry gives it to a "
                                 "paragraph again", "a retired number is never given out again: restore `removed:`"))
            elif not pe.get("removed") and not cur.get("removed") and not _same(pe, cur):
                out.append((cur, f"{a} registers another paragraph (\"{_start(entry_text(cur))}…\") than the one "
                                 f"published ({where}, \"{_start(entry_text(pe))}…\")",
                            f"a published anchor never changes meaning: restore its entry, or keep {a} as a "
                            "tombstone and let the new paragraph take a new number"))
    return list({(id(c), m): (c, m, h) for c, m, h in out}.values())


def _same(pe: dict, cur: dict) -> bool:
    if pe.get("digest") and pe.get("digest") == cur.get("digest"):
        return True
    if pe.get("text") and cur.get("text"):
        # Between NEAR and SAME an editor has confirmed the match (`make anchors ACCEPT=…`).
        return similarity(str(pe["text"]), str(cur["text"])) >= NEAR
    # A registry written before texts were registered: its first and last words must stay.
    ends = [SequenceMatcher(None, str(pe.get(k, "")), str(cur.get(k, "")), autojunk=False).ratio()
            for k in ("incipit", "explicit")]
    return min(ends) >= 0.85


def _start(text: str, n: int = 6) -> str:
    return " ".join(text.split(" ")[:n])
