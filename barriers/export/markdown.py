"""A markdown document: summary, phase table, coverage matrix and gaps.

Every text from the model is escaped (:func:`barriers.text.md_text`), so a name
holding ``<script>`` or ``[link](javascript:...)`` stays text in any markdown renderer.
"""

from __future__ import annotations

from collections.abc import Sequence

from barriers.analysis import Facts, facts, gaps, summary
from barriers.analysis.matrix import coverage_matrix
from barriers.export import ExportOptions
from barriers.graph import PARTNER, PHASE
from barriers.model import Model
from barriers.notes import notes_markdown
from barriers.text import md_text


def render(model: Model, options: ExportOptions) -> str:
    """The markdown text."""
    f = facts(model)
    found = gaps(f)
    figures = summary(f)
    matrix = coverage_matrix(model, f)
    out = [f"# {md_text(model.title)}", ""]
    about = [f"Model `{model.id}`"]
    if model.variant:
        about.append(f"variant {md_text(model.variant)}")
    out += [", ".join(about) + ".", ""]
    if model.description:
        out += [md_text(model.description), ""]
    out += [
        f"{figures['phases']} phases, {figures['partners']} partners, "
        f"{figures['interventions']} interventions; {figures['uncovered']} uncovered and "
        f"{figures['single_partner']} single-partner phases.",
        "",
        "## Phases",
        "",
    ]
    rows = [
        [
            str(n),
            md_text(f.name(PHASE, pid)),
            f"`{pid}`",
            ", ".join(f"`{s}`" for s in f.next_of[pid]) or "end",
            str(len(f.interventions_of[pid])),
            str(len({p for i in f.interventions_of[pid] for p in f.partners_of[i]})),
        ]
        for n, pid in enumerate(f.phases, 1)
    ]
    out += table(["#", "phase", "id", "next", "interventions", "partners"], rows)
    out += ["", "## Coverage matrix", ""]
    out += ["Interventions per partner (rows) and phase (columns).", ""]
    headers = ["partner", *(md_text(name) for name in matrix.phase_names)]
    matrix_rows = [
        [md_text(name), *(str(row[k]) if row[k] else "·" for row in matrix.counts)]
        for k, name in enumerate(matrix.partner_names)
    ]
    matrix_rows.append(["**all partners**", *(f"**{t}**" for t in matrix.totals)])
    out += table(headers, matrix_rows)
    out += ["", "## Gaps", ""]
    out += _list("Uncovered phases (no intervention)", found["uncovered"], f, PHASE)
    out += _list("Phases with a single partner", found["single_partner"], f, PHASE)
    out += _list("Partners without interventions", found["idle_partners"], f, PARTNER)
    out += notes_markdown(model, "en", "Notes")
    return "\n".join(out).rstrip("\n") + "\n"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Lines of a markdown table of cells already escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _list(title: str, ids: list[str], f: Facts, kind: str) -> list[str]:
    if not ids:
        return [f"**{title}:** none.", ""]
    lines = [f"**{title}:**", ""]
    lines += [f"- {md_text(f.name(kind, item))} (`{item}`)" for item in ids]
    return [*lines, ""]
