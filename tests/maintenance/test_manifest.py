"""Reproducibility: the fingerprint is stable and layout-independent, and manifest.json matches the bundled data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import eu_iot_coop
from eu_iot_coop import Dataset, Manifest, Records
from eu_iot_coop._maintenance import manifest as _manifest
from eu_iot_coop._model import RECORD_TYPES
from eu_iot_coop._query import shipped

from ..engine_support import CITE, valid_files, write_files

WHAT_TO_DO = (
    "the bundled data changed: bump DATA_VERSION in src/eu_iot_coop/_version.py, "
    "then run `python -m eu_iot_coop._maintenance.manifest` and commit data/manifest.json"
)


def test_manifest_json_matches_the_bundled_data() -> None:
    """data/manifest.json records the fingerprint and counts of the bundled data under the current DATA_VERSION."""
    recorded = shipped()
    assert recorded is not None, "data/manifest.json is missing: run `python -m eu_iot_coop._maintenance.manifest`"
    current = eu_iot_coop.load().manifest()
    assert recorded.data_version == eu_iot_coop.DATA_VERSION, WHAT_TO_DO
    assert recorded.fingerprint == current.fingerprint, WHAT_TO_DO
    assert recorded == current


def test_manifest_counts_every_record() -> None:
    """The counts add up to the number of records of the dataset."""
    dataset = eu_iot_coop.load()
    records = dataset.records
    total = sum(len(group) for group in _groups(records))
    assert sum(dataset.manifest().counts.values()) == total
    assert list(dataset.manifest().counts) == list(RECORD_TYPES)


def _groups(records: Records) -> list[tuple[object, ...]]:
    return [records.sources, records.entities, records.relations, records.figures, records.redirects, records.variants]


def test_fingerprint_ignores_the_hash_seed() -> None:
    """Two interpreters with different hash seeds compute the same fingerprint."""
    code = "import eu_iot_coop; print(eu_iot_coop.load().fingerprint)"
    prints = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "4242")
    }
    assert prints == {eu_iot_coop.load().fingerprint}


def test_fingerprint_ignores_file_layout_and_order(tmp_path: Path) -> None:
    """The same records, spread over other files in another order, have the same fingerprint."""
    files = valid_files()
    together = Dataset.from_files(write_files(tmp_path / "a", files))
    orgs = files.pop("organisations.json")
    orgs["records"].reverse()
    first, second = dict(orgs, records=orgs["records"][:1]), dict(orgs, records=orgs["records"][1:])
    files.update({"z-first.json": first, "a-second.json": second})
    files["relations.json"]["records"].reverse()
    apart = Dataset.from_files(write_files(tmp_path / "b", files))
    assert apart.fingerprint == together.fingerprint
    assert len(together.fingerprint) == 64


def test_one_more_record_changes_the_fingerprint(tmp_path: Path) -> None:
    """Adding a record, or changing one field, changes the fingerprint."""
    files = valid_files()
    base = Dataset.from_files(write_files(tmp_path / "a", files)).fingerprint
    files["places.json"]["records"].append(
        {"id": "france", "name": "France", "description": "A country.", "citations": CITE, "place_type": "country"}
    )
    assert Dataset.from_files(write_files(tmp_path / "b", files)).fingerprint != base
    changed = valid_files()
    changed["places.json"]["records"][0]["name"] = "Kingdom of Belgium"
    assert Dataset.from_files(write_files(tmp_path / "c", changed)).fingerprint != base


def _fake_shipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, recorded: Manifest | None) -> Path:
    monkeypatch.setattr(_manifest, "shipped", lambda: recorded)
    return tmp_path / "manifest.json"


def test_manifest_tool_refuses_a_new_fingerprint_under_the_same_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Changed data under an unchanged DATA_VERSION is refused and nothing is written."""
    stale = Manifest(data_version=eu_iot_coop.DATA_VERSION, fingerprint="0" * 64, counts={})
    target = _fake_shipped(monkeypatch, tmp_path, stale)
    assert _manifest.main(tmp_path) == 1
    assert not target.exists()
    assert "bump DATA_VERSION" in capsys.readouterr().err


def test_manifest_tool_records_a_new_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Under a new DATA_VERSION the tool writes the current manifest."""
    old = Manifest(data_version="1999.1.0", fingerprint="0" * 64, counts={})
    target = _fake_shipped(monkeypatch, tmp_path, old)
    assert _manifest.main(tmp_path) == 0
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written == eu_iot_coop.load().manifest().to_json()
    assert written["data_version"] == eu_iot_coop.DATA_VERSION
