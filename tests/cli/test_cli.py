"""The eu-iot-coop command, run in-process on the bundled data (and once as ``python -m``)."""

from __future__ import annotations

import csv
import errno
import io
import itertools
import json
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import eu_iot_coop
from eu_iot_coop import PartialDate
from eu_iot_coop.__main__ import main
from eu_iot_coop._draw import focus_svg, overview_svg

from ..engine_support import OverlayWriter

SOURCE = "source-ec-internet-of-things"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command; return its exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    """Run a command with --json, check it succeeded, and parse what it printed."""
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def assert_one_line_error(err: str) -> None:
    """An error is exactly one line on stderr, prefixed with the program name."""
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("eu-iot-coop: error: ")


def _organisation(identifier: str, name: str, **extra: object) -> dict[str, object]:
    return {
        "id": identifier,
        "name": name,
        "description": "A test organisation.",
        "citations": [{"source": SOURCE, "locator": "test"}],
        "category": "other",
        **extra,
    }


# --- show -----------------------------------------------------------------------------------------


def test_show_prints_fields_relations_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    """show AIOTI prints its name, a relation read from its end, and the sources cited."""
    code, out, err = run(capsys, "show", "AIOTI")
    assert code == 0, err
    assert out.startswith("Alliance for Internet of Things Innovation (AIOTI)\n")
    assert "\nRelations (" in out
    assert "founded_by" in out  # the inverse name: AIOTI is the object of "founded"
    assert "\nSources\n" in out
    assert SOURCE in out


def test_show_heading_does_not_repeat_a_name_as_its_acronym(
    capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset
) -> None:
    """An entity whose acronym is its name is headed by the name once, as on its catalogue page."""
    entity = next(e for e in bundled.entities() if e.acronym == e.name)
    code, out, err = run(capsys, "show", entity.id)
    assert code == 0, err
    assert out.splitlines()[0] == entity.name


def test_show_json_relations_are_the_view_in_its_order(
    capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset
) -> None:
    """show --json lists the relations of Dataset.view, in its order and with its directions."""
    document = run_json(capsys, "show", "aioti")
    view = bundled.view("aioti")
    assert [(r["relation"]["subject"], r["predicate"], r["direction"]) for r in document["relations"]] == [
        (r.relation.subject, r.predicate, r.direction) for r in view.relations
    ]
    assert [s["id"] for s in document["sources"]] == [s.id for s in view.sources]


def test_show_cited_line_is_source_colon_locator(
    capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset
) -> None:
    """show's 'cited' line is 'source: locator' joined by '; ', adding no parentheses around locators."""
    code, out, err = run(capsys, "show", "aioti")
    assert code == 0, err
    cited = next(line for line in out.splitlines() if line.startswith("cited "))
    expected = "; ".join(f"{c.source}: {c.locator}" for c in bundled.get("aioti").citations)
    assert cited.split(None, 1)[1] == " ".join(expected.split())
    assert cited.count("(") == sum(c.locator.count("(") for c in bundled.get("aioti").citations)


def test_show_json_lists_every_neighbour_and_cited_source(
    capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset
) -> None:
    """show --json has one relation per neighbour and every source they cite."""
    document = run_json(capsys, "show", "aioti")
    neighbours = bundled.neighbours("aioti")
    assert document["entity"]["id"] == "aioti"
    assert document["entity"]["kind"] == "organisation"
    assert len(document["relations"]) == len(neighbours)
    assert {r["relation"]["subject"] for r in document["relations"] if r["direction"] == "in"} - {"aioti"}
    cited = {c.source for n in neighbours for c in n.relation.citations}
    cited |= {c.source for c in bundled.get("aioti").citations}
    assert {s["id"] for s in document["sources"]} >= cited


def test_show_unknown_name_suggests_a_near_one(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt name exits 1 with one line on stderr that suggests the right name."""
    code, out, err = run(capsys, "show", "AIOTX")
    assert code == 1
    assert out == ""
    assert_one_line_error(err)
    assert "no entity matches 'AIOTX'" in err
    assert "AIOTI" in err


def test_suggestion_does_not_repeat_an_id_that_is_the_match(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt id suggests the id alone, not 'id (id)'; a name that differs keeps its id beside it."""
    code, _, err = run(capsys, "show", "mou-itac-aiot-2017")
    assert code == 1
    assert_one_line_error(err)
    assert "did you mean 'mou-itac-aioti-2017'" in err
    assert "(mou-itac-aioti-2017)" not in err
    err = run(capsys, "show", "AIOTX")[2]
    assert "'AIOTI (aioti)'" in err


def test_ambiguous_name_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_overlay: OverlayWriter
) -> None:
    """A name two entities share exits 2 and lists both ids."""
    overlay = write_overlay([_organisation("test-body", "Test body", aliases=["AIOTI"])])
    code, _, err = run(capsys, "--overlay", str(overlay), "show", "AIOTI")
    assert code == 2
    assert_one_line_error(err)
    assert "aioti" in err
    assert "test-body" in err


