"""The one entry point: ``sources/`` → an :class:`~.model.Edition`, or every problem."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .annotations import load_annotations, load_vocabulary, render_block
from .apparatus import check_apparatus
from .comparison import load_comparison
from .fields import check_fields, check_url, type_name
from .indices import load_indices
from .inventory import check_tree
from .model import Edition
from .notequotes import check_note_quotes
from .problems import EditionError, Problems
from .procedure import MARK, procedure_markdown
from .identity import check_identity, load_retired
from .published import check_ids, load_published
from .releases import load_releases
from .sources import Options, load_sources
from .yamlio import load_yaml

EDITION_FIELDS = {
    "title": (str, True), "title_sentence": (str, False), "short_title": (str, False), "version": (str, True),
    "date": (str, True), "publisher": (str, True), "repo": (str, False), "branch": (str, False),
    "site_url": (str, False), "licences": (dict, False), "compare": (list, False), "nav_texts_max": (int, False),
}


def load_edition(root: Path, problems: Problems | None = None, *, mode: str = "build",
                 accept: frozenset = frozenset()) -> Edition:
    """Load, verify, segment, anchor and annotate everything under ``root/sources``.

    ``mode`` and ``accept`` say how anchor registries are checked (see :class:`.sources.Options`).
    Raises :class:`EditionError` carrying every problem found, after looking at all files."""

    problems = problems if problems is not None else Problems()
    root = Path(root)
    check_tree(root, problems)
    meta = load_yaml(root / "sources" / "edition.yml", "sources/edition.yml", problems) or {}
    if meta and not _check_meta(meta, problems):
        meta = {}
    meta["spellings"] = _spellings(root, problems)
    relations = load_vocabulary(root, "relations.yml", "relations", problems, {"procedure": (str, False)})
    topics = load_vocabulary(root, "topics.yml", "topics", problems)
    if relations.extra.get("procedure") and str(relations.extra["procedure"]).count(MARK) != 1:
        lines = (root / "sources/relations.yml").read_text(encoding="utf-8").splitlines()
        problems.add("sources/relations.yml", next((i for i, x in enumerate(lines, 1) if x.startswith("procedure:")), 0),
                     f"the procedure must hold the line {MARK} once, where the questions made from the relations' "
                     "descriptions go", f"put {MARK} on a line of its own after the first step")
    releases = load_releases(root, problems)
    meta["releases"] = releases
    ids = sorted(p.stem for p in (root / "sources" / "texts").glob("*.yml"))
    published = load_published(root, ids, str(meta.get("branch") or "main"), [(r.version, r.commit) for r in releases])
    if published.unknown:
        problems.notice(published.unknown)
    sources = load_sources(root, problems, Options(mode, frozenset(accept), published))
    annotations = load_annotations(root, sources, relations, topics, problems)
    retired = load_retired(root, problems)
    meta["retired"] = retired
    # Checks against the whole apparatus, made only when every annotation loaded (a broken one
    # would show as a vanished id, or as a topic with fewer cross-references than it has).
    whole = not any(p.path.startswith(("sources/annotations/", "sources/texts/")) for p in problems) \
        and not problems.unavailable
    if whole:
        check_ids(published, {**{i: a.path for a in annotations for i in [a.id, *a.aliases]},
                              **{i: "sources/retired.yml" for i in retired}}, problems)
        # What a published id names is read through the anchors: a broken registry (other than
        # one that only lacks new paragraphs) would show as every passage of its text moved.
        if not any(p.path.startswith("sources/anchors/") and "is out of date" not in p.message for p in problems):
            check_identity(published, annotations, sources, retired, problems)
        if mode != "anchors":   # `make anchors` registers new paragraphs before they can be linked
            check_apparatus(Edition(sources=sources, annotations=annotations, relations=relations, topics=topics,
                                    meta=meta), problems)
    indices = load_indices(root, sources, problems)
    notes = [(a.path, a.line, a.note) for a in annotations]
    if indices is not None:
        notes += [(e.path, e.line, e.note) for kind in ("names", "events", "figures")
                  for e in getattr(indices, kind, []) if e.note]
    if not problems.unavailable:
        check_note_quotes(notes, sources, root, problems)
    comparison = load_comparison(root, topics, relations, sources, problems, annotations if whole else None)
    problems.report_unchecked()
    if problems:
        raise EditionError(problems)
    return Edition(sources=sources, annotations=annotations, relations=relations, topics=topics, meta=meta,
                   indices=indices, comparison=comparison,
                   procedure_html=render_block(procedure_markdown(relations.extra.get("procedure", ""), relations)))


def _check_meta(meta, problems: Problems) -> bool:
    rel = "sources/edition.yml"
    if not check_fields(meta, EDITION_FIELDS, rel, problems, "edition metadata"):
        return False
    mark = len(problems)

    def listed(faults: list[str]) -> str:
        return ", ".join(faults[:-1]) + " and " + faults[-1] if len(faults) > 1 else faults[0]

    def repo_faults(url: str) -> list[str]:
        """What keeps ``url`` from being https://github.com/<owner>/<name> (one trailing '/' allowed: every
        reader of the field strips it). GitHub's names: an account is 1-39 letters, digits and single inner
        hyphens; a repository 1-100 letters, digits, '.', '_' and '-', but not '.', '..' or '….git'."""
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", url)
        if not scheme:
            return ["does not start with https://"]
        try:
            parts = urlsplit(url)
        except ValueError:
            return ["cannot be read as an address"]
        out = [] if scheme.group(1) == "https" else [f"uses {scheme.group(1)}:// instead of https://"]
        host = parts.netloc.rpartition("@")[2]
        if "@" in parts.netloc:
            out.append("holds a user name or password ('…@')")
        if host != "github.com":
            out.append(f"is on {host!r} instead of github.com" if host else "names no host")
        if "?" in url.split("#")[0]:
            out.append("has a query ('?…')")
        if "#" in url:
            out.append("has a fragment ('#…')")
        segments = parts.path.removesuffix("/").removeprefix("/").split("/")
        if len(segments) > 2:
            out.append(f"has more path than /<owner>/<name> ({parts.path!r})")
        elif len(segments) < 2 or not all(segments):
            out.append("does not name a repository as /<owner>/<name>")
        else:
            owner, name = segments
            if len(owner) > 39 or not re.fullmatch(r"[A-Za-z0-9](?:-?[A-Za-z0-9])*", owner):
                out.append(f"names the owner {owner!r}, which is not a GitHub account name")
            if name in (".", "..") or not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", name):
                out.append(f"names the repository {name!r}, which is not a GitHub repository name")
            elif name.endswith(".git"):
                out.append("ends in '.git', as the address to clone a repository does")
        return out

    def branch_faults(name: str) -> list[str]:
        """What git check-ref-format refuses in a branch name, and any character other than letters,
        digits and . _ - / @ + (the name goes into the addresses of the repository's pages)."""
        bad = sorted(set(re.sub(r"[A-Za-z0-9._/@+-]", "", name)))
        parts = name.split("/")
        rules = [(bad, "holds " + ", ".join(map(repr, bad))), (len(name) > 100, "is longer than 100 characters"),
                 (name.startswith("-"), "starts with '-'"), (name.startswith("/"), "starts with '/'"),
                 (name.endswith("/"), "ends with '/'"), ("//" in name, "contains '//'"),
                 (".." in name, "contains '..'"), ("@{" in name, "contains '@{'"),
                 (name in ("@", "HEAD"), f"is {name!r}, which git reserves"),
                 (any(p.startswith(".") for p in parts), "has a part that starts with '.'"),
                 (any(p.endswith(".lock") for p in parts[:-1]), "has a part that ends with '.lock'"),
                 (name.endswith(".lock"), "ends with '.lock'"), (name.endswith("."), "ends with '.'")]
        return [fault for broken, fault in rules if broken]

    if meta.get("repo") and repo_faults(meta["repo"]):
        shown = re.sub(r"//[^/?#]*@", "//…@", meta["repo"])  # a password is not printed in a build's log
        problems.add(rel, meta.line_of("repo"), f"field 'repo' {shown!r} is not the address of a GitHub repository: "
                     f"it {listed(repo_faults(meta['repo']))}", "the edition's workflows run on GitHub: write it as "
                     "https://github.com/<owner>/<name>, such as https://github.com/china-kazakhstan-edition/edition")
    if meta.get("site_url"):
        check_url(meta["site_url"], rel, meta.line_of("site_url"), problems, "field 'site_url'")
    licences = meta.get("licences") or {}
    for key, value in licences.items():
        if not isinstance(value, str):
            problems.add(rel, licences.line_of(key), f"licence field '{key}' must be a string, not {type_name(value)}")
        elif key.endswith("_url"):
            check_url(value, rel, licences.line_of(key), problems, f"licence field '{key}'")
    for i, sid in enumerate(meta.get("compare") or []):
        if not isinstance(sid, str):
            problems.add(rel, meta["compare"].line_of(i), f"'compare' names texts by id, not {type_name(sid)}",
                         "write it as compare: [ramani-2015, harrison-2015]")
    if meta.get("branch") and branch_faults(meta["branch"]):
        problems.add(rel, meta.line_of("branch"), f"field 'branch' {meta['branch']!r} is not a valid branch name: "
                     f"it {listed(branch_faults(meta['branch']))}", "a branch name is letters, digits and . _ - / @ + "
                     "in parts joined by single slashes, as git check-ref-format allows, such as main or release/0.2")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"]):
        problems.add(rel, meta.line_of("date"), f"field 'date' must be a date as YYYY-MM-DD, not {meta['date']!r}")
    if not re.fullmatch(r"\d+(\.\d+)*", meta["version"]):
        problems.add(rel, meta.line_of("version"), f"field 'version' must be a version number such as 1.2.0, "
                     f"not {meta['version']!r}")
    return len(problems) == mark


def _spellings(root: Path, problems: Problems) -> list[tuple[str, str]]:
    """Pairs of spelling stems from ``sources/spellings.yml`` (optional)."""
    rel = "sources/spellings.yml"
    if not (root / rel).exists():
        return []
    data = load_yaml(root / rel, rel, problems)
    out = []
    for i, pair in enumerate((data or {}).get("spellings") or []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) and x for x in pair)):
            problems.add(rel, data["spellings"].line_of(i), "a spelling entry must be a pair of stems",
                         "write it as [defence, defense]")
            continue
        out.append((pair[0].lower(), pair[1].lower()))
    return out
