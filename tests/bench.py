"""`make bench`: what the edition costs, measured side by side.

1. Hook overhead: a full build of the edition against a plain Material build of the same
   pages (the Markdown the hooks generate, written out, hooks off), median of several runs.
2. Scale: synthetic editions of 50, 100 and 200 texts (50 paragraphs, 25 cross-references
   each): build time, peak memory and search-index size on disk, and the growth ratios.
3. Reader cost of the reading pages (every text page of the built site, and the compare page):
   what Chromium fetches to open each (gzipped, as the host serves it; no search index), and
   Lighthouse 12.8.2 (mobile), five runs in a row of each page (LH_RUNS), each with its
   performance score, Total Blocking Time, Cumulative Layout Shift and main-thread work (total,
   and the share of style and layout), and the machine's load (/proc/loadavg) when it ran.
4. Search: what Chromium fetches for each of a few queries, typed into the search box of the
   home page, at 2 texts (the edition) and at 50, 100 and 200 synthetic texts.

Writes bench-results/results.json and prints a summary. `python tests/bench.py lighthouse`
(`make bench ONLY=lighthouse`) builds the edition once and measures only the reader's cost
(page weight and Lighthouse), in a few minutes.
"""
from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import make_project  # noqa: E402
from edition import load_edition  # noqa: E402
from edition.exports import exports  # noqa: E402
from edition.pages import mirror_page, pages  # noqa: E402

