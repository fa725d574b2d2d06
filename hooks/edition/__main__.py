"""Command line: ``python -m edition check``, ``anchors``, ``schemas``, ``versions``,
``generate`` and ``finish``.

``generate DIR`` writes into DIR what the MkDocs hook adds to a build (every page with its
markers filled and its head, every export and asset) and a ``mkdocs.yml`` without the hook, for a
generator that runs no MkDocs hooks (see edition.generate); ``finish --site SITE`` does to a
built site what the hook does after a build: the pages' repairs and Content-Security-Policy,
the refusal of code the build did not write, minified assets, pruned style sheets and the
search index.

``check`` validates everything in ``sources/`` without building the site and prints every
problem as ``path:line: message; hint``; it exits 1 if there is any. ``anchors`` writes the
anchor registries (``sources/anchors/<id>.yml``), registering new paragraphs and refreshing
the fingerprints of edited ones; it never removes an entry.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .anchors import ranges, registry_entries
from .edition import load_edition
from .problems import EditionError, Problems
from .versions import build_versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition")
    parser.add_argument("command", choices=["check", "anchors", "schemas", "versions", "generate", "finish", "release"])
    parser.add_argument("folder", nargs="?", help="with generate: the folder to write the project into; with "
                        "release: the version (X.Y.Z)")
    parser.add_argument("--root", default=".", help="the project folder (default: the current one)")
    parser.add_argument("--site", help="with versions: the built site, to which versions/X.Y.Z/ are added; "
                        "with finish: the built site to finish")
    parser.add_argument("--accept", default="", help="with anchors: the anchors (p4,p7) whose doubtful match you "
                        "have checked and confirm")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if args.command == "versions":
        return _versions(root, Path(args.site))
    if args.command == "release":
        from .release import release

        return release(root, args.folder or "")
    if args.command in ("generate", "finish"):
        from .adapter import finish, generate

        if args.command == "generate":
            if not args.folder:
                parser.error("generate needs the folder to write into: python -m edition generate DIR")
            return generate(root, Path(args.folder))
        if not args.site:
            parser.error("finish needs the built site: python -m edition finish --site DIR")
        return finish(root, Path(args.site))
    if args.command == "schemas":
        from .schemas import update

        try:                    # the vocabularies are read only once `make check` has read them
            load_edition(root, Problems())
        except EditionError as exc:
            for line in exc.problems.lines():
                print(line)
            print(f"{len(exc.problems)} problem(s) found; the schemas were not changed.", file=sys.stderr)
            return 1
        for path in update(root):
            print(f"updated {path}")
        return 0
    problems = Problems()
    accept = frozenset(a.strip() for a in args.accept.replace(" ", ",").split(",") if a.strip())
    try:
        ed = load_edition(root, problems, mode="anchors" if args.command == "anchors" else "build", accept=accept)
    except EditionError as exc:
        for line in exc.problems.lines():
            print(line)
        print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)
        return 1
    if args.command == "check":
        for n in problems.notices:
            print(f"note: {n}")
        n_x = sum(1 for a in ed.annotations if len(a.sources) > 1)
        print(f"ok: {len(ed.sources)} texts, {sum(len(s.paragraphs) for s in ed.sources.values())} paragraphs, "
              f"{n_x} cross-references, {len(ed.annotations) - n_x} editorial notes; no problems.")
        return 0
    for sid, src in ed.sources.items():
        write_registry(root, sid, src)
        result = src.meta["_assignment"]
        if result.new:
            print(f"{sid}: registered {ranges([f'p{n}' for n in result.new])} (new paragraphs)")
        for n in result.changed:
            print(f"{sid}: p{n} keeps its anchor; its text changed ({result.scores.get(n, 0):.0%} alike)")
    return 0


def _versions(root: Path, site: Path) -> int:
    """Build every release recorded in sources/releases.yml into ``site/versions/``."""
    try:
        ed = load_edition(root, Problems())
    except EditionError as exc:
        for line in exc.problems.lines():
            print(line, file=sys.stderr)
        return 1
    from .adapter import base_url

    for line in build_versions(root, site, base_url(ed), ed.meta["releases"], str(ed.meta.get("version", ""))):
        print(line)
    return 0


def write_registry(root: Path, sid: str, src) -> Path:
    """Write the anchor registry of one text from its current paragraphs."""
    paragraphs = src.paragraphs
    entries = registry_entries(src.meta["_anchor_texts"], [b.number for b in paragraphs],
                               src.meta.get("_registry", []))
    path = root / "sources" / "anchors" / f"{sid}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# yaml-language-server: $schema=../../schemas/anchors.schema.json",
             f"# Published paragraph anchors of {sid}. `make anchors` adds new ones and refreshes",
             "# fingerprints. Never delete an entry: to retire an anchor, add `removed: \"why\"`",
             "# (and `see: pN`), and the page keeps a tombstone in its place.",
             f"source: {sid}", "anchors:"]
    for e in entries:
        lines.append(f"  - anchor: {e['anchor']}")
        for key in ("incipit", "explicit", "digest", "text", "removed", "see"):
            if key in e:
                lines.append(f"    {key}: {_q(str(e[key]))}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _q(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    sys.exit(main())
