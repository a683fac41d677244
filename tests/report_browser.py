"""Browser checks for the report and the site, each in a Chromium of its own thread.

``tests/browser_support.py`` gives each test module that imports its fixtures a session
browser of its own, and Playwright's sync API allows one instance per thread: a second
module's fixture fails while the map tests' browser is open. Until the fixture lives in
conftest (one browser for the whole session), these checks run in a thread with its own
Playwright, guarded the same way (no request, no script error; dialogs recorded).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from tests.browser_support import LAUNCH_ARGS, GuardedPage, chromium_path

T = TypeVar("T")


def in_guarded_page(check: Callable[[GuardedPage], T]) -> T:
    """Run ``check`` on a fresh guarded page; fail on any request or script error."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    outcome: dict[str, Any] = {}

    def run() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
                try:
                    outcome["value"] = _checked(browser, check)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test's thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="report-browser")
    worker.start()
    worker.join(timeout=120)
    if worker.is_alive():
        pytest.fail("the browser check did not finish within 120 s")
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["value"]
    return result


def _checked(browser: Any, check: Callable[[GuardedPage], T]) -> T:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    guarded = GuardedPage(page)

    def route(route: Any) -> None:
        if route.request.url.startswith(("http://", "https://")):
            guarded.requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def dialog(d: Any) -> None:
        guarded.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.route("**/*", route)
    page.on("dialog", dialog)
    page.on("pageerror", lambda exc: guarded.errors.append(str(exc)))
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    try:
        result = check(guarded)
    finally:
        context.close()
    assert guarded.requests == [], f"the page made network requests: {guarded.requests}"
    assert guarded.errors == [], f"script errors on the page: {guarded.errors}"
    assert guarded.dialogs == [], f"the page opened dialogs: {guarded.dialogs}"
    return result
