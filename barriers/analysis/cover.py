"""Who must be at the table: the fewest partners that can run barriers on every phase.

:func:`cover` asks for at least one barrier per phase (a set cover, :func:`minimum_cover`);
with ``redundancy=K`` for at least K (a multicover, searched by :class:`_Multicover`). A
partner "can run" a barrier when it is the barrier's lead, or, for a barrier without a lead,
when it is one of its partners (:func:`barriers.analysis.facts.runners`).

Why this differs from the "indispensable partners" of :func:`barriers.analysis.whatif`: a
cover is the smallest group that could keep every phase blocked *on its own*; an
indispensable partner is one without whom some phase loses every barrier *even with all the
others*. A model can have a one-partner cover and no indispensable partner at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NotRequired, TypedDict

from barriers.analysis.facts import Facts, ModelOrGraph, facts, runners

# Work the exact cover search may do before it settles for the best cover found so far: each
# search node costs a few units plus one per set and per element of its instance, so the
# default is about a second of search whatever the model's size.
COVER_BUDGET = 5_000_000
# The search recurses once per set taken; deeper than this it gives up as if out of budget.
_MAX_DEPTH = 400

# One sentence the table, the markdown and the report put beside what-if answers.
COVER_VERSUS_INDISPENSABLE = (
    "A cover is the smallest group of partners that could by itself run a barrier on every "
    "phase; an indispensable partner is one without whom a phase loses every barrier even "
    "when all others stay. So a one-partner cover and no indispensable partner do not "
    "contradict each other: they answer different questions."
)


class Cover(TypedDict):
    """The answer of :func:`cover`."""

    partners: list[str]
    optimal: bool
    uncoverable: list[str]
    redundancy: NotRequired[int]
    short: NotRequired[list[str]]


def cover(
    source: ModelOrGraph | Facts, *, redundancy: int = 1, budget: int = COVER_BUDGET
) -> Cover:
    """The smallest set of partners that can run a barrier on every phase any barrier acts on.

    - ``partners``: the set, sorted by id;
    - ``optimal``: true when proven minimal (exact search within ``budget`` units of work); false
      when the search ran out and the set is the best found (greedy or better);
    - ``uncoverable``: phases no intervention reaches (process order);
    - with ``redundancy`` K above 1 the set gives every coverable phase at least K barriers
      it can run (all of the phase's barriers where it has fewer than K), and the answer adds
      ``redundancy`` (K) and ``short`` (the phases with fewer than K barriers in the model,
      process order).

    When several minimum sets exist, the answer is the first when partners are ordered by the
    number of phases they can run a barrier on (most first), then by id: bigger partners are
    preferred.
    """
    if redundancy < 1:
        raise ValueError("redundancy must be at least 1")
    f = facts(source)
    position = f.position()
    runs: dict[str, set[str]] = {p: set() for p in f.partners}
    for iid, acts in f.phases_of.items():
        for p in runners(f, iid):
            runs[p].update(acts)
    reach = {p: sorted(phases, key=position.__getitem__) for p, phases in runs.items()}
    coverable = [pid for pid in f.phases if f.interventions_of[pid]]
    ranked = sorted((p for p in f.partners if reach[p]), key=lambda p: (-len(reach[p]), p))
    uncoverable = [pid for pid in f.phases if not f.interventions_of[pid]]
    if redundancy == 1:
        bit = {pid: 1 << i for i, pid in enumerate(coverable)}
        masks = [sum(bit[ph] for ph in reach[p]) for p in ranked]
        chosen, optimal = minimum_cover(masks, (1 << len(coverable)) - 1, budget=budget)
        return {
            "partners": sorted(ranked[i] for i in chosen),
            "optimal": optimal,
            "uncoverable": uncoverable,
        }
    index = {p: k for k, p in enumerate(ranked)}
    groups: dict[tuple[str, int], int] = {}  # (phase, runners as a bit mask) -> barriers
    for iid, acts in f.phases_of.items():
        mask = sum(1 << index[p] for p in runners(f, iid))
        for pid in acts:
            groups[(pid, mask)] = groups.get((pid, mask), 0) + 1
    need = {pid: min(redundancy, len(f.interventions_of[pid])) for pid in coverable}
    search = _Multicover(len(ranked), coverable, need, groups, _Counter(budget))
    chosen, optimal = search.solve()
    return {
        "partners": sorted(ranked[i] for i in chosen),
        "optimal": optimal,
        "uncoverable": uncoverable,
        "redundancy": redundancy,
        "short": [pid for pid in coverable if len(f.interventions_of[pid]) < redundancy],
    }


class _Multicover:
    """The first (in index order) smallest set of partners meeting every phase's need.

    Iterative deepening on the size; each depth is a search that decides partners in index
    order, taking each before leaving it out, so the first set found is the first of that
    size in lexicographic order. A partner that adds no runnable barrier is never taken: it
    cannot add one later either. Lower bound: for each phase, its shortfall over the most a
    single remaining partner can add there.
    """

    def __init__(
        self,
        n: int,
        phases: list[str],
        need: dict[str, int],
        groups: dict[tuple[str, int], int],
        counter: _Counter,
    ) -> None:
        self.n = n
        self.counter = counter
        self.phases = phases
        slot = {pid: k for k, pid in enumerate(phases)}
        self.need = [need[pid] for pid in phases]
        self.groups = [(slot[pid], mask, count) for (pid, mask), count in groups.items()]
        self.of_partner: list[list[int]] = [[] for _ in range(n)]
        gives = [[0] * len(phases) for _ in range(n)]  # [partner][phase]: barriers it can run
        for g, (k, mask, count) in enumerate(self.groups):
            for q in _bits(mask):
                self.of_partner[q].append(g)
                gives[q][k] += count
        # best[q][k]: the most one partner from q on can add to phase k
        self.best = [[0] * len(phases) for _ in range(n + 1)]
        for q in range(n - 1, -1, -1):
            self.best[q] = [max(a, b) for a, b in zip(self.best[q + 1], gives[q], strict=True)]
        self.cost = 16 + len(phases)

    def solve(self) -> tuple[list[int], bool]:
        greedy = self.greedy()
        size = self._bound(0, [0] * len(self.phases))
        try:
            while size < len(greedy):
                found = self._first(0, [], 0, [0] * len(self.phases), size)
                if found is not None:
                    return found, True
                size += 1
            found = self._first(0, [], 0, [0] * len(self.phases), len(greedy))
        except _OutOfBudget:
            return greedy, False
        return (found if found is not None else greedy), True

    def greedy(self) -> list[int]:
        have = [0] * len(self.phases)
        taken = 0
        chosen: list[int] = []
        while any(h < n for h, n in zip(have, self.need, strict=True)):
            gains = [
                sum(
                    min(count, self.need[k] - have[k])
                    for g in self.of_partner[q]
                    for k, mask, count in [self.groups[g]]
                    if not mask & taken and have[k] < self.need[k]
                )
                if not taken >> q & 1
                else 0
                for q in range(self.n)
            ]
            q = max(range(self.n), key=lambda q: (gains[q], -q))
            self._take(q, taken, have)
            taken |= 1 << q
            chosen.append(q)
        return sorted(chosen)

    def _take(self, q: int, taken: int, have: list[int]) -> list[tuple[int, int]]:
        added = []
        for g in self.of_partner[q]:
            k, mask, count = self.groups[g]
            if not mask & taken:
                have[k] += count
                added.append((k, count))
        return added

    def _helps(self, added: list[tuple[int, int]], have: list[int]) -> bool:
        """Whether what a partner just added (``have`` counts it already) raised a phase that
        was short of its need."""
        gained: dict[int, int] = {}
        for k, count in added:
            gained[k] = gained.get(k, 0) + count
        return any(have[k] - n < self.need[k] for k, n in gained.items())

    def _bound(self, q: int, have: list[int]) -> int:
        """Partners still needed from index q on; ``n + 1`` when they cannot be enough."""
        bound = 0
        for k, (h, n) in enumerate(zip(have, self.need, strict=True)):
            if h < n:
                most = self.best[q][k]
                if not most:
                    return self.n + 1
                bound = max(bound, -(-(n - h) // most))
        return bound

    def _first(
        self, q: int, chosen: list[int], taken: int, have: list[int], size: int
    ) -> list[int] | None:
        # Leaving a partner out is the loop, taking it the recursion: the depth is the size.
        while True:
            self.counter.tick(self.cost, len(chosen))
            if all(h >= n for h, n in zip(have, self.need, strict=True)):
                return list(chosen)
            if q >= self.n or len(chosen) + self._bound(q, have) > size:
                return None
            added = self._take(q, taken, have)
            found = None
            if self._helps(added, have):
                chosen.append(q)
                found = self._first(q + 1, chosen, taken | 1 << q, have, size)
                chosen.pop()
            for k, count in added:
                have[k] -= count
            if found is not None:
                return found
            q += 1


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
