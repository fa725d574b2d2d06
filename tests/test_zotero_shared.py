"""What Zotero saves from the edition's pages, checked with Zotero's own translation-server
(../shared/zotero, offline on 127.0.0.1), and compared with the edition's downloads: the item
Zotero makes, the CSL-JSON file and the cite dialog describe the same article. Skipped, with
the reason, where ../shared/zotero or node is missing."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import urllib.request

import pytest

from conftest import HANG_GUARD, ROOT, SHARED, wait_for_port
from edition import load_edition

pytestmark = pytest.mark.shared
ZOTERO = SHARED / "zotero"
if not (ZOTERO / "zotero.sh").is_file():
    pytest.skip("../shared/zotero is not beside this checkout", allow_module_level=True)
if not shutil.which("node") or not shutil.which("npm"):
    pytest.skip("node and npm are needed to run Zotero's translation-server", allow_module_level=True)

BASE = "https://china-kazakhstan-edition.github.io/edition/"
_META = load_edition(ROOT).meta
VERSION = str(_META["version"])
RELEASED = any(r.version == VERSION for r in _META.get("releases") or [])   # then its copy is cited


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def zotero():
    port = _port()
    start = subprocess.run(["bash", str(ZOTERO / "zotero.sh"), "start", str(port)], capture_output=True, text=True,
                           timeout=HANG_GUARD)
    assert start.returncode == 0, start.stderr[-2000:]
    pid = start.stdout.strip().splitlines()[-1]
    yield f"http://127.0.0.1:{port}"
    subprocess.run(["bash", str(ZOTERO / "zotero.sh"), "stop", pid], capture_output=True)


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    port = _port()
    proc = subprocess.Popen(["python3", "-m", "http.server", "--bind", "127.0.0.1", str(port), "--directory",
                             str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(proc, port, "http.server")
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()


def save(zotero: str, url: str) -> dict:
    req = urllib.request.Request(zotero + "/web", data=url.encode(), method="POST", headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(req, timeout=HANG_GUARD) as r:
        [item] = json.load(r)
    return item


def export(zotero: str, item: dict, fmt: str):
    req = urllib.request.Request(f"{zotero}/export?format={fmt}", data=json.dumps([item]).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=HANG_GUARD) as r:
        return r.read().decode()


TEXTS = {
    "ramani-2015": ("magazineArticle", "publicationTitle", "The Diplomat",
                    "http://thediplomat.com/2015/12/the-emerging-china-kazakhstan-defense-relationship/"),
    "harrison-2015": ("blogPost", "blogTitle", "China in Central Asia",
                      "http://chinaincentralasia.com/2015/02/26/kazakhstans-defence-cooperation-with-china/"),
}


@pytest.mark.parametrize("sid", list(TEXTS))
@pytest.mark.parametrize("anchor", ["", "#p5"])
def test_zotero_saves_the_article_as_published_the_same_as_the_downloads(zotero, served, site, sid, anchor):
    kind, container, publication, url = TEXTS[sid]
    item = save(zotero, f"{served}texts/{sid}/{anchor}")
    print(json.dumps({k: v for k, v in item.items() if k not in ("key", "version", "accessDate")}, ensure_ascii=False))
    assert item["itemType"] == kind and item[container] == publication and item["url"] == url
    assert [(c["firstName"], c["lastName"]) for c in item["creators"]] == \
        ([("Samuel", "Ramani")] if sid == "ramani-2015" else [("David", "Harrison")])
    assert item["date"] == ("2015/12/23" if sid == "ramani-2015" else "2015/02/26")
    extra = dict(line.split(": ", 1) for line in item["extra"].splitlines())
    # Zotero's CSL-JSON of the saved item says what the edition's CSL-JSON says
    [ours] = json.loads((site / f"downloads/{sid}.csl.json").read_text(encoding="utf-8"))
    # the page cited: the version's permanent copy once it is released (a static page cannot see the #p5)
    assert extra["archive_location"] == (f"{BASE}versions/{VERSION}/texts/{sid}/" if RELEASED else f"{BASE}texts/{sid}/")
    [theirs] = json.loads(export(zotero, item, "csljson"))
    for key in ("type", "title", "container-title", "URL", "language", "author"):
        assert theirs[key] == ours[key], key
    assert [int(x) for x in theirs["issued"]["date-parts"][0]] == ours["issued"]["date-parts"][0]
    assert (extra["archive"], extra["archive_location"]) == (ours["archive"], ours["archive_location"])
    if sid == "ramani-2015":
        assert extra["Witness"] == ours["note"].removeprefix("Witness: ")
    # and its RIS has the same type, title, publication and address as the edition's
    ris = {line[:2]: line[6:] for line in export(zotero, item, "ris").splitlines() if line[2:6] == "  - "}
    mine = {line[:2]: line[6:] for line in (site / f"downloads/{sid}.ris").read_text(encoding="utf-8").splitlines()
            if line[2:6] == "  - "}
    for tag in ("TY", "TI", "T2", "DA", "UR", "LA"):
        assert ris[tag] == mine[tag], tag


@pytest.mark.parametrize("path, title", [
    ("", "China and Kazakhstan: Two Analyses of a Defence Relationship"),
    ("compare/", "Compare the texts side by side"),
])
def test_zotero_saves_a_page_of_the_edition_as_a_page_of_its_website(zotero, served, path, title):
    from conftest import ROOT
    from edition import load_edition

    meta = load_edition(ROOT).meta
    item = save(zotero, served + path)
    print(json.dumps({k: v for k, v in item.items() if k not in ("key", "version", "accessDate")}, ensure_ascii=False))
    assert item["itemType"] == "webpage" and item["title"] == title
    assert item["websiteTitle"] == "China and Kazakhstan: Two Analyses of a Defence Relationship"
    assert item["url"] == BASE + path and item["date"] == meta["date"].replace("-", "/")
    assert item["extra"] == f"publisher: {meta['publisher']}\nversion: {meta['version']}"
    assert item["creators"] == []
