"""The records of the cooperation graph: immutable, slotted, fully typed.

Entities are the nodes (organisations, people, places, agreements, ...);
relations are typed edges between them; figures are quantities about an
entity; sources are the pages everything is cited to. Links between records
are ids, never object references, so every record is a plain value.
"""

from __future__ import annotations

import enum
import operator
import re
import types
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Final, TypeAlias

import attrs

from eu_iot_coop._present import one_line, record_html

from ._dates import PartialDate

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not ID_PATTERN.fullmatch(value):
        raise ValueError(f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'aioti'")


def check_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not visible(value):
        raise ValueError(f"{attribute.name} must not be empty or made only of spaces and invisible characters")


# Characters that show nothing though they are not whitespace to str.strip: fillers and the blank braille cell.
_BLANK_LETTERS: Final = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Unicode categories that draw nothing on their own: controls, format characters (zero-width space and joiners,
# bidi marks), unassigned and private-use code points, separators, and combining marks.
_INVISIBLE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})


def visible(text: str) -> bool:
    """Whether *text* shows at least one character: not empty, not only spaces, zero-width or other invisibles."""
    if text.isascii():
        return bool(text.strip())
    return any(ch not in _BLANK_LETTERS and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES for ch in text)


class Kind(enum.StrEnum):
    """The kinds of entity: the node types of the graph."""

    ORGANISATION = "organisation"
    PERSON = "person"
    PLACE = "place"
    AGREEMENT = "agreement"
    DOCUMENT = "document"
    PROGRAMME = "programme"
    PROJECT = "project"
    STANDARD = "standard"
    EVENT = "event"
    TOPIC = "topic"


class OrganisationCategory(enum.StrEnum):
    """What sort of body an organisation is."""

    EU_INSTITUTION = "eu_institution"
    COMMISSION_SERVICE = "commission_service"
    EU_BODY = "eu_body"
    NATIONAL_MINISTRY = "national_ministry"
    NATIONAL_AGENCY = "national_agency"
    GOVERNMENT_DIVISION = "government_division"
    INDUSTRY_ALLIANCE = "industry_alliance"
    CONSORTIUM = "consortium"
    TRADE_ASSOCIATION = "trade_association"
    STANDARDS_BODY = "standards_body"
    RESEARCH_CLUSTER = "research_cluster"
    WORKING_GROUP = "working_group"
    TEAM = "team"
    COMPANY = "company"
    OTHER = "other"


class PlaceType(enum.StrEnum):
    """Scale of a place."""

    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    BUILDING = "building"


class AgreementType(enum.StrEnum):
    """Legal form of an agreement."""

    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"
    COOPERATION_AGREEMENT = "cooperation_agreement"
    OTHER = "other"


class DocumentType(enum.StrEnum):
    """Genre of a document."""

    COMMUNICATION = "communication"
    STRATEGY = "strategy"
    STAFF_WORKING_DOCUMENT = "staff_working_document"
    PRESS_RELEASE = "press_release"
    POLICY_PAPER = "policy_paper"
    COMMON_STATEMENT = "common_statement"
    STUDY = "study"
    LEGISLATION = "legislation"
    WEB_PAGE = "web_page"
    NEWS_ITEM = "news_item"
    BLOG_POST = "blog_post"
    OTHER = "other"


class ProgrammeType(enum.StrEnum):
    """What sort of programme or initiative."""

    FUNDING_PROGRAMME = "funding_programme"
    FLAGSHIP_INITIATIVE = "flagship_initiative"
    POLICY_INITIATIVE = "policy_initiative"
    ACTION = "action"
    OTHER = "other"


class EventType(enum.StrEnum):
    """What sort of event."""

    TRADE_FAIR = "trade_fair"
    CONGRESS = "congress"
    CONFERENCE = "conference"
    WEEK = "week"
    CEREMONY = "ceremony"
    SYMPOSIUM = "symposium"
    OTHER = "other"


class TopicType(enum.StrEnum):
    """What sort of topic."""

    TECHNOLOGY = "technology"
    APPLICATION_AREA = "application_area"
    POLICY_AREA = "policy_area"
    OBJECTIVE = "objective"
    PILLAR = "pillar"
    SOCIETAL_CHALLENGE = "societal_challenge"
    OTHER = "other"


class Qualifier(enum.StrEnum):
    """How a figure's value relates to the true quantity."""

    EXACT = "exact"
    APPROXIMATELY = "approximately"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"


def _check_latest(instance: When, attribute: attrs.Attribute[PartialDate | None], value: PartialDate | None) -> None:
    if value is not None and not latest_in_order(instance.date, value):
        raise ValueError(f"'latest' ({value}) is before 'date' ({instance.date})")


