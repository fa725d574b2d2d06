"""Quote matching: tolerance, uniqueness, offsets, and the nearest passage."""
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import pytest

from edition.model import Block
from edition.quotes import QuoteIndex
from edition.text import folded


def blocks(*texts):
    return [Block(source="s", index=i, line=i + 1, received=t, kind="body", id=f"p{i + 1}", reading=t,
                  number=i + 1) for i, t in enumerate(texts)]


INDEX = QuoteIndex(blocks(
    "Kazakhstan’s Ministry of Defence has sought alternatives.",
    "The border stretches for 1,520 kilometres.\u00a0 This, coupled with",
    "Russia, which signed a $400 billion energy deal with China.",
    "the “three evils” of terrorism, separatism and extremism",
    "apples and pears; apples and plums",
))


@pytest.mark.parametrize("quote, block, exact", [
    ("Kazakhstan's Ministry", "p1", "Kazakhstan’s Ministry"),
    ("1,520 kilometres. This", "p2", "1,520 kilometres.\u00a0 This"),
    ("a \\$400 billion energy deal", "p3", "a $400 billion energy deal"),
    ('the "three evils" of', "p4", "the “three evils” of"),
    ("Ministry  of\nDefence", "p1", "Ministry of Defence"),
])
def test_typographic_variants_match(quote, block, exact):
    [loc] = INDEX.find(quote)
    text = INDEX._blocks[int(block[1:]) - 1].block.reading
    assert (loc.block, text[loc.start:loc.end]) == (block, exact)


def test_ambiguous_quote_finds_every_place_and_prefix_or_suffix_disambiguates():
    assert len(INDEX.find("apples and")) == 2
    [loc] = INDEX.find("apples and", suffix="plums")
    assert (loc.block, loc.start) == ("p5", 18)
    [loc] = INDEX.find("apples and", prefix="pears;")
    assert loc.start == 18


@pytest.mark.parametrize("quote", ["", "   ", "\u00a0\n"])
def test_empty_quote_matches_nothing(quote):
    assert INDEX.find(quote) == []


def test_nearest_passage_of_a_misquote():
    block, passage = INDEX.nearest("the border stretches for 1,250 kilometres")
    assert block.id == "p2"
    assert passage.startswith("The border stretches for 1,")


WORDS = st.text(alphabet="abcdefghij ’'\u00a0\n“”\"", min_size=20, max_size=200)


@settings(max_examples=300, deadline=None)
@given(text=WORDS, data=st.data())
def test_any_unique_substring_resolves_to_itself(text, data):
    """Any substring that is unique (after folding) resolves back to exactly its place,
    whatever its quote marks and spaces."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    f = folded(quote)
    ft = folded(text)
    assume(f and sum(ft.startswith(f, i) for i in range(len(ft))) == 1)  # unique, overlaps counted
    [loc] = QuoteIndex(blocks(text)).find(quote)
    assert folded(text[loc.start:loc.end]) == f


@settings(max_examples=200, deadline=None)
@given(text=WORDS)
def test_folding_is_idempotent(text):
    assert folded(folded(text)) == folded(text)