# --- search, related, path, timeline, stats -------------------------------------------------------


def test_search_finds_itac_first_and_respects_limit(capsys: pytest.CaptureFixture[str]) -> None:
    """search ITAC puts the consortium first and returns no more than --limit results."""
    results = run_json(capsys, "search", "ITAC", "--limit", "3")
    assert 1 <= len(results) <= 3
    assert results[0]["id"] == "itac"
    code, out, _ = run(capsys, "search", "ITAC", "--limit", "3")
    assert code == 0
    assert out.splitlines()[0].split() == ["score", "match", "id", "kind", "name", "matched"]


def test_show_resolves_codes_and_ampersands(capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset) -> None:
    """show JP finds the place with that ISO code; '&' for 'and' finds METI."""
    japan = next(p for p in bundled.entities(kind="place") if p.codes and p.codes[0] == "JP")
    assert run_json(capsys, "show", "JP")["entity"]["id"] == japan.id
    assert run_json(capsys, "show", "jp")["entity"]["id"] == japan.id
    assert run_json(capsys, "show", "Ministry of Economy, Trade & Industry")["entity"]["id"] == "meti"


def test_show_and_search_resolve_codes_from_an_overlay(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_overlay: OverlayWriter
) -> None:
    """A place an overlay adds with alpha-2, alpha-3 and M49 codes is found by each of them."""
    place = {
        "id": "atlantis",
        "name": "Atlantis",
        "description": "A test country.",
        "citations": [{"source": SOURCE, "locator": "test"}],
        "place_type": "country",
        "iso_3166_1": "XA",
        "iso_3166_1_alpha3": "XAT",
        "m49": "998",
    }
    overlay = str(write_overlay([place], kind="place"))
    for code in ("XA", "xat", "998"):
        assert run_json(capsys, "--overlay", overlay, "show", code)["entity"]["id"] == "atlantis"
    results = run_json(capsys, "--overlay", overlay, "search", "XAT")
    assert (results[0]["id"], results[0]["tier"], results[0]["matched_name"]) == ("atlantis", "code", "XAT")


def test_search_descriptions_option(capsys: pytest.CaptureFixture[str]) -> None:
    """search --descriptions adds description matches, tier 'description', after the name matches."""
    plain = run_json(capsys, "search", "blockchain", "--limit", "50")
    described = run_json(capsys, "search", "blockchain", "--limit", "50", "--descriptions")
    extra = [row for row in described if row["tier"] == "description"]
    assert extra
    assert not {row["id"] for row in extra} & {row["id"] for row in plain if row["tier"] != "fuzzy"}
    assert described[-len(extra) :] == extra


def test_related_matches_the_library_walk(capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset) -> None:
    """related --depth 2 reports exactly the steps Dataset.walk takes."""
    document = run_json(capsys, "related", "ITAC", "--depth", "2")
    expected = [(s.depth, s.source.id, s.predicate, s.target.id) for s in bundled.walk("itac", depth=2)]
    assert [(s["depth"], s["source"], s["predicate"], s["target"]) for s in document["steps"]] == expected
    assert max(s["depth"] for s in document["steps"]) == 2


def test_related_filters_by_predicate_and_direction(capsys: pytest.CaptureFixture[str]) -> None:
    """--predicate and --direction keep only the matching relations."""
    document = run_json(capsys, "related", "itac", "--predicate", "party_to", "--direction", "out")
    assert document["steps"]
    assert {s["predicate"] for s in document["steps"]} == {"party_to"}
    assert all(s["target_kind"] == "agreement" for s in document["steps"])


def test_path_links_itac_to_the_commission(capsys: pytest.CaptureFixture[str]) -> None:
    """path gives a chain of steps, each starting where the last ended."""
    document = run_json(capsys, "path", "ITAC", "European Commission")
    steps = document["steps"]
    assert steps[0]["source"] == "itac"
    assert steps[-1]["target"] == document["target"]
    for before, after in itertools.pairwise(steps):
        assert before["target"] == after["source"]


def test_path_without_a_chain_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_overlay: OverlayWriter
) -> None:
    """An entity with no relations has no path to anything: exit 1, one line on stderr."""
    overlay = write_overlay([_organisation("lonely-body", "Lonely body")])
    code, out, err = run(capsys, "path", "lonely-body", "aioti", "--overlay", str(overlay))
    assert code == 1
    assert out == ""
    assert_one_line_error(err)
    assert "lonely-body" in err


