"""Every generated page of the site, as Markdown: ``pages(ed, base)``. One module per kind of
page; they import the model and the addresses (``..urls``), never the exports."""
from __future__ import annotations

from ..model import Edition
from ..text import html_text
from ..urls import TEXTS_DIR, text_page_path
from .compare import compare, compare_page
from .coverage import coverage_page
from .downloads import downloads_page
from .indices import figures_page, names_page, timeline_page
from .markers import fill_markers
from .mirror import mirror_page, mirrors
from .sources import sources_page, texts_index_page
from .text import text_page
from .topics import topics_page
from .versions import versions_page
from .xrefs import xrefs_page

__all__ = ["pages", "nav_entries", "fill_markers", "mirrors", "mirror_page", "text_page", "compare_page"]


def nav_entries(ed: Edition) -> list[tuple[str, str]]:
    """The navigation's entries under "Texts": the list of texts, then each text (its label,
    escaped, since the generator inserts it as HTML, and its page). Beyond ``nav_texts_max``
    texts (edition.yml, default 12) only the list, so that every page's navigation, and the
    build, stay small as the edition grows."""
    out = [("All texts", f"{TEXTS_DIR}/index.md")]
    if len(ed.sources) <= int(ed.meta.get("nav_texts_max", 12)):
        out += [(html_text(f"{s.short}: {s.title}"), text_page_path(sid)) for sid, s in ed.sources.items()]
    return out


def pages(ed: Edition, base: str | None = None) -> dict[str, str]:
    """Every generated page: path → Markdown. ``base`` is the site's URL (ending in ``/``),
    used in citations; it defaults to the edition's ``site_url``."""
    base = base or ed.meta.get("site_url", "/")
    out = {text_page_path(sid): text_page(ed, src, base) for sid, src in ed.sources.items()}
    out["downloads.md"] = downloads_page(ed)
    out[f"{TEXTS_DIR}/index.md"] = texts_index_page(ed)
    out["xrefs.md"] = xrefs_page(ed)
    out["topics.md"] = topics_page(ed)
    out["coverage.md"] = coverage_page(ed)
    out.update(compare(ed))
    out["sources.md"] = sources_page(ed)
    out["indices/names.md"] = names_page(ed)
    out["indices/timeline.md"] = timeline_page(ed)
    out["indices/figures.md"] = figures_page(ed)
    out["versions/index.md"] = versions_page(ed)
    return out
