"""Benchmarks: load, lookup, search, traversal, memory and cold start, each beside a baseline.

Run ``python benchmarks/bench.py [--sizes 1000,10000,100000]``. Synthetic
datasets of the given numbers of entities, with about five relations each, are
written in the package's own data file format to a temporary directory, then
loaded through the public API. Every figure is printed next to a baseline
measured in the same run (``json.loads`` of the same bytes, a dict lookup,
networkx on the same graph, ``import json`` or ``import attrs, cattrs, json`` in a
process of its own, plain Hypothesis drawing records of similar size), with the ratio.
``--only strategies`` (or ``sizes``, ``cold-start``) runs one group of rows; ``--only load`` (never run
otherwise, being heavy) measures load time against ``json.loads`` with the collector paused in both, and the
peak memory of load, first search and exports against the loaded dataset's, at ``--load`` sizes
(20,000, 100,000 and 200,000 entities by default).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx

import eu_iot_coop as eic
import eu_iot_coop.export
from eu_iot_coop import Records
from eu_iot_coop._ingest import HIERARCHICAL, collector_paused
from eu_iot_coop._model import ENTITY_CLASSES, PREDICATES, Citation, Kind, Relation, Source, normalize

_FILES = {
    Kind.ORGANISATION: "organisations",
    Kind.PERSON: "people",
    Kind.PLACE: "places",
    Kind.AGREEMENT: "agreements",
    Kind.DOCUMENT: "documents",
    Kind.PROGRAMME: "programmes",
    Kind.PROJECT: "projects",
    Kind.STANDARD: "standards",
    Kind.EVENT: "events",
    Kind.TOPIC: "topics",
}
_REQUIRED: dict[Kind, dict[str, str]] = {
    Kind.ORGANISATION: {"category": "other"},
    Kind.PLACE: {"place_type": "city"},
    Kind.AGREEMENT: {"agreement_type": "other"},
    Kind.DOCUMENT: {"document_type": "other"},
    Kind.PROGRAMME: {"programme_type": "other"},
    Kind.EVENT: {"event_type": "other"},
    Kind.TOPIC: {"topic_type": "other"},
}
_COMMON = [
    "internet",
    "of",
    "things",
    "alliance",
    "european",
    "innovation",
    "platform",
    "smart",
    "city",
    "digital",
    "industry",
    "network",
    "council",
    "agency",
    "programme",
    "project",
    "research",
    "centre",
    "institute",
    "union",
    "partnership",
    "cooperation",
    "forum",
    "initiative",
    "strategy",
    "data",
    "security",
    "energy",
    "mobility",
    "health",
    "agriculture",
    "manufacturing",
    "cloud",
    "edge",
    "sensor",
    "standard",
]
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ner",
    "to",
    "ri",
    "sa",
    "vel",
    "dan",
    "or",
    "is",
    "tu",
    "pe",
    "gra",
    "mon",
    "lin",
    "zu",
    "fa",
    "ber",
    "cho",
    "est",
    "quin",
    "har",
    "op",
]


def _word(rng: random.Random) -> str:
    if rng.random() < 0.45:
        return rng.choice(_COMMON)
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def generate(size: int, seed: int = 1) -> dict[str, dict[str, Any]]:
    """Data files (name -> JSON document) for *size* entities and about five relations per entity."""
    rng = random.Random(seed)
    cite = [{"source": "src", "locator": "section 1"}]
    kinds = list(Kind)
    entities: list[dict[str, Any]] = []
    by_kind: dict[Kind, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for number in range(size):
        kind = kinds[number % len(kinds)] if number % 3 else Kind.ORGANISATION
        words = [_word(rng) for _ in range(rng.randint(2, 4))]
        name = " ".join(words).title()
        record: dict[str, Any] = {"id": f"{words[0]}-{number}", "name": name}
        if rng.random() < 0.5:
            record["acronym"] = "".join(w[0] for w in words).upper() + str(number % 97)
        if rng.random() < 0.3:
            record["aliases"] = [" ".join(reversed(words)).title()]
        record |= {"description": "A synthetic entity.", "citations": cite, **_REQUIRED.get(kind, {})}
        entities.append(record)
        by_kind[kind].append(record)
    allowed = {(s, o): [p.name for p in PREDICATES if s in p.domain and o in p.range] for s in kinds for o in kinds}
    kind_of = {
        record["id"]: kinds[number % len(kinds)] if number % 3 else Kind.ORGANISATION
        for number, record in enumerate(entities)
    }
    position = {record["id"]: number for number, record in enumerate(entities)}
    symmetric = {p.name for p in PREDICATES if p.symmetric}
    successions = {p.name for p in PREDICATES if p.succession}
    relations: dict[str, dict[str, Any]] = {}
    while len(relations) < 5 * size:
        subject, object_ = rng.choice(entities)["id"], rng.choice(entities)["id"]
        choices = allowed[kind_of[subject], kind_of[object_]]
        if position[subject] < position[object_]:
            # part_of, member_of and located_in may form no cycle: they only point at earlier entities.
            choices = [c for c in choices if c not in HIERARCHICAL]
        if choices and subject != object_:
            predicate = rng.choice(choices)
            if predicate in symmetric and f"{object_}:{predicate}:{subject}" in relations:
                continue  # a symmetric relation is stated once, either way
            relations[f"{subject}:{predicate}:{object_}"] = {
                "subject": subject,
                "predicate": predicate,
                "object": object_,
                # An undated succession says why (the integrity rules ask it to).
                **({"note": "undated"} if predicate in successions else {}),
                "citations": cite,
            }
    files = {
        "sources": {
            "kind": "source",
            "records": [
                {
                    "id": "src",
                    "title": "Synthetic",
                    "publisher": "Bench",
                    "url": "https://example.org/",
                    "retrieved": "2026-01",
                }
            ],
        },
    }
    # The loader refuses files over 50 MB: split the relations as a data author would.
    ordered = sorted(relations.values(), key=lambda r: (r["subject"], r["predicate"], r["object"]))
    for start in range(0, len(ordered), 100_000):
        files[f"relations-{start // 100_000}"] = {"kind": "relation", "records": ordered[start : start + 100_000]}
    for kind, records in by_kind.items():
        files[_FILES[kind]] = {"kind": kind.value, "records": sorted(records, key=lambda r: r["id"])}
    return files


def _records(files: dict[str, dict[str, Any]]) -> Records:
    # Only used while Dataset.from_files is missing: builds records without validation.
    def cites(raw: dict[str, Any]) -> tuple[Citation, ...]:
        return tuple(Citation(**c) for c in raw["citations"])

    entities = []
    for document in files.values():
        if document["kind"] in ("source", "relation"):
            continue
        cls = ENTITY_CLASSES[Kind(document["kind"])]
        for raw in document["records"]:
            fields = {**raw, "citations": cites(raw), "aliases": tuple(raw.get("aliases", ()))}
            entities.append(cls(**fields))
    relations = tuple(
        Relation(**{**raw, "citations": cites(raw)})
        for document in files.values()
        if document["kind"] == "relation"
        for raw in document["records"]
    )
    source = files["sources"]["records"][0]
    sources = (Source(**{**source, "retrieved": eic.PartialDate.parse(source["retrieved"])}),)
    return Records(sources=sources, entities=tuple(entities), relations=relations)


def _best(function: Callable[[], object], repeat: int = 3) -> float:
    # CPU time of this process, not wall time: a busy neighbour on a shared machine does not inflate it.
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def _per_call(function: Callable[[Any], object], arguments: list[Any], repeat: int = 5) -> float:
    def run() -> None:
        for argument in arguments:
            function(argument)

    return min(timeit.repeat(run, number=1, repeat=repeat)) / len(arguments)


def _parse_paused(blobs: Iterable[bytes]) -> list[Any]:
    """``json.loads`` of every blob with the cyclic collector paused, as the library's load pauses it."""
    with collector_paused():
        return [json.loads(blob) for blob in blobs]


