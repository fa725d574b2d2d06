"""Paragraph references and links inside editors' prose (notes, index notes, positions): every
"Ramani ¶4" must name a paragraph that exists, and a link must be a full address, so that no
note can point a reader at a paragraph or an anchor that is not there."""
from __future__ import annotations

import re

from .model import Source
from .problems import Problems

# "Ramani ¶4", "Harrison's ¶6", "Ramani ¶11–12", "Ramani ¶7, ¶9", "¶¶3 and 5", or a bare "¶8".
_REF = re.compile(r"(?:(?P<who>\b[A-Z][\w-]*?)(?:['’]s)?\s+)?¶¶?\s?(?P<nums>\d+(?:\s*(?:[–-]|,|and|&)\s*¶?\s?\d+)*)")
_LINK = re.compile(r"\]\(\s*<?(?P<md>[^)\s>]*)|<(?P<auto>[a-z]+:[^>\s]+)>|href=[\"'](?P<href>[^\"']*)")
_SITE_ANCHOR = re.compile(r"/texts/(?P<sid>[a-z0-9-]+)/?#(?P<anchor>[\w-]+)")


def check_refs(text: str, sources: dict[str, Source], rel: str, line: int, problems: Problems,
               texts: list[str] | None = None) -> bool:
    """Report each paragraph reference of ``text`` to a paragraph that does not exist, and
    each link that is not a full http(s) or mailto address. A reference that names no text
    ("¶8") must exist in one of ``texts`` (the texts the annotation quotes; by default all)."""
    ok = True
    by_short = {s.short: s for s in sources.values()}
    around = [sources[t] for t in (texts or sources) if t in sources]
    for m in _REF.finditer(text):
        who = m.group("who")
        nums = [int(n) for n in re.findall(r"\d+", m.group("nums"))]
        named = who in by_short
        candidates = [by_short[who]] if named else around
        ref = m.group().strip() if named else m.group()[m.group().index("¶"):]
        # A text that failed to load (or whose anchors are broken) may be the one meant: the
        # reference is counted as unchecked, not reported against the texts that remain.
        absent = [t for t in (texts or problems.unavailable) if t in problems.unavailable] if not named else []
        for n in nums:
            if absent and not any(_exists(s, f"p{n}") for s in candidates):
                problems.unchecked[absent[0]] = problems.unchecked.get(absent[0], 0) + 1
                continue
            if not any(_exists(s, f"p{n}") for s in candidates):
                names = " or ".join(s.short for s in candidates) or "any text"
                counts = "; ".join(f"{s.short} has ¶1–¶{max((b.number for b in s.paragraphs), default=0)}"
                                   for s in candidates)
                problems.add(rel, line, f"the reference \"{ref}\" names a paragraph {names} does not "
                             f"have", f"{counts}; give the number of the paragraph you mean")
                ok = False
    for m in _LINK.finditer(text):
        url = m.group("md") or m.group("auto") or m.group("href") or ""
        if not url:
            continue
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
        if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
            problems.add(rel, line, f"the link \"{url}\" is a {scheme.group(1).lower()}: address, which a note may "
                         "not link to", "link to an http(s) or mailto address")
            ok = False
            continue
        if not re.match(r"(https?://|mailto:)", url):
            problems.add(rel, line, f"the link \"{url}\" is not a full address; a note is shown on several pages, "
                         "where a relative link would lead to different places",
                         "write the full address (https://…), or refer to a paragraph as \"Ramani ¶4\"")
            ok = False
            continue
        site = _SITE_ANCHOR.search(url)
        if site and site.group("sid") in sources and not _exists(sources[site.group("sid")], site.group("anchor")):
            problems.add(rel, line, f"the link \"{url}\" points to #{site.group('anchor')}, which "
                         f"{sources[site.group('sid')].short}'s page does not have",
                         "link to a paragraph that exists (#p1, #p2, …)")
            ok = False
    return ok


def _exists(src: Source, anchor: str) -> bool:
    return src.block(anchor) is not None or any(t.anchor == anchor for t in src.tombstones)
