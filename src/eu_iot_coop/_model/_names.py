"""Names: the normal form names are compared in, and the edit distance behind every "did you mean"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from ._records import Entity

_NOT_WORD = re.compile(r"[\W_]+")
#: Every ASCII character that ``_NOT_WORD`` matches (all but letters and digits), mapped to a space.
_ASCII_NOT_WORD = str.maketrans(dict.fromkeys((chr(code) for code in range(128) if not chr(code).isalnum()), " "))


def normalize(text: str) -> str:
    """The one form every name, id, code and query is compared in (lookup, ``find``, ``search``, "did you mean").

    Case is folded, accents are stripped, "&" reads as "and", punctuation
    (hyphens, commas, dots, underscores) becomes a space and runs of spaces
    collapse to one, so "Internet-of-Things" and "internet of things" are equal.

    >>> normalize("  Alliance for  Internet-of-Things Innovation ")
    'alliance for internet of things innovation'
    >>> normalize("Mechthild RÖHEN")
    'mechthild rohen'
    >>> normalize("Ministry of Economy, Trade & Industry") == normalize("Ministry of Economy, Trade and Industry")
    True
    """
    if text.isascii():
        # Nothing to decompose, and a translation table does the regex's work several times faster: this runs
        # for every name and code of every entity when a dataset's indexes are built.
        return " ".join(_and(text.casefold()).translate(_ASCII_NOT_WORD).split())
    # Compatibility decomposition can yield upper-case letters (mathematical bold A -> "A") and case folding can
    # yield decomposable ones, so fold on both sides of it: that keeps normalize() idempotent.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold()).casefold()
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # After decomposition, so that a full-width or small ampersand reads "and" too.
    return _NOT_WORD.sub(" ", _and(stripped)).strip()


#: A lookup table: each name (or code) in :func:`normalize`'s form, and the ids of the entities known by it.
Lookup: TypeAlias = dict[str, tuple[str, ...]]


def lookups(entities: Iterable[Entity]) -> tuple[Lookup, Lookup]:
    """The two tables lookup reads, by names (name, acronym, aliases, names in other languages) and by codes.

    Each id is listed once per form, in the order of *entities*. The bundled artefact stores them (normalising
    every name was most of building a dataset's indexes); any other dataset makes them when it is indexed.
    """
    by_name: dict[str, list[str]] = {}
    by_code: dict[str, list[str]] = {}
    for entity in entities:
        for name in entity.names:
            ids = by_name.setdefault(normalize(name), [])
            # An acronym or alias may normalise like the name: list the entity once.
            if not ids or ids[-1] != entity.id:
                ids.append(entity.id)
        for code in entity.codes:
            by_code.setdefault(normalize(code), []).append(entity.id)
    return {key: tuple(ids) for key, ids in by_name.items()}, {key: tuple(ids) for key, ids in by_code.items()}


def _and(text: str) -> str:
    # Spaces round it so that "R&D" reads "r and d"; the caller collapses the extra ones.
    return text.replace("&", " and ")


def bitmasks(pattern: str) -> dict[str, int]:
    """For each character of *pattern*, the bit positions where it occurs (the input of :func:`distance`)."""
    masks: dict[str, int] = {}
    for position, char in enumerate(pattern):
        masks[char] = masks.get(char, 0) | (1 << position)
    return masks


def distance(pattern: str, masks: dict[str, int], text: str) -> int:
    """The edit distance from *pattern* (with its :func:`bitmasks`) to *text*."""
    # Myers' bit-parallel edit distance, in Hyyrö's formulation: one pass over text.
    length = len(pattern)
    if not length:
        return len(text)
    full = (1 << length) - 1
    high = 1 << (length - 1)
    plus, minus, distance = full, 0, length
    for char in text:
        equal = masks.get(char, 0)
        vertical = equal | minus
        horizontal = ((((equal & plus) + plus) & full) ^ plus) | equal
        h_plus = minus | (~(horizontal | plus) & full)
        h_minus = plus & horizontal
        if h_plus & high:
            distance += 1
        elif h_minus & high:
            distance -= 1
        h_plus = ((h_plus << 1) | 1) & full
        h_minus = (h_minus << 1) & full
        plus = h_minus | (~(vertical | h_plus) & full)
        minus = h_plus & vertical
    return distance


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions needed to turn *a* into *b*."""
    return distance(a, bitmasks(a), b)


def closest(query: str, choices: Iterable[str], *, n: int = 3) -> list[str]:
    """The *n* choices nearest *query* by edit distance (for short lists such as predicate names)."""
    ranked = sorted((edit_distance(query, choice), choice) for choice in choices)
    return [choice for distance, choice in ranked[:n] if distance <= max(2, len(query) // 2)]
