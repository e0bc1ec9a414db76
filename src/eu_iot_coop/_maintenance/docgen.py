"""Generated reference pages: the data dictionary and the list of sources.

Both pages are rendered from the record classes, the predicate vocabulary and a
loaded dataset, so they cannot drift from the code or the data. Rewrite them with
``python -m eu_iot_coop._maintenance.docgen``; ``tests/maintenance/test_docgen.py`` fails when the
committed pages are stale.
"""

from __future__ import annotations

import argparse
import enum
import inspect
import sys
import types
import typing
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from eu_iot_coop._api import load
from eu_iot_coop._model import (
    ENTITY_CLASSES,
    FILE_NAMES,
    PREDICATES,
    AgreementType,
    Citation,
    DocumentType,
    EventType,
    Figure,
    Kind,
    OrganisationCategory,
    PartialDate,
    PlaceType,
    ProgrammeType,
    Qualifier,
    Redirect,
    Relation,
    Source,
    TopicType,
    Variant,
    When,
)
from eu_iot_coop._model import label as record_label
from eu_iot_coop._present import markdown_table, when_text
from eu_iot_coop._query import Dataset

DATA_DICTIONARY: Final = "data-dictionary.md"
SOURCES: Final = "sources.md"
COMMAND: Final = "python -m eu_iot_coop._maintenance.docgen"

#: Every enum a record field can take, in the order the dictionary lists them.
ENUMS: Final[tuple[type[enum.Enum], ...]] = (
    Kind,
    OrganisationCategory,
    PlaceType,
    AgreementType,
    DocumentType,
    ProgrammeType,
    EventType,
    TopicType,
    Qualifier,
)

#: Where one class uses a field name for something else than the others do.
CLASS_FIELD_DESCRIPTIONS: Final[dict[tuple[type[Any], str], str]] = {
    (Variant, "value"): "The other value, written exactly as the record's data file writes that field "
    "(a date string or object, a number, a string, a list): any JSON value but null.",
    (Variant, "note"): "Why the values differ, in our own words, where known.",
    (Variant, "citations"): "The sources that give this other value.",
}

#: What each field means. attrs fields carry no docstrings, so the dictionary keeps them here;
#: ``tests/maintenance/test_docgen.py`` fails when a field has no entry.
FIELD_DESCRIPTIONS: Final[dict[str, str]] = {
    "id": "Lowercase slug, unique across sources, entities and figures.",
    "title": "Official title exactly as published.",
    "title_inferred": "True when the title is not shown on the page but worked out (e.g. from the address).",
    "publisher": "Who published the page.",
    "url": "Address of the page.",
    "published": "When it was published.",
    "updated": "When the page was last updated, if it says so.",
    "retrieved": "When the page was read for this dataset.",
    "description": "Short neutral description in our own words.",
    "copy_of": "For a third-party copy of an official document (e.g. an upload of a Commission communication): "
    "that document's title, reference and publisher.",
    "name": "Preferred name.",
    "acronym": "Acronym or short form, if any.",
    "aliases": "Other names it is known by.",
    "citations": "Where the facts come from: one or more citations.",
    "category": "What sort of body it is.",
    "founded": "When it was founded, inaugurated or set up.",
    "dissolved": "When it ceased to exist.",
    "place_type": "Scale of the place.",
    "iso_3166_1": "ISO 3166-1 alpha-2 country code (countries only); `find` and `search` resolve it.",
    "iso_3166_1_alpha3": "ISO 3166-1 alpha-3 country code (countries only); `find` and `search` resolve it.",
    "m49": "UN M49 area code, where one exists (regions); `find` and `search` resolve it.",
    "agreement_type": "Legal form of the agreement.",
    "signed": "When it was signed or concluded.",
    "expires": "When it expires.",
    "document_type": "Genre of the document.",
    "reference": "Official identifier or number.",
    "programme_type": "What sort of programme or initiative.",
    "started": "When it started.",
    "ended": "When it ended.",
    "grant_number": "Grant agreement number.",
    "event_type": "What sort of event.",
    "topic_type": "What sort of topic.",
    "subject": "Id of the entity the record is about (for relations: the subject).",
    "predicate": "Forward name of a predicate from the vocabulary below.",
    "object": "Id of the entity at the other end of the relation.",
    "start": "When the relation began, if the source dates it.",
    "end": "When the relation ended.",
    "note": "Anything needed to read the record correctly.",
    "quantity": "What is counted or measured.",
    "value": "The number.",
    "unit": "Unit of the value (e.g. `companies`, `EUR`, `years`).",
    "as_of": "Date the value refers to.",
    "qualifier": "How the value relates to the true quantity.",
    "projection": "True for a forecast rather than a measurement.",
    "replaced_by": "Id that replaces the retired one.",
    "reason": "Why the id was retired.",
    "record": "Id of the source, entity or figure whose field the sources disagree on.",
    "field": "Name of that field (any field of its class but `id` and `citations`).",
    "date": "The date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
    "latest": "Upper bound, when the date is known only to lie between `date` and `latest`.",
    "inferred": "True when the source does not state the date and it was worked out.",
    "source": "Id of the cited source.",
    "locator": "Where in the source: section, paragraph, list item or teaser.",
}


