"""The local-profiles docs page shows what the commands really print on the bundled example."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.helpers import ROOT, run_cli

PAGES = sorted((ROOT / "docs").glob("**/local-profiles.md"))


def _console_blocks() -> list[tuple[str, str]]:
    """(command, output) of each ``$ barriers ...`` in a console block that shows one run."""
    text = PAGES[0].read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        runs = re.split(r"^\$ ", block, flags=re.M)[1:]
        for run in runs:
            command, _, output = run.partition("\n")
            found.append((command, output))
    return found


def test_the_page_exists() -> None:
    assert len(PAGES) == 1, PAGES


@pytest.mark.parametrize(
    "command",
    ["barriers local gemeente-voorbeeld", "barriers plan gemeente-voorbeeld"],
)
def test_the_page_shows_the_real_output(command: str) -> None:
    shown = dict(_console_blocks())
    assert command in shown, f"{command!r} is not on the page"
    result = run_cli(*shlex.split(command)[1:])
    assert result.code == 0, result.err
    assert shown[command] == result.out
