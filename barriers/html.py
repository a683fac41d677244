"""The one Jinja environment the HTML pages are rendered with (the map, and through
:mod:`barriers.pages` the report, the session report and the site): autoescape on, so model text is escaped once, and undefined
names as errors, so a missing value never renders as an empty string.

>>> from pathlib import Path
>>> env = environment(Path(__file__).parent / "map" / "assets")
>>> env.from_string("<p>{{ text }}</p>").render(text="<b>&</b>")
'<p>&lt;b&gt;&amp;&lt;/b&gt;</p>'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment


def environment(folder: Path | str, *, trim: bool = False) -> Environment:
    """An environment over the templates in ``folder`` (partials included by name); with
    ``trim``, block tags take their line's white space with them (templates written one tag
    a line)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=trim,
        lstrip_blocks=trim,
    )
