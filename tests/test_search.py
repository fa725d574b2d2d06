"""The search index (hooks/edition/search/): what it holds, that it stays in small pieces as
the edition grows, and that a query needs only a few of them.

`lookup` reads the index as edition-search.js does for a whole word: the manifest, then the
shard of the longest key the word begins with. The browser tests (tests/browser) type the
queries into the real search box."""
from __future__ import annotations

import gzip
import json
import math
import random
import re

import pytest

from conftest import ROOT
from edition import load_edition
from edition.search.index import CHUNK_LIMIT, SHARD_LIMIT, chunks, index_files, key_file, shards
from edition.search.records import Record, html_records
from edition.search.words import (STOPWORDS, bigrams, bucket, canonical, fold, parse_query, phrase_in, spans, tokens,
                                  variants, words)

COUNTS = {"ramani-2015": 15, "harrison-2015": 9}


@pytest.fixture(scope="module")
def edition():
    return load_edition(ROOT)


class Index:
    """The built index, read from files as the browser reads it."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        self.manifest = json.loads(files["manifest.json"])
        self.v = self.manifest["v"]

    def shard_key(self, word: str) -> str | None:
        keys = self.manifest["keys"]
        return next((word[:k] for k in range(len(word), 0, -1) if word[:k] in keys), None)

    def entry(self, word: str):
        key = self.shard_key(word)
        shard = json.loads(self.files[f"{self.v}/t/{key_file(key)}"]) if key else {}
        return shard.get(word)

    def record(self, n: int) -> list[str]:
        starts = self.manifest["chunks"]
        i = max(k for k, s in enumerate(starts) if s <= n)
        return json.loads(self.files[f"{self.v}/d/{i}.json"])[n - starts[i]]

    def lookup(self, word: str) -> dict[str, int]:
        """Record address → score, for one whole word."""
        e = self.entry(fold(word))
        if e is None:
            return {}
        flat = e if isinstance(e, list) else e["p"]
        out, n = {}, 0
        for i in range(0, len(flat), 2):
            n += flat[i]
            out[self.record(n)[0]] = flat[i + 1]
        return out


PREFIX_BUDGET = 60000
"""edition-search.js: gzipped bytes of shards one query may fetch for word beginnings."""


def query_terms(query: str) -> list[str]:
    """The words of a query, once each, as edition-search.js reads them (``terms``)."""
    return list(dict.fromkeys(words(query)))


def rank(ix: Index, query: str) -> list[dict]:
    """The results of ``query``, in the order edition-search.js gives them (``search``): for
    each query word, a record scores by the best index word it holds that begins with the
    query word (BM25: the index's score times the word's rarity, times 0.6 for a longer word);
    shown are the records holding the most query words; the order is how many query words a
    record holds whole (the word or its other spelling), then texts, notes, pages, then score.
    Each result: ``{"n", "url", "exact", "score"}``."""
    qs, budget = query_terms(query), PREFIX_BUDGET
    keys, n_records = ix.manifest["keys"], ix.manifest["n"]
    hits: dict[int, dict] = {}
    for i, q in enumerate(qs):
        own = ix.shard_key(q)
        more = [k for k in keys if len(k) > len(q) and k.startswith(q)]
        extra = sum(keys[k] for k in more)
        limited = extra > budget
        if limited:
            more = []
        else:
            budget -= extra
        for key in ([own] if own else []) + more:
            for w, e in json.loads(ix.files[f"{ix.v}/t/{key_file(key)}"]).items():
                if not w.startswith(q) or (limited and w != q):
                    continue
                flat = e if isinstance(e, list) else e["p"]
                df = len(flat) / 2
                idf = math.log(1 + (n_records - df + 0.5) / (df + 0.5))
                weight, n = (1 if w == q else 0.6) * idf, 0
                for j in range(0, len(flat), 2):
                    n += flat[j]
                    h = hits.setdefault(n, {"n": n, "whole": [0.0] * len(qs), "part": [0.0] * len(qs)})
                    by = h["whole"] if w == q else h["part"]
                    by[i] = max(by[i], weight * flat[j + 1])
    kinds = ix.manifest["kinds"]
    out = []
    for h in hits.values():
        best = [s or p for s, p in zip(h["whole"], h["part"])]
        out.append({"n": h["n"], "found": sum(1 for s in best if s), "exact": sum(1 for s in h["whole"] if s),
                    "score": sum(best), "kind": 0 if h["n"] < kinds[0] else 1 if h["n"] < kinds[1] else 2})
    most = max((h["found"] for h in out), default=0)
    shown = sorted((h for h in out if h["found"] == most), key=lambda h: (-h["exact"], h["kind"], -h["score"], h["n"]))
    for h in shown:
        h["url"] = ix.record(h["n"])[0]
    return shown


def holds_whole(ix: Index, n: int, word: str) -> bool:
    """Whether record ``n`` writes ``word`` itself (in its title or its text)."""
    _, title, text = ix.record(n)
    return fold(word) in words(title) + words(text)


@pytest.fixture(scope="module")
def index(site):
    root = site / "search"
    return Index({p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()})


# ---------------------------------------------------------------------------------------------
# What is found
# ---------------------------------------------------------------------------------------------

def test_each_paragraph_is_a_record_of_its_own(index, edition):
    n = index.manifest["kinds"][0]
    seen = {index.record(i)[0]: index.record(i) for i in range(n)}
    assert n == sum(len(s.paragraphs) for s in edition.sources.values())
    assert {sid: len(edition.sources[sid].paragraphs) for sid in COUNTS} == COUNTS  # the public contract
    for sid, source in edition.sources.items():
        for b in source.paragraphs:
            url, title, text = seen[f"texts/{sid}/#{b.id}"]
            assert text == b.reading
            assert title.startswith(f"{source.short} ¶{b.number} · ")


def test_arkankergen_is_found_in_every_paragraph_that_names_it(index, edition):
    texts = sorted(u for u in index.lookup("Arkankergen") if re.search(r"^texts/.*#p\d+$", u))
    expected = sorted(f"texts/{sid}/#{b.id}" for sid, s in edition.sources.items() for b in s.paragraphs
                      if "arkankergen" in b.reading.lower())
    assert texts == expected
    # in the two texts of the contract, the paragraphs their published anchors name
    assert [u for u in texts if u.split("/")[1] in COUNTS] == ["texts/harrison-2015/#p8", "texts/ramani-2015/#p13"]


def test_persian_words_of_the_masthead_are_found(index):
    for word in ("افغانستان", "آزاد", "زبان", "اروپائی"):
        found = index.lookup(word)
        assert "texts/ramani-2015/#paratext" in found, (word, sorted(found))


BOTH = {"ramani-2015", "harrison-2015"}


@pytest.mark.parametrize("british, american, texts", [
    ("defence", "defense", BOTH), ("organisation", "organization", BOTH), ("neighbours", "neighbors", BOTH),
    ("uighur", "uyghur", BOTH),
    # Ramani never speaks of modernisation, in either spelling: only Harrison can be found.
    ("modernisation", "modernization", {"harrison-2015"})])
def test_either_spelling_finds_the_same_paragraphs(index, british, american, texts):
    found = {w: {u for u in index.lookup(w) if re.search(r"^texts/.*#p\d+$", u)} for w in (british, american)}
    assert found[british] == found[american]
    assert {u.split("/")[1] for u in found[british]} & BOTH == texts  # what another text holds is its own


def test_a_spelling_variant_names_the_word_the_text_writes(index):
    """A search for "uyghur" shows and highlights "Uighur", the word in the text, and adds
    nothing to the text it shows (the old index appended "(also spelled: …)")."""
    entry = index.entry("uyghur")
    assert isinstance(entry, dict) and entry["f"] == ["uighur"], entry
    for n in range(index.manifest["n"]):
        assert "also spelled" not in index.record(n)[2]


# ---------------------------------------------------------------------------------------------
# The order of the results
# ---------------------------------------------------------------------------------------------

def test_a_whole_word_ranks_above_a_longer_word_it_begins():
    """A short record that says "scope" three times scores higher on the letters "sco" than long
    records that name the SCO once; every record holding the word itself still comes first,
    a page before the paragraph of a text that has only the longer word."""
    filler = " ".join(f"word{k}" for k in range(60))
    records = [Record("texts/a/#p1", "A ¶1 · A", "Scope, scope and scope.", "text")]
    records += [Record(f"texts/a/#p{k}", f"A ¶{k} · A", f"The SCO met. {filler}", "text") for k in (2, 3, 4)]
    records += [Record("about/", "About", f"The SCO and its members. {filler}", "page")]
    ix = Index(index_files(records, []))
    found = rank(ix, "SCO")
    assert [h["url"] for h in found] == ["texts/a/#p2", "texts/a/#p3", "texts/a/#p4", "about/", "texts/a/#p1"]
    assert [h["exact"] for h in found] == [1, 1, 1, 1, 0]
    assert found[-1]["score"] > found[0]["score"]        # without the rule, "scope" would come first
    # Typing on: "scop" finds only the word beginning, "scope" the word itself.
    assert [h["url"] for h in rank(ix, "scop")] == ["texts/a/#p1"]
    assert rank(ix, "scope")[0]["exact"] == 1


def test_sco_lists_every_record_naming_the_sco_before_any_that_only_begins_like_it(index):
    """The reader trial: "SCO" put Ramani ¶2, which only says "scope", above the paragraphs
    naming the SCO."""
    found = rank(index, "SCO")
    whole = [holds_whole(index, h["n"], "sco") for h in found]
    assert whole == [h["exact"] == 1 for h in found]
    assert any(whole) and not all(whole)
    first_partial = whole.index(False)
    assert all(whole[:first_partial]) and not any(whole[first_partial:]), \
        [(h["url"], w) for h, w in zip(found, whole)]
    urls = [h["url"] for h in found]
    naming = [u for u, w in zip(urls, whole) if w and re.search(r"^texts/.*#p\d+$", u)]
    assert len(naming) >= 5 and urls[:len(naming)] == naming          # the texts' paragraphs first
    assert urls.index("texts/ramani-2015/#p2") > urls.index(naming[-1])


def test_a_spelling_variant_is_a_whole_word(index):
    """"defence" finds the paragraphs that write "defense" as it finds those that write
    "defence": both are the word itself, not a word beginning."""
    found = {h["url"]: h for h in rank(index, "defence")}
    for url in ("texts/ramani-2015/#p1", "texts/harrison-2015/#p1"):
        assert found[url]["exact"] == 1, found[url]


def test_the_guide_examples_are_not_searched(index):
    """The guide's YAML examples hold deliberate errors ("16 border guards"): code is left out."""
    guide = [index.record(n) for n in range(index.manifest["n"]) if index.record(n)[0].startswith("contributing/")]
    assert len(guide) > 5
    assert not any("16 border guards" in text for _, _, text in guide)
    assert not any("quote:" in text and "source:" in text for _, _, text in guide)


