"""A Content-Security-Policy for a built page: no third-party anything, and no inline script
but the exact ones the page carries (allowed by their SHA-256 hashes).

A live preview (`mkdocs serve`) injects its reload script into every page as it serves it,
after the page was built, with a different body each time; no hash can allow it. There the
policy allows inline script instead of listing hashes (a browser ignores 'unsafe-inline'
when a hash is listed), and still allows no script from anywhere else."""
from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")


def _inline_hashes(html: str) -> list[str]:
    """The CSP hash source of each distinct inline script (data blocks and empty ones aside)."""
    hashes = []
    for m in _SCRIPT.finditer(html):
        attrs, body = m.group("attrs"), m.group("body")
        if "src=" in attrs or any(t in attrs for t in _DATA_TYPES) or not body.strip():
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def policy(html: str, live_reload: bool = False) -> str:
    """The policy for one page: its inline scripts by hash, everything else from 'self'."""
    script = "'self' 'unsafe-inline'" if live_reload else " ".join(["'self'", *_inline_hashes(html)])
    return ("default-src 'self'; "
            f"script-src {script}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def add_policy(html: str, live_reload: bool = False) -> str:
    """Insert the page's policy as the first element of <head> (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, live_reload)}">'
    return re.sub(r"<head>", "<head>\n    " + meta, html, count=1)
