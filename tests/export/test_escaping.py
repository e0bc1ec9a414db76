"""Text from the data is escaped for where it goes: spreadsheets (CSV), XML (GraphML, SVG) and the terminal."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset, Records, export
from eu_iot_coop.__main__ import main
from eu_iot_coop._cli import _query_commands as query_commands
from eu_iot_coop._draw import focus_svg
from eu_iot_coop._present import terminal_text, xml_safe
from eu_iot_coop.export._csv import spreadsheet_safe

from ..sample_graph import ENTITIES, FIGURES, REDIRECTS, RELATIONS, SOURCES

#: Characters that start a formula in a spreadsheet, and the quote that neutralises them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
#: A name no XML parser and no terminal should get raw: U+FFFF, ESC, CSI (U+009B), a right-to-left override.
HOSTILE = "Evil\uffff\x1b[2J\x9b31m\u202eydob"


def _with_aioti(**changes: object) -> Dataset:
    entities = [attrs.evolve(e, **changes) if e.id == "aioti" else e for e in ENTITIES]
    records = Records(sources=SOURCES, entities=entities, relations=RELATIONS, figures=FIGURES, redirects=REDIRECTS)
    return Dataset(records, data_version="test.1")


def _unneutralised(cell: str) -> str:
    """The rule the export documents for reading a cell back."""
    return cell[1:] if cell.startswith("'") else cell


@given(st.text())
def test_a_spreadsheet_never_sees_a_formula_and_the_text_comes_back(text: str) -> None:
    """No neutralised cell begins as a formula; removing one leading quote gives the text back."""
    cell = spreadsheet_safe(text)
    assert not cell.startswith(FORMULA_STARTS[:-1])
    assert _unneutralised(cell) == text


def _entities_csv(dataset: Dataset, folder: Path) -> dict[str, dict[str, str]]:
    export.to_csv(dataset, folder)
    with (folder / "entities.csv").open(newline="", encoding="utf-8") as file:
        return {row["id"]: row for row in csv.DictReader(file)}


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "'quoted"])
def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path, name: str) -> None:
    """A name beginning as a formula is written after a quote, and reads back exactly by the documented rule."""
    row = _entities_csv(_with_aioti(name=name), tmp_path / "csv")["aioti"]
    assert row["name"] == "'" + name
    assert _unneutralised(row["name"]) == name


@given(st.lists(st.text(st.characters(exclude_categories=["Cs"]), min_size=1), max_size=4))
def test_aliases_round_trip_through_csv(aliases: list[str]) -> None:
    """Aliases holding bars, commas, quotes or newlines read back as the same list."""
    with tempfile.TemporaryDirectory() as folder:
        row = _entities_csv(_with_aioti(aliases=tuple(aliases)), Path(folder) / "csv")["aioti"]
    assert (json.loads(_unneutralised(row["aliases"])) if row["aliases"] else []) == aliases


@given(st.text())
def test_xml_safe_text_always_parses(text: str) -> None:
    """Any text, in an element and an attribute, serialised through xml_safe, is a well-formed document."""
    element = ET.Element("a", {"b": text})
    element.text = text
    parsed = ET.fromstring(xml_safe(ET.tostring(element, encoding="unicode")))
    assert parsed.tag == "a"


def test_graphml_and_svg_with_an_xml_illegal_name_still_parse(tmp_path: Path) -> None:
    """U+FFFF and ESC in a name are written as their codes; the GraphML and the drawing parse."""
    dataset = _with_aioti(name=HOSTILE)
    graphml = export.to_graphml(dataset)
    ET.fromstring(graphml.encode("utf-8"))
    assert "Evil\\uffff\\u001b[2J" in graphml
    svg = focus_svg(dataset, around="aioti")
    ET.fromstring(svg.encode("utf-8"))
    assert "\uffff" not in svg
    assert "\x1b" not in svg


@given(st.text())
def test_terminal_text_has_no_control_characters_and_keeps_json_valid(text: str) -> None:
    """Escaped text holds no C0/C1 control but newline and tab, and JSON escaped this way reads back the same."""
    shown = terminal_text(text)
    assert all(c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) for c in shown)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in shown)
    assert json.loads(terminal_text(json.dumps(text, ensure_ascii=False))) == text


def test_the_command_line_shows_control_characters_as_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name with ESC, CSI and a right-to-left override is shown escaped in text and in JSON."""
    monkeypatch.setattr(query_commands, "load_dataset", lambda args: _with_aioti(name=HOSTILE))
    for argv in (["show", "aioti"], ["show", "aioti", "--json"], ["list", "organisation"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out, argv
        assert "\x9b" not in out, argv
        assert "\u202e" not in out, argv
        assert "\\u001b" in out, argv
    main(["show", "aioti", "--json"])
    assert json.loads(capsys.readouterr().out)["entity"]["name"] == HOSTILE


def test_a_file_name_with_esc_is_shown_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate prints the paths it read; ESC in a file name reaches the terminal as a code."""
    folder = tmp_path / "data\x1b[2J"
    folder.mkdir()
    main(["validate", str(folder)])
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err
    assert "\\u001b[2J" in captured.out + captured.err


def test_csv_keeps_text_as_csv_module_reads_it() -> None:
    """The neutralising quote is inside the cell, not CSV quoting: the csv module sees it as text."""
    row = next(csv.reader(io.StringIO(spreadsheet_safe("=1+2") + "\n")))
    assert row == ["'=1+2"]


@pytest.mark.parametrize("escape", [terminal_text, xml_safe], ids=["terminal", "xml"])
def test_every_escaped_character_is_unprintable_so_printable_text_may_skip_the_scan(escape: object) -> None:
    """The escapes return printable text unscanned: that is right only if each character they escape is unprintable."""
    assert callable(escape)
    escaped = [chr(code) for code in range(0x110000) if escape(f"a{chr(code)}") != f"a{chr(code)}"]
    assert escaped, "the escape escapes something"
    assert [f"U+{ord(char):04X}" for char in escaped if char.isprintable()] == []
