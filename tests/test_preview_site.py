""".github/scripts/preview_site.py, which preview.yml runs from the default branch over the site
a pull request built: a good site passes and is moved to its preview address; every hostile
payload (a symbolic link, a path out of the folder, an inline script, a handler, a script the
edition does not write or writes otherwise, a foreign script, an oversized file, XML that would
run as a page) refuses the whole site, and nothing of it is left to publish."""
from __future__ import annotations

import gzip
import importlib.util
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("preview_site", ROOT / ".github/scripts/preview_site.py")
preview_site = importlib.util.module_from_spec(spec)
spec.loader.exec_module(preview_site)

BASE = "https://previews.example.org/edition-previews/pr-12/"
LOCAL = "http://127.0.0.1:8000/"
SCRIPT = b"/* the edition's script */ console.log(1);\n"
PAGE = ('<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="{up}assets/edition.css">'
        '<link rel="canonical" href="' + LOCAL + '{here}"></head><body><a href="{up}texts/">Texts</a>'
        '<script type="application/ld+json">{{"url": "' + LOCAL + '"}}</script>'
        '<script src="{up}assets/edition.js"></script></body></html>')
NOT_FOUND = ('<!doctype html><html><head><link rel="stylesheet" href="/assets/edition.css"></head><body>'
             '<a href="/">Home</a><script src="/assets/edition.js"></script></body></html>')


def good_site() -> dict[str, bytes]:
    return {
        "index.html": PAGE.format(up="", here="").encode(),
        "texts/index.html": PAGE.format(up="../", here="texts/").encode(),
        "404.html": NOT_FOUND.encode(),
        "assets/edition.js": SCRIPT,
        "assets/edition.css": b"body { color: black }\n",
        "versions/0.2.0/index.html": PAGE.format(up="", here="versions/0.2.0/").encode(),
        "versions/0.2.0/assets/edition.js": SCRIPT,
        "search/manifest.json": ('{"base": "' + LOCAL + '"}').encode(),
        "sitemap.xml": f"<urlset><url><loc>{LOCAL}</loc></url></urlset>".encode(),
        "downloads/ramani-2015.bib": f"url = {{{LOCAL}texts/ramani-2015/}}".encode(),
    }


def make_zip(path, files: dict[str, bytes], links: dict[str, str] = {}, raw: list[tuple[zipfile.ZipInfo, bytes]] = ()):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        for name, target in links.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
        for info, data in raw:
            zf.writestr(info, data)
    return path


@pytest.fixture
def reference(tmp_path):
    """The default branch's own build: the scripts a preview may hold, byte for byte."""
    ref = tmp_path / "reference"
    for name in ("assets/edition.js", "versions/0.2.0/assets/edition.js"):
        (ref / name).parent.mkdir(parents=True, exist_ok=True)
        (ref / name).write_bytes(SCRIPT)
    return ref


def publish(tmp_path, reference, files=None, **kw) -> tuple[int, str, object]:
    archive = make_zip(tmp_path / "site.zip", good_site() if files is None else files, **kw)
    dest = tmp_path / "preview"
    code = preview_site.main([str(archive), str(dest), "--base", BASE, "--reference", str(reference),
                              "--forbid-origin", "https://china-kazakhstan-edition.github.io/edition/"])
    return code, dest


def test_a_good_site_is_moved_to_its_preview_address(tmp_path, reference, capsys):
    code, dest = publish(tmp_path, reference)
    assert code == 0, capsys.readouterr().err
    assert "ready to publish at " + BASE in capsys.readouterr().out
    index = (dest / "index.html").read_text()
    assert f'href="{BASE}"' in index and LOCAL not in index and '"url": "' + BASE in index
    assert 'href="/edition-previews/pr-12/assets/edition.css"' in (dest / "404.html").read_text()
    assert 'src="/edition-previews/pr-12/assets/edition.js"' in (dest / "404.html").read_text()
    assert 'href="/edition-previews/pr-12/"' in (dest / "404.html").read_text()
    assert BASE in (dest / "sitemap.xml").read_text() and BASE in (dest / "downloads/ramani-2015.bib").read_text()
    assert (dest / "assets/edition.js").read_bytes() == SCRIPT   # scripts are never rewritten


def test_the_sitemaps_gzip_is_made_again(tmp_path, reference):
    files = good_site()
    files["sitemap.xml.gz"] = gzip.compress(files["sitemap.xml"])
    code, dest = publish(tmp_path, reference, files)
    assert code == 0
    assert gzip.decompress((dest / "sitemap.xml.gz").read_bytes()).decode() == (dest / "sitemap.xml").read_text()


def _with(**changes: bytes) -> dict[str, bytes]:
    files = good_site()
    files.update({k.replace("__", "/").replace("_DOT_", "."): v for k, v in changes.items()})
    return files


