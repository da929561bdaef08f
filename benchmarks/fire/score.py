"""Score kg's English extraction on the dev split of FIRE (financial relation extraction; CC BY 4.0).

    python benchmarks/fire/score.py              # writes results.json and results.md here
    python benchmarks/fire/score.py --limit 20 --out /tmp/fire

The data lives outside the repository, in ``shared/data/fire/fire_dev.json`` next to it (``--data`` overrides it);
without it the script says so and exits with status 0 (nothing to score).

Each of the 454 sentences is detokenised and run through kg as its own English document (one resolver for the
run). FIRE relations are mapped onto kg's vocabulary:

    ActionBuy(buyer, bought)          -> acquired(buyer, bought)
    Subsidiaryof(subsidiary, parent)  -> owns(parent, subsidiary)
    Productof(product, company)       -> productOf(product, company)
    Employeeof(person, organisation)  -> employeeOf; ceoOf also accepted (and expected) when a FIRE Designation
                                         of the person is chief executive or managing director; leads also
                                         accepted when it is chair, president (not vice president), head or
                                         managing director (a board "director" is not a leader)
    Locatedin(thing, place)           -> headquarteredIn or locatedIn

ActionMerge is not mapped: kg has no merger predicate, and a merger is reported sometimes as one firm buying the
other and sometimes as a union of equals, so an acquired or owns triple between merger partners is
neither rewarded nor counted false ("neutral"); neither is an owns triple for a pair FIRE annotates as ActionBuy
(the buyer does own what it bought). ActionSell names the seller, which kg does not model: it is not scored,
and a triple saying the seller acquired what it sold is false like any other.

Only relations whose two arguments have a FIRE type kg models are gold (Company and BusinessUnit ->
Organization, Person, Product, Location and GeopoliticalEntity -> Place); FinancialEntity, Money, Quantity, Sector
etc. are out. A predicted subject/object matches a gold argument when their normalised texts (kg's
``normalize_name``) are equal or one contains the other as whole words; the predicted side may match by the
surface text in the sentence or by the resolved entity's label. Precision counts predicted triples of the
scored predicates (acquired, owns, productOf, employeeOf, ceoOf, leads, headquarteredIn, locatedIn); other
predicates FIRE does not annotate (investsIn, partnersWith, suppliesTo, ...) are counted but not scored. Recall
counts distinct gold relations (by normalised argument texts) that some predicted triple matches. Modality is
ignored (FIRE annotates agreed and planned deals too), except that a triple kg marks as denied or ended says
the relation does not hold: such triples are not scored ("negated").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.provenance import kg_version  # noqa: E402
from kg.extract.pipeline import DocResult, extract_documents  # noqa: E402
from kg.ingest.read import make_document  # noqa: E402
from kg.models import Triple  # noqa: E402
from kg.resolve.normalize import normalize_name  # noqa: E402
from kg.resolve.resolver import Resolver  # noqa: E402

HERE = Path(__file__).parent
DATA = Path(__file__).resolve().parents[2].parent / "shared/data/fire"

#: FIRE entity types that kg models, with the kg type they correspond to.
KG_TYPES = {
    "Company": "Organization",
    "BusinessUnit": "Organization",
    "Person": "Person",
    "Product": "Product",
    "Location": "Place",
    "GeopoliticalEntity": "Place",
}
#: FIRE relation -> (kg predicate expected, whether kg's subject is FIRE's tail).
MAPPED = {
    "ActionBuy": ("acquired", False),
    "Subsidiaryof": ("owns", True),
    "Productof": ("productOf", False),
    "Employeeof": ("employeeOf", False),
    "Locatedin": ("locatedIn", False),
}
#: kg predicate -> the FIRE relation it is scored against.
FAMILY = {
    "acquired": "ActionBuy",
    "owns": "Subsidiaryof",
    "productOf": "Productof",
    "employeeOf": "Employeeof",
    "ceoOf": "Employeeof",
    "leads": "Employeeof",
    "headquarteredIn": "Locatedin",
    "locatedIn": "Locatedin",
}
_CEO = re.compile(r"\b(chief executive|ceo|managing director)\b", re.I)
_LEADS = re.compile(r"\b(chair(man|woman|person)?|(?<!vice )president|head|managing director)\b", re.I)
#: Modalities in which kg states that the relation does not (or no longer) hold: not scored.
NEGATED = frozenset({"denied", "ended"})
_NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "'s",
    "'",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "#"}


@dataclass(slots=True)
class Gold:
    """One gold relation in kg's terms."""

    sentence: int
    relation: str  # FIRE relation
    subject: str  # detokenised text of kg's subject
    object: str
    expected: str  # kg predicate expected
    accepted: frozenset[str]
    matched_by: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Sentence:
    """A FIRE sentence with its gold relations in kg's terms."""

    index: int
    orig_id: str
    text: str
    gold: list[Gold]
    merges: list[tuple[str, str]]
    buys: list[tuple[str, str]]


