"""The offender's routes through the phases, and how many barriers each one meets.

A route runs from a phase with no predecessor to a phase with no successor. Its
``strength`` is the number of **distinct** barriers acting on any of its phases: a barrier
on three of the route's phases counts once. ``phase_links`` is the older measure beside it:
the sum over the route's phases of the barriers acting on each (a barrier counted once per
phase it acts on).

Distinct counts do not add up along a route, so the weakest route is not a shortest path.
It is found exactly by a best-first search over partial routes whose estimate is a lower
bound that does add up: a barrier acting on ``k`` phases gives each of them ``1/k``, and no
route collects more than 1 from one barrier, so the sum of these shares over a route's
phases never exceeds its strength. The search pops routes in order of their true strength
(ties in process order, phase by phase) and stops after ``budget`` units of work; when it
stops early, ``optimal`` is false and the weakest route is the best found (the route with
the fewest phase links, or a weaker one the search met).

Long runs of phases with a single way through (a chain) are first merged into one step, so
a chain of 100,000 phases costs about as much as reading it.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypedDict

from barriers.analysis.facts import Facts, ModelOrGraph, facts

# Work the weakest-route search may do (about a unit per barrier word per partial route).
ROUTES_BUDGET = 3_000_000
_EPSILON = 1e-6  # the shares are floats: a bound is rounded up only past this


class Route(TypedDict):
    phases: list[str]
    strength: int
    phase_links: int


class Routes(TypedDict):
    """The answer of :func:`routes`."""

    weakest: Route
    routes: list[Route]
    count: int
    optimal: bool


@dataclass(frozen=True)
class _Steps:
    """The phase graph with every chain merged into one step (steps in process order)."""

    phases: list[list[str]]  # per step: its phases, in order
    next: list[list[int]]  # per step: successor steps
    barriers: list[int]  # per step: bit mask of the barriers on its phases
    links: list[int]  # per step: the phase links (barriers per phase, summed)
    share: list[float]  # per step: the barriers' shares (1/k for a barrier on k phases)
    starts: list[int]


def routes(source: ModelOrGraph | Facts, limit: int = 20, *, budget: int = ROUTES_BUDGET) -> Routes:
    """The offender's routes, weakest first.

    - ``weakest``: ``{phases, strength, phase_links}``, the route meeting the fewest distinct
      barriers (ties: fewest phase links, then process order);
    - ``routes``: ``[{phases, strength, phase_links}]``, the ``limit`` weakest, in the same
      order; listed lazily, so models with exponentially many routes cost no more than the
      routes listed;
    - ``count``: how many routes there are in all;
    - ``optimal``: true when the search proved ``weakest`` and the list; false when it ran
      out of ``budget`` and they are the best found.
    """
    f = facts(source)
    steps = _merge_chains(f)
    search = _Search(steps, budget)
    found: list[Route] = []
    try:
        for route in search.routes():
            found.append(route)
            if len(found) >= max(limit, 1):
                break
        optimal = True
    except _OutOfBudget:
        optimal = False
    if not optimal:
        fallback = search.fewest_links()
        if not found or (fallback["strength"], fallback["phase_links"]) < (
            found[0]["strength"],
            found[0]["phase_links"],
        ):
            found.insert(0, fallback)
        unique: dict[tuple[str, ...], Route] = {}
        for route in found:
            unique.setdefault(tuple(route["phases"]), route)
        found = list(unique.values())
    weakest = found[0]
    return {
        "weakest": weakest,
        "routes": found[:limit],
        "count": _route_count(steps),
        "optimal": optimal,
    }


def _merge_chains(f: Facts) -> _Steps:
    preds = {pid: 0 for pid in f.phases}
    for successors in f.next_of.values():
        for s in successors:
            preds[s] += 1
    index: dict[str, int] = {}
    phases: list[list[str]] = []
    for pid in f.phases:  # process order: a chain's head comes before its other phases
        if pid in index:
            continue
        chain = [pid]
        index[pid] = len(phases)
        here = pid
        while len(f.next_of[here]) == 1 and preds[f.next_of[here][0]] == 1:
            here = f.next_of[here][0]
            chain.append(here)
            index[here] = len(phases)
        phases.append(chain)
    number = {iid: k for k, iid in enumerate(f.interventions)}
    spread = {iid: len(f.phases_of[iid]) for iid in f.interventions}
    barriers, links, share = [], [], []
    for chain in phases:
        on = {i for pid in chain for i in f.interventions_of[pid]}
        barriers.append(_mask(number[i] for i in on))
        links.append(sum(len(f.interventions_of[pid]) for pid in chain))
        share.append(math.fsum(1 / spread[i] for pid in chain for i in f.interventions_of[pid]))
    following = [[index[s] for s in f.next_of[chain[-1]]] for chain in phases]
    starts = [k for k, chain in enumerate(phases) if not preds[chain[0]]]
    return _Steps(phases, following, barriers, links, share, starts)


def _mask(bits: Iterator[int]) -> int:
    """A bit mask of the given bit numbers, built in linear time."""
    buffer = bytearray()
    for b in bits:
        byte = b >> 3
        if byte >= len(buffer):
            buffer.extend(bytes(byte + 1 - len(buffer)))
        buffer[byte] |= 1 << (b & 7)
    return int.from_bytes(buffer, "little")


class _OutOfBudget(Exception):
    pass


# (bound on the strength, bound on the phase links, path, barriers met, shares, phase links)
_Entry = tuple[int, int, tuple[int, ...], int, float, int]


def _entry(
    path: tuple[int, ...],
    barriers: int,
    shares: float,
    shares_bound: float,
    links: int,
    links_bound: int,
) -> _Entry:
    bound = max(barriers.bit_count(), math.ceil(shares_bound - _EPSILON))
    return (bound, links_bound, path, barriers, shares, links)


class _Search:
    def __init__(self, steps: _Steps, budget: int) -> None:
        self.steps = steps
        self.budget = budget
        n = len(steps.phases)
        # to_end[k]: the least sum of shares from step k (included) to an end step
        self.to_end = [0.0] * n
        self.fewest = [0] * n  # the least phase links from step k to an end
        for k in range(n - 1, -1, -1):  # steps are in process order: successors come later
            after = steps.next[k]
            self.to_end[k] = steps.share[k] + (min(self.to_end[s] for s in after) if after else 0)
            self.fewest[k] = steps.links[k] + (min(self.fewest[s] for s in after) if after else 0)

    def _route(self, path: tuple[int, ...], barriers: int, links: int) -> Route:
        return {
            "phases": [pid for k in path for pid in self.steps.phases[k]],
            "strength": barriers.bit_count(),
            "phase_links": links,
        }

    def routes(self) -> Iterator[Route]:
        """Every route, weakest first (strength, then phase links, then process order).

        Each entry's key is a lower bound on every route through it, and never falls along
        a route; a finished route's key is exact. So finished routes leave the heap in the
        order of their keys.
        """
        steps = self.steps
        heap: list[_Entry] = [
            _entry(
                (k,),
                steps.barriers[k],
                steps.share[k],
                self.to_end[k],
                steps.links[k],
                self.fewest[k],
            )
            for k in steps.starts
        ]
        heapq.heapify(heap)
        used = 0
        while heap:
            _, _, path, barriers, shares, links = heapq.heappop(heap)
            used += 8 + barriers.bit_length() // 64 + len(path)
            if used > self.budget:
                raise _OutOfBudget
            last = path[-1]
            if not steps.next[last]:
                yield self._route(path, barriers, links)
                continue
            for s in steps.next[last]:
                heapq.heappush(
                    heap,
                    _entry(
                        (*path, s),
                        barriers | steps.barriers[s],
                        shares + steps.share[s],
                        shares + self.to_end[s],
                        links + steps.links[s],
                        links + self.fewest[s],
                    ),
                )

    def fewest_links(self) -> Route:
        """The route with the fewest phase links (ties: process order), with its strength."""
        steps = self.steps
        here = min(steps.starts, key=lambda k: (self.fewest[k], k))
        path = [here]
        barriers = steps.barriers[here]
        while steps.next[here]:
            want = self.fewest[here] - steps.links[here]
            here = min(s for s in steps.next[here] if self.fewest[s] == want)
            path.append(here)
            barriers |= steps.barriers[here]
        return self._route(tuple(path), barriers, self.fewest[path[0]])


def _route_count(steps: _Steps) -> int:
    ways = [0] * len(steps.phases)
    for k in range(len(ways) - 1, -1, -1):
        ways[k] = sum(ways[s] for s in steps.next[k]) if steps.next[k] else 1
    return sum(ways[k] for k in steps.starts)
