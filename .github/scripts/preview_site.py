"""Make a pull request's built site safe to publish as its preview, or refuse it.

Run by .github/workflows/preview.yml from the *default branch's* checkout (trusted code) over
the site that the pull request's own build uploaded (``site-pr-<N>``: untrusted data, never
run). Nothing of the artifact is executed or imported; it is read as bytes:

1. ``unpack``: the artifact's zip is extracted only if every entry is a regular file with a
   plain relative name (no symbolic link, no ``..``, no absolute path, no duplicate), of a file
   type the edition publishes, within the size limits. Anything else refuses the whole site.
2. ``relocate``: the pull request's build is made for the local address
   (``http://127.0.0.1:8000/``: a fork's pull request gets no repository variable, so its build
   cannot know the preview's address); every occurrence of that address in the text files, and
   every root-relative link of a page (``href="/…"``), is moved to the preview's address.
3. ``check``: what would run in a reader's browser is only the edition's own: no page holds an
   inline script, an event handler, a script URL, a frame or a redirect
   (``edition.csp.live_code``, which checks every page of every build), every script or style
   sheet a page loads is one of the edition's files by name (``edition.versions.SCRIPTS`` /
   ``STYLES``, which check the archived releases), every ``.js`` file is one of those names
   and, byte for byte, the file at the same place in the default branch's own build
   (``--reference``): a pull request that changes a script gets no preview.

    python .github/scripts/preview_site.py ZIP DEST --base URL [--reference DIR] [--forbid-origin URL]

prints each problem on a line and exits 1 (DEST is then removed), or prints what it published
and exits 0.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import stat
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

from edition.csp import live_code  # noqa: E402  (the base branch's own checker)
from edition.versions import SCRIPTS, STYLES, inside  # noqa: E402

# The address the pull request's build is made for (.github/workflows/pr.yml).
BUILT_FOR = "http://127.0.0.1:8000/"
# The file types the edition's build writes, and which of them hold text to relocate.
ALLOWED = {".html", ".css", ".js", ".json", ".jsonld", ".map", ".txt", ".xml", ".ris", ".bib", ".png", ".gz"}
TEXT = {".html", ".json", ".jsonld", ".txt", ".xml", ".ris", ".bib"}
MAX_FILE = 20 * 1024 * 1024       # bytes of one file (the largest the edition writes is under 1 MB)
MAX_TOTAL = 200 * 1024 * 1024     # bytes of the whole site (about 13 MB today)
MAX_FILES = 20_000                # files (about 900 today)
PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
RELEASE = re.compile(r"versions/\d+\.\d+\.\d+/")
ROOT_LINK = r'(\s(?:href|src)="){}(?!/)'   # a root-relative link under the old address's path


def unpack(archive: Path, dest: Path, max_file: int = MAX_FILE, max_total: int = MAX_TOTAL,
           max_files: int = MAX_FILES) -> list[str]:
    """Extract ``archive`` into ``dest`` (which must not exist) if every entry is acceptable;
    returns the problems (nothing is extracted when there is one)."""
    problems: list[str] = []
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"{archive.name}: not a zip archive ({exc})"]
    with zf:
        infos = zf.infolist()
        if len(infos) > max_files:
            return [f"{archive.name}: {len(infos):,} entries, more than the {max_files:,} allowed"]
        seen: set[str] = set()
        total = 0
        files = []
        for info in infos:
            name = info.filename
            shown = ascii(name)[1:-1][:120]
            mode = info.external_attr >> 16
            if info.is_dir():
                continue
            if stat.S_ISLNK(mode):
                problems.append(f"{shown}: a symbolic link; the site holds regular files only")
                continue
            if stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: the archiver recorded no type
                problems.append(f"{shown}: not a regular file")
                continue
            parts = name.split("/")
            if name.startswith("/") or "\\" in name or not all(PART.fullmatch(p) for p in parts):
                problems.append(f"{shown}: not a plain relative path (letters, digits, '.', '_', '-'; no '..', "
                                "no leading '/' or '.')")
                continue
            if name in seen:
                problems.append(f"{shown}: stands twice in the archive")
                continue
            seen.add(name)
            suffix = Path(name).suffix.lower()
            if suffix not in ALLOWED:
                problems.append(f"{shown}: a file type the edition does not publish ({suffix or 'no suffix'})")
                continue
            if info.file_size > max_file:
                problems.append(f"{shown}: {info.file_size:,} bytes, more than the {max_file:,} a file may have")
                continue
            total += info.file_size
            files.append(info)
        if total > max_total:
            problems.append(f"{archive.name}: {total:,} bytes in all, more than the {max_total:,} allowed")
        if not problems and "index.html" not in seen:
            problems.append(f"{archive.name}: no index.html at its root; not a built site")
        if problems:
            return problems
        dest.mkdir(parents=True)
        for info in files:
            target = dest / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            try:
                with zf.open(info) as src, open(target, "xb") as out:
                    while chunk := src.read(1 << 16):
                        written += len(chunk)
                        if written > info.file_size:  # the entry holds more than it declares
                            problems.append(f"{info.filename}: holds more bytes than its entry declares")
                            break
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                problems.append(f"{info.filename}: cannot be read as its entry declares it ({exc})")
            if problems:
                shutil.rmtree(dest)
                return problems
    return []


def relocate(site: Path, base: str, built_for: str = BUILT_FOR) -> int:
    """Move a site built for ``built_for`` to ``base``: the address in every text file, and
    root-relative links in pages; a ``.gz`` beside its text (the sitemap) is made again.
    Returns the files changed."""
    old_path, new_path = urlsplit(built_for).path, urlsplit(base).path
    changed = 0
    for path in sorted(site.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.suffix not in TEXT:
            continue
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        new = text.replace(built_for, base)
        if path.suffix == ".html" and new_path != old_path:
            new = re.sub(ROOT_LINK.format(re.escape(old_path)), lambda m: m.group(1) + new_path, new)
        if new != text:
            path.write_text(new, encoding="utf-8", errors="surrogateescape")
            changed += 1
            packed = path.with_name(path.name + ".gz")
            if packed.is_file() and not packed.is_symlink():
                packed.write_bytes(gzip.compress(new.encode("utf-8", "surrogateescape"), mtime=0))
    return changed


def _scripts_name(rel: str) -> str:
    """A path of the site as its own build, or an archived release's, names it."""
    m = RELEASE.match(rel)
    return rel[m.end():] if m else rel


