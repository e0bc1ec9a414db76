"""The dataset as RDF: one description per resource, shared by the JSON-LD and Turtle writers.

Vocabularies: W3C ORG for organisations and membership, Dublin Core terms for
titles, dates, identifiers and sources, PROV-O for provenance. Every relation
is stated directly (``record:aioti eic:member_of record:x``) and also reified as a
``rdf:Statement`` of its own, which carries its dates, note and citations
(``prov:wasDerivedFrom`` each source; one ``eic:citation`` node per citation
keeps the locator). A date field ``founded`` is ``eic:founded_date``, typed by its
precision, with ``eic:founded_latest`` for the upper bound of a date known only
as a range, ``eic:founded_inferred`` and ``eic:founded_note``: the ``_date`` suffix keeps a
date apart from the relation of the same name (``eic:founded`` links a founder to what it
founded), so that every property has one kind of object, literals or resources. A variant, a value
another source gives for a field of a record, is an ``eic:Variant`` naming the record
(``eic:record``), the field (``eic:field``) and the value (``rdf:value``, typed as the
field is: a date by its precision, with ``eic:value_latest`` and the like for a date
object; one ``rdf:value`` per item of a list), with its note and citations. An entity's names in
other languages are language-tagged ``skos:altLabel`` literals and ``eic:name_in_language`` nodes;
each identifier is an ``eic:identifier`` node with ``eic:scheme``, ``rdf:value``, ``eic:url`` where
its scheme has a registry, and its citations. The export itself is a ``dcat:Dataset`` (see
:func:`describe_dataset`) carrying the provenance. The package's own
terms live under :data:`BASE`, a namespace rather than an address that resolves.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Final, TypeAlias

import attrs

from eu_iot_coop._ingest import with_variant
from eu_iot_coop._model import (
    BY_NAME,
    KINDS,
    SCHEMES_BY_NAME,
    Citation,
    Entity,
    Figure,
    Identifier,
    LanguageName,
    PartialDate,
    Redirect,
    Relation,
    Source,
    Variant,
    When,
)
from eu_iot_coop._query import Dataset, Provenance

BASE: Final = "https://w3id.org/eu-iot-coop/"

#: The ``dcterms:title`` of the dataset node.
DATASET_TITLE: Final = "EU international cooperation on the Internet of Things: a cited knowledge graph"

#: Prefixes used by both RDF exports, the same as in the shipped ``context.jsonld``.
PREFIXES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "dataset": f"{BASE}dataset/",
        "dcat": "http://www.w3.org/ns/dcat#",
        "dcterms": "http://purl.org/dc/terms/",
        "eic": f"{BASE}vocab/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "org": "http://www.w3.org/ns/org#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "prov": "http://www.w3.org/ns/prov#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        # Not "id": beside JSON-LD's "@id" (often aliased "id") that prefix would read as a keyword.
        "record": f"{BASE}id/",
        "rel": f"{BASE}relation/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }
)


@attrs.frozen(order=True)
class IRI:
    """A resource, written as a prefixed name such as ``record:aioti``."""

    name: str


@attrs.frozen
class Literal:
    """A value; ``datatype`` is a prefixed name, or ``None`` for a plain string, boolean or number.

    ``language`` is the BCP 47 tag of a string in a language (``"IoT推進コンソーシアム"@ja``), else ``None``.
    """

    value: str | bool | int | float
    datatype: str | None = None
    language: str | None = None


@attrs.frozen
class Blank:
    """An anonymous resource described in place (a citation)."""

    properties: tuple[tuple[str, Term], ...]


Term: TypeAlias = IRI | Literal | Blank


@attrs.frozen
class Description:
    """Everything said about one resource, properties in a fixed order."""

    subject: IRI
    properties: tuple[tuple[str, Term], ...]


_DATE_TYPES: Final = {"year": "xsd:gYear", "month": "xsd:gYearMonth", "day": "xsd:date"}


def date_literal(date: PartialDate) -> Literal:
    """A partial date as ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``."""
    return Literal(str(date), _DATE_TYPES[date.precision])


def date_property(field: str) -> str:
    """The property of a date field: ``eic:founded_date``, never ``eic:founded``, which is a relation."""
    return f"eic:{field}_date"


def entity_iri(identifier: str) -> IRI:
    """The IRI of an entity, source or figure (ids are unique across record types)."""
    return IRI(f"record:{identifier}")


def relation_iri(relation: Relation) -> IRI:
    """The IRI of a relation's reified statement."""
    return IRI(f"rel:{relation.key}")


