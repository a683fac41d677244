"""Playwright fixtures for pages the tool writes: Debian's chromium, no network at all.

Use them from a test module with::

    from tests.browser_support import browser_fixture, guarded_fixture  # noqa: F401

and take ``browser`` or ``guarded`` as test arguments. ``guarded`` is a :class:`GuardedPage`:
a fresh page whose every http(s) request is aborted and recorded, whose dialogs are dismissed
and recorded, and whose script errors are recorded; the fixture fails the test at teardown
if any request was made or any script error happened, and each test can assert on them too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
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


@pytest.fixture(scope="session", name="browser")
def browser_fixture() -> Iterator[Any]:
    """One headless chromium for the session (skipped, with the reason, if it is missing)."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(name="guarded")
def guarded_fixture(browser: Any) -> Iterator[GuardedPage]:
    """A fresh page that aborts and records every http(s) request (see the module doc)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    guarded = GuardedPage(page)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://", "https://")):
            guarded.requests.append(url)
            route.abort()
        else:
            route.continue_()

    def dialog(d: Any) -> None:
        guarded.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.route("**/*", route)
    page.on("dialog", dialog)
    page.on("pageerror", lambda exc: guarded.errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: guarded.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    # every Content-Security-Policy violation is a request or a script the page tried
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    yield guarded
    context.close()
    assert guarded.requests == [], f"the page made network requests: {guarded.requests}"
    assert guarded.errors == [], f"script errors on the page: {guarded.errors}"