def check(site: Path, base: str, reference: Path | None = None) -> list[str]:
    """What in ``site`` (to be published at ``base``) the edition's code does not write."""
    found = []
    mount = urlsplit(base).path
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        st = os.lstat(path)
        if stat.S_ISDIR(st.st_mode):
            continue
        if not stat.S_ISREG(st.st_mode):
            found.append(f"{rel}: not a regular file")
            continue
        if path.suffix.lower() not in ALLOWED:
            found.append(f"{rel}: a file type the edition does not publish")
            continue
        if path.suffix == ".js":
            if not SCRIPTS.fullmatch(_scripts_name(rel)):
                found.append(f"{rel}: a script file the edition does not write")
            elif reference is not None:
                twin = reference / rel
                if not twin.is_file() or twin.read_bytes() != path.read_bytes():
                    found.append(f"{rel}: a script that differs from the default branch's own build (a pull request "
                                 "that changes a script, or lacks a later change of one, gets no preview)")
        if path.suffix in (".xml", ".html"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{rel}: {what}" for what in live_code(text)]
        if path.suffix == ".xml":
            if re.search(r"<\?xml-stylesheet|http://www\.w3\.org/(1999/xhtml|2000/svg)|<([\w-]+:)?script\b", text, re.I):
                found.append(f"{rel}: XML that a browser could run as a page (a style sheet instruction, XHTML or "
                             "SVG, a script)")
        if path.suffix != ".html":
            continue
        here = path.relative_to(site).parent
        for tag, url in _loads(text):
            if url.startswith("/") and not url.startswith("//"):   # root-relative: inside the preview only
                target = inside(Path(), url[len(mount):]) if url.startswith(mount) else None
            else:
                target = inside(here, url)
            rx = SCRIPTS if tag.lower() == "script" else STYLES
            if target is None or not rx.fullmatch(_scripts_name(target)):
                found.append(f"{rel}: <{tag}> loads {url[:120]!r}, which is not one of the edition's files")
    return found


class _Loads(HTMLParser):
    """Every script and style sheet a page asks the browser to load, attributes read as a browser
    reads them (any quoting; the first of two same-named attributes)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        first: dict[str, str] = {}
        for name, value in attrs:
            first.setdefault(name, value or "")
        if tag == "script":
            for name in ("src", "href", "xlink:href"):       # an SVG script takes href
                if name in first:
                    self.found.append(("script", first[name]))
        elif tag == "link" and LOADING & set(first.get("rel", "").lower().split()):
            self.found.append(("link", first.get("href", "")))

    handle_startendtag = handle_starttag


LOADING = {"stylesheet", "preload", "modulepreload", "prefetch", "import", "serviceworker"}


def _loads(text: str) -> list[tuple[str, str]]:
    parser = _Loads()
    parser.feed(text)
    parser.close()
    return parser.found


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("archive", type=Path, help="the zip of the site-pr-<N> artifact")
    ap.add_argument("dest", type=Path, help="where the checked site is written (must not exist)")
    ap.add_argument("--base", required=True, help="the preview's address, ending in pr-<N>/")
    ap.add_argument("--reference", type=Path, help="the default branch's own build, whose scripts alone may run")
    ap.add_argument("--forbid-origin", action="append", default=[],
                    help="an address whose origin the preview must not share (the published edition's)")
    args = ap.parse_args(argv)
    base = args.base
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~-]+)*/pr-\d+/", base):
        print(f"--base {base!r}: not an https address ending in /pr-<number>/", file=sys.stderr)
        return 1
    for other in args.forbid_origin:
        if _origin(other) == _origin(base):
            print(f"--base {base!r} shares its origin with {other!r}: a preview's scripts would reach the published "
                  "edition's storage; publish previews on another host (CONTRIBUTING.md, \"Setting up the "
                  "previews\")", file=sys.stderr)
            return 1
    problems = unpack(args.archive, args.dest)
    if not problems:
        relocate(args.dest, base)
        problems = check(args.dest, base, args.reference)
        if problems:
            shutil.rmtree(args.dest, ignore_errors=True)
    for line in problems:
        print(f"{line}; nothing of this pull request's site is published", file=sys.stderr)
    if problems:
        return 1
    n = sum(1 for p in args.dest.rglob("*") if p.is_file())
    print(f"{n} files checked, ready to publish at {base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
