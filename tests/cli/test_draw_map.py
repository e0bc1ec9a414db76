"""draw --map: the world map from the command line, zoomed with --region, refusing the network's focus options."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from eu_iot_coop import Dataset
from eu_iot_coop._draw import map_svg

from .test_cli import assert_one_line_error, run

SVG = "{http://www.w3.org/2000/svg}"


def test_draw_map_prints_the_map(capsys: pytest.CaptureFixture[str], bundled: Dataset) -> None:
    code, out, _ = run(capsys, "draw", "--map")
    assert code == 0
    assert out == map_svg(bundled)
    shaded = [e for e in ET.fromstring(out).iter(f"{SVG}path") if e.get("data-place")]
    assert len(shaded) > 40


def test_draw_map_zooms_to_a_region_and_writes_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: Dataset
) -> None:
    target = tmp_path / "asia.svg"
    code, _, err = run(capsys, "draw", "--map", "--region", "Asia", "--output", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == map_svg(bundled, region="asia")


def test_draw_map_as_of(capsys: pytest.CaptureFixture[str], bundled: Dataset) -> None:
    code, out, _ = run(capsys, "draw", "--map", "--as-of", "2015")
    assert code == 0
    assert out == map_svg(bundled, as_of="2015") != map_svg(bundled)


@pytest.mark.parametrize(
    "options", [("--kind", "project"), ("--predicate", "party_to"), ("--with-topics",), ("--timeline",)]
)
def test_draw_map_refuses_the_focus_options(capsys: pytest.CaptureFixture[str], options: tuple[str, ...]) -> None:
    code, _, err = run(capsys, "draw", "--map", *options)
    assert code == 2
    assert_one_line_error(err)


def test_draw_map_region_must_be_a_place(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "draw", "--map", "--region", "aioti")
    assert code != 0
    assert_one_line_error(err)
    assert "must be a place" in err
