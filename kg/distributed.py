"""Extraction on a Dask cluster: ``kg build --engine dask [--scheduler tcp://HOST:PORT]``.

Each task extracts one partition of documents (a few hundred) with :func:`kg.parallel.extract_batch` on
a Dask worker, which loads the spaCy pipelines once and keeps them. Results come back to the process that
runs ``kg build``; that process resolves entities in input order and writes to the store (embedded or a
remote SPARQL server), exactly as with local workers, so the graph is the same.

Workers need kg installed (same version as the client, with its models); nothing else is shared. Without
a scheduler address a local cluster of worker processes is started on 127.0.0.1 and stopped at the end.
See docs/scale.md for running on several machines.
"""

from __future__ import annotations

import logging
from typing import Any

from kg.parallel import DocInput, default_workers, extract_batch, load_pipelines
from kg.resolve.gazetteer import Gazetteer, default_gazetteer


class DaskEngineError(RuntimeError):
    """Dask is missing, or the scheduler cannot be reached."""


class DaskEngine:
    """Runs extraction partitions as Dask tasks; ``submit`` returns Dask futures.

    ``client``: an existing ``dask.distributed.Client`` (left open by :meth:`close`); else ``scheduler``:
    the address of a running scheduler; else a ``LocalCluster`` of ``workers`` processes (one thread
    each) is started. At most ``in_flight_per_thread`` partitions per worker thread are out at once.
    """

    def __init__(
        self,
        client: Any = None,
        *,
        scheduler: str | None = None,
        workers: int | None = None,
        gazetteer: Gazetteer | None = None,
        in_flight_per_thread: int = 2,
        timeout: float = 30.0,
        warm_up: bool = True,
    ) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - the scale extra is not installed
            raise DaskEngineError("Dask is not installed: pip install 'kg[scale]'") from None
        self._cluster: Any = None
        self._own_client = client is None
        if client is None:
            if scheduler:
                try:
                    client = Client(scheduler, timeout=timeout)
                except (OSError, TimeoutError) as exc:
                    raise DaskEngineError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
            else:
                self._cluster = LocalCluster(
                    n_workers=workers or default_workers(),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                client = Client(self._cluster)
        self.client = client
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            self.close()
            raise DaskEngineError(f"no Dask worker joined the scheduler within {timeout:.0f} s") from None
        self.max_in_flight = max(2, self.threads() * in_flight_per_thread)
        custom = gazetteer is not None and gazetteer is not default_gazetteer()
        self._gazetteer = client.scatter(gazetteer, broadcast=True) if custom else None
        if warm_up:
            client.run(load_pipelines)

    def threads(self) -> int:
        """Worker threads in the cluster now."""
        workers = self.client.scheduler_info().get("workers", {})
        return sum(int(w.get("nthreads", 1)) for w in workers.values()) or 1

    def submit(self, items: list[DocInput]) -> Any:
        """Extract one partition on the cluster (a Dask future of the outcomes)."""
        return self.client.submit(extract_batch, items, self._gazetteer, pure=False)

    def close(self) -> None:
        """Disconnect (and stop the local cluster when this engine started it)."""
        if self._own_client and self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
