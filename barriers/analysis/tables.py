"""Each answer laid out once as a table: the CLI, the markdown and the report draw these.

A :class:`Table` has two layouts of the same rows: ``headers``/``rows`` for people (names
first, ids beside them) and ``csv_headers``/``csv_rows`` for programs (ids first, names
beside them, lists kept as lists). ``notes`` are sentences that go under the table in the
views for people; ``empty`` is what they say when there is no row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from barriers.analysis.cover import COVER_VERSUS_INDISPENSABLE, Cover
from barriers.analysis.coverage import CentralityEntry, Gaps, WhatIf
from barriers.analysis.diff import KindDiff
from barriers.analysis.facts import Facts
from barriers.analysis.matrix import CoverageMatrix
from barriers.analysis.mechanisms import PhaseMechanisms
from barriers.analysis.resilience import Resilience
from barriers.analysis.routes import Routes
from barriers.graph import INTERVENTION, PARTNER, PHASE
from barriers.techniques import MECHANISMS

Cell: TypeAlias = "str | int | list[str]"

# Mechanism column headers short enough for a terminal table.
SHORT_MECHANISM = {
    "increase-effort": "effort+",
    "increase-risks": "risks+",
    "reduce-rewards": "rewards-",
    "reduce-provocations": "provocations-",
    "remove-excuses": "excuses-",
}

ROUTE_STRENGTH = (
    "Strength: the number of distinct barriers acting on any phase of the route (a barrier "
    "on several of its phases counts once); phase links: the barriers of each phase added up."
)


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    csv_headers: list[str]
    csv_rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    empty: str = ""
    wide: bool = False  # cells may be long (routes, phase lists): do not cut them


def names(f: Facts, kind: str, ids: Sequence[str]) -> str:
    """``"A, B"`` for people; ``"none"`` for no id."""
    return ", ".join(f.name(kind, i) for i in ids) or "none"


def _name_of(f: Facts, kind: str) -> Callable[[str], str]:
    return lambda item_id: f.name(kind, item_id)


# -- partners, gaps, what-if ---------------------------------------------------------------------


def partners_table(answer: dict[str, list[str]], f: Facts) -> Table:
    """The answer of :func:`~barriers.analysis.partners_by_phase`: a row per phase and partner,
    with how many of that partner's barriers act on the phase."""
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for pid, partner_ids in answer.items():
        acting_here = set(f.interventions_of[pid])
        if not partner_ids:
            rows.append([f.name(PHASE, pid), "(none: an uncovered phase)", "", 0])
            csv_rows.append([pid, f.name(PHASE, pid), "", "", 0])
        for number, partner_id in enumerate(partner_ids):
            acting = sum(1 for i in f.raised_by[partner_id] if i in acting_here)
            shown = f.name(PHASE, pid) if number == 0 else ""
            rows.append([shown, f.name(PARTNER, partner_id), partner_id, acting])
            csv_rows.append(
                [pid, f.name(PHASE, pid), partner_id, f.name(PARTNER, partner_id), acting]
            )
    return Table(
        "Partners per phase",
        ["Phase", "Partner", "Partner id", "Interventions"],
        rows,
        ["phase", "phase_name", "partner", "partner_name", "interventions"],
        csv_rows,
    )


