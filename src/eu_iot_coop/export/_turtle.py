"""A hand-written Turtle serialiser: prefixes, then one block per resource, sorted."""

from __future__ import annotations

import math
from collections.abc import Iterator

from eu_iot_coop._query import Dataset

from ._rdf import IRI, PREFIXES, Description, Literal, Term, describe

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _string(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def _literal(literal: Literal) -> str:
    value = literal.value
    if literal.datatype is not None:
        return f"{_string(str(value))}^^{literal.datatype}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write the number {value!r} in Turtle")
        return f'"{value!r}"^^xsd:double'
    if literal.language is not None:
        return f"{_string(value)}@{literal.language}"
    return _string(value)


def _verb(predicate: str) -> str:
    return "a" if predicate == "rdf:type" else predicate


def _term(term: Term, indent: str) -> str:
    if isinstance(term, IRI):
        return term.name
    if isinstance(term, Literal):
        return _literal(term)
    inner = indent + "    "
    body = " ;\n".join(f"{inner}{_verb(predicate)} {_term(value, inner)}" for predicate, value in term.properties)
    return f"[\n{body}\n{indent}]"


def _block(description: Description) -> str:
    lines: list[str] = []
    grouped: dict[str, list[str]] = {}
    for predicate, value in description.properties:
        grouped.setdefault(predicate, []).append(_term(value, "    "))
    for predicate, values in grouped.items():
        lines.append(f"    {_verb(predicate)} {', '.join(values)}")
    return f"{description.subject.name}\n" + " ;\n".join(lines) + " .\n"


def turtle_chunks(dataset: Dataset) -> Iterator[str]:
    """The whole dataset as Turtle text, in chunks: the prefixes, then one block per resource."""
    yield "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in sorted(PREFIXES.items())) + "\n"
    before = ""
    for description in describe(dataset):
        yield before + _block(description)
        before = "\n"


def turtle(dataset: Dataset) -> str:
    """:func:`turtle_chunks` as one text."""
    return "".join(turtle_chunks(dataset))
