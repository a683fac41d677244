"""No import cycle anywhere in barriers/: data flows one way, and the graph shows it.

Every module is parsed with :mod:`ast` and its imports collected in three kinds: at the top
of the module, inside functions (deferred to keep start-up light; a cycle through them is
still a tangle, only one that Python forgives), and under ``if TYPE_CHECKING:`` (for mypy
only). Runtime imports (the first two kinds) must form no cycle; with the type-only ones
added there must be none either, so that the layering also holds for the types.

``from package import name`` counts as an import of ``package.name`` when that is a module,
else of ``package`` itself (its ``__init__``). Importing a submodule is not counted as an
import of its parent package's ``__init__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "barriers"
TOP, DEFERRED, TYPING = "top", "deferred", "typing"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom, importer: str) -> list[str]:
    """The barriers modules an import statement loads."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = importer.split(".")
        if MODULES[importer].name != "__init__.py":
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join([*parts, base] if base else parts)
    targets = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        targets.append(candidate if candidate in MODULES else base)
    return targets


def imports_of(name: str) -> list[tuple[str, str]]:
    """``(target, kind)`` for every import of a barriers module in module ``name``."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"), filename=str(MODULES[name]))
    found: list[tuple[str, str]] = []

    def visit(node: ast.AST, kind: str) -> None:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.extend((t, kind) for t in _targets(node, name) if t in MODULES)
            return
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, TYPING)
            for child in node.orelse:
                visit(child, kind)
            return
        inner = kind
        if kind == TOP and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            inner = DEFERRED
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(tree, TOP)
    return found


def import_graph(kinds: set[str]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    for name in MODULES:
        graph.add_edges_from(
            (name, target) for target, kind in imports_of(name) if kind in kinds and target != name
        )
    return graph


def _cycles(graph: nx.DiGraph) -> list[str]:
    return [
        " -> ".join([*cycle, cycle[0]])
        for component in nx.strongly_connected_components(graph)
        if len(component) > 1
        for cycle in [nx.find_cycle(graph.subgraph(component))]
        for cycle in [[u for u, _ in cycle]]
    ]


@pytest.mark.parametrize(
    "kinds", [{TOP}, {TOP, DEFERRED}, {TOP, DEFERRED, TYPING}], ids=["top", "runtime", "typing"]
)
def test_no_import_cycle(kinds: set[str]) -> None:
    assert _cycles(import_graph(kinds)) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    (cycle,) = _cycles(graph)
    steps = cycle.split(" -> ")
    assert steps[0] == steps[-1] and sorted(steps[:-1]) == ["a", "b", "c"]


def test_the_collector_sees_every_kind_of_import() -> None:
    kinds = {kind for name in MODULES for _, kind in imports_of(name)}
    assert kinds == {TOP, DEFERRED, TYPING}
    assert ("barriers.load.cache", TOP) in imports_of("barriers.load")
    assert ("barriers.load.build", DEFERRED) in imports_of("barriers.load")
    assert ("barriers.model", TYPING) in imports_of("barriers.load")


def test_the_load_path_runs_one_way() -> None:
    """resolve never reaches the cache; variants never reaches the catalog; the cache never
    reaches the builder (it is handed what it stores)."""
    graph = import_graph({TOP, DEFERRED, TYPING})
    assert not nx.has_path(graph, "barriers.resolve", "barriers.load.cache")
    assert not nx.has_path(graph, "barriers.resolve", "barriers.load")
    assert not nx.has_path(graph, "barriers.variants", "barriers.catalog")
    assert not nx.has_path(graph, "barriers.load.cache", "barriers.load.build")
    assert not nx.has_path(graph, "barriers.load.cache", "barriers.resolve")
    users = {u for u, v in graph.edges if v == "barriers.load.cache"}
    assert users == {"barriers.load"}


def test_the_workbook_reader_and_the_text_views_do_not_reach_into_export() -> None:
    """The workbook layout and the text guards are modules of their own: the importer and the
    table, notes and session views read those, never the exporters' package."""
    import ast

    from tests.helpers import ROOT

    for name in ("importer.py", "formats.py", "notes.py", "session.py"):
        tree = ast.parse((ROOT / "barriers" / name).read_text(encoding="utf-8"))
        reached = [
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("barriers.export")
        ]
        assert reached == [], (name, reached)
