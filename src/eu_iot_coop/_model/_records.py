"""The records of the cooperation graph: immutable, slotted, fully typed.

Entities are the nodes (organisations, people, places, agreements, ...);
relations are typed edges between them; figures are quantities about an
entity; sources are the pages everything is cited to. Links between records
are ids, never object references, so every record is a plain value.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, ClassVar, Final, TypeAlias

import attrs

from eu_iot_coop._present import identifier_text, one_line, record_html, tagged_text, when_text

from ._dates import PartialDate

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: The key of a field's ``metadata`` that says what the field means (the schema, the data dictionary and the
#: catalogue read it; ``tests/model/test_tables.py`` fails when a field has none).
DESCRIPTION: Final = "description"


def described(text: str) -> Mapping[str, str]:
    """A field's ``metadata`` saying what it means: ``attrs.field(metadata=described("Preferred name."))``."""
    return {DESCRIPTION: text}


def check_id(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
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

    date: PartialDate = attrs.field(metadata=described("The date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."))
    # Keyword-only so that When(date, inferred, note) keeps its meaning; declared here so it is
    # written right after "date" in the canonical object form.
    latest: PartialDate | None = attrs.field(
        default=None,
        kw_only=True,
        validator=_check_latest,
        metadata=described("Upper bound, when the date is known only to lie between `date` and `latest`."),
    )
    inferred: bool = attrs.field(
        default=False, metadata=described("True when the source does not state the date and it was worked out.")
    )
    note: str = attrs.field(default="", metadata=described("Anything needed to read the record correctly."))

    def __repr__(self) -> str:
        # As a person reads it, like the records' own: <When 2012-09 to 2013-12 (inferred: how)>.
        return f"<When {when_text(self)}>"


@attrs.frozen
class Citation:
    """A pointer into a source: the source's id and where in it (section, paragraph, list item)."""

    source: str = attrs.field(validator=check_id, metadata=described("Id of the cited source."))
    locator: str = attrs.field(
        validator=check_text, metadata=described("Where in the source: section, paragraph, list item or teaser.")
    )


Citations: TypeAlias = tuple[Citation, ...]


# --- Names in other languages and identifiers (data release 3) ---------------------------------------------------

#: The rule a language tag must keep: a well-formed BCP 47 tag of the form ``language[-Script][-REGION]``, written
#: in BCP 47's canonical case: a two- or three-letter ISO 639 language subtag in lowercase (``ja``, ``ko``, ``pt``),
#: then optionally an ISO 15924 script subtag in title case (``zh-Hans``, ``zh-Hant``), then optionally an ISO
#: 3166-1 region in uppercase or a UN M49 area code (``pt-BR``, ``es-419``). Compiled by ``re`` on first use only.
LANGUAGE_TAG: Final = r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?"


class InvalidValue(ValueError):
    """A field's value of the right type that breaks a rule of the model; ``fix`` says what to write instead."""

    def __init__(self, problem: str, fix: str) -> None:
        self.fix = fix
        super().__init__(problem)


def check_language(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not re.fullmatch(LANGUAGE_TAG, value):
        raise InvalidValue(
            f"{value!r} is not a language tag this data accepts",
            "write a BCP 47 tag as language[-Script][-REGION] in its canonical case, e.g. 'ja', 'ko', 'pt', "
            "'zh-Hans', 'zh-Hant' or 'pt-BR'",
        )


@attrs.frozen(kw_only=True)
class LanguageName:
    """A name of an entity in another language or script, with the language it is written in, and where it stands."""

    name: str = attrs.field(validator=check_text, metadata=described("The name exactly as the source writes it."))
    language: str = attrs.field(
        validator=check_language,
        metadata=described(
            "BCP 47 language tag, `language[-Script][-REGION]` in canonical case: `ja`, `ko`, `zh-Hans`, `zh-Hant`, "
            "`pt`."
        ),
    )
    citations: Citations = attrs.field(metadata=described("Where the name stands: one or more citations."))

    def __str__(self) -> str:
        return tagged_text(self.name, self.language)


@attrs.frozen(kw_only=True)
class Identifier:
    """An identifier an entity has in a scheme (a grant agreement number, a DOI, a document reference), cited.

    The scheme's entry in ``SCHEMES`` (``_model/_schemes.py``) says what its values look like and which kinds of
    entity may carry it; both are checked when data is read.
    """

    scheme: str = attrs.field(validator=check_text, metadata=described("Name of the scheme (see the schemes table)."))
    value: str = attrs.field(
        validator=check_text, metadata=described("The identifier exactly as the scheme writes it.")
    )
    citations: Citations = attrs.field(metadata=described("Where the identifier stands: one or more citations."))

    def __str__(self) -> str:
        return identifier_text(self.scheme, self.value)


# --- end of names in other languages and identifiers ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Source:
    """A page or document the data is cited to."""

    id: str = attrs.field(
        validator=check_id, metadata=described("Lowercase slug, unique across sources, entities and figures.")
    )
    title: str = attrs.field(validator=check_text, metadata=described("Official title exactly as published."))
    title_inferred: bool = attrs.field(
        default=False,
        metadata=described("True when the title is not shown on the page but worked out (e.g. from the address)."),
    )
    publisher: str = attrs.field(validator=check_text, metadata=described("Who published the page."))
    url: str = attrs.field(validator=check_text, metadata=described("Address of the page."))
    published: When | None = attrs.field(default=None, metadata=described("When it was published."))
    updated: When | None = attrs.field(
        default=None, metadata=described("When the page was last updated, if it says so.")
    )
    retrieved: PartialDate = attrs.field(metadata=described("When the page was read for this dataset."))
    description: str = attrs.field(default="", metadata=described("Short neutral description in our own words."))
    copy_of: str = attrs.field(
        default="",
        metadata=described(
            "For a third-party copy of an official document (e.g. an upload of a Commission communication): "
            "that document's title, reference and publisher."
        ),
    )

    record_type: ClassVar[str] = "source"

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.id, self.title)

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))


