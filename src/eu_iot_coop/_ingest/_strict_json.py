"""JSON read strictly: UTF-8 without a byte-order mark, bounded nesting, no repeated key, no NaN or Infinity.

Python's ``json`` accepts what a data file must not hold (a key given twice, of
which it silently keeps the last; ``NaN``; nesting deep enough to exhaust the
stack): each is refused here as a :class:`~eu_iot_coop.exceptions.DataFileError`
saying where, before any record is structured.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from eu_iot_coop._gc import collector_paused
from eu_iot_coop.exceptions import DataFileError

from ._converter import UnrepresentableNumber
from ._shape import record_label

_STRING = re.compile(rb'"[^"]*"')
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_INNERMOST_PAIR = re.compile(rb"\[\]|\{\}")
# UTF-32 before UTF-16: the UTF-32 little-endian mark begins with the UTF-16 one.
_BYTE_ORDER_MARKS: Final = (
    (b"\xef\xbb\xbf", "UTF-8"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


# More digits than any valid number needs (2**53 has 16) and fewer than Python's limit on converting them (4300).
_MAX_INTEGER_DIGITS: Final = 1000
_NONZERO_DIGIT = re.compile(r"[1-9]")


def _parse_float(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        return UnrepresentableNumber(value, literal)
    if value == 0.0 and _NONZERO_DIGIT.search(literal.partition("e")[0].partition("E")[0]):
        return UnrepresentableNumber(0.0, literal)
    return value


def _parse_int(literal: str) -> int | float:
    if len(literal) > _MAX_INTEGER_DIGITS:
        return UnrepresentableNumber(float("-inf") if literal.startswith("-") else float("inf"), literal)
    return int(literal)


def parse_json(data: bytes, name: str, *, max_depth: int) -> Any:
    """The JSON value of a file's bytes: UTF-8 (no BOM), at most *max_depth* deep, no repeated key, no NaN.

    Anything else is a DataFileError.
    """
    _check_encoding_mark(data, name)
    _check_wide_encoding(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(
            f"the file is not UTF-8 text (bad byte at offset {error.start})", file=name, fix="save the file as UTF-8"
        ) from None
    _check_depth(data, name, max_depth)
    try:
        with collector_paused():
            return json.loads(
                text,
                parse_constant=_refuse_constant,
                parse_float=_parse_float,
                parse_int=_parse_int,
                object_pairs_hook=_unique_keys,
            )
    except _DuplicateKeyError as error:
        raise _duplicate_key_problem(text, error.key, name) from None
    except json.JSONDecodeError as error:
        raise DataFileError(
            f"the file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            file=name,
            fix="correct the JSON syntax there",
        ) from None
    except RecursionError:
        # Only unbalanced brackets get past _check_depth, so the nesting is deeper than the limit.
        raise _too_deep_error(name, max_depth) from None
    except ValueError as error:
        raise DataFileError(f"the file is not valid JSON: {error}", file=name, fix="correct the JSON there") from None


def _check_encoding_mark(data: bytes, name: str) -> None:
    # A byte-order mark is refused, not skipped: the canonical form has none, so accepting one would leave
    # `fmt` to drop it unasked, and JSON parsers (Python's, jq) refuse it too, so the file would fail elsewhere.
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            if encoding == "UTF-8":
                raise DataFileError(
                    "the file starts with a UTF-8 byte-order mark (BOM), which JSON data files may not have",
                    file=name,
                    fix="save it as UTF-8 without BOM (an editor's 'UTF-8', not 'UTF-8 with BOM')",
                )
            raise DataFileError(
                f"the file is {encoding} text (it starts with a {encoding} byte-order mark), not UTF-8",
                file=name,
                fix="save it as UTF-8 without BOM",
            )


def _check_wide_encoding(data: bytes, name: str) -> None:
    # JSON text begins with an ASCII character (or white space); in UTF-16 or UTF-32 without a byte-order mark
    # every such character comes with zero bytes, which UTF-8 text never holds: say so, not "bad JSON syntax".
    head = data[:4]
    if len(head) < 2 or b"\x00" not in head:
        return
    wide = "UTF-32" if len(head) == 4 and head.count(b"\x00") == 3 else "UTF-16"
    raise DataFileError(
        f"the file is not UTF-8 text: it looks like {wide} without a byte-order mark (zero bytes between characters)",
        file=name,
        fix="save it as UTF-8 without BOM",
    )


def _too_deep_error(name: str, max_depth: int) -> DataFileError:
    return DataFileError(
        f"the JSON is nested too deeply: more than {max_depth} levels of arrays and objects (the limit is {max_depth})",
        file=name,
        fix="data files need only a few levels (records, their lists and objects): look for runaway brackets",
    )


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON lets the last of two equal keys win silently: that loses data (a second "records" drops the first).
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _duplicate_key_problem(text: str, key: str, name: str) -> DataFileError:
    # Found again with a parse that only marks the objects holding a repeated key: which record, which line.
    marked: list[dict[str, Any]] = []

    def mark(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            marked.append(result)
        return result

    document = json.loads(text, object_pairs_hook=mark)
    record = None
    records = document.get("records") if isinstance(document, dict) else None
    if isinstance(records, list) and not (marked and marked[0] is document):
        for index, raw in enumerate(records):
            if _holds(raw, marked[0]):
                record = record_label(raw, index)
                break
    line = _second_line(text, key)
    at = f" (lines {line[0]} and {line[1]})" if line else ""
    return DataFileError(
        f"the key {key!r} appears twice in one object{at}; JSON would keep only the last",
        file=name,
        record=record,
        field=key,
        fix="keep one of the two: merge their values or rename one",
    )


def _holds(value: Any, target: dict[str, Any]) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if item is target:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _second_line(text: str, key: str) -> tuple[int, int] | None:
    # The lines of the two, when the key appears as a key just twice in the file (else the lines could mislead).
    found = [m.start() for m in re.finditer(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:", text)]
    if len(found) != 2:
        return None
    return text.count("\n", 0, found[0]) + 1, text.count("\n", 0, found[1]) + 1


def _refuse_constant(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON number")


def _check_depth(data: bytes, name: str, max_depth: int) -> None:
    # Only brackets outside strings count. Keeping just quotes and brackets turns most strings into '""',
    # and dropping two adjacent quotes changes no other character's inside-or-outside, so that goes first
    # (fast) and the string pattern then has little left to do. Each pass of the loop strips the innermost
    # pairs, one level at a time: bounded, C-speed work with no recursion.
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = _STRING.sub(b"", unescaped.translate(None, _NOT_STRUCTURE).replace(b'""', b""))
    for _ in range(max_depth):
        if not skeleton:
            return
        shorter = _INNERMOST_PAIR.sub(b"", skeleton)
        if shorter == skeleton:
            # Unbalanced: the JSON parser reports it better, unless brackets are opened beyond the limit on the way.
            if re.search(rb"[\[{]{%d}" % (max_depth + 1), skeleton):
                raise _too_deep_error(name, max_depth)
            return
        skeleton = shorter
    if skeleton and _INNERMOST_PAIR.search(skeleton):
        raise _too_deep_error(name, max_depth)
