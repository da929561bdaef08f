"""Convert Universal Dependencies CoNLL-U files into spaCy ``Doc`` objects for the Italian pipeline.

Multiword tokens (``del`` = ``di`` + ``il``, ``acquisirla`` = ``acquisire`` + ``la``) are merged into ONE
token, because spaCy's Italian tokenizer keeps them whole and never splits them. The merged token takes all
annotation (UPOS, XPOS, morphology, lemma, head, relation) from its *main* word: the word of the span whose
head lies outside the span (the first such word when there are several, e.g. the preposition of ``del``).
Words that depended on another word of the span are re-attached to the merged token. The same conversion is
used for training data and for the evaluation data, so the scores measure exactly what the model predicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Placeholder lemmas some treebanks (MarkIT) use for punctuation and symbols; replaced by the word form.
PLACEHOLDER_LEMMAS = frozenset({"[PUNCT]", "[SYMBOL]", "_"})
#: Euphonic forms whose lemma is the plain word (ParlaMint/UD convention; MarkIT and PUD keep the form).
EUPHONIC_LEMMAS = {"ad": "a", "ed": "e", "od": "o"}
#: UPOS whose lemma is written in lower case in UD Italian (a capital letter only marks sentence start/title).
LOWERCASE_LEMMA_UPOS = frozenset(
    {"NOUN", "ADJ", "VERB", "AUX", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ"}
)
#: Words that MarkIT and ParlaMint always tag PRON and PUD sometimes tags NOUN or DET (``ciò`` DET).
PRONOUN_WORDS = frozenset({"ciò", "qualcuno", "qualcosa", "nessuno", "ognuno", "sé"})
#: Forms of ``tutto`` (predeterminer ``tutti i paesi``): DET in MarkIT and ParlaMint, ADJ in PUD.
TUTTO_FORMS = frozenset({"tutto", "tutta", "tutti", "tutte"})
#: Subordinators that PUD tags ADP and the other treebanks SCONJ.
SUBORDINATORS = frozenset({"se", "mentre"})
#: Number words that are nouns in UD Italian (``due milioni di euro``); PUD tags them NUM.
NUMBER_NOUNS = frozenset({"milione", "milioni", "miliardo", "miliardi"})


def harmonise_lemma(lemma: str, upos: str) -> str:
    """Harmonise a training lemma with the majority UD Italian convention (ParlaMint, ISDT).

    The permissive treebanks disagree on two points: MarkIT and PUD keep euphonic ``ad``/``ed`` and
    capitalised lemmas of common words (``Consiglio`` NOUN). Lemmas of these words are lower-cased
    (acronyms such as ``PIL`` are kept) and euphonic forms mapped to ``a``/``e``/``o``.
    """
    if upos not in LOWERCASE_LEMMA_UPOS:
        return lemma
    if lemma[:1].isupper() and not lemma.isupper():
        lemma = lemma.lower()
    return EUPHONIC_LEMMAS.get(lemma.lower(), lemma) if upos in {"ADP", "CCONJ"} else lemma


def harmonise_upos(form: str, upos: str, feats: str, deprel: str) -> tuple[str, str]:
    """Harmonise a training UPOS (and features) with the convention MarkIT and ParlaMint share.

    PUD departs from it on a few closed-class words: possessives (``sua``, ``loro`` in ``det:poss``) are
    PRON instead of DET (``Poss=Yes`` is added), ``ciò``/``qualcuno`` are DET/NOUN instead of PRON,
    ``tutti`` as a predeterminer is ADJ instead of DET, ``se``/``mentre`` are ADP instead of SCONJ and
    ``milioni`` is NUM instead of NOUN. Returns the (possibly changed) UPOS and features.
    """
    low = form.lower()
    if deprel == "det:poss" and upos == "PRON":
        has_poss = "Poss=Yes" in feats.split("|")
        feats = (
            feats if has_poss else "|".join(sorted([f for f in feats.split("|") if f != "_"] + ["Poss=Yes"]))
        )
        return "DET", feats
    if low in PRONOUN_WORDS and upos in {"NOUN", "DET"}:
        return "PRON", feats
    if low in TUTTO_FORMS and upos == "ADJ":
        return "DET", feats
    if low in TUTTO_FORMS and upos == "NOUN":
        return "PRON", feats
    if low in SUBORDINATORS and upos == "ADP" and deprel == "mark":
        return "SCONJ", feats
    if low in NUMBER_NOUNS and upos == "NUM":
        return "NOUN", feats
    return upos, feats


@dataclass
class Word:
    """One syntactic word of a CoNLL-U sentence (1-based ``index`` and ``head``, 0 = root)."""

    index: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    space_after: bool


@dataclass
class Token:
    """One surface token after merging multiword tokens; ``words`` are the indices it covers."""

    form: str
    words: list[int]
    space_after: bool


@dataclass
class Sentence:
    """A parsed CoNLL-U sentence: its syntactic words and its surface tokens."""

    words: dict[int, Word]
    tokens: list[Token]


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def parse_sentence(lines: list[str], harmonise: bool = False, harmonise_pos: bool = False) -> Sentence:
    """Parse the non-comment lines of one CoNLL-U sentence.

    ``harmonise`` applies :func:`harmonise_lemma`, ``harmonise_pos`` :func:`harmonise_upos`.
    """
    words: dict[int, Word] = {}
    tokens: list[Token] = []
    mwt_end = 0
    for line in lines:
        cols = line.split("\t")
        if len(cols) != 10 or "." in cols[0]:
            continue
        idx, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = cols
        if "-" in idx:
            start, end = (int(x) for x in idx.split("-"))
            tokens.append(Token(form, list(range(start, end + 1)), _space_after(misc)))
            mwt_end = end
            continue
        i = int(idx)
        if lemma in PLACEHOLDER_LEMMAS:
            lemma = form
        if harmonise_pos:
            upos, feats = harmonise_upos(form, upos, feats, deprel)
        if harmonise:
            lemma = harmonise_lemma(lemma, upos)
        words[i] = Word(i, form, lemma, upos, xpos, feats, int(head), deprel, _space_after(misc))
        if i > mwt_end:
            tokens.append(Token(form, [i], _space_after(misc)))
    return Sentence(words, tokens)


def read_conllu(path: Path, harmonise: bool = False, harmonise_pos: bool = False) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file (``harmonise``/``harmonise_pos``: see :func:`parse_sentence`)."""
    block: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if not line.strip():
                if block:
                    yield parse_sentence(block, harmonise, harmonise_pos)
                block = []
            elif not line.startswith("#"):
                block.append(line)
    if block:
        yield parse_sentence(block, harmonise, harmonise_pos)


