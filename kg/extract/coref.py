"""Light, rule-based reference resolution: pronouns and "the company"-like noun phrases.

Each referring expression gets the nearest compatible named antecedent: same sentence first (the
clause subject preferred), then up to three sentences back (subjects preferred), then the document's
main entity. Compatibility is by entity type and, for cue nouns like "the chipmaker", by gazetteer
category when the candidate is known.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon, name_genders, word_set
from kg.extract.mentions import DocMention, DocMentions, category_of
from kg.extract.syntax import CONJ, RELCL, conjuncts, described_by_apposition, third_person_plural
from kg.extract.tokens import doc_tokens, sent_of
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
        articulated = len(prev) > 2 or prev in {"al", "ai"}
        if prev in lex.preposition_map and articulated and prev not in {"tra", "fra", "col", "coi"} and "'" not in prev[-1:]:
            return True  # Italian articulated preposition: "del gruppo", "alla società"
        if prev in {"dell'", "dell’", "all'", "all’", "dall'", "dall’", "nell'", "nell’", "sull'"}:
            return True
    dets = [c for c in t.children if c.dep_ in {"det", "det:poss"}]
    if any(d.lower_ in word_set("referring_determiners") for d in dets):
        return True
    if start > 0 and doc[start - 1].lower_ in word_set("definite_articles"):
        return True
    if start > 1 and not dets and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "Organization" and \
            _relative_follows(t):
        return True  # "Inception, startup di Palo Alto che ha chiuso un round": a bare noun in apposition to the
        # name before its comma, the antecedent of the relative clause after it
    # "The Santa Clara, California-based company": a place modifier the parser split off the phrase
    j = start - 1
    while j > 0 and start - j <= 8 and (doc[j].pos_ == "PROPN" or doc[j].text in {",", "-"}
                                        or doc[j].lower_ in {"based", "headquartered"}):
        j -= 1
    if j < start - 2 and doc[start - 1].lower_ in {"based", "headquartered"} and doc[j].lower_ == "the":
        return True
    # "the San Francisco startup", "the Seoul chip designer": a place name the parser split off the phrase
    j = start - 1
    while j > 0 and start - j <= 4 and doc[j].pos_ == "PROPN" and doc[j].ent_type_ == "Place":
        j -= 1
    return j < start - 1 and doc[j].lower_ == "the"


def _relative_follows(t: Token) -> bool:
    """A relative pronoun follows the noun within its phrase (before any comma)."""
    for x in t.doc[t.i + 1 : t.i + 8]:
        if x.is_punct:
            return False
        if x.lower_ in {"che", "which", "that"} and ("PronType=Rel" in str(x.morph) or x.tag_ in {"WDT", "PR"}):
            return True
    return False


def _candidates(dm: DocMentions, t: Token, want: str, cats: tuple[str, ...], gaz: Gazetteer) -> list[DocMention]:
    lo = dm.sentence_start_back(t.i, MAX_SENTENCES_BACK)
    out = []
    for m in dm.mentions:
        if m.start >= t.i or m.start < lo:
            continue
        if m.antecedent is not None and not (m.is_subject and m.target.antecedent is None):
            continue  # an earlier resolved subject reference stands for its antecedent ("it paid ..., and it closed")
        if want != "any" and m.type != want:
            continue
        if m.start <= t.i < m.end:
            continue
        out.append(m)
    if cats:
        # a known entity whose category contradicts the cue is not a candidate; one kg knows nothing about may
        # still be it ("the startup" after "BFL", a name the gazetteer gives no category)
        out = [m for m in out if category_of(m, gaz) in (*cats, None)]
    return out


_RELATIVE = {"che", "which", "who", "that", "il quale", "la quale"}


def _clause_subjects(t: Token) -> set[int]:
    """Token indices of the subjects of the verb that governs ``t`` (binding: an object is not its own subject)."""
    subj = {"nsubj", "nsubjpass", "nsubj:pass"}
    h = t.head
    possessors: set[int] = set()
    # climb to the clause head: a verb, or a copular noun with its own subject ("che è uno dei suoi azionisti")
    while h.pos_ not in {"VERB", "AUX"} and not any(c.dep_ in subj for c in h.children) and h.head.i != h.i:
        if h.pos_ == "NOUN" and t.dep_ not in {"poss", "det:poss", "nmod:poss"}:
            # "Qualcomm's takeover of the chip designer": the possessor of a noun over the reference is its
            # subject in all but name
            possessors.update(x.i for c in h.children if c.dep_ in {"poss", "nmod:poss"} for x in c.subtree)
        h = h.head
    # a possessive may name the subject of a control verb ("Manus continuerà a vendere il suo servizio")
    climb = {"conj"} if t.dep_ in {"poss", "det:poss", "nmod:poss"} else {"conj", "xcomp"}
    while (h.dep_ in climb or h.dep_ == "pcomp" and h.head.dep_ == "prep") and h.head.i != h.i and not any(
            c.dep_ in subj for c in h.children):
        # "Meta ha rinunciato ... e ha assunto X, ex ceo della società": Meta binds the second verb too; so
        # does the subject of a control verb ("A and B have agreed to back it") and of a gerund after a
        # preposition ("shareholders since taking it private")
        h = h.head.head if h.dep_ == "pcomp" and h.head.head.i != h.head.i else h.head
    out: set[int] = set(possessors)
    for c in h.children:
        if c.dep_ in subj:
            out.update(x.i for x in c.subtree if x.dep_ in subj | {"conj", "appos", "flat", "flat:name", "compound"})
            relative = "PronType=Rel" in str(c.morph) or c.lower_ in _RELATIVE
            if relative and h.dep_ in {"relcl", "acl:relcl"}:
                # "Nvidia, che è uno dei suoi azionisti": the relative pronoun stands for its antecedent, and for
                # every name coordinated with it ("Permira e CPP Investments, che avevano rilevato la società")
                out.add(h.head.i)
                out.update(_listed_with(h.head))
            elif relative and c.i > 0:
                # the same clause misparsed as a coordination ("la holding T-Plus, che continuerà a controllare
                # la società"): the antecedent is the word before the pronoun
                k = c.i - 1
                while k > 0 and t.doc[k].is_punct:
                    k -= 1
                out.add(k)
                out.update(_listed_with(t.doc[k]))
    return out


def _listed_with(x: Token) -> set[int]:
    """Token indices of the names coordinated with the name ``x`` ends or heads ("Permira e CPP Investments")."""
    while x.dep_ in {"flat", "flat:name", "compound"} and x.head.i != x.i:
        x = x.head
    while x.dep_ in CONJ and x.head.i != x.i:
        x = x.head
    return {y.i for c in conjuncts(x) if c.pos_ == "PROPN"
            for y in c.subtree if y.i == c.i or y.dep_ in {"flat", "flat:name", "compound"} and y.pos_ == "PROPN"}


#: dependencies of a verb's adjuncts and the words inside them that stay in the verb's clause
_ADJUNCT = frozenset({"prep", "obl", "pobj", "advmod", "npadvmod", "case", "compound", "flat", "flat:name", "nmod",
                      "amod", "det", "pcomp"})


def _adjunct_names(t: Token) -> set[int]:
    """Token indices of the prepositional and adverbial phrases of the clause whose subject ``t`` is, before
    it, down to any clause they hold ("Together with Nvidia it ...", "Con Nvidia ha poi sviluppato ...")."""
    verb = t.head
    out: set[int] = set()
    stack = [c for c in verb.children if c.i < t.i and c.dep_ in {"prep", "obl", "advmod", "npadvmod"}]
    while stack:
        x = stack.pop()
        out.add(x.i)
        stack.extend(c for c in x.children if c.dep_ in _ADJUNCT)
    return out


_DUAL = {"due", "entrambi", "entrambe", "two", "both"}


def _pair_bound(t: Token, dm: DocMentions) -> set[int]:
    """ "i due colossi investiranno nella società": a dual subject ("the two groups") stands for the last two
    organisations named before it, which the object cannot refer to either."""
    subj = {"nsubj", "nsubjpass", "nsubj:pass"}
    h = t.head
    while h.pos_ not in {"VERB", "AUX"} and h.head.i != h.i:
        h = h.head
    dual = [c for c in h.children if c.dep_ in subj and any(g.lower_ in _DUAL for g in c.children)]
    if not dual:
        return set()
    lo = max(0, sent_of(dual[0]).start - 200)
    names: list[DocMention] = []
    for m in sorted(dm.mentions, key=lambda m: -m.start):
        if lo <= m.start < dual[0].i and m.antecedent is None and m.type == "Organization" and all(
                m.identity != x.identity for x in names):
            names.append(m)
        if len(names) == 2:
            break
    return {m.start for m in names} if len(names) == 2 else set()


def _subject_like(t: Token) -> bool:
    """A clause subject, or the possessor of one ("The company's purchase of Xilinx gave it ...")."""
    subj = {"nsubj", "nsubjpass", "nsubj:pass"}
    return t.dep_ in subj or (t.dep_ in {"poss", "nmod:poss", "det:poss"} and t.head.dep_ in subj)


_AMONG = word_set("among_words")
_COPULA_LIKE = {"essere", "restare", "rimanere", "diventare", "be", "remain", "become", "stay"}


def _in_copular_predicate(t: Token) -> bool:
    """A possessive inside a copular predicate ("Nvidia è uno dei suoi azionisti", "X is its CEO") does not
    refer to the clause subject."""
    if t.dep_ not in {"poss", "det:poss"}:
        return False
    h = t.head
    if h.dep_ in {"nmod", "pobj"} and h.head.lower_ in {"uno", "una", "one", "of"}:
        h = h.head.head if h.head.lower_ == "of" else h.head  # "uno dei suoi azionisti", "one of its investors"
    if h.dep_ in {"pobj", "obl"} and h.head.lower_ in _AMONG and h.head.head.lemma_.lower() in _COPULA_LIKE:
        return True  # "A, B and C are among its backers" (the English parse)
    if any(c.lower_ in _AMONG and c.dep_ == "case" for c in h.children) and (
            any(c.dep_ == "cop" for c in h.children) or h.head.lemma_.lower() in _COPULA_LIKE):
        return True  # "A e B sono tra i suoi azionisti"
    if any(c.dep_ == "case" for c in h.children):
        return False  # "è a sua volta controllata": a prepositional phrase, not the predicate
    if h.dep_ in {"obj", "xcomp", "attr", "oprd"} and h.head.lemma_.lower() in _COPULA_LIKE:
        return True  # "che resta il suo principale fornitore", "became its largest customer"
    return any(c.dep_ == "cop" for c in h.children) or h.dep_ == "attr"


_LISTING_PREPS = {"among", "amongst", "as", "tra", "fra", "come"}


def _listing_objects(t: Token) -> set[int]:
    """For a possessive in an "among its ..." / "as its ..." phrase of a verb ("counts A and B among its
    customers"): the token indices of the verb's objects, which the possessive cannot refer to."""
    if t.dep_ not in {"poss", "det:poss", "nmod:poss"}:
        return set()
    noun = t.head
    prep = noun.head if noun.dep_ == "pobj" else next((c for c in noun.children if c.dep_ == "case"), None)
    if prep is None or prep.lower_ not in _LISTING_PREPS:
        return set()
    verb = prep.head if noun.dep_ == "pobj" else noun.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return set()
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ in {"dobj", "obj"} or (c.dep_ in {"nsubj", "nsubj:pass", "attr"} and c.i > verb.i):
            out.update(x.i for x in c.subtree)  # ("Tra i suoi clienti ci sono A e B": A and B are listed)
    return out


def _best(cands: list[DocMention], t: Token, dm: DocMentions | None = None) -> DocMention | None:
    if not cands:
        return None
    my_sent = sent_of(t).start
    if t.dep_ not in {"nsubj", "nsubjpass", "nsubj:pass", "poss", "det:poss"} or _in_copular_predicate(t):
        bound = _clause_subjects(t) | (_pair_bound(t, dm) if dm is not None else set())
        # a bound reference ("il gruppo ..., che resta il suo fornitore") binds the name it stands for too
        bound_names = {dm.by_token[i].target.identity for i in bound if dm is not None and i in dm.by_token}
        free = [m for m in cands if not any(m.start <= i < m.end for i in bound) and m.target.identity not in bound_names]
        if not free and _in_copular_predicate(t):
            return None  # "A and B are among its backers" with no other name before: not A or B
        cands = free or cands

    named = _apposition_described(t)
    if named is not None:
        # "Microsoft, its biggest backer": a possessive in an apposition is not the name it describes
        cands = [m for m in cands if not m.start <= named.i < m.end] or cands
    if t.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} and t.pos_ == "PRON":
        # "Together with Nvidia it also developed DGX Quantum": a subject pronoun is not a name in an adjunct of
        # its own clause
        mates = _adjunct_names(t)
        cands = [m for m in cands if not any(m.start <= i < m.end for i in mates)] or cands

    listed = _listing_objects(t)
    if listed:
        # "TSMC counts Apple, AMD and Broadcom among its customers": "its" is not one of the listed objects
        # but the verb's subject
        cands = [m for m in cands if not any(m.start <= i < m.end for i in listed)] or cands
        subj = _clause_subjects(t)
        own = [m for m in cands if any(m.start <= i < m.end for i in subj)]
        if own:
            return own[0]

    def score(m: DocMention) -> tuple:
        same = m.start >= my_sent
        dist = 0 if same else (my_sent - m.start)
        return (0 if same else 1, 0 if m.is_subject else 1, dist, -m.start)

    return sorted(cands, key=score)[0]


