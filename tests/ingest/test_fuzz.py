"""Fuzzing the loader: arbitrary JSON and mutated valid files give a Dataset or a DataError, nothing else."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eu_iot_coop
from eu_iot_coop import Records
from eu_iot_coop._model import REFUSED_CHARACTERS
from eu_iot_coop.exceptions import DataError

from ..engine_support import CITE, valid_files
from ..profiles import examples

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)

# Keys the data files really use, so mutations reach the interesting code, not just "unknown field".
field_names = st.sampled_from(
    ["id", "name", "kind", "records", "replace", "citations", "source", "locator", "subject", "object", "predicate",
     "start", "end", "date", "inferred", "note", "value", "founded", "category", "place_type", "replaced_by"]
)  # fmt: skip


def _default_state() -> tuple[eu_iot_coop.Dataset, Records, str]:
    default = eu_iot_coop.load()
    return default, default.records, _recomputed_fingerprint(default.records)


def _recomputed_fingerprint(records: Records) -> str:
    # Dataset.fingerprint is cached; only hashing the records again (in a fresh Dataset) shows whether they changed.
    return eu_iot_coop.Dataset(records).fingerprint


def _load_overlay(content: bytes, name: str = "fuzz.json") -> eu_iot_coop.Dataset | DataError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            return eu_iot_coop.load(overlays=[path])
        except DataError as error:
            return error


def _assert_default_unchanged(before: tuple[eu_iot_coop.Dataset, Records, str]) -> None:
    default, records, digest = before
    assert eu_iot_coop.load() is default
    assert default.records is records
    assert _recomputed_fingerprint(default.records) == digest
    assert default.fingerprint == digest


@given(json_values)
def test_arbitrary_json_is_a_dataset_or_a_data_error(value: Any) -> None:
    """Any JSON value as an overlay file loads or raises a DataError; the default dataset is untouched."""
    before = _default_state()
    outcome = _load_overlay(json.dumps(value).encode("utf-8"))
    assert isinstance(outcome, eu_iot_coop.Dataset | DataError)
    if isinstance(outcome, DataError):
        assert outcome.problems[0] is outcome
        assert str(outcome)
    _assert_default_unchanged(before)


@given(st.binary(max_size=200))
def test_arbitrary_bytes_are_a_data_error(content: bytes) -> None:
    """Random bytes as a data file raise a DataError (or, rarely, load), never anything else."""
    before = _default_state()
    outcome = _load_overlay(content)
    assert isinstance(outcome, eu_iot_coop.Dataset | DataError)
    _assert_default_unchanged(before)


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, Any]:
    """One of the valid files with one random change deep inside: a replaced, deleted or added value."""
    name, document = draw(st.sampled_from(sorted(valid_files().items())))
    node: Any = document
    path: list[Any] = []
    while isinstance(node, dict | list) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
        path.append(key)
        node = node[key]
    parent: Any = document
    for key in path[:-1]:
        parent = parent[key]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if not path:
        return name, draw(json_values)
    last = path[-1]
    if action == "replace":
        parent[last] = draw(json_values)
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[draw(field_names)] = draw(json_values)
    else:
        parent.insert(last, draw(json_values))
    return name, document


@given(mutated_files())
def test_mutated_valid_files_are_a_dataset_or_a_data_error(mutated: tuple[str, Any]) -> None:
    """A valid file mutated anywhere loads or raises a DataError; the default dataset is untouched."""
    name, document = mutated
    before = _default_state()
    with tempfile.TemporaryDirectory() as folder:
        for other, content in valid_files().items():
            text = json.dumps(document if other == name else content)
            (Path(folder) / other).write_text(text, encoding="utf-8")
        try:
            outcome: object = eu_iot_coop.Dataset.from_files(folder)
        except DataError as error:
            outcome = error
    assert isinstance(outcome, eu_iot_coop.Dataset | DataError)
    _assert_default_unchanged(before)


# --- the attack of issue 11, kept: hostile text, number edge cases, duplicate keys, Unicode digits, cycles ---

#: JSON literals of strings no export could carry, or that look empty: each must be refused or survive everything.
HOSTILE_STRINGS = [
    r'"\ud800"', r'"a\udfffb"', r'"\u0000"', r'"x\u000by"', r'"\u001b[31m"', r'"\u007f"', r'"tab\there"',
    r'"line\nbreak"', r'"\u200b"', r'"\u200b\u200d\ufeff"', r'"\u3164"', r'"\u2028\u2029"', r'"\u202eevil"',
    r'"\u0085"', r'"\ufffe"', r'"\udbff\udfff"', r'"  "', r'""', r'"\u0301"', r'"ok \ud83d\ude00"',
    r'"<&>\"\u0027"', r'"]]>"',
]  # fmt: skip
#: JSON number literals at and past the edges.
HOSTILE_NUMBERS = [
    "1e400", "-1e400", "1e-400", "-0.0", "0", "9007199254740991", "9007199254740992", "-9007199254740993",
    "9223372036854775808", "1e308", "4.9e-324", "123456789012345678901234567890", "0.1", "1E5", "-5e15",
]  # fmt: skip
#: Dates in digits other than ASCII, or nearly dates.
HOSTILE_DATES = [
    '"\u0662\u0660\u0661\u0667"', '"\uff12\uff10\uff11\uff17"', '"2017-\u0660\u0663"', '"\u07c2\u07c0\u07c1\u07c7"',
    '"2017-02-29"', '"0000"', '"2017-00"', '"2017-13"', '"2017-03-20T00:00"', '" 2017"', '"2017\\n"',
]  # fmt: skip
_FIELDS_BY_FILE = {
    "organisations.json": ["name", "acronym", "description"],
    "sources.json": ["title", "publisher", "url", "description"],
    "places.json": ["name", "description", "iso_3166_1"],
    "figures.json": ["quantity", "unit", "note"],
    "relations.json": ["note"],
    "redirects.json": ["reason"],
}
_PLACEHOLDER = '"@@HOSTILE@@"'

#: What one run of the attack found (reported by ``python -m pytest -s``; a foreign exception fails the test).
ATTACK_COUNTS = {"cases": 0, "library errors": 0, "accepted": 0, "foreign exceptions": 0}


@st.composite
def hostile_file_sets(draw: st.DrawFn) -> dict[str, str]:
    """The valid files as JSON text with a few hostile changes: strings, numbers, dates, duplicate keys, cycles."""
    files = valid_files()
    texts: dict[str, str] = {}
    changes = draw(
        st.lists(st.sampled_from(["string", "number", "date", "duplicate", "cycle"]), min_size=1, max_size=3)
    )
    literal_for: dict[str, list[str]] = {}
    for change in changes:
        if change == "string":
            name = draw(st.sampled_from(sorted(_FIELDS_BY_FILE)))
            records = files[name]["records"]
            record = records[draw(st.integers(0, len(records) - 1))]
            record[draw(st.sampled_from(_FIELDS_BY_FILE[name]))] = _PLACEHOLDER.strip('"')
            literal_for.setdefault(name, []).append(draw(st.sampled_from(HOSTILE_STRINGS)))
        elif change == "number":
            files["figures.json"]["records"][0]["value"] = _PLACEHOLDER.strip('"')
            literal_for.setdefault("figures.json", []).append(draw(st.sampled_from(HOSTILE_NUMBERS)))
        elif change == "date":
            record = files["organisations.json"]["records"][draw(st.integers(0, 1))]
            record[draw(st.sampled_from(["founded", "dissolved"]))] = _PLACEHOLDER.strip('"')
            literal_for.setdefault("organisations.json", []).append(draw(st.sampled_from(HOSTILE_DATES)))
        elif change == "cycle":
            ends = draw(st.lists(st.sampled_from(["aioti", "dg-cnect", "belgium"]), min_size=1, max_size=3))
            predicate = draw(st.sampled_from(["part_of", "member_of", "located_in", "supports"]))
            loop = [*ends, ends[0]]
            for subject, obj in itertools.pairwise(loop):
                files["relations.json"]["records"].append(
                    {"subject": subject, "predicate": predicate, "object": obj, "citations": [dict(c) for c in CITE]}
                )
    for name, document in files.items():
        text = json.dumps(document, indent=draw(st.sampled_from([None, 2])), ensure_ascii=draw(st.booleans()))
        for literal in literal_for.get(name, []):
            text = text.replace(_PLACEHOLDER, literal, 1)
        texts[name] = text.replace(_PLACEHOLDER, '"x"')
    if "duplicate" in changes:
        name = draw(st.sampled_from(sorted(texts)))
        key = draw(st.sampled_from(["records", "kind", "id", "name", "citations", "subject"]))
        texts[name] = texts[name].replace(f'"{key}": ', f'"{key}": "dup", "{key}": ', 1)
    return texts


def _survives_every_export(dataset: eu_iot_coop.Dataset, folder: Path) -> None:
    from eu_iot_coop import export

    json.loads(export.to_json(dataset), parse_constant=lambda c: pytest.fail(f"{c} in the JSON export"))
    json.loads(export.to_jsonld(dataset), parse_constant=lambda c: pytest.fail(f"{c} in the JSON-LD export"))
    ET.fromstring(export.to_graphml(dataset).encode("utf-8"))
    export.to_turtle(dataset).encode("utf-8")
    for written in export.to_csv(dataset, folder / "csv"):
        written.read_text(encoding="utf-8")
    export.to_sqlite(dataset, folder / "out.sqlite")
    assert len(dataset.fingerprint) == 64


# The attack harness: 0.6 of the profile's examples (60 under ``ci``), or EU_IOT_COOP_ATTACK_EXAMPLES for a long run.
_ATTACK = (
    settings(max_examples=int(os.environ["EU_IOT_COOP_ATTACK_EXAMPLES"]), deadline=None)
    if os.environ.get("EU_IOT_COOP_ATTACK_EXAMPLES")
    else examples(0.6)
)


@pytest.mark.slow
@_ATTACK
@given(hostile_file_sets())
def test_hostile_input_is_a_data_error_or_survives_every_export(texts: dict[str, str]) -> None:
    """Hostile files end in the library's own DataError, or load and then survive every export and the fingerprint."""
    ATTACK_COUNTS["cases"] += 1
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        for name, text in texts.items():
            (data / name).write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            outcome: eu_iot_coop.Dataset | DataError = eu_iot_coop.Dataset.from_files(data)
        except DataError as error:
            outcome = error
        except Exception:
            ATTACK_COUNTS["foreign exceptions"] += 1
            raise
        if isinstance(outcome, DataError):
            ATTACK_COUNTS["library errors"] += 1
            assert outcome.problems[0] is outcome
            assert outcome.fix
            str(outcome).encode("utf-8")  # printable
            return
        ATTACK_COUNTS["accepted"] += 1
        try:
            _survives_every_export(outcome, Path(folder))
        except Exception:
            ATTACK_COUNTS["foreign exceptions"] += 1
            raise