def latest_in_order(date: PartialDate, latest: PartialDate) -> bool:
    """Whether *latest* can bound *date* from above: it must not end before *date* begins.

    Partial dates are ranges of days, so ``2012-09`` up to ``2012`` is a valid
    (September to December) range, as is ``2012`` up to ``2012-06``.
    """
    return latest.latest() >= date.earliest()


@attrs.frozen
class When:
    """A date together with how we know it.

    ``inferred`` is true when the source does not state the date and it was
    worked out from other evidence; ``note`` says how. ``latest``, when set,
    means the date is known only to lie between ``date`` and ``latest``
    (e.g. a page dated ``2012-09`` to ``2013``); it must not end before ``date``.
    """

    date: PartialDate
    # Keyword-only so that When(date, inferred, note) keeps its meaning; declared here so it is
    # written right after "date" in the canonical object form.
    latest: PartialDate | None = attrs.field(default=None, kw_only=True, validator=_check_latest)
    inferred: bool = False
    note: str = ""


@attrs.frozen
class Citation:
    """A pointer into a source: the source's id and where in it (section, paragraph, list item)."""

    source: str = attrs.field(validator=check_id)
    locator: str = attrs.field(validator=check_text)


Citations: TypeAlias = tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Source:
    """A page or document the data is cited to."""

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    title_inferred: bool = False
    publisher: str = attrs.field(validator=check_text)
    url: str = attrs.field(validator=check_text)
    published: When | None = None
    updated: When | None = None
    retrieved: PartialDate
    description: str = ""
    #: When the page is a third-party copy of an official document (a Scribd upload of a Commission
    #: communication, say): that document's title, reference and publisher; empty otherwise.
    copy_of: str = ""

    record_type: ClassVar[str] = "source"

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.id, self.title)

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))


@attrs.frozen(kw_only=True)
class Entity:
    """Fields every kind of entity has. Not instantiated itself."""

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    description: str = attrs.field(validator=check_text)
    citations: Citations

    kind: ClassVar[Kind]
    record_type: ClassVar[str] = "entity"

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.id, self.name)

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))

    #: The fields that say when an entity of this kind began and ceased (``None`` where it has no such field).
    period_fields: ClassVar[tuple[str | None, str | None]] = (None, None)
    #: The fields holding standard codes an entity of this kind is known by (a place's ISO 3166-1 and M49 codes).
    code_fields: ClassVar[tuple[str, ...]] = ()

    @property
    def start(self) -> When | None:
        """When the entity came into being (founded, signed, published, began), if known."""
        name = self.period_fields[0]
        return None if name is None else getattr(self, name)

    @property
    def end(self) -> When | None:
        """When the entity ceased (dissolved, expired, ended), if known."""
        name = self.period_fields[1]
        return None if name is None else getattr(self, name)

    @property
    def names(self) -> tuple[str, ...]:
        """Name, acronym and aliases: every string the entity is known by."""
        extra = (self.acronym,) if self.acronym else ()
        return (self.name, *extra, *self.aliases)

    @property
    def codes(self) -> tuple[str, ...]:
        """The standard codes the entity has, in :attr:`code_fields` order: ``('JP', 'JPN', '392')`` for Japan."""
        values = (getattr(self, name) for name in self.code_fields)
        return tuple(value for value in values if value is not None)


@attrs.frozen(kw_only=True, repr=False)
class Organisation(Entity):
    """A body: EU institution or service, ministry, alliance, consortium, standards body, cluster."""

    category: OrganisationCategory
    founded: When | None = None
    dissolved: When | None = None

    kind: ClassVar[Kind] = Kind.ORGANISATION
    period_fields: ClassVar[tuple[str | None, str | None]] = ("founded", "dissolved")


@attrs.frozen(kw_only=True, repr=False)
class Person(Entity):
    """A person. Roles are relations (``works_for``, ``chairs``), not fields."""

    kind: ClassVar[Kind] = Kind.PERSON


@attrs.frozen(kw_only=True, repr=False)
class Place(Entity):
    """A country (ISO 3166-1 alpha-2 and alpha-3 codes), a region (UN M49 code where one exists), a city or a building.

    Lookup and search resolve each code, ignoring case (see :meth:`Dataset.find`).
    """

    place_type: PlaceType
    iso_3166_1: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(r"[A-Z]{2}"))
    )
    iso_3166_1_alpha3: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(r"[A-Z]{3}"))
    )
    m49: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.matches_re(r"[0-9]{3}"))
    )

    kind: ClassVar[Kind] = Kind.PLACE
    code_fields: ClassVar[tuple[str, ...]] = ("iso_3166_1", "iso_3166_1_alpha3", "m49")


