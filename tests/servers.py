"""Real servers for tests, on 127.0.0.1 and free ports: Oxigraph server, Virtuoso and ``kg serve``.

Each ``start_*`` function returns a running :class:`ServerProcess` (stop it with ``stop()``); the
``*_unavailable`` functions say why a server cannot run here (tests skip with that reason).
Install commands: ``pip install oxigraph`` (the ``oxigraph`` command) and
``apt-get install -y virtuoso-opensource`` (``virtuoso-t`` and ``isql-vt``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port nobody listens on right now (on 127.0.0.1)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ServerProcess:
    """A server started by a test: its process, the URL to use and its log file."""

    name: str
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def log_tail(self, lines: int = 15) -> str:
        """The end of the server's log (for failure messages)."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Ask the server to stop (SIGTERM), then kill it if it has not stopped within 20 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def _which(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    beside_python = Path(sys.executable).parent / name
    return str(beside_python) if beside_python.exists() else None


def wait_until_up(server: ServerProcess, probe: str, timeout: float = START_TIMEOUT) -> None:
    """Wait until ``probe`` answers HTTP (any status); fail with the log if the process dies or stalls."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(probe, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{server.name} did not answer within {timeout:g} s:\n{server.log_tail()}")


def _spawn(
    name: str, args: list[str], log: Path, url: str, env: dict[str, str] | None = None
) -> ServerProcess:
    fh = log.open("wb")
    process = subprocess.Popen(args, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    fh.close()
    return ServerProcess(name, process, url, log)


# ---------------------------------------------------------------------------------------------- Oxigraph
def oxigraph_unavailable() -> str | None:
    """Why the Oxigraph server cannot run here, or None."""
    if _which("oxigraph") is None:
        return "the oxigraph server is not installed (pip install oxigraph)"
    return None


def start_oxigraph(directory: Path, *, union_default_graph: bool = True) -> ServerProcess:
    """``oxigraph serve`` on a fresh on-disk store; ``url`` is its query endpoint (``/query``)."""
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    args = [
        _which("oxigraph") or "oxigraph",
        "serve",
        "--location",
        str(directory / "data"),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if union_default_graph:
        args.append("--union-default-graph")
    server = _spawn("oxigraph", args, directory / "oxigraph.log", f"http://127.0.0.1:{port}/query")
    wait_until_up(server, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
    return server


# ---------------------------------------------------------------------------------------------- Virtuoso
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1
MaxClientConnections = 8
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 0
"""


def _isql() -> str | None:
    return _which("isql-vt") or _which("isql")


def virtuoso_unavailable() -> str | None:
    """Why Virtuoso cannot run here, or None."""
    if _which("virtuoso-t") is None or _isql() is None:
        return "Virtuoso is not installed (apt-get install -y virtuoso-opensource)"
    return None


def start_virtuoso(directory: Path) -> ServerProcess:
    """A fresh Virtuoso database listening on 127.0.0.1 only; the SPARQL user may update (for tests).

    ``url`` is the SPARQL endpoint (``/sparql``, queries and updates).
    """
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
    args = [_which("virtuoso-t") or "virtuoso-t", "+foreground", "+configfile", str(ini)]
    server = _spawn(
        "virtuoso", args, directory / "virtuoso-console.log", f"http://127.0.0.1:{http_port}/sparql"
    )
    wait_until_up(server, f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D")
    grant = subprocess.run(
        [
            _isql() or "isql-vt",
            f"127.0.0.1:{sql_port}",
            "dba",
            "dba",
            'exec=GRANT SPARQL_UPDATE TO "SPARQL";',
        ],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    if grant.returncode != 0 or "Error" in grant.stdout + grant.stderr:
        server.stop()
        raise RuntimeError(f"cannot grant SPARQL_UPDATE: {grant.stdout}{grant.stderr}")
    return server


# ---------------------------------------------------------------------------------------------- kg serve
def start_kg_serve(store: str, directory: Path, *options: str) -> ServerProcess:
    """``python -m kg.serve --store STORE`` on a free port; ``url`` is the server root (ends with /)."""
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    args = [sys.executable, "-m", "kg.serve", "--store", store, "--port", str(port), *options]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = _spawn("kg serve", args, directory / "kg-serve.log", f"http://127.0.0.1:{port}/", env)
    wait_until_up(server, f"http://127.0.0.1:{port}/prefixes.json")
    return server
