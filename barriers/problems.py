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


# Letters of other scripts that look like Latin ones (the common part of Unicode's
# confusables): an id typed with one of them looks right and is unknown.
_LOOKALIKES = {
    **dict(zip("аеорсухіјѕԁһӏԛԝ", "aeopcyxijsdhlqw", strict=True)),  # Cyrillic
    **dict(zip("АВЕКМНОРСТХ", "ABEKMHOPCTX", strict=True)),
    **dict(zip("οαινκτρυϲ", "oaivktpuc", strict=True)),  # Greek
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    "ı": "i",  # dotless i
    "ɡ": "g",
    "‐": "-",  # hyphen, non-breaking hyphen, figure dash, en dash, minus sign
    "‑": "-",
    "‒": "-",
    "–": "-",
    "−": "-",
}
_LATIN = str.maketrans(_LOOKALIKES)


def shown_id(word: str) -> str:
    """An id as a message quotes it: ``'werving'``; other scripts escaped (``'w\\u0435rving'``),
    so that a look-alike letter shows."""
    return repr(word) if word.isascii() else ascii(word)


def lookalike_note(word: str) -> str:
    """`` ('\\u0435' is CYRILLIC SMALL LETTER IE, not the Latin 'e')`` for look-alike letters."""
    found = sorted({c for c in word if c in _LOOKALIKES})
    if not found:
        return ""
    import unicodedata

    parts = [
        f"{c!a} is {unicodedata.name(c, f'U+{ord(c):04X}')}, not the Latin {_LOOKALIKES[c]!r}"
        for c in found
    ]
    return " (" + "; ".join(parts) + ")"


def latin_lookalikes(text: str) -> str:
    """``text`` with look-alike letters of other scripts replaced by the Latin ones."""
    return text.translate(_LATIN)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'werving'?)`` when a close match exists, else an empty string.

    Look-alike letters of other scripts count as the Latin letters they resemble.
    """
    by_lower: dict[str, str] = {}
    for choice in sorted(set(choices)):
        by_lower.setdefault(choice.casefold(), choice)
    wanted = word.translate(_LATIN).casefold()
    matches = difflib.get_close_matches(wanted, list(by_lower), n=1, cutoff=0.6)
    return f" (did you mean {by_lower[matches[0]]!r}?)" if matches else ""


def unknown_id_message(kind: str, word: str, choices: Iterable[str]) -> str:
    """``unknown phase 'werven' (did you mean 'werving'?)``."""
    return f"unknown {kind} {shown_id(word)}{lookalike_note(word)}{did_you_mean(word, choices)}"