OUT = ROOT / "bench-results"
# One build lasts about a second, so a shared machine's noise moves single runs by ±20%:
# the overhead is the ratio of medians over nine interleaved pairs; scale builds run twice.
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
# Lighthouse runs of each reading page, in a row: the reader's figure is every run, not the best.
LH_RUNS = int(os.environ.get("LH_RUNS", "5"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(project: Path, site: Path, config: str = "mkdocs.yml") -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one `mkdocs build` in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", str(site)],
                            cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed in {project}: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss


def plain_project(tmp: Path) -> Path:
    """The same site with the hooks' output written out as ordinary Markdown, hooks off."""
    proj = make_project(tmp / "plain")
    ed = load_edition(proj)
    base = "https://china-kazakhstan-edition.github.io/edition/"
    for path, text in pages(ed, base).items():
        (proj / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (proj / "docs" / path).write_text(text, encoding="utf-8")
    for path, content in exports(ed, base).items():
        (proj / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (proj / "docs" / path).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (proj / "docs/contributing.md").write_text(
        mirror_page((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), ed.meta.get("repo", "")), encoding="utf-8")
    cfg = (proj / "mkdocs.yml").read_text(encoding="utf-8")
    cfg = cfg.replace("hooks:\n  - hooks/edition_hook.py\n", "")
    # A plain Material site has Material's search (the default plugin), which the edition's own
    # search replaces: the comparison keeps it, so that each side builds a searchable site.
    cfg = cfg.replace("plugins: []", "plugins:\n  - search")
    nav = "".join(f"      - \"{s.short}: {s.title}\": texts/{sid}.md\n" for sid, s in ed.sources.items())
    cfg = cfg.replace("  - Texts: texts/\n", "  - Texts:\n" + nav)
    (proj / "mkdocs.plain.yml").write_text(cfg, encoding="utf-8")
    return proj


def overhead(tmp: Path) -> dict:
    edition = make_project(tmp / "edition")
    plain = plain_project(tmp)
    times_e, times_p = [], []
    for i in range(RUNS):  # interleaved, so that drift affects both alike
        times_e.append(build(edition, tmp / f"site-e{i}")[0])
        times_p.append(build(plain, tmp / f"site-p{i}", "mkdocs.plain.yml")[0])
    me, mp = statistics.median(times_e), statistics.median(times_p)
    return {"runs": RUNS, "edition_s": times_e, "plain_s": times_p, "edition_median_s": me,
            "plain_median_s": mp, "ratio": me / mp, "ratio_of_fastest": min(times_e) / min(times_p), "target": 1.2}


WORDS = ("border security training cooperation pipeline smuggling exercise doctrine language partnership "
         "alliance market railway treaty academy summit frontier customs union ministry").split()


def synthetic(dest: Path, n_texts: int, paras: int = 50, xrefs: int = 25) -> Path:
    """An edition of ``n_texts`` generated texts, each cross-referenced to the next."""
    import hashlib

    proj = make_project(dest)
    texts = proj / "sources/texts"
    for p in list(texts.iterdir()) + list((proj / "sources/annotations").iterdir()) + \
            list((proj / "sources/anchors").iterdir()):
        p.unlink()
    for name in ("indices", "comparison.yml", "retired.yml"):
        target = proj / "sources" / name
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    meta = (proj / "sources/edition.yml").read_text(encoding="utf-8")
    (proj / "sources/edition.yml").write_text(re.sub(r"\ncompare: .*", "", meta), encoding="utf-8")
    for t in range(n_texts):
        sid = f"text-{t:04d}"
        body = []
        for p in range(paras):
            words = " ".join(WORDS[(t * 7 + p * 3 + k) % len(WORDS)] for k in range(40))
            body.append(f"Paragraph {p + 1} of text {t}: unique marker t{t}p{p}. {words.capitalize()}.")
        raw = ("\n\n".join(body) + "\n").encode("utf-8")
        (texts / f"{sid}.txt").write_bytes(raw)
        (texts / f"{sid}.yml").write_text(
            f"id: {sid}\nfile: {sid}.txt\nsha256: {hashlib.sha256(raw).hexdigest()}\nshort: T{t}\n"
            f"title: Synthetic text {t}\nauthors:\n  - {{given: A, family: Author{t}}}\ndate: \"2015-01-01\"\n"
            f"publication: Bench\nurl: https://example.org/{t}\nwitness:\n  description: Generated.\n"
            f"languages: [en]\nrights: Generated for the benchmark.\n", encoding="utf-8")
        other = (t + 1) % n_texts
        for x in range(xrefs):
            (proj / "sources/annotations" / f"x-{t:04d}-{x:02d}.yml").write_text(
                f"id: x-{t:04d}-{x:02d}\ntitle: Link {x} of text {t}\nrelation: agree\ntopics: [outlook]\n"
                f"passages:\n  - source: {sid}\n    quote: \"unique marker t{t}p{x}.\"\n"
                f"  - source: text-{other:04d}\n    quote: \"unique marker t{other}p{x + 25}.\"\n"
                f"note: Synthetic note {x}.\n", encoding="utf-8")
    index = "---\ntitle: Home\ndescription: A synthetic edition for the benchmark.\n---\n\n# Synthetic edition\n"
    (proj / "docs" / "index.md").write_text(index, encoding="utf-8")
    env = {**ENV, "PYTHONPATH": str(ROOT / "hooks")}
    subprocess.run([sys.executable, "-m", "edition", "anchors", "--root", str(proj)], check=True, env=env)
    return proj


def scale(tmp: Path) -> dict:
    out = {}
    for n in (50, 100, 200):
        proj = synthetic(tmp / f"syn-{n}", n)
        runs = [build(proj, tmp / f"syn-site-{n}-{i}") for i in range(2)]
        secs = statistics.median(r[0] for r in runs)
        folder = tmp / f"syn-site-{n}-0" / "search"
        files = [f for f in folder.rglob("*.json") if f.name != "search_index.json"]
        manifest = folder / "manifest.json"
        out[n] = {"texts": n, "paragraphs": n * 50, "cross_references": n * 25, "build_s": secs,
                  "peak_rss_mib": max(r[1] for r in runs) / 1024,
                  "search_index_bytes": sum(f.stat().st_size for f in files), "search_files": len(files),
                  "search_manifest_gzip_bytes": len(gzip.compress(manifest.read_bytes(), 6)),
                  "search_largest_gzip_bytes": max(len(gzip.compress(f.read_bytes(), 6)) for f in files),
                  "queries": query_bytes(tmp / f"syn-site-{n}-0", synthetic_queries(n))}
    out["ratio_100_50"] = out[100]["build_s"] / out[50]["build_s"]
    out["ratio_200_100"] = out[200]["build_s"] / out[100]["build_s"]
    out["target_ratio"] = 2.2
    return out


QUERIES = ("Arkankergen", "border", "military cooperation", "Kazakhstan", "آزاد",
           # a phrase, a phrase and a word, and queries narrowed by a text and by a relation
           '"official rhetoric"', '"official rhetoric" Russia', ("border", "text", "ramani-2015"),
           ('"defense cooperation"', "relation", "diverge"))


def synthetic_queries(n: int) -> tuple:
    """A word in one paragraph of one text, a word in every paragraph, two common words, and a
    word found nowhere; a phrase of every paragraph, a phrase of one, and a word of every
    paragraph and a phrase narrowed to one text."""
    return (f"t{n // 2}p42", "border", "border security", "paragraph", "zzyzx",
            '"border security"', f'"unique marker t{n // 2}p42"', ("border", "text", f"text-{n // 2:04d}"),
            ('"border security"', "text", f"text-{n // 2:04d}"))


def reading_pages(site: Path) -> list[str]:
    """The reading pages of a built site: every text's page (texts/<id>/), then the compare page."""
    texts = sorted(f"texts/{p.parent.name}/" for p in (site / "texts").glob("*/index.html"))
    return texts + (["compare/"] if (site / "compare" / "index.html").exists() else [])


def reader_cost(tmp: Path, site: Path | None = None, queries: bool = True) -> dict:
    site = site or tmp / "site-e0"
    out = {"target_gzip_bytes": 90 * 1024, "pages": {}}
    pages = reading_pages(site)
    for page in pages:
        out["pages"][page] = page_load(site, page)
    out["lighthouse"] = lighthouse_pages(site, pages)
    if queries:
        out["queries"] = query_bytes(site, QUERIES)
    return out


GZIP_SERVER = """
import gzip, http.server, os, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    # Text is sent compressed, as the host (GitHub Pages) sends it, so that Lighthouse's
    # simulated network sees realistic transfer sizes.
    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path) and path.endswith(
                (".html", ".css", ".js", ".json", ".xml")):
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""


class Served:
    """The site served gzipped on 127.0.0.1 (a free port), with Chromium and a fresh profile."""

    def __init__(self, site: Path):
        import socket

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.server = subprocess.Popen([sys.executable, "-c", GZIP_SERVER, str(self.port)], cwd=site,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.8)
        from playwright.sync_api import sync_playwright

        self.pw = sync_playwright().start()
        self.profile = tempfile.mkdtemp(prefix="bench-chromium-")
        self.ctx = self.pw.chromium.launch_persistent_context(
            self.profile, executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"],
            viewport={"width": 1400, "height": 1000})

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def close(self) -> None:
        self.ctx.close()
        self.pw.stop()
        self.server.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


def _fetched(requests: list) -> list[tuple[str, int]]:
    """(path, bytes on the wire: the body as sent, gzipped where the server compresses)."""
    out = []
    for r in requests:
        resp = r.response()
        size = r.sizes()["responseBodySize"] if resp else 0
        out.append((r.url.split("/", 3)[3], size))
    return out


def page_load(site: Path, path: str) -> dict:
    """What Chromium fetches to open one page, cache empty."""
    if not Path("/usr/bin/chromium").exists():
        return {"skipped": "needs /usr/bin/chromium"}
    served = Served(site)
    try:
        page = served.ctx.new_page()
        requests: list = []
        page.on("requestfinished", lambda r: requests.append(r))
        page.goto(served.url(path), wait_until="networkidle")
        files = _fetched(requests)
        return {"requests": len(files), "gzip_bytes": sum(b for _, b in files), "files": dict(files),
                "search_files": [f for f, _ in files if f.startswith("search/") or "search" in f.rsplit("/", 1)[-1]]}
    finally:
        served.close()


def query_bytes(site: Path, queries) -> dict:
    """For each query, in a fresh browser profile: open the home page, type the query into the
    search box, wait for its results, and add up what was fetched after the page had loaded
    (the search script and its style sheet, the manifest, the word lists, the pair files of a
    phrase, the facets, the result texts). A query given as (query, facet, value) is then
    narrowed by pressing that choice, and what that fetched is added."""
    if not Path("/usr/bin/chromium").exists():
        return {"skipped": "needs /usr/bin/chromium"}
    out = {}
    for item in queries:
        q, facet, value = item if isinstance(item, tuple) else (item, None, None)
        served = Served(site)
        try:
            page = served.ctx.new_page()
            requests: list = []
            page.goto(served.url(""), wait_until="networkidle")
            page.on("requestfinished", lambda r: requests.append(r))
            page.keyboard.press("/")
            page.locator("input[name=query]").fill(q)
            page.wait_for_function("q => document.querySelector('.md-search-result__list')"
                                   " && document.querySelector('.md-search-result__list').dataset.query === q",
                                   arg=q, timeout=30000)
            page.wait_for_load_state("networkidle")
            if facet:
                page.locator(f".search-facet__choice[data-facet='{facet}'][data-value='{value}']").click()
                page.wait_for_function("s => document.querySelector('.md-search-result__list').dataset.state === s",
                                       arg="|".join([q] + [value if f == facet else "" for f in ("text", "relation", "topic")]),
                                       timeout=30000)
                page.wait_for_load_state("networkidle")
            files = _fetched(requests)
            meta = page.locator(".md-search-result__meta").inner_text()
            out[q + (f" [{facet}={value}]" if facet else "")] = {
                "gzip_bytes": sum(b for _, b in files), "requests": len(files), "results": meta.strip()}
        finally:
            served.close()
    return out


def loadavg() -> str:
    """The machine's load when a run starts (1, 5 and 15 minutes), as /proc/loadavg gives it."""
    try:
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    except OSError:
        return "?"


def lighthouse_pages(site: Path, pages: list[str], runs: int = LH_RUNS) -> dict:
    """``runs`` Lighthouse runs in a row of each page, the site served gzipped on a free port."""
    if not (shutil.which("npx") and Path("/usr/bin/chromium").exists()):
        return {"skipped": "needs npx and /usr/bin/chromium"}
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", GZIP_SERVER, str(port)], cwd=site,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        return {page: [lighthouse(f"http://127.0.0.1:{port}/{page}", site.parent / "lh.json") for _ in range(runs)]
                for page in pages}
    finally:
        server.terminate()


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse 12.8.2 run (mobile) of ``url``: the four scores, the metrics, and the
    main-thread work (mainthread-work-breakdown: the total and its style and layout)."""
    out = {"loadavg": loadavg()}
    try:
        profile = tempfile.mkdtemp(prefix="bench-lh-")
        flags = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
                 "--disable-component-update --disable-sync "
                 f"--user-data-dir={profile}")
        try:
            subprocess.run(["npx", "--yes", "lighthouse@12.8.2", url,
                            f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo",
                            "--output=json", f"--output-path={report}", "--quiet"],
                           env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True, timeout=600,
                           capture_output=True)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        data = json.loads(report.read_text(encoding="utf-8"))
        audits = data["audits"]
        out.update({k: round(v["score"] * 100) for k, v in data["categories"].items()})
        work = audits["mainthread-work-breakdown"]
        groups = {item["group"]: item["duration"] for item in (work.get("details") or {}).get("items", [])}
        out["tbt_ms"] = round(audits["total-blocking-time"]["numericValue"])
        out["cls"] = round(audits["cumulative-layout-shift"]["numericValue"], 4)
        out["main_thread_ms"] = round(work["numericValue"])
        out["style_layout_ms"] = round(groups.get("styleLayout", 0))
        out["script_ms"] = round(groups.get("scriptEvaluation", 0))
        out["metrics"] = {k: audits[k].get("displayValue", "") for k in (
            "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
            "speed-index")}
        out["short_of_full_marks"] = sorted(
            f"{ref['id']} ({audits[ref['id']].get('displayValue') or audits[ref['id']]['score']})"
            for cat in data["categories"].values() for ref in cat["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1)
        out["loadavg_after"] = loadavg()
        return out
    except (subprocess.SubprocessError, OSError, ValueError, KeyError) as exc:
        return {**out, "error": str(exc)[:300]}


def print_reader(r: dict) -> None:
    for page, load in r["pages"].items():
        if "skipped" in load:
            print(f"page weight of {page}: {load['skipped']}")
            continue
        print(f"page weight of {page}: {load['gzip_bytes']:,} B = {load['gzip_bytes'] / 1024:.1f} KB gzipped in "
              f"{load['requests']} requests (target <= 90 KB); search files fetched on load: {load['search_files'] or 'none'}")
        for name, size in sorted(load["files"].items(), key=lambda kv: -kv[1]):
            print(f"  {size / 1024:6.1f} KB gz  {name}")
    lh = r["lighthouse"]
    if "skipped" in lh:
        print(f"lighthouse: {lh['skipped']}")
        return
    print("lighthouse 12.8.2 (mobile, served gzipped), runs in a row; targets: performance >= 95, TBT < 150 ms, "
          "CLS 0, main-thread work <= 1.5 s (texts) / 2.5 s (compare)")
    for page, runs in lh.items():
        for i, run in enumerate(runs, 1):
            if "error" in run:
                print(f"  {page} run {i}: error {run['error']} (load {run['loadavg']})")
                continue
            share = run["style_layout_ms"] / run["main_thread_ms"] if run["main_thread_ms"] else 0
            print(f"  {page} run {i}: performance {run['performance']}, TBT {run['tbt_ms']} ms, CLS {run['cls']}, "
                  f"main thread {run['main_thread_ms'] / 1000:.2f} s (style & layout {run['style_layout_ms'] / 1000:.2f} s, "
                  f"{share:.0%}; script {run['script_ms'] / 1000:.2f} s), a11y {run['accessibility']}, "
                  f"best practices {run['best-practices']}, SEO {run['seo']}; load {run['loadavg']} -> {run['loadavg_after']}")
            if run["short_of_full_marks"]:
                print(f"    short of full marks: {', '.join(run['short_of_full_marks'])}")


def only_lighthouse() -> None:
    """The reader's cost alone: one build of the edition, the page weights and Lighthouse."""
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        build(make_project(tmp / "edition"), tmp / "site-e0")
        results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                               "platform": platform.platform(), "date": time.strftime("%Y-%m-%d %H:%M")},
                   "reader": reader_cost(tmp, queries=False)}
    (OUT / "lighthouse.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_reader(results["reader"])
    print(f"written: {OUT / 'lighthouse.json'}")


def main() -> None:
    if sys.argv[1:] == ["lighthouse"]:
        return only_lighthouse()
    if sys.argv[1:]:
        raise SystemExit(f"usage: {sys.argv[0]} [lighthouse]  (got {' '.join(sys.argv[1:])})")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                               "platform": platform.platform(), "date": time.strftime("%Y-%m-%d")}}
        results["overhead"] = overhead(tmp)
        results["reader"] = reader_cost(tmp)
        results["scale"] = scale(tmp)
    (OUT / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    o, s, r = results["overhead"], results["scale"], results["reader"]
    print(f"machine: {results['machine']['cpus']} CPUs, Python {results['machine']['python']}, "
          f"{results['machine']['platform']}")
    print(f"hook overhead: edition {o['edition_median_s']:.2f} s vs plain Material {o['plain_median_s']:.2f} s "
          f"(median of {o['runs']}) = {o['ratio']:.2f}x; fastest against fastest {o['ratio_of_fastest']:.2f}x "
          f"(target <= 1.2x)")
    for n in (50, 100, 200):
        x = s[n]
        print(f"scale {n:>3} texts / {x['paragraphs']:>5} paragraphs / {x['cross_references']:>4} xrefs: "
              f"{x['build_s']:.1f} s, peak {x['peak_rss_mib']:.0f} MiB, search index {x['search_index_bytes'] / 1e6:.1f} MB "
              f"on disk in {x['search_files']} files (manifest {x['search_manifest_gzip_bytes'] / 1024:.1f} KB gz, "
              f"largest file {x['search_largest_gzip_bytes'] / 1024:.1f} KB gz)")
    print(f"growth: 100/50 = {s['ratio_100_50']:.2f}x, 200/100 = {s['ratio_200_100']:.2f}x (target <= 2.2x)")
    print_reader(r)
    print("bytes fetched per query (gzipped, after the home page has loaded; target < 100 KB at 200 texts):")
    for label, queries in [("2 texts (the edition)", r["queries"])] + [(f"{n} texts", s[n]["queries"]) for n in (50, 100, 200)]:
        if "skipped" in queries:
            print(f"  {label}: {queries['skipped']}")
            continue
        print(f"  {label}: " + "; ".join(f"{q!r} {v['gzip_bytes'] / 1024:.1f} KB in {v['requests']} requests "
                                          f"({v['results']})" for q, v in queries.items()))
    print(f"written: {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
