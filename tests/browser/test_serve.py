"""`make serve`, as a newcomer runs it: the site at the root of http://127.0.0.1:PORT/, and a
browser showing a text reloads by itself when a file in sources/ changes (the live-reload
script runs under the preview's Content-Security-Policy).

The preview runs in a copy of the project, on a free port (SERVE_ADDR), with this venv."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import HANG_GUARD, ROOT, make_project, wait_for_port

from .conftest import _free_port, checked_page

pytestmark = pytest.mark.browser

MARK = "Edited while the preview was open"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("serve") / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    port = _free_port()
    log = open(project / "serve.log", "w+", encoding="utf-8")
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "serve", "VENV_OK=", f"BIN={Path(sys.executable).parent}",
         f"SERVE_ADDR=127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        wait_for_port(proc, port, "make serve", log=lambda: (project / "serve.log").read_text()[-3000:])
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=HANG_GUARD)
        log.close()


def test_make_serve_serves_the_texts_at_the_root_of_its_address(preview):
    _, url = preview
    with urllib.request.urlopen(url + "texts/ramani-2015/", timeout=HANG_GUARD) as r:  # noqa: S310 - 127.0.0.1
        html = r.read().decode("utf-8")
    assert 'id="p15"' in html and 'id="p16"' not in html
    with urllib.request.urlopen(url + "texts/harrison-2015/", timeout=HANG_GUARD) as r:  # noqa: S310 - 127.0.0.1
        assert 'id="p9"' in r.read().decode("utf-8")


def test_the_open_page_reloads_when_a_source_changes(preview, context, watch):
    project, url = preview
    note = project / "sources/annotations/hundred-students.yml"
    with checked_page(context, watch) as page:  # fails on any console error, CSP included
        page.goto(url + "texts/ramani-2015/")
        fn = page.locator("li[id='fn:hundred-students']")
        expect(fn).not_to_contain_text(MARK)
        text = note.read_text(encoding="utf-8")
        assert "\nnote: |\n  " in text
        note.write_text(text.replace("\nnote: |\n  ", f"\nnote: |\n  {MARK}. ", 1), encoding="utf-8")
        # No reload by the test: the page's live-reload script must do it.
        expect(fn).to_contain_text(MARK)     # the hang guard only (conftest.py): the rebuild takes what it takes
