"""The session report: what a barrier session recorded, through the library, the CLI and a browser."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from barriers import load_model
from barriers.session import render_session, session_data
from tests.browser_support import GuardedPage
from tests.helpers import Result
from tests.payloads import hostile_profile

BASE = """\
id: base
title: Base
phases:
  - id: a
    name: Werven
  - id: b
    name: Binden
  - id: c
    name: Uitbuiten
partners:
  - id: p
    name: Politie
  - id: s
    name: School
interventions:
  - id: i1
    name: Voorlichting
    phases: [a]
    partners: [s]
  - id: i2
    name: Opsporing
    phases: [c]
    partners: [p]
  - id: i3
    name: Mentorgesprek
    phases: [b]
    partners: [s]
checklist:
  - id: t
    name: Thema
    questions:
      - {id: q1, text: Vraag een?, interventions: [i2]}
"""

PROFILE = """\
id: here
title: Sessie Ergens
extends: base
local: {area: Ergens, date: "2026-11-20", participants: [p, s]}
phases:
  - {id: a, local: {note: "Werving gaat vooral online."}}
interventions:
  - {id: i1, local: {state: in-place, owner: s, note: "elk jaar"}}
  - {id: i2, local: {state: planned}}
  - {id: i3, local: {state: partial}}
checklist_answers:
  q1: {answer: "no", note: "geen afspraken"}
actions:
  - {id: x1, title: Afspraken politie, interventions: [i2], owner: p, due: "2026-10-01", priority: 1}
  - {id: x2, title: Gesprek school, phases: [b], state: done, priority: 2}
"""


@pytest.fixture
def profile(write_model: Callable[..., Path]) -> Path:
    write_model(BASE, "base.yaml")
    return write_model(PROFILE, "here.yaml")


def test_the_session_data_worked_by_hand(profile: Path) -> None:
    data = session_data(load_model(profile, use_cache=False).model)
    assert (data["area"], data["date"]) == ("Ergens", "2026-11-20")
    assert data["participants"] == [{"id": "p", "name": "Politie"}, {"id": "s", "name": "School"}]
    a, b, c = data["phases"]
    assert a["note"] == "Werving gaat vooral online."
    assert [(x["name"], x["state"], x["owner"], x["note"]) for x in a["here"]] == [
        ("Voorlichting", "in-place", "School", "elk jaar")
    ]
    assert [x["state"] for x in b["here"]] == ["partial"] and not b["open"]
    assert c["here"] == [] and c["open"]
    assert [(x["name"], x["state"]) for x in c["not_here"]] == [("Opsporing", "planned")]
    assert c["actions"] == ["x1"]  # the open action on i2 addresses phase c; x2 is done
    first, second = data["actions"]
    assert (first["id"], first["overdue"], first["owner_name"]) == ("x1", True, "Politie")
    assert first["about"] == ["Opsporing"]
    assert second["about"] == ["Binden"]
    assert data["without_plan"] == []
    assert data["checklist"]["open"] == ["q1"]


def test_html_and_markdown_in_both_languages(profile: Path, cli: Callable[..., Result]) -> None:
    page = cli("report", profile, "--session", "--format", "html")
    assert page.code == 0, page.err
    assert page.out.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "Verslag barrièresessie: <span>Ergens</span>" in page.out
    assert "OPEN: geen barrière staat hier" in page.out and "te laat" in page.out
    english = cli("report", profile, "--session", "--lang", "en", "--format", "html").out
    assert '<html lang="en">' in english and "At the table" in english and "overdue" in english
    md = cli("report", profile, "--session", "--format", "md")
    assert md.out.startswith("# Verslag barrièresessie: Sessie Ergens\n")
    assert "| Uitbuiten | OPEN: geen barrière staat hier | Opsporing (gepland) |  |" in md.out
    assert "| 1 | Afspraken politie | Opsporing | Politie | 2026-10-01 | open (te laat) |" in md.out
    # deterministic: same profile, same bytes
    assert cli("report", profile, "--session", "--format", "md").out == md.out


def test_only_for_a_local_profile(
    write_model: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    result = cli("report", write_model(BASE), "--session")
    assert result.code == 1
    assert "is not a local profile" in result.err and result.out == ""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_escapes_hostile_text(tmp_path: Path, lang: str) -> None:
    model = load_model(hostile_profile(tmp_path), use_cache=False).model
    md = render_session(model, "md", lang)
    # every '<' is escaped: no markdown renderer can make a tag of model text
    assert re.search(r"(?<!\\)<", md) is None
    assert "\\<script" in md


def _model_texts(value: object) -> set[str]:
    """Every text in the session's data (the profile's words, as written; not ids or keys)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        keys = {"id", "model_id", "state", "answer", "language", "states", "candidates"}
        return {t for k, item in value.items() if k not in keys for t in _model_texts(item)}
    if isinstance(value, list):
        return {t for item in value for t in _model_texts(item)}
    return set()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_speaks_its_language(profile: Path, lang: str) -> None:
    from barriers.analysis.checklist import ANSWER_WORDS
    from barriers.analysis.local import STATE_WORDS
    from barriers.session import WORDS

    def vocabulary(lang: str) -> set[str]:
        return (
            set(WORDS[lang].values())
            | set(ANSWER_WORDS[lang].values())
            | {pair[0 if lang == "nl" else 1] for pair in STATE_WORDS.values()}
        )

    model = load_model(profile, use_cache=False).model
    other = "en" if lang == "nl" else "nl"
    md, there = render_session(model, "md", lang), render_session(model, "md", other)
    ids = {x.id for x in (*model.phases, *model.partners, *model.interventions, *model.actions)}
    texts = {
        t
        for t in _model_texts(session_data(model)) - vocabulary(lang) - vocabulary(other) - ids
        if len(t) > 3
    }
    assert {"Werving gaat vooral online.", "geen afspraken", "Afspraken politie"} <= texts
    lines = md.splitlines()
    headings = [line.lstrip("#").strip() for line in lines if line.startswith("#")]
    assert headings[0] == f"{WORDS[lang]['title']}: Sessie Ergens"
    assert set(headings[1:]) - vocabulary(lang) == {"Thema"}  # a theme: the model's name
    headers = [
        cell.strip()
        for above, line in itertools.pairwise(lines)
        if line.startswith("| ---")
        for cell in above.strip("|").split("|")
    ]
    assert headers and set(headers) <= vocabulary(lang)
    # none of the other language's words, outside the model's text; that text as written
    ours = md
    for text in sorted(texts, key=len, reverse=True):
        assert md.count(text) == there.count(text), text
        ours = ours.replace(text, "")
    theirs = {w for w in vocabulary(other) - vocabulary(lang) if len(w) > 3}
    assert [w for w in theirs if re.search(rf"(?<!\\w){re.escape(w)}(?!\\w)", ours)] == []


