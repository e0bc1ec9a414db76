"""The JSON Schema shipped as data/schema.json: generated from the classes, and it agrees with the loader."""

from __future__ import annotations

import importlib.resources
import json
from typing import Any

import attrs
import jsonschema
import pytest

from eu_iot_coop._ingest import RECORD_CLASSES
from eu_iot_coop._maintenance import schema as _schema
from eu_iot_coop._model import DESCRIPTION

from ..engine_support import valid_files

REGENERATE = "run `python -m eu_iot_coop._maintenance.schema` to regenerate data/schema.json, then commit it"


def _validator() -> jsonschema.protocols.Validator:
    schema = _schema.generate()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schema_matches_the_classes() -> None:
    """data/schema.json equals the schema generated from the record classes."""
    shipped = (importlib.resources.files("eu_iot_coop") / "data" / "schema.json").read_text(encoding="utf-8")
    assert shipped == _schema.text(), f"data/schema.json is out of date: {REGENERATE}"


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    """The generated schema is itself valid under the draft 2020-12 meta-schema."""
    schema = _schema.generate()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_record_class_has_a_definition_with_its_required_fields() -> None:
    """Each record class is a $defs entry whose required list is its fields without defaults."""
    definitions = _schema.generate()["$defs"]
    for cls in RECORD_CLASSES.values():
        required = [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING]
        assert definitions[cls.__name__]["required"] == required
        assert definitions[cls.__name__]["additionalProperties"] is False


def test_every_property_carries_its_fields_description() -> None:
    """Each property of each record class is described by the description its field carries."""
    definitions = _schema.generate()["$defs"]
    for cls in RECORD_CLASSES.values():
        properties = definitions[cls.__name__]["properties"]
        for field in attrs.fields(cls):
            assert properties[field.name]["description"] == field.metadata[DESCRIPTION]


@pytest.mark.parametrize("name", sorted(valid_files()))
def test_schema_accepts_valid_files(name: str) -> None:
    """Files the loader accepts validate against the schema."""
    _validator().validate(valid_files()[name])


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("organisations.json", {"colour": "red"}),
        ("organisations.json", {"founded": "15 March 2015"}),
        ("organisations.json", {"founded": {"date": "2015", "source": "x"}}),
        ("organisations.json", {"category": "club"}),
        ("organisations.json", {"id": "Not An Id"}),
        ("places.json", {"iso_3166_1": "be"}),
        ("places.json", {"iso_3166_1_alpha3": "jpn"}),
        ("places.json", {"iso_3166_1_alpha3": "JP"}),
        ("figures.json", {"value": "200"}),
        ("relations.json", {"citations": "eu-press"}),
    ],
)
def test_schema_rejects_what_the_loader_rejects(name: str, change: dict[str, Any]) -> None:
    """Unknown fields, bad dates, bad enum values, bad ids and wrong types fail the schema too."""
    document = valid_files()[name]
    document["records"][0].update(change)
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(json.loads(json.dumps(document)))


def test_schema_checks_the_file_shape() -> None:
    """An unknown kind or an unknown top-level key fails the schema."""
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate({"kind": "organization", "records": []})
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate({"kind": "organisation", "records": [], "version": 1})
