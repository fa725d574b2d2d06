"""Style sheets made from others at build time: a dark colour scheme for pages whose script has
not run, so that a reader's preference for dark is honoured without JavaScript."""
from __future__ import annotations

import re

_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")


def dark_without_script(css: str, dark: str, light: str, root: str = ".no-js") -> str:
    """The rules of ``css`` whose selectors name the ``dark`` scheme (an attribute selector such
    as ``[data-md-color-scheme=slate]``), rewritten to apply to the ``light`` one inside
    ``root`` (the page before its script runs), under ``@media (prefers-color-scheme: dark)``.
    Rules that exclude the dark scheme (``:not(…)``) are left out."""
    out = []
    quoted = dark.replace("=", '="').replace("]", '"]')
    for selectors, body in _RULE.findall(css):
        kept = []
        for sel in selectors.split(","):
            sel = sel.strip()
            for form in (dark, quoted):
                if form in sel and f":not({form})" not in sel:
                    kept.append(f"{root} " + sel.replace(form, light, 1) if not sel.startswith(form)
                                else f"{root} {light}{sel[len(form):]}")
                    break
        if kept:
            out.append(f"{','.join(kept)}{{{body}}}")
    return "@media (prefers-color-scheme: dark){" + "".join(out) + "}\n" if out else ""