def _salient(cands: list[DocMention], dm: DocMentions, t: Token,
             main: DocMention | None = None, headline: DocMention | None = None) -> DocMention | None:
    """For "the company" / "la società": the most mentioned compatible entity so far, nearest on ties."""
    bound = _clause_subjects(t) | _pair_bound(t, dm) if t.dep_ not in {"nsubj", "nsubjpass", "nsubj:pass"} else set()
    bound_keys = {dm.by_token[i].target.identity for i in bound if i in dm.by_token}
    pool = [m for m in cands
            if not any(m.start <= i < m.end for i in bound) and m.target.identity not in bound_keys] or cands
    pool = [m for m in pool if not _attribution(m, t.doc)] or pool
    pool = _local_pool(pool, t, dm) or pool
    # names only count (counting earlier references too, or weighting recent mentions more, resolved worse on
    # the coreference benchmark); a reference in the pool stands for its name ("l'azienda" is Multiverse)
    counts = Counter(m.identity for m in dm.mentions if m.start < t.i and m.antecedent is None)
    if headline is not None and t.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"} and _opens_paragraph(sent_of(t)) \
            and any(m.target.identity == headline.identity for m in pool):
        # "La società, che ha sede a Palo Alto, ...": a new paragraph's generic subject continues the story the
        # headline names, however often other companies came up in between
        return max((m for m in pool if m.target.identity == headline.identity), key=lambda m: m.start)
    main_key = main.target.identity if main is not None else None
    return max(pool, key=lambda m: (counts[m.target.identity], m.target.identity == main_key,
                                    m.is_subject, m.start))


