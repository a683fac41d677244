"""The Nu Html Checker (npm's vnu-jar on Debian's Java), as the HTML-validity tests run it.

``.ci/run`` installs it into /tmp/barriers-vnu (outside the repository). Under CI a missing
checker fails with what to install; elsewhere the tests skip with the same words.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

VNU_DEFAULT = Path("/tmp/barriers-vnu/node_modules/vnu-jar/build/dist/vnu.jar")
INSTALL = (
    "apt-get install default-jre-headless; "
    "npm install --ignore-scripts --prefix /tmp/barriers-vnu vnu-jar "
    "(or set BARRIERS_VNU_JAR to a vnu.jar)"
)


def vnu_jar() -> Path:
    """The checker's jar; fails under CI, skips elsewhere, when it or java is missing."""
    jar = Path(os.environ.get("BARRIERS_VNU_JAR", VNU_DEFAULT))
    if jar.is_file() and shutil.which("java") is not None:
        return jar
    message = f"no Nu Html Checker at {jar} (or no java): install it as .ci/run does: {INSTALL}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def html_errors(files: list[Path]) -> list[str]:
    """Every error the checker finds in ``files``, as ``file:line: message``."""
    run = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    return [
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