def test_timeline_respects_dates_and_kind(capsys: pytest.CaptureFixture[str]) -> None:
    """timeline --from/--to/--kind keeps rows that may fall in range (a period overlapping it), in date order."""
    rows = run_json(capsys, "timeline", "--from", "2016", "--to", "2017-12", "--kind", "agreement")
    assert rows
    years = [int(row["date"][:4]) for row in rows]
    assert all(int(row["date"][:4]) <= 2017 and int((row["last"] or row["date"])[:4]) >= 2016 for row in rows)
    assert years == sorted(years)


def test_timeline_names_entities_and_lists_an_agreement_once(capsys: pytest.CaptureFixture[str]) -> None:
    """timeline shows names, not ids, one row per agreement naming its parties, and figures with their values."""
    code, out, _ = run(capsys, "timeline", "--entity", "ITAC")
    assert code == 0
    memorandum = [line for line in out.splitlines() if "ITAC-AIOTI Memorandum" in line]
    assert len(memorandum) == 1
    assert "parties: Alliance for Internet of Things Innovation, IoT Acceleration Consortium" in memorandum[0]
    assert "party_to" not in out
    assert " itac " not in out
    assert "about 2,800 companies (as of 2017-03)" in out
    code, out, _ = run(capsys, "timeline", "--from", "2020", "--to", "2020")
    (projection,) = [line for line in out.splitlines() if "IoT market value" in line]
    assert "more than 1,000,000,000,000 EUR (projection for 2020)" in projection


def test_timeline_json_carries_the_rows(capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset) -> None:
    """timeline --json gives each row's ids, dates with precision and inference, citations and figure values."""
    document = run_json(capsys, "timeline")
    rows = bundled.timeline_rows()
    assert [row["records"] for row in document] == [list(row.records) for row in rows]
    for row, expected in zip(document, rows, strict=True):
        assert row["date"] == str(expected.date)
        assert row["precision"] == expected.precision
        assert row["inferred"] == expected.inferred
        assert len(row["citations"]) == len(expected.citations)
    inferred = next(row for row in document if row["records"] == ["smart-action-international-cooperation-page"])
    assert inferred["start"] == {
        "date": "2012-09",
        "latest": "2013-12",
        "precision": "month",
        "inferred": True,
        "note": inferred["start"]["note"],
    }
    projections = {row["records"][0]: row for row in document if row["projection"]}
    assert sorted(projections) == ["brazil-iot-plan-estimated-impact", "eu-iot-market-value-2020"]
    projection = projections["eu-iot-market-value-2020"]
    assert projection["figure"]["qualifier"] == "more_than"
    assert projection["figure"]["unit"] == "EUR"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_timeline_wraps_to_a_terminal_and_not_when_piped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a 70-column terminal no line is longer than 70 and nothing is lost; piped, lines keep their length."""
    _, piped, _ = run(capsys, "timeline")
    assert max(len(line) for line in piped.splitlines()) > 70
    monkeypatch.setenv("COLUMNS", "70")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["timeline"]) == 0
    shown = terminal.getvalue()
    assert max(len(line) for line in shown.splitlines()) <= 70

    def characters(text: str) -> Counter[str]:
        # Columns wrap side by side, so words interleave across lines: compare what is printed, not its order.
        return Counter("".join(word for word in text.split() if set(word) != {"-"}))

    assert characters(shown) == characters(piped)


def test_bad_date_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    """An impossible --from date exits 2 with one line naming --from (not the API's 'since') and the format."""
    code, out, err = run(capsys, "timeline", "--from", "2016-13")
    assert code == 2
    assert out == ""
    assert_one_line_error(err)
    assert "--from" in err
    assert "since" not in err
    assert "YYYY-MM" in err


def test_unknown_kind_is_a_usage_error_listing_the_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    """timeline --kind widget exits 2 and lists every kind; a near miss is suggested (search --kind too)."""
    code, _, err = run(capsys, "timeline", "--kind", "widget")
    assert code == 2
    assert_one_line_error(err)
    assert "choose from organisation, person, place" in err
    code, _, err = run(capsys, "search", "aioti", "--kind", "organisaton")
    assert code == 2
    assert_one_line_error(err)
    assert "did you mean 'organisation'?" in err


def test_unknown_predicate_is_a_usage_error_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    """related --predicate exits 2 for a name outside the vocabulary: near names, else every name."""
    code, _, err = run(capsys, "related", "aioti", "--predicate", "foundd_by")
    assert code == 2
    assert_one_line_error(err)
    assert "did you mean 'founded_by'" in err
    code, _, err = run(capsys, "path", "aioti", "itac", "--predicate", "nope")
    assert code == 2
    assert_one_line_error(err)
    assert "choose from" in err
    assert "party_to" in err


def test_unknown_entity_still_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """An entity that is not there is 'nothing found' (exit 1), not a usage error."""
    code, _, err = run(capsys, "related", "zzzz-no-such-entity-qqq")
    assert code == 1
    assert_one_line_error(err)


def test_stats_agree_with_the_dataset(capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset) -> None:
    """stats --json reports the dataset's counts, versions and fingerprint."""
    document = run_json(capsys, "stats")
    assert document["entities"] == len(bundled.records.entities)
    assert document["relations"] == len(bundled.records.relations)
    assert sum(document["kinds"].values()) == document["entities"]
    assert document["fingerprint"] == bundled.fingerprint
    assert document["data_version"] == eu_iot_coop.DATA_VERSION
    assert document["package_version"] == eu_iot_coop.__version__


def test_overlay_adds_records_to_queries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_overlay: OverlayWriter
) -> None:
    """--overlay, given before or after the command, adds its records to the bundled data."""
    overlay = write_overlay([_organisation("overlay-body", "Overlay body")])
    before = run_json(capsys, "stats")["entities"]
    assert run_json(capsys, "--overlay", str(overlay), "stats")["entities"] == before + 1
    assert run_json(capsys, "stats", "--overlay", str(overlay))["entities"] == before + 1


