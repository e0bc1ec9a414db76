"""The fast path: data/records.marshal holds exactly the fully validated records, and is used only while current."""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import eu_iot_coop
from eu_iot_coop import _api, _bundle
from eu_iot_coop._ingest import build_records, read_bundled
from eu_iot_coop._maintenance import bundle
from eu_iot_coop._model import Records, lookups
from eu_iot_coop._query import Dataset
from eu_iot_coop.exceptions import NotFoundError

REGENERATE = "run `python -m eu_iot_coop._maintenance.bundle` to regenerate data/records.marshal, then commit it"


def _full() -> Records:
    return build_records(read_bundled())


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the bundled data folder, artefact included."""
    return Path(shutil.copytree(_bundle.DATA_FOLDER, tmp_path / "data"))


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Records]:
    """Every full validation of the bundled data that _api runs while the test lasts."""
    calls: list[Records] = []
    real = _api._validate_bundled

    def counting() -> Records:
        calls.append(real())
        return calls[-1]

    monkeypatch.setattr(_api, "_validate_bundled", counting)
    return calls


def test_committed_artefact_is_current() -> None:
    """data/records.marshal holds the header and records that full validation of the JSON files gives today."""
    assert bundle.is_current(), f"data/records.marshal is out of date: {REGENERATE}"


def test_fast_path_gives_the_records_and_fingerprint_of_full_validation() -> None:
    """The artefact's records equal (==) those of full validation, in order, with the same fingerprint."""
    bundled = _bundle.read()
    assert bundled is not None, f"the artefact was not used: {REGENERATE}"
    fast, full = bundled.records, _full()
    assert fast == full
    assert Dataset(fast).fingerprint == Dataset(full).fingerprint
    assert eu_iot_coop.load().records == full


def test_the_stored_lookup_tables_are_those_indexing_makes() -> None:
    """The artefact's name and code tables equal those made from the records, and load() looks up through them."""
    bundled = _bundle.read()
    assert bundled is not None, f"the artefact was not used: {REGENERATE}"
    assert (bundled.by_name, bundled.by_code) == lookups(_full().entities)
    assert len(bundled.by_name) > len(bundled.records.entities)
    loaded = eu_iot_coop.load()
    assert loaded.find("AIOTI").id == "aioti"
    assert loaded.find("JPN").id == "japan"


def test_the_stored_fingerprint_is_the_records_and_spares_hashing_them() -> None:
    """The artefact's fingerprint is that of the records; the bundled dataset reads it without importing cattrs."""
    bundled = _bundle.read()
    assert bundled is not None
    assert bundled.fingerprint == Dataset(_full()).fingerprint
    code = "import sys, eu_iot_coop; print(eu_iot_coop.load().fingerprint, 'cattrs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [bundled.fingerprint, "False"]


def test_lookup_tables_are_used_only_for_the_records_they_were_made_for() -> None:
    """A dataset given the tables and fingerprint of other records (as after attrs.evolve) makes its own."""
    bundled = _bundle.read()
    assert bundled is not None
    renamed = attrs.evolve(
        bundled.records,
        entities=[attrs.evolve(e, name="Renamed alliance") if e.id == "aioti" else e for e in bundled.records.entities],
    )
    dataset = Dataset(renamed, _bundled=bundled)
    assert dataset.find("Renamed alliance").id == "aioti"
    assert dataset.fingerprint != bundled.fingerprint  # hashed again: the stored one is of other records
    with pytest.raises(NotFoundError):
        dataset.find("Alliance for Internet of Things Innovation")


def test_load_uses_the_artefact_and_skips_cattrs(imported_after: dict[str, frozenset[str]]) -> None:
    """In a fresh process, load() and `show` (text) import neither cattrs, nor _ingest, nor importlib.resources.

    Nor pickle: the artefact is read with marshal, which is built into the interpreter.
    """
    heavy = {"cattrs", "eu_iot_coop._ingest", "importlib.resources", "pickle"}
    assert "eu_iot_coop._query" in imported_after["load and show"]  # the stage really loaded the data
    assert imported_after["load and show"] & heavy == set()


