"""The browsable catalogue: one page per entity, index pages per kind and per region.

Rendered from a loaded dataset into Markdown pages and SVG drawings under ``docs/catalogue/``
when the documentation is built (``docs/conf.py`` calls :func:`write`), so the catalogue
always shows the data it is built with and is never committed. Each entity page shows what
:meth:`Dataset.view` gathers: the record's fields, figures, the values sources disagree on and
relations both ways, every citation linked to its source's entry on the sources page; and the
entity's neighbourhood drawn by :func:`~eu_iot_coop._draw.focus_svg`. The only prose taken from
the data is the entity's own ``description`` and the notes; everything else is field values and
fixed wording.

Region pages use the dataset's own region rules (:meth:`Dataset.places_within`, the
``region=`` filter and, listed apart, ``cooperating_with=``) and its coverage statements
(:meth:`Dataset.coverage`); nothing here decides what is in a region or what the data covers.

Run by hand with ``python -m eu_iot_coop._maintenance.catalogue``.
"""

from __future__ import annotations

import argparse
import enum
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, Final

import attrs

from eu_iot_coop._api import load
from eu_iot_coop._draw import focus_svg, map_svg
from eu_iot_coop._model import (
    DESCRIPTION,
    SCHEMES_BY_NAME,
    Citation,
    Entity,
    Figure,
    Identifier,
    Kind,
    Place,
    PlaceType,
    Source,
    When,
)
from eu_iot_coop._model import KINDS as KIND_ENTRIES
from eu_iot_coop._present import (
    disputed_field,
    known_text,
    markdown_table,
    marked_period,
    name_text,
    period_text,
    when_text,
)
from eu_iot_coop._present import markdown_autolink as autolink
from eu_iot_coop._present import markdown_escape as escape
from eu_iot_coop._query import Dataset, Disagreement, EntityView
from eu_iot_coop._write import write_text

from .docgen import SOURCES

FOLDER: Final = "catalogue"
ENTITIES: Final = "entities"
KINDS: Final = "kinds"
REGIONS: Final = "regions"
COMMAND: Final = "python -m eu_iot_coop._maintenance.catalogue"

#: The fields every entity page shows in its heading and lead, not in the field table.
_LEAD_FIELDS: Final = frozenset(
    {"id", "name", "acronym", "aliases", "names_in_languages", "identifiers", "description", "citations"}
)
#: How wide a picture in the documentation's text column is drawn (an entity's drawing, the front page's
#: timeline): the theme's column (Furo's 46em, 736 px) less a margin, so that the page shows the picture at
#: its own size and its text reads at the size it is written (12 px, 11 px at the least).
COLUMN_WIDTH: Final = 720.0
#: How tall an entity drawing's network is (the legend goes below it): growing with the relations drawn,
#: between these bounds.
DRAWING_HEIGHTS: Final = (320.0, 720.0)


def entity_page(entity_id: str) -> str:
    """The path of an entity's page inside the catalogue folder."""
    return f"{ENTITIES}/{entity_id}.md"


def kind_page(kind: Kind) -> str:
    """The path of a kind's index page inside the catalogue folder."""
    return f"{KINDS}/{kind.value}.md"


def region_page(region_id: str) -> str:
    """The path of a region's index page inside the catalogue folder."""
    return f"{REGIONS}/{region_id}.md"


def region_map(region_id: str) -> str:
    """The path of a region's world map, zoomed to it, inside the catalogue folder."""
    return f"{REGIONS}/{region_id}.svg"


def map_section(region: Place) -> list[str]:
    """A region page's map: the world map zoomed to the region, beside the pages' other lists."""
    name = escape(region.name)
    return [
        "## On the map",
        "",
        "Every country of the data shaded by its agreements, projects, events and programmes with the EU side "
        f"(`eu-iot-coop draw --map --region {region.id}` draws the same picture); open it at full size and hover "
        "a country for its records.",
        "",
        f"![A world map zoomed to {name}: countries shaded by their records with the EU side](./{region.id}.svg)",
        "",
        f"{{download}}`Open the map at full size (SVG) <{region.id}.svg>`",
        "",
    ]


