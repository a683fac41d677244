"""Variants: ``extends`` chains and the overlay of a variant onto its base, by id.

The overlay works on plain data, before type validation, and remembers where every item
and every overlaid field was written so that later problems point at the right file.

In a variant, a list field of a base item (``signals``, ``sources``, ``next``, ``partners``,
``legal_basis``, ...) may be a patch, ``{add: [...], remove: [...]}``, that changes the base's
list instead of replacing it: ``remove`` takes entries out (an id, or for signals,
opportunities and facilitators their text), then ``add`` appends. Removing what the base list
does not hold is an error; adding what it already holds is a warning and adds nothing. A
phase's ``next`` can be patched only where the base gives it explicitly.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from barriers.ids import SLUG_RE
from barriers.loader import Document, load_document
from barriers.model import ITEM_KINDS, OVERLAID_CLASSES, OVERLAID_KINDS, SINGULAR
from barriers.problems import ModelError, Problem, did_you_mean, unknown_id_message

MAX_CHAIN = 32
PATCH_KEYS = ("add", "remove")

Location = tuple[Document, tuple[str | int, ...]]


class ModelFinder(Protocol):
    """Where ``extends`` looks for a base model (:mod:`barriers.catalog` is one)."""

    def find_base(self, model_id: str, folder: Path) -> Path | None:
        """The file of model ``model_id`` for a file in ``folder`` that extends it, or None."""
        ...

    def known_ids(self, folder: Path) -> list[str]:
        """The model ids a file in ``folder`` could extend (for did-you-mean hints)."""
        ...


@dataclass
class ItemOrigin:
    """Where an item was written, and where each field given later by a variant was."""

    doc: Document
    path: tuple[str | int, ...]
    fields: dict[str, Location] = field(default_factory=dict)
    # A list field changed by a patch: where each entry of the resulting list was written.
    entries: dict[str, list[Location]] = field(default_factory=dict)

    def locate(self, name: str) -> Location:
        if name in self.fields:
            return self.fields[name]
        if name in _fields_of(self.doc, self.path):
            return self.doc, (*self.path, name)
        return self.doc, self.path

    def locate_entry(self, name: str, index: int) -> Location | None:
        """Where entry ``index`` of a patched list field was written (None: not patched)."""
        spots = self.entries.get(name)
        if spots is None or not 0 <= index < len(spots):
            return None
        return spots[index]

    def entry_locations(self, name: str, value: Any) -> list[Location]:
        """Where each entry of the field's current ``value`` was written."""
        if name in self.entries:
            return list(self.entries[name])
        doc, path = self.locate(name)
        if isinstance(value, list):
            return [(doc, (*path, j)) for j in range(len(value))]
        return [(doc, path)] if value is not None else []


@dataclass
class Tombstone:
    """A phase a variant removed: kept in the sequence so its neighbours can be bridged."""

    id: str
    next: list[str] | None
    doc: Document
    path: tuple[str | int, ...]


@dataclass
class Merged:
    """The overlay of a chain of documents (base first), as plain data with origins."""

    docs: list[Document]  # main file first, then its base, the base's base, ...
    data: dict[str, Any]
    top: dict[str, tuple[Document, tuple[str | int, ...]]]
    origins: dict[str, list[ItemOrigin]]
    phase_order: list[str | Tombstone]  # keys of live phases and tombstones, in list order
    removed: dict[str, dict[str, tuple[Document, tuple[str | int, ...]]]]
    problems: list[Problem]
    # where the entries of a mapping merged over several files came from (path -> file)
    entries: dict[tuple[str | int, ...], Document] = field(default_factory=dict)

    @property
    def main(self) -> Document:
        return self.docs[0]

    def locate(self, loc: Sequence[str | int]) -> tuple[Document, tuple[str | int, ...]]:
        """Which file and path a location in the merged data came from."""
        if not loc:
            return self.main, ()
        head = loc[0]
        if head in self.origins and len(loc) >= 2 and isinstance(loc[1], int):
            items = self.origins[str(head)]
            if loc[1] < len(items):
                origin = items[loc[1]]
                if len(loc) == 2:
                    return origin.doc, origin.path
                if len(loc) >= 4 and isinstance(loc[3], int):
                    spot = origin.locate_entry(str(loc[2]), loc[3])
                    if spot is not None:
                        return spot[0], (*spot[1], *loc[4:])
                doc, path = origin.locate(str(loc[2]))
                if len(path) == len(origin.path):
                    return doc, path
                return doc, (*path, *loc[3:])
        for end in range(len(loc), 1, -1):
            if tuple(loc[:end]) in self.entries:
                return self.entries[tuple(loc[:end])], tuple(loc)
        if isinstance(head, str) and head in self.top:
            doc, path = self.top[head]
            return doc, (*path, *loc[1:])
        return self.main, tuple(loc)


