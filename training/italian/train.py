"""Reproduce kg's Italian spaCy pipeline ``it_kg_core`` from the permissive UD Italian treebanks.

Usage (from the repository root)::

    python training/italian/train.py --data ../shared/data/ud_italian --out kg/models/it_kg_core

Default (the shipped model): convert the CoNLL-U files to ``.spacy`` corpora under
``training/italian/work/corpus``, train with ``config.cfg`` on ALL permissive data (MarkIT train+dev+test,
ParlaMint train+test, PUD) for ``FINAL_STEPS`` updates and write the last checkpoint, followed by the
``pos_rules`` attribute ruler (``pos_rules.py``; building its lexicon needs ``spacy-lookups-data`` and
``wordfreq`` at training time only), with kg's metadata, licence and model card to ``--out``.
``FINAL_STEPS`` was chosen by the ``--select`` run: MarkIT dev held out, early stopping on it, best
checkpoint shipped. ISDT (non-commercial) is never used for training or selection; when its dev file is
present the written model is scored on it for the metadata.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.vocab import Vocab

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conllu import conllu_to_docs, count_tokens, main_word, read_conllu  # noqa: E402
from evaluation import score_pipeline  # noqa: E402
from model_card import MODEL_NAME, MODEL_VERSION, SOURCES, write_model_card  # noqa: E402
from pos_rules import Lexicon, add_pos_rules, build_lexicon, morph_it_open_class_forms  # noqa: E402

#: Training treebank files (all permissive). PUD's XPOS tag set differs: its XPOS is left out.
TRAIN_FILES = (
    "it_markit-ud-train.conllu",
    "it_markit-ud-test.conllu",
    "it_parlamint-ud-train.conllu",
    "it_parlamint-ud-test.conllu",
)
PUD_FILE = "it_pud-ud-test.conllu"
#: Model selection (early stopping / best checkpoint) uses MarkIT dev, never ISDT.
DEV_FILE = "it_markit-ud-dev.conllu"
#: Evaluation only (CC BY-NC-SA 3.0).
ISDT_DEV_FILE = "it_isdt-ud-dev.conllu"
#: Updates of the final run: the best MarkIT-dev checkpoint of the ``--select`` run (early stopping).
FINAL_STEPS = 1600


def convert(data: Path, corpus_dir: Path, dev_in_train: bool, harmonise_pos: bool = False) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy`` under ``corpus_dir``; return token counts.

    ``dev_in_train`` adds MarkIT dev to the training data (final run; the dev scores spaCy logs are then
    optimistic and not used for anything). ``harmonise_pos`` maps PUD's deviating closed-class UPOS to the
    MarkIT/ParlaMint convention (variant F/H, not the shipped recipe).
    """
    corpus_dir.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    options = {"harmonise": True, "harmonise_pos": harmonise_pos}
    train = [doc for name in TRAIN_FILES for doc in conllu_to_docs(data / name, vocab, **options)]
    train += conllu_to_docs(data / PUD_FILE, vocab, keep_xpos=False, **options)
    dev = conllu_to_docs(data / DEV_FILE, vocab, **options)
    if dev_in_train:
        train += dev
    DocBin(docs=train).to_disk(corpus_dir / "train.spacy")
    DocBin(docs=dev).to_disk(corpus_dir / "dev.spacy")
    return {"train_tokens": count_tokens(train), "dev_tokens": count_tokens(dev)}


def treebank_upos(data: Path, dev_in_train: bool) -> dict[str, set[str]]:
    """UPOS the training treebanks give each lower-cased token form (MarkIT dev only if it is trained on)."""
    names = [*TRAIN_FILES, PUD_FILE, *([DEV_FILE] if dev_in_train else [])]
    tags: dict[str, set[str]] = {}
    for name in names:
        for sentence in read_conllu(data / name, harmonise=True):
            for token in sentence.tokens:
                tags.setdefault(token.form.lower(), set()).add(main_word(sentence, token).upos)
    return tags


