"""Fast loading of large RDF files into a kg store.

``bulk_load`` hands a file (or bytes) to Oxigraph's bulk loader, which parses on several threads and
writes the indexes directly instead of going through SPARQL ``INSERT DATA`` transactions. It is the way
to restore a dump (``kg export --format nquads``, ``OxigraphStore.dump``) or to load a graph made
elsewhere in kg's data model.

It is *not* transactional: readers of the same store may see part of the data while it loads, and a
failure part-way leaves what was loaded so far. Loading into the graphs of existing documents merges
quads (they are sets); it does not replace a document like ``put_document`` does. When the data has
documents but no facts graph, call ``store.refresh_facts()`` afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from pyoxigraph import NamedNode, RdfFormat, Store

from kg.graph.store import StoreError

Source = str | Path | bytes | bytearray | IO[bytes]


def rdf_format(fmt: RdfFormat | str | None, path: Path | None = None) -> RdfFormat:
    """An ``RdfFormat`` from a format, an extension (``nq``, ``ttl``...) or a media type; else from ``path``."""
    if isinstance(fmt, RdfFormat):
        return fmt
    if fmt:
        found = RdfFormat.from_media_type(fmt) if "/" in fmt else RdfFormat.from_extension(fmt.lstrip("."))
        if found is None:
            raise ValueError(f"unknown RDF format {fmt!r}")
        return found
    if path is not None:
        found = RdfFormat.from_extension(path.suffix.lstrip("."))
        if found is not None:
            return found
    raise ValueError("cannot tell the RDF format: pass format= (e.g. 'nq', 'ttl')")


def _engine(store: Any) -> Store | None:
    engine = getattr(store, "engine", None) or getattr(store, "_store", None)
    return engine if isinstance(engine, Store) else None


def bulk_load(
    store: Any, source: Source, format: RdfFormat | str | None = None, *, graph: str | None = None
) -> None:
    """Load RDF into ``store`` with Oxigraph's bulk loader.

    ``source`` is a path (``str`` or ``Path``), the data itself (``bytes``) or a binary file object.
    ``format`` is an ``RdfFormat``, an extension or a media type; for a path it defaults to the one its
    extension names. Triples of a triple format (Turtle, N-Triples...) go to ``graph`` (default graph when
    None). A remote store (no embedded engine) is sent the data with its own ``load``.
    """
    if getattr(store, "read_only", False):
        raise StoreError("store opened read-only")
    path = Path(source) if isinstance(source, (str, Path)) else None
    fmt = rdf_format(format, path)
    if path is not None and not path.is_file():
        raise StoreError(f"{path}: no such file")
    engine = _engine(store)
    target = NamedNode(graph) if graph else None
    if engine is None:
        data = path.read_bytes() if path is not None else _read(source)
        store.load(data, fmt, graph)
        return
    if path is not None:
        engine.bulk_load(path=str(path), format=fmt, to_graph=target)
    else:
        engine.bulk_load(
            bytes(source) if isinstance(source, bytearray) else source, format=fmt, to_graph=target
        )


def _read(source: Any) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    return source.read()
