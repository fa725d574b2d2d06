"""What the core gives any generator, in one code path with the MkDocs hook.

- :func:`generated`: every page, export and asset the edition adds to ``docs/`` (path →
  content); the hook serves them as in-memory files, ``python -m edition generate`` writes them.
- :func:`page_markdown`: a page's Markdown as it is rendered (the markers filled) and the
  bibliographic head that the template puts in ``<head>``.
- :func:`finish_page`: a rendered page as published (Nu-valid repairs, the
  Content-Security-Policy), and the code found in it that the build did not write.
- :func:`write_project`: a folder that a generator without hooks builds as the hook's build
  does: ``docs/`` with every page written out (markers filled, the head in each page's front
  matter as ``edition_head``), and ``mkdocs.yml`` without the hook, its "Texts" entry expanded
  and the version and build stamp in ``extra``. After the build, ``python -m edition finish``
  does what the hook's ``on_post_build`` does (:func:`edition.postbuild.finish_site`).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from .csp import add_policy, live_code
from .exports import exports
from .htmlfix import valid_html
from .model import Edition
from .pages import fill_markers, mirrors, nav_entries, pages
from .pages.head import head_html, site_head
from .styles import dark_without_script

NOJS_DARK = "assets/edition-nojs-dark.css"
HOOK_LINES = "hooks:\n  - hooks/edition_hook.py\n"
TEXTS_ENTRY = "  - Texts: texts/\n"


def generated(ed: Edition, root: Path, base: str, palette_css: str) -> dict[str, str | bytes]:
    """Every file the edition adds to the docs: the pages, the exports, the mirrored repository
    documents, and the dark style sheet for a reader without script (made from Material's
    palette, ``palette_css``, and the edition's style sheet)."""
    out: dict[str, str | bytes] = {}
    out.update(pages(ed, base))
    out.update(exports(ed, base))
    out.update(mirrors(root, ed))
    css = palette_css + (root / "docs/assets/edition.css").read_text(encoding="utf-8")
    out[NOJS_DARK] = dark_without_script(css, "[data-md-color-scheme=slate]", "[data-md-color-scheme=default]")
    return out


def page_markdown(markdown: str, ed: Edition, src_uri: str, base: str, title: str, url: str,
                  source: str | None) -> tuple[str, str, list[str]]:
    """A page's Markdown with its markers filled, its head (the text's bibliographic metadata
    on a reading page, the site's elsewhere), and the markers that are not known."""
    head = head_html(ed, ed.sources[source], base) if source in ed.sources else site_head(ed, title, base + url, base)
    markdown, unknown = fill_markers(markdown, ed, src_uri, base)
    return markdown, head, unknown


def finish_page(html: str, live_reload: bool = False) -> tuple[str, list[str]]:
    """A rendered page as published, and the code in it that the build did not write."""
    return add_policy(valid_html(html), live_reload=live_reload), live_code(html)


# ------------------------------------------------------------------------------- write_project

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _front(markdown: str) -> tuple[dict, str]:
    """The front matter's plain ``key: value`` lines that the head needs (title, edition_source),
    and the body."""
    m = _FRONT.match(markdown)
    meta: dict = {}
    if m:
        for line in m.group(1).splitlines():
            k, sep, v = line.partition(":")
            if sep and not line.startswith(" ") and k in ("title", "edition_source"):
                v = v.strip()
                meta[k] = json.loads(v) if v.startswith('"') else v.strip("'")
    return meta, markdown[m.end():] if m else markdown


def _title(meta: dict, body: str) -> str:
    """The page title as MkDocs gives it: the front matter's, else the first level-1 heading."""
    if meta.get("title"):
        return str(meta["title"])
    m = re.search(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", body, re.M)
    return m.group(1).strip() if m else ""


def _url(path: str) -> str:
    """The directory URL MkDocs gives a page (``texts/ramani-2015/``, ``''`` for the home)."""
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def with_head(markdown: str, head: str) -> str:
    """The page with ``edition_head`` in its front matter (a JSON string is a YAML string)."""
    line = "edition_head: " + json.dumps(head, ensure_ascii=False) + "\n"
    if _FRONT.match(markdown):
        return "---\n" + line + markdown[4:]
    return "---\n" + line + "---\n" + markdown


def write_project(ed: Edition, root: Path, out: Path, base: str, palette_css: str, extra: dict[str, str]) -> list[str]:
    """Write ``out/docs/`` and ``out/mkdocs.yml`` (see the module's note); returns the problems
    (unknown markers), empty when all is well."""
    cfg = config(ed, root, extra)          # first: a config it cannot rewrite stops before anything is written
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(root / "docs", docs)
    for path, content in generated(ed, root, base, palette_css).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    problems: list[str] = []
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs).as_posix()
        markdown = page.read_text(encoding="utf-8")
        meta, body = _front(markdown)
        filled, head, unknown = page_markdown(markdown, ed, rel, base, _title(meta, body), _url(rel),
                                              meta.get("edition_source"))
        problems += unknown
        page.write_text(with_head(filled, head), encoding="utf-8")
    (out / "mkdocs.yml").write_text(cfg, encoding="utf-8")
    return problems


class ConfigError(ValueError):
    """mkdocs.yml is not as ``make generate`` expects it: the message is ``path[:line]: what; hint``."""


def config(ed: Edition, root: Path, extra: dict[str, str]) -> str:
    """``mkdocs.yml`` for the written-out docs: no hook, the texts in the navigation, the theme's
    overrides and the watched folders at their place in the project, and ``extra``."""
    cfg = (root / "mkdocs.yml").read_text(encoding="utf-8")
    for needed in (HOOK_LINES, TEXTS_ENTRY, "  custom_dir: overrides\n"):
        if needed not in cfg:
            raise ConfigError(f"mkdocs.yml: the line(s) {needed.strip()!r} are missing; make generate rewrites "
                              "them for a generator without the hook: put them back as the edition ships them")
    extra_at = re.search(r"(?m)^extra:", cfg)
    if extra_at:
        raise ConfigError(f"mkdocs.yml:{cfg.count(chr(10), 0, extra_at.start()) + 1}: an 'extra:' section, which "
                          "make generate would write twice; the edition sets its extra values itself: remove it")
    cfg = cfg.replace(HOOK_LINES, "")
    nav = "".join(f"      - {json.dumps(label, ensure_ascii=False)}: {path}\n" for label, path in nav_entries(ed))
    cfg = cfg.replace(TEXTS_ENTRY, "  - Texts:\n" + nav)
    cfg = cfg.replace("  custom_dir: overrides\n", f"  custom_dir: {json.dumps(str(root / 'overrides'))}\n")
    cfg = re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", cfg)
    cfg += "\nextra:\n" + "".join(f"  {k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in extra.items())
    return cfg
