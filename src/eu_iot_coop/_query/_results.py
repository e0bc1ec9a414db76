"""What queries return: neighbours and traversal steps, and how every kind of result shows itself.

Search matches (``_search``) and timeline entries and rows (``_rows``) are defined with the queries that make
them, imported when one first runs, and register their display here.

Neighbours and steps are named tuples rather than attrs classes: traversals make
one per edge, a tuple is several times cheaper to create, and they unpack like
networkx's edge tuples (``for predicate, entity, relation in ...``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple, TypeVar

from eu_iot_coop._model import (
    Entity,
    Figure,
    Relation,
    Source,
    identity,
)
from eu_iot_coop._present import REPR_WIDTH, citations_html, clip, escape, html_table, named_html, record_html


def brief(record: Entity | Relation | Figure) -> str:
    """A record as a result's repr names it: by kind and identity."""
    # Whole records make a list of results unreadable; their identity is enough.
    if isinstance(record, Relation):
        return f"<Relation {record.key!r}>"
    return f"<{type(record).__name__} {record.id!r}>"


class Neighbour(NamedTuple):
    """An adjacent entity, the predicate as read from the entity asked about, and the relation."""

    predicate: str
    entity: Entity
    relation: Relation

    def __repr__(self) -> str:
        return f"Neighbour({self.predicate!r}, {brief(self.entity)}, {brief(self.relation)})"


class Step(NamedTuple):
    """One edge of a walk or path: ``source --predicate--> target``, ``depth`` edges from the start.

    ``predicate`` is read from ``source``: an inverse name when the relation points the other way.
    """

    depth: int
    source: Entity
    predicate: str
    target: Entity
    relation: Relation

    def __repr__(self) -> str:
        return f"Step({self.depth}, {brief(self.source)}, {self.predicate!r}, {brief(self.target)})"


T = TypeVar("T")


class Results(tuple[T, ...]):
    """What a :class:`Dataset` method returns as a list: a plain tuple that shows itself well.

    ``repr`` is one line (the count and the first items); in a notebook it is a
    table whose citations link each source's title to its address. Each dataset
    has its own subclass (:func:`results_type`) that knows its sources, so a list
    costs no more to make than a tuple.
    """

    __slots__ = ()
    sources: ClassVar[Mapping[str, Source]] = MappingProxyType({})

    def __repr__(self) -> str:
        if not self:
            return "<0 results>"
        head = f"<{len(self)} {type(self[0]).__name__} results: "
        text = ", ".join(_item_text(item) for item in self)
        return head + clip(text, REPR_WIDTH - len(head) - 1)[1:-1] + ">"

    def _repr_html_(self) -> str:
        if not self:
            return "<p>no results</p>"
        header, rows = _rows(self, self.sources)
        return html_table(header, rows)

    # The class is made per dataset, so pickle cannot find it by name: rebuild it from the sources.
    def __reduce__(self) -> tuple[Any, ...]:
        return (results_of, (tuple(self), dict(self.sources)))


def results_type(sources: Mapping[str, Source]) -> type[Results[Any]]:
    """A :class:`Results` class whose lists link their citations to *sources* (a dataset's, by id)."""
    shown: type[Results[Any]] = type("Results", (Results,), {"__slots__": (), "sources": MappingProxyType(sources)})
    return shown


def results_of(items: Iterable[T], sources: Mapping[str, Source]) -> Results[T]:
    """*items* as a :class:`Results` list that links citations to *sources*."""
    return results_type(sources)(items)


def _item_text(item: object) -> str:
    shown = _SHOWN.get(type(item))
    return identity(item) if shown is None else shown.text(item)  # type: ignore[arg-type]


def named_cell(entity: Entity) -> str:
    """An entity as a notebook table shows it: its name, with its id."""
    return named_html(entity.name, entity.id)


def codes_cell(identities: Iterable[str]) -> str:
    """Record identities as a notebook table shows them."""
    return ", ".join(f"<code>{escape(identity)}</code>" for identity in identities)


def cited_cell(cited: Any, sources: Mapping[str, Source]) -> str:
    """The citations of *cited* (anything with ``citations``) as linked source titles."""
    return citations_html(cited.citations, sources)


Cells = Callable[[Any, Mapping[str, Source]], list[str]]


class Display(NamedTuple):
    """How one kind of result shows itself in a list: one line of text, and a notebook table's header and cells."""

    text: Callable[[Any], str]
    header: tuple[str, ...]
    cells: Cells


#: Each kind of result's display, registered where the result class is defined (:func:`shown_as`), so that a
#: result made only by some queries (a timeline row) is defined only when one of those queries first runs.
_SHOWN: dict[type, Display] = {}

_C = TypeVar("_C", bound=type)


def shown_as(text: Callable[[Any], str], header: tuple[str, ...], cells: Cells) -> Callable[[_C], _C]:
    """Register how the decorated result class shows itself in a :class:`Results` list."""

    def register(cls: _C) -> _C:
        _SHOWN[cls] = Display(text, header, cells)
        return cls

    return register


shown_as(
    lambda n: f"{n.predicate} {n.entity.id}",
    ("predicate", "entity", "citations of the relation"),
    lambda n, sources: [escape(n.predicate), named_cell(n.entity), cited_cell(n.relation, sources)],
)(Neighbour)
shown_as(
    lambda s: f"{s.source.id} {s.predicate} {s.target.id}",
    ("depth", "from", "predicate", "to", "citations of the relation"),
    lambda s, sources: [
        str(s.depth),
        named_cell(s.source),
        escape(s.predicate),
        named_cell(s.target),
        cited_cell(s.relation, sources),
    ],
)(Step)


def _rows(items: Sequence[object], sources: Mapping[str, Source]) -> tuple[Sequence[str], list[list[str]]]:
    kind = type(items[0])
    shown = _SHOWN.get(kind)
    if shown is None:
        # Any other list (entities of every kind, figures, variants, places): one record card per row.
        return ("record",), [[record_html(record, identity(record), sources)] for record in items]  # type: ignore[arg-type]
    return shown.header, [shown.cells(item, sources) for item in items if isinstance(item, kind)]
