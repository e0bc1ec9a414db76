"""A graph of attrs instances packed into columns of plain values, and rebuilt with C-level loops.

Unpickling attrs instances runs attrs' ``__setstate__``, a Python function, once per
instance, and the unpickler builds a state dict for each. :func:`pack` instead lays
the instances out class by class, one column of values per field, with every
reference to another attrs instance written as its position in one list of all
instances. :func:`unpack` then makes each class's instances with
``map(object.__new__, ...)`` and fills each field with
``map(object.__setattr__, ...)``: loops that run in C, whatever the number of
instances. ``object.__setattr__`` is the route attrs' own ``__init__`` takes past a
frozen class's refusal, so the instances are the ones ``__init__`` would have made
(without running validators or ``__attrs_post_init__``, exactly as unpickling).

A column is written in the cheapest form that holds all of its values:

- ``plain``: values without attrs instances or enum members anywhere in them;
- ``enum``: members of one enum class, or ``None`` (written as their values);
- ``one``: attrs instances, or ``None`` (written as positions, one past the last instance for ``None``);
- ``many``: tuples of attrs instances (each distinct tuple of the column written once, as
  a run of positions in one flat list, and every value as the number of its tuple).

Any other value cannot be packed (:class:`TypeError`). Classes are written as their
qualified names, so the packed form holds nothing but strings, numbers, ``None``,
booleans, lists, tuples, dicts and frozensets: :mod:`marshal` writes and reads it,
and reading it runs no code (which unpickling can). Instances are shared by identity:
one instance referred to from many places is rebuilt once and referred to from all of
them again.
"""

from __future__ import annotations

import enum
import itertools
import types
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, cast

import attrs

#: Bumped whenever the packed shape changes.
PACKING: Final = 2

_PLAIN: Final = (str, int, float, bool, type(None))


def _is_plain(value: Any) -> bool:
    if isinstance(value, _PLAIN) and not isinstance(value, enum.Enum):
        return True
    if isinstance(value, (tuple, list, frozenset)):
        return all(_is_plain(item) for item in value)
    if isinstance(value, dict):
        return all(_is_plain(key) and _is_plain(item) for key, item in value.items())
    return False


def _is_instance(value: Any) -> bool:
    return attrs.has(type(value))


def _children(instance: Any) -> Iterator[Any]:
    for field in attrs.fields(type(instance)):
        value = getattr(instance, field.name)
        if _is_instance(value):
            yield value
        elif isinstance(value, tuple) and value and all(_is_instance(item) for item in value):
            yield from value


def _levels(root: Any) -> dict[int, tuple[int, Any]]:
    """Each instance reachable from *root*, by identity: its level (one above its highest child's) and itself."""
    levels: dict[int, tuple[int, Any]] = {}
    # Depth first and iterative: an instance's level is known once all of its children's are.
    stack: list[tuple[Any, list[Any]]] = [(root, list(_children(root)))]
    while stack:
        current, children = stack[-1]
        waiting = [child for child in children if id(child) not in levels]
        if waiting:
            stack.extend((child, list(_children(child))) for child in waiting)
            continue
        stack.pop()
        if id(current) not in levels:
            levels[id(current)] = (1 + max((levels[id(child)][0] for child in children), default=0), current)
    return levels


def class_key(cls: type) -> str:
    """How a class is named in the packed form: ``module.qualname``."""
    return f"{cls.__module__}.{cls.__qualname__}"


def pack(root: Any) -> dict[str, Any]:
    """The instances reachable from the attrs instance *root*, packed into columns of plain values."""
    # Grouped by level, then class: every instance comes after all it refers to, in few runs of one class each.
    groups: dict[tuple[int, str], list[Any]] = {}
    for level, instance in _levels(root).values():
        cls = type(instance)
        groups.setdefault((level, class_key(cls)), []).append(instance)
    ordered = [group for _, group in sorted(groups.items(), key=lambda item: item[0])]
    position = {id(instance): index for index, instance in enumerate(i for group in ordered for i in group)}
    # Runs of instances of one class, in rebuilding order: (class, count, columns).
    runs: list[tuple[str, int, list[tuple[str, str, Any]]]] = []
    for run in ordered:
        cls = type(run[0])
        columns = [_column(cls, f.name, [getattr(i, f.name) for i in run], position) for f in attrs.fields(cls)]
        runs.append((class_key(cls), len(run), columns))
    return {"packing": PACKING, "runs": runs, "root": position[id(root)]}