HOSTILE = {
    "inline script": (_with(texts__index_DOT_html=b"<html><body><script>fetch('/x')</script></body></html>"),
                      "texts/index.html: <script>fetch('/x')</script>: an inline script"),
    "event handler": (_with(index_DOT_html=b'<html><body><img src="a.png" onerror="alert(1)"></body></html>'),
                      "index.html: <img onerror=\"alert(1)\">: an event-handler attribute"),
    "script URL": (_with(index_DOT_html=b'<html><body><a href="javascript:alert(1)">x</a></body></html>'),
                   "a script URL"),
    "frame": (_with(index_DOT_html=b'<html><body><iframe src="https://evil.example/"></iframe></body></html>'),
              "<iframe>: an element the build never writes"),
    "redirect": (_with(index_DOT_html=b'<html><head><meta http-equiv="refresh" content="0;url=https://e.x/">'
                                      b'</head></html>'), "a redirect"),
    "foreign script": (_with(index_DOT_html=b'<html><body><script src="https://evil.example/x.js"></script>'
                                            b'</body></html>'),
                       "index.html: <script> loads 'https://evil.example/x.js', which is not one of the edition's files"),
    "script outside the preview": (_with(**{"404_DOT_html": b'<html><body><script src="/edition/assets/edition.js">'
                                                            b'</script></body></html>'}),
                                   "loads '/edition-previews/pr-12/edition/assets/edition.js', which is not one"),
    "unquoted foreign script": (_with(index_DOT_html=b"<html><body><script src=https://evil.example/x.js></script>"
                                                     b"</body></html>"), "loads 'https://evil.example/x.js'"),
    "single-quoted, second src": (_with(index_DOT_html=b"<html><body><script src='//evil.example/x.js' "
                                                       b'src="assets/edition.js"></script></body></html>'),
                                  "loads '//evil.example/x.js'"),
    "an SVG script by href": (_with(index_DOT_html=b'<html><body><svg><script href="https://evil.example/x.js"/>'
                                                   b"</svg></body></html>"), "loads 'https://evil.example/x.js'"),
    "entity-encoded address": (_with(index_DOT_html=b'<html><body><script src="&#x2F;&#x2F;evil.example/x.js">'
                                                    b"</script></body></html>"), "loads '//evil.example/x.js'"),
    "script up and out": (_with(index_DOT_html=b'<html><body><script src="../../pr-13/assets/edition.js"></script>'
                                               b'</body></html>'), "which is not one of the edition's files"),
    "a .js file not of the edition": (_with(assets__evil_DOT_js=b"alert(1)"),
                                      "assets/evil.js: a script file the edition does not write"),
    "a page loading it": (_with(index_DOT_html=b'<html><body><script src="assets/evil.js"></script></body></html>',
                                assets__evil_DOT_js=b"alert(1)"), "loads 'assets/evil.js'"),
    "the edition's script changed": (_with(assets__edition_DOT_js=b"alert(document.cookie)"),
                                     "assets/edition.js: a script that differs from the default branch's own build"),
    "an archived release's script changed": (_with(versions__0_DOT_2_DOT_0__assets__edition_DOT_js=b"alert(2)"),
                                             "versions/0.2.0/assets/edition.js: a script that differs"),
    "a stylesheet elsewhere": (_with(index_DOT_html=b'<html><head><link rel="alternate stylesheet" '
                                                    b'href="https://evil.example/a.css"></head></html>'),
                               "<link> loads 'https://evil.example/a.css'"),
    "XHTML in XML": (_with(downloads__x_DOT_xml=b'<html xmlns="http://www.w3.org/1999/xhtml"><script src="a"/>'
                                                b'</html>'), "downloads/x.xml: XML that a browser could run"),
    "XSLT in XML": (_with(downloads__x_DOT_xml=b'<?xml-stylesheet type="text/xsl" href="x.xsl"?><a/>'),
                    "XML that a browser could run"),
    "an SVG": (_with(assets__x_DOT_svg=b"<svg onload='alert(1)'/>"), "assets/x.svg: a file type the edition does not "
                                                                     "publish (.svg)"),
    "an HTML file by another name": (_with(index_DOT_htm=b"<script>alert(1)</script>"), "(.htm)"),
    "no suffix": (_with(CNAME=b"evil.example"), "CNAME: a file type the edition does not publish (no suffix)"),
    "a dot file": (_with(_DOT_nojekyll_DOT_html=b""), ".nojekyll.html: not a plain relative path"),
    "a path out of the folder": (_with(**{"../escape.html": b"x"}), "../escape.html: not a plain relative path"),
    "a path deeper out": (_with(**{"texts/../../escape.html": b"x"}), "not a plain relative path"),
    "an absolute path": (_with(**{"/tmp/escape.html": b"x"}), "/tmp/escape.html: not a plain relative path"),
    "a backslash": (_with(**{"..\\escape.html": b"x"}), "not a plain relative path"),
    "no index": ({k: v for k, v in good_site().items() if k != "index.html"}, "no index.html at its root"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_site_is_refused_whole(tmp_path, reference, capsys, case):
    files, expected = HOSTILE[case]
    code, dest = publish(tmp_path, reference, files)
    err = capsys.readouterr().err
    assert code == 1 and expected in err, err
    assert "nothing of this pull request's site is published" in err
    assert not dest.exists()
    assert not (tmp_path / "escape.html").exists() and not (tmp_path.parent / "escape.html").exists()


def test_a_symbolic_link_is_refused(tmp_path, reference, capsys):
    code, dest = publish(tmp_path, reference, links={"assets/secret.txt": "/etc/passwd"})
    err = capsys.readouterr().err
    assert code == 1 and "assets/secret.txt: a symbolic link; the site holds regular files only" in err
    assert not dest.exists()


def test_a_link_named_like_a_page_is_refused(tmp_path, reference, capsys):
    code, _ = publish(tmp_path, reference, links={"texts/index2.html": "../../../../home"})
    assert code == 1 and "a symbolic link" in capsys.readouterr().err


def test_a_duplicate_entry_is_refused(tmp_path, reference, capsys):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is asked to write
        info = zipfile.ZipInfo("index.html")
        code, _ = publish(tmp_path, reference, raw=[(info, b"<script>alert(1)</script>")])
    assert code == 1 and "index.html: stands twice in the archive" in capsys.readouterr().err


def test_an_oversized_file_and_site_are_refused(tmp_path):
    archive = make_zip(tmp_path / "big.zip", {"index.html": b"<p>x</p>", "search/big.json": b"0" * 5000})
    assert preview_site.unpack(archive, tmp_path / "a", max_file=4096) == [
        "search/big.json: 5,000 bytes, more than the 4,096 a file may have"]
    assert preview_site.unpack(archive, tmp_path / "b", max_total=4096) == [
        "big.zip: 5,008 bytes in all, more than the 4,096 allowed"]
    assert preview_site.unpack(archive, tmp_path / "c", max_files=1) == ["big.zip: 2 entries, more than the 1 allowed"]
    assert not any((tmp_path / d).exists() for d in "abc")


def test_an_entry_that_holds_more_than_it_declares_is_refused(tmp_path):
    archive = make_zip(tmp_path / "lie.zip", {"index.html": b"<p>x</p>", "search/a.json": b"[1, 2, 3]"})
    data = bytearray(archive.read_bytes())
    # The stored size of search/a.json, in its local header and in the central directory, made smaller.
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("search/a.json")
    data = data.replace((9).to_bytes(4, "little") * 2, (2).to_bytes(4, "little") * 2)
    archive.write_bytes(bytes(data))
    problems = preview_site.unpack(archive, tmp_path / "out")
    assert info.file_size == 9 and problems and "search/a.json" in problems[0]
    assert not (tmp_path / "out").exists()


def test_not_a_zip(tmp_path):
    (tmp_path / "x.zip").write_bytes(b"<html>")
    assert preview_site.unpack(tmp_path / "x.zip", tmp_path / "out")[0].startswith("x.zip: not a zip archive")


@pytest.mark.parametrize("base, why", [
    ("http://previews.example.org/pr-1/", "not an https address ending in /pr-<number>/"),
    ("https://previews.example.org/pr-1", "not an https address ending in /pr-<number>/"),
    ("https://previews.example.org/pr-x/", "not an https address ending in /pr-<number>/"),
    ("https://previews.example.org/a b/pr-1/", "not an https address ending in /pr-<number>/"),
    ("https://china-kazakhstan-edition.github.io/previews/pr-1/", "shares its origin with"),
])
def test_the_preview_address_is_checked(tmp_path, reference, capsys, base, why):
    archive = make_zip(tmp_path / "site.zip", good_site())
    code = preview_site.main([str(archive), str(tmp_path / "out"), "--base", base, "--reference", str(reference),
                              "--forbid-origin", "https://china-kazakhstan-edition.github.io/edition/"])
    assert code == 1 and why in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_the_edition_writes_only_files_the_checker_allows():
    """The suffixes the checker allows cover what the edition publishes today: the assets it
    writes, and Material's (the built site is checked by the build tests; here its sources)."""
    written = {p.suffix for p in (ROOT / "docs").rglob("*") if p.is_file()}
    assert written <= preview_site.ALLOWED | {".md"}, written - preview_site.ALLOWED


def test_the_editions_own_site_passes_and_is_moved(published, tmp_path):
    """The real site, with its archived releases, as `make build` publishes it (built for the
    edition's address here, for the local one in the pull request's run)."""
    import shutil

    archive = shutil.make_archive(str(tmp_path / "site"), "zip", published)
    dest = tmp_path / "preview"
    assert preview_site.unpack(Path(archive), dest) == []
    built_for = "https://china-kazakhstan-edition.github.io/edition/"
    assert preview_site.relocate(dest, BASE, built_for) > 20
    assert preview_site.check(dest, BASE, reference=published) == []
    page = (dest / "404.html").read_text(encoding="utf-8")
    assert 'src="/edition-previews/pr-12/assets/edition.js"' in page and built_for not in page
    assert BASE + "texts/ramani-2015/" in (dest / "texts/ramani-2015/index.html").read_text(encoding="utf-8")
