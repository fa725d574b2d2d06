"""Style sheets made from others at build time: a dark colour scheme for pages whose script has
not run, so that a reader's preference for dark is honoured without JavaScript; and Material's
style sheets pruned to what the site's pages and scripts can use (:func:`prune`)."""
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
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)     # a comment before a rule is not its selector
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


# ---------------------------------------------------------------------------------------------
# A style sheet pruned to what a site can use
# ---------------------------------------------------------------------------------------------

_GROUPS = ("@media", "@supports", "@layer", "@container", "@document", "@scope")


def _skip(css: str, i: int) -> int:
    """The index after the string or comment that begins at ``i`` (or ``i + 1``)."""
    if css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end < 0 else end + 2
    if css[i] in "\"'":
        q, j = css[i], i + 1
        while j < len(css) and css[j] != q:
            j += 2 if css[j] == "\\" else 1
        return j + 1
    return i + 1


_SPECIAL = re.compile(r"[\"'{};]|/\*")
_NESTING = re.compile(r"[\"'{}]|/\*")


def blocks(css: str) -> list[tuple[str, str | None]]:
    """The top-level statements of ``css``: ``(prelude, body)`` for a block, ``(statement,
    None)`` for an at-rule that ends with ``;``. (The scan jumps from one character that
    matters to the next: quotes, comments, braces and semicolons.)"""
    out: list[tuple[str, str | None]] = []
    i, start, n = 0, 0, len(css)
    while i < n:
        m = _SPECIAL.search(css, i)
        if not m:
            break
        i = m.start()
        c = css[i]
        if c in "\"'" or c == "/":
            i = _skip(css, i)
        elif c == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                k = _NESTING.search(css, j)
                if not k:
                    j = n
                    break
                j = k.start()
                if css[j] in "\"'/":
                    j = _skip(css, j)
                    continue
                depth += 1 if css[j] == "{" else -1
                j += 1
            out.append((css[start:i].strip(), css[i + 1:j - 1]))
            i = start = j
        elif c == ";" and css[start:i].lstrip().startswith("@"):
            out.append((css[start:i + 1].strip(), None))
            i = start = i + 1
        else:
            i += 1
    return out


def _top_level(selector: str, sep: str = ",") -> list[str]:
    """``selector`` split at the ``sep`` outside brackets, parentheses and strings."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(selector):
        c = selector[i]
        if c in "\"'":
            i = _skip(selector, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(selector[start:i])
            start = i + 1
        i += 1
    return parts + [selector[start:]]


_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ATTR = re.compile(r"\[([\w-]+)=(\"?)([^\"\]]+)\2\]")


def _bare(selector: str) -> str:
    """``selector`` without what stands inside parentheses (``:not(.x)``, ``:is(.a,.b)``)."""
    out, depth = [], 0
    for c in selector:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


def required(selector: str) -> tuple[set[str], set[tuple[str, str]]] | None:
    """What an element must have for ``selector`` to match it: the classes, and the
    ``[attribute=value]`` pairs, outside any parentheses (a class inside ``:not()`` or
    ``:is()`` is not required). None when the selector holds an escape, which is not read."""
    if "\\" in selector:
        return None
    bare = _bare(selector)
    pairs = {(m.group(1), m.group(3)) for m in _ATTR.finditer(bare)}
    return set(_CLASS.findall(_ATTR.sub("", re.sub(r"\[[^\]]*\]", "", bare)))), pairs


class Usage:
    """What a site can use: the classes its pages carry, every word its scripts hold (a
    class a script adds is a word of it), the beginnings of classes a script composes
    (``md-tag--`` in ``md-tag--${name}``), and, for the attributes in ``values``, the values
    the pages give them; and the custom properties read elsewhere (``var(--x`` in another
    style sheet, a page or a script)."""

    def __init__(self, classes: set[str], words: set[str], prefixes: tuple[str, ...] = (),
                 values: dict[str, set[str]] | None = None, properties: set[str] = frozenset(),
                 never: tuple[str, ...] = ()) -> None:
        self.classes, self.words, self.prefixes = classes, words, prefixes
        self.values, self.properties = values or {}, properties
        self.never = never      # a selector that holds one of these is left out

    def may_match(self, selector: str) -> bool:
        if self.never and any(n in selector for n in self.never):
            return False
        req = required(selector)
        if req is None:
            return True
        classes, pairs = req
        return (all(c in self.classes or c in self.words or c.startswith(self.prefixes) for c in classes)
                and all(v in self.values[a] for a, v in pairs if a in self.values))


def prune(css: str, usage: Usage) -> str:
    """``css`` without what no page of the site can use: a rule keeps the selectors that may
    match (see :class:`Usage`), a group (``@media`` …) the rules that remain; other at-rules
    (``@font-face``, ``@keyframes``) stay whole. Then the custom properties (``--x: …``) that
    nothing left reads (``var(--x``), and no script names, are dropped, until none is."""
    css = _prune_rules(css, usage)
    while True:
        read = set(re.findall(r"var\((--[\w-]+)", css)) | usage.properties
        fewer = _drop_properties(css, lambda name: name in read or name[2:] in usage.words)
        if fewer == css:
            return css
        css = fewer


def _prune_rules(css: str, usage: Usage) -> str:
    out = []
    for prelude, body in blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.startswith("@"):
            if prelude.lower().startswith(_GROUPS):
                inner = _prune_rules(body, usage)
                if inner:
                    out.append(f"{prelude}{{{inner}}}")
            else:
                out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s.strip() for s in _top_level(prelude) if usage.may_match(s)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def _drop_properties(css: str, keep) -> str:
    out = []
    for prelude, body in blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.startswith("@"):
            inner = _drop_properties(body, keep) if prelude.lower().startswith(_GROUPS) else body
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        else:
            decls = [d for d in _top_level(body, ";") if d.strip()]
            kept = [d for d in decls if not d.strip().startswith("--") or keep(d.split(":", 1)[0].strip())]
            if kept:
                out.append(f"{prelude}{{{';'.join(kept)}}}")
    return "".join(out)
