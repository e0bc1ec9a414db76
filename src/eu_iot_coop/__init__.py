"""A cited, versioned knowledge graph of the EU's international cooperation on the Internet of Things.

>>> import eu_iot_coop as eic
>>> ds = eic.load()
"""

from __future__ import annotations

from . import exceptions
from ._version import DATA_VERSION, __version__
from .exceptions import AmbiguousNameError, DataError, EuIotCoopError, NotFoundError, QueryError, RetiredIdWarning

# Not typing.TYPE_CHECKING: importing typing alone would cost about as much as the rest of this module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._api import diff, find, get, load, search
    from ._citation import citation
    from ._model import (
        PREDICATES,
        Agreement,
        AgreementType,
        Citation,
        Document,
        DocumentType,
        Entity,
        Event,
        EventType,
        Figure,
        Kind,
        Organisation,
        OrganisationCategory,
        PartialDate,
        Person,
        Place,
        PlaceType,
        Predicate,
        Programme,
        ProgrammeType,
        Project,
        Qualifier,
        Records,
        Redirect,
        Relation,
        Source,
        Standard,
        Topic,
        TopicType,
        Variant,
        When,
    )
    from ._query import Dataset, DatasetDiff, Manifest, Match, Neighbour, Provenance, Step, TimelineEntry, TimelineRow

__all__ = [
    "DATA_VERSION",
    "PREDICATES",
    "Agreement",
    "AgreementType",
    "AmbiguousNameError",
    "Citation",
    "DataError",
    "Dataset",
    "DatasetDiff",
    "Document",
    "DocumentType",
    "Entity",
    "EuIotCoopError",
    "Event",
    "EventType",
    "Figure",
    "Kind",
    "Manifest",
    "Match",
    "Neighbour",
    "NotFoundError",
    "Organisation",
    "OrganisationCategory",
    "PartialDate",
    "Person",
    "Place",
    "PlaceType",
    "Predicate",
    "Programme",
    "ProgrammeType",
    "Project",
    "Provenance",
    "Qualifier",
    "QueryError",
    "Records",
    "Redirect",
    "Relation",
    "RetiredIdWarning",
    "Source",
    "Standard",
    "Step",
    "TimelineEntry",
    "TimelineRow",
    "Topic",
    "TopicType",
    "Variant",
    "When",
    "__version__",
    "citation",
    "diff",
    "exceptions",
    "find",
    "get",
    "load",
    "search",
]

# The functions of _api, record classes, the Dataset and the vocabulary are imported on first
# use, so that ``import eu_iot_coop`` costs next to nothing (neither attrs nor typing is imported).
_LAZY: dict[str, str] = {
    "citation": "_citation",
    "diff": "_api",
    "find": "_api",
    "get": "_api",
    "load": "_api",
    "search": "_api",
    "Agreement": "_model",
    "AgreementType": "_model",
    "Citation": "_model",
    "Dataset": "_query",
    "DatasetDiff": "_query",
    "Document": "_model",
    "DocumentType": "_model",
    "Entity": "_model",
    "Event": "_model",
    "EventType": "_model",
    "Figure": "_model",
    "Kind": "_model",
    "Manifest": "_query",
    "Match": "_query",
    "Neighbour": "_query",
    "Organisation": "_model",
    "OrganisationCategory": "_model",
    "PREDICATES": "_model",
    "PartialDate": "_model",
    "Person": "_model",
    "Place": "_model",
    "PlaceType": "_model",
    "Predicate": "_model",
    "Programme": "_model",
    "Provenance": "_query",
    "ProgrammeType": "_model",
    "Project": "_model",
    "Qualifier": "_model",
    "Records": "_model",
    "Redirect": "_model",
    "Relation": "_model",
    "Source": "_model",
    "Standard": "_model",
    "Step": "_query",
    "TimelineEntry": "_query",
    "TimelineRow": "_query",
    "Topic": "_model",
    "TopicType": "_model",
    "Variant": "_model",
    "When": "_model",
}


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
