"""A cited, versioned knowledge graph of the EU's international cooperation on the Internet of Things.

>>> import eu_iot_coop as eic
>>> ds = eic.load()
"""

from __future__ import annotations

from . import exceptions as exceptions
from ._version import DATA_VERSION as DATA_VERSION
from ._version import __version__ as __version__
from .exceptions import AmbiguousNameError as AmbiguousNameError
from .exceptions import DataError as DataError
from .exceptions import EuIotCoopError as EuIotCoopError
from .exceptions import NotFoundError as NotFoundError
from .exceptions import QueryError as QueryError
from .exceptions import RetiredIdWarning as RetiredIdWarning

# Not typing.TYPE_CHECKING: importing typing alone would cost about as much as the rest of this module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    # The names of _LAZY_NAMES again, for type checkers (tests/test_public_surface.py checks that they agree).
    from typing import Any

    from ._api import diff as diff
    from ._api import find as find
    from ._api import get as get
    from ._api import load as load
    from ._api import search as search
    from ._citation import citation as citation
    from ._model import PREDICATES as PREDICATES
    from ._model import SCHEMES as SCHEMES
    from ._model import SCHEMES_BY_NAME as SCHEMES_BY_NAME
    from ._model import Agreement as Agreement
    from ._model import AgreementType as AgreementType
    from ._model import Citation as Citation
    from ._model import Document as Document
    from ._model import DocumentType as DocumentType
    from ._model import Entity as Entity
    from ._model import Event as Event
    from ._model import EventType as EventType
    from ._model import Figure as Figure
    from ._model import Identifier as Identifier
    from ._model import Kind as Kind
    from ._model import LanguageName as LanguageName
    from ._model import Organisation as Organisation
    from ._model import OrganisationCategory as OrganisationCategory
    from ._model import PartialDate as PartialDate
    from ._model import Person as Person
    from ._model import Place as Place
    from ._model import PlaceType as PlaceType
    from ._model import Predicate as Predicate
    from ._model import Programme as Programme
    from ._model import ProgrammeType as ProgrammeType
    from ._model import Project as Project
    from ._model import Qualifier as Qualifier
    from ._model import Records as Records
    from ._model import Redirect as Redirect
    from ._model import Relation as Relation
    from ._model import Scheme as Scheme
    from ._model import Source as Source
    from ._model import Standard as Standard
    from ._model import Topic as Topic
    from ._model import TopicType as TopicType
    from ._model import Variant as Variant
    from ._model import When as When
    from ._query import ActorEdge as ActorEdge
    from ._query import ActorNetwork as ActorNetwork
    from ._query import Coverage as Coverage
    from ._query import Dataset as Dataset
    from ._query import DatasetDiff as DatasetDiff
    from ._query import Disagreement as Disagreement
    from ._query import EntityView as EntityView
    from ._query import EUSide as EUSide
    from ._query import Gap as Gap
    from ._query import Manifest as Manifest
    from ._query import Match as Match
    from ._query import Neighbour as Neighbour
    from ._query import Provenance as Provenance
    from ._query import Related as Related
    from ._query import SharedRecord as SharedRecord
    from ._query import Side as Side
    from ._query import Step as Step
    from ._query import TimelineEntry as TimelineEntry
    from ._query import TimelineRow as TimelineRow

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
        "Standard Topic TopicType Variant When "
        "SCHEMES SCHEMES_BY_NAME Identifier LanguageName Scheme"
    ),
    "_query": (
        "Coverage Dataset DatasetDiff Disagreement EUSide EntityView Gap Manifest Match Neighbour Provenance Related "
        "Side Step "
        "TimelineEntry TimelineRow "
        "ActorEdge ActorNetwork SharedRecord"
    ),
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