_ATTRIBUTION = {"secondo", "stando"}


def _attribution(m: DocMention, doc: Doc) -> bool:
    """A news source cited as such ("Secondo il Wall Street Journal, la società ...", "according to Reuters")
    is not what "the company" refers to."""
    before = [x.lower_ for x in doc[max(0, m.start - 3) : m.start]]
    return any(w in _ATTRIBUTION for w in before) or before[-2:] == ["according", "to"]


#: prepositions of a fronted topic phrase ("For NXP, the venture secures supply ...", "Per ST, è il secondo ...")
_TOPIC_PREPOSITIONS = frozenset({"for", "per"})


def _fronted_topic(pool: list[DocMention], t: Token) -> list[DocMention]:
    """The name of a "For X," phrase opening the sentence before ``t``'s: the company that sentence is about."""
    if sent_of(t).start == 0:
        return []
    prev = sent_of(t.doc[sent_of(t).start - 1])
    first = next((x for x in prev if not x.is_space), None)
    if first is None or first.lower_ not in _TOPIC_PREPOSITIONS:
        return []
    comma = next((x.i for x in prev if x.text == ","), None)
    if comma is None or comma - first.i > 8:
        return []
    return [m for m in pool if first.i < m.start < comma]


def _local_pool(pool: list[DocMention], t: Token, dm: DocMentions) -> list[DocMention]:
    """Candidates a generic subject ("the company ...") most likely continues: names earlier in its own sentence
    ("Nadella, CEO of Microsoft, said the company ..."), else the subject of the sentence just before
    ("CoreWeave expanded its contracts. The company ...") or a name inside that subject's phrase; other names
    there ("investors such as A and B. The company ...") do not make the pool: salience decides."""
    if t.dep_ not in {"nsubj", "nsubjpass", "nsubj:pass"}:
        # "X will join Meta and report to Y, the COO of the group": a name earlier in the same sentence
        # (not a name inside a relative clause: "Mensch, che ha lavorato in Google DeepMind, è il CEO dell'azienda")
        # nor the names a relative clause holding the noun describes: "Carlyle e Oracle, che sono azionisti della
        # società": the company is another one
        clauses = [c for c in sent_of(t) if c.dep_ in {"relcl", "acl:relcl", "acl"}]
        aside = {x.i for c in clauses if t not in c.subtree for x in c.subtree}
        aside |= {x.i for c in clauses if t in c.subtree
                  for h in conjuncts(c.head) for x in h.subtree if x.i < c.i}
        here = [m for m in pool if sent_of(t).start <= m.start < t.i and m.start not in aside]
        return here or _fronted_topic(pool, t)
    same = [m for m in pool if m.start >= sent_of(t).start]
    if same or sent_of(t).start == 0:
        return same
    prev = sent_of(t.doc[sent_of(t).start - 1])
    before = [m for m in pool if prev.start <= m.start < prev.end]
    subjects = [m for m in before if m.is_subject]
    if subjects:
        return subjects
    topic = _fronted_topic(pool, t)
    if topic:
        return topic  # "For NXP, the venture secures supply. The company ..."
    if _opens_paragraph(sent_of(t)):
        # a new paragraph's "La società" continues the story's company, not one named in passing; in a round-up
        # of stories, the company the paragraph before was about
        return _paragraph_topic(pool, prev, dm)
    # "X, amministratore delegato di Swisscom, ha detto ... Il gruppo": a name inside the subject's phrase
    in_subject = {x.i for w in prev if w.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"} and w.head.i == prev.root.i
                  for x in w.subtree}
    return [m for m in before if m.start in in_subject]