def test_records_come_in_order_texts_notes_pages(index):
    kinds = index.manifest["kinds"]
    urls = [index.record(n)[0] for n in range(index.manifest["n"])]
    assert all(u.startswith("texts/") and "#p" in u for u in urls[:kinds[0]])
    assert all(u.startswith("xrefs/") for u in urls[kinds[0]:kinds[1]])
    assert not any(u.startswith(("xrefs/", "compare/", "versions/0")) for u in urls[kinds[1]:])
    assert not any(re.search(r"^texts/.*#p\d+$", u) for u in urls[kinds[1]:])


def test_no_record_repeats_a_page_whole():
    """A page's top is a record with the page's own address (no empty ?h=); a section's is
    the page's address with its heading's id; the title names the page."""
    page = ('<html><body><nav>menu</nav><article><h1 id="t">Editorial principles</h1><p>Intro.</p>'
            '<h2 id="a">Anchors</h2><p>Never change.</p><pre>quote: 16 border guards</pre>'
            '<h2 id="b" data-search-exclude>Hidden</h2><p>secret</p>'
            '<h3 id="c">Deeper</h3><p>More <button>Cite</button>text.</p></article>'
            '<footer>footer</footer></body></html>')
    assert html_records("principles/", page) == [
        Record("principles/", "Editorial principles", "Intro."),
        Record("principles/#a", "Editorial principles › Anchors", "Never change."),
        Record("principles/#c", "Editorial principles › Deeper", "More text."),
    ]


