"""The vocabulary in the workbook: a `vocabulary` sheet (one row per barrier type or partner
sector, a column of labels per language) read back to the same vocabulary, the terms the
items use but the vocabulary lacks offered for translation, a variant's vocabulary written
as what differs from its base, and every mistake named at its cell with nothing written."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from barriers import load_model
from barriers.export import ExportOptions, export
from barriers.model import MAX_NAME
from barriers.workbook import LABEL_HELP, VOCABULARY_SHEET
from tests.helpers import EXAMPLE, MODELS, run_cli
from tests.payloads import FORMULA_PAYLOADS, PAYLOADS, hostile_model_data

GENERAL = MODELS / "loverboys-general.yaml"
PROFILE = MODELS / "gemeente-voorbeeld.yaml"
BUNDLED = [*sorted(MODELS.glob("*.yaml")), EXAMPLE]

# Text that YAML, a spreadsheet or the sheet's own conventions could take for something else.
TRICKY = [
    "yes",
    "no",
    "on",
    "null",
    "007",
    "2.0",
    "- leading dash",
    "-",  # a term may be '-': only a label cell reads '-' as 'no label'
    "# not a comment",
    "---",
    "key: value",
    "? question",
    '{"looks": "like JSON"}',
    "[a, b]",
    '"quoted"',
    "  spaces around  ",
    "line one\nline two",
    "emoji 🧭 and ĳ ë é – ‘’",
    "komma's, puntkomma's; en - streepjes",
    "type",
    "#N/A",
]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _export(source: Path, book: Path, *options: str | Path) -> Path:
    result = run_cli("export", source, "--to", "xlsx", "-o", book, *options)
    assert result.code == 0, result.err
    return book


def _import(book: Path, target: Path, *, quiet: bool = True) -> dict[str, Any]:
    result = run_cli("import", book, "-o", target)
    assert result.code == 0, result.err
    assert not quiet or "warning" not in result.err, result.err
    data: dict[str, Any] = yaml.safe_load(target.read_text(encoding="utf-8"))
    return data


def _json(path: Path) -> str:
    result = run_cli("show", path, "--format", "json")
    assert result.code == 0, result.err
    return result.out


def _rows(ws: Any) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]


def _set(ws: Any, ref: str, value: Any) -> None:
    ws[ref] = value
    if isinstance(value, str) and not value.startswith("="):
        ws[ref].data_type = "s"


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _example_with(tmp_path: Path, **changes: Any) -> Path:
    """tests/data/example.yaml with top-level fields changed (None: removed)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return _write(tmp_path / "voorbeeld.yaml", data)


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.slow  # the bundled models through xlsx, in two languages
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("source", BUNDLED, ids=lambda p: p.stem)
def test_a_bundled_model_comes_back_with_the_same_vocabulary(
    tmp_path: Path, source: Path, lang: str
) -> None:
    book = _export(source, tmp_path / "book.xlsx", "--lang", lang)
    data = _import(book, tmp_path / "back.yaml")
    written = yaml.safe_load(source.read_text(encoding="utf-8"))
    # a variant inherits its base's vocabulary: it writes only its own (none here)
    assert data.get("vocabulary") == written.get("vocabulary")
    assert _json(tmp_path / "back.yaml") == _json(source)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_terms_and_labels_come_back_byte_for_byte(tmp_path: Path, lang: str) -> None:
    data = hostile_model_data("hostile-vocabulary")
    # terms that YAML or a sheet could read otherwise ('-' too: only a label cell reads it
    # as 'no label', and a label '-' is refused on export), labels of every kind of payload
    types = ["yes", "-", "  spaces around  ", "line one\nline two", FORMULA_PAYLOADS[0]]
    sectors = [types[0], "key: value", '"quoted"', "#N/A"]  # a type and a sector both
    assert len(types) == len(data["interventions"]) and len(sectors) == len(data["partners"])
    others = [t for t in TRICKY if t not in (*types, *sectors)]
    texts = iter([*FORMULA_PAYLOADS[1:], *others, *PAYLOADS])
    for item, term in zip(data["interventions"], types, strict=True):
        item["type"] = term
    for item, term in zip(data["partners"], sectors, strict=True):
        item["sector"] = term
    data["vocabulary"] = {
        "types": {
            **{term: {"en": next(texts), "pt-BR": next(texts)} for term in types[:-1]},
            types[-1]: {},  # listed without a label
        },
        # labels come back in the order of the columns: the order they first appear in
        "sectors": {term: {"en": next(texts), "de": next(texts)} for term in sectors},
    }
    source = _write(tmp_path / "hostile.yaml", data)
    warnings = [p.message for p in load_model(source, use_cache=False).warnings]
    assert not any("vocabulary" in w for w in warnings), warnings
    book = _export(source, tmp_path / "hostile.xlsx", "--lang", lang)
    _import(book, tmp_path / "back.yaml", quiet=False)
    again = [p.message for p in load_model(tmp_path / "back.yaml", use_cache=False).warnings]
    assert again == warnings
    back = load_model(tmp_path / "back.yaml", use_cache=False).model
    assert back.vocabulary == load_model(source, use_cache=False).model.vocabulary
    assert _json(tmp_path / "back.yaml") == _json(source)
    # every text is a text cell: a formula payload never becomes a formula
    ws = openpyxl.load_workbook(book)[VOCABULARY_SHEET.label(lang)]  # type: ignore[arg-type]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert any(str(c.value).startswith("=") for c in cells)
    assert {c.data_type for c in cells} == {"s"}


