"""Standard output that cannot encode every character: file formats stay UTF-8, text degrades to escapes (issue 11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import eu_iot_coop

# Each way a console can refuse non-ASCII: an explicit ASCII encoding, and the C locale without UTF-8 mode.
# Plain LC_ALL=C is there too: Python's UTF-8 mode usually takes over, and it must keep working.
LIMITED = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "LC_ALL=C, no UTF-8 mode": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    "LC_ALL=C": {"LC_ALL": "C"},
}


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "eu_iot_coop", *args], capture_output=True, env={**base, **(env or {})}, timeout=120
    )


@pytest.fixture(scope="module")
def non_ascii() -> eu_iot_coop.Entity:
    """An entity of the bundled data whose name is not ASCII (a place, when there is one)."""
    entities = [e for e in eu_iot_coop.load().records.entities if not e.name.isascii()]
    assert entities, "the bundled data has no non-ASCII name to test with"
    return next((e for e in entities if e.kind == "place"), entities[0])


def _escaped(text: str) -> str:
    return "".join(c if c.isascii() else f"\\u{ord(c):04x}" for c in text)


@pytest.mark.parametrize("env", LIMITED.values(), ids=LIMITED.keys())
def test_draw_writes_the_svg_as_utf8_whatever_the_console(env: dict[str, str], non_ascii: eu_iot_coop.Entity) -> None:
    """`draw` to stdout succeeds and writes the very bytes it writes on a UTF-8 console: SVG is UTF-8."""
    limited = _run("draw", "--around", non_ascii.id, env=env)
    assert limited.returncode == 0, limited.stderr.decode("utf-8", "replace")
    utf8 = _run("draw", "--around", non_ascii.id, env={"PYTHONIOENCODING": "utf-8"})
    assert limited.stdout == utf8.stdout
    svg = ET.fromstring(limited.stdout)
    assert non_ascii.name in "".join(svg.itertext())


@pytest.mark.parametrize("env", LIMITED.values(), ids=LIMITED.keys())
def test_text_commands_print_non_ascii_names_without_crashing(
    env: dict[str, str], non_ascii: eu_iot_coop.Entity
) -> None:
    """show, search, list and timeline succeed; a name the console cannot show is written with escapes (\\u00ed)."""
    ascii_console = env != {"LC_ALL": "C"} or _run("show", non_ascii.id, env=env).stdout.isascii()
    shown = _escaped(non_ascii.name) if ascii_console else non_ascii.name
    for args in (["show", non_ascii.id], ["search", non_ascii.id], ["list", non_ascii.kind], ["timeline"]):
        result = _run(*args, env=env)
        assert result.returncode == 0, (args, result.stderr.decode("utf-8", "replace"))
        assert b"Traceback" not in result.stderr
        if ascii_console:
            assert result.stdout.isascii(), args
        if args[0] != "timeline":
            assert shown in result.stdout.decode("utf-8"), args


@pytest.mark.parametrize("env", LIMITED.values(), ids=LIMITED.keys())
def test_json_output_stays_valid_json_on_an_ascii_console(env: dict[str, str], non_ascii: eu_iot_coop.Entity) -> None:
    """`show --json` on a console that cannot encode a name still prints JSON that reads back to the true name."""
    result = _run("show", non_ascii.id, "--json", env=env)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert json.loads(result.stdout)["entity"]["name"] == non_ascii.name
