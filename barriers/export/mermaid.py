"""A mermaid flowchart of the phase sequence with barrier counts, for docs and wikis.

Phases are nodes ``p1``, ``p2``, ... in process order (ids such as ``end`` would break
mermaid); labels are escaped with mermaid's ``#NN;`` codes. Uncovered phases are red,
phases with one partner amber, as on the map.
"""

from __future__ import annotations

from barriers.analysis import facts, gaps
from barriers.export import ExportOptions
from barriers.graph import PHASE
from barriers.model import Model
from barriers.palette import PHASE_COLOR, SINGLE_COLOR, UNCOVERED_COLOR, mermaid_style
from barriers.text import mermaid_label

GAP_STYLE = mermaid_style(UNCOVERED_COLOR)
SINGLE_STYLE = mermaid_style(SINGLE_COLOR)
PHASE_STYLE = mermaid_style(PHASE_COLOR)


def render(model: Model, options: ExportOptions) -> str:
    """The flowchart text (``flowchart LR``), one line per node and edge."""
    f = facts(model)
    found = gaps(f)
    key = {pid: f"p{n}" for n, pid in enumerate(f.phases, 1)}
    lines = ["flowchart LR", f"  %% {mermaid_label(model.title)} ({model.id})"]
    for pid in f.phases:
        count = len(f.interventions_of[pid])
        noun = "barrier" if count == 1 else "barriers"
        label = f"{mermaid_label(f.name(PHASE, pid))}<br/>{count} {noun}"
        lines.append(f'  {key[pid]}["{label}"]')
    for pid in f.phases:
        for successor in f.next_of[pid]:
            lines.append(f"  {key[pid]} --> {key[successor]}")
    lines.append(f"  classDef phase {PHASE_STYLE}")
    lines.append(f"  classDef uncovered {GAP_STYLE}")
    lines.append(f"  classDef single {SINGLE_STYLE}")
    groups = {
        "uncovered": found["uncovered"],
        "single": found["single_partner"],
        "phase": [p for p in f.phases if p not in found["uncovered"] + found["single_partner"]],
    }
    for name, ids in groups.items():
        if ids:
            lines.append(f"  class {','.join(key[p] for p in ids)} {name}")
    return "\n".join(lines) + "\n"
