"""The data describes the source pages in its own words.

``tests/data/source_shingles.txt`` holds truncated SHA-256 hashes of every run of
eight consecutive words in the four source pages (the pages themselves are not
part of the project). A description or note that shares such a run with a page
copies it. Quoted spans are exempt: they carry names, titles and addresses over
exactly, as they should.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import eu_iot_coop as eic

RUN = 8
_WORD = re.compile(r"[a-z0-9]+")
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|'[^']*'(?!\w)")


def _hash(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]


def _copied_runs(text: str, source_hashes: frozenset[str]) -> list[str]:
    words = _WORD.findall(_QUOTED.sub(" ", text).lower())
    runs = (words[i : i + RUN] for i in range(len(words) - RUN + 1))
    return [" ".join(run) for run in runs if _hash(run) in source_hashes]


def _source_hashes() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "source_shingles.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


def test_shingle_file_is_not_empty() -> None:
    """The hash list covers the four pages (a few thousand runs), so the check below is not vacuous."""
    assert len(_source_hashes()) > 2000


def test_copied_run_is_detected() -> None:
    """A sentence fragment taken from a page is caught; the same words quoted are not."""
    fragment = "ITAC concluded one MOU for IoT cooperation with the Industrial Internet Consortium"
    hashes = _source_hashes()
    assert _copied_runs(fragment, hashes)
    assert not _copied_runs(f'"{fragment}"', hashes)


def test_descriptions_and_notes_are_own_words() -> None:
    """No description or note in the bundled data repeats eight consecutive words of a source page."""
    hashes = _source_hashes()
    ds = eic.load()
    records = [*ds.records.sources, *ds.records.entities, *ds.records.relations, *ds.records.figures]
    copied = {}
    for record in records:
        label = getattr(record, "id", None) or getattr(record, "key", "?")
        for field in ("description", "note"):
            runs = _copied_runs(getattr(record, field, "") or "", hashes)
            if runs:
                copied[f"{label}.{field}"] = runs[0]
    assert not copied, f"rewrite these in your own words (or quote an exact name/title): {copied}"
