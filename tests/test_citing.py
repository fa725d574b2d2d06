"""Citing a paragraph, reference-manager files, and page metadata."""
import json
import re

import pytest

from conftest import ROOT
from edition import load_edition
from edition.citation import citations, fill, reference
from edition.exports.cite import bibtex, csl_json, ris
from htmlpage import read

BASE = "https://china-kazakhstan-edition.github.io/edition/"

# The edition's version and date as sources/edition.yml gives them: a release changes them, and
# these tests follow (nothing here names a version or a date of the edition).
_META = __import__("yaml").safe_load((ROOT / "sources/edition.yml").read_text(encoding="utf-8"))
V = str(_META["version"])
_D = __import__("datetime").date.fromisoformat(str(_META["date"]))
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
CHICAGO_DATE = f"{_MONTHS[_D.month - 1]} {_D.day}, {_D.year}"
MLA_DATE = f"{_D.day} {_MLA[_D.month - 1]} {_D.year}"


@pytest.fixture(scope="module")
def ed():
    return load_edition(ROOT)


AZAD = "Reprinted by Afghanistan Azad (http://www.afgazad.com/). "
CITES = [
    ("ramani-2015", "chicago",
     "Ramani, Samuel. “The Emerging China-Kazakhstan Defense Relationship.” The Diplomat, December 23, 2015. "
     f"http://thediplomat.com/2015/12/the-emerging-china-kazakhstan-defense-relationship/. {AZAD}Paragraph 12 in "
     f"China and Kazakhstan: Two Analyses of a Defence Relationship, version {V}, {CHICAGO_DATE}. Accessed "
     f"December 2, 2026. {BASE}texts/ramani-2015/#p12."),
    ("ramani-2015", "mla",
     "Ramani, Samuel. “The Emerging China-Kazakhstan Defense Relationship.” The Diplomat, 23 Dec. 2015, "
     f"thediplomat.com/2015/12/the-emerging-china-kazakhstan-defense-relationship/. {AZAD}China and Kazakhstan: "
     f"Two Analyses of a Defence Relationship, version {V}, {MLA_DATE}, par. 12, "
     "china-kazakhstan-edition.github.io/edition/texts/ramani-2015/#p12. Accessed 2 Dec. 2026."),
    ("ramani-2015", "apa",
     "Ramani, S. (2015, December 23). The emerging China-Kazakhstan defense relationship. The Diplomat. "
     f"http://thediplomat.com/2015/12/the-emerging-china-kazakhstan-defense-relationship/ {AZAD}In China and "
     f"Kazakhstan: Two analyses of a defence relationship (Version {V}). Retrieved December 2, 2026, from "
     f"{BASE}texts/ramani-2015/"),
    ("ramani-2015", "apa-in-text", "(Ramani, 2015, para. 12)"),
    ("harrison-2015", "chicago",
     "Harrison, David. “Kazakhstan’s Defence Cooperation with China.” China in Central Asia (blog), February 26, "
     "2015. http://chinaincentralasia.com/2015/02/26/kazakhstans-defence-cooperation-with-china/. Paragraph 12 in "
     f"China and Kazakhstan: Two Analyses of a Defence Relationship, version {V}, {CHICAGO_DATE}. Accessed "
     f"December 2, 2026. {BASE}texts/harrison-2015/#p12."),
]
DAY = __import__("datetime").date(2026, 12, 2)


@pytest.mark.parametrize("sid, style, expected", CITES, ids=[f"{c[0]}-{c[1]}" for c in CITES])
def test_citation_text(ed, sid, style, expected):
    """The witness the edition holds is named (Ramani's reprint), and the access date and
    the APA in-text citation are there."""
    from edition.citation import accessed

    template = citations(ed, ed.sources[sid], BASE)[style]["text"]
    assert fill(template, 12, f"{BASE}texts/{sid}/#p12", access=accessed(style, DAY)) == expected


def test_citation_html_italicises_the_venue_and_the_edition(ed):
    html = citations(ed, ed.sources["ramani-2015"], BASE)["mla"]["html"]
    assert "<i>The Diplomat</i>" in html and "<i>China and Kazakhstan: Two Analyses of a Defence Relationship</i>" in html


