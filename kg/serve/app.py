"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a kg store, with a query page.

Routes (``/query`` is an alias of ``/sparql``, so a kg ``RemoteStore`` can point at this server):

* ``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded ``query=...`` or ``application/sparql-query``);
  results by content negotiation (``Accept``) or a ``format`` parameter: SPARQL JSON, XML, CSV, TSV for
  SELECT/ASK; Turtle, N-Triples, RDF/XML, JSON-LD, N3 for CONSTRUCT/DESCRIBE;
* ``GET /store?graph=IRI`` (or ``?default`` for the union of all graphs): Graph Store Protocol reads;
* ``GET /``: an HTML query page (assets bundled in ``kg/serve/static``, no network access).

Read-only: SPARQL Update (an ``update`` parameter, ``application/sparql-update``, ``/update``) and Graph
Store writes (PUT, POST, DELETE, PATCH) are refused with 403. Limits: a query time limit (503), a result
row limit (the answer is cut and says so in ``X-KG-Truncated``), a request size limit (413). Queries run
in worker processes that hold the store open read-only; a worker past the time limit is killed.
"""

from __future__ import annotations

import ipaddress
import json
import re
import signal
import sys
import time
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Annotated, Any

import typer

from kg.graph.namespaces import base_iri, prefixes
from kg.graph.store import DEFAULT_STORE, StoreError, open_store
from kg.serve.worker import Answer, Job, WorkerPool, WorkerStartError, plain

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7879
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_REQUEST_BYTES = 256 * 1024
DEFAULT_WORKERS = 2
DRAIN_LIMIT = 16 * 1024 * 1024  # a refused body up to this size is read and dropped before answering
QUERY_PATHS = ("/sparql", "/query")
STORE_PATH = "/store"
WRITE_PATHS = ("/update", "/statements")
STATIC_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'"
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


class ServeError(RuntimeError):
    """The endpoint cannot start (store missing, port taken...)."""


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    if host.strip("[]") in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def static_files() -> dict[str, tuple[str, bytes]]:
    """The query page's assets (name -> (media type, bytes)), read once from the package."""
    root = resources.files("kg.serve") / "static"
    out: dict[str, tuple[str, bytes]] = {}
    for item in root.iterdir():
        suffix = "." + item.name.rsplit(".", 1)[-1] if "." in item.name else ""
        if item.is_file() and suffix in STATIC_TYPES:
            out[item.name] = (STATIC_TYPES[suffix], item.read_bytes())
    return out


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the worker pool and the limits the handler applies."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        location: str,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_rows: int = DEFAULT_MAX_ROWS,
        max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
        workers: int = DEFAULT_WORKERS,
        cors_origin: str | None = None,
        quiet: bool = False,
    ) -> None:
        if timeout <= 0 or max_rows <= 0 or max_request_bytes <= 0 or workers <= 0:
            raise ServeError("--timeout, --max-rows, the request limit and --workers must be positive")
        check_store(location)
        self.location = location
        self.query_timeout, self.max_rows, self.max_request_bytes = timeout, max_rows, max_request_bytes
        self.cors_origin = cors_origin
        self.quiet = quiet
        self.loopback_only = is_loopback(host)
        self.static = static_files()
        self.prefixes_json = json.dumps(prefixes(base_iri()), indent=1).encode("utf-8")
        try:
            super().__init__((host, port), SparqlHandler)
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        try:
            self.pool = WorkerPool(location, workers, timeout, max_rows)
        except WorkerStartError as exc:
            self.server_close()
            raise ServeError(str(exc)) from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"

    def shutdown_all(self) -> None:
        """Stop accepting requests and stop the workers."""
        self.shutdown()
        self.server_close()
        self.pool.close()


def check_store(location: str) -> None:
    """Open the store read-only once, so a missing or unreadable store fails at start with one line."""
    try:
        store = open_store(location, read_only=True)
    except StoreError as exc:
        raise ServeError(str(exc)) from None
    try:
        if location.startswith(("http://", "https://")):
            store.query("ASK { }")
    except (StoreError, SyntaxError) as exc:
        raise ServeError(f"{location}: the SPARQL endpoint does not answer ({exc})") from None
    finally:
        store.close()


