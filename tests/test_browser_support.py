"""The browser fixtures' own promises: Debian's browsers or one line saying what to install
(a failure in CI, a skip elsewhere), and one browser for the session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import browser_support
from tests.browser_support import GuardedPage, require_chromium
from tests.firefox_bidi import require_firefox


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_a_missing_browser_fails_and_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setattr(browser_support, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install chromium .*CI requires it"):
        require_chromium()
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install firefox-esr "):
        require_firefox()


def test_elsewhere_a_missing_browser_is_one_line_saying_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser_support, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_chromium()
    message = str(skipped.value)
    assert "\n" not in message
    assert "apt-get install chromium" in message and "not browser" in message
    with pytest.raises(pytest.skip.Exception, match="apt-get install firefox-esr"):
        require_firefox()


def test_every_test_that_takes_a_browser_is_marked_browser_and_slow(
    request: pytest.FixtureRequest,
) -> None:
    items = request.session.items
    for item in items:
        if {"browser", "guarded"} & set(getattr(item, "fixturenames", ())):
            assert item.get_closest_marker("browser"), item.nodeid
        if item.get_closest_marker("browser"):
            assert item.get_closest_marker("slow"), item.nodeid


def test_chromium_on_the_path_is_found_when_not_at_the_debian_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "chromium"  # never run: only found
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(browser_support, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert require_chromium() == str(fake)


@pytest.mark.browser
def test_pages_come_from_the_one_session_browser(browser: Any, guarded: GuardedPage) -> None:
    assert guarded.page.context.browser is browser
    assert browser.is_connected()
    assert Path(require_chromium()).exists()