def gaps_table(answer: Gaps, f: Facts) -> Table:
    """The answer of :func:`~barriers.analysis.gaps`: a row per phase with its counts and
    warning; the lists in notes."""
    single = set(answer["single_partner"])
    thin = {row["id"] for row in answer.get("thin", [])}
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for row in answer["phases"]:
        pid = row["id"]
        if not row["interventions"]:
            status, who, warning = "uncovered", "", "UNCOVERED"
        elif pid in single:
            who = sorted({p for i in f.interventions_of[pid] for p in f.partners_of[i]})[0]
            status, warning = "single_partner", "one partner: " + f.name(PARTNER, who)
        elif pid in thin:
            status, who, warning = "thin", "", "thin"
        else:
            status, who, warning = "ok", "", ""
        counts = [row["interventions"], row["partners"]]
        rows.append([row["name"], pid, *counts, warning])
        csv_row: list[Cell] = [pid, row["name"], *counts, status, who]
        if "thin" in answer:
            csv_row.append("yes" if pid in thin else "")
        csv_rows.append(csv_row)
    csv_headers = ["phase", "name", "interventions", "partners", "status", "single_partner"]
    notes = [
        f"Uncovered phases: {names(f, PHASE, answer['uncovered'])}",
        f"Single-partner phases: {names(f, PHASE, answer['single_partner'])}",
        f"Idle partners: {names(f, PARTNER, answer['idle_partners'])}",
    ]
    if "thin" in answer:
        least = answer["thresholds"]
        csv_headers.append("thin")
        wants = [
            f"fewer than {n} {what}"
            for n, what in (
                (least["min_barriers"], "barriers"),
                (least["min_partners"], "partners"),
            )
            if n
        ]
        listed = ", ".join(
            f"{r['name']} ({r['interventions']} barrier(s), {r['partners']} partner(s))"
            for r in answer["thin"]
        )
        notes.append(f"Thin phases ({' or '.join(wants) or 'no threshold'}): {listed or 'none'}")
    return Table(
        "Gaps",
        ["Phase", "Id", "Interventions", "Partners", "Warning"],
        rows,
        csv_headers,
        csv_rows,
        notes,
    )


def whatif_table(answer: WhatIf, f: Facts) -> Table:
    """The answer of :func:`~barriers.analysis.whatif`: phases left uncovered, phases weakened,
    barriers lost."""
    csv_rows: list[list[Cell]] = []
    rows: list[list[Cell]] = []
    for pid in answer["newly_uncovered"]:
        count = len(f.interventions_of[pid])
        csv_rows.append(["uncovered", PHASE, pid, f.name(PHASE, pid), count, 0])
        rows.append(
            ["phase left uncovered", f.name(PHASE, pid), pid, f"{count} -> 0 interventions"]
        )
    for entry in answer["weakened"]:
        pid, before, after = entry["id"], entry["before"], entry["after"]
        csv_rows.append(["weakened", PHASE, pid, f.name(PHASE, pid), before, after])
        rows.append(
            ["phase weakened", f.name(PHASE, pid), pid, f"{before} -> {after} interventions"]
        )
    for iid in answer["lost_interventions"]:
        csv_rows.append(["lost", INTERVENTION, iid, f.name(INTERVENTION, iid), "", ""])
        rows.append(["intervention lost", f.name(INTERVENTION, iid), iid, ""])
    return Table(
        f"Without {names(f, PARTNER, answer['without'])}",
        ["Effect", "Name", "Id", "Interventions"],
        rows,
        ["effect", "kind", "id", "name", "before", "after"],
        csv_rows,
        empty="Nothing breaks: every intervention keeps a partner.",
    )


def dropouts_table(answers: Sequence[WhatIf], f: Facts) -> Table:
    """One partner's drop-out per row (the report's view of many what-if answers)."""
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for w in answers:
        (partner,) = w["without"]
        weakened = [f"{f.name(PHASE, x['id'])} ({x['before']}→{x['after']})" for x in w["weakened"]]
        rows.append(
            [
                ("indispensable: " if w["newly_uncovered"] else "") + f.name(PARTNER, partner),
                names(f, PHASE, w["newly_uncovered"]).replace("none", "—"),
                len(w["lost_interventions"]),
                ", ".join(weakened) or "—",
            ]
        )
        csv_rows.append(
            [partner, f.name(PARTNER, partner), w["newly_uncovered"], len(w["lost_interventions"])]
        )
    indispensable = sum(1 for w in answers if w["newly_uncovered"])
    return Table(
        "What if a partner drops out",
        [
            "Without",
            "Phases left uncovered",
            "Interventions lost",
            "Phases weakened (before→after)",
        ],
        rows,
        ["partner", "name", "newly_uncovered", "lost_interventions"],
        csv_rows,
        [
            f"{indispensable} partner(s) are indispensable: without them a phase has no "
            "intervention left.",
            COVER_VERSUS_INDISPENSABLE,
        ],
    )


# -- cover, routes, centrality, resilience --------------------------------------------------------


