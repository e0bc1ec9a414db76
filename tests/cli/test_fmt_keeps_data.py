"""``fmt`` never loses data: it refuses files that do not load exactly and keeps the records of files it rewrites."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import eu_iot_coop.strategies as eis
from eu_iot_coop import Records
from eu_iot_coop.__main__ import main
from eu_iot_coop._ingest import _canonical as canonical
from eu_iot_coop._ingest import document, format_paths, read_paths, unstructure
from eu_iot_coop.exceptions import DataFileError

from ..engine_support import OVERLAY_ORGANISATION
from ..profiles import examples

_ORGANISATION = OVERLAY_ORGANISATION


def _run_fmt(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["fmt", str(path)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    [
        # Two "records" lists: JSON keeps the last, so formatting used to drop the first.
        '{"kind": "organisation", "records": [' + json.dumps(_ORGANISATION) + '], "records": []}',
        # A duplicate "id" inside a record.
        '{"kind": "organisation", "records": ['
        + json.dumps(_ORGANISATION).replace('"id": "fmt-body",', '"id": "fmt-body", "id": "other",')
        + "]}",
        # 1e400 is infinity: formatting used to write Infinity, which no longer loads.
        '{"kind": "figure", "records": [{"id": "f", "subject": "aioti", "quantity": "members", "value": 1e400,'
        ' "unit": "x", "citations": [{"source": "s", "locator": "l"}]}]}',
        # Arabic-Indic digits: formatting used to rewrite the date as "2017".
        '{"kind": "organisation", "records": ['
        + json.dumps({**_ORGANISATION, "founded": "\u0662\u0660\u0661\u0667"}, ensure_ascii=False)
        + "]}",
        # A lone surrogate.
        '{"kind": "organisation", "records": [' + json.dumps({**_ORGANISATION, "name": "A\ud800"}) + "]}",
    ],
    ids=["duplicate-records", "duplicate-id", "1e400", "arabic-digits", "lone-surrogate"],
)
def test_fmt_refuses_files_that_do_not_load_exactly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    """fmt exits 3 with one error line and leaves the file byte for byte as it was."""
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    code, err = _run_fmt(capsys, path)
    assert code == 3
    assert err.startswith("eu-iot-coop: error: ")
    assert err.count("\n") == 1
    assert path.read_bytes() == before


def test_fmt_refuses_when_the_canonical_form_would_change_the_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the canonical text ever read back differently, fmt raises a DataFileError and writes nothing."""
    path = tmp_path / "organisations.json"
    path.write_text(json.dumps({"kind": "organisation", "records": [_ORGANISATION]}), encoding="utf-8")
    before = path.read_bytes()
    broken = '{"kind": "organisation", "records": []}\n'
    monkeypatch.setattr(canonical, "canonical_text", lambda data_file: broken)
    with pytest.raises(DataFileError, match="would not read back as the same records"):
        format_paths([path], check=False)
    assert path.read_bytes() == before


def _scrambled(doc: dict[str, Any], rng: random.Random) -> str:
    """The same document written out of canonical form: keys and records shuffled, another indent, escapes."""

    def shuffle(value: Any) -> Any:
        if isinstance(value, dict):
            items = list(value.items())
            rng.shuffle(items)
            return {key: shuffle(item) for key, item in items}
        if isinstance(value, list):
            return [shuffle(item) for item in value]
        return value

    scrambled = shuffle(doc)
    rng.shuffle(scrambled["records"])
    return json.dumps(scrambled, indent=rng.choice([None, 1, 4, "\t"]), ensure_ascii=rng.random() < 0.5)


def _records_of(path: Path) -> tuple[set[Any], list[str]]:
    """The records a file holds, compared structurally: the typed records, and each one's JSON fields."""
    (data_file,) = read_paths([path])
    return set(data_file.records), sorted(json.dumps(unstructure(r), sort_keys=True) for r in data_file.records)


@examples(0.4)
@given(eis.records(max_entities=6, max_relations=6), st.randoms(use_true_random=False))
def test_fmt_keeps_the_records_of_every_file_it_rewrites(records: Records, rng: random.Random) -> None:
    """Whatever fmt rewrites holds the same records as before, field for field (hostile text included)."""
    groups = {
        "sources": ("source", records.sources),
        "relations": ("relation", records.relations),
        "figures": ("figure", records.figures),
        "redirects": ("redirect", records.redirects),
        "variants": ("variant", records.variants),
    }
    for entity in records.entities:
        groups.setdefault(f"entities-{entity.kind}", (str(entity.kind), ()))
    by_kind: dict[str, list[Any]] = {}
    for entity in records.entities:
        by_kind.setdefault(str(entity.kind), []).append(entity)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, (kind, items) in groups.items():
            chosen = by_kind.get(kind, []) if name.startswith("entities-") else list(items)
            if not chosen:
                continue
            path = Path(folder) / f"{name}.json"
            path.write_text(_scrambled(document(kind, chosen), rng), encoding="utf-8")
            paths.append(path)
        before = {path: _records_of(path) for path in paths}
        format_paths(paths, check=False)
        for path in paths:
            assert _records_of(path) == before[path]
        assert format_paths(paths, check=True) == []
