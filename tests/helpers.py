"""What tests share besides fixtures: paths to the test data and the in-process CLI runner.

Import from here, not from another test module or from ``conftest`` (pytest owns that one).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from barriers.cli import main

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
DATA = Path(__file__).resolve().parent / "data"
EXAMPLE = DATA / "example.yaml"


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
