"""Every downloadable file of the edition: path in the site → content."""
from __future__ import annotations

import json

from .cite import bibtex, csl_json, ris
from .model import Edition
from .tei import plain_text, tei, tei_file_name
from .webanno import annotation_collection

# (suffix, label, media type) of each per-text download, in the order pages list them.
DOWNLOADS = [
    (".tei.xml", "TEI P5 XML", "application/tei+xml"),
    (".txt", "Plain text (reading text, numbered)", "text/plain"),
    ("-received.txt", "Received text (byte for byte)", "text/plain"),
    (".bib", "BibTeX (biblatex)", "application/x-bibtex"),
    (".ris", "RIS", "application/x-research-info-systems"),
    (".csl.json", "CSL-JSON", "application/vnd.citationstyles.csl+json"),
]


def download_path(source_id: str, suffix: str) -> str:
    return f"downloads/{source_id}{suffix}"


def exports(ed: Edition, base: str) -> dict[str, str | bytes]:
    """``base`` is the site URL ending in ``/``."""
    out: dict[str, str | bytes] = {
        "annotations.jsonld": json.dumps(annotation_collection(ed, base), ensure_ascii=False, indent=1) + "\n"}
    for sid, src in ed.sources.items():
        page = f"{base}texts/{sid}/"
        out[f"downloads/{tei_file_name(sid)}"] = tei(ed, src, base)
        out[download_path(sid, ".txt")] = plain_text(ed, src, base)
        out[download_path(sid, "-received.txt")] = src.received.encode("utf-8")
        out[download_path(sid, ".bib")] = bibtex(ed, src, page)
        out[download_path(sid, ".ris")] = ris(ed, src, page)
        out[download_path(sid, ".csl.json")] = json.dumps(csl_json(ed, src, page), ensure_ascii=False, indent=1) + "\n"
    return out
