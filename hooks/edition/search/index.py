"""The search index as static files, in pieces small enough that one query fetches only
what it needs, however many texts the edition holds.

``search/manifest.json`` (a few KB) names the build's folder ``search/<v>/`` and lists:
- ``keys``: the word shards, each key a word prefix, with its gzipped size. A word is kept in
  the shard of the longest key it begins with. A shard that would pass :data:`SHARD_LIMIT`
  is split by the next letter, so a shard stays small as the edition grows.
- ``chunks``: the first record of each record chunk (records in order, :data:`CHUNK_LIMIT`
  bytes at most, or one record when it is larger).
- ``kinds``: where the texts' records end and the notes' end (records are in that order).

``t/<hex of key>.json``: ``{word: postings}``, postings ``[record, score, record, score…]``
with each record number given as the difference from the one before; or, for a spelling
variant, ``{"p": postings, "f": [the words written in the records]}``, so that the result
shows the word the text has. A score is BM25's term-frequency part (k1 1.2, b 0.75; a word
of the title counts three times), 1–99; the client multiplies it by the word's rarity.

``d/<n>.json``: ``[[url, title, text], …]`` for the records of chunk ``n``.

``b/<n>.json``: the pairs of neighbouring words (:func:`~.words.bigrams`), ``{"a b":
[record, …]}`` (each record number the difference from the one before), in ``pairs`` files
(the manifest says how many) by :func:`~.words.bucket`: a phrase of k words fetches at most
k − 1 of them. A pair of words of the title and one of the text are not joined, and a
paragraph's title is left out (it names the text, not the paragraph).

``f.json``: what the results can be narrowed by (:mod:`.facets`): for each facet, its values
``[id, label, runs]`` in the order of the sources, runs ``[gap, length, gap, length…]`` over
the record numbers. Fetched with the first query that finds something.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter, defaultdict

from .records import KINDS, Record
from .words import STOPWORDS, bigrams, bucket, fold, variants, words

SHARD_LIMIT = 12_000
"""Largest gzipped shard, in bytes, that is split further (a shard of one word can be larger)."""
CHUNK_LIMIT = 6_000
"""Largest record chunk, raw bytes, before a new chunk begins."""
K1, B, TITLE_WEIGHT = 1.2, 0.75, 3


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def postings(records: list[Record], pairs: list[tuple[str, str]]) -> tuple[dict, dict]:
    """word → {record: score}, and variant word → the words the records write."""
    counts = []
    for r in records:
        c = Counter(words(r.text))
        for w in words(r.title):
            c[w] += TITLE_WEIGHT
        counts.append(c)
    avg = sum(sum(c.values()) for c in counts) / max(len(counts), 1) or 1
    post: dict[str, dict[int, int]] = defaultdict(dict)
    forms: dict[str, set[str]] = defaultdict(set)
    spelt: dict[str, list[str]] = {}
    for n, c in enumerate(counts):
        length = sum(c.values())
        for w, f in c.items():
            s = max(1, round(99 * f / (f + K1 * (1 - B + B * length / avg))))
            post[w][n] = max(post[w].get(n, 0), s)
            alts = spelt.get(w)
            if alts is None:
                alts = spelt[w] = variants(w, pairs)
            for alt in alts:
                if alt not in c:
                    post[alt][n] = max(post[alt].get(n, 0), s)
                    forms[alt].add(w)
    return post, forms


def _encode(word: str, post: dict[int, int], forms: set[str]):
    flat, last = [], 0
    for n in sorted(post):
        flat += [n - last, post[n]]
        last = n
    return {"p": flat, "f": sorted(forms)} if forms else flat


def shards(entries: dict[str, object], limit: int = SHARD_LIMIT) -> dict[str, dict]:
    """Key → {word: entry}: words grouped by their first two letters, a group over ``limit``
    (gzipped) split by the next letter, and so on."""
    out: dict[str, dict] = {}

    def place(key: str, group: list[str]) -> None:
        body = {w: entries[w] for w in group}
        longer = [w for w in group if len(w) > len(key)]
        if gz_size(_json(body)) <= limit or not longer:
            out[key] = body
            return
        own = [w for w in group if len(w) <= len(key)]
        if own:
            out[key] = {w: entries[w] for w in own}
        children = defaultdict(list)
        for w in longer:
            children[w[:len(key) + 1]].append(w)
        for child, members in sorted(children.items()):
            place(child, members)

    first = defaultdict(list)
    for w in sorted(entries):
        first[w[:2]].append(w)
    for key, group in sorted(first.items()):
        place(key, group)
    return out


def key_file(key: str) -> str:
    return key.encode("utf-8").hex() + ".json"


def chunks(records: list[Record], limit: int = CHUNK_LIMIT) -> list[list[list[str]]]:
    out: list[list[list[str]]] = []
    size = limit
    for r in records:
        row = [r.url, r.title, r.text]
        n = len(_json(row)) + 1          # and its comma
        if size + n > limit:
            out.append([])
            size = 1                     # the brackets
        out[-1].append(row)
        size += n
    return out


def pair_postings(records: list[Record], pairs: list[tuple[str, str]]) -> dict[str, list[int]]:
    """Pair of neighbouring words → the records (in order) whose text holds it, or whose title
    does: a paragraph's title (its text's) is not searched for phrases, or every paragraph of
    Harrison's would hold "defence cooperation"."""
    out: dict[str, list[int]] = defaultdict(list)
    for n, r in enumerate(records):
        for pair in (bigrams(r.title, pairs) if r.kind != "text" else set()) | bigrams(r.text, pairs):
            out[pair].append(n)
    return out


