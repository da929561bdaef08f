"""Words per second of kg's extraction against the bare spaCy pipeline it runs on.

    python benchmarks/throughput/run.py                  # writes results.json and results.md here
    python benchmarks/throughput/run.py --words 2000 --runs 1 --no-profile --out /tmp/tp

For each language the gold articles of benchmarks/extraction/gold/ are replicated (in order, as distinct
documents) to about ``--words`` words. After a warm-up, each run times, on the same texts and in the same
process, batch by batch (16 documents, the three timers interleaved in rotating order on every batch):

    kg        ``extract_documents`` (parse + mentions + references + relations + resolution), fresh Resolver
    kg nlp    ``nlp.pipe`` of ``kg.nlp.load_pipeline(lang)`` (spaCy with kg's gazetteer ruler and components)
    raw nlp   ``nlp.pipe`` of ``spacy.load(model_name(lang))`` (the model alone)

Figures are medians over ``--runs`` runs; the two ratios are kg's speed over each pipe's speed (target: at
least 0.8 against kg's own pipeline). Speeds are given per wall-clock second and per CPU second of the process:
on a shared machine the CPU-time figures are the steadier ones (the load average is recorded with the results).
A cProfile run of ``extract_documents`` then shows where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

from benchmarks.provenance import kg_version  # noqa: E402
from kg.extract.pipeline import extract_documents  # noqa: E402
from kg.ingest.read import make_document  # noqa: E402
from kg.models import Document  # noqa: E402
from kg.nlp import load_pipeline, model_name  # noqa: E402
from kg.resolve.resolver import Resolver  # noqa: E402

HERE = Path(__file__).parent
GOLD = ROOT / "benchmarks/extraction/gold"
TARGET_RATIO = 0.8
BATCH = 16  # extract_documents' default batch size, used for the bare pipes too
KG_DIR = str(ROOT / "kg")
#: kg functions whose cumulative time is reported as the stages of extraction.
STAGES = {
    "_run_batch": "extract_documents batches (all)",
    "analyse": "analyse (kg after parsing)",
    "collect_mentions": "collect_mentions",
    "resolve_references": "resolve_references",
    "extract_relations": "extract_relations",
    "extract_roles": "extract_roles",
    "extract_structural": "extract_structural",
    "_resolve_doc": "_resolve_doc (resolution)",
}


def load_texts(lang: str, limit: int | None = None) -> list[dict]:
    """Gold articles of ``lang`` (all splits, in file order; the first ``limit`` when given)."""
    arts = []
    for path in sorted(GOLD.glob(f"{lang}-*.jsonl")):
        arts += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return arts[:limit] if limit else arts


def replicate(articles: list[dict], lang: str, words: int) -> list[Document]:
    """Documents cycling through ``articles`` until about ``words`` words (at least one pass)."""
    docs: list[Document] = []
    total, i = 0, 0
    while total < words or i < len(articles):
        a = articles[i % len(articles)]
        d = make_document(
            f"{a['id']}#{i // len(articles)}",
            a["text"],
            lang=lang,
            title=a.get("title"),
            published=a.get("published"),
        )
        docs.append(d)
        total += len(d.text.split())
        i += 1
    return docs


def word_count(docs: list[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def time_kg(docs: list[Document], resolver: Resolver) -> tuple[float, float]:
    """Wall and CPU seconds for kg's extraction of ``docs`` (the resolver is built before the clock starts)."""
    start = _clock()
    for _ in extract_documents(docs, resolver, batch_size=BATCH):
        pass
    return _since(start)