def detokenize(tokens: list[str]) -> str:
    """Readable text from FIRE's tokens: ``["Inc", ".", "(", "CME", ")"]`` -> ``"Inc. (CME)"``."""
    out = ""
    quote_open = False
    glue_next = False
    for tok in tokens:
        tok = tok.strip()
        if not tok:
            continue
        glue = glue_next or not out or tok in _NO_SPACE_BEFORE
        glue_next = tok in _NO_SPACE_AFTER
        if tok == '"':
            glue = glue or quote_open
            glue_next = not quote_open
            quote_open = not quote_open
        out += tok if glue else " " + tok
    # hyphenated words and names: "wholly - owned" -> "wholly-owned", "8 - K" -> "8-K"
    return re.sub(r"(?<=\w) - (?=\w)", "-", out)


def _words(text: str) -> list[str]:
    return normalize_name(text).split()


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def same_entity(predicted: str, gold: str) -> bool:
    """Normalised texts equal, or one contains the other as whole words."""
    p, g = _words(predicted), _words(gold)
    if not p or not g:
        return False
    return p == g or _contains(g, p) or _contains(p, g)


def _accepted(relation: str, designations: list[str]) -> tuple[str, frozenset[str]]:
    if relation == "Employeeof":
        accepted = {"employeeOf"}
        if any(_CEO.search(d) for d in designations):
            accepted.add("ceoOf")
        if any(_LEADS.search(d) for d in designations):
            accepted.add("leads")
        expected = "ceoOf" if "ceoOf" in accepted else "leads" if "leads" in accepted else "employeeOf"
        return expected, frozenset(accepted)
    if relation == "Locatedin":
        return "locatedIn", frozenset({"locatedIn", "headquarteredIn"})
    pred = MAPPED[relation][0]
    return pred, frozenset({pred})


def parse_sentence(index: int, rec: dict) -> tuple[Sentence, Counter]:
    """Gold relations of one FIRE record in kg's terms, plus counts of relations left out and why."""
    toks, ents = rec["tokens"], rec["entities"]
    text_of = [detokenize(toks[e["start"] : e["end"]]) for e in ents]
    designations: dict[str, list[str]] = defaultdict(list)
    for r in rec["relations"]:
        if r["type"] == "Designation":
            designations[normalize_name(text_of[r["head"]])].append(text_of[r["tail"]])
    skipped: Counter = Counter()
    gold: dict[tuple, Gold] = {}
    merges, buys = [], []
    for r in rec["relations"]:
        h, t, rel = ents[r["head"]], ents[r["tail"]], r["type"]
        if rel == "ActionMerge":
            merges.append((text_of[r["head"]], text_of[r["tail"]]))
        if rel not in MAPPED:
            continue
        if h["type"] not in KG_TYPES or t["type"] not in KG_TYPES:
            skipped[f"{rel}: argument type {h['type']}/{t['type']}"] += 1
            continue
        subj, obj = text_of[r["head"]], text_of[r["tail"]]
        if MAPPED[rel][1]:
            subj, obj = obj, subj
        if rel == "ActionBuy":
            buys.append((subj, obj))
        expected, accepted = _accepted(rel, designations.get(normalize_name(text_of[r["head"]]), []))
        key = (rel, normalize_name(subj), normalize_name(obj))
        if key in gold:
            gold[key] = Gold(index, rel, subj, obj, *_merge_expected(gold[key], expected, accepted))
        else:
            gold[key] = Gold(index, rel, subj, obj, expected, accepted)
    sent = Sentence(
        index, str(rec.get("orig_id", index)), detokenize(toks), list(gold.values()), merges, buys
    )
    return sent, skipped