def test_reference_manager_files_describe_the_article_at_its_original_address(ed):
    src = ed.sources["harrison-2015"]
    url = "http://chinaincentralasia.com/2015/02/26/kazakhstans-defence-cooperation-with-china/"
    bib = bibtex(ed, src, BASE)
    assert bib.startswith("@online{harrison2015kazakhstan,\n  title = {{Kazakhstan’s Defence Cooperation with China}},")
    assert "titleaddon = {China in Central Asia}" in bib and f"url = {{{url}}}" in bib
    record = ris(ed, src, BASE).split("\r\n")
    assert record[:3] == ["TY  - BLOG", "TI  - Kazakhstan’s Defence Cooperation with China", "AU  - Harrison, David"]
    assert f"UR  - {url}" in record and record[-2:] == ["ER  - ", ""]
    [item] = csl_json(ed, src, BASE)
    assert (item["type"], item["issued"], item["URL"], item["archive_location"]) == (
        "post-weblog", {"date-parts": [[2015, 2, 26]]}, url, reference(ed, src, BASE).cited_page)
    # once the version is recorded as a release, its permanent copy is the place cited
    released = any(r.version == ed.meta["version"] for r in ed.meta.get("releases") or [])
    assert item["archive_location"] == (f"{BASE}versions/{ed.meta['version']}/texts/harrison-2015/" if released
                                        else f"{BASE}texts/harrison-2015/")
    [ramani] = csl_json(ed, ed.sources["ramani-2015"], BASE)
    assert ramani["type"] == "article-magazine" and ramani["note"] == "Witness: " + AZAD.rstrip(". ")


def test_page_carries_the_cite_data_and_downloads(site, ed):
    page = read(site, "texts/ramani-2015/")
    data = json.loads(re.search(r'<script type="application/json" id="cite-data">(.*?)</script>', page.html).group(1))
    assert data["page"] == f"{BASE}texts/ramani-2015/"
    assert fill(data["styles"]["chicago"]["text"], 12, data["cited"] + "#p12", access="December 2, 2026") == \
        CITES[0][2].replace(f"{BASE}texts", data["cited"].rsplit("texts", 1)[0] + "texts")
    hrefs = [h for h, _ in page.links]
    for name in ("ramani-2015.tei.xml", "ramani-2015.txt", "ramani-2015-received.txt", "ramani-2015.bib",
                 "ramani-2015.ris", "ramani-2015.csl.json"):
        assert f"../../downloads/{name}" in hrefs
        assert (site / "downloads" / name).stat().st_size > 100


@pytest.mark.parametrize("sid, kind, container, title, date, url", [
    ("ramani-2015", "magazineArticle", "z.publicationTitle", "The Emerging China-Kazakhstan Defense Relationship",
     "2015/12/23", "http://thediplomat.com/2015/12/the-emerging-china-kazakhstan-defense-relationship/"),
    ("harrison-2015", "blogPost", "z.blogTitle", "Kazakhstan’s Defence Cooperation with China", "2015/02/26",
     "http://chinaincentralasia.com/2015/02/26/kazakhstans-defence-cooperation-with-china/"),
])
def test_a_reading_page_describes_the_article_as_published(site, sid, kind, container, title, date, url):
    """What Zotero reads: the article's type, its publication and its original URL, with where it
    was read in Extra; nothing that would make it a journal article or give it the edition's URL."""
    page = read(site, f"texts/{sid}/")
    assert page.meta["z.itemType"] == [kind] and page.meta["citation_title"] == [title]
    assert page.meta["citation_publication_date"] == [date] and page.meta["z.url"] == [url]
    assert container in page.meta
    assert not {"citation_journal_title", "citation_public_url", "DC.source", "DC.identifier"} & set(page.meta)
    assert f"archive_location: {BASE}" in page.meta["z.extra"][0]
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page.html).group(1))
    assert ld["@type"] == ("BlogPosting" if kind == "blogPost" else "Article") and ld["url"] == url
    assert ld["archivedAt"].endswith(f"texts/{sid}/") and ld["headline"] == title


@pytest.mark.parametrize("path", ["index.html", "compare/index.html", "xrefs/index.html"])
def test_every_other_page_describes_the_edition(site, ed, path):
    page = read((site / path).parent, "index.html")
    assert page.meta["z.itemType"] == ["webpage"]
    assert page.meta["z.websiteTitle"] == [ed.meta["title"]]
    assert page.meta["z.extra"] == [f"publisher: {ed.meta['publisher']}\nversion: {ed.meta['version']}"]
    assert page.meta["z.url"][0].startswith(BASE)


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
    # The newest version's section comes first, after the changes not yet released, if any.
    assert re.search(r"^## (?!Unreleased)(\S+)", changelog, re.M).group(1) == version
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
                    reference(ed, ed.sources["ramani-2015"], BASE).cited_page + "#p12")
    assert " ".join(quoted.split()) == expected
    assert "<!-- edition:" not in home
