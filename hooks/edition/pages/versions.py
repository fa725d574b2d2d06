"""The versions page: every release of the edition, each readable at its own address."""
from __future__ import annotations

from html import escape

from ..model import Edition
from .common import front_matter, long_date


def versions_page(ed: Edition) -> str:
    releases = list(reversed(ed.meta.get("releases") or []))
    current = str(ed.meta.get("version", ""))
    out = [front_matter("Versions", "Every version of the edition, each kept readable at its own address, so that "
                        "a citation of a version leads to the page as it was cited."), "# Versions", "",
           f"This is version {escape(current)} of the edition. Every recorded release stays readable at "
           "`versions/X.Y.Z/`, built from its own commit as it was published; each of its pages says which version "
           "it is and leads to the same page, at the same paragraph, in the current version. A citation that "
           "names a version can be followed to that version.", ""]
    if not releases:
        out.append("No release has been recorded yet (`sources/releases.yml`).\n")
    for r in releases:
        mark = " (the current version)" if r.version == current else ""
        note = f" {escape(r.note)}" if r.note else ""
        out.append(f'<p class="version-entry"><a href="{escape(r.version)}/">Version {escape(r.version)}</a>, '
                   f"{long_date(r.date)}{mark}, commit <code>{escape(r.commit[:12])}</code>.{note}</p>\n")
    return "\n".join(out)
