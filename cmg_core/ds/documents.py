"""The GraphQL documents the client sends: one `.graphql` file per operation, plus shared
fragments, each operation completed with exactly the fragments it uses (transitively)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graphql import FragmentDefinitionNode, FragmentSpreadNode, parse, print_ast, visit
from graphql.language import Visitor

DIRECTORY = Path(__file__).resolve().parent / "documents"
FRAGMENTS_FILE = "fragments.graphql"


def operation_names() -> tuple[str, ...]:
    """Every operation the client can send (a file name is its operation name)."""
    return tuple(sorted(p.stem for p in DIRECTORY.glob("*.graphql") if p.name != FRAGMENTS_FILE))


@cache
def _fragments() -> dict[str, FragmentDefinitionNode]:
    document = parse((DIRECTORY / FRAGMENTS_FILE).read_text(encoding="utf-8"))
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def _spreads(node) -> set[str]:
    names: set[str] = set()

    class Collector(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_args) -> None:
            names.add(spread.name.value)

    visit(node, Collector())
    return names


@cache
def load(operation: str) -> str:
    """The full text of `operation`: its file followed by the fragments it needs."""
    text = (DIRECTORY / f"{operation}.graphql").read_text(encoding="utf-8")
    fragments = _fragments()
    needed: list[str] = []
    pending = sorted(_spreads(parse(text)))
    while pending:
        name = pending.pop(0)
        if name in needed:
            continue
        needed.append(name)
        pending.extend(sorted(_spreads(fragments[name]) - set(needed)))
    return "\n\n".join([text.strip(), *(print_ast(fragments[n]) for n in sorted(needed))])
