"""Material's style sheet pruned tighter (hooks/edition/assets.py, FAMILIES and NEVER): the words
of Material's bundle that name a feature no page has keep no rule, and the palette's
`[data-md-color-switching]` rule is left out (README.md, Performance)."""
from __future__ import annotations

from edition.assets import page_usage
from edition.styles import prune

CSS = (".md-typeset .tabbed-set{display:flex}.md-tag{color:red}.highlight pre{color:blue}"
       ".md-annotation{x:1}.md-version{y:2}.md-tooltip2{z:3}"
       "[data-md-color-switching] *,[data-md-color-switching] :after{transition-duration:0s!important}"
       ".md-typeset .tabbed-set,.md-typeset .note-sheet{margin:0}")
BUNDLE = 'var a="tabbed-set tabbed-labels md-tag highlight md-annotation md-version md-tooltip2 data-md-color-switching";'


def _site(tmp_path, page_classes: str, own_script: str = "", config: str = "{}"):
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "assets/javascripts/bundle.0123abcd.min.js").write_text(BUNDLE, encoding="utf-8")
    (tmp_path / "assets/edition.js").write_text(own_script, encoding="utf-8")
    (tmp_path / "index.html").write_text(
        f'<script id="__config" type="application/json">{config}</script><div class="{page_classes}"></div>',
        encoding="utf-8")
    return tmp_path


def test_the_bundles_words_of_an_unused_feature_keep_no_rule(tmp_path):
    usage = page_usage(_site(tmp_path, "md-typeset"))
    out = prune(CSS, usage)
    for gone in ("tabbed-set", "md-tag", "highlight", "md-annotation", "md-version", "data-md-color-switching"):
        assert gone not in out, gone
    assert ".md-tooltip2{" in out                       # a word of the bundle outside the families
    assert ".md-typeset .note-sheet{margin:0}" not in out  # no page or script has note-sheet


def test_a_feature_a_page_has_keeps_its_rules(tmp_path):
    usage = page_usage(_site(tmp_path, "md-typeset md-tag highlight", config='{"version": {"provider": "mike"}}'))
    out = prune(CSS, usage)
    for kept in (".md-tag{", ".highlight pre{", ".md-annotation{", ".md-version{"):
        assert kept in out, kept
    assert "tabbed-set" not in out and "data-md-color-switching" not in out


def test_the_editions_own_scripts_still_count_every_word(tmp_path):
    usage = page_usage(_site(tmp_path, "md-typeset", own_script='el.className = "tabbed-set note-sheet";'))
    out = prune(CSS, usage)
    assert ".md-typeset .tabbed-set{display:flex}" in out
    assert ".md-typeset .tabbed-set,.md-typeset .note-sheet{margin:0}" in out