def _summary(obj: object) -> str:
    """The first paragraph of a docstring, on one line."""
    doc = inspect.getdoc(obj) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _type_name(annotation: Any) -> str:
    if annotation is Any:
        return "JSON value"
    if annotation is type(None):
        return "null"
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(_type_name(a) for a in args)
    if typing.get_origin(annotation) is tuple:
        return f"list of {_type_name(typing.get_args(annotation)[0])}"
    if annotation is PartialDate:
        return "date"
    if annotation is str:
        return "text"
    if annotation is bool:
        return "boolean"
    if annotation is int:
        return "integer"
    if annotation is float:
        return "number"
    if isinstance(annotation, type):
        return f"`{annotation.__name__}`"
    return str(annotation)


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "required"
    value = field.default
    if value is None:
        shown = "null"
    elif isinstance(value, bool):
        shown = "false" if not value else "true"
    elif isinstance(value, enum.Enum):
        shown = f"`{value.value}`"
    elif value == ():
        shown = "[]"
    elif value == "":
        shown = '""'
    else:
        shown = f"`{value}`"
    return f"default {shown}"


def _fields_table(cls: type[Any]) -> list[str]:
    hints = typing.get_type_hints(cls)
    rows = [
        (
            f"`{f.name}`",
            _type_name(hints[f.name]),
            _default(f),
            CLASS_FIELD_DESCRIPTIONS.get((cls, f.name), FIELD_DESCRIPTIONS.get(f.name, "")),
        )
        for f in attrs.fields(cls)
    ]
    return markdown_table(("field", "type", "required / default", "description"), rows)


def _kinds(kinds: frozenset[Kind]) -> str:
    if kinds == frozenset(Kind):
        return "any"
    if kinds == frozenset(Kind) - {Kind.PERSON}:
        return "any except person"
    return ", ".join(str(kind) for kind in Kind if kind in kinds)