def test_a_label_that_reads_as_no_label_is_refused_on_export(tmp_path: Path) -> None:
    source = _example_with(
        tmp_path, vocabulary={"types": {"preventie": {"en": "prevention", "de": " - "}}}
    )
    result = run_cli("export", source, "--to", "xlsx", "-o", tmp_path / "x.xlsx")
    assert result.code == 1
    assert (
        "vocabulary type 'preventie' has the label ' - ' in 'de', which the workbook reads "
        "as 'no label'"
    ) in result.err
    assert not (tmp_path / "x.xlsx").exists()


# -- the sheet -------------------------------------------------------------------------------


def test_the_sheet_lists_each_term_then_offers_the_ones_the_vocabulary_lacks(
    tmp_path: Path,
) -> None:
    # the example's vocabulary without 'financieel' (a type a barrier uses) and 'onderwijs'
    vocabulary = {
        "types": {
            "strafrechtelijk": {"en": "criminal justice", "de": "Strafverfolgung"},
            "preventie": {"en": "prevention"},
        },
        "sectors": {"veiligheid": {}},
    }
    source = _example_with(tmp_path, vocabulary=vocabulary)
    model = load_model(source, use_cache=False).model
    data = export(model, "xlsx", ExportOptions())
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["woordenlijst"]
    assert [c.value for c in ws[1]] == ["soort", "term", "en", "de"]  # as the labels come
    assert _rows(ws) == [
        ["type", "strafrechtelijk", "criminal justice", "Strafverfolgung"],
        ["type", "preventie", "prevention", None],
        ["type", "financieel", None, None],  # offered: used, not listed
        ["sector", "veiligheid", "-", "-"],  # listed without labels
        ["sector", "onderwijs", None, None],
    ]
    # the look of the other sheets: bold required headers on the header fill, comments,
    # text format, frozen header, printed landscape one page wide with row 1 repeated
    assert [c.font.b for c in ws[1]] == [True, True, False, False]
    assert {c.fill.fgColor.rgb for c in ws[1]} == {"00DDE4EE"}
    assert {c.font.name for row in ws.iter_rows() for c in row if c.value} == {"DejaVu Sans"}
    assert ws["C1"].comment.text == ws["D1"].comment.text  # type: ignore[union-attr]
    assert ws["C1"].comment.text.startswith("de term in deze taal")  # type: ignore[union-attr]
    assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert all(ws.column_dimensions[col].number_format == "@" for col in "ABCD")
    assert not ws.protection.sheet  # as the other editable sheets: a translator adds columns
    # drop-downs: the kind from a fixed list, the term from the model's terms (others allowed)
    lists = book["keuzelijsten"]
    found = {}
    for validation in ws.data_validations.dataValidation:
        first, last = validation.formula1.split("!")[1].replace("$", "").split(":")
        column = str(validation.sqref)[0]
        found[column] = (
            tuple(c.value for row in lists[first:last] for c in row),
            validation.errorStyle,
        )
    assert found == {
        "A": (("type", "sector"), "stop"),
        "B": (
            ("financieel", "onderwijs", "preventie", "strafrechtelijk", "veiligheid"),
            "information",
        ),
    }
    # English: the same words for the kinds, the English comment
    data = export(model, "xlsx", ExportOptions(lang="en"))
    assert isinstance(data, bytes)
    ws = openpyxl.load_workbook(io.BytesIO(data))["vocabulary"]
    assert [c.value for c in ws[1]] == ["kind", "term", "en", "de"]
    assert ws["C1"].comment.text == LABEL_HELP  # type: ignore[union-attr]
    assert [r[0] for r in _rows(ws)] == ["type"] * 3 + ["sector"] * 2


