"""The workbook of a variant and of a local profile (issue 14): export and import keep the
local layer and keep a variant a variant; Dutch by default, English on request, both read;
drop-downs; names for phases and partners."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from barriers import load_model
from barriers.analysis.local import local_picture
from barriers.export import ExportOptions, export
from barriers.importer import import_file
from barriers.model import Model
from barriers.problems import ModelError
from barriers.states import ACTION_STATES, INTERVENTION_STATES, PARTNER_STATES
from barriers.techniques import TECHNIQUE_IDS
from tests.helpers import MODELS, run_cli
from tests.local_models import WORKBOOK_PROFILE as PROFILE


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "gemeente-proef.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def _exported(source: Path, *options: str) -> Path:
    target = source.with_suffix(".xlsx")
    result = run_cli("export", source, "--to", "xlsx", "-o", target, *options)
    assert result.code == 0, result.err
    return target


def _imported(book: Path, name: str = "terug.yaml") -> tuple[Path, str]:
    target = book.parent / name
    result = run_cli("import", book, "-o", target)
    assert result.code == 0, result.err
    return target, target.read_text(encoding="utf-8")


def _states(model: Model) -> dict[str, Any]:
    return {
        "interventions": {i.id: i.local for i in model.interventions if i.local},
        "partners": {p.id: p.local for p in model.partners if p.local},
        "local": model.local,
        "actions": model.actions,
    }


# -- a profile round trip ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_profile_comes_back_as_a_variant_with_the_same_local_answer(
    profile: Path, lang: str
) -> None:
    original = load_model(profile, use_cache=False).model
    back, text = _imported(_exported(profile, "--lang", lang))
    data = yaml.safe_load(text)
    assert data["extends"] == "loverboys-general"
    # only what differs from the base: the marked items, the own ones, nothing else
    assert [i["id"] for i in data["interventions"]] == [
        "lespakketten-seksuele-vorming",
        "lespakket-jongens",
        "sexting-grooming-les",
        "voorlichting-ouders",
        "taxi-signalering",
    ]
    assert data["interventions"][0] == {
        "id": "lespakketten-seksuele-vorming",
        "local": {"state": "in-place", "owner": "scholen", "note": "alle vo-scholen, 2026"},
    }
    assert [p["id"] for p in data["partners"]] == ["politie", "taxibedrijven"]  # base first
    assert "phases" not in data and "sources" not in data
    reloaded = load_model(back, use_cache=False).model
    assert _states(reloaded) == _states(original)
    assert local_picture(reloaded) == local_picture(original)
    assert reloaded.to_data() == original.to_data()


def test_a_profile_workbook_has_local_columns_drop_downs_and_an_actions_sheet(
    profile: Path,
) -> None:
    book = openpyxl.load_workbook(_exported(profile))
    assert book.sheetnames == [
        "model",
        "fasen",
        "signalen",
        "gelegenheden",
        "facilitatoren",
        "partners",
        "interventies",
        "bronnen",
        "checklist",
        "woordenlijst",
        "checklist-antwoorden",
        "acties",
        "dekking",
        "barrièretabel",
        "uitleg",
        "keuzelijsten",
    ]
    interventions = book["interventies"]
    headers = [c.value for c in interventions[1]]
    assert headers[:4] == ["id", "naam", "fasen", "partners"]
    assert headers[-4:] == ["lokale status", "lokale eigenaar", "lokaal contact", "lokale notitie"]
    lists = book["keuzelijsten"]
    choices = {}
    for validation in interventions.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        header = interventions[f"{column}1"].value
        sheet, cells = validation.formula1.split("!")
        assert sheet.strip("'") == "keuzelijsten"
        first, last = cells.replace("$", "").split(":")
        choices[header] = (
            tuple(c.value for row in lists[first:last] for c in row),
            validation.errorStyle,
        )
    assert choices["lokale status"] == (INTERVENTION_STATES, "stop")
    assert choices["status"] == (("regular", "example", "pilot", "promising"), "stop")
    assert choices["techniek"] == (TECHNIQUE_IDS, "stop")
    types, style = choices["type"]
    assert style == "information" and types  # the model's types offered, others allowed
    partners = book["partners"]
    assert [c.value for c in partners[1]][-2:] == ["lokale status", "lokale notitie"]
    by_column = {
        partners[f"{str(v.sqref).split(':')[0].rstrip('0123456789')}1"].value: v
        for v in partners.data_validations.dataValidation
        if "keuzelijsten" in v.formula1
    }
    assert sorted(by_column) == ["lokale status", "sector"]
    partner_states = by_column["lokale status"]
    first, last = partner_states.formula1.split("!")[1].replace("$", "").split(":")
    assert tuple(c.value for row in lists[first:last] for c in row) == PARTNER_STATES
    assert partner_states.errorStyle == "stop"
    # the sector offers the model's sectors, used or in the vocabulary, and allows others
    sectors = by_column["sector"]
    first, last = sectors.formula1.split("!")[1].replace("$", "").split(":")
    model = load_model(profile, use_cache=False).model
    assert model.vocabulary is not None
    assert tuple(c.value for row in lists[first:last] for c in row) == tuple(
        sorted({p.sector for p in model.partners if p.sector} | set(model.vocabulary.sectors))
    )
    assert sectors.errorStyle == "information"
    actions = book["acties"]
    assert [c.value for c in actions[1]] == [
        "id",
        "titel",
        "interventies",
        "fasen",
        "eigenaar",
        "deadline",
        "prioriteit",
        "status",
        "notitie",
    ]
    (action_states,) = actions.data_validations.dataValidation
    first, last = action_states.formula1.split("!")[1].replace("$", "").split(":")
    assert tuple(c.value for row in lists[first:last] for c in row) == ACTION_STATES
    model_rows = {row[0].value: row[1].value for row in book["model"].iter_rows(min_row=2)}
    assert model_rows["basismodel"] == "loverboys-general"
    assert model_rows["lokaal gebied"] == "Gemeente Proef"
    assert model_rows["lokale deelnemers"] == "politie, scholen"


def test_states_filled_in_the_workbook_come_back(profile: Path) -> None:
    path = _exported(profile)
    book = openpyxl.load_workbook(path)
    ws = book["interventies"]
    headers = [c.value for c in ws[1]]
    state = headers.index("lokale status") + 1
    owner = headers.index("lokale eigenaar") + 1
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["sexting-grooming-les"], state).value = "in-place"
    ws.cell(rows["sexting-grooming-les"], owner).value = "Politie"  # a name, not the id
    ws.cell(rows["lespakket-jongens"], state).value = None  # back to unknown
    book.save(path)
    back, text = _imported(path)
    model = load_model(back, use_cache=False).model
    assert model.intervention("sexting-grooming-les").local is not None
    assert model.intervention("sexting-grooming-les").local.state == "in-place"
    assert model.intervention("sexting-grooming-les").local.owner == "politie"
    assert model.intervention("lespakket-jongens").local is None
    assert "lespakket-jongens" not in text  # nothing left to say about it


def test_a_bad_state_is_named_at_its_cell(profile: Path) -> None:
    path = _exported(profile)
    book = openpyxl.load_workbook(path)
    ws = book["interventies"]
    column = [c.value for c in ws[1]].index("lokale status") + 1
    ws.cell(2, column).value = "aanwezig"
    book.save(path)
    with pytest.raises(ModelError) as caught:
        import_file(path)
    (problem,) = [p for p in caught.value.problems if p.severity == "error"]
    assert problem.line == 2 and problem.column == column
    assert "interventies!" in problem.message and "aanwezig" in problem.message


# -- a variant stays a variant ----------------------------------------------------------------


def test_a_bundled_variant_comes_back_as_its_own_few_items(tmp_path: Path) -> None:
    source = MODELS / "loverboys-lvb.yaml"
    back, text = _imported(_exported_to(source, tmp_path / "lvb.xlsx"))
    data = yaml.safe_load(text)
    written = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert data["extends"] == "loverboys-general"
    for kind in ("phases", "partners", "interventions", "sources"):
        assert {i["id"] for i in data.get(kind, [])} == {i["id"] for i in written.get(kind, [])}
    original = load_model(source, use_cache=False).model
    assert load_model(back, use_cache=False).model.to_data() == original.to_data()


def _exported_to(source: Path, target: Path) -> Path:
    result = run_cli("export", source, "--to", "xlsx", "-o", target)
    assert result.code == 0, result.err
    return target


def test_changed_lists_are_patches_and_removed_items_are_removals(tmp_path: Path) -> None:
    path = _exported_to(MODELS / "loverboys-lvb.yaml", tmp_path / "lvb.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["interventies"]
    headers = [c.value for c in ws[1]]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    partners = headers.index("partners") + 1
    cell = ws.cell(rows["lespakket-jongens"], partners)
    cell.value = f"{cell.value}, Ouders, verzorgers en netwerk"  # a name with commas
    ws.delete_rows(rows["meldknop"])
    book.save(path)
    back, text = _imported(path)
    data = yaml.safe_load(text)
    changed = next(i for i in data["interventions"] if i["id"] == "lespakket-jongens")
    assert changed == {"id": "lespakket-jongens", "partners": {"add": ["ouders"]}}
    assert data["remove"] == {"interventions": ["meldknop"]}
    model = load_model(back, use_cache=False).model
    assert "ouders" in model.intervention("lespakket-jongens").partners
    assert "meldknop" not in {i.id for i in model.interventions}


def test_an_unknown_base_is_named_at_its_cell(tmp_path: Path) -> None:
    path = _exported_to(MODELS / "loverboys-lvb.yaml", tmp_path / "lvb.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["model"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "basismodel")
    ws.cell(row, 2).value = "loverboys-generaal"
    book.save(path)
    result = run_cli("import", path, "-o", tmp_path / "x.yaml")
    assert result.code == 1
    assert result.err.startswith(f"lvb.xlsx:{row}:2: model!B{row}: ")
    assert "unknown model 'loverboys-generaal' (did you mean 'loverboys-general'?)" in result.err


# -- languages and names ------------------------------------------------------------------------


def test_an_english_workbook_with_dutch_headers_mixed_in_is_read(tmp_path: Path) -> None:
    model = load_model(MODELS / "loverboys-general.yaml", use_cache=False).model
    data = export(model, "xlsx", ExportOptions(lang="en"))
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["phases"]["B1"] = "naam"  # a Dutch header on an English sheet
    book["interventions"].title = "interventies"
    path = tmp_path / "gemengd.xlsx"
    book.save(path)
    assert import_file(path).model.to_data() == model.to_data()


def test_phases_and_partners_by_name_never_split_at_spaces(tmp_path: Path) -> None:
    model = load_model(MODELS / "loverboys-general.yaml", use_cache=False).model
    data = export(model, "xlsx", ExportOptions(lang="en"))
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["interventions"]
    ws["C2"] = "Losweken / isoleren; ronselen"
    ws["D2"] = "Ouders, verzorgers en netwerk, Gemeente - jeugd, zorg en welzijn\nPOLITIE"
    book["signals"]["A2"] = "Losweken / isoleren"
    path = tmp_path / "namen.xlsx"
    book.save(path)
    imported = import_file(path).model
    first = imported.interventions[0]
    assert first.phases == ["losweken", "ronselen"]
    assert first.partners == ["ouders", "gemeente-jeugd", "politie"]
    assert imported.phase("losweken").signals[0].text == model.phases[0].signals[0].text


def test_an_unknown_name_is_reported_as_written(tmp_path: Path) -> None:
    model = load_model(MODELS / "loverboys-general.yaml", use_cache=False).model
    data = export(model, "xlsx", ExportOptions(lang="en"))
    assert isinstance(data, bytes)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["interventions"]["D2"] = "politie, Ouders en netwerk"
    path = tmp_path / "onbekend.xlsx"
    book.save(path)
    with pytest.raises(ModelError) as caught:
        import_file(path)
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "interventions!D2: partners: no partner has the id or name 'Ouders en netwerk' "
        "(did you mean 'Ouders, verzorgers en netwerk'?)"
    ]


def test_the_bundled_profile_round_trip_gives_the_same_barriers_local_answer(
    tmp_path: Path,
) -> None:
    source = MODELS / "gemeente-voorbeeld.yaml"
    back, text = _imported(_exported_to(source, tmp_path / "voorbeeld.xlsx"))
    written = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert yaml.safe_load(text)["extends"] == written["extends"]
    assert len(text.splitlines()) < 2 * len(source.read_text(encoding="utf-8").splitlines())
    for command in ("local", "plan"):
        before = run_cli(command, source, "--format", "json")
        after = run_cli(command, back, "--format", "json")
        assert before.code == after.code == 0, after.err
        assert after.out == before.out


def test_a_profile_workbook_has_the_same_bytes_every_time(profile: Path) -> None:
    model = load_model(profile, use_cache=False).model
    options = ExportOptions(base="loverboys-general")
    assert export(model, "xlsx", options) == export(
        load_model(profile, use_cache=False).model, "xlsx", options
    )


def test_header_comments_are_in_the_workbooks_language(profile: Path) -> None:
    from barriers.workbook import HELP_NL, model_sheets

    model = load_model(profile, use_cache=False).model
    for lang in ("nl", "en"):
        data = export(model, "xlsx", ExportOptions(lang=lang))
        assert isinstance(data, bytes)
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in model_sheets(local=True):
            ws = book[sheet.label(lang)]
            for index, column in enumerate(sheet.all_columns, 1):
                comment = ws.cell(1, index).comment
                if not column.help:
                    assert comment is None
                    continue
                assert comment is not None
                want = HELP_NL[column.help] if lang == "nl" else column.help
                assert comment.text == want, (sheet.name, column.name)


def test_a_field_a_variant_cannot_clear_is_a_warning(tmp_path: Path) -> None:
    path = _exported_to(MODELS / "loverboys-lvb.yaml", tmp_path / "lvb.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["partners"]
    headers = [c.value for c in ws[1]]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["politie"], headers.index("sector") + 1).value = None
    book.save(path)
    result = run_cli("import", path, "-o", tmp_path / "terug.yaml")
    assert result.code == 0, result.err
    assert (
        f"warning: partners!A{rows['politie']}: partner 'politie' field 'sector' is empty in the "
        "workbook, but a "
        "variant cannot clear what its base 'loverboys-general' gives: it keeps the base's value"
    ) in result.err
    back = load_model(tmp_path / "terug.yaml", use_cache=False).model
    assert (
        back.partner("politie").sector
        == load_model(MODELS / "loverboys-general.yaml").model.partner("politie").sector
    )
