"""The public surface, pinned: a refactor cannot add, drop or rename a public name without changing this file.

Each list below is written out by hand on purpose. When a public name is added
or removed deliberately, update the list here and say so in CHANGELOG.md.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

import eu_iot_coop
from eu_iot_coop import exceptions, export
from eu_iot_coop.__main__ import main

#: ``eu_iot_coop.__all__``, in the order ruff's RUF022 keeps it.
PACKAGE_NAMES = [
    "DATA_VERSION",
    "PREDICATES",
    "SCHEMES",
    "SCHEMES_BY_NAME",
    "ActorEdge",
    "ActorNetwork",
    "Agreement",
    "AgreementType",
    "AmbiguousNameError",
    "Citation",
    "Coverage",
    "DataError",
    "Dataset",
    "DatasetDiff",
    "Disagreement",
    "Document",
    "DocumentType",
    "EUSide",
    "Entity",
    "EntityView",
    "EuIotCoopError",
    "Event",
    "EventType",
    "Figure",
    "Gap",
    "Identifier",
    "Kind",
    "LanguageName",
    "Manifest",
    "Match",
    "Neighbour",
    "NotFoundError",
    "Organisation",
    "OrganisationCategory",
    "PartialDate",
    "Person",
    "Place",
    "PlaceType",
    "Predicate",
    "Programme",
    "ProgrammeType",
    "Project",
    "Provenance",
    "Qualifier",
    "QueryError",
    "Records",
    "Redirect",
    "Related",
    "Relation",
    "RetiredIdWarning",
    "Scheme",
    "SharedRecord",
    "Side",
    "Source",
    "Standard",
    "Step",
    "TimelineEntry",
    "TimelineRow",
    "Topic",
    "TopicType",
    "Variant",
    "When",
    "__version__",
    "citation",
    "diff",
    "exceptions",
    "find",
    "get",
    "load",
    "search",
]

#: ``eu_iot_coop.exceptions.__all__``.
EXCEPTION_NAMES = [
    "AmbiguousNameError",
    "CitationError",
    "CycleError",
    "DanglingReferenceError",
    "DataError",
    "DataFileError",
    "DataWarning",
    "DateError",
    "DomainRangeError",
    "DuplicateIdError",
    "EuIotCoopError",
    "ExportError",
    "IntegrityError",
    "LifetimeWarning",
    "MissingDependencyError",
    "NotFoundError",
    "QueryError",
    "RetiredIdWarning",
    "SchemaError",
    "UnknownPredicateError",
    "VariantError",
    "WriteError",
]

#: ``eu_iot_coop.export.__all__``: the format names and one writer per format.
EXPORT_NAMES = [
    "FORMATS",
    "REGISTRY",
    "ExportFormat",
    "Shape",
    "to_csv",
    "to_graphml",
    "to_json",
    "to_jsonld",
    "to_sqlite",
    "to_turtle",
]
EXPORT_FORMATS = ("json", "csv", "graphml", "jsonld", "turtle", "sqlite")

#: The command line's subcommands and global options, as ``eu-iot-coop --help`` lists them.
SUBCOMMANDS = [
    "actors",
    "cite",
    "diff",
    "disagreements",
    "draw",
    "export",
    "figures",
    "fmt",
    "list",
    "path",
    "related",
    "rounds",
    "search",
    "show",
    "stats",
    "timeline",
    "validate",
]
GLOBAL_OPTIONS = ["--help", "--overlay", "--version"]


def _ruff_order(name: str) -> tuple[int, str]:
    """RUF022's order for ``__all__``: SCREAMING_CASE, then CamelCase, then everything else; each alphabetical."""
    if len(name) > 1 and name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What ``eu-iot-coop <argv> --help`` prints, after checking that it exits with 0."""
    try:
        code = main([*argv, "--help"])
    except SystemExit as stop:  # argparse's own --help exits
        code = stop.code
    assert code in (0, None)
    return capsys.readouterr().out


def _section(text: str, title: str) -> list[str]:
    """The lines of one section of argparse's help (from ``title:`` to the next blank line)."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_package_all_is_pinned() -> None:
    """``eu_iot_coop.__all__`` is exactly the list above: no public name appears or disappears silently."""
    assert eu_iot_coop.__all__ == PACKAGE_NAMES


def test_package_all_is_sorted() -> None:
    """``__all__`` is kept sorted (ruff's RUF022 order), so a diff of it shows exactly what changed."""
    assert eu_iot_coop.__all__ == sorted(eu_iot_coop.__all__, key=_ruff_order)
    assert len(set(eu_iot_coop.__all__)) == len(eu_iot_coop.__all__)


@pytest.mark.parametrize("name", PACKAGE_NAMES)
def test_every_public_name_resolves(name: str) -> None:
    """Every name in ``__all__`` resolves, including the lazily imported classes, and ``from ... import`` finds it."""
    value = getattr(eu_iot_coop, name)
    assert value is not None
    namespace: dict[str, object] = {}
    exec(f"from eu_iot_coop import {name}", namespace)
    assert namespace[name] is value