def time_pipe(nlp: spacy.language.Language, texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds for ``nlp.pipe`` over ``texts`` in batches of the size kg uses."""
    start = _clock()
    for _ in nlp.pipe(texts, batch_size=BATCH):
        pass
    return _since(start)


def one_run(
    run: int, docs: list[Document], kg_nlp: Language, raw_nlp: Language
) -> dict[str, tuple[float, float]]:
    """Total wall and CPU seconds of each timer over ``docs``, taken batch by batch in rotating order.

    Interleaving the three timers on every batch of ``BATCH`` documents exposes them to the same load from
    other jobs, which matters more for the ratios than the absolute figures.
    """
    resolver = Resolver()  # one per run, as in a real build
    totals = {"kg": [0.0, 0.0], "kg_nlp": [0.0, 0.0], "raw_nlp": [0.0, 0.0]}
    for i in range(0, len(docs), BATCH):
        chunk = docs[i : i + BATCH]
        texts = [d.text for d in chunk]
        timers: dict[str, Callable[[], tuple[float, float]]] = {
            "kg": lambda chunk=chunk: time_kg(chunk, resolver),
            "kg_nlp": lambda texts=texts: time_pipe(kg_nlp, texts),
            "raw_nlp": lambda texts=texts: time_pipe(raw_nlp, texts),
        }
        names = list(timers)
        k = (run + i // BATCH) % 3  # rotate so no timer always runs first
        for name in names[k:] + names[:k]:
            w, c = timers[name]()
            totals[name][0] += w
            totals[name][1] += c
    return {name: (w, c) for name, (w, c) in totals.items()}


def measure(lang: str, docs: list[Document], runs: int) -> dict:
    """Median words per second of kg, kg's pipeline and the raw model, with the ratios."""
    kg_nlp = load_pipeline(lang)
    raw_nlp = spacy.load(model_name(lang))
    t0 = time.perf_counter()
    Resolver()
    resolver_seconds = time.perf_counter() - t0
    warm = docs[: max(2, min(len(docs), BATCH))]
    one_run(0, warm, kg_nlp, raw_nlp)
    wall: dict[str, list[float]] = {"kg": [], "kg_nlp": [], "raw_nlp": []}
    cpu: dict[str, list[float]] = {"kg": [], "kg_nlp": [], "raw_nlp": []}
    for r in range(runs):
        for name, (w, c) in one_run(r, docs, kg_nlp, raw_nlp).items():
            wall[name].append(w)
            cpu[name].append(c)
            print(f"  {lang} run {r + 1}: {name} {w:.2f} s wall, {c:.2f} s CPU", file=sys.stderr, flush=True)
    n = word_count(docs)
    wps = {k: round(n / statistics.median(v), 1) for k, v in wall.items()}
    cpu_wps = {k: round(n / statistics.median(v), 1) for k, v in cpu.items()}
    return {
        "documents": len(docs),
        "words": n,
        "runs": runs,
        "seconds": {k: [round(x, 3) for x in v] for k, v in wall.items()},
        "cpu_seconds": {k: [round(x, 3) for x in v] for k, v in cpu.items()},
        "words_per_second": wps,
        "words_per_cpu_second": cpu_wps,
        "ratio_vs_kg_nlp": round(wps["kg"] / wps["kg_nlp"], 3),
        "ratio_vs_raw_nlp": round(wps["kg"] / wps["raw_nlp"], 3),
        "cpu_ratio_vs_kg_nlp": round(cpu_wps["kg"] / cpu_wps["kg_nlp"], 3),
        "cpu_ratio_vs_raw_nlp": round(cpu_wps["kg"] / cpu_wps["raw_nlp"], 3),
        "meets_target": wps["kg"] / wps["kg_nlp"] >= TARGET_RATIO,
        "meets_target_cpu": cpu_wps["kg"] / cpu_wps["kg_nlp"] >= TARGET_RATIO,
        "resolver_construction_seconds": round(resolver_seconds, 3),
        "kg_pipeline": kg_nlp.pipe_names,
        "raw_pipeline": raw_nlp.pipe_names,
    }


def _short(path: str) -> str:
    return str(Path(path).relative_to(ROOT)) if path.startswith(str(ROOT)) else Path(path).name


def profile(docs: list[Document], top: int = 15) -> dict:
    """cProfile (CPU time) of one ``extract_documents`` run: totals, kg's stages and kg's top functions."""
    resolver = Resolver()
    prof = cProfile.Profile(time.process_time)  # CPU time: the machine is shared
    prof.enable()
    for _ in extract_documents(docs, resolver, batch_size=BATCH):
        pass
    prof.disable()
    stats = pstats.Stats(prof)
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    kg_own = [(k, v) for k, v in raw.items() if k[0].startswith(KG_DIR)]
    stage_files = ("pipeline.py", "mentions.py", "coref.py", "relations.py", "roles.py")
    found = {
        func: round(ct, 3)
        for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in kg_own
        if func in STAGES and file.endswith(stage_files)
    }
    stages = {label: found[func] for func, label in STAGES.items() if func in found}
    pipe_ct = sum(v[3] for k, v in raw.items() if k[2] == "pipe" and k[0].endswith("spacy/language.py"))
    top_rows = sorted(kg_own, key=lambda kv: kv[1][2], reverse=True)[:top]
    return {
        "profiled_seconds": round(total, 3),
        "kg_own_seconds": round(sum(v[2] for _, v in kg_own), 3),
        "spacy_pipe_cumulative_seconds": round(pipe_ct, 3),
        "stages_cumulative_seconds": stages,
        "top_kg_functions": [
            {
                "function": f"{_short(f)}:{line}({func})",
                "calls": nc,
                "own_seconds": round(tt, 3),
                "cumulative_seconds": round(ct, 3),
            }
            for (f, line, func), (_cc, nc, tt, ct, _callers) in top_rows
        ],
    }


def machine() -> dict:
    """Where the figures were measured."""
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal"))
        mem_gb = round(int(mem.split()[1]) / 1024**2, 1)
    except (OSError, StopIteration):
        mem_gb = None
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": mem_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "kg_version": kg_version(),
    }


def _spread(values: list[float]) -> float:
    return max(values) / min(values) - 1 if values and min(values) > 0 else 0.0


