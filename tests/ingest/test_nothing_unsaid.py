"""Nothing read silently as something else, nothing skipped without a word (issue 21).

An empty path is not the current directory; a ``*.JSON`` file and a sub-folder of data files are
named, not skipped; an export whose record lists were deleted, or that lost its ``entities``, is
refused as an export; a reversed date window is an error, not an empty answer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eu_iot_coop
from eu_iot_coop import Dataset, export
from eu_iot_coop._cli import main
from eu_iot_coop._ingest import EXPORT_LISTS, read_paths
from eu_iot_coop.exceptions import DataFileError

from ..engine_support import valid_files, write_files


def test_an_empty_path_is_refused_not_read_as_the_current_directory(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as caught:
        read_paths([""])
    assert caught.value.file == "''"
    assert "empty" in caught.value.problem
    assert "'.'" in caught.value.fix


@pytest.mark.parametrize("argv", [["--overlay", "", "stats"], ["validate", ""], ["fmt", "--check", ""]])
def test_an_empty_path_is_a_usage_error_at_the_command_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 2
    assert "the path is empty" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["places.JSON", "places.Json"])
def test_a_data_file_with_an_upper_case_suffix_is_named(tmp_path: Path, name: str) -> None:
    folder = write_files(tmp_path / "data", valid_files())
    (folder / "places.json").rename(folder / name)
    with pytest.raises(DataFileError) as caught:
        read_paths([folder])
    problems = [p for p in caught.value.problems if p.file is not None and p.file.endswith(name)]
    assert len(problems) == 1
    assert "not read" in problems[0].problem
    assert "rename it to end in '.json'" in problems[0].fix


def test_a_sub_folder_of_data_files_is_named(tmp_path: Path) -> None:
    files = valid_files()
    folder = write_files(tmp_path / "data", files)
    sub = folder / "more"
    sub.mkdir()
    (folder / "places.json").rename(sub / "places.json")
    with pytest.raises(DataFileError) as caught:
        read_paths([folder])
    problems = [p for p in caught.value.problems if p.file is not None and p.file.endswith("more")]
    assert len(problems) == 1
    assert "sub-folder" in problems[0].problem
    assert "path of its own" in problems[0].fix


def test_hidden_and_unrelated_entries_are_left_alone(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "data", valid_files())
    (folder / ".git").mkdir()
    (folder / ".git" / "x.json").write_text("{}", encoding="utf-8")
    (folder / "notes").mkdir()
    (folder / "notes" / "readme.txt").write_text("hello", encoding="utf-8")
    (folder / "README.md").write_text("hello", encoding="utf-8")
    read_paths([folder])


@pytest.mark.parametrize("key", list(EXPORT_LISTS))
def test_an_export_missing_a_record_list_is_refused(tmp_path: Path, key: str) -> None:
    document = json.loads(export.to_json(eu_iot_coop.load()))
    del document[key]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        Dataset.from_export(path)
    assert caught.value.file is not None
    assert caught.value.file.endswith("export.json")
    assert caught.value.field == key
    assert f"the export has no {key!r} list" in caught.value.problem
    assert "export the dataset again" in caught.value.fix
    assert "data file" not in str(caught.value)


@pytest.mark.parametrize("options", [["list"], ["timeline"], ["timeline", "--entity", "aioti"]])
def test_a_reversed_window_is_a_usage_error(capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
    assert main([*options, "--from", "2020", "--to", "2015-06"]) == 2
    err = capsys.readouterr().err
    assert "--from 2020 is after --to 2015-06" in err
    assert "swap" in err


@pytest.mark.parametrize(("since", "until"), [("2015", "2015-06"), ("2015-06", "2015"), ("2015-06-30", "2015-06")])
def test_a_window_within_one_period_is_in_order(capsys: pytest.CaptureFixture[str], since: str, until: str) -> None:
    """Partial dates that share a day overlap: not reversed."""
    assert main(["list", "--from", since, "--to", until]) == 0
