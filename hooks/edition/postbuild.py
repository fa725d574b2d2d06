"""What is done to a site after the generator has written it, whichever generator that is:
the edition's scripts and style sheets minified, Material's style sheets pruned to what the
site uses, and the search index written from the
finished pages. The MkDocs hook runs it in ``on_post_build``."""
from __future__ import annotations

from pathlib import Path

from .assets import minify_assets, prune_styles
from .model import Edition
from .search import write_index


def finish_site(site: Path, ed: Edition) -> dict[str, int]:
    """Finish the built ``site``; returns what was done, by kind."""
    minified = minify_assets(site)
    pruned = prune_styles(site)
    return {"minified": len(minified), "pruned": len(pruned), "search_files": write_index(site, ed)}
