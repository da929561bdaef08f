"""kg's command line: a thin layer over the Python API (Typer + Rich).

Exit codes: 0 everything went well; 1 some documents failed (the others were processed);
2 usage error (bad option, unreadable query, store that cannot be opened).
"""

from __future__ import annotations

import json
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from kg.graph.store import DEFAULT_STORE


class _App(typer.Typer):
    """The Typer app, except that an unexpected exception is one line and exit code 1 (traceback with --debug)."""

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from kg.graph.store import StoreError

        try:
            return super().__call__(*args, **kwargs)
        except StoreError as exc:  # a store that cannot be reached or opened: a usage problem, not a bug
            if STATE["debug"]:
                raise
            err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            sys.exit(2)
        except Exception as exc:
            if STATE["debug"]:
                raise
            err.print(f"[bold red]error:[/] {escape(f'{type(exc).__name__}: {exc}')} (unexpected: this is a bug "
                      "in kg; run with --debug for the traceback)", highlight=False)
            sys.exit(1)


app = _App(
    name="kg",
    help="Build a knowledge graph of company relationships from English and Italian news.\n\n"
    "Example: kg build examples/ && kg query 'SELECT ?a ?b WHERE { ?a kg:investsIn ?b }'",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one message, one line: never wrapped
STATE = {"debug": False}

StoreOpt = Annotated[
    str,
    typer.Option("--store", "-s", help="Store location: a directory (created if needed), ':memory:' or an "
                 "http(s) SPARQL endpoint.", envvar="KG_STORE"),
]


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"
    ttl = "ttl"


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class Lang(str, Enum):
    auto = "auto"
    en = "en"
    it = "it"


def fail(message: str, code: int = 2) -> None:
    """Print one clear line and exit (a traceback only with --debug)."""
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    if STATE["debug"]:
        traceback.print_exc()
    raise typer.Exit(code)


@app.callback()
def main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False) -> None:
    """kg command line."""
    STATE["debug"] = debug


def _open(store: str, read_only: bool = False):  # type: ignore[no-untyped-def]
    from kg.graph.store import StoreError, open_store

    try:
        return open_store(store, read_only=read_only)
    except StoreError as exc:
        fail(str(exc))


def _open_for_reading(store: str):  # type: ignore[no-untyped-def]
    if store not in (":memory:",) and not store.startswith(("http://", "https://")) and not Path(store).exists():
        fail(f"{store}: no kg store here (run `kg build PATH --store {store}` first)")
    return _open(store, read_only=True)


