"""The analysis commands, in every format, on the hand-made model of test_analysis."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from barriers import analysis, load_model
from tests.analysis_models import BRANCHING, SOLID, VARIANT
from tests.helpers import Result

Cli = Callable[..., Result]
COMMANDS = ("partners", "gaps", "cover", "routes", "centrality", "mechanisms")


@pytest.fixture
def path(write_model: Callable[..., Path]) -> Path:
    return write_model(BRANCHING, "branching.yaml")


def ok(cli: Cli, *args: Any) -> str:
    result = cli(*args)
    assert result.code == 0, result.err
    return result.out


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("command", COMMANDS)
def test_json_is_the_library_answer(cli: Cli, path: Path, command: str) -> None:
    model = load_model(path, use_cache=False).model
    expected = {
        "partners": analysis.partners_by_phase,
        "gaps": analysis.gaps,
        "cover": analysis.cover,
        "routes": analysis.routes,
        "centrality": analysis.centrality,
        "mechanisms": analysis.mechanisms,
    }[command](model)
    assert json.loads(ok(cli, command, path, "--format", "json")) == expected


@pytest.mark.parametrize("command", COMMANDS)
def test_markdown_is_a_table(cli: Cli, path: Path, command: str) -> None:
    out = ok(cli, command, path, "--format", "md")
    assert out.startswith("## ")
    table_lines = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table_lines) >= 3
    assert len({line.count(" | ") for line in table_lines[:2]}) == 1


@pytest.mark.parametrize("command", COMMANDS)
def test_output_to_a_file(cli: Cli, path: Path, command: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert ok(cli, command, path, "--format", "json", "-o", target) == ""
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(
        ok(cli, command, path, "--format", "json")
    )


def test_partners_table_names_phases_and_partners(cli: Cli, path: Path) -> None:
    out = ok(cli, "partners", path)
    assert "Online contact" in out and "School" in out
    assert "(none: an uncovered phase)" in out
    line = next(line for line in out.splitlines() if line.startswith("Uitbuiten"))
    assert line.split() == ["Uitbuiten", "Zorg", "zorg", "2"]


def test_partners_csv_has_a_row_per_phase_and_partner(cli: Cli, path: Path) -> None:
    found = rows(ok(cli, "partners", path, "--format", "csv"))
    assert [(r["phase"], r["partner"], r["interventions"]) for r in found] == [
        ("ronselen", "politie", "1"),
        ("ronselen", "school", "1"),
        ("inpalmen", "politie", "1"),
        ("inpalmen", "school", "2"),
        ("online", "school", "1"),
        ("isoleren", "", "0"),
        ("uitbuiten", "zorg", "2"),
    ]
    assert found[0]["phase_name"] == "Ronselen" and found[0]["partner_name"] == "Politie"


def test_partners_of_one_phase(cli: Cli, path: Path) -> None:
    out = ok(cli, "partners", path, "--phase", "inpalmen", "--format", "json")
    assert json.loads(out) == {"inpalmen": ["politie", "school"]}


def test_partners_unknown_phase_exits_1_with_a_suggestion(cli: Cli, path: Path) -> None:
    result = cli("partners", path, "--phase", "inpalme")
    assert result.code == 1
    assert result.err.strip() == "unknown phase 'inpalme' (did you mean 'inpalmen'?)"
    assert result.out == ""


def test_gaps_table_shows_counts_and_warnings(cli: Cli, path: Path) -> None:
    out = ok(cli, "gaps", path)
    lines = out.splitlines()
    assert next(x for x in lines if x.startswith("Isoleren")).split() == [
        "Isoleren",
        "isoleren",
        "0",
        "0",
        "UNCOVERED",
    ]
    assert next(x for x in lines if x.startswith("Uitbuiten")).split()[-3:] == [
        "one",
        "partner:",
        "Zorg",
    ]
    assert "Idle partners: Bank" in lines
    assert "Uncovered phases: Isoleren" in lines
    assert "Single-partner phases: Online contact, Uitbuiten" in lines


def test_gaps_csv(cli: Cli, path: Path) -> None:
    found = {r["phase"]: r for r in rows(ok(cli, "gaps", path, "--format", "csv"))}
    assert list(found) == ["ronselen", "inpalmen", "online", "isoleren", "uitbuiten"]
    assert found["isoleren"]["status"] == "uncovered"
    assert (found["uitbuiten"]["status"], found["uitbuiten"]["single_partner"]) == (
        "single_partner",
        "zorg",
    )
    assert (found["ronselen"]["interventions"], found["ronselen"]["partners"]) == ("2", "2")
    assert found["ronselen"]["status"] == "ok"


def test_gaps_check_exits_3_on_an_uncovered_phase(cli: Cli, path: Path) -> None:
    result = cli("gaps", path, "--check", "--format", "json")
    assert result.code == 3
    assert json.loads(result.out)["uncovered"] == ["isoleren"]
    assert "1 uncovered phase(s): isoleren" in result.err


def test_gaps_check_passes_a_covered_model(cli: Cli, write_model: Callable[..., Path]) -> None:
    result = cli("gaps", write_model(SOLID, "solid.yaml"), "--check")
    assert result.code == 0 and result.err == ""
    assert "Idle partners: none" in result.out


def test_whatif_in_every_format(cli: Cli, path: Path) -> None:
    args = ("whatif", path, "--without", "school", "--without", "politie")
    data = json.loads(ok(cli, *args, "--format", "json"))
    assert data == {
        "without": ["politie", "school"],
        "newly_uncovered": ["ronselen", "inpalmen", "online"],
        "lost_interventions": ["chat", "les", "melding", "regels"],
        "weakened": [],
    }
    table = ok(cli, *args)
    assert table.startswith("Without Politie, School\n")
    assert "phase left uncovered  Online contact" in table
    assert "intervention lost     Melding" in table
    found = rows(ok(cli, *args, "--format", "csv"))
    assert [(r["effect"], r["id"]) for r in found] == [
        ("uncovered", "ronselen"),
        ("uncovered", "inpalmen"),
        ("uncovered", "online"),
        ("lost", "chat"),
        ("lost", "les"),
        ("lost", "melding"),
        ("lost", "regels"),
    ]
    assert (found[0]["before"], found[0]["after"]) == ("2", "0")
    assert ok(cli, *args, "--format", "md").startswith("## Without Politie, School")


def test_whatif_weakened_phases(cli: Cli, path: Path) -> None:
    found = rows(ok(cli, "whatif", path, "--without", "politie", "--format", "csv"))
    assert [(r["effect"], r["id"], r["before"], r["after"]) for r in found] == [
        ("weakened", "ronselen", "2", "1"),
        ("lost", "les", "", ""),
    ]
    assert "2 -> 1 interventions" in ok(cli, "whatif", path, "--without", "politie")


def test_whatif_of_an_idle_partner_breaks_nothing(cli: Cli, path: Path) -> None:
    out = ok(cli, "whatif", path, "--without", "bank")
    assert out == "Without Bank\n\nNothing breaks: every intervention keeps a partner.\n"
    md = ok(cli, "whatif", path, "--without", "bank", "--format", "md")
    assert md == "## Without Bank\n\nNothing breaks: every intervention keeps a partner.\n"
    assert rows(ok(cli, "whatif", path, "--without", "bank", "--format", "csv")) == []


def test_whatif_unknown_partner_exits_1(cli: Cli, path: Path) -> None:
    result = cli("whatif", path, "--without", "polite")
    assert result.code == 1
    assert result.err.strip() == "unknown partner 'polite' (did you mean 'politie'?)"


def test_whatif_needs_a_partner(cli: Cli, path: Path) -> None:
    result = cli("whatif", path)
    assert result.code == 2
    assert "--without" in result.err


def test_cover_table_and_csv(cli: Cli, path: Path) -> None:
    out = ok(cli, "cover", path)
    assert out.startswith("Minimum cover: 2 partner(s), proven minimal\n")
    assert "School   school  3        Ronselen, Inpalmen, Online contact" in out
    assert "Uncoverable phases (no intervention): Isoleren" in out
    found = rows(ok(cli, "cover", path, "--format", "csv"))
    assert [(r["partner"], r["reaches"], r["phases"]) for r in found] == [
        ("school", "3", "ronselen; inpalmen; online"),
        ("zorg", "1", "uitbuiten"),
    ]


def test_routes_table_and_csv(cli: Cli, path: Path) -> None:
    out = ok(cli, "routes", path, "--limit", "2")
    assert out.startswith(
        "Weakest route (strength 3, 3 phase links): Online contact -> Isoleren -> Uitbuiten\n"
        "3 route(s) in all; 2 shown\n"
    )
    assert "2  4         4            Ronselen -> Isoleren -> Uitbuiten" in out
    assert "Strength: the number of distinct barriers acting on any phase of the route" in out
    found = rows(ok(cli, "routes", path, "--format", "csv"))
    assert [(r["route"], r["strength"], r["phase_links"], r["phases"]) for r in found] == [
        ("1", "3", "3", "online; isoleren; uitbuiten"),
        ("2", "4", "4", "ronselen; isoleren; uitbuiten"),
        ("3", "5", "6", "ronselen; inpalmen; uitbuiten"),
    ]
    assert found[0]["names"] == "Online contact; Isoleren; Uitbuiten"
    assert json.loads(ok(cli, "routes", path, "--limit", "0", "--format", "json"))["routes"] == []


def test_routes_limit_must_not_be_negative(cli: Cli, path: Path) -> None:
    assert cli("routes", path, "--limit", "-1").code == 2


def test_centrality_table_and_csv(cli: Cli, path: Path) -> None:
    out = ok(cli, "centrality", path)
    assert "School alone covers: Online contact" in out
    assert "Zorg alone covers: Uitbuiten" in out
    found = rows(ok(cli, "centrality", path, "--format", "csv"))
    assert [(r["rank"], r["partner"], r["alone_covers"], r["reaches"]) for r in found] == [
        ("1", "school", "online", "3"),
        ("2", "zorg", "uitbuiten", "1"),
        ("3", "politie", "", "2"),
        ("4", "bank", "", "0"),
    ]
    assert found[0]["interventions"] == "3" and found[0]["sole_interventions"] == "2"


def test_mechanisms_table_and_csv(cli: Cli, path: Path) -> None:
    out = ok(cli, "mechanisms", path)
    header = next(x for x in out.splitlines() if x.startswith("Phase"))
    assert header.split() == [
        "Phase",
        "effort+",
        "risks+",
        "rewards-",
        "provocations-",
        "excuses-",
        "no",
        "technique",
    ]
    uitbuiten = next(x for x in out.splitlines() if x.startswith("Uitbuiten "))
    assert uitbuiten.split() == ["Uitbuiten", "1", "1", "0", "0", "0", "0"]
    assert "Isoleren - missing: Increase the effort, Increase the risks" in out
    found = {r["phase"]: r for r in rows(ok(cli, "mechanisms", path, "--format", "csv"))}
    assert found["ronselen"]["increase-risks"] == "1"
    assert found["ronselen"]["remove-excuses"] == "1"
    assert found["inpalmen"]["without_technique"] == "1"
    assert found["uitbuiten"]["missing"] == "reduce-rewards; reduce-provocations; remove-excuses"


def test_diff_in_every_format(cli: Cli, path: Path, write_model: Callable[..., Path]) -> None:
    other = write_model(VARIANT, "variant.yaml")
    a = load_model(path, use_cache=False).model
    b = load_model(other, use_cache=False).model
    assert json.loads(ok(cli, "diff", path, other, "--format", "json")) == analysis.diff(a, b)
    found = rows(ok(cli, "diff", path, other, "--format", "csv"))
    removed = {"kind": "partners", "change": "removed", "id": "bank", "name": "Bank", "fields": ""}
    assert removed in found
    changed = {"kind": "interventions", "change": "changed", "id": "hulp", "name": "Hulp"}
    assert {**changed, "fields": "phases"} in found
    assert len(found) == 10
    table = ok(cli, "diff", path, other)
    assert table.startswith("Changes from vertakt to vertakt-b\n")
    # names beside ids: a removed item's name from the old model, others' from the new one
    assert re.search(r"interventions  added    Nazorg\S* +nazorg", table), table
    assert re.search(r"partners +removed  Bank +bank", table), table
    assert ok(cli, "diff", path, other, "--format", "md").startswith("## Changes from vertakt")
    same = ok(cli, "diff", path, path)
    assert "No differences in phases, partners or interventions." in same


@pytest.mark.parametrize("command", [*COMMANDS, "whatif", "diff"])
def test_help_has_a_real_example(cli: Cli, command: str) -> None:
    out = ok(cli, command, "--help")
    assert "Example:" in out
    assert f"barriers {command} " in out
    assert "--format [table|json|csv|md]" in out


def test_examples_in_the_help_run_on_the_bundled_models(cli: Cli) -> None:
    ran = 0
    for command in (*COMMANDS, "whatif", "diff"):
        for line in ok(cli, command, "--help").splitlines():
            words = line.split()
            if words[:2] != ["barriers", command] or "my-model.yaml" in line:
                continue
            if "-o" in words:  # print instead of writing a file
                at = words.index("-o")
                del words[at : at + 2]
            result = cli(*words[1:])
            assert result.code == 0, (line, result.err)
            assert result.out
            ran += 1
    assert ran >= 8