# ---------------------------------------------------------------------------------------------
# How words are read (the same rules as edition-search.js; tests/browser/test_reading.py
# compares the two on the same strings)
# ---------------------------------------------------------------------------------------------

WORD_CASES = [
    ("China's defence", ["china", "defence"]),
    ("Ürümqi and Xinjiang", ["urumqi", "xinjiang"]),
    ("$1.5 billion, 20,000 troops; 3 sides", ["1.5", "billion", "20,000", "troops", "3", "sides"]),
    ("Kazakh–Chinese post-Soviet", ["kazakh", "chinese", "post", "soviet"]),
    ("افغانستان\u200cآزاد", ["افغانستان", "ازاد"]),
    ("اروپائي كشور", ["اروپایی", "کشور"]),
    ("the a of Arkankergen", ["arkankergen"]),
]


@pytest.mark.parametrize("text, expected", WORD_CASES)
def test_words(text, expected):
    assert words(text) == expected


def test_stop_words_are_not_words_people_search_for():
    assert "china" not in STOPWORDS and "may" not in STOPWORDS and "the" in STOPWORDS


def test_variants_go_both_ways():
    pairs = [("defence", "defense"), ("organis", "organiz")]
    assert variants("defences", pairs) == ["defenses"]
    assert variants("organizations", pairs) == ["organisations"]
    assert variants("china", pairs) == []