@attrs.frozen(kw_only=True)
class Entity:
    """Fields every kind of entity has. Not instantiated itself."""

    id: str = attrs.field(
        validator=check_id, metadata=described("Lowercase slug, unique across sources, entities and figures.")
    )
    name: str = attrs.field(validator=check_text, metadata=described("Preferred name."))
    acronym: str | None = attrs.field(default=None, metadata=described("Acronym or short form, if any."))
    aliases: tuple[str, ...] = attrs.field(default=(), metadata=described("Other names it is known by."))
    names_in_languages: tuple[LanguageName, ...] = attrs.field(
        default=(),
        metadata=described(
            "Names in other languages or scripts, each with its BCP 47 language tag and citations; "
            "lookup and search find the entity by them."
        ),
    )
    identifiers: tuple[Identifier, ...] = attrs.field(
        default=(),
        metadata=described(
            "Identifiers in a scheme (grant agreement, call or topic code, document reference, DOI, ...), each "
            "format-checked and cited; `find` and `show` resolve the value."
        ),
    )
    description: str = attrs.field(
        validator=check_text, metadata=described("Short neutral description in our own words.")
    )
    citations: Citations = attrs.field(metadata=described("Where the facts come from: one or more citations."))

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
        """Name, acronym, aliases and names in other languages: every string the entity is known by."""
        extra = (self.acronym,) if self.acronym else ()
        if self.names_in_languages:
            return (self.name, *extra, *self.aliases, *(tagged.name for tagged in self.names_in_languages))
        return (self.name, *extra, *self.aliases)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes the entity has: its :attr:`code_fields` in order (``('JP', 'JPN', '392')`` for Japan), then
        the value of each of its :attr:`identifiers`."""
        values = (getattr(self, name) for name in self.code_fields)
        found = tuple(value for value in values if value is not None)
        if self.identifiers:
            return (*found, *(identifier.value for identifier in self.identifiers))
        return found


@attrs.frozen(kw_only=True, repr=False)
class Organisation(Entity):
    """A body: EU institution or service, ministry, alliance, consortium, standards body, cluster."""

    category: OrganisationCategory = attrs.field(metadata=described("What sort of body it is."))
    founded: When | None = attrs.field(default=None, metadata=described("When it was founded, inaugurated or set up."))
    dissolved: When | None = attrs.field(default=None, metadata=described("When it ceased to exist."))

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

    place_type: PlaceType = attrs.field(metadata=described("Scale of the place."))
    iso_3166_1: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.matches_re(r"[A-Z]{2}")),
        metadata=described("ISO 3166-1 alpha-2 country code (countries only); `find` and `search` resolve it."),
    )
    iso_3166_1_alpha3: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.matches_re(r"[A-Z]{3}")),
        metadata=described("ISO 3166-1 alpha-3 country code (countries only); `find` and `search` resolve it."),
    )
    m49: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.matches_re(r"[0-9]{3}")),
        metadata=described("UN M49 area code, where one exists (regions); `find` and `search` resolve it."),
    )

    kind: ClassVar[Kind] = Kind.PLACE
    code_fields: ClassVar[tuple[str, ...]] = ("iso_3166_1", "iso_3166_1_alpha3", "m49")


@attrs.frozen(kw_only=True, repr=False)
class Agreement(Entity):
    """An agreement such as a memorandum of understanding.

    Parties, the event and place of signing and what it covers are relations.
    """

    agreement_type: AgreementType = attrs.field(metadata=described("Legal form of the agreement."))
    signed: When | None = attrs.field(default=None, metadata=described("When it was signed or concluded."))
    expires: When | None = attrs.field(default=None, metadata=described("When it expires."))

    kind: ClassVar[Kind] = Kind.AGREEMENT
    period_fields: ClassVar[tuple[str | None, str | None]] = ("signed", "expires")


@attrs.frozen(kw_only=True, repr=False)
class Document(Entity):
    """A communication, strategy, staff working document, press release, policy paper, page or post.

    ``title`` is the official title exactly as published, where a source gives
    one; ``reference`` an official identifier such as ``COM(2012) 497``.
    """

    document_type: DocumentType = attrs.field(metadata=described("Genre of the document."))
    title: str | None = attrs.field(default=None, metadata=described("Official title exactly as published."))
    reference: str | None = attrs.field(
        default=None, metadata=described("Official identifier or number; `find` and `show` resolve it.")
    )
    published: When | None = attrs.field(default=None, metadata=described("When it was published."))

    kind: ClassVar[Kind] = Kind.DOCUMENT
    period_fields: ClassVar[tuple[str | None, str | None]] = ("published", None)
    code_fields: ClassVar[tuple[str, ...]] = ("reference",)


@attrs.frozen(kw_only=True, repr=False)
class Programme(Entity):
    """A funding programme, flagship initiative, policy initiative or action."""

    programme_type: ProgrammeType = attrs.field(metadata=described("What sort of programme or initiative."))
    started: When | None = attrs.field(default=None, metadata=described("When it started."))
    ended: When | None = attrs.field(default=None, metadata=described("When it ended."))

    kind: ClassVar[Kind] = Kind.PROGRAMME
    period_fields: ClassVar[tuple[str | None, str | None]] = ("started", "ended")


@attrs.frozen(kw_only=True, repr=False)
class Project(Entity):
    """A research, innovation or support project."""

    grant_number: str | None = attrs.field(
        default=None, metadata=described("Grant agreement number; `find` and `show` resolve it.")
    )
    started: When | None = attrs.field(default=None, metadata=described("When it started."))
    ended: When | None = attrs.field(default=None, metadata=described("When it ended."))

    kind: ClassVar[Kind] = Kind.PROJECT
    period_fields: ClassVar[tuple[str | None, str | None]] = ("started", "ended")
    code_fields: ClassVar[tuple[str, ...]] = ("grant_number",)


@attrs.frozen(kw_only=True, repr=False)
class Standard(Entity):
    """A technical standard or specification; ``reference`` is its official number."""

    reference: str | None = attrs.field(
        default=None, metadata=described("Official identifier or number; `find` and `show` resolve it.")
    )
    published: When | None = attrs.field(default=None, metadata=described("When it was published."))

    kind: ClassVar[Kind] = Kind.STANDARD
    period_fields: ClassVar[tuple[str | None, str | None]] = ("published", None)
    code_fields: ClassVar[tuple[str, ...]] = ("reference",)


#: The kinds of entity an event's ``series`` may be: a standing dialogue or council (a body or a programme), or a
#: recurring event such as a yearly week.
SERIES_KINDS: Final = frozenset({Kind.ORGANISATION, Kind.PROGRAMME, Kind.EVENT})


def _check_round(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    # Whether the event also names its series is an integrity rule: a validator sees one field at a time.
    if value is not None and (type(value) is not int or value < 1):
        raise ValueError(f"'round' must be a whole number from 1 (the first meeting), got {value!r}")


@attrs.frozen(kw_only=True, repr=False)
class Event(Entity):
    """A trade fair, congress, conference, week or ceremony."""

    event_type: EventType = attrs.field(metadata=described("What sort of event."))
    started: When | None = attrs.field(default=None, metadata=described("When it started."))
    ended: When | None = attrs.field(default=None, metadata=described("When it ended."))

    series: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(check_id),
        metadata=described(
            "Id of the standing dialogue, council or other series this event is a meeting of "
            "(an organisation, programme or event)."
        ),
    )
    round: int | None = attrs.field(
        default=None,
        validator=_check_round,
        metadata=described("Its ordinal number in that series, as the sources number it (`21` for the 21st)."),
    )

    kind: ClassVar[Kind] = Kind.EVENT
    period_fields: ClassVar[tuple[str | None, str | None]] = ("started", "ended")


@attrs.frozen(kw_only=True, repr=False)
class Topic(Entity):
    """A subject: a technology, policy area, objective, pillar or challenge."""

    topic_type: TopicType = attrs.field(metadata=described("What sort of topic."))

    kind: ClassVar[Kind] = Kind.TOPIC


@attrs.frozen(kw_only=True)
class Relation:
    """A typed, cited edge: *subject* --predicate--> *object*, optionally bounded in time."""

    subject: str = attrs.field(
        validator=check_id, metadata=described("Id of the entity the record is about (for relations: the subject).")
    )
    predicate: str = attrs.field(metadata=described("Forward name of a predicate from the vocabulary below."))
    object: str = attrs.field(
        validator=check_id, metadata=described("Id of the entity at the other end of the relation.")
    )
    start: When | None = attrs.field(
        default=None, metadata=described("When the relation began, if the source dates it.")
    )
    end: When | None = attrs.field(default=None, metadata=described("When the relation ended."))
    on_behalf_of: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(check_id),
        metadata=described(
            "Id of the side a role is held for: the country or body a co-chair, head of delegation or "
            "representative acts for (only for predicates that take a side)."
        ),
    )
    note: str = attrs.field(default="", metadata=described("Anything needed to read the record correctly."))
    citations: Citations = attrs.field(metadata=described("Where the facts come from: one or more citations."))

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

    id: str = attrs.field(
        validator=check_id, metadata=described("Lowercase slug, unique across sources, entities and figures.")
    )
    subject: str = attrs.field(
        validator=check_id, metadata=described("Id of the entity the record is about (for relations: the subject).")
    )
    quantity: str = attrs.field(validator=check_text, metadata=described("What is counted or measured."))
    value: int | float = attrs.field(metadata=described("The number."))
    unit: str = attrs.field(
        validator=check_text, metadata=described("Unit of the value (e.g. `companies`, `EUR`, `years`).")
    )
    as_of: When | None = attrs.field(default=None, metadata=described("Date the value refers to."))
    qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, metadata=described("How the value relates to the true quantity.")
    )
    projection: bool = attrs.field(default=False, metadata=described("True for a forecast rather than a measurement."))
    note: str = attrs.field(default="", metadata=described("Anything needed to read the record correctly."))
    citations: Citations = attrs.field(metadata=described("Where the facts come from: one or more citations."))

    record_type: ClassVar[str] = "figure"

    @property
    def money(self) -> bool:
        """Whether the value is money: the data writes a currency as its ISO 4217 code (``EUR``, ``BRL``)."""
        return len(self.unit) == 3 and self.unit.isascii() and self.unit.isalpha() and self.unit.isupper()

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.id, f"{self.quantity}: {self.value} {self.unit}")

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))


@attrs.frozen(kw_only=True)
class Redirect:
    """A retired id and the id that replaced it. Ids are never removed, only redirected."""

    id: str = attrs.field(
        validator=check_id, metadata=described("Lowercase slug, unique across sources, entities and figures.")
    )
    replaced_by: str = attrs.field(validator=check_id, metadata=described("Id that replaces the retired one."))
    reason: str = attrs.field(validator=check_text, metadata=described("Why the id was retired."))

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

    id: str = attrs.field(
        validator=check_id, metadata=described("Lowercase slug, unique across sources, entities and figures.")
    )
    record: str = attrs.field(
        validator=check_id,
        metadata=described("Id of the source, entity or figure whose field the sources disagree on."),
    )
    field: str = attrs.field(
        validator=check_text,
        metadata=described("Name of that field (any field of its class but `id` and `citations`)."),
    )
    # A JSON value, typed by the field it stands in for; lists and objects are not hashable, so it is left out
    # of the hash (equal variants still hash alike).
    value: Any = attrs.field(
        hash=False,
        metadata=described(
            "The other value, written exactly as the record's data file writes that field "
            "(a date string or object, a number, a string, a list): any JSON value but null."
        ),
    )
    note: str = attrs.field(default="", metadata=described("Why the values differ, in our own words, where known."))
    citations: Citations = attrs.field(metadata=described("The sources that give this other value."))

    record_type: ClassVar[str] = "variant"

    def __repr__(self) -> str:
        return one_line(type(self).__name__, self.id, f"{self.record}.{self.field}")

    def _repr_html_(self) -> str:
        return record_html(self, identity(self))


Record: TypeAlias = Source | Entity | Relation | Figure | Redirect | Variant


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


def outside_lifetime(when: When, entity: Entity) -> str | None:
    """The field of *entity*'s lifetime (:attr:`Entity.period_fields`) that *when* lies wholly outside, or ``None``.

    ``when`` is outside only if every day it may stand for (up to its ``latest``) comes before the first day the
    entity may have begun, or after the last day it may have ended: partial and bounded dates get the benefit of
    the doubt. An entity with no such field (a person, a place, a topic) has no bound.
    """
    begins, ends = entity.period_fields
    start, end = entity.start, entity.end
    if start is not None and (when.latest or when.date).latest() < start.date.earliest():
        return begins
    if end is not None and when.date.earliest() > (end.latest or end.date).latest():
        return ends
    return None


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


def sort_key(record: Record) -> tuple[str, ...]:
    """The canonical order of records: by id; relations by subject, predicate and object."""
    if isinstance(record, Relation):
        return (record.subject, record.predicate, record.object)
    return (record.id,)
