"""Browser fixtures: the built site served on 127.0.0.1, and Debian's Chromium driven by
Playwright with every off-site request aborted and recorded.

The site is served under the path of its ``site_url`` (``/edition/``), as it is deployed, so
that pages using root-relative addresses (Material's 404 page) load their assets.

Every test that uses the ``page`` fixture fails in its teardown when its pages logged a console
error (a Content-Security-Policy violation, an uncaught exception, a resource that failed to
load) or tried to reach anything but 127.0.0.1. The recipe: ../shared/tools/browser-recipes.md.

No wait here is a wait for a clock. Every Playwright wait (actions, navigations, locators,
``expect``, ``wait_for_function``) has one limit, ``HANG_GUARD_MS``, set here and nowhere else:
a guard against a hang, never reached by a slow or busy machine. A test waits for what shows
that the page is ready (an element, an address, a value the page's script sets, a frame drawn
after a scroll ends, ``settle``), never sleeps for an effect; a test that asserts something
does NOT happen first waits for a positive sign that the page has done all it would do.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from conftest import HANG_GUARD, wait_for_port

import pytest
from playwright.sync_api import Page, expect


# Page.wait_for_function given an expression (not a function) evaluates that string again at
# each poll, and the edition's Content-Security-Policy (script-src 'self', no 'unsafe-eval')
# refuses every evaluation after the first: a wait that happens to poll more than once fails
# with "EvalError: ... 'unsafe-eval'", more often on a busy machine. Given as a function, the
# condition is evaluated once and called at each poll, which the policy allows. So every
# expression is turned into a function here, in one place.
_FUNCTION = re.compile(r"(async\s+)?(function\b|\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)")


def _as_function(expression: str) -> str:
    if _FUNCTION.match(expression.strip()):
        return expression
    return f"() => ({expression})"


_wait_for_function = Page.wait_for_function


def wait_for_function(self, expression, *args, **kwargs):
    return _wait_for_function(self, _as_function(expression), *args, **kwargs)


Page.wait_for_function = wait_for_function

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
LOCAL = ("http://127.0.0.1:", "data:", "blob:")
VIEWPORT = {"width": 1280, "height": 900}
# The one limit of every Playwright wait, browser-side: a hang guard only (see the docstring).
HANG_GUARD_MS = 120_000
expect.set_options(timeout=HANG_GUARD_MS)


def _unavailable(reason: str):
    """No browser: a failure in CI (where .ci/run installs it), a skip on a workstation."""
    message = f"{reason}; the browser tests need Debian's Chromium (apt-get install chromium) " \
              f"and playwright in .venv (make test installs it)"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


# ---------------------------------------------------------------------------------------------
# Serving
# ---------------------------------------------------------------------------------------------

def deployed_path(site: Path) -> str:
    """The path the site is deployed under (``/edition/``), from the canonical link of its home page."""
    html = (site / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    path = urlparse(m.group(1)).path if m else "/"
    return path if path.endswith("/") else path + "/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(site: Path, workdir: Path):
    """Serve ``site`` with ``python -m http.server`` on a free port of 127.0.0.1, under its
    deployed path; yields the base URL (``http://127.0.0.1:PORT/edition/``)."""
    prefix = deployed_path(site)
    root = workdir / "www"
    mount = root / prefix.strip("/") if prefix != "/" else root
    mount.parent.mkdir(parents=True, exist_ok=True)
    if mount != root:
        mount.symlink_to(site, target_is_directory=True)
    else:
        root = site
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port),
                             "--directory", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(proc, port, "http.server")
        yield f"http://127.0.0.1:{port}{prefix}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def base_url(site, tmp_path_factory) -> str:
    """The real edition, built once (tests/conftest.py ``site``) and served on 127.0.0.1."""
    with serve(site, tmp_path_factory.mktemp("www")) as url:
        yield url