@attrs.frozen(kw_only=True, repr=False)
class Agreement(Entity):
    """An agreement such as a memorandum of understanding.

    Parties, the event and place of signing and what it covers are relations.
    """

    agreement_type: AgreementType
    signed: When | None = None
    expires: When | None = None

    kind: ClassVar[Kind] = Kind.AGREEMENT
    period_fields: ClassVar[tuple[str | None, str | None]] = ("signed", "expires")


@attrs.frozen(kw_only=True, repr=False)
class Document(Entity):
    """A communication, strategy, staff working document, press release, policy paper, page or post.

    ``title`` is the official title exactly as published, where a source gives
    one; ``reference`` an official identifier such as ``COM(2012) 497``.
    """

    document_type: DocumentType
    title: str | None = None
    reference: str | None = None
    published: When | None = None

    kind: ClassVar[Kind] = Kind.DOCUMENT
    period_fields: ClassVar[tuple[str | None, str | None]] = ("published", None)


@attrs.frozen(kw_only=True, repr=False)
class Programme(Entity):
    """A funding programme, flagship initiative, policy initiative or action."""

    programme_type: ProgrammeType
    started: When | None = None
    ended: When | None = None

    kind: ClassVar[Kind] = Kind.PROGRAMME
    period_fields: ClassVar[tuple[str | None, str | None]] = ("started", "ended")


@attrs.frozen(kw_only=True, repr=False)
class Project(Entity):
    """A research, innovation or support project."""

    grant_number: str | None = None
    started: When | None = None
    ended: When | None = None

    kind: ClassVar[Kind] = Kind.PROJECT
    period_fields: ClassVar[tuple[str | None, str | None]] = ("started", "ended")


@attrs.frozen(kw_only=True, repr=False)
class Standard(Entity):
    """A technical standard or specification; ``reference`` is its official number."""

    reference: str | None = None
    published: When | None = None

    kind: ClassVar[Kind] = Kind.STANDARD
    period_fields: ClassVar[tuple[str | None, str | None]] = ("published", None)


@attrs.frozen(kw_only=True, repr=False)
class Event(Entity):
    """A trade fair, congress, conference, week or ceremony."""

    event_type: EventType
    started: When | None = None
    ended: When | None = None

    kind: ClassVar[Kind] = Kind.EVENT
    period_fields: ClassVar[tuple[str | None, str | None]] = ("started", "ended")


@attrs.frozen(kw_only=True, repr=False)
class Topic(Entity):
    """A subject: a technology, policy area, objective, pillar or challenge."""

    topic_type: TopicType

    kind: ClassVar[Kind] = Kind.TOPIC


ENTITY_CLASSES: dict[Kind, type[Entity]] = {
    cls.kind: cls
    for cls in (Organisation, Person, Place, Agreement, Document, Programme, Project, Standard, Event, Topic)
}


@attrs.frozen(kw_only=True)
class Relation:
    """A typed, cited edge: *subject* --predicate--> *object*, optionally bounded in time."""

    subject: str = attrs.field(validator=check_id)
    predicate: str
    object: str = attrs.field(validator=check_id)
    start: When | None = None
    end: When | None = None
    note: str = ""
    citations: Citations

    record_type: ClassVar[str] = "relation"

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.key, None)

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))

    period_fields: ClassVar[tuple[str | None, str | None]] = ("start", "end")

    @property
    def key(self) -> str:
        """Identity of the relation: ``subject:predicate:object``."""
        return f"{self.subject}:{self.predicate}:{self.object}"


@attrs.frozen(kw_only=True)
class Figure:
    """A quantity about an entity, with unit, "as of" date and how exact it is.

    ``qualifier`` records "about" (approximately) or "more than"; ``projection``
    marks a forecast rather than a measurement.
    """

    id: str = attrs.field(validator=check_id)
    subject: str = attrs.field(validator=check_id)
    quantity: str = attrs.field(validator=check_text)
    value: int | float
    unit: str = attrs.field(validator=check_text)
    as_of: When | None = None
    qualifier: Qualifier = Qualifier.EXACT
    projection: bool = False
    note: str = ""
    citations: Citations

    record_type: ClassVar[str] = "figure"

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.id, f"{self.quantity}: {self.value} {self.unit}")

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))


@attrs.frozen(kw_only=True)
class Redirect:
    """A retired id and the id that replaced it. Ids are never removed, only redirected."""

    id: str = attrs.field(validator=check_id)
    replaced_by: str = attrs.field(validator=check_id)
    reason: str = attrs.field(validator=check_text)

    record_type: ClassVar[str] = "redirect"

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.id, f"replaced by {self.replaced_by}")

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))