def _merge_expected(prev: Gold, expected: str, accepted: frozenset[str]) -> tuple[str, frozenset[str]]:
    rank = ["employeeOf", "leads", "ceoOf"]
    best = max(prev.expected, expected, key=lambda p: rank.index(p) if p in rank else 0)
    return best, prev.accepted | accepted


def load_sentences(path: Path, limit: int | None = None) -> tuple[list[Sentence], Counter]:
    """FIRE records of ``path`` as Sentences (the first ``limit`` when given)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    if limit:
        records = records[:limit]
    sentences, skipped = [], Counter()
    for i, rec in enumerate(records):
        s, sk = parse_sentence(i, rec)
        sentences.append(s)
        skipped.update(sk)
    return sentences, skipped


def run_kg(sentences: list[Sentence]) -> list[DocResult]:
    """kg's extraction of every sentence (one English document each, one resolver for the run)."""
    docs = [make_document(f"fire-{s.index}", s.text, lang="en") for s in sentences]
    return list(extract_documents(docs, Resolver()))


def _sides(t: Triple) -> tuple[list[str], list[str]]:
    return [t.subject_text, t.subject.label], [t.object_text, t.object.label]


def _matches(t: Triple, subj: str, obj: str) -> bool:
    s_texts, o_texts = _sides(t)
    return any(same_entity(x, subj) for x in s_texts) and any(same_entity(x, obj) for x in o_texts)


def judge(t: Triple, sent: Sentence) -> tuple[str, list[Gold]]:
    """``tp``, ``fp``, ``neutral``, ``negated`` or ``unscored`` for one predicted triple, with the gold it matches."""
    if t.predicate not in FAMILY:
        return "unscored", []
    if t.modality in NEGATED:
        return "negated", []
    matched = [g for g in sent.gold if t.predicate in g.accepted and _matches(t, g.subject, g.object)]
    if matched:
        return "tp", matched
    for a, b in sent.merges:
        if t.predicate in ("acquired", "owns") and (_matches(t, a, b) or _matches(t, b, a)):
            return "neutral", []
    if t.predicate == "owns" and any(_matches(t, a, b) for a, b in sent.buys):
        return "neutral", []
    return "fp", []


def prf(tp: int, n_pred: int, found: int, n_gold: int) -> dict[str, float | int]:
    """Precision over predictions, recall over gold relations, and their harmonic mean."""
    p = tp / n_pred if n_pred else 0.0
    r = found / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "predicted": n_pred,
        "correct": tp,
        "gold": n_gold,
        "found": found,
    }


def _triple_record(t: Triple, sent: Sentence) -> dict:
    return {
        "sentence": sent.index,
        "orig_id": sent.orig_id,
        "subject": t.subject_text,
        "subject_entity": t.subject.key,
        "predicate": t.predicate,
        "object": t.object_text,
        "object_entity": t.object.key,
        "modality": t.modality,
        "pattern": t.pattern,
        "text": sent.text,
    }


