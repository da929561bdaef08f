"""Store benchmark: kg's store against raw pyoxigraph and rdflib, side by side in one run.

    python benchmarks/store/run.py --sizes 10000 100000 1000000

For each size a synthetic graph in kg's data model is generated (``generate.py``, cached in ``--data``).
Three kinds of subprocess measure it, so that what is compared is measured side by side:

* *load*: loads the N-Quads file into each configuration in turn, ``--load-rounds`` times (interleaved);
* *queries*: one process per (storage, query) holds a raw pyoxigraph store and a kg store loaded with the
  same file and times the query in interleaved rounds (pyoxigraph, kg, kg+where-values, kg rdflib view)
  after one warm-up run each; a configuration whose warm-up is slower than ``--slow`` s is measured
  once. Each configuration's rows are checked against raw pyoxigraph's;
* *memory*: one process per configuration loads the data and runs every query once; its peak RSS
  (``VmHWM``) is the configuration's memory figure. For rdflib this process also times the queries.

Configurations:

* ``pyoxigraph``      raw ``pyoxigraph.Store``: ``bulk_load``; queries with ``PREFIX`` lines and constants inline
* ``kg``              ``OxigraphStore`` + ``kg.graph.bulk.bulk_load``; ``store.query(text, bindings)``
* ``kg+where-values`` as ``kg``, parameters bound at the start of the WHERE pattern
  (``kg.graph.rdflib_view.bind_values_in_where``, proposed for ``store.bind_values``)
* ``kg rdflib view``  ``as_rdflib_dataset(store).query(text, initBindings=...)``
* ``rdflib``          ``rdflib.Dataset(default_union=True)``: ``parse``; queries as for pyoxigraph
* ``kg put_document`` (load only) one ``put_document`` per document + ``refresh_facts``: ``kg build``'s path

Results go to ``results.json`` and ``results.md`` beside this file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

_LABELS_DEDUP = "{ SELECT DISTINCT ?%s ?%s WHERE { ?%s rdfs:label ?%s } }"

QUERIES: dict[str, dict[str, Any]] = {
    "two_hop": {
        "title": "2-hop companies from a hub company (investsIn|acquired|owns|partnersWith|suppliesTo), "
        "labels from a DISTINCT subquery",
        "params": ["company"],
        "text": """SELECT DISTINCT ?mid ?far ?label WHERE {
  ?company (kg:investsIn|kg:acquired|kg:owns|kg:partnersWith|kg:suppliesTo) ?mid .
  ?mid (kg:investsIn|kg:acquired|kg:owns|kg:partnersWith|kg:suppliesTo) ?far .
  FILTER(?far != ?company)
  """
        + _LABELS_DEDUP % ("far", "label", "far", "label")
        + """
}""",
    },
    "per_predicate": {
        "title": "GROUP BY: distinct triples per predicate in the union graph",
        "params": [],
        "text": """SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }
GROUP BY ?p ORDER BY DESC(?n) ?p""",
    },
    "provenance": {
        "title": "provenance of the most attested fact: examples/queries/evidence.rq as shipped, ?s ?p ?o bound",
        "params": ["s", "p", "o"],
        "file": "examples/queries/evidence.rq",
    },
    "investments": {
        "title": "examples/queries/investments.rq as shipped (joins rdfs:label across the union graph)",
        "params": [],
        "file": "examples/queries/investments.rq",
        "max_size": 100_000,
        "deterministic": False,
        "memory_only": True,  # minutes per run from 100k quads: timed in memory, by rdflib, and not on disk
    },
    "investments_dedup": {
        "title": "the same question with labels from DISTINCT subqueries placed after the pattern "
        "(quadratic on Oxigraph; after a 1M run that did not finish in 300 s, limited to 100k)",
        "params": [],
        "deterministic": False,
        "max_size": 100_000,
        "text": """SELECT ?investor ?investee (MAX(?amt) AS ?amount) (SAMPLE(?cur) AS ?currency)
       (COUNT(DISTINCT ?doc) AS ?documents)
