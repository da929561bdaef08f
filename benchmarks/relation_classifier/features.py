"""Candidate pairs and their features for the relation-classifier experiment (``run.py``).

Every pair of mentions of a sentence (names, and references that stand for a name) at most ``MAX_GAP`` tokens
apart becomes a candidate; its sparse features are:

- the dependency path between the two mentions (labels, the lemma of the word joining them, lemmas on the way);
- the words between them and beside them;
- the lexicon's knowledge, language-independent: the predicate a trigger word on the path or between the two
  would give (``trig=investsIn``), titles between them;
- the entity types and whether a mention is a reference or a clause subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import DocMention, DocMentions
from kg.vocab import symmetric_predicates

#: mention types a relation may join (dates, amounts and the like are never arguments)
ARGUMENT_TYPES = frozenset({"Organization", "Person", "Place", "Product", "Project"})
#: pairs further apart than this many tokens are not candidates
MAX_GAP = 30
#: at most this many words between the two mentions become features
MAX_BETWEEN = 12


@dataclass(slots=True)
class Candidate:
    """Two mentions of one sentence, in text order, and the features of the pair."""

    first: DocMention
    second: DocMention
    sent: Span
    features: list[str]


# ------------------------------------------------------------------------------------------------ features
def _head(doc: Doc, m: DocMention) -> Token:
    """The token of the mention whose head lies outside it (its syntactic head)."""
    span = doc[m.start : m.end]
    return span.root


def _path(a: Token, b: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """Tokens from ``a`` up to their lowest common ancestor and from ``b`` up to it (excluding it)."""
    up_a = [a, *a.ancestors]
    seen = {t.i: k for k, t in enumerate(up_a)}
    up_b: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in seen:
            return up_a[: seen[t.i]], t, up_b
        up_b.append(t)
    return up_a, None, up_b


def _type_of(m: DocMention) -> str:
    return m.target.type


def _lemma(t: Token, lex: Lexicon) -> str:
    return lex.lemma(t)


def _lexicon_hits(t: Token, lex: Lexicon) -> list[str]:
    """Predicates the lexicon's triggers give for the word ``t``, as features."""
    lemma = _lemma(t, lex)
    out = []
    for pos in ("VERB", "NOUN"):
        for trig in lex.triggers_for(lemma, pos):
            out.append(trig.predicate)
    return sorted(set(out))


_TITLE_WORDS: dict[str, dict[str, str]] = {}


def _title_words(lex: Lexicon) -> dict[str, str]:
    """Last word of each title of the lexicon -> the predicate it gives (computed once per language)."""
    if lex.lang not in _TITLE_WORDS:
        out: dict[str, str] = {}
        for title in lex.titles:
            for w in title.words:
                out.setdefault(w.split()[-1].lower(), title.predicate)
        _TITLE_WORDS[lex.lang] = out
    return _TITLE_WORDS[lex.lang]


def pair_features(doc: Doc, a: DocMention, b: DocMention, lex: Lexicon) -> list[str]:
    """Sparse features of the pair (``a`` before ``b`` in the text)."""
    ta, tb = _head(doc, a), _head(doc, b)
    feats = [f"types={_type_of(a)}>{_type_of(b)}"]
    if a.antecedent is not None:
        feats.append("a_ref")
    if b.antecedent is not None:
        feats.append("b_ref")
    if a.is_subject:
        feats.append("a_subj")
    if b.is_subject:
        feats.append("b_subj")
    up_a, lca, up_b = _path(ta, tb)
    deps_a = [t.dep_ for t in up_a]
    deps_b = [t.dep_ for t in up_b]
    if lca is None:
        feats.append("nopath")
    else:
        joint = "A" if lca.i == ta.i else "B" if lca.i == tb.i or a.start <= lca.i < a.end else _lemma(lca, lex)
        if b.start <= lca.i < b.end:
            joint = "B"
        feats.append(f"lca={joint}")
        feats.append(f"lcapos={lca.pos_}")
        feats.append(f"deps={'/'.join(deps_a)}^{'/'.join(reversed(deps_b))}")
        feats.append(f"path={'/'.join(deps_a)}^{joint}^{'/'.join(reversed(deps_b))}")
        feats.append(f"ends={deps_a[0] if deps_a else '-'}^{joint}^{deps_b[0] if deps_b else '-'}")
        inner = [t for t in up_a[1:] + up_b[1:] if not (a.start <= t.i < a.end or b.start <= t.i < b.end)]
        if lca.i not in {ta.i, tb.i}:
            inner.append(lca)
        for t in inner:
            feats.append(f"pl={_lemma(t, lex)}")
            for p in _lexicon_hits(t, lex):
                feats.append(f"trig={p}")
                feats.append(f"trigdeps={p}:{deps_a[0] if deps_a else '-'}^{deps_b[0] if deps_b else '-'}")
        feats.append(f"plen={min(len(up_a) + len(up_b), 6)}")
    between = doc[a.end : b.start]
    gap = len(between)
    feats.append(f"gap={min(gap, 10) if gap <= 10 else 'far'}")
    titles = _title_words(lex)
    for t in list(between)[:MAX_BETWEEN]:
        if t.is_punct and t.text not in {",", "(", ":", "'s", "’s"}:
            continue
        lemma = _lemma(t, lex)
        feats.append(f"bw={lemma}")
        for p in _lexicon_hits(t, lex):
            feats.append(f"btrig={p}")
        if t.lower_ in titles:
            feats.append(f"title={titles[t.lower_]}")
    words = [_lemma(t, lex) for t in between if not t.is_punct]
    for x, y in zip(words, words[1:], strict=False):
        feats.append(f"bb={x}_{y}")
    if gap == 0:
        feats.append("adjacent")
    for k, t in enumerate(doc[max(doc[a.start].sent.start, a.start - 2) : a.start]):
        feats.append(f"l{k}={_lemma(t, lex)}")
    for k, t in enumerate(doc[b.end : min(doc[b.start].sent.end, b.end + 2)]):
        feats.append(f"r{k}={_lemma(t, lex)}")
        for p in _lexicon_hits(t, lex):
            feats.append(f"rtrig={p}")
    return feats


def candidates(dm: DocMentions, lex: Lexicon, skip: set[tuple[int, frozenset[str]]] | None = None) -> list[Candidate]:
    """Every pair of argument mentions of a sentence standing for two different names, at most ``MAX_GAP``
    tokens apart, except the pairs in ``skip`` (sentence start, the two names' identities)."""
    doc = dm.doc
    skip = skip or set()
    out: list[Candidate] = []
    by_sent: dict[int, list[DocMention]] = {}
    for m in dm.mentions:
        if m.end <= m.start or m.end > len(doc) or _type_of(m) not in ARGUMENT_TYPES:
            continue
        if m.antecedent is not None and m.target.source == "coref":
            continue  # a reference with no named antecedent
        by_sent.setdefault(doc[m.start].sent.start, []).append(m)
    for start, ms in by_sent.items():
        ms = sorted(ms, key=lambda m: (m.start, m.end))
        sent = doc[start].sent
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                if b.start < a.end or b.start - a.end > MAX_GAP:
                    continue
                ids = frozenset({a.target.identity, b.target.identity})
                if len(ids) < 2 or (start, ids) in skip:
                    continue
                out.append(Candidate(a, b, sent, pair_features(doc, a, b, lex)))
    return out


def class_name(predicate: str, forward: bool) -> str:
    """The class of a predicate read from the first mention to the second (``>``) or back (``<``)."""
    if predicate in symmetric_predicates():
        return f"{predicate}>"
    return f"{predicate}{'>' if forward else '<'}"
