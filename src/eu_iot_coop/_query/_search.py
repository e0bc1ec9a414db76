"""Ranked name search: exact names first, then codes, then names starting with the query, then typos.

Every name, id, code and query is compared in the form :func:`normalize`
gives. An entity is ranked by the best way any of its names matches, in these
tiers (best first); each tier has its own band of scores, so the score alone
orders the results:

========  ============================================================  ==============
tier      the query (normalised) ...                                    score
========  ============================================================  ==============
exact     equals the entity's id, name, acronym or an alias             1.0
code      equals one of its codes (a place's ISO 3166-1 or M49 code)    0.98
prefix    begins its name, acronym or an alias                          0.8 to 0.95
word      begins a later word of its name, acronym or an alias          0.6 to 0.75
fuzzy     resembles one of its names or its id (typos, missing words)   0.3 to 0.59
========  ============================================================  ==============

Chinese, Japanese and Korean are written without spaces between words, so in a name in those
scripts every Han or kana character, and every Hangul syllable, begins a word: ``推進コンソーシアム``
and ``コンソーシアム`` find ``IoT推進コンソーシアム`` in the word tier, ``정보통신부`` finds
``과학기술정보통신부``. Codes include the values of an entity's identifiers.

and, only when descriptions are searched, ``description``: the query's words
begin words of the entity's description (0.25 when they appear together, in
order; 0.15 otherwise). Within the prefix and word tiers the query covering
more of the name scores higher, so ``AIOTI`` comes before ``AIOTI Steering
Group`` for ``aiot``. Within the fuzzy tier the score is a similarity: trigram
Dice, bit-parallel edit distance and how much of the query the name contains.
Ties are broken by kind (organisations, people and places, then programmes,
projects, standards, events and topics, then agreements and documents), then
by the matched name (normalised), then by id.

Fuzzy candidates come from a character-trigram inverted index. Only the rarest
trigrams are counted when common ones would cost too much: a name one typo
away still shares most of the rare ones.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Iterable
from typing import Final, Literal

import attrs

from eu_iot_coop._model import KINDS, Entity, Kind, bitmasks, distance, normalize
from eu_iot_coop._present import escape

from ._results import brief, cited_cell, named_cell, shown_as

#: How a search matched, best first (see :meth:`Dataset.search`).
MatchTier = Literal["exact", "code", "prefix", "word", "fuzzy", "description"]


@shown_as(
    lambda m: f"{m.entity.id} {m.score:.2f}",
    ("kind", "entity", "score", "matched name", "citations"),
    lambda m, sources: [
        escape(m.entity.kind),
        named_cell(m.entity),
        f"{m.score:.2f}",
        escape(m.matched_name),
        cited_cell(m.entity, sources),
    ],
)
@attrs.frozen
class Match:
    """One search hit: the entity, how well it matched (1.0 is exact), the name or code that matched, and how.

    ``tier`` is ``"exact"``, ``"code"``, ``"prefix"``, ``"word"``, ``"fuzzy"`` or ``"description"``
    (for a description match ``matched_name`` is the entity's name); see :meth:`Dataset.search`.
    """

    entity: Entity = attrs.field(repr=brief)
    score: float
    matched_name: str
    tier: MatchTier = "fuzzy"


#: How many postings to count at most before skipping the commonest trigrams.
_POSTINGS_BUDGET = 20_000
#: How many fuzzy candidates get an exact score.
_CANDIDATES = 24
#: Fuzzy similarities below this are noise, not matches.
_MIN_SIMILARITY = 0.3

_CODE_SCORE: Final = 0.98
_PHRASE_IN_DESCRIPTION: Final = 0.25
_WORDS_IN_DESCRIPTION: Final = 0.15

#: Kinds that come first on equal scores (:attr:`EntityKind.search_rank`), looked up once per kind.
KIND_RANK: Final[dict[Kind, int]] = {kind: entry.search_rank for kind, entry in KINDS.items()}


def trigrams(text: str) -> set[str]:
    """The character trigrams of each word of a normalised string, padded so that word starts and ends count.

    Per word, so that the same words in another order share every trigram.
    """
    grams: set[str] = set()
    for word in text.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def _unspaced(char: str) -> bool:
    """Whether *char* belongs to a script written without spaces between words, and begins a word there.

    Han ideographs, hiragana and katakana, and the leading consonant of a Hangul syllable (normalising
    decomposes syllables into their letters, so a syllable begins with one).
    """
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs, extension A
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # ideograph extensions B and on
        or 0x1100 <= code <= 0x115F  # Hangul leading consonants
        or 0xA960 <= code <= 0xA97F  # Hangul leading consonants, extended
    )


def word_starts(key: str) -> list[int]:
    """Where each later word of a normalised name begins: after each space, and at each character of a script
    written without spaces (see :func:`_unspaced`) but the first."""
    if key.isascii():
        return [i + 1 for i, char in enumerate(key) if char == " "]
    return [i + 1 for i, char in enumerate(key) if char == " "] + [
        i for i, char in enumerate(key) if i and key[i - 1] != " " and _unspaced(char)
    ]


def _prefix_score(query: str, name: str) -> float:
    """0.8 to 0.95, higher the more of *name* the query covers."""
    return round(0.8 + 0.15 * len(query) / len(name), 4)


def _word_score(query: str, name: str) -> float:
    """0.6 to 0.75, higher the more of *name* the query covers."""
    return round(0.6 + 0.15 * len(query) / len(name), 4)


class _Query:
    __slots__ = ("grams", "masks", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.grams = trigrams(text)
        self.masks = bitmasks(text)

    def similarity(self, name: str) -> float:
        """How alike the query and *name* are, from 0 to 0.99."""
        name_grams = trigrams(name)
        shared = len(self.grams & name_grams)
        dice = 2 * shared / (len(self.grams) + len(name_grams))
        longest = max(len(self.text), len(name))
        coverage = min(1.0, len(self.text) / len(name))
        # How much of the query the name contains, whatever the word order: "iot aliance" in AIOTI's name.
        contained = 0.85 * shared / len(self.grams) + 0.15 * coverage
        similarity = max(dice, contained)
        # The length difference bounds the edit distance from below: skip it when it cannot win.
        if 1 - abs(len(self.text) - len(name)) / longest > similarity:
            similarity = max(similarity, 1 - distance(self.text, self.masks, name) / longest)
        return min(similarity, 0.99)

    def fuzzy_score(self, name: str) -> float:
        """The similarity mapped onto the fuzzy band, 0.3 to 0.59, or 0 below the noise floor."""
        similarity = self.similarity(name)
        if similarity < _MIN_SIMILARITY:
            return 0.0
        return round(0.3 + 0.29 * (similarity - _MIN_SIMILARITY) / (0.99 - _MIN_SIMILARITY), 4)


def _description_score(query: str, description: str) -> float:
    padded = f" {description}"
    if f" {query}" in padded:
        return _PHRASE_IN_DESCRIPTION
    if all(f" {word}" in padded for word in query.split()):
        return _WORDS_IN_DESCRIPTION
    return 0.0


def _is_id(entity: Entity, name: str) -> bool:
    return name == entity.id and name not in entity.names


class SearchIndex:
    """Every distinct normalised name, id and code, the entities each belongs to, and the indexes over them."""

    __slots__ = (
        "_codes",
        "_descriptions",
        "_entities",
        "_keys",
        "_owners",
        "_position",
        "_postings",
        "_sorted",
        "_word_starts",
    )

    def __init__(self, entities: Iterable[Entity]) -> None:
        position: dict[str, int] = {}
        owners: list[list[tuple[Entity, str]]] = []
        codes: dict[str, list[tuple[Entity, str]]] = {}
        self._entities = tuple(entities)
        for entity in self._entities:
            for name in (*entity.names, entity.id):
                key = normalize(name)
                if not key:
                    continue
                slot = position.get(key)
                if slot is None:
                    position[key] = slot = len(owners)
                    owners.append([])
                names = owners[slot]
                if not any(owner is entity for owner, _ in names):
                    names.append((entity, name))
            for code in entity.codes:
                codes.setdefault(normalize(code), []).append((entity, code))
        self._position = position
        self._keys = tuple(position)
        self._owners = tuple(tuple(names) for names in owners)
        self._codes = {code: tuple(found) for code, found in codes.items()}
        self._sorted = sorted(position.items())
        # The rest of a name from each of its later words on: bisection finds the names with a word starting so.
        self._word_starts = sorted((key[start:], slot) for key, slot in position.items() for start in word_starts(key))
        postings: dict[str, list[int]] = {}
        for key, slot in position.items():
            for gram in trigrams(key):
                postings.setdefault(gram, []).append(slot)
        self._postings = postings
        self._descriptions: tuple[tuple[Entity, str], ...] | None = None

    def _fuzzy_candidates(self, query: _Query) -> list[int]:
        lists = sorted((self._postings[g] for g in query.grams if g in self._postings), key=len)
        counts: Counter[int] = Counter()
        counted = 0
        for number, postings in enumerate(lists):
            if number >= 2 and counted + len(postings) > _POSTINGS_BUDGET:
                break
            counts.update(postings)
            counted += len(postings)
        return [slot for slot, _ in counts.most_common(_CANDIDATES)]

    @staticmethod
    def _starting(ordered: list[tuple[str, int]], text: str) -> Iterable[tuple[str, int]]:
        start = bisect.bisect_left(ordered, (text,))
        for key, slot in ordered[start:]:
            if not key.startswith(text):
                break
            yield key, slot

    def _scored(self, text: str, *, descriptions: bool) -> Iterable[tuple[float, MatchTier, Entity, str]]:
        """Every match of every tier, unsorted; an entity may come several times."""
        query = _Query(text)
        exact = self._position.get(text)
        if exact is not None:
            for entity, name in self._owners[exact]:
                yield 1.0, "exact", entity, name
        for entity, code in self._codes.get(text, ()):
            yield _CODE_SCORE, "code", entity, code
        for key, slot in self._starting(self._sorted, text):
            if key != text:
                score = _prefix_score(text, key)
                yield from ((score, "prefix", e, n) for e, n in self._owners[slot] if not _is_id(e, n))
        for _, slot in self._starting(self._word_starts, text):
            score = _word_score(text, self._keys[slot])
            yield from ((score, "word", e, n) for e, n in self._owners[slot] if not _is_id(e, n))
        for slot in self._fuzzy_candidates(query):
            score = query.fuzzy_score(self._keys[slot])
            if score:
                yield from ((score, "fuzzy", e, n) for e, n in self._owners[slot])
        if descriptions:
            for entity, description in self._normalised_descriptions():
                score = _description_score(text, description)
                if score:
                    yield score, "description", entity, entity.name

    def _normalised_descriptions(self) -> tuple[tuple[Entity, str], ...]:
        if self._descriptions is None:
            self._descriptions = tuple((entity, normalize(entity.description)) for entity in self._entities)
        return self._descriptions

    def search(
        self,
        text: str,
        *,
        limit: int,
        kinds: frozenset[Kind] | None = None,
        descriptions: bool = False,
    ) -> tuple[Match, ...]:
        """The best *limit* matches for *text*, best first, ranked as the module says."""
        query = normalize(text)
        if not query:
            return ()
        best: dict[str, tuple[float, MatchTier, Entity, str]] = {}
        for score, tier, entity, name in self._scored(query, descriptions=descriptions):
            if kinds is not None and entity.kind not in kinds:
                continue
            seen = best.get(entity.id)
            if seen is None or (-score, normalize(name)) < (-seen[0], normalize(seen[3])):
                best[entity.id] = (score, tier, entity, name)
        top = heapq.nsmallest(
            limit,
            best.values(),
            key=lambda found: (-found[0], KIND_RANK[found[2].kind], normalize(found[3]), found[2].id),
        )
        return tuple(Match(entity, score, name, tier) for score, tier, entity, name in top)
