"""Pure text functions: folding, slugs, escaping."""
import pytest

from edition.text import fold, folded, is_rtl, md_escape, md_escape_html, slugify, unique


@pytest.mark.parametrize("given, expected", [
    ("Kazakhstan’s", "Kazakhstan's"),
    ("“three evils”", '"three evils"'),
    ("a\u00a0 b", "a b"),
    ("a \n\t b", "a b"),
    ("\\$400 billion", "$400 billion"),
    ("  trimmed  ", "trimmed"),
    ("1,520 kilometres.\u00a0 This", "1,520 kilometres. This"),
])
def test_fold(given, expected):
    assert folded(given) == expected


def test_fold_maps_back_to_original_offsets():
    text = "a\u00a0 \\$5 it’s"
    f, where = fold(text)
    assert f == "a $5 it's"
    assert [text[i] for i in where] == ["a", "\u00a0", "$", "5", " ", "i", "t", "’", "s"]


@pytest.mark.parametrize("given, expected", [
    ("From Security Threat to Military Partner", "from-security-threat-to-military-partner"),
    ("Long-Term Implications", "long-term-implications"),
    ("AA-AA", "aa-aa"),
    ("Kazakhstan’s Défense", "kazakhstans-defense"),
    ("افغانستان", ""),
])
def test_slugify(given, expected):
    assert slugify(given) == expected


def test_unique():
    ids = set()
    assert [unique("a", ids), unique("a", ids), unique("a", ids)] == ["a", "a-2", "a-3"]


@pytest.mark.parametrize("given, expected", [
    ("a *b* c", "a &#42;b&#42; c"),
    ("<script>", "&lt;script&gt;"),
    ("[^x]", "&#91;&#94;x&#93;"),
    ("it's \"so\"", "it's &quot;so&quot;"),
    ("#1 | {x}", "&#35;1 &#124; &#123;x&#125;"),
])
def test_md_escape(given, expected):
    assert md_escape(given) == expected


def test_md_escape_html_leaves_tags_and_entities():
    assert md_escape_html('<a href="a_b">x_y</a> &amp; *') == '<a href="a_b">x&#95;y</a> &amp; &#42;'


@pytest.mark.parametrize("given, expected", [("افغانستان آزاد", True), ("European Languages زبان", False), ("", False)])
def test_is_rtl(given, expected):
    assert is_rtl(given) is expected