def cover_table(answer: Cover, f: Facts, reach: dict[str, list[str]]) -> Table:
    """The answer of :func:`~barriers.analysis.cover`, each partner with the phases it
    reaches (``reach``: :func:`barriers.analysis.coverage.reach`)."""
    proof = "proven minimal" if answer["optimal"] else "the best found, not proven minimal"
    k = answer.get("redundancy", 1)
    title = f"Minimum cover: {len(answer['partners'])} partner(s), {proof}"
    if k > 1:
        title += f", at least {k} barriers per phase"
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for p in answer["partners"]:
        reached = reach[p]
        rows.append([f.name(PARTNER, p), p, len(reached), names(f, PHASE, reached)])
        csv_rows.append([p, f.name(PARTNER, p), len(reached), reached])
    notes = [f"Uncoverable phases (no intervention): {names(f, PHASE, answer['uncoverable'])}"]
    if "short" in answer:
        notes.append(
            f"Phases with fewer than {k} barriers in the model (all of theirs are asked): "
            + names(f, PHASE, answer["short"])
        )
    notes.append(COVER_VERSUS_INDISPENSABLE)
    return Table(
        title,
        ["Partner", "Id", "Reaches", "Phases reached"],
        rows,
        ["partner", "name", "reaches", "phases"],
        csv_rows,
        notes,
        wide=True,
    )


def routes_table(answer: Routes, f: Facts) -> Table:
    """The answer of :func:`~barriers.analysis.routes`: the weakest in the title, then each."""
    weakest = answer["weakest"]
    proof = "" if answer["optimal"] else " (the weakest found; the search ran out of budget)"
    title = (
        f"Weakest route (strength {weakest['strength']}, {weakest['phase_links']} phase "
        f"links){proof}: "
        + " -> ".join(f.name(PHASE, p) for p in weakest["phases"])
        + f"\n{answer['count']} route(s) in all; {len(answer['routes'])} shown"
    )
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for number, route in enumerate(answer["routes"], 1):
        shown = " -> ".join(f.name(PHASE, p) for p in route["phases"])
        rows.append([number, route["strength"], route["phase_links"], shown])
        csv_rows.append(
            [
                number,
                route["strength"],
                route["phase_links"],
                route["phases"],
                [f.name(PHASE, p) for p in route["phases"]],
            ]
        )
    return Table(
        title,
        ["#", "Strength", "Phase links", "Route"],
        rows,
        ["route", "strength", "phase_links", "phases", "names"],
        csv_rows,
        [ROUTE_STRENGTH],
        wide=True,
    )


def centrality_table(answer: Sequence[CentralityEntry], f: Facts) -> Table:
    """The answer of :func:`~barriers.analysis.centrality`."""
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for e in answer:
        counts = [len(e["reaches"]), e["interventions"], e["sole_interventions"]]
        rows.append([e["rank"], e["name"], e["id"], len(e["alone_covers"]), *counts])
        csv_rows.append([e["rank"], e["id"], e["name"], e["alone_covers"], *counts])
    notes = [
        f"{e['name']} alone covers: {names(f, PHASE, e['alone_covers'])}"
        for e in answer
        if e["alone_covers"]
    ]
    return Table(
        "Partners by weight",
        ["Rank", "Partner", "Id", "Alone covers", "Reaches", "Interventions", "Alone raises"],
        rows,
        [
            "rank",
            "partner",
            "name",
            "alone_covers",
            "reaches",
            "interventions",
            "sole_interventions",
        ],
        csv_rows,
        notes,
    )


def resilience_table(answer: Resilience, f: Facts) -> Table:
    """The answer of :func:`~barriers.analysis.resilience`, weakest phases first."""
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for row in answer["phases"]:
        who = names(f, PARTNER, row["partners"]) if row["partners"] else "(already uncovered)"
        rows.append([row["name"], row["id"], row["size"], who])
        csv_rows.append(
            [
                row["id"],
                row["name"],
                row["size"],
                row["partners"],
                [f.name(PARTNER, p) for p in row["partners"]],
            ]
        )
    return Table(
        f"Resilience: the weakest phase falls when {answer['weakest']} partner(s) drop out",
        ["Phase", "Id", "Drop-outs", "Partners whose drop-out leaves it without a barrier"],
        rows,
        ["phase", "name", "size", "partners", "partner_names"],
        csv_rows,
        [
            "Drop-outs: the fewest partners whose drop-out together leaves the phase without "
            "any barrier (a barrier is lost when its lead drops out, or when all its partners "
            "do)."
        ],
        wide=True,
    )


