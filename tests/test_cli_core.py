"""The foundation commands through the real entry point: exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, run_cli


def test_validate_ok_prints_a_summary() -> None:
    result = run_cli("validate", EXAMPLE)
    assert result.code == 0, result.err
    assert "ok (example: 4 phases, 3 partners, 3 interventions)" in result.out
    assert result.err == ""


def test_validate_many_files_exits_1_if_any_fails(write_model) -> None:  # type: ignore[no-untyped-def]
    bad = write_model("id: bad\ntitle: Bad\nphases: []\n", "bad.yaml")
    result = run_cli("validate", EXAMPLE, bad)
    assert result.code == 1
    assert "ok (example" in result.out
    assert "bad.yaml:3:9: model: phases must not be empty" in result.err


def test_warnings_do_not_fail_unless_strict(write_model) -> None:  # type: ignore[no-untyped-def]
    path = write_model(
        """\
        id: warn
        title: Warn
        sources:
          - id: never-cited
            title: Nooit geciteerd
        phases:
          - id: a
            name: A
        partners:
          - id: idle
            name: Idle
          - id: busy
            name: Busy
        interventions:
          - id: i
            name: I
            phases: [a]
            partners: [busy]
        """
    )
    result = run_cli("validate", path)
    assert result.code == 0
    assert "model.yaml:10:5: warning: partner 'idle' raises no intervention" in result.err
    assert "model.yaml:4:5: warning: source 'never-cited' is not cited by any item" in result.err
    assert "2 warning(s)" in result.out
    strict = run_cli("validate", "--strict", path)
    assert strict.code == 1


def test_unknown_model_id_suggests_and_exits_1() -> None:
    result = run_cli("show", "loverboys-generaal")
    assert result.code == 1
    assert "unknown model 'loverboys-generaal'" in result.err
    assert "Traceback" not in result.err


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nope.yaml")
    assert result.code == 1
    assert result.err.strip().endswith("nope.yaml:1:1: no such file")


def test_a_folder_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    result = run_cli("validate", tmp_path / "x.yaml")
    assert result.code == 1
    assert "is a folder" in result.err


def test_usage_errors_exit_2() -> None:
    assert run_cli("show").code == 2
    assert run_cli("nonsense-command").code == 2
    assert run_cli("show", EXAMPLE, "--format", "xml").code == 2


def test_show_json_is_the_resolved_model_in_the_yaml_keys() -> None:
    result = run_cli("show", EXAMPLE, "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert [p["id"] for p in data["phases"]] == ["werving", "binden", "uitbuiten", "geld"]
    assert data["phases"][0]["next"] == ["binden"]
    assert data["phases"][3]["next"] == []
    assert "extends" not in data and "remove" not in data
    assert data["phases"][0]["signals"][0] == {"text": "Veel nieuwe, oudere contacten"}
    assert data["interventions"][0]["legal_basis"] == ["Wet op het voortgezet onderwijs"]
    assert data["notes"] == {"reviewed": "no", "contacts": ["a", "b"]}


def test_show_yaml_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "resolved.yaml"
    assert run_cli("show", EXAMPLE, "--format", "yaml", "-o", out).code == 0
    again = run_cli("show", out, "--format", "json")
    original = run_cli("show", EXAMPLE, "--format", "json")
    assert json.loads(again.out) == json.loads(original.out)


def test_show_table_lists_phases_in_order_with_partners() -> None:
    result = run_cli("show", EXAMPLE)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Voorbeeldmodel (example)"
    assert "2. Binden [binden] -> uitbuiten, geld" in lines
    assert "   - Melding ongebruikelijke transactie <financieel> — Bank, Politie" in lines


def test_schema_is_json_schema_with_the_fields() -> None:
    result = run_cli("schema")
    schema = json.loads(result.out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    props = schema["properties"]
    assert {"id", "title", "extends", "phases", "partners", "interventions", "remove"} <= set(props)
    technique = schema["$defs"]["Intervention"]["properties"]["technique"]
    assert len(technique["anyOf"][0]["enum"]) == 25


def test_schema_accepts_the_example_and_rejects_typos() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(run_cli("schema").out)
    data = yaml.safe_load(EXAMPLE.read_text())
    jsonschema.validate(data, schema)
    data["interventons"] = data.pop("interventions")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_new_writes_a_model_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "gemeente-x.yaml"
    result = run_cli("new", "gemeente-x", "-o", path)
    assert result.code == 0
    assert run_cli("validate", "--strict", path).code == 0
    assert "# yaml-language-server: $schema=" in path.read_text()
    again = run_cli("new", "gemeente-x", "-o", path)
    assert again.code == 1 and "exists already" in again.err


def test_new_variant_validates(tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(EXAMPLE.read_text())
    path = tmp_path / "lokaal.yaml"
    result = run_cli("new", "lokaal", "--extends", tmp_path / "example.yaml", "-o", path)
    assert result.code == 0, result.err
    check = run_cli("validate", path)
    assert check.code == 0, check.err
    assert "extends: example" in path.read_text()


@pytest.mark.parametrize("base", ["loverboys-general", "gemeente-voorbeeld", "example", "bare"])
def test_a_new_variant_validates_without_a_warning_whatever_its_bases_vocabulary(
    tmp_path: Path, base: str
) -> None:
    # the variant's example partner and barrier bring a sector and a type of their own: where
    # the base's vocabulary lists that kind of term, the variant adds them to it, else not
    (tmp_path / "example.yaml").write_text(EXAMPLE.read_text())
    bare = (
        EXAMPLE.read_text().split("\nvocabulary:")[0]
        + "\nsources:"
        + (EXAMPLE.read_text().split("\nsources:", 1)[1])
    )
    (tmp_path / "bare.yaml").write_text(bare.replace("id: example", "id: bare", 1))
    ref = tmp_path / f"{base}.yaml" if base in ("example", "bare") else base
    path = tmp_path / "lokaal.yaml"
    assert run_cli("new", "lokaal", "--extends", ref, "-o", path).code == 0
    check = run_cli("validate", "--strict", path)
    assert check.code == 0, check.err
    assert ("vocabulary:" in path.read_text()) == (base != "bare")


def test_new_refuses_a_bad_id() -> None:
    result = run_cli("new", "Gemeente X", "-o", "-")
    assert result.code == 1
    assert "not a valid id" in result.err


def test_list_shows_bundled_and_extra_models(tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(EXAMPLE.read_text())
    (tmp_path / "broken.yaml").write_text("id: broken\n")
    result = run_cli("--models-dir", tmp_path, "list", "--format", "json")
    assert result.code == 0
    entries = {e["path"]: e for e in json.loads(result.out)}
    example = entries[str(tmp_path / "example.yaml")]
    assert example["id"] == "example"
    assert (example["phases"], example["partners"], example["interventions"]) == (4, 3, 3)
    assert entries[str(tmp_path / "broken.yaml")]["valid"] is False
    table = run_cli("--models-dir", tmp_path, "list")
    assert "INVALID" in table.out and "example" in table.out


def test_models_dir_makes_ids_usable(tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(EXAMPLE.read_text())
    result = run_cli("--models-dir", tmp_path, "show", "example", "--format", "json")
    assert result.code == 0
    assert json.loads(result.out)["id"] == "example"


def test_unexpected_errors_are_labelled_as_bugs(monkeypatch: pytest.MonkeyPatch) -> None:
    import barriers.commands.core as core

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(core, "_show_table", boom)
    result = run_cli("show", EXAMPLE)
    assert result.code == 70
    assert "internal error (RuntimeError: kaboom)" in result.err
    assert "--debug" in result.err
    assert "Traceback" not in result.err
    with pytest.raises(RuntimeError):
        run_cli("--debug", "show", EXAMPLE)


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "barriers", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("barriers, version ")


def test_every_command_has_help_with_an_example() -> None:
    from barriers.cli import COMMANDS, cli

    for name in COMMANDS:
        result = run_cli(name, "--help")
        assert result.code == 0, name
        assert "Example" in result.out, name
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.help, name


@pytest.mark.parametrize(
    "args",
    [
        ["show", EXAMPLE, "--format", "json", "-o", "{blocker}/x.json"],
        ["schema", "-o", "{blocker}/x.json"],
        ["export", EXAMPLE, "--to", "csv", "-o", "{blocker}/x.csv"],
        ["report", EXAMPLE, "-o", "{blocker}/x.html"],
        ["map", EXAMPLE, "-o", "{blocker}/x.html"],
        ["show", EXAMPLE, "-o", "{folder}"],
    ],
)
def test_a_failed_write_is_a_clean_error(args: list[object], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    argv = [str(a).format(blocker=blocker, folder=folder) for a in args]
    result = run_cli(*argv)
    assert result.code == 1, result.err
    assert "cannot write" in result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "a-folder"]
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["export", "{model}", "--to", "md", "-o", "{model}"],
        ["report", "{model}", "-o", "{model}"],
        ["map", "{model}", "-o", "{model}"],
        ["show", "{model}", "--format", "yaml", "-o", "{model}"],
        ["show", "{variant}", "--format", "yaml", "-o", "{model}"],
    ],
)
def test_never_writes_over_a_model_it_reads(args: list[str], tmp_path: Path) -> None:
    model = tmp_path / "example.yaml"
    model.write_text(EXAMPLE.read_text())
    variant = tmp_path / "v.yaml"
    variant.write_text("id: v\ntitle: V\nextends: example\n")
    before = model.read_bytes()
    result = run_cli(*[a.format(model=model, variant=variant) for a in args])
    assert result.code == 1
    assert "refusing to write over a model file this command reads" in result.err
    assert model.read_bytes() == before


def test_site_needs_a_folder_not_stdout() -> None:
    result = run_cli("site", "-o", "-")
    assert result.code == 2
    assert "give a folder" in result.err


def test_an_ambiguous_model_id_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(EXAMPLE.read_text())
    (tmp_path / "two.yaml").write_text(EXAMPLE.read_text())
    result = run_cli("--models-dir", tmp_path, "show", "example")
    assert result.code == 1
    assert "model id 'example' is ambiguous: one.yaml and two.yaml" in result.err


def test_new_refuses_ids_longer_than_the_format_allows() -> None:
    result = run_cli("new", "a" * 81, "-o", "-")
    assert result.code == 1
    assert "at most 80" in result.err


def test_new_variant_must_be_able_to_find_its_base(tmp_path: Path) -> None:
    base = tmp_path / "x.yaml"
    assert run_cli("new", "x", "-o", base).code == 0
    elsewhere = tmp_path / "sub" / "v.yaml"
    result = run_cli("new", "v", "--extends", base, "-o", elsewhere)
    assert result.code == 1
    assert "neither in" in result.err and "write the new model beside" in result.err
    assert not elsewhere.exists()
    beside = tmp_path / "v.yaml"
    assert run_cli("new", "v", "--extends", base, "-o", beside).code == 0
    assert run_cli("validate", "--strict", beside).code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["v.yaml", "x.yaml"]


def test_a_folder_named_as_the_working_folder_is_shown_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", tmp_path)
    assert result.code == 1
    assert result.err.startswith(f"{tmp_path}:1:1: is a folder")


def test_suggestions_ignore_case(write_model) -> None:  # type: ignore[no-untyped-def]
    path = write_model(
        "id: m\ntitle: M\nphases:\n  - id: a\n    name: A\npartners:\n  - id: p1\n    name: P\n"
        "interventions:\n  - id: i\n    name: I\n    phases: [a]\n    partners: [p1]\n"
    )
    result = run_cli("whatif", path, "--without", "P1")
    assert result.code == 1
    assert "did you mean 'p1'?" in result.err


def test_duplicate_ids_in_a_list_are_named(write_model) -> None:  # type: ignore[no-untyped-def]
    path = write_model(
        "id: m\ntitle: M\nphases:\n  - id: a\n    name: A\npartners:\n  - id: p\n    name: P\n"
        "interventions:\n  - id: i\n    name: I\n    phases: [a, a]\n    partners: [p]\n"
    )
    result = run_cli("validate", path)
    assert result.code == 0
    assert "model.yaml:12:13: warning: intervention 'i' lists phase 'a' twice in 'phases'" in (
        result.err
    )