def test_offered_rows_make_no_entry_and_a_label_typed_into_one_does(tmp_path: Path) -> None:
    source = _example_with(tmp_path, vocabulary={"types": {"preventie": {"en": "prevention"}}})
    before = load_model(source, use_cache=False)
    book = _export(source, tmp_path / "voorbeeld.xlsx")
    data = _import(book, tmp_path / "back.yaml", quiet=False)
    assert data["vocabulary"] == {"types": {"preventie": {"en": "prevention"}}}
    assert _json(tmp_path / "back.yaml") == _json(source)
    # the same warnings as the YAML's: the types it does not list, and nothing more
    again = load_model(tmp_path / "back.yaml", use_cache=False)
    assert [p.message for p in again.warnings] == [p.message for p in before.warnings]
    # a translator fills in one offered row, a language column and an empty row of their own
    workbook = openpyxl.load_workbook(book)
    ws = workbook["woordenlijst"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(2, ws.max_row + 1)}
    assert ws["D1"].value is None  # the model has labels in 'en' only
    _set(ws, "D1", "pt-BR")
    _set(ws, f"C{rows[('type', 'financieel')]}", "financial")
    _set(ws, f"D{rows[('type', 'financieel')]}", "financeiro")
    _set(ws, f"D{rows[('sector', 'onderwijs')]}", "educação")
    _set(ws, f"D{rows[('type', 'preventie')]}", "   ")  # only spaces: no label, not ''
    next_row = ws.max_row + 1
    _set(ws, f"A{next_row}", "sector")
    _set(ws, f"B{next_row}", "niemand")  # no item's sector, no label: no entry, no warning
    workbook.save(book)
    data = _import(book, tmp_path / "filled.yaml", quiet=False)
    assert data["vocabulary"] == {
        "types": {
            "preventie": {"en": "prevention"},
            "financieel": {"en": "financial", "pt-BR": "financeiro"},
        },
        "sectors": {"onderwijs": {"pt-BR": "educação"}},
    }


def test_a_model_without_a_vocabulary_offers_its_terms_in_the_other_language(
    tmp_path: Path,
) -> None:
    source = _example_with(tmp_path, vocabulary=None)
    book = _export(source, tmp_path / "voorbeeld.xlsx", "--lang", "en")
    ws = openpyxl.load_workbook(book)["vocabulary"]
    assert [c.value for c in ws[1]] == ["kind", "term", "en"]  # the model is in Dutch
    assert _rows(ws) == [
        ["type", "financieel", None],
        ["type", "preventie", None],
        ["type", "strafrechtelijk", None],
        ["sector", "onderwijs", None],
        ["sector", "veiligheid", None],
    ]
    data = _import(book, tmp_path / "back.yaml")
    assert "vocabulary" not in data
    assert _json(tmp_path / "back.yaml") == _json(source)


def test_a_workbook_without_the_sheet_still_imports(tmp_path: Path) -> None:
    # a standalone model: as before the sheet, no vocabulary
    book = _export(EXAMPLE, tmp_path / "oud.xlsx")
    workbook = openpyxl.load_workbook(book)
    workbook.remove(workbook["woordenlijst"])
    workbook.save(book)
    data = _import(book, tmp_path / "back.yaml")
    assert "vocabulary" not in data
    without = _example_with(tmp_path, vocabulary=None)
    assert _json(tmp_path / "back.yaml") == _json(without)
    # a profile: the base's vocabulary is inherited, and no warning says otherwise
    book = _export(PROFILE, tmp_path / "profiel.xlsx", "--lang", "en")
    workbook = openpyxl.load_workbook(book)
    workbook.remove(workbook["vocabulary"])
    workbook.save(book)
    data = _import(book, tmp_path / "profiel.yaml")
    assert data["extends"] == "loverboys-general" and "vocabulary" not in data
    assert _json(tmp_path / "profiel.yaml") == _json(PROFILE)


# -- a variant's vocabulary --------------------------------------------------------------------


