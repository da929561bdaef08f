"""Light, rule-based reference resolution: pronouns and "the company"-like noun phrases.

Each referring expression gets the nearest compatible named antecedent: same sentence first (the
clause subject preferred), then up to three sentences back (subjects preferred), then the document's
main entity. Compatibility is by entity type and, for cue nouns like "the chipmaker", by gazetteer
category when the candidate is known.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import DocMention, DocMentions, category_of
from kg.resolve.gazetteer import Gazetteer

MAX_SENTENCES_BACK = 3


def _plain(text: str) -> str:
    """Lowercase without accents: "societa" (noisy text) matches "società"."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


@lru_cache(maxsize=4)
def _plain_cues(lang: str) -> dict[str, tuple[str, ...]]:
    from kg.extract.lexicon import load_lexicon

    return {_plain(k): v for k, v in load_lexicon(lang).cue_nouns.items()}


def _cue(t: Token, lex: Lexicon) -> tuple[str, tuple[str, ...], int] | None:
    """(type, categories, start token) when ``t`` heads a definite referring noun phrase."""
    doc = t.doc
    plain_cues = _plain_cues(lex.lang)
    if t.lower_ not in lex.cue_nouns and t.lemma_.lower() not in lex.cue_nouns and _plain(t.text) in plain_cues:
        spec = plain_cues[_plain(t.text)]
        return spec[0], tuple(spec[1:]), t.i
    if t.i > 0:
        two = f"{doc[t.i - 1].lower_} {t.lower_}"
        if two in lex.cue_nouns:
            spec = lex.cue_nouns[two]
            return spec[0], tuple(spec[1:]), t.i - 1
    for form in (t.lower_, t.lemma_.lower()):
        if form in lex.cue_nouns:
            spec = lex.cue_nouns[form]
            return spec[0], tuple(spec[1:]), t.i
    return None


def _definite(t: Token, start: int, lex: Lexicon | None = None) -> bool:
    doc = t.doc
    if lex is not None and start > 0:
        prev = doc[start - 1].lower_
        if prev in lex.preposition_map and len(prev) > 2 and prev not in {"tra", "fra", "col", "coi"} and "'" not in prev[-1:]:
            return True  # Italian articulated preposition: "del gruppo", "alla società"
        if prev in {"dell'", "dell’", "all'", "all’", "dall'", "dall’", "nell'", "nell’", "sull'"}:
            return True
    dets = [c for c in t.children if c.dep_ in {"det", "det:poss"}]
    if any(d.lower_ in {"the", "this", "that", "il", "lo", "la", "l'", "l’", "questa", "questo", "quest'"} for d in dets):
        return True
    return bool(start > 0 and doc[start - 1].lower_ in {"the", "il", "lo", "la", "l'", "l’"})


def _candidates(dm: DocMentions, t: Token, want: str, cats: tuple[str, ...], gaz: Gazetteer) -> list[DocMention]:
    sent_starts = [s.start for s in t.doc.sents]
    sent_idx = {}
    for i, s in enumerate(t.doc.sents):
        sent_idx[s.start] = i
    my_sent = t.sent.start
    my_idx = sent_idx[my_sent]
    lo = sent_starts[max(0, my_idx - MAX_SENTENCES_BACK)]
    out = []
    for m in dm.mentions:
        if m.start >= t.i or m.start < lo or m.antecedent is not None:
            continue
        if want != "any" and m.type != want:
            continue
        if m.start <= t.i < m.end:
            continue
        out.append(m)
    if cats:
        with_cat = [m for m in out if category_of(m, gaz) in cats]
        if with_cat:
            return with_cat
        # a known entity whose category contradicts the cue is not a candidate
        out = [m for m in out if category_of(m, gaz) is None]
    return out


def _clause_subjects(t: Token) -> set[int]:
    """Token indices of the subjects of the verb that governs ``t`` (binding: an object is not its own subject)."""
    h = t.head
    while h.pos_ not in {"VERB", "AUX"} and h.head.i != h.i:
        h = h.head
    out: set[int] = set()
    for c in h.children:
        if c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}:
            out.update(x.i for x in c.subtree if x.dep_ in {"nsubj", "nsubjpass", "nsubj:pass", "conj", "appos", "flat", "flat:name", "compound"})
    return out


def _best(cands: list[DocMention], t: Token) -> DocMention | None:
    if not cands:
        return None
    my_sent = t.sent.start
    if t.dep_ not in {"nsubj", "nsubjpass", "nsubj:pass", "poss", "det:poss"}:
        bound = _clause_subjects(t)
        cands = [m for m in cands if not any(m.start <= i < m.end for i in bound)] or cands

    def score(m: DocMention) -> tuple:
        same = m.start >= my_sent
        dist = 0 if same else (my_sent - m.start)
        return (0 if same else 1, 0 if m.is_subject else 1, dist, -m.start)

    return sorted(cands, key=score)[0]


def _salient(cands: list[DocMention], dm: DocMentions, t: Token) -> DocMention | None:
    """For "the company" / "la società": the most mentioned compatible entity so far, nearest on ties."""
    bound = _clause_subjects(t) if t.dep_ not in {"nsubj", "nsubjpass", "nsubj:pass"} else set()
    counts: Counter = Counter()
    for m in dm.mentions:
        if m.start < t.i and m.antecedent is None:
            counts[m.key or m.text.lower()] += 1
    pool = [m for m in cands if not any(m.start <= i < m.end for i in bound)] or cands
    return max(pool, key=lambda m: (counts[m.key or m.text.lower()], m.is_subject, m.start))


