"""The library's exceptions and warnings.

Every error the library raises on purpose derives from :class:`EuIotCoopError`.
Problems found in data files derive from :class:`DataError` and say which file,
which record and which field is wrong, and what to do about it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING, which would import typing
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "AmbiguousNameError",
    "CitationError",
    "CycleError",
    "DanglingReferenceError",
    "DataError",
    "DataFileError",
    "DataWarning",
    "DateError",
    "DomainRangeError",
    "DuplicateIdError",
    "EuIotCoopError",
    "ExportError",
    "IntegrityError",
    "LifetimeWarning",
    "MissingDependencyError",
    "NotFoundError",
    "QueryError",
    "RetiredIdWarning",
    "SchemaError",
    "UnknownPredicateError",
    "VariantError",
    "WriteError",
]


class EuIotCoopError(Exception):
    """Base class of every error raised by ``eu_iot_coop``."""


class DataError(EuIotCoopError):
    """A data file, or the dataset built from data files, is not valid.

    Attributes name where the problem is, so tools can point at it:

    - ``file``: the data file (a path or a resource name), or ``None``;
    - ``record``: the id (or relation key) of the offending record, or ``None``;
    - ``field``: the field of that record, or ``None``;
    - ``problem``: what is wrong;
    - ``fix``: what to do about it;
    - ``problems``: every problem found in the same pass (this one first);
    - ``caused_by``: the data files that could not be read at all and probably
      explain this problem, a knock-on one (a reference to an id such a file may
      define); empty when none.
    """

    file: str | None
    record: str | None
    field: str | None
    problem: str
    fix: str
    problems: tuple[DataError, ...]
    caused_by: tuple[str, ...]

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
        fix: str = "",
        caused_by: Sequence[str] = (),
    ) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.problem = problem
        self.fix = fix
        self.problems = (self,)
        self.caused_by = tuple(caused_by)
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line: where, what, and how to fix it."""
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.record is not None:
            where.append(f"record {self.record!r}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        text = ", ".join(where)
        text = f"{text}: {self.problem}" if text else self.problem
        if self.caused_by:
            text += f" (probably because {', '.join(self.caused_by)} could not be read: fix that first)"
        if self.fix:
            text = f"{text} -- {self.fix}"
        return text

    def with_others(self, problems: Sequence[DataError]) -> DataError:
        """Attach every problem found in the same pass, this one first."""
        self.problems = (self, *(p for p in problems if p is not self))
        more = len(self.problems) - 1
        message = self.describe()
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''}; `eu-iot-coop validate` lists them all)"
        self.args = (message,)
        return self


class DataFileError(DataError):
    """A data file cannot be read, is not JSON, is too large or too deep, or has the wrong shape."""


class SchemaError(DataError):
    """A record has an unknown or missing field, or a field of the wrong type or value."""


class DateError(SchemaError):
    """A date is not an ISO 8601 year, year-month or full date, or a period ends before it starts."""


class IntegrityError(DataError):
    """Records are valid one by one, but the dataset does not hold together."""


class DuplicateIdError(IntegrityError):
    """Two records share an id, two relations subject, predicate and object, or a symmetric one is stated twice."""


class DanglingReferenceError(IntegrityError):
    """A relation, figure, redirect or variant points at an id that does not exist."""


class UnknownPredicateError(IntegrityError):
    """A relation uses a predicate outside the closed vocabulary."""


class DomainRangeError(IntegrityError):
    """A relation links kinds of entity its predicate does not allow."""


class CitationError(IntegrityError):
    """A record cites no source, or cites a source that does not exist."""


class CycleError(IntegrityError):
    """A relation relates an entity to itself, or relations of a hierarchical predicate (``part_of``) form a cycle."""


class VariantError(IntegrityError):
    """A variant names a field its record does not have, or a value invalid for that field or equal to the record's."""


class DataWarning(DataError):
    """A problem in the data worth a look that does not stop it loading: reported, never raised.

    It names file, record, field and fix as a :class:`DataError` does; ``eu-iot-coop validate``
    lists every one (``"warnings"`` in ``--json``) and still calls the data valid.
    """


class LifetimeWarning(DataWarning):
    """A relation is dated outside the lifetime of one of its ends (before it began, or after it ended)."""


class WriteError(EuIotCoopError):
    """A file cannot be written where it was asked to go (an export, a drawing, a formatted data file).

    ``path`` is the output path as given, ``problem`` what is wrong with it and
    ``fix`` what to do instead. Whatever went wrong, the file that was at
    ``path`` before is left as it was and no temporary file stays behind.
    """

    path: str
    problem: str
    fix: str

    def __init__(self, path: str, problem: str, fix: str) -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        super().__init__(f"{path}: {problem} -- {fix}")


class ExportError(WriteError):
    """An export cannot be written where it was asked to go (see :class:`WriteError` for its fields)."""


class MissingDependencyError(EuIotCoopError, ImportError):
    """A method needs an optional third-party package that is not installed.

    ``feature`` is what was called, ``module`` the missing package, ``extra`` the
    package extra that brings it and ``hint`` the command that installs it.
    """

    feature: str
    module: str
    extra: str
    hint: str

    def __init__(self, feature: str, module: str, extra: str, hint: str) -> None:
        self.feature = feature
        self.module = module
        self.extra = extra
        self.hint = hint
        super().__init__(f"{feature} needs {module}, which is not installed: {hint}")


class NotFoundError(EuIotCoopError, KeyError):
    """No entity (or predicate, or kind: see ``what``) has this id or name.

    ``query`` is what was asked for, ``what`` the sort of thing (``"entity"``,
    ``"predicate"``, ``"kind"``), ``suggestions`` the closest ids or names, best first.
    When *query* is a retired id whose redirects end at a record that is not an entity,
    ``replaced_by`` is that record's id and ``replaced_by_type`` its type (``"source"``, ``"figure"``).
    """

    query: str
    what: str
    suggestions: tuple[str, ...]
    replaced_by: str | None
    replaced_by_type: str | None

    def __init__(
        self,
        query: str,
        suggestions: Sequence[str] = (),
        *,
        what: str = "entity",
        replaced_by: str | None = None,
        replaced_by_type: str | None = None,
    ) -> None:
        self.query = query
        self.what = what
        self.suggestions = tuple(suggestions)
        self.replaced_by = replaced_by
        self.replaced_by_type = replaced_by_type
        message = f"no {what} matches {query!r}"
        if replaced_by is not None:
            message += (
                f": it is a retired id, replaced by {replaced_by!r}, which is a {replaced_by_type or 'record'}, "
                f"not an {what}"
            )
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError would show the repr of the message, quotes and all.
        return str(self.args[0])


class QueryError(EuIotCoopError, TypeError, ValueError):
    """A query argument has the wrong type or an invalid value (a direction, depth, limit or date).

    It is a :class:`TypeError` and a :class:`ValueError` too, so code that
    catches either keeps working.
    """


class AmbiguousNameError(EuIotCoopError, LookupError):
    """A name, acronym, alias or code belongs to more than one entity.

    ``candidates`` holds the ids of every entity it names.
    """

    query: str
    candidates: tuple[str, ...]

    def __init__(self, query: str, candidates: Sequence[str]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        super().__init__(
            f"{query!r} names {len(self.candidates)} entities: "
            + ", ".join(self.candidates)
            + "; use one of these ids with get()"
        )


class RetiredIdWarning(UserWarning):
    """An id that was retired was used; the lookup followed its redirect."""
