"""The package's shape: data flows one way, files -> ingest -> records -> query -> export and CLI.

Every import counts, also those inside functions; only imports under ``TYPE_CHECKING`` (types,
looked back at, never run) are left out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import eu_iot_coop

PACKAGE = Path(eu_iot_coop.__file__).parent

#: Each part of the package and its layer: a part imports only parts of lower layers at run time.
LAYERS = {
    "exceptions": 0,
    "_version": 0,
    "_gc": 0,
    "_present": 1,
    "_write": 1,
    "_columns": 1,
    "_model": 2,
    "_bundle": 3,
    "_ingest": 3,
    "_query": 4,
    "_api": 5,
    "export": 6,
    "_citation": 6,
    "_draw": 6,
    "strategies": 6,
    "_cli": 7,
    "_maintenance": 7,
    "__init__": 8,
    "__main__": 8,
}


def _module_name(path: Path) -> str:
    parts = ["eu_iot_coop", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(name: str) -> bool:
    return (PACKAGE.joinpath(*name.split(".")[1:]) / "__init__.py").is_file()


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path) -> Iterator[str]:
    """The modules of this package that the file imports at run time (targets of ``from x import name``
    are ``x.name`` when that is a module, else ``x``)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_lines(tree)
    for node in ast.walk(tree):
        if node.lineno in skipped if hasattr(node, "lineno") else False:
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("eu_iot_coop"))
        elif isinstance(node, ast.ImportFrom):
            target = _import_target(package, node)
            if not target.startswith("eu_iot_coop"):
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                yield candidate if _is_module(candidate) else target


def _import_target(package: str, node: ast.ImportFrom) -> str:
    """The module a ``from ... import`` in *package* reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    base = package.split(".")
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _is_module(name: str) -> bool:
    return PACKAGE.joinpath(*name.split(".")[1:]).with_suffix(".py").is_file() or _is_package(name)


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        graph.setdefault(_module_name(path), set()).update(t for t in _imports(path) if t != _module_name(path))
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_graph_is_read() -> None:
    """The import graph covers every module and sees imports inside functions (the CLI loads commands lazily)."""
    graph = _graph()
    assert len(graph) == len(list(PACKAGE.rglob("*.py")))
    assert sum(len(targets) for targets in graph.values()) > 50


def test_no_import_cycles() -> None:
    """No module imports, directly or through others, a module that imports it; imports in functions count."""
    assert _cycles(_graph()) == []


def test_a_cycle_would_be_found() -> None:
    """The cycle check is not vacuous: a graph with a loop reports it."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_imports_go_down_the_layers() -> None:
    """Each part imports only parts below it: present <- model <- ingest <- query <- api <- export/draw <- CLI."""
    upward = sorted(
        f"{source} imports {target}"
        for source, targets in _graph().items()
        for target in targets
        if _part(source) != _part(target) and LAYERS[_part(target)] >= LAYERS[_part(source)]
    )
    assert upward == []


def test_every_part_has_a_layer() -> None:
    """A new module or subpackage at the root must be placed in a layer before it can import anything."""
    parts = {_part(module) for module in _graph()}
    assert parts <= set(LAYERS)


def test_the_root_stays_small() -> None:
    """At most 15 modules sit at the package root; the rest live in subpackages by role."""
    assert len(list(PACKAGE.glob("*.py"))) <= 15


def _private_names_imported(name: str, text: str) -> Iterator[str]:
    """``from x import _name`` in module *name* (source *text*) where ``x._name`` is not a module of the
    package: a private name taken across modules instead of through a package face."""
    package = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.ImportFrom):
            continue
        target = _import_target(package, node)
        for alias in node.names:
            private = alias.name.startswith("_") and not alias.name.startswith("__")
            if target.startswith("eu_iot_coop") and private and not _is_module(f"{target}.{alias.name}"):
                yield f"{name}:{node.lineno} imports {alias.name} from {target}"


def test_no_private_name_is_imported_across_modules() -> None:
    """Modules use each other's public names (or whole private modules through their package), never ``_name``."""
    found = [
        line
        for path in sorted(PACKAGE.rglob("*.py"))
        for line in _private_names_imported(_module_name(path), path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_private_import_would_be_found() -> None:
    """The check above names a private helper imported from another module, and passes a private module."""
    text = "from ._svg import _hidden\nfrom . import _svg\n"
    found = list(_private_names_imported("eu_iot_coop._draw._focus", text))
    assert [line.split(" imports ")[1] for line in found] == ["_hidden from eu_iot_coop._draw._svg"]
