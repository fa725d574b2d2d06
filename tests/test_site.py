"""The built site: paragraphs, blocks, highlights, footnotes and links in both directions,
search, and the Web Annotation export."""
import html
import json
import re
from urllib.parse import urlparse

import pytest

from conftest import ROOT
from edition import load_edition
from edition.segment import split_blocks
from edition.text import folded
from htmlpage import read

COUNTS = {"ramani-2015": 15, "harrison-2015": 9}   # the public contract; any other text is read from sources/
SIDS = sorted(p.stem for p in (ROOT / "sources/texts").glob("*.yml"))


@pytest.fixture(scope="module")
def edition():
    return load_edition(ROOT)


@pytest.fixture(scope="module")
def pages(site):
    return {sid: read(site, f"texts/{sid}/") for sid in SIDS}


@pytest.mark.parametrize("sid", SIDS)
def test_each_paragraph_holds_its_received_text(pages, edition, sid):
    page = pages[sid]
    paras = edition.sources[sid].paragraphs
    assert len(paras) == COUNTS.get(sid, len(paras))
    for b in paras:
        assert folded(page.texts[b.id]) == folded(b.received.replace("\\$", "$").replace("*", "")), b.id
    assert f"p{len(paras) + 1}" not in page.ids


@pytest.mark.parametrize("sid", SIDS)
def test_each_paragraph_number_is_visible_and_links_to_itself(pages, edition, sid):
    page = pages[sid]
    nums = [(href, a) for href, a in page.links if "pnum" in (a.get("class") or "")]
    last = len(edition.sources[sid].paragraphs)
    assert [href for href, _ in nums] == [f"#p{n}" for n in range(1, last + 1)]
    assert re.search(rf'<a class="pnum" href="#p{last}" title="¶{last}: link to this paragraph">{last}</a>', page.html)


@pytest.mark.parametrize("sid", SIDS)
def test_every_block_of_the_witness_is_on_the_page(pages, edition, sid):
    page = pages[sid]
    text = folded(html.unescape(re.sub(r"<[^>]+>", "", page.html)))
    for _, raw in split_blocks(edition.sources[sid].received):
        assert folded(raw) in text, raw[:40]      # in the received text, verbatim
    for b in edition.sources[sid].blocks:
        assert b.id in page.ids, b.id             # and each block under its own anchor


def test_headings_have_explicit_ascii_ids(pages):
    assert pages["ramani-2015"].ids["from-security-threat-to-military-partner"]["_tag"] == "h2"
    assert pages["ramani-2015"].ids["long-term-implications"]["_tag"] == "h2"


def test_persian_is_marked_right_to_left(pages):
    ids = pages["ramani-2015"].ids
    assert (ids["masthead"]["lang"], ids["masthead"]["dir"]) == ("fa", "rtl")
    assert (ids["motto"]["lang"], ids["motto"]["dir"]) == ("fa", "rtl")
    assert '<span lang="fa" dir="rtl">زبان های اروپائی</span>' in pages["ramani-2015"].html


def test_conversion_traces_are_read_not_passed_through(pages):
    html = pages["ramani-2015"].html
    assert "<u>" not in html and '&lt;u&gt;<span lang="fa" dir="rtl">جو</span>&lt;/u&gt;' in html   # only in the received-text view
    assert "<em>EurasiaNet</em>" in html
    assert pages["ramani-2015"].texts["p9"].count("$400 billion") == 1
    assert "\\$" not in pages["ramani-2015"].texts["p13"]


def test_interventions_table_shows_received_and_edition_readings(pages):
    html = pages["ramani-2015"].html
    assert re.search(r'<a href="#p13">Ramani ¶13</a></td>\s*<td>escape</td>\s*<td><code>&#92;\$</code></td>\s*'
                     r'<td><code>\$</code></td>', html)


def test_highlights_carry_footnotes_that_link_both_ways(pages, edition, site):
    """Each highlight has a footnote; the footnote names the relation, quotes the other
    passage and links to its highlight, whose own footnote links back."""
    two_text = [a for a in edition.annotations if len(a.sources) == 2]
    assert two_text
    for ann in two_text:
        for p in ann.passages:
            page = pages[p.source]
            mark = page.ids[p.mark]
            assert mark["_tag"] == "mark" and f"xref-{ann.relation}" in mark["class"]
            fn = page.ids[f"fn:{ann.id}"]
            note = page.texts[f"fn:{ann.id}"]
            assert edition.relations[ann.relation]["label"] in note
            for other in ann.passages:
                if other.source == p.source:
                    continue
                assert folded(other.exact) in folded(note)
                hrefs = [h for h, _ in page.links if h.endswith(f"#{other.mark}")]
                here = sum(1 for q in ann.passages if q.source == p.source)   # one footnote per passage here
                assert hrefs == [f"../{other.source}/#{other.mark}"] * here, (ann.id, hrefs)
                assert other.mark in pages[other.source].ids
        assert fn


