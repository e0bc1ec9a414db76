"""Where entities go: a seeded force-directed layout, and pushing apart entities that sit too close.

Pure Python on purpose: a small seeded force-directed layout (Fruchterman-Reingold with a pull
towards the centre) instead of a graph drawing library, so drawing needs nothing beyond the
standard library and the same dataset always gives the same positions (inputs sorted, the random
generator seeded, coordinates rounded to one decimal).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

import attrs

#: A rectangle: left, top, right, bottom.
Box = tuple[float, float, float, float]


@attrs.frozen
class Layout:
    """Positions of entities in a ``width`` by ``height`` box, by id."""

    width: float
    height: float
    positions: dict[str, tuple[float, float]]


def layout(
    ids: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    width: float = 1200.0,
    height: float = 900.0,
    margin: float = 60.0,
    iterations: int = 200,
    seed: int = 2012,
) -> Layout:
    """A seeded force-directed layout: the same input always gives the same positions."""
    order = sorted(ids)
    rng = random.Random(seed)
    pos = {node: [rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0)] for node in order}
    pairs = sorted({(a, b) if a < b else (b, a) for a, b in edges if a != b and a in pos and b in pos})
    k = math.sqrt(4.0 / max(len(order), 1))
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        shift = {node: [0.0, 0.0] for node in order}
        _repel(order, pos, shift, k)
        _attract(pairs, pos, shift, k)
        _move(order, pos, shift, k, temperature)
        temperature -= cooling
    return Layout(width, height, _fit(pos, width, height, margin))


def _repel(order: list[str], pos: dict[str, list[float]], shift: dict[str, list[float]], k: float) -> None:
    for i, a in enumerate(order):
        ax, ay = pos[a]
        for b in order[i + 1 :]:
            dx, dy = ax - pos[b][0], ay - pos[b][1]
            distance = math.hypot(dx, dy) or 1e-6
            force = k * k / distance
            fx, fy = dx / distance * force, dy / distance * force
            shift[a][0] += fx
            shift[a][1] += fy
            shift[b][0] -= fx
            shift[b][1] -= fy


def _attract(
    pairs: list[tuple[str, str]], pos: dict[str, list[float]], shift: dict[str, list[float]], k: float
) -> None:
    for a, b in pairs:
        dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
        distance = math.hypot(dx, dy) or 1e-6
        force = distance * distance / k
        fx, fy = dx / distance * force, dy / distance * force
        shift[a][0] -= fx
        shift[a][1] -= fy
        shift[b][0] += fx
        shift[b][1] += fy


def _move(
    order: list[str], pos: dict[str, list[float]], shift: dict[str, list[float]], k: float, temperature: float
) -> None:
    for node in order:
        # Gravity keeps entities without relations from drifting off the page.
        shift[node][0] -= pos[node][0] * k * 0.5
        shift[node][1] -= pos[node][1] * k * 0.5
        length = math.hypot(*shift[node]) or 1e-6
        step = min(length, temperature)
        pos[node][0] += shift[node][0] / length * step
        pos[node][1] += shift[node][1] / length * step


def _fit(pos: dict[str, list[float]], width: float, height: float, margin: float) -> dict[str, tuple[float, float]]:
    if not pos:
        return {}
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    # Labels are written to the right of each dot: leave them room.
    scale_x = (width - 2 * margin - 140.0) / span_x
    scale_y = (height - 2 * margin) / span_y
    return {
        node: (
            round(margin + (x - min(xs)) * scale_x, 1),
            round(margin + (y - min(ys)) * scale_y, 1),
        )
        for node, (x, y) in pos.items()
    }


def separate(
    positions: dict[str, tuple[float, float]], box: Box, minimum: float, rounds: int = 120
) -> dict[str, tuple[float, float]]:
    """Push apart entities closer than *minimum*, keeping them inside *box* (x0, y0, x1, y1)."""
    order = sorted(positions)
    pos = {node: list(positions[node]) for node in order}
    x0, y0, x1, y1 = box
    for _ in range(rounds):
        moved = _push_apart(order, pos, minimum)
        for node in order:
            pos[node][0] = min(max(pos[node][0], x0), x1)
            pos[node][1] = min(max(pos[node][1], y0), y1)
        if not moved:
            break
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in pos.items()}


def _push_apart(order: list[str], pos: dict[str, list[float]], minimum: float) -> bool:
    """One round of pushing every pair closer than *minimum* apart; whether any pair was."""
    moved = False
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
            distance = math.hypot(dx, dy)
            if distance >= minimum:
                continue
            moved = True
            if distance < 1e-6:
                # Same spot: separate along a direction fixed by the names, not by chance.
                angle = (sum(map(ord, a + b)) % 360) * math.pi / 180
                dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
            push = (minimum - distance) / 2 + 0.5
            ux, uy = dx / distance, dy / distance
            pos[a][0] -= ux * push
            pos[a][1] -= uy * push
            pos[b][0] += ux * push
            pos[b][1] += uy * push
    return moved
