"""Query workers: separate processes that each hold the store open read-only and answer one query at a time.

A query that runs past the time limit cannot be interrupted inside the query engine, so its worker
process is killed and replaced: the CPU it used is freed at once and the other workers go on serving.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

START_TIMEOUT = 60.0  # seconds a new worker may take to open the store


@dataclass
class Job:
    """One query to answer: its text and how the client wants the result."""

    query: str
    accept: str | None = None
    fmt: str | None = None


@dataclass
class Answer:
    """An HTTP answer computed by a worker (or by the pool when the worker failed)."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class WorkerStartError(RuntimeError):
    """A worker could not open the store."""


def plain(status: int, message: str, headers: dict[str, str] | None = None) -> Answer:
    """A one-line text/plain answer."""
    return Answer(status, "text/plain", (message.rstrip() + "\n").encode("utf-8"), headers or {})


def answer_job(store: Any, job: Job, max_rows: int) -> Answer:
    """Run ``job`` on ``store`` and serialise the result (this runs inside a worker process)."""
    from kg.graph.namespaces import prefixes
    from kg.graph.store import StoreError
    from kg.serve.formats import NotAcceptable, choose_format, render, result_kind

    try:
        result = store.query(job.query)
        name = choose_format(result_kind(result), job.accept, job.fmt)
        payload = render(result, name, max_rows, prefixes(store.base))
    except SyntaxError as exc:
        return plain(400, f"malformed query: {_one_line(exc)}")
    except NotAcceptable as exc:
        return plain(406, str(exc))
    except StoreError as exc:
        return plain(502, f"store error: {_one_line(exc)}")
    except Exception as exc:  # noqa: BLE001 - a worker answers every job, whatever the engine raises
        return plain(500, f"query failed: {_one_line(exc)}")
    headers = {"X-KG-Rows": str(payload.rows)}
    if payload.truncated:
        headers["X-KG-Truncated"] = "true"
        headers["X-KG-Row-Limit"] = str(max_rows)
    return Answer(200, payload.media_type, payload.body, headers)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _worker_main(location: str, max_rows: int, inbox: Connection, outbox: Connection) -> None:
    """Body of a worker process: open the store, then answer jobs until the pipe closes."""
    from kg.graph.store import StoreError, open_store

    try:
        store = open_store(location, read_only=True)
    except (StoreError, OSError) as exc:
        outbox.send(("fatal", _one_line(exc)))
        return
    outbox.send(("ready", ""))
    while True:
        try:
            job = inbox.recv()
        except (EOFError, OSError):
            break
        try:
            outbox.send(answer_job(store, job, max_rows))
        except OSError:  # the server went away
            break
    store.close()


class Worker:
    """One worker process (a fresh Python running ``worker_entry``) and the two pipes to it.

    A plain subprocess rather than ``multiprocessing.Process``: it never re-imports the caller's main
    module, so a script that starts a server needs no ``if __name__ == "__main__"`` guard.
    """

    def __init__(self, location: str, max_rows: int) -> None:
        to_child, from_parent = os.pipe()
        from_child, to_parent = os.pipe()
        root = str(Path(__file__).resolve().parents[2])
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p),
        }
        boot = "from kg.serve.worker import worker_entry; worker_entry()"
        args = [sys.executable, "-c", boot, str(to_child), str(to_parent), location, str(max_rows)]
        try:
            self.process = subprocess.Popen(
                args, pass_fds=(to_child, to_parent), env=env, stdin=subprocess.DEVNULL
            )
        finally:
            os.close(to_child)
            os.close(to_parent)
        self.outbox = Connection(from_parent, readable=False)
        self.inbox = Connection(from_child, writable=False)
        if not self.inbox.poll(START_TIMEOUT):
            self.kill()
            raise WorkerStartError(f"{location}: the query worker did not start within {START_TIMEOUT:g} s")
        try:
            kind, message = self.inbox.recv()
        except (EOFError, OSError):
            kind, message = "fatal", f"{location}: the query worker stopped while opening the store"
        if kind != "ready":
            self.kill()
            raise WorkerStartError(message)

    @property
    def pid(self) -> int:
        return self.process.pid

    def run(self, job: Job, timeout: float) -> Answer | None:
        """The answer to ``job``, or None when it took longer than ``timeout`` seconds."""
        self.outbox.send(job)
        if not self.inbox.poll(timeout):
            return None
        return self.inbox.recv()

    def kill(self) -> None:
        """Stop the process at once (a query in progress is abandoned)."""
        if self.process.poll() is None:
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5)
        self.outbox.close()
        self.inbox.close()


class WorkerPool:
    """A fixed number of workers; a query waits for a free one, and a slow one is replaced."""

    def __init__(self, location: str, size: int, timeout: float, max_rows: int) -> None:
        self.location, self.timeout, self.max_rows = location, timeout, max_rows
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, size)):
            self._add(Worker(location, max_rows))

    def _add(self, worker: Worker) -> None:
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

        def start() -> None:
            with contextlib.suppress(WorkerStartError):  # the store vanished: later requests get 503
                self._add(Worker(self.location, self.max_rows))

        threading.Thread(target=start, daemon=True, name="kg-serve-respawn").start()

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._lock:
            return [w.pid for w in self._all]

    def submit(self, job: Job) -> Answer:
        """Answer ``job`` within the time limit (waiting for a free worker counts), else 503."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return plain(
                503, f"server busy: no query worker free within {self.timeout:g} s", {"Retry-After": "5"}
            )
        try:
            answer = worker.run(job, max(0.05, deadline - time.monotonic()))
        except Exception:  # noqa: BLE001 - a broken pipe, a dead worker or an unreadable answer
            answer = plain(500, "the query worker stopped unexpectedly")
            self._replace(worker)
            return answer
        if answer is None:
            self._replace(worker)
            return plain(
                503, f"query timed out: it ran longer than the {self.timeout:g} s limit", {"Retry-After": "5"}
            )
        self._idle.put(worker)
        return answer

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


def worker_entry() -> None:  # pragma: no cover - runs in the worker process
    """Entry point of a worker process: ``FD_IN FD_OUT LOCATION MAX_ROWS`` in ``sys.argv``."""
    fd_in, fd_out, location, max_rows = sys.argv[1:5]
    inbox, outbox = Connection(int(fd_in), writable=False), Connection(int(fd_out), readable=False)
    _worker_main(location, int(max_rows), inbox, outbox)
