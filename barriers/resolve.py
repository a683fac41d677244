"""From a file to a resolved, validated model: variants applied, every problem collected.

:func:`resolve_documents` takes a parsed file and the files it extends (from
:func:`barriers.variants.load_chain`), overlays them, validates the result against
:mod:`barriers.model`, checks references and the phase sequence, and puts the phases in
process order. Loading a model from a path, with the cache, is :mod:`barriers.load`.
"""

from __future__ import annotations

import heapq
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from barriers.loader import Document
from barriers.model import (
    ITEM_CLASSES,
    ITEM_KINDS,
    LANGUAGE_PATTERN,
    SINGULAR,
    VISIBLE,
    Action,
    Facilitator,
    Intervention,
    InterventionLocal,
    LocalArea,
    Model,
    Opportunity,
    PartnerLocal,
    Phase,
    Signal,
)
from barriers.problems import (
    ModelError,
    Problem,
    did_you_mean,
    lookalike_note,
    shown_id,
    unknown_id_message,
)
from barriers.techniques import TECHNIQUE_IDS
from barriers.variants import Merged, Tombstone, overlay


def resolve_documents(docs: list[Document]) -> tuple[Model, list[Problem]]:
    """The resolved model of a chain of parsed documents (main file first), and its warnings."""
    merged = overlay(docs)
    problems = list(merged.problems)  # errors, and warnings of the overlay (list patches)
    try:
        raw = Model.model_validate(merged.data)
    except ValidationError as exc:
        problems.extend(_validation_problems(merged, exc))
        problems.extend(_reference_problems(merged, exc))
        raise ModelError(problems) from None
    if any(p.severity == "error" for p in problems):
        raise ModelError(problems)
    resolver = _Resolver(merged, raw)
    model = resolver.resolve()
    problems.extend(resolver.problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ModelError(problems)
    return model, sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))


def _reference_problems(merged: Merged, exc: ValidationError) -> list[Problem]:
    """Check references among the items that did validate, so one run reports both kinds.

    Items with type errors are left out, and their ids count as known, so that nothing is
    reported twice or wrongly.
    """
    bad: dict[str, set[int]] = {kind: set() for kind in ITEM_KINDS}
    top_bad: set[str | int] = set()
    for error in exc.errors(include_url=False):
        loc = _clean_loc(error["loc"])
        if len(loc) >= 2 and loc[0] in ITEM_KINDS and isinstance(loc[1], int):
            bad[str(loc[0])].add(loc[1])
        elif loc:
            top_bad.add(loc[0])
    data = dict(merged.data)
    origins = dict(merged.origins)
    known: dict[str, set[str]] = {}
    for kind in ITEM_KINDS:
        items = data.get(kind, [])
        if kind in top_bad or not isinstance(items, list):
            return []
        keep = [i for i in range(len(items)) if i not in bad[kind]]
        known[kind] = {
            items[i]["id"]
            for i in bad[kind]
            if isinstance(items[i], dict) and isinstance(items[i].get("id"), str)
        }
        data[kind] = [items[i] for i in keep]
        origins[kind] = [merged.origins[kind][i] for i in keep]
    for key in top_bad:
        data.pop(str(key), None)
    data.setdefault("id", "placeholder")
    data.setdefault("title", "placeholder")
    try:
        model = Model.model_validate(data)
    except ValidationError:
        return []
    order = [k for k in merged.phase_order if not (isinstance(k, str) and k in known["phases"])]
    pruned = replace(merged, data=data, origins=origins, phase_order=order, problems=[])
    resolver = _Resolver(pruned, model, known)
    resolver.local_dropped = "local" in top_bad  # reported already: items may say `local`
    resolver.resolve()
    return [p for p in resolver.problems if p.severity == "error"]


# -- type errors, in words a model's author can act on ---------------------------------------