def test_spans_are_offsets_of_the_text():
    text = "Kazakhstan’s 1.5 km"
    assert [text[i:j] for i, j in spans(text)] == ["Kazakhstan", "s", "1.5", "km"]


# ---------------------------------------------------------------------------------------------
# Small pieces, whatever the size
# ---------------------------------------------------------------------------------------------

def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def test_shards_split_until_small_and_every_word_is_where_the_client_looks():
    rnd = random.Random(3)
    entries = {"".join(rnd.choice("abcde") for _ in range(rnd.randint(2, 9))): [rnd.randint(0, 99), 50]
               for _ in range(20000)}
    groups = shards(entries, limit=4000)
    assert len(groups) > 20
    for key, group in groups.items():
        body = json.dumps(group, ensure_ascii=False, separators=(",", ":")).encode()
        assert _gz(body) <= 4000 or all(len(w) <= len(key) for w in group), key
    keys = set(groups)
    for w in entries:
        home = next(w[:k] for k in range(len(w), 0, -1) if w[:k] in keys)
        assert w in groups[home]


def test_chunks_stay_under_their_limit():
    records = [Record(f"t/#p{i}", "T", "x" * (i % 3000)) for i in range(400)]
    for part in chunks(records):
        size = len(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode())
        assert size <= CHUNK_LIMIT or len(part) == 1


def synthetic_records(n_texts: int) -> list[Record]:
    """Records shaped like tests/bench.py's synthetic texts (50 paragraphs each)."""
    vocab = ("border security training cooperation pipeline smuggling exercise doctrine language partnership "
             "alliance market railway treaty academy summit frontier customs union ministry").split()
    out = []
    for t in range(n_texts):
        for p in range(50):
            body = " ".join(vocab[(t * 7 + p * 3 + k) % len(vocab)] for k in range(40))
            out.append(Record(f"texts/text-{t:04d}/#p{p + 1}", f"T{t} ¶{p + 1} · Synthetic text {t}",
                              f"Paragraph {p + 1} of text {t}: unique marker t{t}p{p}. {body}.", "text"))
    return out


def plan_bytes(files: dict[str, bytes], query: str, shown: int = 10) -> int:
    """Gzipped bytes one query fetches (manifest, its words' shards, the chunks of the first
    results), following edition-search.js: the shard of the longest key each word begins with,
    and the keys that begin with the word if they fit the prefix budget."""
    ix = Index(files)
    total = _gz(files["manifest.json"])
    budget = 60000
    docs: dict[int, float] = {}
    for q in words(query):
        own = ix.shard_key(q)
        more = [k for k in ix.manifest["keys"] if len(k) > len(q) and k.startswith(q)]
        extra = sum(ix.manifest["keys"][k] for k in more)
        if extra > budget:
            more = []
        else:
            budget -= extra
        for key in ([own] if own else []) + more:
            data = files[f"{ix.v}/t/{key_file(key)}"]
            total += _gz(data)
            for w, e in json.loads(data).items():
                if w.startswith(q):
                    flat, n = (e if isinstance(e, list) else e["p"]), 0
                    for i in range(0, len(flat), 2):
                        n += flat[i]
                        docs[n] = docs.get(n, 0) + flat[i + 1]
    top = sorted(docs, key=lambda n: -docs[n])[:shown]
    starts = ix.manifest["chunks"]
    for c in {max(k for k, s in enumerate(starts) if s <= n) for n in top}:
        total += _gz(files[f"{ix.v}/d/{c}.json"])
    return total