@attrs.frozen(kw_only=True)
class Variant:
    """A value another source gives for a field of a record, where the sources disagree.

    The record itself holds the value the data prefers, cited as usual; a variant
    keeps each other value with its own citations instead of dropping it. ``record``
    is the id of a source, an entity or a figure; ``field`` one of its fields (not
    ``id`` or ``citations``); ``value`` the other value exactly as the record's data
    file would write it (a JSON string, number, boolean, list or object, never null).
    """

    id: str = attrs.field(validator=check_id)
    record: str = attrs.field(validator=check_id)
    field: str = attrs.field(validator=check_text)
    # A JSON value, typed by the field it stands in for; lists and objects are not hashable, so it is left out
    # of the hash (equal variants still hash alike).
    value: Any = attrs.field(hash=False)
    note: str = ""
    citations: Citations

    record_type: ClassVar[str] = "variant"

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.id, f"{self.record}.{self.field}")

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))


Record: TypeAlias = Source | Entity | Relation | Figure | Redirect | Variant

#: The data file each record type is kept in, by the ``kind`` a data file declares.
FILE_NAMES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "source": "sources.json",
        Kind.ORGANISATION.value: "organisations.json",
        Kind.PERSON.value: "people.json",
        Kind.PLACE.value: "places.json",
        Kind.AGREEMENT.value: "agreements.json",
        Kind.DOCUMENT.value: "documents.json",
        Kind.PROGRAMME.value: "programmes.json",
        Kind.PROJECT.value: "projects.json",
        Kind.STANDARD.value: "standards.json",
        Kind.EVENT.value: "events.json",
        Kind.TOPIC.value: "topics.json",
        "relation": "relations.json",
        "figure": "figures.json",
        "redirect": "redirects.json",
        "variant": "variants.json",
    }
)

#: Every record type in a fixed order (sources, the ten entity kinds, relations, figures, redirects, variants).
RECORD_TYPES: Final[tuple[str, ...]] = tuple(FILE_NAMES)


def identity(record: Record) -> str:
    """A record's id, or a relation's ``subject:predicate:object`` key: what ``replace`` lists."""
    return record.key if isinstance(record, Relation) else record.id


def label(record: Record) -> str:
    """A record's type as a data file's ``kind`` names it: the entity kind, or ``source``, ``variant`` and so on."""
    kind = getattr(record, "kind", None)
    return str(kind) if kind is not None else str(record.record_type)


def in_order(start: When | None, end: When | None) -> bool:
    """Whether a period is possible: it does not end before it starts (partial dates that share a day may)."""
    return start is None or end is None or latest_in_order(start.date, end.date)


def final_id(replaced_by: Mapping[str, str], retired: str) -> str:
    """Where a chain of redirects from *retired* ends: the first id not retired, or the last before a cycle repeats."""
    return redirect_chain(replaced_by, retired)[-1]


def redirect_chain(replaced_by: Mapping[str, str], retired: str) -> list[str]:
    """The ids a chain of redirects leads through from *retired*, up to :func:`final_id`, each once.

    The chain loops when its last id is itself retired: its redirect points back into the chain.
    """
    chain = [retired]
    seen = {retired}
    while retired in replaced_by and replaced_by[retired] not in seen:
        retired = replaced_by[retired]
        chain.append(retired)
        seen.add(retired)
    return chain


_BY_ID: Final = operator.attrgetter("id")
_BY_KEY: Final = operator.attrgetter("subject", "predicate", "object")


def sort_key(record: Record) -> tuple[str, ...]:
    """The canonical order of records: by id; relations by subject, predicate and object."""
    if isinstance(record, Relation):
        return (record.subject, record.predicate, record.object)
    return (record.id,)


def _by_id(records: Iterable[Any]) -> tuple[Any, ...]:
    # Typed loosely on purpose: one converter serves five record types, and each field keeps its own type.
    return tuple(sorted(records, key=_BY_ID))


def _by_key(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(sorted(relations, key=_BY_KEY))


@attrs.frozen(kw_only=True)
class Records:
    """The content of a dataset, grouped by record type: the output of reading and checking, the input of queries.

    Each group is kept in canonical order (:func:`sort_key`), whatever order it was given in.
    """

    sources: tuple[Source, ...] = attrs.field(default=(), converter=_by_id)
    entities: tuple[Entity, ...] = attrs.field(default=(), converter=_by_id)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_by_key)
    figures: tuple[Figure, ...] = attrs.field(default=(), converter=_by_id)
    redirects: tuple[Redirect, ...] = attrs.field(default=(), converter=_by_id)
    variants: tuple[Variant, ...] = attrs.field(default=(), converter=_by_id)

    def counts(self) -> dict[str, int]:
        """The number of records of each type, in the order of :data:`RECORD_TYPES`."""
        counts = dict.fromkeys(RECORD_TYPES, 0)
        counts["source"] = len(self.sources)
        for entity in self.entities:
            counts[str(entity.kind)] += 1
        counts["relation"] = len(self.relations)
        counts["figure"] = len(self.figures)
        counts["redirect"] = len(self.redirects)
        counts["variant"] = len(self.variants)
        return counts
