"""YAML in, strictly: safe loader only, line marks kept, every YAML trap refused.

The loader turns a file into plain data (dicts, lists, scalars) and keeps the composed node
tree so that any later problem can point at ``FILE:LINE:COL`` without the cost of storing a
mark for every value.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import math
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from barriers.problems import ModelError, Problem, display_path

try:  # libyaml's C parser is about 3.5 times faster; fall back to pure Python without it.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 40
MAX_ALIAS_EXPANSION = 100_000

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_YAML_TYPE_NAMES = {
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "bool": "a boolean",
    _TAG + "null": "null",
    _TAG + "timestamp": "a date",
}
_constructor = yaml.constructor.SafeConstructor()
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One parsed YAML file: its plain data and the node tree that knows where things are."""

    path: Path
    display: str
    data: Any
    root: yaml.Node | None
    sha256: str = ""  # of the bytes that were parsed (the model cache keys on it)
    text: str = ""  # the source, for finding aliases when a problem is reported
    _alias_marks: dict[tuple[str | int, ...], tuple[int, int]] | None = None

    def node_at(self, path: Sequence[str | int], *, key: bool = False) -> yaml.Node | None:
        """The deepest node on ``path`` (the key node of the last step when ``key``)."""
        node = self.root
        for i, step in enumerate(path):
            if isinstance(node, yaml.MappingNode):
                pair = next((kv for kv in node.value if kv[0].value == step), None)
                if pair is None:
                    return node
                node = pair[0] if key and i == len(path) - 1 else pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return node
                node = node.value[step]
            else:
                return node
        return node

    def where(self, path: Sequence[str | int] = (), *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of its key when ``key``.

        A value that is a YAML alias (``*name``) is placed at the alias, not at its anchor.
        """
        alias = self._alias_at(tuple(path)) if not key else None
        if alias is not None:
            return alias
        node = self.node_at(path, key=key)
        if node is None:
            return (1, 1)
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _alias_at(self, path: tuple[str | int, ...]) -> tuple[int, int] | None:
        """Where the first alias on ``path`` was written, if the path goes through one."""
        if "*" not in self.text:
            return None  # no alias anywhere: the usual case costs one search
        if self._alias_marks is None:
            self._alias_marks = _alias_marks(self.text)
        for end in range(1, len(path) + 1):
            mark = self._alias_marks.get(path[:end])
            if mark is not None:
                return mark
        return self._alias_marks.get(()) if not path else None

    def problem(
        self,
        path: Sequence[str | int],
        message: str,
        *,
        key: bool = False,
        severity: Any = "error",
    ) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.display, line, column, message, severity)

    def raw(self, path: Sequence[str | int]) -> str | None:
        """The scalar's text as written in the file (``no`` for a value YAML read as False)."""
        node = self.node_at(path)
        if isinstance(node, yaml.ScalarNode):
            return str(node.value)
        return None

    def yaml_type(self, path: Sequence[str | int]) -> str | None:
        """What YAML made of the scalar at ``path`` ('a boolean', 'a date', ...), if not text."""
        node = self.node_at(path)
        if isinstance(node, yaml.ScalarNode):
            return _YAML_TYPE_NAMES.get(node.tag)
        return None


def read_text(path: Path, display: str | None = None) -> str:
    """The file as text: UTF-8 (a BOM is allowed), or a one-line problem."""
    shown = display or display_path(path)
    return decode(read_bytes(path, shown), shown)


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a regular file within the size limit, or a one-line problem."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            raise _fail(shown, 1, 1, "not a regular file (a device, pipe or socket)")
        with path.open("rb") as handle:  # never more than the limit, whatever stat said
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            size = max(info.st_size, len(raw))
            raise _fail(
                shown, 1, 1, f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})"
            )
    except IsADirectoryError:
        raise _fail(shown, 1, 1, "is a folder, not a model file") from None
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            raise _fail(shown, 1, 1, f"a symbolic link to a missing file ({target})") from None
        raise _fail(shown, 1, 1, "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _fail(shown, 1, 1, "a loop of symbolic links, not a model file") from None
        raise _fail(shown, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    return raw


def decode(raw: bytes, shown: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail(shown, 1, 1, "file is UTF-16; save it as UTF-8")
    if b"\x00" in raw[:8192]:
        raise _fail(shown, 1, 1, "binary file, not a YAML model (it contains NUL bytes)")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(raw[: exc.start].decode("utf-8", "replace"))
        raise _fail(
            shown, line, column, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None


def load_document(path: Path, display: str | None = None) -> Document:
    """Parse one YAML file into a :class:`Document`; raise :class:`ModelError` on any problem."""
    shown = display or display_path(path)
    raw = read_bytes(path, shown)
    doc = parse_document(decode(raw, shown), path, shown)
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    return doc


def parse_document(text: str, path: Path, shown: str) -> Document:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _yaml_message(exc)
        if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            message += " (a tab: YAML indents with spaces only)"
        raise _fail(shown, line, column, message) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts this position in UTF-8 bytes; the pure-Python reader in characters
        if _Loader.__name__.startswith("C"):
            before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
        else:  # pragma: no cover - depends on the PyYAML build
            before = text[: exc.position]
        line, column = _line_column(before)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"character U+{ord(char):04X} is not allowed in YAML (a control character)"
        raise _fail(shown, line, column, message) from None
    except yaml.YAMLError as exc:
        raise _fail(shown, 1, 1, f"YAML error: {exc}") from None
    except RecursionError:
        raise _fail(shown, 1, 1, f"nesting is deeper than {MAX_DEPTH} levels") from None
    if root is None:
        raise _fail(shown, 1, 1, "file is empty: a model needs at least id, title and phases")
    doc = Document(path, shown, None, root, text=text)
    walker = _Walker(doc)
    data = walker.walk(root, 0)
    if walker.problems:
        raise ModelError(walker.problems)
    if not isinstance(data, dict):
        raise ModelError(
            [doc.problem((), "a model must be a mapping of keys (id, title, phases, ...)")]
        )
    doc.data = data
    return doc


class _Walker:
    """Node tree to plain data, refusing duplicate keys, foreign tags, aliases bombs, depth."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.done: dict[int, tuple[Any, int]] = {}
        self.open: set[int] = set()  # collections being walked: met again, an alias recurses
        self.expanded = 0

    def fail(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.doc.display, mark.line + 1, mark.column + 1, message))

    def walk(self, node: yaml.Node, depth: int) -> Any:
        return self._walk(node, depth)[0]

    def _walk(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node), 1
        seen = self.done.get(id(node))
        if seen is not None:  # an alias: reuse the value, but count what it stands for
            self.expanded += seen[1]
            if self.expanded > MAX_ALIAS_EXPANSION:
                self.fail(node, "YAML aliases expand to too much data (an alias bomb?)")
                raise ModelError(self.problems)
            return seen
        if id(node) in self.open:
            self.fail(
                node,
                "recursive YAML alias: this anchored value contains an alias of itself, "
                "so it never ends; write the value out",
            )
            raise ModelError(self.problems)
        if depth >= MAX_DEPTH:
            self.fail(node, f"nesting is deeper than {MAX_DEPTH} levels")
            raise ModelError(self.problems)
        # PyYAML's resolver leaves the tag None when its node classes were imported twice
        # (seen under coverage tracing): an untagged collection is a plain one.
        if node.tag is not None and node.tag not in (_TAG + "seq", _TAG + "map"):
            self.fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
            return None, 1
        size = 1
        result: Any
        self.open.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            result = []
            for child in node.value:
                value, n = self._walk(child, depth + 1)
                result.append(value)
                size += n
        else:
            result = {}
            first: dict[str, yaml.Node] = {}
            for key_node, value_node in node.value:
                key = self._key(key_node)
                value, n = self._walk(value_node, depth + 1)
                size += n
                if key is None:
                    continue
                if key in first:
                    line = first[key].start_mark.line + 1
                    self.fail(key_node, f"duplicate key {key!r} (first given on line {line})")
                    continue
                first[key] = key_node
                result[key] = value
        self.open.discard(id(node))
        self.done[id(node)] = (result, size)
        return result, size

    def _key(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, "a mapping key must be plain text")
            return None
        if node.tag == _TAG + "merge":
            self.fail(node, "YAML merge keys (<<) are not supported; write the keys out")
            return None
        if node.tag is not None and node.tag not in _SCALAR_TAGS:
            self.fail(node, f"YAML tag {_short_tag(node.tag)} is not allowed")
            return None
        return str(node.value)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _TAG + "str" or tag is None:
            return node.value
        if tag not in _SCALAR_TAGS:
            self.fail(node, f"YAML tag {_short_tag(tag)} is not allowed")
            return None
        try:
            value = _constructor.yaml_constructors[tag](_constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return node.value  # e.g. a date like 2024-02-31: keep the text, types decide
        except Exception:
            self.fail(node, f"YAML cannot read {node.value!r} as {_short_tag(tag)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(
                node,
                f"YAML reads {node.value!r} as {value}, which no model field can "
                f"hold; put it in quotes: '{node.value}'",
            )
            return None
        return value


def _alias_marks(text: str) -> dict[tuple[str | int, ...], tuple[int, int]]:
    """The path (keys and indexes) of every alias in ``text`` and its 1-based line, column.

    Read from the event stream, which still has the aliases the composed tree has merged
    into their anchors; only called when a problem is reported in a file with a ``*``.
    """
    marks: dict[tuple[str | int, ...], tuple[int, int]] = {}
    # each open collection: [path, is_mapping, next index or pending key, expecting a key]
    stack: list[list[Any]] = []

    def here() -> tuple[str | int, ...] | None:
        """The path of the value the next event is, or None for a mapping key."""
        if not stack:
            return ()
        frame = stack[-1]
        if frame[1]:
            return None if frame[3] else (*frame[0], frame[2])
        return (*frame[0], frame[2])

    def done_value() -> None:
        if stack:
            frame = stack[-1]
            if frame[1]:
                frame[3] = not frame[3]
            else:
                frame[2] += 1

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                spot = here()
                if spot is None:  # a mapping key
                    stack[-1][2] = event.value if isinstance(event, yaml.ScalarEvent) else "*"
                    stack[-1][3] = False
                    continue
                mark = event.start_mark
                if isinstance(event, yaml.AliasEvent) and mark is not None:
                    marks.setdefault(spot, (mark.line + 1, mark.column + 1))
                done_value()
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                spot = here()
                if spot is None:  # a collection as a key: refused elsewhere; not followed
                    spot = (*stack[-1][0], "?")
                    stack[-1][3] = False
                mapping = isinstance(event, yaml.MappingStartEvent)
                stack.append([spot, mapping, 0 if not mapping else None, mapping])
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                stack.pop()
                done_value()
    except yaml.YAMLError:
        pass
    return marks


def _line_column(before: str) -> tuple[int, int]:
    """1-based line and column just after ``before`` (YAML's line breaks, NEL and U+2028/9 included)."""
    lines = _BREAKS.split(before)
    return len(lines), len(lines[-1]) + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    text = "; ".join(parts) if parts else "YAML syntax error"
    if "nesting depth" in text:
        text += " (absurdly deep nesting)"
    return f"YAML syntax error: {text}"


def _fail(shown: str, line: int, column: int, message: str) -> ModelError:
    return ModelError([Problem(shown, line, column, message)])
