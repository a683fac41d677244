"""The checklist in the workbook (issue 16): a `checklist` sheet (one row per question) and,
in a profile, a `checklist answers` sheet, read back exactly and in order, a variant's
checklist as its own themes only, and every mistake named at its cell with nothing written."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from barriers import load_model
from barriers.analysis.checklist import ANSWERS
from barriers.export import ExportOptions, export
from barriers.workbook import ANSWERS_SHEET, CHECKLIST_SHEET
from tests.helpers import MODELS, run_cli
from tests.payloads import FORMULA_PAYLOADS, PAYLOADS, hostile_model_data

GENERAL = MODELS / "loverboys-general.yaml"
LVB = MODELS / "loverboys-lvb.yaml"
PROFILE = MODELS / "gemeente-voorbeeld.yaml"

# Text that YAML, a spreadsheet or our own cell conventions could take for something else.
TRICKY = [
    "yes",
    "no",
    "on",
    "007",
    "2.0",
    "- leading dash",
    "# not a comment",
    "---",
    "key: value",
    '{"looks": "like JSON"}',
    '["a", "b"]',
    '"quoted"',
    "  spaces around  ",
    "line one\nline two",
    "emoji 🧭 and ĳ ë é – ‘’",
    "komma's, puntkomma's; en - streepjes",
]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _general_questions() -> list[str]:
    model = load_model(GENERAL).model
    return [q.id for theme in model.checklist for q in theme.questions]


def _answers() -> dict[str, dict[str, str]]:
    """Answers of every kind to questions of the general model, notes hostile or tricky."""
    ids = _general_questions()
    return {
        ids[0]: {"answer": "partly", "note": "alleen politiecijfers"},
        ids[1]: {"answer": "yes"},
        ids[3]: {"answer": "no", "note": PAYLOADS[0] + "\n" + FORMULA_PAYLOADS[0]},
        ids[-1]: {"answer": "unknown", "note": "yes"},
    }


@pytest.fixture
def answered(tmp_path: Path) -> Path:
    """The bundled profile with checklist answers (its own kept, ours added)."""
    data = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    data["checklist_answers"] = {**data.get("checklist_answers", {}), **_answers()}
    data["id"] = "gemeente-antwoorden"
    path = tmp_path / "models" / "gemeente-antwoorden.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _hostile_checklist_model(tmp_path: Path) -> Path:
    """A generated profile whose checklist (themes, questions, notes, answers) holds payloads."""
    data = hostile_model_data("hostile-checklist")
    texts = iter([*PAYLOADS, *FORMULA_PAYLOADS, *TRICKY] * 2)
    barriers = [i["id"] for i in data["interventions"]]
    data["local"] = {"area": next(texts)}
    data["checklist"] = [
        {
            "id": f"thema-{t}",
            "name": next(texts)[:200],
            "description": next(texts),
            "sources": ["bron-0"],
            "notes": {"remark": next(texts), "n": t},
            "questions": [
                {
                    "id": f"vraag-{t}-{q}",
                    "text": next(texts),
                    "interventions": barriers[q : q + 2],
                    "sources": ["bron-0"] if q else [],
                    **({"notes": next(texts)} if q % 2 else {}),
                }
                for q in range(4)
            ],
        }
        for t in range(3)
    ]
    data["checklist"].append({"id": "leeg-thema", "name": "Zonder vragen"})
    data["checklist_answers"] = {
        f"vraag-{t}-{q}": {"answer": ANSWERS[q], "note": next(texts)}
        for t in range(3)
        for q in range(4)
    }
    path = tmp_path / "hostile-checklist.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _export(source: Path, book: Path, *options: str | Path) -> Path:
    result = run_cli("export", source, "--to", "xlsx", "-o", book, *options)
    assert result.code == 0, result.err
    return book


def _import(book: Path, target: Path) -> dict[str, Any]:
    result = run_cli("import", book, "-o", target)
    assert result.code == 0, result.err
    data: dict[str, Any] = yaml.safe_load(target.read_text(encoding="utf-8"))
    return data


def _json(command: str, path: Path) -> str:
    result = run_cli(command, path, "--format", "json")
    assert result.code == 0, result.err
    return result.out


def _rows(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, lang, own_themes",
    [
        (GENERAL, "nl", None),  # a standalone model: its whole checklist
        (LVB, "nl", ["lvb"]),  # a variant: only the theme it adds
        (PROFILE, "en", []),  # a profile: the base's checklist, not a copy of it
    ],
    ids=["general", "lvb", "profile"],
)
def test_a_bundled_model_comes_back_with_the_same_checklist(
    tmp_path: Path, source: Path, lang: str, own_themes: list[str] | None
) -> None:
    book = _export(source, tmp_path / "book.xlsx", "--lang", lang)
    data = _import(book, tmp_path / "back.yaml")
    written = yaml.safe_load(source.read_text(encoding="utf-8"))
    if own_themes is None:
        assert [t["id"] for t in data["checklist"]] == [t["id"] for t in written["checklist"]]
    else:
        assert [t["id"] for t in data.get("checklist", [])] == own_themes
        assert [t["id"] for t in data.get("checklist", [])] == [
            t["id"] for t in written.get("checklist", [])
        ]
    assert _json("show", tmp_path / "back.yaml") == _json("show", source)
    assert _json("checklist", tmp_path / "back.yaml") == _json("checklist", source)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_profile_comes_back_with_its_answers_and_nothing_of_the_base(
    tmp_path: Path, answered: Path, lang: str
) -> None:
    book = _export(answered, tmp_path / "antwoorden.xlsx", "--lang", lang)
    data = _import(book, tmp_path / "back.yaml")
    assert data["extends"] == "loverboys-general"
    assert "checklist" not in data  # inherited, not copied
    written = yaml.safe_load(answered.read_text(encoding="utf-8"))
    assert data["checklist_answers"] == written["checklist_answers"]
    for command in ("show", "checklist", "local"):
        assert _json(command, tmp_path / "back.yaml") == _json(command, answered), command


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_text_in_questions_notes_and_answers_comes_back_byte_for_byte(
    tmp_path: Path, lang: str
) -> None:
    source = _hostile_checklist_model(tmp_path)
    book = _export(source, tmp_path / "hostile.xlsx", "--lang", lang)
    data = _import(book, tmp_path / "back.yaml")
    original = load_model(source, use_cache=False).model
    back = load_model(tmp_path / "back.yaml", use_cache=False).model
    assert back.checklist == original.checklist
    assert back.checklist_answers == original.checklist_answers
    assert data["checklist"][-1] == {"id": "leeg-thema", "name": "Zonder vragen"}
    assert _json("show", tmp_path / "back.yaml") == _json("show", source)
    # a formula payload is a text cell in the workbook, never a formula
    workbook = openpyxl.load_workbook(book)
    cells = [
        c
        for sheet in (CHECKLIST_SHEET, ANSWERS_SHEET)
        for row in workbook[sheet.label(lang)].iter_rows(min_row=2)
        for c in row
        if c.value is not None
    ]
    assert any(str(c.value).startswith("=") for c in cells)
    assert {c.data_type for c in cells if isinstance(c.value, str)} == {"s"}


# -- the sheets ------------------------------------------------------------------------------


def test_the_sheets_show_every_question_once_with_its_theme_and_answer(answered: Path) -> None:
    model = load_model(answered, use_cache=False).model
    data = export(model, "xlsx", ExportOptions(base="loverboys-general"))
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    checklist, answers = book["checklist"], book["checklist-antwoorden"]
    assert [c.value for c in checklist[1]] == [c.nl or c.name for c in CHECKLIST_SHEET.columns]
    assert [c.value for c in answers[1]] == ["vraag", "vraagtekst", "antwoord", "notitie"]
    questions = [(t, q) for t in model.checklist for q in t.questions]
    rows = _rows(checklist)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (t.id, t.name, q.id, q.text) for t, q in questions
    ]
    assert [r[4] for r in rows] == [", ".join(q.interventions) or None for _, q in questions]
    given = model.checklist_answers
    assert _rows(answers) == [
        [
            q.id,
            q.text,
            given[q.id].answer if q.id in given else None,
            given[q.id].note if q.id in given else None,
        ]
        for _, q in questions
    ]
    # bold only on the required headers; the question text is grey: for reading only
    for ws, sheet in ((checklist, CHECKLIST_SHEET), (answers, ANSWERS_SHEET)):
        assert [c.font.b for c in ws[1]] == [c.required for c in sheet.columns]
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert all(c.number_format == "@" for c in ws["A"][1:])
        assert all(
            ws.row_dimensions[r].height is not None
            for r in range(2, ws.max_row + 1)
            if len(str(ws.cell(r, 4).value or "")) > 60
        )
    assert {c.font.color.rgb for c in answers["B"][1:]} == {"00595959"}
    # the question text is locked (the sheet protected, no password); the rest is typed into
    assert answers.protection.sheet and not answers.protection.password
    assert not answers.protection.insertRows and not answers.protection.sort
    assert all(c.protection.locked for c in answers["B"])
    assert not any(c.protection.locked for col in "ACD" for c in answers[col])
    assert not checklist.protection.sheet
    (validation,) = answers.data_validations.dataValidation
    assert str(validation.sqref).startswith("C2:C")
    assert validation.errorStyle == "stop"
    first, last = validation.formula1.split("!")[1].replace("$", "").split(":")
    lists = book["keuzelijsten"]
    assert tuple(c.value for row in lists[first:last] for c in row) == ANSWERS


def test_answers_typed_into_the_workbook_come_back(tmp_path: Path) -> None:
    book_path = _export(PROFILE, tmp_path / "sessie.xlsx")
    book = openpyxl.load_workbook(book_path)
    ws = book["checklist-antwoorden"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    first, second, *_ = rows
    ws.cell(rows[first], 3).value = "no"
    ws.cell(rows[first], 4).value = "=niemand weet het; " + PAYLOADS[2]
    ws.cell(rows[first], 4).data_type = "s"
    ws.cell(rows[second], 3).value = "yes"
    book.save(book_path)
    data = _import(book_path, tmp_path / "back.yaml")
    assert data["checklist_answers"] == {
        first: {"answer": "no", "note": "=niemand weet het; " + PAYLOADS[2]},
        second: {"answer": "yes"},
    }
    answer = json.loads(_json("checklist", tmp_path / "back.yaml"))
    assert answer["counts"]["no"] == 1 and answer["counts"]["yes"] == 1


def _reorder(ws: Any, order: Callable[[list[list[Any]]], list[list[Any]]]) -> None:
    rows = order(_rows(ws))
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            ws.cell(r, c).value = value
            ws.cell(r, c).data_type = "s" if isinstance(value, str) else ws.cell(r, c).data_type


def test_the_order_of_the_rows_is_the_order_of_themes_and_questions(tmp_path: Path) -> None:
    path = _export(GENERAL, tmp_path / "algemeen.xlsx")
    book = openpyxl.load_workbook(path)

    def last_theme_first_and_two_questions_swapped(rows: list[list[Any]]) -> list[list[Any]]:
        last = [r for r in rows if r[0] == rows[-1][0]]
        rest = [r for r in rows if r[0] != rows[-1][0]]
        rest[0], rest[1] = rest[1], rest[0]
        return last + rest

    _reorder(book["checklist"], last_theme_first_and_two_questions_swapped)
    book.save(path)
    data = _import(path, tmp_path / "back.yaml")
    model = load_model(GENERAL).model
    themes = [t.id for t in model.checklist]
    assert [t["id"] for t in data["checklist"]] == [themes[-1], *themes[:-1]]
    first = [q.id for q in model.checklist[0].questions]
    assert [q["id"] for q in data["checklist"][1]["questions"]] == [first[1], first[0], *first[2:]]


def test_a_variant_that_reorders_a_base_theme_writes_that_theme_only(tmp_path: Path) -> None:
    path = _export(PROFILE, tmp_path / "profiel.xlsx")
    book = openpyxl.load_workbook(path)

    def swap_first_two(rows: list[list[Any]]) -> list[list[Any]]:
        return [rows[1], rows[0], *rows[2:]]

    _reorder(book["checklist"], swap_first_two)
    book.save(path)
    data = _import(path, tmp_path / "back.yaml")
    base = load_model(GENERAL).model.checklist[0]
    (theme,) = data["checklist"]
    assert theme["id"] == base.id and set(theme) == {"id", "questions"}
    ids = [q.id for q in base.questions]
    back = load_model(tmp_path / "back.yaml", use_cache=False).model
    assert [q.id for q in back.checklist[0].questions] == [ids[1], ids[0], *ids[2:]]
    assert [t.id for t in back.checklist] == [t.id for t in load_model(GENERAL).model.checklist]


def test_a_question_edited_in_a_variant_comes_back_in_its_theme(tmp_path: Path) -> None:
    path = _export(PROFILE, tmp_path / "profiel.xlsx")
    book = openpyxl.load_workbook(path)
    _set(book["checklist"], "D3", "Een eigen tekst: #1 - 'ja'")
    book.save(path)
    data = _import(path, tmp_path / "back.yaml")
    (theme,) = data["checklist"]
    assert theme["questions"][1]["text"] == "Een eigen tekst: #1 - 'ja'"
    back = load_model(tmp_path / "back.yaml", use_cache=False).model
    assert back.checklist[0].questions[1].text == "Een eigen tekst: #1 - 'ja'"
    assert len(back.checklist) == len(load_model(GENERAL).model.checklist)


def test_a_base_theme_left_out_makes_a_standalone_model_and_says_why(tmp_path: Path) -> None:
    path = _export(PROFILE, tmp_path / "profiel.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["checklist"]
    for r in reversed(range(2, ws.max_row + 1)):
        if ws.cell(r, 1).value == "kennis":
            ws.delete_rows(r)
    book.save(path)
    result = run_cli("import", path, "-o", tmp_path / "back.yaml")
    assert result.code == 0, result.err
    assert (
        "could not be written as a variant of 'loverboys-general' that resolves to the same "
        "model (the base's checklist themes 'kennis' are left out, and a variant cannot "
        "remove them); it is written as a standalone model"
    ) in result.err
    back = load_model(tmp_path / "back.yaml", use_cache=False).model
    assert "kennis" not in [t.id for t in back.checklist]


def test_a_profile_of_a_profile_writes_only_the_answers_that_differ(
    tmp_path: Path, answered: Path
) -> None:
    first, second, *_ = _answers()
    other = _general_questions()[2]
    child = answered.parent / "wijk.yaml"
    child.write_text(
        "id: wijk\ntitle: Een wijk van de gemeente\nextends: gemeente-antwoorden\n"
        f"checklist_answers:\n  {first}: {{answer: 'no'}}\n  {other}: {{answer: 'yes'}}\n",
        encoding="utf-8",
    )
    book = _export(child, tmp_path / "wijk.xlsx")
    (tmp_path / "gemeente-antwoorden.yaml").write_text(answered.read_text(encoding="utf-8"))
    data = _import(book, tmp_path / "back.yaml")
    assert data["extends"] == "gemeente-antwoorden"
    assert data["checklist_answers"] == {first: {"answer": "no"}, other: {"answer": "yes"}}
    assert second not in data["checklist_answers"]  # the base's, inherited
    assert _json("checklist", tmp_path / "back.yaml") == _json("checklist", child)
    # an answer of the base cleared: a variant cannot say that, and the warning says why
    edited = openpyxl.load_workbook(book)
    ws = edited["checklist-antwoorden"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == second)
    ws.cell(row, 3).value = ws.cell(row, 4).value = None
    edited.save(book)
    result = run_cli("import", book, "-o", tmp_path / "cleared.yaml")
    assert result.code == 0, result.err
    assert f"(the base's answers to {second!r} are left out, and a variant" in result.err
    cleared = load_model(tmp_path / "cleared.yaml", use_cache=False).model
    assert second not in cleared.checklist_answers


def test_a_theme_row_may_leave_the_themes_fields_empty_after_its_first(tmp_path: Path) -> None:
    path = _export(GENERAL, tmp_path / "algemeen.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["checklist"]
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, 1).value == ws.cell(r - 1, 1).value:  # not the theme's first row
            for column in (8, 9, 10):  # theme description, sources, notes
                ws.cell(r, column).value = None
    book.save(path)
    _import(path, tmp_path / "back.yaml")
    assert _json("show", tmp_path / "back.yaml") == _json("show", GENERAL)


def test_a_workbook_with_the_old_json_cells_still_imports(tmp_path: Path) -> None:
    model = load_model(GENERAL).model
    path = _export(GENERAL, tmp_path / "oud.xlsx", "--lang", "en")
    book = openpyxl.load_workbook(path)
    book.remove(book["checklist"])
    cell = json.dumps(model.to_data()["checklist"], ensure_ascii=False)
    book["model"].append(["checklist", cell])
    book.save(path)
    _import(path, tmp_path / "back.yaml")
    assert _json("show", tmp_path / "back.yaml") == _json("show", GENERAL)


# -- mistakes, each at its cell ----------------------------------------------------------------

Edit = Callable[[Any], None]


def _set(ws: Any, ref: str, value: Any) -> None:
    ws[ref] = value
    if isinstance(value, str) and not value.startswith("="):
        ws[ref].data_type = "s"


def _first_question() -> str:
    return _general_questions()[0]


CASES: list[tuple[str, Edit, str, str]] = [
    (
        "unknown answer",
        lambda b: _set(b["checklist-antwoorden"], "C2", "ja"),
        "checklist-antwoorden!C2",
        "antwoord: 'ja' is not an answer; choose yes, partly, no or unknown",
    ),
    (
        "unknown question in the answers",
        lambda b: (
            _set(b["checklist-antwoorden"], "A2", "kennis-landelijk-cijfers"),
            _set(b["checklist-antwoorden"], "C2", "yes"),
        ),
        "checklist-antwoorden!A2",
        "unknown checklist question 'kennis-landelijk-cijfers' (did you mean "
        "'kennis-landelijke-cijfers'?)",
    ),
    (
        "an answer without its question",
        lambda b: (
            _set(b["checklist-antwoorden"], "A2", None),
            _set(b["checklist-antwoorden"], "C2", "yes"),
        ),
        "checklist-antwoorden!A2",
        "checklist answers row 2: 'vraag' is empty: which question is answered?",
    ),
    (
        "question answered twice",
        lambda b: (
            _set(b["checklist-antwoorden"], "C2", "yes"),
            _set(b["checklist-antwoorden"], "A3", _first_question()),
            _set(b["checklist-antwoorden"], "C3", "no"),
        ),
        "checklist-antwoorden!A3",
        f"vraag {_first_question()!r} is answered twice (first in row 2)",
    ),
    (
        "duplicate question id",
        lambda b: _set(b["checklist"], "C3", _first_question()),
        "checklist!C3",
        f"vraag {_first_question()!r} is given twice (first in row 2)",
    ),
    (
        "theme name differs",
        lambda b: _set(b["checklist"], "B3", "Kennis"),
        "checklist!B3",
        "theme 'kennis' has 'Kennis' as its 'themanaam' here but 'Kennis en bewustwording' "
        "in row 2",
    ),
    (
        "theme description differs",
        lambda b: _set(b["checklist"], "H3", "Een andere beschrijving"),
        "checklist!H3",
        "theme 'kennis' has 'Een andere beschrijving' as its 'themabeschrijving' here",
    ),
    (
        "missing theme",
        lambda b: _set(b["checklist"], "A2", None),
        "checklist!A2",
        f"checklist question {_first_question()!r}: 'thema' is empty",
    ),
    (
        "missing theme name",
        lambda b: _set(b["checklist"], "B2", None),
        "checklist!B2",
        f"checklist question {_first_question()!r}: 'themanaam' is empty",
    ),
    (
        "missing question id",
        lambda b: _set(b["checklist"], "C2", None),
        "checklist!C2",
        "checklist row 2: 'vraag' is empty",
    ),
    (
        "missing question text",
        lambda b: _set(b["checklist"], "D2", None),
        "checklist!D2",
        f"checklist question {_first_question()!r}: 'tekst' is empty",
    ),
    (
        "a note without an answer",
        lambda b: (
            _set(b["checklist-antwoorden"], "C2", None),
            _set(b["checklist-antwoorden"], "D2", "we weten het niet"),
        ),
        "checklist-antwoorden!C2",
        f"vraag {_first_question()!r}: 'antwoord' is empty but the row has a note",
    ),
    (
        "unknown barrier in a question",
        lambda b: _set(b["checklist"], "E3", "Registratie bij Comensa"),
        "checklist!E3",
        "interventies: no intervention has the id or name 'Registratie bij Comensa'",
    ),
    (
        "formula in a question",
        lambda b: _set(b["checklist"], "D2", '=UPPER("vraag")'),
        "checklist!D2",
        'a formula (=UPPER("vraag")); type the value itself',
    ),
    (
        "formula in an answer",
        lambda b: (
            _set(b["checklist-antwoorden"], "C2", "=B2"),
            _set(b["checklist-antwoorden"], "D2", "een notitie zonder antwoord"),
        ),
        "checklist-antwoorden!C2",
        "a formula (=B2); type the value itself",
    ),
    (
        "formula in a note",
        lambda b: (
            _set(b["checklist-antwoorden"], "C2", "partly"),
            _set(b["checklist-antwoorden"], "D2", "=1+1"),
        ),
        "checklist-antwoorden!D2",
        "a formula (=1+1); type the value itself",
    ),
    (
        "the checklist on its sheet and as JSON",
        lambda b: b["model"].append(["checklist", '[{"id": "oud", "name": "Oud"}]']),
        "checklist!A1",
        "the checklist is given twice",
    ),
]


@pytest.mark.parametrize("edit, where, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_mistake_is_one_line_at_its_cell_and_nothing_is_written(
    tmp_path: Path, edit: Edit, where: str, message: str
) -> None:
    folder = tmp_path / "werkmap"
    folder.mkdir()
    path = _export(PROFILE, folder / "sessie.xlsx")
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    target = folder / "sessie.yaml"
    result = run_cli("import", path, "-o", target)
    assert result.code == 1, result.err
    (line,) = result.err.strip().splitlines()
    cell = where.split("!")[1]
    column = openpyxl.utils.cell.column_index_from_string(cell.rstrip("0123456789"))
    row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert line.startswith(f"werkmap/sessie.xlsx:{row}:{column}: {where}: "), line
    assert message in line, line
    assert sorted(os.listdir(folder)) == ["sessie.xlsx"]  # no YAML, no temp file


# -- same model, same bytes ------------------------------------------------------------------


@pytest.mark.slow  # a subprocess per hash seed
def test_the_checklist_sheets_have_the_same_bytes_across_hash_seeds(
    tmp_path: Path, answered: Path
) -> None:
    outputs = []
    for seed in ("1", "4242"):
        target = tmp_path / f"{seed}.xlsx"
        env = {**os.environ, "PYTHONHASHSEED": seed, "BARRIERS_NO_CACHE": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "barriers", "export", answered, "--to", "xlsx", "-o", target],
            capture_output=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    sheets = openpyxl.load_workbook(tmp_path / "1.xlsx").sheetnames
    assert "checklist" in sheets and "checklist-antwoorden" in sheets
