"""Write the release note of the bundled data: what changed since an earlier release.

Run from a source checkout, with the data directory of the earlier release (for example
``git archive`` of its tag, or ``git show`` of each file) as the argument::

    python -m eu_iot_coop._maintenance.release_note OLD_DATA_DIR

It compares the earlier data with the bundled data through :func:`eu_iot_coop.diff` and writes
``docs/release-notes/<DATA_VERSION>.md``: counts per kind before and after, sources added, records
added by kind and relations by predicate, records removed, records changed field by field, and
the ids retired with their redirects.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from eu_iot_coop._api import diff, load
from eu_iot_coop._model import RECORD_TYPES, Record, Redirect, Relation, Source, identity, label
from eu_iot_coop._query import Dataset, DatasetDiff
from eu_iot_coop._version import DATA_VERSION
from eu_iot_coop._write import write_text

COMMAND = "python -m eu_iot_coop._maintenance.release_note"


def _old_version(folder: Path) -> str:
    manifest = folder / "manifest.json"
    if manifest.is_file():
        return str(json.loads(manifest.read_text(encoding="utf-8")).get("data_version") or "unknown")
    return "unknown"


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _by(records: Iterable[Record], key: str) -> collections.Counter[str]:
    return collections.Counter(
        r.predicate if key == "predicate" and isinstance(r, Relation) else label(r) for r in records
    )


def render(old: Dataset, new: Dataset, changes: DatasetDiff, *, old_version: str) -> str:
    """The release note as Markdown."""
    before, after = old.records.counts(), new.records.counts()
    lines = [
        f"# Data release {new.data_version}",
        "",
        f"What changed from data version {old_version} (fingerprint `{old.fingerprint[:12]}`) to",
        f"{new.data_version} (fingerprint `{new.fingerprint[:12]}`), written by `{COMMAND}` from",
        "`eu_iot_coop.diff` of the two. Records are matched by id; relations by",
        "`subject:predicate:object`.",
        "",
        "## Counts",
        "",
        *_table(
            ("records", "before", "after", "change"),
            (
                (kind, before.get(kind, 0), after[kind], f"{after[kind] - before.get(kind, 0):+d}")
                for kind in RECORD_TYPES
            ),
        ),
        "",
    ]
    added_sources = sorted((r for r in changes.added if isinstance(r, Source)), key=lambda s: s.id)
    lines += [f"## Sources added ({len(added_sources)})", ""]
    lines += [f"- `{s.id}`: {s.title} ({s.publisher})" for s in added_sources]
    lines += ["", "## Records added", ""]
    kinds = _by((r for r in changes.added if not isinstance(r, Relation | Source)), "kind")
    lines += _table(("kind", "added"), sorted(kinds.items()))
    predicates = _by((r for r in changes.added if isinstance(r, Relation)), "predicate")
    lines += ["", "Relations added, by predicate:", ""]
    lines += _table(("predicate", "added"), sorted(predicates.items()))
    lines += ["", f"## Records removed ({len(changes.removed)})", ""]
    lines += [f"- {label(r)} `{identity(r)}`" for r in sorted(changes.removed, key=lambda r: (label(r), identity(r)))]
    lines += ["", f"## Records changed ({len(changes.changed)})", ""]
    lines += [
        f"- {change.record_type} `{change.id}`: {', '.join(field.field for field in change.fields)}"
        for change in sorted(changes.changed, key=lambda c: (c.record_type, c.id))
    ]
    redirects = sorted((r for r in changes.added if isinstance(r, Redirect)), key=lambda r: r.id)
    lines += ["", f"## Retired ids ({len(redirects)})", "", "Each still works: `get()` follows it, with a warning.", ""]
    lines += _table(
        ("retired id", "replaced by", "why"), ((f"`{r.id}`", f"`{r.replaced_by}`", r.reason) for r in redirects)
    )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the release note of the bundled data against OLD_DATA_DIR; the exit code."""
    parser = argparse.ArgumentParser(prog=COMMAND, description="Write docs/release-notes/<DATA_VERSION>.md.")
    parser.add_argument("old", type=Path, metavar="OLD_DATA_DIR", help="the data directory of the earlier release")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="docs directory (default: ./docs)")
    args = parser.parse_args(argv)
    old, new = Dataset.from_files(args.old), load()
    text = render(old, new, diff(old, new), old_version=_old_version(args.old))
    target = args.docs / "release-notes" / f"{DATA_VERSION}.md"
    write_text(target, text)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
