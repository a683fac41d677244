"""The documentation's examples are real: every `$ barriers ...` line runs and prints what it shows.

Each page (the README and every page of the docs site) runs in a folder of its own, its
console blocks in order, so that an example may use a file an earlier one on the same page
wrote. A line is a command; the lines up to the next `$ ` are what it prints (stdout, then
stderr). Shell around the command is limited to what the pages use: `| head -n N`,
`| head -N`, `| sed -n A,Bp`, `> /dev/null` and `; echo "exit $?"`; `cat FILE` shows a file
the page's later commands read (the test writes it), `ls DIR` a folder's listing. Anything
else must be listed in NOT_RUN with the reason, so no example is silently left unchecked.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT, run_cli

DOCS = ROOT / "docs"
# Lines shown but not run here, each with why.
NOT_RUN = {
    # the benchmark takes minutes and is run by hand (docs/benchmark.md)
    "python tests/bench/generate.py --interventions 20000 --partners 2000 --phases 40 "
    "--seed 1 -o big.yaml",
    "python tests/bench/run.py        # about 3 minutes on 2 cores; writes tests/bench/results.md",
}
_COMMAND = re.compile(
    r"(?P<command>barriers .*?)"
    r"(?P<discard> > /dev/null)?"
    r"(?: \| (?P<filter>head -n \d+|head -\d+|sed -n \d+,\d+p))?"
    r'(?P<exit>; echo "exit \$\?")?'
)


def pages() -> list[Path]:
    found = [ROOT / "README.md"]
    found += sorted(p for p in DOCS.rglob("*.md") if "_incoming" not in p.relative_to(DOCS).parts)
    return found


@dataclass
class Step:
    line: str
    shown: list[str]


def console_steps(text: str) -> list[Step]:
    steps: list[Step] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append(Step(line[2:], []))
            else:
                assert steps, f"console block starts with output, not a command: {line!r}"
                steps[-1].shown.append(line)
    return steps


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _filtered(lines: list[str], command: str | None) -> list[str]:
    if command is None:
        return lines
    numbers = [int(n) for n in re.findall(r"\d+", command)]
    if command.startswith("head"):
        return lines[: numbers[0]]
    return lines[numbers[0] - 1 : numbers[1]]  # sed -n A,Bp


def edited_workbook(folder: Path) -> None:
    """The slips docs/guides/exports.md describes, made in the template workbook."""
    from openpyxl import load_workbook

    book = load_workbook(folder / "gemeente-x.xlsx")
    book["bronnen"]["D2"] = "vorig jaar"  # the workbook is in Dutch by default
    book["interventies"]["C3"] = "uitvoerng"
    book.save(folder / "gemeente-x-bewerkt.xlsx")


# Files a page's commands read that a person makes by hand (the page says how).
HAND_MADE: dict[str, Callable[[Path], None]] = {"gemeente-x-bewerkt.xlsx": edited_workbook}


def run_step(step: Step, folder: Path) -> list[str]:
    """What the step prints, run in ``folder``."""
    if step.line.startswith("cat "):
        (folder / step.line[4:]).write_text("\n".join(step.shown) + "\n", encoding="utf-8")
        return step.shown
    if step.line.startswith("ls "):
        return sorted(p.name for p in (folder / step.line[3:]).iterdir())
    match = _COMMAND.fullmatch(step.line)
    assert match, f"an example the docs test cannot run: {step.line!r} (add it to NOT_RUN?)"
    args = shlex.split(match["command"])[1:]
    for name, make in HAND_MADE.items():
        if name in args:
            make(folder)
    result = run_cli(*args)
    printed = [] if match["discard"] else _filtered(_lines(result.out), match["filter"])
    printed += _lines(result.err)
    if match["exit"]:
        printed.append(f"exit {result.code}")
    else:
        assert result.code == 0, f"{step.line}: exit {result.code}\n{result.err}"
    return printed


def test_every_page_has_its_examples_found() -> None:
    shown = {page.name for page in pages() if console_steps(page.read_text(encoding="utf-8"))}
    assert {"README.md", "analysts.md", "officers.md", "exports.md", "trainers.md"} <= shown


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_print_what_the_page_shows(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = console_steps(page.read_text(encoding="utf-8"))
    for name in ("models", "tests"):  # examples name files of the repository
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    for step in steps:
        if step.line in NOT_RUN:
            continue
        assert run_step(step, tmp_path) == _lines("\n".join(step.shown)), step.line


def test_the_lines_not_run_are_still_on_the_pages() -> None:
    lines = {step.line for page in pages() for step in console_steps(page.read_text("utf-8"))}
    assert lines >= NOT_RUN


def test_the_analyst_guide_shows_every_analysis_command() -> None:
    steps = console_steps((DOCS / "guides" / "analysts.md").read_text(encoding="utf-8"))
    shown = {shlex.split(step.line)[1] for step in steps}
    assert shown >= {
        "partners",
        "gaps",
        "whatif",
        "cover",
        "routes",
        "resilience",
        "centrality",
        "diff",
        "mechanisms",
    }


PYTHON_EXAMPLE = re.compile(r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", re.S)


def python_examples() -> list[tuple[str, str]]:
    return [
        (code, printed)
        for page in pages()
        for code, printed in PYTHON_EXAMPLE.findall(page.read_text(encoding="utf-8"))
    ]


def test_the_library_page_has_python_examples() -> None:
    assert len(python_examples()) >= 2


@pytest.mark.parametrize(("code", "printed"), python_examples())
def test_python_example_prints_what_the_page_shows(
    code: str, printed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<docs example>", "exec"), {})
    assert _lines(out.getvalue()) == _lines(printed)
