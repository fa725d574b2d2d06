"""MkDocs adapter for the edition core (``hooks/edition``).

It loads the edition once per build, adds the generated pages and exports as in-memory
files, expands the "Texts" entry of the navigation, and adds one search entry per
paragraph. Every problem found in ``sources/`` is logged as ``path:line: message`` and
the build stops. All logic lives in the core; this file only translates events.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# MkDocs puts hooks/ on sys.path only while it loads this file: import the core now.
from edition import EditionError, Problems, load_edition
from edition.csp import add_policy, live_code
from edition.exports import exports
from edition.htmlfix import valid_html
from edition.pages import fill_markers, mirrors, nav_entries, pages
from edition.pages.head import head_html
from edition.search import covered_sections, merge, paragraph_entries

log = logging.getLogger("mkdocs.hooks.edition")


class _State:
    """Per-build state. Hooks are not reloaded by `mkdocs serve`, so on_config resets it."""

    edition = None
    base = ""
    unsafe: list[str] = []
    """Code found in finished pages that the build did not write (see edition.csp.live_code)."""


STATE = _State()
# Set once per process by on_startup, and kept across the rebuilds of `mkdocs serve`.
SERVING = False


# ---------------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------------

def on_startup(command, dirty):
    global SERVING
    SERVING = command == "serve"
    if SERVING:
        log.info("Live preview: pages allow inline script so that the reload script can run; "
                 "a built site allows only the script files it serves, and no inline script.")


def on_config(config):
    STATE.edition, STATE.base, STATE.unsafe = None, "", []
    root = Path(config.config_file_path).resolve().parent
    problems = Problems()
    try:
        STATE.edition = load_edition(root, problems, mode="preview" if SERVING else "build")
    except EditionError as exc:
        for line in exc.problems.lines():
            log.error(line)
        raise PluginError(f"{len(exc.problems)} problem(s) in sources/; nothing was built. "
                          f"Fix them and build again (`make check` lists them without building).") from None
    for notice in problems.notices:
        log.info(notice)
    STATE.base = (config.site_url or "/").rstrip("/") + "/"
    config.nav = _expand_nav(config.nav, STATE.edition)
    config.extra["edition_version"] = str(STATE.edition.meta.get("version", ""))
    return config


def on_files(files, config):
    ed = STATE.edition
    for path, markdown in pages(ed, STATE.base).items():
        files.append(File.generated(config, path, content=markdown))
    for path, content in exports(ed, STATE.base).items():
        files.append(File.generated(config, path, content=content))
    for path, markdown in mirrors(Path(config.config_file_path).resolve().parent, ed).items():
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_markdown(markdown, page, config, files):
    sid = page.meta.get("edition_source")
    if sid in STATE.edition.sources:
        page.meta["edition_head"] = head_html(STATE.edition, STATE.edition.sources[sid], STATE.base)
    markdown, unknown = fill_markers(markdown, STATE.edition, page.file.src_uri, STATE.base)
    if unknown:
        raise PluginError(f"{page.file.src_uri}: unknown edition marker(s) {', '.join(unknown)}; the markers are "
                          "relation-procedure, coverage-summary and sample-citation <text> <paragraph> <style>")
    return markdown


def _finish(html: str, where: str) -> str:
    """A page as published: Nu-valid markup and its Content-Security-Policy, after checking
    that it holds no code the build did not write."""
    STATE.unsafe += [f"{where}: {found}" for found in live_code(html)]
    return add_policy(valid_html(html), live_reload=SERVING)


def on_post_page(output, page, config):
    return _finish(output, page.file.dest_uri)


def on_post_template(output_content, template_name, config):
    return _finish(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(config):
    if STATE.unsafe:
        for line in STATE.unsafe:
            log.error(f"{line}; the build writes no such code, so a value from sources/ reached the page "
                      "unescaped: report it as a bug of the edition's code")
        pages = {line.split(": ", 1)[0] for line in STATE.unsafe}
        raise PluginError(f"{len(pages)} page(s) hold code that the build did not write; nothing may be published")
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(merge(index, paragraph_entries(STATE.edition), covered_sections(STATE.edition)),
                               ensure_ascii=False),
                    encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def _expand_nav(nav, ed):
    """Replace the nav entry ``Texts: texts/`` by the list of texts and one entry per text,
    so that a new text needs no change to mkdocs.yml. Beyond ``nav_texts_max`` texts
    (edition.yml, default 12) only the list is in the navigation, so that every page's
    navigation, and the build, stay small as the edition grows."""
    if not nav:
        return nav
    out = []
    limit = int(ed.meta.get("nav_texts_max", 12))
    for item in nav:
        if isinstance(item, dict) and list(item.values()) == ["texts/"]:
            title = next(iter(item))
            entries = [{"All texts": "texts/index.md"}]
            if len(ed.sources) <= limit:
                entries += [{label: path} for label, path in nav_entries(ed)]
            out.append({title: entries})
        else:
            out.append(item)
    return out
