"""The gathered view of one entity: what show, show --json, the catalogue page and notebooks all read."""

from __future__ import annotations

import attrs
from hypothesis import given

import eu_iot_coop
from eu_iot_coop import Dataset, Figure, When
from eu_iot_coop._ingest import with_variant
from eu_iot_coop._present import name_text
from eu_iot_coop.strategies import datasets

from ..model.test_display import assert_safe
from ..strategies import BY_NAME


@given(ds=datasets(max_entities=6, max_relations=8, max_figures=3, max_variants=3))
def test_a_view_gathers_every_record_about_its_entity(ds: Dataset) -> None:
    """Each relation both ways once, read from the entity; its figures; every variant; exactly the sources cited."""
    sources = {source.id: source for source in ds.records.sources}
    for entity in ds.entities():
        view = ds.view(entity.id)
        assert view.entity == entity
        assert view.figures == tuple(f for f in ds.records.figures if f.subject == entity.id)
        # A relation of the entity with itself is read from both of its ends.
        ends = [(r.key, "out") for r in ds.records.relations if r.subject == entity.id]
        ends += [(r.key, "in") for r in ds.records.relations if r.object == entity.id]
        assert sorted((r.relation.key, r.direction) for r in view.relations) == sorted(ends)
        for related in view.relations:
            relation = related.relation
            if related.direction == "out":
                assert (relation.subject, related.predicate) == (entity.id, relation.predicate)
                assert related.entity.id == relation.object
            else:
                assert (relation.object, related.predicate) == (entity.id, BY_NAME[relation.predicate].inverse)
                assert related.entity.id == relation.subject
        order = [(r.predicate, r.entity.name, r.entity.id) for r in view.relations]
        assert order == sorted(order)
        about = {entity.id, *(f.id for f in view.figures)}
        assert sorted(v.id for v in view.variants) == sorted(v.id for v in ds.records.variants if v.record in about)
        cited = {c.source for c in view.citations}
        assert [s.id for s in view.sources] == sorted(cited & sources.keys())


@given(ds=datasets(max_entities=5, max_relations=6, max_figures=3, max_variants=3))
def test_a_disagreement_holds_both_values_typed_as_the_field(ds: Dataset) -> None:
    """The preferred value is the record's own; the other is the variant's value read as the field's type."""
    for entity in ds.entities():
        for disagreement in ds.view(entity).disagreements:
            record, variant = disagreement.record, disagreement.variant
            assert variant.record == record.id
            assert disagreement.preferred == getattr(record, variant.field)
            assert disagreement.other == getattr(with_variant(record, variant.field, variant.value), variant.field)
            assert disagreement.other != disagreement.preferred


def test_a_figure_disagreement_in_the_bundled_data_is_a_date() -> None:
    """Eyes of Things' end date is disputed: both values are dates, not the JSON the variant is written in."""
    view = eu_iot_coop.load().view("eyes-of-things")
    ended = next(d for d in view.disagreements if d.variant.field == "ended")
    assert isinstance(ended.preferred, When)
    assert isinstance(ended.other, When)
    assert str(ended.other.date) == "2018-01"


def test_the_view_follows_a_retired_id_and_accepts_the_entity() -> None:
    """view() takes what get() takes: an id, a name's entity, and a record of the dataset."""
    ds = eu_iot_coop.load()
    assert ds.view(ds.get("aioti")) == ds.view("aioti")
    assert repr(ds.view("aioti")) == "EntityView('aioti', 'Alliance for Internet of Things Innovation')"


def test_the_notebook_view_shows_every_relation_and_figure() -> None:
    """The view's HTML names each related entity and each figure, and is safe HTML."""
    ds = eu_iot_coop.load()
    for entity_id in ("aioti", "eyes-of-things", "japan"):
        view = ds.view(entity_id)
        page = view._repr_html_()
        assert_safe(page)
        for related in view.relations:
            assert f"<code>{related.entity.id}</code>" in page
        for figure in view.figures:
            assert isinstance(figure, Figure)
            assert figure.quantity.replace("&", "&amp;") in page
        assert ("Sources disagree" in page) == bool(view.disagreements)


@given(ds=datasets(max_entities=4, max_relations=4, max_figures=2, max_variants=2))
def test_the_notebook_view_is_safe_whatever_the_data_holds(ds: Dataset) -> None:
    """Generated names, notes and locators never open a tag in the view's HTML."""
    for entity in ds.entities():
        assert_safe(ds.view(entity)._repr_html_(), entity.name)


def test_a_name_is_not_repeated_as_its_acronym() -> None:
    """An acronym equal to the name is not shown twice (show's heading and the catalogue agree)."""
    entity = eu_iot_coop.load().get("aioti")
    assert name_text(entity) == "Alliance for Internet of Things Innovation (AIOTI)"
    assert name_text(attrs.evolve(entity, acronym=entity.name)) == entity.name
