"""The questions analysts ask of a barrier model, answered as plain, sorted data.

Every function takes a resolved :class:`~barriers.model.Model` or the graph that
:func:`barriers.graph.build_graph` made of it (pass the graph to answer several questions
without building it again) and returns JSON-ready data: phase lists in process order, every
other list sorted by id. The CLI, the map, the exports and the report all call these
functions, so they all give the same answer.

>>> from barriers.load import load_model
>>> model = load_model("models/loverboys-general.yaml").model
>>> gaps(model)["uncovered"]
[]
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx

from barriers.graph import ACTS_ON, INTERVENTION, PARTNER, PHASE, RAISES, SEQUENCE, build_graph
from barriers.problems import UnknownIdError, unknown_id_message
from barriers.techniques import MECHANISMS, mechanism_of

if TYPE_CHECKING:
    from barriers.protocols import ModelLike

ModelOrGraph: TypeAlias = "ModelLike | nx.DiGraph[str]"

# Work the exact cover search may do before it settles for the best cover found so far: each
# search node costs a few units plus one per set and per element of its instance, so the
# default is about a second of search whatever the model's size.
COVER_BUDGET = 5_000_000
# The search recurses once per set taken; deeper than this it gives up as if out of budget.
_MAX_DEPTH = 400


@dataclass(frozen=True)
class Facts:
    """The relations every analysis reads, taken once from the graph."""

    phases: list[str]  # process order
    partners: list[str]  # sorted by id
    interventions: list[str]  # sorted by id
    names: dict[tuple[str, str], str]  # (kind, id) -> name
    techniques: dict[str, str | None]  # intervention -> technique
    next_of: dict[str, list[str]]  # phase -> successor phases
    interventions_of: dict[str, list[str]]  # phase -> intervention ids, sorted
    phases_of: dict[str, list[str]]  # intervention -> phase ids, process order
    partners_of: dict[str, list[str]]  # intervention -> partner ids, sorted
    raised_by: dict[str, list[str]]  # partner -> intervention ids, sorted

    def name(self, kind: str, item_id: str) -> str:
        return self.names[(kind, item_id)]


def facts(source: ModelOrGraph) -> Facts:
    """The relations of a model or its graph (see :class:`Facts`)."""
    graph = source if isinstance(source, nx.DiGraph) else build_graph(source, fields=False)
    kinds: dict[str, list[tuple[str, dict[str, Any]]]] = {PHASE: [], PARTNER: [], INTERVENTION: []}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]].append((data["id"], data))
    phase_rows = sorted(kinds[PHASE], key=lambda row: int(row[1]["order"]))
    phases = [pid for pid, _ in phase_rows]
    position = {pid: i for i, pid in enumerate(phases)}
    names = {(kind, item_id): str(data["name"]) for kind in kinds for item_id, data in kinds[kind]}
    next_of: dict[str, list[str]] = {pid: [] for pid in phases}
    interventions_of: dict[str, list[str]] = {pid: [] for pid in phases}
    phases_of: dict[str, list[str]] = {iid: [] for iid, _ in kinds[INTERVENTION]}
    partners_of: dict[str, list[str]] = {iid: [] for iid, _ in kinds[INTERVENTION]}
    raised_by: dict[str, list[str]] = {pid: [] for pid, _ in kinds[PARTNER]}
    ids = {key: data["id"] for key, data in graph.nodes(data=True)}
    for u, neighbours in graph.adjacency():
        a = ids[u]
        for v, edge in neighbours.items():
            b, kind = ids[v], edge["kind"]
            if kind == SEQUENCE:
                next_of[a].append(b)
            elif kind == ACTS_ON:
                phases_of[a].append(b)
                interventions_of[b].append(a)
            elif kind == RAISES:
                partners_of[b].append(a)
                raised_by[a].append(b)
    for table in (interventions_of, partners_of, raised_by):
        for values in table.values():
            values.sort()
    for values in phases_of.values():
        values.sort(key=position.__getitem__)
    return Facts(
        phases=phases,
        partners=sorted(raised_by),
        interventions=sorted(phases_of),
        names=names,
        techniques={iid: data.get("technique") for iid, data in kinds[INTERVENTION]},
        next_of=next_of,
        interventions_of=interventions_of,
        phases_of=phases_of,
        partners_of=partners_of,
        raised_by=raised_by,
    )


def _facts(source: ModelOrGraph | Facts) -> Facts:
    return source if isinstance(source, Facts) else facts(source)


def check_ids(kind: str, ids: Iterable[str], known: Iterable[str]) -> None:
    """Raise :class:`UnknownIdError` (with a did-you-mean) for ids that are not in ``known``."""
    known_set = set(known)
    unknown = [i for i in dict.fromkeys(ids) if i not in known_set]
    if unknown:
        raise UnknownIdError("; ".join(unknown_id_message(kind, i, known_set) for i in unknown))


# -- who acts where ------------------------------------------------------------------------------


def process_order(source: ModelOrGraph | Facts) -> list[str]:
    """Phase ids in process order: a topological order keeping the file's order where it can."""
    return list(_facts(source).phases)


