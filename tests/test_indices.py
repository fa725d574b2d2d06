"""Indices: names found by spelling (all of them), events and figures by quote; bad entries
get an error naming file and line."""
import re

import pytest

from conftest import ROOT, run_check
from edition import load_edition
from edition.indices import find_word
from htmlpage import read


@pytest.fixture(scope="module")
def ed():
    return load_edition(ROOT)


@pytest.mark.parametrize("sid, spelling, blocks", [
    ("harrison-2015", "Uighur", ["p7", "p7", "p7"]),
    ("ramani-2015", "Uighur", ["p13"]),
    ("ramani-2015", "SCO", ["p6", "p10", "p15"]),
    ("ramani-2015", "Arkankergen", ["p13"]),
    ("harrison-2015", "Kadex", ["caption-1", "caption-2"]),
    ("ramani-2015", "Kazak", []),          # whole words only
    ("ramani-2015", "arkankergen", []),    # case matters
])
def test_find_word(ed, sid, spelling, blocks):
    assert [h.block for h in find_word(ed.sources[sid], spelling)] == blocks


def test_every_name_mention_points_at_a_block_that_has_it(ed):
    for entry in ed.indices.names:
        assert entry.hits, entry.id
        for hit in entry.hits:
            block = ed.sources[hit.source].block(hit.block)
            assert hit.exact in block.reading


def test_names_page_links_each_mention(site):
    page = read(site, "indices/names/")
    row = re.search(r'<span id="uighurs">.*?</tr>', page.html, re.S).group(0)
    assert 'href="../../texts/ramani-2015/#p13"' in row and 'href="../../texts/harrison-2015/#p7"' in row
    assert "(3×)" in row


def test_persian_spellings_are_set_right_to_left_each_on_its_own(site):
    """The reprinting site's two Persian spellings, in a left-to-right table: each is marked
    as Persian and isolated, so that the comma between them stays between them."""
    page = read(site, "indices/names/")
    row = re.search(r'<span id="afghanistan-azad">.*?</tr>', page.html, re.S).group(0)
    assert ('Ramani: <span lang="fa" dir="rtl">افغانستان آزاد</span>, '
            '<span lang="fa" dir="rtl">آزاد افغانستان</span>') in row
    assert 'href="../../texts/ramani-2015/#masthead' in row


def test_timeline_is_in_order_and_spans_1954_to_october_2015(ed, site):
    dates = [e.date for e in ed.indices.events]
    assert dates == sorted(dates) and dates[0] == "1954" and dates[-1].startswith("2015-10")
    page = read(site, "indices/timeline/")
    assert "early 1990s" in page.texts["nuclear-tests-early-1990s"]


def test_figures_give_both_authors_values(ed):
    students = next(e for e in ed.indices.figures if any("100" == h.value for h in e.hits))
    assert sorted(h.source for h in students.hits) == ["harrison-2015", "ramani-2015"]


BAD = [
    ("names.yml", "names:\n  - id: nowhere\n    type: place\n    label: Nowhere\n    variants:\n"
                  "      ramani-2015: [Atlantis]\n",
     "sources/indices/names.yml:6: spelling 'Atlantis' occurs nowhere in ramani-2015; give the spelling exactly as "
     "the text has it (case matters)"),
    ("names.yml", "names:\n  - id: x\n    type: country\n    label: X\n    variants: {ramani-2015: [China]}\n",
     "sources/indices/names.yml:3: unknown name type 'country'; valid types: person, people, place, organisation"),
    ("figures.yml", "figures:\n  - id: guards\n    what: Border guards\n    values:\n"
                    "      - {source: harrison-2015, value: \"16\", quote: \"when 15 border guards were found dead\"}\n",
     "sources/indices/figures.yml:5: value '16' does not stand in its quote \"when 15 border guards were found dead\"; "
     "quote the words that give the figure"),
    ("timeline.yml", "events:\n  - id: e\n    date: May 2012\n    event: X\n"
                     "    mentions: [{source: ramani-2015, quote: \"in May 2012\"}]\n",
     "sources/indices/timeline.yml:3: date 'May 2012' is not YYYY, YYYY-MM or YYYY-MM-DD; give the date as "
     "precisely as the texts do"),
]


@pytest.mark.parametrize("name, text, expected", BAD, ids=[b[2].split(": ", 1)[1][:30] for b in BAD])
def test_bad_index_entries(project, name, text, expected):
    (project / "sources/indices" / name).write_text(text, encoding="utf-8")
    result = run_check(project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]
