"""The browser fixtures' own promises: Debian's chromium or a clear failure, one browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests import browser_support
from tests.browser_support import GuardedPage, require_chromium


def test_a_missing_chromium_fails_and_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser_support, "CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="install Debian's chromium: apt-get install"):
        require_chromium()


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
