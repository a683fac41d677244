"""MkDocs hook: files the site shows but the repository keeps elsewhere, added at build time.

The map's screenshot lives in `outputs/` beside the committed maps (a test keeps those
current); the site takes that file rather than a copy that could go stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
ASSETS = {
    "img/map-first-view.png": ROOT / "outputs" / "map-first-view.png",
    "img/map-slide.png": ROOT / "outputs" / "map-slide.png",
}


def on_files(files: Files, config: Any) -> Files:
    for uri, path in ASSETS.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
