"""Issue 13 on small models worked out by hand: thresholds, lead partners, resilience,
redundancy and distinct route strength, through the library and the CLI in every format.

LEADS, drawn::

    werving --> uitbuiting --> nazorg

    barrier        phases       partners           lead
    bibob          werving      gemeente, politie  gemeente
    voorlichting   werving      school             -
    opsporing      uitbuiting   politie, gemeente  politie
    melding        uitbuiting   school, politie    -
    opvang         nazorg       zorg, gemeente     zorg

A barrier is lost when its lead drops out, or (without a lead) when all its partners do. So
gemeente, which takes part in three barriers, leads one (bibob) and cannot run the others.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from barriers import analysis, load_model
from barriers.model import Model
from tests.helpers import Result

LEADS = """\
id: leiders
title: Leiders
phases:
  - {id: werving, name: Werving}
  - {id: uitbuiting, name: Uitbuiting}
  - {id: nazorg, name: Nazorg}
partners:
  - {id: gemeente, name: Gemeente}
  - {id: politie, name: Politie}
  - {id: school, name: School}
  - {id: zorg, name: Zorg}
interventions:
  - {id: bibob, name: Bibob-toets, phases: [werving], partners: [gemeente, politie], lead: gemeente}
  - {id: voorlichting, name: Voorlichting, phases: [werving], partners: [school]}
  - {id: opsporing, name: Opsporing, phases: [uitbuiting], partners: [politie, gemeente], lead: politie}
  - {id: melding, name: Melding, phases: [uitbuiting], partners: [school, politie]}
  - {id: opvang, name: Opvang, phases: [nazorg], partners: [zorg, gemeente], lead: zorg}
"""

# No leads: a needs two of p, q, r; b two of p, s, q.
REDUNDANT = """\
id: dubbel
title: Dubbel
phases:
  - {id: a, name: A}
  - {id: b, name: B}
partners:
  - {id: p, name: P}
  - {id: q, name: Q}
  - {id: r, name: R}
  - {id: s, name: S}
interventions:
  - {id: x1, name: X1, phases: [a], partners: [p]}
  - {id: x2, name: X2, phases: [a], partners: [q]}
  - {id: x3, name: X3, phases: [a], partners: [r]}
  - {id: y1, name: Y1, phases: [b], partners: [p]}
  - {id: y2, name: Y2, phases: [b], partners: [s]}
  - {id: y3, name: Y3, phases: [b], partners: [q]}
"""

# s -> a -> t and s -> b -> t. w and w2 act on s, a and t; n on b alone.
#   via a: barriers {w, w2}, phase links 2 + 2 + 2 = 6
#   via b: barriers {w, w2, n}, phase links 2 + 1 + 2 = 5
# The old per-phase sum called the route via b the weakest; it meets more barriers.
TWO_WAYS = """\
id: twee
title: Twee wegen
phases:
  - {id: s, name: S, next: [a, b]}
  - {id: a, name: A, next: [t]}
  - {id: b, name: B, next: [t]}
  - {id: t, name: T, next: []}
partners: [{id: p, name: P}]
interventions:
  - {id: w, name: W, phases: [s, a, t], partners: [p]}
  - {id: w2, name: W2, phases: [s, a, t], partners: [p]}
  - {id: n, name: N, phases: [b], partners: [p]}
