"""A focused drawing stops stepping out once nothing is left to visit, however deep it was asked to go."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from eu_iot_coop._draw import focus_svg

from ..sample_graph import sample_dataset

_DRAW = "import sys\nfrom eu_iot_coop.__main__ import main\nsys.exit(main(sys.argv[1:]))\n"


def _draw(depth: str) -> subprocess.CompletedProcess[str]:
    # Organisations and agreements alone: a whole component of about a hundred entities lays out in a second,
    # where the whole data's (over eight hundred) took a minute per drawing, for the same guarantee.
    return subprocess.run(
        [
            sys.executable,
            "-c",
            _DRAW,
            "draw",
            "--around",
            "aioti",
            "--depth",
            depth,
            "--kind",
            "organisation",
            "--kind",
            "agreement",
        ],
        capture_output=True,
        text=True,
        timeout=120,  # the endless loop this guards against would end here, as a failure
        check=False,
    )


def test_focus_svg_stops_when_nothing_is_left_to_visit() -> None:
    """In process, on the sample: depth 10**20 returns within seconds and draws what depth 100 draws."""
    dataset = sample_dataset()
    drawn: list[str] = []
    worker = threading.Thread(
        target=lambda: drawn.append(focus_svg(dataset, around="aioti", depth=10**20)), daemon=True
    )
    worker.start()
    worker.join(60)
    assert drawn, "focus_svg kept stepping out with nothing left to visit"
    deep = focus_svg(dataset, around="aioti", depth=100)
    assert drawn[0].replace(f"(depth {10**20})", "(depth 100)") == deep


@pytest.mark.slow
def test_a_depth_beyond_any_path_ends_at_once_with_the_whole_component() -> None:
    """``--depth 99999999999999999999`` draws what a depth past the graph's diameter draws, and returns."""
    huge, deep = _draw("99999999999999999999"), _draw("1000")
    assert huge.returncode == 0, huge.stderr
    assert huge.stdout.startswith("<svg") or huge.stdout.startswith("<?xml")
    assert huge.stdout.replace("(depth 99999999999999999999)", "(depth 1000)") == deep.stdout
