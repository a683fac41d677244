"""A model's checklist and a place's answers to it: what is open, and which barriers would help.

A model may carry a ``checklist`` (themes of policy questions, each question linked to the
barriers it is about); a local profile answers it (``checklist_answers``). A question is
*open* when the place answered it ``no`` or ``partly`` and not every barrier it is about is in
place here (local state ``in-place`` or ``partial``); its *candidates* are those linked
barriers that are not. A question without an answer counts as ``unknown``.

>>> from barriers import load_model
>>> answer = checklist(load_model("tests/data/example-profile.yaml").model)
>>> answer["counts"]
{'yes': 1, 'partly': 1, 'no': 1, 'unknown': 0}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from barriers.protocols import ModelLike

ANSWERS: tuple[str, ...] = ("yes", "partly", "no", "unknown")
IN_PLACE: tuple[str, ...] = ("in-place", "partial")


class QuestionAnswer(TypedDict):
    id: str
    text: str
    answer: str
    note: str | None
    interventions: list[str]


class ThemeAnswer(TypedDict):
    id: str
    name: str
    questions: list[QuestionAnswer]


class ChecklistAnswer(TypedDict):
    """The JSON API of ``barriers checklist``."""

    themes: list[ThemeAnswer]  # in the model's order
    counts: dict[str, int]  # per answer, every answer present
    open: list[str]  # question ids, in checklist order
    candidates: dict[str, list[str]]  # open question id -> linked barriers not in place


def local_state(item: Any) -> str:
    """An intervention's local state; ``unknown`` where none is recorded."""
    local = getattr(item, "local", None)
    state = getattr(local, "state", None) if local is not None else None
    return state if isinstance(state, str) else "unknown"


def checklist(model: ModelLike) -> ChecklistAnswer:
    """The checklist of a resolved model with the place's answers (see the module)."""
    answers = model.checklist_answers or {}
    in_place = {i.id for i in model.interventions if local_state(i) in IN_PLACE}
    counts = dict.fromkeys(ANSWERS, 0)
    themes: list[ThemeAnswer] = []
    still_open: list[str] = []
    candidates: dict[str, list[str]] = {}
    for theme in model.checklist:
        questions: list[QuestionAnswer] = []
        for question in theme.questions:
            given = answers.get(question.id)
            answer = str(given.answer) if given is not None else "unknown"
            note = given.note if given is not None else None
            counts[answer] += 1
            links = list(question.interventions)
            questions.append(
                {
                    "id": question.id,
                    "text": question.text,
                    "answer": answer,
                    "note": note,
                    "interventions": links,
                }
            )
            missing = [i for i in links if i not in in_place]
            if answer in ("no", "partly") and (missing or not links):
                still_open.append(question.id)
                candidates[question.id] = missing
        themes.append({"id": theme.id, "name": theme.name, "questions": questions})
    return {"themes": themes, "counts": counts, "open": still_open, "candidates": candidates}


ANSWER_WORDS: dict[str, dict[str, str]] = {
    "en": {"yes": "yes", "partly": "partly", "no": "no", "unknown": "unknown"},
    "nl": {"yes": "ja", "partly": "deels", "no": "nee", "unknown": "onbekend"},
}


def checklist_rows(model: ModelLike, answer: ChecklistAnswer) -> list[list[Any]]:
    """One row per question: theme, question id, text, answer, note, open, candidate names."""
    names = {i.id: i.name for i in model.interventions}
    rows: list[list[Any]] = []
    for theme in answer["themes"]:
        for question in theme["questions"]:
            qid = question["id"]
            rows.append(
                [
                    theme["name"],
                    qid,
                    question["text"],
                    question["answer"],
                    question["note"] or "",
                    "open" if qid in answer["candidates"] else "",
                    [names.get(i, i) for i in answer["candidates"].get(qid, [])],
                ]
            )
    return rows
