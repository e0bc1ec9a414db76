"""A cited, versioned knowledge graph of the EU's international cooperation on the Internet of Things.

>>> import eu_iot_coop as eic
>>> ds = eic.load()
"""

from __future__ import annotations

from . import exceptions as exceptions
from ._version import DATA_VERSION as DATA_VERSION, __version__ as __version__
from .exceptions import (
    AmbiguousNameError as AmbiguousNameError,
    DataError as DataError,
    EuIotCoopError as EuIotCoopError,
    NotFoundError as NotFoundError,
    QueryError as QueryError,
    RetiredIdWarning as RetiredIdWarning,
)

# Not typing.TYPE_CHECKING: importing typing alone would cost about as much as the rest of this module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    # The names of _LAZY_NAMES again, for type checkers (tests/test_public_surface.py checks that they agree).
    from typing import Any

    from ._api import (
        diff as diff,
        find as find,
        get as get,
        load as load,
        search as search,
    )
    from ._citation import (
        citation as citation,
    )
    from ._model import (
        PREDICATES as PREDICATES,
        Agreement as Agreement,
        AgreementType as AgreementType,
        Citation as Citation,
        Document as Document,
        DocumentType as DocumentType,
        Entity as Entity,
        Event as Event,
        EventType as EventType,
        Figure as Figure,
        Kind as Kind,
        Organisation as Organisation,
        OrganisationCategory as OrganisationCategory,
        PartialDate as PartialDate,
        Person as Person,
        Place as Place,
        PlaceType as PlaceType,
        Predicate as Predicate,
        Programme as Programme,
        ProgrammeType as ProgrammeType,
        Project as Project,
        Qualifier as Qualifier,
        Records as Records,
        Redirect as Redirect,
        Relation as Relation,
        Source as Source,
        Standard as Standard,
        Topic as Topic,
        TopicType as TopicType,
        Variant as Variant,
        When as When,
    )
    from ._query import (
        Dataset as Dataset,
        DatasetDiff as DatasetDiff,
        Manifest as Manifest,
        Match as Match,
        Neighbour as Neighbour,
        Provenance as Provenance,
        Step as Step,
        TimelineEntry as TimelineEntry,
        TimelineRow as TimelineRow,
    )

#: Every public name not imported above, by the module that defines it (names separated by spaces): the one list
#: that ``__all__`` and ``__getattr__`` are derived from. Each is imported on first use, so that
#: ``import eu_iot_coop`` costs next to nothing (neither attrs nor typing is imported).
_LAZY_NAMES: dict[str, str] = {
    "_api": "diff find get load search",
    "_citation": "citation",
    "_model": (
        "PREDICATES Agreement AgreementType Citation Document DocumentType Entity Event EventType "
        "Figure Kind Organisation OrganisationCategory PartialDate Person Place PlaceType "
        "Predicate Programme ProgrammeType Project Qualifier Records Redirect Relation Source "
        "Standard Topic TopicType Variant When"
    ),
    "_query": "Dataset DatasetDiff Manifest Match Neighbour Provenance Step TimelineEntry TimelineRow",
}
_LAZY: dict[str, str] = {name: module for module, names in _LAZY_NAMES.items() for name in names.split()}


def _listed(name: str) -> tuple[int, str]:
    # The order ruff's RUF022 keeps a literal __all__ in: CONSTANTS, then Classes, then everything else.
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


__all__ = sorted(
    (
        "DATA_VERSION",
        "__version__",
        "exceptions",
        "AmbiguousNameError",
        "DataError",
        "EuIotCoopError",
        "NotFoundError",
        "QueryError",
        "RetiredIdWarning",
        *_LAZY,
    ),
    key=_listed,
)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    # Only the public names: not the helpers this module imports (``importlib``, ``Any``, ...).
    return list(__all__)