def _peak(function: Callable[[], object]) -> tuple[int, object]:
    gc.collect()
    tracemalloc.start()
    result = function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, result


class Table:
    """Rows of: size, measure, ours, baseline, ratio, target."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(self, size: str, measure: str, ours: float, base: float, unit: str, baseline: str, target: str) -> None:
        scale = {"s": 1, "ms": 1e3, "µs": 1e6, "B": 1, "MB": 1e-6}[unit]
        ratio = f"{ours / base:.2f}x" if base else "-"
        self.rows.append(
            (size, measure, f"{ours * scale:,.2f} {unit}", f"{base * scale:,.2f} {unit}", baseline, ratio, target)
        )
        print(" | ".join(self.rows[-1]), flush=True)

    def markdown(self) -> str:
        head = ("entities", "measure", "eu_iot_coop", "baseline", "baseline is", "ratio", "target")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


def _typo(rng: random.Random, text: str) -> str:
    position = rng.randrange(len(text))
    return text[:position] + rng.choice("abcdefghijklmnopqrstuvwxyz") + text[position + 1 :]


def bench_size(size: int, table: Table) -> None:
    """Every in-process measure at one size."""
    label = f"{size:,}"
    files = generate(size)
    with tempfile.TemporaryDirectory() as directory:
        blobs = {}
        for name, document in files.items():
            blob = json.dumps(document, ensure_ascii=False, indent=2).encode()
            (Path(directory) / f"{name}.json").write_bytes(blob)
            blobs[name] = blob
        parse = _best(lambda: _parse_paused(blobs.values()))
        if hasattr(eic.Dataset, "from_files"):

            def build() -> eic.Dataset:
                return eic.Dataset.from_files(directory)

            measure = "load: Dataset.from_files"
        else:
            records = _records(files)

            def build() -> eic.Dataset:
                return eic.Dataset(records)

            measure = "indexing: Dataset(records) (from_files not available yet)"
        load = _best(build, repeat=2 if size >= 100_000 else 3)
        table.add(label, measure, load, parse, "s", "json.loads of the same bytes, collector paused alike", "≤ 4x")
        ds = build()

    rng = random.Random(7)
    entities = list(ds.entities())
    sample = [rng.choice(entities) for _ in range(2000)]
    ids = [e.id for e in sample]
    plain = {e.id: e for e in entities}
    lookup = _per_call(plain.__getitem__, ids)
    table.add(label, "get(id)", _per_call(ds.get, ids), lookup, "µs", "dict lookup", "< 2 µs")
    owners = Counter(normalize(name) for e in entities for name in set(map(normalize, e.names)))
    names = [e.name for e in sample if owners[normalize(e.name)] == 1]
    table.add(label, "find(name)", _per_call(ds.find, names), lookup, "µs", "dict lookup", "< 2 µs")

    build_search = _best(lambda: ds.search("warm up"), repeat=1)
    table.add(label, "search index, built on first search", build_search, parse, "s", "json.loads", "-")
    queries = [_typo(rng, normalize(e.name)) for e in sample[:200]]
    search = _per_call(ds.search, queries, repeat=3)
    table.add(label, "search(typo'd name)", search, lookup, "ms", "dict lookup", "< 5 ms")

    graph = ds.to_networkx()
    undirected = graph.to_undirected()
    table.add(
        label,
        "neighbours(x) (both ways, with relations)",
        _per_call(ds.neighbours, ids),
        _per_call(lambda n: [*graph.out_edges(n, keys=True, data=True), *graph.in_edges(n, keys=True, data=True)], ids),
        "µs",
        "networkx out_edges+in_edges with data",
        "several x faster",
    )
    table.add(
        label,
        "neighbours(x, direction='out')",
        _per_call(lambda n: ds.neighbours(n, direction="out"), ids),
        _per_call(lambda n: list(graph.successors(n)), ids),
        "µs",
        "networkx list(successors)",
        "not slower",
    )
    few = ids[:200]
    table.add(
        label,
        "walk(x, depth=3, direction='out')",
        _per_call(lambda n: list(ds.walk(n, depth=3, direction="out")), few, repeat=3),
        _per_call(lambda n: list(networkx.bfs_edges(graph, n, depth_limit=3)), few, repeat=3),
        "ms",
        "networkx bfs_edges(depth_limit=3)",
        "not slower",
    )
    table.add(
        label,
        "walk(x, depth=3) (both ways)",
        _per_call(lambda n: list(ds.walk(n, depth=3)), few[:50], repeat=3),
        _per_call(lambda n: list(networkx.bfs_edges(undirected, n, depth_limit=3)), few[:50], repeat=3),
        "ms",
        "networkx bfs_edges on undirected copy",
        "not slower",
    )
    pairs = list(zip(ids[:200], ids[200:400], strict=True))
    table.add(
        label,
        "path(a, b, avoid_kinds=None) (both ways)",
        _per_call(lambda pair: ds.path(*pair, avoid_kinds=None), pairs, repeat=3),
        _per_call(lambda pair: networkx.shortest_path(undirected, *pair), pairs, repeat=3),
        "ms",
        "networkx shortest_path on undirected copy",
        "not slower",
    )
    bench_memory(size, files, table)


def bench_memory(size: int, files: dict[str, dict[str, Any]], table: Table) -> None:
    """Peak traced memory of a load, per entity, beside that of json.loads of the same bytes."""
    with tempfile.TemporaryDirectory() as directory:
        blobs = []
        for name, document in files.items():
            blobs.append(json.dumps(document, ensure_ascii=False, indent=2).encode())
            (Path(directory) / f"{name}.json").write_bytes(blobs[-1])
        if hasattr(eic.Dataset, "from_files"):
            ours, _ = _peak(lambda: eic.Dataset.from_files(directory))
        else:
            ours, _ = _peak(lambda: eic.Dataset(_records(files)))
        theirs, _ = _peak(lambda: _parse_paused(blobs))
    label = f"{size:,}"
    table.add(label, "peak memory per entity", ours / size, theirs / size, "B", "json.loads of the same bytes", "-")


def bench_load(size: int, table: Table) -> None:
    """Load time against ``json.loads`` (collector paused in both), and peak memory against the loaded dataset's.

    The dataset's memory is what tracemalloc still counts once the load is over and its garbage collected;
    each peak is the highest count during one operation, the dataset itself included.
    """
    label = f"{size:,}"
    files = generate(size)
    with tempfile.TemporaryDirectory() as directory:
        blobs = []
        for name, document in files.items():
            blobs.append(json.dumps(document, ensure_ascii=False, indent=2).encode())
            (Path(directory) / f"{name}.json").write_bytes(blobs[-1])
        del files
        parse = _best(lambda: _parse_paused(blobs), repeat=2)
        load = _best(lambda: eic.Dataset.from_files(directory), repeat=2)
        megabytes = sum(map(len, blobs)) / 1e6
        baseline = f"json.loads of the same {megabytes:.0f} MB, collector paused alike"
        table.add(label, "load: Dataset.from_files", load, parse, "s", baseline, "≤ 4x")
        gc.collect()
        tracemalloc.start()
        ds = eic.Dataset.from_files(directory)
        load_peak = tracemalloc.get_traced_memory()[1]
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        ds.search("warm up")
        search_peak = tracemalloc.get_traced_memory()[1]
        for form in ("json", "csv", "sqlite", "graphml"):
            gc.collect()
            tracemalloc.reset_peak()
            getattr(eu_iot_coop.export, f"to_{form}")(ds, Path(directory) / f"export-{form}")
            peak = tracemalloc.get_traced_memory()[1]
            table.add(label, f"peak memory: export {form}", peak, held, "MB", "the loaded dataset", "≤ 2x")
        tracemalloc.stop()
    table.add(label, "peak memory: load", load_peak, held, "MB", "the loaded dataset", "-")
    table.add(label, "peak memory: first search", search_peak, held, "MB", "the loaded dataset", "≤ 2x")


#: Whole-process commands of the cold-start rows, each beside its floor (a baseline run in the same loop).
_FIND = "import eu_iot_coop; eu_iot_coop.load().find('AIOTI')"
_FULL = (
    "import eu_iot_coop._api as a; from eu_iot_coop._query import Dataset; Dataset(a._validate_bundled()).find('AIOTI')"
)
_FLOOR = "import attrs, cattrs, json"


def _children_cpu() -> float:
    """CPU time (user and system) of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median_process_times(commands: dict[str, list[str]], runs: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall time and median CPU time of each command as a whole process, the commands interleaved run by run.

    Each command runs once first, unmeasured, so that every process reads cached bytecode;
    then every run starts each command once in turn, so a slow spell of a shared machine
    falls on all of them alike. CPU time (user and system, of the process alone) moves far
    less than wall time when other jobs share the machine.
    """
    # Bytecode is written and read as in an installed package, whatever this shell says.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    for _ in range(runs):
        for name, command in commands.items():
            start, start_cpu = time.perf_counter(), _children_cpu()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - start_cpu)
    return (
        {name: statistics.median(values) for name, values in wall.items()},
        {name: statistics.median(values) for name, values in cpu.items()},
    )


def bench_cold_start(table: Table, runs: int) -> None:
    """Whole processes (cached bytecode, interleaved, medians): import; import, load and find; the CLI's show."""
    python = sys.executable
    script = str(Path(python).parent / ("eu-iot-coop.exe" if sys.platform == "win32" else "eu-iot-coop"))
    median, cpu = _median_process_times(
        {
            "json": [python, "-c", "import json"],
            "import": [python, "-c", "import eu_iot_coop"],
            "floor": [python, "-c", _FLOOR],
            "find": [python, "-c", _FIND],
            "show": [script, "show", "AIOTI"],
            "full": [python, "-c", _FULL],
        },
        runs,
    )
    floor = "process: import attrs, cattrs, json"
    table.add(
        "bundled",
        "process: import eu_iot_coop",
        median["import"],
        median["json"],
        "ms",
        "process: import json",
        "≤ 1.1x",
    )
    table.add(
        "bundled", "process: import + load() + find('AIOTI')", median["find"], median["floor"], "ms", floor, "≤ 1.4x"
    )
    table.add("bundled", "process: eu-iot-coop show AIOTI", median["show"], median["floor"], "ms", floor, "≤ 1.5x")
    table.add(
        "bundled", "process: same, validating the JSON in full", median["full"], median["floor"], "ms", floor, "-"
    )
    # The same processes in CPU time, the figure to read on a shared machine.
    cpu_floor = f"{floor} (CPU)"
    table.add(
        "bundled", "process CPU: import eu_iot_coop", cpu["import"], cpu["json"], "ms", "import json (CPU)", "≤ 1.1x"
    )
    table.add(
        "bundled", "process CPU: import + load() + find('AIOTI')", cpu["find"], cpu["floor"], "ms", cpu_floor, "≤ 1.4x"
    )
    table.add("bundled", "process CPU: eu-iot-coop show AIOTI", cpu["show"], cpu["floor"], "ms", cpu_floor, "≤ 1.5x")
    ds = eic.load()
    queries = [_typo(random.Random(3), normalize(e.name)) for e in ds.entities()]
    ds.search("warm up")
    plain = {e.id: e for e in ds.entities()}
    ids = [e.id for e in ds.entities()]
    table.add(
        "bundled",
        "search(typo'd name)",
        _per_call(ds.search, queries),
        _per_call(plain.__getitem__, ids),
        "ms",
        "dict lookup",
        "well under 1 ms",
    )


def _per_example(strategy: Any, examples: int = 100) -> float:
    """Median CPU time between two examples of a Hypothesis test drawing from *strategy* (generation only).

    CPU time of this process, not wall time, so that a busy neighbour on a shared machine does not inflate it.
    """
    from hypothesis import HealthCheck, Phase, given, settings

    stamps: list[float] = []

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: object) -> None:
        stamps.append(time.process_time())

    run()
    return statistics.median(later - earlier for earlier, later in itertools.pairwise(stamps))


