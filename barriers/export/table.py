"""Moved to :mod:`barriers.analysis.matrix`; this name stays for code written against it."""

from __future__ import annotations

from barriers.analysis.matrix import (
    NO_MECHANISM,
    NO_TYPE,
    BarrierTable,
    TableGroup,
    TableRow,
    barrier_table,
)

__all__ = ["NO_MECHANISM", "NO_TYPE", "BarrierTable", "TableGroup", "TableRow", "barrier_table"]