def _fields_of(doc: Document, path: tuple[str | int, ...]) -> dict[str, Any]:
    node: Any = doc.data
    for step in path:
        node = node[step]
    return node if isinstance(node, dict) else {}


def load_chain(path: Path, finder: ModelFinder) -> list[Document]:
    """The document at ``path`` and every model it extends (found by ``finder``), main first."""
    docs = [load_document(path)]
    seen = {path.resolve(): docs[0]}
    while True:
        doc = docs[-1]
        base_id = doc.data.get("extends")
        if base_id is None:
            return docs
        if not isinstance(base_id, str) or not SLUG_RE.match(base_id):
            raise ModelError([doc.problem(("extends",), "'extends' must be a model id")])
        if len(docs) >= MAX_CHAIN:  # one more base would make the chain longer than the limit
            message = f"variant chain is longer than {MAX_CHAIN} models"
            raise ModelError([doc.problem(("extends",), message + _reached_from(docs, doc))])
        base_path = finder.find_base(base_id, doc.path.parent)
        if base_path is None:
            known = finder.known_ids(doc.path.parent)
            message = unknown_id_message("model", base_id, known) + " in 'extends'"
            raise ModelError([doc.problem(("extends",), message + _reached_from(docs, doc))])
        key = base_path.resolve()
        if key in seen:
            names = [str(d.data.get("id")) for d in docs]
            start = names.index(str(seen[key].data.get("id")))
            cycle = " -> ".join([*names[start:], names[start]])
            message = f"'extends' forms a cycle: {cycle}" + _reached_from(docs, doc)
            raise ModelError([doc.problem(("extends",), message)])
        base = load_document(base_path)
        if base.data.get("id") != base_id:
            raise ModelError(
                [
                    doc.problem(
                        ("extends",),
                        f"{base.display} does not have id {base_id!r}" + _reached_from(docs, doc),
                    )
                ]
            )
        seen[key] = base
        docs.append(base)


def _reached_from(docs: list[Document], doc: Document) -> str:
    """`` (in the chain of main.yaml)`` when a problem is in a base, not the file asked for."""
    return "" if doc is docs[0] else f" (in the models that {docs[0].display} extends)"


