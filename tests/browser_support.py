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

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

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


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing_browser(name: str, package: str) -> NoReturn:
    """Say in one line what to install. Under ``CI=true`` (``.ci/run`` installs the browsers)
    a missing browser fails the run; elsewhere its tests are skipped with that line."""
    message = (
        f"{name} is not installed; the browser tests need it: apt-get install {package} "
        "(or leave them out: pytest -m 'not browser')"
    )
    if in_ci():
        pytest.fail(f"{message}; CI requires it", pytrace=False)
    pytest.skip(message)


def require_chromium() -> str:
    """Debian's chromium, or the one line that says how to install it."""
    return chromium_path() or missing_browser("chromium", "chromium")


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


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