# ---------------------------------------------------------------------------------------------- extract
@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, .jsonl corpora, URLs, or '-' for stdin.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output format.")] = ExtractFormat.jsonl,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the input (auto-detected per document).")] = Lang.auto,
) -> None:
    """Print the triples stated in articles; store nothing.

    Example: kg extract examples/en-chip-supply.txt --format table
    """
    from kg.extract.pipeline import extract_documents
    from kg.graph.namespaces import base_iri
    from kg.ingest.read import IngestError, iter_documents

    failed = 0
    base = base_iri()
    results = []

    def docs():  # type: ignore[no-untyped-def]
        nonlocal failed
        for d in iter_documents(paths, lang=lang.value):
            if isinstance(d, IngestError):
                failed += 1
                err.print(f"[yellow]skipped[/] {escape(str(d))}", highlight=False)
                continue
            yield d

    try:
        for res in extract_documents(docs()):
            if fmt == ExtractFormat.jsonl:
                for t in res.triples:
                    sys.stdout.write(json.dumps(t.to_record(base), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                results.append(res)
    except BrokenPipeError:  # output closed early (`| head`): not an error
        sys.stderr.close()
        raise typer.Exit(0) from None
    except Exception as exc:  # noqa: BLE001
        fail(f"extraction failed: {exc}", 1)
    if fmt == ExtractFormat.table:
        table = Table("subject", "predicate", "object", "modality", "amount", "conf", "doc", show_lines=False)
        for res in results:
            for t in res.triples:
                amount = f"{t.amount:,.0f} {t.currency}" if t.amount is not None else ""
                table.add_row(t.subject.label, t.predicate, t.object.label, t.modality, amount,
                              f"{t.confidence:.2f}", Path(t.doc).name)
        out.print(table)
    elif fmt == ExtractFormat.ttl:
        from kg.graph.rdf import document_quads
        from kg.graph.store import OxigraphStore

        mem = OxigraphStore(None)
        for res in results:
            g, quads = document_quads(res, base)
            mem.put_document(g.value, quads)
        from pyoxigraph import RdfFormat

        sys.stdout.write(mem.dump(RdfFormat.TRIG, prefixes=_prefix_map()).decode("utf-8"))
    if failed:
        raise typer.Exit(1)


def _prefix_map() -> dict[str, str]:
    from kg.graph.namespaces import prefixes

    return prefixes()


# ---------------------------------------------------------------------------------------------- build
class BuildEngine(str, Enum):  # noqa: UP042 - like the other option enums of this module
    local = "local"
    dask = "dask"


@app.command()
def build(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, .jsonl corpora, URLs, or '-'.")],
    store: StoreOpt = str(DEFAULT_STORE),
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the input (auto-detected per document).")] = Lang.auto,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; only errors and the summary.")] = False,
    overrides: Annotated[Path | None, typer.Option("--overrides", help="Entity-resolution overrides (TOML); default ./kg-overrides.toml when present.")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1, help="Extraction processes (default 1; with --engine dask and no --scheduler: the workers of the local cluster, default one per CPU).")] = None,
    engine: Annotated[BuildEngine, typer.Option("--engine", help="Where extraction runs: 'local' processes or a 'dask' cluster.")] = BuildEngine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://HOST:PORT); implies --engine dask. Without it, --engine dask starts a local cluster.")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", min=1, help="Documents per batch (one task of a worker): default 32 local, 256 dask.")] = None,
) -> None:
    """Extract articles and merge them into the store. Re-running on the same input changes nothing.

    Documents already in the store are skipped before parsing, so an interrupted build continues where it
    stopped when run again. The graph is the same whatever --workers and --engine are.

    Example: kg build examples/ --store .kg/store --workers 2
    """
    from rich.progress import TimeRemainingColumn

    from kg.build import BATCH_SIZE, DASK_BATCH_SIZE, build_store, count_documents
    from kg.extract.pipeline import DocResult
    from kg.ingest.read import IngestError, iter_documents
    from kg.resolve.overrides import OverridesError, load_overrides
    from kg.resolve.resolver import Resolver

    try:
        resolver = Resolver(overrides=load_overrides(overrides))
    except OverridesError as exc:
        fail(str(exc))
    st = _open(store)
    use_dask = engine == BuildEngine.dask or scheduler is not None
    eng = None
    if use_dask:
        from kg.distributed import DaskEngine, DaskEngineError

        try:
            eng = DaskEngine(scheduler=scheduler, workers=workers, gazetteer=resolver.gazetteer)
        except DaskEngineError as exc:
            st.close()
            fail(str(exc))
    progress = Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TextColumn("{task.fields[rate]} docs/s"),
                        TextColumn("{task.fields[triples]} triples"), TimeElapsedColumn(), TextColumn("ETA"),
                        TimeRemainingColumn(), console=err, disable=quiet, transient=True)
    report = None
    with progress:
        total = None if quiet else count_documents(paths)
        task = progress.add_task("documents", total=total, triples=0, rate="-")
        count = {"triples": 0, "done": 0}

        def on_result(r):  # type: ignore[no-untyped-def]
            if isinstance(r, IngestError):
                err.print(f"[yellow]failed[/] {escape(str(r))}", highlight=False)
            elif isinstance(r, DocResult):
                count["triples"] += len(r.triples)
            count["done"] += 1
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{count['done'] / elapsed:.1f}" if elapsed > 1 else "-"
            progress.update(task, advance=1, triples=count["triples"], rate=rate)

        try:
            report = build_store(st, iter_documents(paths, lang=lang.value), resolver=resolver, on_result=on_result,
                                 batch_size=batch_size or (DASK_BATCH_SIZE if use_dask else BATCH_SIZE),
                                 workers=workers or 1, engine=eng)
        except KeyboardInterrupt:
            pass
        finally:
            if eng is not None:
                eng.close()
            st.close()
    if report is None:
        err.print(f"interrupted after {count['done']} documents; what was written stays: run the same command "
                  "again to continue", highlight=False)
        raise typer.Exit(130)
    rate = report.documents / report.seconds if report.seconds else 0.0
    out.print(f"documents: {report.added} added, {report.updated} updated, {report.skipped} unchanged, "
              f"{len(report.failed)} failed; {report.triples} triples extracted; {report.facts} facts in {store} "
              f"({report.seconds:.1f} s, {rate:.1f} documents/s)", highlight=False, soft_wrap=True)
    if report.failed:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------- query
