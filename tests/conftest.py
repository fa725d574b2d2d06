"""Shared fixtures: throw-away projects built from the real sources or from fixtures,
and one strict build of the real site per test session."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks", "CONTRIBUTING.md")


def pytest_addoption(parser):
    parser.addoption("--update", action="store_true", help="rewrite the golden files from the current output")


def make_project(dest: Path, sources: Path = ROOT / "sources") -> Path:
    """A copy of the project (site config, pages, hooks) with the given ``sources/``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(sources, dest / "sources")
    overlay = sources.parent / "docs"
    if overlay.is_dir() and sources != ROOT / "sources":
        shutil.copytree(overlay, dest / "docs", dirs_exist_ok=True)
    return dest


def run_build(project: Path, site: Path | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a project, as `make build` runs it."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, capture_output=True, text=True, env=env, timeout=300)


def run_check(project: Path) -> subprocess.CompletedProcess:
    """``make check`` on a project: ``python -m edition check``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "edition", "check", "--root", str(project)],
                          capture_output=True, text=True, env=env, timeout=120)


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    """The ``ERROR -  …`` lines of a build, without the prefix."""
    out = []
    for line in (result.stdout + result.stderr).splitlines():
        if line.startswith("ERROR") and " -  " in line:
            out.append(line.split(" -  ", 1)[1])
    return out


@pytest.fixture
def project(tmp_path):
    """A fresh copy of the real project, for tests that change its sources."""
    return make_project(tmp_path / "project")


@pytest.fixture
def mini(tmp_path):
    """A project holding only the small fixture text ``mini-2020``."""
    return make_project(tmp_path / "mini", FIXTURES / "mini" / "sources")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One strict build of the real edition, shared by the tests that read the built site."""
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