@pytest.fixture(scope="session")
def site_url(site) -> str:
    """The address the built site says it is published at (``https://…/edition/``)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    return re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)


# ---------------------------------------------------------------------------------------------
# The browser
# ---------------------------------------------------------------------------------------------

class Watch:
    """What the browser did that it should not: requests that were not to 127.0.0.1, and
    console errors (CSP violations are logged as console errors) and uncaught exceptions."""

    def __init__(self):
        self.offsite: list[str] = []
        self.errors: list[str] = []

    def take(self) -> tuple[list[str], list[str]]:
        """What was seen since the last call."""
        out = (list(dict.fromkeys(self.offsite)), list(self.errors))
        self.offsite.clear()
        self.errors.clear()
        return out


@pytest.fixture(scope="session")
def playwright():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the venv has it
        _unavailable(f"playwright cannot be imported ({exc})")
    p = sync_playwright().start()
    yield p
    p.stop()


@pytest.fixture(scope="session")
def watch() -> Watch:
    """Shared by every context of the session; checked after each test, and at the end for
    what happened outside any test (while a fixture loaded a page)."""
    w = Watch()
    yield w
    assert not w.offsite, f"requests to hosts other than 127.0.0.1 (aborted): {w.offsite}"


def launch(playwright, watch: Watch, profile: Path, **options):
    """A persistent context on Debian's Chromium with a fresh profile; every request not to
    127.0.0.1, data: or blob: is aborted and recorded in ``watch.offsite``."""
    options.setdefault("viewport", VIEWPORT)
    ctx = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS, **options)
    ctx.set_default_timeout(HANG_GUARD_MS)
    ctx.set_default_navigation_timeout(HANG_GUARD_MS)

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            watch.offsite.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    # Also any request the router would not see (none is expected).
    ctx.on("request", lambda req: None if req.url.startswith(LOCAL) else watch.offsite.append(req.url))
    return ctx


@pytest.fixture(scope="module")
def context(playwright, watch):
    """One browser per test module (1280×900, light scheme), with a throw-away profile."""
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    ctx = launch(playwright, watch, profile)
    yield ctx
    ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


def attach(page, watch: Watch):
    page.on("console", lambda m: watch.errors.append(f"console.{m.type}: {m.text} ({page.url})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(f"uncaught: {e} ({page.url})"))
    return page


@contextmanager
def checked_page(ctx, watch: Watch):
    """A fresh tab of ``ctx``; when the block ends, it fails if any page logged a console
    error or asked for anything but 127.0.0.1."""
    p = attach(ctx.new_page(), watch)
    passed = False
    try:
        yield p
        passed = True
    finally:
        p.close()
        offsite, errors = watch.take()
        problems = [f"off-site request: {u}" for u in offsite] + errors
        if problems and not passed:
            print("the browser also reported:\n  " + "\n  ".join(problems))
    if problems:
        pytest.fail("the browser reported:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def page(context, watch):
    """A fresh tab; after the test, no console error and no off-site request."""
    with checked_page(context, watch) as p:
        yield p


# ---------------------------------------------------------------------------------------------
# Helpers for the tests
# ---------------------------------------------------------------------------------------------

def css_id(ident: str) -> str:
    """A CSS selector for an id (footnote ids hold a colon)."""
    return "#" + re.sub(r"([^A-Za-z0-9_-])", r"\\\1", ident)


def in_view_below_header(page, selector: str) -> dict:
    """Where the element is relative to the sticky header and the viewport."""
    return page.evaluate("""(sel) => {
        const el = document.querySelector(sel);
        const header = document.querySelector('.md-header').getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, headerBottom: header.bottom, height: innerHeight,
                ok: r.top >= header.bottom - 1 && r.top < innerHeight && r.bottom > 0};
    }""", selector)


# After two animation frames: every frame the page had to draw (a scroll step, a transition
# step) has been drawn, and the tasks queued before it have run. Only where the page's scripts
# run (Material's bundle has changed <html class="no-js"> into "js"): with JavaScript off, no
# frame callback is called, and nothing but CSS moves (which ``quiet`` reads synchronously).
FRAMES = """() => document.documentElement.classList.contains('js')
    ? new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r()))) : null"""


def stable(page, reading: str, arg=None, ok=lambda now: True):
    """Read ``reading`` (a JS function of ``arg``) after every two animation frames until two
    readings in a row agree and ``ok`` accepts the last one: a smooth scroll, a transition or a
    column's scroll has ended. Counts frames, not time; the hang guard only bounds it (after it,
    the last reading is returned for the assertion to show)."""
    deadline = time.monotonic() + HANG_GUARD_MS / 1000
    last = None
    while True:
        now = page.evaluate(f"async (arg) => {{ await ({FRAMES})(); return ({reading})(arg); }}", arg)
        if (now == last and ok(now)) or time.monotonic() > deadline:
            return now
        last = now


def settle(page) -> None:
    """Wait until the page has done all it does by itself on opening: its load event, then two
    animation frames and a task after them (every script's start-up and what it queued), then a
    request of the page's own that has come back (so every request it made before has been seen
    by the ``request`` listeners). The request asks for the page again with ``?settled`` (a
    test that lists requests leaves that one out: ``SETTLED``)."""
    page.wait_for_load_state("load")
    page.evaluate(f"""async () => {{
        if (!document.documentElement.classList.contains('js')) return;    // no script: nothing to wait for
        await ({FRAMES})();
        await new Promise(r => setTimeout(r));
        const u = new URL(location.href); u.hash = ''; u.search = '{SETTLED}';
        await (await fetch(u, {{cache: 'no-store'}})).arrayBuffer();
    }}""")


SETTLED = "?settled"


QUIET = """() => ({scroll: [scrollX, scrollY],
    running: document.getAnimations().filter(a => a.playState !== 'finished' && a.playState !== 'idle'
        && a.effect && a.effect.getComputedTiming().iterations !== Infinity).length})"""


def quiet(page) -> None:
    """Wait until the page stands still: no CSS transition or animation running or pending
    (``document.getAnimations()``), and the scroll position the same two frames apart (Material's
    header title fades in or out as the page scrolls)."""
    stable(page, QUIET, ok=lambda now: now["running"] == 0)


def wait_scrolled(page, selector: str) -> dict:
    """Wait for a smooth scroll to settle (the element in view below the header, the same two
    frames apart), then report ``in_view_below_header``."""
    return stable(page, """(sel) => {
        const el = document.querySelector(sel);
        const header = document.querySelector('.md-header').getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, headerBottom: header.bottom, height: innerHeight,
                ok: r.top >= header.bottom - 1 && r.top < innerHeight && r.bottom > 0};
    }""", selector, ok=lambda box: box["ok"])


# Select from the start of one block's last text to the end of another's (a selection across
# paragraphs, which Propose and Cite both refuse, each with its reason).
ACROSS = """([a, b]) => {
  const r = document.createRange();
  r.setStart(document.getElementById(a).lastChild, 0);
  const z = document.getElementById(b);
  r.setEnd(z.lastChild, z.lastChild.length || 0);
  getSelection().removeAllRanges(); getSelection().addRange(r);
}"""
