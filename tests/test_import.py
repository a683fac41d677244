"""`barriers import`: workbooks and CSV back to valid YAML; every bad cell named."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from barriers import analysis, importer, load_model
from barriers.export import ExportOptions, export
from barriers.importer import import_file
from barriers.model import Model
from barriers.problems import ModelError
from tests.helpers import DATA, EXAMPLE, MODELS, run_cli

EDGE = DATA / "export-edge-cases.yaml"
ROUND_TRIP = [*sorted(MODELS.glob("*.yaml")), EDGE, EXAMPLE, DATA / "example-variant.yaml"]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are named relative to the working folder in messages: work in tmp_path."""
    monkeypatch.chdir(tmp_path)


def _answers(model: Model) -> dict[str, Any]:
    return {
        "order": analysis.process_order(model),
        "by_phase": analysis.interventions_by_phase(model),
        "partners": analysis.partners_by_phase(model),
        "gaps": analysis.gaps(model),
        "cover": analysis.cover(model),
        "routes": analysis.routes(model),
        "centrality": analysis.centrality(model),
        "mechanisms": analysis.mechanisms(model),
        "summary": analysis.summary(model),
        "whatif": {p.id: analysis.whatif(model, [p.id]) for p in model.partners},
    }


def _xlsx(model: Model, folder: Path, name: str = "model.xlsx", lang: str = "en") -> Path:
    path = folder / name
    data = export(model, "xlsx", ExportOptions(lang=lang))
    assert isinstance(data, bytes)
    path.write_bytes(data)
    return path


# -- round trips ----------------------------------------------------------------------------------


@pytest.mark.slow  # whole bundled models through xlsx
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("source", ROUND_TRIP, ids=lambda p: p.stem)
def test_round_trip_gives_the_same_model_and_answers(
    source: Path, lang: str, tmp_path: Path
) -> None:
    original = load_model(source, use_cache=False).model
    result = import_file(_xlsx(original, tmp_path, lang=lang))
    assert result.warnings == []
    assert result.model.to_data() == original.to_data()
    target = tmp_path / "back.yaml"
    target.write_text(result.text, encoding="utf-8")
    reloaded = load_model(target, use_cache=False).model  # the written YAML, read afresh
    assert reloaded.to_data() == original.to_data()
    assert _answers(reloaded) == _answers(original)
    assert "\nextends:" not in result.text  # exported without its base: standalone


def test_round_trip_of_the_hostile_model(tmp_path: Path) -> None:
    from tests.payloads import hostile_model_yaml

    source = tmp_path / "hostile.yaml"
    source.write_text(hostile_model_yaml(), encoding="utf-8")
    original = load_model(source, use_cache=False).model
    assert import_file(_xlsx(original, tmp_path)).model.to_data() == original.to_data()


def test_round_trip_keeps_edge_case_text_exactly(tmp_path: Path) -> None:
    original = load_model(EDGE, use_cache=False).model
    model = import_file(_xlsx(original, tmp_path)).model
    assert model.title == 'Randgevallen: komma\'s, "aanhalingstekens" en ĳs (België, één)'
    assert model.authors == ["Jansen, P.", '=HYPERLINK("http://evil.invalid")', "@auteur"]
    assert model.phase("werving").description == "=SUM(A1:A9) ziet eruit als een formule"
    assert model.phase("werving").opportunities[0].text == "Sociale media,\nchat- en datingapps"
    assert model.phase("end").name == "#N/A"
    assert model.phase("nazorg").notes is True
    assert model.partner("politie").name == "=politie"
    assert model.intervention("meldcode").notes == '"quoted"'
    assert model.notes == {"reviewed": False, "rounds": [1, 2], "remark": "=1+1"}
    assert model.sources[1].notes == 42


def test_text_lists_that_lines_cannot_carry(tmp_path: Path, write_model: Any) -> None:
    path = write_model(
        """\
        id: lijsten
        title: Lijsten
        authors: ["[redactie]", "Jansen"]
        phases:
          - id: a
            name: A
        partners:
          - id: p
            name: P
        interventions:
          - id: i
            name: I
            phases: [a]
            partners: [p]
            legal_basis: ["art. 1\\nlid 2", "  ingesprongen"]
            target_group: ["[niet JSON", "x"]
        """
    )
    original = load_model(path, use_cache=False).model
    book = openpyxl.load_workbook(_xlsx(original, tmp_path))
    assert book["interventions"]["H2"].value == '["art. 1\\nlid 2", "  ingesprongen"]'
    assert book["interventions"]["I2"].value == '["[niet JSON", "x"]'
    assert import_file(tmp_path / "model.xlsx").model.to_data() == original.to_data()