def render_data_dictionary(dataset: Dataset) -> str:
    """The data dictionary: record kinds and their fields, enums, and predicates with an example each."""
    records = dataset.records
    lines = [
        "# Data dictionary",
        "",
        f"Generated by `{COMMAND}` from the record classes, the predicate vocabulary and the bundled data;",
        "do not edit by hand.",
        "",
        "Dates are partial ISO 8601 dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). A date the source states is",
        "written as a string; an inferred one, or one with a note, as a `When` object. A date known only to",
        "lie in a range is a `When` whose `latest` is the upper bound (`date` is the lower one).",
        "",
        "## Record kinds",
        "",
        "Each kind is stored in its own file under `data/`; fields equal to their default are omitted.",
        "",
    ]
    classes: list[tuple[str, type[Any]]] = [("source", Source)]
    classes += [(str(kind), ENTITY_CLASSES[kind]) for kind in Kind]
    classes += [("relation", Relation), ("figure", Figure), ("redirect", Redirect), ("variant", Variant)]
    for kind, cls in classes:
        lines += [f"### {kind}", "", f"Class `{cls.__name__}`, file `{FILE_NAMES[kind]}`. {_summary(cls)}", ""]
        lines += [*_fields_table(cls), ""]
    lines += ["## Value types", ""]
    for cls in (When, Citation):
        lines += [f"### {cls.__name__}", "", _summary(cls), "", *_fields_table(cls), ""]
    lines += ["## Enumerations", ""]
    for enum_cls in ENUMS:
        lines += [f"### {enum_cls.__name__}", "", _summary(enum_cls), ""]
        lines += [*markdown_table(("value",), ((f"`{member.value}`",) for member in enum_cls)), ""]
    examples: dict[str, Relation] = {}
    for relation in sorted(records.relations, key=lambda r: (r.subject, r.predicate, r.object)):
        examples.setdefault(relation.predicate, relation)
    lines += [
        "## Predicates",
        "",
        "Relations use the forward name; queries accept either name. Domain and range are the kinds of",
        "entity allowed as subject and object.",
        "",
    ]
    rows = []
    for predicate in PREDICATES:
        example = examples.get(predicate.name)
        shown = f"`{example.subject}` {predicate.name} `{example.object}`" if example else "no example yet"
        rows.append(
            (
                f"`{predicate.name}`",
                f"`{predicate.inverse}`",
                _kinds(predicate.domain),
                _kinds(predicate.range),
                predicate.description,
                shown,
            )
        )
    lines += [*markdown_table(("predicate", "inverse", "domain", "range", "description", "example"), rows), ""]
    return "\n".join(lines)


def _when(when: When | None) -> str:
    return "not stated" if when is None else when_text(when)


def citing_counts(dataset: Dataset) -> dict[str, Counter[str]]:
    """For each source id, how many records of each type cite it (a record counts once per source)."""
    counts: dict[str, Counter[str]] = {source.id: Counter() for source in dataset.records.sources}
    records = dataset.records
    cited: Iterable[Any] = (*records.entities, *records.relations, *records.figures, *records.variants)
    for record in cited:
        label = record_label(record)
        for source in {c.source for c in record.citations}:
            counts.setdefault(source, Counter())[label] += 1
    return counts


def render_sources(dataset: Dataset) -> str:
    """The sources page: each source with its metadata and how many records cite it."""
    counts = citing_counts(dataset)
    lines = [
        "# Sources",
        "",
        f"Generated by `{COMMAND}` from the bundled data; do not edit by hand.",
        "",
        "Every entity, relation, figure and variant cites at least one of these pages. Dates say whether the",
        "page states them or they were inferred. A page that is a third-party copy of an official document",
        "says which.",
        "",
    ]
    for source in sorted(dataset.records.sources, key=lambda s: s.id):
        title = f"{source.title} (title inferred)" if source.title_inferred else source.title
        per_type = counts.get(source.id, Counter())
        breakdown = ", ".join(f"{n} {label}" for label, n in sorted(per_type.items()))
        rows = [
            ("id", f"`{source.id}`"),
            ("title", title),
            ("publisher", source.publisher),
            ("address", f"<{source.url}>"),
            ("published", _when(source.published)),
            ("updated", _when(source.updated)),
            ("retrieved", str(source.retrieved)),
            ("records citing it", f"{per_type.total()} ({breakdown})" if per_type else "0"),
        ]
        if source.description:
            rows.append(("description", source.description))
        if source.copy_of:
            rows.append(("a copy of", source.copy_of))
        # The explicit label (the source's id) is the anchor the catalogue's citations link to.
        lines += [f"({source.id})=", f"## {title}", "", *markdown_table(("", ""), rows), ""]
    return "\n".join(lines)


def render_all(dataset: Dataset) -> dict[str, str]:
    """Every generated page by file name."""
    return {DATA_DICTIONARY: render_data_dictionary(dataset), SOURCES: render_sources(dataset)}


def write(docs_dir: Path, dataset: Dataset) -> list[Path]:
    """(Re)write the generated pages in ``docs_dir``; returns the files that changed."""
    changed = []
    for name, text in render_all(dataset).items():
        path = docs_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(path)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: rewrite the generated pages from the bundled data."""
    parser = argparse.ArgumentParser(
        prog=COMMAND, description="Regenerate docs/data-dictionary.md and docs/sources.md."
    )
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="docs directory (default: ./docs)")
    args = parser.parse_args(argv)
    for path in write(args.docs, load()):
        print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
