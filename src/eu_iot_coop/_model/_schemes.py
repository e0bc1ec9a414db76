"""The identifier schemes: one entry per scheme, carrying every fact the package needs about it.

An entity's :class:`~._records.Identifier` names its scheme; the scheme's entry says what the
scheme is, what a value looks like (a regular expression the whole value must match), which
kinds of entity may carry it, and, where a public registry has a stable address for each value,
that address. Adding a scheme is one entry in :data:`SCHEMES`.

The patterns are kept as text and compiled on first use, when data is checked: loading the
bundled data through its fast path never compiles them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

from ._names import closest
from ._records import Entity, Identifier, InvalidValue, Kind


class Scheme(NamedTuple):
    """A scheme of identifiers: its name as data files write it, what it is, its format, its kinds and its address."""

    name: str
    #: What the scheme is, in a few words (the data dictionary's table).
    title: str
    #: A regular expression every value must match whole.
    pattern: str
    #: A valid value, shown in a fix.
    example: str
    #: The kinds of entity that may carry an identifier of this scheme.
    kinds: frozenset[Kind]
    #: The address of a value in a public registry with a stable pattern (``{value}`` stands for it), if one exists.
    address: str | None = None

    def matches(self, value: str) -> bool:
        """Whether *value* is written as the scheme writes its identifiers."""
        return _compiled(self.pattern).fullmatch(value) is not None

    def link(self, value: str) -> str | None:
        """The address of *value* in the scheme's registry, or ``None`` where the scheme has no stable one."""
        return None if self.address is None else self.address.replace("{value}", value)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_WORKS: Final = frozenset({Kind.DOCUMENT, Kind.STANDARD})

#: Every identifier scheme, by the order the data dictionary lists them.
SCHEMES: Final[tuple[Scheme, ...]] = (
    Scheme(
        name="eu-grant-agreement",
        title="EU grant agreement number (a project's number in CORDIS)",
        pattern=r"[1-9][0-9]{5,8}",
        example="732240",
        kinds=frozenset({Kind.PROJECT}),
        address="https://cordis.europa.eu/project/id/{value}",
    ),
    Scheme(
        name="eu-call",
        title="EU funding call or topic identifier",
        pattern=r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+",
        example="HORIZON-CL4-2021-DATA-01-05",
        kinds=frozenset({Kind.PROGRAMME}),
    ),
    Scheme(
        name="eu-document",
        title="European Commission document reference (COM, SWD, JOIN, C, SEC)",
        pattern=r"(?:COM|SWD|JOIN|SEC|C)\([0-9]{4}\) [0-9]+(?: final)?",
        example="COM(2016) 180 final",
        kinds=_WORKS,
    ),
    Scheme(
        name="eu-press-release",
        title="European Commission press corner reference (IP, MEMO, STATEMENT, SPEECH)",
        pattern=r"(?:IP|MEMO|STATEMENT|SPEECH)/[0-9]{2}/[0-9]+",
        example="IP/25/1185",
        kinds=frozenset({Kind.DOCUMENT}),
    ),
    Scheme(
        name="etsi-deliverable",
        title="ETSI deliverable number",
        pattern=r"ETSI (?:EN|ES|EG|TS|TR|GS|GR|SR) [0-9]{3} [0-9]{3}(?:-[0-9]+)*(?: V[0-9]+\.[0-9]+\.[0-9]+)?",
        example="ETSI TS 103 645",
        kinds=_WORKS,
    ),
    Scheme(
        name="doi",
        title="Digital Object Identifier",
        pattern=r"10\.[0-9]{4,9}/[!-~]+",
        example="10.1109/MS.2017.2",
        kinds=_WORKS,
        address="https://doi.org/{value}",
    ),
    Scheme(
        name="handle",
        title="Handle System identifier (a repository's persistent handle)",
        pattern=r"[0-9]+(?:\.[0-9]+)*/[!-~]+",
        example="10902/18344",
        kinds=_WORKS,
        address="https://hdl.handle.net/{value}",
    ),
    Scheme(
        name="eclipse-project",
        title="Eclipse Foundation project id",
        pattern=r"[a-z][a-z0-9]*(?:\.[a-z][a-z0-9-]*)+",
        example="iot.agail",
        kinds=frozenset({Kind.PROJECT}),
        address="https://projects.eclipse.org/projects/{value}",
    ),
)

#: Each scheme's entry by its name.
SCHEMES_BY_NAME: Final[Mapping[str, Scheme]] = MappingProxyType({scheme.name: scheme for scheme in SCHEMES})


def identifier_problems(entity: Entity) -> list[tuple[str, InvalidValue]]:
    """Each identifier of *entity* that breaks its scheme, as ``(field path, problem)``: an unknown scheme, a scheme
    its kind may not carry, a value not written as the scheme writes it."""
    problems: list[tuple[str, InvalidValue]] = []
    for position, identifier in enumerate(entity.identifiers):
        found = _problem(entity.kind, identifier)
        if found is not None:
            field, problem = found
            problems.append((f"identifiers[{position}].{field}", problem))
    return problems


def _problem(kind: Kind, identifier: Identifier) -> tuple[str, InvalidValue] | None:
    scheme = SCHEMES_BY_NAME.get(identifier.scheme)
    if scheme is None:
        near = closest(identifier.scheme, SCHEMES_BY_NAME, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        return "scheme", InvalidValue(
            f"{identifier.scheme!r} is not an identifier scheme",
            f"{hint}use one of {', '.join(map(repr, SCHEMES_BY_NAME))} (or add the scheme to SCHEMES)",
        )
    if kind not in scheme.kinds:
        allowed = ", ".join(sorted(str(k) for k in scheme.kinds))
        return "scheme", InvalidValue(
            f"a {kind} may not carry a {scheme.name!r} identifier ({scheme.title})",
            f"give it to an entity of a kind the scheme is for ({allowed}), or use another scheme",
        )
    if not scheme.matches(identifier.value):
        return "value", InvalidValue(
            f"{identifier.value!r} is not a well-formed identifier of the scheme {scheme.name!r} ({scheme.title})",
            f"write the value exactly as the scheme does, e.g. {scheme.example!r}",
        )
    return None
