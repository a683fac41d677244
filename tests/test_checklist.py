"""Checklists in the format, their references and answers, and `barriers checklist`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from barriers import load_model
from barriers.analysis.checklist import checklist
from barriers.problems import ModelError
from tests.helpers import DATA, Result

BASE = """\
id: base
title: Base
phases:
  - id: a
    name: A
  - id: b
    name: B
partners:
  - id: p
    name: P
interventions:
  - id: i1
    name: Eerste barrière
    phases: [a]
    partners: [p]
  - id: i2
    name: Tweede barrière
    phases: [b]
    partners: [p]
checklist:
  - id: t1
    name: Thema een
    questions:
      - id: q1
        text: Vraag een?
        interventions: [i1, i2]
      - id: q2
        text: Vraag twee?
  - id: t2
    name: Thema twee
    questions:
      - id: q3
        text: Vraag drie?
        interventions: [i2]
"""


def _problems(path: Path) -> list[str]:
    with pytest.raises(ModelError) as caught:
        load_model(path, use_cache=False)
    return [p.render() for p in caught.value.problems]


def test_a_model_without_answers_answers_unknown(write_model: Callable[..., Path]) -> None:
    answer = checklist(load_model(write_model(BASE), use_cache=False).model)
    assert [t["id"] for t in answer["themes"]] == ["t1", "t2"]
    assert [q["id"] for q in answer["themes"][0]["questions"]] == ["q1", "q2"]
    assert answer["counts"] == {"yes": 0, "partly": 0, "no": 0, "unknown": 3}
    assert answer["open"] == []


def test_open_questions_and_their_candidates(write_model: Callable[..., Path]) -> None:
    write_model(BASE, "base.yaml")
    path = write_model(
        """\
        id: here
        title: Here
        extends: base
        local: {area: Ergens}
        checklist_answers:
          q1: {answer: partly, note: "alleen i1"}
          q2: {answer: no}
          q3: {answer: yes}
        """,
        "here.yaml",
    )
    answer = checklist(load_model(path, use_cache=False).model)
    # bare yes/no are YAML 1.1 booleans: taken as the answer meant
    assert answer["counts"] == {"yes": 1, "partly": 1, "no": 1, "unknown": 0}
    # nothing is in place in a model without local states: every linked barrier is a candidate
    assert answer["open"] == ["q1", "q2"]
    assert answer["candidates"] == {"q1": ["i1", "i2"], "q2": []}
    q1 = answer["themes"][0]["questions"][0]
    assert q1 == {
        "id": "q1",
        "text": "Vraag een?",
        "answer": "partly",
        "note": "alleen i1",
        "interventions": ["i1", "i2"],
    }


def test_a_variant_adds_a_theme_and_drops_links_to_removed_barriers(
    write_model: Callable[..., Path],
) -> None:
    write_model(BASE, "base.yaml")
    path = write_model(
        """\
        id: var
        title: Var
        extends: base
        remove: {interventions: [i2]}
        checklist:
          - id: t3
            name: Eigen thema
            questions:
              - {id: q4, text: Vraag vier?, interventions: [i1]}
        """,
        "var.yaml",
    )
    model = load_model(path, use_cache=False).model
    assert [t.id for t in model.checklist] == ["t1", "t2", "t3"]
    assert model.checklist[0].questions[0].interventions == ["i1"]
    assert model.checklist[1].questions[0].interventions == []


def test_bad_references_are_located(write_model: Callable[..., Path]) -> None:
    path = write_model(
        BASE.replace("interventions: [i2]", "interventions: [i3]")
        + "checklist_answers:\n  q9: {answer: 'yes'}\nlocal: {area: Ergens}\n"
    )
    lines = _problems(path)
    assert any(
        line.endswith(":34:25: checklist question 'q3' names unknown intervention 'i3'")
        for line in lines
    ), lines
    assert any(
        line.endswith(":36:3: an answer names unknown checklist question 'q9'") for line in lines
    ), lines


def test_a_bad_answer_is_located(write_model: Callable[..., Path]) -> None:
    path = write_model(BASE + "checklist_answers:\n  q1: {answer: maybe}\nlocal: {area: Ergens}\n")
    lines = _problems(path)
    assert len(lines) == 1
    assert ":36:16: " in lines[0]
    assert lines[0].endswith(
        ":36:16: the answer to 'q1': answer 'maybe' is not one of 'yes', 'partly', 'no' or "
        "'unknown'"
    ), lines


def test_an_unknown_key_in_an_answer_names_the_question_and_no_notes_field(
    write_model: Callable[..., Path],
) -> None:
    path = write_model(
        BASE + "checklist_answers:\n  q1: {answer: yes, nota: x}\nlocal: {area: Ergens}\n"
    )
    lines = _problems(path)
    assert len(lines) == 1
    assert lines[0].endswith(
        ": the answer to 'q1' has unknown key 'nota' (did you mean 'note'?)"
    ), lines


def test_duplicate_question_ids_across_themes(write_model: Callable[..., Path]) -> None:
    path = write_model(BASE.replace("id: q3", "id: q1"))
    lines = _problems(path)
    assert any("duplicate checklist question id 'q1' (also in theme 't1')" in x for x in lines)


def test_cli_every_format(cli: Callable[..., Result]) -> None:
    variant = DATA / "example-profile.yaml"
    data = json.loads(cli("checklist", variant, "--format", "json").out)
    assert set(data) == {"themes", "counts", "open", "candidates"}
    assert data["open"] == ["kennis-cijfers", "samenwerken-opsporing"]
    table = cli("checklist", variant)
    assert table.code == 0
    assert "3 question(s): 1 yes, 1 partly, 1 no, 0 unknown." in table.out
    assert "): 2.\n" in table.out and "Not answered yet" not in table.out
    # before anyone answered, the summary says so rather than a bare "Open: 0"
    blank = cli("checklist", "loverboys-general").out
    assert blank.endswith(
        "Open (answered no or partly, a barrier it is about not in place): 0.\n"
        "Not answered yet: 24 of 24.\n"
    )
    assert "Opsporing mensenhandel, Melding ongebruikelijke transactie" in table.out
    csv_out = cli("checklist", variant, "--format", "csv").out.splitlines()
    assert csv_out[0] == "theme,question,text,answer,note,open,candidates"
    assert csv_out[3].endswith(",no,,open,opsporing; wwft-melding")
    md = cli("checklist", variant, "--format", "md").out
    assert md.startswith("## Checklist: Voorbeeldprofiel (fictief)")
    assert "| Samenwerken | samenwerken-opsporing |" in md


def test_the_general_model_carries_the_nji_checklist() -> None:
    model = load_model("models/loverboys-general.yaml", use_cache=False).model
    assert [t.name for t in model.checklist] == [
        "Kennis en bewustwording",
        "Preventie en voorlichting",
        "Signaleren en melden",
        "Samenwerken in de zorg- en veiligheidsketen",
        "Opvang, behandeling en nazorg",
    ]
    questions = [q for t in model.checklist for q in t.questions]
    assert len(questions) >= 20
    assert all("nji-checklist" in q.sources for q in questions)
    linked = [q for q in questions if q.interventions]
    assert len(linked) >= len(questions) - 2  # nearly every question names its barriers


@pytest.mark.parametrize("variant", ["loverboys-lvb", "loverboys-islamic"])
def test_the_variants_inherit_the_checklist(variant: str) -> None:
    general = load_model("models/loverboys-general.yaml", use_cache=False).model
    model = load_model(f"models/{variant}.yaml", use_cache=False).model
    ids = [t.id for t in model.checklist]
    assert ids[: len(general.checklist)] == [t.id for t in general.checklist]
    if variant == "loverboys-lvb":
        assert ids[-1] == "lvb" and len(model.checklist[-1].questions) >= 4


def test_a_variant_adds_questions_to_a_base_theme_with_a_patch(
    write_model: Callable[..., Path],
) -> None:
    write_model(BASE, "base.yaml")
    path = write_model(
        """\
        id: var
        title: Var
        extends: base
        checklist:
          - id: t2
            questions:
              add:
                - {id: q5, text: Vraag vijf?, interventions: [i1]}
        """,
        "var.yaml",
    )
    model = load_model(path, use_cache=False).model
    assert [q.id for q in model.checklist[1].questions] == ["q3", "q5"]
    assert model.checklist[1].name == "Thema twee"


def test_barriers_in_place_close_a_question(write_model: Callable[..., Path]) -> None:
    write_model(BASE, "base.yaml")
    path = write_model(
        """\
        id: here
        title: Here
        extends: base
        local: {area: Ergens}
        interventions:
          - {id: i1, local: {state: in-place}}
          - {id: i2, local: {state: planned}}
        checklist_answers:
          q1: {answer: partly}
          q3: {answer: "no"}
        """,
        "here.yaml",
    )
    answer = checklist(load_model(path, use_cache=False).model)
    assert answer["open"] == ["q1", "q3"]
    assert answer["candidates"] == {"q1": ["i2"], "q3": ["i2"]}
    partial = path.read_text().replace("state: planned", "state: partial")
    path.write_text(partial)
    answer = checklist(load_model(path, use_cache=False).model)
    assert answer["open"] == []  # every linked barrier is (at least partly) in place here


def test_answers_need_a_place(write_model: Callable[..., Path]) -> None:
    path = write_model(BASE + "checklist_answers:\n  q1: {answer: partly}\n")
    lines = _problems(path)
    assert (
        len(lines) == 1 and ":36:3: the model answers the checklist but names no place" in lines[0]
    )


def test_a_phase_note_needs_a_place(write_model: Callable[..., Path]) -> None:
    path = write_model(BASE.replace("    name: A\n", "    name: A\n    local: {note: hier}\n", 1))
    lines = _problems(path)
    assert len(lines) == 1 and ":6:12: phase 'a' has a local state" in lines[0], lines