# --- export and draw ------------------------------------------------------------------------------


def test_export_json_to_stdout(capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset) -> None:
    """export --format json without --output prints the JSON document."""
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    assert len(json.loads(out)["relations"]) == len(bundled.records.relations)


def test_export_graphml_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: eu_iot_coop.Dataset
) -> None:
    """export --format graphml --output writes a file networkx reads with every node and edge."""
    path = tmp_path / "graph.graphml"
    code, out, _ = run(capsys, "export", "--format", "graphml", "--output", str(path))
    assert code == 0
    assert out == ""
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == len(bundled.records.entities)
    assert graph.number_of_edges() == len(bundled.records.relations)


def test_export_csv_and_sqlite_need_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: eu_iot_coop.Dataset
) -> None:
    """csv and sqlite exports refuse stdout (exit 2) and write files when given --output."""
    for fmt in ("csv", "sqlite"):
        code, _, err = run(capsys, "export", "--format", fmt)
        assert code == 2
        assert_one_line_error(err)
        assert "--output" in err
    assert run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "csv"))[0] == 0
    with (tmp_path / "csv" / "entities.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(bundled.records.entities)
    assert run(capsys, "export", "--format", "sqlite", "--output", str(tmp_path / "db.sqlite"))[0] == 0
    connection = sqlite3.connect(tmp_path / "db.sqlite")
    try:
        connection.execute("PRAGMA foreign_keys=ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT count(*) FROM relations").fetchone()[0] == len(bundled.records.relations)
    finally:
        connection.close()


def test_export_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown format exits 2 with one line naming the choices."""
    code, _, err = run(capsys, "export", "--format", "xlsx")
    assert code == 2
    assert_one_line_error(err)
    assert "graphml" in err


def test_draw_network_and_timeline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: eu_iot_coop.Dataset
) -> None:
    """draw prints the region overview; --around draws a neighbourhood; --timeline --output writes the timeline."""
    code, out, _ = run(capsys, "draw")
    assert code == 0
    assert out == overview_svg(bundled)
    code, out, _ = run(capsys, "draw", "--around", "ITAC", "--depth", "2")
    assert code == 0
    assert out == focus_svg(bundled, around="ITAC", depth=2)
    root = ET.fromstring(out)
    entities = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "entity"]
    assert "itac" in {g.get("data-id") for g in entities}
    assert 10 < len(entities) < len(bundled.records.entities)
    path = tmp_path / "timeline.svg"
    assert run(capsys, "draw", "--timeline", "--output", str(path))[0] == 0
    assert ET.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_draw_own_relations_with_the_legend_below(
    capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset
) -> None:
    """--own-relations and --legend draw what the catalogue draws; without a network to draw they are refused."""
    code, out, _ = run(capsys, "draw", "--around", "ITAC", "--depth", "2", "--own-relations", "--legend", "below")
    assert code == 0
    assert out == focus_svg(bundled, around="ITAC", depth=2, centre_only=True, legend="below")
    (relations,) = (
        g for g in ET.fromstring(out).iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "relations"
    )
    arrows = list(relations.iter("{http://www.w3.org/2000/svg}line"))
    assert len(arrows) > 5
    assert all("itac" in (arrow.get("data-subject"), arrow.get("data-object")) for arrow in arrows)
    for argv in (["--own-relations"], ["--map", "--legend", "below"], ["--legend", "right"]):
        code, out, err = run(capsys, "draw", *argv)
        assert code == 2, argv
        assert out == ""
        assert "--own-relations" in err or "--legend" in err


def test_draw_filters(capsys: pytest.CaptureFixture[str], bundled: eu_iot_coop.Dataset) -> None:
    """--kind, --predicate, --region and --as-of narrow the drawing; --overview with a focus is a usage error."""
    code, out, _ = run(capsys, "draw", "--kind", "agreement", "--kind", "organisation", "--predicate", "party_to")
    assert code == 0
    kinds = {
        g.get("data-kind")
        for g in ET.fromstring(out).iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "entity"
    }
    assert kinds == {"agreement", "organisation"}
    code, out, _ = run(capsys, "draw", "--region", "Japan", "--as-of", "2016")
    assert code == 0
    ids = {
        g.get("data-id") for g in ET.fromstring(out).iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "entity"
    }
    assert ids <= {e.id for e in bundled.as_of("2016").entities(region="Japan")}
    assert "itac" in ids
    code, _, err = run(capsys, "draw", "--overview", "--region", "Japan")
    assert code == 2
    assert_one_line_error(err)
    code, _, err = run(capsys, "draw", "--depth", "2")
    assert code == 2
    assert_one_line_error(err)


# --- dates known only as a range ------------------------------------------------------------------

BOUNDED = "smart-action-international-cooperation-page"


def test_show_prints_a_bounded_date_as_a_range(capsys: pytest.CaptureFixture[str]) -> None:
    """show gives a date known only as a range as 'date to latest (inferred: note)'."""
    code, out, err = run(capsys, "show", BOUNDED)
    assert code == 0, err
    published = next(line for line in out.splitlines() if line.startswith("published "))
    assert published.split(None, 1)[1].startswith("2012-09 to 2013-12 (inferred: the page gives no date")


def test_show_json_keeps_the_latest_bound(capsys: pytest.CaptureFixture[str]) -> None:
    """show --json writes the bounded date in its canonical object form, 'latest' included."""
    document = run_json(capsys, "show", BOUNDED)
    published = document["entity"]["published"]
    assert (published["date"], published["latest"], published["inferred"]) == ("2012-09", "2013-12", True)


def test_timeline_shows_the_latest_bound(capsys: pytest.CaptureFixture[str]) -> None:
    """timeline --json has 'latest' on every row (its first date's upper bound, null when unbounded); the table
    shows the range."""
    rows = run_json(capsys, "timeline", "--from", "2012-09", "--to", "2012-10", "--kind", "document")
    latest = {row["record"]: row["latest"] for row in rows}
    assert latest[BOUNDED] == "2013-12"
    assert None in latest.values()
    assert all(row["latest"] == (row["start"] or row["end"])["latest"] for row in rows)
    code, out, err = run(capsys, "timeline", "--from", "2012-09", "--to", "2012-10", "--kind", "document")
    assert code == 0, err
    line = next(line for line in out.splitlines() if "SMART-ACTION" in line)
    assert line.startswith("2012-09 to 2013-12~ ")


def test_period_with_a_bounded_end_keeps_the_range_whole() -> None:
    """A period whose start is a range joins the ends with 'until', so 'to' belongs to the range alone."""
    from eu_iot_coop import PartialDate, When
    from eu_iot_coop._present import period_text as period

    start = When(PartialDate.parse("2012-09"), True, latest=PartialDate.parse("2013-12"))
    end = When(PartialDate.parse("2015"))
    assert period(start, end) == "from 2012-09 to 2013-12 (inferred) until 2015"
    assert period(end, None) == "2015"
    assert period(When(PartialDate.parse("2014")), end) == "2014 to 2015"


def test_exports_of_the_bundled_data_keep_the_latest_bound(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The bundled bounded date reads back from CSV, SQLite and GraphML with its 'latest' bound."""
    assert run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "csv"))[0] == 0
    with (tmp_path / "csv" / "entities.csv").open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == BOUNDED)
    assert (row["published"], row["published_latest"], row["published_inferred"]) == ("2012-09", "2013-12", "true")
    assert run(capsys, "export", "--format", "sqlite", "--output", str(tmp_path / "db.sqlite"))[0] == 0
    connection = sqlite3.connect(tmp_path / "db.sqlite")
    try:
        stored = connection.execute(
            "SELECT published, published_latest FROM documents WHERE id = ?", (BOUNDED,)
        ).fetchone()
        source = connection.execute(
            "SELECT published_latest FROM sources WHERE id = 'source-smart-action-international-cooperation'"
        ).fetchone()
    finally:
        connection.close()
    assert stored == ("2012-09", "2013-12")
    assert source == ("2013-12",)
    assert run(capsys, "export", "--format", "graphml", "--output", str(tmp_path / "graph.graphml"))[0] == 0
    graph = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert graph.nodes[BOUNDED]["published_latest"] == "2013-12"


