"""The pages pass the Nu Html Checker (vnu.jar, from npm's vnu-jar, on Debian's Java).

One checker run covers the bundled maps (as committed, in English, compared with their base),
a map of hostile model text, the bundled models' reports and a site index. ``.ci/run``
installs the checker (tests/html_checker.py: under CI a missing one fails, elsewhere it skips).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from barriers import load_model
from barriers.map.render import map_html
from tests.helpers import MODELS, ROOT, run_cli
from tests.html_checker import html_errors as check
from tests.payloads import hostile_model_yaml

pytestmark = pytest.mark.browser  # a real client of the pages, like the browser tests

BUNDLED = ["loverboys-general", "loverboys-lvb", "loverboys-islamic"]


def test_maps_reports_and_the_site_index_have_no_html_errors(tmp_path: Path) -> None:
    files = [ROOT / "outputs" / f"{model_id}.html" for model_id in BUNDLED]
    general = load_model(MODELS / "loverboys-general.yaml").model
    english = tmp_path / "general-en.html"
    english.write_text(map_html(general, lang="en"), encoding="utf-8")
    lvb = load_model(MODELS / "loverboys-lvb.yaml").model
    compared = tmp_path / "lvb-compare.html"
    compared.write_text(map_html(lvb, base=general), encoding="utf-8")
    (tmp_path / "hostile.yaml").write_text(hostile_model_yaml(), encoding="utf-8")
    hostile = tmp_path / "hostile.html"
    hostile.write_text(
        map_html(load_model(tmp_path / "hostile.yaml", use_cache=False).model), encoding="utf-8"
    )
    files += [english, compared, hostile]
    for model_id in BUNDLED:
        target = tmp_path / f"report-{model_id}.html"
        result = run_cli("report", model_id, "-o", target)
        assert result.code == 0, result.err
        files.append(target)
    site = tmp_path / "site"
    result = run_cli("site", "loverboys-general", "-o", site)
    assert result.code == 0, result.err
    files.append(site / "index.html")
    assert check(files) == []


def test_the_checker_finds_errors(tmp_path: Path) -> None:
    """The harness can fail: a page with a forbidden code point and a duplicate id."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><p id="a">\u0085</p><p id="a">b</p></body></html>',
        encoding="utf-8",
    )
    errors = check([bad])
    assert any("U+0085" in e for e in errors) and len(errors) >= 2, errors
