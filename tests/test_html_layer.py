"""One HTML layer: the map and the site make their markup in Jinja templates only.

Python modules that render pages hand their templates plain data; an HTML tag in one of their
string literals (an f-string's parts included) is markup built where it cannot be escaped by
the environment, and is what this test refuses.
"""

from __future__ import annotations

import ast
import re

import pytest

from tests.helpers import ROOT

# an opening tag (``<span``, ``<li>``, ``<a href``, an f-string part ending ``<span``) or a
# closing one (``</li>``); ``"</script"`` as a guard against an asset ending its element, and
# ``<!--``, are not markup
TAG = re.compile(r"<[A-Za-z][\w-]*(?=[\s/>]|$)|</[A-Za-z][\w-]*\s*>")

PAGE_MODULES = ["barriers/map/render.py", "barriers/site.py"]

# string literals that must stay, each with its reason (none today)
ALLOWED: dict[tuple[str, str], str] = {}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions (doctests in
    them show what a function returns; they build nothing)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def html_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal in ``source`` with an HTML tag in it, docstrings
    left out."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and TAG.search(node.value)
    ]
    found.sort(key=lambda node: (node.lineno, node.col_offset))
    return [(node.lineno, str(node.value)) for node in found]


def test_the_check_finds_markup_in_strings_and_f_strings() -> None:
    source = '''
def f(a):
    """Returns ``<b>`` markup."""
    x = f'<span{a}>' + "</li>"
    y = '<a href="x">'
    guard = "</script" in a or "<!--" in a or 1 < 2
    return x + y
'''
    assert [text for _, text in html_literals(source)] == ["<span", "</li>", '<a href="x">']


@pytest.mark.parametrize("module", PAGE_MODULES)
def test_page_modules_build_no_html_in_python(module: str) -> None:
    found = [
        f"{module}:{line}: {text!r}"
        for line, text in html_literals((ROOT / module).read_text(encoding="utf-8"))
        if (module, text) not in ALLOWED
    ]
    assert found == [], "markup belongs in a template partial:\n" + "\n".join(found)


def test_words_escape_every_field_once_inside_code_too() -> None:
    """A field's value is escaped once, in `code` as outside it: plain text is escaped, text a
    template already made (Markup) is kept as made, not escaped again."""
    from markupsafe import Markup

    from barriers.pages import words

    made = Markup("<i>R&amp;D</i>")
    hostile = '<script>"x" & y</script>'
    out = str(words("`see {a} {b}` and {a} {b}", a=made, b=hostile))
    once = "&lt;script&gt;&#34;x&#34; &amp; y&lt;/script&gt;"
    assert out == f"<code>see <i>R&amp;D</i> {once}</code> and <i>R&amp;D</i> {once}"
