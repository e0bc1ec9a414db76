"""The private cattrs converter: strict structuring and canonical unstructuring of records.

Structuring is strict on purpose: JSON gives us ``str``, ``int``, ``float``,
``bool``, lists and objects, and each field accepts exactly the JSON type its
annotation names (no ``"1"`` for ``1``, no ``true`` for a number, no string
for a list). Unstructuring is canonical: keys in field order, defaults omitted,
dates as ISO strings, enums by value, tuples as lists.
"""

from __future__ import annotations

import enum
import functools
import json
import math
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence
from cattrs.gen import make_dict_structure_fn, override

from eu_iot_coop._model import (
    Citation,
    Entity,
    InvalidValue,
    PartialDate,
    Record,
    When,
    character_text,
    identifier_problems,
    latest_in_order,
    refused_character,
    sort_key,
)

_N = typing.TypeVar("_N", int, float)
_WHEN_KEYS: Final = frozenset({"date", "latest", "inferred", "note"})
_NO_DEFAULT: Final = object()

#: The largest magnitude a number may have: the largest integer JSON (an IEEE double) carries exactly,
#: which every export (SQLite's 64-bit integers, XSD decimals, JavaScript) can hold too.
MAX_NUMBER: Final = 2**53 - 1
#: Fields of free text, where a tab or a line break is allowed; no other string may hold a control character.
FREE_TEXT_FIELDS: Final = frozenset({"description", "note"})


class UnrepresentableNumber(float):
    """A JSON number no double holds as written: it would read as 0 (``1e-400``) or infinity (``1e400``, 5000 digits).

    Parsing keeps it, as this marked float, so that the converter refuses it naming the record and the field.
    """

    literal: str

    def __new__(cls, value: float, literal: str) -> UnrepresentableNumber:
        number = super().__new__(cls, value)
        number.literal = literal
        return number

    @property
    def shown(self) -> str:
        """The number as written, shortened when long."""
        digits = len(self.literal)
        return self.literal if digits <= 24 else f"{self.literal[:12]}... ({digits} characters)"

    @property
    def underflows(self) -> bool:
        """Whether it is too close to 0 to be held (rather than too large)."""
        return self == 0.0