@pytest.mark.parametrize("query", ["border", "t137p42", "unique marker", "t1", "paragraph 7 of text 150"])
def test_a_query_at_200_texts_fetches_under_100_kb(query):
    files = index_files(synthetic_records(200), [])
    assert plan_bytes(files, query) + 4096 < 100 * 1024, query   # + the search script, about 4 KB


# ---------------------------------------------------------------------------------------------
# Phrases (a query in double quotes) and the facets that narrow the results
# ---------------------------------------------------------------------------------------------

def phrase_records(ix: Index, phrase: str) -> set[int]:
    """The records that hold ``phrase``, read from the pair files as edition-search.js reads
    them (``phraseRecords``, then ``verify`` for three words or more)."""
    pairs = [tuple(p) for p in ix.manifest["spellings"]]
    words_ = [canonical(w, pairs) for w in tokens(phrase)]
    found = None
    for a, b in zip(words_, words_[1:]):
        key = f"{a} {b}"
        data = json.loads(ix.files[f"{ix.v}/b/{bucket(key, ix.manifest['pairs'])}.json"])
        n, have = 0, set()
        for d in data.get(key, []):
            n += d
            have.add(n)
        found = have if found is None else found & have
    found = found or set()
    if len(words_) > 2:
        kinds = ix.manifest["kinds"]
        found = {n for n in found if phrase_in(tokens(phrase), ix.record(n)[2], pairs)
                 or (n >= kinds[0] and phrase_in(tokens(phrase), ix.record(n)[1], pairs))}
    return found


def test_a_query_is_read_into_phrases_and_words():
    def read(query):
        phrases, free = parse_query(query)
        return phrases, free.split()
    assert read('"official rhetoric" Russia') == ([["official", "rhetoric"]], ["Russia"])
    assert read("“China’s defence") == ([["china", "s", "defence"]], [])      # left open: to the end
    assert read('border "SCO" "" "of the') == ([["sco"], ["of", "the"]], ["border"])
    assert read("no quotes at all") == ([], ["no", "quotes", "at", "all"])


@pytest.mark.parametrize("phrase, text, found", [
    (["official", "rhetoric"], "as deep-rooted as Official  Rhetoric would suggest", True),
    (["official", "rhetoric"], "rhetoric that is official", False),
    (["official", "rhetoric"], "official, but not rhetoric", False),
    (["china", "s", "defence"], "China’s defense policy", True),          # apostrophe and spelling
    (["defense", "cooperation"], "Meaningful defence cooperation", True),
    (["of", "the"], "the end of the road", True),
    (["urumqi"], "in Ürümqi,", True),
    (["border"], "borders", False),                                        # a phrase word is whole
])
def test_a_phrase_is_its_words_in_order_folded_as_single_words(phrase, text, found):
    assert phrase_in(phrase, text, [("defence", "defense")]) is found


def test_either_spelling_is_one_pair():
    pairs = [("defence", "defense")]
    assert bigrams("Defense cooperation", pairs) == bigrams("defence cooperation", pairs) == {"defence cooperation"}
    assert canonical("defenses", pairs) == canonical("defences", pairs) == "defences"


def test_the_pair_files_find_exactly_the_records_that_hold_a_phrase(index):
    """Every phrase of two and three words of Ramani ¶3, and a few others: what the pair files
    give is what reading every record finds (a paragraph by its text, another record by its
    title or text)."""
    pairs = [tuple(p) for p in index.manifest["spellings"]]
    kinds = index.manifest["kinds"]
    rows = [index.record(n) for n in range(index.manifest["n"])]
    para = next(text for url, _, text in rows if url == "texts/ramani-2015/#p3")
    t = tokens(para)
    phrases = [" ".join(t[i:i + k]) for k in (2, 3) for i in range(0, len(t) - k + 1, 3)]
    phrases += ["official rhetoric", "defense cooperation", "China's defence", "of the", "Shanghai Cooperation Organisation"]
    for phrase in phrases:
        want = {n for n, (_, title, text) in enumerate(rows)
                if phrase_in(tokens(phrase), text, pairs) or (n >= kinds[0] and phrase_in(tokens(phrase), title, pairs))}
        assert phrase_records(index, phrase) == want, phrase
        assert want, phrase


