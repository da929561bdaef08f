"""Score a spaCy pipeline against a CoNLL-U treebank (converted exactly like the training data)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from conllu import conllu_to_docs
from spacy.language import Language
from spacy.training import Example

#: spaCy score keys reported, mapped to the names used in results.json.
SCORE_KEYS = {
    "token_acc": "tokenization_acc",
    "pos_acc": "upos",
    "tag_acc": "xpos",
    "morph_acc": "morph",
    "lemma_acc": "lemma",
    "dep_uas": "uas",
    "dep_las": "las",
    "sents_p": "sent_p",
    "sents_r": "sent_r",
    "sents_f": "sent_f",
}


def gold_examples(nlp: Language, conllu_path: Path) -> list[Example]:
    """Examples pairing raw-text docs (spaCy tokenization) with the gold treebank annotation."""
    gold_docs = conllu_to_docs(conllu_path, nlp.vocab)
    return [Example(nlp.make_doc(gold.text), gold) for gold in gold_docs]


def score_pipeline(nlp: Language, conllu_path: Path) -> dict[str, Any]:
    """Evaluate ``nlp`` on ``conllu_path``: accuracies in percent, plus tokens and speed.

    spaCy's ``Language.evaluate`` tokenizes the raw text itself and aligns its tokens with the gold ones, so
    the tokenizer is part of what is measured; UAS/LAS ignore punctuation (spaCy's parser scorer).
    """
    examples = gold_examples(nlp, conllu_path)
    start = time.perf_counter()
    scores = nlp.evaluate(examples)
    seconds = time.perf_counter() - start
    n_tokens = sum(len(eg.reference) for eg in examples)
    result: dict[str, Any] = {
        name: round(100 * float(scores[key]), 2)
        for key, name in SCORE_KEYS.items()
        if scores.get(key) is not None
    }
    result["gold_tokens"] = n_tokens
    result["sentences"] = sum(len(list(eg.reference.sents)) for eg in examples)
    result["words_per_second"] = round(n_tokens / seconds)
    return result
