"""A small hand-made dataset for the export, drawing and command-line tests.

It holds the awkward cases on purpose: quotes, backslashes, a newline and
non-ASCII letters in text, inferred dates with notes, dates of every precision,
dates known only as a range (a ``latest`` bound), two relations between the
same pair of entities, an integer and a fractional figure, and a redirect.
"""

from __future__ import annotations

from eu_iot_coop import (
    Agreement,
    AgreementType,
    Citation,
    Dataset,
    Document,
    DocumentType,
    Event,
    EventType,
    Figure,
    Organisation,
    OrganisationCategory,
    PartialDate,
    Person,
    Place,
    PlaceType,
    Qualifier,
    Records,
    Redirect,
    Relation,
    Source,
    When,
)


def _cite(source: str, locator: str) -> tuple[Citation, ...]:
    return (Citation(source, locator),)


def _when(text: str, *, latest: str | None = None, inferred: bool = False, note: str = "") -> When:
    bound = None if latest is None else PartialDate.parse(latest)
    return When(PartialDate.parse(text), inferred, note, latest=bound)


SOURCES = (
    Source(
        id="press-2017",
        title='Joint "statement" on IoT',
        publisher="European Commission",
        url="https://example.org/press?id=1&lang=en",
        published=_when("2017-03-20"),
        retrieved=PartialDate.parse("2026-01-05"),
    ),
    Source(
        id="aioti-site",
        title="About AIOTI",
        title_inferred=True,
        publisher="AIOTI",
        url="https://example.org/aioti",
        published=_when("2015", latest="2016-06", inferred=True, note="mentions the 2015 launch as recent"),
        retrieved=PartialDate.parse("2026-01"),
        description="The alliance's own page.",
    ),
)

ENTITIES = (
    Organisation(
        id="commission",
        name="European Commission",
        acronym="EC",
        description="The EU's executive.",
        category=OrganisationCategory.EU_INSTITUTION,
        citations=_cite("press-2017", "paragraph 1"),
    ),
    Organisation(
        id="dg-connect",
        name="Directorate-General for Communications Networks, Content and Technology",
        acronym="DG CNECT",
        aliases=("DG CONNECT", "CNECT"),
        description="A Commission department.",
        category=OrganisationCategory.COMMISSION_SERVICE,
        founded=_when("2012-01", latest="2012-07", inferred=True, note="renamed during 2012"),
        citations=_cite("press-2017", "paragraph 2"),
    ),
    Organisation(
        id="aioti",
        name="Alliance for Internet of Things Innovation",
        acronym="AIOTI",
        description='An alliance; "quoted" text, a back\\slash and a line\nbreak.',
        category=OrganisationCategory.INDUSTRY_ALLIANCE,
        founded=_when("2015", inferred=True, note="launched by the Commission that year"),
        citations=(Citation("aioti-site", "section About"), Citation("press-2017", "paragraph 3")),
    ),
    Organisation(
        id="itac",
        name="IoT Acceleration Consortium",
        acronym="ITAC",
        description="A Japanese consortium.",
        category=OrganisationCategory.CONSORTIUM,
        founded=_when("2015-10"),
        citations=_cite("press-2017", "paragraph 4"),
    ),
    Person(
        id="mechthild-rohen",
        name="Mechthild Röhen",
        description="A Commission official.",
        citations=_cite("press-2017", "paragraph 5"),
    ),
    Place(
        id="japan",
        name="Japan",
        description="A country in East Asia.",
        place_type=PlaceType.COUNTRY,
        iso_3166_1="JP",
        citations=_cite("press-2017", "paragraph 6"),
    ),
    Agreement(
        id="aioti-itac-mou",
        name="AIOTI-ITAC memorandum",
        description="A memorandum of understanding.",
        agreement_type=AgreementType.MEMORANDUM_OF_UNDERSTANDING,
        signed=_when("2017-03-20"),
        citations=_cite("press-2017", "paragraph 7"),
    ),
    Document(
        id="iot-strategy",
        name="IoT strategy",
        description="A strategy.",
        document_type=DocumentType.STRATEGY,
        title="The Internet of Things: a strategy",
        reference="COM(2012) 1",
        published=_when("2012-05-01"),
        citations=_cite("press-2017", "footnote 1"),
    ),
    Event(
        id="cebit-2017",
        name="CeBIT 2017",
        description="A trade fair.",
        event_type=EventType.TRADE_FAIR,
        started=_when("2017-03-20"),
        ended=_when("2017-03-24"),
        citations=_cite("press-2017", "paragraph 8"),
    ),
)

RELATIONS = (
    Relation(subject="dg-connect", predicate="part_of", object="commission", citations=_cite("press-2017", "p. 2")),
    Relation(
        subject="mechthild-rohen",
        predicate="works_for",
        object="dg-connect",
        start=_when("2014", latest="2015-03-01", inferred=True, note="first mention"),
        citations=_cite("press-2017", "p. 5"),
    ),
    Relation(subject="commission", predicate="launched", object="aioti", citations=_cite("aioti-site", "intro")),
    Relation(subject="aioti", predicate="party_to", object="aioti-itac-mou", citations=_cite("press-2017", "p. 7")),
    Relation(subject="itac", predicate="party_to", object="aioti-itac-mou", citations=_cite("press-2017", "p. 7")),
    Relation(
        subject="aioti",
        predicate="cooperates_with",
        object="itac",
        start=_when("2017-03-20"),
        note='Cooperation on "IoT" since the MoU.',
        citations=(Citation("press-2017", "p. 7"), Citation("aioti-site", "news, item 3")),
    ),
    Relation(subject="aioti", predicate="supports", object="itac", citations=_cite("aioti-site", "news, item 4")),
    Relation(subject="itac", predicate="located_in", object="japan", citations=_cite("press-2017", "p. 4")),
    Relation(
        subject="aioti-itac-mou", predicate="signed_at", object="cebit-2017", citations=_cite("press-2017", "p. 7")
    ),
    Relation(subject="commission", predicate="published", object="iot-strategy", citations=_cite("press-2017", "fn 1")),
)

FIGURES = (
    Figure(
        id="aioti-members-2017",
        subject="aioti",
        quantity="members",
        value=200,
        unit="organisations",
        as_of=_when("2017"),
        qualifier=Qualifier.MORE_THAN,
        citations=_cite("aioti-site", "section Members"),
    ),
    Figure(
        id="iot-market-2020",
        subject="iot-strategy",
        quantity="market value",
        value=1.5,
        unit="trillion euro",
        projection=True,
        citations=_cite("press-2017", "p. 9"),
    ),
)

REDIRECTS = (
    Redirect(id="alliance-iot", replaced_by="aioti", reason="merged into the alliance's record"),
    Redirect(id="press-release-2017", replaced_by="press-2017", reason="sources are named by publisher and year"),
)


def sample_dataset() -> Dataset:
    """The sample as a Dataset, built directly from its records."""
    records = Records(sources=SOURCES, entities=ENTITIES, relations=RELATIONS, figures=FIGURES, redirects=REDIRECTS)
    return Dataset(records, data_version="test.1")
