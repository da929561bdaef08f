"""``kg demo``: build the bundled examples and produce a query answer, a GEXF file and a diagram."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.resources import PACKAGE_DIR

EXAMPLES = PACKAGE_DIR / "examples"
DEMO_QUERY = "investments.rq"


def run_demo(output: Path, console: Any = None) -> dict[str, str]:
    """Build ``examples/`` into ``output/store`` and write the demo artefacts; returns their paths."""
    from kg.build import build_store
    from kg.export.gexf import write_gexf
    from kg.export.netx import to_networkx
    from kg.graph.store import open_store
    from kg.ingest.read import iter_documents
    from kg.query import format_result, run_query
    from kg.viz.draw import draw_graph

    output.mkdir(parents=True, exist_ok=True)
    store = open_store(output / "store")
    try:
        report = build_store(store, iter_documents([str(EXAMPLES)]))
        if console is not None:
            console.print(f"built {report.documents} example documents: {report.triples} triples, {report.facts} facts")
        q = (EXAMPLES / "queries" / DEMO_QUERY).read_text(encoding="utf-8")
        result = run_query(store, q)
        answer = output / "investments.csv"
        answer.write_text(format_result(result, "csv"), encoding="utf-8")
        if console is not None:
            from rich.table import Table

            t = Table(*result.variables, title="Who invests in whom (examples/queries/investments.rq)")
            for row in result.values():
                t.add_row(*["" if v is None else v for v in row])
            console.print(t)
        G = to_networkx(store, title="kg demo: AI business relationships")
        gexf = output / "graph.gexf"
        write_gexf(G, gexf)
        png = output / "graph.png"
        draw_graph(G, png, title="AI business relationships in the kg examples",
                   caption=f"Source: {report.documents} example articles bundled with kg")
    finally:
        store.close()
    return {"store": str(output / "store"), "query": str(answer), "gexf": str(gexf), "diagram": str(png)}
