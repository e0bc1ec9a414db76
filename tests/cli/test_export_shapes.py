"""The export command follows each format's declared shape, never its name."""

from __future__ import annotations

import ast
from pathlib import Path
from types import MappingProxyType

import pytest

import eu_iot_coop
from eu_iot_coop import export
from eu_iot_coop.__main__ import main
from eu_iot_coop.export import ExportFormat, Shape

CLI = Path(eu_iot_coop.__file__).parent / "_cli"


class Recorder:
    """A writer that remembers where it was asked to write and writes a marker there."""

    def __init__(self, returns: str) -> None:
        self.returns = returns
        self.paths: list[Path] = []

    def __call__(self, dataset: eu_iot_coop.Dataset, path: str | Path | None = None) -> str:
        if path is not None:
            self.paths.append(Path(path))
        return self.returns


@pytest.fixture
def swapped(monkeypatch: pytest.MonkeyPatch) -> dict[str, Recorder]:
    """The registry with real names given other shapes (csv as text, json as a directory, turtle as a file)
    and one new text format: a command line that knew a format by name would treat them as before."""
    writers = {name: Recorder(f"text of {name}\n") for name in ("csv", "json", "turtle", "brand-new")}
    entries = (
        ExportFormat.of_text("csv", writers["csv"]),
        ExportFormat("json", Shape.DIRECTORY, writers["json"]),
        ExportFormat("turtle", Shape.FILE, writers["turtle"]),
        ExportFormat.of_text("brand-new", writers["brand-new"]),
    )
    monkeypatch.setattr(export, "REGISTRY", MappingProxyType({entry.name: entry for entry in entries}))
    return writers


@pytest.mark.parametrize("name", ["csv", "brand-new"])
def test_a_text_format_goes_to_standard_output(
    capsys: pytest.CaptureFixture[str], swapped: dict[str, Recorder], name: str
) -> None:
    """Whatever its name, a format declared as text is printed when there is no --output."""
    assert main(["export", "--format", name]) == 0
    assert capsys.readouterr().out == f"text of {name}\n"
    assert swapped[name].paths == []


@pytest.mark.parametrize(("name", "shape"), [("json", "directory"), ("turtle", "file")])
def test_a_file_or_directory_format_needs_output(
    capsys: pytest.CaptureFixture[str], swapped: dict[str, Recorder], name: str, shape: str
) -> None:
    """Whatever its name, a format declared as a file or a directory refuses standard output (exit 2),
    and names its shape and the fix."""
    assert main(["export", "--format", name]) == 2
    err = capsys.readouterr().err
    assert f"{name} export writes a {shape}, so it needs --output" in err
    assert swapped[name].paths == []


@pytest.mark.parametrize("name", ["csv", "json", "turtle", "brand-new"])
def test_every_format_writes_to_output(
    capsys: pytest.CaptureFixture[str], swapped: dict[str, Recorder], tmp_path: Path, name: str
) -> None:
    """Given --output, every format's writer is handed that path and nothing goes to standard output."""
    target = tmp_path / "out"
    assert main(["export", "--format", name, "--output", str(target)]) == 0
    captured = capsys.readouterr()
    assert swapped[name].paths == [target]
    assert captured.out == ""
    assert f"wrote {target}" in captured.err


def test_the_command_line_names_no_format() -> None:
    """The modules that build and run the export command hold no format's name as a string: they read the
    registry instead. (Elsewhere ``"json"`` is the ``--json`` option, not the format.)"""
    names = set(export.REGISTRY)
    found = sorted(
        f"{path.name}:{node.lineno}: {node.value!r}"
        for path in (CLI / "_parser.py", CLI / "_data_commands.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names
    )
    assert found == []


def test_the_registry_declares_every_format() -> None:
    """FORMATS lists the registry; each public ``to_<format>`` is its format's writer; text formats return
    text and the others need a path."""
    assert tuple(export.REGISTRY) == export.FORMATS
    for name, entry in export.REGISTRY.items():
        assert entry.name == name
        assert entry.write is getattr(export, f"to_{name}")
        assert (entry.text is not None) is (entry.shape is Shape.TEXT) is (not entry.shape.needs_path)
    assert {entry.shape for entry in export.REGISTRY.values()} == set(Shape)


def test_a_text_writer_is_declared_only_for_text() -> None:
    """An entry whose shape and writers disagree is refused when the registry is built."""
    recorder = Recorder("x")
    with pytest.raises(ValueError, match="'odd'"):
        ExportFormat("odd", Shape.TEXT, recorder)
    with pytest.raises(ValueError, match="'odd'"):
        ExportFormat("odd", Shape.FILE, recorder, text=recorder)
