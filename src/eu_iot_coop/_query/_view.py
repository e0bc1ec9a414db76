"""Everything shown about one entity, gathered once.

:class:`EntityView` holds an entity with its figures, its relations both ways (each read from
the entity's side, with its dates), the values sources disagree on and every source cited.
The command line's ``show`` and ``show --json``, the catalogue's entity page and the notebook
display all read it, so that each shows the same things in the same order; how each shows
them is theirs (wording and markup in ``_present``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from eu_iot_coop._model import BY_NAME, SUCCESSION, Citation, Entity, Figure, Relation, Source, Variant
from eu_iot_coop._present import one_line, view_html

from ._results import Step

if TYPE_CHECKING:
    from ._dataset import Dataset

#: Which end of a relation the viewed entity is: its subject (``out``) or its object (``in``).
Side = Literal["out", "in"]

#: The succession predicates as read from the earlier record and from the later one.
_TO_LATER: frozenset[str] = frozenset(SUCCESSION)
_TO_EARLIER: frozenset[str] = frozenset(BY_NAME[name].inverse for name in SUCCESSION)


@attrs.frozen(kw_only=True)
class Related:
    """One relation of the viewed entity: the predicate read from its side, which end it is, the other entity."""

    predicate: str
    direction: Side
    entity: Entity
    relation: Relation


@attrs.frozen(kw_only=True)
class Disagreement:
    """A field sources disagree on: the record's own (preferred) value and the variant's, both typed as the field."""

    record: Entity | Figure | Source
    variant: Variant
    preferred: object
    other: object


@attrs.frozen(kw_only=True, repr=False)
class EntityView:
    """One entity with everything cited about it, in the order every display shows it.

    ``figures`` in record order; ``relations`` by predicate, then the other entity's name and id;
    ``disagreements`` the entity's, then each figure's; ``sources`` every source cited anywhere in
    the view, by id; ``predecessors`` and ``successors`` the records it took over from and that took
    over from it (renamings, mergers, successors), nearest first, as :meth:`Dataset.predecessors` and
    :meth:`Dataset.successors` give them.
    """

    entity: Entity
    figures: tuple[Figure, ...]
    relations: tuple[Related, ...]
    disagreements: tuple[Disagreement, ...]
    sources: tuple[Source, ...]
    predecessors: tuple[Step, ...] = ()
    successors: tuple[Step, ...] = ()

    @property
    def variants(self) -> tuple[Variant, ...]:
        """The other values sources give, one per disagreement."""
        return tuple(disagreement.variant for disagreement in self.disagreements)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Every citation of the view: the entity's, then its figures', its relations' and the variants'."""
        return _citations(self.entity, self.figures, self.relations, self.variants)

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.entity.id, self.entity.name)

    def _repr_html_(self) -> str:
        return view_html(self)


def gather(dataset: Dataset, entity: Entity, sources: Mapping[str, Source]) -> EntityView:
    """The view of *entity* (the dataset's own record), citing *sources* (the dataset's, by id)."""
    figures = dataset.figures(entity)
    # Each side asked for apart, so that a relation of the entity with itself is read once each way.
    sides: tuple[Side, ...] = ("out", "in")
    related = [
        Related(predicate=n.predicate, direction=side, entity=n.entity, relation=n.relation)
        for side in sides
        for n in dataset.neighbours(entity, direction=side)
    ]
    relations = tuple(sorted(related, key=_reading_order))
    read = {r.predicate for r in relations}
    records: list[Entity | Figure] = [entity, *figures]
    variants = [(record, variant) for record in records for variant in dataset.variants(record)]
    disagreements = disagreements_of(variants) if variants else ()
    cited = _citations(entity, figures, relations, tuple(d.variant for d in disagreements))
    used = {citation.source: sources[citation.source] for citation in cited if citation.source in sources}
    return EntityView(
        entity=entity,
        figures=figures,
        relations=relations,
        disagreements=disagreements,
        sources=tuple(sorted(used.values(), key=lambda source: source.id)),
        # Walked only when the entity has a succession of its own: showing any other entity never builds the
        # whole adjacency the walk reads (its own relations were found without it).
        predecessors=dataset.predecessors(entity) if read & _TO_EARLIER else (),
        successors=dataset.successors(entity) if read & _TO_LATER else (),
    )


def _citations(
    entity: Entity, figures: Sequence[Figure], relations: Sequence[Related], variants: Sequence[Variant]
) -> tuple[Citation, ...]:
    return (
        *entity.citations,
        *(c for figure in figures for c in figure.citations),
        *(c for related in relations for c in related.relation.citations),
        *(c for variant in variants for c in variant.citations),
    )


def _reading_order(related: Related) -> tuple[str, str, str]:
    return (related.predicate, related.entity.name, related.entity.id)


def disagreements_of(variants: Sequence[tuple[Entity | Figure | Source, Variant]]) -> tuple[Disagreement, ...]:
    """Each variant beside the record it disputes, both values typed as the field (``Dataset.disagreements``)."""
    # Imported here on purpose: the converter (and cattrs) loads only when there are variants to type.
    from eu_iot_coop._ingest import with_variant

    return tuple(
        Disagreement(
            record=record,
            variant=variant,
            preferred=getattr(record, variant.field),
            other=getattr(with_variant(record, variant.field, variant.value), variant.field),
        )
        for record, variant in variants
    )
