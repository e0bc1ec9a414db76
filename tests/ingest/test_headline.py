"""The headline of a failed load is its cause: a file that cannot be read comes before what follows (issue 11)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eu_iot_coop import Dataset
from eu_iot_coop._ingest import _loader as loader
from eu_iot_coop.exceptions import DanglingReferenceError, DataError, DataFileError

from ..engine_support import CITE, valid_files, write_files

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _organisations(*ids: str) -> dict[str, object]:
    return {
        "kind": "organisation",
        "records": [
            {"id": i, "name": f"Organisation {i}", "description": "Added by a test.", "citations": CITE} for i in ids
        ],
    }


def _relations(*subjects: str) -> dict[str, object]:
    return {
        "kind": "relation",
        "records": [{"subject": s, "predicate": "supports", "object": "aioti", "citations": CITE} for s in subjects],
    }


def _text(document: object) -> str:
    return json.dumps(document, indent=2) + "\n"


def _bad_json(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_text(_text(_organisations("my-cluster"))[:-8], encoding="utf-8")


def _wrong_shape(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_text(_text(_organisations("my-cluster")["records"]), encoding="utf-8")


def _unknown_kind(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_text(_text({**_organisations("my-cluster"), "kind": "organization"}), encoding="utf-8")


def _too_big(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _text(_organisations("my-cluster"))
    path.write_text(text + " " * 4096, encoding="utf-8")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", len(text) + 1024)


def _permission_denied(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_text(_text(_organisations("my-cluster")), encoding="utf-8")
    path.chmod(0)


def _a_fifo(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.mkfifo(path)


def _a_directory(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.mkdir()


BREAKAGES: dict[str, Callable[[Path, pytest.MonkeyPatch], None]] = {
    "bad JSON": _bad_json,
    "wrong top-level shape": _wrong_shape,
    "unknown kind": _unknown_kind,
    "too big": _too_big,
    "permission denied": _permission_denied,
    "a FIFO": _a_fifo,
    "a directory named *.json": _a_directory,
}
_SKIPS = {
    "permission denied": pytest.mark.skipif(
        RUNNING_AS_ROOT, reason="running as root (os.geteuid() == 0): root reads a file whatever its permissions"
    ),
    "a FIFO": pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX"),
}
_CASES = [pytest.param(name, marks=_SKIPS.get(name, ())) for name in BREAKAGES]


@pytest.mark.parametrize("as_directory", [True, False], ids=["one overlay directory", "two overlay files"])
@pytest.mark.parametrize("breakage", _CASES)
def test_the_headline_names_the_unreadable_file(
    breakage: str, as_directory: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the file defining 'my-cluster' cannot be read, the headline is that file, not the dangling reference.

    The relation file sorts (and is given) first, so only the ordering by cause can put the broken file first;
    the dangling reference follows and names the broken file as its probable cause, in ``caused_by`` and in words.
    """
    base = write_files(tmp_path / "base", valid_files())
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    referring = overlay / "a-relations.json"
    referring.write_text(_text(_relations("my-cluster")), encoding="utf-8")
    broken = overlay / "b-organisations.json"
    BREAKAGES[breakage](broken, monkeypatch)
    paths = [base, overlay] if as_directory else [base, referring, broken]
    try:
        with pytest.raises(DataFileError) as caught:
            Dataset.from_files(*paths)
    finally:
        if broken.is_file():
            broken.chmod(0o644)
    headline = caught.value
    assert headline.file == str(broken)
    assert str(headline).startswith(str(broken))
    assert headline.problems[0] is headline
    knock_on = [p for p in headline.problems if isinstance(p, DanglingReferenceError)]
    assert [(p.file, p.record) for p in knock_on] == [(str(referring), "my-cluster:supports:aioti")]
    assert knock_on[0].caused_by == (str(broken),)
    assert f"probably because {broken} could not be read" in str(knock_on[0])


def test_a_dangling_reference_with_every_file_read_blames_no_file(tmp_path: Path) -> None:
    """With every file read, a dangling reference is the headline and names no probable cause."""
    base = write_files(tmp_path / "base", valid_files())
    overlay = write_files(tmp_path / "overlay", {"relations.json": _relations("my-cluster")})
    with pytest.raises(DanglingReferenceError) as caught:
        Dataset.from_files(base, overlay)
    assert caught.value.caused_by == ()
    assert "could not be read" not in str(caught.value)


def test_a_replace_of_a_record_an_unreadable_earlier_layer_holds_names_it(tmp_path: Path) -> None:
    """A later layer replacing a record of an earlier layer's unreadable file: that file is headline and cause."""
    base = write_files(tmp_path / "base", valid_files())
    first = tmp_path / "first.json"
    first.write_text(_text(_organisations("my-cluster"))[:-8], encoding="utf-8")
    second = tmp_path / "second.json"
    second.write_text(_text({**_organisations("my-cluster"), "replace": ["my-cluster"]}), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        Dataset.from_files(base, first, second)
    assert caught.value.file == str(first)
    [replace_problem] = [p for p in caught.value.problems if p.field == "replace"]
    assert replace_problem.caused_by == (str(first),)


_TEXT_BREAKAGES = {
    "bad JSON": lambda text: text[: len(text) // 2],
    "wrong top-level shape": lambda text: f"[{text}]",
    "unknown kind": lambda text: text.replace('"kind": "', '"kind": "x-', 1),
    "not UTF-8": lambda text: "\udcff" + text,
}


@given(
    plan=st.lists(
        st.tuples(
            st.sampled_from(["organisations", "relations"]),
            st.sampled_from([None, *_TEXT_BREAKAGES]),
            st.lists(st.sampled_from(["aioti", "dg-cnect", "x-1", "x-2", "x-3"]), min_size=1, max_size=3, unique=True),
            st.integers(0, 2),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_unreadable_file_problems_always_come_first(plan: list[tuple[str, str | None, list[str], int]]) -> None:
    """Whatever files fail and whatever else is wrong, every problem of an unreadable file precedes every other.

    Files of organisations (which may clash with earlier ones) and of relations (which may dangle) are spread over
    up to three overlay layers; some are broken so that they cannot be read at all. Knock-on dangling references
    name exactly the broken files as their probable cause.
    """
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        base = write_files(root / "base", valid_files())
        layers = [root / f"layer-{n}" for n in range(3)]
        broken: set[str] = set()
        for number, (kind, breakage, ids, layer) in enumerate(plan):
            layers[layer].mkdir(exist_ok=True)
            path = layers[layer] / f"{number:02}-{kind}.json"
            text = _text(_organisations(*ids) if kind == "organisations" else _relations(*ids))
            if breakage is None:
                path.write_text(text, encoding="utf-8")
            else:
                path.write_bytes(_TEXT_BREAKAGES[breakage](text).encode("utf-8", "surrogateescape"))
                broken.add(str(path))
        try:
            Dataset.from_files(base, *(layer for layer in layers if layer.exists()))
        except DataError as error:
            problems = error.problems
        else:
            assert not broken
            return
    unreadable = [p.file in broken for p in problems]
    assert unreadable == sorted(unreadable, reverse=True), [p.describe() for p in problems]
    assert sum(unreadable) == len(broken)
    for problem in problems:
        if isinstance(problem, DanglingReferenceError) and "no entity has the id" in problem.problem:
            assert set(problem.caused_by) == broken