def _paragraph_topic(pool: list[DocMention], last: Span, dm: DocMentions) -> list[DocMention]:
    """The candidates naming the entity that is the first subject of ``last`` and of at least one other sentence
    of the paragraph ``last`` ends ("Parloa ... ha chiuso una Serie C. Con l'operazione la startup berlinese entra
    ..."), a name or a reference already resolved."""
    doc = last.doc
    while last.start > 0 and all(x.is_space for x in last):
        last = sent_of(doc[last.start - 1])
    sents = [last]
    while not _opens_paragraph(sents[-1]) and len(sents) < 8:
        sents.append(sent_of(doc[sents[-1].start - 1]))
    mentions = sorted(dm.mentions, key=lambda m: m.start)
    relatives = word_set("bare_relatives")
    firsts = [next((m.target.identity for m in mentions
                    if s.start <= m.start < s.end
                    and (m.is_subject or any(doc[i].dep_ == "ROOT" for i in range(m.start, m.end)))
                    and not any(a.dep_ in RELCL for a in doc[m.start].ancestors)
                    and not any("PronType=Rel" in str(x.morph) or x.lower_ in relatives
                                for x in doc[s.start : m.start])), None) for s in sents]
    if firsts[0] is None or firsts[0] not in firsts[1:]:
        return []
    return [m for m in pool if m.target.identity == firsts[0] and sents[-1].start <= m.start < last.end]


def _apposition_described(t: Token) -> Token | None:
    """For a possessive inside an apposition ("Microsoft, its biggest backer"), the word the apposition
    describes; None otherwise."""
    return t.head.head if t.dep_ in {"poss", "det:poss", "nmod:poss"} and t.head.dep_ == "appos" else None


def _whose_officer(t: Token, dm: DocMentions, want: str) -> DocMention | None:
    """ "Anthropic, whose chief executive Dario Amodei co-founded the company in 2021", "OpenAI, il cui
    amministratore delegato Sam Altman guida la società dal 2019": a reference in a possessive relative clause
    whose possessed phrase holds a named person (the antecedent's officer) is that antecedent (read on the surface:
    the parser often makes the clause the main one)."""
    sent = sent_of(t)
    w = next((x for x in reversed(t.doc[sent.start : t.i]) if x.tag_ == "WP$" or x.lower_ == "cui"), None)
    if w is None or any(x.text in {",", ";", ":"} for x in t.doc[w.i : t.i]):
        return None
    k = w.i - 1
    if k > sent.start and t.doc[k].lower_ in {"il", "la", "i", "le", "lo", "l'", "l’"}:
        k -= 1  # "OpenAI, il cui amministratore delegato ..."
    if k <= sent.start or t.doc[k].text != ",":
        return None
    person = any(x.ent_type_ == "Person" for x in t.doc[w.i + 1 : t.i])
    owner = dm.by_token.get(k - 1)
    if not person or owner is None or owner.end != k or owner.target.type != want:
        return None
    return owner


def _headline_mention(dm: DocMentions) -> DocMention | None:
    """The first organisation named in the document's headline (a short first line of its own), if it has one."""
    doc = dm.doc
    first = next(iter(doc.sents), None)
    if first is None or first.end >= len(doc) or "\n" not in doc[first.end - 1].text + doc[first.end - 1].whitespace_ \
            + doc[first.end].text:
        return None
    if sum(1 for x in first if not x.is_punct and not x.is_space) > 18:
        return None  # a lead paragraph of one sentence, not a headline (kg's reader ends headlines with a stop)
    return next((m for m in dm.mentions if m.start < first.end and m.antecedent is None and m.type == "Organization"),
                None)


def _opens_paragraph(sent) -> bool:  # type: ignore[no-untyped-def]
    """The sentence is the first of a paragraph (a line break before it)."""
    if sent.start == 0:
        return True
    prev = sent.doc[sent.start - 1]
    return "\n" in prev.whitespace_ or "\n" in prev.text


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


_FIRST_PLURAL = {"noi", "nostro", "nostra", "nostri", "nostre", "we", "us", "our", "ours"}
_OPEN_QUOTES = {"«", "“"}
_CLOSE_QUOTES = {"»", "”"}


def _quote_count(doc: Doc) -> int:
    """Quotations opened in the document (typographic openers, and pairs of straight quotes), once per document."""
    cached = doc.user_data.get("kg_quotes")
    if cached is None:
        texts = [x.text for x in doc_tokens(doc)]
        cached = doc.user_data["kg_quotes"] = sum(1 for x in texts if x in _OPEN_QUOTES) + texts.count('"') // 2
    return cached


def _in_quote(t: Token) -> bool:
    """Inside a quotation of the current paragraph (« », “ ”, or an odd number of straight quotes before it)."""
    straight = 0
    for x in reversed(t.doc[: t.i]):
        if "\n" in x.text:
            break
        if x.text in _CLOSE_QUOTES:
            return False
        if x.text in _OPEN_QUOTES:
            return True
        straight += x.text == '"'
    return straight % 2 == 1