def test_pair_files_stay_small(index):
    """Each pair file is under the shard limit, or holds one pair too common to split."""
    for n in range(index.manifest["pairs"]):
        data = index.files[f"{index.v}/b/{n}.json"]
        assert _gz(data) <= SHARD_LIMIT or len(json.loads(data)) == 1


def facet_sets(ix: Index) -> dict[str, dict[str, set[int]]]:
    data = json.loads(ix.files[f"{ix.v}/f.json"])
    out: dict[str, dict[str, set[int]]] = {}
    for name, values in data.items():
        out[name] = {}
        for ident, _label, runs in values:
            n, have = 0, set()
            for i in range(0, len(runs), 2):
                n += runs[i]
                have |= set(range(n, n + runs[i + 1]))
                n += runs[i + 1]
            out[name][ident] = have
    return out


def test_facets_come_from_the_sources(index, edition):
    """Values and labels are the sources' (texts, relations.yml, topics.yml); a text holds its
    paragraphs and the notes that quote it, a relation its notes only, a topic its notes and
    the paragraphs that hold their passages."""
    data = json.loads(index.files[f"{index.v}/f.json"])
    assert [(i, label) for i, label, _ in data["text"]] == [(s, src.short) for s, src in edition.sources.items()]
    assert [(i, label) for i, label, _ in data["relation"]] == [(r, v["label"]) for r, v in edition.relations.items()]
    assert [(i, label) for i, label, _ in data["topic"]] == [(t, v["label"]) for t, v in edition.topics.items()]
    sets = facet_sets(index)
    url = {n: index.record(n)[0] for n in range(index.manifest["n"])}
    notes = {f"xrefs/#x-{a.id}": a for a in edition.annotations}
    for rid in edition.relations:
        assert {url[n] for n in sets["relation"][rid]} == {u for u, a in notes.items() if a.relation == rid}
    for sid, src in edition.sources.items():
        got = {url[n] for n in sets["text"][sid]}
        assert {f"texts/{sid}/#{b.id}" for b in src.paragraphs} <= got
        assert {u for u, a in notes.items() if sid in a.sources} <= got
        assert all(u.startswith(f"texts/{sid}/") or sid in notes[u].sources for u in got)
    for tid in edition.topics:
        want = {u for u, a in notes.items() if tid in a.topics}
        want |= {f"texts/{p.source}/#{p.block}" for a in edition.annotations if tid in a.topics for p in a.passages}
        assert {url[n] for n in sets["topic"][tid]} == want & set(url.values()), tid   # a paratext block is no record


def facet_plan_bytes(files: dict[str, bytes], phrase: str, shown: int = 10) -> int:
    """Gzipped bytes of a phrase query narrowed by a facet: the manifest, the shards of its
    words, its pair files, the facets file and the chunks of the first results."""
    ix = Index(files)
    total = _gz(files["manifest.json"]) + _gz(files[f"{ix.v}/f.json"])
    pairs = [tuple(p) for p in ix.manifest["spellings"]]
    words_ = [canonical(w, pairs) for w in tokens(phrase)]
    for key in {ix.shard_key(w) for w in words(phrase)} - {None}:
        total += _gz(files[f"{ix.v}/t/{key_file(key)}"])
    for n in {bucket(f"{a} {b}", ix.manifest["pairs"]) for a, b in zip(words_, words_[1:])}:
        total += _gz(files[f"{ix.v}/b/{n}.json"])
    found = sorted(phrase_records(ix, phrase))[:shown]
    starts = ix.manifest["chunks"]
    for c in {max(k for k, s in enumerate(starts) if s <= n) for n in found}:
        total += _gz(files[f"{ix.v}/d/{c}.json"])
    return total


@pytest.mark.parametrize("phrase", ["border security", "unique marker t137p42", "paragraph 7 of text 150"])
def test_a_phrase_at_200_texts_fetches_under_100_kb(phrase):
    records = synthetic_records(200)
    facets = {"text": [(f"text-{t:04d}", f"T{t}", list(range(t * 50, t * 50 + 50))) for t in range(200)]}
    files = index_files(records, [], facets)
    assert phrase_records(Index(files), phrase)
    assert facet_plan_bytes(files, phrase) + 6144 < 100 * 1024, phrase   # + the script and its style sheet