def score(sentences: list[Sentence], results: list[DocResult]) -> dict:
    """Scores overall, per FIRE relation and per kg predicate, with every miss and false triple."""
    pred_counts: dict[str, Counter] = defaultdict(Counter)
    false, neutral, unscored = [], [], Counter()
    for sent, res in zip(sentences, results, strict=True):
        for t in res.triples:
            verdict, golds = judge(t, sent)
            pred_counts[t.predicate][verdict] += 1
            for g in golds:
                g.matched_by.append(t.predicate)
            if verdict == "fp":
                false.append(_triple_record(t, sent))
            elif verdict in ("neutral", "negated"):
                neutral.append({**_triple_record(t, sent), "verdict": verdict})
            elif verdict == "unscored":
                unscored[t.predicate] += 1
    gold = [g for s in sentences for g in s.gold]
    by_rel: dict[str, dict] = {}
    for rel in MAPPED:
        preds = [p for p, f in FAMILY.items() if f == rel]
        tp = sum(pred_counts[p]["tp"] for p in preds)
        n_pred = tp + sum(pred_counts[p]["fp"] for p in preds)
        gs = [g for g in gold if g.relation == rel]
        by_rel[rel] = prf(tp, n_pred, sum(bool(g.matched_by) for g in gs), len(gs))
    ceo = [g for g in gold if g.expected == "ceoOf"]
    ceo_pred = pred_counts["ceoOf"]
    by_rel["Employeeof as ceoOf"] = prf(
        ceo_pred["tp"], ceo_pred["tp"] + ceo_pred["fp"], sum("ceoOf" in g.matched_by for g in ceo), len(ceo)
    )
    tp = sum(c["tp"] for c in pred_counts.values())
    n_pred = tp + sum(c["fp"] for c in pred_counts.values())
    missed = [
        {
            "sentence": g.sentence,
            "orig_id": sentences[g.sentence].orig_id,
            "relation": g.relation,
            "subject": g.subject,
            "expected": g.expected,
            "object": g.object,
            "text": sentences[g.sentence].text,
        }
        for g in gold
        if not g.matched_by
    ]
    return {
        "overall": prf(tp, n_pred, sum(bool(g.matched_by) for g in gold), len(gold)),
        "per_relation": by_rel,
        "per_predicate": {p: dict(c) for p, c in sorted(pred_counts.items())},
        "unscored_predicates": dict(unscored.most_common()),
        "misses": missed,
        "false_triples": false,
        "neutral_triples": neutral,
    }


def _table(res: dict) -> list[str]:
    lines = [
        "| relation | P | R | F1 | predicted | correct | gold | found |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = [("all mapped", res["overall"])] + list(res["per_relation"].items())
    for name, s in rows:
        lines.append(
            f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['predicted']} | "
            f"{s['correct']} | {s['gold']} | {s['found']} |"
        )
    return lines


def _examples(title: str, items: list[dict], n: int, fmt) -> list[str]:
    lines = [f"## {title} ({len(items)}; first {min(n, len(items))})", ""]
    lines += [fmt(x) for x in items[:n]] or ["None."]
    return lines + [""]


def render_markdown(res: dict, limits: list[str]) -> str:
    """Human-readable results with the limits of the comparison and examples of errors."""
    lines = [
        "# kg on FIRE (dev split)",
        "",
        f"Produced by `python benchmarks/fire/score.py`: {res['sentences']} sentences "
        f"({res['words']:,} words) of 10-K filings and financial news from FIRE (Hamad et al., NAACL Findings "
        "2024, CC BY 4.0), each run through kg as one English document "
        f"({res['seconds']} s, model {res['model']}; kg at commit {res['kg_version']['commit']}"
        f"{' with uncommitted changes under kg/' if res['kg_version']['kg_modified'] else ''}). "
        "Mapping and matching rules: see the script's docstring.",
        "",
        *_table(res),
        "",
        "P counts the predicted triples of the scored predicates; R counts distinct gold relations. "
        f"Gold relations left out because an argument's FIRE type is not one kg models: {res['skipped_total']} "
        f"({', '.join(f'{k} {v}' for k, v in res['skipped'].items())}).",
        "",
        "Per kg predicate (correct / false / not scored): "
        + "; ".join(
            f"{p} {c.get('tp', 0)}/{c.get('fp', 0)}/{c.get('neutral', 0) + c.get('negated', 0)}"
            for p, c in res["per_predicate"].items()
            if p in FAMILY
        )
        + ".",
        "Not scored (FIRE has no such relation): "
        + (", ".join(f"{p} {n}" for p, n in res["unscored_predicates"].items()) or "none")
        + ".",
        "",
        "## What limits the comparison",
        "",
        *[f"- {x}" for x in limits],
        "",
    ]
    lines += _examples(
        "Misses",
        res["misses"],
        30,
        lambda m: (
            f"- [{m['orig_id']}] {m['relation']}: {m['subject']} -{m['expected']}-> {m['object']}  — “{m['text'][:220]}”"
        ),
    )
    lines += _examples(
        "False triples",
        res["false_triples"],
        30,
        lambda t: (
            f"- [{t['orig_id']}] {t['subject']} -{t['predicate']}-> {t['object']} ({t['pattern']}, {t['modality']})  "
            f"— “{t['text'][:220]}”"
        ),
    )
    lines += _examples(
        "Not scored: merger partners, owns for a bought company, denied or ended",
        res["neutral_triples"],
        10,
        lambda t: (
            f"- [{t['orig_id']}] {t['subject']} -{t['predicate']}-> {t['object']} ({t['verdict']}, "
            f"{t['modality']})"
        ),
    )
    return "\n".join(lines)


