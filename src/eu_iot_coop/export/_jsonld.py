"""A hand-written JSON-LD serialiser: the shipped ``@context`` inline, then one node per resource."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from eu_iot_coop._query import Dataset

from ._json import Streamed, json_chunks
from ._rdf import IRI, PREFIXES, Literal, Term, describe


def context() -> dict[str, str]:
    """The ``@context``: the prefixes of :mod:`eu_iot_coop._rdf`, as shipped in ``data/context.jsonld``."""
    return dict(sorted(PREFIXES.items()))


def _value(term: Term) -> Any:
    if isinstance(term, IRI):
        return {"@id": term.name}
    if isinstance(term, Literal):
        if term.datatype is not None:
            return {"@value": str(term.value), "@type": term.datatype}
        if term.language is not None:
            return {"@value": term.value, "@language": term.language}
        if isinstance(term.value, float) and not math.isfinite(term.value):
            raise ValueError(f"cannot write the number {term.value!r} in JSON-LD")
        return term.value
    return _node(term.properties)


def _node(properties: tuple[tuple[str, Term], ...]) -> dict[str, Any]:
    node: dict[str, Any] = {}
    types = [term.name for predicate, term in properties if predicate == "rdf:type" and isinstance(term, IRI)]
    if types:
        node["@type"] = types
    for predicate, term in properties:
        if predicate == "rdf:type":
            continue
        node.setdefault(predicate, []).append(_value(term))
    # A lone value needs no list around it; the RDF is the same either way.
    return {key: value[0] if isinstance(value, list) and len(value) == 1 else value for key, value in node.items()}


def jsonld_chunks(dataset: Dataset) -> Iterator[str]:
    """The whole dataset as a JSON-LD document, in chunks, one node at a time."""
    nodes = ({"@id": d.subject.name, **_node(d.properties)} for d in describe(dataset))
    return json_chunks({"@context": context(), "@graph": Streamed(nodes)})


def jsonld(dataset: Dataset) -> str:
    """:func:`jsonld_chunks` as one text."""
    return "".join(jsonld_chunks(dataset))