def overlay(docs: list[Document]) -> Merged:
    """Overlay the chain (given main first) base first: new ids added, known ids updated."""
    merged = Merged(
        docs=docs,
        data={},
        top={},
        origins={kind: [] for kind in OVERLAID_KINDS},
        phase_order=[],
        removed={kind: {} for kind in ITEM_KINDS},
        problems=[],
    )
    positions: dict[str, dict[str, int]] = {kind: {} for kind in OVERLAID_KINDS}
    lists: dict[str, Any] = {kind: [] for kind in OVERLAID_KINDS}
    for layer, doc in enumerate(reversed(docs)):
        data = doc.data
        for key, value in data.items():
            if key not in OVERLAID_KINDS and key not in ("remove", "extends"):
                earlier = merged.data.get(key)
                if key in MERGED_MAPPINGS and isinstance(earlier, dict):
                    if value is None:
                        # `vocabulary:` with its entries commented out would silently drop
                        # the base's: there is nothing to add, so the base's stays
                        merged.problems.append(
                            doc.problem(
                                (key,),
                                f"{key!r} is empty: the base's stays as it is (a variant adds "
                                "to it: list entries under it, or remove the key)",
                                key=True,
                                severity="warning",
                            )
                        )
                        continue
                    if isinstance(value, dict):
                        # answers add up (a profile of a profile); a vocabulary's terms and
                        # labels too
                        depth = MERGED_MAPPINGS[key]
                        value = _merge_mapping(merged, doc, (key,), earlier, value, depth)
                if key in MERGED_MAPPINGS and not isinstance(value, dict):
                    # replaced whole (wrongly: validation says so), so where its entries came
                    # from is this file, not what an earlier merge recorded
                    for path in [p for p in merged.entries if p[0] == key]:
                        del merged.entries[path]
                merged.data[key] = value
                merged.top[key] = (doc, (key,))
        if "remove" in data:
            if layer == 0:
                merged.problems.append(
                    doc.problem(
                        ("remove",),
                        "'remove' is only for variants (models with 'extends')",
                        key=True,
                    )
                )
            else:
                _remove(merged, doc, data["remove"], positions, lists)
        for kind in OVERLAID_KINDS:
            if kind in data:
                if not isinstance(lists[kind], list):
                    lists[kind] = []
                _add_items(merged, doc, kind, data[kind], positions[kind], lists)
    for kind in OVERLAID_KINDS:
        if kind in merged.top or lists[kind] or any(kind in d.data for d in docs):
            merged.data[kind] = lists[kind]
    if "id" in docs[0].data:
        merged.data["id"] = docs[0].data["id"]
        merged.top["id"] = (docs[0], ("id",))
    else:
        merged.data.pop("id", None)
    if "title" in docs[0].data:
        merged.top["title"] = (docs[0], ("title",))
    return merged


# top-level mappings a variant adds to rather than replaces, and how many levels deep
MERGED_MAPPINGS: dict[str, int] = {"checklist_answers": 1, "vocabulary": 3}


def _merge_mapping(
    merged: Merged,
    doc: Document,
    path: tuple[str | int, ...],
    earlier: dict[str, Any],
    value: dict[str, Any],
    depth: int,
) -> dict[str, Any]:
    """``value`` over ``earlier``, key by key down to ``depth`` levels; each entry remembers
    the file it came from, so that a problem in it is reported there.

    At ``depth`` 3, a vocabulary: a variant adds terms and labels, and changes a label by
    writing it again (``types: {zorg: {en: care}}`` keeps the base's other terms).
    """
    origin = _origin(merged, path)
    for key in earlier:  # entries the earlier files wrote stay theirs
        merged.entries.setdefault((*path, key), origin)
    result = dict(earlier)
    for key, entry in value.items():
        before = result.get(key)
        if depth > 1 and isinstance(before, dict) and isinstance(entry, dict):
            result[key] = _merge_mapping(merged, doc, (*path, key), before, entry, depth - 1)
        else:
            result[key] = entry
            merged.entries[(*path, key)] = doc
    merged.entries[path] = doc
    return result


def _origin(merged: Merged, path: tuple[str | int, ...]) -> Document:
    """The file an entry of a merged mapping came from (its own, or its nearest parent's)."""
    for end in range(len(path), 0, -1):
        if path[:end] in merged.entries:
            return merged.entries[path[:end]]
    return merged.top[str(path[0])][0]


