"""The provenance of every text (the sources page), and the list of texts."""
from __future__ import annotations

from ..model import Edition
from ..text import md_escape
from ..urls import TEXTS_DIR, link, text_page_path
from .common import front_matter, long_date


def sources_page(ed: Edition) -> str:
    """Provenance of every text, from its metadata: what it is, when, and which witness."""
    page = "sources.md"
    out = ["---", "title: The sources",
           "description: \"The texts of the edition: authors, dates, original publications, the witnesses the "
           "edition holds, their checksums and rights.\"", "---", "", "# The sources", ""]
    by_date = sorted(ed.sources.values(), key=lambda s: str(s.meta["date"]))
    out.append("In order of publication. " + " ".join(
        f"{md_escape(s.short)} wrote on {long_date(s.meta['date'])}." for s in by_date) + "\n")
    for src in by_date:
        m = src.meta
        authors = ", ".join(f"{a['given']} {a['family']}" for a in m["authors"])
        out.append(f"## {md_escape(authors)}, “{md_escape(src.title)}” {{#{src.id}}}\n")
        out.append(f"- **Published:** *{md_escape(m['publication'])}*, {long_date(m['date'])}, "
                   f"<{m['url']}>")
        out.append(f"- **Read it here:** [{md_escape(src.short)}]({link(page, text_page_path(src.id))}), "
                   f"{len(src.paragraphs)} numbered paragraphs")
        w = m["witness"]
        if m.get("date_basis"):
            out.append(f"- **The date** rests on {md_escape(' '.join(m['date_basis'].split()))}.")
        out.append(f"- **Witness:** {md_escape(' '.join(w['description'].split()))}")
        out.append(f"- **How the witness was obtained:** "
                   f"{md_escape(' '.join(w['received'].split())) if w.get('received') else 'Not recorded.'}")
        out.append(f"- **Received text:** [{md_escape(src.text_path.rsplit('/', 1)[1])}]"
                   f"(downloads/{src.id}-received.txt), SHA-256 `{m['sha256']}`")
        out.append(f"- **Languages:** {', '.join(md_escape(str(x)) for x in m['languages'])}")
        out.append(f"- **Rights:** {md_escape(' '.join(m['rights'].split()))}")
        out.append(f"- **Interventions recorded:** {len(src.interventions)}")
        out.append("")
    return "\n".join(out)


def texts_index_page(ed: Edition) -> str:
    """The list of every text, in order of publication."""
    page = f"{TEXTS_DIR}/index.md"
    out = [front_matter("The texts", f"The {len(ed.sources)} texts of the edition, in order of publication, with "
                        "their paragraphs and cross-references."), "# The texts", ""]
    for src in sorted(ed.sources.values(), key=lambda s: (str(s.meta["date"]), s.id)):
        m = src.meta
        authors = ", ".join(f"{a['given']} {a['family']}" for a in m["authors"])
        n = len({id(a) for a, _ in ed.passages_in(src.id)})
        out.append(f"- [{md_escape(authors)}, “{md_escape(src.title)}”]({link(page, text_page_path(src.id))}), "
                   f"*{md_escape(m['publication'])}*, {long_date(m['date'])}: {len(src.paragraphs)} paragraphs, "
                   f"{n} annotations.")
    return "\n".join(out) + "\n"