def _speaker_org(t: Token, dm: DocMentions) -> DocMention | None:
    """The organisation of the person quoted around ``t`` ("«...», ha detto X, amministratore delegato di Y"):
    an organisation named shortly after a person, with "di", in the quote's sentence or the one before/after."""
    sents = list(t.doc.sents)
    k = next(i for i, s in enumerate(sents) if s.start <= t.i < s.end)
    for s in sents[max(0, k - 1) : k + 2]:
        for p in (m for m in dm.mentions if s.start <= m.start < s.end and m.target.type == "Person"):
            for j in range(p.end, min(p.end + 8, s.end - 1)):
                org = dm.by_token.get(j + 1)
                if t.doc[j].lower_ in {"di", "del", "della", "dell'", "dell’", "of"} and org is not None \
                        and org.target.type == "Organization":
                    return org
    return None


def first_person_org(t: Token, dm: DocMentions) -> DocMention | None:
    """For a first-person plural in a quotation ("abbiamo acquisito Ottogrid", "i nostri modelli"): the speaker's
    organisation, else, in an interview-like article (several quotations), the organisation it is about."""
    if not _in_quote(t):
        return None
    org = _speaker_org(t, dm)
    if org is not None:
        return org
    quotes = _quote_count(t.doc)
    main = main_entity(dm)
    return main if quotes >= 3 and main is not None else None


def _nominal(t: Token) -> bool:
    """A noun, or an adjective the tagger gave a noun's job ("la filiale", tagged ADJ, with its article)."""
    return t.pos_ in {"NOUN", "PROPN"} or (
        t.pos_ == "ADJ" and t.dep_ not in {"amod", "advmod"} and any(c.dep_ == "det" for c in t.children))


#: prepositions of a lowercase phrase that describes a business between a cue noun and its name
_DESCRIBING_PREPS = {"di", "of", "per", "for"}


def _apposable(m: DocMention, want: str, t: Token) -> bool:
    """A name of type ``m.type`` may be what an apposed noun ``t`` that wants ``want`` describes (a joint venture
    or a consortium, a project noun, is a company too: "ESMC, la joint venture di Dresda"; not "venture" modifying
    another noun: "Spark Capital, the venture firm")."""
    return want == "any" or m.type == want or (
        want == "Project" and m.type == "Organization" and (
            t.i + 1 >= len(t.doc) or t.doc[t.i + 1].pos_ in {"ADP", "PUNCT", "PRON", "SCONJ", "DET", "CCONJ", "AUX"}))


def _apposed_name(t: Token, dm: DocMentions, want: str) -> DocMention | None:
    """ "Almawave, la società romana ...": a referring noun in apposition to a name is that name."""
    if not (t.pos_ == "NOUN" or (t.pos_ == "ADJ" and _nominal(t))):
        return None
    rel = [described_by_apposition(t)] if t.dep_ == "appos" else []  # "A, B and C, the fund run by ...": C
    rel += [c for c in t.children if c.dep_ == "appos"]
    for r in rel:
        m = dm.at(r)
        if m is not None and m.antecedent is None and _apposable(m, want, t):
            return m
    # "il gruppo industriale norvegese Aker": the name right after the cue noun and its adjectives
    # ("il gruppo francese di consulenza Capgemini": a lowercase "di" phrase describing the business too)
    # ("la startup britannica di infrastrutture per l'IA Nscale": a "per" phrase too, its noun even in capitals
    # when no name starts there)
    doc = t.doc

    def describing(j: int) -> bool:
        x, before = doc[j], doc[j - 1]
        if j in dm.by_token:
            return False
        if x.pos_ == "ADJ" and x.is_lower:
            return True
        if x.lower_ in _DESCRIBING_PREPS:
            return j + 1 < len(doc) and doc[j + 1].pos_ in {"NOUN", "DET"} and j + 1 not in dm.by_token
        if x.pos_ == "DET":
            return before.lower_ in _DESCRIBING_PREPS
        return (x.pos_ == "NOUN" and x.is_lower and before.lower_ in _DESCRIBING_PREPS) or (
            x.pos_ in {"NOUN", "PROPN"} and before.pos_ == "DET" and before.i > t.i)

    j = t.i + 1
    while j < len(doc) and j - t.i <= 8 and describing(j):
        j += 1
    m = dm.by_token.get(j) if j < len(t.doc) else None
    if m is not None and m.start == j and m.antecedent is None and _apposable(m, want, t):
        return m
    # the parser often misses the apposition: "Name, the/la <cue> ..." right after a comma
    i = t.left_edge.i - 1
    while i > t.i - 4 and i > 0 and t.doc[i].is_lower and t.doc[i].pos_ in {"DET", "ADJ", "NOUN"} and \
            i not in dm.by_token:
        i -= 1  # ("ESMC, la joint venture di Dresda" with "joint" parsed apart from "venture")
    if i > 0 and t.doc[i].text == "," and t.left_edge.i < t.i + 1:
        m = dm.by_token.get(i - 1)
        if m is not None and m.end == i and m.antecedent is None and _apposable(m, want, t) \
                and not _attribution(m, t.doc) and not _fronted_agent(m, t.doc):
            return m  # (not the agent of a fronted participle: "Fondata da Malte Kosub, l'azienda ...")
    return None


def _fronted_agent(m: DocMention, doc: Doc) -> bool:
    """The name is the agent of a participle opening the sentence ("Fondata da Malte Kosub, l'azienda ...",
    "Founded by X, the company ...")."""
    k = m.start - 1
    return k > 0 and doc[k].lower_ in {"by", "da"} and doc[k - 1].i == sent_of(doc[k]).start and (
        "VerbForm=Part" in str(doc[k - 1].morph) or doc[k - 1].tag_ == "VBN" or doc[k - 1].lower_.endswith(("ta", "to")))