@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query text (or use --file).")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a .rq file.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="Bind NAME=VALUE as an RDF term (repeatable).")] = None,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = QueryFormat.table,
    store: StoreOpt = str(DEFAULT_STORE),
) -> None:
    """Run a SPARQL 1.1 query over the whole graph (prefixes kg:, kgr:, rdfs:, skos:, prov:... predeclared).

    Example: kg query --file examples/queries/investments.rq --param company=kgr:nvidia
    """
    from kg.query import format_result, parse_param, read_query_file, run_query

    if (sparql is None) == (file is None):
        fail("give either a SPARQL query or --file Q.rq")
    try:
        text = read_query_file(file) if file else sparql
        bindings = dict(parse_param(p) for p in (param or []))
        st = _open_for_reading(store)
        result = run_query(st, text, bindings)  # type: ignore[arg-type]
    except ValueError as exc:  # a QueryError, or a --param term pyoxigraph refuses
        fail(f"{file or 'query'}: {exc}" if file else str(exc))
    if fmt == QueryFormat.table:
        if result.kind == "ask":
            out.print("yes" if result.boolean else "no")
            return
        table = Table(*result.variables)
        for row in result.values():
            table.add_row(*["" if v is None else v for v in row])
        out.print(table)
        out.print(f"{len(result.rows)} row(s)", style="dim")
    else:
        sys.stdout.write(format_result(result, fmt.value) + ("\n" if fmt == QueryFormat.json else ""))


# ---------------------------------------------------------------------------------------------- stats
@app.command()
def stats(store: StoreOpt = str(DEFAULT_STORE)) -> None:
    """Documents, entities by type and relations by predicate.

    Example: kg stats --store .kg/store
    """
    from kg.stats import graph_stats

    st = _open_for_reading(store)
    s = graph_stats(st)
    out.print(f"[bold]{s['documents']}[/] documents, [bold]{s['quads']}[/] quads, [bold]{s['facts']}[/] facts")
    t = Table("entity type", "count")
    for k, v in s["entities"].items():
        t.add_row(k, str(v))
    out.print(t)
    t = Table("predicate", "facts", "assertions")
    for k, (f, a) in s["predicates"].items():
        t.add_row(k, str(f), str(a))
    out.print(t)


# ---------------------------------------------------------------------------------------------- export
class ExportFormat(str, Enum):
    gexf = "gexf"
    graphml = "graphml"
    csv = "csv"
    ttl = "ttl"
    trig = "trig"
    nq = "nq"
    jsonld = "jsonld"


def _filter_options(relation: list[str] | None, types: list[str] | None, min_confidence: float,
                    date_from: str | None, date_to: str | None, focus: str | None, depth: int):  # type: ignore[no-untyped-def]
    from kg.export.filters import GraphFilter

    return GraphFilter(predicates=set(relation) if relation else None, types=set(types) if types else None,
                       min_confidence=min_confidence, date_from=date_from, date_to=date_to, focus=focus, depth=depth)


