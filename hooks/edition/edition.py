"""The one entry point: ``sources/`` → an :class:`~.model.Edition`, or every problem."""
from __future__ import annotations

from pathlib import Path

from .annotations import load_annotations, load_vocabulary
from .comparison import load_comparison
from .indices import load_indices
from .model import Edition
from .problems import EditionError, Problems
from .fields import check_fields
from .yamlio import load_yaml

EDITION_FIELDS = {
    "title": (str, True), "title_sentence": (str, False), "short_title": (str, False), "version": (str, True),
    "date": (str, True), "publisher": (str, True), "repo": (str, False), "branch": (str, False),
    "site_url": (str, False), "licences": (dict, False), "compare": (list, False), "nav_texts_max": (int, False),
}


def load_edition(root: Path, problems: Problems | None = None) -> Edition:
    """Load, verify, segment, anchor and annotate everything under ``root/sources``.

    Raises :class:`EditionError` carrying every problem found, after looking at all files."""
    from .sources import load_sources  # local: keeps import order obvious

    problems = problems if problems is not None else Problems()
    root = Path(root)
    meta = load_yaml(root / "sources" / "edition.yml", "sources/edition.yml", problems) or {}
    if meta and not check_fields(meta, EDITION_FIELDS, "sources/edition.yml", problems, "edition metadata"):
        meta = {}
    meta["spellings"] = _spellings(root, problems)
    relations = load_vocabulary(root, "relations.yml", "relations", problems)
    topics = load_vocabulary(root, "topics.yml", "topics", problems)
    sources = load_sources(root, problems)
    annotations = load_annotations(root, sources, relations, topics, problems)
    indices = load_indices(root, sources, problems)
    comparison = load_comparison(root, topics, relations, sources, problems)
    problems.report_unchecked()
    if problems:
        raise EditionError(problems)
    return Edition(sources=sources, annotations=annotations, relations=relations, topics=topics, meta=meta,
                   indices=indices, comparison=comparison)


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