def main_word(sentence: Sentence, token: Token) -> Word:
    """The word of a (multiword) token whose head lies outside it; it gives the token its annotation."""
    covered = set(token.words)
    for i in token.words:
        if sentence.words[i].head not in covered:
            return sentence.words[i]
    return sentence.words[token.words[0]]


def sentences_to_doc(vocab: Vocab, sentences: list[Sentence], keep_xpos: bool = True) -> Doc:
    """Build one multi-sentence ``Doc`` (gold annotation) from consecutive sentences.

    ``keep_xpos=False`` leaves the fine-grained tag missing (for treebanks with another XPOS tag set).
    """
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool] = []
    for sentence in sentences:
        offset = len(words)
        word_to_token = {w: t for t, tok in enumerate(sentence.tokens) for w in tok.words}
        for t, token in enumerate(sentence.tokens):
            main = main_word(sentence, token)
            words.append(token.form)
            spaces.append(token.space_after)
            tags.append(main.xpos if keep_xpos and main.xpos != "_" else "")
            pos.append(main.upos)
            morphs.append("" if main.feats == "_" else main.feats)
            lemmas.append(main.lemma)
            head_token = t if main.head == 0 else word_to_token[main.head]
            heads.append(offset + head_token)
            deps.append("ROOT" if main.deprel == "root" else main.deprel)
            sent_starts.append(t == 0)
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=sent_starts,
    )


def conllu_to_docs(
    path: Path,
    vocab: Vocab,
    sentences_per_doc: int = 10,
    keep_xpos: bool = True,
    harmonise: bool = False,
    harmonise_pos: bool = False,
) -> list[Doc]:
    """Convert a CoNLL-U file into gold ``Doc`` objects of ``sentences_per_doc`` consecutive sentences.

    ``harmonise=True`` (training and model-selection data) applies :func:`harmonise_lemma`;
    evaluation data is left as is. ``harmonise_pos=True`` also applies :func:`harmonise_upos` (variant F,
    not in the shipped recipe).
    """
    sentences = list(read_conllu(path, harmonise, harmonise_pos))
    return [
        sentences_to_doc(vocab, sentences[i : i + sentences_per_doc], keep_xpos)
        for i in range(0, len(sentences), sentences_per_doc)
    ]


def count_tokens(docs: Iterable[Doc]) -> int:
    """Number of tokens in ``docs``."""
    return sum(len(doc) for doc in docs)
