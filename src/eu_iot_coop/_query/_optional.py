"""Optional third-party packages: importing one on demand, or saying how to install it."""

from __future__ import annotations

import importlib
from types import ModuleType

from eu_iot_coop.exceptions import MissingDependencyError


def install_hint(requirement: str, extra: str) -> str:
    """Commands that install *requirement*, working as written: the package is installed from its source."""
    return (
        f"python -m pip install '{requirement}' "
        f"(or, from a checkout of eu_iot_coop, python -m pip install '.[{extra}]')"
    )


def optional_module(module: str, *, feature: str, requirement: str, extra: str) -> ModuleType:
    """Import *module*, or raise :class:`MissingDependencyError` saying what *feature* needs and how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        hint = install_hint(requirement, extra)
        raise MissingDependencyError(feature, module, extra, hint) from None
