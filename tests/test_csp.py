"""The Content-Security-Policy each page carries (hooks/edition/csp.py)."""
from __future__ import annotations

import base64
import hashlib

import pytest

from edition.csp import add_policy, policy

PAGE = ('<html><head><script>var a = 1;</script><script src="x.js"></script>'
        '<script type="application/ld+json">{"@type": "Article"}</script></head><body>'
        '<script>var a = 1;</script><script>  </script></body></html>')
HASH = "'sha256-" + base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode() + "'"


def directives(p: str) -> dict[str, str]:
    return dict(d.strip().split(" ", 1) for d in p.split(";"))


def test_a_built_page_allows_its_own_inline_scripts_by_hash_once_each():
    d = directives(policy(PAGE))
    assert d["script-src"] == f"'self' {HASH}"
    assert d["default-src"] == "'self'" and d["object-src"] == "'none'" and d["base-uri"] == "'self'"


def test_a_live_preview_allows_inline_script_but_nothing_from_elsewhere():
    d = directives(policy(PAGE, live_reload=True))
    assert d["script-src"] == "'self' 'unsafe-inline'"   # no hash, or the browser would ignore 'unsafe-inline'
    assert d["connect-src"] == "'self'"


@pytest.mark.parametrize("live", [False, True])
def test_the_policy_is_the_first_element_of_the_head(live):
    out = add_policy(PAGE, live_reload=live)
    assert out.startswith('<html><head>\n    <meta http-equiv="Content-Security-Policy" content="default-src')
