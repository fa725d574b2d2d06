"""MkDocs adapter for the edition core (``hooks/edition``).

It loads the edition once per build, adds the generated pages and exports as in-memory
files, expands the "Texts" entry of the navigation, and finishes the built site (the search
index, minified assets: edition.postbuild). Every problem found in ``sources/`` is logged as ``path:line: message`` and
the build stops. All logic lives in the core; this file only translates events.
"""
from __future__ import annotations

import logging
from pathlib import Path

import material
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# MkDocs puts hooks/ on sys.path only while it loads this file: import the core now.
from edition import EditionError, Problems, load_edition
from edition.adapter import site_url_problem
from edition.csp import report
from edition.generate import finish_page, generated, page_markdown
from edition.pages import nav_entries
from edition.postbuild import finish_site
from edition.releases import build_stamp

log = logging.getLogger("mkdocs.hooks.edition")
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


class _State:
    """Per-build state. Hooks are not reloaded by `mkdocs serve`, so on_config resets it."""

    edition = None
    base = ""
    unsafe: list[str] = []
    """Code found in finished pages that the build did not write (see edition.csp.live_code)."""


STATE = _State()
# Set once per process by on_startup, and kept across the rebuilds of `mkdocs serve`.
SERVING = False


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
    bad_site_url = site_url_problem()
    if bad_site_url:
        log.error(bad_site_url)
        raise PluginError("EDITION_SITE_URL is not the site's address; nothing was built.")
    STATE.base = (config.site_url or "/").rstrip("/") + "/"
    config.nav = _expand_nav(config.nav, STATE.edition)
    config.extra["edition_version"] = str(STATE.edition.meta.get("version", ""))
    date, commit = build_stamp(root, str(STATE.edition.meta.get("date", "")))
    config.extra["edition_built"] = f"{date} from commit {commit}" if commit else date
    return config


def on_files(files, config):
    root = Path(config.config_file_path).resolve().parent
    palette = "".join(p.read_text(encoding="utf-8") for p in MATERIAL_CSS.glob("palette.*.min.css"))
    for path, content in generated(STATE.edition, root, STATE.base, palette).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    markdown, head, unknown = page_markdown(markdown, STATE.edition, page.file.src_uri, STATE.base,
                                            page.meta.get("title") or page.title or "", page.url,
                                            page.meta.get("edition_source"))
    if unknown:
        raise PluginError("; ".join(unknown))
    page.meta["edition_head"] = head
    return markdown


def _finish(html: str, where: str) -> str:
    """A page as published: Nu-valid markup and its Content-Security-Policy, after checking
    that it holds no code the build did not write."""
    html, unsafe = finish_page(html, live_reload=SERVING)
    STATE.unsafe += [f"{where}: {found}" for found in unsafe]
    return html


def on_post_page(output, page, config):
    return _finish(output, page.file.dest_uri)


def on_post_template(output_content, template_name, config):
    return _finish(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(config):
    if STATE.unsafe:
        *lines, summary = report(STATE.unsafe)
        for line in lines:
            log.error(line)
        raise PluginError(summary)
    finish_site(Path(config.site_dir), STATE.edition)


def _expand_nav(nav, ed):
    """The nav entry ``Texts: texts/`` becomes the texts' entries (a new text needs no change to
    mkdocs.yml)."""
    return [{next(iter(item)): [{label: path} for label, path in nav_entries(ed)]}
            if isinstance(item, dict) and list(item.values()) == ["texts/"] else item for item in nav or []] or nav
