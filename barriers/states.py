"""The words of the local layer (states, dates), without pydantic: the analyses import them.

Local state of a barrier in one place, in the order people read them: present, half there,
coming, missing, irrelevant here, not yet known.
"""

from __future__ import annotations

import datetime
import re

INTERVENTION_STATES: tuple[str, ...] = (
    "in-place",
    "partial",
    "planned",
    "absent",
    "not-applicable",
    "unknown",
)
PARTNER_STATES: tuple[str, ...] = ("present", "absent", "unknown")
ACTION_STATES: tuple[str, ...] = ("open", "in-progress", "done", "dropped")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_date(value: str) -> str:
    """``value`` when it is a real date written YYYY-MM-DD; else ``ValueError`` that says so."""
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. '2026-11-20'")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date (YYYY-MM-DD)") from None
    return value
