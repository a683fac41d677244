"""Same model, same bytes — across processes and hash seeds, for every output format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from barriers.export import EXPORTERS
from tests.helpers import DATA

pytestmark = pytest.mark.slow  # a subprocess per hash seed and format

MODEL = DATA / "example-variant.yaml"


def _run(args: list[str], seed: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "BARRIERS_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "barriers", *args],
        capture_output=True,
        env=env,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize("fmt", sorted(f for f in EXPORTERS if f != "matrix-png"))
def test_exports_are_byte_identical_across_hash_seeds(fmt: str, tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "4242"):
        target = tmp_path / f"{seed}.out"
        result = _run(["export", str(MODEL), "--to", fmt, "-o", str(target)], seed, tmp_path)
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    "command", [["report", "--format", "md"], ["report"], ["show", "--format", "json"]]
)
def test_reports_are_byte_identical_across_hash_seeds(command: list[str], tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "4242"):
        target = tmp_path / f"{seed}.out"
        result = _run([command[0], str(MODEL), *command[1:], "-o", str(target)], seed, tmp_path)
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
