"""Local profiles: what the model expects against what one place has, and its action plan.

A model with a ``local`` block describes one place (a municipality, a region): each barrier
carries a local state (``in-place``, ``partial``, ``planned``, ``absent``,
``not-applicable``, ``unknown``; a barrier without one counts as ``unknown``), each partner
may be ``present``, ``absent`` or ``unknown``, and ``actions`` is the action plan.

- :func:`local_view` is the model as it stands here (only the barriers in place or partial,
  absent partners left out): every analysis of :mod:`barriers.analysis` answers for the
  place when given this view (``barriers gaps PROFILE --local``).
- :func:`local_picture` is the answer of ``barriers local``: states per phase, local gaps,
  candidates that would close them, the smallest fix, and gaps without a plan.
- :func:`action_plan` is the answer of ``barriers plan``; :func:`compare` sets several
  places side by side.

Every function works on a resolved :class:`~barriers.model.Model` and on the cache's
read-only view of one (:mod:`barriers.load.view`), and returns JSON-ready data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from barriers.analysis import minimum_cover
from barriers.graph import INTERVENTION, PHASE
from barriers.problems import BarriersError
from barriers.states import ACTION_STATES, INTERVENTION_STATES, check_date

if TYPE_CHECKING:
    from barriers.protocols import ModelLike

_M = TypeVar("_M", bound="ModelLike")

# The JSON key of each state: ``in-place`` -> ``in_place``.
STATE_KEYS: dict[str, str] = {s: s.replace("-", "_") for s in INTERVENTION_STATES}
# A barrier that stands here, if only partly.
HERE: tuple[str, ...] = ("in-place", "partial")
# Actions still being worked on: the ones that count as a plan for a gap.
ACTIVE: tuple[str, ...] = ("open", "in-progress")
STATE_WORDS: dict[str, tuple[str, str]] = {  # (nl, en)
    "in-place": ("aanwezig", "in place"),
    "partial": ("gedeeltelijk", "partial"),
    "planned": ("gepland", "planned"),
    "absent": ("afwezig", "absent"),
    "not-applicable": ("niet van toepassing", "not applicable"),
    "unknown": ("onbekend", "unknown"),
}
assert set(ACTION_STATES) >= set(ACTIVE)


class NotALocalProfile(BarriersError):
    """A local question was asked of a model that describes no place."""


def is_profile(model: ModelLike) -> bool:
    """Whether the model describes one place (has a ``local`` block)."""
    return getattr(model, "local", None) is not None


def require_profile(model: ModelLike) -> None:
    """Raise :class:`NotALocalProfile` unless the model has a ``local`` block."""
    if not is_profile(model):
        raise NotALocalProfile(
            f"model {model.id!r} is not a local profile: it has no `local` block (add "
            "`local: {area: ...}` and local states to a variant of it, e.g. with "
            f"`barriers new my-place --extends {model.id} --local 'My place'`)"
        )


def state_of(intervention: Any) -> str:
    """The local state of a barrier; ``unknown`` when it has none."""
    local = getattr(intervention, "local", None)
    return str(local.state) if local is not None else "unknown"


def partner_state(partner: Any) -> str:
    """The local state of a partner; ``unknown`` when it has none."""
    local = getattr(partner, "local", None)
    return str(local.state) if local is not None else "unknown"


def local_view(model: _M) -> _M:
    """The model as it stands here: only the barriers in place or partial, absent partners
    (and their part in the barriers) left out. Phases stay as they are.

    Raises :class:`NotALocalProfile` for a model without a ``local`` block.
    """
    require_profile(model)
    absent = {p.id for p in model.partners if partner_state(p) == "absent"}
    interventions = [
        _replace(i, partners=[p for p in i.partners if p not in absent]) if absent else i
        for i in model.interventions
        if state_of(i) in HERE
    ]
    partners = [p for p in model.partners if p.id not in absent]
    view: _M = _replace(model, interventions=interventions, partners=partners)
    return view


def _replace(item: Any, **changes: Any) -> Any:
    """A copy of a pydantic item or of a cache record with some fields changed."""
    if hasattr(item, "model_copy"):
        return item.model_copy(update=changes)
    return type(item)({**item, **changes})


@dataclass(frozen=True)
class _Relations:
    """Who acts where, read straight from a model's lists (no graph: linear in its size).

    The same relations, and orders, as :class:`barriers.analysis.Facts`.
    """

    phases: list[str]  # process order
    interventions: list[str]  # by id
    names: dict[tuple[str, str], str]
    phases_of: dict[str, list[str]]  # intervention -> phases, process order
    interventions_of: dict[str, list[str]]  # phase -> interventions, by id
    partners_of: dict[str, list[str]]  # intervention -> partners, by id

    def name(self, kind: str, item_id: str) -> str:
        return self.names[(kind, item_id)]


def _relations(model: ModelLike) -> _Relations:
    phases = [p.id for p in model.phases]
    position = {pid: k for k, pid in enumerate(phases)}
    names = {(PHASE, p.id): p.name for p in model.phases}
    names.update({(INTERVENTION, i.id): i.name for i in model.interventions})
    interventions_of: dict[str, list[str]] = {pid: [] for pid in phases}
    phases_of: dict[str, list[str]] = {}
    partners_of: dict[str, list[str]] = {}
    for item in model.interventions:
        acts_on = sorted(dict.fromkeys(item.phases), key=position.__getitem__)
        phases_of[item.id] = acts_on
        partners_of[item.id] = sorted(set(item.partners))
        for pid in acts_on:
            interventions_of[pid].append(item.id)
    for ids in interventions_of.values():
        ids.sort()
    return _Relations(phases, sorted(phases_of), names, phases_of, interventions_of, partners_of)


def _single_partner(here: _Relations) -> list[str]:
    """Phases whose barriers here all come from one partner (as ``analysis.gaps`` says)."""
    return [
        pid
        for pid in here.phases
        if here.interventions_of[pid]
        and len({p for i in here.interventions_of[pid] for p in here.partners_of[i]}) == 1
    ]


def local_picture(model: ModelLike) -> dict[str, Any]:
    """What the model expects against what is here.

    - ``area``, ``date``: from the ``local`` block;
    - ``counts``: ``{state key: number of barriers}`` for every state (keys ``in_place``,
      ``partial``, ``planned``, ``absent``, ``not_applicable``, ``unknown``);
    - ``phases``: ``[{id, name, in_place: [ids], partial: [...], ...}]`` in process order;
    - ``uncovered``: phases with barriers in the model but none in place or partial here;
    - ``single_partner``: phases whose barriers here rest on one partner;
    - ``candidates``: ``[{intervention, closes: [phase ids], state}]`` barriers not in place
      here that act on a locally uncovered phase, most phases closed first, then by id;
    - ``smallest_fix``: ``{interventions: [ids], optimal}`` the fewest candidates that give
      every locally uncovered phase a barrier (``optimal``: proven minimal);
    - ``without_plan``: locally uncovered phases no open or in-progress action addresses.

    Raises :class:`NotALocalProfile` for a model without a ``local`` block.
    """
    view = local_view(model)
    f = _relations(model)
    here = _relations(view)
    states = {i.id: state_of(i) for i in model.interventions}
    counts = dict.fromkeys(STATE_KEYS.values(), 0)
    for state in states.values():
        counts[STATE_KEYS[state]] += 1
    phases = []
    for pid in f.phases:
        row: dict[str, Any] = {"id": pid, "name": f.name(PHASE, pid)}
        row.update({key: [] for key in STATE_KEYS.values()})
        for iid in f.interventions_of[pid]:
            row[STATE_KEYS[states[iid]]].append(iid)
        phases.append(row)
    uncovered = _locally_uncovered(f, here)
    candidates = _candidates(f, states, uncovered)
    return {
        "area": model.local.area if model.local else None,
        "date": model.local.date if model.local else None,
        "counts": counts,
        "phases": phases,
        "uncovered": uncovered,
        "single_partner": _single_partner(here),
        "candidates": candidates,
        "smallest_fix": _smallest_fix(candidates, uncovered),
        "without_plan": _without_plan(model, f, uncovered),
    }


def _locally_uncovered(f: _Relations, here: _Relations) -> list[str]:
    return [p for p in f.phases if f.interventions_of[p] and not here.interventions_of[p]]


def _candidates(
    f: _Relations, states: dict[str, str], uncovered: list[str]
) -> list[dict[str, Any]]:
    open_here = set(uncovered)
    found = []
    for iid in f.interventions:
        if states[iid] in HERE:
            continue
        closes = [p for p in f.phases_of[iid] if p in open_here]
        if closes:
            found.append({"intervention": iid, "closes": closes, "state": states[iid]})
    found.sort(key=lambda c: (-len(c["closes"]), c["intervention"]))
    return found


def _smallest_fix(candidates: list[dict[str, Any]], uncovered: list[str]) -> dict[str, Any]:
    """The project's exact set-cover search over the candidates (in their preference order)."""
    bit = {pid: 1 << k for k, pid in enumerate(uncovered)}
    masks = [sum(bit[p] for p in c["closes"]) for c in candidates]
    chosen, optimal = minimum_cover(masks, (1 << len(uncovered)) - 1)
    return {
        "interventions": sorted(candidates[k]["intervention"] for k in chosen),
        "optimal": optimal,
    }


