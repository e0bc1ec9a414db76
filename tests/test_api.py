"""load(): cached, thread-safe, cheap to import; overlays build new datasets and leave the default alone."""

from __future__ import annotations

import threading
from pathlib import Path

import attrs
import pytest

import eu_iot_coop
from eu_iot_coop import _api
from eu_iot_coop.exceptions import QueryError


def test_load_returns_the_same_dataset_every_time() -> None:
    """The default dataset is built once and then shared."""
    first = eu_iot_coop.load()
    assert isinstance(first, eu_iot_coop.Dataset)
    assert eu_iot_coop.load() is first
    assert first.data_version == eu_iot_coop.DATA_VERSION
    assert first.records.entities


def test_concurrent_first_loads_build_one_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sixteen threads calling load() at once get one identical object, and the data is loaded once."""
    calls = []
    real = _api._load_bundled

    def counting() -> eu_iot_coop.Dataset:
        calls.append(threading.get_ident())
        return real()

    monkeypatch.setattr(_api, "_default", _api._Once(counting))
    barrier = threading.Barrier(16)
    results: list[eu_iot_coop.Dataset] = []

    def worker() -> None:
        barrier.wait()
        results.append(eu_iot_coop.load())

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 16
    assert len({id(r) for r in results}) == 1
    assert len(calls) == 1


def test_import_is_cheap(imported_after: dict[str, frozenset[str]]) -> None:
    """Importing the package loads no data, not even attrs, the record classes or _api, and nothing heavy."""
    heavy = {
        "attrs",
        "eu_iot_coop._api",
        "eu_iot_coop._model",
        "eu_iot_coop._query",
        "eu_iot_coop._ingest",
        "cattrs",
        "importlib.metadata",
        "hypothesis",
        "networkx",
        "pandas",
        "rdflib",
    }
    assert "eu_iot_coop" in imported_after["import"]
    assert imported_after["import"] & heavy == set()
    assert sorted(imported_after["versions"]) == sorted({eu_iot_coop.DATA_VERSION, eu_iot_coop.__version__})


def test_overlays_build_a_new_dataset_each_time(tmp_path: Path) -> None:
    """load(overlays=...) returns a fresh dataset with the extra record; the default one is unchanged."""
    default = eu_iot_coop.load()
    fingerprint = default.fingerprint
    source = default.records.sources[0].id
    overlay = tmp_path / "extra.json"
    overlay.write_text(
        '{"kind": "topic", "records": [{"id": "overlay-only-topic", "name": "Overlay topic", '
        f'"description": "Added by a test.", "citations": [{{"source": "{source}", "locator": "p. 1"}}], '
        '"topic_type": "technology"}]}',
        encoding="utf-8",
    )
    first = eu_iot_coop.load(overlays=[overlay])
    second = eu_iot_coop.load(overlays=[overlay])
    assert first is not second
    assert first is not default
    assert "overlay-only-topic" in {e.id for e in first.records.entities}
    assert len(first.records.entities) == len(default.records.entities) + 1
    assert "overlay-only-topic" not in {e.id for e in default.records.entities}
    assert eu_iot_coop.load() is default
    assert default.fingerprint == fingerprint
    assert first.fingerprint == second.fingerprint != fingerprint


def test_lazy_public_names_resolve() -> None:
    """Every name in __all__ resolves on the package, and an unknown name raises AttributeError."""
    for name in eu_iot_coop.__all__:
        assert getattr(eu_iot_coop, name) is not None, name
    assert eu_iot_coop.Organisation.__name__ == "Organisation"
    with pytest.raises(AttributeError, match="no attribute 'Organization'"):
        _ = eu_iot_coop.Organization  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["data_version", "records", "_index", "fingerprint", "anything_new"])
def test_dataset_attributes_cannot_be_assigned(name: str) -> None:
    """Assigning any attribute of a Dataset raises attrs' FrozenInstanceError (an AttributeError); nothing changes."""
    dataset = eu_iot_coop.load()
    before = (dataset.data_version, dataset.records, dataset.fingerprint)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(dataset, name, "x")
    again = eu_iot_coop.load()
    assert again is dataset
    assert (again.data_version, again.records, again.fingerprint) == before
    assert again.data_version == eu_iot_coop.DATA_VERSION


@pytest.mark.parametrize("name", ["data_version", "records"])
def test_dataset_attributes_cannot_be_deleted(name: str) -> None:
    """Deleting an attribute of a Dataset raises AttributeError and the attribute is still there."""
    dataset = eu_iot_coop.load()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        delattr(dataset, name)
    assert getattr(dataset, name) is not None


@pytest.mark.parametrize("given", ["some/dir", Path("some/dir"), b"some/dir"])
def test_a_bare_overlay_path_is_refused(given: object) -> None:
    """overlays= given one path instead of a list raises QueryError showing the list to write."""
    with pytest.raises(QueryError, match=r"overlays must be a list of paths.*write overlays=\["):
        eu_iot_coop.load(overlays=given)  # type: ignore[arg-type]


def test_an_overlay_that_is_not_a_path_is_refused() -> None:
    """A list item that is not a str or os.PathLike raises QueryError naming its type."""
    with pytest.raises(QueryError, match=r"each overlay must be a path .* got int"):
        eu_iot_coop.load(overlays=[3])  # type: ignore[list-item]


def test_no_overlays_give_the_default_dataset() -> None:
    """load(overlays=[]) applies nothing: the default dataset itself, with its data version."""
    dataset = eu_iot_coop.load(overlays=[])
    assert dataset is eu_iot_coop.load()
    assert dataset.data_version == eu_iot_coop.DATA_VERSION


def test_result_types_and_query_exceptions_are_public() -> None:
    """The types users receive and the exceptions they catch are importable from the package itself."""
    dataset = eu_iot_coop.load()
    assert type(dataset.records) is eu_iot_coop.Records
    assert type(dataset.manifest()) is eu_iot_coop.Manifest
    assert type(eu_iot_coop.diff(dataset, dataset)) is eu_iot_coop.DatasetDiff
    assert eu_iot_coop.QueryError is QueryError
    assert issubclass(eu_iot_coop.RetiredIdWarning, UserWarning)
    assert {"QueryError", "RetiredIdWarning", "Records", "Manifest", "DatasetDiff"} <= set(eu_iot_coop.__all__)