class SparqlHandler(BaseHTTPRequestHandler):
    """One HTTP request (the server runs each in its own thread)."""

    server: SparqlServer
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds an idle or slow connection may hold its thread

    # ---------------------------------------------------------------------------------- dispatch
    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_OPTIONS(self) -> None:
        self._dispatch("OPTIONS")

    def _dispatch(self, method: str) -> None:
        self._started = time.monotonic()
        self._head_only = method == "HEAD"
        self._body_consumed = False
        path, _, query_string = self.path.partition("?")
        try:
            answer = self._answer(method, path, query_string)
        except Exception as exc:  # noqa: BLE001 - one line to the client, never a traceback
            self.close_connection = True
            answer = plain(500, f"internal error: {type(exc).__name__}: {exc}")
        if not self._body_consumed:
            self._discard_body()
        self._send(answer)

    def _answer(self, method: str, path: str, query_string: str) -> Answer:
        if not self._host_allowed():
            return plain(
                403, "forbidden: unexpected Host header (the endpoint only answers on a loopback name)"
            )
        if len(self.path) > self.server.max_request_bytes:
            return plain(413, f"request too large: the URL exceeds {self.server.max_request_bytes} bytes")
        if method == "OPTIONS":
            return Answer(204, "text/plain", b"", {"Allow": "GET, HEAD, POST, OPTIONS"})
        if path in WRITE_PATHS:
            return plain(403, "read-only endpoint: SPARQL Update is not allowed")
        if path == STORE_PATH:
            if method not in ("GET", "HEAD"):
                return plain(403, f"read-only endpoint: Graph Store {method} is not allowed")
            return self._graph_store(query_string)
        if path in QUERY_PATHS:
            return self._sparql(method, query_string)
        if method not in ("GET", "HEAD"):
            return plain(405, f"{method} is not allowed on {path}", {"Allow": "GET, HEAD"})
        return self._static(path)

    # ---------------------------------------------------------------------------------- SPARQL
    def _sparql(self, method: str, query_string: str) -> Answer:
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if method in ("GET", "HEAD"):
            return self._run_params(params)
        if method != "POST":
            return plain(
                403 if method in ("PUT", "DELETE", "PATCH") else 405,
                f"{method} is not allowed on a read-only SPARQL endpoint",
                {"Allow": "GET, HEAD, POST"},
            )
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            self._discard_body()
            return plain(403, "read-only endpoint: SPARQL Update is not allowed")
        body, error = self._read_body()
        if error:
            return error
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            return self._run_params({**params, **form})
        if ctype == "application/sparql-query":
            if "update" in params:
                return plain(403, "read-only endpoint: SPARQL Update is not allowed")
            return self._run(body.decode("utf-8", "replace"), params)
        return plain(415, "POST a form (application/x-www-form-urlencoded) or application/sparql-query")

    def _run_params(self, params: dict[str, list[str]]) -> Answer:
        if "update" in params:
            return plain(403, "read-only endpoint: SPARQL Update is not allowed")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return plain(400, "give exactly one non-empty 'query' parameter")
        return self._run(queries[0], params)

    def _run(self, sparql: str, params: dict[str, list[str]]) -> Answer:
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return plain(
                400, "default-graph-uri and named-graph-uri are not supported: use FROM or GRAPH in the query"
            )
        fmt = (params.get("format") or params.get("output") or [None])[0]
        return self.server.pool.submit(Job(sparql, self.headers.get("Accept"), fmt))

    def _graph_store(self, query_string: str) -> Answer:
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if "default" in params and "graph" not in params:
            sparql = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        elif len(params.get("graph", [])) == 1 and re.fullmatch(r"[^\s<>\"{}|^`\\]+", params["graph"][0]):
            sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{params['graph'][0]}> {{ ?s ?p ?o }} }}"
        else:
            return plain(400, "give ?graph=IRI or ?default")
        fmt = (params.get("format") or [None])[0]
        return self.server.pool.submit(Job(sparql, self.headers.get("Accept"), fmt))

    # ---------------------------------------------------------------------------------- request body
    def _read_body(self) -> tuple[bytes, Answer | None]:
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            self.close_connection = True
            return b"", plain(411, "send a Content-Length (chunked requests are not accepted)")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            self.close_connection = True
            return b"", plain(411, "send a Content-Length")
        try:
            length = int(length_text)
        except ValueError:
            self.close_connection = True
            return b"", plain(400, "bad Content-Length")
        if length < 0:
            self.close_connection = True
            return b"", plain(400, "bad Content-Length")
        if length > self.server.max_request_bytes:
            self._discard_body()
            self.close_connection = True
            return b"", plain(
                413, f"request too large: {length} bytes (limit {self.server.max_request_bytes})"
            )
        self._body_consumed = True
        return self.rfile.read(length), None

    def _discard_body(self) -> None:
        """Read and drop a body we will not use (up to DRAIN_LIMIT), so the client can read our answer."""
        self._body_consumed = True
        if self.headers.get("Transfer-Encoding", "").lower() not in ("", "identity"):
            self.close_connection = True
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > DRAIN_LIMIT:
            self.close_connection = True
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                break
            length -= len(chunk)

    # ---------------------------------------------------------------------------------- pages
    def _static(self, path: str) -> Answer:
        if path in ("/", "/index.html"):
            name = "index.html"
        elif path == "/prefixes.json":
            return Answer(200, "application/json", self.server.prefixes_json)
        elif path.startswith("/static/"):
            name = path[len("/static/") :]
        else:
            return plain(404, f"not found: {path} (the SPARQL endpoint is /sparql)")
        if name not in self.server.static:
            return plain(404, f"not found: {path}")
        media, body = self.server.static[name]
        headers = {"Content-Security-Policy": PAGE_POLICY} if media == "text/html" else {}
        return Answer(200, media, body, headers)

    def _host_allowed(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        if not host:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name in _LOOPBACK_NAMES or is_loopback(name)

    # ---------------------------------------------------------------------------------- response
    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        charset = (
            "; charset=utf-8"
            if answer.media_type.startswith("text/")
            or "json" in answer.media_type
            or "xml" in answer.media_type
            else ""
        )
        self.send_header("Content-Type", answer.media_type + charset)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        if self.server.cors_origin:
            self.send_header("Access-Control-Allow-Origin", self.server.cors_origin)
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Expose-Headers", "X-KG-Rows, X-KG-Truncated, X-KG-Row-Limit")
        for key, value in answer.headers.items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not self._head_only:
            self.wfile.write(answer.body)
        self._last_status = answer.status

    def log_error(self, format: str, *args: Any) -> None:
        """Protocol errors (bad request lines...), unless the server is quiet."""
        if not self.server.quiet:
            super().log_error(format, *args)

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        """One line per request: method, path (query text cut), status and time."""
        if self.server.quiet:
            return
        ms = (time.monotonic() - getattr(self, "_started", time.monotonic())) * 1000
        status = code.value if isinstance(code, HTTPStatus) else code
        path = self.path if len(self.path) <= 120 else self.path[:117] + "..."
        sys.stderr.write(f"{self.log_date_time_string()} {self.command} {path} {status} {ms:.0f} ms\n")


# ---------------------------------------------------------------------------------------------- CLI
StoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        "-s",
        help="Store location: a directory, ':memory:' or an http(s) SPARQL endpoint.",
        envvar="KG_STORE",
    ),
]