def coordinated_names(m: DocMention, dm: DocMentions) -> list[DocMention]:
    """The other names coordinated with mention ``m`` in its own sentence ("Nscale and Nebius")."""
    root = dm.doc[m.end - 1]
    first = root
    while first.dep_ in CONJ and first.head.i != first.i:
        first = first.head
    out = []
    for x in conjuncts(first):
        mx = dm.at(x)
        if mx is not None and mx is not m and mx.type == m.type and mx.antecedent is None:
            out.append(mx)
    return out


def _cataphora(t: Token, dm: DocMentions, want: str) -> DocMention | None:
    """ "Under its agreement with OpenAI, Microsoft gets ...", "Like its rival Nvidia, AMD ...": a possessive in
    a phrase fronted before the clause subject refers forward to that subject."""
    if t.dep_ not in {"poss", "det:poss", "nmod:poss"}:
        return None
    x = t.head
    while x.dep_ not in {"prep", "obl", "advcl", "nmod"} and x.head.i != x.i and x.pos_ not in {"VERB", "AUX"}:
        x = x.head
    verb = x.head
    if x.dep_ not in {"prep", "obl", "advcl"} or verb.pos_ not in {"VERB", "AUX"} or x.i > verb.i:
        return None
    if x.lower_ in _LISTING_PREPS or any(c.dep_ == "case" and c.lower_ in _LISTING_PREPS for c in x.children):
        return None  # "Tra i suoi clienti ci sono Meta e Perplexity": the list is what the possessor has
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} and c.i > x.right_edge.i:
            m = dm.at(c)
            if m is not None and m.antecedent is None and (want == "any" or m.type == want):
                return m
    return None


_COPULAS = {"be", "remain", "become", "essere", "restare", "rimanere", "diventare"}


def _relative_owner(t: Token, dm: DocMentions, want: str, lex: Lexicon) -> DocMention | None:
    """ "AMD, which will supply its Instinct GPUs": a possessive inside a relative clause whose subject is the
    relative pronoun refers to the name the clause describes."""
    if t.dep_ not in {"poss", "det:poss", "nmod:poss"}:
        return None
    x = t.head
    for _ in range(8):
        if x.dep_ in {"relcl", "acl:relcl"}:
            break
        if x.head.i == x.i or x.dep_ in {"ccomp", "advcl", "xcomp"} and x.pos_ in {"VERB", "AUX"}:
            return None
        x = x.head
    else:
        return None
    if x.dep_ not in {"relcl", "acl:relcl"} or not any(
            c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} and c.lower_ in lex.relative_pronouns for c in x.children):
        return None
    if any(c.dep_ == "cop" for c in x.children) or x.lemma_.lower() in _COPULAS:
        return None  # "Nvidia, che resta il suo principale fornitore": a predicate's possessive is someone else
    if t.lower_ not in {"their", "loro"} and third_person_plural(x):
        return None  # "clienti, tra cui Iberdrola e Bosch, che usano i suoi strumenti": a plural clause, one owner
    m = dm.at(x.head)
    if m is None and x.head.dep_ == "appos":
        m = dm.at(x.head.head)  # "Isomorphic Labs, an Alphabet-owned company, which raised ... its first round"
    # (the name may itself be a short form resolved to its full name: "Kairos, which was co-founded by its CEO")
    return m if m is not None and (want == "any" or m.target.type == want) else None


def _only_of_category(dm: DocMentions, t: Token, want: str, cats: tuple[str, ...], gaz: Gazetteer) -> DocMention | None:
    """ "the department", "the chipmaker" further back than the usual window: the one earlier entity of that kind."""
    found = {}
    # (a name kg knows nothing about may be of that kind too: "la startup" after TensorWave and AMD is not AMD;
    # not for a public body: "the department" after an unknown company is still the only department named)
    kinds = cats if set(cats) & _PUBLIC else (*cats, None)
    for m in dm.mentions:
        if m.start < t.i and m.antecedent is None and m.type == want and category_of(m, gaz) in kinds:
            found.setdefault(m.identity, m)
    return next(iter(found.values())) if len(found) == 1 else None


_TYPO_RESOLVERS: dict[int, object] = {}


def _person_by_typo(text: str, gaz: Gazetteer) -> str | None:
    """The gazetteer person a misspelled full name stands for ("Mark Zuckerbeg"), by the resolver's typo rules."""
    from kg.resolve.normalize import normalize_name
    from kg.resolve.resolver import Resolver

    if len(text.split()) < 2:
        return None
    resolver = _TYPO_RESOLVERS.get(id(gaz))
    if resolver is None:
        resolver = _TYPO_RESOLVERS[id(gaz)] = Resolver(gazetteer=gaz)
    r = resolver._fuzzy(normalize_name(text), "Person")  # type: ignore[attr-defined]  # noqa: SLF001
    return r.entity.key if r is not None and r.entity.type == "Person" else None


def _org_of_leader(t: Token, dm: DocMentions, gaz: Gazetteer) -> DocMention | None:
    """ "il gruppo guidato da Satya Nadella", "la società dell'amministratore delegato Sam Altman", "Musk's
    company": the organisation the gazetteer gives for that person."""
    for c in t.children:
        if c.dep_ not in {"acl", "amod", "relcl", "acl:relcl", "poss", "nmod:poss"} and not (
                c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in {"di", "del", "della", "dell'", "of"}
                                         for g in c.children)):
            continue
        for g in c.subtree:
            m = dm.at(g)
            key = (m.key if m.key in gaz.entries else _person_by_typo(m.text, gaz)) if m is not None else None
            if m is None or m.type != "Person" or key is None:
                continue
            org = gaz.entries[key].org
            hits = [x for x in dm.mentions if x.key == org and x.start < t.i and x.antecedent is None]
            if hits:
                return hits[-1]
    return None


def _maker_of_named_product(t: Token, dm: DocMentions, gaz: Gazetteer) -> DocMention | None:
    """ "the ChatGPT developer", "the Llama maker": the organisation the gazetteer gives as the maker of the
    known product that modifies the cue noun, when the document names it."""
    for c in t.children:
        m = dm.at(c)
        if c.dep_ not in {"compound", "nmod", "amod"} or m is None or m.type != "Product":
            continue
        if m.key not in gaz.entries:
            continue
        org = gaz.entries[m.key].org
        hits = [x for x in dm.mentions if x.key == org and x.antecedent is None]
        if hits:
            before = [x for x in hits if x.start < t.i]
            return before[-1] if before else hits[0]
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


