"""The layout holds: no import loops, and the Prefect flow only wraps the one run sequence.

No module of storymine (or the flow) imports one that imports it back.

The graph is read from the source (``ast``), not by importing: every ``import`` and ``from … import``
anywhere in a module counts, including imports inside functions (a loop hidden in a function body is
still a loop a newcomer trips over), except those under ``if TYPE_CHECKING:`` (never executed). An edge
goes to the module named, or to the submodule when ``from package import submodule`` names one.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"storymine": ROOT / "src" / "storymine", "pipelines": ROOT / "pipelines"}


def modules() -> dict[str, Path]:
    """Module name → file, for every module of storymine and pipelines."""
    out: dict[str, Path] = {}
    for package, folder in SOURCES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports."""
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_lines(tree)
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            if getattr(node, "lineno", 0) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            for target in targets:
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group: list[str] = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_the_stage_imports() -> None:
    graph = import_graph()
    assert "storymine.stages.sequence" in graph["pipelines.storymine_flow"]
    assert {"storymine.stages.ingest", "storymine.stages.themes"} <= graph["storymine.stages.sequence"]
    assert "storymine.store.schema" in graph["storymine.signals.ty"]


def test_a_loop_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert loops(graph) == [["a", "b", "c"]]


def test_no_import_loops() -> None:
    found = loops(import_graph())
    assert not found, "import loops (break each by moving the shared code down a layer):\n" + "\n".join(
        " -> ".join(group) for group in found
    )


def test_the_flow_only_wraps_the_sequence() -> None:
    """Order and policy live in stages/sequence.py: the flow file decides nothing on settings."""
    tree = ast.parse((ROOT / "pipelines" / "storymine_flow.py").read_text(encoding="utf-8"))
    tests = [ast.unparse(n.test) for n in ast.walk(tree) if isinstance(n, ast.If | ast.IfExp | ast.While)]
    assert not [t for t in tests if "settings" in t or "written" in t or "workers" in t], tests
    calls = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert "run_once" in calls