def addressed_phases(model: ModelLike, f: _Relations | None = None) -> set[str]:
    """Phases an open or in-progress action addresses: named, or acted on by its barriers."""
    f = f or _relations(model)
    phases: set[str] = set()
    for action in model.actions:
        if action.state in ACTIVE:
            phases.update(action.phases)
            for iid in action.interventions:
                phases.update(f.phases_of.get(iid, []))
    return phases


def _without_plan(model: ModelLike, f: _Relations, uncovered: list[str]) -> list[str]:
    planned = addressed_phases(model, f)
    return [p for p in uncovered if p not in planned]


# -- the action plan ------------------------------------------------------------------------------


def action_plan(model: ModelLike, today: str | None = None) -> dict[str, Any]:
    """The action plan by priority (1 first, none last), then due date (none last).

    - ``actions``: each action's fields plus ``overdue`` (open or in progress and due before
      ``today``, which defaults to the profile's ``local.date`` so the answer does not
      depend on the day it is asked) and ``in_place`` (every barrier it names is in place
      here already: the action may be done, or was about the wrong barrier);
    - ``without_plan``: as in :func:`local_picture`.

    Raises :class:`NotALocalProfile` for a model without a ``local`` block, ``ValueError``
    for a ``today`` that is not a YYYY-MM-DD date.
    """
    require_profile(model)
    if today is not None:
        check_date(today)
    when = today or (model.local.date if model.local else None)
    states = {i.id: state_of(i) for i in model.interventions}
    rows = []
    for action in model.actions:
        data = action.model_dump(mode="json")
        overdue = (
            action.state in ACTIVE and action.due is not None and when is not None
        ) and action.due < when
        in_place = bool(action.interventions) and all(
            states.get(i) == "in-place" for i in action.interventions
        )
        rows.append({**data, "overdue": bool(overdue), "in_place": in_place})
    rows.sort(
        key=lambda a: (
            a["priority"] is None,
            a["priority"] or 0,
            a["due"] is None,
            a["due"] or "",
        )
    )
    f = _relations(model)
    uncovered = _locally_uncovered(f, _relations(local_view(model)))
    return {"actions": rows, "without_plan": _without_plan(model, f, uncovered)}


