"""The one entry point: ``sources/`` → an :class:`~.model.Edition`, or every problem."""
from __future__ import annotations

import re
from pathlib import Path

from .annotations import load_annotations, load_vocabulary, render_block
from .comparison import load_comparison
from .fields import check_fields, check_url, type_name
from .indices import load_indices
from .inventory import check_tree
from .model import Edition
from .problems import EditionError, Problems
from .published import check_ids, load_published
from .releases import load_releases
from .sources import Options, load_sources
from .yamlio import load_yaml

EDITION_FIELDS = {
    "title": (str, True), "title_sentence": (str, False), "short_title": (str, False), "version": (str, True),
    "date": (str, True), "publisher": (str, True), "repo": (str, False), "branch": (str, False),
    "site_url": (str, False), "licences": (dict, False), "compare": (list, False), "nav_texts_max": (int, False),
}


def load_edition(root: Path, problems: Problems | None = None, *, mode: str = "build",
                 accept: frozenset = frozenset()) -> Edition:
    """Load, verify, segment, anchor and annotate everything under ``root/sources``.

    ``mode`` and ``accept`` say how anchor registries are checked (see :class:`.sources.Options`).
    Raises :class:`EditionError` carrying every problem found, after looking at all files."""

    problems = problems if problems is not None else Problems()
    root = Path(root)
    check_tree(root, problems)
    meta = load_yaml(root / "sources" / "edition.yml", "sources/edition.yml", problems) or {}
    if meta and not _check_meta(meta, problems):
        meta = {}
    meta["spellings"] = _spellings(root, problems)
    relations = load_vocabulary(root, "relations.yml", "relations", problems, {"procedure": (str, False)})
    topics = load_vocabulary(root, "topics.yml", "topics", problems)
    releases = load_releases(root, problems)
    meta["releases"] = releases
    ids = sorted(p.stem for p in (root / "sources" / "texts").glob("*.yml"))
    published = load_published(root, ids, str(meta.get("branch") or "main"), [(r.version, r.commit) for r in releases])
    if published.unknown:
        problems.notice(published.unknown)
    sources = load_sources(root, problems, Options(mode, frozenset(accept), published))
    annotations = load_annotations(root, sources, relations, topics, problems)
    # Checks against the whole apparatus, made only when every annotation loaded (a broken one
    # would show as a vanished id, or as a topic with fewer cross-references than it has).
    whole = not any(p.path.startswith(("sources/annotations/", "sources/texts/")) for p in problems) \
        and not problems.unavailable
    if whole:
        check_ids(published, {i: a.path for a in annotations for i in [a.id, *a.aliases]}, problems)
    indices = load_indices(root, sources, problems)
    comparison = load_comparison(root, topics, relations, sources, problems, annotations if whole else None)
    problems.report_unchecked()
    if problems:
        raise EditionError(problems)
    return Edition(sources=sources, annotations=annotations, relations=relations, topics=topics, meta=meta,
                   indices=indices, comparison=comparison,
                   procedure_html=render_block(relations.extra.get("procedure", "")))


def _check_meta(meta, problems: Problems) -> bool:
    rel = "sources/edition.yml"
    if not check_fields(meta, EDITION_FIELDS, rel, problems, "edition metadata"):
        return False
    mark = len(problems)
    for key in ("repo", "site_url"):
        if meta.get(key):
            check_url(meta[key], rel, meta.line_of(key), problems, f"field '{key}'")
    licences = meta.get("licences") or {}
    for key, value in licences.items():
        if not isinstance(value, str):
            problems.add(rel, licences.line_of(key), f"licence field '{key}' must be a string, not {type_name(value)}")
        elif key.endswith("_url"):
            check_url(value, rel, licences.line_of(key), problems, f"licence field '{key}'")
    for i, sid in enumerate(meta.get("compare") or []):
        if not isinstance(sid, str):
            problems.add(rel, meta["compare"].line_of(i), f"'compare' names texts by id, not {type_name(sid)}",
                         "write it as compare: [ramani-2015, harrison-2015]")
    if meta.get("branch") and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}", meta["branch"]):
        problems.add(rel, meta.line_of("branch"), f"field 'branch' is not a branch name: {meta['branch']!r}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"]):
        problems.add(rel, meta.line_of("date"), f"field 'date' must be a date as YYYY-MM-DD, not {meta['date']!r}")
    if not re.fullmatch(r"\d+(\.\d+)*", meta["version"]):
        problems.add(rel, meta.line_of("version"), f"field 'version' must be a version number such as 1.2.0, "
                     f"not {meta['version']!r}")
    return len(problems) == mark


def _spellings(root: Path, problems: Problems) -> list[tuple[str, str]]:
    """Pairs of spelling stems from ``sources/spellings.yml`` (optional)."""
    rel = "sources/spellings.yml"
    if not (root / rel).exists():
        return []
    data = load_yaml(root / rel, rel, problems)
    out = []
    for i, pair in enumerate((data or {}).get("spellings") or []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) and x for x in pair)):
            problems.add(rel, data["spellings"].line_of(i), "a spelling entry must be a pair of stems",
                         "write it as [defence, defense]")
            continue
        out.append((pair[0].lower(), pair[1].lower()))
    return out