def _deltas(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + numbers, numbers)]


def pair_files(records: list[Record], pairs: list[tuple[str, str]], limit: int = SHARD_LIMIT) -> list[bytes]:
    """The pair files: as few as keep each under ``limit`` gzipped (a power of two of them;
    a file over it holds one pair too common to split)."""
    post = {k: _deltas(v) for k, v in pair_postings(records, pairs).items()}
    raw = sum(len(k) + 4 + 3 * len(v) for k, v in post.items())
    n = 1
    while n * limit * 3 < raw:            # gzip keeps about a third of these lists
        n *= 2
    while True:
        groups: list[dict] = [{} for _ in range(n)]
        for k in sorted(post):
            groups[bucket(k, n)][k] = post[k]
        files = [_json(g) for g in groups]
        if n >= 1 << 16 or all(len(g) <= 1 or gz_size(f) <= limit for g, f in zip(groups, files)):
            return files
        n *= 2


def _runs(numbers: list[int]) -> list[int]:
    """Sorted record numbers as ``[gap, length, …]``: each run of consecutive numbers by its
    distance from the end of the run before, and its length."""
    out, end = [], 0
    for n in numbers:
        if out and n == end:
            out[-1] += 1
        else:
            out += [n - end, 1]
        end = n + 1
    return out


def index_files(records: list[Record], pairs: list[tuple[str, str]],
                facets: dict[str, list[tuple[str, str, list[int]]]] | None = None) -> dict[str, bytes]:
    """The files of the index, by path under ``search/``. ``records`` must be in the order of
    :data:`~.records.KINDS`. ``facets``: facet → its values ``(id, label, record numbers)``
    (:func:`.facets.record_facets`)."""
    kinds = [r.kind for r in records]
    assert kinds == sorted(kinds, key=KINDS.index), "records out of order"
    post, forms = postings(records, pairs)
    entries = {w: _encode(w, p, forms.get(w, set())) for w, p in post.items()}
    groups = shards(entries)
    body: dict[str, bytes] = {}
    for key, group in groups.items():
        body["t/" + key_file(key)] = _json(group)
    parts = chunks(records)
    for i, part in enumerate(parts):
        body[f"d/{i}.json"] = _json(part)
    pair_parts = pair_files(records, pairs)
    for i, data in enumerate(pair_parts):
        body[f"b/{i}.json"] = data
    body["f.json"] = _json({name: [[ident, label, _runs(sorted(numbers))] for ident, label, numbers in values]
                            for name, values in (facets or {}).items()})
    starts, n = [], 0
    for part in parts:
        starts.append(n)
        n += len(part)
    version = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(body.items()))).hexdigest()[:12]
    manifest = {"v": version, "n": len(records),
                "kinds": [kinds.count("text"), kinds.count("text") + kinds.count("note")],
                "keys": {key: gz_size(body["t/" + key_file(key)]) for key in groups},
                "chunks": starts, "stop": sorted(STOPWORDS),
                "pairs": len(pair_parts), "spellings": [[fold(a), fold(b)] for a, b in pairs]}
    files = {f"{version}/{path}": data for path, data in body.items()}
    files["manifest.json"] = _json(manifest)
    return files
