"""Problems an editor can act on: ``path:line: what is wrong; hint``.

Every stage of the edition appends to one :class:`Problems` collector, so that a run
reports every problem at once instead of stopping at the first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches

from .text import visible


@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix."""

    path: str
    """The file, relative to the project root (``sources/annotations/x.yml``)."""
    line: int
    """1-based line in that file; 0 when the problem concerns the whole file."""
    message: str
    """What is wrong."""
    hint: str = ""
    """What to do about it, or the nearest valid alternative."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return visible(f"{where}: {self.message}" + (f"; {self.hint}" if self.hint else ""))


@dataclass
class Problems:
    """An ordered collection of problems (and of notices, which do not fail a build)."""

    items: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    unavailable: dict[str, str] = field(default_factory=dict)
    """Texts that exist but failed to load (id → metadata file): references to them are
    counted in ``unchecked`` instead of being reported as unknown sources."""
    unchecked: dict[str, int] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)
    """Why a text is unavailable, where it loaded but cannot be used to check others."""

    def add(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(path, line, message, hint))

    def notice(self, text: str) -> None:
        self.notices.append(visible(text))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def known_source(self, sid, sources, path: str, line: int) -> bool:
        """Whether ``sid`` names a loaded text; if not, the problem (an unknown source, with the
        valid ones), or, for a text that failed to load, one more unchecked reference."""
        if sid in sources:
            return True
        if sid in self.unavailable:
            self.unchecked[sid] = self.unchecked.get(sid, 0) + 1
            return False
        self.add(path, line, f"unknown source '{sid}'",
                 f"{did_you_mean(sid, sources)}valid sources: {', '.join(sorted(sources))}")
        return False

    def report_unchecked(self) -> None:
        """One line per text that failed to load, saying how many references went unchecked."""
        for sid, n in self.unchecked.items():
            self.add(self.unavailable[sid], 0, f"{n} reference(s) to '{sid}' in annotations, indices and the "
                     f"comparison were not checked, because {self.why.get(sid, 'this text failed to load')}",
                     "fix the problem(s) reported for it, then check again")

    def lines(self) -> list[str]:
        return [str(p) for p in self.items]


def did_you_mean(value: str, valid) -> str:
    """``did you mean 'x'? `` for the valid name closest to ``value``, or nothing."""
    close = get_close_matches(str(value), list(valid), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


class EditionError(Exception):
    """Raised when an edition cannot be built; carries every problem found."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__("\n".join(problems.lines()))
