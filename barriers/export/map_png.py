"""The map poster as PNG: the map SVG converted like the matrix PNG (rsvg-convert, else a
headless Chromium; without either, the export says what to install)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from barriers.export import ExportOptions, map_svg
from barriers.export.matrix_png import _run, chromium_png, converter
from barriers.model import Model
from barriers.problems import BarriersError

DPI = 120


def render(model: Model, options: ExportOptions) -> bytes:
    """The PNG bytes of the poster."""
    svg = map_svg.render(model, options)
    tool = converter()
    if tool is None:
        raise BarriersError(
            "map-png needs rsvg-convert (Debian/Ubuntu: apt install librsvg2-bin) or "
            "Chromium on the PATH (or BARRIERS_CHROMIUM=/path/to/chrome); "
            "export --to map-svg works without either"
        )
    name, path = tool
    if name == "rsvg-convert":
        return _run([path, "-f", "png", "-d", str(DPI), "-p", str(DPI)], svg.encode())
    size = re.search(r'width="([\d.]+)mm" height="([\d.]+)mm"', svg)
    assert size is not None  # the poster always says its size
    width, height = (round(float(v) / 25.4 * 96) for v in size.groups())
    with tempfile.TemporaryDirectory(prefix="barriers-png-") as folder:
        return chromium_png(path, svg, (width, height), DPI, Path(folder), "the map")
