"""The report, the session report and the site's pages pass the Nu Html Checker.

The checker is npm's vnu-jar run on Debian's Java; ``.ci/run`` installs it into
/tmp/barriers-vnu (outside the repository). Under CI a missing checker fails with what to
install; elsewhere the test skips with the same words. One checker run covers every page:
in Dutch and English, a profile's report (model text marked with its language), the
comparison of two profiles, and pages of hostile model text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from barriers import load_model
from barriers.report import render_report
from barriers.session import render_session
from tests.helpers import run_cli
from tests.html_checker import html_errors, vnu_jar
from tests.local_models import BASE, OTHER, PROFILE
from tests.payloads import hostile_model_yaml, hostile_profile


@pytest.mark.browser  # a real client of the pages, like the browser tests
def test_reports_session_reports_and_site_pages_have_no_html_errors(tmp_path: Path) -> None:
    vnu_jar()
    files: list[Path] = []
    for lang in ("nl", "en"):
        for args, name in (
            (("loverboys-general",), "report"),
            (("gemeente-voorbeeld",), "profile-report"),
            (("gemeente-voorbeeld", "--session"), "session"),
        ):
            target = tmp_path / f"{name}-{lang}.html"
            result = run_cli("report", *args, "--lang", lang, "-o", target)
            assert result.code == 0, result.err
            files.append(target)
        for text, name in (
            (BASE, "dorp-basis"),
            (PROFILE, "testdorp"),
            (OTHER, "anderdorp"),
            (hostile_model_yaml(), "hostile"),
        ):
            (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        site = tmp_path / f"site-{lang}"
        models = [tmp_path / f"{n}.yaml" for n in ("dorp-basis", "testdorp", "anderdorp")]
        result = run_cli(
            "--no-cache", "site", *models, "loverboys-general", "-o", site, "--lang", lang
        )
        assert result.code == 0, result.err
        files += [site / "index.html", site / "dorp-basis-local-comparison.html"]
        files += sorted(site.glob("*-report.html"))
        hostile = load_model(tmp_path / "hostile.yaml", use_cache=False).model
        profile = load_model(hostile_profile(tmp_path), use_cache=False).model
        for name, text in (
            ("hostile", render_report(hostile, "html", lang)),
            ("hostile-profile", render_report(profile, "html", lang)),
            ("hostile-session", render_session(profile, "html", lang)),
        ):
            files.append(tmp_path / f"{name}-{lang}.html")
            files[-1].write_text(text, encoding="utf-8")
    assert html_errors(files) == []


@pytest.mark.browser
def test_the_checker_finds_errors(tmp_path: Path) -> None:
    """The harness can fail: a table row outside a table and a duplicate id."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><p id="a">a</p><p id="a">b</p><tr><td>c</td></tr></body></html>',
        encoding="utf-8",
    )
    errors = html_errors([bad])
    assert any("Duplicate ID" in e for e in errors) and len(errors) >= 2, errors
