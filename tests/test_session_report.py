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
  - id: i4
    name: Huisbezoek
    phases: [b, c]
    partners: [p]
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
    assert [x["name"] for x in c["unknown"]] == ["Huisbezoek"] and a["unknown"] == []
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
    notes = [p.local.note for p in model.phases]
    notes += [i.local.note for i in model.interventions if i.local is not None]
    notes += [a.note for a in model.actions]
    for note in notes:
        assert " ".join(note.split()) in " ".join(body.split())
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


# One of every note a session can record, each a text of its own, and where a reader looks for
# it: (the selector of its section, the selector of the element inside it that holds it).
NOTES_PROFILE = """\
id: notes
title: Sessie Notities
extends: base
local: {area: Ergens, date: "2026-11-20", participants: [s]}
phases:
  - {id: a, local: {note: "Fase-opmerking A"}}
partners:
  - {id: p, local: {state: absent, note: "Partner-opmerking politie"}}
interventions:
  - {id: i1, local: {state: in-place, owner: s, contact: "Jan (06-1)", note: "Barriere-opmerking een"}}
  - {id: i2, local: {state: unknown, note: "Onbekend-opmerking twee"}}
  - {id: i4, local: {state: absent, note: "Barriere-opmerking vier"}}
checklist_answers:
  q1: {answer: unknown, note: "Checklist-opmerking"}
actions:
  - {id: x1, title: Afspraken politie, interventions: [i2], note: "Actie-opmerking"}
"""
ROOM = "td.room"
NOTE_PLACES = {
    # a phase's note, and a barrier's at the first phase it acts on (i4: b, not c)
    "Fase-opmerking A": ('tbody[data-phase="a"]', ROOM),
    "Barriere-opmerking een": ('tbody[data-phase="a"]', f'{ROOM} [data-barrier="i1"]'),
    "Jan (06-1)": ('tbody[data-phase="a"]', f'{ROOM} [data-barrier="i1"]'),
    "Onbekend-opmerking twee": ('tbody[data-phase="c"]', f'{ROOM} [data-barrier="i2"]'),
    "Barriere-opmerking vier": ('tbody[data-phase="b"]', f'{ROOM} [data-barrier="i4"]'),
    "Partner-opmerking politie": ('tr[data-partner="p"]', ROOM),
    "Actie-opmerking": ('tr[data-action="x1"]', "td"),
    "Checklist-opmerking": ('tr[data-question="q1"]', "td"),
}