# --- validate, fmt --------------------------------------------------------------------------------


def test_validate_lists_every_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_overlay: OverlayWriter
) -> None:
    """validate prints each problem on its own line and exits 3."""
    broken = [
        _organisation("broken-one", "Broken one", category="not-a-category"),
        _organisation("broken-two", "Broken two", founded="2015-13"),
    ]
    overlay = write_overlay(broken)
    code, out, err = run(capsys, "validate", str(overlay))
    assert code == 3
    lines = out.splitlines()
    assert len(lines) >= 2
    assert any("broken-one" in line for line in lines)
    assert any("broken-two" in line and "founded" in line for line in lines)
    assert "problems found" in err


def test_validate_lists_every_integrity_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_overlay: OverlayWriter
) -> None:
    """Records valid one by one but citing unknown sources: each is reported, exit 3."""
    bad_citation = [{"source": "no-such-source", "locator": "x"}]
    broken = [
        {**_organisation("dangling-one", "Dangling one"), "citations": bad_citation},
        {**_organisation("dangling-two", "Dangling two"), "citations": bad_citation},
    ]
    code, out, _ = run(capsys, "validate", str(write_overlay(broken)))
    assert code == 3
    lines = out.splitlines()
    assert any("dangling-one" in line for line in lines)
    assert any("dangling-two" in line for line in lines)


