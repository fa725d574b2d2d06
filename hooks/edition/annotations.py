"""Loading and resolving annotations (``sources/annotations/*.yml``), the relation types
(``sources/relations.yml``) and the topic vocabulary (``sources/topics.yml``)."""
from __future__ import annotations

import re
from pathlib import Path

import markdown
import nh3

from .inventory import linked
from .fields import check_fields, check_id, id_entries
from .model import BLOCK_KINDS, Annotation, Passage, Source
from .refs import check_refs
from .problems import Problems, did_you_mean
from .quotes import QuoteIndex, context, explain_miss, shown
from .text import folded
from .yamlio import load_yaml

ANNOTATION_FIELDS = {"id": (str, True), "title": (str, True), "relation": (str, True), "topics": (list, True),
                     "passages": (list, True), "note": (str, True), "aliases": (list, False)}
PASSAGE_FIELDS = {"source": (str, True), "quote": (str, True), "prefix": (str, False), "suffix": (str, False)}
VOCAB_FIELDS = {"id": (str, True), "label": (str, True), "description": (str, True),
                "symbol": (str, False), "texts": (int, False)}

# The blocks a cross-reference between texts may quote: the article's own words. An editorial
# note may quote any block (a masthead, a caption, boilerplate).
XREF_KINDS = {"title", "standfirst", "heading", "body"}

NOTE_TAGS = {"a", "em", "strong", "i", "b", "code", "cite", "q", "sub", "sup", "span", "br", "abbr"}
NOTE_ATTRS = {"a": {"href", "title"}, "span": {"lang", "dir"}, "q": {"lang"}, "abbr": {"title"}}


_MD = markdown.Markdown(output_format="html")


