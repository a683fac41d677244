"""What one model changes against another (a variant against its base)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from barriers.protocols import ModelLike

DIFF_KINDS = ("phases", "partners", "interventions")
# Lists of ids whose order carries no meaning: compared as sets.
_UNORDERED = {"next", "phases", "partners", "sources"}


class Changed(TypedDict):
    id: str
    fields: list[str]


class KindDiff(TypedDict):
    added: list[str]
    removed: list[str]
    changed: list[Changed]


def diff(a: ModelLike, b: ModelLike) -> dict[str, KindDiff]:
    """What model ``b`` changes against ``a``: per kind (phases, partners, interventions)
    ``added`` and ``removed`` ids and ``changed`` ``[{id, fields}]``, all sorted by id.

    Lists of ids (``next``, ``phases``, ``partners``, ``sources``) are compared as sets.
    """
    result: dict[str, KindDiff] = {}
    for kind in DIFF_KINDS:
        old = {item.id: _comparable(item.model_dump(mode="json")) for item in getattr(a, kind)}
        new = {item.id: _comparable(item.model_dump(mode="json")) for item in getattr(b, kind)}
        changed: list[Changed] = []
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
