"""Writing results: atomically (temp file, then rename), or to stdout with ``-``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from barriers.problems import BarriersError


def write_output(target: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``target`` so that no half-written file is ever left behind.

    ``-`` writes to stdout. Text is written as UTF-8 with ``\\n`` line endings.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if str(target) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    if _inputs and _is_input(path):
        raise BarriersError(f"{path}: refusing to write over a model file this command reads")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(path, exc) from None
        raise


class OutputError(BarriersError):
    """A result could not be written (no such folder, no permission, disk full, ...)."""

    def __init__(self, path: Path, exc: OSError) -> None:
        reason = exc.strerror or str(exc) or type(exc).__name__
        super().__init__(f"{path}: cannot write: {reason}")


# Files the running command reads (model files and the files they extend): never written.
_inputs: set[Path] = set()


def protect(*paths: Path) -> None:
    """Refuse, from now on, to write over these files (the CLI's inputs)."""
    _inputs.update(Path(p) for p in paths)


def forget_protected() -> None:
    _inputs.clear()


def _is_input(path: Path) -> bool:
    try:
        return path.exists() and any(p.exists() and path.samefile(p) for p in _inputs)
    except OSError:
        return False