def json_type(value: object) -> str:
    """The JSON name of a Python value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class FieldTypeError(TypeError):
    """A JSON value of the wrong type; ``expected`` says what was wanted, for the fix."""

    def __init__(self, expected: str, value: object) -> None:
        self.expected = expected
        super().__init__(f"expected {expected}, got {json_type(value)}")


class FieldValueError(InvalidValue):
    """A JSON value of the right type but an invalid value; ``fix`` says what to write.

    ``at`` is the path of the field inside the value being structured, where a check of a whole record finds
    it (``identifiers[0].value``); empty when the error is raised for the value itself.
    """

    def __init__(self, problem: str, fix: str, *, at: str = "") -> None:
        self.at = at
        super().__init__(problem, fix)


class BadDateError(FieldValueError):
    """A string that is not a partial ISO 8601 date."""


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> PartialDate:
    # Dates repeat a great deal in real data; parsing each distinct one once keeps loading lean.
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        raise BadDateError(str(error), "write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. '2017-03-20'") from None


@functools.lru_cache(maxsize=65536)
def _citation(source: str, locator: str) -> Citation:
    # Citations repeat a great deal (every record citing one page section shares it): each distinct one is checked
    # and made once, and shared, which a frozen record allows. Invalid ones raise, and are not cached.
    return Citation(source=check_string(source), locator=check_string(locator))


def _structure_citations_fast(value: object, _: type) -> tuple[Citation, ...]:
    # The fast converter's path for a record's citations; anything unusual raises, and the detailed converter
    # then explains the record field by field.
    if type(value) is not list:
        raise FieldTypeError("a list", value)
    citations = []
    for raw in value:
        if type(raw) is not dict or len(raw) != 2:
            raise FieldTypeError("an object with 'source' and 'locator'", raw)
        source, locator = raw.get("source"), raw.get("locator")
        if type(source) is not str or type(locator) is not str:
            raise FieldTypeError("'source' and 'locator' strings", raw)
        citations.append(_citation(source, locator))
    return tuple(citations)


def _structure_date(value: object, _: type) -> PartialDate:
    if type(value) is not str:
        raise FieldTypeError("a date string such as '2017-03-20'", value)
    return _parse_date(value)


def _structure_when(value: object, _: type) -> When:
    if type(value) is str:
        return When(_parse_date(value))
    if type(value) is not dict:
        raise FieldTypeError("a date string or an object with 'date', 'latest', 'inferred' and 'note'", value)
    extra = value.keys() - _WHEN_KEYS
    if extra:
        raise FieldValueError(
            f"unknown key(s) {', '.join(sorted(map(repr, extra)))} in a date object",
            "a date object may only have 'date', 'latest', 'inferred' and 'note'",
        )
    if "date" not in value:
        raise FieldValueError("a date object without 'date'", "add 'date': 'YYYY[-MM[-DD]]' to the date object")
    inferred = value.get("inferred", False)
    note = value.get("note", "")
    if type(inferred) is not bool:
        raise FieldTypeError("'inferred' to be true or false", inferred)
    if type(note) is not str:
        raise FieldTypeError("'note' to be a string", note)
    check_string(note, free=True)
    date = _structure_date(value["date"], PartialDate)
    latest = value.get("latest")
    if latest is not None:
        latest = _structure_date(latest, PartialDate)
        if not latest_in_order(date, latest):
            raise BadDateError(
                f"'latest' ({latest}) is before 'date' ({date})",
                "make 'latest' the last date it could be (not before 'date'), or swap the two",
            )
    return When(date, inferred, note, latest=latest)


def check_string(value: str, *, free: bool = False) -> str:
    """*value* if it is text every export can carry and every screen shows as it is; raise :class:`FieldValueError`.

    Valid text holds none of :data:`REFUSED_CHARACTERS` (controls, lone surrogates, line separators,
    bidirectional controls, zero-width characters, noncharacters), and a tab or a line break only in free
    text (``free``: a description or a note). The converter applies it to every string of a record, a
    variant's value included; the characters themselves are defined in ``_model``.
    """
    position = refused_character(value, free=free)
    if position is None:
        return value
    allowed = "" if free else "; a tab or a line break only in a description or a note"
    raise FieldValueError(
        f"the text holds {character_text(value[position])} at position {position} (counting from 0)",
        "remove it (or write the text without it): text may hold no control character, lone surrogate, line or "
        "paragraph separator, bidirectional control, zero-width character or noncharacter, since the text "
        f"would display differently from what it is{allowed}",
    )


def _structure_str(value: object, cls: type) -> str:
    # The common case first, inline: a loaded record has hundreds of thousands of strings, and
    # check_string's own call cost more than its scan.
    if cls is str and type(value) is str and value.isprintable():
        return value
    # Class dispatch finds this hook for the string enums too, since they subclass ``str``.
    if cls is not str:
        return _structure_enum(value, cls)  # type: ignore[return-value]
    if type(value) is not str:
        raise FieldTypeError("a string", value)
    return check_string(value)


def _structure_free_text(value: object, _: type) -> str:
    if type(value) is str and value.isprintable():  # the common case, inline as in _structure_str
        return value
    if type(value) is not str:
        raise FieldTypeError("a string", value)
    return check_string(value, free=True)


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise FieldTypeError("true or false", value)
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is UnrepresentableNumber:
        raise _unrepresentable(value)
    if type(value) is not int:
        raise FieldTypeError("a whole number", value)
    return check_number(value)


def _structure_number(value: object, _: type) -> int | float:
    if type(value) is UnrepresentableNumber:
        raise _unrepresentable(value)
    if type(value) is not int and type(value) is not float:
        raise FieldTypeError("a number", value)
    return check_number(value)


def check_number(value: _N) -> _N:
    """*value* if it is finite and within ±:data:`MAX_NUMBER`; raise :class:`FieldValueError` otherwise.

    The one definition of a valid number (``1e400`` parses as infinity, which no export can write).
    """
    if -MAX_NUMBER <= value <= MAX_NUMBER:  # false for NaN too
        return value
    if type(value) is float and not math.isfinite(value):
        raise FieldValueError(
            f"the number is not finite ({value})", f"write a finite number between -{MAX_NUMBER} and {MAX_NUMBER}"
        )
    raise FieldValueError(
        f"the number {value:.6g} is out of range", f"write a number between -{MAX_NUMBER} and {MAX_NUMBER}"
    )


def _unrepresentable(number: UnrepresentableNumber) -> FieldValueError:
    if number.underflows:
        problem = f"the number {number.shown} is too close to 0 to be held: it would read as 0"
    else:
        problem = f"the number {number.shown} is too large to be held: it would read as infinity"
    return FieldValueError(problem, f"write a number between -{MAX_NUMBER} and {MAX_NUMBER} (0 if you mean 0)")


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    if type(value) is not str:
        raise FieldTypeError(f"one of {_enum_choices(cls)}", value)
    try:
        return cls(value)
    except ValueError:
        raise FieldValueError(f"{value!r} is not an allowed value", f"use one of {_enum_choices(cls)}") from None


def _enum_choices(cls: type[enum.Enum]) -> str:
    return ", ".join(repr(member.value) for member in cls)


def _structure_json(value: object, _: object) -> object:
    # A variant's value: any JSON value but null (a source that gives no value does not disagree). Its type is
    # checked against the field it stands in for by the integrity checks, which know the record it belongs to.
    if value is None:
        raise FieldTypeError("a JSON string, number, boolean, list or object (not null)", value)
    if not _is_json(value):
        raise FieldTypeError("a JSON value", value)
    _check_json_values(value)
    return value


def _check_json_values(value: object) -> None:
    # The text and number rules hold inside a variant's value too (keys included).
    if type(value) is str:
        check_string(value, free=True)
    elif type(value) is UnrepresentableNumber:
        raise _unrepresentable(value)
    elif type(value) in (int, float):
        check_number(value)  # type: ignore[type-var]
    elif type(value) is list:
        for item in value:
            _check_json_values(item)
    elif type(value) is dict:
        for key, item in value.items():
            check_string(key)
            _check_json_values(item)


def _is_json(value: object) -> bool:
    if value is None or type(value) in (str, bool, int, float, UnrepresentableNumber):
        return True
    if type(value) is list:
        return all(_is_json(item) for item in value)
    if type(value) is dict:
        return all(type(key) is str and _is_json(item) for key, item in value.items())
    return False


def _is_citations(annotation: object) -> bool:
    return annotation == tuple[Citation, ...]


def _is_any(annotation: object) -> bool:
    return annotation is Any


def _is_number(annotation: object) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and set(typing.get_args(annotation)) == {
        int,
        float,
    }


def _is_homogeneous_tuple(annotation: object) -> bool:
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) is tuple and len(args) == 2 and args[1] is Ellipsis


def _list_only_tuple_factory(annotation: Any, converter: cattrs.Converter) -> Callable[[object, type], tuple[Any, ...]]:
    # cattrs would turn any iterable into a tuple, so a string would become a tuple of letters.
    inner = homogenous_tuple_structure_factory(annotation, converter)

    def structure(value: object, cls: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise FieldTypeError("a list", value)
        return inner(value, cls)  # type: ignore[no-any-return]

    return structure


def make_converter(*, detailed: bool) -> cattrs.Converter:
    """A strict converter; ``detailed`` keeps every error with its path, at some cost in speed."""
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_structure_hook(When, _structure_when)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(enum.Enum, _structure_enum)
    converter.register_structure_hook_func(_is_number, _structure_number)
    converter.register_structure_hook_func(_is_any, _structure_json)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _list_only_tuple_factory)
    if not detailed:
        converter.register_structure_hook_func(_is_citations, _structure_citations_fast)
    converter.register_structure_hook_factory(
        _is_record_class, functools.partial(_record_structure_factory, detailed=detailed)
    )
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_unstructure_hook(When, _unstructure_when)
    converter.register_unstructure_hook(str, _unstructure_str)
    converter.register_unstructure_hook(enum.Enum, lambda member: member.value)
    converter.register_unstructure_hook_func(is_sequence, lambda items: [converter.unstructure(i) for i in items])
    converter.register_unstructure_hook_func(_is_any, _copy_json)
    converter.register_unstructure_hook_factory(_is_record_class, functools.partial(_record_unstructure_factory))
    return converter


def _is_record_class(cls: object) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and cls is not PartialDate and cls is not When


def _record_structure_factory(cls: type[Any], converter: cattrs.Converter, *, detailed: bool) -> Any:
    # As cattrs would build it, but free-text fields allow tabs and line breaks.
    free = {
        a.name: override(struct_hook=_structure_free_text)
        for a in attrs.fields(cls)
        if a.name in FREE_TEXT_FIELDS and a.type in (str, "str")
    }
    structure = (
        make_dict_structure_fn(
            cls,
            converter,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=detailed,
            **free,  # type: ignore[arg-type]
        )
        if detailed
        else _direct_structure_fn(cls, converter)
    )
    if not issubclass(cls, Entity):
        return structure

    def structure_entity(value: Any, cls: type[Any]) -> Any:
        entity = structure(value, cls)
        # Identifiers are checked against their scheme's entry, which needs the entity's kind: after structuring.
        problems = identifier_problems(entity) if entity.identifiers else ()
        if problems:
            path, problem = problems[0]
            raise FieldValueError(str(problem), problem.fix, at=path)
        return entity

    return structure_entity


class UnknownKeys(ValueError):
    """A record object with keys its class has no field for (the detailed converter names them)."""


def _direct_structure_fn(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, type], Any]:
    """The fast converter's structure function for a record class: straight into a new instance.

    It applies the hooks cattrs would (free text as in :func:`_record_structure_factory`; a plain printable
    string kept inline, as :func:`_structure_str` would keep it) and then the validators attrs' ``__init__``
    would, in field order, but builds no keyword arguments and makes no call to ``__init__``: a fifth to a
    third less time per record. Made from the class's fields, so a new field needs nothing here. Anything
    wrong raises (a missing key as ``KeyError``), and the detailed converter explains it, as for cattrs' own
    functions.
    """
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    bound: dict[str, Any] = {
        "allowed": frozenset(a.name for a in fields),
        "cls": cls,
        "new": object.__new__,
        "assign": object.__setattr__,
        "UnknownKeys": UnknownKeys,
    }
    body = [
        "    if type(o) is not dict or not allowed.issuperset(o):",
        "        raise UnknownKeys(o)",
        "    record = new(cls)",
    ]
    for index, a in enumerate(fields):
        free = a.name in FREE_TEXT_FIELDS and hints[a.name] is str
        hook = _structure_free_text if free else converter.get_structure_hook(hints[a.name])
        bound[f"hook_{index}"], bound[f"type_{index}"] = hook, hints[a.name]
        if a.default is not attrs.NOTHING:
            bound[f"default_{index}"] = a.default
            body.append(f"    value = o[{a.name!r}] if {a.name!r} in o else default_{index}")
            guard = f"value is not default_{index} and "
        else:
            body.append(f"    value = o[{a.name!r}]")
            guard = ""
        if hook in (_structure_str, _structure_free_text) and hints[a.name] is str:
            guard += "(type(value) is not str or not value.isprintable())"  # the common case needs no call
        else:
            guard = guard.removesuffix(" and ") or "True"
        body.append(f"    if {guard}:")
        body.append(f"        value = hook_{index}(value, type_{index})")
        body.append(f"    assign(record, {a.name!r}, value)")
    for index, a in enumerate(fields):
        if a.validator is not None:
            bound[f"validator_{index}"], bound[f"attribute_{index}"] = a.validator, a
            body.append(f"    validator_{index}(record, attribute_{index}, record.{a.name})")
    body.append("    return record")
    # Everything the function reads is bound as a default argument: a local, not a global, at each call.
    head = f"def structure(o, _, {', '.join(f'{name}={name}' for name in bound)}):"
    namespace = dict(bound)
    exec(compile("\n".join([head, *body]), f"<eu_iot_coop structure {cls.__name__}>", "exec"), namespace)
    structure: Callable[[object, type], Any] = namespace["structure"]
    return structure


def _record_unstructure_factory(cls: type[Any], converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    # cattrs' own omit-if-default code moves defaulted fields to the end; canonical order is field order.
    hints = typing.get_type_hints(cls)
    plan = tuple(
        (
            a.name,
            a.default if a.default is not attrs.NOTHING else _NO_DEFAULT,
            converter.get_unstructure_hook(hints[a.name]),
        )
        for a in attrs.fields(cls)
    )

    def unstructure_record(record: Any) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, default, hook in plan:
            value = getattr(record, name)
            if value is None or value == default:
                continue
            result[name] = hook(value)
        return result

    return unstructure_record


def _copy_json(value: Any) -> Any:
    # A variant's value is JSON already; copied, so the document written never shares lists or objects with the record.
    if type(value) is list:
        return [_copy_json(item) for item in value]
    if type(value) is dict:
        return {key: _copy_json(item) for key, item in value.items()}
    return value


def _unstructure_str(value: str) -> str:
    return value if type(value) is str else str(value.value)  # type: ignore[attr-defined]


def _unstructure_when(when: When) -> str | dict[str, object]:
    if not when.inferred and not when.note and when.latest is None:
        return str(when.date)
    result: dict[str, object] = {"date": str(when.date)}
    if when.latest is not None:
        result["latest"] = str(when.latest)
    if when.inferred:
        result["inferred"] = True
    if when.note:
        result["note"] = when.note
    return result


@functools.cache
def fast_converter() -> cattrs.Converter:
    """The converter used to load: no error details, so valid files load quickly."""
    return make_converter(detailed=False)


@functools.cache
def detailed_converter() -> cattrs.Converter:
    """The converter used to explain a failed load: every error, with its path."""
    return make_converter(detailed=True)


def structure_record(raw: object, cls: type[Any], *, detailed: bool = False) -> Any:
    """One record of class ``cls`` from its JSON value; raises cattrs errors on bad input."""
    converter = detailed_converter() if detailed else fast_converter()
    return converter.structure(raw, cls)


def unstructure(record: Record) -> dict[str, Any]:
    """The canonical JSON object of a record: field order, defaults omitted."""
    result: dict[str, Any] = fast_converter().unstructure(record, type(record))
    return result


def with_variant(target: Any, field: str, value: object) -> Any:
    """*target* (a source, entity or figure) with *value*, written as in a data file, in *field*; raises cattrs errors.

    This is how a variant's value is checked and given its type: the record is structured again, strictly.
    """
    raw = unstructure(target)
    raw[field] = value
    return structure_record(raw, type(target))


def plain(record: Record) -> dict[str, Any]:
    """A record's canonical JSON object standing alone: an entity's ``kind`` comes first."""
    if isinstance(record, Entity):
        return {"kind": str(record.kind), **unstructure(record)}
    return unstructure(record)


def document(kind: str, records: Iterable[Record], *, replace: Sequence[str] = ()) -> dict[str, Any]:
    """The canonical JSON document of one data file."""
    result: dict[str, Any] = {"kind": kind}
    if replace:
        result["replace"] = sorted(replace)
    result["records"] = [unstructure(r) for r in sorted(records, key=sort_key)]
    return result


def dumps(kind: str, records: Iterable[Record], *, replace: Sequence[str] = ()) -> str:
    """The canonical text of one data file: two-space indent, no ASCII escapes, final newline."""
    return dumps_document(document(kind, records, replace=replace))


def dumps_document(doc: Mapping[str, Any]) -> str:
    """Canonical JSON text of an already canonical document."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def field_names(cls: type[Any]) -> tuple[str, ...]:
    """The JSON keys a record class accepts, in canonical order."""
    return tuple(a.name for a in attrs.fields(cls))