WHERE {
  ?a a kg:Assertion ; rdf:subject ?i ; rdf:predicate kg:investsIn ; rdf:object ?e ; kg:asserted true ;
     prov:wasDerivedFrom ?doc .
  OPTIONAL { ?a kg:amount ?amt ; kg:currency ?cur }
  """
        + _LABELS_DEDUP % ("i", "investor", "i", "investor")
        + """
  """
        + _LABELS_DEDUP % ("e", "investee", "e", "investee")
        + """
}
GROUP BY ?investor ?investee
ORDER BY DESC(?amount) ?investor ?investee""",
    },
}

QUERY_CONFIGS = ["pyoxigraph", "kg", "kg+where-values", "kg rdflib view"]
MEMORY_CONFIGS = ["pyoxigraph", "kg", "kg rdflib view", "pyoxigraph-disk", "kg-disk", "rdflib"]


# --------------------------------------------------------------------------- helpers (both sides)
def query_text(name: str) -> str:
    q = QUERIES[name]
    return (ROOT / q["file"]).read_text(encoding="utf-8") if "file" in q else q["text"]


def params(name: str, manifest: dict) -> dict[str, str]:
    """IRIs bound to the query's parameters for this dataset."""
    f = manifest["fact"]
    values = {"company": manifest["hub"], "s": f["s"], "p": f["p"], "o": f["o"]}
    return {k: values[k] for k in QUERIES[name]["params"]}


def inline(text: str, binds: dict[str, str]) -> str:
    """The query with each bound variable replaced by its IRI (how one writes it by hand)."""
    for var, iri in binds.items():
        text = re.sub(rf"\?{var}\b", f"<{iri}>", text)
    return text


def prefix_lines() -> str:
    from kg.graph.namespaces import prefixes

    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes().items())


def canonical(rows: list[tuple]) -> tuple[int, str]:
    """Row count and an order-insensitive digest of rows of N-Triples strings."""
    lines = sorted("\t".join("" if t is None else t for t in row) for row in rows)
    return len(rows), hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- child side
def _rss_now_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mb() -> float:
    """High-water mark of this process's resident memory (``ru_maxrss`` would include the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _emit(**event: Any) -> None:
    print(json.dumps(event), flush=True)


def _import_for(config: str) -> None:
    """Import what a configuration needs before anything is measured."""
    import importlib

    needs = {
        "pyoxigraph": ["pyoxigraph"],
        "rdflib": ["rdflib", "kg.graph.rdflib_view"],
        "kg rdflib view": ["kg.graph.bulk", "kg.graph.rdflib_view"],
    }
    for module in needs.get(config.removesuffix("-disk"), ["kg.graph.store", "kg.graph.bulk"]):
        importlib.import_module(module)


def load(config: str, data: Path, workdir: Path) -> tuple[Any, float]:
    """Open the configuration's store (on disk under ``workdir`` for ``-disk``) and load ``data``."""
    disk = config.endswith("-disk")
    if config.startswith("pyoxigraph"):
        import pyoxigraph as ox

        store = ox.Store(str(workdir / "raw")) if disk else ox.Store()
        t = time.perf_counter()
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        return store, time.perf_counter() - t
    if config == "rdflib":
        import rdflib

        ds = rdflib.Dataset(default_union=True)
        t = time.perf_counter()
        ds.parse(str(data), format="nquads")
        return ds, time.perf_counter() - t
    if config == "kg put_document":
        return _load_documents(data)
    from kg.graph.bulk import bulk_load
    from kg.graph.store import OxigraphStore

    store = OxigraphStore(workdir / "kg" if disk else ":memory:")
    t = time.perf_counter()
    bulk_load(store, data, "nq")
    return store, time.perf_counter() - t


def _load_documents(data: Path) -> tuple[Any, float]:
    """``kg build``'s write path: one ``put_document`` per document (its graph and inferred graph), then
    ``refresh_facts``. Parsing the file is not timed."""
    import pyoxigraph as ox

    from kg.graph.store import OxigraphStore

    by_doc: dict[str, list] = {}
    for q in ox.parse(path=str(data), format=ox.RdfFormat.N_QUADS):
        g = q.graph_name.value
        if not g.endswith("/graph/facts"):
            by_doc.setdefault(g.removesuffix("/inferred"), []).append(q)
    store = OxigraphStore(":memory:")
    t = time.perf_counter()
    for doc, quads in by_doc.items():
        store.put_document(doc, quads)
    store.refresh_facts()
    return store, time.perf_counter() - t


