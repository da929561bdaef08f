"""Score kg's Italian entity recognition on the KIND Wikinews test set (PER, ORG, LOC).

    python benchmarks/kind/score.py                # writes results.json and results.md here
    python benchmarks/kind/score.py --limit 200    # first 200 sentences

KIND (dhfbk/KIND, EVALITA 2023 NERMuD, Wikinews chapter) is CC BY-NC 4.0: evaluation only, nothing kg ships
is trained on it. kg has no statistical Italian NER: its mentions come from the gazetteer entity ruler,
proper-noun chains of kg's own parser, and context typing (given names, role titles, cue nouns, suffixes, the
head words and place lists of ontologies/lexicon/name_cues.toml and places.txt, the English NER as a last guess).
Words are given to the Italian pipeline pre-tokenised (so spans align with the gold), and kg's types are
mapped Person -> PER, Organization -> ORG, Place -> LOC (Product and Project are not scored). Scores are
exact-span, per type and micro-averaged, in two modes:

- document (the headline figure): KIND's Wikinews file lists its articles one after another, each opening with
  its title, a line with no sentence-final punctuation. The sentences of one article are parsed as one document,
  as kg reads articles, and the entities scored are kg's mentions after its document-level typing (a surname
  after the full name is the person, a name the text describes as a company is one: ``collect_mentions``);
- sentence: each sentence alone, the entities of the spaCy pipeline (``doc.ents``), as measured before; also
  with the English NER's guesses (``KG_IT_ENGLISH_NER=1``). The data is read from ../shared/data/kind/ next to the
repository; the script says so and stops when it is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "kind" / "WN_test.tsv"
HERE = Path(__file__).resolve().parent
TYPES = {"Person": "PER", "Organization": "ORG", "Place": "LOC"}


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        word, tag = line.split("\t")[:2]
        cur.append((word, tag))
    if cur:
        sents.append(cur)
    return sents


#: last words of a sentence (as KIND tokenises them); an article's title line ends with none of them
_SENTENCE_END = frozenset({".", "!", "?", "»", '"', "”", "…", ")", ":", "'", ";"})


def articles(sents: list[list[tuple[str, str]]]) -> list[list[list[tuple[str, str]]]]:
    """The sentences grouped into articles: a sentence that does not end like one is a title and opens one."""
    out: list[list[list[tuple[str, str]]]] = []
    for s in sents:
        if not out or s[-1][0] not in _SENTENCE_END:
            out.append([])
        out[-1].append(s)
    return out


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                out.add((start, i, kind))
                start, kind = None, None
            if tag.startswith(("B-", "I-")):
                start, kind = i, tag[2:]
    return out


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _count(counts: dict[str, Counter], gold: set, pred: set) -> None:
    for kind in ("PER", "ORG", "LOC"):
        g = {x for x in gold if x[2] == kind}
        p = {x for x in pred if x[2] == kind}
        for c in (counts[kind], counts["all"]):
            c["tp"] += len(g & p)
            c["fp"] += len(p - g)
            c["fn"] += len(g - p)


def _example(words: list[str], gold: set, pred: set) -> dict[str, list[str]]:
    return {
        "missed": sorted(f"{' '.join(words[a:b])}/{k}" for a, b, k in gold - pred),
        "false": sorted(f"{' '.join(words[a:b])}/{k}" for a, b, k in pred - gold),
    }


def score(nlp, sents: list[list[tuple[str, str]]]) -> dict:  # type: ignore[no-untyped-def]
    """Sentence mode: exact-span P/R/F1 per type of ``nlp``'s entities on each sentence alone, a sample of
    errors and the time taken."""
    from spacy.tokens import Doc

    counts: dict[str, Counter] = {t: Counter() for t in ("PER", "ORG", "LOC", "all")}
    t0 = time.perf_counter()
    docs = (Doc(nlp.vocab, words=[w for w, _ in s]) for s in sents)
    errors = []
    for s, doc in zip(sents, nlp.pipe(docs, batch_size=64), strict=True):
        gold = spans([t for _, t in s])
        pred = {(e.start, e.end, TYPES[e.label_]) for e in doc.ents if e.label_ in TYPES}
        _count(counts, gold, pred)
        if len(errors) < 40 and gold != pred:
            errors.append(_example([w for w, _ in s], gold, pred))
    secs = round(time.perf_counter() - t0, 1)
    scores = {k: prf(v["tp"], v["fp"], v["fn"]) for k, v in counts.items()}
    return {"seconds": secs, "scores": scores, "examples_of_errors": errors}


def score_documents(nlp, sents: list[list[tuple[str, str]]]) -> dict:  # type: ignore[no-untyped-def]
    """Document mode: each article parsed as one document; kg's named mentions after document-level typing."""
    from spacy.tokens import Doc

    from kg.extract.mentions import collect_mentions
    from kg.resolve.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    arts = articles(sents)
    counts: dict[str, Counter] = {t: Counter() for t in ("PER", "ORG", "LOC", "all")}
    t0 = time.perf_counter()
    docs = []
    for art in arts:
        words = [w for s in art for w, _ in s]
        starts = [k == 0 for s in art for k in range(len(s))]
        docs.append(Doc(nlp.vocab, words=words, sent_starts=starts))
    errors = []
    for art, doc in zip(arts, nlp.pipe(docs, batch_size=16), strict=True):
        gold: set[tuple[int, int, str]] = set()
        offset = 0
        for s in art:
            gold |= {(a + offset, b + offset, k) for a, b, k in spans([t for _, t in s])}
            offset += len(s)
        dm = collect_mentions(doc, gaz)
        pred = {(m.start, m.end, TYPES[m.type]) for m in dm.mentions if m.antecedent is None and m.type in TYPES}
        _count(counts, gold, pred)
        if len(errors) < 40 and gold != pred:
            errors.append(_example([t.text for t in doc], gold, pred))
    secs = round(time.perf_counter() - t0, 1)
    scores = {k: prf(v["tp"], v["fp"], v["fn"]) for k, v in counts.items()}
    return {"seconds": secs, "articles": len(arts), "scores": scores, "examples_of_errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(
            f"KIND data not found at {DATA} (it is provided in ../shared/data/kind/ beside the repository)"
        )
    from kg.nlp import load_pipeline

    nlp = load_pipeline("it")
    sents = read_sentences(DATA)[: args.limit]
    fixer = nlp.get_pipe("kg_entities")
    runs = {"document": score_documents(nlp, sents)}
    for guess in (False, True):  # as shipped, then with KG_IT_ENGLISH_NER=1
        fixer.english_guess = guess
        runs["sentence, english_guess" if guess else "sentence"] = score(nlp, sents)
    fixer.english_guess = False
    res = {"sentences": len(sents), **runs}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(
        json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    lines = [
        "# kg's Italian entities on KIND (Wikinews test)",
        "",
        f"Produced by `python benchmarks/kind/score.py`: {len(sents)} sentences in {runs['document']['articles']} "
        "articles, exact-span match.",
        "- document (headline): each article parsed as one document, as kg reads articles; kg's mentions after its",
        "  document-level typing (a surname after the full name is the person, a name described as a company is one);",
        "- sentence: each sentence alone, the pipeline's `doc.ents`; also with `KG_IT_ENGLISH_NER=1` (the English",
        "  NER model guesses the type of names nothing else types; it costs about a third of the Italian throughput).",
        "",
        "| mode | type | P | R | F1 | seconds |",
        "|---|---|---|---|---|---|",
    ]
    for name, run in runs.items():
        for k in ("PER", "ORG", "LOC", "all"):
            sc = run["scores"][k]
            lines.append(
                f"| {name} | {k} | {sc['precision']:.3f} | {sc['recall']:.3f} | {sc['f1']:.3f} | {run['seconds']} |"
            )
    lines += [
        "",
        "kg has no trained Italian NER (none can be shipped under a permissive licence); see the module",
        "docstring for how mentions are found. Errors: results.json (`examples_of_errors`).",
    ]
    (args.out / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores = runs["document"]["scores"]
    a = scores["all"]
    print(
        f"KIND WN test (document mode): P={a['precision']:.3f} R={a['recall']:.3f} F1={a['f1']:.3f} "
        + " ".join(f"{k} F1={scores[k]['f1']:.3f}" for k in ("PER", "ORG", "LOC"))
    )


if __name__ == "__main__":
    main()
