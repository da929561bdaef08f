"""Metadata, LICENSE and README written next to the shipped ``it_kg_core`` pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

MODEL_NAME = "it_kg_core"
MODEL_VERSION = "0.1.0"

#: Training data and lexical sources (all permissive). ISDT only reports accuracy and is not part of the model.
SOURCES: list[dict[str, str]] = [
    {
        "name": "UD_Italian-MarkIT (train, dev, test; commit b01ee41e)",
        "url": "https://github.com/UniversalDependencies/UD_Italian-MarkIT",
        "license": "CC BY 4.0",
        "use": "training (train+dev+test); dev held out only in the selection run that fixed the number of updates",
    },
    {
        "name": "UD_Italian-ParlaMint (train, test; commit fb2c561f)",
        "url": "https://github.com/UniversalDependencies/UD_Italian-ParlaMint",
        "license": "CC BY-SA 4.0",
        "use": "training",
    },
    {
        "name": "UD_Italian-PUD (test; commit 71d932aa)",
        "url": "https://github.com/UniversalDependencies/UD_Italian-PUD",
        "license": "CC BY-SA 3.0",
        "use": "training (UPOS, features, lemmas, dependencies; its different XPOS tag set left out)",
    },
    {
        "name": "morph-it! version 48 (Baroni and Zanchetta), as packaged in spacy-lookups-data",
        "url": "https://github.com/explosion/spacy-lookups-data",
        "license": "CC BY-SA 2.0",
        "use": "word forms of its noun/adjective/verb tables in the pos_rules lexicon rule (no lemmas shipped)",
    },
    {
        "name": "wordfreq 3.1 (Italian word frequencies)",
        "url": "https://github.com/rspeer/wordfreq",
        "license": "CC BY-SA 4.0",
        "use": "frequency threshold choosing which morph-it forms the lexicon rule keeps (no frequencies shipped)",
    },
]

EVALUATION_SOURCE = {
    "name": "UD_Italian-ISDT (dev; commit 689c1bf3)",
    "url": "https://github.com/UniversalDependencies/UD_Italian-ISDT",
    "license": "CC BY-NC-SA 3.0",
    "use": "evaluation only; not used for training or model selection",
}

LICENSE_TEXT = """it_kg_core -- Italian spaCy pipeline shipped with kg

The trained weights of this pipeline are licensed under the Creative Commons
Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0):
https://creativecommons.org/licenses/by-sa/4.0/legalcode

The model is a work adapted from the following Universal Dependencies treebanks;
because two of them are share-alike licensed, the model is share-alike as well.

- UD_Italian-MarkIT, CC BY 4.0
  https://github.com/UniversalDependencies/UD_Italian-MarkIT
- UD_Italian-ParlaMint, CC BY-SA 4.0
  https://github.com/UniversalDependencies/UD_Italian-ParlaMint
- UD_Italian-PUD, CC BY-SA 3.0 (adaptations may be licensed under a later
  version with the same licence elements, hence CC BY-SA 4.0)
  https://github.com/UniversalDependencies/UD_Italian-PUD
- morph-it! (Marco Baroni and Eros Zanchetta, 2004-2007), CC BY-SA 2.0 /
  LGPL, as packaged in spacy-lookups-data: the word forms in the patterns
  of the `pos_rules` component (CC BY-SA 2.0 allows a later version,
  hence CC BY-SA 4.0)
  https://github.com/explosion/spacy-lookups-data
- wordfreq (Robyn Speer), data CC BY-SA 4.0: only its Italian frequencies
  decided which morph-it forms are kept; no frequencies are included
  https://github.com/rspeer/wordfreq

Attribution: the authors and contributors of the treebanks above (see the
README files of the respective repositories) and of morph-it!. Changes: the
treebanks were converted to spaCy's format (multiword tokens merged into one
token) and used to train the statistical components of this pipeline; forms
of morph-it's noun, adjective and verb tables that belong to exactly one of
the three classes were selected as patterns of the `pos_rules` component.

UD_Italian-ISDT (CC BY-NC-SA 3.0) was used only to measure accuracy; no part
of it was used to train or select this model.

The code of spaCy (MIT licence) is not part of this directory.
"""


def _scores_table(scores: dict[str, Any] | None) -> str:
    if not scores:
        return "Not measured (the ISDT dev file was not available when the model was written).\n"
    rows = [f"| {name} | {value} |" for name, value in scores.items()]
    return "| metric | ISDT dev |\n|---|---|\n" + "\n".join(rows) + "\n"


def readme_text(meta: dict[str, Any]) -> str:
    """The model card (README.md) for the pipeline described by ``meta``."""
    sources = "\n".join(f"- {s['name']} -- {s['license']} -- {s['use']} -- {s['url']}" for s in SOURCES)
    ev = EVALUATION_SOURCE
    return f"""# {MODEL_NAME} {meta.get("version", MODEL_VERSION)}

Italian spaCy {meta.get("spacy_version", "")} pipeline trained for kg: spaCy's Italian tokenizer, a CNN
`tok2vec`, `tagger` (XPOS, ISDT/TANL tag set), `morphologizer` (UPOS and morphological features),
dependency `parser` (also sets sentence boundaries), `trainable_lemmatizer` and `pos_rules`, an
`attribute_ruler` that corrects a few UPOS from the parse (`che` PRON/SCONJ, possessives and
demonstratives DET/PRON) and from the morph-it lexicon (NOUN/ADJ/VERB of words listed under only one of
them). No named-entity recognizer.

```python
import spacy
nlp = spacy.load("kg/models/it_kg_core")
```

## Licence

**CC BY-SA 4.0** (see `LICENSE`), because the training data includes share-alike treebanks
(ParlaMint CC BY-SA 4.0, PUD CC BY-SA 3.0) and the `pos_rules` patterns come from morph-it (CC BY-SA 2.0).

## Training data and lexical sources

{sources}

Multiword tokens (`del` = `di` + `il`, `acquisirla` = `acquisire` + `la`) are kept as ONE token, as spaCy's
tokenizer produces them; the token carries the annotation of its main word (`del`: ADP, lemma `di`, `case`;
`acquisirla`: VERB, lemma `acquisire`).

## Accuracy

Measured on {ev["name"]} ({ev["license"]}, {ev["use"]}) with spaCy's scorer on raw text
(spaCy tokenization aligned to gold; UAS/LAS without punctuation):

{_scores_table(meta.get("accuracy_isdt_dev"))}
Reproduce with `python training/italian/train.py --data ../shared/data/ud_italian --out kg/models/it_kg_core`
and re-score with `python benchmarks/italian_model/evaluate.py`.
"""


def write_model_card(out: Path, meta: dict[str, Any]) -> None:
    """Write ``LICENSE`` and ``README.md`` into the pipeline directory ``out``."""
    (out / "LICENSE").write_text(LICENSE_TEXT, encoding="utf-8")
    (out / "README.md").write_text(readme_text(meta), encoding="utf-8")
