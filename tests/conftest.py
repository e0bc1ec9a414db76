"""Shared test configuration: Hypothesis profiles.

Under CI (the ``CI`` environment variable is set) Hypothesis's built-in ``ci``
profile runs; elsewhere the fast ``dev`` profile does. ``HYPOTHESIS_PROFILE``
overrides both.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