class _Builder:
    def __init__(self) -> None:
        self.properties: list[tuple[str, Term]] = []

    def add(self, predicate: str, term: Term) -> None:
        self.properties.append((predicate, term))

    def text(self, predicate: str, value: str | None) -> None:
        if value:
            self.add(predicate, Literal(value))

    def when(self, name: str, when: When | None) -> None:
        if when is None:
            return
        self.add(date_property(name), date_literal(when.date))
        if when.latest is not None:
            self.add(f"eic:{name}_latest", date_literal(when.latest))
        if when.inferred:
            self.add(f"eic:{name}_inferred", Literal(True))
        self.text(f"eic:{name}_note", when.note)

    def citations(self, citations: tuple[Citation, ...]) -> None:
        for source in sorted({citation.source for citation in citations}):
            self.add("prov:wasDerivedFrom", entity_iri(source))
        for node in _citation_nodes(citations):
            self.add("eic:citation", node)

    def done(self, subject: IRI) -> Description:
        return Description(subject, tuple(self.properties))


def _citation_nodes(citations: tuple[Citation, ...]) -> Iterator[Blank]:
    for position, citation in enumerate(citations, start=1):
        yield Blank(
            (
                ("rdf:type", IRI("eic:Citation")),
                ("dcterms:source", entity_iri(citation.source)),
                ("eic:locator", Literal(citation.locator)),
                ("eic:position", Literal(position)),
            )
        )


def _names_in_languages(builder: _Builder, names: tuple[LanguageName, ...]) -> None:
    # Each name twice: a language-tagged skos:altLabel for any reader, and a node of its own with its citations.
    for tagged in names:
        builder.add("skos:altLabel", Literal(tagged.name, language=tagged.language))
    for position, tagged in enumerate(names, start=1):
        properties: list[tuple[str, Term]] = [
            ("rdf:type", IRI("eic:LanguageName")),
            ("rdfs:label", Literal(tagged.name, language=tagged.language)),
            ("dcterms:language", Literal(tagged.language)),
            ("eic:position", Literal(position)),
        ]
        properties += [("eic:citation", node) for node in _citation_nodes(tagged.citations)]
        builder.add("eic:name_in_language", Blank(tuple(properties)))


def _identifiers(builder: _Builder, identifiers: tuple[Identifier, ...]) -> None:
    for position, identifier in enumerate(identifiers, start=1):
        properties: list[tuple[str, Term]] = [
            ("rdf:type", IRI("eic:Identifier")),
            ("eic:scheme", Literal(identifier.scheme)),
            ("rdf:value", Literal(identifier.value)),
            ("eic:position", Literal(position)),
        ]
        scheme = SCHEMES_BY_NAME.get(identifier.scheme)
        address = None if scheme is None else scheme.link(identifier.value)
        if address is not None:
            properties.append(("eic:url", Literal(address, "xsd:anyURI")))
        properties += [("eic:citation", node) for node in _citation_nodes(identifier.citations)]
        builder.add("eic:identifier", Blank(tuple(properties)))


def _plain_field(builder: _Builder, name: str, value: object) -> None:
    if value is None or value == "" or value == ():
        return
    if isinstance(value, When):
        builder.when(name, value)
    elif isinstance(value, PartialDate):
        builder.add(date_property(name), date_literal(value))
    elif isinstance(value, enum.Enum):
        builder.add(f"eic:{name}", Literal(str(value.value)))
    elif isinstance(value, bool | int | float | str):
        builder.add(f"eic:{name}", Literal(value))
    else:  # pragma: no cover - every field type is handled above
        raise TypeError(f"cannot describe field {name!r} of type {type(value).__name__}")


# Entity fields written with standard terms rather than as eic:<field>.
_SHARED_FIELDS: Final = frozenset(
    {"id", "name", "acronym", "aliases", "names_in_languages", "identifiers", "description", "citations", "title"}
)
# Entity fields holding another entity's id, written as that entity's IRI (an event's series).
_ENTITY_REFERENCES: Final = frozenset({"series"})


