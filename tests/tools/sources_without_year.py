"""List the web sources of the bundled models that give no publication year.

    python tests/tools/sources_without_year.py            # every bundled model
    python tests/tools/sources_without_year.py FILE ...   # the given model files

Reads each file's own `sources` (a variant's inherited sources are listed under its base),
prints `model  id  url` per source with a url and no year, and a count per model.
tests/test_bundled_models.py pins the total so that it can only shrink.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from barriers.loader import load_document

MODELS = Path(__file__).resolve().parents[2] / "models"


def without_year(path: Path) -> list[dict[str, Any]]:
    """The sources written in the file `path` (read by the project's loader, as a model is)
    that have a url and no year; tests/test_bundled_models.py counts them with this too."""
    data = load_document(path).data or {}
    return [s for s in data.get("sources", []) if s.get("url") and not s.get("year")]


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(MODELS.glob("loverboys-*.yaml"))
    total = 0
    for path in paths:
        missing = without_year(path)
        total += len(missing)
        for source in missing:
            print(f"{path.stem}\t{source['id']}\t{source['url']}")
        print(f"# {path.stem}: {len(missing)} without a year")
    print(f"# total: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