def test_imported_yaml_is_readable(tmp_path: Path) -> None:
    text = import_file(_xlsx(load_model(EDGE).model, tmp_path)).text
    assert text.startswith("# Imported from model.xlsx by `barriers import`.\nid: randgevallen\n")
    assert "  phases: [werving, end]\n" in text  # short id lists inline
    assert '- id: werving\n  name: Werving, "snel"\n' in text
    assert "  next: [uitbuiting, nazorg]\n" in text
    assert text.count("next:") == 2  # only where it differs from the following phase


def test_template_workflow_from_barriers_new(tmp_path: Path) -> None:
    yaml_path, book, back = tmp_path / "x.yaml", tmp_path / "x.xlsx", tmp_path / "y.yaml"
    assert run_cli("new", "x", "-o", yaml_path).code == 0
    assert run_cli("export", yaml_path, "--to", "xlsx", "-o", book).code == 0
    result = run_cli("import", book, "-o", back)
    assert result.code == 0, result.err
    assert "wrote " in result.err and "(x: 2 phases, 2 partners, 2 interventions)" in result.err
    assert run_cli("validate", back).code == 0


# -- a workbook filled in by hand -----------------------------------------------------------------


def _book(sheets: dict[str, list[list[Any]]]) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    return book


MINIMAL: dict[str, list[list[Any]]] = {
    "model": [["field", "value"], ["id", "handwerk"], ["title", "Met de hand"], ["version", 2.0]],
    "phases": [["id", "name"], ["a", "Fase A"], [None, None], ["b", "Fase B"]],
    "partners": [["ID", " Name "], [7, "Partner zeven"]],
    "interventions": [
        ["id", "name", "phases", "partners", "legal_basis", "target_group"],
        ["i", "Interventie", "a;b", 7, "APV\n\nWet Bibob", "[12-18] jongeren\nouders"],
    ],
    "sources": [
        ["id", "title", "year", "accessed"],
        ["s", "Bron", 2017.0, dt.datetime(2026, 11, 1)],
    ],
}


def _save(book: openpyxl.Workbook, folder: Path, name: str = "hand.xlsx") -> Path:
    path = folder / name
    book.save(path)
    return path


def test_hand_filled_workbook_with_excel_types(tmp_path: Path) -> None:
    result = import_file(_save(_book(MINIMAL), tmp_path))
    model = result.model
    assert [p.id for p in model.phases] == ["a", "b"]  # the empty row is skipped
    assert model.version == "2"
    assert model.partners[0].id == "7" and model.partners[0].name == "Partner zeven"
    assert model.interventions[0].phases == ["a", "b"]
    assert model.interventions[0].legal_basis == ["APV", "Wet Bibob"]
    assert model.interventions[0].target_group == ["[12-18] jongeren", "ouders"]
    assert model.sources[0].year == 2017
    assert model.sources[0].accessed == "2026-11-01"
    assert [p.render() for p in result.warnings] == [
        "hand.xlsx:2:1: warning: sources!A2: source 's' is not cited by any item"
    ]


# -- hostile workbooks: each problem at its cell, nothing written -------------------------------


def _problems(path: Path) -> list[str]:
    with pytest.raises(ModelError) as caught:
        import_file(path)
    return [p.render() for p in caught.value.problems]


