"""Recompute the ISDT-dev scores of kg's shipped Italian pipeline.

Usage (from the repository root)::

    python benchmarks/italian_model/evaluate.py
    python benchmarks/italian_model/evaluate.py --model path/to/other/pipeline --split test

The treebank is converted exactly like the training data (``training/italian/conllu.py``: multiword tokens
merged into one token carrying the annotation of its main word) and scored with spaCy's ``Language.evaluate``
on the raw text, so spaCy's tokenizer is part of the measurement and UAS/LAS leave out punctuation.
ISDT is CC BY-NC-SA 3.0 and used here for evaluation only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training" / "italian"))

from evaluation import score_pipeline  # noqa: E402

DEFAULT_MODEL = REPO / "kg" / "models" / "it_kg_core"
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ud_italian"


def main(argv: list[str] | None = None) -> int:
    """Score the pipeline and print the scores as JSON; return the process exit code."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    parser.add_argument(
        "--lookup-fallback",
        action="store_true",
        help="experiment: add the morph-it lookup lemma fallback (training/italian/lookup_fallback.py)",
    )
    args = parser.parse_args(argv)
    treebank = args.data / f"it_isdt-ud-{args.split}.conllu"
    if not treebank.exists():
        print(f"SKIPPED: evaluation treebank not found: {treebank}")
        return 0
    nlp = spacy.load(args.model)
    if args.lookup_fallback:
        import lookup_fallback  # noqa: F401  (registers the component)

        nlp.add_pipe("kg_it_lemma_lookup_fallback", last=True)
    scores = {
        "model": nlp.meta.get("name"),
        "version": nlp.meta.get("version"),
        "treebank": treebank.name,
        "pipeline": nlp.pipe_names,
        **score_pipeline(nlp, treebank),
    }
    text = json.dumps(scores, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
