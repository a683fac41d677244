"""`barriers local` and `barriers plan` through the real command line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Result
from tests.local_models import BASE, OTHER, PROFILE


@pytest.fixture
def folder(write_model: Callable[..., Path]) -> Path:
    write_model(BASE, "dorp-basis.yaml")
    write_model(PROFILE, "testdorp.yaml")
    return write_model(OTHER, "anderdorp.yaml").parent


def test_local_json_has_exactly_the_documented_keys(
    cli: Callable[..., Result], folder: Path
) -> None:
    result = cli("local", folder / "testdorp.yaml", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == [
        "area",
        "date",
        "counts",
        "phases",
        "uncovered",
        "single_partner",
        "candidates",
        "smallest_fix",
        "without_plan",
    ]
    assert data["uncovered"] == ["c", "d"]
    assert data["smallest_fix"] == {"interventions": ["i4"], "optimal": True}


def test_local_table_names_the_open_phases_and_the_fix(
    cli: Callable[..., Result], folder: Path
) -> None:
    result = cli("local", folder / "testdorp.yaml")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Local picture of Testdorp on 2026-06-01 (testdorp)"
    row = {line.split()[1]: line for line in lines if line.startswith("Fase ")}
    assert row["A"].split()[2:] == ["1", "0", "0", "0", "0", "1", "one", "partner"]
    assert row["C"].endswith("OPEN") and row["D"].endswith("OPEN")
    assert row["E"].endswith("no barrier in the model")
    assert "Smallest fix (proven minimal): Barrière 4" in lines
    assert "Open here without a plan: Fase D" in lines
    start = lines.index("Candidates (would close a phase open here):")
    assert lines[start + 1 : start + 4] == [
        "  Barrière 4 [planned] closes Fase C, Fase D",
        "  Barrière 3 [absent] closes Fase C",
        "  Barrière 5 [not-applicable] closes Fase D",
    ]
    assert lines[start + 4].startswith("Smallest fix")


def test_local_csv_has_one_row_per_phase_and_barrier(
    cli: Callable[..., Result], folder: Path
) -> None:
    result = cli("local", folder / "testdorp.yaml", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [(r["phase"], r["intervention"], r["state"], r["open_here"]) for r in rows] == [
        ("a", "i1", "in-place", "False"),
        ("a", "i6", "unknown", "False"),
        ("b", "i1", "in-place", "False"),
        ("b", "i2", "partial", "False"),
        ("c", "i4", "planned", "True"),
        ("c", "i3", "absent", "True"),
        ("d", "i4", "planned", "True"),
        ("d", "i5", "not-applicable", "True"),
        ("e", "", "", "False"),
    ]


def test_several_places_compare(cli: Callable[..., Result], folder: Path) -> None:
    by_args = cli("local", folder / "testdorp.yaml", folder / "anderdorp.yaml", "--format", "json")
    assert by_args.code == 0, by_args.err
    data = json.loads(by_args.out)
    assert [p["id"] for p in data["profiles"]] == ["testdorp", "anderdorp"]
    assert data["profiles"][1]["uncovered"] == ["d"]
    assert data["comparison"]["shared_gaps"] == [
        {"id": "d", "name": "Fase D", "open_in": ["testdorp", "anderdorp"]}
    ]
    by_folder = cli("local", "--models-dir", folder, "--format", "json")
    assert by_folder.code == 0, by_folder.err
    ids = [p["id"] for p in json.loads(by_folder.out)["profiles"]]
    assert ids == ["anderdorp", "testdorp"]  # file order; the base is no profile
    table = cli("--models-dir", folder, "local")
    assert table.code == 0, table.err
    assert table.out.startswith("Local profiles compared: Anderdorp, Testdorp\n")
    assert "Fase C: open in Testdorp" in table.out
    assert "Shared gaps (open in more than half of the places): Fase D (2 of 2)" in table.out
    rows = list(
        csv.reader(io.StringIO(cli("local", "--models-dir", folder, "--format", "csv").out))
    )
    assert rows[0] == ["intervention", "name", "anderdorp", "testdorp"]
    assert rows[6] == ["i6", "Barrière 6", "in-place", "unknown"]


def test_local_refuses_a_model_without_local_and_wants_a_profile(
    cli: Callable[..., Result], folder: Path
) -> None:
    result = cli("local", folder / "dorp-basis.yaml")
    assert result.code == 1
    assert result.err.startswith("model 'dorp-basis' is not a local profile")
    nothing = cli("local")
    assert nothing.code == 2
    assert "give a PROFILE (or several), or --models-dir DIR" in nothing.err
    plan = cli("plan", folder / "dorp-basis.yaml")
    assert plan.code == 1 and "is not a local profile" in plan.err


def test_plan_json_is_ordered_and_flagged(cli: Callable[..., Result], folder: Path) -> None:
    result = cli("plan", folder / "testdorp.yaml", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == ["actions", "without_plan"]
    assert [(a["id"], a["overdue"], a["in_place"]) for a in data["actions"]] == [
        ("x3", True, True),
        ("x2", False, False),
        ("x1", True, False),
        ("x4", False, False),
    ]
    early = json.loads(
        cli("plan", folder / "testdorp.yaml", "--today", "2025-12-31", "--format", "json").out
    )
    assert not any(a["overdue"] for a in early["actions"])


def test_plan_table_flags_overdue_and_in_place(cli: Callable[..., Result], folder: Path) -> None:
    result = cli("plan", folder / "testdorp.yaml")
    lines = result.out.splitlines()
    assert lines[0] == "Action plan of Testdorp (as of 2026-06-01)"
    first = next(line for line in lines if line.startswith("1 "))
    assert "Barrière 1 versterken" in first and first.endswith("OVERDUE, in place")
    assert lines[-1] == "Open here without a plan: Fase D"


def test_plan_rejects_a_bad_today(cli: Callable[..., Result], folder: Path) -> None:
    result = cli("plan", folder / "testdorp.yaml", "--today", "2026-13-01")
    assert result.code == 2
    assert "'2026-13-01' is not a real date" in result.err


def test_plan_xlsx_holds_the_plan_as_text_and_the_same_bytes(
    cli: Callable[..., Result], folder: Path, write_model: Callable[..., Path]
) -> None:
    from openpyxl import load_workbook

    hostile = PROFILE.replace("title: Later", "title: '=HYPERLINK(\"http://x\")'")
    write_model(hostile, "testdorp.yaml")
    target = folder / "plan.xlsx"
    assert cli("plan", folder / "testdorp.yaml", "--format", "xlsx", "-o", target).code == 0
    first = target.read_bytes()
    assert cli("plan", folder / "testdorp.yaml", "--format", "xlsx", "-o", target).code == 0
    assert target.read_bytes() == first
    book = load_workbook(target)
    sheet = book["actions"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["id", "title", "priority", "due", "state"]
    assert [r[0] for r in rows[1:]] == ["x3", "x2", "x1", "x4"]
    assert rows[1][8:10] == [True, True]
    assert rows[4][1] == '=HYPERLINK("http://x")'
    assert sheet.cell(5, 2).data_type == "s"
    assert [[c.value for c in row] for row in book["without plan"].iter_rows()] == [
        ["phase", "name"],
        ["d", "Fase D"],
    ]
    to_stdout = cli("plan", folder / "testdorp.yaml", "--format", "xlsx")
    assert to_stdout.code == 2 and "give -o FILE.xlsx" in to_stdout.err


def test_md_views_escape_the_profiles_text(
    cli: Callable[..., Result], folder: Path, write_model: Callable[..., Path]
) -> None:
    write_model(PROFILE.replace("area: Testdorp", "area: '<b>Dorp</b> *x*'"), "testdorp.yaml")
    result = cli("local", folder / "testdorp.yaml", "--format", "md")
    assert result.code == 0, result.err
    assert result.out.startswith(r"## Local picture of \<b\>Dorp\</b\> \*x\* on 2026-06-01")
    plan = cli("plan", folder / "testdorp.yaml", "--format", "md")
    assert plan.out.startswith(r"## Action plan of \<b\>Dorp\</b\> \*x\*")


def test_local_and_plan_answer_the_same_from_the_cache(
    cli: Callable[..., Result], folder: Path, fresh_cache: Path
) -> None:
    for command in ("local", "plan"):
        fresh = cli("--no-cache", command, folder / "testdorp.yaml", "--format", "json")
        first = cli(command, folder / "testdorp.yaml", "--format", "json")  # fills the cache
        second = cli(command, folder / "testdorp.yaml", "--format", "json")  # read-only view
        assert fresh.code == first.code == second.code == 0, second.err
        assert fresh.out == first.out == second.out
    assert any(fresh_cache.iterdir())


def test_whatif_local_says_a_partner_absent_here_is_already_gone(
    cli: Callable[..., Result],
) -> None:
    # the example profile records the taxi companies as absent: not "unknown partner"
    result = cli("whatif", "gemeente-voorbeeld", "--local", "--without", "taxibedrijven")
    assert result.code == 1
    assert result.err.strip() == (
        "partner 'taxibedrijven' is absent here (local state: absent): the local picture "
        "already goes without it, so leave it out of --without"
    )
    # without --local it is a partner like any other, and a present one still answers
    assert cli("whatif", "gemeente-voorbeeld", "--without", "taxibedrijven").code == 0
    assert cli("whatif", "gemeente-voorbeeld", "--local", "--without", "politie").code == 0
