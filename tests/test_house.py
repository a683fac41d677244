"""The habits of a maintained project: one version, a licence, a changelog, shipped types."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata

import yaml

import barriers
from tests.helpers import ROOT, run_cli

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_written_once() -> None:
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "barriers/_version.py"
    assert metadata.version("barriers") == barriers.__version__
    written = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "barriers").rglob("*.py")
        if re.search(r"^__version__ = ", p.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert written == ["barriers/_version.py"]


def test_version_option_prints_it_without_loading_the_library() -> None:
    assert run_cli("--version").out.strip().endswith(barriers.__version__)
    script = (
        "import sys\nfrom barriers.cli import main\ntry:\n    main(['--version'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('barriers.load', 'pydantic',"
        " 'networkx', 'yaml'))), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip().endswith(barriers.__version__)
    assert result.stderr.strip() == "[]"


def test_the_licence_is_the_one_pyproject_names() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "barriers contributors" in text


def test_the_changelog_keeps_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert versions[0] == "Unreleased"
    assert barriers.__version__ in versions
    for version in versions:  # every heading links to its changes
        assert re.search(rf"^\[{re.escape(version)}\]: ", text, re.MULTILINE), version


def test_the_package_ships_its_types() -> None:
    assert (ROOT / "barriers" / "py.typed").is_file()
    assert PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["barriers"]


def test_pre_commit_runs_ruff_and_mypy_without_network() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "mypy"} <= hooks.keys()
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert all(hook["language"] == "system" for hook in hooks.values())


def test_no_test_module_imports_another_or_conftest() -> None:
    """Shared test code lives in helper modules (tests/helpers.py, local_models.py, ...)."""
    import ast

    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                name = node.module
                if name == "tests.conftest" or name.startswith("tests.test_"):
                    found.append(f"{path.name}:{node.lineno}: {name}")
    assert found == []