def bench_strategies(table: Table) -> None:
    """The public Hypothesis strategies per example, beside plain Hypothesis drawing records of similar size."""
    from hypothesis import strategies as st

    from eu_iot_coop import strategies as eis

    text = st.text(max_size=40)
    plain = st.lists(st.fixed_dictionaries({"id": text, "name": text, "description": text}), min_size=1, max_size=40)
    baseline = _per_example(plain)
    floor = "plain Hypothesis: lists of 3-text dicts"
    for name, strategy in (
        ("entities()", eis.entities()),
        ("records()", eis.records()),
        ("datasets()", eis.datasets()),
    ):
        table.add("strategies", f"one example of {name}", _per_example(strategy), baseline, "ms", floor, "≤ 25 ms")


def main() -> None:
    """Parse the options, run every benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated numbers of entities (empty: cold start and bundled data only)",
    )
    parser.add_argument("--runs", type=int, default=10, help="processes per cold-start measure (median)")
    parser.add_argument(
        "--load",
        default="20000,100000,200000",
        help="comma-separated numbers of entities for the load group: load time, peak memory of load, search, exports",
    )
    parser.add_argument("--only", choices=("sizes", "load", "cold-start", "strategies"), help="run one group of rows")
    options = parser.parse_args()
    table = Table()
    if options.only == "load":  # heavy (minutes at 200,000 entities): only when asked for
        for size in (int(text) for text in options.load.split(",") if text):
            bench_load(size, table)
    if options.only in (None, "sizes"):
        for size in (int(text) for text in options.sizes.split(",") if text):
            bench_size(size, table)
    if options.only in (None, "cold-start"):
        bench_cold_start(table, options.runs)
    if options.only in (None, "strategies"):
        bench_strategies(table)
    print()
    print(table.markdown())


if __name__ == "__main__":
    main()
