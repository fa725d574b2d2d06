"""The whole edition with a hostile value in every field that takes free text (every one that
`make check` accepts it in), opened page by page in Chromium: no dialog opens, no script but
the site's own files is loaded, every page carries the one fixed policy, and the search,
the footnote tooltips and the cite dialog show the payload as text."""
from __future__ import annotations


import pytest

from conftest import run_build
from edition.csp import policy
from test_hostile_fields import FIELDS, hostile_project, mutations

from .conftest import checked_page, serve

pytestmark = pytest.mark.browser

# Every kind of injection at once, each calling alert(): a dialog the browser would open.
PAYLOAD = ("<script>alert(1)</script>\" onmouseover=\"alert(2)\" ' onfocus='alert(3)' "
           "</script><script>alert(4)</script> <img src=x onerror=alert(5)> <svg onload=alert(6)>")
KNOWN = {"edition-md-scope.js", "edition-md-palette.js", "edition-md-features.js", "edition.js"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, request):
    """The edition built with PAYLOAD in every field that accepts it, served on 127.0.0.1."""
    in_memory = request.getfixturevalue("in_memory_module")
    accepted = {f for f in FIELDS if (changed := mutations(f, PAYLOAD)) and in_memory(changed) is None}
    assert len(accepted) >= 25, sorted(accepted)
    tmp = tmp_path_factory.mktemp("hostile")
    project = hostile_project(tmp, lambda f: PAYLOAD if f in accepted else None)
    result = run_build(project, tmp / "site")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    pages = sorted(p.relative_to(tmp / "site").parent.as_posix() + "/" for p in (tmp / "site").rglob("index.html"))
    with serve(tmp / "site", tmp) as url:
        yield url, [p.removeprefix("./") for p in pages]


@pytest.fixture(scope="module")
def in_memory_module():
    """tests/test_hostile_fields.py's in-memory loader, for a module."""
    from _pytest.monkeypatch import MonkeyPatch

    from test_hostile_fields import loader

    mp = MonkeyPatch()
    yield loader(mp)
    mp.undo()


def test_no_page_of_a_hostile_edition_runs_anything(context, watch, hostile):
    url, pages = hostile
    assert len(pages) >= 15
    dialogs: list[str] = []
    with checked_page(context, watch) as page:
        page.on("dialog", lambda d: (dialogs.append(f"{d.message} on {page.url}"), d.dismiss()))
        for path in pages:
            page.goto(url + path)
            page.wait_for_load_state("load")
            state = page.evaluate("""() => ({
                csp: [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map(m => m.content),
                scripts: [...document.scripts].map(s => s.src ? s.src.split('/').pop() : (s.type || 'inline')),
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
            })""")
            assert state["csp"] == [policy()], path
            assert not state["handlers"], (path, state["handlers"])
            srcs = {s for s in state["scripts"] if not s.startswith(("bundle.", "application/"))}
            assert srcs <= KNOWN, (path, srcs)
            # hover every highlight and focus every footnote reference: Material's tooltips
            for sel in ("mark.xref", "a.footnote-ref"):
                for el in [e for e in page.query_selector_all(sel) if e.is_visible()][:30]:
                    el.hover()
            for el in page.query_selector_all("button.cite-btn")[:1]:
                el.click()
                page.keyboard.press("Escape")
        # "Propose a cross-reference" shows the passage, the relations and the topics
        proposed = 0
        for path in [p for p in pages if p.startswith("texts/") and p.count("/") == 2]:
            page.goto(url + path)
            page.evaluate("""() => { const r = document.createRange(), p = document.querySelector('article p.para');
                r.selectNodeContents(p); r.setStartAfter(p.querySelector('button.cite-btn'));
                getSelection().removeAllRanges(); getSelection().addRange(r); }""")
            pop = page.locator(".propose-pop")
            pop.wait_for()
            if pop.get_by_role("button", name="Propose an editorial note").count():
                pop.get_by_role("button", name="Propose an editorial note").click()
                dialog = page.locator("#propose-dialog")
                assert "alert(1)" in dialog.inner_text(), path           # shown as text
                dialog.locator("input[name=topic]").first.check()
                dialog.locator("input[name=title]").fill(PAYLOAD)
                dialog.locator("textarea[name=note]").fill(PAYLOAD)
                dialog.get_by_role("button", name="Make the file").click()
                text = dialog.locator("textarea.propose-yaml").input_value()
                assert "note: |-\n  " + PAYLOAD + "\n" in text                # the file, as typed
                proposed += 1
            handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
            assert not handlers, (path, handlers)
            page.evaluate("() => sessionStorage.clear()")
        assert proposed >= 1
        # the search shows titles and texts from sources/ as HTML
        page.goto(url)
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially("alert")
        # the list shows the results of what the box holds (edition-search.js sets data-query)
        page.wait_for_function("() => document.querySelector('.md-search-result__list')"
                               ".getAttribute('data-query') === 'alert'")
        results = page.locator(".md-search-result__item").count()
        assert results > 0
        assert "alert(1)" in page.locator(".md-search-result").inner_text()
    assert dialogs == []
