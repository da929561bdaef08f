"""Can a statistical classifier trained on kg's gold articles add to the rules? An experiment, not part of kg.

    pip install -e '.[train]'                              # scikit-learn
    python benchmarks/relation_classifier/run.py           # both languages, writes results.json and results.md
    python benchmarks/relation_classifier/run.py --lang en --cache /tmp/pairs   # keep the parsed pairs

Data: the gold articles of the dev splits and the construction batteries (never the test splits), parsed and read
by kg as ``kg extract`` does (mentions, references, the rules' relations, entity resolution).

Two uses of a multinomial logistic regression over sparse features of a pair of mentions (``features.py``),
each scored by 5-fold cross-validation with the folds split by article:

1. **Reader**: every pair of mentions of a sentence is labelled with the gold triple's predicate and direction
   when the two resolve to its entities and the sentence overlaps its evidence, "none" when the two entities have
   no gold triple in the article (pairs related by the gold through another sentence are left out). The question
   is how precise its predictions are on the pairs the rules leave unrelated, where it could add triples.
2. **Filter**: every relation the rules read is labelled right or wrong against the article's gold triples; the
   features are the pair's plus the rule's pattern, predicate, direction, modality and confidence. The question is
   whether dropping what it doubts removes more false triples than the rules' own confidence does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from features import candidates, class_name, pair_features  # noqa: E402

from benchmarks.extraction.score import PERSON_SUBJECTS, PLACE_OBJECTS, gold_key  # noqa: E402
from benchmarks.provenance import kg_version  # noqa: E402
from kg.extract.coref import resolve_references  # noqa: E402
from kg.extract.lexicon import load_lexicon  # noqa: E402
from kg.extract.mentions import collect_mentions  # noqa: E402
from kg.extract.pipeline import _resolve_doc  # noqa: E402
from kg.extract.relations import extract_relations  # noqa: E402
from kg.extract.roles import extract_roles, extract_structural  # noqa: E402
from kg.ingest.read import make_document  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402
from kg.resolve.resolver import Resolver  # noqa: E402
from kg.vocab import symmetric_predicates  # noqa: E402

GOLD = ROOT / "benchmarks" / "extraction" / "gold"
HERE = Path(__file__).resolve().parent
SPLITS = {"en": ("en-dev", "constructions-en"), "it": ("it-dev", "constructions-it")}
TEST_SPLITS = {"en": ("en-test",), "it": ("it-test",)}
FOLDS = 5
THRESHOLDS = (0.3, 0.5, 0.7, 0.9)


def _evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Character span of a gold triple's evidence in the article (found by its start or end if retouched)."""
    evidence = evidence.strip()
    if len(evidence) < 12:
        return None
    for probe in (evidence, evidence[:60]):
        if (i := text.find(probe)) >= 0:
            return i, i + len(evidence)
    if (i := text.find(evidence[-60:])) >= 0:
        end = i + len(evidence[-60:])
        return max(0, end - len(evidence)), end
    return None