# --- the attack of issue 21, kept: spoofing text, numbers no double holds, graph shapes, files not read ---

_SPOOF_FIELDS = {
    "organisations.json": ["name", "acronym", "description"],
    "sources.json": ["title", "publisher"],
    "places.json": ["name"],
    "figures.json": ["quantity", "unit"],
}
_UNHELD_NUMBERS = ["1e-400", "-1e-400", "2.5e-330", "1e400", "-1e999", "9" * 5000, "-" + "1" * 4400]
# (subject, predicate, object) triples that no dataset may hold, against the valid files plus a city.
_BAD_SHAPES = [
    [("aioti", "founded", "aioti")],
    [("aioti", "founded", "dg-cnect"), ("dg-cnect", "founded", "aioti")],
    [("brussels", "located_in", "belgium"), ("belgium", "part_of", "brussels")],
    [("belgium", "located_in", "belgium")],
    [("aioti", "part_of", "dg-cnect"), ("dg-cnect", "part_of", "aioti")],
    [("aioti", "cooperates_with", "aioti")],
    [("aioti", "supports", "aioti")],
    [("aioti", "cooperates_with", "dg-cnect"), ("dg-cnect", "cooperates_with", "aioti")],
]


@st.composite
def refused_layouts(draw: st.DrawFn) -> tuple[str, dict[str, bytes]]:
    """A class of issue 21's attack and the files (name -> bytes) that carry it; every one must be refused."""
    files = valid_files()
    files["places.json"]["records"].append(
        {"id": "brussels", "name": "Brussels", "description": "A city.", "citations": CITE, "place_type": "city"}
    )
    attack = draw(st.sampled_from(["spoof", "number", "shape", "subfolder", "upper-case", "utf-16"]))
    if attack == "spoof":
        name = draw(st.sampled_from(sorted(_SPOOF_FIELDS)))
        record = files[name]["records"][0]
        field = draw(st.sampled_from(_SPOOF_FIELDS[name]))
        text = str(record.get(field, "Text"))
        at = draw(st.integers(0, len(text)))
        record[field] = text[:at] + draw(st.sampled_from(REFUSED_CHARACTERS)) + text[at:]
    elif attack == "shape":
        files["relations.json"]["records"].extend(
            {"subject": s, "predicate": p, "object": o, "citations": [dict(c) for c in CITE]}
            for s, p, o in draw(st.sampled_from(_BAD_SHAPES))
        )
    written = {
        name: json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
        for name, document in files.items()
    }
    if attack == "number":
        literal = draw(st.sampled_from(_UNHELD_NUMBERS)).encode()
        written["figures.json"] = written["figures.json"].replace(b'"value": 200', b'"value": ' + literal)
    elif attack == "subfolder":
        written["more/places.json"] = written.pop("places.json")
    elif attack == "upper-case":
        written["places.JSON"] = written.pop("places.json")
    elif attack == "utf-16":
        name = draw(st.sampled_from(sorted(written)))
        written[name] = written[name].decode("utf-8").encode(draw(st.sampled_from(["utf-16-le", "utf-16-be"])))
    return attack, written


@pytest.mark.slow
@examples(0.6)
@given(refused_layouts())
def test_second_round_attack_is_always_refused_in_plain_words(case: tuple[str, dict[str, bytes]]) -> None:
    """Each class of issue 21 (spoofing text, unheld numbers, cycles and self-loops, files not read) is a DataError."""
    attack, written = case
    ATTACK_COUNTS["cases"] += 1
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        for name, content in written.items():
            (data / name).parent.mkdir(parents=True, exist_ok=True)
            (data / name).write_bytes(content)
        with pytest.raises(DataError) as caught:
            eu_iot_coop.Dataset.from_files(data)
    ATTACK_COUNTS["library errors"] += 1
    error = caught.value
    assert error.file is not None, attack
    assert error.fix, attack
    str(error).encode("utf-8")  # printable: a refused character is named as U+XXXX, never written raw
    if attack == "spoof":
        # A lone surrogate written raw (not as a \u escape) makes the bytes themselves not UTF-8.
        assert "U+" in error.problem or "not UTF-8" in error.problem
        assert all(char not in str(error) for char in REFUSED_CHARACTERS if char not in "\t\n")
