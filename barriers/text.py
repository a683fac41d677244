"""Text made safe for each kind of output: XML, markdown, CSV cells, mermaid labels."""

from __future__ import annotations

import re

# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; a model may hold them
# through YAML escapes ("\e"), and one of them makes the whole file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MARKDOWN_LINE_START = re.compile(r"^([#+=-])")
_MARKDOWN_ORDERED = re.compile(r"^(\d+)([.)])")


def xml_safe(text: str) -> str:
    """``text`` with characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def first_bad_xml_char(text: str) -> str | None:
    match = _NOT_XML.search(text)
    return match.group(0) if match else None


def one_line(text: str) -> str:
    """Runs of white space (line breaks included) as one space."""
    return " ".join(text.split())


def csv_cell(text: str) -> str:
    """A CSV cell that spreadsheets will not run as a formula (OWASP: prefix a quote)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_uncell(text: str) -> str:
    """The text :func:`csv_cell` guarded."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def md_text(text: str) -> str:
    """Inline markdown text: one line, every character markdown or HTML acts on escaped.

    Markup characters get a backslash, ``&`` becomes ``&amp;`` (no entities), and a start
    that would make a heading or a list item is escaped too.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text).replace("&", "&amp;"))
    escaped = _MARKDOWN_ORDERED.sub(r"\1\\\2", escaped)
    return _MARKDOWN_LINE_START.sub(r"\\\1", escaped)


# In a markdown link destination ``<...>`` these end it or escape its end; percent-encoded
# they mean the same address (RFC 3986) and the link holds.
_URL_ENCODE = {c: f"%{ord(c):02X}" for c in '<>\\ "`'}


def md_link(text: str, url: str | None) -> str:
    """A markdown link to an http(s) ``url`` (the text alone for any other address).

    ``text`` is escaped as :func:`md_text` does; the address is written between ``<>`` with
    the characters that could end it percent-encoded, so a URL ending in ``\\`` or holding
    ``>`` still makes a link, and one with ``javascript:`` never does.
    """
    shown = md_text(text)
    if not url or not url.startswith(("https://", "http://")):
        return shown
    safe = "".join(_URL_ENCODE.get(c, c) if c.isprintable() else f"%{ord(c):02X}" for c in url)
    return f"[{shown}](<{safe}>)"


def mermaid_label(text: str) -> str:
    """Text for a quoted mermaid label: specials as ``#NN;`` entity codes, one line."""
    safe = []
    for char in one_line(text):
        if char.isalnum() or char in " .,:;'?-/":
            safe.append(char)
        else:
            safe.append(f"#{ord(char)};")
    return "".join(safe)
