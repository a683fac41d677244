"""The map in Firefox too: Debian's firefox-esr, driven over WebDriver BiDi.

Municipal users open the maps in Firefox and Edge as often as in Chrome; Edge is Chromium,
which the other browser tests cover. The client is :mod:`tests.firefox_bidi`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from barriers import load_model
from barriers.map.render import map_html
from tests.firefox_bidi import visit
from tests.helpers import MODELS
from tests.payloads import hostile_model_yaml

pytestmark = pytest.mark.browser


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


SLIDES = """(async () => {
  await window.barriersMap.ready;
  const out = [];
  const n = document.querySelectorAll('#slides [data-slide]').length;
  for (let k = 0; k < n; k++) {
    window.barriersMap.present(k);
    const s = document.querySelector('#slides [data-slide]:not([hidden])');
    const texts = [...s.querySelectorAll('*')].filter(e => e.getClientRects().length &&
      [...e.childNodes].some(c => c.nodeType === Node.TEXT_NODE && c.textContent.trim()));
    out.push({
      overflow: s.scrollHeight - s.clientHeight,
      wide: s.scrollWidth - s.clientWidth,
      smallest: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))),
    });
  }
  return JSON.stringify(out);
})()"""


def test_every_slide_of_the_fullest_model_fits_the_screen_in_firefox(tmp_path: Path) -> None:
    model = load_model(MODELS / "loverboys-lvb.yaml").model
    page = tmp_path / "map.html"
    page.write_text(map_html(model), encoding="utf-8")
    slides, log = visit(page.as_uri(), SLIDES, tmp_path / "profile")
    assert len(slides) == len(model.phases) + 1
    assert all(s["overflow"] <= 0 and s["wide"] <= 0 for s in slides), slides
    assert min(s["smallest"] for s in slides) >= 14, slides  # a laptop's window
    assert [e for e in log if e.get("level") == "error"] == []
