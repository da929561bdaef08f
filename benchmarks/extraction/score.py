"""Score kg's extraction against the gold articles in benchmarks/extraction/gold/.

    python benchmarks/extraction/score.py                 # all splits, writes results/*.json and results.md
    python benchmarks/extraction/score.py --split en-dev --errors

A predicted triple matches a gold triple when subject, predicate and object resolve to the same entities
(symmetric predicates in either order) and both are stated as facts (completed/announced) or both are
not (planned, considered, rumoured, denied, ended): a denied deal reported as a fact is a false triple.
The "relaxed" figures ignore modality.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.extract.entities import maker_tails  # noqa: E402
from kg.extract.pipeline import extract_documents  # noqa: E402
from kg.ingest.read import make_document  # noqa: E402
from kg.models import ASSERTED_MODALITIES  # noqa: E402
from kg.resolve.normalize import normalize_name, slugify  # noqa: E402
from kg.resolve.resolver import Resolver  # noqa: E402
from kg.vocab import symmetric_predicates  # noqa: E402

GOLD = Path(__file__).parent / "gold"
RESULTS = Path(__file__).parent / "results"
SYM = symmetric_predicates()
#: words after a company's name that name no other entity ("Ubisoft Entertainment" is Ubisoft; "ABB Robotics" is
#: a unit of ABB, "Siemens Energy" another company)
STYLE_WORDS = frozenset({"corporation", "company", "group", "holdings", "incorporated", "limited", "international",
                         "entertainment", "technologies", "technology"})


def gold_key(name: str, resolver: Resolver, type_: str = "Organization", maker: str | None = None) -> str:
    """The key kg gives the entity a gold name stands for: a gazetteer key, the product of ``maker`` a bare
    product name stands for, a fuzzy match, or the key of a new entity (the slug, with the type appended when the
    slug is taken by a different gazetteer entry, as the resolver does: "Crawley" the town is not the
    gazetteer's "Crawley, West Sussex")."""
    hits = resolver.gazetteer.lookup(name)
    if hits:
        return hits[0].key
    if type_ == "Place" and "," in name:
        return gold_key(name.split(",")[0].strip(), resolver, type_)  # "Charleston, South Carolina": kg's city
    tails = _maker_tails(resolver).get(name, [])
    if maker is not None and len(tails) > 1:  # "HBM3E" of Micron among the makers' HBM3E products
        tails = [k for k in tails if resolver.gazetteer.entries[k].org == maker]
    if len(tails) == 1:  # "Safari" for "Apple Safari", as kg reads it beside its maker
        return tails[0]
    r = resolver._fuzzy(normalize_name(name), type_)  # noqa: SLF001 - same rules as extraction
    if r:
        return r.entity.key
    slug = slugify(normalize_name(name))
    return f"{slug}-{type_.lower()}" if slug in resolver.gazetteer.entries else slug


_TAILS: dict[int, dict[str, list[str]]] = {}


def _maker_tails(resolver: Resolver) -> dict[str, list[str]]:
    """Product names without their maker's name, computed once per gazetteer."""
    if id(resolver.gazetteer) not in _TAILS:
        _TAILS[id(resolver.gazetteer)] = maker_tails(resolver.gazetteer)
    return _TAILS[id(resolver.gazetteer)]


def document_entities(result) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Key -> (label, type) of every entity kg found in one document (its mentions and its triples' arguments)."""
    out = {m.entity.key: (m.entity.label, m.entity.type) for m in result.mentions}
    for t in result.triples:
        out[t.subject.key] = (t.subject.label, t.subject.type)
        out[t.object.key] = (t.object.label, t.object.type)
    return out


def in_document(name: str, key: str, named: dict[str, tuple[str, str]], resolver: Resolver) -> str:
    """The key of a gold name as the document's own entities give it: a name the gazetteer does not know is the
    one entity of the document named by it and a region ("Durham" for the place "Durham, North Carolina") or by
    it and style words only ("Ubisoft" for "Ubisoft Entertainment"), as kg reads a short form after the full
    name; never a unit or a product named after it ("ABB Robotics", "Hexagon D&E", "X Premium")."""
    if key in named or key in resolver.gazetteer.entries:
        return key
    short = normalize_name(name)
    if len(short.split()) != len(name.split()):
        return key  # "LG Corp" names the holding, not "LG Electronics"
    longer = [k for k, (label, type_) in named.items()
              if type_ == "Place" and label.startswith(name + ",") or normalize_name(label).startswith(short + " ")
              and set(normalize_name(label)[len(short):].split()) <= STYLE_WORDS]
    return longer[0] if len(longer) == 1 else key


#: the type of a gold name from its place in a triple (objects of these are places, subjects of these people)
PLACE_OBJECTS = {"headquarteredIn", "locatedIn"}
PERSON_SUBJECTS = {"ceoOf", "leads", "founderOf", "employeeOf"}


def norm_triple(s: str, p: str, o: str, asserted: bool) -> tuple[str, str, str, bool]:
    if p in SYM and o < s:
        s, o = o, s
    return (s, p, o, asserted)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


#: operating points reported for ``--min-confidence`` (the triples kept are those at or above the threshold)
THRESHOLDS = (0.0, 0.5, 0.6, 0.7)


def score_split(name: str, with_errors: bool) -> dict:
    path = GOLD / f"{name}.jsonl"
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    resolver = Resolver()
    docs = [make_document(a["id"], a["text"], lang=a["lang"], title=a.get("title"), published=a.get("published"))
            for a in articles]
    t0 = time.perf_counter()
    results = {r.document.id: r for r in extract_documents(docs, resolver)}
    elapsed = time.perf_counter() - t0
    words = sum(len(d.text.split()) for d in docs)
    counts: dict[str, Counter] = defaultdict(Counter)
    errors = []
    confidence: dict[tuple, float] = {}
    by_confidence: list[tuple[float, bool]] = []  # (best confidence of a predicted triple, in the gold)
    n_gold = 0
    for a in articles:
        gold = set()
        gold_evidence: dict[tuple, str] = {}
        named = document_entities(results[a["id"]])
        for g in a["triples"]:
            p = g["predicate"]
            o = in_document(g["object"], gold_key(g["object"], resolver, "Place" if p in PLACE_OBJECTS
                                                  else "Organization"), named, resolver)
            s = in_document(g["subject"], gold_key(g["subject"], resolver, "Person" if p in PERSON_SUBJECTS
                                                   else "Organization", maker=o if p == "productOf" else None),
                            named, resolver)
            tr = norm_triple(s, g["predicate"], o, g.get("modality", "completed") in ASSERTED_MODALITIES)
            gold.add(tr)
            gold_evidence.setdefault(tr, g.get("evidence", ""))
        pred = set()
        for t in results[a["id"]].triples:
            key = norm_triple(t.subject.key, t.predicate, t.object.key, t.asserted)
            pred.add(key)
            confidence[(a["id"], key)] = max(confidence.get((a["id"], key), 0.0), t.confidence)
        for key in pred:
            by_confidence.append((confidence[(a["id"], key)], key in gold))
        n_gold += len(gold)
        groups = ["all", a["lang"], "noisy" if a.get("noisy") else "clean"]
        for tr in pred | gold:
            p = tr[1]
            for grp in groups + [f"pred:{p}"]:
                if tr in pred and tr in gold:
                    counts[grp]["tp"] += 1
                elif tr in pred:
                    counts[grp]["fp"] += 1
                else:
                    counts[grp]["fn"] += 1
        relaxed_gold = {t[:3] for t in gold}
        relaxed_pred = {t[:3] for t in pred}
        counts["relaxed"]["tp"] += len(relaxed_gold & relaxed_pred)
        counts["relaxed"]["fp"] += len(relaxed_pred - relaxed_gold)
        counts["relaxed"]["fn"] += len(relaxed_gold - relaxed_pred)
        if with_errors:
            for tr in sorted(gold - pred):
                errors.append({"doc": a["id"], "kind": "miss", "triple": tr, "evidence": gold_evidence[tr]})
            for tr in sorted(pred - gold):
                ev = next((t.sentence for t in results[a["id"]].triples
                           if norm_triple(t.subject.key, t.predicate, t.object.key, t.asserted) == tr), "")
                errors.append({"doc": a["id"], "kind": "false", "triple": tr, "evidence": ev})
    out = {
        "split": name,
        "articles": len(articles),
        "gold_triples": sum(len(a["triples"]) for a in articles),
        "words": words,
        "seconds": round(elapsed, 2),
        "scores": {k: prf(v["tp"], v["fp"], v["fn"]) for k, v in sorted(counts.items())},
        "min_confidence": {f"{th:.1f}": prf(tp := sum(1 for c, ok in by_confidence if c >= th and ok),
                                             sum(1 for c, ok in by_confidence if c >= th and not ok), n_gold - tp)
                           for th in THRESHOLDS},
    }
    if with_errors:
        out["errors"] = errors
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", action="append", help="en-dev, en-test, it-dev, it-test (default: all present)")
    ap.add_argument("--errors", action="store_true", help="list misses and false triples")
    ap.add_argument("--no-write", action="store_true", help="print only, do not update results/")
    args = ap.parse_args()
    splits = args.split or sorted(p.stem for p in GOLD.glob("*.jsonl"))
    RESULTS.mkdir(exist_ok=True)
    summary = []
    for name in splits:
        res = score_split(name, args.errors)
        s = res["scores"]
        summary.append((name, s["all"], s["relaxed"], res))
        print(f"{name:8s} P={s['all']['precision']:.3f} R={s['all']['recall']:.3f} F1={s['all']['f1']:.3f} "
              f"(relaxed F1 {s['relaxed']['f1']:.3f}; {res['articles']} articles, {res['gold_triples']} gold)")
        if args.errors:
            for e in res["errors"]:
                print(f"   {e['kind']:5s} {e['doc']}: {e['triple']}  {' '.join(e.get('evidence', '').split())[:300]}")
        if not args.no_write:
            res.pop("errors", None)
            (RESULTS / f"{name}.json").write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    if not args.no_write and not args.split:
        lines = ["# Extraction scores", "", "Produced by `python benchmarks/extraction/score.py`.", "",
                 "| split | P | R | F1 | relaxed F1 | articles | gold triples |", "|---|---|---|---|---|---|---|"]
        for name, a, rel, res in summary:
            lines.append(f"| {name} | {a['precision']:.3f} | {a['recall']:.3f} | {a['f1']:.3f} | {rel['f1']:.3f} | "
                         f"{res['articles']} | {res['gold_triples']} |")
        lines += ["", "Per predicate (all splits in results/<split>.json); noisy vs clean for Italian in the same files.",
                  "", "## Precision and recall by minimum confidence", "",
                  "Each triple carries a confidence (docs/extraction.md); keeping only those at or above a threshold "
                  "(`--min-confidence` of the export, diagram and view commands, or a SPARQL filter) trades recall for "
                  "precision:", "", "| split | " + " | ".join(f">= {th:.1f} (P / R)" for th in THRESHOLDS) + " |",
                  "|---|" + "---|" * len(THRESHOLDS)]
        for name, _a, _rel, res in summary:
            cells = [f"{res['min_confidence'][f'{th:.1f}']['precision']:.3f} / "
                     f"{res['min_confidence'][f'{th:.1f}']['recall']:.3f}" for th in THRESHOLDS]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        (Path(__file__).parent / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
