"""A cited, versioned knowledge graph of the EU's international cooperation on the Internet of Things.

>>> import eu_iot_coop as eic
>>> ds = eic.load()
"""

from __future__ import annotations

from . import exceptions
from ._api import diff, find, get, load, search
from ._dataset import Dataset
from ._dates import PartialDate
from ._model import (
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
    Person,
    Place,
    PlaceType,
    Programme,
    ProgrammeType,
    Project,
    Qualifier,
    Redirect,
    Relation,
    Source,
    Standard,
    Topic,
    TopicType,
    When,
)
from ._results import Match, Neighbour, Step, TimelineEntry
from ._version import DATA_VERSION, __version__
from ._vocabulary import PREDICATES, Predicate
from .exceptions import AmbiguousNameError, DataError, EuIotCoopError, NotFoundError

__all__ = [
    "DATA_VERSION",
    "PREDICATES",
    "Agreement",
    "AgreementType",
    "AmbiguousNameError",
    "Citation",
    "DataError",
    "Dataset",
    "Document",
    "DocumentType",
    "Entity",
    "EuIotCoopError",
    "Event",
    "EventType",
    "Figure",
    "Kind",
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
    "Qualifier",
    "Redirect",
    "Relation",
    "Source",
    "Standard",
    "Step",
    "TimelineEntry",
    "Topic",
    "TopicType",
    "When",
    "__version__",
    "diff",
    "exceptions",
    "find",
    "get",
    "load",
    "search",
]
