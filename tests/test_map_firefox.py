"""The map in Firefox too: Debian's firefox-esr, driven over WebDriver BiDi.

Playwright drives only its own Firefox build, so this speaks the standard WebDriver BiDi
protocol that Firefox serves on ``--remote-debugging-port`` directly (a websocket and a few
JSON commands). Municipal users open the maps in Firefox and Edge as often as in Chrome;
Edge is Chromium, which the other browser tests cover.
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

from barriers import load_model
from barriers.map.render import map_html
from tests.helpers import MODELS
from tests.payloads import hostile_model_yaml

pytestmark = pytest.mark.browser


def _firefox() -> str:
    found = shutil.which("firefox-esr") or shutil.which("firefox")
    if found is None:
        pytest.fail(
            "no firefox-esr on PATH, and the Firefox map test needs it: install Debian's "
            "firefox-esr: apt-get install firefox-esr (.ci/run does)",
            pytrace=False,
        )
    return found


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
    from websockets.asyncio.client import connect

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
            _firefox(),
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


CHECK = """(async () => {
  await window.barriersMap.ready;
  const ids = window.barriersMap.nodeIds();
  window.barriersMap.select(ids[0]);
  const canvas = document.querySelector("canvas");
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
  return JSON.stringify({
    ids: ids,
    inked: inked,
    title: document.title,
    panel: document.querySelector("[data-pwned]") === null,
    pwned: typeof window.__pwned,
    panelText: document.body.innerText,
  });
})()"""


def test_the_general_map_works_in_firefox(tmp_path: Path) -> None:
    model = load_model(MODELS / "loverboys-general.yaml").model
    page = tmp_path / "map.html"
    page.write_text(map_html(model), encoding="utf-8")
    value, log = visit(page.as_uri(), CHECK, tmp_path / "profile")
    expected = [f"phase:{p.id}" for p in model.phases]
    assert set(expected) <= set(value["ids"])
    assert len(value["ids"]) == len(model.phases) + len(model.partners) + len(model.interventions)
    assert value["inked"] > 10_000, "the canvas is drawn"
    assert model.phases[0].name in value["panelText"]  # select() opened the details panel
    assert [e for e in log if e.get("level") == "error"] == []


def test_hostile_text_does_not_run_in_firefox(tmp_path: Path) -> None:
    source = tmp_path / "hostile.yaml"
    source.write_text(hostile_model_yaml(), encoding="utf-8")
    model = load_model(source, use_cache=False).model
    page = tmp_path / "map.html"
    page.write_text(map_html(model), encoding="utf-8")
    value, log = visit(page.as_uri(), CHECK, tmp_path / "profile")
    assert value["pwned"] == "undefined"
    assert value["panel"] is True
    assert value["title"].endswith(model.title)  # the payload shown as text, not run
    assert [e for e in log if e["event"] == "browsingContext.userPromptOpened"] == []
