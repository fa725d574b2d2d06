"""The downloads page: every export of the edition."""
from __future__ import annotations

from ..model import Edition
from ..text import md_escape
from ..urls import DOWNLOADS, download_path, link


def downloads_page(ed: Edition) -> str:
    page = "downloads.md"
    out = ["---", "title: Downloads",
           "description: \"The edition's open data: TEI P5, plain text, the received texts, BibTeX, RIS, CSL-JSON "
           "and the W3C Web Annotations.\"", "---", "", "# Downloads", "",
           "Everything on this site is also available as open, standard files.", "",
           "## All annotations {#annotations}", "",
           f"- [annotations.jsonld]({link(page, 'annotations.jsonld')}): every cross-reference and editorial note "
           "in the [W3C Web Annotation Data Model](https://www.w3.org/TR/annotation-model/), one `Annotation` "
           "each, targeting the paragraphs by `FragmentSelector` and the words by `TextQuoteSelector`.", ""]
    for sid, src in ed.sources.items():
        out.append(f"## {md_escape(src.short)}: {md_escape(src.title)} {{#{sid}}}\n")
        for suffix, label, mime in DOWNLOADS:
            out.append(f"- [{md_escape(label)}]({link(page, download_path(sid, suffix))}) (`{mime}`)")
        out.append("")
    return "\n".join(out)
