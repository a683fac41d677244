"""What the browser tests share besides their fixtures: Debian's chromium, and a guarded page.

The fixtures themselves, ``browser`` (one headless chromium for the whole session) and
``guarded`` (a fresh :class:`GuardedPage` for each test), are defined once in
``tests/conftest.py``, so every module gets the same Playwright; take them as test arguments
and import only :class:`GuardedPage` from here, for its type. A ``guarded`` page has its every
http(s) request aborted and recorded, its dialogs dismissed and recorded, and its script
errors recorded; the fixture fails the test at teardown if any request was made or any script
error happened, and each test can assert on them too.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str | None:
    return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")


def require_chromium() -> str:
    """Debian's chromium, or a failure that says how to install it (never a skip)."""
    executable = chromium_path()
    if executable is None:
        pytest.fail(
            f"no Chromium at {CHROMIUM} nor 'chromium' on PATH, and the browser tests need it: "
            "install Debian's chromium: apt-get install chromium (.ci/run does)",
            pytrace=False,
        )
    return executable


@dataclass
class GuardedPage:
    """A page with a network guard, and what happened on it."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, path: Path, *, wait_ready: bool = True) -> float:
        """Load a local file; with ``wait_ready``, wait for ``barriersMap.ready``.

        Returns the time from navigation start to ``ready`` in milliseconds (0 without).
        """
        self.page.goto(Path(path).resolve().as_uri())
        if not wait_ready:
            return 0.0
        return float(self.page.evaluate("window.barriersMap.ready.then(() => performance.now())"))
