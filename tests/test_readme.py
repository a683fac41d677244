"""The README is part of the product: its commands are real and CI runs its quick start."""

from __future__ import annotations

import re
from pathlib import Path

from barriers.cli import COMMANDS
from barriers.model import ITEM_CLASSES, Facilitator, Model, Opportunity, Signal
from tests.helpers import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def quick_start_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", section("Quick start"), re.S)
    assert block, "the quick start has a sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_exactly_them() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    install, tests = commands
    assert "pip install" in install and "barriers map" in install
    assert tests.split()[0] == "pytest"
    ci_lines = [line.strip() for line in CI.splitlines()]
    for command in commands:
        assert command in ci_lines, f"{command!r} is not a line of .ci/run"
    assert ci_lines.index(install) < ci_lines.index(tests)


def test_every_command_is_in_the_readme() -> None:
    for name in COMMANDS:
        assert f"barriers {name}" in README, name


def test_every_command_has_help_text() -> None:
    for name in COMMANDS:
        result = run_cli(name, "--help")
        assert result.code == 0, name
        assert len(result.out.splitlines()) > 3, name


def test_every_field_of_the_format_is_documented() -> None:
    text = section("The model format")
    classes = [Model, *ITEM_CLASSES.values(), Signal, Opportunity, Facilitator]
    for cls in classes:
        for name in cls.model_fields:
            assert f"`{name}`" in text, f"{cls.__name__}.{name}"


def test_the_variant_example_validates(tmp_path: Path) -> None:
    text = section("The model format")
    block = re.search(r"```yaml\n(id: .*?)```", text, re.S)
    assert block
    path = tmp_path / "gemeente-voorbeeld.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    result = run_cli("validate", path)
    assert result.code == 0, result.err
