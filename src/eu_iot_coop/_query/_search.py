"""Typo-tolerant, ranked name search over a character-trigram inverted index.

A query is normalised, then candidates come from three places: the exact
name, names that start with the query (bisection over the sorted names) and
names sharing trigrams with it. Only the rarest trigrams are counted when
common ones would cost too much: a name one typo away still shares most of the
rare ones. The best few candidates are then scored exactly (trigram Dice,
bit-parallel edit distance, how much of the query the name contains, and
a prefix bonus).
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Iterable

from eu_iot_coop._model import Entity, Kind, bitmasks, distance, normalize

from ._results import Match

#: How many postings to count at most before skipping the commonest trigrams.
_POSTINGS_BUDGET = 20_000
#: How many candidates get an exact score.
_CANDIDATES = 24
#: Scores below this are noise, not matches.
_MIN_SCORE = 0.3


def trigrams(text: str) -> set[str]:
    """The character trigrams of each word of a normalised string, padded so that word starts and ends count.

    Per word, so that the same words in another order share every trigram.
    """
    grams: set[str] = set()
    for word in text.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


class _Query:
    __slots__ = ("grams", "masks", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.grams = trigrams(text)
        self.masks = bitmasks(text)

    def score(self, name: str) -> float:
        if name == self.text:
            return 1.0
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
        if name.startswith(self.text):
            similarity = max(similarity, 0.6 + 0.3 * coverage)
        # Only an exact name scores 1.0.
        return round(min(similarity, 0.99), 4)


class SearchIndex:
    """Every distinct normalised name and id, the entities each belongs to, and a trigram index."""

    __slots__ = ("_keys", "_owners", "_postings", "_sorted")

    def __init__(self, entities: Iterable[Entity]) -> None:
        position: dict[str, int] = {}
        owners: list[list[tuple[Entity, str]]] = []
        for entity in entities:
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
        self._keys = tuple(position)
        self._owners = tuple(tuple(names) for names in owners)
        self._sorted = sorted(position.items())
        postings: dict[str, list[int]] = {}
        for key, slot in position.items():
            for gram in trigrams(key):
                postings.setdefault(gram, []).append(slot)
        self._postings = postings

    def _candidates(self, query: _Query) -> set[int]:
        found: set[int] = set()
        start = bisect.bisect_left(self._sorted, (query.text,))
        for key, slot in self._sorted[start : start + _CANDIDATES]:
            if not key.startswith(query.text):
                break
            found.add(slot)
        lists = sorted((self._postings[g] for g in query.grams if g in self._postings), key=len)
        counts: Counter[int] = Counter()
        counted = 0
        for number, postings in enumerate(lists):
            if number >= 2 and counted + len(postings) > _POSTINGS_BUDGET:
                break
            counts.update(postings)
            counted += len(postings)
        found.update(slot for slot, _ in counts.most_common(_CANDIDATES))
        return found

    def search(self, text: str, *, limit: int, kinds: frozenset[Kind] | None = None) -> tuple[Match, ...]:
        """The best *limit* matches for *text*, best first; ties by matched name, then id."""
        query = _Query(normalize(text))
        if not query.text:
            return ()
        best: dict[str, tuple[float, str, Entity]] = {}
        for slot in self._candidates(query):
            score = query.score(self._keys[slot])
            if score < _MIN_SCORE:
                continue
            for entity, name in self._owners[slot]:
                if kinds is not None and entity.kind not in kinds:
                    continue
                seen = best.get(entity.id)
                if seen is None or (-score, name) < (-seen[0], seen[1]):
                    best[entity.id] = (score, name, entity)
        top = heapq.nsmallest(limit, best.items(), key=lambda item: (-item[1][0], normalize(item[1][1]), item[0]))
        return tuple(Match(entity, score, name) for _, (score, name, entity) in top)