def interventions_by_phase(source: ModelOrGraph | Facts) -> dict[str, list[str]]:
    """``{phase: [intervention ids]}`` for every phase, in process order."""
    f = _facts(source)
    return {pid: list(f.interventions_of[pid]) for pid in f.phases}


def partners_by_phase(
    source: ModelOrGraph | Facts, phases: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """``{phase: [partner ids]}``: who can intervene, for every phase (or those asked).

    Raises :class:`UnknownIdError` for an asked phase the model does not have.
    """
    f = _facts(source)
    wanted = f.phases
    if phases is not None:
        asked = set(phases)
        check_ids("phase", sorted(asked), f.phases)
        wanted = [pid for pid in f.phases if pid in asked]
    return {pid: _partners_of_phase(f, pid) for pid in wanted}


def _partners_of_phase(f: Facts, phase_id: str) -> list[str]:
    return sorted({p for i in f.interventions_of[phase_id] for p in f.partners_of[i]})


def _reach(f: Facts) -> dict[str, list[str]]:
    """``{partner: [phase ids]}`` the phases each partner's interventions act on."""
    position = {pid: i for i, pid in enumerate(f.phases)}
    return {
        p: sorted({ph for i in f.raised_by[p] for ph in f.phases_of[i]}, key=position.__getitem__)
        for p in f.partners
    }


# -- gaps and drop-outs --------------------------------------------------------------------------


def gaps(source: ModelOrGraph | Facts) -> dict[str, Any]:
    """Where the model is thin.

    - ``uncovered``: phases no intervention acts on (process order);
    - ``single_partner``: phases whose interventions all come from one partner, one drop-out
      away from a gap (process order);
    - ``idle_partners``: partners that raise no intervention (by id);
    - ``phases``: ``[{id, name, interventions, partners}]`` with counts, in process order.
    """
    f = _facts(source)
    rows = []
    uncovered, single = [], []
    for pid in f.phases:
        partners = _partners_of_phase(f, pid)
        if not f.interventions_of[pid]:
            uncovered.append(pid)
        elif len(partners) == 1:
            single.append(pid)
        rows.append(
            {
                "id": pid,
                "name": f.name(PHASE, pid),
                "interventions": len(f.interventions_of[pid]),
                "partners": len(partners),
            }
        )
    return {
        "uncovered": uncovered,
        "single_partner": single,
        "idle_partners": [p for p in f.partners if not f.raised_by[p]],
        "phases": rows,
    }


def whatif(source: ModelOrGraph | Facts, without: Iterable[str]) -> dict[str, Any]:
    """What breaks when the partners ``without`` drop out.

    - ``without``: the partner ids, sorted;
    - ``newly_uncovered``: phases that had an intervention and have none left (process order);
    - ``lost_interventions``: interventions all of whose partners dropped out (by id);
    - ``weakened``: ``[{id, before, after}]`` phases that keep some but lose interventions.

    Raises :class:`UnknownIdError` for a partner id the model does not have.
    """
    f = _facts(source)
    gone = sorted(set(without))
    check_ids("partner", gone, f.partners)
    gone_set = set(gone)
    lost = {i for p in gone for i in f.raised_by[p] if gone_set.issuperset(f.partners_of[i])}
    newly_uncovered, weakened = [], []
    for pid in f.phases:
        before = len(f.interventions_of[pid])
        after = sum(1 for i in f.interventions_of[pid] if i not in lost)
        if before and not after:
            newly_uncovered.append(pid)
        elif after < before:
            weakened.append({"id": pid, "before": before, "after": after})
    return {
        "without": gone,
        "newly_uncovered": newly_uncovered,
        "lost_interventions": sorted(lost),
        "weakened": weakened,
    }


def centrality(source: ModelOrGraph | Facts) -> list[dict[str, Any]]:
    """Partners ranked by how much of the model rests on them.

    Each entry: ``id``, ``name``, ``rank``, ``alone_covers`` (phases where it is the only
    partner: they become uncovered if it drops out), ``reaches`` (phases its interventions act
    on), both in process order, ``interventions`` (how many it takes part in) and
    ``sole_interventions`` (how many it raises alone). Sorted by the ranking key: most phases
    covered alone, then most phases reached, then most interventions, then id. Partners equal
    on the three measures share a rank (1, 2, 2, 4).
    """
    f = _facts(source)
    reach = _reach(f)
    alone: dict[str, list[str]] = {p: [] for p in f.partners}
    for pid in f.phases:
        partners = _partners_of_phase(f, pid)
        if len(partners) == 1:
            alone[partners[0]].append(pid)
    entries = [
        {
            "id": p,
            "name": f.name(PARTNER, p),
            "rank": 0,
            "alone_covers": alone[p],
            "reaches": reach[p],
            "interventions": len(f.raised_by[p]),
            "sole_interventions": sum(1 for i in f.raised_by[p] if len(f.partners_of[i]) == 1),
        }
        for p in f.partners
    ]

    def measures(entry: dict[str, Any]) -> tuple[int, int, int]:
        return (-len(entry["alone_covers"]), -len(entry["reaches"]), -entry["interventions"])

    entries.sort(key=lambda e: (measures(e), e["id"]))
    for number, entry in enumerate(entries, 1):
        tied = number > 1 and measures(entries[number - 2]) == measures(entry)
        entry["rank"] = entries[number - 2]["rank"] if tied else number
    return entries


# -- who must be at the table: minimum set cover ------------------------------------------------


def cover(source: ModelOrGraph | Facts, *, budget: int = COVER_BUDGET) -> dict[str, Any]:
    """The smallest set of partners whose interventions reach every phase any intervention reaches.

    - ``partners``: the set, sorted by id;
    - ``optimal``: true when proven minimal (exact search within ``budget`` units of work); false
      when the search ran out and the set is the best found (greedy or better);
    - ``uncoverable``: phases no intervention reaches (process order).

    When several minimum sets exist, the answer is the first when partners are ordered by the
    number of phases they reach (most first), then by id: bigger partners are preferred.
    """
    f = _facts(source)
    reach = _reach(f)
    coverable = [pid for pid in f.phases if f.interventions_of[pid]]
    bit = {pid: 1 << i for i, pid in enumerate(coverable)}
    ranked = sorted((p for p in f.partners if reach[p]), key=lambda p: (-len(reach[p]), p))
    masks = [sum(bit[ph] for ph in reach[p]) for p in ranked]
    chosen, optimal = minimum_cover(masks, (1 << len(coverable)) - 1, budget=budget)
    return {
        "partners": sorted(ranked[i] for i in chosen),
        "optimal": optimal,
        "uncoverable": [pid for pid in f.phases if not f.interventions_of[pid]],
    }


class _OutOfBudget(Exception):
    pass


def minimum_cover(
    sets: list[int], universe: int, *, budget: int = COVER_BUDGET
) -> tuple[list[int], bool]:
    """A minimum set cover of ``universe`` by ``sets`` (bit masks): ``(indices, optimal)``.

    Among minimum covers the lexicographically first by index is returned (indices are a
    preference order). The instance is first reduced (dominated and duplicate sets dropped,
    sets forced by an element only they cover taken) and split into independent components;
    each is solved by branch and bound with lower bounds, within ``budget`` units of work in
    all. When the budget runs out the best cover found is returned with ``optimal=False``.
    Every element of ``universe`` must be in some set.
    """
    counter = _Counter(budget)
    forced, alive, rest = _reduce(sets, universe)
    chosen = list(forced)
    optimal = True
    for component in _components(alive, sets, rest):
        part, exact = _solve(component, sets, counter)
        chosen.extend(part)
        optimal = optimal and exact
    return sorted(chosen), optimal


@dataclass
class _Counter:
    budget: int
    used: int = 0

    def tick(self, cost: int, depth: int) -> None:
        self.used += cost
        if self.used > self.budget or depth > _MAX_DEPTH:
            raise _OutOfBudget


def _reduce(sets: list[int], universe: int) -> tuple[list[int], list[int], int]:
    """``(forced, alive, rest)``: sets in every minimum-first cover, sets left, elements left."""
    forced: list[int] = []
    alive = [i for i, s in enumerate(sets) if s & universe]
    rest = universe
    while True:
        alive = _undominated(alive, sets, rest)
        holders: dict[int, list[int]] = {}
        for i in alive:
            for e in _bits(sets[i] & rest):
                holders.setdefault(e, []).append(i)
        newly = sorted({owners[0] for owners in holders.values() if len(owners) == 1})
        if not newly:
            return forced, alive, rest
        forced.extend(newly)
        for i in newly:
            rest &= ~sets[i]
        alive = [i for i in alive if i not in newly and sets[i] & rest]


def _undominated(alive: list[int], sets: list[int], rest: int) -> list[int]:
    """Drop each set contained in a set earlier in preference order (within ``rest``).

    Swapping a dropped set for its container keeps a cover a cover, of the same size, and
    earlier in preference order: so the preferred minimum cover survives the reduction.
    """
    kept: list[int] = []
    by_element: dict[int, list[int]] = {}
    for i in sorted(alive, key=lambda i: (-(sets[i] & rest).bit_count(), i)):
        mask = sets[i] & rest
        elements = list(_bits(mask))
        rarest = min(elements, key=lambda e: len(by_element.get(e, ())))
        if any(
            j < i and (sets[j] & rest) | mask == sets[j] & rest for j in by_element.get(rarest, ())
        ):
            continue
        kept.append(i)
        for e in elements:
            by_element.setdefault(e, []).append(i)
    return sorted(kept)


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _components(alive: list[int], sets: list[int], rest: int) -> list[tuple[list[int], int]]:
    """Independent parts of the instance: ``[(set indices, elements)]``, in a fixed order."""
    parent: dict[int, int] = {}

    def root(e: int) -> int:
        while parent.setdefault(e, e) != e:
            parent[e] = parent[parent[e]]
            e = parent[e]
        return e

    for i in alive:
        elements = list(_bits(sets[i] & rest))
        for e in elements[1:]:
            a, b = root(elements[0]), root(e)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, tuple[list[int], int]] = {}
    for e in _bits(rest):
        members, mask = groups.get(root(e), ([], 0))
        groups[root(e)] = (members, mask | 1 << e)
    for i in alive:
        first = next(_bits(sets[i] & rest))
        groups[root(first)][0].append(i)
    return [groups[key] for key in sorted(groups)]