def regions(dataset: Dataset) -> list[Place]:
    """The places that get a region page: those of place type ``region``, in record order."""
    return [p for p in dataset.entities(kind="place") if isinstance(p, Place) and p.place_type is PlaceType.REGION]


def _link(text: str, target: str, here: str) -> str:
    """A Markdown link from page *here* to *target* (both paths inside the catalogue folder)."""
    relative = PurePosixPath(*[".."] * (len(PurePosixPath(here).parts) - 1), target)
    return f"[{escape(text)}]({relative})"


def _source_link(source: Source, here: str, text: str | None = None) -> str:
    """A link to the source's entry on the sources page, which carries the source's id as its label."""
    depth = len(PurePosixPath(here).parts)  # the catalogue folder itself is one level below docs/
    target = PurePosixPath(*[".."] * depth, SOURCES)
    return f"[{escape(source.title if text is None else text)}]({target}#{source.id})"


def _words(value: str) -> str:
    return value.replace("_", " ")


def _date(when: When | None) -> str:
    """A date with its precision and whether the source states it or it was inferred."""
    return escape(known_text(when))


def _relations_drawn(count: int) -> str:
    """How an entity page says how many relations its drawing shows."""
    return "no relation" if count == 0 else "its one relation" if count == 1 else f"each of its {count} relations"


def _value(value: Any) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, When):
        return _date(value)
    if isinstance(value, enum.Enum):
        return escape(_words(str(value.value)))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return escape(f"{value:,}")
    if isinstance(value, tuple):
        return escape(", ".join(map(str, value))) if value else "none"
    return escape(str(value))


