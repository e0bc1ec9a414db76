"""Labels: what a drawing writes beside an entity, how wide that is, and where it fits.

Text is measured by an estimate (:data:`CHAR_WIDTH` of the font size per character), the same one
every drawing uses to keep its texts apart. :func:`place_labels` is a greedy placer that tries
eight positions around each entity and leaves a label out (its full name stays in the entity's
tooltip) rather than let it cover another label or an entity.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from eu_iot_coop._model import Entity, Kind

from ._layout import Box

#: The width of a character as a share of the font size, to estimate how wide a label is.
CHAR_WIDTH: Final = 0.62


def text_width(text: str, size: float) -> float:
    """An estimate of how wide *text* is at font size *size*."""
    return CHAR_WIDTH * size * len(text)


#: The longest label a drawing writes beside an entity.
LABEL_LIMIT: Final = 28
#: Words of agreements' names a label writes short, longest first (so that "Memorandum of" alone comes last).
_ABBREVIATIONS: Final = tuple(
    (words, short)
    for long, short in (
        ("Memorandum of Understanding", "MoU"),
        ("Memorandum of Cooperation", "MoC"),
        ("Letter of Intent", "LoI"),
        ("Joint Declaration", "JD"),
    )
    for words in (long, long[0] + long[1:].lower(), long.lower())
)
#: Where an agreement's name turns to its subject: a label may stop there.
_SUBJECT_CLAUSE: Final = re.compile(r" (?:for|on|in the field of|concerning) ")


def short_label(entity: Entity) -> str:
    """What a drawing writes next to an entity: its acronym; for an agreement, its name made short; else its name.

    An agreement's label tells the memoranda of one body apart: the usual forms written short
    (``MoU``, ``MoC``, ``LoI``, ``JD``), the subject clause dropped when the label is still long and
    what is left names the parties ("... for IoT Cooperation"), and the year it was signed or began
    appended, so that
    "ITAC-OpenFog Memorandum of Understanding for IoT Cooperation" reads "ITAC-OpenFog MoU, 2016".
    Whatever is still too long is cut at a word boundary to :data:`LABEL_LIMIT` characters.
    """
    if entity.acronym:
        return entity.acronym
    if entity.kind is Kind.AGREEMENT:
        return shorten(_agreement_label(entity), LABEL_LIMIT)
    return shorten(entity.name, LABEL_LIMIT)


def _agreement_label(entity: Entity) -> str:
    name = entity.name
    for long, short in _ABBREVIATIONS:
        name = name.replace(long, short)
    year = "" if entity.start is None else f", {entity.start.date.year}"
    parties = _SUBJECT_CLAUSE.split(name, maxsplit=1)[0]
    # The subject goes only where what is left names the parties ("ITAC-OpenFog MoU"), not a bare "MoC".
    if len(name) + len(year) > LABEL_LIMIT and "-" in parties and " " in parties:
        name = parties
    return name + year


def shorten(text: str, limit: int) -> str:
    """*text*, or as many of its words as fit in *limit* characters followed by an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-(\u2013") + "…"


@attrs.frozen
class LabelSpot:
    """Where a label was placed: its anchor point, ``text-anchor``, and the box its text covers."""

    x: float
    y: float
    anchor: str
    box: Box


def _overlaps(a: Box, b: Box, pad: float = 1.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _hits_circle(box: Box, cx: float, cy: float, r: float) -> bool:
    nearest_x = min(max(cx, box[0]), box[2])
    nearest_y = min(max(cy, box[1]), box[3])
    return math.hypot(cx - nearest_x, cy - nearest_y) < r + 1.0


def _crosses(box: Box, segment: Box) -> bool:
    """Whether the segment (x1, y1, x2, y2) passes through *box* (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _candidates(x: float, y: float, r: float, width: float, height: float) -> Iterable[LabelSpot]:
    """The eight spots around an entity at (x, y) of radius *r*, in order of preference."""
    gap = r + 4.0
    spots = (
        (x + gap, y + height * 0.35, "start"),
        (x - gap, y + height * 0.35, "end"),
        (x, y - gap - 2, "middle"),
        (x, y + gap + height * 0.8, "middle"),
        (x + gap * 0.7, y - gap * 0.7 - 1, "start"),
        (x + gap * 0.7, y + gap * 0.7 + height * 0.7, "start"),
        (x - gap * 0.7, y - gap * 0.7 - 1, "end"),
        (x - gap * 0.7, y + gap * 0.7 + height * 0.7, "end"),
    )
    for tx, ty, anchor in spots:
        left = tx if anchor == "start" else tx - width if anchor == "end" else tx - width / 2
        yield LabelSpot(tx, ty, anchor, (left, ty - height * 0.8, left + width, ty + height * 0.2))


def place_labels(
    labels: Sequence[tuple[str, str, float, float, float]],
    circles: Sequence[tuple[float, float, float]],
    bounds: Box,
    *,
    size: float,
    taken: Iterable[Box] = (),
    segments: Sequence[Box] = (),
) -> dict[str, LabelSpot]:
    """Greedy label placement: (id, text, x, y, radius) in priority order -> the spot of each label that fits.

    Each label, at font size *size*, tries eight spots around its entity; one that would cover a
    placed label, an entity or leave *bounds* is refused, and of the others the one crossed by the
    fewest *segments* (the relations' lines) wins, nearest first among equals. A label with no free
    spot is left out.
    """
    placed: dict[str, LabelSpot] = {}
    boxes = list(taken)
    for key, text, x, y, r in labels:
        best: tuple[int, LabelSpot] | None = None
        for spot in _candidates(x, y, r, text_width(text, size), size):
            box = spot.box
            if box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]:
                continue
            if any(_overlaps(box, other) for other in boxes):
                continue
            if any(_hits_circle(box, cx, cy, cr) for cx, cy, cr in circles):
                continue
            crossings = sum(1 for segment in segments if _crosses(box, segment))
            if best is None or crossings < best[0]:
                best = (crossings, spot)
            if crossings == 0:
                break
        if best is not None:
            placed[key] = best[1]
            boxes.append(best[1].box)
    return placed