def test_validate_prints_every_entry_of_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever stages .problems spans, validate prints each entry on its own line, then the count; exit 3."""
    from eu_iot_coop.exceptions import CitationError, DataFileError, SchemaError

    found = [
        DataFileError("cannot read the file", file="a.json", fix="check the path"),
        SchemaError("not an allowed value\nat all", file="b.json", record="x", field="category"),
        CitationError("names an unknown source", file="b.json", record="y", field="citations[0].source"),
    ]
    error = found[0].with_others(found)

    def failing_load(**_: object) -> None:
        raise error

    monkeypatch.setattr("eu_iot_coop._api.load", failing_load)
    code, out, err = run(capsys, "validate", str(tmp_path / "b.json"))
    assert code == 3
    assert out.splitlines() == [" ".join(problem.describe().split()) for problem in found]
    assert err == "eu-iot-coop: 3 problems found\n"


def test_validate_refuses_a_global_overlay(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_overlay: OverlayWriter
) -> None:
    """--overlay before validate would be silently unchecked: exit 2, suggesting it as a PATH."""
    first = write_overlay([_organisation("one-body", "One body")], folder=tmp_path / "one")
    second = write_overlay([_organisation("two-body", "Two body")], folder=tmp_path / "two")
    code, out, err = run(capsys, "--overlay", str(first), "validate", str(second))
    assert code == 2
    assert out == ""
    assert_one_line_error(err)
    assert "validate takes no --overlay" in err
    assert "give every file as a PATH" in err


def test_validate_accepts_a_good_overlay(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, write_overlay: OverlayWriter
) -> None:
    """A valid overlay passes: exit 0."""
    overlay = write_overlay([_organisation("good-body", "Good body")])
    code, out, _ = run(capsys, "validate", str(overlay))
    assert code == 0
    assert out.startswith("valid:")


def test_fmt_check_then_fix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """fmt --check exits 1 and changes nothing; fmt rewrites; then --check exits 0."""
    path = tmp_path / "organisations.json"
    record = _organisation("fmt-body", "Fmt body")
    path.write_text(json.dumps({"kind": "organisation", "records": [record]}), encoding="utf-8")
    original = path.read_bytes()
    code, out, _ = run(capsys, "fmt", "--check", str(path))
    assert code == 1
    assert str(path) in out
    assert path.read_bytes() == original
    assert run(capsys, "fmt", str(path))[0] == 0
    assert path.read_bytes() != original
    assert json.loads(path.read_bytes()) == json.loads(original)
    assert run(capsys, "fmt", "--check", str(path))[0] == 0


def _bundled_copy_at(data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One non-canonical data file at *data*, which fmt is made to take for the bundled data."""
    data.mkdir(parents=True)
    path = data / "organisations.json"
    record = _organisation("fmt-body", "Fmt body")
    path.write_text(json.dumps({"kind": "organisation", "records": [record]}), encoding="utf-8")
    monkeypatch.setattr("eu_iot_coop._cli._data_commands._bundled_data", lambda: data)
    return path


