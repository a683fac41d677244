"""The README's analysis examples are real: each one runs and prints what the README shows."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.helpers import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _analyst_examples() -> list[tuple[str, int | None, str]]:
    start = README.index("\n## For analysts\n")
    end = README.index("\n## ", start + 1)
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README[start:end], re.S):
        lines = block.splitlines()
        command, head = lines[0][2:], None
        cut = re.fullmatch(r"(.*?) \| head -n (\d+)", command)
        if cut:  # the README shows the first lines only
            command, head = cut.group(1), int(cut.group(2))
        if not lines[0].startswith("$ barriers ") or any(c in command for c in ";|>&"):
            continue  # other shell lines are shown for the exit code, not compared here
        if any(line.startswith("$ ") for line in lines[1:]):
            continue
        examples.append((command, head, "\n".join(lines[1:])))
    return examples


EXAMPLES = _analyst_examples()


def test_the_analyst_section_has_an_example_of_every_analysis_command() -> None:
    shown = {shlex.split(command)[1] for command, _, _ in EXAMPLES}
    assert shown >= {"partners", "gaps", "whatif", "cover", "routes", "centrality", "diff"}


@pytest.mark.parametrize(("command", "head", "shown"), EXAMPLES, ids=[c for c, _, _ in EXAMPLES])
def test_readme_example_output_is_what_the_tool_prints(
    command: str, head: int | None, shown: str
) -> None:
    result = run_cli(*shlex.split(command)[1:])
    assert result.code == 0, result.err
    printed = [line.rstrip() for line in result.out.rstrip("\n").splitlines()]
    expected = [line.rstrip() for line in shown.rstrip("\n").splitlines()]
    if head is not None:
        printed = printed[:head]
    assert printed == expected
