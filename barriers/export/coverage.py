"""Moved to :mod:`barriers.analysis.matrix`; this name stays for code written against it."""

from __future__ import annotations

from barriers.analysis.matrix import CoverageMatrix, coverage_matrix

__all__ = ["CoverageMatrix", "coverage_matrix"]