def serve_command(
    store: StoreOpt = str(DEFAULT_STORE),
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback only by default).")
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = DEFAULT_PORT,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a query may run before it is stopped (503).")
    ] = DEFAULT_TIMEOUT,
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="Most rows (or triples) in one answer; the rest is cut.")
    ] = DEFAULT_MAX_ROWS,
    workers: Annotated[
        int, typer.Option("--workers", help="Queries answered at the same time (worker processes).")
    ] = DEFAULT_WORKERS,
    cors_origin: Annotated[
        str | None,
        typer.Option("--cors-origin", help="Allow browser pages from this origin (e.g. '*') to query."),
    ] = None,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint, with a query page at /.

    Example: kg serve --store .kg/store --port 7879  (then open http://127.0.0.1:7879/)
    """
    err = _stderr()
    if not is_loopback(host):
        err.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this machine can query the graph",
            highlight=False,
            soft_wrap=True,
        )
    try:
        server = SparqlServer(
            store, host, port, timeout=timeout, max_rows=max_rows, workers=workers, cors_origin=cors_origin
        )
    except ServeError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(
        f"SPARQL endpoint {server.url}sparql (query page {server.url}); read-only; "
        f"time limit {timeout:g} s, at most {max_rows} rows. Ctrl+C stops.",
        highlight=False,
        soft_wrap=True,
    )
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.pool.close()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True)
