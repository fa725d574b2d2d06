"""The one entry point: ``sources/`` → an :class:`~.model.Edition`, or every problem."""
from __future__ import annotations

from pathlib import Path

from .annotations import load_annotations, load_vocabulary
from .indices import load_indices
from .model import Edition
from .problems import EditionError, Problems
from .yamlio import load_yaml


def load_edition(root: Path, problems: Problems | None = None) -> Edition:
    """Load, verify, segment, anchor and annotate everything under ``root/sources``.

    Raises :class:`EditionError` carrying every problem found, after looking at all files."""
    from .sources import load_sources  # local: keeps import order obvious

    problems = problems if problems is not None else Problems()
    root = Path(root)
    meta = load_yaml(root / "sources" / "edition.yml", "sources/edition.yml", problems) or {}
    relations = load_vocabulary(root, "relations.yml", "relations", problems)
    topics = load_vocabulary(root, "topics.yml", "topics", problems)
    sources = load_sources(root, problems)
    annotations = load_annotations(root, sources, relations, topics, problems)
    indices = load_indices(root, sources, problems)
    if problems:
        raise EditionError(problems)
    return Edition(sources=sources, annotations=annotations, relations=relations, topics=topics, meta=meta,
                   indices=indices)
