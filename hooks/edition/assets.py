"""The built site's scripts and style sheets made lighter for the reader.

- The edition's own files are minified (rjsmin and rcssmin, which keep ``/*! … */``
  comments): the sources in ``docs/assets/`` keep their comments.
- Material's style sheets, which style every feature Material has, are pruned to the rules
  that can apply to a page of this site (:func:`edition.styles.prune`): a rule is kept when
  every class it requires is on some page or is a word of some script, and every colour it
  requires (``[data-md-color-primary=…]``) is one the pages offer. Material's scripts are
  left as they are.
- Two exceptions make the pruning tighter than "a word of some script". Material's bundle names
  the classes of features it only finds in a page or builds from the page's configuration
  (content tabs, highlighted code and its annotations, tags, the version selector): its words
  of such a family count only when some page carries the family (:data:`FAMILIES`), which
  takes 1.9 KB (gzipped) off the style sheet every page loads. And the rule Material's palette
  keys on ``data-md-color-switching`` is left out (:data:`NEVER`, and README.md, Performance).
"""
from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin

from .styles import Usage, prune

MINIFIED = ("assets/edition*.js", "assets/edition*.css", "assets/javascripts/edition-*.js")
PRUNED = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css", "assets/edition-nojs-dark.css")
# Attributes whose values a rule may require: Material's colour schemes and colours.
VALUED = ("data-md-color-scheme", "data-md-color-primary", "data-md-color-accent")
_VAR = re.compile(r"var\((--[\w-]+)")
# The families of classes Material's bundle names but uses only where a page has them: content
# tabs (pymdownx.tabbed), highlighted code and the annotations made from it, tags, and the
# version selector (built from the "version" of the page's configuration). A word of the bundle
# that begins with a family's prefix counts when some page has a class that begins with one of
# the family's roots, or, for the version selector, configures a version.
FAMILIES = {"tabbed-": ("tabbed-",), "highlight": ("highlight",), "md-annotation": ("highlight", "md-annotation"),
            "md-tag": ("md-tag",), "md-version": ("md-version",)}
BUNDLE = "assets/javascripts/bundle.*.min.js"
# Material's palette sets data-md-color-switching on <body> as a page loads and removes it a
# frame later; its rule `[data-md-color-switching] *` (no transitions while the colours
# change) makes each change restyle every element of the page (on Ramani's page, 1,359
# elements: 70-240 ms of a phone's main thread, measured). Without it, a switch of the colour
# scheme lets the few elements with a colour transition fade for 0.25 s.
NEVER = ("[data-md-color-switching]",)


def minified(name: str, text: str) -> str:
    if name.endswith(".js"):
        return rjsmin.jsmin(text, keep_bang_comments=True) + "\n"
    return rcssmin.cssmin(text, keep_bang_comments=True) + "\n"


def minify_assets(site: Path) -> list[str]:
    """Minify the edition's files in the built ``site`` in place; returns their paths."""
    done = []
    for pattern in MINIFIED:
        for path in sorted(site.glob(pattern)):
            path.write_text(minified(path.name, path.read_text(encoding="utf-8")), encoding="utf-8")
            done.append(path.relative_to(site).as_posix())
    return done


def own_pages(site: Path) -> list[Path]:
    """The site's pages, less the releases under versions/X.Y.Z/, which are sites of their own."""
    return [p for p in sorted(site.rglob("*.html"))
            if not (p.relative_to(site).parts[0] == "versions" and len(p.relative_to(site).parts) > 2)]


def site_usage(site: Path, leave_out: Path | None = None, pages: Usage | None = None) -> Usage:
    """What the pages and scripts of ``site`` can use; properties are read from every file
    but ``leave_out`` (the style sheet being pruned). ``pages``: what the pages and scripts
    use, when already read (:func:`page_usage`)."""
    base = pages or page_usage(site)
    properties = set(base.properties)
    for sheet in sorted(site.glob("assets/**/*.css")):
        if sheet != leave_out:
            properties |= set(_VAR.findall(sheet.read_text(encoding="utf-8")))
    return Usage(base.classes, base.words, base.prefixes, base.values, properties, base.never)


def page_usage(site: Path) -> Usage:
    """What the pages and the scripts of ``site`` use (classes, words, values, properties)."""
    classes: set[str] = set()
    values: dict[str, set[str]] = {a: set() for a in VALUED}
    words: set[str] = set()
    properties: set[str] = set()
    versioned = False
    for page in own_pages(site):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'\bclass="([^"]*)"', html):
            classes |= set(m.group(1).split())
        for a in VALUED:
            values[a] |= set(re.findall(rf'\b{a}="([^"]*)"', html))
        properties |= set(_VAR.findall(html))
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
        versioned = versioned or bool(config and '"version":' in config.group(1))
    bundles = set(site.glob(BUNDLE))
    unused = tuple(prefix for prefix, roots in FAMILIES.items()
                   if not any(c.startswith(roots) for c in classes) and not (prefix == "md-version" and versioned))
    for script in sorted(site.glob("assets/**/*.js")):
        text = script.read_text(encoding="utf-8")
        found = set(re.findall(r"[A-Za-z0-9_-]+", text))
        words |= {w for w in found if not w.startswith(unused)} if script in bundles and unused else found
        properties |= set(_VAR.findall(text))
    prefixes = tuple(sorted(w for w in words if w.endswith("-") and len(w) >= 4))
    return Usage(classes, words, prefixes, values, properties, NEVER)


def prune_styles(site: Path) -> dict[str, tuple[int, int]]:
    """Prune Material's style sheets in ``site`` in place; returns their sizes before and after."""
    done = {}
    pages = page_usage(site)
    for pattern in PRUNED:
        for path in sorted(site.glob(pattern)):
            css = path.read_text(encoding="utf-8")
            pruned = prune(css, site_usage(site, leave_out=path, pages=pages))
            path.write_text(pruned, encoding="utf-8")
            done[path.relative_to(site).as_posix()] = (len(css), len(pruned))
    return done
