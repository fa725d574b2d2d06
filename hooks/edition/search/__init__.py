"""The edition's search: a static index built from the finished site after any generator has
written it (``write_index``), and read by ``docs/assets/edition-search.js``, which a page
loads only when the reader first uses the search box.

A page load fetches nothing of the search. A query fetches the manifest, the shards of its
words, the pair files of its phrases, what narrows the results (:mod:`.facets`) and the
records it shows (see :mod:`.index`).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..model import Edition
from .facets import record_facets
from .index import index_files
from .records import Record, site_records

__all__ = ["Record", "index_files", "search_files", "write_index"]

FOLDER = "search"


def search_files(site: Path, ed: Edition) -> dict[str, bytes]:
    """The index of the built site in ``site``, by path under ``search/``.

    Besides the pieces the search box reads, ``search_index.json`` holds every record in one
    file, in the shape of MkDocs' search index (``{config, docs: [{location, title, text}]}``),
    for tools that read that shape; no page fetches it."""
    records = site_records(site, ed)
    files = index_files(records, ed.meta.get("spellings", []), record_facets(records, ed))
    whole = {"config": {"lang": ["en"], "pipeline": []},
             "docs": [{"location": r.url, "title": r.title, "text": r.text} for r in records]}
    files["search_index.json"] = json.dumps(whole, ensure_ascii=False).encode("utf-8")
    return files


def write_index(site: Path, ed: Edition) -> int:
    """Replace ``site/search/`` with the index of the site; returns the number of files."""
    files = search_files(site, ed)
    target = site / FOLDER
    shutil.rmtree(target, ignore_errors=True)
    for path, data in files.items():
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return len(files)
