"""Segmentation: a received witness → blocks, each classified and given a reading text.

Pure functions only. The rules that read the traces of a Markdown conversion live here,
so that every trace they remove is returned as an :class:`Intervention` for the apparatus.
"""
from __future__ import annotations

import re

from .model import Block, Intervention, Span
from .text import is_rtl, rtl_runs, slugify, unique

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_blocks(text: str) -> list[tuple[int, str]]:
    """Split a witness on blank lines; return (1-based start line, block) pairs.

    A block keeps its inner line breaks and every character as received; only the blank
    lines between blocks (and surrounding white space) fall between blocks."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for n, line in enumerate(_LINE_BREAK.split(text), 1):
        if line.strip():
            if not current:
                start = n
            current.append(line)
        elif current:
            out.append((start, "\n".join(current).strip()))
            current = []
    if current:
        out.append((start, "\n".join(current).strip()))
    return out


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*$", re.S)
_BOLD_WRAP = re.compile(r"^\*\*(.+)\*\*$", re.S)
_INLINE = re.compile(
    r"(?P<escape>\\\$)"
    r"|(?P<u><u>(?P<utext>[^<]*)</u>)"
    r"|(?P<em>(?<![*\w])\*(?P<emtext>[^*\s][^*\n]*?)\*(?![*\w]))"
    r"|(?P<nbsp>\u00a0 | \u00a0)"
)


def read_traces(raw: str, markdown: bool) -> tuple[str, list[Span], list[tuple[str, str, str, str]]]:
    """Read a block's conversion traces.

    Returns the reading text, its inline spans, and the interventions as
    (kind, received, reading, reason) tuples. With ``markdown`` false only typography
    is read (a no-break space doubled by an ordinary space)."""
    interventions: list[tuple[str, str, str, str]] = []
    text = raw
    if markdown:
        m = _HEADING.match(text)
        if m:
            text = m.group(2)
            interventions.append(("markup", m.group(1) + " ", "",
                                  "Markdown heading marker left by the conversion; the line is shown as a heading (or, in the masthead, as its logo text)"))
        m = _BOLD_WRAP.match(text)
        if m:
            text = m.group(1)
            interventions.append(("markup", "**" + text + "**", text,
                                  "Markdown bold markers around a heading, left by the conversion; "
                                  "the heading is shown without them"))
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    for m in _INLINE.finditer(text):
        kind = m.lastgroup if m.lastgroup in ("escape", "nbsp") else ("u" if m.group("u") else "em")
        if kind != "nbsp" and not markdown:
            continue
        out.append(text[pos:m.start()])
        here = sum(len(s) for s in out)
        if kind == "escape":
            out.append("$")
            interventions.append(("escape", "\\$", "$",
                                  "backslash before a dollar sign, a Markdown escape left by the conversion"))
        elif kind == "u":
            word = m.group("utext")
            out.append(word)
            interventions.append(("markup", m.group(), word,
                                  "HTML underline tags left by the conversion; the word is shown "
                                  "without underline"))
        elif kind == "em":
            word = m.group("emtext")
            out.append(word)
            spans.append(Span(here, here + len(word), "em"))
            interventions.append(("markup", m.group(), word,
                                  "Markdown emphasis left by the conversion; read as italics "
                                  "(the title of a publication)"))
        else:
            out.append(" ")
            interventions.append(("typography", "\u00a0 " if m.group()[0] == "\u00a0" else " \u00a0", " ",
                                  "a no-break space beside an ordinary space, shown as one space"))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans, interventions


def classify(blocks: list[tuple[int, str]], rules: list[dict]) -> tuple[list[str], list[int | None]]:
    """Give each block a kind: the first rule whose ``match`` begins the block, else
    ``heading`` for a Markdown heading, else ``body``. Also return, per block, the index
    of the rule that classified it (None when no rule did)."""
    kinds: list[str] = []
    which: list[int | None] = []
    for _, raw in blocks:
        for i, rule in enumerate(rules):
            if raw.startswith(rule["match"]):
                kinds.append(rule["kind"])
                which.append(i)
                break
        else:
            kinds.append("heading" if _HEADING.match(raw) else "body")
            which.append(None)
    return kinds, which


def segment(source_id: str, text: str, rules: list[dict], *, markdown: bool,
            rtl_lang: str | None) -> tuple[list[Block], list[Intervention], list[int]]:
    """Segment a witness into classified blocks with reading texts and interventions.

    Body paragraphs get no anchor here (see :mod:`.anchors`). Also returns, for each rule,
    how many blocks it matched, so the caller can report rules that match nothing."""
    raw_blocks = split_blocks(text)
    kinds, which = classify(raw_blocks, rules)
    used = [0] * len(rules)
    ids: set[str] = set()
    blocks: list[Block] = []
    interventions: list[Intervention] = []
    for index, ((line, raw), kind, rule_i) in enumerate(zip(raw_blocks, kinds, which)):
        rule = rules[rule_i] if rule_i is not None else {}
        if rule_i is not None:
            used[rule_i] += 1
        reading, spans, found = read_traces(raw, markdown)
        if kind == "body":
            anchor = ""
        elif rule.get("id"):
            anchor = unique(rule["id"], ids)
        elif kind == "heading":
            anchor = unique(slugify(reading) or "heading", ids)
        else:
            anchor = unique(kind, ids)
        block = Block(source=source_id, index=index, line=line, received=raw, kind=kind, id=anchor,
                      reading=reading, spans=spans, note=rule.get("note", ""))
        if rtl_lang and is_rtl(reading):
            block.rtl, block.lang = True, rtl_lang
        elif rtl_lang:
            block.spans += [Span(a, b, "span", f'lang="{rtl_lang}" dir="rtl"') for a, b in rtl_runs(reading)]
        blocks.append(block)
        for k, rec, rd, why in found:
            interventions.append(Intervention(source_id, anchor, k, rec, rd, why, line=line))
    return blocks, interventions, used
