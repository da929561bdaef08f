"""Scale benchmarks of kg: throughput against bare spaCy, 1 vs 2 workers, a large build, a re-run, a profile.

    python benchmarks/scale/run.py                      # everything, 10,000-article build (the full run)
    python benchmarks/scale/run.py --build-docs 2000    # what fits on a busy machine
    python benchmarks/scale/run.py --only throughput workers --throughput-words 20000

Parts (``--only``), each measured side by side in one process run and written to ``results.json`` (parts
not run keep their previous figures) and ``results.md`` here:

throughput  per language, on the same generated texts, interleaved runs (median of ``--runs``):
            ``bare``  ``nlp.pipe`` of ``kg.nlp.load_pipeline(lang)`` (the spaCy pipeline kg runs, with its
                      gazetteer ruler and entity component);
            ``model`` ``nlp.pipe`` of ``spacy.load(model_name(lang))`` (the spaCy model alone);
            ``kg``    what ``kg build --workers 1`` does before RDF: parse, extract, resolve
                      (``InlineEngine`` + ``resolve_extraction``).  Target: kg / bare >= 0.8.
workers     ``build_store`` of the same mixed corpus into ``:memory:`` with 1 and 2 workers, the pools
            started and warm before timing (their start-up is reported apart). Target: speed-up >= 1.6.
build       ``kg build CORPUS --workers W --quiet`` as a subprocess on a generated corpus of
            ``--build-docs`` articles into a fresh on-disk store: wall time, documents/s, peak RSS of the
            whole process tree (sampled every 0.2 s) and of the main process, store size; then the same
            command again (everything skipped). Targets: peak RSS <= 2 GB, re-run < 5% of the build.
profile     cProfile of an in-process 1-worker build of ``--profile-docs`` articles and of its re-run:
            time per stage.
store_memory  RSS while ``--memory-docs`` documents are written to an on-disk store, flushed every
            ``kg.build.FLUSH_EVERY`` documents (as ``build_store`` does) or never.

The machine is shared: load averages before and after each part are recorded with the results.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

PARTS = ["throughput", "workers", "build", "profile", "store_memory"]
TARGETS = {"kg_vs_bare": 0.8, "speedup_2_workers": 1.6, "peak_rss_gb": 2.0, "rerun_share": 0.05}


# ---------------------------------------------------------------------------------------------- machine
def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import psutil
    import spacy

    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from kg.nlp import model_name

    return {
        "cpu": cpu,
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "models": {"en": model_name("en"), "it": Path(model_name("it")).name},
        "note": "shared machine: other jobs were running; see the load averages of each part",
    }


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def tree_cpu() -> dict[int, float]:
    """CPU seconds (user + system) used so far by this process and each live descendant, by pid."""
    import psutil

    out: dict[int, float] = {}
    me = psutil.Process()
    for p in [me, *me.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            out[p.pid] = t.user + t.system
    return out


def cpu_delta(before: dict[int, float], after: dict[int, float]) -> dict[int, float]:
    """CPU seconds each process used between two ``tree_cpu`` readings."""
    return {pid: after[pid] - before.get(pid, 0.0) for pid in after}


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# ---------------------------------------------------------------------------------------------- throughput
def texts_of(lang: str, n_words: int) -> list[str]:
    """Generated articles in ``lang``, about ``n_words`` words in all."""
    texts: list[str] = []
    for rec in generate.generate(10**6, seed=21, italian=1.0 if lang == "it" else 0.0):
        texts.append(rec["text"])
        if words(texts) >= n_words:
            break
    return texts


def throughput_variants(lang: str, texts: list[str], batch: int) -> dict[str, Callable[[], None]]:
    """The three ways of processing ``texts`` that are compared."""
    import spacy

    from kg.ingest.read import make_document
    from kg.nlp import load_pipeline, model_name
    from kg.parallel import DocInput, InlineEngine, resolve_extraction
    from kg.resolve.resolver import Resolver

    docs = [make_document(f"t{i}", t, lang=lang) for i, t in enumerate(texts)]
    kg_nlp, model = load_pipeline(lang), spacy.load(model_name(lang))

    def pipe(nlp: Any) -> None:
        for _ in nlp.pipe(texts, batch_size=batch):
            pass

    def kg() -> None:
        engine, resolver = InlineEngine(), Resolver()
        for i in range(0, len(docs), batch):
            part = docs[i : i + batch]
            for d, o in zip(part, engine.submit([DocInput.of(d) for d in part]).result(), strict=True):
                resolve_extraction(o, d, resolver)

    return {"bare": lambda: pipe(kg_nlp), "model": lambda: pipe(model), "kg": kg}


def throughput(n_words: int, runs: int, batch: int) -> dict[str, Any]:
    """kg vs bare spaCy, per language, interleaved runs on the same texts."""
    out: dict[str, Any] = {"load_before": load(), "runs": runs, "batch_size": batch}
    for lang in ("en", "it"):
        texts = texts_of(lang, n_words)
        variants = throughput_variants(lang, texts, batch)
        for f in variants.values():  # warm-up: one full pass each
            f()
        times: dict[str, list[float]] = {k: [] for k in variants}
        cpu: dict[str, list[float]] = {k: [] for k in variants}
        for _ in range(runs):
            for name, f in variants.items():
                t, c = time.perf_counter(), time.process_time()
                f()
                times[name].append(time.perf_counter() - t)
                cpu[name].append(time.process_time() - c)
        w = words(texts)
        speed = {k: round(w / statistics.median(v), 1) for k, v in times.items()}
        cpu_speed = {k: round(w / statistics.median(v), 1) for k, v in cpu.items()}
        out[lang] = {
            "documents": len(texts),
            "words": w,
            "words_per_s": speed,
            "words_per_cpu_s": cpu_speed,
            "seconds": {k: [round(x, 2) for x in v] for k, v in times.items()},
            "cpu_seconds": {k: [round(x, 2) for x in v] for k, v in cpu.items()},
            "kg_vs_bare": round(speed["kg"] / speed["bare"], 3),
            "kg_vs_model": round(speed["kg"] / speed["model"], 3),
            "kg_vs_bare_cpu": round(cpu_speed["kg"] / cpu_speed["bare"], 3),
            "kg_vs_model_cpu": round(cpu_speed["kg"] / cpu_speed["model"], 3),
        }
        print(
            f"throughput {lang}: {speed} ratio {out[lang]['kg_vs_bare']} cpu {cpu_speed} "
            f"ratio {out[lang]['kg_vs_bare_cpu']}",
            flush=True,
        )
    out["load_after"] = load()
    return out


# ---------------------------------------------------------------------------------------------- workers
def workers(n_docs: int, runs: int, batch: int) -> dict[str, Any]:
    """1 vs 2 workers on the same corpus, pools warm, interleaved."""
    from kg.build import build_store
    from kg.graph.store import OxigraphStore
    from kg.ingest.read import make_document
    from kg.parallel import DocInput, InlineEngine, ProcessEngine

    recs = list(generate.generate(n_docs, seed=31))
    docs = [make_document(r["id"], r["text"], lang=r["lang"], published=r["published"]) for r in recs]
    w = words([d.text for d in docs])
    out: dict[str, Any] = {"documents": n_docs, "words": w, "load_before": load(), "batch_size": batch}
    t = time.perf_counter()
    pool = ProcessEngine(2)
    # one tiny batch per worker at once, twice: both processes are up with their pipelines loaded
    for _ in range(2):
        fs = [pool.submit([DocInput("Nvidia invested in OpenAI.", "en")]) for _ in range(4)]
        [f.result() for f in fs]
    out["pool_start_seconds"] = round(time.perf_counter() - t, 2)
    InlineEngine().submit([DocInput("Nvidia invested in OpenAI.", "en"), DocInput("Nvidia investe.", "it")])
    times: dict[str, list[float]] = {"1": [], "2": []}
    cpu: dict[str, list[float]] = {"1": [], "2": []}
    busiest: dict[str, list[float]] = {"1": [], "2": []}  # CPU seconds of the busiest process
    quads: dict[str, int] = {}
    try:
        for _ in range(runs):
            for name, engine in (("1", InlineEngine()), ("2", pool)):
                store = OxigraphStore(None)
                t, c = time.perf_counter(), tree_cpu()
                build_store(store, iter(docs), engine=engine, batch_size=batch)
                times[name].append(time.perf_counter() - t)
                used = cpu_delta(c, tree_cpu())
                cpu[name].append(sum(used.values()))
                busiest[name].append(max(used.values()))
                quads[name] = len(store)
    finally:
        pool.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    c1, c2, b2 = (statistics.median(v) for v in (cpu["1"], cpu["2"], busiest["2"]))
    out.update(
        {
            "seconds": {k: [round(x, 2) for x in v] for k, v in times.items()},
            "cpu_seconds": {k: [round(x, 2) for x in v] for k, v in cpu.items()},
            "busiest_process_cpu_seconds": {k: [round(x, 2) for x in v] for k, v in busiest.items()},
            "cpus_used": {
                k: round(statistics.median(c / t for c, t in zip(cpu[k], times[k], strict=True)), 2)
                for k in times
            },
            "words_per_s": {k: round(w / v, 1) for k, v in med.items()},
            "documents_per_s": {k: round(n_docs / v, 2) for k, v in med.items()},
            "speedup_2_workers": round(med["1"] / med["2"], 3),
            "cpu_seconds_ratio_2_vs_1": round(c2 / c1, 3),
            # on 2 idle cores the 2-worker build cannot take less than half its CPU work, nor less than its
            # busiest process: the speed-up the CPU figures allow
            "speedup_2_workers_cpu_bound": round(c1 / max(c2 / 2, b2), 3),
            "same_quad_count": quads["1"] == quads["2"],
            "load_after": load(),
        }
    )
    print(
        f"workers: {out['words_per_s']} speed-up {out['speedup_2_workers']} cpus used {out['cpus_used']}",
        flush=True,
    )
    return out


# ---------------------------------------------------------------------------------------------- build
class RssSampler:
    """Peak resident memory of a process and of its whole tree, and the CPU time of the tree, sampled in a
    thread (every process's CPU time as last seen: a process that ends loses at most one interval)."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.every = every
        self.peak_tree = 0
        self.peak_main = 0
        self.cpu: dict[int, float] = {}
        self.main_curve: list[tuple[float, int]] = []  # (seconds, MB) every 5 s
        self._t0 = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self, p: Any) -> int:
        import psutil

        try:
            with p.oneshot():
                t = p.cpu_times()
                self.cpu[p.pid] = t.user + t.system
                return p.memory_info().rss
        except psutil.Error:
            return 0

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                children = self.proc.children(recursive=True)
            except psutil.Error:
                break
            main = self._sample(self.proc)
            tree = main + sum(self._sample(c) for c in children)
            self.peak_main = max(self.peak_main, main)
            self.peak_tree = max(self.peak_tree, tree)
            elapsed = time.perf_counter() - self._t0
            if not self.main_curve or elapsed - self.main_curve[-1][0] >= 5:
                self.main_curve.append((round(elapsed, 1), main >> 20))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def timed_command(cmd: list[str]) -> dict[str, Any]:
    """Run ``cmd``; wall time, peak RSS (tree and main process), exit code and last output line."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = RssSampler(proc.pid)
    stdout, stderr = proc.communicate()
    sampler.stop()
    seconds = time.perf_counter() - t
    cpu = sum(sampler.cpu.values())
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-2000:]}")
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 1),
        "cpus_used": round(cpu / seconds, 2),
        "peak_rss_tree_mb": round(sampler.peak_tree / 2**20),
        "peak_rss_main_mb": round(sampler.peak_main / 2**20),
        "rss_main_mb_every_5s": sampler.main_curve,
        "summary": " ".join(stdout.split()),
    }


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(n_docs: int, n_workers: int, keep: Path | None) -> dict[str, Any]:
    """``kg build`` of ``n_docs`` generated articles, then the same command again."""
    work = Path(tempfile.mkdtemp(prefix="kg-scale-"))
    try:
        corpus = work / "corpus.jsonl"
        w = generate.write_corpus(corpus, n_docs)
        store = work / "store"
        cmd = [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(corpus),
            "--store",
            str(store),
            "--workers",
            str(n_workers),
            "--quiet",
        ]
        out: dict[str, Any] = {
            "documents": n_docs,
            "words": w,
            "workers": n_workers,
            "load_before": load(),
            "command": f"kg build CORPUS.jsonl --store STORE --workers {n_workers} --quiet",
        }
        print(f"build: {n_docs} documents, {w} words ...", flush=True)
        first = timed_command(cmd)
        first["documents_per_s"] = round(n_docs / first["seconds"], 2)
        first["words_per_s"] = round(w / first["seconds"], 1)
        out["first"] = first
        out["store_mb"] = round(dir_size(store) / 2**20, 1)
        print(f"build: first {first}", flush=True)
        again = timed_command(cmd)
        out["rerun"] = again
        out["rerun_share"] = round(again["seconds"] / first["seconds"], 4)
        out["load_after"] = load()
        print(f"build: re-run {again} share {out['rerun_share']}", flush=True)
        if keep:
            shutil.copytree(store, keep, dirs_exist_ok=True)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------------------------- store memory
def store_memory(n_docs: int) -> dict[str, Any]:
    """RSS of this process while ``n_docs`` documents are written to an on-disk store, flushed every
    ``kg.build.FLUSH_EVERY`` documents or never (40 extracted articles written again under new ids)."""
    import psutil

    from kg.build import FLUSH_EVERY
    from kg.extract.pipeline import extract_documents
    from kg.graph.rdf import document_quads
    from kg.graph.store import OxigraphStore
    from kg.ingest.read import make_document

    recs = list(generate.generate(40, seed=51))
    docs = [make_document(r["id"], r["text"], lang=r["lang"]) for r in recs]
    results = list(extract_documents(docs))
    me = psutil.Process()
    out: dict[str, Any] = {"documents": n_docs, "flush_every": FLUSH_EVERY, "load_before": load()}
    for label, every in (("flushed", FLUSH_EVERY), ("never flushed", 0)):
        work = Path(tempfile.mkdtemp(prefix="kg-mem-"))
        store = OxigraphStore(work / "store")
        curve: list[tuple[int, int]] = [(0, me.memory_info().rss >> 20)]
        t = time.perf_counter()
        for n in range(1, n_docs + 1):
            r = results[n % len(results)]
            doc_id, r.document.id = r.document.id, f"{r.document.id}-{n}"
            g, quads = document_quads(r, store.base)
            store.put_document(g.value, quads)
            r.document.id = doc_id
            if every and n % every == 0:
                store.flush()
            if n % 1000 == 0:
                curve.append((n, me.memory_info().rss >> 20))
        store.close()
        out[label] = {"rss_mb_by_documents": curve, "seconds": round(time.perf_counter() - t, 1)}
        shutil.rmtree(work, ignore_errors=True)
        print(f"store memory, {label}: {curve}", flush=True)
    out["load_after"] = load()
    return out


# ---------------------------------------------------------------------------------------------- profile
STAGES = {
    "build_store": "whole build",
    "pipe": "spaCy nlp.pipe (parse, tag, NER, kg components)",
    "extract_parsed": "extraction after parsing (mentions, coreference, relations, roles)",
    "resolve_extraction": "entity resolution and triples (main process)",
    "document_quads": "RDF quads of each document",
    "put_documents": "writing batches to the store",
    "stored_hashes": "skip check (stored content hashes)",
    "seed_resolver": "seeding the resolver from the store",
    "finish": "facts graph (refresh_facts) and flush",
    "iter_documents": "reading, cleaning, hashing the input",
    "normalize_name": "name normalisation (resolver)",
}


def _stage_times(stats: pstats.Stats) -> dict[str, float]:
    out: dict[str, float] = {}
    for (path, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if func in STAGES and (func != "pipe" or path.endswith("language.py")):
            out[func] = round(out.get(func, 0.0) + ct, 2)
    return out


def profile(n_docs: int) -> dict[str, Any]:
    """cProfile of a 1-worker build and of its re-run; cumulative seconds per stage, top functions."""
    from kg.build import build_store
    from kg.graph.store import OxigraphStore
    from kg.ingest.read import iter_documents
    from kg.parallel import DocInput, extract_batch

    extract_batch([DocInput("Nvidia invested in OpenAI.", "en"), DocInput("Nvidia ha investito.", "it")])
    work = Path(tempfile.mkdtemp(prefix="kg-profile-"))
    out: dict[str, Any] = {"documents": n_docs, "load_before": load()}
    try:
        corpus = work / "corpus.jsonl"
        generate.write_corpus(corpus, n_docs, seed=41)
        for name in ("build", "rerun"):
            store = OxigraphStore(work / "store")
            pr = cProfile.Profile()
            pr.enable()
            build_store(store, iter_documents([str(corpus)]))
            pr.disable()
            store.close()
            stats = pstats.Stats(pr)
            text = io.StringIO()
            pstats.Stats(pr, stream=text).sort_stats("tottime").print_stats(15)
            top = [
                ln.strip() for ln in text.getvalue().splitlines() if ln.strip() and ln.strip()[0].isdigit()
            ]
            out[name] = {"stages": _stage_times(stats), "top_tottime": top[:15]}
            print(f"profile {name}: {out[name]['stages']}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out["load_after"] = load()
    return out


# ---------------------------------------------------------------------------------------------- report
def _spread(points: list[Any], n: int) -> list[Any]:
    """At most ``n`` of ``points``, evenly spread, the last one included."""
    if len(points) <= n:
        return points
    step = (len(points) - 1) / (n - 1)
    return [points[round(i * step)] for i in range(n)]


def markdown(res: dict[str, Any]) -> str:
    """results.md from the results."""
    m = res.get("machine", {})
    lines = [
        "# kg scale benchmarks",
        "",
        f"Last run {res.get('date', '?')}: `python benchmarks/scale/run.py {res.get('args', '')}` (each part says when"
        " it was measured; parts not run keep their earlier figures).",
        "",
        "## Machine",
        "",
        f"- CPU: {m.get('cpu')} ({m.get('cpus_usable')} usable), memory {m.get('memory_gb')} GB",
        f"- {m.get('os')}, Python {m.get('python')}, spaCy {m.get('spacy')}",
        f"- pipelines: en `{m.get('models', {}).get('en')}`, it `{m.get('models', {}).get('it')}`",
        f"- {m.get('note')}",
        "",
    ]
    t = res.get("throughput")
    if t:
        lines += [
            f"## Extraction throughput (words/s, median of {t['runs']} interleaved runs, batch {t['batch_size']})",
            "",
            f"Measured {t.get('measured', '?')}.",
            "",
            "Wall-clock words/s, and in brackets words per CPU-second of this process (less sensitive to the",
            "other jobs on a shared machine). `bare`: `nlp.pipe` of the pipeline kg loads (spaCy model + kg's",
            "gazetteer ruler and entity components); `model`: the spaCy model alone; `kg`: parse + extraction",
            "+ resolution, as `kg build --workers 1` does before writing RDF.",
            "",
            "| language | words | kg | bare | model | kg / bare (target >= 0.8) | kg / bare, CPU time | kg / model, CPU time |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for lang in ("en", "it"):
            r = t[lang]
            s, c = r["words_per_s"], r.get("words_per_cpu_s", {})
            lines.append(
                f"| {lang} | {r['words']} | {s['kg']:.0f} ({c.get('kg', 0):.0f}) | {s['bare']:.0f} "
                f"({c.get('bare', 0):.0f}) | {s['model']:.0f} ({c.get('model', 0):.0f}) | "
                f"**{r['kg_vs_bare']:.2f}** | **{r.get('kg_vs_bare_cpu', 0):.2f}** | {r.get('kg_vs_model_cpu', 0):.2f} |"
            )
        lines += ["", f"Load average before/after: {t['load_before']} / {t['load_after']}.", ""]
    w = res.get("workers")
    if w:
        lines += [
            "## 1 vs 2 workers (`build_store` into `:memory:`, pools warm)",
            "",
            f"Measured {w.get('measured', '?')}.",
            "",
            f"{w['documents']} articles, {w['words']} words, batch {w['batch_size']}; "
            f"2-worker pool start-up (spawn + pipelines): {w['pool_start_seconds']} s.",
            "",
            "| workers | seconds (runs) | CPU seconds, all processes (runs) | CPUs used | words/s | documents/s |",
            "|---:|---|---|---:|---:|---:|",
        ]
        for k in ("1", "2"):
            lines.append(
                f"| {k} | {w['seconds'][k]} | {w.get('cpu_seconds', {}).get(k, '')} | "
                f"{w.get('cpus_used', {}).get(k, '')} | {w['words_per_s'][k]:.0f} | {w['documents_per_s'][k]:.2f} |"
            )
        lines += [
            "",
            f"Speed-up with 2 workers, wall clock: **{w['speedup_2_workers']:.2f}** (target >= 1.6).",
            f"CPU seconds of the 2-worker build / the 1-worker build: {w.get('cpu_seconds_ratio_2_vs_1', '?')}",
            "(the cost of parallelism). Speed-up the CPU figures allow on 2 idle cores (1-worker CPU seconds /",
            "max(half the 2-worker CPU seconds, CPU seconds of its busiest process)):",
            f"**{w.get('speedup_2_workers_cpu_bound', '?')}**. Load average before/after: {w['load_before']} / {w['load_after']}.",
            "",
        ]
    builds = sorted(
        (v for k, v in res.items() if k.startswith("build") and isinstance(v, dict)),
        key=lambda v: (-v["documents"], "note" in v),
    )
    for b in builds:
        f, r = b["first"], b["rerun"]
        lines += [
            f"## Build of {b['documents']:,} articles (`{b['command']}`)",
            "",
            f"Measured {b.get('measured', '?')}." + (f" {b['note']}" if b.get("note") else ""),
            "",
            "| | value | target |",
            "|---|---:|---|",
            f"| documents | {b['documents']:,} ({b['words']:,} words) | |",
            f"| total time | {f['seconds']} s | |",
            f"| documents/s | {f['documents_per_s']} | |",
            f"| words/s | {f['words_per_s']:.0f} | |",
            f"| CPU seconds, all processes (CPUs used on average) | {f.get('cpu_seconds', '?')} ({f.get('cpus_used', '?')}) | |",
            f"| peak RSS, whole process tree | {f['peak_rss_tree_mb']} MB | <= 2048 MB |",
            f"| peak RSS, main process | {f['peak_rss_main_mb']} MB | |",
            f"| store size on disk | {b['store_mb']} MB | |",
            f"| re-run (everything skipped) | {r['seconds']} s = **{100 * b['rerun_share']:.1f}%** of the build | < 5% |",
            f"| re-run peak RSS (tree) | {r['peak_rss_tree_mb']} MB | |",
            "",
            "Main process RSS during the build (seconds: MB): "
            + ", ".join(f"{t:.0f}: {mb}" for t, mb in _spread(f.get("rss_main_mb_every_5s", []), 12))
            + "; highest sample {1} MB at {0:.0f} s.".format(
                *max(f.get("rss_main_mb_every_5s") or [(0, 0)], key=lambda x: x[1])
            ),
            "",
            f"Summary line of the build: `{f['summary']}`",
            "",
            f"Load average before/after: {b['load_before']} / {b['load_after']}.",
            "",
        ]
    p = res.get("profile")
    if p:
        lines += [
            f"## Profile (cProfile, 1 worker, {p['documents']} articles; cumulative seconds)",
            "",
            f"Measured {p.get('measured', '?')}.",
            "",
            "| stage | build | re-run |",
            "|---|---:|---:|",
        ]
        for k, label in STAGES.items():
            a, c = p["build"]["stages"].get(k), p["rerun"]["stages"].get(k)
            if a is not None or c is not None:
                lines.append(
                    f"| {label} (`{k}`) | {a if a is not None else ''} | {c if c is not None else ''} |"
                )
        lines += (
            ["", "Top functions by own time (build):", "", "```"] + p["build"]["top_tottime"] + ["```", ""]
        )
    cr = res.get("contended_run")
    if cr:
        t, w = cr["throughput"], cr["workers"]
        lines += [
            "## The same on a busy machine",
            "",
            f"Measured {cr['measured']}: kg / bare (CPU time) en {t['en'].get('kg_vs_bare_cpu', '?')}, "
            f"it {t['it'].get('kg_vs_bare_cpu', '?')}; 1 vs 2 workers: wall-clock speed-up "
            f"{w['speedup_2_workers']}, CPUs used {w.get('cpus_used', '?')}, speed-up the CPU figures allow "
            f"{w.get('speedup_2_workers_cpu_bound', '?')}. Other jobs held the second core: two workers got the",
            "CPU time of one, so wall-clock speed-ups on a shared machine say little about kg.",
            "",
        ]
    sm = res.get("store_memory")
    if sm:
        lines += [
            f"## Memory of the embedded store while writing {sm['documents']:,} documents",
            "",
            f"Measured {sm.get('measured', '?')}.",
            "",
            "RSS (MB) of one process writing documents to an on-disk store, by documents written:",
            "",
            "| documents | "
            + " | ".join(str(n) for n, _ in sm["flushed"]["rss_mb_by_documents"])
            + " | seconds |",
            "|---|" + "---:|" * (len(sm["flushed"]["rss_mb_by_documents"]) + 1),
        ]
        for label in ("flushed", "never flushed"):
            row = sm[label]
            every = f" every {sm['flush_every']}" if label == "flushed" else ""
            lines.append(
                f"| {label}{every} | "
                + " | ".join(str(m) for _, m in row["rss_mb_by_documents"])
                + f" | {row['seconds']} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--only",
        nargs="+",
        choices=PARTS,
        default=PARTS,
    )
    ap.add_argument("--throughput-words", type=int, default=30000, help="words per language")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--workers-docs", type=int, default=300)
    ap.add_argument("--build-docs", type=int, default=10000)
    ap.add_argument("--build-workers", type=int, default=2)
    ap.add_argument("--profile-docs", type=int, default=200)
    ap.add_argument("--memory-docs", type=int, default=4000)
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--keep-store", type=Path, default=None, help="copy the built store there")
    ap.add_argument(
        "--build-key", default="build", help="results key of the build part (to keep several sizes)"
    )
    a = ap.parse_args(argv)
    path = a.out / "results.json"
    res: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    res["machine"] = machine()
    res["date"] = time.strftime("%Y-%m-%d")
    args = list(argv if argv is not None else sys.argv[1:])
    if "--out" in args:  # where the results went is not part of how they were measured
        i = args.index("--out")
        del args[i : i + 2]
    res["args"] = " ".join(args)
    res["targets"] = TARGETS
    parts: dict[str, Callable[[], dict[str, Any]]] = {
        "throughput": lambda: throughput(a.throughput_words, a.runs, a.batch_size),
        "workers": lambda: workers(a.workers_docs, max(1, a.runs - 1), a.batch_size),
        "build": lambda: build(a.build_docs, a.build_workers, a.keep_store),
        "profile": lambda: profile(a.profile_docs),
        "store_memory": lambda: store_memory(a.memory_docs),
    }
    a.out.mkdir(parents=True, exist_ok=True)
    for name in PARTS:
        if name in a.only:
            key = a.build_key if name == "build" else name
            res[key] = parts[name]()
            res[key]["measured"] = f"{time.strftime('%Y-%m-%d %H:%M')} with `run.py {res['args']}`"
            path.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n")
            (a.out / "results.md").write_text(markdown(res))
    print(f"results in {path} and {a.out / 'results.md'}")


if __name__ == "__main__":
    main()
