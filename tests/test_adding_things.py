"""Adding a predicate or a kind the way docs/architecture.md says, and nothing more, is enough for every consumer.

A scratch copy of the package gets a new kind (``widget``: a ``Kind`` member and a class in
``_model/_records.py``, an entry in ``_model/_kinds.py``) and a new predicate (``installed_in``: an
entry in ``_model/_vocabulary.py``), edited exactly as the recipes say. A subprocess then reads data
files using both, and draws, searches, exports in every format, renders the catalogue, the schema and
the data dictionary from that copy. It fails if any consumer keeps its own list of kinds or predicates
(a colour, a search rank, a drawing group, a plural, a file name, an RDF type) instead of reading the
tables.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import eu_iot_coop

PACKAGE = Path(eu_iot_coop.__file__).parent

#: The files the recipes name, and what each gets: (text to find, text to put in its place).
EDITS: dict[str, list[tuple[str, str]]] = {
    "_model/_records.py": [
        ('    TOPIC = "topic"\n', '    TOPIC = "topic"\n    WIDGET = "widget"\n'),
        (
            "\n\n@attrs.frozen(kw_only=True)\nclass Relation:",
            '''

@attrs.frozen(kw_only=True, repr=False)
class Widget(Entity):
    """A device built under a cooperation."""

    built: When | None = attrs.field(default=None, metadata=described("When the widget was first built."))

    kind: ClassVar[Kind] = Kind.WIDGET
    period_fields: ClassVar[tuple[str | None, str | None]] = ("built", None)


@attrs.frozen(kw_only=True)
class Relation:''',
        ),
    ],
    "_model/_kinds.py": [
        ("    Variant,\n)", "    Variant,\n    Widget,\n)"),
        (
            '    _entity(Topic, "topics", "#bab0ac", 1),\n',
            '    _entity(Topic, "topics", "#bab0ac", 1),\n'
            '    _entity(Widget, "widgets", "#17becf", 1, "foaf:Thing"),\n',
        ),
    ],
    "_model/_vocabulary.py": [
        (
            "\n)\n\n#: Forward predicates by name.",
            """
    Predicate(
        "installed_in",
        "site_of_widget",
        frozenset({Kind.WIDGET}),
        _PLACE,
        "A widget is installed in a place.",
        group=PLACES,
        spatial=frozenset({SpatialRole.PLACES}),
    ),
)

#: Forward predicates by name.""",
        ),
    ],
}

CITES = [{"source": "src", "locator": "p. 1"}]
DATA = {
    "sources.json": {
        "kind": "source",
        "records": [
            {"id": "src", "title": "A page", "publisher": "P", "url": "https://example.org/", "retrieved": "2024"}
        ],
    },
    "places.json": {
        "kind": "place",
        "records": [
            {
                "id": "ruritania",
                "name": "Ruritania",
                "description": "A country.",
                "citations": CITES,
                "place_type": "country",
            }
        ],
    },
    "widgets.json": {
        "kind": "widget",
        "records": [
            {"id": "gizmo", "name": "Gizmo Mark II", "description": "A widget.", "citations": CITES, "built": "2019-05"}
        ],
    },
    "relations.json": {
        "kind": "relation",
        "records": [{"subject": "gizmo", "predicate": "installed_in", "object": "ruritania", "citations": CITES}],
    },
}

#: What the subprocess does with the scratch package: every consumer, each asked about the new kind and predicate.
SCRIPT = """
import sys
from pathlib import Path

root = Path(sys.argv[1])
sys.path.insert(0, str(root / "site"))
import eu_iot_coop
assert Path(eu_iot_coop.__file__).is_relative_to(root), eu_iot_coop.__file__
from eu_iot_coop import Dataset, Kind, export
from eu_iot_coop._draw import focus_svg, overview_svg, timeline_svg
from eu_iot_coop._maintenance import catalogue, docgen, schema

ds = Dataset.from_files(root / "data")
gizmo = ds.get("gizmo")
assert gizmo.kind is Kind("widget"), gizmo

# Drawings: the kind's colour and legend entry, the predicate's group and legend line.
focus = focus_svg(ds, around="gizmo")
assert "#17becf" in focus and ">widget<" in focus and ">installed in<" in focus and ">places<" in focus, focus
for svg in (timeline_svg(ds), timeline_svg(ds, lanes="kind"), overview_svg(ds)):
    assert svg.startswith("<svg") or svg.startswith("<?xml"), svg[:80]
assert "#17becf" in timeline_svg(ds, lanes="kind")

# Queries: search ranks the kind, the region rules follow the predicate's spatial role, the timeline dates it.
assert ds.search("Gizmo")[0].entity.id == "gizmo"
assert [e.id for e in ds.entities(region="ruritania", kind="widget")] == ["gizmo"]
sites = ds.relations(predicate="site_of_widget", subject="ruritania")
assert [r.key for r in sites] == ["gizmo:installed_in:ruritania"]
assert any(row.records[0] == "gizmo" for row in ds.timeline_rows())

# Every export format.
out = root / "out"
for name in export.FORMATS:
    writer = getattr(export, "to_" + name)
    writer(ds, out / name)
turtle = (out / "turtle").read_text(encoding="utf-8")
assert "eic:Widget" in turtle and "foaf:Thing" in turtle and "eic:installed_in" in turtle, turtle
assert "gizmo" in (out / "csv" / "entities.csv").read_text(encoding="utf-8")

# The catalogue, the schema and the data dictionary.
pages = catalogue.render(ds)
kind_page = pages[catalogue.kind_page(Kind("widget"))]
assert kind_page.startswith("# Widgets") and "When the widget was first built." in kind_page, kind_page
assert "installed in" in pages[catalogue.entity_page("gizmo")]
generated = schema.generate()
assert "widget" in generated["properties"]["kind"]["enum"]
assert generated["$defs"]["Widget"]["properties"]["built"]["description"] == "When the widget was first built."
dictionary = docgen.render_data_dictionary(ds)
assert "### widget" in dictionary and "file `widgets.json`" in dictionary and "| `installed_in` |" in dictionary
print("ok")
"""


def test_a_new_kind_and_predicate_need_only_their_entries(tmp_path: Path) -> None:
    """Edited as the recipes say, the scratch package draws, searches, exports, catalogues and describes both."""
    scratch = tmp_path / "site" / "eu_iot_coop"
    shutil.copytree(PACKAGE, scratch, ignore=shutil.ignore_patterns("__pycache__", "records.marshal"))
    for name, edits in EDITS.items():
        path = scratch / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert text.count(old) == 1, f"the recipe's anchor moved in {name}: {old!r}"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    changed = {
        str(path.relative_to(scratch))
        for path in scratch.rglob("*.py")
        if path.read_bytes() != (PACKAGE / path.relative_to(scratch)).read_bytes()
    }
    assert changed == set(EDITS)
    data = tmp_path / "data"
    data.mkdir()
    for name, document in DATA.items():
        (data / name).write_text(json.dumps(document), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stdout.strip() == "ok"
