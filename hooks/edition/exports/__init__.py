"""Every downloadable file of the edition, ``exports(ed, base)``: path in the site → content.
The exports import the model and the addresses (``..urls``), never the pages."""
from __future__ import annotations

import json

from ..model import Edition
from ..urls import download_path, tei_file_name
from .cite import bibtex, csl_json, ris
from .plaintext import plain_text
from .propose import PATH as PROPOSE_PATH, propose_data
from .tei import tei
from .webanno import annotation_collection

def exports(ed: Edition, base: str) -> dict[str, str | bytes]:
    """``base`` is the site URL ending in ``/``."""
    out: dict[str, str | bytes] = {
        "annotations.jsonld": json.dumps(annotation_collection(ed, base), ensure_ascii=False, indent=1) + "\n",
        # What "Propose a cross-reference" needs (docs/assets/edition-propose.js), fetched on first use.
        PROPOSE_PATH: json.dumps(propose_data(ed, base), ensure_ascii=False, separators=(",", ":")) + "\n"}
    for sid, src in ed.sources.items():
        out[f"downloads/{tei_file_name(sid)}"] = tei(ed, src, base)
        out[download_path(sid, ".txt")] = plain_text(ed, src, base)
        out[download_path(sid, "-received.txt")] = src.received.encode("utf-8")
        out[download_path(sid, ".bib")] = bibtex(ed, src, base)
        out[download_path(sid, ".ris")] = ris(ed, src, base)
        out[download_path(sid, ".csl.json")] = json.dumps(csl_json(ed, src, base), ensure_ascii=False, indent=1) + "\n"
    return out
