"""Writing models as readable YAML: keys in the format's order, short id lists inline."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    pass


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    short = all(isinstance(v, str) and len(v) <= 40 and "\n" not in v for v in data)
    flow = bool(data) and short and sum(len(v) for v in data) <= 70
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


# Line breaks to YAML besides \n: in a plain, quoted or block scalar each is read back as a
# line break (folded to a space, or \n); only the double-quoted style escapes them.
_OTHER_BREAKS = frozenset("\r\x85\u2028\u2029")


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style: str | None
    if not _OTHER_BREAKS.isdisjoint(data):
        style = '"'  # written as \r, \N, \L, \P: read back as the characters they are
    elif "\n" in data.strip("\n") and not data.endswith((" ", "\n\n")):
        style = "|"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _list)
_Dumper.add_representer(str, _str)


def scalar_text(value: bool | int | float | None) -> str:
    """One scalar as :func:`dump_model` writes it (``2.0``, ``-0.0``, ``1.0e+20``)."""
    return yaml.dump(value, Dumper=_Dumper).removesuffix("\n...\n")


def dump_model(data: dict[str, Any], header: str = "") -> str:
    """A model's plain data as YAML that ``barriers`` reads back to the same data."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return header + body
