"""Loading the texts: ``sources/texts/<id>.yml`` (metadata) beside ``<id>.txt`` (the
received witness, byte for byte). A new text needs only these two files and, once built,
its anchor registry ``sources/anchors/<id>.yml``."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .fields import check_fields, check_id, check_lang, check_url
from .inventory import NOTES, linked
from .model import BLOCK_KINDS, Intervention, Source
from .problems import Problems, did_you_mean
from .registry import Options, number_paragraphs
from .segment import segment
from .yamlio import load_yaml

META_FIELDS = {
    "id": (str, True), "file": (str, True), "sha256": (str, True), "short": (str, True),
    "title": (str, True), "authors": (list, True), "date": (str, True), "publication": (str, True),
    "url": (str, True), "witness": (dict, True), "languages": (list, True), "rights": (str, True),
    "standfirst": (str, False), "conversion": (str, False), "rtl_lang": (str, False),
    "blocks": (list, False), "emendations": (list, False), "description": (str, False),
    "type": (str, False), "title_sentence": (str, False), "date_basis": (str, False),
}
CSL_TYPES = ("article-magazine", "article-newspaper", "article-journal", "post-weblog", "webpage")
RULE_FIELDS = {"match": (str, True), "kind": (str, True), "id": (str, False), "note": (str, False)}
EMENDATION_FIELDS = {"block": (str, True), "received": (str, True), "reading": (str, False),
                     "reason": (str, True)}
AUTHOR_FIELDS = {"given": (str, True), "family": (str, True)}
WITNESS_FIELDS = {"description": (str, True), "publisher": (str, False), "url": (str, False),
                  "received": (str, False)}
DATE_RX = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load_source(root: Path, meta_path: Path, problems: Problems, opts: Options | None = None) -> Source | None:
    """Load, verify and segment one text. Problems are collected, never raised."""
    rel = meta_path.relative_to(root).as_posix()
    meta = load_yaml(meta_path, rel, problems)
    if meta is None:
        return None
    if not check_fields(meta, META_FIELDS, rel, problems, "source metadata"):
        return None
    mark = len(problems)
    sid = meta["id"]
    if not check_id(sid, rel, meta.line_of("id"), problems, "source id"):
        return None
    if sid != meta_path.stem:
        problems.add(rel, meta.line_of("id"), f"source id '{sid}' does not match the file name '{meta_path.name}'",
                     f"rename the file to {sid}.yml or change the id")
        return None
    for key in ("date",):
        if not DATE_RX.match(str(meta[key])):
            problems.add(rel, meta.line_of(key), f"field '{key}' must be a date as YYYY-MM-DD, not {meta[key]!r}")
    if meta.get("conversion") and meta["conversion"] not in ("markdown", "none"):
        problems.add(rel, meta.line_of("conversion"), f"unknown conversion '{meta['conversion']}'",
                     "write `conversion: markdown` for a text converted to Markdown (its traces are read), "
                     "or `conversion: none`")
    if meta.get("type") and meta["type"] not in CSL_TYPES:
        problems.add(rel, meta.line_of("type"), f"unknown publication type '{meta['type']}'",
                     f"{did_you_mean(meta['type'], CSL_TYPES)}valid types: {', '.join(CSL_TYPES)}")
    check_url(meta["url"], rel, meta.line_of("url"), problems, "field 'url'")
    for i, lang in enumerate(meta["languages"]):
        check_lang(lang, rel, meta["languages"].line_of(i), problems, "language")
    if not meta["languages"]:
        problems.add(rel, meta.line_of("languages"), "no languages", "give the text's languages: [en]")
    if meta.get("rtl_lang"):
        check_lang(meta["rtl_lang"], rel, meta.line_of("rtl_lang"), problems, "field 'rtl_lang'")
    for i, author in enumerate(meta["authors"]):
        check_fields(author, AUTHOR_FIELDS, rel, problems, "author", meta["authors"].line_of(i))
    if check_fields(meta["witness"], WITNESS_FIELDS, rel, problems, "witness") and meta["witness"].get("url"):
        check_url(meta["witness"]["url"], rel, meta["witness"].line_of("url"), problems, "field 'url' of the witness")
    if not meta["authors"]:
        problems.add(rel, meta.line_of("authors"), "no authors", "give each as {given: Ann, family: Other}")
    if len(problems) > mark:
        return None

    name = meta["file"]
    text_path = meta_path.parent / name
    if linked(text_path):
        return None  # refused by inventory.check_tree
    if "/" in name or "\\" in name or name.startswith(".") or not text_path.resolve().is_relative_to(
            meta_path.parent.resolve()):
        problems.add(rel, meta.line_of("file"), f"field 'file' must name a file beside the metadata, not {name!r}",
                     f"put the text in {meta_path.parent.relative_to(root).as_posix()}/ and give its bare name")
        return None
    text_rel = text_path.relative_to(root).as_posix()
    if not text_path.is_file():
        problems.add(rel, meta.line_of("file"), f"the text file '{text_rel}' does not exist",
                     "add the received text beside the metadata")
        return None
    raw = text_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != str(meta["sha256"]).lower():
        problems.add(rel, meta.line_of("sha256"),
                     f"checksum mismatch: {text_rel} has SHA-256 {digest}, the metadata records {meta['sha256']}",
                     "the received text must stay byte for byte as received; record a correction as an "
                     "emendation instead, or, for a new witness, update sha256")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.add(text_rel, 1, "starts with a byte-order mark", "save the received text as UTF-8 without BOM")
        return None
    try:
        received = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(text_rel, line, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                     "convert the received text to UTF-8 and record the conversion in the witness description")
        return None

    rules = []
    for i, rule in enumerate(meta.get("blocks") or []):
        line = meta["blocks"].line_of(i)
        if not check_fields(rule, RULE_FIELDS, rel, problems, "block rule", line):
            continue
        if rule["kind"] not in BLOCK_KINDS:
            problems.add(rel, rule.line_of("kind"), f"unknown block kind '{rule['kind']}'",
                         f"{did_you_mean(rule['kind'], BLOCK_KINDS)}valid kinds: {', '.join(BLOCK_KINDS)}")
            continue
        if "id" in rule and not check_id(rule["id"], rel, rule.line_of("id"), problems, "block id"):
            continue
        if re.fullmatch(r"p\d+", str(rule.get("id", ""))):
            problems.add(rel, rule.line_of("id"), f"block id '{rule['id']}' is reserved for body paragraphs",
                         "choose another id")
            continue
        rules.append({**rule, "_line": line})

    blocks, interventions, used = segment(sid, received, rules, markdown=meta.get("conversion") == "markdown",
                                          rtl_lang=meta.get("rtl_lang"))
    for rule, n in zip(rules, used):
        if n != 1:
            problems.add(rel, rule["_line"], f"block rule matches {n} blocks of {text_rel}, not one: {rule['match']!r}",
                         "make 'match' the exact beginning of one block")
    src = Source(id=sid, meta=meta, path=rel, text_path=text_rel, received=received, blocks=blocks)

    number_paragraphs(root, src, problems, opts or Options())
    by_line = {b.line: b for b in blocks}
    for iv in interventions:
        iv.block = by_line[iv.line].id
        iv.path = text_rel
    for rule, n in zip(rules, used):
        if rule.get("note") and n == 1:
            b = next(b for b in blocks if b.received.startswith(rule["match"]))
            interventions.append(Intervention(sid, b.id, "classification", rule["match"], BLOCK_KINDS[b.kind],
                                              rule["note"], rel, rule["_line"]))
    interventions += _emend(src, rel, problems)
    interventions.sort(key=lambda iv: (by_line_index(src, iv.block), iv.kind != "classification"))
    src.interventions = interventions
    return src


def by_line_index(src: Source, anchor: str) -> int:
    b = src.block(anchor)
    return b.index if b else -1


def _emend(src: Source, rel: str, problems: Problems) -> list[Intervention]:
    """Apply the editor's emendations to reading texts; each must match exactly once."""
    out = []
    meta = src.meta
    for i, em in enumerate(meta.get("emendations") or []):
        line = meta["emendations"].line_of(i)
        if not check_fields(em, EMENDATION_FIELDS, rel, problems, "emendation", line):
            continue
        block = src.block(em["block"])
        if block is None:
            problems.add(rel, em.line_of("block"), f"emendation names unknown block '{em['block']}'",
                         f"{did_you_mean(em['block'], [b.id for b in src.blocks])}blocks: "
                         + ", ".join(b.id for b in src.blocks))
            continue
        n = block.reading.count(em["received"])
        if n != 1:
            problems.add(rel, em.line_of("received"),
                         f"emendation's received reading occurs {n} times in block '{block.id}', not once",
                         "quote the received reading exactly, with enough context to be unique")
            continue
        reading = em.get("reading") or ""
        at = block.reading.index(em["received"])
        delta = len(reading) - len(em["received"])
        block.reading = block.reading[:at] + reading + block.reading[at + len(em["received"]):]
        for span in block.spans:
            if span.start >= at + len(em["received"]):
                span.start += delta
            if span.end >= at + len(em["received"]):
                span.end += delta
        out.append(Intervention(src.id, block.id, "emendation", em["received"], reading, em["reason"], rel, line))
    return out