# -- mechanisms, diff, the coverage matrix --------------------------------------------------------


def mechanisms_table(answer: dict[str, PhaseMechanisms], f: Facts) -> Table:
    """The answer of :func:`~barriers.analysis.mechanisms`: barriers per phase and mechanism."""
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for pid, entry in answer.items():
        counts: list[Cell] = [len(entry["by_mechanism"][m.id]) for m in MECHANISMS]
        rows.append([f.name(PHASE, pid), *counts, len(entry["without_technique"])])
        csv_rows.append(
            [pid, f.name(PHASE, pid), *counts, len(entry["without_technique"]), entry["missing"]]
        )
    legend = "; ".join(f"{SHORT_MECHANISM[m.id]} = {m.en}" for m in MECHANISMS)
    notes = [f"Columns: {legend}."]
    notes.extend(
        f"{f.name(PHASE, pid)} - missing: "
        + ", ".join(m.en for m in MECHANISMS if m.id in entry["missing"])
        for pid, entry in answer.items()
        if entry["missing"]
    )
    return Table(
        "Interventions per mechanism",
        ["Phase", *(SHORT_MECHANISM[m.id] for m in MECHANISMS), "no technique"],
        rows,
        ["phase", "name", *(m.id for m in MECHANISMS), "without_technique", "missing"],
        csv_rows,
        notes,
        wide=True,
    )


_SINGULAR = {"phases": PHASE, "partners": PARTNER, "interventions": INTERVENTION}


def diff_table(answer: dict[str, KindDiff], a: Facts, b: Facts, title: str) -> Table:
    """The answer of :func:`~barriers.analysis.diff`, names from the model that holds the item
    (the new one for added and changed items, the old one for removed items)."""
    rows: list[list[Cell]] = []
    csv_rows: list[list[Cell]] = []
    for kind, changes in answer.items():
        kind_one = _SINGULAR[kind]
        listed: list[tuple[str, str, list[str], Facts]] = [
            *(("added", i, [], b) for i in changes["added"]),
            *(("removed", i, [], a) for i in changes["removed"]),
            *(("changed", c["id"], c["fields"], b) for c in changes["changed"]),
        ]
        for change, item_id, fields, holder in listed:
            name = holder.names.get((kind_one, item_id), item_id)
            rows.append([kind, change, name, item_id, fields])
            csv_rows.append([kind, change, item_id, name, fields])
    return Table(
        title,
        ["Kind", "Change", "Name", "Id", "Fields"],
        rows,
        ["kind", "change", "id", "name", "fields"],
        csv_rows,
        empty="No differences in phases, partners or interventions.",
    )


def coverage_table(matrix: CoverageMatrix) -> Table:
    """The coverage matrix for people: partners (rows) by phases (columns), with totals."""
    rows: list[list[Cell]] = [
        [name, *(row[k] or "·" for row in matrix.counts)]
        for k, name in enumerate(matrix.partner_names)
    ]
    rows.append(["All partners", *matrix.totals])
    csv_rows: list[list[Cell]] = [
        [pid, name, total, partners, *counts]
        for pid, name, total, partners, counts in matrix.rows()
    ]
    return Table(
        "Coverage matrix",
        ["Partner", *matrix.phase_names],
        rows,
        ["phase", "name", "interventions", "partners", *matrix.partner_ids],
        csv_rows,
        [
            "Interventions per partner (rows) in each phase (columns, in process order); the "
            "last row counts each phase's interventions once."
        ],
    )


def table_cells(t: Table, fmt: str) -> tuple[list[str], list[list[Any]]]:
    """The headers and rows of a table for a format: ``csv`` the programs' layout, else people's."""
    return (t.csv_headers, t.csv_rows) if fmt == "csv" else (t.headers, t.rows)
