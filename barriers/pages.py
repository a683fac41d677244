"""What the report, the session report and the site's pages share: the environment of the
package's templates (``barriers/templates``) and the model's language as a ``lang`` tag.

>>> language_tag("en-GB"), language_tag('"><x'), language_tag(None)
('en-GB', 'nl', 'nl')
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from barriers.html import environment

if TYPE_CHECKING:
    from jinja2 import Environment

# a language tag as a lang attribute takes it: a 2-3 letter language, then short subtags
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def language_tag(language: str | None) -> str:
    """``language`` if it is a well-formed language tag (``nl``, ``en-GB``), else ``nl``."""
    tag = (language or "nl").strip()
    return tag if _LANGUAGE_TAG.fullmatch(tag) and len(tag) <= 35 else "nl"


def model_language(model: Any) -> str:
    """The model's language as a tag for a ``lang`` attribute (``nl`` when it gives none)."""
    return language_tag(getattr(model, "language", None))


@cache
def templates() -> Environment:
    """The Jinja environment of the page templates (:func:`barriers.html.environment` over
    ``barriers/templates``): autoescape on (model text is escaped once, there), undefined
    names an error, blocks trimmed."""
    return environment(Path(__file__).resolve().parent / "templates", trim=True)