def render_markdown(res: dict) -> str:
    """Human-readable results."""
    m = res["machine"]
    lines = [
        "# Extraction throughput",
        "",
        "Produced by `python benchmarks/throughput/run.py` (median of "
        f"{res['runs']} runs after a warm-up; batch size {BATCH}). Machine: {m['cpu']}, {m['cpus']} CPUs "
        f"(shared with other jobs), {m['memory_gb']} GB, {m['platform']}, Python {m['python']}, spaCy {m['spacy']}; "
        f"load average {m['load_average_before']} before and {m['load_average_after']} after. kg at commit "
        f"{m['kg_version']['commit']}{' with uncommitted changes under kg/' if m['kg_version']['kg_modified'] else ''}.",
        "",
        "| lang | clock | model | docs | words | kg w/s | kg nlp.pipe w/s | raw nlp.pipe w/s | kg / kg pipe "
        "| kg / raw pipe |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for lang, r in res["languages"].items():
        for clock, w, prefix in (
            ("wall", r["words_per_second"], ""),
            ("CPU", r["words_per_cpu_second"], "cpu_"),
        ):
            lines.append(
                f"| {lang} | {clock} | {Path(r['model']).name} | {r['documents']} | {r['words']:,} | {w['kg']:,.0f} | "
                f"{w['kg_nlp']:,.0f} | {w['raw_nlp']:,.0f} | {r[prefix + 'ratio_vs_kg_nlp']:.2f} | "
                f"{r[prefix + 'ratio_vs_raw_nlp']:.2f} |"
            )
    lines += [
        "",
        f"Target: kg at least {TARGET_RATIO} of its own pipeline's nlp.pipe speed -> "
        + ", ".join(
            f"{lang} {'met' if r['meets_target'] else 'NOT met'} (wall), "
            f"{'met' if r['meets_target_cpu'] else 'NOT met'} (CPU)"
            for lang, r in res["languages"].items()
        )
        + ".",
        "",
        "Run-to-run spread of CPU seconds (slowest / fastest run - 1): "
        + "; ".join(
            f"{lang} " + ", ".join(f"{k} {_spread(v):.0%}" for k, v in r["cpu_seconds"].items())
            for lang, r in res["languages"].items()
        )
        + ". On this shared machine differences smaller than that are noise; wall-clock figures are "
        "dominated by other jobs (CPU seconds are a third to a half of wall seconds).",
        "",
    ]
    for lang, r in res["languages"].items():
        lines += [
            f"Per-run wall seconds ({lang}): "
            + "; ".join(f"{k} {v}" for k, v in r["seconds"].items())
            + "; CPU seconds: "
            + "; ".join(f"{k} {v}" for k, v in r["cpu_seconds"].items())
            + f"; building a Resolver: {r['resolver_construction_seconds']} s (not in the timings).",
            f"Pipelines ({lang}): kg {', '.join(r['kg_pipeline'])}; raw {', '.join(r['raw_pipeline'])}.",
            "",
        ]
    for lang, p in res.get("profile", {}).items():
        lines += [
            f"## Where the time goes ({lang}, cProfile of one run, {p['profiled_seconds']} CPU s under the profiler)",
            "",
            f"spaCy nlp.pipe (cumulative, includes kg's components inside the pipeline): "
            f"{p['spacy_pipe_cumulative_seconds']} s; own time of all kg functions: {p['kg_own_seconds']} s.",
            "",
            "Stages (cumulative): "
            + "; ".join(f"{k} {v} s" for k, v in p["stages_cumulative_seconds"].items())
            + ".",
            "",
            "| kg function | calls | own s | cumulative s |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{f['function']}` | {f['calls']:,} | {f['own_seconds']} | {f['cumulative_seconds']} |"
            for f in p["top_kg_functions"]
        ]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    """Command line entry point; returns the result dictionary."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", action="append", choices=["en", "it"], help="language(s) (default: en and it)")
    ap.add_argument("--words", type=int, default=20000, help="replicate the texts to about this many words")
    ap.add_argument("--limit", type=int, help="use only the first N gold articles per language")
    ap.add_argument("--runs", type=int, default=3, help="timed runs (the median is reported)")
    ap.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    ap.add_argument("--out", type=Path, default=HERE, help="directory for results.json and results.md")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    res: dict = {
        "machine": machine(),
        "runs": args.runs,
        "target_ratio": TARGET_RATIO,
        "languages": {},
        "profile": {},
    }
    for lang in args.lang or ["en", "it"]:
        docs = replicate(load_texts(lang, args.limit), lang, args.words)
        r = {"model": model_name(lang), **measure(lang, docs, args.runs)}
        res["languages"][lang] = r
        w = r["words_per_second"]
        print(
            f"{lang}: kg {w['kg']:,.0f} w/s, kg nlp.pipe {w['kg_nlp']:,.0f} w/s, raw nlp.pipe {w['raw_nlp']:,.0f} "
            f"w/s -> ratios {r['ratio_vs_kg_nlp']:.2f} / {r['ratio_vs_raw_nlp']:.2f} (CPU time: "
            f"{r['cpu_ratio_vs_kg_nlp']:.2f} / {r['cpu_ratio_vs_raw_nlp']:.2f}; {r['words']:,} words)"
        )
        if not args.no_profile:
            res["profile"][lang] = profile(docs)
    res["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if not args.no_write:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
        (args.out / "results.md").write_text(render_markdown(res), encoding="utf-8")
    return res


if __name__ == "__main__":
    main()