def labelled_pairs(lang: str, splits: tuple[str, ...]) -> tuple[list[dict], list[dict]]:
    """(reader rows, filter rows) of the gold articles of ``splits``."""
    lex, nlp, sym = load_lexicon(lang), load_pipeline(lang), symmetric_predicates()
    pairs: list[dict] = []
    rules_out: list[dict] = []
    for split in splits:
        lines = (GOLD / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        articles = [json.loads(x) for x in lines if x.strip()]
        resolver = Resolver()
        gaz = resolver.gazetteer
        docs = [make_document(a["id"], a["text"], lang=lang, title=a.get("title"), published=a.get("published"))
                for a in articles]
        for a, d, doc in zip(articles, docs, nlp.pipe(d.text for d in docs), strict=True):
            dm = collect_mentions(doc, gaz)
            resolve_references(dm, lex, gaz)
            rules = extract_relations(dm, lex, gaz, d.published) + extract_roles(dm, lex) + extract_structural(dm, lex)
            ruled = {(doc[r.subject.start].sent.start, frozenset({r.subject.target.identity, r.object.target.identity}))
                     for r in rules if r.subject.start < len(doc)}
            res = _resolve_doc(None, dm.mentions, resolver, d.text)  # type: ignore[arg-type]

            def key_of(m, res=res, resolver=resolver) -> str:  # type: ignore[no-untyped-def]
                t = m.target
                if id(t) in res:
                    return res[id(t)].entity.key
                return resolver.resolve(t.text, t.type, key=t.key).entity.key

            gold: dict[frozenset[str], list[tuple[str, str, str, tuple[int, int] | None]]] = defaultdict(list)
            for g in a["triples"]:
                p = g["predicate"]
                o = gold_key(g["object"], resolver, "Place" if p in PLACE_OBJECTS else "Organization")
                s = gold_key(g["subject"], resolver, "Person" if p in PERSON_SUBJECTS else "Organization",
                             maker=o if p == "productOf" else None)
                gold[frozenset({s, o})].append((s, p, o, _evidence_span(a["text"], g.get("evidence", ""))))
            facts = {(s, p, o) for v in gold.values() for s, p, o, _ in v}
            for r in rules:
                if r.subject.start >= len(doc) or r.object.start >= len(doc):
                    continue
                ks, ko = key_of(r.subject), key_of(r.object)
                if ks == ko:
                    continue
                first, second = sorted((r.subject, r.object), key=lambda m: m.start)
                feats = pair_features(doc, first, second, lex) + [
                    f"pat={r.pattern}", f"pred={r.predicate}", f"dir={r.subject is first}", f"mod={r.modality}",
                    f"conf={round(r.confidence, 1)}", f"family={r.pattern.split(':')[0]}"]
                right = (ks, r.predicate, ko) in facts or (r.predicate in sym and (ko, r.predicate, ks) in facts)
                rules_out.append({"doc": a["id"], "features": feats, "label": "right" if right else "wrong",
                                  "key": [ks, r.predicate, ko], "confidence": r.confidence})
            for c in candidates(dm, lex):
                ka, kb = key_of(c.first), key_of(c.second)
                if ka == kb:
                    continue
                label: str | None = "none"
                lo, hi = d.original_span(c.sent.start_char, c.sent.end_char)
                for s, p, _o, span in gold.get(frozenset({ka, kb}), []):
                    if span is not None and span[0] < hi and lo < span[1]:
                        label = class_name(p, s == ka or p in sym)
                        break
                    label = None  # related in the gold through another sentence
                if label is None:
                    continue
                ids = frozenset({c.first.target.identity, c.second.target.identity})
                pairs.append({"doc": a["id"], "features": c.features, "label": label,
                              "ruled": (c.sent.start, ids) in ruled})
    return pairs, rules_out


def cross_validated(rows: list[dict], c: float) -> list[list[tuple[str, float]]]:
    """For each row, the classes and probabilities of a model trained on the other articles' rows."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = sorted({r["doc"] for r in rows})
    out: list[list[tuple[str, float]]] = [[] for _ in rows]
    for k in range(FOLDS):
        held = {d for i, d in enumerate(docs) if i % FOLDS == k}
        train = [r for r in rows if r["doc"] not in held]
        test = [i for i, r in enumerate(rows) if r["doc"] in held]
        vec = DictVectorizer()
        x = vec.fit_transform([dict.fromkeys(r["features"], 1) for r in train])
        clf = LogisticRegression(C=c, max_iter=3000).fit(x, [r["label"] for r in train])
        probs = clf.predict_proba(vec.transform([dict.fromkeys(rows[i]["features"], 1) for i in test]))
        for i, p in zip(test, probs, strict=True):
            out[i] = [(str(cls), float(q)) for cls, q in zip(clf.classes_, p, strict=True)]
    return out


def reader_report(rows: list[dict], c: float) -> dict:
    """Precision and yield of the reader's predictions, apart for pairs the rules relate and those they do not."""
    cv = cross_validated(rows, c)
    report: dict = {}
    for ruled in (True, False):
        idx = [i for i, r in enumerate(rows) if r["ruled"] == ruled]
        related = sum(1 for i in idx if rows[i]["label"] != "none")
        points = {}
        for th in THRESHOLDS:
            kept = [(i, max(cv[i], key=lambda x: x[1])) for i in idx]
            kept = [(i, cls) for i, (cls, p) in kept if cls != "none" and p >= th]
            right = sum(1 for i, cls in kept if cls == rows[i]["label"])
            points[f"{th:.1f}"] = {"predicted": len(kept), "right": right,
                                   "precision": round(right / len(kept), 3) if kept else None}
        report["rules relate the pair" if ruled else "rules leave the pair unrelated"] = {
            "pairs": len(idx), "related in the gold": related, "by minimum probability": points}
    return report


def _fit(rows: list[dict], c: float):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r["features"], 1) for r in rows])
    return vec, LogisticRegression(C=c, max_iter=3000).fit(x, [r["label"] for r in rows])