def describe_entity(entity: Entity) -> Description:
    """An entity: its classes, labels, identifier, kind-specific fields and citations."""
    builder = _Builder()
    kind = KINDS[entity.kind]
    for rdf_class in (kind.rdf_class, *kind.rdf_types, "prov:Entity"):
        builder.add("rdf:type", IRI(rdf_class))
    builder.add("dcterms:identifier", Literal(entity.id))
    builder.add("rdfs:label", Literal(entity.name))
    builder.add("skos:prefLabel", Literal(entity.name))
    builder.text("eic:acronym", entity.acronym)
    for alias in entity.aliases:
        builder.add("skos:altLabel", Literal(alias))
    _names_in_languages(builder, entity.names_in_languages)
    _identifiers(builder, entity.identifiers)
    builder.add("dcterms:description", Literal(entity.description))
    title = getattr(entity, "title", None)
    builder.text("dcterms:title", title)
    if entity.start is not None:
        builder.add("dcterms:date", date_literal(entity.start.date))
    for field in attrs.fields(type(entity)):
        value = getattr(entity, field.name)
        if field.name in _ENTITY_REFERENCES:
            if value is not None:
                builder.add(f"eic:{field.name}", entity_iri(value))
        elif field.name not in _SHARED_FIELDS:
            _plain_field(builder, field.name, value)
    builder.citations(entity.citations)
    return builder.done(entity_iri(entity.id))


def describe_source(source: Source) -> Description:
    """A source: a bibliographic resource with title, publisher, address and dates."""
    builder = _Builder()
    builder.add("rdf:type", IRI("dcterms:BibliographicResource"))
    builder.add("rdf:type", IRI("eic:Source"))
    builder.add("rdf:type", IRI("prov:Entity"))
    builder.add("dcterms:identifier", Literal(source.id))
    builder.add("dcterms:title", Literal(source.title))
    if source.title_inferred:
        builder.add("eic:title_inferred", Literal(True))
    builder.add("dcterms:publisher", Literal(source.publisher))
    builder.add("eic:url", Literal(source.url, "xsd:anyURI"))
    if source.published is not None:
        builder.add("dcterms:date", date_literal(source.published.date))
    builder.when("published", source.published)
    builder.when("updated", source.updated)
    builder.add(date_property("retrieved"), date_literal(source.retrieved))
    builder.text("dcterms:description", source.description)
    return builder.done(entity_iri(source.id))


def describe_relation(relation: Relation) -> Description:
    """A relation reified: subject, predicate, object, dates, note and citations."""
    builder = _Builder()
    builder.add("rdf:type", IRI("rdf:Statement"))
    builder.add("rdf:type", IRI("eic:Relation"))
    builder.add("rdf:type", IRI("prov:Entity"))
    builder.add("dcterms:identifier", Literal(relation.key))
    builder.add("rdf:subject", entity_iri(relation.subject))
    builder.add("rdf:predicate", IRI(BY_NAME[relation.predicate].rdf_term))
    builder.add("rdf:object", entity_iri(relation.object))
    builder.when("start", relation.start)
    builder.when("end", relation.end)
    if relation.on_behalf_of is not None:
        builder.add("eic:on_behalf_of", entity_iri(relation.on_behalf_of))
    builder.text("eic:note", relation.note)
    builder.citations(relation.citations)
    return builder.done(relation_iri(relation))


def describe_figure(figure: Figure) -> Description:
    """A figure: the quantity, value, unit and date it applies to, and its citations."""
    builder = _Builder()
    builder.add("rdf:type", IRI("eic:Figure"))
    builder.add("rdf:type", IRI("prov:Entity"))
    builder.add("dcterms:identifier", Literal(figure.id))
    builder.add("eic:subject", entity_iri(figure.subject))
    builder.add("eic:quantity", Literal(figure.quantity))
    builder.add("rdf:value", Literal(figure.value))
    builder.add("eic:unit", Literal(figure.unit))
    builder.when("as_of", figure.as_of)
    builder.add("eic:qualifier", Literal(figure.qualifier.value))
    builder.add("eic:projection", Literal(figure.projection))
    builder.text("eic:note", figure.note)
    builder.citations(figure.citations)
    return builder.done(entity_iri(figure.id))


def describe_redirect(redirect: Redirect) -> Description:
    """A retired id, replaced by another."""
    builder = _Builder()
    builder.add("rdf:type", IRI("eic:RetiredId"))
    builder.add("dcterms:identifier", Literal(redirect.id))
    builder.add("dcterms:isReplacedBy", entity_iri(redirect.replaced_by))
    builder.add("eic:reason", Literal(redirect.reason))
    return builder.done(entity_iri(redirect.id))