def _demonym_place(t: Token, lex: Lexicon) -> str | None:
    """The city of a city adjective on a cue noun ("il gruppo torinese" -> Turin), from the lexicon; else the
    country of a nationality adjective ("il gruppo olandese" -> the Netherlands, which the gazetteer's
    containment of head-office cities can check)."""
    for c in t.children:
        if c.dep_ == "amod" and c.lower_ in lex.demonyms:
            return lex.demonyms[c.lower_]
    for c in t.children:
        if c.dep_ == "amod" and c.lower_ in lex.nationalities:
            return lex.nationalities[c.lower_]
    return None


def _seated_elsewhere(m: DocMention, city: str, gaz: Gazetteer) -> bool:
    """The candidate is known (gazetteer) to be headquartered outside the cue's city or region."""
    key = m.target.key
    hq = gaz.entries[key].hq if key and key in gaz.entries else None
    return hq is not None and not gaz.may_be(hq, city)  # ("l'azienda californiana" may be in Sunnyvale)


def _gender_agrees(m: DocMention, gender: str | None, dm: DocMentions) -> bool:
    """A pronoun of ``gender`` ("f"/"m") may refer to ``m`` unless m is a person whose given name (or the given
    name of the full name a bare surname stands for) is known to have the other gender."""
    target = m.target
    if gender is None or target.type != "Person":
        return True
    words = target.text.split()
    if len(words) == 1:
        full = next((x for x in dm.mentions if x.antecedent is None and x.type == "Person"
                     and len(x.text.split()) >= 2 and x.text.split()[-1] == words[0]), None)
        words = full.text.split() if full is not None else words
    known = name_genders().get(words[0]) if len(words) >= 2 else None
    return known is None or known == gender


def _hq_city(key: str, gaz: Gazetteer) -> bool:
    """The place is a city some gazetteer entity has its headquarters in (not a state or country containing
    one: "the California-based company" may be any Santa Clara or Mountain View company)."""
    return key in gaz.hq_places


#: gazetteer categories of public bodies and academia, which "the company" / "il gruppo" never stands for
_PUBLIC = {"government", "university"}
#: Italian object clitics written before the verb
_OBJECT_CLITICS = {"l'", "l’", "lo", "la"}


def resolve_references(dm: DocMentions, lex: Lexicon, gaz: Gazetteer,
                       trace: list[tuple[int, int, str, DocMention | None, str]] | None = None) -> None:
    """Add a mention with an antecedent for every resolvable pronoun or cue noun phrase in the doc.

    ``trace``, when given, receives ``(start, end, wanted type, antecedent or None, rule)`` for every
    referring expression considered, resolved or not (the coreference benchmark reads it)."""
    doc = dm.doc
    fallback = main_entity(dm)
    headline = _headline_mention(dm)
    for t in doc_tokens(doc):
        if t.i in dm.by_token:
            continue
        want: str | None = None
        cats: tuple[str, ...] = ()
        cue_generic = False
        start = t.i
        low = t.lower_
        if low in _FIRST_PLURAL and t.pos_ in {"PRON", "DET"}:
            ante = first_person_org(t, dm)
            if ante is not None:
                dm.add(DocMention(start=t.i, end=t.i + 1, type=ante.type, text=t.text, source="coref", antecedent=ante,
                                  char_start=t.idx, char_end=t.idx + len(t.text), is_subject=_subject_like(t)))
            continue
        if low in lex.object_pronouns and t.dep_ in {"dobj", "obj", "pobj", "obl", "dative", "iobj"}:
            want = None  # (see the lexicon's object_pronouns)
        elif low in lex.pronouns and t.pos_ in {"PRON", "DET"}:
            want = lex.pronouns[low]
            if t.dep_ in {"poss", "det:poss", "nmod:poss"} and t.head.lemma_.lower() in lex.person_possessions:
                want = "Person"  # "Al suo posto è stato nominato X": the possessor is a person
        elif low in _OBJECT_CLITICS and t.pos_ == "PRON" and t.dep_ in {"obj", "dobj"} and t.i < t.head.i:
            want = "Organization"  # "che l'ha fondata", "Nvidia la controlla": the clitic object before the verb
        elif _nominal(t):
            cue = _cue(t, lex)
            if cue and "Number=Plur" in str(t.morph) and cue[0] == "Organization":
                cue = None  # "ai produttori di chip", "le big tech": a class, not one company
            if cue and _definite(t, cue[2], lex) and not any(
                (c.dep_ in {"poss", "nmod:poss", "compound", "flat:name", "appos"}
                 or c.dep_ == "nmod" and c.i == t.i + 1 and not any(g.dep_ == "case" for g in c.children))
                and c.i in dm.by_token
                and dm.by_token[c.i].type in {"Organization", "Person", "Place"}
                # "the Turin company": a place before the cue noun still describes the company referred to
                and not (c.dep_ == "compound" and c.i < t.i and dm.by_token[c.i].type == "Place")
                for c in t.children
            ):
                want, cats, start = cue
                cue_generic = not cats and want == "Organization"
        if want is None:
            continue
        ante, path = _resolve_one(dm, lex, gaz, t, want, cats, cue_generic, fallback, headline)
        if trace is not None:
            trace.append((start, t.i + 1, want, ante, path))
        if ante is not None:
            dm.add(DocMention(start=start, end=t.i + 1, type=ante.type, text=doc[start : t.i + 1].text,
                              source="coref", antecedent=ante, char_start=doc[start].idx,
                              char_end=t.idx + len(t.text), is_subject=_subject_like(t)))
            # (later references can chain onto this one through .target)