@pytest.mark.browser
def test_hostile_session_report_runs_nothing_and_keeps_the_text(
    guarded: GuardedPage, tmp_path: Path
) -> None:
    model = load_model(hostile_profile(tmp_path), use_cache=False).model
    path = tmp_path / "session.html"
    path.write_text(render_session(model, "html"), encoding="utf-8")
    guarded.open(path, wait_ready=False)
    page = guarded.page
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('[data-pwned], #pwned').length") == 0
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("window.__cspViolations") == []
    # every text comes through as the text it is: neither run nor mangled nor double-escaped
    body = page.inner_text("body")
    for phase in model.phases:
        assert " ".join(phase.local.note.split()) in " ".join(body.split())
    assert guarded.dialogs == []


@pytest.mark.browser
@pytest.mark.parametrize("model_ref", ["profile"])
def test_the_session_report_prints_on_a4(
    guarded: GuardedPage, profile: Path, tmp_path: Path, model_ref: str
) -> None:
    path = tmp_path / "session.html"
    path.write_text(render_session(load_model(profile, use_cache=False).model, "html"), "utf-8")
    guarded.open(path, wait_ready=False)
    page = guarded.page
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less 12 mm margins, at 96 dpi
    page.emulate_media(media="print")
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('table')].filter(t =>
             t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5
             || t.scrollWidth > t.clientWidth + 1).length"""
    )
    assert overflow == 0
    heads = page.evaluate(
        "[...document.querySelectorAll('thead')].map(t => getComputedStyle(t).display)"
    )
    assert heads and set(heads) == {"table-header-group"}  # headers repeat on every page
    assert (
        page.evaluate("getComputedStyle(document.querySelector('thead th')).printColorAdjust")
        == "exact"
    )
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1