def test_footnotes_follow_reading_order(pages):
    html = pages["ramani-2015"].html
    refs = re.findall(r'<sup id="fnref:([\w-]+)"><a class="footnote-ref" href="#fn:\1">(\d+)</a>', html)
    assert [int(n) for _, n in refs] == list(range(1, len(refs) + 1))
    defs = re.findall(r'<li id="fn:([\w-]+)">', html)
    assert defs == [label for label, _ in refs]


def test_search_has_an_entry_for_every_paragraph(site, edition):
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    by_loc = {d["location"]: d for d in docs}
    for sid, source in edition.sources.items():
        for b in source.paragraphs:
            entry = by_loc[f"texts/{sid}/#{b.id}"]
            text = re.sub(r" \(also spelled: [^)]*\)$", "", entry["text"])
            assert folded(html.unescape(text)) == folded(b.reading)
    hits = sorted(loc for loc, d in by_loc.items() if re.search(r"^texts/.*#p\d+$", loc) and "Arkankergen" in d["text"])
    assert hits == sorted(f"texts/{sid}/#{b.id}" for sid, s in edition.sources.items() for b in s.paragraphs
                          if "Arkankergen" in b.reading)
    assert [h for h in hits if h.split("/")[1] in COUNTS] == ["texts/harrison-2015/#p8", "texts/ramani-2015/#p13"]


def test_annotations_jsonld(site, edition, pages):
    doc = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld" and doc["type"] == "AnnotationCollection"
    items = doc["first"]["items"]
    assert len(items) == doc["total"] == len(edition.annotations)
    for item in items:
        assert item["type"] == "Annotation"
        purposes = [b["purpose"] for b in item["body"]]
        assert purposes[:2] == ["commenting", "classifying"]
        for t in item["target"]:
            sid = urlparse(t["source"]).path.strip("/").split("/")[-1]
            frag = next(s for s in t["selector"] if s["type"] == "FragmentSelector")["value"]
            quote = next(s for s in t["selector"] if s["type"] == "TextQuoteSelector")
            assert frag in pages[sid].ids
            assert quote["exact"] in pages[sid].texts[frag] or folded(quote["exact"]) in folded(pages[sid].texts[frag])


def test_annotation_counts_agree_from_input_to_page_to_export(site, edition, pages):
    n_files = len(list((ROOT / "sources/annotations").rglob("*.yml")))
    rendered = {a.get("id") for p in pages.values() for a in p.by_class("xref") if a.get("id")}
    exported = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    assert n_files == len(edition.annotations) == len(exported)
    assert len(rendered) == sum(len(a.passages) for a in edition.annotations)


def test_cross_reference_index_links_every_annotation(site, edition):
    page = read(site, "xrefs/")
    for ann in edition.annotations:
        assert f"x-{ann.id}" in page.ids
        for p in ann.passages:
            assert f"../texts/{p.source}/#{p.mark}" in [h for h, _ in page.links]
    counts = re.findall(r'<h3 id="relation-(\w+)">[^<]*\((\d+)\)', page.html)
    assert sum(int(n) for _, n in counts) == len(edition.annotations)


def test_no_third_party_requests(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*>', html):
            tag = m.group()
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag or 'rel="schema.' in tag:
                continue  # a name for the page, not a request
            url = (re.search(r'(?:src|href)="([^"]+)"', tag) or re.search("()", "")).group(1)
            assert not urlparse(url).netloc, f"{path}: {url}"


def test_contributing_guide_is_mirrored_on_the_site(site):
    page = read(site, "contributing/")
    assert "Contributing: the editors' guide" in page.html
    hrefs = [h for h, _ in page.links]
    assert "../principles/" in hrefs                      # docs/ links become page links
    assert not [h for h in hrefs if h.startswith("sources/") or h.startswith("docs/")]


def test_every_cross_reference_has_an_edit_link(site, edition):
    """On the index, and in every footnote of every text page: "edit this annotation" opens
    the annotation's own YAML file in GitHub's editor."""
    hrefs = [h for h, _ in read(site, "xrefs/").links]
    for ann in edition.annotations:
        assert f"https://github.com/china-kazakhstan-edition/edition/edit/main/{ann.path}" in hrefs, ann.id
    for sid in edition.sources:
        html = read(site, f"texts/{sid}/").html
        for ann in edition.annotations:
            if sid not in ann.sources:
                continue
            note = re.search(rf'<li id="fn:{re.escape(ann.id)}">(.*?)</li>', html, re.S)
            assert note, (sid, ann.id)
            assert re.search(rf'<a href="https://github.com/china-kazakhstan-edition/edition/edit/main/'
                             rf'{re.escape(ann.path)}"[^>]*>edit this annotation</a>', note.group(1)), (sid, ann.id)
