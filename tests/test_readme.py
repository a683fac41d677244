"""The README is the front door: its quick start is what CI runs, and it leads to the docs."""

from __future__ import annotations

import re

from barriers.cli import COMMANDS
from tests.helpers import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
MAX_LINES = 250


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


def test_ci_builds_the_docs_strictly() -> None:
    ci_lines = [line.strip() for line in CI.splitlines()]
    assert any(line.endswith("mkdocs build --strict") for line in ci_lines)


def test_the_readme_is_a_front_door() -> None:
    assert len(README.splitlines()) <= MAX_LINES
    assert "](outputs/map-first-view.png)" in README
    # one example per user, with real output (run by tests/test_docs_examples.py)
    for title in ("For municipal safety officers", "For analysts", "For trainers"):
        assert "```console\n$ barriers " in section(title), title


def readme_links() -> list[str]:
    return re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)


def test_the_readme_links_every_docs_page_and_every_link_resolves() -> None:
    links = readme_links()
    for link in links:
        if not link.startswith(("http://", "https://")):
            assert (ROOT / link).exists(), link
    pages = sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "docs").rglob("*.md")
        if "_incoming" not in path.parts
    )
    assert pages, "docs/ has pages"
    for page in pages:
        assert page in links, f"the README does not link {page}"


def test_every_command_is_named_in_the_readme() -> None:
    for name in COMMANDS:
        assert f"`barriers {name}" in README, name


def test_every_command_has_help_text() -> None:
    for name in COMMANDS:
        result = run_cli(name, "--help")
        assert result.code == 0, name
        assert len(result.out.splitlines()) > 3, name
        assert "Example" in result.out, f"{name} --help has no example"
