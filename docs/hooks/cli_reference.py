"""MkDocs hook: click's verbatim paragraphs kept verbatim in the generated CLI reference.

mkdocs-click copies each command's help text into the page as markdown. Click keeps a
paragraph marked with ``\\b`` as written (the examples, the list of export formats): a line
ending in a colon, then lines indented by two spaces. Markdown would run such a paragraph
into one line, so this preprocessor, run right after mkdocs-click's, turns each into a text
block, and the page shows the examples exactly as ``--help`` does. It acts only between the
markers around the ``::: mkdocs-click`` block, so the hand-written pages are left alone.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

START, END = "<!-- generated: cli -->", "<!-- /generated: cli -->"
MKDOCS_CLICK_PRIORITY = 141  # mkdocs-click registers its preprocessor at this priority
_INDENTED = re.compile(r"^  \S")


def fence_verbatim_paragraphs(lines: list[str]) -> list[str]:
    """A line ending in ':' followed by two-space-indented lines becomes a text block."""
    out: list[str] = []
    inside = fencing = False
    for number, line in enumerate(lines):
        if line.strip() in (START, END):
            inside = line.strip() == START
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if fencing and not _INDENTED.match(line):
            out.append("```")
            fencing = False
        starts = (
            inside
            and not fencing
            and line.endswith(":")
            and not line.startswith(("#", "*", "-", " "))
            and _INDENTED.match(following)
        )
        if starts:
            out.extend(["```text", line])
            fencing = True
            continue
        out.append(line)
    if fencing:
        out.append("```")
    return out


class _Verbatim(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return fence_verbatim_paragraphs(lines)


class VerbatimExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        verbatim = _Verbatim(md)
        md.preprocessors.register(verbatim, "barriers_click_verbatim", MKDOCS_CLICK_PRIORITY - 1)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(VerbatimExtension())
    return config
