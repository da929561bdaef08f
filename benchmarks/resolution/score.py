"""Score kg's entity resolution on the hand-written cases in benchmarks/resolution/cases.jsonl.

    python benchmarks/resolution/score.py              # writes results.json and results.md here
    python benchmarks/resolution/score.py --limit 40 --out /tmp/res

Every mention is resolved by ONE ``Resolver`` over the whole file, in file order, the way the pipeline does it:
each document carries ``doc_names`` (normalised full names seen earlier in the document -> entity), and a
mention is added to it after resolution unless it was itself resolved as a short form ("document" step).
The case's ``context`` sentence is passed too (the pipeline passes the document text), so cue words around
the mention can rule out a gazetteer entity of another type. The resolver is given the case's ``label`` when
it has one (the type the extractor gave the mention when it is not the true ``type``: a statistical NER
mistype such as OpenAI as a place, or the gazetteer type the entity ruler gave "Amazon" in "the Amazon
rainforest"), else its ``type``.
Mentions are clustered by the predicted entity key and the clustering is scored pairwise against the gold
clusters (gold = gazetteer key, or ``new:<slug>`` for an entity the gazetteer does not know): over all pairs
of mentions in the file, a pair in the same predicted and the same gold cluster is a true positive, same
predicted but different gold is a wrong merge (false positive), same gold but different predicted is a
missed merge (false negative). A kind's figures count the pairs that involve at least one mention of it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.provenance import kg_version  # noqa: E402
from kg.models import Entity  # noqa: E402
from kg.resolve.resolver import Resolver, remember  # noqa: E402
from kg.resolve.typecues import MentionContext  # noqa: E402

HERE = Path(__file__).parent
CASES = HERE / "cases.jsonl"
TARGETS = {"precision": 0.98, "recall": 0.90}


@dataclass(slots=True)
class Outcome:
    """One case with what the resolver made of it."""

    index: int
    case: dict
    key: str
    label: str
    step: str
    detail: str

    @property
    def gold(self) -> str:
        return self.case["gold"]


def load_cases(path: Path, limit: int | None = None) -> list[dict]:
    """The cases of ``path`` in file order (the first ``limit`` when given)."""
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return cases[:limit] if limit else cases


def resolve_cases(cases: list[dict], resolver: Resolver | None = None) -> list[Outcome]:
    """Resolve every case in order with one resolver, carrying the names seen earlier in each document."""
    resolver = resolver or Resolver()
    doc_names: dict[str, dict[str, Entity]] = defaultdict(dict)
    out = []
    for i, c in enumerate(cases):
        names = doc_names[c["doc"]]
        ctx = MentionContext.around(c["context"], c["mention"]) if c.get("context") else None
        r = resolver.resolve(c["mention"], c.get("label", c["type"]), doc_names=names, context=ctx)
        remember(names, c["mention"], r)
        out.append(Outcome(i, c, r.entity.key, r.entity.label, r.step, r.detail))
    return out


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 (1.0 when there is nothing to find or nothing predicted)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def pair_counts(
    outcomes: list[Outcome],
) -> tuple[dict[str, Counter], list[tuple[Outcome, Outcome]], list[tuple[Outcome, Outcome]]]:
    """Pairwise counts overall and per kind, plus the wrong merges and the missed merges."""
    counts: dict[str, Counter] = defaultdict(Counter)
    wrong, missed = [], []
    for a, b in combinations(outcomes, 2):
        same_pred, same_gold = a.key == b.key, a.gold == b.gold
        if not (same_pred or same_gold):
            continue
        label = "tp" if same_pred and same_gold else "fp" if same_pred else "fn"
        for group in {"all", a.case["kind"], b.case["kind"]}:
            counts[group][label] += 1
        if label == "fp":
            wrong.append((a, b))
        elif label == "fn":
            missed.append((a, b))
    return counts, wrong, missed


def key_accuracy(outcomes: list[Outcome], gazetteer_keys: set[str]) -> dict[str, float | int]:
    """Share of mentions given the right node: the gold key, or (for ``new:``) a key outside the gazetteer."""
    known = [o for o in outcomes if not o.gold.startswith("new:")]
    new = [o for o in outcomes if o.gold.startswith("new:")]
    known_ok = sum(o.key == o.gold for o in known)
    new_ok = sum(o.key not in gazetteer_keys for o in new)
    return {
        "known": len(known),
        "known_correct": known_ok,
        "known_accuracy": round(known_ok / len(known), 4) if known else 1.0,
        "new": len(new),
        "new_kept_apart": new_ok,
        "new_accuracy": round(new_ok / len(new), 4) if new else 1.0,
    }


def _describe(o: Outcome) -> dict:
    c = o.case
    return {
        "line": o.index + 1,
        "doc": c["doc"],
        "mention": c["mention"],
        "type": c["type"],
        "kind": c["kind"],
        "gold": o.gold,
        "predicted": o.key,
        "step": o.step,
        "detail": o.detail,
    }


def _group_errors(pairs: list[tuple[Outcome, Outcome]]) -> list[dict]:
    """Error pairs collapsed by (mention, gold, prediction) on both sides, with how many pairs each stands for."""
    groups: dict[tuple, dict] = {}
    for a, b in pairs:
        sig_a = (a.case["mention"], a.gold, a.key, a.step)
        sig_b = (b.case["mention"], b.gold, b.key, b.step)
        k = tuple(sorted([sig_a, sig_b]))
        if k not in groups:
            groups[k] = {"a": _describe(a), "b": _describe(b), "pairs": 0}
        groups[k]["pairs"] += 1
    return sorted(groups.values(), key=lambda g: (-g["pairs"], g["a"]["line"]))


def score(cases: list[dict]) -> dict:
    """Everything the results files hold."""
    resolver = Resolver()
    outcomes = resolve_cases(cases, resolver)
    counts, wrong, missed = pair_counts(outcomes)
    kinds = sorted({c["kind"] for c in cases})
    per_kind = {k: prf(counts[k]["tp"], counts[k]["fp"], counts[k]["fn"]) for k in kinds}
    for k in kinds:
        per_kind[k]["mentions"] = sum(c["kind"] == k for c in cases)
    overall = prf(counts["all"]["tp"], counts["all"]["fp"], counts["all"]["fn"])
    return {
        "cases": len(cases),
        "documents": len({c["doc"] for c in cases}),
        "gold_clusters": len({c["gold"] for c in cases}),
        "predicted_clusters": len({o.key for o in outcomes}),
        "pairs": len(cases) * (len(cases) - 1) // 2,
        "targets": TARGETS,
        "meets_targets": overall["precision"] >= TARGETS["precision"]
        and overall["recall"] >= TARGETS["recall"],
        "overall": overall,
        "per_kind": per_kind,
        "key_accuracy": key_accuracy(outcomes, set(resolver.gazetteer.entries)),
        "steps": dict(Counter(o.step for o in outcomes).most_common()),
        "wrong_merges": _group_errors(wrong),
        "missed_merges": _group_errors(missed),
        "wrong_nodes": wrong_nodes(outcomes, set(resolver.gazetteer.entries)),
        "kg_version": kg_version(),
    }


def wrong_nodes(outcomes: list[Outcome], gazetteer_keys: set[str]) -> list[dict]:
    """Mentions given the wrong node, even where the clustering does not show it (a consistent wrong key)."""
    return [
        _describe(o)
        for o in outcomes
        if (o.key != o.gold if not o.gold.startswith("new:") else o.key in gazetteer_keys)
    ]


def _fmt(s: dict) -> str:
    return f"{s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['tp']} | {s['fp']} | {s['fn']}"


def _side(d: dict) -> str:
    return f"{d['mention']!r} ({d['doc']}, {d['kind']}, gold {d['gold']}) -> {d['predicted']} [{d['step']}: {d['detail']}]"


def render_markdown(res: dict) -> str:
    """A human-readable summary of ``score``'s result."""
    o, acc = res["overall"], res["key_accuracy"]
    lines = [
        "# Entity resolution scores",
        "",
        "Produced by `python benchmarks/resolution/score.py` (pairwise clustering scores over "
        f"{res['cases']} mentions in {res['documents']} documents, {res['pairs']:,} pairs; "
        f"{res['gold_clusters']} gold entities, {res['predicted_clusters']} predicted).",
        "",
        f"Targets: precision >= {res['targets']['precision']}, recall >= {res['targets']['recall']} "
        f"-> {'met' if res['meets_targets'] else 'NOT met'}.",
        "",
        "| group | mentions | P | R | F1 | TP pairs | wrong merges | missed merges |",
        "|---|---|---|---|---|---|---|---|",
        f"| all | {res['cases']} | {_fmt(o)} |",
    ]
    for k, s in res["per_kind"].items():
        lines.append(f"| {k} | {s['mentions']} | {_fmt(s)} |")
    lines += [
        "",
        "A kind's row counts the pairs that involve at least one mention of that kind. Trap mentions (a name "
        "that looks like a known entity but is not it) rarely share a gold entity with anything, so their row "
        "is mostly wrong merges: read its counts rather than its P and R.",
        "",
        f"Node accuracy: {acc['known_correct']}/{acc['known']} mentions of known entities get the gold gazetteer "
        f"key ({acc['known_accuracy']:.3f}); {acc['new_kept_apart']}/{acc['new']} mentions of unknown entities stay "
        f"outside the gazetteer ({acc['new_accuracy']:.3f}).",
        "",
        f"kg at commit {res['kg_version']['commit']}"
        + (" with uncommitted changes under kg/." if res["kg_version"]["kg_modified"] else "."),
        "",
        "Resolution steps used: " + ", ".join(f"{k} {v}" for k, v in res["steps"].items()) + ".",
        "",
    ]
    for title, key in (("Wrong merges", "wrong_merges"), ("Missed merges", "missed_merges")):
        groups = res[key]
        lines += [f"## {title} ({sum(g['pairs'] for g in groups)} pairs)", ""]
        if not groups:
            lines += ["None.", ""]
        for g in groups:
            lines.append(f"- {g['pairs']} pair(s): {_side(g['a'])}  ~  {_side(g['b'])}")
        lines.append("")
    lines += [f"## Wrong nodes ({len(res['wrong_nodes'])} mentions)", ""]
    lines += [f"- {_side(d)}" for d in res["wrong_nodes"]] or ["None."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> dict:
    """Command line entry point; returns the result dictionary."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=Path, default=CASES, help="cases file (JSONL)")
    ap.add_argument("--limit", type=int, help="score only the first N cases")
    ap.add_argument("--out", type=Path, default=HERE, help="directory for results.json and results.md")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    res = score(load_cases(args.cases, args.limit))
    o = res["overall"]
    print(
        f"resolution: P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f} "
        f"({res['cases']} mentions; {o['fp']} wrongly merged pairs, {o['fn']} missed pairs)"
    )
    if not args.no_write:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(
            json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (args.out / "results.md").write_text(render_markdown(res), encoding="utf-8")
    return res


if __name__ == "__main__":
    main()