def _add_items(
    merged: Merged,
    doc: Document,
    kind: str,
    entries: Any,
    positions: dict[str, int],
    lists: dict[str, Any],
) -> None:
    items = lists[kind]
    if not isinstance(entries, list):
        lists[kind] = entries  # not a list: the schema reports it, with its type
        return
    seen: dict[str, int] = {}
    singular = SINGULAR[kind]
    for j, entry in enumerate(entries):
        path: tuple[str | int, ...] = (kind, j)
        if not isinstance(entry, dict):
            merged.problems.append(
                doc.problem(path, f"each {singular} must be a mapping with at least an id")
            )
            continue
        item_id = entry.get("id")
        if isinstance(item_id, str) and item_id in seen:
            line = doc.where((kind, seen[item_id]))[0]
            merged.problems.append(
                doc.problem(
                    (*path, "id"), f"duplicate {singular} id {item_id!r} (first on line {line})"
                )
            )
            continue
        if isinstance(item_id, str):
            seen[item_id] = j
        at = positions.get(item_id) if isinstance(item_id, str) else None
        if at is not None:  # a variant adjusting a known item: replace the fields it gives
            target = items[at]
            origin = merged.origins[kind][at]
            for name, value in entry.items():
                if name == "id":
                    continue
                if is_patch(kind, name, value):
                    _apply_patch(merged, doc, kind, (*path, name), target, origin)
                    continue
                target[name] = value
                origin.fields[name] = (doc, (*path, name))
                origin.entries.pop(name, None)
            continue
        if isinstance(item_id, str):
            positions[item_id] = len(items)
        new = dict(entry)
        for name, value in entry.items():
            if is_patch(kind, name, value):
                what = f"{singular} {item_id!r}" if isinstance(item_id, str) else f"this {singular}"
                merged.problems.append(
                    doc.problem(
                        (*path, name),
                        f"{what} is not in a base model, so '{name}' has no list to change: "
                        f"give a plain list instead of {{add, remove}}",
                        key=True,
                    )
                )
                del new[name]
        items.append(new)
        merged.origins[kind].append(ItemOrigin(doc, path))
        if kind == "phases":
            merged.phase_order.append(item_id if isinstance(item_id, str) else f"#{len(items)}")


def _remove(
    merged: Merged,
    doc: Document,
    removal: Any,
    positions: dict[str, dict[str, int]],
    lists: dict[str, list[Any]],
) -> None:
    if not isinstance(removal, dict):
        merged.problems.append(doc.problem(("remove",), "'remove' must be a mapping of lists"))
        return
    for kind, ids in removal.items():
        if kind not in ITEM_KINDS:
            message = f"unknown key {kind!r} in 'remove' (use {', '.join(ITEM_KINDS)})"
            merged.problems.append(doc.problem(("remove", kind), message, key=True))
            continue
        if not isinstance(ids, list):
            merged.problems.append(doc.problem(("remove", kind), f"'remove.{kind}' must be a list"))
            continue
        listed: dict[str, int] = {}
        for j, item_id in enumerate(ids):
            path: tuple[str | int, ...] = ("remove", kind, j)
            if isinstance(item_id, str) and item_id in listed:
                line = doc.where(("remove", kind, listed[item_id]))[0]
                message = f"{item_id!r} is listed twice in 'remove.{kind}' (first on line {line})"
                merged.problems.append(doc.problem(path, message))
                continue
            if isinstance(item_id, str):
                listed[item_id] = j
            if not isinstance(item_id, str) or item_id not in positions[kind]:
                choices = positions[kind]
                word = str(item_id)
                message = f"cannot remove: {unknown_id_message(SINGULAR[kind], word, choices)}"
                merged.problems.append(doc.problem(path, message))
                continue
            at = positions[kind].pop(item_id)
            entry = lists[kind].pop(at)
            del merged.origins[kind][at]
            for other, index in positions[kind].items():
                if index > at:
                    positions[kind][other] = index - 1
            merged.removed[kind][item_id] = (doc, path)
            if kind == "phases":
                nxt = entry.get("next")
                ok = isinstance(nxt, list) and all(isinstance(n, str) for n in nxt)
                spot = merged.phase_order.index(item_id)
                merged.phase_order[spot] = Tombstone(item_id, nxt if ok else None, doc, path)


# -- list patches: {add: [...], remove: [...]} on a base item's list field ------------------


@cache
def list_fields(kind: str) -> frozenset[str]:
    """The fields of an item kind whose value is a list (the ones a variant may patch)."""
    names = set()
    for name, info in OVERLAID_CLASSES[kind].model_fields.items():
        annotation = info.annotation
        if typing.get_origin(annotation) in (typing.Union, types.UnionType):
            options: tuple[Any, ...] = typing.get_args(annotation)
        else:
            options = (annotation,)
        if any(typing.get_origin(option) is list for option in options):
            names.add(name)
    return frozenset(names)


