"""The anchor permanence gate: every published anchor (sources/anchors/) still resolves in
the built site, to the same paragraph or to a recorded tombstone; and every anchor the site
publishes is registered."""
import re

import pytest
import yaml

from conftest import ROOT
from edition.anchors import fingerprint, gate
from htmlpage import read

REGISTRIES = sorted((ROOT / "sources/anchors").glob("*.yml"))


@pytest.mark.parametrize("registry", REGISTRIES, ids=[r.stem for r in REGISTRIES])
def test_the_built_site_keeps_every_published_anchor(site, registry):
    page = read(site, f"texts/{registry.stem}/")
    texts = {i: page.texts[i] for i, a in page.ids.items()
             if re.fullmatch(r"p\d+", i) and "tombstone" not in (a.get("class") or "")}
    tombs = {i for i, a in page.ids.items() if "tombstone" in (a.get("class") or "")}
    entries = yaml.safe_load(registry.read_text(encoding="utf-8"))["anchors"]
    assert gate(entries, texts, tombs, registry.name) == []


def test_every_text_has_a_registry():
    assert {p.stem for p in (ROOT / "sources/texts").glob("*.yml")} == {r.stem for r in REGISTRIES}


A, B, C = "Alpha beta gamma delta epsilon zeta eta theta iota.", "One two three four five six seven eight nine.", \
    "Completely new words that share nothing with the others here."
REG = [{"anchor": "p1", **fingerprint(A)}, {"anchor": "p2", **fingerprint(B)}]


@pytest.mark.parametrize("texts, tombs, registry, expected", [
    ({"p1": A, "p2": B}, set(), REG, []),
    ({"p1": A.replace("gamma", "gamma,"), "p2": B}, set(), REG, []),
    ({"p1": A}, set(), REG, ["x.yml: p2 is gone from the page; keep it as a tombstone: add `removed: \"why\"` "
                             "(and `see: pN`) to its entry"]),
    ({"p1": A}, {"p2"}, [REG[0], {"anchor": "p2", "removed": "merged"}], []),
    ({"p1": A, "p2": C}, set(), REG,
     ["x.yml: p2 now holds different text (\"Completely new words that share nothing with the…\" instead of "
      "\"One two three four five six seven eight…\"); record the decision (a tombstone with `see:`) or restore "
      "the paragraph"]),
    ({"p1": A, "p2": B, "p3": C}, set(), REG,
     ["x.yml: p3 not registered; run `make anchors` and commit sources/anchors/"]),
])
def test_gate_table(texts, tombs, registry, expected):
    assert gate(registry, texts, tombs, "x.yml") == expected
