"""Writing results: atomically (temp file, then rename), or to stdout with ``-``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