def test_fmt_without_path_refuses_an_installed_copy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fmt with no PATH on installed data exits 2 and changes nothing; fmt --check may still look at it."""
    path = _bundled_copy_at(tmp_path / "site-packages" / "eu_iot_coop" / "data", monkeypatch)
    original = path.read_bytes()
    code, out, err = run(capsys, "fmt")
    assert code == 2
    assert out == ""
    assert_one_line_error(err)
    assert "PATH" in err
    assert path.read_bytes() == original
    code, out, _ = run(capsys, "fmt", "--check")
    assert code == 1
    assert "organisations.json" in out
    assert path.read_bytes() == original


def test_fmt_without_path_formats_a_source_checkout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fmt with no PATH rewrites the bundled data when it sits in src/eu_iot_coop/data beside a pyproject.toml."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'eu_iot_coop'\n", encoding="utf-8")
    path = _bundled_copy_at(tmp_path / "src" / "eu_iot_coop" / "data", monkeypatch)
    original = path.read_bytes()
    code, out, _ = run(capsys, "fmt")
    assert code == 0
    assert "reformatted" in out
    assert path.read_bytes() != original
    assert json.loads(path.read_bytes()) == json.loads(original)


# --- usage ----------------------------------------------------------------------------------------


def test_unknown_command_is_one_line_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown command exits 2 with one line on stderr."""
    code, out, err = run(capsys, "frobnicate")
    assert code == 2
    assert out == ""
    assert_one_line_error(err)


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """--help prints usage and exits 0."""
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "show" in out
    assert "Exit codes" in out