def _edited(tmp_path: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    source = _xlsx(load_model(EDGE).model, tmp_path, "source.xlsx")
    book = openpyxl.load_workbook(source)
    edit(book)
    return _save(book, tmp_path, "bad.xlsx")


def test_missing_sheet(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda b: b.remove(b["phases"]))
    assert _problems(path) == [
        "bad.xlsx:1:1: phases!A1: the workbook has no sheet 'phases' (it has: model, signals, "
        "opportunities, facilitators, partners, interventions, sources, checklist, vocabulary, "
        "coverage, barrier table, about, lists); start from `barriers export MODEL --to xlsx`"
    ]


def test_missing_model_sheet(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda b: b.remove(b["model"]))
    assert any("the workbook has no sheet 'model'" in p for p in _problems(path))


def test_missing_column(tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda b: b["interventions"].delete_cols(4))
    problems = _problems(path)
    assert problems == [
        "bad.xlsx:1:14: interventions!N1: the 'interventions' sheet has no column 'partners' "
        "(row 1 names the columns: id, name, phases, partners, type, status, technique, "
        "legal_basis, target_group, description, url, sources, notes, lead)"
    ]


def test_duplicate_column(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["partners"]["G1"] = "name"

    assert _problems(_edited(tmp_path, edit)) == [
        "bad.xlsx:1:7: partners!G1: column 'name' appears twice (first in column 2)"
    ]


@pytest.mark.parametrize(
    "sheet, cell, value, message",
    [
        ("sources", "D2", "twintig", "sources!D2: year must be a whole number, not 'twintig'"),
        ("sources", "D2", True, "sources!D2: year: TRUE/FALSE where a year is expected"),
        ("phases", "A2", dt.datetime(2020, 1, 1), "phases!A2: id: a date where an id is expected"),
        ("partners", "B2", False, "partners!B2: name: TRUE/FALSE where text is expected"),
        ("phases", "F2", "[1, 2", "phases!F2: notes start like JSON but are not valid JSON"),
        ("interventions", "F2", "somtimes", "interventions!F2: intervention 'voorlichting'"),
        ("interventions", "G2", "hug", "interventions!G2: intervention 'voorlichting'"),
        ("phases", "A3", "Met Spaties", "phases!A3: phase 'Met Spaties': 'Met Spaties' is not a"),
        ("interventions", "E2", "x" * 400, "interventions!E2: intervention 'voorlichting'"),
        ("partners", "E2", "ftp://x", "partners!E2: partner 'gemeente'"),
    ],
)
def test_wrong_values_point_at_their_cell(
    tmp_path: Path, sheet: str, cell: str, value: Any, message: str
) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book[sheet][cell] = value

    problems = _problems(_edited(tmp_path, edit))
    assert any(message in p for p in problems), problems
    column = openpyxl.utils.cell.coordinate_from_string(cell)
    row, col = column[1], openpyxl.utils.column_index_from_string(column[0])
    assert any(p.startswith(f"bad.xlsx:{row}:{col}: {sheet}!{cell}: ") for p in problems)


def test_unknown_references_with_suggestions(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["interventions"]["C3"] = "uitbuitng"
        book["signals"]["A3"] = "wervng"
        book["interventions"]["L2"] = "bron-drie"

    problems = _problems(_edited(tmp_path, edit))
    assert problems == [
        "bad.xlsx:2:12: interventions!L2: intervention 'voorlichting' names unknown source "
        "'bron-drie' (did you mean 'bron-een'?)",
        "bad.xlsx:3:1: signals!A3: signals row 3 names unknown phase 'wervng' "
        "(did you mean 'werving'?)",
        "bad.xlsx:3:3: interventions!C3: intervention 'opsporing' names unknown phase "
        "'uitbuitng' (did you mean 'uitbuiting'?)",
    ]


def test_cell_problems_and_model_problems_come_together(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["sources"]["D2"] = "vorig jaar"
        book["interventions"]["C3"] = "uitbuitng"

    assert _problems(_edited(tmp_path, edit)) == [
        "bad.xlsx:2:4: sources!D2: year must be a whole number, not 'vorig jaar'",
        "bad.xlsx:3:3: interventions!C3: intervention 'opsporing' names unknown phase "
        "'uitbuitng' (did you mean 'uitbuiting'?)",
    ]


def test_duplicate_ids(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["partners"]["A4"] = "gemeente"

    assert _problems(_edited(tmp_path, edit)) == [
        "bad.xlsx:4:1: partners!A4: duplicate partner id 'gemeente' (first in partners!A2)"
    ]


def test_cycle_in_the_phase_sequence(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["phases"]["D5"] = "werving"

    assert _problems(_edited(tmp_path, edit)) == [
        "bad.xlsx:3:4: phases!D3: phases form a cycle: end -> nazorg -> werving -> end; "
        "the process must move forward"
    ]


def test_formula_and_error_cells(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["partners"]["B3"] = "=CONCAT(A1,A2)"  # a real formula, typed by a user
        book["partners"]["C3"] = "#REF!"

    assert _problems(_edited(tmp_path, edit)) == [
        "bad.xlsx:3:2: partners!B3: a formula (=CONCAT(A1,A2)); type the value itself",
        "bad.xlsx:3:3: partners!C3: an Excel error value (#REF!); type the value itself",
    ]


def test_required_cells_left_empty(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["interventions"]["D3"] = None
        book["phases"]["B3"] = "   "
        book["signals"]["B2"] = None

    assert _problems(_edited(tmp_path, edit)) == [
        "bad.xlsx:2:2: signals!B2: signals row 2: 'text' is empty",
        "bad.xlsx:3:2: phases!B3: phase 'end': 'name' is empty",
        "bad.xlsx:3:4: interventions!D3: intervention 'opsporing': 'partners' is empty",
    ]


def test_model_sheet_problems(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        ws = book["model"]
        ws["A3"] = "titl"  # the title row renamed
        ws.append(["id", "nog-een"])
        ws.append([None, "zwevend"])

    assert _problems(_edited(tmp_path, edit)) == [
        "bad.xlsx:1:1: model!A1: the model sheet has no row for 'title'",
        "bad.xlsx:3:1: model!A3: unknown model field 'titl' (did you mean 'title'?) (fields: "
        "id, title, variant, extends, description, language, version, authors, license, "
        "region, notes)",
        "bad.xlsx:13:1: model!A13: model field 'id' is given twice (first in row 2)",
        "bad.xlsx:14:1: model!A14: a value without a field name in column A",
    ]


def test_empty_model_id(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["model"]["B2"] = None

    assert _problems(_edited(tmp_path, edit)) == ["bad.xlsx:2:2: model!B2: the model's id is empty"]


def test_empty_phases_sheet(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["phases"].delete_rows(2, 10)
        for name in ("signals", "opportunities", "facilitators", "interventions"):
            book[name].delete_rows(2, 10)

    problems = _problems(_edited(tmp_path, edit))
    assert problems == ["bad.xlsx:1:1: phases!A1: model: phases must not be empty"]


def test_unknown_sheets_and_columns_are_warnings(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book.create_sheet("opmerkingen")["A1"] = "vrije tekst"
        book["partners"]["H1"] = "telefoon"
        book["partners"]["H2"] = "0612345678"

    result = import_file(_edited(tmp_path, edit))
    assert [p.render() for p in result.warnings] == [
        "bad.xlsx:1:1: warning: opmerkingen!A1: sheet 'opmerkingen' is not part of the layout "
        "and is ignored (sheets: model, phases, signals, opportunities, facilitators, "
        "partners, interventions, sources, checklist, vocabulary, checklist answers, actions)",
        "bad.xlsx:1:8: warning: partners!H1: column 'telefoon' is not part of the 'partners' "
        "sheet and is ignored (columns: id, name, sector, description, url, sources, notes)",
    ]


def test_optional_sheets_may_be_left_out(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        for name in ("signals", "opportunities", "facilitators", "sources", "coverage"):
            book.remove(book[name])
        for row in book["interventions"].iter_rows(min_row=2):
            row[11].value = None  # no sources left to cite
        book["phases"]["E2"] = None

    model = import_file(_edited(tmp_path, edit)).model
    assert model.sources == [] and model.phase("werving").signals == []


def test_huge_sheets_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_ROWS", 13)  # the model sheet has 13 rows of fields

    def edit(book: openpyxl.Workbook) -> None:
        for n in range(11):
            book["partners"].append([f"extra-{n}", f"Extra {n}"])

    problems = _problems(_edited(tmp_path, edit))
    assert problems == [
        "bad.xlsx:15:1: partners!A15: sheet has more than 13 rows of data (the limit)"
    ]


def test_far_away_rows_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_SCANNED_ROWS", 100)

    def edit(book: openpyxl.Workbook) -> None:
        book["partners"]["A5000"] = "ver-weg"

    problems = _problems(_edited(tmp_path, edit))
    assert problems == [
        "bad.xlsx:101:1: partners!A101: sheet goes on beyond row 100 (the limit); "
        "delete the rows below the data"
    ]


def test_far_away_columns_are_refused(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["partners"].cell(1, 500).value = "ver"

    problems = _problems(_edited(tmp_path, edit))
    assert problems == ["bad.xlsx:1:101: partners!CW1: more than 100 columns"]


def test_zip_that_unpacks_to_too_much(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_UNZIPPED_BYTES", 1000)
    path = _xlsx(load_model(EDGE).model, tmp_path)
    assert _problems(path)[0].startswith("model.xlsx:1:1: workbook unpacks to ")


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 10)
    path = _xlsx(load_model(EDGE).model, tmp_path)
    assert _problems(path)[0].startswith("model.xlsx:1:1: file is too large (")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("plain.xlsx", b"not a zip", "not an .xlsx workbook (not a zip file); save it as .xlsx"),
        ("empty.xlsx", b"", "not an .xlsx workbook (not a zip file); save it as .xlsx"),
        ("model.ods", b"x", "import reads .xlsx workbooks and .csv files"),
    ],
)
def test_not_a_workbook(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert _problems(path) == [f"{name}:1:1: {message}"]


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert _problems(path)[0].startswith("other.xlsx:1:1: cannot read the workbook: ")


def test_missing_file(tmp_path: Path) -> None:
    assert _problems(tmp_path / "gone.xlsx") == ["gone.xlsx:1:1: no such file"]


# -- the command: nothing written unless valid ---------------------------------------------------


def test_import_command_writes_nothing_on_error(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book["interventions"]["C3"] = "uitbuitng"

    source = _edited(tmp_path, edit)
    target = tmp_path / "out.yaml"
    result = run_cli("import", source, "-o", target)
    assert result.code == 1
    assert "interventions!C3: intervention 'opsporing' names unknown phase" in result.err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx", "source.xlsx"]


def test_import_command_to_stdout_and_warnings_to_stderr(tmp_path: Path) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        book.create_sheet("extra")

    result = run_cli("import", _edited(tmp_path, edit))
    assert result.code == 0
    assert result.out.startswith("# Imported from bad.xlsx")
    assert "bad.xlsx:1:1: warning: extra!A1: sheet 'extra' is not part of the layout" in result.err


def test_import_command_refuses_to_overwrite(tmp_path: Path) -> None:
    source = _xlsx(load_model(EDGE).model, tmp_path)
    target = tmp_path / "model.yaml"
    target.write_text("keep me", encoding="utf-8")
    result = run_cli("import", source, "-o", target)
    assert result.code == 1
    assert "exists already: choose another -o or pass --force" in result.err
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run_cli("import", source, "-o", target, "--force")
    assert forced.code == 0, forced.err
    assert load_model(target, use_cache=False).model.id == "randgevallen"


def test_import_command_id_and_title_override(tmp_path: Path) -> None:
    source = _xlsx(load_model(EDGE).model, tmp_path)
    result = run_cli("import", source, "--id", "kopie", "--title", "Kopie")
    assert result.code == 0
    assert "\nid: kopie\ntitle: Kopie\n" in result.out


# -- CSV: a list of interventions -----------------------------------------------------------------


def _csv(tmp_path: Path, text: str, name: str = "lijst.csv", encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_list_of_interventions(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "name;phases;partners;type;status\n"
        'Voorlichting op school;Ronselen;"School, VO ; Gemeente";preventie;regular\n'
        "\n"
        '"Meldcode; ""huiselijk geweld""";"Inpalmen\nRonselen";Veilig Thuis;zorg;\n'
        "'=Opsporing;Uitbuiten;Politie;;\n"
        "Voorlichting op school;uitbuiten;politie ;;\n",
    )
    result = import_file(path, title="Gemeente Zuid")
    model = result.model
    assert model.id == "lijst" and model.title == "Gemeente Zuid"
    assert [(p.id, p.name) for p in model.phases] == [
        ("ronselen", "Ronselen"),
        ("inpalmen", "Inpalmen"),
        ("uitbuiten", "Uitbuiten"),
    ]
    assert [(p.id, p.name) for p in model.partners] == [
        ("school-vo", "School, VO"),
        ("gemeente", "Gemeente"),
        ("veilig-thuis", "Veilig Thuis"),
        ("politie", "Politie"),
    ]
    assert [i.id for i in model.interventions] == [
        "voorlichting-op-school",
        "meldcode-huiselijk-geweld",
        "opsporing",
        "voorlichting-op-school-2",
    ]
    assert model.interventions[1].name == 'Meldcode; "huiselijk geweld"'
    assert model.interventions[2].name == "=Opsporing"  # the formula guard undone
    assert model.interventions[0].status == "regular"


def test_csv_with_ids_and_dutch_names(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "id,name,phases,partners\nbijeenkomst,Bijeenkomst één,Werving;Ĳsselstreek,Café ‘De Hoek’\n",
    )
    model = import_file(path, model_id="dorp").model
    assert model.id == "dorp"
    assert [p.id for p in model.phases] == ["werving", "ijsselstreek"]
    assert model.partners[0].id == "cafe-de-hoek"
    assert model.interventions[0].id == "bijeenkomst"


def test_csv_problems_have_row_and_column(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "name,phases,partners,status,year\nA,Fase,Partner,soms\nB,,Partner,\n,Fase,Partner,\n",
    )
    assert _problems(path) == [
        "lijst.csv:1:5: warning: column 'year' is not part of the 'interventions' sheet and is "
        "ignored (columns: id, name, phases, partners, type, status, technique, legal_basis, "
        "target_group, description, url, sources, notes, lead)",
        "lijst.csv:2:4: intervention 'a': status 'soms' is not one of 'regular', 'example', "
        "'pilot' or 'promising'",
        "lijst.csv:3:2: row 3: 'phases' is empty",
        "lijst.csv:4:1: row 4: 'name' is empty",
    ]


def test_csv_missing_columns(tmp_path: Path) -> None:
    path = _csv(tmp_path, "nam,fase\nA,B\n")
    errors = [p for p in _problems(path) if "warning" not in p]
    assert errors == [
        f"lijst.csv:1:3: the 'interventions' sheet has no column {name!r} (row 1 names the "
        "columns: id, name, phases, partners, type, status, technique, legal_basis, "
        "target_group, description, url, sources, notes, lead)"
        for name in ("name", "partners", "phases")
    ]


def test_csv_of_the_coverage_matrix_is_explained(tmp_path: Path) -> None:
    text = export(load_model(EDGE).model, "csv")
    assert isinstance(text, str)
    path = _csv(tmp_path, text.removeprefix("\ufeff"))
    assert _problems(path) == [
        "lijst.csv:1:1: this looks like the coverage matrix of `export --to csv` (counts, not "
        "interventions); import the xlsx export instead, or a CSV with the columns of the "
        "interventions sheet"
    ]


def test_csv_in_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = _csv(tmp_path, "name,phases,partners\nCafé,Fase,Politie\n", encoding="cp1252")
    result = import_file(path)
    assert result.model.interventions[0].name == "Café"
    assert [p.message for p in result.warnings] == [
        "not UTF-8; read as Windows-1252 (save as CSV UTF-8)"
    ]


def test_empty_csv(tmp_path: Path) -> None:
    assert _problems(_csv(tmp_path, "\n\n")) == [
        "lijst.csv:1:1: the file is empty: row 1 must name the columns"
    ]


def test_import_command_reads_csv(tmp_path: Path) -> None:
    path = _csv(tmp_path, "name,phases,partners\nA,Fase,Politie\n", name="gemeente-x.csv")
    target = tmp_path / "gemeente-x.yaml"
    result = run_cli("import", path, "-o", target)
    assert result.code == 0, result.err
    assert load_model(target, use_cache=False).model.id == "gemeente-x"


def test_workbook_bytes_survive_a_save_in_openpyxl(tmp_path: Path) -> None:
    """An officer opening and saving the workbook (here: openpyxl) changes nothing."""
    original = load_model(MODELS / "loverboys-islamic.yaml").model
    source = _xlsx(original, tmp_path)
    book = openpyxl.load_workbook(source)
    saved = io.BytesIO()
    book.save(saved)
    again = tmp_path / "saved.xlsx"
    again.write_bytes(saved.getvalue())
    assert import_file(again).model.to_data() == original.to_data()


def test_a_csv_quote_left_open_is_named(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('name,phases,partners\nLes,Ronselen,School\n"Open,Inpalmen,Politie\nX,Y,Z\n')
    with pytest.raises(ModelError) as info:
        import_file(path)
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (3, 1)
    assert "is a quote" in problem.message and "left open" in problem.message


def test_a_utf16_csv_from_excel_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes("name\tphases\tpartners\nLes één\tRonselen\tSchool\n".encode("utf-16"))
    result = import_file(path)
    assert "Les één" in result.text
    assert not [p for p in result.warnings if "Windows-1252" in p.message]
