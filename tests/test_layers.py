"""The packages of `cmg_core` import each other without cycles, as the README draws them.

The graph is read from the source (AST), at the level of `cmg_core`'s sub-packages and top-level
modules; an import under `if TYPE_CHECKING:` is a type annotation, not a dependency.
"""

from __future__ import annotations

import ast
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = "cmg_core"
ENTRY_POINTS = {"__init__", "__main__"}  # `python -m cmg_core` itself is not a layer


def unit_of(module: str, root: Path) -> str | None:
    """The layer a dotted module name belongs to: its sub-package, or its top-level module."""
    parts = module.split(".")
    if parts[0] != root.name or len(parts) < 2 or parts[1] in ENTRY_POINTS:
        return None
    return parts[1]


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(tree: ast.AST, module: str, is_package: bool):
    """Every module name `tree` imports, TYPE_CHECKING blocks aside."""
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending += node.orelse
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: None if is_package else -1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)  # `from pkg import mod`
        pending += ast.iter_child_nodes(node)


def package_graph(root: Path) -> dict[str, set[str]]:
    """Layer -> the other layers it imports."""
    graph: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        module = _module_name(path, root)
        source = unit_of(module, root)
        if source is None:
            continue
        targets = graph.setdefault(source, set())
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _imported(tree, module, path.name == "__init__.py"):
            target = unit_of(name, root)
            if target and target != source and _exists(root, target):
                targets.add(target)
    return graph


def _exists(root: Path, unit: str) -> bool:
    return (root / unit).is_dir() or (root / f"{unit}.py").is_file()


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as error:
        return error.args[1]
    return None


def bottom_of(graph: dict[str, set[str]]) -> list[str]:
    """The modules that import nothing of `cmg_core`: any layer may import them."""
    return sorted(unit for unit, targets in graph.items() if not targets)


def mermaid(graph: dict[str, set[str]]) -> str:
    """The README's Mermaid block: one `a --> b` line per import between layers (top layers
    first), the bottom modules in one node without their many incoming arrows."""
    height: dict[str, int] = {}
    for unit in TopologicalSorter(graph).static_order():  # dependencies first
        height[unit] = 1 + max((height[t] for t in graph.get(unit, ())), default=-1)
    bottom = bottom_of(graph)
    lines = ["flowchart TD"]
    for source in sorted(set(graph) - set(bottom), key=lambda u: (-height[u], u)):
        targets = sorted(graph[source] - set(bottom), key=lambda u: (-height[u], u))
        lines += [f"  {source} --> {target}" for target in targets]
    lines.append(f'  bottom["{" · ".join(bottom)}"]')
    return "\n".join(lines)


def readme_graph() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```mermaid\n(flowchart TD\n.*?)\n```", text, re.S)
    assert found, "README.md lost its package graph (a ```mermaid block)"
    return found.group(1)


def test_the_packages_of_cmg_core_import_each_other_without_cycles():
    assert cycle_in(package_graph(ROOT / PACKAGE)) is None


def test_the_readme_draws_the_package_graph_as_it_is():
    drawn = mermaid(package_graph(ROOT / PACKAGE))
    assert readme_graph() == drawn, f"paste this into README.md:\n```mermaid\n{drawn}\n```"


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A small package shaped like ours: `low` at the bottom, `high` above it."""
    root = tmp_path / PACKAGE
    _write(root, "__init__.py", "")
    _write(root, "low/__init__.py", "")
    _write(root, "low/base.py", "import json\n")
    _write(root, "high/__init__.py", "from cmg_core.low.base import json\n")
    _write(root, "values.py", "")
    return root


def test_a_package_importing_one_above_it_is_a_cycle(scratch):
    assert cycle_in(package_graph(scratch)) is None
    _write(scratch, "low/base.py", "def f():\n    from cmg_core.high import json\n")
    assert cycle_in(package_graph(scratch)) is not None


def test_relative_and_from_package_imports_count_as_dependencies(scratch):
    _write(scratch, "low/base.py", "from .. import values\nfrom ..high import x\n")
    assert package_graph(scratch)["low"] == {"values", "high"}


def test_an_import_under_type_checking_is_not_a_dependency(scratch):
    _write(
        scratch,
        "low/base.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cmg_core.high import x\n",
    )
    assert cycle_in(package_graph(scratch)) is None
