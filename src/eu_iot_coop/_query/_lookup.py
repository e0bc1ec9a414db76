"""Turning what a caller passes (ids, names, entities, predicate names, kinds, directions) into records.

Every miss raises the library's own error, naming what would have matched.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Literal

from eu_iot_coop._model import DIRECTION, Entity, Figure, Kind, closest, final_id, normalize
from eu_iot_coop.exceptions import AmbiguousNameError, NotFoundError, QueryError, RetiredIdWarning

from ._index import Index

Direction = Literal["out", "in", "both"]
_DIRECTIONS: tuple[Direction, ...] = ("out", "in", "both")


def _suggest_ids(index: Index, query: str) -> list[str]:
    return [match.entity.id for match in index.search_index().search(query, limit=3)]


def figures_by_id(index: Index) -> dict[str, Figure]:
    """Every figure of the dataset by its id (figures are indexed by their subject)."""
    return {figure.id: figure for figures in index.figures.values() for figure in figures}


def _follow(index: Index, retired: str, stacklevel: int) -> Entity:
    target = final_id(index.replaced_by, retired)
    if target not in index.entities:
        if target in index.records_not_entities:
            is_figure = target in figures_by_id(index)
            raise NotFoundError(retired, replaced_by=target, replaced_by_type="figure" if is_figure else "source")
        raise NotFoundError(retired, _suggest_ids(index, retired))
    reason = index.redirects[retired].reason
    warnings.warn(
        f"{retired!r} is a retired id ({reason}); use {target!r} instead",
        RetiredIdWarning,
        stacklevel=stacklevel + 1,
    )
    return index.entities[target]


def entity(index: Index, reference: object, *, stacklevel: int = 3) -> Entity:
    """The entity a caller means: the dataset's copy of an :class:`Entity`, or what :func:`named` reads in a str.

    Every method that takes an entity reads it here, so each takes what ``find`` takes (an id, a name, an
    acronym, an alias, a retired id, a code), as the command line does; ``get`` alone takes ids (:func:`by_id`).
    """
    if isinstance(reference, str):
        return named(index, reference, stacklevel=stacklevel + 1)
    return by_id(index, reference, stacklevel=stacklevel + 1)


def by_id(index: Index, reference: object, *, stacklevel: int = 3) -> Entity:
    """The entity with this id (following redirects, with a warning), or the dataset's copy of this entity."""
    if isinstance(reference, str):
        found = index.entities.get(reference)
        if found is not None:
            return found
        if reference in index.redirects:
            return _follow(index, reference, stacklevel)
        raise NotFoundError(reference, _suggest_ids(index, reference))
    if isinstance(reference, Entity):
        found = index.entities.get(reference.id)
        if found is None:
            raise NotFoundError(reference.id, _suggest_ids(index, reference.id))
        return found
    raise QueryError(f"expected an entity id (a str) or an Entity, got {type(reference).__name__}: {reference!r}")


def named(index: Index, text: object, *, stacklevel: int = 3) -> Entity:
    """The one entity with this id, name, acronym, alias, retired id or code, in that order of precedence.

    Names and codes are compared after normalisation. Only the first of these
    that any entity has counts, so a code never shadows another entity's id or name.
    """
    if not isinstance(text, str):
        return by_id(index, text, stacklevel=stacklevel + 1)
    found = index.entities.get(text)
    if found is not None:
        return found
    key = normalize(text)
    if key in index.by_name:
        return _only(index, text, index.by_name[key])
    if text in index.redirects:
        return _follow(index, text, stacklevel)
    if key in index.by_code:
        return _only(index, text, index.by_code[key])
    matches = index.search_index().search(text, limit=3)
    raise NotFoundError(text, [_label(match.matched_name, match.entity.id) for match in matches])


def _only(index: Index, text: str, ids: tuple[str, ...]) -> Entity:
    if len(ids) > 1:
        raise AmbiguousNameError(text, ids)
    return index.entities[ids[0]]


def _label(name: str, entity_id: str) -> str:
    return name if name == entity_id else f"{name} ({entity_id})"


def predicate(name: object) -> str:
    """A predicate name, forward or inverse, checked against the vocabulary."""
    if not isinstance(name, str):
        raise QueryError(f"a predicate is given by name (a str), got {type(name).__name__}: {name!r}")
    if name not in DIRECTION:
        raise NotFoundError(name, closest(name, DIRECTION), what="predicate")
    return name


def predicates(names: object) -> frozenset[str] | None:
    """A set of predicate names from one name, an iterable of names, or ``None`` for all."""
    if names is None:
        return None
    if isinstance(names, str):
        return frozenset({predicate(names)})
    if not isinstance(names, Iterable):
        raise QueryError(f"predicates must be a name or an iterable of names, got {type(names).__name__}")
    return frozenset(predicate(name) for name in names)


def kind(value: object) -> Kind:
    """A :class:`Kind` from the enum or its string value."""
    if isinstance(value, Kind):
        return value
    if not isinstance(value, str):
        raise QueryError(f"a kind is a Kind or its value (a str), got {type(value).__name__}: {value!r}")
    try:
        return Kind(value)
    except ValueError:
        raise NotFoundError(value, closest(value, [k.value for k in Kind]), what="kind") from None


def direction(value: object) -> Direction:
    """One of ``"out"``, ``"in"``, ``"both"``."""
    if value not in _DIRECTIONS:
        raise QueryError(f"direction must be one of 'out', 'in', 'both', got {value!r}")
    return value


def depth(value: object) -> int | None:
    """A depth limit: ``None`` or a non-negative int."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise QueryError(f"depth must be None or a non-negative int, got {value!r}")
    return value
