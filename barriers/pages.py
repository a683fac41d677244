"""What the report, the session report and the site's pages share: the environment of the
package's templates (``barriers/templates``), the model's language as a ``lang`` tag, a barrier
type or partner sector in the page's language (:func:`shown_term`), and the ``words`` filter
that draws our own sentences.

>>> language_tag("en-GB"), language_tag('"><x'), language_tag(None)
('en-GB', 'nl', 'nl')
>>> str(words("**{n}** partner(s), see `gaps --min {n}` & {name}", n=2, name="<i>"))
'<b>2</b> partner(s), see <code>gaps --min 2</code> &amp; &lt;i&gt;'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from barriers.html import environment

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jinja2 import Environment
    from markupsafe import Markup

    from barriers.vocabulary import Label, TermKind

# our sentences' markup: `code`, **bold** and {field}, as in the markdown they are written in
_INLINE = re.compile(r"`([^`]*)`|\*\*(.*?)\*\*|\{(\w+)\}")

_FIELD = re.compile(r"\{(\w+)\}")

# a language tag as a lang attribute takes it: a 2-3 letter language, then short subtags
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def language_tag(language: str | None) -> str:
    """``language`` if it is a well-formed language tag (``nl``, ``en-GB``), else ``nl``."""
    tag = (language or "nl").strip()
    return tag if _LANGUAGE_TAG.fullmatch(tag) and len(tag) <= 35 else "nl"


def model_language(model: Any) -> str:
    """The model's language as a tag for a ``lang`` attribute (``nl`` when it gives none)."""
    return language_tag(getattr(model, "language", None))


def marked_language(model: Any, lang: str) -> str:
    """The model's language tag where it is not the page's ``lang``, else "": what the
    templates call ``model_lang`` and mark the model's text with.

    >>> from types import SimpleNamespace as N
    >>> marked_language(N(language="nl"), "en"), marked_language(N(language="nl"), "nl")
    ('nl', '')
    """
    tag = model_language(model)
    return tag if tag != lang else ""


def shown_term(model: Any, kind: TermKind, term: str, lang: str) -> Label:
    """A barrier type or partner sector (``kind`` ``types`` or ``sectors``) as a page in ``lang``
    shows it: its label in ``lang`` from the model's vocabulary, else the term as written; the
    label's ``lang`` is a tag for a ``lang`` attribute (the model's, checked, for the term as
    written). Every page that shows a type or sector takes it from here.

    >>> from barriers.model import Model
    >>> model = Model.model_validate({
    ...     "id": "m", "title": "M", "phases": [{"id": "p", "name": "P"}],
    ...     "vocabulary": {"types": {"zorg": {"en": "care"}}}})
    >>> shown_term(model, "types", "zorg", "en"), shown_term(model, "types", "preventie", "en")
    (Label(text='care', lang='en'), Label(text='preventie', lang='nl'))
    """
    from barriers.vocabulary import Label, term_label

    label = term_label(model, kind, term, lang)
    if label.lang is not None and label.lang != getattr(model, "language", None):
        return label  # the vocabulary's, in ``lang`` or a regional form of it (a valid code)
    return Label(label.text, model_language(model))


def by_label(labels: Iterable[Label]) -> list[int]:
    """The positions of ``labels`` in the order a page lists them: by their text, case
    folded; labels that read the same keep their order.

    >>> from barriers.vocabulary import Label
    >>> by_label([Label("zorg", "nl"), Label("Aftercare", "en"), Label("care", "en")])
    [1, 2, 0]
    >>> by_label([Label("care", "en"), Label("Ärger", "de")])
    [1, 0]
    """
    listed = list(labels)
    return sorted(range(len(listed)), key=lambda n: _sort_key(listed[n].text))


def _sort_key(text: str) -> tuple[str, str]:
    """Letters before their accents: "Ärger" by "arger", then as written (a stable order)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return bare.casefold(), text


@cache
def templates() -> Environment:
    """The Jinja environment of the page templates (:func:`barriers.html.environment` over
    ``barriers/templates``): autoescape on (model text is escaped once, there), undefined
    names an error, blocks trimmed."""
    env = environment(Path(__file__).resolve().parent / "templates", trim=True)
    env.filters["words"] = words
    return env


def words(sentence: str, **fields: object) -> Markup:
    """One of the pages' own sentences (written in markdown, so the markdown report says it as
    is) as HTML: `` `code` `` and ``**bold**`` become ``<code>`` and ``<b>``, ``{field}`` the
    value given (escaped, unless a template made it), every other character escaped."""
    from markupsafe import Markup, escape

    out: list[Markup] = []
    end = 0
    for found in _INLINE.finditer(sentence):
        out.append(escape(sentence[end : found.start()]))
        code, bold, field = found.groups()
        if code is not None:
            out.append(Markup("<code>%s</code>") % _code(code, fields))
        elif bold is not None:
            out.append(Markup("<b>%s</b>") % words(bold, **fields))
        else:
            out.append(escape(fields[field]))
        end = found.end()
    out.append(escape(sentence[end:]))
    return Markup("").join(out)


def _code(code: str, fields: dict[str, object]) -> Markup:
    """The inside of a `` `code` `` part: each piece, ours or a field's value, escaped once
    (a value a template made as Markup stays as it is, as outside code)."""
    from markupsafe import Markup, escape

    pieces = _FIELD.split(code)  # text, field name, text, ...
    return Markup("").join(
        escape(fields[piece]) if n % 2 else escape(piece) for n, piece in enumerate(pieces)
    )
