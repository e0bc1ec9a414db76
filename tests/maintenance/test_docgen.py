"""The generated reference pages: up to date, complete, and well-formed."""

from __future__ import annotations

import enum
import typing
from pathlib import Path

import attrs
import pytest

import eu_iot_coop
from eu_iot_coop import (
    PREDICATES,
    Citation,
    Dataset,
    Event,
    EventType,
    Figure,
    Organisation,
    OrganisationCategory,
    Records,
    Redirect,
    Relation,
    Source,
    Variant,
    When,
)
from eu_iot_coop._maintenance.docgen import (
    COMMAND,
    ENUMS,
    citing_counts,
    render_all,
    render_data_dictionary,
    render_sources,
    write,
)
from eu_iot_coop._model import DESCRIPTION, ENTITY_CLASSES

DOCS = Path(__file__).resolve().parents[2] / "docs"
RECORD_CLASSES = (Source, *ENTITY_CLASSES.values(), Relation, Figure, Redirect, When, Citation)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    """The bundled dataset."""
    return eu_iot_coop.load()


@pytest.mark.parametrize("name", ["data-dictionary.md", "sources.md"])
def test_committed_pages_are_current(ds: Dataset, name: str) -> None:
    """The committed page equals a fresh rendering from the code and the bundled data."""
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == render_all(ds)[name], f"docs/{name} is stale: regenerate it with `{COMMAND}`"


def test_every_field_has_a_description(ds: Dataset) -> None:
    """Each field of each record and value class says what it means, and the dictionary shows it."""
    missing = sorted(
        f"{cls.__name__}.{f.name}"
        for cls in (*RECORD_CLASSES, Variant)
        for f in attrs.fields(cls)
        if not f.metadata.get(DESCRIPTION, "").strip()
    )
    assert missing == [], f"describe these fields with attrs.field(metadata=described(...)): {missing}"
    text = render_data_dictionary(ds)
    for cls in (*RECORD_CLASSES, Variant):
        for f in attrs.fields(cls):
            assert f"| `{f.name}` |" in text
            assert " ".join(f.metadata[DESCRIPTION].split()).replace("|", "\\|") in text


def test_every_field_enum_is_listed() -> None:
    """Each enum a field can hold appears among the documented enumerations."""
    used = set()
    for cls in RECORD_CLASSES:
        for annotation in typing.get_type_hints(cls).values():
            used |= {a for a in (annotation, *typing.get_args(annotation)) if isinstance(a, enum.EnumMeta)}
    assert used - set(ENUMS) == set()


def test_dictionary_lists_every_predicate_and_enum_value(ds: Dataset) -> None:
    """Every predicate with its inverse, and every enum value, appears in the data dictionary."""
    text = render_data_dictionary(ds)
    for predicate in PREDICATES:
        assert f"| `{predicate.name}` | `{predicate.inverse}` |" in text
    for enum_cls in ENUMS:
        assert f"### {enum_cls.__name__}" in text
        for member in enum_cls:
            assert f"| `{member.value}` |" in text


def test_predicates_without_relations_say_so() -> None:
    """With no relations, every predicate shows 'no example yet'."""
    text = render_data_dictionary(Dataset(Records()))
    assert text.count("no example yet") == len(PREDICATES)


def test_example_comes_from_the_data() -> None:
    """A predicate's example is a relation of the dataset."""
    cite = (Citation("s", "p1"),)
    body = Organisation(id="x-body", name="X", description="d", citations=cite, category=OrganisationCategory.OTHER)
    event = Event(id="y-event", name="Y", description="d", citations=cite, event_type=EventType.OTHER)
    relation = Relation(subject="x-body", predicate="chairs", object="y-event", citations=cite)
    text = render_data_dictionary(Dataset(Records(entities=(body, event), relations=(relation,))))
    assert "`x-body` chairs `y-event`" in text
    assert text.count("no example yet") == len(PREDICATES) - 1


def test_table_cells_escape_pipes() -> None:
    """A pipe in a description cannot break the sources table."""
    source = Source(id="s", title="A | B", publisher="P", url="u", retrieved=eu_iot_coop.PartialDate(2026))
    text = render_sources(Dataset(Records(sources=(source,))))
    assert "| title | A \\| B |" in text


def test_citing_counts_count_each_record_once(ds: Dataset) -> None:
    """Per source, the counts add up to the number of records that cite it."""
    counts = citing_counts(ds)
    records = (*ds.records.entities, *ds.records.relations, *ds.records.figures, *ds.records.variants)
    for source in ds.records.sources:
        expected = sum(1 for r in records if any(c.source == source.id for c in r.citations))
        assert counts[source.id].total() == expected


def test_write_reports_only_changed_files(tmp_path: Path, ds: Dataset) -> None:
    """The first write creates both pages; a second one changes nothing."""
    assert {p.name for p in write(tmp_path, ds)} == {"data-dictionary.md", "sources.md"}
    assert write(tmp_path, ds) == []


def test_dictionary_says_how_each_predicate_is_treated(ds: Dataset) -> None:
    """Each predicate's group and rules come from its vocabulary entry: a hierarchical one must not cycle."""
    text = render_data_dictionary(ds)
    for predicate in PREDICATES:
        (row,) = [
            line for line in text.splitlines() if line.startswith(f"| `{predicate.name}` | {predicate.group.name} |")
        ]
        assert ("must not cycle" in row) == predicate.hierarchical
        assert ("a role held over time" in row) == predicate.role
        assert ("the timeline shows it" in row) == (predicate.fold is not None)
