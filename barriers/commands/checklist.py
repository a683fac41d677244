"""``barriers checklist``: a model's checklist with a place's answers, and what is still open."""

from __future__ import annotations

import click

from barriers.commands._common import (
    emit,
    format_option,
    load_to_read,
    model_argument,
    output_option,
)
from barriers.formats import render


@click.command(short_help="The checklist, its answers and what is open.")
@model_argument()
@format_option()
@output_option()
def checklist(model: str, fmt: str, output: str) -> None:
    """The model's checklist with the answers a local profile gives, and what is still open.

    A question is open when it is answered no or partly and not every barrier it is about is
    in place here (local state in-place or partial); its candidates are the barriers it is
    about that are not. Unanswered questions count as unknown.

    JSON: {themes: [{id, name, questions: [{id, text, answer, note, interventions}]}],
    counts: {yes, partly, no, unknown}, open: [question ids], candidates: {question id:
    [intervention ids]}}.

    \b
    Example:
      barriers checklist loverboys-general
      barriers checklist my-municipality.yaml --format md -o checklist.md
    """
    from barriers.analysis.checklist import ANSWERS, checklist_rows
    from barriers.analysis.checklist import checklist as answer_checklist

    m = load_to_read(model).model
    data = answer_checklist(m)
    rows = checklist_rows(m, data)
    if fmt == "csv":  # ids for other programs
        for row in rows:
            row[-1] = data["candidates"].get(row[1], [])
        headers = ["theme", "question", "text", "answer", "note", "open", "candidates"]
        emit(render(fmt, data, headers, rows), output)
        return
    headers = ["Theme", "Id", "Question", "Answer", "Note", "Open", "Candidate barriers"]
    text = render(fmt, data, headers, rows, title=f"Checklist: {m.title}")
    if fmt in ("table", "md"):
        counts = ", ".join(f"{data['counts'][a]} {a}" for a in ANSWERS)
        total = sum(data["counts"].values())
        lines = [
            f"{total} question(s): {counts}.",
            f"Open (answered no or partly, a barrier it is about not in place): "
            f"{len(data['open'])}.",
        ]
        unknown = data["counts"]["unknown"]
        if unknown:  # "Open: 0" alone reads as "nothing left to do" before anyone answered
            lines.append(f"Not answered yet: {unknown} of {total}.")
        if not total:
            lines = ["This model has no checklist."]
        text += "\n" + "\n".join(lines) + "\n"
    emit(text, output)