def describe_variant(variant: Variant, target: Source | Entity | Figure) -> Description:
    """A variant: the record and field it concerns, the other value typed as that field is, its note and citations."""
    builder = _Builder()
    builder.add("rdf:type", IRI("eic:Variant"))
    builder.add("rdf:type", IRI("prov:Entity"))
    builder.add("dcterms:identifier", Literal(variant.id))
    builder.add("eic:record", entity_iri(variant.record))
    builder.add("eic:field", Literal(variant.field))
    value = getattr(with_variant(target, variant.field, variant.value), variant.field)
    if isinstance(value, When):
        builder.add("rdf:value", date_literal(value.date))
        if value.latest is not None:
            builder.add("eic:value_latest", date_literal(value.latest))
        if value.inferred:
            builder.add("eic:value_inferred", Literal(True))
        builder.text("eic:value_note", value.note)
    elif isinstance(value, tuple):
        for item in value:
            # A name in another language or an identifier is written as the JSON its data file holds.
            shown = json.dumps(attrs.asdict(item), ensure_ascii=False) if attrs.has(type(item)) else item
            builder.add("rdf:value", Literal(shown))
    elif isinstance(value, PartialDate):
        builder.add("rdf:value", date_literal(value))
    elif isinstance(value, enum.Enum):
        builder.add("rdf:value", Literal(str(value.value)))
    else:
        builder.add("rdf:value", Literal(value))
    builder.text("eic:note", variant.note)
    builder.citations(variant.citations)
    return builder.done(entity_iri(variant.id))


def dataset_iri(provenance: Provenance) -> IRI:
    """The IRI of the dataset an export describes, named by its fingerprint: the same content, the same IRI."""
    return IRI(f"dataset:{provenance.fingerprint}")


def describe_dataset(provenance: Provenance, sources: tuple[Source, ...]) -> Description:
    """The export as a ``dcat:Dataset``: version, fingerprint, the package that wrote it, the sources it comes from."""
    builder = _Builder()
    builder.add("rdf:type", IRI("dcat:Dataset"))
    builder.add("rdf:type", IRI("prov:Entity"))
    builder.add("dcterms:title", Literal(DATASET_TITLE))
    if provenance.data_version is not None:
        builder.add("owl:versionInfo", Literal(provenance.data_version))
        builder.add("dcat:version", Literal(provenance.data_version))
    builder.add("eic:fingerprint", Literal(provenance.fingerprint))
    software = Blank(
        (
            ("rdf:type", IRI("prov:SoftwareAgent")),
            ("rdfs:label", Literal("eu_iot_coop")),
            ("owl:versionInfo", Literal(provenance.package_version)),
        )
    )
    builder.add(
        "prov:wasGeneratedBy", Blank((("rdf:type", IRI("prov:Activity")), ("prov:wasAssociatedWith", software)))
    )
    for source in sources:
        builder.add("prov:wasDerivedFrom", entity_iri(source.id))
    return builder.done(dataset_iri(provenance))


def _direct_statements(dataset: Dataset) -> dict[IRI, list[tuple[str, Term]]]:
    kinds = {entity.id: entity.kind for entity in dataset.records.entities}
    direct: dict[IRI, list[tuple[str, Term]]] = {}
    for relation in dataset.records.relations:
        statements = direct.setdefault(entity_iri(relation.subject), [])
        target = entity_iri(relation.object)
        predicate = BY_NAME[relation.predicate]
        statements.append((predicate.rdf_term, target))
        standard = predicate.rdf
        if (
            standard is not None
            and kinds.get(relation.subject) in standard.subjects
            and kinds.get(relation.object) in standard.objects
        ):
            # Both directions: a standard vocabulary's inverse properties are not inferred by every reader.
            statements.append((standard.property, target))
            direct.setdefault(target, []).append((standard.inverse, entity_iri(relation.subject)))
    return direct


def describe(dataset: Dataset) -> Iterator[Description]:
    """Every resource of the dataset, sorted by IRI; each relation also as a direct triple on its subject."""
    records = dataset.records
    direct = _direct_statements(dataset)
    described = [describe_dataset(dataset.provenance(), records.sources)]
    for entity in records.entities:
        base = describe_entity(entity)
        extra = tuple(sorted(direct.pop(base.subject, []), key=lambda item: (item[0], _term_key(item[1]))))
        described.append(Description(base.subject, base.properties + extra))
    described.extend(describe_source(source) for source in records.sources)
    described.extend(describe_figure(figure) for figure in records.figures)
    described.extend(describe_redirect(redirect) for redirect in records.redirects)
    if records.variants:
        targets: dict[str, Source | Entity | Figure] = {source.id: source for source in records.sources}
        targets.update((entity.id, entity) for entity in records.entities)
        targets.update((figure.id, figure) for figure in records.figures)
        described.extend(describe_variant(variant, targets[variant.record]) for variant in records.variants)
    described.extend(describe_relation(relation) for relation in records.relations)
    yield from sorted(described, key=lambda description: description.subject.name)


def _term_key(term: Term) -> str:
    return term.name if isinstance(term, IRI) else repr(term)
