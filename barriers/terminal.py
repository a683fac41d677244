"""Text for a terminal: characters that would act on it instead of being shown are escaped.

A model's text reaches the terminal in tables, in ``show`` and in problem messages. ESC
starts control sequences (clear the screen, set the window title, OSC 8 hyperlinks), NUL
and the other C0 and C1 controls move the cursor or are eaten, and the bidirectional
controls reorder what follows (a name can look like another). Each is shown as a Python
escape (``\\x1b``, ``\\u202e``), so what is printed is what the file holds.
"""

from __future__ import annotations

import re

# C0 (but tab and line feed, which layout handles), DEL, C1, and the bidi controls:
# ALM, LRM/RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control and bidi character written as an escape.

    >>> visible("Werving\\x1b]0;pwned\\x07")
    'Werving\\\\x1b]0;pwned\\\\x07'
    """
    return _ACTIVE.sub(_escape, text)