@pytest.fixture
def noted(write_model: Callable[..., Path]) -> Path:
    write_model(BASE, "base.yaml")
    return write_model(NOTES_PROFILE, "notes.yaml")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_note_appears_once_in_markdown(noted: Path, lang: str) -> None:
    md = render_session(load_model(noted, use_cache=False).model, "md", lang)
    assert {note: md.count(note) for note in NOTE_PLACES} == dict.fromkeys(NOTE_PLACES, 1)
    rows = {line.split("|")[1].strip(): line for line in md.splitlines() if line.startswith("| ")}
    assert "Fase-opmerking A" in rows["Werven"].split("|")[4]  # the room's column
    assert "Huisbezoek: Barriere-opmerking vier" in rows["Binden"].split("|")[4]
    assert "Partner-opmerking politie" in rows["Politie"]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_note_appears_once_where_the_reader_looks(
    guarded: GuardedPage, noted: Path, tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "session.html"
    path.write_text(render_session(load_model(noted, use_cache=False).model, "html", lang), "utf-8")
    guarded.open(path, wait_ready=False)
    page = guarded.page
    body = page.inner_text("body")
    for note, (section, holder) in NOTE_PLACES.items():
        assert body.count(note) == 1, note
        held = page.eval_on_selector_all(
            f"{section} {holder}",
            "(els, note) => els.filter(e => e.innerText.includes(note))",
            note,
        )
        assert len(held) == 1, (note, section, holder)
    # the room's column is headed as it promises, in the page's language
    heads = page.eval_on_selector_all("table.picture thead th", "els => els.map(e => e.innerText)")
    assert heads[-1] == ("Wat de groep opmerkte" if lang == "nl" else "What the room noted")


WALK_THROUGH = """\
id: walk
title: Sessie Proef
extends: loverboys-general
local: {area: Gemeente Proef, date: "2026-12-01", participants: [politie, gemeente-jeugd]}
interventions:
  - {id: voorlichting-ouders, local: {state: absent, note: "Ouderavonden zijn gestopt."}}
actions:
  - {id: a1, title: Ouderavond opnieuw, interventions: [voorlichting-ouders], owner: politie, due: "2027-03-01", priority: 1}
checklist_answers:
  kennis-lokale-cijfers: {answer: partly, note: "alleen de cijfers van de politie"}
"""
WALK_RECORDED = 5  # one state, one barrier note, one action, one answer, one answer's note
BARE = """\
id: bare
title: Sessie Leeg
extends: loverboys-general
local: {area: Gemeente Proef}
"""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_unknown_barriers_are_a_count_per_phase(
    write_model: Callable[..., Path], lang: str
) -> None:
    from markupsafe import escape

    from barriers.analysis.local import local_picture
    from barriers.session import WORDS

    model = load_model(write_model(WALK_THROUGH, "walk.yaml"), use_cache=False).model
    rows = local_picture(model)["phases"]
    unknown = {row["id"]: row["unknown"] for row in rows}
    assert sum(map(len, unknown.values())) > 100  # mostly unknown: the case in point
    head = WORDS[lang]["unknown_rest"]
    page = render_session(model, "html", lang)
    names = {i.id: str(escape(i.name)) for i in model.interventions}  # as the page holds them
    for pid, phase_page in re.findall(r'<tbody data-phase="([^"]+)"(.*?)</tbody>', page, re.S):
        counts = re.findall(rf"{re.escape(head)} \((\d+)\):", phase_page)
        assert counts == [str(len(unknown[pid]))], pid
        # by name in that one line, not a list item each
        items = re.findall(r"<li[^>]*>(.*?)</li>", phase_page, re.S)
        assert not [n for i in unknown[pid] for n in items if names[i] in n], pid
        assert all(names[i] in phase_page for i in unknown[pid])
    md = render_session(model, "md", lang)
    for row in rows:
        line = next(x for x in md.splitlines() if x.startswith(f"- **{row['name']}**"))
        assert f"{head} ({len(row['unknown'])}):" in line
    # the one recorded absent barrier is named with its state under every phase it acts on
    absent = "Voorlichting aan ouders en verzorgers"
    word = "afwezig" if lang == "nl" else "absent"
    assert md.count(f"{absent} ({word})") == len(model.intervention("voorlichting-ouders").phases)


@pytest.mark.browser
def test_the_page_grows_with_what_was_recorded_not_with_the_unknowns(
    guarded: GuardedPage, write_model: Callable[..., Path], tmp_path: Path
) -> None:
    """At A4 width in print, each recorded item costs a few lines; unknowns far under one each."""
    page = guarded.page
    page.set_viewport_size({"width": 718, "height": 1000})
    page.emulate_media(media="print")
    measured = {}
    for name, text in (("walk", WALK_THROUGH), ("bare", BARE)):
        model = load_model(write_model(text, f"{name}.yaml"), use_cache=False).model
        path = tmp_path / f"{name}.html"
        path.write_text(render_session(model, "html"), "utf-8")
        guarded.open(path, wait_ready=False)
        measured[name] = page.evaluate(
            """() => ({
              height: document.documentElement.scrollHeight,
              line: parseFloat(getComputedStyle(document.body).lineHeight),
              picture: document.querySelector('table.picture').getBoundingClientRect().height,
            })"""
        )
    walk, bare = measured["walk"], measured["bare"]
    line = walk["line"]
    assert walk["height"] - bare["height"] <= 8 * line * WALK_RECORDED
    # the nothing-recorded picture: 8 phases, 127 (phase, barrier) pairs, all unknown; one
    # line for each pair, as the report once gave them, would be over 127 lines
    pairs = sum(len(i.phases) for i in model.interventions)
    assert bare["picture"] <= 0.6 * pairs * line + 4 * line * len(model.phases)