RelationOpt = Annotated[list[str] | None, typer.Option("--relation", "-r", help="Keep only these predicates (repeatable).")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", "-t", help="Keep only these entity types (repeatable).")]
MinConfOpt = Annotated[float, typer.Option("--min-confidence", help="Drop facts below this aggregate confidence.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="Earliest date (YYYY[-MM[-DD]]) of supporting evidence.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Latest date of supporting evidence.")]
FocusOpt = Annotated[str | None, typer.Option("--focus", help="Ego network around this entity (label, alias or IRI).")]
DepthOpt = Annotated[int, typer.Option("--depth", help="Radius of the ego network.")]


def _graph(store: str, relation, types, min_confidence, date_from, date_to, focus, depth):  # type: ignore[no-untyped-def]
    from kg.export.filters import apply_filter
    from kg.export.netx import to_networkx

    st = _open_for_reading(store)
    G = to_networkx(st)
    try:
        return apply_filter(G, _filter_options(relation, types, min_confidence, date_from, date_to, focus, depth))
    except ValueError as exc:
        fail(str(exc))


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file (a directory for csv).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.gexf,
    gexf_version: Annotated[str, typer.Option("--gexf-version", help="GEXF version: 1.3 or 1.2draft.")] = "1.3",
    dynamic: Annotated[bool, typer.Option("--dynamic", help="GEXF with publication dates as time spells.")] = False,
    relation: RelationOpt = None, types: TypeOpt = None, min_confidence: MinConfOpt = 0.0,
    date_from: FromOpt = None, date_to: ToOpt = None, focus: FocusOpt = None, depth: DepthOpt = 1,
    store: StoreOpt = str(DEFAULT_STORE),
) -> None:
    """Export the graph for Gephi (GEXF), yEd/Cytoscape (GraphML), spreadsheets (CSV) or RDF tools.

    Example: kg export --format gexf -o graph.gexf --min-confidence 0.5
    """
    if fmt in {ExportFormat.ttl, ExportFormat.trig, ExportFormat.nq, ExportFormat.jsonld}:
        from kg.export.rdf import export_rdf

        st = _open_for_reading(store)
        export_rdf(st, output, fmt.value)
        out.print(f"wrote {output}")
        return
    G = _graph(store, relation, types, min_confidence, date_from, date_to, focus, depth)
    if fmt == ExportFormat.gexf:
        from kg.export.gexf import write_gexf

        write_gexf(G, output, version=gexf_version, dynamic=dynamic)
    elif fmt == ExportFormat.graphml:
        from kg.export.graphml import write_graphml

        write_graphml(G, output)
    else:
        from kg.export.tables import write_csv

        write_csv(G, output)
    out.print(f"wrote {output} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")


# ---------------------------------------------------------------------------------------------- draw / view
class Style(str, Enum):
    light = "light"
    dark = "dark"


class View(str, Enum):
    relations = "relations"
    deals = "deals"
    ego = "ego"


@app.command()
def draw(
    output: Annotated[Path, typer.Option("--output", "-o", help="Image file: .png, .svg or .pdf.")],
    view: Annotated[View, typer.Option("--view", help="relations, deals (investments and acquisitions) or ego.")] = View.relations,
    style: Annotated[Style, typer.Option("--style", help="Colour style.")] = Style.light,
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of PNG output.")] = 150,
    title: Annotated[str | None, typer.Option("--title", help="Diagram title.")] = None,
    relation: RelationOpt = None, types: TypeOpt = None, min_confidence: MinConfOpt = 0.0,
    date_from: FromOpt = None, date_to: ToOpt = None, focus: FocusOpt = None, depth: DepthOpt = 1,
    store: StoreOpt = str(DEFAULT_STORE),
) -> None:
    """Draw a relationship diagram with matplotlib.

    Example: kg draw -o nvidia.png --focus Nvidia --depth 2
    """
    from kg.viz.draw import draw_graph

    if output.suffix.lower() not in {".png", ".svg", ".pdf"}:
        fail(f"{output}: the diagram file must end in .png, .svg or .pdf")
    G = _graph(store, relation, types, min_confidence, date_from, date_to, focus, depth)
    if G.number_of_nodes() == 0:
        fail("nothing to draw: the graph (after filters) has no relations", 1)
    v = View.ego.value if focus and view == View.relations else view.value
    res = draw_graph(G, output, title=title, style=style.value, view=v, focus=focus, dpi=dpi)
    out.print(f"wrote {output} ({len(res.node_labels)} nodes)")


@app.command()
def view(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
    relation: RelationOpt = None, types: TypeOpt = None, min_confidence: MinConfOpt = 0.0,
    date_from: FromOpt = None, date_to: ToOpt = None, focus: FocusOpt = None, depth: DepthOpt = 1,
    store: StoreOpt = str(DEFAULT_STORE),
) -> None:
    """Write an interactive, self-contained HTML view of the graph (works offline).

    Example: kg view -o graph.html && xdg-open graph.html
    """
    from kg.viz.html import write_html

    G = _graph(store, relation, types, min_confidence, date_from, date_to, focus, depth)
    write_html(G, output)
    out.print(f"wrote {output} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")


# ---------------------------------------------------------------------------------------------- entities
@app.command()
def entities(
    type_: Annotated[str | None, typer.Option("--type", "-t", help="Only this entity type.")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Labels or surface forms containing TEXT.")] = None,
    explain: Annotated[str | None, typer.Option("--explain", help="Show why each surface form of NAME resolved where it did.")] = None,
    store: StoreOpt = str(DEFAULT_STORE),
) -> None:
    """List canonical entities with their Wikidata QID, surface forms and document count.

    Example: kg entities --type Organization --search nvid
    """
    from kg.entities import entity_table, explain_entity

    st = _open_for_reading(store)
    if explain:
        rows = explain_entity(st, explain)
        if not rows:
            fail(f"no entity or surface form matches {explain!r}", 1)
        t = Table("surface form", "resolved to", "step", "why")
        for r in rows:
            t.add_row(*r)
        out.print(t)
        return
    t = Table("entity", "type", "QID", "surface forms", "docs")
    for r in entity_table(st, type_, search):
        t.add_row(r["label"], r["type"], r["qid"], ", ".join(r["forms"]), str(r["docs"]))
    out.print(t)


# ---------------------------------------------------------------------------------------------- demo
@app.command()
def demo(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the demo results.")] = Path("kg-demo"),
) -> None:
    """Build the bundled example articles and write a query answer, a GEXF file and a diagram.

    Example: kg demo -o kg-demo
    """
    from kg.demo import run_demo

    try:
        res = run_demo(output, console=out)
    except Exception as exc:  # noqa: BLE001
        fail(f"demo failed: {exc}", 1)
    out.print(f"\n[bold green]demo ready[/] in {output.resolve()}:")
    for k, v in res.items():
        out.print(f"  {k:10s} {v}")


def run() -> None:  # pragma: no cover
    app()


# ---------------------------------------------------------------------------------------------- validate
@app.command()
def validate(
    store: StoreOpt = str(DEFAULT_STORE),
    limit: Annotated[int, typer.Option("--limit", help="Show at most N results.")] = 50,
    inferred: Annotated[bool, typer.Option("--inferred", help="Also check the <doc>/inferred graphs.")] = False,
) -> None:
    """Check the store against the SHACL shapes in ontologies/shapes.ttl (exit 1 on violations).

    Example: kg validate --store .kg/store --limit 20
    """
    from kg.validate import validate_command

    raise typer.Exit(validate_command(store, limit, inferred=inferred))


# ---------------------------------------------------------------------------------------------- serve
def _register_serve() -> None:
    from kg.serve.app import serve_command

    app.command("serve")(serve_command)


_register_serve()


if __name__ == "__main__":  # pragma: no cover
    app()
