"""How to cite the data: BibTeX and CSL-JSON naming the package version, data version and fingerprint.

``CITATION.cff`` at the root of the repository says the same for the repository;
``tests/test_citation.py`` keeps its title, authors and version equal to the ones here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from . import _api
from ._version import __version__
from .exceptions import QueryError

if TYPE_CHECKING:
    from ._query import Dataset

TITLE: Final = (
    "eu_iot_coop: a cited, versioned knowledge graph of the EU's international cooperation on the Internet of Things"
)
AUTHOR: Final = "eu_iot_coop developers"
#: Every citation format, by the name ``citation()`` and ``eu-iot-coop cite --format`` take.
CITATION_FORMATS: Final = ("bibtex", "csl-json")

# BibTeX's special characters, each as LaTeX writes it literally.
_BIBTEX_ESCAPES: Final = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def citation(format: str = "bibtex", *, dataset: Dataset | None = None) -> str:
    """How to cite the data, as BibTeX (``"bibtex"``) or CSL-JSON (``"csl-json"``) text.

    The citation names the package version, the data version and the data's
    fingerprint; *dataset* defaults to the bundled data. For a dataset that is
    not a bundled release (loaded with overlays, or from your own files) it
    gives that data's fingerprint, no data version, and a note saying so.

    >>> import eu_iot_coop as eic
    >>> eic.citation().startswith("@misc{eu_iot_coop_" + eic.DATA_VERSION.replace(".", "_") + ",")
    True
    >>> import json
    >>> json.loads(eic.citation("csl-json"))[0]["version"] == eic.DATA_VERSION
    True
    """
    if format not in CITATION_FORMATS:
        raise QueryError(f"no citation format {format!r}; choose from {', '.join(CITATION_FORMATS)}")
    fields = _fields(_api.load() if dataset is None else dataset)
    return _bibtex(fields) if format == "bibtex" else _csl_json(fields)


def _fields(dataset: Dataset) -> dict[str, Any]:
    manifest = dataset.manifest()
    version = manifest.data_version
    if version is None:
        note = (
            "Not a release of the bundled data: the data was changed by overlays or read from other files."
            f" SHA-256 fingerprint of the data cited: {manifest.fingerprint}."
        )
    else:
        note = f"Data version {version}, SHA-256 fingerprint {manifest.fingerprint}."
    return {
        "key": "eu_iot_coop_" + (version.replace(".", "_") if version else "modified_data"),
        "version": version,
        "year": _year(version),
        "note": f"{note} Read with the eu_iot_coop Python package, version {__version__}.",
    }


def _year(data_version: str | None) -> int | None:
    # Data versions are calendar versions (2026.11.5): the first part is the year of the release.
    head = (data_version or "").split(".", 1)[0]
    return int(head) if len(head) == 4 and head.isdigit() else None


def _bibtex(fields: dict[str, Any]) -> str:
    entries = [
        ("title", "{" + bibtex_escape(TITLE) + "}"),  # doubled braces keep the capitals of EU, Internet of Things
        ("author", "{" + bibtex_escape(AUTHOR) + "}"),  # doubled: a group's name, not a first and a last name
        ("year", None if fields["year"] is None else str(fields["year"])),
        ("version", None if fields["version"] is None else bibtex_escape(fields["version"])),
        ("note", bibtex_escape(fields["note"])),
    ]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in entries if value is not None)
    return f"@misc{{{fields['key']},\n{body}}}\n"


def bibtex_escape(text: str) -> str:
    """*text* as a BibTeX field value shows it: every special character written literally."""
    return "".join(_BIBTEX_ESCAPES.get(character, character) for character in text)


def _csl_json(fields: dict[str, Any]) -> str:
    item: dict[str, Any] = {
        "id": fields["key"],
        "type": "dataset",
        "title": TITLE,
        "author": [{"literal": AUTHOR}],
    }
    if fields["version"] is not None:
        item["version"] = fields["version"]
    if fields["year"] is not None:
        item["issued"] = {"date-parts": [[fields["year"]]]}
    item["note"] = fields["note"]
    import json  # deliberately lazy: the CLI imports this module for every command, and only this one needs json

    return json.dumps([item], indent=2, ensure_ascii=False) + "\n"
