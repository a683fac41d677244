"""Shared fixtures: an isolated model cache, a CLI runner, a factory for model files, a browser."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import LAUNCH_ARGS, GuardedPage, require_chromium
from tests.helpers import Result, run_cli

BROWSER_FIXTURES = {"browser", "guarded"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that opens a browser is a ``browser`` test, and every browser test ``slow``
    (so ``-m "not browser"`` and ``-m "not slow"`` never start one)."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never read or write the user's real cache, nor the user's cache key."""
    names = ("BARRIERS_CACHE_DIR", "BARRIERS_CACHE_KEY")
    old = {name: os.environ.get(name) for name in names}
    os.environ["BARRIERS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["BARRIERS_CACHE_KEY"] = str(tmp_path_factory.mktemp("key") / "cache-key")
    yield
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty model cache of the test's own (and a key of its own), switched on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("BARRIERS_CACHE_DIR", str(folder))
    monkeypatch.setenv("BARRIERS_CACHE_KEY", str(tmp_path / "key" / "cache-key"))
    monkeypatch.delenv("BARRIERS_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def write_model(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) to ``tmp_path/NAME`` and return the path."""

    def write(text: str, name: str = "model.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


# == Browser fixtures ============================================================================
# One Playwright and one headless Chromium for the whole session, shared by every module that
# takes ``browser`` or ``guarded`` (map, report, site). They live here, not in a module that
# tests import: a fixture imported into two modules is two fixtures, and a second session
# Playwright in the same thread fails ("Sync API inside the asyncio loop").
# ``guarded`` is a :class:`tests.browser_support.GuardedPage` (see there for what it records).


@pytest.fixture(scope="session", name="browser")
def browser_fixture() -> Iterator[Any]:
    """One headless Debian chromium for the session; a missing one says what to install."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(name="guarded")
def guarded_fixture(browser: Any) -> Iterator[GuardedPage]:
    """A fresh page that aborts and records every http(s) request, dialog and script error.

    The test fails at teardown if the page made any request or had any script error.
    """
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
