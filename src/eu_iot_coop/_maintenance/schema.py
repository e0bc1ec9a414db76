"""A JSON Schema (draft 2020-12) for the data files, generated from the record classes.

The package ships it as ``data/schema.json`` so editors can check data files as
they are written. Regenerate it after changing a record class::

    python -m eu_iot_coop._maintenance.schema
"""

from __future__ import annotations

import enum
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any, Final

import attrs

from eu_iot_coop._ingest import dumps_document
from eu_iot_coop._model import (
    DESCRIPTION,
    ID_PATTERN,
    LANGUAGE_TAG,
    RECORD_CLASSES,
    SCHEMES,
    SCHEMES_BY_NAME,
    Citation,
    Identifier,
    LanguageName,
    PartialDate,
    When,
    check_id,
    check_language,
    check_text,
)
from eu_iot_coop._write import write_text

from ._paths import DATA_FOLDER

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_DATE_PATTERN: Final = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _describe(cls: type[Any]) -> str:
    return (cls.__doc__ or cls.__name__).strip().split("\n\n")[0].replace("\n", " ")


def _field_schema(attribute: attrs.Attribute[Any], annotation: Any) -> dict[str, Any]:
    schema = {"description": attribute.metadata[DESCRIPTION], **_type_schema(annotation)}
    # An optional field's constraints belong on its non-null branch.
    target = schema["anyOf"][0] if "anyOf" in schema else schema
    validator = attribute.validator
    if validator is check_id:
        target["pattern"] = f"^{ID_PATTERN.pattern}$"
    elif validator is check_text:
        target["pattern"] = r"\S"
    elif validator is check_language:
        target["pattern"] = f"^{LANGUAGE_TAG}$"
    else:
        regex = _regex_of(validator)
        if regex is not None:
            target["pattern"] = f"^{regex}$"
    return schema


def _regex_of(validator: object) -> str | None:
    # attrs' optional(matches_re(...)) keeps the wrapped validator in ``validator`` and its regex in ``pattern``.
    inner = getattr(validator, "validator", validator)
    pattern = getattr(inner, "pattern", None)
    return pattern.pattern if isinstance(pattern, re.Pattern) else None


def _type_schema(annotation: Any) -> dict[str, Any]:
    if annotation is Any:
        # A variant's value: typed by the field it stands in for, which only the integrity checks can see.
        return {"not": {"type": "null"}}
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if set(members) == {int, float}:
            return {"type": "number"}
        (member,) = members
        return {"anyOf": [_type_schema(member), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0])}
    if annotation is str:
        return {"type": "string"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is PartialDate:
        return _ref("PartialDate")
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    if isinstance(annotation, type) and attrs.has(annotation):
        return _ref(annotation.__name__)
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _class_schema(cls: type[Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {a.name: _field_schema(a, hints[a.name]) for a in attrs.fields(cls)}
    required = [a.name for a in attrs.fields(cls) if a.default is attrs.NOTHING]
    return {
        "description": _describe(cls),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _identifier_schema() -> dict[str, Any]:
    # Each scheme's value format, from its entry in SCHEMES (which kinds may carry it is checked on load only).
    schema = _class_schema(Identifier)
    schema["properties"]["scheme"]["enum"] = list(SCHEMES_BY_NAME)
    schema["allOf"] = [
        {
            "if": {"properties": {"scheme": {"const": scheme.name}}},
            "then": {"properties": {"value": {"pattern": f"^{scheme.pattern}$"}}},
        }
        for scheme in SCHEMES
    ]
    return schema


def generate() -> dict[str, Any]:
    """The schema of a data file, as a JSON object."""
    definitions: dict[str, Any] = {
        "PartialDate": {
            "description": "A date known to the year, the month or the day: YYYY, YYYY-MM or YYYY-MM-DD.",
            "type": "string",
            "pattern": _DATE_PATTERN,
        },
        "When": {
            "description": _describe(When),
            "oneOf": [
                _ref("PartialDate"),
                {
                    "type": "object",
                    "properties": {
                        name: {"description": attrs.fields_dict(When)[name].metadata[DESCRIPTION], **schema}
                        for name, schema in (
                            ("date", _ref("PartialDate")),
                            ("latest", _ref("PartialDate")),
                            ("inferred", {"type": "boolean"}),
                            ("note", {"type": "string"}),
                        )
                    },
                    "required": ["date"],
                    "additionalProperties": False,
                },
            ],
        },
        "Citation": _class_schema(Citation),
        "LanguageName": _class_schema(LanguageName),
        "Identifier": _identifier_schema(),
    }
    for cls in RECORD_CLASSES.values():
        definitions[cls.__name__] = _class_schema(cls)
    per_kind = [
        {
            "if": {"properties": {"kind": {"const": kind}}},
            "then": {"properties": {"records": {"items": _ref(cls.__name__)}}},
        }
        for kind, cls in RECORD_CLASSES.items()
    ]
    return {
        "$schema": DIALECT,
        "title": "eu_iot_coop data file",
        "description": "One file of records of one kind; overlays may list ids (or relation keys) they replace.",
        "type": "object",
        "properties": {
            "kind": {"enum": list(RECORD_CLASSES)},
            "replace": {"type": "array", "items": {"type": "string"}},
            "records": {"type": "array"},
        },
        "required": ["kind", "records"],
        "additionalProperties": False,
        "allOf": per_kind,
        "$defs": definitions,
    }


def text() -> str:
    """The schema as canonical JSON text, exactly as shipped in ``data/schema.json``."""
    return dumps_document(generate())


def main(folder: Path = DATA_FOLDER) -> int:
    """Write ``data/schema.json`` into *folder* (for contributors, in a source checkout); the exit code."""
    target = folder / "schema.json"
    write_text(target, text(), package_data=True)
    print(f"wrote {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
