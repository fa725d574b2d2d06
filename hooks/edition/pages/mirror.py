"""Repository documents published as pages (the editors' guide, the readings)."""
from __future__ import annotations

import posixpath
import re

from ..model import Edition
from ..text import md_escape
from ..urls import link
from .common import front_matter


# Repository documents published as pages: (file, page, title if it is missing, description). Those under sources/ are
# editors' records, whose raw HTML is escaped like every other string from sources/.
MIRRORED = [
    ("CONTRIBUTING.md", "contributing.md", "Contributing",
     "How to add or correct a cross-reference, correct a transcription error or add a text, by pull request: the "
     "editors' guide, mirrored from CONTRIBUTING.md."),
    ("sources/annotations/SECOND-PASS.md", "apparatus/second-reading.md", "The second reading",
     "The second, independent reading of both texts and its reconciliation with the apparatus, point by point."),
    ("sources/annotations/THIRD-PASS.md", "apparatus/third-reading.md", "The third reading",
     "The third, independent reading, made after the decision procedure was written, and its reconciliation with "
     "the apparatus, point by point."),
    ("sources/annotations/FOURTH-PASS.md", "apparatus/fourth-reading.md", "The fourth reading",
     "The fourth reading, by two readers, after the procedure was made self-consistent, and its reconciliation with "
     "the apparatus: every change with its reason."),
]


def mirrors(root, ed: Edition) -> dict[str, str]:
    """The pages made from repository documents that exist (see :data:`MIRRORED`)."""
    out = {}
    for file, page, title, description in MIRRORED:
        path = root / file
        if not path.is_file() or path.is_symlink():
            out[page] = front_matter(title, description) + f"\n# {md_escape(title)}\n\nThis edition holds no " \
                f"`{md_escape(file)}`.\n"
        else:
            text = path.read_text(encoding="utf-8")
            if file.startswith("sources/"):
                text = _escape_html_outside_code(text)
            out[page] = mirror_page(text, ed.meta.get("repo", ""), ed.meta.get("branch", "main"), description,
                                    folder=file.rsplit("/", 1)[0] if "/" in file else "", page=page)
    return out


_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def _escape_html_outside_code(markdown: str) -> str:
    parts = _CODE.split(markdown)
    return "".join(p if i % 2 else p.replace("&", "&amp;").replace("<", "&lt;") for i, p in enumerate(parts))


_MD_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+)\)")


def mirror_page(markdown: str, repo: str, branch: str = "main", description: str = "", folder: str = "",
                page: str = "contributing.md") -> str:
    """A repository document (CONTRIBUTING.md) as a site page: links into ``docs/`` become
    links between pages, links to other files of the repository go to the repository
    (``folder``: where the document stands, for its relative links; ``page``: where it is
    published)."""
    def fix(m: re.Match) -> str:
        full = posixpath.normpath(posixpath.join(folder, m.group(1))) if folder else m.group(1)
        if full.startswith("docs/"):
            return f"]({link(page, full[5:])})"
        mirrored = {f: p for f, p, _, _ in MIRRORED}
        if full.split("#")[0] in mirrored:
            anchor = full.split("#")[1] if "#" in full else ""
            return f"]({link(page, mirrored[full.split('#')[0]], anchor)})"
        return f"]({repo.rstrip('/')}/blob/{branch}/{full})" if repo else m.group(0)

    title = next((line[2:].strip() for line in markdown.splitlines() if line.startswith("# ")), "")
    front = front_matter(title, description or title) + "\n"
    return front + _MD_LINK.sub(fix, markdown)