def _clean(text: str, tags: set) -> str:
    return nh3.clean(_MD.reset().convert(text), tags=tags, attributes=NOTE_ATTRS,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener")


def render_note(text: str) -> str:
    """An editor's Markdown note → inline HTML that is safe to publish: no script, no
    event handler, no ``javascript:`` or ``data:`` link; paragraphs joined by line breaks."""
    return "<br><br>".join(p.strip() for p in re.split(r"</?p>", _clean(text, NOTE_TAGS | {"p"})) if p.strip())


class Vocabulary(dict):
    """Entries by id; ``extra`` holds the file's other fields (the relations' ``procedure``)."""

    extra: dict


BLOCK_TAGS = NOTE_TAGS | {"p", "ol", "ul", "li"}


def render_block(text: str) -> str:
    """Editors' Markdown with paragraphs and lists (the relation procedure) → safe HTML."""
    return _clean(text, BLOCK_TAGS)


_MARKDOWN = {"img": "an image", "ul": "a list", "ol": "a list", "blockquote": "a block quotation",
             "pre": "a code block", "hr": "a horizontal rule", **{f"h{n}": "a heading" for n in range(1, 7)}}
_TAG = re.compile(r"<[!?]|<(/?)([a-zA-Z][\w-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\](?:[ \t]?\[([^\[\]\n]*)\])?(?![(:\[])")


def check_markup(text: str, rel: str, line: int, problems: Problems, raw: str, what="note", tags=NOTE_TAGS | {"p"}):
    """Report what the page would not show as written of ``text``, the Markdown at the key on ``line`` of ``rel``
    (whose text is ``raw``): reference-style links, unseen by check_refs, and all that nh3 would drop."""
    lines = raw.splitlines()[line - 1:] if line else []
    lines = lines[:next((i for i, s in enumerate(lines[1:], 1) if s.strip() and not s[0].isspace()), len(lines))]
    html, out, refs = _MD.reset().convert(text), {}, {r: url for r, (url, _) in _MD.references.items()}
    for ref, url in refs.items():
        use = next((m for m in _REF_LINK.finditer(text) if " ".join((m[2] or m[1]).split()).lower() == ref), None)
        out[ref] = (re.escape(use[0]), f'the reference-style link "{use[0]}" is not allowed in a {what}',
                    f'write it inline, as [{use[1]}]({url}), and delete "[{ref}]: {url}"') if use else (
            rf"\[{re.escape(ref)}\]:", f'the link definition "[{ref}]: {url}" is used by no link, and the page would '
            f"drop it", f"write the link inline, as [text]({url}), or delete it")
    for m in _TAG.finditer(html):
        tag, typed = (m[2] or "!").lower(), not m[2] or re.search(rf"</?{m[2]}\b", text, re.I)
        desc = "an HTML comment" if tag == "!" else f"the HTML tag <{tag}>" if typed else _MARKDOWN.get(tag)
        if tag not in tags and desc:
            out.setdefault(desc, ((r"<[!?]" if tag == "!" else rf"</?{tag}\b") if typed else "(?!)",
                                  f"the {what} holds {desc}, which the page would drop", f"delete it, or write it "
                                  f"otherwise: a {what} shows paragraphs, *emphasis*, **strong**, `code` and [links]("
                                  f"https://…), and of HTML only {', '.join(sorted(tags - {'p'}))}"))
        for attr in re.findall(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?", m[3] or ""):
            if tag in tags and attr.lower() not in NOTE_ATTRS.get(tag, ()):
                out.setdefault((tag, attr), (rf"<{tag}\b[^>]*\b{re.escape(attr)}", f"the {what}'s <{tag}> has the "
                                             f"attribute '{attr}', which the page would drop", f"delete it; <{tag}> "
                                             f"may have {', '.join(sorted(NOTE_ATTRS.get(tag, ['no attribute'])))}"))
    for rx, message, hint in out.values():
        problems.add(rel, next((line + i for i, s in enumerate(lines) if re.search(rx, s, re.I)), line), message, hint)
    return not out


def load_vocabulary(root: Path, name: str, key: str, problems: Problems,
                    extra: dict | None = None) -> Vocabulary:
    """A list of ``{id, label, description}`` entries under ``key`` in ``sources/<name>``, and
    the other fields ``extra`` allows ({name: (type, required)})."""
    rel = f"sources/{name}"
    data = load_yaml(root / rel, rel, problems)
    out = Vocabulary()
    out.extra = {}
    if data is None or not check_fields(data, {key: (list, True), **(extra or {})}, rel, problems, name):
        return out
    out.extra = {k: data[k] for k in (extra or {}) if data.get(k) is not None}
    check_markup(str(out.extra.get("procedure", "")), rel, data.line_of("procedure"), problems,
                 (root / rel).read_text(encoding="utf-8"), "procedure", BLOCK_TAGS)
    for entry in id_entries(data, key, VOCAB_FIELDS, rel, problems, {}):
        out[entry["id"]] = {**entry, "_line": entry.line}
    return out


def _passage(p, k: int, ann_id: str, rel: str, line: int, sources: dict[str, Source],
             indices: dict[str, QuoteIndex], problems: Problems) -> Passage | None:
    if not check_fields(p, PASSAGE_FIELDS, rel, problems, "passage", line):
        return None
    at = p.line_of
    sid = p["source"]
    if not problems.known_source(sid, sources, rel, at("source")):
        return None
    quote, prefix, suffix = str(p["quote"]), str(p.get("prefix") or ""), str(p.get("suffix") or "")
    if not folded(quote):
        problems.add(rel, at("quote"), "quote is empty",
                     f"copy the exact words of the passage from {sources[sid].text_path}")
        return None
    if len(folded(quote)) < MIN_QUOTE:
        problems.add(rel, at("quote"), f"quote \"{shown(folded(quote))}\" is shorter than {MIN_QUOTE} characters",
                     "quote the word or words that make the point, so that a reader sees what is meant")
        return None
    index = indices[sid]
    found = index.find(quote, prefix, suffix)
    src = sources[sid]
    if not found:
        hint = explain_miss(index, quote)
        extra = " with that prefix/suffix" if (prefix or suffix) and index.find(quote) else ""
        problems.add(rel, at("quote"), f"quote not found in {sid}{extra}: \"{shown(_short(quote))}\"", hint)
        return None
    if len(found) > 1:
        counts: dict[str, int] = {}
        for f in found:
            name = _where(src.block(f.block))
            counts[name] = counts.get(name, 0) + 1
        shown_places = [f"{k} ({v}×)" if v > 1 else k for k, v in counts.items()]
        places = ", ".join(shown_places[:8]) + (", …" if len(shown_places) > 8 else "")
        problems.add(rel, at("quote"), f"quote matches {len(found)} places in {sid} ({places}): \"{_short(quote)}\"",
                     "lengthen the quote, or add a 'prefix' or 'suffix' with the words around the intended one")
        return None
    loc = found[0]
    block = src.block(loc.block)
    if not _whole_words(block.reading, loc.start, loc.end, rel, at("quote"), problems):
        return None
    before, after = context(block.reading, loc.start, loc.end)
    return Passage(source=sid, quote=quote, prefix=prefix, suffix=suffix, line=at("quote"), block=loc.block,
                   start=loc.start, end=loc.end, exact=block.reading[loc.start:loc.end], before=before,
                   after=after, mark=f"m-{ann_id}-{k}")


MIN_QUOTE = 4


def _whole_words(reading: str, start: int, end: int, rel: str, line: int, problems: Problems) -> bool:
    """A quotation begins and ends at word boundaries: a highlight never cuts a word."""
    cut_start = start > 0 and reading[start - 1].isalnum() and reading[start].isalnum()
    cut_end = end < len(reading) and reading[end - 1].isalnum() and reading[end].isalnum()
    if cut_start or cut_end:
        pos = start if cut_start else end - 1
        lo, hi = reading.rfind(" ", 0, pos) + 1, reading.find(" ", pos)
        word = reading[lo:hi if hi != -1 else len(reading)]
        problems.add(rel, line, f"quote {'begins' if cut_start else 'ends'} inside the word \"{word}\"",
                     "a quote is whole words: extend it to the whole word")
        return False
    return True


def _where(block) -> str:
    return f"¶{block.number}" if block.number else f"'{block.id}'"


def _short(text: str, n: int = 80) -> str:
    text = folded(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def load_annotation(path: Path, rel: str, sources, indices, relations, topics, problems) -> Annotation | None:
    data = load_yaml(path, rel, problems)
    if data is None:
        return None
    if not check_fields(data, ANNOTATION_FIELDS, rel, problems, "annotation"):
        return None
    at = data.line_of
    ok = check_id(data["id"], rel, at("id"), problems, "annotation id")
    if ok and data["id"] != path.stem:
        problems.add(rel, at("id"), f"annotation id '{data['id']}' does not match the file name '{path.name}'",
                     f"rename the file to {data['id']}.yml or change the id")
        ok = False
    relation = data["relation"]
    if relation not in relations:
        problems.add(rel, at("relation"), f"unknown relation '{relation}'",
                     f"{did_you_mean(relation, relations)}valid relations: {', '.join(relations)}")
        ok = False
    for i, topic in enumerate(data["topics"]):
        if not isinstance(topic, str) or topic not in topics:
            problems.add(rel, data["topics"].line_of(i), f"unknown topic {topic!r}",
                         f"{did_you_mean(topic, topics)}valid topics are listed in sources/topics.yml "
                         f"({', '.join(topics)}); add a new topic there first")
            ok = False
    if not data["topics"]:
        problems.add(rel, at("topics"), "no topics", "give at least one topic id from sources/topics.yml")
        ok = False
    passages = []
    if not data["passages"]:
        problems.add(rel, at("passages"), "no passages", "give at least one {source, quote}")
        ok = False
    for k, p in enumerate(data["passages"], 1):
        got = _passage(p, k, str(data["id"]), rel, data["passages"].line_of(k - 1), sources, indices, problems)
        ok = ok and got is not None
        if got:
            passages.append(got)
    if not ok:
        return None
    aliases = []
    for i, alias in enumerate(data.get("aliases") or []):
        if check_id(alias, rel, data["aliases"].line_of(i), problems, "alias"):
            aliases.append(alias)
        else:
            ok = False
    if not ok:
        return None
    ann = Annotation(id=data["id"], title=str(data["title"]), relation=relation, topics=list(data["topics"]),
                     passages=passages, note=str(data["note"]).strip(), path=rel, line=data.line, aliases=aliases,
                     key_lines=dict(data.key_lines))
    needed = relations[relation].get("texts", 2)
    if len(ann.sources) < needed:
        problems.add(rel, at("passages"), f"relation '{relation}' needs passages in at least {needed} texts, "
                     f"this annotation quotes {len(ann.sources)}",
                     "add the counterpart passage, or use relation 'editorial' for a note on one text")
        return None
    if needed == 1 and len(ann.sources) > 1:
        problems.add(rel, at("relation"), f"relation '{relation}' is for a note on one text, "
                     f"this annotation quotes {len(ann.sources)}",
                     f"choose one of: {', '.join(r for r, v in relations.items() if v.get('texts', 2) > 1)}")
        return None
    if needed > 1:
        for p in passages:
            kind = sources[p.source].block(p.block).kind
            if kind not in XREF_KINDS:
                problems.add(rel, p.line, f"a cross-reference joins the articles' own words, and this quote stands in "
                             f"the {BLOCK_KINDS[kind].lower()} of {p.source}",
                             f"quote the title, standfirst, a heading or a body paragraph; a note on the "
                             f"{BLOCK_KINDS[kind].lower()} is an editorial note (relation: editorial)")
                return None
    if not check_refs(ann.note, sources, rel, at("note"), problems, texts=ann.sources) \
            & check_markup(ann.note, rel, at("note"), problems, path.read_text(encoding="utf-8")):
        return None
    ann.note_html = render_note(ann.note)
    return ann


def load_annotations(root: Path, sources: dict[str, Source], relations, topics,
                     problems: Problems) -> list[Annotation]:
    indices = {sid: QuoteIndex(src.blocks) for sid, src in sources.items()}
    out: list[Annotation] = []
    seen: dict[str, str] = {}
    for path in sorted((root / "sources" / "annotations").rglob("*.yml")):
        rel = path.relative_to(root).as_posix()
        if linked(path):
            continue  # refused by inventory.check_tree
        ann = load_annotation(path, rel, sources, indices, relations, topics, problems)
        if ann is None:
            continue
        clash = next((i for i in [ann.id, *ann.aliases] if i in seen), None)
        if clash:
            problems.add(rel, ann.line, f"duplicate annotation id '{clash}'", f"also defined at {seen[clash]}")
            continue
        for i in [ann.id, *ann.aliases]:
            seen[i] = f"{rel}:{ann.line}"
        out.append(ann)
    _check_overlaps(out, problems)
    return out


def _check_overlaps(annotations: list[Annotation], problems: Problems) -> None:
    """Highlights may nest or stand apart, but two may not partly overlap."""
    spans: dict[tuple[str, str], list[tuple[int, int, Annotation, Passage]]] = {}
    for a in annotations:
        for p in a.passages:
            spans.setdefault((p.source, p.block), []).append((p.start, p.end, a, p))
    for (sid, block), items in spans.items():
        items.sort(key=lambda x: (x[0], -x[1]))
        for i, (s1, e1, a1, p1) in enumerate(items):
            for s2, e2, a2, p2 in items[i + 1:]:
                if s2 >= e1:
                    break
                if e2 > e1:
                    problems.add(a2.path, p2.line, f"quote partly overlaps the quote of '{a1.id}' in {sid} "
                                 f"({block})", f"shorten one of them so that they nest or stand apart; "
                                 f"the other is at {a1.path}:{p1.line}")