class _Renderer:
    """Renders every page of the catalogue from one dataset."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.sources = {source.id: source for source in dataset.records.sources}
        self.regions = regions(dataset)

    def citations(self, citations: Iterable[Citation], here: str, numbers: dict[str, int]) -> str:
        """Each cited source once, as its number on the page linked to its entry, then the places cited in it.

        *numbers* numbers the page's sources in order of first citation; the page's list of sources
        gives each number's title, publisher, date and address.
        """
        locators: dict[str, list[str]] = {}
        for citation in citations:
            locators.setdefault(citation.source, []).append(escape(citation.locator))
        return " · ".join(
            f"{self.source_number(source, here, numbers)} {'; '.join(where)}" for source, where in locators.items()
        )

    def identifier(self, identifier: Identifier, here: str, numbers: dict[str, int]) -> str:
        """``scheme value``, the value's address in its scheme's registry where there is one, then the citations."""
        scheme = SCHEMES_BY_NAME.get(identifier.scheme)
        address = None if scheme is None else scheme.link(identifier.value)
        shown = f"`{identifier.scheme}` {escape(identifier.value)}"
        if address is not None:
            shown += f" ({autolink(address)})"
        return f"{shown} {self.citations(identifier.citations, here, numbers)}"

    def source_number(self, source_id: str, here: str, numbers: dict[str, int]) -> str:
        number = numbers.setdefault(source_id, len(numbers) + 1)
        return _source_link(self.sources[source_id], here, f"[{number}]")

    def entity(self, view: EntityView) -> str:
        entity = view.entity
        here = entity_page(entity.id)
        numbers: dict[str, int] = {}
        lines = [
            "---",
            "orphan: true",
            "---",
            "",
            f"# {escape(name_text(entity))}",
            "",
            f"{_link(str(entity.kind), kind_page(entity.kind), here)} · id `{entity.id}`",
            "",
            escape(entity.description),
            "",
            "## Fields",
            "",
        ]
        rows = [("`kind`", escape(str(entity.kind))), ("`name`", escape(entity.name))]
        rows.append(("`acronym`", escape(entity.acronym) if entity.acronym else "none"))
        rows.append(("`aliases`", _value(entity.aliases)))
        if entity.names_in_languages:
            names = [
                f"{escape(n.name)} `{n.language}` {self.citations(n.citations, here, numbers)}"
                for n in entity.names_in_languages
            ]
            rows.append(("`names_in_languages`", "; ".join(names)))
        if entity.identifiers:
            rows.append(("`identifiers`", "; ".join(self.identifier(i, here, numbers) for i in entity.identifiers)))
        rows += [
            (f"`{field.name}`", _value(getattr(entity, field.name)))
            for field in attrs.fields(type(entity))
            if field.name not in _LEAD_FIELDS
        ]
        rows.append(("`citations`", self.citations(entity.citations, here, numbers)))
        lines += [*markdown_table(("field", "value"), rows), ""]
        if view.figures:
            lines += ["## Figures", "", *self.figures(view.figures, here, numbers), ""]
        if view.disagreements:
            lines += ["## Sources disagree", "", *self.disagreements(view.disagreements, here, numbers), ""]
        count = len(view.relations)
        lines += [
            "## Neighbourhood",
            "",
            f"![{escape(entity.name)} and the entities one relation away](./{entity.id}.svg)",
            "",
            f"The drawing shows {_relations_drawn(count)} (the table below lists them), one arrow each; "
            "labels that would overlap are left out, and every entity's name is in its tooltip. "
            f"{{download}}`Open the drawing at full size (SVG) <{entity.id}.svg>`",
            "",
        ]
        lines += ["## Relations", ""]
        if view.relations:
            relation_rows = [
                (
                    escape(_words(related.predicate)),
                    _link(name_text(related.entity), entity_page(related.entity.id), here),
                    escape(str(related.entity.kind)),
                    escape(period_text(related.relation.start, related.relation.end)) or "not dated",
                    escape(related.relation.note),
                    self.citations(related.relation.citations, here, numbers),
                )
                for related in view.relations
            ]
            header = ("relation", "with", "kind", "when", "note", "cited")
            lines += [f"Each relation read from {escape(entity.name)}'s side; {len(view.relations)} in all.", ""]
            lines += [*markdown_table(header, relation_rows), ""]
            related = {r.entity.id: r.entity for r in view.relations}
            lines += ["## Related entities", "", *self.grouped(sorted(related.values(), key=lambda e: e.id), here), ""]
        else:
            lines += ["No relations.", ""]
        if isinstance(entity, Place):
            lines += self.place_contents(entity, here)
        lines += ["## Sources", "", "The sources cited on this page, by the numbers in the tables.", ""]
        for source_id, number in numbers.items():
            source = self.sources[source_id]
            published = "" if source.published is None else f", {escape(when_text(source.published, notes=False))}"
            link = _source_link(source, here)
            lines.append(f"{number}. {link} ({escape(source.publisher)}{published}): {autolink(source.url)}")
        lines.append("")
        return "\n".join(lines)

    def figures(self, figures: Sequence[Figure], here: str, numbers: dict[str, int]) -> list[str]:
        rows = [
            (
                escape(figure.quantity),
                escape(f"{figure.value:,}"),
                escape(figure.unit),
                escape(_words(figure.qualifier.value)) + (", projection" if figure.projection else ""),
                _date(figure.as_of),
                escape(figure.note),
                self.citations(figure.citations, here, numbers),
            )
            for figure in figures
        ]
        return markdown_table(("quantity", "value", "unit", "qualifier", "as of", "note", "cited"), rows)

    def disagreements(self, disagreements: Sequence[Disagreement], here: str, numbers: dict[str, int]) -> list[str]:
        """Per field sources disagree on: the value the data prefers (cited above) and the other, with its citations."""
        rows = [
            (
                escape(disputed_field(d.record, d.variant.field)),
                _value(d.preferred),
                _value(d.other),
                escape(d.variant.note),
                self.citations(d.variant.citations, here, numbers),
            )
            for d in disagreements
        ]
        return markdown_table(("field", "preferred", "other value", "note", "cited for the other value"), rows)

    def place_contents(self, place: Place, here: str) -> list[str]:
        """For a place: a link to its region page, or the entities in it (by the dataset's region rules)."""
        if place in self.regions:
            return [f"See {_link(f'everything in {place.name}', region_page(place.id), here)}.", ""]
        members = [e for e in self.dataset.entities(region=place.id) if e.id != place.id]
        if not members:
            return []
        return [f"## In {escape(place.name)}", "", *self.grouped(members, here), ""]

    def grouped(self, members: Sequence[Entity], here: str) -> list[str]:
        """A table per kind, each entity with its dates, earliest first (the undated after, by name)."""
        lines = []
        for kind in Kind:
            of_kind = sorted(
                (e for e in members if e.kind is kind),
                key=lambda e: (e.start is None, e.start.date.earliest() if e.start else None, e.name.casefold()),
            )
            if of_kind:
                rows = [
                    (_link(name_text(e), entity_page(e.id), here), escape(marked_period(e.start, e.end)), f"`{e.id}`")
                    for e in of_kind
                ]
                lines += [
                    f"{escape(KIND_ENTRIES[kind].plural.capitalize())} ({len(of_kind)}):",
                    "",
                    *markdown_table(("name", "when", "id"), rows),
                    "",
                ]
        return lines

    def kind(self, kind: Kind) -> str:
        here = kind_page(kind)
        members = list(self.dataset.entities(kind=kind))
        start, end = next(iter(members)).period_fields if members else (None, None)
        rows = []
        for entity in members:
            period = period_text(
                getattr(entity, start) if start else None, getattr(entity, end) if end else None, notes=False
            )
            rows.append(
                (
                    _link(entity.name, entity_page(entity.id), here),
                    escape(entity.acronym or ""),
                    f"`{entity.id}`",
                    escape(period),
                    str(len(self.dataset.neighbours(entity.id))),
                )
            )
        title = KIND_ENTRIES[kind].plural.capitalize()
        lines = [f"# {title}", "", f"{len(members)} {escape(KIND_ENTRIES[kind].plural)} in the data, by id.", ""]
        lines += [*markdown_table(("name", "acronym", "id", "when", "relations"), rows), ""]
        fields = [
            (f"`{field.name}`", escape(field.metadata[DESCRIPTION])) for field in attrs.fields(KIND_ENTRIES[kind].cls)
        ]
        lines += ["## Fields", "", f"What each field of {escape(str(kind))} means.", ""]
        lines += [*markdown_table(("field", "meaning"), fields), ""]
        return "\n".join(lines)

    def region(self, region: Place) -> str:
        here = region_page(region.id)
        dataset = self.dataset
        places = dataset.places_within(region)
        members = [e for e in dataset.entities(region=region) if e.kind is not Kind.PLACE]
        inside = {e.id for e in members}
        cooperating = [e for e in dataset.entities(cooperating_with=region) if e.id not in inside]
        lines = [
            f"# {escape(region.name)}",
            "",
            f"The region's own page: {_link(region.name, entity_page(region.id), here)}. "
            f"{len(places)} places lie within it and {len(members)} other entities are in it.",
            "",
            "## Places within",
            "",
            *self.tree(region, here),
            "",
            *map_section(region),
            "## Entities in the region",
            "",
            *(self.grouped(members, here) or ["None."]),
            "",
            "## Cooperating with the region",
            "",
            "Entities stated to cooperate with a place within the region, and not in it themselves.",
            "",
            *(self.grouped(cooperating, here) or ["None."]),
            "",
            *self.coverage(region),
        ]
        return "\n".join(lines)

    def coverage(self, region: Place) -> list[str]:
        """What the data covers about *region*, kind by kind, and the gaps known in it (``Dataset.coverage``)."""
        statements = [c for c in self.dataset.coverage(region=region) if c.count or c.gaps]
        lines = [
            "## Coverage",
            "",
            "What the data holds about the region, up to which date, and what it is known to lack. "
            "A record that is not here may still exist: the data does not hold it.",
            "",
        ]
        rows = [
            (c.kind.value, str(c.located), str(c.cooperating), str(c.first or ""), str(c.last or ""))
            for c in statements
        ]
        if rows:
            lines += [*markdown_table(("kind", "in the region", "cooperating", "from", "to"), rows), ""]
        gaps = [(c.kind.value, gap) for c in statements for gap in c.gaps]
        if gaps:
            lines += ["Known gaps (leads that could not be confirmed):", ""]
            for kind, gap in gaps:
                source = f" Lead: {autolink(gap.lead)}" if gap.lead else ""
                lines.append(f"- {kind}, {gap.status.replace('_', ' ')}: {escape(gap.missing)}{source}")
            lines.append("")
        return lines

    def tree(self, region: Place, here: str, depth: int = 0) -> list[str]:
        """The places within *region* as a nested list: each under the smallest place that contains it."""
        within = {p.id: p for p in self.dataset.places_within(region) if p.id != region.id}
        nested = {
            inner for place_id in within for inner in self._inside(place_id) if inner != place_id and inner in within
        }
        lines = []
        for place in within.values():
            if place.id in nested:
                continue
            link = _link(place.name, entity_page(place.id), here)
            if place in self.regions:
                link += f" ({_link('region page', region_page(place.id), here)})"
            lines.append(f"{'  ' * depth}- {link}")
            lines += self.tree(place, here, depth + 1)
        return lines

    def _inside(self, place_id: str) -> Iterable[str]:
        return (p.id for p in self.dataset.places_within(place_id))

    def index(self) -> str:
        here = "index.md"
        records = self.dataset.records
        lines = [
            "# Catalogue",
            "",
            f"Every entity of the data on its own page: {len(records.entities)} entities, "
            f"{len(records.relations)} relations and {len(records.figures)} figures, each with its citations. "
            "The pages are generated from the data each time the documentation is built.",
            "",
            "## By kind",
            "",
        ]
        for kind in Kind:
            count = sum(1 for _ in self.dataset.entities(kind=kind))
            lines.append(f"- {_link(KIND_ENTRIES[kind].plural.capitalize(), kind_page(kind), here)} ({count})")
        lines += [
            "",
            "## By region",
            "",
            "A region holds the places within it (through the place hierarchy of the data) and the "
            "entities located or held in those places, agreements with a party "
            "there and projects and programmes an organisation there takes part in; what only "
            "cooperates with a place there is listed apart on its page.",
            "",
        ]
        for region in self.regions:
            count = sum(1 for _ in self.dataset.entities(region=region))
            lines.append(f"- {_link(region.name, region_page(region.id), here)} ({count})")
        pages = [kind_page(kind).removesuffix(".md") for kind in Kind]
        pages += [region_page(region.id).removesuffix(".md") for region in self.regions]
        lines += ["", "```{toctree}", ":hidden:", "", *pages, "```", ""]
        return "\n".join(lines)


def drawing(dataset: Dataset, entity: Entity) -> str:
    """An entity page's drawing: the entity and each of its relations (topics and documents too), one arrow each,
    so that it counts what the page's relation table lists; the legend below, to fit the text column."""
    low, high = DRAWING_HEIGHTS
    height = min(high, max(low, 200.0 + 8.0 * len(dataset.neighbours(entity.id))))
    return focus_svg(
        dataset,
        around=entity.id,
        with_topics=True,
        with_documents=True,
        centre_only=True,
        width=COLUMN_WIDTH,
        height=height,
        legend="below",
    )


def render(dataset: Dataset) -> dict[str, str]:
    """Every file of the catalogue, by its path inside the catalogue folder."""
    renderer = _Renderer(dataset)
    files = {"index.md": renderer.index()}
    for kind in Kind:
        files[kind_page(kind)] = renderer.kind(kind)
    for region in renderer.regions:
        files[region_page(region.id)] = renderer.region(region)
        files[region_map(region.id)] = map_svg(dataset, region=region)
    for entity in dataset.records.entities:
        files[entity_page(entity.id)] = renderer.entity(dataset.view(entity))
        files[f"{ENTITIES}/{entity.id}.svg"] = drawing(dataset, entity)
    return files


def write(folder: Path, dataset: Dataset) -> list[Path]:
    """(Re)write the catalogue in *folder*; returns the files written or removed.

    A file is written only when its text changed, so that Sphinx rereads only the pages
    that changed; a page or drawing no longer rendered (an entity removed) is deleted.
    """
    files = render(dataset)
    changed = []
    for name, text in files.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_text(path, text)
            changed.append(path)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".svg") and path.relative_to(folder).as_posix() not in files:
            path.unlink()
            changed.append(path)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the catalogue from the bundled data."""
    parser = argparse.ArgumentParser(prog=COMMAND, description="Write the catalogue pages into docs/catalogue/.")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="docs directory (default: ./docs)")
    args = parser.parse_args(argv)
    changed = write(args.docs / FOLDER, load())
    print(f"{len(changed)} files written or removed under {args.docs / FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