def test_python_dash_m_entry_point() -> None:
    """python -m eu_iot_coop show AIOTI works as a separate process."""
    result = subprocess.run(
        [sys.executable, "-m", "eu_iot_coop", "show", "AIOTI"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Alliance for Internet of Things Innovation (AIOTI)")


# --- diff -----------------------------------------------------------------------------------------


def _copy_of_bundled(directory: Path) -> Path:
    import shutil
    from importlib import resources

    source = Path(str(resources.files("eu_iot_coop") / "data"))
    shutil.copytree(source, directory)
    return directory


def test_diff_of_equal_data_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A copy of the bundled data does not differ from it."""
    copy = _copy_of_bundled(tmp_path / "data")
    code, out, _ = run(capsys, "diff", "bundled", str(copy))
    assert code == 0
    assert "no differences" in out


def test_diff_reports_a_changed_record_and_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Renaming one entity shows up as exactly that change, and the exit code is 1."""
    copy = _copy_of_bundled(tmp_path / "data")
    path = copy / "organisations.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    record = next(r for r in document["records"] if r["id"] == "aioti")
    record["name"] = "Renamed alliance"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "diff", "bundled", str(copy), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["added"] == []
    assert result["removed"] == []
    assert [(c["id"], [f["field"] for f in c["fields"]]) for c in result["changed"]] == [("aioti", ["name"])]


def test_search_without_matches_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A search that matches nothing exits 1 with one line on stderr (and --json prints an empty list)."""
    code, out, err = run(capsys, "search", "zzzzqqq xxyy")
    assert code == 1
    assert out == ""
    assert_one_line_error(err)
    assert run_json(capsys, "search", "zzzzqqq xxyy") == []


# --- output that cannot be written ----------------------------------------------------------------


def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """diff --json into a pipe nobody reads (as under `| head`) exits 141 with nothing on stderr."""
    copy = _copy_of_bundled(tmp_path / "data")
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before the command writes, so its first write fails whatever the pipe's size
    try:
        result = subprocess.run(
            [sys.executable, "-m", "eu_iot_coop", "diff", "bundled", str(copy), "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141


class _FailingOutput(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


def test_broken_pipe_in_process_is_not_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A BrokenPipeError while printing is not reported as a path problem: exit 141, stderr empty."""
    monkeypatch.setattr(sys, "stdout", _FailingOutput(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    code = main(["stats", "--json"])
    assert code == 141
    assert capsys.readouterr().err == ""


def test_unwritable_stdout_does_not_blame_a_path(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another OSError writing stdout exits 2 with one line that does not tell the user to check a path."""
    monkeypatch.setattr(sys, "stdout", _FailingOutput(OSError(errno.ENOSPC, "No space left on device")))
    code = main(["stats", "--json"])
    err = capsys.readouterr().err
    assert code == 2
    assert_one_line_error(err)
    assert "No space left on device" in err
    assert "check the path" not in err


def test_path_avoids_topics_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    """`path` goes around topics and places by default; --through-topics/--through-places allow them, never longer."""
    assert main(["path", "ITAC", "European Commission", "--json"]) == 0
    around = json.loads(capsys.readouterr().out)["steps"]
    assert [step["target"] for step in around] == ["mou-itac-aioti-2017", "aioti", "european-commission"]
    assert main(["path", "ITAC", "European Commission", "--json", "--through-topics"]) == 0
    through = json.loads(capsys.readouterr().out)["steps"]
    assert len(through) <= len(around)
    assert main(["path", "ITAC", "European Commission", "--json", "--through-topics", "--through-places"]) == 0
    anything = json.loads(capsys.readouterr().out)["steps"]
    assert len(anything) <= len(through)


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "AIOTI"],
        ["--overlay", "my-data", "search", "iot", "--limit", "3"],
        ["path", "itac", "eu", "--through-places", "--predicate", "party_to"],
        ["export", "--format", "json"],
        ["list", "agreement", "--region", "Asia", "--json"],
        ["timeline", "--from", "2015", "--region", "Japan"],
    ],
)
def test_one_command_parser_reads_arguments_like_the_full_one(argv: list[str]) -> None:
    """Building only the named subcommand's parser (a start-up saving) reads its arguments exactly as the full one."""
    from eu_iot_coop._cli._parser import build_parser, requested

    assert requested(argv) == next(
        token for token in argv if token in {"show", "search", "path", "export", "list", "timeline"}
    )
    assert vars(build_parser(only=requested(argv)).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_an_unknown_command_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """With no known subcommand the full parser is built, so the error names the choices."""
    assert main(["shwo", "AIOTI"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'shwo'" in err
    assert "show" in err
    assert "validate" in err


def test_list_sorts_by_date_with_the_undated_last(capsys: pytest.CaptureFixture[str]) -> None:
    """list --sort date gives the same entities as by name, dated ones in start order, then the undated."""
    by_name = run_json(capsys, "list", "agreement", "--region", "Asia")
    by_date = run_json(capsys, "list", "agreement", "--region", "Asia", "--sort", "date")
    assert sorted(e["id"] for e in by_name) == sorted(e["id"] for e in by_date)
    starts = [e["start"] for e in by_date]
    dated = [s for s in starts if s is not None]
    assert starts[: len(dated)] == dated
    assert [PartialDate.parse(s).earliest() for s in dated] == sorted(PartialDate.parse(s).earliest() for s in dated)


def test_list_window_and_predicate_follow_the_api(capsys: pytest.CaptureFixture[str]) -> None:
    """list --from/--to/--predicate lists what Dataset.entities(since=, until=, predicate=) gives."""
    ds = eu_iot_coop.load()
    listed = run_json(capsys, "list", "--from", "2016", "--to", "2017-06", "--predicate", "party_to")
    expected = ds.entities(since="2016", until="2017-06", predicate="party_to")
    assert sorted(e["id"] for e in listed) == sorted(e.id for e in expected)
    assert listed, "the bundled data has parties dated in 2016 and 2017"
    agreements = run_json(capsys, "list", "--predicate", "has_party")
    assert {e["kind"] for e in agreements} == {"agreement"}


def test_the_program_freezes_the_collector_at_its_end_and_main_does_not() -> None:
    """The console script skips its exit's collections (its process ends); main() inside another program does not."""
    code = (
        "import gc, sys\n"
        "from eu_iot_coop.__main__ import console, main\n"
        "before = gc.get_freeze_count()\n"
        "main(['stats'])\n"
        "after_main = gc.get_freeze_count()\n"
        "sys.argv = ['eu-iot-coop', 'stats']\n"
        "status = console()\n"
        "print(status, before == after_main, gc.get_freeze_count() > 0, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.split() == ["0", "True", "True"]


def test_disagreements_lists_every_variant_beside_the_value_the_data_prefers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One row per variant of the data; --json gives each record, field, preferred value and the variant."""
    variants = eu_iot_coop.load().records.variants
    assert main(["disagreements"]) == 0
    text = capsys.readouterr().out
    assert text.rstrip().endswith(f"{len(variants)} disagreements between sources")
    assert main(["disagreements", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert sorted(d["variant"]["id"] for d in found) == sorted(v.id for v in variants)
    for item in found:
        assert item["field"] == item["variant"]["field"]
        assert item["record"] == item["variant"]["record"]
        assert item["preferred"] != item["variant"]["value"]


def test_figures_in_several_currencies_say_they_do_not_compare(capsys: pytest.CaptureFixture[str]) -> None:
    """Budgets in EUR beside KRW or BRL carry a note; narrowed to one unit, they do not."""
    assert main(["figures", "--quantity", "budget"]) == 0
    mixed = capsys.readouterr().out
    assert "note: money is given in " in mixed
    assert main(["figures", "--quantity", "budget", "--unit", "EUR"]) == 0
    one = capsys.readouterr().out
    assert "note: money" not in one
    assert all(" EUR " in line + " " or line.startswith(("entity", "---")) for line in one.splitlines()[:-1])
