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

    >>> from barriers.model import Vocabulary
    >>> model = Model.model_validate({
    ...     "id": "m", "title": "M", "language": "nl", "phases": [{"id": "p", "name": "P"}],
    ...     "vocabulary": {"types": {"zorg": {"en": "care"}}}})
    >>> term_label(model, "types", "zorg", "en")
    Label(text='care', lang='en')
    >>> term_label(model, "types", "preventie", "en")
    Label(text='preventie', lang='nl')
    """
    vocabulary = model.vocabulary
    labels = getattr(vocabulary, kind).get(term, {}) if vocabulary is not None else {}
    if lang in labels:
        return Label(labels[lang], lang)
    return Label(term, model.language)


def term_languages(model: Model) -> list[str]:
    """The languages the vocabulary has labels in, sorted."""
    vocabulary = model.vocabulary
    if vocabulary is None:
        return []
    found = {
        lang
        for kind in TERM_KINDS
        for labels in getattr(vocabulary, kind).values()
        for lang in labels
    }
    return sorted(found)
