"""The edition's core: received texts → segmented, anchored, annotated model → pages,
search entries and exports. It never imports a site generator; ``hooks/edition_hook.py``
adapts it to MkDocs."""
from .edition import load_edition
from .problems import EditionError, Problem, Problems

__all__ = ["load_edition", "EditionError", "Problem", "Problems"]