def load_sources(root: Path, problems: Problems, opts: Options | None = None) -> dict[str, Source]:
    """Every text under ``sources/texts/``, in the order of their file names."""
    out: dict[str, Source] = {}
    for meta_path in sorted((root / "sources" / "texts").glob("*.yml")):
        if meta_path.is_symlink():
            continue  # refused by inventory.check_tree
        src = load_source(root, meta_path, problems, opts)
        # A text whose paragraphs no longer match its published anchors (a received text edited
        # by mistake, say) is not used to check other files: every quote and ¶ reference to it
        # would fail there too, in files the editor never touched. They are counted instead.
        registry = f"sources/anchors/{meta_path.stem}.yml"
        broken = src is not None and bool(src.meta.get("_anchors_broken"))
        if src is not None and not broken:
            out[src.id] = src
        else:
            problems.unavailable[meta_path.stem] = f"sources/texts/{meta_path.name}"
            if broken:
                problems.why[meta_path.stem] = (f"the paragraphs of this text no longer match its published anchors "
                                                f"({registry}, above), as when its .txt is edited by mistake")
    # Metadata in a file the edition does not read (inventory.check_tree reports it): its text
    # is unavailable, so references to it are counted, not reported one by one.
    for path in sorted((root / "sources" / "texts").glob("*")):
        if path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yml" and path.stem not in out:
            problems.unavailable[path.stem] = path.relative_to(root).as_posix()
    _check_unread(root, out, problems)
    return out


def _check_unread(root: Path, sources: dict[str, Source], problems: Problems) -> None:
    """A file in ``sources/texts/`` that no metadata names, or a registry in
    ``sources/anchors/`` of no text, is an error: it would be dropped in silence."""
    used = {Path(s.text_path).name for s in sources.values()}
    known = set(sources) | set(problems.unavailable)
    folder = root / "sources" / "texts"
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_symlink() or not path.is_file() or path.suffix in (".yml", ".yaml", ".YML", ".YAML") \
                or path.name.endswith(NOTES) or path.name in used or path.stem in problems.unavailable:
            continue
        problems.add(path.relative_to(root).as_posix(), 0, "is not the text of any metadata file, so the edition "
                     "does not read it", f"add its metadata, {path.stem}.yml, beside it (see CONTRIBUTING.md), or "
                     "remove it")
    for path in sorted((root / "sources" / "anchors").glob("*.yml")):
        if path.stem not in known and not path.is_symlink():
            problems.add(path.relative_to(root).as_posix(), 0, f"is the anchor registry of '{path.stem}', which is "
                         "not a text of the edition", f"{did_you_mean(path.stem, known)}a registry is named after "
                         "its text's id; texts: " + ", ".join(sorted(known)))