def _resolve_one(dm: DocMentions, lex: Lexicon, gaz: Gazetteer, t: Token, want: str, cats: tuple[str, ...],
                 cue_generic: bool, fallback: DocMention | None,
                 headline: DocMention | None = None) -> tuple[DocMention | None, str]:
    """The antecedent of one referring expression (None when none fits) and the rule that found it; ``fallback``
    is the document's main company, ``headline`` the company its headline names (``_headline_mention``)."""
    low = t.lower_
    gender = lex.pronoun_gender.get(low) if t.pos_ in {"PRON", "DET"} else None
    if low in lex.reflexive_pronouns:
        # "The Stockholm-based group is simplifying itself": a reflexive is its own clause's subject
        subj = [dm.by_token[i] for i in sorted(_clause_subjects(t)) if i in dm.by_token]
        return (subj[0].target, "reflexive") if subj and subj[0].target.type == want else (None, "reflexive")
    if (described := _apposition_described(t)) is not None and (named := dm.at(described)) and \
            named.target.type == want and not any(m.target.type == want and m.target.identity != named.target.identity
                    for m in dm.mentions if sent_of(t).start <= m.start < t.i):
        # "Molycorp, its former owner": a possessive in an apposition is not the name it describes, and with no
        # other name before it in the sentence it is a thing's (Mountain Pass), not a company named earlier
        return None, "apposed-possessive"
    ante, path = _apposed_name(t, dm, want), "apposition"
    if ante is None and t.pos_ in {"NOUN", "PROPN"} and low not in lex.pronouns:
        ante, path = _whose_officer(t, dm, want), "whose-officer"
    if ante is None and t.dep_ == "appos" and t.pos_ == "NOUN" and dm.at(described_by_apposition(t)) is None:
        return None, "unknown-apposition"  # "..., AMP, the fund run by ...": a name kg does not know, not another's
    if ante is None and low in lex.pronouns and t.head.lemma_.lower() not in lex.person_possessions:
        # (not "Al suo posto è stato nominato X": the post was someone else's before X)
        ante, path = _cataphora(t, dm, want), "cataphora"
    if ante is None and low in lex.pronouns:
        ante, path = _relative_owner(t, dm, want, lex), "relative-owner"
    if ante is not None and not _gender_agrees(ante, gender, dm):
        ante = None
    if ante is None and want == "Organization":
        ante, path = _org_of_leader(t, dm, gaz), "leader"
        if ante is None:
            ante, path = _maker_of_named_product(t, dm, gaz), "maker"
    place = _place_of_cue(t, dm) if ante is None and (cats or want == "Organization") else None
    if place is not None and place.key:
        # "il gruppo di Santa Clara", "the Santa Clara-based company": the earlier entity based there
        located = [m for m in dm.mentions if m.start < t.i and m.antecedent is None and m.key
                   and m.key in gaz.entries and gaz.may_be(gaz.entries[m.key].hq or "", place.key)]
        if located:
            here = [m for m in located if m.start >= sent_of(t).start]
            main_there = [m for m in located if fallback is not None and m.target.identity == fallback.target.identity]
            # one named in the same sentence, else the article's main company when it is based there, else
            # the latest one named ("Murati left OpenAI. ... the San Francisco-based startup" in an article
            # about Thinking Machines Lab)
            ante = max(here, key=lambda m: m.start) if here else main_there[0] if main_there else \
                max(located, key=lambda m: m.start)
            path = "place"
    city = _demonym_place(t, lex) if ante is None and want == "Organization" else None
    if ante is None:
        cands = [c for c in _candidates(dm, t, want, cats, gaz) if _gender_agrees(c, gender, dm)]
        if cue_generic and fallback is not None and fallback.type == want and fallback.start < t.i:
            cands = cands + [fallback] if all(c.target is not fallback for c in cands) else cands
        top = headline if cue_generic and want == "Organization" else None
        if top is not None and all(c.target.identity != top.identity for c in cands) and \
                t.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"} and _opens_paragraph(sent_of(t)):
            cands = cands + [top]  # (a paragraph's "La società" may go back to the company of the headline)
        if city is not None:  # "il gruppo industriale torinese" is not a company known to be based elsewhere
            cands = [c for c in cands if not _seated_elsewhere(c, city, gaz)]
        if place is not None and place.key and _hq_city(place.key, gaz):
            # "the Mountain View-based startup" is not a company known to sit in Santa Clara
            cands = [c for c in cands if not _seated_elsewhere(c, place.key, gaz)]
        if cue_generic:  # "the company", "il gruppo": a business, not a government or public body
            cands = [c for c in cands if category_of(c, gaz) not in _PUBLIC]
        noun_cue = t.pos_ in {"NOUN", "PROPN"} and low not in lex.pronouns
        salient = (cue_generic or noun_cue and len({c.target.key or c.target.text for c in cands}) > 1) and cands
        ante = _salient(cands, dm, t, fallback, headline) if salient else _best(cands, t, dm)
        path = "salient" if salient else "nearest"
    if ante is None and cats:
        ante, path = _only_of_category(dm, t, want, cats, gaz), "only-of-category"
    if (ante is None and want == "Organization" and fallback is not None and fallback.start < t.i
            and (not cats or category_of(fallback, gaz) in (*cats, None))
            and not (cue_generic and category_of(fallback, gaz) in _PUBLIC)
            and not (_in_copular_predicate(t) and any(fallback.start <= i < fallback.end
                                                      for i in _clause_subjects(t)))
            and not (city is not None and _seated_elsewhere(fallback, city, gaz))
            and not (place is not None and place.key and _hq_city(place.key, gaz)
                     and _seated_elsewhere(fallback, place.key, gaz))):
        ante, path = fallback, "main-entity"  # not against the cue: "the department" is not that chipmaker
    if ante is not None and low in lex.plural_pronouns and not coordinated_names(ante.target, dm):
        # "they", "them", "loro": several names ("Nscale and Nebius said they ..."), not one company
        # ("Broadcom develops them" is the chips; "customers tell us they want ...")
        return None, "plural"
    return ante, (path if ante is not None else "none")