def test_a_profile_writes_only_the_terms_and_labels_it_adds_or_changes(tmp_path: Path) -> None:
    book = _export(PROFILE, tmp_path / "profiel.xlsx")
    workbook = openpyxl.load_workbook(book)
    ws = workbook["woordenlijst"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(2, ws.max_row + 1)}
    _set(ws, "D1", "de")
    _set(ws, f"D{rows[('type', 'zorg')]}", "Pflege")  # a label added to a base term
    _set(ws, f"C{rows[('sector', 'zorg')]}", "health care")  # a base label changed
    row = ws.max_row + 1
    for column, value in zip("ABC", ("type", "opvang", "shelter"), strict=True):
        _set(ws, f"{column}{row}", value)  # a term of its own, used by a barrier of its own
    interventions = workbook["interventies"]
    headers = [c.value for c in interventions[1]]
    own = interventions.max_row + 1
    for name, value in {
        "id": "eigen-opvang",
        "naam": "Eigen opvang",
        "fasen": "ronselen",
        "partners": "politie",
        "type": "opvang",
    }.items():
        _set(interventions, f"{chr(ord('A') + headers.index(name))}{own}", value)
    workbook.save(book)
    data = _import(book, tmp_path / "back.yaml")
    assert data["extends"] == "loverboys-general"
    assert data["vocabulary"] == {
        "types": {"zorg": {"de": "Pflege"}, "opvang": {"en": "shelter"}},
        "sectors": {"zorg": {"en": "health care"}},
    }
    back = load_model(tmp_path / "back.yaml", use_cache=False)
    assert back.warnings == []
    vocabulary = back.model.vocabulary
    assert vocabulary is not None
    assert vocabulary.types["zorg"] == {"en": "care", "de": "Pflege"}
    assert vocabulary.sectors["zorg"] == {"en": "health care"}
    base = load_model(GENERAL).model.vocabulary
    assert base is not None
    assert set(vocabulary.types) == {*base.types, "opvang"}


def test_what_a_variant_cannot_clear_in_its_vocabulary_is_a_warning_at_its_row(
    tmp_path: Path,
) -> None:
    book = _export(PROFILE, tmp_path / "profiel.xlsx", "--lang", "en")
    workbook = openpyxl.load_workbook(book)
    ws = workbook["vocabulary"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(2, ws.max_row + 1)}
    _set(ws, f"C{rows[('type', 'zorg')]}", None)  # a base label cleared
    ws.delete_rows(rows[("sector", "burgers")])  # a base term deleted
    workbook.save(book)
    result = run_cli("import", book, "-o", tmp_path / "back.yaml")
    assert result.code == 0, result.err
    assert [line for line in result.err.splitlines() if "warning" in line] == [
        "profiel.xlsx:1:1: warning: vocabulary!A1: vocabulary sector 'burgers' is not in the "
        "workbook, but a variant cannot remove what its base 'loverboys-general' lists: it "
        "keeps the base's term",
        f"profiel.xlsx:{rows[('type', 'zorg')]}:2: warning: vocabulary!B{rows[('type', 'zorg')]}"
        ": vocabulary type 'zorg': its label in 'en' is empty in the workbook, but a variant "
        "cannot clear what its base 'loverboys-general' gives: it keeps the base's value",
    ]
    data = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))
    assert data["extends"] == "loverboys-general" and "vocabulary" not in data
    assert _json(tmp_path / "back.yaml") == _json(PROFILE)


# -- mistakes, each at its cell ----------------------------------------------------------------

Edit = Callable[[Any], None]
SHEET = "woordenlijst"


def _cells(**values: Any) -> Edit:
    def edit(book: Any) -> None:
        for ref, value in values.items():
            if isinstance(value, tuple):  # (value, data type)
                book[SHEET][ref] = value[0]
                book[SHEET][ref].data_type = value[1]
            else:
                _set(book[SHEET], ref, value)

    return edit


