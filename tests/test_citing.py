"""Citing a paragraph, reference-manager files, and page metadata."""
import json
import re

import pytest

from conftest import ROOT
from edition import load_edition
from edition.citation import citations, fill
from edition.exports.cite import bibtex, csl_json, ris
from htmlpage import read

BASE = "https://china-kazakhstan-edition.github.io/edition/"


@pytest.fixture(scope="module")
def ed():
    return load_edition(ROOT)


CITES = [
    ("ramani-2015", "chicago",
     "Ramani, Samuel. “The Emerging China-Kazakhstan Defense Relationship.” The Diplomat, December 23, 2015. "
     "http://thediplomat.com/2015/12/the-emerging-china-kazakhstan-defense-relationship/. Paragraph 12 in China "
     "and Kazakhstan: Two Analyses of a Defence Relationship, version 0.2.0, December 1, 2026. "
     f"{BASE}texts/ramani-2015/#p12."),
    ("ramani-2015", "mla",
     "Ramani, Samuel. “The Emerging China-Kazakhstan Defense Relationship.” The Diplomat, 23 Dec. 2015, "
     "thediplomat.com/2015/12/the-emerging-china-kazakhstan-defense-relationship/. China and Kazakhstan: Two "
     "Analyses of a Defence Relationship, version 0.2.0, 1 Dec. 2026, par. 12, "
     "china-kazakhstan-edition.github.io/edition/texts/ramani-2015/#p12."),
    ("ramani-2015", "apa",
     "Ramani, S. (2015, December 23). The emerging China-Kazakhstan defense relationship. The Diplomat. "
     "http://thediplomat.com/2015/12/the-emerging-china-kazakhstan-defense-relationship/ (Para. 12). In China and "
     f"Kazakhstan: Two analyses of a defence relationship (Version 0.2.0). {BASE}texts/ramani-2015/#p12"),
    ("harrison-2015", "chicago",
     "Harrison, David. “Kazakhstan’s Defence Cooperation with China.” China in Central Asia (blog), February 26, "
     "2015. http://chinaincentralasia.com/2015/02/26/kazakhstans-defence-cooperation-with-china/. Paragraph 12 in "
     "China and Kazakhstan: Two Analyses of a Defence Relationship, version 0.2.0, December 1, 2026. "
     f"{BASE}texts/harrison-2015/#p12."),
]


@pytest.mark.parametrize("sid, style, expected", CITES, ids=[f"{c[0]}-{c[1]}" for c in CITES])
def test_citation_text(ed, sid, style, expected):
    template = citations(ed, ed.sources[sid])[style]["text"]
    assert fill(template, 12, f"{BASE}texts/{sid}/#p12") == expected


def test_citation_html_italicises_the_venue_and_the_edition(ed):
    html = citations(ed, ed.sources["ramani-2015"])["mla"]["html"]
    assert "<i>The Diplomat</i>" in html and "<i>China and Kazakhstan: Two Analyses of a Defence Relationship</i>" in html


def test_reference_manager_files(ed):
    src = ed.sources["harrison-2015"]
    page = f"{BASE}texts/harrison-2015/"
    assert bibtex(ed, src, page).startswith("@online{harrison2015kazakhstan,\n  author = {Harrison, David},\n")
    assert "organization = {China in Central Asia}" in bibtex(ed, src, page)
    record = ris(ed, src, page).split("\r\n")
    assert record[:3] == ["TY  - BLOG", "AU  - Harrison, David", "TI  - Kazakhstan’s Defence Cooperation with China"]
    assert record[-2:] == ["ER  - ", ""]
    [item] = csl_json(ed, src, page)
    assert (item["type"], item["issued"], item["URL"]) == (
        "post-weblog", {"date-parts": [[2015, 2, 26]]},
        "http://chinaincentralasia.com/2015/02/26/kazakhstans-defence-cooperation-with-china/")


def test_page_carries_the_cite_data_and_downloads(site, ed):
    page = read(site, "texts/ramani-2015/")
    data = json.loads(re.search(r'<script type="application/json" id="cite-data">(.*?)</script>', page.html).group(1))
    assert data["page"] == f"{BASE}texts/ramani-2015/"
    assert fill(data["styles"]["chicago"]["text"], 12, data["page"] + "#p12") == CITES[0][2]
    hrefs = [h for h, _ in page.links]
    for name in ("ramani-2015.tei.xml", "ramani-2015.txt", "ramani-2015-received.txt", "ramani-2015.bib",
                 "ramani-2015.ris", "ramani-2015.csl.json"):
        assert f"../../downloads/{name}" in hrefs
        assert (site / "downloads" / name).stat().st_size > 100


@pytest.mark.parametrize("sid, title, date, journal", [
    ("ramani-2015", "The Emerging China-Kazakhstan Defense Relationship", "2015/12/23", "The Diplomat"),
    ("harrison-2015", "Kazakhstan’s Defence Cooperation with China", "2015/02/26", "China in Central Asia"),
])
def test_citation_meta_tags(site, sid, title, date, journal):
    page = read(site, f"texts/{sid}/")
    assert page.meta["citation_title"] == [title]
    assert page.meta["citation_publication_date"] == [date]
    assert page.meta["citation_journal_title"] == [journal]
    assert page.meta["citation_public_url"] == [f"{BASE}texts/{sid}/"]
    assert page.meta["DC.identifier"] == [f"{BASE}texts/{sid}/"]
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page.html).group(1))
    assert ld["@type"] == "Article" and ld["headline"] == title
    assert ld["isBasedOn"]["url"] == page.meta["DC.source"][0] == page.meta["citation_abstract_html_url"][0]


def test_every_page_has_its_own_description(site):
    seen = {}
    for path in sorted(site.rglob("*.html")):
        if path.name == "404.html":
            continue
        page = read(path.parent, path.name)
        [desc] = page.meta["description"]
        assert len(desc) > 40, path
        seen.setdefault(desc, []).append(path.relative_to(site).as_posix())
    assert {d: p for d, p in seen.items() if len(p) > 1} == {}


def test_version_in_footer_changelog_and_citations(site, ed):
    version = ed.meta["version"]
    changelog = (ROOT / "docs/changelog.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\S+)", changelog, re.M).group(1) == version
    for rel in ("index.html", "texts/harrison-2015/index.html"):
        assert f"Edition version {version}" in (site / rel).read_text(encoding="utf-8")
    assert f"version {version}" in citations(ed, ed.sources["ramani-2015"])["chicago"]["text"]


def test_home_page_sample_citation_is_the_one_the_cite_button_copies(site, ed):
    """The home page shows a Chicago citation of Ramani ¶12, made at build time from the same
    templates as the Cite button (a marker in docs/index.md): what a reader copies from either
    is the same, version and date included."""
    import html as html_mod

    home = (site / "index.html").read_text(encoding="utf-8")
    quoted = html_mod.unescape(re.sub(r"<[^>]+>", "", re.search(r"<blockquote>(.*?)</blockquote>", home, re.S).group(1)))
    expected = fill(citations(ed, ed.sources["ramani-2015"])["chicago"]["text"], 12,
                    f"{BASE}texts/ramani-2015/#p12")
    assert " ".join(quoted.split()) == expected
    assert "<!-- edition:" not in home