def _solve(
    component: tuple[list[int], int], sets: list[int], counter: _Counter
) -> tuple[list[int], bool]:
    """Minimum cover of one component: branch and bound for the size, then the first cover."""
    members, universe = component
    local = [sets[i] & universe for i in members]
    search = _Search(local, universe, counter)
    best = search.greedy()
    try:
        size = search.minimum_size(len(best))
    except _OutOfBudget:
        return [members[i] for i in search.best or best], False
    if search.best is not None and len(search.best) == size:
        best = search.best
    try:
        first = search.first_cover(size)
    except _OutOfBudget:
        first = None
    return [members[i] for i in (first or best)], True


class _Search:
    """Branch and bound over one set-cover instance (sets are bit masks over elements)."""

    def __init__(self, sets: list[int], universe: int, counter: _Counter) -> None:
        self.sets = sets
        self.universe = universe
        self.counter = counter
        self.holders = {
            e: sum(1 << i for i, s in enumerate(sets) if s >> e & 1) for e in _bits(universe)
        }
        self.cost = 16 + len(sets) + universe.bit_count()
        self.sizes = [s.bit_count() for s in sets]
        self.widest_first = sorted(range(len(sets)), key=lambda i: -self.sizes[i])
        self.best: list[int] | None = None

    def greedy(self) -> list[int]:
        rest, chosen = self.universe, []
        while rest:
            i = max(range(len(self.sets)), key=lambda i: ((self.sets[i] & rest).bit_count(), -i))
            chosen.append(i)
            rest &= ~self.sets[i]
        return sorted(chosen)

    def lower_bound(self, rest: int, allowed: int) -> int:
        """Sets still needed to cover ``rest`` (not empty) with sets in ``allowed``; a big number
        if they cannot."""
        elements = sorted(_bits(rest), key=lambda e: ((self.holders[e] & allowed).bit_count(), e))
        used, disjoint = 0, 0
        for e in elements:
            owners = self.holders[e] & allowed
            if not owners:
                return len(self.sets) + 1
            if not owners & used:
                used |= owners
                disjoint += 1
        widest = 0
        for i in self.widest_first:  # sets by size, biggest first: stop when none can be wider
            if self.sizes[i] <= widest:
                break
            if allowed >> i & 1:
                widest = max(widest, (self.sets[i] & rest).bit_count())
        return max(disjoint, -(-len(elements) // widest))

    def minimum_size(self, upper: int) -> int:
        """The size of a minimum cover, proven by search; ``upper`` is a known cover's size."""
        self.limit = upper
        all_sets = (1 << len(self.sets)) - 1
        if self.lower_bound(self.universe, all_sets) < upper:
            self._branch(self.universe, [], all_sets)
        return self.limit

    def _branch(self, rest: int, chosen: list[int], allowed: int) -> None:
        self.counter.tick(self.cost, len(chosen))
        if not rest:
            self.best, self.limit = sorted(chosen), len(chosen)
            return
        if len(chosen) + self.lower_bound(rest, allowed) >= self.limit:
            return
        element = min(_bits(rest), key=lambda e: ((self.holders[e] & allowed).bit_count(), e))
        options = sorted(
            _bits(self.holders[element] & allowed),
            key=lambda i: (-(self.sets[i] & rest).bit_count(), i),
        )
        for i in options:
            # branch i: take set i, leave out the options tried before it
            self._branch(rest & ~self.sets[i], [*chosen, i], allowed)
            allowed &= ~(1 << i)

    def first_cover(self, size: int) -> list[int] | None:
        """The lexicographically first cover of ``size`` sets (``size`` must be the minimum)."""
        return self._first(self.universe, 0, [], (1 << len(self.sets)) - 1, size)

    def _first(
        self, rest: int, index: int, chosen: list[int], allowed: int, size: int
    ) -> list[int] | None:
        # Deciding sets in index order, taking each before leaving it out, meets the covers in
        # lexicographic order: the first complete one is the answer.
        while True:
            self.counter.tick(self.cost, len(chosen))
            if not rest:
                return chosen
            if len(chosen) + self.lower_bound(rest, allowed) > size:
                return None
            while not self.sets[index] & rest:
                allowed &= ~(1 << index)
                index += 1
            allowed &= ~(1 << index)
            taken = rest & ~self.sets[index]
            found = self._first(taken, index + 1, [*chosen, index], allowed, size)
            if found is not None:
                return found
            index += 1


# -- the offender's routes ------------------------------------------------------------------------


def routes(source: ModelOrGraph | Facts, limit: int = 20) -> dict[str, Any]:
    """The offender's routes from a phase with no predecessor to one with no successor.

    A route's ``strength`` is the sum over its phases of the interventions acting on each.

    - ``weakest``: ``{phases, strength}``, the route of lowest strength, found by Dijkstra's
      algorithm on the phase graph (node weights moved onto the edges into each phase);
    - ``routes``: ``[{phases, strength}]`` weakest first, at most ``limit``; routes of equal
      strength in process order (compared phase by phase). Enumerated lazily, best first,
      so models with exponentially many routes cost no more than the routes listed;
    - ``count``: how many routes there are in all.
    """
    f = _facts(source)
    weight = {pid: len(f.interventions_of[pid]) for pid in f.phases}
    position = {pid: i for i, pid in enumerate(f.phases)}
    has_predecessor = {s for successors in f.next_of.values() for s in successors}
    starts = [pid for pid in f.phases if pid not in has_predecessor]
    # to_end[p]: the lowest strength from p (included) to an end phase; Dijkstra from a sink
    # on the reversed graph, with each edge weighing what the phase it enters weighs.
    sink = ("end",)
    reverse: nx.DiGraph[str | tuple[str]] = nx.DiGraph()
    reverse.add_nodes_from(f.phases)
    for pid in f.phases:
        if not f.next_of[pid]:
            reverse.add_edge(sink, pid, weight=weight[pid])
        for successor in f.next_of[pid]:
            reverse.add_edge(successor, pid, weight=weight[pid])
    to_end: dict[str, int] = {
        k: int(v)  # sums of integer weights
        for k, v in nx.single_source_dijkstra_path_length(reverse, sink, weight="weight").items()
        if isinstance(k, str)
    }
    found: list[dict[str, Any]] = []
    for phases, strength in _best_routes(f, starts, to_end, weight, position):
        if len(found) >= limit:
            break
        found.append({"phases": phases, "strength": strength})
    return {
        "weakest": _weakest(f, starts, to_end, weight, position),
        "routes": found,
        "count": _route_count(f),
    }


def _weakest(
    f: Facts,
    starts: list[str],
    to_end: dict[str, int],
    weight: dict[str, int],
    position: dict[str, int],
) -> dict[str, Any]:
    """Follow the shortest-path distances from the best start; ties go to the earliest phase."""
    here = min(starts, key=lambda p: (to_end[p], position[p]))
    strength = to_end[here]
    phases = [here]
    while f.next_of[here]:
        here = min(
            (s for s in f.next_of[here] if to_end[s] == to_end[here] - weight[here]),
            key=position.__getitem__,
        )
        phases.append(here)
    return {"phases": phases, "strength": strength}


def _best_routes(
    f: Facts,
    starts: list[str],
    to_end: dict[str, int],
    weight: dict[str, int],
    position: dict[str, int],
) -> Iterator[tuple[list[str], int]]:
    """Routes in order of (strength, phase positions), lazily: best-first search with the exact
    remaining strength as its estimate, so every partial route popped leads to a route due
    next or soon, and k routes cost about k times a route's length of steps."""
    heap: list[tuple[int, tuple[int, ...], int]] = [
        (to_end[s], (position[s],), weight[s]) for s in starts
    ]
    heapq.heapify(heap)
    while heap:
        _, path, so_far = heapq.heappop(heap)
        last = f.phases[path[-1]]
        if not f.next_of[last]:
            yield [f.phases[i] for i in path], so_far
            continue
        for successor in f.next_of[last]:
            strength = so_far + weight[successor]
            heapq.heappush(
                heap,
                (
                    strength + to_end[successor] - weight[successor],
                    (*path, position[successor]),
                    strength,
                ),
            )


def _route_count(f: Facts) -> int:
    ways: dict[str, int] = {}
    for pid in reversed(f.phases):
        ways[pid] = sum(ways[s] for s in f.next_of[pid]) if f.next_of[pid] else 1
    has_predecessor = {s for successors in f.next_of.values() for s in successors}
    return sum(ways[pid] for pid in f.phases if pid not in has_predecessor)


# -- situational crime prevention ---------------------------------------------------------------


def mechanisms(source: ModelOrGraph | Facts) -> dict[str, Any]:
    """Barriers per phase by situational crime prevention mechanism (Cornish & Clarke).

    ``{phase: {by_mechanism: {mechanism: [intervention ids]}, missing: [mechanisms],
    without_technique: [intervention ids]}}`` for every phase in process order; the five
    mechanisms always appear, in the order of :data:`barriers.techniques.MECHANISMS`.
    """
    f = _facts(source)
    result: dict[str, Any] = {}
    for pid in f.phases:
        by_mechanism: dict[str, list[str]] = {m.id: [] for m in MECHANISMS}
        without = []
        for i in f.interventions_of[pid]:
            technique = f.techniques[i]
            if technique is None:
                without.append(i)
            else:
                by_mechanism[mechanism_of(technique)].append(i)
        result[pid] = {
            "by_mechanism": by_mechanism,
            "missing": [m for m, ids in by_mechanism.items() if not ids],
            "without_technique": without,
        }
    return result


# -- variants -------------------------------------------------------------------------------------

DIFF_KINDS = ("phases", "partners", "interventions")
# Lists of ids whose order carries no meaning: compared as sets.
_UNORDERED = {"next", "phases", "partners", "sources"}


def diff(a: ModelLike, b: ModelLike) -> dict[str, Any]:
    """What model ``b`` changes against ``a``: per kind (phases, partners, interventions)
    ``added`` and ``removed`` ids and ``changed`` ``[{id, fields}]``, all sorted by id.

    Lists of ids (``next``, ``phases``, ``partners``, ``sources``) are compared as sets.
    """
    result: dict[str, Any] = {}
    for kind in DIFF_KINDS:
        old = {item.id: _comparable(item.model_dump(mode="json")) for item in getattr(a, kind)}
        new = {item.id: _comparable(item.model_dump(mode="json")) for item in getattr(b, kind)}
        changed = []
        for item_id in sorted(old.keys() & new.keys()):
            fields = sorted(
                k
                for k in old[item_id].keys() | new[item_id].keys()
                if old[item_id].get(k) != new[item_id].get(k)
            )
            if fields:
                changed.append({"id": item_id, "fields": fields})
        result[kind] = {
            "added": sorted(new.keys() - old.keys()),
            "removed": sorted(old.keys() - new.keys()),
            "changed": changed,
        }
    return result


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: sorted(set(v)) if k in _UNORDERED and isinstance(v, list) else v for k, v in data.items()
    }


# -- for reports ------------------------------------------------------------------------------------


def summary(source: ModelOrGraph | Facts) -> dict[str, Any]:
    """Counts for a report: sizes, gaps, the minimum cover, the weakest route.

    ``{phases, partners, interventions, uncovered, single_partner, idle_partners,
    without_technique, cover_size, cover_optimal, routes, weakest_strength}`` (numbers and a
    boolean).
    """
    f = _facts(source)
    found = gaps(f)
    best = cover(f)
    paths = routes(f, limit=0)
    return {
        "phases": len(f.phases),
        "partners": len(f.partners),
        "interventions": len(f.interventions),
        "uncovered": len(found["uncovered"]),
        "single_partner": len(found["single_partner"]),
        "idle_partners": len(found["idle_partners"]),
        "without_technique": sum(1 for t in f.techniques.values() if t is None),
        "cover_size": len(best["partners"]),
        "cover_optimal": best["optimal"],
        "routes": paths["count"],
        "weakest_strength": paths["weakest"]["strength"],
    }