"""

Cli = Callable[..., Result]


def load(write_model: Callable[..., Path], text: str, name: str = "m.yaml") -> Model:
    return load_model(write_model(text, name), use_cache=False).model


@pytest.fixture
def leads(write_model: Callable[..., Path]) -> Model:
    return load(write_model, LEADS)


@pytest.fixture
def leads_path(write_model: Callable[..., Path]) -> Path:
    return write_model(LEADS, "leiders.yaml")


def ok(cli: Cli, *args: Any) -> str:
    result = cli(*args)
    assert result.code == 0, result.err
    return result.out


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- the lead field is checked like other references --------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "partners: [gemeente, politie], lead: gemeent}",
            "intervention 'bibob' names unknown partner 'gemeent' (did you mean 'gemeente'?) "
            "as its lead",
        ),
        (
            "partners: [gemeente, politie], lead: school}",
            "intervention 'bibob' has lead 'school', which is not one of its partners: add it "
            "to 'partners' or choose a lead among them",
        ),
    ],
)
def test_a_bad_lead_is_a_located_error(
    cli: Cli, write_model: Callable[..., Path], line: str, message: str
) -> None:
    text = LEADS.replace("partners: [gemeente, politie], lead: gemeente}", line)
    path = write_model(text, "fout.yaml")
    result = cli("validate", path)
    assert result.code == 1
    number, line_text = next((n, t) for n, t in enumerate(text.splitlines(), 1) if "id: bibob" in t)
    column = line_text.index("lead:") + 7
    assert result.err.strip() == f"{path}:{number}:{column}: {message}"


def test_a_variant_removing_a_lead_says_what_to_do(
    cli: Cli, write_model: Callable[..., Path]
) -> None:
    write_model(LEADS, "leiders.yaml")
    variant = write_model(
        "id: zonder\ntitle: Zonder gemeente\nextends: leiders\nremove: {partners: [gemeente]}\n",
        "zonder.yaml",
    )
    result = cli("validate", variant)
    assert result.code == 1
    assert "removing partner 'gemeente' removes the lead of intervention 'bibob'" in result.err
    assert result.err.startswith(f"{variant}:4:")


def test_the_lead_is_in_the_json_schema(cli: Cli) -> None:
    schema = json.loads(ok(cli, "schema"))
    lead = schema["$defs"]["Intervention"]["properties"]["lead"]
    assert "one of its partners" in lead["description"]


# -- the lead rule -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("without", "uncovered", "lost", "weakened"),
    [
        # bibob is lost with its lead, though politie takes part in it
        (["gemeente"], [], ["bibob"], [{"id": "werving", "before": 2, "after": 1}]),
        # melding has no lead: school still runs it
        (["politie"], [], ["opsporing"], [{"id": "uitbuiting", "before": 2, "after": 1}]),
        # gemeente takes part in opvang, but zorg leads it
        (["zorg"], ["nazorg"], ["opvang"], []),
        (
            ["politie", "school"],
            ["uitbuiting"],
            ["melding", "opsporing", "voorlichting"],
            [{"id": "werving", "before": 2, "after": 1}],
        ),
    ],
)
def test_whatif_follows_the_lead_rule(
    leads: Model,
    without: list[str],
    uncovered: list[str],
    lost: list[str],
    weakened: list[dict[str, Any]],
) -> None:
    assert analysis.whatif(leads, without) == {
        "without": without,
        "newly_uncovered": uncovered,
        "lost_interventions": lost,
        "weakened": weakened,
    }


def test_centrality_follows_the_lead_rule(leads: Model) -> None:
    ranked = analysis.centrality(leads)
    assert [(e["id"], e["rank"], e["alone_covers"]) for e in ranked] == [
        ("zorg", 1, ["nazorg"]),  # the only partner whose drop-out empties a phase
        ("gemeente", 2, []),  # takes part everywhere
        ("politie", 3, []),
        ("school", 4, []),
    ]
    assert {e["id"]: e["sole_interventions"] for e in ranked} == {
        "zorg": 1,  # opvang
        "gemeente": 1,  # bibob
        "politie": 1,  # opsporing
        "school": 1,  # voorlichting; melding survives it (politie)
    }


def test_cover_counts_only_barriers_a_partner_can_run(leads: Model) -> None:
    # gemeente takes part on every phase, but can run only bibob (werving)
    assert analysis.cover(leads) == {
        "partners": ["school", "zorg"],
        "optimal": True,
        "uncoverable": [],
    }
    without_leads = analysis.cover(
        analysis.facts(
            leads.model_copy(
                update={
                    "interventions": [
                        i.model_copy(update={"lead": None}) for i in leads.interventions
                    ]
                }
            )
        )
    )
    assert without_leads["partners"] == ["gemeente"]


def test_resilience_with_leads(leads: Model) -> None:
    assert analysis.resilience(leads) == {
        "phases": [
            {"id": "nazorg", "name": "Nazorg", "size": 1, "partners": ["zorg"], "optimal": True},
            {
                "id": "werving",
                "name": "Werving",
                "size": 2,
                "partners": ["gemeente", "school"],
                "optimal": True,
            },
            {
                "id": "uitbuiting",
                "name": "Uitbuiting",
                "size": 2,
                "partners": ["politie", "school"],
                "optimal": True,
            },
        ],
        "weakest": 1,
    }


def test_resilience_of_an_uncovered_phase_is_zero(write_model: Callable[..., Path]) -> None:
    text = LEADS.replace(
        "  - {id: nazorg, name: Nazorg}\n",
        "  - {id: nazorg, name: Nazorg}\n  - {id: leeg, name: Leeg}\n",
    )
    answer = analysis.resilience(load(write_model, text))
    assert answer["phases"][0] == {
        "id": "leeg",
        "name": "Leeg",
        "size": 0,
        "partners": [],
        "optimal": True,
    }
    assert answer["weakest"] == 0


# -- thresholds ----------------------------------------------------------------------------------


def test_thin_phases_by_partners_and_by_barriers(leads: Model) -> None:
    by_partners = analysis.gaps(leads, min_partners=3)
    assert by_partners["thresholds"] == {"min_barriers": 0, "min_partners": 3}
    # werving: gemeente, politie, school (3); uitbuiting: politie, gemeente, school (3);
    # nazorg: zorg, gemeente (2)
    assert by_partners["thin"] == [
        {"id": "nazorg", "name": "Nazorg", "interventions": 1, "partners": 2}
    ]
    both = analysis.gaps(leads, min_barriers=2, min_partners=3)
    assert [row["id"] for row in both["thin"]] == ["nazorg"]
    by_barriers = analysis.gaps(leads, min_barriers=3)
    assert [row["id"] for row in by_barriers["thin"]] == ["werving", "uitbuiting", "nazorg"]
    assert "thin" not in analysis.gaps(leads)  # today's answer without a threshold


def test_gaps_thresholds_in_every_format(cli: Cli, leads_path: Path, leads: Model) -> None:
    args = ("gaps", leads_path, "--min-partners", "3")
    assert json.loads(ok(cli, *args, "--format", "json")) == analysis.gaps(leads, min_partners=3)
    table = ok(cli, *args)
    assert "Nazorg      nazorg      1              2         thin" in table
    assert "Thin phases (fewer than 3 partners): Nazorg (1 barrier(s), 2 partner(s))" in table
    found = {r["phase"]: r for r in rows(ok(cli, *args, "--format", "csv"))}
    assert found["nazorg"]["thin"] == "yes" and found["werving"]["thin"] == ""
    assert found["nazorg"]["status"] == "thin"
    md = ok(cli, *args, "--format", "md")
    assert "| Nazorg | nazorg | 1 | 2 | thin |" in md
    assert cli("gaps", leads_path, "--min-partners", "-1").code == 2


# -- redundancy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "partners", "short"),
    [
        (1, ["p"], None),
        (2, ["p", "q"], []),
        (3, ["p", "q", "r", "s"], []),
        (4, ["p", "q", "r", "s"], ["a", "b"]),
    ],
)
def test_cover_with_redundancy(
    write_model: Callable[..., Path], k: int, partners: list[str], short: list[str] | None
) -> None:
    answer = analysis.cover(load(write_model, REDUNDANT), redundancy=k)
    assert answer["partners"] == partners and answer["optimal"]
    assert answer.get("short") == short
    assert answer.get("redundancy") == (k if k > 1 else None)


def test_redundancy_follows_the_lead_rule(leads: Model) -> None:
    # werving needs bibob (gemeente) and voorlichting (school); uitbuiting opsporing
    # (politie) and melding; nazorg has one barrier, opvang (zorg)
    answer = analysis.cover(leads, redundancy=2)
    assert answer["partners"] == ["gemeente", "politie", "school", "zorg"]
    assert answer["short"] == ["nazorg"]


def test_cover_redundancy_in_every_format(cli: Cli, write_model: Callable[..., Path]) -> None:
    path = write_model(REDUNDANT, "dubbel.yaml")
    args = ("cover", path, "--redundancy", "2")
    data = json.loads(ok(cli, *args, "--format", "json"))
    assert data == {
        "partners": ["p", "q"],
        "optimal": True,
        "uncoverable": [],
        "redundancy": 2,
        "short": [],
    }
    table = ok(cli, *args)
    assert table.startswith(
        "Minimum cover: 2 partner(s), proven minimal, at least 2 barriers per phase\n"
    )
    assert "they answer different questions" in table
    assert [r["partner"] for r in rows(ok(cli, *args, "--format", "csv"))] == ["p", "q"]
    assert "| P | p | 2 | A, B |" in ok(cli, *args, "--format", "md")
    assert cli("cover", path, "--redundancy", "0").code == 2


# -- distinct route strength ---------------------------------------------------------------------


def test_strength_counts_each_barrier_once(write_model: Callable[..., Path]) -> None:
    answer = analysis.routes(load(write_model, TWO_WAYS))
    assert answer["weakest"] == {"phases": ["s", "a", "t"], "strength": 2, "phase_links": 6}
    assert answer["routes"] == [
        {"phases": ["s", "a", "t"], "strength": 2, "phase_links": 6},
        {"phases": ["s", "b", "t"], "strength": 3, "phase_links": 5},
    ]
    assert answer["optimal"] is True


def test_routes_out_of_budget_say_so(write_model: Callable[..., Path]) -> None:
    answer = analysis.routes(load(write_model, TWO_WAYS), budget=1)
    assert answer["optimal"] is False
    # the fallback is the route with the fewest phase links, with its true strength
    assert answer["weakest"] == {"phases": ["s", "b", "t"], "strength": 3, "phase_links": 5}


def test_routes_in_every_format(cli: Cli, write_model: Callable[..., Path]) -> None:
    path = write_model(TWO_WAYS, "twee.yaml")
    model = load_model(path, use_cache=False).model
    assert json.loads(ok(cli, "routes", path, "--format", "json")) == analysis.routes(model)
    table = ok(cli, "routes", path)
    assert table.startswith("Weakest route (strength 2, 6 phase links): S -> A -> T\n")
    found = rows(ok(cli, "routes", path, "--format", "csv"))
    assert [(r["strength"], r["phase_links"], r["phases"]) for r in found] == [
        ("2", "6", "s; a; t"),
        ("3", "5", "s; b; t"),
    ]
    assert "| 2 | 3 | 5 | S -\\> B -\\> T |" in ok(cli, "routes", path, "--format", "md")


def test_a_long_chain_is_one_step(write_model: Callable[..., Path]) -> None:
    phases = "\n".join(f"  - {{id: f{i}, name: F{i}}}" for i in range(3000))
    barriers = "\n".join(
        f"  - {{id: b{i}, name: B{i}, phases: [f{i}, f{i + 1}], partners: [p]}}"
        for i in range(0, 2999, 2)
    )
    text = f"id: keten\ntitle: Keten\nphases:\n{phases}\npartners: [{{id: p, name: P}}]\n"
    text += f"interventions:\n{barriers}\n"
    answer = analysis.routes(load(write_model, text))
    assert answer["count"] == 1 and answer["optimal"]
    assert answer["weakest"]["strength"] == 1500 and answer["weakest"]["phase_links"] == 3000
    assert len(answer["weakest"]["phases"]) == 3000


# -- resilience through the CLI ------------------------------------------------------------------


def test_resilience_in_every_format(cli: Cli, leads_path: Path, leads: Model) -> None:
    assert json.loads(ok(cli, "resilience", leads_path, "--format", "json")) == (
        analysis.resilience(leads)
    )
    table = ok(cli, "resilience", leads_path)
    assert table.startswith("Resilience: the weakest phase falls when 1 partner(s) drop out\n")
    assert "Nazorg      nazorg      1          Zorg" in table
    assert "Werving     werving     2          Gemeente, School" in table
    found = rows(ok(cli, "resilience", leads_path, "--format", "csv"))
    assert [(r["phase"], r["size"], r["partners"], r["partner_names"]) for r in found] == [
        ("nazorg", "1", "zorg", "Zorg"),
        ("werving", "2", "gemeente; school", "Gemeente; School"),
        ("uitbuiting", "2", "politie; school", "Politie; School"),
    ]
    assert "| Uitbuiting | uitbuiting | 2 | Politie, School |" in ok(
        cli, "resilience", leads_path, "--format", "md"
    )


def test_whatif_table_with_leads(cli: Cli, leads_path: Path) -> None:
    out = ok(cli, "whatif", leads_path, "--without", "gemeente")
    assert "intervention lost  Bibob-toets  bibob" in out


def test_a_partner_that_adds_two_barriers_to_a_short_phase_is_taken(
    write_model: Callable[..., Path],
) -> None:
    # b needs 2 and has 1 from p; q adds two barriers to b at once: {p, q} is the first
    # smallest set (a search that judged q by one of its barriers found {p, r} instead)
    text = """\
id: twee-erbij
title: Twee erbij
phases:
  - {id: a, name: A}
  - {id: b, name: B}
partners:
  - {id: p, name: P}
  - {id: q, name: Q}
  - {id: r, name: R}
interventions:
  - {id: x1, name: X1, phases: [a], partners: [p]}
  - {id: x2, name: X2, phases: [a], partners: [p]}
  - {id: y1, name: Y1, phases: [b], partners: [p]}
  - {id: y2, name: Y2, phases: [b], partners: [q]}
  - {id: z, name: Z, phases: [a, b], partners: [q, r]}
"""
    answer = analysis.cover(load(write_model, text), redundancy=2)
    assert answer["partners"] == ["p", "q"] and answer["optimal"]