def _validation_problems(merged: Merged, exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = _clean_loc(error["loc"])
        if loc == ("phases",) and error["type"] == "too_short" and merged.removed["phases"]:
            # no phase is left because a variant removed them all: say so where it does
            doc, path = next(reversed(merged.removed["phases"].values()))
            problems.append(
                doc.problem(
                    path[:2],
                    "'remove' takes away every phase: a model needs at least one phase",
                )
            )
            continue
        doc, path = merged.locate(loc)
        what = _describe(merged.data, loc)
        is_key = error["loc"][-1:] == ("[key]",)  # the mapping's key is wrong, not its value
        key = error["type"] == "extra_forbidden" or is_key
        if loc[:1] == ("vocabulary",) and is_key:
            message = _vocabulary_key_message(error, loc, what)
        else:
            message = _message(error, loc, what, doc, path)
        problems.append(doc.problem(path, message, key=key))
    return problems


def _clean_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    # pydantic adds the name of a function validator or a union branch to some locations
    return tuple(
        step
        for step in loc
        if not (isinstance(step, str) and (step.startswith("function-") or "[" in step))
    )


def _describe(data: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    """``intervention 'voorlichting'`` or ``phase #3`` or ``model`` for a location."""
    if len(loc) >= 2 and loc[0] in SINGULAR and isinstance(loc[1], int):
        kind = str(loc[0])
        try:
            item = data[kind][loc[1]]
        except (KeyError, IndexError, TypeError):
            item = None
        item_id = item.get("id") if isinstance(item, dict) else None
        name = f"{item_id!r}" if isinstance(item_id, str) else f"#{loc[1] + 1}"
        return f"{SINGULAR[kind]} {name}"
    if len(loc) >= 2 and loc[0] == "actions" and isinstance(loc[1], int):
        actions = data.get("actions")
        item = actions[loc[1]] if isinstance(actions, list) and loc[1] < len(actions) else None
        item_id = item.get("id") if isinstance(item, dict) else None
        return f"action {item_id!r}" if isinstance(item_id, str) else f"action #{loc[1] + 1}"
    if len(loc) >= 2 and loc[0] == "checklist_answers" and isinstance(loc[1], str):
        return f"the answer to {loc[1]!r}"
    if loc[:1] == ("vocabulary",) and len(loc) >= 2:
        if len(loc) >= 3 and loc[1] in TERM_SINGULAR:
            return f"vocabulary {TERM_SINGULAR[str(loc[1])]} {loc[2]!r}"
        return "the vocabulary"
    return "model"


TERM_SINGULAR = {"types": "type", "sectors": "sector"}


def _vocabulary_key_message(error: Any, loc: tuple[str | int, ...], what: str) -> str:
    """A term or a language code of the vocabulary that is not one."""
    value = error.get("input")
    if len(loc) == 3:  # a term
        where = f"the vocabulary: a term in {loc[1]!r}"
        if error["type"] == "string_too_long":
            limit = error.get("ctx", {}).get("max_length")
            return f"{where} is too long (the limit is {limit:,} characters)"
        return f"{where} must not be empty, only spaces or invisible characters"
    shown = shown_id(value) if isinstance(value, str) else repr(value)
    hint = ""
    if isinstance(value, str):
        first, *rest = re.split(r"[-_]", value.strip())
        fixed = "-".join([first.lower(), *rest])  # en_US -> en-US, EN -> en
        if fixed != value and re.fullmatch(LANGUAGE_PATTERN, fixed):
            hint = f" (write it {fixed!r})"
    return f"{what}: {shown} is not a language code such as 'en' or 'pt-BR'{hint}"


def _field_name(loc: tuple[str | int, ...]) -> str:
    if loc[:1] == ("vocabulary",) and len(loc) >= 2:
        # vocabulary type 'zorg': its label in 'en' ... / its labels ... / the vocabulary: types
        return {3: "its labels", 4: f"its label in {loc[-1]!r}"}.get(len(loc), str(loc[-1]))
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in loc]
    if len(loc) >= 2 and (loc[0] in SINGULAR or loc[0] in ("actions", "checklist_answers")):
        parts = parts[2:]
    return ".".join(parts).replace(".[", "[") or "value"


def _message(
    error: Any, loc: tuple[str | int, ...], what: str, doc: Document, path: tuple[str | int, ...]
) -> str:
    kind = error["type"]
    name = _field_name(loc)
    last = loc[-1] if loc else ""
    if kind == "missing":
        return f"{what} is missing required field {last!r}"
    if kind == "extra_forbidden":
        owner: type[Any] = Model
        if len(loc) >= 3 and loc[0] in ITEM_KINDS and loc[2] == "local":
            owner = InterventionLocal if loc[0] == "interventions" else PartnerLocal
            hint = did_you_mean(str(last), owner.model_fields)
            return f"{what} has unknown key {last!r} in 'local'{hint}"
        if loc[:1] in (("local",), ("actions",)):
            owner = LocalArea if loc[0] == "local" else Action
            hint = did_you_mean(str(last), owner.model_fields)
            where = "'local'" if loc[0] == "local" else "the action"
            return f"{what} has unknown key {last!r} in {where}{hint}"
        if loc[:1] == ("vocabulary",):
            from barriers.model import Vocabulary

            owner = Vocabulary
        elif len(loc) >= 3 and loc[0] == "checklist":
            from barriers.model import ChecklistQuestion, ChecklistTheme

            owner = ChecklistQuestion if len(loc) > 4 else ChecklistTheme
        elif len(loc) >= 3 and loc[0] == "checklist_answers":
            from barriers.model import ChecklistAnswer

            owner = ChecklistAnswer
        elif len(loc) >= 3 and loc[0] in ITEM_KINDS:
            owner = ITEM_CLASSES[str(loc[0])]
            if len(loc) > 4:
                owner = {"signals": Signal, "opportunities": Opportunity}.get(
                    str(loc[2]), Facilitator
                )
        hint = did_you_mean(str(last), owner.model_fields)
        if "notes" not in owner.model_fields:  # an answer has its note, nothing free-form
            return f"{what} has unknown key {last!r}{hint}"
        return f"{what} has unknown key {last!r}{hint}; free-form data goes under 'notes'"
    if kind in ("string_type", "list_type", "int_type", "dict_type", "model_type", "bool_type"):
        wanted = {
            "string_type": "text",
            "list_type": "a list",
            "int_type": "a whole number",
            "dict_type": "a mapping",
            "model_type": "a mapping",
            "bool_type": "true or false",
        }[kind]
        got = doc.yaml_type(path)
        raw = doc.raw(path)
        in_notes = len(loc) >= 2 and loc[-2] in ("signals", "opportunities", "facilitators")
        if kind in ("model_type", "dict_type") and in_notes:
            wanted = "text or a mapping with 'text'"
            if got and raw is not None:
                return (
                    f"{what}: {name} must be {wanted}, but YAML reads {raw!r} as {got}; "
                    f"put it in quotes: '{raw}'"
                )
        if kind == "string_type" and got and raw is not None:
            return (
                f"{what}: {name} must be text, but YAML reads {raw!r} as {got}; "
                f"put it in quotes: '{raw}'"
            )
        return f"{what}: {name} must be {wanted}, not {_type_word(error.get('input'))}"
    if kind == "string_pattern_mismatch":
        value = error.get("input")
        if error.get("ctx", {}).get("pattern") == VISIBLE:
            return f"{what}: {name} must not be empty, only spaces or invisible characters"
        if last in ("url",):
            return f"{what}: {name} must be an http:// or https:// address"
        shown = shown_id(value) if isinstance(value, str) else repr(value)
        note = lookalike_note(value) if isinstance(value, str) else ""
        return (
            f"{what}: {shown} is not a valid id: use lowercase letters, digits and hyphens"
            f"{note}{_slug_hint(value)}"
        )
    if kind == "too_short":
        if last in ("phases", "partners") and len(loc) == 3:
            return f"{what} has no {last}: give at least one"
        return f"{what}: {name} must not be empty"
    if kind == "string_too_short":
        return f"{what}: {name} must not be empty"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"{what}: {name} is too long (the limit is {limit:,} characters)"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        value = str(error.get("input"))
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        return f"{what}: {name} {value!r} is not one of {expected}{did_you_mean(value, options)}"
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        if "25 techniques" in message:
            message += did_you_mean(str(error.get("input")), TECHNIQUE_IDS)
        return f"{what}: {name} {message}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{what}: {name} {error['msg'].lower()}"
    return f"{what}: {name}: {error['msg']}"


def _type_word(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _slug_hint(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    from barriers.problems import latin_lookalikes

    latin = unicodedata.normalize("NFKD", latin_lookalikes(value))
    ascii_text = latin.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return f" (e.g. {slug!r})" if slug and slug != value else ""


# -- references, sequence, process order --------------------------------------------------------


class _Resolver:
    def __init__(
        self, merged: Merged, model: Model, known: dict[str, set[str]] | None = None
    ) -> None:
        self.merged = merged
        self.model = model
        self.known = known or {}  # ids of items left out for type errors: not "unknown"
        self.local_dropped = False  # the `local` block had type errors (reported apart)
        self.problems: list[Problem] = []

    def error(self, kind: str, index: int, field_path: Sequence[str | int], message: str) -> None:
        self._add(kind, index, field_path, message, "error")

    def warn(self, kind: str, index: int, field_path: Sequence[str | int], message: str) -> None:
        self._add(kind, index, field_path, message, "warning")

    def _add(
        self, kind: str, index: int, field_path: Sequence[str | int], message: str, severity: Any
    ) -> None:
        doc, path = self.merged.locate((kind, index, *field_path))
        self.problems.append(doc.problem(path, message, severity=severity))

    def resolve(self) -> Model:
        model = self.model
        next_of = self._sequence({p.id for p in model.phases})
        phase_ids = {p.id for p in model.phases} | self.known.get("phases", set())
        partner_ids = {p.id for p in model.partners} | self.known.get("partners", set())
        source_ids = {s.id for s in model.sources} | self.known.get("sources", set())
        removed = self.merged.removed
        interventions = [
            self._intervention(i, item, phase_ids, partner_ids, source_ids)
            for i, item in enumerate(model.interventions)
        ]
        for index, phase in enumerate(model.phases):
            removed_phases = set(self.merged.removed["phases"]) - phase_ids  # bridged already
            self._check_refs(
                "phases",
                index,
                ("next",),
                phase.next or [],
                phase_ids,
                "phase",
                skip=removed_phases,
            )
            self._check_sources("phases", index, phase, source_ids)
        for index, partner in enumerate(model.partners):
            self._check_sources("partners", index, partner, source_ids)
        intervention_ids = {i.id for i in model.interventions} | self.known.get(
            "interventions", set()
        )
        self._check_local(phase_ids, partner_ids, intervention_ids)
        order = self._process_order(next_of)
        if any(p.severity == "error" for p in self.problems):
            return model
        phases_by_id = {p.id: p for p in model.phases}
        phases = [
            phases_by_id[pid].model_copy(update={"next": next_of[pid], "after": None})
            for pid in order
        ]
        self._warnings(interventions)
        checklist = self._checklist({i.id for i in interventions}, source_ids)
        del removed
        return model.model_copy(
            update={
                "phases": phases,
                "interventions": interventions,
                "checklist": checklist,
                "partners": [self._clean_sources(p, source_ids) for p in model.partners],
                "extends": None,
                "remove": None,
            }
        )

    def _checklist(self, intervention_ids: set[str], source_ids: set[str]) -> list[Any]:
        """Check the checklist's references and answers; drop links to removed barriers."""
        model = self.model
        known_interventions = intervention_ids | self.known.get("interventions", set())
        removed = set(self.merged.removed["interventions"]) - known_interventions
        questions: dict[str, str] = {}  # question id -> theme id
        themes = []
        for index, theme in enumerate(model.checklist):
            self._check_refs("checklist", index, ("sources",), theme.sources, source_ids, "source")
            kept = []
            for j, question in enumerate(theme.questions):
                if question.id in questions:
                    self.error(
                        "checklist",
                        index,
                        ("questions", j, "id"),
                        f"duplicate checklist question id {question.id!r} "
                        f"(also in theme {questions[question.id]!r})",
                    )
                questions.setdefault(question.id, theme.id)
                links = [i for i in question.interventions if i not in removed]
                owner = f"checklist question {question.id!r}"
                self._check_refs(
                    "checklist",
                    index,
                    ("questions", j, "interventions"),
                    links,
                    known_interventions,
                    "intervention",
                    owner=owner,
                )
                self._check_refs(
                    "checklist",
                    index,
                    ("questions", j, "sources"),
                    question.sources,
                    source_ids,
                    "source",
                    owner=owner,
                )
                changed = len(links) < len(question.interventions)
                kept.append(
                    question.model_copy(update={"interventions": links}) if changed else question
                )
            themes.append(theme.model_copy(update={"questions": kept}))
        doc, path = self.merged.locate(("checklist_answers",))
        for question_id in model.checklist_answers:
            if question_id not in questions:
                message = unknown_id_message("checklist question", question_id, questions)
                self.problems.append(
                    doc.problem((*path, question_id), f"an answer names {message}", key=True)
                )
        return themes

    # The phase sequence: implicit `next`, `after` insertions, removed phases bridged.
    #
    # `x after: a` puts x right after a, whatever else the file says: a leads to x, and x
    # leads to where a led (a's explicit `next`, or the phase that followed a in the list),
    # unless x gives its own `next`. Several phases after the same anchor follow each other
    # in the order they appear; a phase may be after a phase that is itself after another.
    # Phases placed after each other in a ring (x after y, y after x) are refused.
    def _sequence(self, phase_ids: set[str]) -> dict[str, list[str]]:
        model = self.model
        by_id: dict[str, Phase] = {p.id: p for p in model.phases}
        index_of = {p.id: i for i, p in enumerate(model.phases)}
        order: list[str | Tombstone] = list(self.merged.phase_order)
        anchors: dict[str, str] = {}
        for index, phase in enumerate(model.phases):
            if phase.after is None or phase.after in self.known.get("phases", set()):
                continue
            if phase.after == phase.id:
                self.error(
                    "phases",
                    index,
                    ("after",),
                    f"phase {phase.id!r} is placed after itself: 'after' names the phase "
                    "it comes after, another phase",
                )
                continue
            if phase.after not in phase_ids:
                message = unknown_id_message("phase", phase.after, phase_ids - {phase.id})
                self.error(
                    "phases",
                    index,
                    ("after",),
                    f"phase {phase.id!r}: 'after' names "
                    f"{message.removeprefix('unknown phase ')}, not a phase of the model",
                )
                continue
            anchors[phase.id] = phase.after
        for ring in _after_rings(anchors):
            first = min(ring, key=index_of.__getitem__)
            start = ring.index(first)
            shown = " -> ".join([*ring[start:], *ring[:start], first])
            self.error(
                "phases",
                index_of[first],
                ("after",),
                f"'after' forms a cycle: {shown} (each is placed after the next); "
                "remove one of these 'after' keys",
            )
            for pid in ring:
                del anchors[pid]
        # place each phase after its anchor, anchors first, then in order of appearance
        placed = sorted(anchors, key=lambda pid: (_after_depth(pid, anchors), index_of[pid]))
        last_after: dict[str, str] = {}  # anchor -> the phase placed after it last
        for pid in placed:
            anchor = anchors[pid]
            order.remove(pid)
            order.insert(order.index(last_after.get(anchor, anchor)) + 1, pid)
            last_after[anchor] = pid
        keys = [k.id if isinstance(k, Tombstone) else k for k in order]
        next_of: dict[str, list[str]] = {}
        tomb_next: dict[str, list[str]] = {}
        for position, key in enumerate(order):
            following = [keys[position + 1]] if position + 1 < len(keys) else []
            if isinstance(key, Tombstone):
                tomb_next[key.id] = key.next if key.next is not None else following
            elif key in by_id:
                given = by_id[key].next
                next_of[key] = list(given) if given is not None else following
        # An anchor with an explicit `next`: anchor -> the phases placed after it (in list
        # order) -> where the anchor's `next` led. Deeper anchors last, so that they win.
        for anchor in sorted(last_after, key=lambda a: _after_depth(a, anchors)):
            if by_id[anchor].next is None:
                continue  # the list order has made the chain already
            block = _block_after(anchor, keys, anchors)
            onward = [n for n in by_id[anchor].next or [] if n not in block]
            next_of[anchor] = [block[0]]
            for pid, successor in zip(block, [*block[1:], None], strict=True):
                if by_id[pid].next is None:
                    next_of[pid] = [successor] if successor is not None else onward
        if tomb_next:
            for pid, successors in next_of.items():
                next_of[pid] = _bridge(successors, tomb_next, pid)
        return next_of

    def _process_order(self, next_of: dict[str, list[str]]) -> list[str]:
        """Topological order that keeps the file's order where the sequence allows."""
        index = {p.id: i for i, p in enumerate(self.model.phases)}
        indegree = dict.fromkeys(index, 0)
        for successors in next_of.values():
            for s in successors:
                if s in indegree:
                    indegree[s] += 1
        heap = [(index[p], p) for p, d in indegree.items() if d == 0]
        heapq.heapify(heap)
        order: list[str] = []
        while heap:
            _, pid = heapq.heappop(heap)
            order.append(pid)
            for s in next_of.get(pid, []):
                if s in indegree:
                    indegree[s] -= 1
                    if indegree[s] == 0:
                        heapq.heappush(heap, (index[s], s))
        if len(order) < len(index):
            cycle = _find_cycle(next_of, set(index) - set(order))
            where, field = self._cycle_spot(cycle, index)
            self.error(
                "phases",
                where,
                (field,),
                "phases form a cycle: "
                + " -> ".join([*cycle, cycle[0]])
                + "; the process must move forward",
            )
        return order

    def _cycle_spot(self, cycle: list[str], index: dict[str, int]) -> tuple[int, str]:
        """Where to report a cycle: at a ``next`` or ``after`` the file asked for wrote (a
        variant's edit closes a cycle through its base), else at the cycle's first phase."""
        main = self.merged.main
        if len(self.merged.docs) > 1:
            for name in ("next", "after"):
                for pid in cycle:
                    doc, path = self.merged.locate(("phases", index[pid], name))
                    if doc is main and path and path[-1] == name:
                        return index[pid], name
        return index[cycle[0]], "next"

    def _intervention(
        self,
        index: int,
        item: Intervention,
        phase_ids: set[str],
        partner_ids: set[str],
        source_ids: set[str],
    ) -> Intervention:
        removed = self.merged.removed
        update: dict[str, Any] = {}
        for name, known in (("phases", phase_ids), ("partners", partner_ids)):
            values: list[str] = getattr(item, name)
            gone = [v for v in values if v in removed[name] and v not in known]
            if gone:
                values = [v for v in values if v not in gone]
                update[name] = values
                if not values:
                    doc, path = removed[name][gone[0]]
                    self.problems.append(
                        doc.problem(
                            path,
                            f"removing {SINGULAR[name]} {gone[0]!r} leaves intervention "
                            f"{item.id!r} without {name}: remove the intervention too, "
                            f"or give it other {name}",
                        )
                    )
            self._check_refs(
                "interventions", index, (name,), values, known, SINGULAR[name], skip=set(gone)
            )
        self._check_lead(index, item, update.get("partners", item.partners), partner_ids)
        cleaned = self._clean_sources(item, source_ids)
        self._check_refs(
            "interventions", index, ("sources",), cleaned.sources, source_ids, "source"
        )
        if len(set(item.phases)) < len(item.phases) or len(set(item.partners)) < len(item.partners):
            for name in ("phases", "partners"):
                values = getattr(item, name)
                twice = sorted({v for v in values if values.count(v) > 1})
                if twice:
                    self.warn(
                        "interventions",
                        index,
                        (name,),
                        f"intervention {item.id!r} lists {SINGULAR[name]} "
                        f"{', '.join(map(repr, twice))} twice in {name!r}",
                    )
        result: Intervention = cleaned.model_copy(update=update) if update else cleaned
        return result

    def _check_lead(
        self, index: int, item: Intervention, partners: list[str], partner_ids: set[str]
    ) -> None:
        """The lead must be one of the intervention's own partners."""
        lead = item.lead
        if lead is None or lead in partners:
            return
        removed = self.merged.removed["partners"]
        if lead in removed and lead not in partner_ids:
            doc, path = removed[lead]
            self.problems.append(
                doc.problem(
                    path,
                    f"removing partner {lead!r} removes the lead of intervention {item.id!r}: "
                    "remove the intervention too, or give it another lead",
                )
            )
            return
        if lead not in partner_ids and lead not in self.known.get("partners", set()):
            message = f"names {unknown_id_message('partner', lead, partner_ids)} as its lead"
        else:
            hint = did_you_mean(lead, partners)
            message = (
                f"has lead {lead!r}, which is not one of its partners{hint}: "
                "add it to 'partners' or choose a lead among them"
            )
        self.error("interventions", index, ("lead",), f"intervention {item.id!r} {message}")

    # The local layer: states need a `local` block; owners, participants and actions name
    # items of the model.
    def _check_local(
        self, phase_ids: set[str], partner_ids: set[str], intervention_ids: set[str]
    ) -> None:
        model = self.model
        has_local = model.local is not None or self.local_dropped
        advice = "add a `local:` block with at least `area` at the top of the model"
        for kind in ("phases", "partners", "interventions"):
            for index, item in enumerate(getattr(model, kind)):
                if item.local is None:
                    continue
                if not has_local:
                    self.error(
                        kind,
                        index,
                        ("local",),
                        f"{SINGULAR[kind]} {item.id!r} has a local state, but the model "
                        f"says no place it is about: {advice}",
                    )
                owner = getattr(item.local, "owner", None)
                if owner is not None and owner not in partner_ids:
                    message = unknown_id_message("partner", owner, partner_ids)
                    self.error(
                        kind,
                        index,
                        ("local", "owner"),
                        f"{SINGULAR[kind]} {item.id!r}: local owner names {message}",
                    )
        if model.local is not None:
            for j, partner_id in enumerate(model.local.participants):
                if partner_id not in partner_ids:
                    message = unknown_id_message("partner", partner_id, partner_ids)
                    self._top_error(
                        ("local", "participants", j), f"local participants name {message}"
                    )
        if model.checklist_answers and not has_local:
            self._top_error(
                ("checklist_answers",),
                f"the model answers the checklist but names no place it is about: {advice}",
            )
        if model.actions and not has_local:
            self._top_error(
                ("actions",), f"the model has an action plan but no place it is about: {advice}"
            )
        first: dict[str, int] = {}
        for index, action in enumerate(model.actions):
            who = f"action {action.id!r}"
            if action.id in first:
                line = self.merged.locate(("actions", first[action.id]))
                doc, path = line
                self._top_error(
                    ("actions", index, "id"),
                    f"duplicate action id {action.id!r} (first on line {doc.where(path)[0]})",
                )
            first.setdefault(action.id, index)
            for name, values, known, target in (
                ("interventions", action.interventions, intervention_ids, "intervention"),
                ("phases", action.phases, phase_ids, "phase"),
            ):
                for j, value in enumerate(values):
                    if value not in known:
                        self._top_error(
                            ("actions", index, name, j),
                            f"{who} names {unknown_id_message(target, value, known)}",
                        )
            if action.owner is not None and action.owner not in partner_ids:
                message = unknown_id_message("partner", action.owner, partner_ids)
                self._top_error(("actions", index, "owner"), f"{who}: owner names {message}")

    def _top_error(self, loc: tuple[str | int, ...], message: str) -> None:
        doc, path = self.merged.locate(loc)
        self.problems.append(doc.problem(path, message))

    def _clean_sources(self, item: Any, source_ids: set[str]) -> Any:
        removed = self.merged.removed["sources"]
        if removed and any(s in removed and s not in source_ids for s in item.sources):
            return item.model_copy(
                update={"sources": [s for s in item.sources if s in source_ids or s not in removed]}
            )
        return item

    def _check_sources(self, kind: str, index: int, item: Any, source_ids: set[str]) -> None:
        self._check_refs(
            kind,
            index,
            ("sources",),
            self._clean_sources(item, source_ids).sources,
            source_ids,
            "source",
        )
        if kind == "phases":
            for group in ("signals", "opportunities", "facilitators"):
                for j, note in enumerate(getattr(item, group)):
                    self._check_refs(
                        kind,
                        index,
                        (group, j, "sources"),
                        note.sources,
                        source_ids,
                        "source",
                        owner=f"phase {item.id!r} {group}",
                    )

    def _check_refs(
        self,
        kind: str,
        index: int,
        field_path: tuple[str | int, ...],
        values: Iterable[str],
        known: set[str],
        target: str,
        *,
        skip: set[str] | None = None,
        owner: str | None = None,
    ) -> None:
        item_id = getattr(getattr(self.model, kind)[index], "id", "?")
        who = owner or f"{SINGULAR[kind]} {item_id!r}"
        original: list[Any] | None = None
        for value in values:
            if value in known or (skip and value in skip):
                continue
            if original is None:
                original = self._original_list(kind, index, field_path)
            position = original.index(value) if value in original else None
            path = (*field_path, position) if position is not None else field_path
            self.error(kind, index, path, f"{who} names {unknown_id_message(target, value, known)}")

    def _original_list(self, kind: str, index: int, field_path: tuple[str | int, ...]) -> list[Any]:
        # The overlaid list (a variant's list patch already applied), whose positions
        # `Merged.locate` maps back to the file and line each entry was written on.
        node: Any = self.merged.data.get(kind)
        try:
            for step in (index, *field_path):
                node = node[step]
        except (KeyError, IndexError, TypeError):
            return []
        return node if isinstance(node, list) else []

    def _warnings(self, interventions: list[Intervention]) -> None:
        model = self.model
        used_partners = {p for i in interventions for p in i.partners}
        for index, partner in enumerate(model.partners):
            if partner.id not in used_partners:
                self.warn("partners", index, (), f"partner {partner.id!r} raises no intervention")
        cited = {s for i in interventions for s in i.sources}
        for phase in model.phases:
            cited.update(phase.sources)
            for group in (phase.signals, phase.opportunities, phase.facilitators):
                for note in group:
                    cited.update(note.sources)
        for partner in model.partners:
            cited.update(partner.sources)
        for index, source in enumerate(model.sources):
            if source.id not in cited:
                self.warn("sources", index, (), f"source {source.id!r} is not cited by any item")
        names: dict[tuple[str, str], str] = {}
        for kind in ("phases", "partners", "interventions"):
            for index, item in enumerate(getattr(model, kind)):
                key = (kind, item.name.strip().casefold())
                if key in names:
                    self.warn(
                        kind,
                        index,
                        ("name",),
                        f"{SINGULAR[kind]} {item.id!r} has the same name as {names[key]!r}",
                    )
                else:
                    names[key] = item.id
        self._vocabulary_warnings(interventions)

    def _vocabulary_warnings(self, interventions: list[Intervention]) -> None:
        """A term written otherwise than the vocabulary lists it, and terms nobody uses.

        A kind of term the vocabulary does not list (no ``types:``, say) is not checked: a
        model may translate its sectors and leave its types as they are. An unused term is
        reported only in the file that wrote it.
        """
        vocabulary = self.model.vocabulary
        if vocabulary is None:
            return
        uses = {
            "types": ("interventions", "type", "barrier", [i.type for i in interventions]),
            "sectors": ("partners", "sector", "partner", [p.sector for p in self.model.partners]),
        }
        for kind, (items, field_name, what, terms) in uses.items():
            listed: dict[str, Any] = getattr(vocabulary, kind)
            if not listed:
                continue
            hints: dict[str, str] = {}  # one look for the closest term per term, not per use
            for index, term in enumerate(terms):
                if term is not None and term not in listed:
                    if term not in hints:
                        hints[term] = did_you_mean(term, listed)
                    hint = hints[term]
                    message = f"{field_name} {term!r} is not in the vocabulary's {kind}{hint}"
                    self.warn(items, index, (field_name,), message)
            for term in sorted(set(listed) - set(terms)):
                doc, path = self.merged.locate(("vocabulary", kind, term))
                if doc is not self.merged.main:
                    continue  # a base's term a variant does not use: the variant can't drop it
                message = f"vocabulary {field_name} {term!r} is not used by any {what}"
                self.problems.append(doc.problem(path, message, key=True, severity="warning"))


def _after_rings(anchors: dict[str, str]) -> list[list[str]]:
    """The rings among ``after`` links (x after y, y after x), each in link order."""
    rings: list[list[str]] = []
    done: set[str] = set()
    for start in anchors:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in anchors and node not in done and node not in path:
            path.append(node)
            node = anchors[node]
        if node is not None and node in path:
            rings.append(path[path.index(node) :])
        done.update(path)
    return rings


def _after_depth(pid: str, anchors: dict[str, str]) -> int:
    """How many ``after`` links lead from ``pid`` to a phase placed by the list (no rings)."""
    depth = 0
    while pid in anchors:
        pid = anchors[pid]
        depth += 1
    return depth


def _block_after(anchor: str, keys: list[str], anchors: dict[str, str]) -> list[str]:
    """The run of phases right after ``anchor`` in ``keys`` that were placed after it."""
    start = keys.index(anchor) + 1
    return list(itertools.takewhile(lambda k: _placed_after(k, anchor, anchors), keys[start:]))


def _placed_after(pid: str, target: str, anchors: dict[str, str]) -> bool:
    """Whether ``pid`` was placed after ``target``, directly or after a phase placed so."""
    while pid in anchors:
        pid = anchors[pid]
        if pid == target:
            return True
    return False


def _bridge(successors: list[str], tomb_next: dict[str, list[str]], start: str) -> list[str]:
    """Replace removed phases in a successor list by their own successors, transitively."""
    result: list[str] = []
    stack = list(reversed(successors))
    seen: set[str] = set()
    while stack:
        s = stack.pop()
        if s in seen:
            continue
        seen.add(s)
        if s in tomb_next:
            stack.extend(reversed(tomb_next[s]))
        elif s != start:
            result.append(s)
    return result


def _find_cycle(next_of: dict[str, list[str]], within: set[str]) -> list[str]:
    """One cycle among ``within`` (phases left over by the topological sort), in sequence order.

    Every phase left over has a predecessor that is left over too, so walking predecessors
    must come back to a phase already seen.
    """
    preds: dict[str, list[str]] = {p: [] for p in within}
    for pid in sorted(within):
        for s in next_of.get(pid, []):
            if s in preds:
                preds[s].append(pid)
    seen: dict[str, int] = {}
    path: list[str] = []
    node = min(within)
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = preds[node][0]
    cycle = list(reversed(path[seen[node] :]))
    first = cycle.index(min(cycle))
    return cycle[first:] + cycle[:first]
