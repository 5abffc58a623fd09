"""Layers point down only: a module may import its own layer and the layers below it.

Every module of the package must be placed in a layer here, so a new module is placed on
purpose; imports inside functions (lazy ones) count like the others.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mtqa"

# Bottom first. A name stands for the module and, if it is a package, everything in it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "foundation",
        (
            "mtqa.version",
            "mtqa.errors",
            "mtqa.findings",
            "mtqa.transport",
            "mtqa.parallel",
            "mtqa.normalize",
            "mtqa.regexes",
            "mtqa.xlsx",
            "mtqa.gcpause",
            "mtqa.cachedir",
            "mtqa.sanitize",
            "mtqa.wording",
            "mtqa.languages",
        ),
    ),
    ("documents", ("mtqa.documents", "mtqa.walk")),
    ("glossary", ("mtqa.glossary",)),
    ("signature", ("mtqa.signature",)),
    ("readers", ("mtqa.readers", "mtqa.files")),
    ("matching", ("mtqa.matching",)),
    # Names in running text, built on the character tables and folding of matching/.
    ("names", ("mtqa.matching.names",)),
    ("checks", ("mtqa.checks",)),
    (
        "engines",
        (
            "mtqa.selection",
            "mtqa.linter",
            "mtqa.fixing",
            "mtqa.corpus",
            "mtqa.entry_examples",
            "mtqa.mt",
            "mtqa.scoring",
            "mtqa.fingerprints",
        ),
    ),
    ("reporters", ("mtqa.reporters",)),
    ("run", ("mtqa.config", "mtqa.api", "mtqa.results", "mtqa.baseline")),
    # The language server is an interface like the command line; within it only library.py
    # calls into mtqa (tests/server/test_layers.py holds it to that).
    (
        "interface",
        ("mtqa", "mtqa.cli", "mtqa.__main__", "mtqa.guard", "mtqa.terminal", "mtqa.server"),
    ),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (length of the matching name, layer index)
    for index, (_, names) in enumerate(LAYERS):
        for name in names:
            exact_only = name == "mtqa"  # the root is only itself, not the whole package
            matches = module == name or (not exact_only and module.startswith(name + "."))
            if matches and (best is None or len(name) > best[0]):
                best = (len(name), index)
    return None if best is None else best[1]


def imports_of(module: str, path: Path) -> set[str]:
    """The mtqa modules that `module` imports, anywhere in its body."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "mtqa")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "mtqa":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return found


def test_every_module_has_a_layer():
    assert [m for m in MODULES if layer_of(m) is None] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    own = layer_of(module)
    upward = [
        f"{module} ({LAYERS[own][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for target in sorted(imports_of(module, MODULES[module]))
        if layer_of(target) is not None and layer_of(target) > own
    ]
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path):
    """The test itself must notice a violation (a lazy one, inside a function)."""
    source = PACKAGE / "glossary" / "model.py"
    probe = tmp_path / "model.py"
    probe.write_text(
        source.read_text(encoding="utf-8") + "\n\ndef _x():\n    from ..cli import app\n",
        encoding="utf-8",
    )
    # Read as if it were mtqa/glossary/model.py.
    targets = imports_of("mtqa.glossary.model", probe)
    assert "mtqa.cli" in targets
    assert layer_of("mtqa.cli") > layer_of("mtqa.glossary.model")


def _import_graph() -> dict[str, set[str]]:
    """Module -> the mtqa modules it imports, at the top or inside functions."""
    return {
        module: {t for t in imports_of(module, path) if t in MODULES and t != module}
        for module, path in MODULES.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle():
    """No two modules import each other, directly or round a loop, lazy imports included."""
    assert _cycles(_import_graph()) == []


def test_the_cycle_check_sees_a_lazy_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_results_import_nothing_of_the_api():
    """The run results sit below the api that returns them (they once imported it back)."""
    assert "mtqa.api" not in imports_of("mtqa.results", MODULES["mtqa.results"])


# The glossary's storage keeps entries as rows of plain values; what a row holds at which
# position is the store's own business. Outside it, code reads entries (the model) or asks the
# store for what it derives from rows (a key table, a cached glossary) through other modules;
# the hash asks the entries themselves for their mappings (model.KeptAsData).
STORE = "mtqa.glossary.store"
ROW_MODULE = "mtqa.glossary.store.rows"


def names_imported_from(module: str, path: Path, target: str) -> set[str]:
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                where = ".".join([*base, *([node.module] if node.module else [])])
            else:
                where = node.module or ""
            if where == target:
                names.update(a.name for a in node.names)
            elif where == target.rpartition(".")[0]:
                names.update("*" for a in node.names if a.name == target.rpartition(".")[2])
        elif isinstance(node, ast.Import) and any(a.name == target for a in node.names):
            names.add("*")
    return names


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith(STORE)))
def test_no_module_outside_the_store_reads_rows(module):
    names = names_imported_from(module, MODULES[module], ROW_MODULE)
    assert names == set(), f"{module} imports {sorted(names)} from {ROW_MODULE}"


def test_the_row_check_sees_a_row_position(tmp_path):
    probe = tmp_path / "automaton.py"
    probe.write_text("def _x():\n    from ..glossary.store.rows import PREFERRED\n")
    assert names_imported_from("mtqa.matching.automaton", probe, ROW_MODULE) == {"PREFERRED"}
    probe.write_text("from ..glossary.store import rows\n")
    assert names_imported_from("mtqa.matching.automaton", probe, ROW_MODULE) == {"*"}