# -- several places -------------------------------------------------------------------------------


def compare(models: Sequence[ModelLike]) -> dict[str, Any]:
    """Several places side by side (each model a local profile).

    - ``areas``: ``[{id, area, date}]`` in the order given;
    - ``barriers``: ``[{id, name, states: {model id: state or null}}]`` every barrier of any
      of the models, by id (null: the barrier is not in that model);
    - ``phases``: ``[{id, name, open_in: [model ids]}]`` in the first model's process order
      (phases of the others after), ``open_in`` the places that leave it locally uncovered;
    - ``shared_gaps``: the phases left open in more than half of the places, most places
      first, then in process order: ``[{id, name, open_in: [model ids]}]``.

    Raises :class:`NotALocalProfile` for a model without a ``local`` block.
    """
    seen: set[str] = set()
    for m in models:
        if m.id in seen:
            raise BarriersError(f"profile {m.id!r} is given twice: compare different places")
        seen.add(m.id)
    pictures = [(m, local_picture(m), _relations(m)) for m in models]
    names: dict[tuple[str, str], str] = {}
    for _, _, f in reversed(pictures):  # the first model's names win
        names.update(f.names)
    barrier_ids = sorted({iid for _, _, f in pictures for iid in f.interventions})
    state_in = {m.id: {i.id: state_of(i) for i in m.interventions} for m in models}
    barriers = []
    for iid in barrier_ids:
        states = {m.id: state_in[m.id].get(iid) for m in models}
        barriers.append({"id": iid, "name": names[(INTERVENTION, iid)], "states": states})
    order: list[str] = []
    for _, _, f in pictures:
        order.extend(p for p in f.phases if p not in order)
    phases = [
        {
            "id": pid,
            "name": names[(PHASE, pid)],
            "open_in": [m.id for m, picture, _ in pictures if pid in picture["uncovered"]],
        }
        for pid in order
    ]
    half = len(pictures) / 2
    shared = [p for p in phases if len(p["open_in"]) > half]
    shared.sort(key=lambda p: -len(p["open_in"]))  # stable: process order among equals
    return {
        "areas": [
            {"id": m.id, "area": picture["area"], "date": picture["date"]}
            for m, picture, _ in pictures
        ],
        "barriers": barriers,
        "phases": phases,
        "shared_gaps": shared,
    }
