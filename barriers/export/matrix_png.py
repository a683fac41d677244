"""The barrier table as PNG: the matrix SVG converted by a tool found on this machine.

``rsvg-convert`` (librsvg) is used when installed, else a headless Chromium
(``chromium``, ``chromium-browser``, ``google-chrome``; or ``BARRIERS_CHROMIUM`` naming
one). Without either, the export fails and says what to install. The image is 144 dpi,
all pages one below the other.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from barriers.export import ExportOptions, matrix_svg
from barriers.model import Model
from barriers.problems import BarriersError

DPI = 144
TIMEOUT = 180  # seconds
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def render(model: Model, options: ExportOptions) -> bytes:
    """The PNG bytes of the barrier table."""
    svg = matrix_svg.render(model, options)
    pages = svg.count('<g id="page-')
    tool = converter()
    if tool is None:
        raise BarriersError(
            "matrix-png needs rsvg-convert (Debian/Ubuntu: apt install librsvg2-bin) or "
            "Chromium on the PATH (or BARRIERS_CHROMIUM=/path/to/chrome); "
            "export --to matrix-svg works without either"
        )
    name, path = tool
    with tempfile.TemporaryDirectory(prefix="barriers-png-") as folder:
        work = Path(folder)
        if name == "rsvg-convert":
            return _run([path, "-f", "png", "-d", str(DPI), "-p", str(DPI)], svg.encode())
        return _chromium(path, svg, pages, work)


def converter() -> tuple[str, str] | None:
    """(kind, path) of the converter to use, or ``None`` when there is none."""
    rsvg = shutil.which("rsvg-convert")
    if rsvg:
        return "rsvg-convert", rsvg
    chosen = os.environ.get("BARRIERS_CHROMIUM")
    if chosen:
        return "chromium", chosen
    for name in CHROMIUMS:
        found = shutil.which(name)
        if found:
            return "chromium", found
    return None


def _chromium(path: str, svg: str, pages: int, work: Path) -> bytes:
    width = round(matrix_svg.PAGE_W / 25.4 * 96)
    height = round(matrix_svg.PAGE_H / 25.4 * 96) * max(pages, 1)
    return chromium_png(path, svg, (width, height), DPI, work, "the barrier table")


def chromium_png(
    path: str, svg: str, size: tuple[int, int], dpi: int, work: Path, what: str
) -> bytes:
    """``svg`` as PNG by the headless Chromium at ``path``: a window of ``size`` CSS pixels,
    drawn at ``dpi``, in the scratch folder ``work`` (``what`` names it in errors)."""
    source = work / "drawing.svg"
    source.write_text(svg, encoding="utf-8")
    target = work / "drawing.png"
    width, height = size
    command = [
        path,
        "--headless",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        "--default-background-color=ffffffff",
        f"--user-data-dir={work / 'profile'}",
        f"--force-device-scale-factor={dpi / 96}",
        f"--window-size={width},{height}",
        f"--screenshot={target}",
        source.as_uri(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    _run(command, b"")
    if not target.is_file():
        raise BarriersError(f"{path} made no PNG of {what}")
    return target.read_bytes()


def _run(command: list[str], stdin: bytes) -> bytes:
    try:
        done = subprocess.run(
            command, input=stdin, capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BarriersError(f"could not convert the SVG with {command[0]}: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise BarriersError(
            f"{command[0]} failed (exit {done.returncode}) converting the SVG: {detail[0]}"
        )
    return done.stdout
