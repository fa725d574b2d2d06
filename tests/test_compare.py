"""The side-by-side view."""
import pytest

from conftest import ROOT
from edition import load_edition
from htmlpage import read


@pytest.fixture(scope="module")
def page(site):
    return read(site, "compare/")


def test_both_texts_side_by_side_with_paragraph_numbers(page):
    for sid, n in (("ramani-2015", 15), ("harrison-2015", 9)):
        assert page.ids[f"{sid}-heading"]["_tag"] == "h2"
        for k in range(1, n + 1):
            assert page.ids[f"{sid}-p{k}"]["_tag"] == "p"
        assert f"{sid}-p{n + 1}" not in page.ids
    assert page.html.index('id="ramani-2015-heading"') < page.html.index('id="harrison-2015-heading"')


def test_every_highlight_links_to_its_counterpart_in_the_other_column(page):
    ed = load_edition(ROOT)
    jumps = [(h, a) for h, a in page.links if "xref-jump" in (a.get("class") or "")]
    hrefs = [h for h, _ in page.links]
    shown = set(ed.meta["compare"])     # compare/ shows the two texts edition.yml names
    two = [a for a in ed.annotations if len(a.sources) == 2 and set(a.sources) == shown]
    assert two
    for href, _ in jumps:
        assert href.startswith("#") and href[1:] in page.ids, href

    def holds(p):  # a highlight that holds another is no link; its footnote carries the jump
        return any(q is not p and q.source == p.source and q.block == p.block and p.start <= q.start
                   and q.end <= p.end for a in ed.annotations for q in a.passages)

    for ann in two:
        for here in ann.passages:    # each jumps to the first passage of the other text
            there = next(o for o in ann.passages if o.source != here.source)
            target = f"#{there.source}-{there.mark}"
            if holds(here):
                assert target in hrefs       # from the footnote
            else:
                assert target in [x for x, a in jumps if a.get("tabindex") != "-1"], (ann.id, here.source)


def test_notes_are_reachable_from_the_compare_view(page):
    refs = [h for h, a in page.links if "footnote-ref" in (a.get("class") or "")]
    assert refs and all(h[1:] in page.ids for h in refs)