def _column(cls: type, name: str, values: list[Any], position: dict[int, int]) -> tuple[str, str, Any]:
    if all(_is_plain(value) for value in values):
        return name, "plain", values
    members = {type(value) for value in values if value is not None}
    if len(members) == 1 and issubclass(next(iter(members)), enum.Enum):
        return (
            name,
            "enum",
            (class_key(next(iter(members))), [None if value is None else value.value for value in values]),
        )
    if all(value is None or _is_instance(value) for value in values):
        nothing = len(position)  # the position of None: one past the last instance
        return name, "one", [nothing if value is None else position[id(value)] for value in values]
    if all(isinstance(value, tuple) and all(_is_instance(item) for item in value) for value in values):
        distinct: dict[tuple[int, ...], int] = {}
        numbers = [distinct.setdefault(tuple(position[id(i)] for i in value), len(distinct)) for value in values]
        flat = [item for positions in distinct for item in positions]
        ends = list(itertools.accumulate(len(positions) for positions in distinct))
        return name, "many", (flat, [0, *ends[:-1]], ends, numbers)
    raise TypeError(
        f"{class_key(cls)}.{name} holds values that cannot be packed into a column "
        "(plain values, members of one enum, attrs instances, or tuples of attrs instances can)"
    )


def unpack(packed: dict[str, Any], classes: Mapping[str, type]) -> Any:
    """The root instance of :func:`pack`'s output, with everything it refers to; *classes* by :func:`class_key`."""
    if packed.get("packing") != PACKING:
        raise ValueError("not packed by this version of the package")
    runs = packed["runs"]
    total = sum(count for _, count, _ in runs)
    # Positions refer to this list; the None at its end is what a missing instance's position reads.
    built: list[Any] = [None] * (total + 1)
    cursor = 0
    new = object.__new__
    set_attribute = object.__setattr__
    for key, count, columns in runs:
        cls = classes[key]
        made: list[Any] = list(map(new, itertools.repeat(cls, count)))
        for name, form, column in columns:
            values = _decoded(form, column, built, classes)
            slot = _slot(cls, name)
            if slot is None:
                deque(map(set_attribute, made, itertools.repeat(name), values), 0)
            else:
                deque(map(slot, made, values), 0)
        built[cursor : cursor + count] = made
        cursor += count
    return built[packed["root"]]


def _slot(cls: type, name: str) -> Any:
    """The setter of the slot *name* of *cls* (the member descriptor's, which skips the attribute lookup), if any."""
    for klass in cls.__mro__:
        descriptor = vars(klass).get(name)
        if descriptor is not None:
            return descriptor.__set__ if isinstance(descriptor, types.MemberDescriptorType) else None
    return None


def _decoded(form: str, column: Any, built: list[Any], classes: Mapping[str, type]) -> Iterable[Any]:
    if form == "plain":
        return column  # type: ignore[no-any-return]
    if form == "enum":
        key, values = column
        members = cast("type[enum.Enum]", classes[key])
        by_value: dict[Any, Any] = {member.value: member for member in members}
        by_value[None] = None
        return map(by_value.__getitem__, values)
    if form == "one":
        return map(built.__getitem__, column)
    if form == "many":
        flat, starts, ends, numbers = column
        items = list(map(built.__getitem__, flat))
        distinct = list(map(tuple, map(items.__getitem__, map(slice, starts, ends))))
        return map(distinct.__getitem__, numbers)
    raise ValueError(f"unknown column form {form!r}")
