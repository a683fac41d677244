"""A model's terms in the reader's language: barrier types and partner sectors.

Types and sectors are free text the model's author chooses; the model's ``vocabulary`` gives
them labels in other languages (:class:`barriers.model.Vocabulary`). A page in another
language shows a term's label in that language, and the term as written where the vocabulary
has none, marked with the model's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from barriers.model import Model

TermKind = Literal["types", "sectors"]
TERM_KINDS: tuple[TermKind, ...] = ("types", "sectors")


@dataclass(frozen=True)
class Label:
    """A term as a page shows it, and the language it is in (``None``: not known)."""

    text: str
    lang: str | None


def term_label(model: Model, kind: TermKind, term: str, lang: str) -> Label:
    """``term`` (a barrier type or a partner sector of ``model``) in the language ``lang``.

    >>> model = Model.model_validate({
    ...     "id": "m", "title": "M", "language": "nl", "phases": [{"id": "p", "name": "P"}],
    ...     "vocabulary": {"types": {"zorg": {"en": "care"}}}})
    >>> term_label(model, "types", "zorg", "en")
    Label(text='care', lang='en')
    >>> term_label(model, "types", "preventie", "en")
    Label(text='preventie', lang='nl')

    A label in a regional form of the language (``en-GB``) is shown where the language has
    none of its own.
    """
    vocabulary = model.vocabulary
    labels = getattr(vocabulary, kind).get(term, {}) if vocabulary is not None else {}
    if lang in labels:
        return Label(labels[lang], lang)
    # a label for a regional form of the language (en-GB on an 'en' page), the first by code
    regional = sorted(code for code in labels if code.split("-")[0] == lang.split("-")[0])
    if regional:
        return Label(labels[regional[0]], regional[0])
    return Label(term, model.language)