def test_load_and_show_import_only_what_they_use() -> None:
    """Nor json, datetime, the timeline's rows, the search index or the diff: each costs every cold start."""
    code = (
        "import contextlib, io, sys\n"
        "from eu_iot_coop.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['show', 'AIOTI']) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    modules = set(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    )
    unused = {"json", "datetime", "eu_iot_coop._query._rows", "eu_iot_coop._query._search", "eu_iot_coop._query._diff"}
    assert "eu_iot_coop._query._dataset" in modules  # the command really loaded the data
    assert modules & unused == set()


def test_load_uses_the_current_artefact(validations: list[Records]) -> None:
    """With a current artefact, building the default dataset validates nothing."""
    dataset = _api._load_bundled()
    assert validations == []
    assert dataset.data_version == eu_iot_coop.DATA_VERSION


def _change_one_byte(folder: Path) -> None:
    path = folder / "organisations.json"
    data = path.read_bytes()
    at = data.index(b"Alliance for Internet of Things Innovation")
    path.write_bytes(data[:at] + b"a" + data[at + 1 :])


def _add_a_file(folder: Path) -> None:
    (folder / "extra.json").write_text('{"kind": "topic", "records": []}\n', encoding="utf-8")


def _remove_a_file(folder: Path) -> None:
    (folder / "redirects.json").unlink()


STALE: dict[str, Callable[[Path], None]] = {
    "one JSON byte changed": _change_one_byte,
    "a JSON file added": _add_a_file,
    "a JSON file removed": _remove_a_file,
}


@pytest.mark.parametrize("change", STALE.values(), ids=list(STALE))
def test_a_stale_artefact_is_not_used(copy: Path, change: Callable[[Path], None]) -> None:
    """Any change to the JSON files the artefact was made from makes read() refuse it."""
    assert _bundle.read(copy) is not None
    change(copy)
    assert _bundle.read(copy) is None
    assert not bundle.is_current(copy)


def test_another_data_version_or_class_layout_is_not_used(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An artefact written for another data version, or for record classes with other fields, is refused."""
    monkeypatch.setattr(_bundle, "DATA_VERSION", "1999.1.1")
    assert _bundle.read(copy) is None
    monkeypatch.undo()
    layout = _bundle.layout()
    monkeypatch.setattr(_bundle, "layout", lambda: (*layout, ("eu_iot_coop._model.New", ("field",))))
    assert _bundle.read(copy) is None


def test_load_falls_back_to_full_validation_when_the_artefact_is_stale(
    copy: Path, monkeypatch: pytest.MonkeyPatch, validations: list[Records]
) -> None:
    """When the artefact does not match the JSON next to it, load validates the JSON in full, silently."""
    _change_one_byte(copy)
    monkeypatch.setattr(_bundle, "DATA_FOLDER", str(copy))
    dataset = _api._load_bundled()
    assert len(validations) == 1
    assert dataset.records is validations[0]
    assert dataset.data_version == eu_iot_coop.DATA_VERSION


CORRUPT: dict[str, Callable[[bytes], bytes | None]] = {
    "missing": lambda data: None,
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "header only": lambda data: marshal.dumps((marshal.loads(data)[0],)),
    "garbage": lambda data: b"\x80\x05not an artefact at all",
    "not records": lambda data: marshal.dumps((marshal.loads(data)[0], {"a": 1})),
    "records of another packing": lambda data: marshal.dumps(
        (marshal.loads(data)[0], ({**marshal.loads(data)[1][0], "packing": 0}, *marshal.loads(data)[1][1:]))
    ),
    "lookup tables that are not tables": lambda data: marshal.dumps(
        (marshal.loads(data)[0], (marshal.loads(data)[1][0], ([], []), marshal.loads(data)[1][2]))
    ),
    "a fingerprint that is not text": lambda data: marshal.dumps(
        (marshal.loads(data)[0], (*marshal.loads(data)[1][:2], None))
    ),
    "a pickle (the artefact's earlier format)": lambda data: pickle.dumps(marshal.loads(data)),
}


@pytest.mark.parametrize("damage", CORRUPT.values(), ids=list(CORRUPT))
def test_a_missing_or_corrupt_artefact_falls_back(
    copy: Path, monkeypatch: pytest.MonkeyPatch, validations: list[Records], damage: Callable[[bytes], bytes | None]
) -> None:
    """A missing, empty, truncated or foreign artefact is not an error: load validates the JSON instead."""
    path = copy / _bundle.ARTEFACT
    damaged = damage(path.read_bytes())
    if damaged is None:
        path.unlink()
    else:
        path.write_bytes(damaged)
    assert _bundle.read(copy) is None
    monkeypatch.setattr(_bundle, "DATA_FOLDER", str(copy))
    assert _api._load_bundled().records == _full()
    assert len(validations) == 1


def test_overlays_and_from_files_never_use_the_artefact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """load(overlays=...) and Dataset.from_files validate everything, the artefact untouched."""

    def refuse(folder: object = None) -> Records | None:
        raise AssertionError("the artefact was read")

    source = eu_iot_coop.load().records.sources[0].id  # the default dataset, read before the artefact is refused
    monkeypatch.setattr(_bundle, "read", refuse)
    overlay = tmp_path / "extra.json"
    overlay.write_text(
        '{"kind": "topic", "records": [{"id": "overlay-only-topic", "name": "Overlay topic", '
        f'"description": "Added by a test.", "citations": [{{"source": "{source}", "locator": "p. 1"}}], '
        '"topic_type": "technology"}]}',
        encoding="utf-8",
    )
    assert eu_iot_coop.load(overlays=[overlay]).find("Overlay topic").id == "overlay-only-topic"
    assert Dataset.from_files(_bundle.DATA_FOLDER).records == _full()


def test_regenerating_unchanged_data_gives_identical_bytes(copy: Path) -> None:
    """Two fresh processes with different hash seeds write byte-identical artefacts; the writer then keeps the file.

    The committed file is compared by content, not bytes (test_committed_artefact_is_current),
    since another Python version may marshal the same records into other bytes.
    """
    code = (
        f"import sys; from eu_iot_coop._maintenance import bundle; sys.stdout.buffer.write(bundle.build({str(copy)!r}))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    before = (copy / _bundle.ARTEFACT).read_bytes()
    assert bundle.main(copy) == 0
    assert (copy / _bundle.ARTEFACT).read_bytes() == before


def _read_within(folder: Path, seconds: float = 10) -> tuple[bool, Records | None]:
    """Whether ``_bundle.read(folder)`` returned within *seconds*, and what it returned."""
    outcome: list[Records | None] = []
    worker = threading.Thread(target=lambda: outcome.append(_bundle.read(folder)), daemon=True)
    worker.start()
    worker.join(seconds)
    return (not worker.is_alive(), outcome[0] if outcome else None)


def _a_fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _a_padded_artefact(path: Path) -> None:
    # A current artefact (reading it stops at its end) padded far beyond what the JSON could pack to.
    artefact = Path(_bundle.DATA_FOLDER, _bundle.ARTEFACT).read_bytes()
    with path.open("wb") as file:
        file.write(artefact)
        file.truncate(len(artefact) + 64 * 2**20)  # 64 MiB more, sparse: no room taken on the disk


NOT_AN_ARTEFACT: dict[str, Callable[[Path], None]] = {
    "a FIFO": _a_fifo,
    "/dev/zero": _dev_zero,
    "a padded artefact": _a_padded_artefact,
}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs and devices")
@pytest.mark.parametrize("put", NOT_AN_ARTEFACT.values(), ids=list(NOT_AN_ARTEFACT))
def test_only_a_regular_file_of_a_plausible_size_is_read(copy: Path, put: Callable[[Path], None]) -> None:
    """A FIFO, a device or a file far larger than the JSON, in the artefact's place, is not read: None at once."""
    path = copy / _bundle.ARTEFACT
    path.unlink()
    put(path)
    returned, records = _read_within(copy)
    assert returned, "read() must not wait on a FIFO or read a device"
    assert records is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs")
def test_a_fifo_in_a_json_files_place_falls_back_at_once(copy: Path) -> None:
    """The checksums of the JSON files are not taken through a FIFO either."""
    (copy / "topics.json").unlink()
    os.mkfifo(copy / "topics.json")
    returned, records = _read_within(copy)
    assert returned
    assert records is None
