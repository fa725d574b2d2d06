"""Every address of the site and of its downloads: the pages, the exports and the
cross-references import these, never each other."""
from __future__ import annotations

import posixpath


TEXTS_DIR = "texts"

# (suffix, label, media type) of each per-text download, in the order pages list them.
DOWNLOADS = [
    (".tei.xml", "TEI P5 XML", "application/tei+xml"),
    (".txt", "Plain text (reading text, numbered)", "text/plain"),
    ("-received.txt", "Received text (byte for byte)", "text/plain"),
    (".bib", "BibTeX (biblatex)", "application/x-bibtex"),
    (".ris", "RIS", "application/x-research-info-systems"),
    (".csl.json", "CSL-JSON", "application/vnd.citationstyles.csl+json"),
]


def text_page_path(source_id: str) -> str:
    """The Markdown path of a text's reading page (served at ``texts/<id>/``)."""
    return f"{TEXTS_DIR}/{source_id}.md"


def text_url(base: str, source_id: str) -> str:
    """The address of a text's reading page under the site's ``base`` (ending in ``/``)."""
    return f"{base}{TEXTS_DIR}/{source_id}/"


def download_path(source_id: str, suffix: str) -> str:
    return f"downloads/{source_id}{suffix}"


def tei_file_name(source_id: str) -> str:
    return f"{source_id}.tei.xml"


def link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative link between two generated Markdown pages."""
    depth = from_path.count("/")
    rel = "../" * depth + to_path
    if from_path.rsplit("/", 1)[0] == to_path.rsplit("/", 1)[0] and "/" in from_path:
        rel = to_path.rsplit("/", 1)[1]
    return rel + (f"#{anchor}" if anchor else "")


def page_url(md_path: str) -> str:
    """The address of a Markdown page as the site serves it (``texts/x.md`` → ``texts/x/``,
    ``index.md`` → ````)."""
    if md_path == "index.md" or md_path.endswith("/index.md"):
        return md_path[: -len("index.md")]
    return md_path[: -len(".md")] + "/"


def html_link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative link for raw HTML (which the generator does not rewrite) between two pages
    given by their Markdown paths."""
    here, there = page_url(from_path), page_url(to_path)
    rel = posixpath.relpath(there or ".", here or ".") if there != here else "."
    rel = "" if rel == "." else rel.rstrip("/") + "/"
    return rel + (f"#{anchor}" if anchor else "")
