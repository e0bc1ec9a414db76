"""Example counts relative to the loaded Hypothesis profile (see ``conftest.py``)."""

from __future__ import annotations

from typing import Any

from hypothesis import settings


def examples(factor: float, **overrides: Any) -> settings:
    """Settings for a property that runs *factor* times the profile's examples (at least one), with no deadline.

    ``@examples(0.5)`` on a property whose every example writes files; ``@examples(2)`` on a cheap one that
    explores a large space. The count follows the profile, so ``fast``, ``dev`` and ``ci`` all scale it.
    """
    count = max(1, round(settings.default.max_examples * factor))
    return settings(**{"max_examples": count, "deadline": None, **overrides})