def train(config: Path, corpus_dir: Path, output: Path, overrides: list[str]) -> float:
    """Run ``spacy train`` single-threaded with config ``overrides``; return the wall-clock seconds."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    command = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(config),
        "--output",
        str(output),
        "--paths.train",
        str(corpus_dir / "train.spacy"),
        "--paths.dev",
        str(corpus_dir / "dev.spacy"),
        *overrides,
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env)
    return time.perf_counter() - start


def directory_size(path: Path) -> int:
    """Total size in bytes of the files under ``path``."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def set_meta(nlp: Language, isdt_scores: dict[str, Any] | None, train_info: dict[str, Any]) -> None:
    """Name the pipeline and record sources, licences and accuracy in ``nlp.meta``."""
    nlp.meta.update(
        {
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "description": (
                "Italian pipeline for kg: tokenizer (spaCy 'it' defaults), tok2vec (CNN), tagger (XPOS), "
                "morphologizer (UPOS + features), dependency parser (also sentence boundaries), "
                "trainable lemmatizer and an attribute ruler (pos_rules) that corrects UPOS from the parse "
                "('che', possessives, demonstratives) and from the morph-it lexicon (NOUN/ADJ/VERB). "
                "Trained only on permissively licensed UD Italian treebanks."
            ),
            "author": "kg developers",
            "license": "CC BY-SA 4.0",
            "sources": SOURCES,
            "training": train_info,
        }
    )
    if isdt_scores is not None:
        nlp.meta["accuracy_isdt_dev"] = isdt_scores


def package(
    checkpoint: Path, out: Path, data: Path, train_info: dict[str, Any], lexicon: Lexicon
) -> dict[str, Any] | None:
    """Write ``checkpoint`` plus the ``pos_rules`` ruler to ``out`` with kg's meta, LICENSE and README.

    Returns the ISDT-dev scores of the written pipeline (``None`` without the ISDT file).
    """
    nlp = spacy.load(checkpoint)
    add_pos_rules(nlp, lexicon)
    isdt = data / ISDT_DEV_FILE
    scores = score_pipeline(nlp, isdt) if isdt.exists() else None
    set_meta(nlp, scores, train_info)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    write_model_card(out, nlp.meta)
    return scores


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data/ud_italian"))
    parser.add_argument("--out", type=Path, default=Path("kg/models/it_kg_core"))
    parser.add_argument("--config", type=Path, default=HERE / "config.cfg")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument(
        "--select",
        action="store_true",
        help="model-selection run: hold out MarkIT dev, stop early on it and write the best checkpoint",
    )
    parser.add_argument(
        "--harmonise-pos",
        action="store_true",
        help="variant F/H (not shipped): harmonise PUD's closed-class UPOS with MarkIT and ParlaMint",
    )
    args = parser.parse_args(argv)
    if not (args.data / DEV_FILE).exists():
        parser.error(f"treebanks not found: {args.data / DEV_FILE} is missing")
    corpus_dir = args.work / "corpus"
    output = args.work / "output"
    info: dict[str, Any] = convert(
        args.data, corpus_dir, dev_in_train=not args.select, harmonise_pos=args.harmonise_pos
    )
    if args.select:
        overrides: list[str] = []
        checkpoint = output / "model-best"
        info["recipe"] = "MarkIT dev held out; best checkpoint by MarkIT-dev score (early stopping)"
    else:
        overrides = [
            f"--training.max_steps={FINAL_STEPS}",
            "--training.max_epochs=0",
            "--training.patience=0",
            "--training.eval_frequency=400",
        ]
        checkpoint = output / "model-last"
        info["recipe"] = f"all permissive data incl. MarkIT dev; last checkpoint after {FINAL_STEPS} updates"
    info["training_seconds"] = round(train(args.config, corpus_dir, output, overrides))
    info["config"] = args.config.name
    lexicon = build_lexicon(morph_it_open_class_forms(), treebank_upos(args.data, not args.select))
    info["pos_rules_lexicon_forms"] = sum(len(forms) for forms in lexicon.values())
    scores = package(checkpoint, args.out, args.data, info, lexicon)
    size_mb = directory_size(args.out) / 1e6
    print(json.dumps({"isdt_dev": scores, "size_mb": round(size_mb, 1), **info}, indent=2))


if __name__ == "__main__":
    main()
