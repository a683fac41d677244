"""Shared fixtures: an isolated model cache, a CLI runner, a factory for model files."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from barriers.cli import main

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
DATA = Path(__file__).resolve().parent / "data"
EXAMPLE = DATA / "example.yaml"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never read or write the user's real cache."""
    old = os.environ.get("BARRIERS_CACHE_DIR")
    os.environ["BARRIERS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("BARRIERS_CACHE_DIR", None)
    else:
        os.environ["BARRIERS_CACHE_DIR"] = old


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path, input: str | None = None) -> Result:
    """Run ``barriers ARGS`` in-process through the real entry point (error handling included)."""
    runner = CliRunner()
    with runner.isolation(input=input) as streams:
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out = streams[0].getvalue().decode("utf-8", "replace")
        err = streams[1].getvalue().decode("utf-8", "replace")
    return Result(code, out, err)


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli


@pytest.fixture
def write_model(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) to ``tmp_path/NAME`` and return the path."""

    def write(text: str, name: str = "model.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