# The example's sheet: A soort, B term, C en, D de; rows 2-4 the types preventie,
# strafrechtelijk, financieel, rows 5-6 the sectors onderwijs, veiligheid.
CASES: list[tuple[str, Edit, str, str]] = [
    (
        "a language code in capitals",
        _cells(E1="FR", E2="prévention"),
        "woordenlijst!E1",
        "column 'FR' is not a language code such as 'en' or 'pt-BR' (write it 'fr'): after "
        "'soort' and 'term' each column holds the labels in the language its header names",
    ),
    (
        "a language code with an underscore",
        _cells(E1="en_GB", E2="prevention"),
        "woordenlijst!E1",
        "column 'en_GB' is not a language code such as 'en' or 'pt-BR' (write it 'en-GB')",
    ),
    (
        "a language's name for its code",
        _cells(E1="Frans"),
        "woordenlijst!E1",
        "column 'Frans' is not a language code such as 'en' or 'pt-BR': after",
    ),
    (
        "a language column twice",
        _cells(E1="en", E2="prevention"),
        "woordenlijst!E1",
        "column 'en' appears twice (first in column 3)",
    ),
    (
        "an empty term",
        _cells(B3=None),
        "woordenlijst!B3",
        "vocabulary row 3: 'term' is empty",
    ),
    (
        "an empty kind",
        _cells(A3=None),
        "woordenlijst!A3",
        "vocabulary row 3: 'soort' is empty: type or sector?",
    ),
    (
        "an unknown kind",
        _cells(A3="typ"),
        "woordenlijst!A3",
        "soort: 'typ' is not a kind of term; choose type or sector (did you mean 'type'?)",
    ),
    (
        "a term twice for the same kind",
        _cells(B4="preventie"),
        "woordenlijst!B4",
        "type 'preventie' is given twice (first in row 2); the vocabulary lists a type once",
    ),
    (
        "a term of invisible characters",
        _cells(B2="\u200b\u200b"),
        "woordenlijst!B2",
        "the vocabulary: a term in 'types' must not be empty, only spaces or invisible characters",
    ),
    (
        "a label too long",
        _cells(C5="x" * (MAX_NAME + 1)),
        "woordenlijst!C5",
        f"vocabulary sector 'onderwijs': its label in 'en' is too long (the limit is {MAX_NAME} "
        "characters)",
    ),
    (
        "a formula in a label",
        _cells(C2="=UPPER(B2)"),
        "woordenlijst!C2",
        "a formula (=UPPER(B2)); type the value itself",
    ),
    (
        "a formula in a term",
        _cells(B6='=CONCAT("veilig", "heid")'),
        "woordenlijst!B6",
        'a formula (=CONCAT("veilig", "heid")); type the value itself',
    ),
    (
        "an error value in a label",
        _cells(D3=("#N/A", "e")),
        "woordenlijst!D3",
        "an Excel error value (#N/A); type the value itself",
    ),
    (
        "TRUE in a label",
        _cells(C4=(True, "b")),
        "woordenlijst!C4",
        "TRUE/FALSE where text is expected",
    ),
    (
        "no term column",
        _cells(B1=None),
        "woordenlijst!E1",
        "the 'woordenlijst' sheet has no column 'term' (row 1 names the columns: soort, term)",
    ),
]


@pytest.mark.parametrize("edit, where, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_mistake_is_one_line_at_its_cell_and_nothing_is_written(
    tmp_path: Path, edit: Edit, where: str, message: str
) -> None:
    folder = tmp_path / "werkmap"
    folder.mkdir()
    path = _export(EXAMPLE, folder / "voorbeeld.xlsx")
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    target = folder / "voorbeeld.yaml"
    result = run_cli("import", path, "-o", target)
    assert result.code == 1, result.err
    errors = [line for line in result.err.strip().splitlines() if ": warning: " not in line]
    (line,) = errors
    cell = where.split("!")[1]
    column = openpyxl.utils.cell.column_index_from_string(cell.rstrip("0123456789"))
    row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert line.startswith(f"werkmap/voorbeeld.xlsx:{row}:{column}: {where}: "), line
    assert message in line, line
    assert sorted(os.listdir(folder)) == ["voorbeeld.xlsx"]  # no YAML, no temp file


def test_an_unused_term_with_a_label_is_the_yamls_warning_at_its_row(tmp_path: Path) -> None:
    path = _export(EXAMPLE, tmp_path / "voorbeeld.xlsx")
    book = openpyxl.load_workbook(path)
    _cells(A7="type", B7="ongebruikt", C7="unused", A8="sector", B8="leeg")(book)
    book.save(path)
    result = run_cli("import", path, "-o", tmp_path / "back.yaml")
    assert result.code == 0, result.err
    assert result.err.splitlines()[:-1] == [
        "voorbeeld.xlsx:7:2: warning: woordenlijst!B7: vocabulary type 'ongebruikt' is not "
        "used by any barrier"
    ]  # row 8, a term without labels, is no entry: no warning
    data = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))
    assert data["vocabulary"]["types"]["ongebruikt"] == {"en": "unused"}
    assert "leeg" not in data["vocabulary"]["sectors"]


def test_the_kind_may_be_written_as_the_yaml_writes_it(tmp_path: Path) -> None:
    path = _export(EXAMPLE, tmp_path / "voorbeeld.xlsx")
    book = openpyxl.load_workbook(path)
    _cells(A2="Types", A5="SECTORS", A6=" Sector ")(book)
    book.save(path)
    _import(path, tmp_path / "back.yaml")
    assert _json(tmp_path / "back.yaml") == _json(EXAMPLE)