def is_patch(kind: str, name: str, value: Any) -> bool:
    """Whether ``value`` for field ``name`` of a ``kind`` item is an ``{add, remove}`` patch."""
    return (
        isinstance(value, dict)
        and name in list_fields(kind)
        and any(k in value for k in PATCH_KEYS)
    )


def _entry_key(entry: Any) -> str | None:
    """What identifies a list entry: an id or text, or a signal's (etc.) text."""
    if isinstance(entry, dict):
        entry = entry.get("text")
    return " ".join(entry.split()) if isinstance(entry, str) else None


def _closest(word: str, choices: list[str]) -> str | None:
    """The entry most like ``word`` (a near-miss id, a slightly different or a cut-off text)."""
    folded = word.casefold()
    for choice in choices:  # the first words of a long signal, copied by hand
        if len(folded) >= 12 and choice.casefold().startswith(folded):
            return choice
    by_lower = {c.casefold(): c for c in reversed(choices)}
    found = difflib.get_close_matches(folded, list(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _apply_patch(
    merged: Merged,
    doc: Document,
    kind: str,
    path: tuple[str | int, ...],
    target: dict[str, Any],
    origin: ItemOrigin,
) -> None:
    """Change ``target[name]`` (the base's list) by the patch at ``path`` in ``doc``."""
    name = str(path[-1])
    patch: dict[str, Any] = _fields_of(doc, path)
    item_id = target.get("id")
    who = f"{SINGULAR[kind]} {item_id!r}" if isinstance(item_id, str) else SINGULAR[kind]
    for step in patch:
        if step not in PATCH_KEYS:
            message = (
                f"{who}: unknown key {step!r} in the patch of {name!r}"
                f"{did_you_mean(str(step), PATCH_KEYS)} (use add, remove)"
            )
            merged.problems.append(doc.problem((*path, step), message, key=True))
    current = target.get(name)
    if current is None and kind == "phases" and name == "next":
        # An absent `next` means "the phase after it in the list", which only the resolved
        # sequence knows; patching it from [] would silently drop that successor.
        message = (
            f"{who} has no explicit 'next' in its base (it follows the list order), so there "
            "is no list to patch: give the whole 'next' list"
        )
        merged.problems.append(doc.problem(path, message))
        return
    if current is None:
        current = []
    elif isinstance(current, str):  # the one-string shorthand of text lists
        current = [current]
    if not isinstance(current, list):
        message = f"{who}: the base's {name!r} is not a list, so it cannot be patched"
        merged.problems.append(doc.problem(path, message))
        return
    values = list(current)
    spots = origin.entry_locations(name, target.get(name))
    for step in PATCH_KEYS:
        if step in patch and not isinstance(patch[step], list):
            message = f"{who}: '{name}.{step}' must be a list"
            merged.problems.append(doc.problem((*path, step), message))
    removals = patch.get("remove")
    for j, entry in enumerate(removals if isinstance(removals, list) else []):
        key = _entry_key(entry)
        keys = [_entry_key(v) for v in values]
        if key is None or key not in keys:
            shown = repr(_short(key)) if key is not None else "this entry"
            message = f"{who}: cannot remove {shown} from {name!r}: the base list does not have it"
            close = _closest(key, [k for k in keys if k is not None]) if key is not None else None
            if close is not None:
                message += f" (did you mean {_short(close, 160)!r}?)"
            merged.problems.append(doc.problem((*path, "remove", j), message))
            continue
        at = keys.index(key)
        del values[at]
        del spots[at]
    additions = patch.get("add")
    for j, entry in enumerate(additions if isinstance(additions, list) else []):
        key = _entry_key(entry)
        if key is not None and key in [_entry_key(v) for v in values]:
            message = (
                f"{who}: {_short(key)!r} is already in {name!r}; it is not added twice "
                f"(drop it from 'add')"
            )
            merged.problems.append(doc.problem((*path, "add", j), message, severity="warning"))
            continue
        values.append(entry)
        spots.append((doc, (*path, "add", j)))
    target[name] = values
    origin.fields[name] = (doc, path)
    origin.entries[name] = spots
