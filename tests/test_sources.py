"""The received texts are kept byte for byte, with their checksums; metadata is complete."""
import hashlib

import pytest
import yaml

from conftest import ROOT

SEED_SUMS = {  # as given with the received texts (shared/seeds/README.md)
    "ramani-2015": "d667b16ca197d624ccf55dfad89f202de0b02ca0f73f8ff926dbd1e94f457a1e",
    "harrison-2015": "c93b9ffde59b7a0d55ef0d39867ff629375e4ed64ce125796016acb0670a3f75",
}


@pytest.mark.parametrize("sid", SEED_SUMS)
def test_fixity(sid):
    meta = yaml.safe_load((ROOT / f"sources/texts/{sid}.yml").read_text(encoding="utf-8"))
    digest = hashlib.sha256((ROOT / "sources/texts" / meta["file"]).read_bytes()).hexdigest()
    assert digest == meta["sha256"] == SEED_SUMS[sid]


@pytest.mark.parametrize("sid, witness, languages", [
    ("ramani-2015", "Afghanistan Azad", ["en", "fa"]),
    ("harrison-2015", "China in Central Asia", ["en"]),
])
def test_metadata(sid, witness, languages):
    meta = yaml.safe_load((ROOT / f"sources/texts/{sid}.yml").read_text(encoding="utf-8"))
    assert meta["witness"]["publisher"] == witness
    assert meta["languages"] == languages
    for key in ("title", "authors", "date", "publication", "url", "rights"):
        assert meta[key], key
