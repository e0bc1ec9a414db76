"""The query commands: show, search, related, path, timeline, rounds, stats, list, figures and actors."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

import attrs

from eu_iot_coop._citation import citation
from eu_iot_coop._model import KINDS, Entity, Figure, Kind, Relation, Source, When
from eu_iot_coop._present import (
    citations_text,
    disputed_field,
    disputed_text,
    figure_value,
    is_dated,
    marked_text,
    name_text,
    period_text,
    source_ids_text,
    value_text,
    when_text,
)

if TYPE_CHECKING:
    from eu_iot_coop._query import ActorEdge, Disagreement, EntityView, SharedRecord, TimelineRow
from eu_iot_coop._version import __version__

from . import _render as render
from ._common import EXIT_OK, NothingFound, find_entity, load_dataset, named_place, region_place


def run_show(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    view = dataset.view(find_entity(dataset, args.entity))
    if args.json:
        print(render.dumps(_view_json(view)), file=out)
        return EXIT_OK
    entity = view.entity
    page = render.Page(out)
    page.print(name_text(entity))
    page.fields(_entity_fields(entity))
    if view.figures:
        page.print("\nFigures")
        rows: list[Sequence[object]] = [
            (f.quantity, figure_value(f), when_text(f.as_of), source_ids_text(f.citations)) for f in view.figures
        ]
        page.table(["quantity", "value", "as of", "sources"], rows)
    if view.disagreements:
        page.print("\nSources disagree")
        page.table(_DISAGREEMENT_HEADERS, [_disagreement_row(d) for d in view.disagreements])
    lineage = (*reversed(view.predecessors), *view.successors)
    if lineage:
        page.print("\nNames and succession (earliest first)")
        rows = [
            (step.source.name, step.predicate, step.target.name, step.target.id, _succession_when(step.relation))
            for step in lineage
        ]
        page.table(["from", "predicate", "to", "id", "when"], rows)
    if view.relations:
        page.print(f"\nRelations ({len(view.relations)})")
        sided = any(r.relation.on_behalf_of is not None for r in view.relations)
        rows = [
            (
                r.predicate,
                r.entity.name,
                r.entity.id,
                *((r.relation.on_behalf_of or "",) if sided else ()),
                period_text(r.relation.start, r.relation.end),
                source_ids_text(r.relation.citations),
            )
            for r in view.relations
        ]
        page.table(["predicate", "entity", "id", *(("on behalf of",) if sided else ()), "when", "sources"], rows)
    if view.sources:
        page.print("\nSources")
        if any(s.copy_of for s in view.sources):
            rows = [(s.id, s.title, s.url, s.copy_of) for s in view.sources]
            page.table(["id", "title", "url", "a copy of"], rows)
        else:
            rows = [(s.id, s.title, s.url) for s in view.sources]
            page.table(["id", "title", "url"], rows)
    return EXIT_OK


def _succession_when(relation: Relation) -> str:
    # An undated succession says why in its note (an integrity rule asks for one).
    when = marked_text(relation.start)
    return when if when is not None else f"undated: {relation.note}"


def run_rounds(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    series = find_entity(dataset, args.series)
    meetings = dataset.rounds(series)
    if args.json:
        rows = [
            {"round": e.round, "date": None if e.start is None else str(e.start.date), "name": e.name, "id": e.id}
            for e in meetings
        ]
        print(render.dumps({"series": series.id, "meetings": rows}), file=out)
        return EXIT_OK
    if not meetings:
        raise NothingFound(f"no meeting names {series.id!r} as its series")
    page = render.Page(out)
    page.print(name_text(series))
    page.table(
        ["round", "date", "meeting", "id"],
        [("" if e.round is None else e.round, marked_text(e.start), e.name, e.id) for e in meetings],
    )
    numbered = sum(e.round is not None for e in meetings)
    page.print(f"{len(meetings)} meetings, {numbered} of them numbered; '~' marks an inferred date")
    return EXIT_OK


#: What `show` and `disagreements` print of each disagreement, in this order.
_DISAGREEMENT_HEADERS: Final = ["field", "preferred", "sources", "other value", "sources", "note"]


def _disagreement_row(d: Disagreement) -> tuple[str, ...]:
    return (
        disputed_field(d.record, d.variant.field),
        disputed_text(d.preferred),
        _preferred_sources(d),
        disputed_text(d.other),
        source_ids_text(d.variant.citations),
        d.variant.note,
    )


def _preferred_sources(disagreement: Disagreement) -> str:
    """The sources of the value the data prefers: the record's citations, or a source's own id."""
    record = disagreement.record
    return record.id if isinstance(record, Source) else source_ids_text(record.citations)


def run_disagreements(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    found = dataset.disagreements()
    if args.json:
        # Imported here on purpose: the converter (and cattrs) loads only when JSON is asked for.
        from eu_iot_coop._ingest import plain

        print(render.dumps([_disagreement_json(d, plain) for d in found]), file=out)
        return EXIT_OK
    page = render.Page(out)
    page.table(["record", *_DISAGREEMENT_HEADERS], [(d.record.id, *_disagreement_row(d)) for d in found])
    page.print(f"{len(found)} disagreement{'' if len(found) == 1 else 's'} between sources")
    return EXIT_OK


def _disagreement_json(disagreement: Disagreement, plain: Any) -> dict[str, Any]:
    variant: dict[str, Any] = plain(disagreement.variant)
    return {
        "record": disagreement.record.id,
        "record_type": disagreement.record.record_type,
        "field": disagreement.variant.field,
        "preferred": plain(disagreement.preferred),
        "variant": variant,
    }


def _view_json(view: EntityView) -> dict[str, Any]:
    """``show --json``: the records of the view as their data files write them."""
    # Imported here on purpose: the converter (and cattrs) loads only when JSON is asked for.
    from eu_iot_coop._ingest import plain

    return {
        "entity": plain(view.entity),
        "figures": [plain(figure) for figure in view.figures],
        "relations": [
            {
                "predicate": r.predicate,
                "direction": r.direction,
                "entity": {"id": r.entity.id, "kind": str(r.entity.kind), "name": r.entity.name},
                "relation": plain(r.relation),
            }
            for r in view.relations
        ],
        "variants": [plain(variant) for variant in view.variants],
        "sources": [plain(source) for source in view.sources],
    }


def _entity_fields(entity: Entity) -> Iterator[tuple[str, object]]:
    yield "id", entity.id
    yield "kind", entity.kind.value
    for field in attrs.fields(type(entity)):
        if field.name in {"id", "citations"}:
            continue
        value = getattr(entity, field.name)
        if field.name == "aliases":
            value = ", ".join(value)
        elif isinstance(value, tuple):
            # Names in other languages with their tags, identifiers with their schemes: each shows as text.
            value = "; ".join(map(str, value))
        elif is_dated(value):
            value = when_text(value)
        elif hasattr(value, "value"):
            value = value.value
        yield field.name, value
    yield "cited", citations_text(entity.citations)


def run_search(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    matches = dataset.search(
        args.text,
        limit=args.limit,
        kind=args.kind,
        region=region_place(dataset, args),
        descriptions=args.descriptions,
    )
    if args.json:
        rows = [
            {
                "id": m.entity.id,
                "kind": str(m.entity.kind),
                "name": m.entity.name,
                "score": round(m.score, 4),
                "matched_name": m.matched_name,
                "tier": m.tier,
            }
            for m in matches
        ]
        print(render.dumps(rows), file=out)
        return EXIT_OK
    if not matches:
        raise NothingFound(f"no entity name resembles {args.text!r}; try fewer or other words")
    rows_text = [
        (f"{m.score:.2f}", m.tier, m.entity.id, m.entity.kind.value, m.entity.name, m.matched_name) for m in matches
    ]
    render.Page(out).table(["score", "match", "id", "kind", "name", "matched"], rows_text)
    return EXIT_OK


def _step_json(step: Any) -> dict[str, Any]:
    return {
        "depth": step.depth,
        "source": step.source.id,
        "predicate": step.predicate,
        "target": step.target.id,
        "target_kind": str(step.target.kind),
        "target_name": step.target.name,
        "relation": step.relation.key,
        "start": None if step.relation.start is None else str(step.relation.start.date),
        "end": None if step.relation.end is None else str(step.relation.end.date),
        "when": period_text(step.relation.start, step.relation.end),
    }


def run_related(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    entity = find_entity(dataset, args.entity)
    steps = list(dataset.walk(entity, depth=args.depth, predicates=args.predicate, direction=args.direction))
    if args.side is not None:
        on_side = {e.id for e in dataset.entities(side=args.side)}
        steps = [step for step in steps if step.target.id in on_side]
    if args.json:
        print(render.dumps({"entity": entity.id, "steps": [_step_json(s) for s in steps]}), file=out)
        return EXIT_OK
    page = render.Page(out)
    page.print(f"{name_text(entity)}: {len(steps)} related within {args.depth} step(s)")
    if steps:
        rows = [
            (
                s.depth,
                s.source.id,
                s.predicate,
                s.target.id,
                s.target.kind.value,
                s.target.name,
                period_text(s.relation.start, s.relation.end),
            )
            for s in steps
        ]
        page.table(["depth", "from", "predicate", "to", "kind", "name", "when"], rows)
    return EXIT_OK


def run_path(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    source, target = find_entity(dataset, args.source), find_entity(dataset, args.target)
    steps = dataset.path(
        source,
        target,
        predicates=args.predicate,
        direction=args.direction,
        avoid_kinds=tuple(
            kind
            for kind, through in ((Kind.TOPIC, args.through_topics), (Kind.PLACE, args.through_places))
            if not through
        ),
    )
    if steps is None:
        raise NothingFound(
            f"no chain of relations links {source.id!r} to {target.id!r}; "
            f"try 'eu-iot-coop related {source.id} --depth 3' to see what it reaches"
        )
    if args.json:
        print(
            render.dumps({"source": source.id, "target": target.id, "steps": [_step_json(s) for s in steps]}), file=out
        )
        return EXIT_OK
    page = render.Page(out)
    page.print(f"{name_text(source)} to {name_text(target)}: {len(steps)} step(s)")
    rows = [(s.depth, s.source.id, s.predicate, s.target.id, source_ids_text(s.relation.citations)) for s in steps]
    if rows:
        page.table(["step", "from", "predicate", "to", "sources"], rows)
    return EXIT_OK


def run_timeline(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    entity = None if args.entity is None else find_entity(dataset, args.entity)
    rows = dataset.timeline_rows(
        since=args.since,
        until=args.until,
        kind=args.kind,
        entity=entity,
        region=region_place(dataset, args),
        partner_region=named_place(dataset, args.partner_region),
    )
    if args.json:
        print(render.dumps([_timeline_json(row) for row in rows]), file=out)
        return EXIT_OK
    page = render.Page(out)
    page.table(["date", "type", "what"], [(_row_date(row), _row_type(row), _what(row)) for row in rows])
    page.print(f"{len(rows)} row(s); '~' marks an inferred date")
    return EXIT_OK


def _row_date(row: TimelineRow) -> str:
    # An event of one day has the same start and end: it reads as one date.
    end = row.end if row.start is None or row.ranged else None
    return period_text(row.start, end, notes=False) + ("~" if row.inferred else "")


def _row_type(row: TimelineRow) -> str:
    if row.row_type == "entity" and row.kind is not None:
        return row.kind.value
    return row.row_type


def _what(row: TimelineRow) -> str:
    if row.figure is not None:
        when = when_text(row.figure.as_of, notes=False)
        dated = f"projection for {when}" if row.projection else f"as of {when}"
        return f"{row.text}: {value_text(row.figure)} ({dated})"
    parts = [row.text]
    if row.parties:
        parts.append(f"parties: {', '.join(row.parties)}")
    if row.founders:
        parts.append(f"founded by {', '.join(row.founders)}")
    return "; ".join(parts)


def _when_json(when: When | None) -> dict[str, Any] | None:
    if when is None:
        return None
    return {
        "date": str(when.date),
        "latest": None if when.latest is None else str(when.latest),
        "precision": when.date.precision,
        "inferred": when.inferred,
        "note": when.note,
    }


def _timeline_json(row: TimelineRow) -> dict[str, Any]:
    figure = row.figure
    return {
        "date": str(row.date),
        "latest": None if row.first.latest is None else str(row.first.latest),
        "precision": row.precision,
        "last": str(row.last),
        "inferred": row.inferred,
        "start": _when_json(row.start),
        "end": _when_json(row.end),
        "record": row.records[0],
        "record_type": row.row_type,
        "kind": None if row.kind is None else row.kind.value,
        "what": row.text,
        "parties": list(row.parties),
        "founders": list(row.founders),
        "predicate": row.predicate,
        "figure": None
        if figure is None
        else {
            "quantity": figure.quantity,
            "value": figure.value,
            "unit": figure.unit,
            "qualifier": figure.qualifier.value,
            "as_of": str(row.date),
            "projection": figure.projection,
        },
        "projection": row.projection,
        "records": list(row.records),
        "citations": [{"source": c.source, "locator": c.locator} for c in row.citations],
    }


def run_cite(args: argparse.Namespace, out: TextIO) -> int:
    out.write(citation(args.format, dataset=load_dataset(args)))
    return EXIT_OK


def run_stats(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    records = dataset.records
    counts = records.counts()
    kinds = {kind.value: counts[kind.value] for kind in Kind}
    document: dict[str, Any] = {
        "package_version": __version__,
        "data_version": dataset.data_version,
        "fingerprint": dataset.fingerprint,
        "entities": len(records.entities),
        "kinds": kinds,
        "relations": len(records.relations),
        "figures": len(records.figures),
        "sources": len(records.sources),
        "redirects": len(records.redirects),
    }
    if args.as_of is not None:
        document["as_of"] = str(args.as_of)
    coverage = [c for c in dataset.coverage(kind=COVERAGE_KINDS) if c.count or c.gaps]
    document["coverage"] = [
        {
            "region": c.region,
            "kind": str(c.kind),
            "located": c.located,
            "cooperating": c.cooperating,
            "first": None if c.first is None else str(c.first),
            "last": None if c.last is None else str(c.last),
            "gaps": [{"missing": g.missing, "status": g.status, "lead": g.lead} for g in c.gaps],
        }
        for c in coverage
    ]
    if args.json:
        print(render.dumps(document), file=out)
        return EXIT_OK
    page = render.Page(out)
    page.fields(
        [
            ("package version", __version__),
            ("data version", dataset.data_version or "(none)"),
            ("as of", document.get("as_of")),
            ("fingerprint", dataset.fingerprint),
        ]
    )
    page.print()
    rows: list[tuple[str, int]] = list(kinds.items())
    rows += [("entities (all kinds)", len(records.entities))]
    rows += [(name, document[name]) for name in ("relations", "figures", "sources", "redirects")]
    page.table(["records", "count"], rows)
    page.print()
    page.print("Coverage: records in each partner region or cooperating with it, their dates, and known gaps")
    page.table(
        ["region", "kind", "in", "cooperating", "from", "to", "known gaps"],
        [
            (c.region, c.kind.value, c.located, c.cooperating, c.first or "", c.last or "", len(c.gaps) or "")
            for c in coverage
        ],
    )
    page.print("A missing record is only not in the data; 'stats --json' and Dataset.coverage() list the gaps")
    return EXIT_OK


#: The kinds the coverage table of ``stats`` shows: the records cooperation is made of.
COVERAGE_KINDS: Final = (Kind.AGREEMENT, Kind.PROGRAMME, Kind.PROJECT, Kind.EVENT, Kind.ORGANISATION)


def run_list(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    found = dataset.entities(
        kind=args.kind,
        region=region_place(dataset, args),
        cooperating_with=named_place(dataset, args.cooperating_with),
        partner_region=named_place(dataset, args.partner_region),
        side=args.side,
        since=args.since,
        until=args.until,
        predicate=args.predicate,
        linked_to=None if args.linked_to is None else find_entity(dataset, args.linked_to),
    )
    listed = sorted(found, key=lambda e: (e.name.casefold(), e.id))
    if args.sort == "date":
        # Stable on the name order: entities of the same date, and the undated at the end, stay by name.
        listed.sort(key=lambda e: (e.start is None, None if e.start is None else e.start.date.earliest()))
    # Deliberately lazy, as in the parser's check of --columns: only list reads the columns' table.
    from eu_iot_coop._query import LIST_COLUMNS, cell_text

    names: tuple[str, ...] = args.columns or (KINDS[Kind(args.kind)].list_columns if args.kind else ("start",))
    columns = [LIST_COLUMNS[name] for name in names]
    values = [[column.value(dataset, e) for column in columns] for e in listed]
    if args.json:
        rows = [
            {
                "id": e.id,
                "kind": str(e.kind),
                "name": e.name,
                "start": None if e.start is None else str(e.start.date),
                "start_inferred": None if e.start is None else e.start.inferred,
                "columns": dict(zip(names, row, strict=True)),
            }
            for e, row in zip(listed, values, strict=True)
        ]
        print(render.dumps(rows), file=out)
        return EXIT_OK
    rows_text = [
        (e.id, e.kind.value, e.name, *(cell_text(value) for value in row))
        for e, row in zip(listed, values, strict=True)
    ]
    page = render.Page(out)
    page.table(["id", "kind", "name", *names], rows_text)
    page.print(f"{len(listed)} entit{'y' if len(listed) == 1 else 'ies'}; '~' marks an inferred date")
    return EXIT_OK


def run_figures(args: argparse.Namespace, out: TextIO) -> int:
    dataset = load_dataset(args)
    names = {entity.id: entity for entity in dataset.entities()}
    figures = list(
        dataset.figures(
            None if args.entity is None else find_entity(dataset, args.entity),
            quantity=args.quantity,
            unit=args.unit,
            kind=args.kind,
            region=region_place(dataset, args),
        )
    )
    figures.sort(
        key=lambda f: (names[f.subject].name.casefold(), f.subject, f.quantity.casefold(), _as_of_key(f), f.id)
    )
    if args.json:
        print(render.dumps([_figure_json(f, names[f.subject]) for f in figures]), file=out)
        return EXIT_OK
    rows = [
        (
            names[f.subject].name,
            f.quantity,
            figure_value(f),
            marked_text(f.as_of),
            source_ids_text(f.citations),
        )
        for f in figures
    ]
    page = render.Page(out)
    page.table(["entity", "quantity", "value", "as of", "sources"], rows)
    forecasts = sum(f.projection for f in figures)
    count = f"{len(figures)} figure{'' if len(figures) == 1 else 's'}"
    if forecasts:
        count += f", {forecasts} of them {'a projection' if forecasts == 1 else 'projections'} (forecast, not measured)"
    page.print(f"{count}; '~' marks an inferred date")
    currencies = sorted({figure.unit for figure in figures if figure.money})
    if len(currencies) > 1:
        page.print(
            f"note: money is given in {', '.join(currencies[:-1])} and {currencies[-1]}, which do not compare"
            " without a conversion; --unit keeps one"
        )
    return EXIT_OK


def _as_of_key(figure: Figure) -> str:
    return "" if figure.as_of is None else str(figure.as_of.date)


def _figure_json(figure: Figure, entity: Entity) -> dict[str, Any]:
    as_of = figure.as_of
    return {
        "id": figure.id,
        "entity": {"id": entity.id, "kind": str(entity.kind), "name": entity.name},
        "quantity": figure.quantity,
        "value": figure.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier.value,
        "projection": figure.projection,
        "text": figure_value(figure),
        "as_of": None if as_of is None else str(as_of.date),
        "as_of_latest": None if as_of is None or as_of.latest is None else str(as_of.latest),
        "as_of_inferred": None if as_of is None else as_of.inferred,
        "note": figure.note,
        "citations": [{"source": c.source, "locator": c.locator} for c in figure.citations],
    }


def run_actors(args: argparse.Namespace, out: TextIO) -> int:
    network = load_dataset(args, cut=False).actor_network(people=args.people, as_of=args.as_of)
    names = {actor.id: actor.name for actor in network.actors}
    centrality = network.degree_centrality()
    others = len(network.actors) - 1
    central = sorted(centrality, key=lambda actor: (-centrality[actor], names[actor].casefold(), actor))[: args.top]
    strongest = network.strongest(args.top)
    provenance = network.provenance()
    if args.json:
        document = {
            **provenance.to_json(),
            "people": network.people,
            "as_of": None if network.as_of is None else str(network.as_of),
            "actors": len(network.actors),
            "edges": len(network.edges),
            "central": [
                {
                    "id": actor,
                    "name": names[actor],
                    "partners": round(centrality[actor] * others),
                    "degree_centrality": centrality[actor],
                }
                for actor in central
            ],
            "strongest": [_edge_json(edge, names) for edge in strongest],
        }
        print(render.dumps(document), file=out)
        return EXIT_OK
    page = render.Page(out)
    who = "organisations and people" if network.people else "organisations"
    moment = "" if network.as_of is None else f" as of {network.as_of}"
    page.print(f"The actors' network{moment}: {len(network.actors)} {who}, {len(network.edges)} links")
    page.print(f"data version {provenance.data_version or '(none)'}, fingerprint {provenance.fingerprint[:12]}")
    page.print("\nMost central actors (degree centrality: the share of the other actors each is linked to)")
    page.table(
        ["actor", "id", "partners", "centrality"],
        [(names[a], a, round(centrality[a] * others), f"{centrality[a]:.3f}") for a in central],
    )
    page.print("\nStrongest links (the records both share, earliest first)")
    page.table(
        ["shared", "actor", "actor", "records"],
        [
            (edge.weight, names[edge.actors[0]], names[edge.actors[1]], "; ".join(map(_shared_text, edge.shared)))
            for edge in strongest
        ],
    )
    return EXIT_OK


def _shared_text(record: SharedRecord) -> str:
    when = period_text(record.start, record.end, notes=False)
    return f"{record.name} ({when})" if when else record.name


def _edge_json(edge: ActorEdge, names: dict[str, str]) -> dict[str, Any]:
    return {
        "actors": [{"id": actor, "name": names[actor]} for actor in edge.actors],
        "weight": edge.weight,
        "records": [
            {
                "id": record.id,
                "kind": record.kind.value,
                "name": record.name,
                "start": _when_json(record.start),
                "end": _when_json(record.end),
            }
            for record in edge.shared
        ],
    }
