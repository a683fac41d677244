"""Just enough WebDriver BiDi to drive Debian's firefox-esr: navigate, evaluate, the log.

Playwright drives only its own Firefox build and Selenium needs geckodriver (which Debian
does not package and this project never downloads), so the Firefox test speaks the standard
WebDriver BiDi protocol that Firefox serves on ``--remote-debugging-port`` itself: a
websocket (the ``websockets`` package) and a few JSON commands. :func:`visit` opens a page
in a fresh headless Firefox with a profile of its own and returns what a script evaluated
there, with the console log and any dialog the page opened.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import connect

from tests.browser_support import missing_browser


def firefox_path() -> str | None:
    return shutil.which("firefox-esr") or shutil.which("firefox")


def require_firefox() -> str:
    """Debian's firefox-esr, or the one line that says how to install it (see
    :func:`tests.browser_support.missing_browser`)."""
    return firefox_path() or missing_browser("firefox-esr", "firefox-esr")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Firefox:
    """Just enough WebDriver BiDi: navigate, evaluate, and the console log."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.counter = 0
        self.log: list[dict[str, Any]] = []
        self.context = ""

    async def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self.counter += 1
        await self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(await self.ws.recv())
            if message.get("method") in ("log.entryAdded", "browsingContext.userPromptOpened"):
                self.log.append({"event": message["method"], **message["params"]})
            if message.get("id") == self.counter:
                assert message["type"] == "success", message
                result: dict[str, Any] = message["result"]
                return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.call(
            "script.evaluate",
            {"expression": expression, "target": {"context": self.context}, "awaitPromise": True},
        )
        assert result["type"] == "success", result
        return json.loads(result["result"]["value"])


async def _visit(url: str, expression: str, profile: Path) -> tuple[Any, list[dict[str, Any]]]:
    port = _free_port()
    profile.mkdir()
    # no updates, telemetry or remote settings: this machine has no network
    (profile / "user.js").write_text(
        'user_pref("remote.active-protocols", 1);\n'
        'user_pref("app.update.enabled", false);\n'
        'user_pref("datareporting.policy.dataSubmissionEnabled", false);\n'
        'user_pref("toolkit.telemetry.enabled", false);\n'
    )
    process = subprocess.Popen(
        [
            require_firefox(),
            "--headless",
            "--no-remote",
            "--profile",
            str(profile),
            f"--remote-debugging-port={port}",
            "--window-size=1400,900",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                ws = await connect(f"ws://127.0.0.1:{port}/session", max_size=None)
                break
            except OSError:
                await asyncio.sleep(0.25)
        else:
            pytest.fail("Firefox did not open its WebDriver BiDi port")
        firefox = Firefox(ws)
        await firefox.call("session.new", {"capabilities": {}})
        tree = await firefox.call("browsingContext.getTree", {})
        firefox.context = tree["contexts"][0]["context"]
        await firefox.call(
            "session.subscribe",
            {"events": ["log.entryAdded", "browsingContext.userPromptOpened"]},
        )
        await firefox.call(
            "browsingContext.navigate", {"context": firefox.context, "url": url, "wait": "complete"}
        )
        value = await firefox.evaluate(expression)
        await ws.close()
        return value, firefox.log
    finally:
        process.terminate()
        process.wait(20)


def visit(url: str, expression: str, profile: Path) -> tuple[Any, list[dict[str, Any]]]:
    """Run the visit on a thread of its own: Playwright's sync API (the other browser tests,
    one session) keeps an event loop running on the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _visit(url, expression, profile)).result()