def test_star_import_gives_exactly_all() -> None:
    """``from eu_iot_coop import *`` binds every public name and nothing else."""
    namespace: dict[str, object] = {}
    exec("from eu_iot_coop import *", namespace)
    assert sorted(set(namespace) - {"__builtins__"}) == sorted(PACKAGE_NAMES)


def test_dir_lists_only_public_names() -> None:
    """``dir(eu_iot_coop)`` shows public names only: no ``Any``, ``TYPE_CHECKING``, ``annotations``, ``importlib``."""
    listed = dir(eu_iot_coop)
    assert sorted(listed) == sorted(PACKAGE_NAMES)
    assert {"Any", "TYPE_CHECKING", "annotations", "importlib"}.isdisjoint(listed)


def test_type_checkers_see_the_lazy_names() -> None:
    """The ``TYPE_CHECKING`` imports of ``eu_iot_coop/__init__.py`` name exactly the lazily imported names, each
    from the module that ``__getattr__`` imports it from (type checkers read those imports, not the table)."""
    tree = ast.parse(Path(eu_iot_coop.__file__).read_text(encoding="utf-8"))
    (block,) = (
        node for node in tree.body if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
    )
    imported = {
        (alias.asname or alias.name, (node.module or "").lstrip("."))
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.level == 1
        for alias in node.names
    }
    lazy = {(name, module) for module, names in eu_iot_coop._LAZY_NAMES.items() for name in names.split()}
    assert imported == lazy
    for name, module in lazy:
        assert getattr(importlib.import_module(f"eu_iot_coop.{module}"), name) is getattr(eu_iot_coop, name)


def test_unknown_attribute_raises_attribute_error() -> None:
    """A name outside the public surface (or a typo of one) is an ``AttributeError``, not a lazy import."""
    with pytest.raises(AttributeError, match="Datset"):
        _ = eu_iot_coop.Datset


def test_exceptions_all_is_pinned() -> None:
    """``eu_iot_coop.exceptions.__all__`` is exactly the list above, sorted, and each name resolves."""
    assert exceptions.__all__ == EXCEPTION_NAMES
    assert exceptions.__all__ == sorted(exceptions.__all__, key=_ruff_order)
    for name in EXCEPTION_NAMES:
        assert isinstance(getattr(exceptions, name), type)


def test_every_exception_class_is_public() -> None:
    """Every exception or warning class defined in ``eu_iot_coop.exceptions`` is listed in its ``__all__``."""
    defined = {
        name
        for name, value in vars(exceptions).items()
        if isinstance(value, type) and value.__module__ == exceptions.__name__
    }
    assert defined == set(EXCEPTION_NAMES)


def test_package_reexports_the_same_exceptions() -> None:
    """The exceptions the package re-exports are the very classes of ``eu_iot_coop.exceptions``."""
    reexported = [name for name in PACKAGE_NAMES if name in EXCEPTION_NAMES]
    assert reexported == [
        "AmbiguousNameError",
        "DataError",
        "EuIotCoopError",
        "NotFoundError",
        "QueryError",
        "RetiredIdWarning",
    ]
    for name in reexported:
        assert getattr(eu_iot_coop, name) is getattr(exceptions, name)
    assert eu_iot_coop.exceptions is exceptions


def test_export_all_is_pinned() -> None:
    """``eu_iot_coop.export.__all__`` is exactly the list above, sorted, and ``FORMATS`` names the six formats."""
    assert export.__all__ == EXPORT_NAMES
    assert export.__all__ == sorted(export.__all__, key=_ruff_order)
    assert export.FORMATS == EXPORT_FORMATS


def test_export_public_functions_are_pinned() -> None:
    """The public functions defined in ``eu_iot_coop.export`` are the ``to_*`` writers of ``__all__``, one a format."""
    functions = {
        name
        for name, value in vars(export).items()
        if inspect.isfunction(value) and value.__module__ == export.__name__ and not name.startswith("_")
    }
    assert functions == {name for name in EXPORT_NAMES if name.startswith("to_")}
    assert functions == {f"to_{name}" for name in EXPORT_FORMATS}


def test_cli_subcommands_are_pinned(capsys: pytest.CaptureFixture[str]) -> None:
    """``eu-iot-coop --help`` lists exactly the pinned subcommands (read from the help text, not the CLI modules)."""
    lines = _section(_help(capsys), "positional arguments:")
    listed = [match[1] for line in lines if (match := re.match(r"^ {4}(\S+)(?: {2,}|$)", line))]
    assert sorted(listed) == SUBCOMMANDS
    assert len(listed) == len(SUBCOMMANDS)


def test_cli_global_options_are_pinned(capsys: pytest.CaptureFixture[str]) -> None:
    """``eu-iot-coop --help`` lists exactly the pinned global options."""
    lines = _section(_help(capsys), "options:")
    options = sorted(flag for line in lines for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line))
    assert options == GLOBAL_OPTIONS


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_answers_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    """Each pinned subcommand is wired to a parser: ``eu-iot-coop <command> --help`` prints its own usage line."""
    assert _help(capsys, command).startswith(f"usage: eu-iot-coop {command} ")