def runner(config: str, store: Any, name: str, manifest: dict):
    """A function running query ``name`` once on ``store`` the configuration's way, returning the rows as
    tuples of the engine's own terms (every term is touched: results are lazy)."""
    text, binds = query_text(name), params(name, manifest)
    base = config.removesuffix("-disk")
    if base in {"pyoxigraph", "rdflib"}:
        full = prefix_lines() + inline(text, binds)
        if base == "rdflib":
            return lambda: [tuple(r) for r in store.query(full)]
        return lambda: [tuple(r) for r in store.query(full, use_default_graph_as_union=True)]
    import pyoxigraph as ox

    terms = {k: ox.NamedNode(v) for k, v in binds.items()}
    if base == "kg":
        return lambda: [tuple(r) for r in store.query(text, terms)]
    if base == "kg+where-values":
        from kg.graph.namespaces import prefixes
        from kg.graph.rdflib_view import bind_values_in_where

        pfx = prefixes(store.base)
        engine = store._store  # what store.query does, with the proposed binder
        return lambda: [
            tuple(r)
            for r in engine.query(
                bind_values_in_where(text, terms), use_default_graph_as_union=True, prefixes=pfx
            )
        ]
    if base == "kg rdflib view":
        from rdflib import URIRef

        from kg.graph.rdflib_view import as_rdflib_dataset

        ds = as_rdflib_dataset(store)
        init = {k: URIRef(v) for k, v in binds.items()}
        return lambda: [tuple(r) for r in ds.query(text, initBindings=init)]
    raise ValueError(f"unknown configuration {config}")


def canonical_rows(rows: list[tuple]) -> tuple[int, str]:
    """``canonical`` of rows of pyoxigraph or rdflib terms."""
    from rdflib.term import Node

    from kg.graph.rdflib_view import to_ox

    return canonical(
        [tuple(None if t is None else str(to_ox(t) if isinstance(t, Node) else t) for t in r) for r in rows]
    )


def child_load(configs: list[str], data: Path, rounds: int) -> None:
    """Interleaved loads: each round loads the file once into a fresh store of every configuration."""
    for c in configs:
        _import_for(c)
    for _ in range(rounds):
        for c in configs:
            workdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
            try:
                store, seconds = load(c, data, workdir)
                _emit(event="load", config=c, load_s=seconds)
                del store
            finally:
                shutil.rmtree(workdir, ignore_errors=True)


def child_queries(
    storage: str, query: str, data: Path, manifest: dict, skip: list[str], repeats: int, slow: float
) -> None:
    """One query, every query configuration on the same data, interleaved rounds."""
    suffix = "-disk" if storage == "disk" else ""
    if manifest["target"] > QUERIES[query].get("max_size", manifest["target"]):
        return
    wanted = [c for c in QUERY_CONFIGS if c not in skip and not (suffix and c == "kg rdflib view")]
    if not QUERIES[query]["params"]:
        wanted = [c for c in wanted if c != "kg+where-values"]
    for c in wanted:
        _import_for(c)
    workdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        raw, _ = load("pyoxigraph" + suffix, data, workdir)
        kg, _ = load("kg" + suffix, data, workdir)
        runs = {c: runner(c + suffix, raw if c == "pyoxigraph" else kg, query, manifest) for c in wanted}
        times: dict[str, list[float]] = {}
        ordered = [c for c in wanted if c != "kg"] + (["kg"] if "kg" in wanted else [])  # the risky one last
        for c in ordered:
            _emit(event="warmup", config=c)
            t = time.perf_counter()
            rows = runs[c]()
            first = time.perf_counter() - t
            n, digest = canonical_rows(rows)
            times[c] = [first] if first >= slow else []
            _emit(event="first", config=c, first_s=first, rows=n, digest=digest)
        active = [c for c in wanted if not times[c]]
        spent = 0.0
        for _ in range(repeats):
            if spent > 8 * slow:
                break
            for c in active:
                t = time.perf_counter()
                runs[c]()
                dt_ = time.perf_counter() - t
                times[c].append(dt_)
                spent += dt_
        for c in wanted:
            _emit(event="times", config=c + suffix, times_s=times[c])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def child_memory(
    config: str, data: Path, manifest: dict, queries: list[str], size: int, repeats: int, slow: float
) -> None:
    """Load one configuration, run every query (timed for rdflib), report peak RSS."""
    _import_for(config)
    workdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        base_mb = _rss_now_mb()
        store, seconds = load(config, data, workdir if config.endswith("-disk") else workdir)
        _emit(event="loaded", config=config, load_s=seconds, rss_base_mb=base_mb, rss_loaded_mb=_rss_now_mb())
        for q in queries:
            if size > QUERIES[q].get("max_size", size) or (
                QUERIES[q].get("memory_only") and config != "rdflib"
            ):
                continue
            # kg's own binder can run without bound on 2-hop queries: memory is measured with the proposed one
            c = (
                "kg+where-values" + config.removeprefix("kg")
                if config in {"kg", "kg-disk"} and QUERIES[q]["params"]
                else config
            )
            run = runner(c, store, q, manifest)
            t = time.perf_counter()
            rows = run()
            times = [time.perf_counter() - t]
            n, digest = canonical_rows(rows)
            if config == "rdflib" and times[0] < slow:
                times = []
                while len(times) < repeats and sum(times) < 4 * slow:
                    t = time.perf_counter()
                    run()
                    times.append(time.perf_counter() - t)
            _emit(
                event="query",
                config=config,
                query=q,
                rows=n,
                digest=digest,
                times_s=times,
                peak_rss_mb=_peak_rss_mb(),
            )
        _emit(event="done", config=config, peak_rss_mb=_peak_rss_mb())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# --------------------------------------------------------------------------- parent side