def main_entity(dm: DocMentions, type_: str = "Organization") -> DocMention | None:
    """The entity the document is mostly about (most mentioned, ties broken by first mention)."""
    names = Counter()
    first: dict[str, DocMention] = {}
    for m in dm.mentions:
        if m.antecedent is None and m.type == type_:
            k = m.key or m.text.lower()
            names[k] += 2 if m.is_subject else 1
            first.setdefault(k, m)
    if not names:
        return None
    best = max(names.items(), key=lambda kv: (kv[1], -first[kv[0]].start))
    return first[best[0]] if best[1] >= 2 else None


def _apposed_name(t: Token, dm: DocMentions, want: str) -> DocMention | None:
    """ "Almawave, la società romana ...": a referring noun in apposition to a name is that name."""
    if t.pos_ not in {"NOUN"}:
        return None
    rel = [t.head] if t.dep_ == "appos" else []
    rel += [c for c in t.children if c.dep_ == "appos"]
    for r in rel:
        m = dm.at(r)
        if m is not None and m.antecedent is None and (want == "any" or m.type == want):
            return m
    # the parser often misses the apposition: "Name, the/la <cue> ..." right after a comma
    i = t.left_edge.i - 1
    if i > 0 and t.doc[i].text == "," and t.left_edge.i < t.i + 1:
        m = dm.by_token.get(i - 1)
        if m is not None and m.end == i and m.antecedent is None and (want == "any" or m.type == want):
            return m
    return None


def _org_of_leader(t: Token, dm: DocMentions, gaz: Gazetteer) -> DocMention | None:
    """ "il gruppo guidato da Satya Nadella": the organisation the gazetteer gives for that person."""
    for c in t.children:
        if c.dep_ not in {"acl", "amod", "relcl", "acl:relcl"}:
            continue
        for g in c.subtree:
            m = dm.at(g)
            if m is None or m.type != "Person" or not m.key or m.key not in gaz.entries:
                continue
            org = gaz.entries[m.key].org
            hits = [x for x in dm.mentions if x.key == org and x.start < t.i and x.antecedent is None]
            if hits:
                return hits[-1]
    return None


def _place_of_cue(t: Token, dm: DocMentions) -> DocMention | None:
    """The place attached to a cue noun: "il gruppo di Santa Clara", "the Santa Clara-based chipmaker"."""
    for c in t.children:
        m = dm.at(c)
        if m is not None and m.type == "Place" and c.dep_ in {"nmod", "compound", "npadvmod", "amod"}:
            return m
        if c.dep_ == "nmod":  # "il produttore di chip di Santa Clara"
            for g in c.children:
                mg = dm.at(g)
                if mg is not None and mg.type == "Place" and g.dep_ == "nmod":
                    return mg
        if c.lower_ in {"based", "headquartered"} or c.lemma_ in {"base", "headquarter"}:
            for g in c.subtree:
                mg = dm.at(g)
                if mg is not None and mg.type == "Place":
                    return mg
    return None


def resolve_references(dm: DocMentions, lex: Lexicon, gaz: Gazetteer) -> None:
    """Add a mention with an antecedent for every resolvable pronoun or cue noun phrase in the doc."""
    doc = dm.doc
    fallback = main_entity(dm)
    new: list[DocMention] = []
    for t in doc:
        if t.i in dm.by_token:
            continue
        want: str | None = None
        cats: tuple[str, ...] = ()
        cue_generic = False
        start = t.i
        low = t.lower_
        if low in lex.pronouns and t.pos_ in {"PRON", "DET"}:
            want = lex.pronouns[low]
        elif t.pos_ in {"NOUN", "PROPN"}:
            cue = _cue(t, lex)
            if cue and _definite(t, cue[2], lex) and not any(
                c.dep_ in {"poss", "nmod:poss", "compound", "flat:name", "appos"} and c.i in dm.by_token
                and dm.by_token[c.i].type in {"Organization", "Person", "Place"} for c in t.children
            ):
                want, cats, start = cue
                cue_generic = not cats and want == "Organization"
        if want is None:
            continue
        ante = _apposed_name(t, dm, want)
        if ante is None and want == "Organization":
            ante = _org_of_leader(t, dm, gaz)
        place = _place_of_cue(t, dm) if ante is None and (cats or want == "Organization") else None
        if place is not None and place.key:
            # "il gruppo di Santa Clara", "the Santa Clara-based company": the earlier entity based there
            located = [m for m in dm.mentions if m.start < t.i and m.antecedent is None and m.key
                       and m.key in gaz.entries and gaz.entries[m.key].hq == place.key]
            if located:
                ante = max(located, key=lambda m: m.start)
        if ante is None:
            cands = _candidates(dm, t, want, cats, gaz)
            ante = _salient(cands, dm, t) if cue_generic and cands else _best(cands, t)
        if ante is None and want == "Organization" and fallback is not None and fallback.start < t.i:
            ante = fallback
        if ante is None:
            continue
        m = DocMention(start=start, end=t.i + 1, type=ante.type, text=doc[start : t.i + 1].text, source="coref",
                       antecedent=ante, char_start=doc[start].idx, char_end=t.idx + len(t.text),
                       is_subject=t.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"})
        new.append(m)
        # later pronouns can chain onto this one through .target
    for m in new:
        dm.add(m)