LIMITS = [
    '10-K filings say "we", "our" or "the Company" for the filer; FIRE does not annotate these as entities, '
    'so "we acquired X" has no gold relation (kg\'s triples from such sentences, if any, count as false when '
    "their arguments are not annotated entities).",
    'Entity types: FIRE\'s Product includes generic descriptions ("suspension products", "IOM services") and '
    "BusinessUnit includes offices and divisions that kg's NER does not see as names; FinancialEntity objects "
    "of ActionBuy (assets, licences) are out of the gold.",
    "Relation definitions: Employeeof covers board membership, advisers, partners of firms and past roles "
    '("previously served as"), while kg extracts current leadership and employment from news phrasing; '
    'Locatedin includes place-in-place ("Fremont, California") and offices, which kg only extracts for '
    "organisations; Subsidiaryof is often stated in exhibit lists of filings rather than sentences.",
    "Sentences are scored alone: kg sees no document context (earlier full names, the filer's name).",
    'Matching is by text overlap, which is lenient for long gold spans ("CME Group Inc. (CME Group)") and can '
    "accept a shorter predicted span that names only part of the entity.",
    "FIRE annotates agreed and planned deals like completed ones; modality is ignored here, except that kg's "
    "denied or ended triples are not scored.",
    "The texts are not about AI and tech business: the gazetteer knows few of these companies, so kg relies on "
    "the statistical NER of the small English model.",
]


def main(argv: list[str] | None = None) -> dict | None:
    """Command line entry point; returns the result dictionary (None when the data is absent)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="directory holding fire_dev.json")
    ap.add_argument("--limit", type=int, help="score only the first N sentences")
    ap.add_argument("--out", type=Path, default=HERE, help="directory for results.json and results.md")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    path = args.data / "fire_dev.json"
    if not path.exists():
        print(f"FIRE data not found at {path}: nothing to score (skipped)")
        return None
    import time

    from kg.nlp import model_name

    sentences, skipped = load_sentences(path, args.limit)
    t0 = time.perf_counter()
    results = run_kg(sentences)
    elapsed = time.perf_counter() - t0
    res = {
        "sentences": len(sentences),
        "words": sum(len(s.text.split()) for s in sentences),
        "seconds": round(elapsed, 1),
        "model": model_name("en"),
        "skipped": dict(skipped.most_common()),
        "skipped_total": sum(skipped.values()),
        "kg_version": kg_version(),
        **score(sentences, results),
    }
    o = res["overall"]
    print(
        f"FIRE dev: P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f} "
        f"({o['correct']}/{o['predicted']} predicted correct, {o['found']}/{o['gold']} gold found)"
    )
    if not args.no_write:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(
            json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (args.out / "results.md").write_text(render_markdown(res, LIMITS), encoding="utf-8")
    return res


if __name__ == "__main__":
    main()