def _drop_curve(rows: list[dict], right_prob: list[float]) -> dict:
    """Triples kept and right when dropping those the filter doubts, against dropping by the rules' confidence."""
    triples: dict[tuple, dict] = {}
    for r, p in zip(rows, right_prob, strict=True):
        t = triples.setdefault((r["doc"], *r["key"]), {"learned": 0.0, "confidence": 0.0, "right": False})
        t["learned"] = max(t["learned"], p)
        t["confidence"] = max(t["confidence"], r["confidence"])
        t["right"] = r["label"] == "right"
    right_all = sum(t["right"] for t in triples.values())
    out: dict = {"triples": len(triples), "right": right_all}
    for score, ths in (("learned", (0.3, 0.5, 0.7)), ("confidence", (0.5, 0.6, 0.7))):
        for th in ths:
            kept = [t for t in triples.values() if t[score] >= th]
            right = sum(t["right"] for t in kept)
            out[f"{score} >= {th}"] = {"kept": len(kept), "right": right,
                                       "precision": round(right / len(kept), 3) if kept else None,
                                       "right dropped": right_all - right,
                                       "wrong dropped": len(triples) - len(kept) - (right_all - right)}
    return out


def filter_report(rows: list[dict], c: float) -> dict:
    """The drop curve of the filter cross-validated on the training splits."""
    return _drop_curve(rows, [dict(p).get("right", 0.0) for p in cross_validated(rows, c)])


def held_out_filter(train: list[dict], test: list[dict], c: float) -> dict:
    """The drop curve on the test splits of the filter trained on all the training splits (figures only: no
    test error is read)."""
    vec, clf = _fit(train, c)
    k = list(clf.classes_).index("right")
    probs = clf.predict_proba(vec.transform([dict.fromkeys(r["features"], 1) for r in test]))[:, k]
    return _drop_curve(test, [float(p) for p in probs])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=sorted(SPLITS), action="append")
    ap.add_argument("--c", type=float, default=0.5, help="inverse L2 strength of the regressions")
    ap.add_argument("--cache", type=Path, help="read/write the labelled pairs under this prefix (skips parsing)")
    args = ap.parse_args()
    results: dict = {"kg_version": kg_version(), "c": args.c, "folds": FOLDS, "languages": {}}
    for lang in args.lang or sorted(SPLITS):
        cache = Path(f"{args.cache}.{lang}.json") if args.cache else None
        if cache is not None and cache.exists():
            pairs, rules, test_rules = json.loads(cache.read_text(encoding="utf-8"))
        else:
            pairs, rules = labelled_pairs(lang, SPLITS[lang])
            test_rules = labelled_pairs(lang, TEST_SPLITS[lang])[1]
            if cache is not None:
                cache.write_text(json.dumps([pairs, rules, test_rules]), encoding="utf-8")
        results["languages"][lang] = {"splits": list(SPLITS[lang]), "test splits": list(TEST_SPLITS[lang]),
                                      "reader": reader_report(pairs, args.c),
                                      "filter": filter_report(rules, args.c),
                                      "filter on test": held_out_filter(rules, test_rules, args.c)}
        print(json.dumps(results["languages"][lang], indent=1))
    if args.lang:
        return
    (HERE / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (HERE / "results.md").write_text(markdown(results), encoding="utf-8")


def markdown(results: dict) -> str:
    """The results as the tables of results.md."""
    lines = ["# Relation classifier experiment", "", "Produced by `python benchmarks/relation_classifier/run.py` "
             f"(commit {results['kg_version']['commit']}); {results['folds']}-fold cross-validation by article on "
             "the dev splits and construction batteries. See the module docstring for the set-up.", "",
             "## Reader: predictions on pairs of mentions of a sentence", "",
             "| lang | pairs | related in gold | min. probability | predicted | right | precision |",
             "|---|---|---|---|---|---|---|"]
    for lang, res in results["languages"].items():
        for kind, r in res["reader"].items():
            for th, p in r["by minimum probability"].items():
                prec = f"{p['precision']:.3f}" if p["precision"] is not None else "-"
                lines.append(f"| {lang}, {kind} | {r['pairs']} | {r['related in the gold']} | {th} | {p['predicted']} | "
                             f"{p['right']} | {prec} |")
    lines += ["", "## Filter: dropping the rules' triples the classifier doubts, against the rules' confidence", "",
              "Cross-validated on the training splits, then trained on all of them and applied to the test splits.", "",
              "| lang | triples of | drop below | kept | right | precision | right dropped | wrong dropped |",
              "|---|---|---|---|---|---|---|---|"]
    for lang, res in results["languages"].items():
        for where, f in (("dev (cross-validated)", res["filter"]), ("test (held out)", res["filter on test"])):
            lines.append(f"| {lang} | {where} | - | {f['triples']} | {f['right']} | {f['right'] / f['triples']:.3f} "
                         "| 0 | 0 |")
            for k, v in f.items():
                if isinstance(v, dict):
                    lines.append(f"| {lang} | {where} | {k} | {v['kept']} | {v['right']} | {v['precision']:.3f} | "
                                 f"{v['right dropped']} | {v['wrong dropped']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
