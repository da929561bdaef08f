"""Score kg's reference resolution (pronouns and "the company"-style phrases) against hand annotation.

    python benchmarks/coref/score.py                 # every split under gold/, writes results.json and results.md
    python benchmarks/coref/score.py --split en-dev --no-write --errors

The gold (``gold/<split>.jsonl``, one line per referring expression) was written by annotators who read the
articles of ``benchmarks/extraction/gold/<split>.jsonl`` with every expression kg's ``resolve_references``
considered marked in the text, and named the entity each one refers to, or null when it refers to no named
entity (a deal, a market, several companies, an expletive "it"). Expressions are identified by character
offsets in the cleaned article text, so the gold survives changes to the code.

Each gold expression is scored against what kg makes of the same span now:

- right: kg names the gold entity (compared by the key kg's resolver gives both names);
- wrong: kg names another entity (a false resolution and a miss at once);
- spurious: gold null, kg names an entity;
- missed: gold names an entity, kg leaves it unresolved (or no longer considers the span);
- abstained: gold null and kg null.

Precision = right / (right + wrong + spurious); recall = right / (right + wrong + missed).
Expressions kg considers that the annotators never saw (new rules) are counted apart as ``unannotated``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.extraction.score import gold_key  # noqa: E402
from benchmarks.provenance import kg_version  # noqa: E402
from kg.extract.coref import resolve_references  # noqa: E402
from kg.extract.lexicon import load_lexicon  # noqa: E402
from kg.extract.mentions import collect_mentions  # noqa: E402
from kg.extract.pipeline import _resolve_doc  # noqa: E402
from kg.ingest.read import make_document  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402
from kg.resolve.resolver import Resolver  # noqa: E402

HERE = Path(__file__).parent
GOLD = HERE / "gold"
ARTICLES = ROOT / "benchmarks" / "extraction" / "gold"
OUTCOMES = ("right", "wrong", "spurious", "missed", "abstained")


def predictions(split: str, resolver: Resolver, limit: int | None = None) -> tuple[dict[tuple[str, int, int], tuple[str, str | None, str]],
                                                          dict[str, dict[str, str]]]:
    """(article, char start, char end) -> (wanted type, key of the antecedent's entity or None) for every
    expression kg considers in the split's articles, and per article the entity key of every name written in it
    (so a gold "Mira Murati" and kg's antecedent "Murati" meet on the key the pipeline gives both)."""
    arts = [json.loads(line) for line in (ARTICLES / f"{split}.jsonl").open(encoding="utf-8")][:limit]
    lang = arts[0]["lang"]
    nlp = load_pipeline(lang)
    lex = load_lexicon(lang)
    out: dict[tuple[str, int, int], tuple[str, str | None, str]] = {}
    names: dict[str, dict[str, str]] = {}
    for art in arts:
        doc = nlp(make_document(art["id"], art["text"], lang=lang).text)
        dm = collect_mentions(doc, resolver.gazetteer)
        trace: list = []
        resolve_references(dm, lex, resolver.gazetteer, trace)
        resolved = _resolve_doc(doc, dm.mentions, resolver)
        keys = {id(m): r.entity.key for m in dm.mentions if (r := resolved.get(id(m))) is not None}
        names[art["id"]] = {m.text.lower(): keys[id(m)] for m in dm.mentions if id(m) in keys}
        for start, end, want, ante, rule in trace:
            span = doc[start:end]
            key = keys.get(id(ante.target)) or ante.target.text.lower() if ante else None
            out[(art["id"], span.start_char, span.end_char)] = (want, key, rule)
    return out, names


def kind_of(text: str, lang: str) -> str:
    """ "pronoun" for a pronoun or clitic of the language's lexicon ("it", "suo", "la"), else "noun phrase"."""
    return "pronoun" if text.lower() in _pronoun_words(lang) else "noun phrase"


@lru_cache(maxsize=4)
def _pronoun_words(lang: str) -> frozenset[str]:
    return frozenset(load_lexicon(lang).pronouns) | {"l'", "l’", "lo", "la", "itself", "themselves"}


def outcome(gold_name: str | None, kg_key: str | None, gold_keys: set[str]) -> str:
    """right / wrong / spurious / missed / abstained for kg's antecedent key against the gold name, whose
    possible keys are ``gold_keys``."""
    if gold_name is None:
        return "abstained" if kg_key is None else "spurious"
    if kg_key is None:
        return "missed"
    return "right" if kg_key in gold_keys else "wrong"


def score_split(split: str, resolver: Resolver, limit: int | None = None) -> tuple[dict, list[dict]]:
    """Counts per outcome (overall and per kind) and the list of scored expressions (of the first ``limit``
    articles when given)."""
    pred, names = predictions(split, resolver, limit)
    lang = "it" if split.startswith("it") else "en"
    rows = []
    seen = set()
    for line in (GOLD / f"{split}.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        if g["article"] not in names:
            continue  # beyond --limit
        key = (g["article"], g["start"], g["end"])
        seen.add(key)
        want, kg_key, rule = pred.get(key, ("Organization", None, "not considered"))
        gold_name = g["antecedent"]
        gold_keys: set[str] = set()
        if gold_name is not None:
            typ = want if want in {"Organization", "Person", "Place"} else "Organization"
            gold_keys = {names[g["article"]].get(gold_name.lower()) or gold_key(gold_name, resolver, typ),
                         gold_name.lower()}
        result = outcome(gold_name, kg_key, gold_keys)
        rows.append({**g, "kg": kg_key, "outcome": result, "kind": kind_of(g["text"], lang), "rule": rule})
    counts = {"all": Counter(r["outcome"] for r in rows)}
    for kind in ("pronoun", "noun phrase"):
        counts[kind] = Counter(r["outcome"] for r in rows if r["kind"] == kind)
    annotated = {a for a, _, _ in seen}  # (articles added to the split after the annotation are not counted)
    counts["all"]["unannotated"] = sum(1 for k in pred if k[0] in annotated and k not in seen)
    return counts, rows


def figures(c: Counter) -> dict:
    """Precision, recall and F1 from outcome counts."""
    p_den = c["right"] + c["wrong"] + c["spurious"]
    r_den = c["right"] + c["wrong"] + c["missed"]
    p = c["right"] / p_den if p_den else 0.0
    r = c["right"] / r_den if r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            **{o: c[o] for o in OUTCOMES}, "expressions": sum(c[o] for o in OUTCOMES)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="append", help="score only this split (repeatable)")
    ap.add_argument("--no-write", action="store_true", help="print, do not write results.json / results.md")
    ap.add_argument("--errors", action="store_true", help="list every expression kg gets wrong")
    ap.add_argument("--limit", type=int, help="only the first N articles of each split (implies --no-write)")
    args = ap.parse_args()
    splits = args.split or sorted(p.stem for p in GOLD.glob("*.jsonl"))
    resolver = Resolver()
    results = {"kg_version": kg_version(), "splits": {}}
    lines = ["# Reference resolution", "", "| split | kind | expressions | P | R | F1 | right | wrong | spurious |"
             " missed | abstained |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for split in splits:
        counts, rows = score_split(split, resolver, args.limit)
        res = {kind: figures(c) for kind, c in counts.items()}
        res["all"]["unannotated"] = counts["all"]["unannotated"]
        results["splits"][split] = res
        for kind, f in res.items():
            lines.append(f"| {split} | {kind} | {f['expressions']} | {f['precision']:.3f} | {f['recall']:.3f} | "
                         f"{f['f1']:.3f} | {f['right']} | {f['wrong']} | {f['spurious']} | {f['missed']} | "
                         f"{f['abstained']} |")
        a = res["all"]
        print(f"{split}: P {a['precision']:.3f} R {a['recall']:.3f} F1 {a['f1']:.3f} over {a['expressions']} "
              f"expressions ({a['unannotated']} considered but unannotated)")
        if args.errors:
            for r in rows:
                if r["outcome"] in {"wrong", "spurious", "missed"}:
                    print(f"  {r['outcome']:8} {r['article']} {r['text']!r} gold={r['antecedent']} kg={r['kg']}"
                          f" | {r.get('context', '')}")
    if not args.no_write and args.limit is None:
        (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        (HERE / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
