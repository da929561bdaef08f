"""Score the nodes kg makes from scraped web pages against the entities the pages really name.

    python benchmarks/nodes/score.py                    # both languages, writes results/*.json and results.md
    python benchmarks/nodes/score.py --lang it --errors # list unlisted nodes, split entities, type disagreements

Each page in gold/<lang>-pages.jsonl is raw scraped text (bylines, credits, kickers, tickers, HTML debris,
misspelled company names) with an exhaustive list of the real organisations, people, products, places and projects
it names, and every way the page writes each one ("spellings", misspellings included).

A kg entity matches a listed entity when one of its surface forms in the page (or its label) is one of that
entity's spellings, compared case-insensitively. Two levels are scored:

- graph nodes: the entities of the page's triples, which is what the RDF graph, the exports and the diagrams show;
- mentions: every resolved mention, which is what ``kg entities`` lists.

At each level: precision (share of kg entities that are listed entities; an unlisted one is junk, such as a
byline, a kicker or a capitalised common word, or a real name the list missed, which ``--errors`` shows for
review), split entities (a listed entity that ends on two or more kg entities: a misspelling or a short form that
became its own node), and type agreement of the matched entities. At the mention level also recall: the share of
listed entities kg finds at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.extract.pipeline import extract_documents  # noqa: E402
from kg.ingest.read import make_document  # noqa: E402
from kg.models import Entity  # noqa: E402
from kg.resolve.resolver import Resolver  # noqa: E402

GOLD = Path(__file__).parent / "gold"
RESULTS = Path(__file__).parent / "results"


def _spellings(page: dict) -> dict[str, dict]:
    """Lowercased spelling -> listed entity."""
    out: dict[str, dict] = {}
    for e in page["entities"]:
        for s in [*e["spellings"], e["name"]]:
            out.setdefault(s.lower(), e)
    return out


def _score_level(entities: dict[str, Entity], forms: dict[str, set[str]], page: dict, c: Counter,
                 errors: list[str], level: str) -> set[str]:
    """Match the kg ``entities`` (key -> entity) of one page to its listed entities; count into ``c``; return the
    names of the listed entities found."""
    spell = _spellings(page)
    mapped: dict[str, set[str]] = defaultdict(set)
    for key, e in sorted(entities.items()):
        surface = forms.get(key, set()) | {e.label}
        hit = next((spell[f.lower()] for f in sorted(surface) if f.lower() in spell), None)
        c[f"{level}_entities"] += 1
        if hit is None:
            c[f"{level}_unlisted"] += 1
            errors.append(f"  unlisted {level:8} {page['id']}: {e.type:12} {e.label!r} (written {sorted(surface)})")
            continue
        c[f"{level}_matched"] += 1
        mapped[hit["name"]].add(key)
        if hit["type"] == e.type:
            c[f"{level}_type_agree"] += 1
        else:
            errors.append(f"  type     {level:8} {page['id']}: {e.label!r} kg {e.type}, listed {hit['type']}")
    for name, keys in sorted(mapped.items()):
        if len(keys) > 1:
            c[f"{level}_split"] += 1
            errors.append(f"  split    {level:8} {page['id']}: {name!r} on {sorted(keys)}")
    return set(mapped)


def score(lang: str) -> tuple[dict, list[str]]:
    """Figures and error lines for one language's pages."""
    pages = [json.loads(line) for line in (GOLD / f"{lang}-pages.jsonl").open(encoding="utf-8")]
    docs = [make_document(p["id"], p["text"], lang=p["lang"]) for p in pages]
    by_id = {p["id"]: p for p in pages}
    c: Counter = Counter()
    errors: list[str] = []
    for r in extract_documents(docs, Resolver()):
        page = by_id[r.document.id]
        forms: dict[str, set[str]] = defaultdict(set)
        mentioned: dict[str, Entity] = {}
        for m in r.mentions:
            forms[m.entity.key].add(m.text)
            mentioned.setdefault(m.entity.key, m.entity)
        nodes = {e.key: e for t in r.triples for e in (t.subject, t.object)}
        _score_level(nodes, forms, page, c, errors, "graph")
        found = _score_level(mentioned, forms, page, c, errors, "mention")
        c["listed"] += len(page["entities"])
        c["listed_found"] += len(found)
    figures = {
        "language": lang,
        "pages": len(pages),
        "listed_entities": c["listed"],
        "graph": _level(c, "graph"),
        "mention": {**_level(c, "mention"), "recall": round(c["listed_found"] / max(1, c["listed"]), 3)},
    }
    return figures, errors


def _level(c: Counter, level: str) -> dict:
    n = c[f"{level}_entities"]
    return {
        "entities": n,
        "precision": round(c[f"{level}_matched"] / max(1, n), 3),
        "unlisted": c[f"{level}_unlisted"],
        "split_entities": c[f"{level}_split"],
        "type_agreement": round(c[f"{level}_type_agree"] / max(1, c[f"{level}_matched"]), 3),
    }


def _markdown(results: list[dict]) -> str:
    lines = [
        "# Nodes from scraped pages (benchmarks/nodes)",
        "",
        "Produced by `python benchmarks/nodes/score.py`; see the docstring there for the matching rules.",
        "",
        "| language | pages | listed entities | level | kg entities | precision | unlisted | split entities "
        "| type agreement | recall |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for level in ("graph", "mention"):
            f = r[level]
            lines.append(f"| {r['language']} | {r['pages']} | {r['listed_entities']} | {level} | {f['entities']} | "
                         f"{f['precision']:.3f} | {f['unlisted']} | {f['split_entities']} | "
                         f"{f['type_agreement']:.3f} | {f.get('recall', '-')} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lang", action="append", choices=["en", "it"], help="default: both")
    ap.add_argument("--errors", action="store_true", help="list unlisted entities, splits and type disagreements")
    ap.add_argument("--no-write", action="store_true", help="print only, do not update results/")
    args = ap.parse_args()
    results = []
    for lang in args.lang or ["en", "it"]:
        figures, errors = score(lang)
        results.append(figures)
        g, m = figures["graph"], figures["mention"]
        print(f"{lang}: graph nodes {g['entities']} P={g['precision']:.3f} split={g['split_entities']} | "
              f"mentions {m['entities']} P={m['precision']:.3f} R={m['recall']:.3f} split={m['split_entities']}")
        if args.errors:
            print("\n".join(errors))
        if not args.no_write:
            RESULTS.mkdir(exist_ok=True)
            (RESULTS / f"{lang}.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if not args.no_write and not args.lang:
        (Path(__file__).parent / "results.md").write_text(_markdown(results), encoding="utf-8")


if __name__ == "__main__":
    main()
