"""Problems found in model files, as data: rendered as ``FILE:LINE:COL: message``."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from barriers.terminal import visible

Severity = Literal["error", "warning"]
MAX_MESSAGE = 500


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working folder when below it.

    The file's own name is kept as given: a symbolic link is named, not the file it points
    to (which may be missing, or the link a loop).
    """
    try:
        cwd = Path.cwd().resolve()
        parent = Path(os.path.abspath(path)).parent
        for folder in (parent, parent.resolve()):  # the folder as written, then without links
            try:
                relative = (folder / path.name).relative_to(cwd)
            except ValueError:
                continue
            return str(relative) if relative.parts else str(path)
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
        pass
    return str(path)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place. Lines and columns count from 1."""

    file: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def render(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        message = " ".join(self.message.split())  # one problem, one line, whatever it quotes
        if len(message) > MAX_MESSAGE:  # a quoted 40,000-character value helps nobody
            message = message[: MAX_MESSAGE - 1] + "…"
        # shown in a terminal: a quoted ESC or bidi control must not act on it
        return visible(f"{self.file}:{self.line}:{self.column}: {prefix}{message}")


class BarriersError(Exception):
    """Base of the errors a user can act on (bad data, unknown ids): exit status 1."""

    def lines(self) -> list[str]:
        """The message as lines for a terminal (control characters escaped)."""
        return [visible(line) for line in str(self).splitlines() or [""]]


class ModelError(BarriersError):
    """A model could not be loaded: every problem found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(p.render() for p in self.problems))

    def lines(self) -> list[str]:
        return [p.render() for p in self.problems]


class UnknownIdError(BarriersError):
    """An option named an id the model does not have."""


def _order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file, problem.line, problem.column, problem.message)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'werving'?)`` when a close match exists, else an empty string."""
    by_lower: dict[str, str] = {}
    for choice in sorted(set(choices)):
        by_lower.setdefault(choice.casefold(), choice)
    matches = difflib.get_close_matches(word.casefold(), list(by_lower), n=1, cutoff=0.6)
    return f" (did you mean {by_lower[matches[0]]!r}?)" if matches else ""


def unknown_id_message(kind: str, word: str, choices: Iterable[str]) -> str:
    """``unknown phase 'werven' (did you mean 'werving'?)``."""
    return f"unknown {kind} {word!r}{did_you_mean(word, choices)}"
