"""Notes (`notes` and `note` fields) are shown in `show`, the report and the md export, as text."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest

from barriers import load_model
from barriers.notes import model_notes, note_text
from barriers.report import render_report
from tests.helpers import DATA, Result

PROFILE = DATA / "example-profile.yaml"

HOSTILE = """\
id: notities
title: Notities
notes: "<script>alert(1)</script> *vet* [x](javascript:alert(1))"
local: {area: X}
phases:
  - id: werven
    name: Werven
    notes: {contact: "<b>mentor</b>", dagen: [1, 2]}
partners:
  - id: school
    name: School
    local: {state: present, note: "& <i>ja</i>"}
interventions:
  - id: les
    name: Les
    phases: [werven]
    partners: [school]
    notes: "regel een\\nregel twee"
actions:
  - {id: a, title: Actie, note: "\\u001b[31mrood"}
"""


@pytest.fixture
def hostile(write_model: Callable[..., Path]) -> Path:
    return write_model(HOSTILE, "notities.yaml")


def test_note_text_keeps_text_and_writes_data_as_compact_json() -> None:
    assert note_text("gewoon tekst") == "gewoon tekst"
    assert note_text({"b": 1, "a": ["x"]}) == '{"a": ["x"], "b": 1}'
    assert note_text([1, "é"]) == '[1, "é"]'
    assert note_text(None) is None
    assert note_text({}) is None


def test_every_note_of_the_example_profile_is_gathered_in_order() -> None:
    model = load_model(PROFILE, use_cache=False).model
    found = [(n.kind, n.id, n.field, n.text) for n in model_notes(model)]
    assert found == [
        ("model", "example-profile", "notes", '{"contacts": ["a", "b"], "reviewed": "no"}'),
        ("source", "bron-b", "notes", "alleen voor intern gebruik"),
        ("phase", "werving", "notes", "eerste stap"),
        ("phase", "werving", "local.note", "De groep zag vooral werving via sociale media."),
        ("partner", "school", "notes", '{"contact": "mentor"}'),
        ("partner", "school", "local.note", "mentoren doen mee"),
        ("intervention", "voorlichting", "notes", '{"duur": "2 lessen"}'),
        ("intervention", "voorlichting", "local.note", "elk jaar in groep 8"),
        ("action", "bank-afspraak", "note", "eerste gesprek gepland"),
    ]


def test_show_lists_notes_beside_their_items(cli: Callable[..., Result]) -> None:
    result = cli("--no-cache", "show", PROFILE)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[2:4] == [
        "local profile of Gemeente Voorbeeld on 2026-11-20",
        "partners absent here: Bank",
    ]
    werving = lines.index("1. Werving [werving] -> binden")
    assert lines[werving + 1] == "   note: eerste stap"
    assert lines[werving + 2] == "   local note: De groep zag vooral werving via sociale media."
    assert lines[werving + 3].endswith("— School [in-place]")
    assert lines[werving + 4 : werving + 6] == [
        '       note: {"duur": "2 lessen"}',
        "       local note: elk jaar in groep 8",
    ]
    notes = lines[lines.index("Notes") + 1 :]
    assert "   partner school: local note: mentoren doen mee" in notes
    assert "   action bank-afspraak: note: eerste gesprek gepland" in notes


def test_show_keeps_terminal_control_characters_out(
    cli: Callable[..., Result], hostile: Path
) -> None:
    result = cli("--no-cache", "show", hostile)
    assert result.code == 0, result.err
    assert "\x1b" not in result.out
    assert "   action a: note: \\x1b[31mrood" in result.out
    assert "       note: regel een regel twee" in result.out


def test_md_export_lists_notes_escaped(cli: Callable[..., Result], hostile: Path) -> None:
    result = cli("--no-cache", "export", hostile, "--to", "md", "-o", "-")
    assert result.code == 0, result.err
    text = result.out
    notes = text[text.index("## Notes") :]
    assert "<script>" not in notes and "<b>" not in notes
    assert (
        r"- Model Notities (`notities`): \<script\>alert(1)\</script\> \*vet\* "
        r"\[x\](javascript:alert(1))" in notes
    )
    assert (
        r'- Phase Werven (`werven`): {"contact": "\<b\>mentor\</b\>", "dagen": \[1, 2\]}' in notes
    )
    assert r"- Partner School (`school`) (local): &amp; \<i\>ja\</i\>" in notes


def test_report_shows_notes_as_text(hostile: Path) -> None:
    model = load_model(hostile, use_cache=False).model
    page = render_report(model, "html", "en")
    assert "<script>alert" not in page and "<i>ja</i>" not in page
    section = page[page.index('<section id="notes">') : page.index('<section id="sources">')]
    assert html.escape("<script>alert(1)</script> *vet*") in section
    assert "&amp; &lt;i&gt;ja&lt;/i&gt;" in section
    assert '<a href="#notes">Notes</a>' in page
    md = render_report(model, "md", "en")
    assert r"- Partner School (`school`) (local): &amp; \<i\>ja\</i\>" in md


def test_a_model_without_notes_has_no_notes_section() -> None:
    model = load_model(DATA / "example-variant.yaml", use_cache=False).model
    bare = model.model_copy(
        update={
            "notes": None,
            "sources": [s.model_copy(update={"notes": None}) for s in model.sources],
            "phases": [p.model_copy(update={"notes": None}) for p in model.phases],
            "partners": [p.model_copy(update={"notes": None}) for p in model.partners],
            "interventions": [i.model_copy(update={"notes": None}) for i in model.interventions],
        }
    )
    page = render_report(bare, "html")
    assert 'id="notes"' not in page and "#notes" not in page
    assert "## Notes" not in render_report(bare, "md", "en")
