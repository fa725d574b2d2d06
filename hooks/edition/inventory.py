"""What may stand in ``sources/``: every file there is read by the edition or refused, so that
nothing an editor adds is dropped in silence.

A symbolic link is refused (it could publish any file of the machine), as is a name with
characters that a page, a link or a shell would read as syntax, a YAML file not named
``*.yml`` (the edition would not read it), and a file or folder in a place where the edition
reads nothing of its kind.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .problems import Problems

NAME_RX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# What the edition reads at the top of sources/, and the folders it reads.
TOP_FILES = {"edition.yml", "relations.yml", "topics.yml", "comparison.yml", "spellings.yml", "releases.yml", "retired.yml"}
FOLDERS = {"texts", "annotations", "anchors", "indices"}
INDEX_FILES = {"names.yml", "timeline.yml", "figures.yml"}
# Notes for editors that may stand beside the files the edition reads (never published as data).
NOTES = (".md", ".example")


def linked(path: Path) -> bool:
    """Whether ``path``, or a folder between it and ``sources/``, is a symbolic link."""
    for p in (path, *path.parents):
        if p.is_symlink():
            return True
        if p.name == "sources":
            return False
    return False


def check_tree(root: Path, problems: Problems) -> None:
    """Report every link, badly named or unread file under ``root/sources``."""
    base = root / "sources"
    for here, dirs, files in os.walk(base, followlinks=False):
        folder = Path(here)
        for name in sorted(dirs + files):
            path = folder / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                problems.add(rel, 0, f"is a symbolic link (to {os.readlink(path)}); sources/ holds the files "
                             "themselves", "replace the link by a copy of the file it points to")
                continue
            if not NAME_RX.match(name):
                problems.add(rel, 0, "the name may hold only ASCII letters, digits, '.', '_' and '-', and must "
                             "start with a letter or a digit", "rename it")
                continue
            if path.is_dir():
                if folder == base and name not in FOLDERS:
                    problems.add(rel, 0, "is not a folder the edition reads",
                                 f"the folders of sources/ are {', '.join(sorted(FOLDERS))}")
                elif folder != base and not rel.startswith("sources/annotations/"):
                    problems.add(rel, 0, "is not a folder the edition reads",
                                 "only sources/annotations/ may hold folders")
                continue
            _check_file(path, rel, folder.relative_to(base).as_posix(), problems)
        dirs[:] = [d for d in dirs if not (folder / d).is_symlink() and NAME_RX.match(d)]


def _check_file(path: Path, rel: str, where: str, problems: Problems) -> None:
    name = path.name
    suffix = path.suffix
    if suffix.lower() in (".yml", ".yaml") and suffix != ".yml":
        problems.add(rel, 0, f"is not read: the edition reads YAML files named *.yml, not *{suffix}",
                     f"rename it to {path.stem}.yml")
        return
    if name.endswith(NOTES):
        return
    if where == ".":
        if name not in TOP_FILES:
            problems.add(rel, 0, "is not a file the edition reads",
                         f"the files of sources/ are {', '.join(sorted(TOP_FILES))}; texts, annotations, "
                         "anchors and indices have folders of their own")
    elif where == "indices":
        if name not in INDEX_FILES:
            problems.add(rel, 0, "is not an index the edition reads",
                         f"the indices are {', '.join(sorted(INDEX_FILES))}")
    elif where.startswith("annotations") or where == "anchors":
        if suffix != ".yml":
            problems.add(rel, 0, "is not read: annotations and anchor registries are *.yml files",
                         "rename it to .yml if it is one, or move it out of sources/")
    # texts/: which files the metadata name is known only once the metadata are read
    # (sources.check_unread_texts).
