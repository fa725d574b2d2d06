"""Shared fixtures: throw-away projects built from the real sources or from fixtures,
one strict build of the real site per test session, and that site with its releases as
`make build` publishes it.

No test waits for a clock: each waits for a condition (a port that answers, a process that
ends, an element that shows). The only time limits are hang guards (``HANG_GUARD``), generous
enough never to be reached by a slow or busy machine, so that a result never depends on how
busy the machine is."""
from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks", "CONTRIBUTING.md")
# Seconds after which a wait is taken for a hang: never a measure of how long anything should take.
HANG_GUARD = 900


# Hypothesis's own clocks: no deadline per example, and no failure when generating examples is
# slow (its too_slow health check times the generation), so that a busy machine fails nothing.
# A test's own @settings still sets what it names (max_examples…); these are the defaults.
settings.register_profile("edition", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("edition")


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
                          cwd=project, capture_output=True, text=True, env=env, timeout=HANG_GUARD)


def run_check(project: Path) -> subprocess.CompletedProcess:
    """``make check`` on a project: ``python -m edition check``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "edition", "check", "--root", str(project)],
                          capture_output=True, text=True, env=env, timeout=HANG_GUARD)


def wait_for_port(proc: subprocess.Popen, port: int, what: str, log=None) -> None:
    """Wait until ``proc`` listens on 127.0.0.1:``port``; fail at once if it exits first. The
    only limit is the hang guard."""
    deadline = time.monotonic() + HANG_GUARD
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with status {proc.returncode} before listening on port {port}"
                               + (f":\n{log()}" if log else ""))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=HANG_GUARD).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} (hang guard, {HANG_GUARD} s)")
            time.sleep(0.05)   # between two tries at the port: not a wait for an effect


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


@pytest.fixture(scope="session")
def published(site, tmp_path_factory) -> Path:
    """The site with its recorded releases under versions/X.Y.Z/, as `make build` publishes it
    (``python -m edition versions`` over a copy of ``site``), made once for the session. Read
    only: a test that changes it works on a copy."""
    out = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(site, out)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    # Parallel workers (pytest -n) each make their own; one at a time, so that the release
    # builds in ROOT/.versions-cache are made once and then reused, never written by two at once.
    with open(tmp_path_factory.getbasetemp().parent / "published.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = subprocess.run([sys.executable, "-m", "edition", "versions", "--root", str(ROOT), "--site", str(out)],
                              capture_output=True, text=True, env=env, timeout=HANG_GUARD)
    assert made.returncode == 0, made.stdout + made.stderr
    return out
