"""Shared test configuration: Hypothesis profiles, the test tiers, and the fixtures many test modules use.

Profiles (``HYPOTHESIS_PROFILE`` chooses one):

- ``fast``, the default: ten examples per property, for the README's test command between edits;
- ``dev``: twenty-five examples, for a closer look at one area;
- ``ci``: Hypothesis's own ``ci`` profile (a hundred examples, derandomised), for the full run in CI.

A property that needs more or fewer examples than its neighbours asks for a multiple of the profile's
count (:func:`tests.profiles.examples`), never an absolute number, so every profile scales it.

Tiers are pytest markers: ``slow`` (cross-process and whole-bundle checks, the attack harness, the
heaviest properties) and ``browser`` (headless Chromium on the built documentation). The README's test
command runs neither; ``python -m pytest -m ""`` runs everything (see CONTRIBUTING in the docs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import eu_iot_coop

from .engine_support import OverlayWriter, write_overlay_file

settings.register_profile("fast", max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "fast")


@pytest.fixture(scope="session")
def bundled() -> eu_iot_coop.Dataset:
    """The bundled dataset, loaded once for the whole run (it is immutable, so tests share it)."""
    return eu_iot_coop.load()


@pytest.fixture
def write_overlay(tmp_path: Path) -> OverlayWriter:
    """Write an overlay data file of one kind into a folder (by default ``tmp_path / "overlay"``) and return it.

    ``write_overlay(records, kind="organisation", folder=None)``: the file is named after the kind's plural,
    as a data author would name it.
    """

    def write(records: list[dict[str, object]], kind: str = "organisation", folder: Path | None = None) -> Path:
        return write_overlay_file(folder if folder is not None else tmp_path / "overlay", records, kind)

    return write


# Ordinary use in stages, in one fresh interpreter: what each stage has imported so far, then the versions.
_STAGES = """
import contextlib, io, json, pathlib, sys, tempfile
stages = {}
import eu_iot_coop
stages["import"] = sorted(sys.modules)
from eu_iot_coop.__main__ import main
assert eu_iot_coop.load().find("AIOTI").id == "aioti"
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["show", "AIOTI"]) == 0
stages["load and show"] = sorted(sys.modules)
from eu_iot_coop import export
with tempfile.TemporaryDirectory() as folder:
    for name in export.FORMATS:
        getattr(export, "to_" + name)(eu_iot_coop.load(), pathlib.Path(folder) / name)
stages["export"] = sorted(sys.modules)
stages["versions"] = [eu_iot_coop.DATA_VERSION, eu_iot_coop.__version__]
print(json.dumps(stages))
"""


@pytest.fixture(scope="session")
def imported_after() -> dict[str, frozenset[str]]:
    """The modules a fresh interpreter holds after each stage of ordinary use: ``import``, ``load and show``
    (``load()``, ``find``, the CLI's ``show``), ``export`` (every format of the bundled data); and ``versions``,
    the data and package versions it saw. One process serves every "does not import X" check.
    """
    result = subprocess.run([sys.executable, "-c", _STAGES], capture_output=True, text=True, check=True)
    return {stage: frozenset(modules) for stage, modules in json.loads(result.stdout).items()}