def machine() -> dict[str, Any]:
    import pyoxigraph
    import rdflib

    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(mem) / 2**20, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


class Runner:
    """Starts child processes and collects their events."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.events: list[dict] = []
        self.loadavg: list[float] = []

    def child(self, size: int, argv: list[str], label: str) -> tuple[list[dict], str | None]:
        cmd = [
            sys.executable,
            __file__,
            "--data",
            str(self.data),
            "--manifest",
            str(self.manifest),
            "--repeats",
            str(self.args.repeats),
            "--slow",
            str(self.args.slow),
            "--size",
            str(size),
            *argv,
        ]
        self.loadavg.append(os.getloadavg()[0])
        error = None
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=self.args.timeout, check=False)
            stdout = proc.stdout
            if proc.returncode:
                error = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        except subprocess.TimeoutExpired as exc:
            stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
            error = "timeout"
        self.loadavg.append(os.getloadavg()[0])
        events = [
            json.loads(line) | {"size": size, "child": label}
            for line in stdout.splitlines()
            if line.startswith("{")
        ]
        self.events += events
        if error:
            self.events.append({"event": "error", "size": size, "child": label, "error": error})
        print(f"   {label}: {len(events)} events{', ' + error if error else ''}", file=sys.stderr, flush=True)
        return events, error

    def size(self, size: int) -> None:
        from generate import generate

        self.data, manifest = generate(size, self.args.data)
        self.manifest = self.data.with_suffix(".json")
        print(f"== {manifest['quads']:,} quads: {self.data}", file=sys.stderr, flush=True)
        rounds = self.args.load_rounds if size < 1_000_000 else 1
        loads = ["pyoxigraph", "kg", "kg put_document"] + (["rdflib"] if size <= self.args.rdflib_max else [])
        self.child(size, ["--child", "load", "--configs", *loads, "--rounds", str(rounds)], "load memory")
        self.child(
            size,
            ["--child", "load", "--configs", "pyoxigraph-disk", "kg-disk", "--rounds", str(rounds)],
            "load disk",
        )
        for storage in ("memory", "disk"):
            for q in self.args.queries:
                if size > QUERIES[q].get("max_size", size) or (
                    storage == "disk" and QUERIES[q].get("memory_only")
                ):
                    continue
                argv = ["--child", "queries", "--storage", storage, "--query", q]
                events, error = self.child(size, argv, f"{q} {storage}")
                if error == "timeout":  # the configuration still warming up hung: measure the others again
                    stuck = [e["config"] for e in events if e["event"] == "warmup"][-1]
                    self.events.append(
                        {
                            "event": "timeout",
                            "size": size,
                            "config": stuck,
                            "query": q,
                            "storage": storage,
                            "seconds": self.args.timeout,
                        }
                    )
                    self.child(size, [*argv, "--skip", stuck], f"{q} {storage} without {stuck}")
        for config in MEMORY_CONFIGS:
            if config == "rdflib" and size > self.args.rdflib_max:
                continue
            self.child(
                size,
                ["--child", "memory", "--configs", config, "--queries", *self.args.queries],
                f"memory {config}",
            )


def summarise(events: list[dict], sizes: list[int]) -> dict[str, Any]:
    """Per size and configuration: median load, peak RSS, per query median time, rows and checks."""
    out: dict[str, Any] = {}
    for size in sizes:
        evs = [e for e in events if e["size"] == size]
        per: dict[str, dict[str, Any]] = {}

        def cfg(name: str, per: dict[str, dict[str, Any]] = per) -> dict[str, Any]:
            return per.setdefault(name, {"loads_s": [], "peak_rss_mb": None, "queries": {}})

        for e in evs:
            if e["event"] == "load":
                cfg(e["config"])["loads_s"].append(e["load_s"])
            elif e["event"] in {"done", "query"} and "peak_rss_mb" in e:
                c = cfg(e["config"])
                c["peak_rss_mb"] = max(c["peak_rss_mb"] or 0.0, e["peak_rss_mb"])
        for e in evs:
            q = e.get("query") or e["child"].split()[0]
            if e["event"] == "first":
                suffix = "-disk" if " disk" in e["child"] else ""
                entry = cfg(e["config"] + suffix)["queries"].setdefault(q, {})
                entry.update(rows=e["rows"], digest=e["digest"])
                entry.setdefault("times_s", [e["first_s"]])  # replaced by the rounds' times when they come
            elif e["event"] == "times":
                cfg(e["config"])["queries"].setdefault(q, {})["times_s"] = e["times_s"]
            elif e["event"] == "query" and e["config"] == "rdflib":
                cfg("rdflib")["queries"][q] = {
                    "rows": e["rows"],
                    "digest": e["digest"],
                    "times_s": e["times_s"],
                }
            elif e["event"] == "query":
                cfg(e["config"])["queries"].setdefault(q, {}).setdefault("digest_memory_run", e["digest"])
            elif e["event"] == "timeout":
                name = e["config"] + ("-disk" if e["storage"] == "disk" else "")
                cfg(name)["queries"].setdefault(q, {})["timeout_s"] = e["seconds"]
        for v in per.values():
            v["load_s"] = statistics.median(v["loads_s"]) if v["loads_s"] else None
            for qname, q in v["queries"].items():
                if q.get("times_s"):
                    q["median_ms"] = statistics.median(q["times_s"]) * 1000
                    q["runs"] = len(q["times_s"])
                ref = per.get("pyoxigraph", {}).get("queries", {}).get(qname, {}).get("digest")
                if QUERIES[qname].get("deterministic", True) and ref and q.get("digest"):
                    q["same_rows_as_pyoxigraph"] = q["digest"] == ref
        out[str(size)] = per
    return out


def _fmt_ms(q: dict | None) -> str:
    if not q:
        return "-"
    if "median_ms" not in q:
        return f"> {q['timeout_s']:.0f} s" if "timeout_s" in q else "-"
    v = q["median_ms"]
    s = f"{v:,.2f}" if v < 10 else f"{v:,.1f}" if v < 100 else f"{v:,.0f}"
    if q.get("runs", 0) < 3:
        s += f" (n={q['runs']})"
    if q.get("same_rows_as_pyoxigraph") is False:
        s += " **rows differ**"
    return s


ORDER = [
    "pyoxigraph",
    "kg",
    "kg+where-values",
    "kg rdflib view",
    "pyoxigraph-disk",
    "kg-disk",
    "kg+where-values-disk",
    "rdflib",
    "kg put_document",
]


def ratios(per: dict) -> list[str]:
    out = []
    pairs = [
        ("kg", "pyoxigraph"),
        ("kg+where-values", "pyoxigraph"),
        ("kg rdflib view", "pyoxigraph"),
        ("kg-disk", "pyoxigraph-disk"),
        ("kg+where-values-disk", "pyoxigraph-disk"),
        ("rdflib", "pyoxigraph"),
        ("kg put_document", "pyoxigraph"),
    ]
    for a, b in pairs:
        if a not in per or b not in per:
            continue
        parts = []
        if per[a]["load_s"] and per[b]["load_s"]:
            parts.append(f"load {per[a]['load_s'] / per[b]['load_s']:.2f}x")
        for q in QUERIES:
            qa, qb = per[a]["queries"].get(q), per[b]["queries"].get(q)
            if qa and qb and "median_ms" in qa and "median_ms" in qb:
                parts.append(f"{q} {qa['median_ms'] / qb['median_ms']:.2f}x")
            elif qa and qb and "timeout_s" in qa and "median_ms" in qb:
                parts.append(f"{q} > {qa['timeout_s'] * 1000 / qb['median_ms']:,.0f}x (timeout)")
        if parts:
            out.append(f"{a} / {b}: " + ", ".join(parts))
    return out


def markdown(result: dict) -> str:
    m = result["machine"]
    lines = [
        "# Store benchmark results",
        "",
        f"`{result['command']}`, {m['date']}. Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, "
        f"{m['os']}; Python {m['python']}, pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}. The machine is "
        f"shared with other work: 1-minute load average {result['loadavg_min']:.1f} to {result['loadavg_max']:.1f} "
        f"during the run (2 means both cores busy). {result.get('note', '')}".rstrip(),
        "",
        "Query times (ms) are medians of runs interleaved across configurations in one process after a warm-up "
        f"run; a configuration whose warm-up took more than {result['slow_s']:g} s is measured by that run "
        "alone (n=1); `> N s` means the run was stopped after N s. Load times are medians of interleaved "
        "loads of the N-Quads file. Peak RSS is the high-water mark of a process that loads one configuration "
        "and runs every query once (for `kg`, parameters bound with the WHERE binder).",
        "",
    ]
    for size in result["sizes"]:
        per, info = result["summary"][str(size)], result["datasets"][str(size)]
        names = [q for q in QUERIES if any(q in v["queries"] for v in per.values())]
        lines += [
            f"## {info['quads']:,} quads ({info['documents']:,} documents, {info['entities']:,} entities, "
            f"{info['facts']:,} facts)",
            "",
            "| configuration | load s | peak RSS MB | " + " | ".join(names) + " |",
            "|---|---:|---:|" + "---:|" * len(names),
        ]
        for config in sorted(per, key=lambda c: ORDER.index(c) if c in ORDER else 99):
            v = per[config]
            load = f"{v['load_s']:.2f}" if v["load_s"] is not None else "-"
            rss = f"{v['peak_rss_mb']:,.0f}" if v["peak_rss_mb"] else "-"
            cells = [_fmt_ms(v["queries"].get(q)) for q in names]
            lines.append(f"| {config} | {load} | {rss} | " + " | ".join(cells) + " |")
        lines += ["", "Ratios:", ""] + [f"- {r}" for r in ratios(per)] + [""]
    lines += ["## Queries", ""]
    for name, q in QUERIES.items():
        extra = f" (sizes up to {q['max_size']:,})" if "max_size" in q else ""
        extra += " (SAMPLE(): rows not compared)" if not q.get("deterministic", True) else ""
        lines.append(f"- `{name}`: {q['title']}{extra}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg store benchmark (see the module docstring)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kg-store-bench",
        help="where generated datasets are cached",
    )
    ap.add_argument("--queries", nargs="+", default=list(QUERIES), choices=list(QUERIES))
    ap.add_argument("--repeats", type=int, default=9, help="measured runs per query after the warm-up")
    ap.add_argument(
        "--load-rounds", type=int, default=3, help="interleaved loads per configuration (1 at 1M+)"
    )
    ap.add_argument("--slow", type=float, default=5.0, help="a warm-up slower than this is the only run")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds allowed to one process")
    ap.add_argument("--rdflib-max", type=int, default=100_000, help="largest size run with rdflib")
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--note", default="")
    ap.add_argument(
        "--render", type=Path, help="only rewrite results.md (and the summary) from this results.json"
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--manifest", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--configs", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--storage", help=argparse.SUPPRESS)
    ap.add_argument("--query", help=argparse.SUPPRESS)
    ap.add_argument("--skip", nargs="*", default=[], help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        manifest = json.loads(args.manifest.read_text())
        if args.child == "load":
            child_load(args.configs, args.data, args.rounds)
        elif args.child == "queries":
            child_queries(args.storage, args.query, args.data, manifest, args.skip, args.repeats, args.slow)
        else:
            child_memory(
                args.configs[0], args.data, manifest, args.queries, args.size, args.repeats, args.slow
            )
        return 0

    if args.render:
        result = json.loads(args.render.read_text())
        result["summary"] = summarise(result["events"], result["sizes"])
        args.render.write_text(json.dumps(result, indent=1))
        (args.render.parent / "results.md").write_text(markdown(result))
        return 0
    runner_ = Runner(args)
    datasets = {}
    for size in args.sizes:
        runner_.size(size)
        datasets[str(size)] = json.loads(runner_.manifest.read_text())
    result = {
        "command": "python benchmarks/store/run.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": machine(),
        "sizes": args.sizes,
        "slow_s": args.slow,
        "note": args.note,
        "loadavg_min": min(runner_.loadavg),
        "loadavg_max": max(runner_.loadavg),
        "datasets": datasets,
        "summary": summarise(runner_.events, args.sizes),
        "events": runner_.events,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(result, indent=1))
    (args.out / "results.md").write_text(markdown(result))
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
