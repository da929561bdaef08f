"""Argument slots over a dependency parse, for both spaCy's English (ClearNLP) labels and UD labels.

A slot name (see ``ontologies/lexicon/en.toml``) is turned into the tokens that head the phrases
filling it. Nothing here knows about entities: the relation extractor maps tokens to mentions.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon
from kg.extract.tokens import sent_of

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "nsubj:pass", "csubjpass"}
OBJ = {"dobj", "obj"}
AGENT = {"agent", "obl:agent"}
PREP = {"prep"}
CASE_DEPS = {"obl", "nmod", "obl:arg", "iobj", "obl:agent", "advmod"}
POSS = {"poss", "nmod:poss", "det:poss"}
COMPOUND = {"compound", "flat", "flat:name", "nmod:npmod"}
CONJ = {"conj"}
RELCL = {"relcl", "acl:relcl"}
ACL = {"acl", "amod"}
XCOMP = {"xcomp", "ccomp", "advcl"}
APPOS = {"appos"}
DATIVE = {"dative", "iobj"}
ATTR = {"attr", "oprd", "acomp"}
AUXPASS = {"auxpass", "aux:pass"}
#: auxiliaries of either voice
AUX_DEPS = frozenset({"aux"} | AUXPASS)


_DA = {"da", "dal", "dalla", "dallo", "dai", "dagli", "dalle", "dall'", "dall’"}
#: Italian verbs with the auxiliary "essere" whose "da" phrase is a source, not an agent ("è uscita da Google")
_UNACCUSATIVE = {"uscire", "nascere", "arrivare", "partire", "passare", "venire", "provenire", "derivare",
                 "separare", "staccare", "dimettere", "dimettersi", "entrare", "andare", "tornare", "fuggire", "scendere"}


def _first_or_second_person(verb: Token) -> bool:
    """The verb (or its auxiliary) agrees with "I", "we" or "you"."""
    forms = [verb, *(c for c in verb.children if c.dep_ in {"aux", "aux:pass"})]
    return any("Person=1" in str(x.morph) or "Person=2" in str(x.morph) for x in forms)


def _third_person_noun_after(c: Token, verb: Token) -> bool:
    return c.i > verb.i and c.pos_ in {"NOUN", "PROPN"}


def overt_subjects(verb: Token) -> list[Token]:
    """The verb's subject children, leaving out a noun after a first/second-person verb (a mislabelled object)."""
    person = _first_or_second_person(verb)
    return [c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}
            and not (person and _third_person_noun_after(c, verb))]


def is_participle(t: Token) -> bool:
    """A past participle by its tag or morphology (kg's Italian tagger sometimes leaves VerbForm out of one, as
    in "progettato": Tense=Past|Voice=Pass; a past form with a gender is a participle)."""
    morph = str(t.morph)
    return "VerbForm=Part" in morph or "Voice=Pass" in morph or t.tag_ == "VBN" or (
        "Tense=Past" in morph and "Gender=" in morph)


def is_passive(t: Token) -> bool:
    """Passive clause, or a past participle modifying a noun with an agent ("la startup fondata da X",
    "the lab co-founded by Y")."""
    if any(c.dep_ in PASS_SUBJ or c.dep_ in AUXPASS for c in t.children):
        return True
    if any(c.dep_ == "aux" and c.lemma_.lower() == "venire" for c in t.children):
        return True  # Italian "viene controllata da": "venire" is only ever the passive auxiliary with a participle
    participle = is_participle(t)
    if participle and any(c.dep_ == "agent" for c in t.children):
        return True  # "which is majority-owned by SoftBank" (participle as a complement)
    if participle and t.tag_ == "VBN" and any(c.dep_ == "prep" and c.lower_ == "by" for c in t.children) and not any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in t.children):
        return True  # "Founded in 2021 by X, Helsing ..." with "by" labelled a plain preposition
    if participle and t.lemma_.lower() not in _UNACCUSATIVE and any(
            c.dep_ == "aux" and c.lemma_.lower() == "essere" for c in t.children) and any(
            c.dep_ == "obl" and _da_phrase(c) for c in t.children):
        return True  # "è controllato dalla Confederazione" with the auxiliary labelled as a plain one
    # "X è controllata dal ministero" (copula + participle + agent) reads as a passive too
    modifier = t.dep_ in {"acl", "amod", "advcl", "acl:relcl", "relcl", "conj", "appos"}
    # "Fondata nel 2023 da X, Mistral ...": a fronted participle the parser made the root of its own sentence
    modifier = modifier or _fronted_main_clause(t) is not None
    if participle and (modifier or any(c.dep_ == "cop" for c in t.children)):
        for c in t.children:
            if c.dep_ in {"agent", "obl:agent"}:
                return True
            if c.dep_ in {"obl", "nmod"} and any(g.dep_ == "case" and g.lower_ in _DA_FORMS for g in c.children):
                return True
        # "è presieduta dallo sceicco X" with the preposition hung on the honorific: "da" right after the participle
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if nxt is not None and nxt.lower_ in _DA_FORMS and nxt.head.i != t.i and nxt.head.head.head.i == t.i:
            return True
        if nested_agent(t):
            return True
    return False


def nested_agent(t: Token) -> list[Token]:
    """ "La società, finanziata nel corso degli anni da Greylock, ...": the agent of a participle that the parser
    hung inside a phrase of time or place after it (no comma nor verb between), as a one-item list."""
    if not is_participle(t):
        return []
    for c in t.children:
        if c.dep_ not in {"obl", "nmod"} or c.i < t.i or any(g.dep_ == "case" and g.lower_ in _DA_FORMS for g in c.children):
            continue
        for d in c.subtree:
            if d.i > c.i and d.pos_ == "PROPN" and any(g.dep_ == "case" and g.lower_ in _DA_FORMS for g in d.children) \
                    and not any(x.pos_ in {"VERB", "AUX", "PUNCT"} for x in t.doc[t.i + 1:d.i]):
                return [d]
    return []


_DA_FORMS = frozenset({"da", "dal", "dalla", "dallo", "dai", "dagli", "dalle", "dall'", "dall’"})


def phrasal_lemma(t: Token) -> str:
    """Lemma plus verb particle: "take over", "team up"; an Italian verb with the clitics "se la" is its
    pronominal form ("se la vede" -> "vedersela")."""
    prt = [c.lower_ for c in t.children if c.dep_ in {"prt", "compound:prt"}
           or (c.lower_ in LIGHT_OBJECTS and c.dep_ in {"dobj", "obj"}
               and not any(x.is_lower for x in c.children))]  # (a name hung on "parte" is the parser's slip)
    lemma = t.lemma_.lower()
    if lemma.endswith("re") and _se_la_before(t):
        return lemma[:-1] + "sela"  # Italian "se la vede con X": "vedersela"
    if lemma.endswith("re") and any(c.dep_ in {"expl", "expl:pv"} and c.lower_ in {"si", "s'", "s’"}
                                    for c in t.children):
        return lemma[:-1] + "si"  # "Cursor si appoggia ai modelli di X": "appoggiarsi" (relies on), not "appoggiare"
    return f"{lemma} {' '.join(prt)}" if prt else lemma


def _se_la_before(t: Token) -> bool:
    """The clitics "se la" right before the verb, or before the modal it depends on ("se la deve vedere")."""
    doc = t.doc
    k = t.i - 1
    while k >= 2 and t.i - k <= 3 and doc[k].pos_ in {"AUX", "VERB"} and doc[k].lower_ != "la":
        k -= 1
    return k >= 1 and doc[k].lower_ == "la" and doc[k - 1].lower_ == "se"


#: bare objects that make one verb with theirs: "took part", "prendere parte"
LIGHT_OBJECTS = frozenset({"part", "parte"})


def prepositions(t: Token, lex: Lexicon) -> Iterator[tuple[str, Token]]:
    """(preposition, noun) pairs attached to ``t`` in either annotation scheme.

    English: prep -> pobj ("invested in X"); agent -> pobj gives ("by", X).
    UD: obl/nmod child with a case marker ("investito in X", "da parte di X").
    Articulated Italian prepositions are mapped through the lexicon ("nel" -> "in").
    """
    pmap = lex.preposition_map
    children = list(t.children)
    # "competes with Midjourney and with OpenAI": a preposition coordinated with another one
    children += [g for c in children if c.dep_ in PREP for g in c.children if g.dep_ in CONJ and g.pos_ == "ADP"]
    for c in children:
        if c.dep_ in PREP or c.dep_ == "agent" or (c.dep_ in CONJ and c.pos_ == "ADP"):
            name = "by" if c.dep_ == "agent" else c.lower_
            # multiword: "on behalf of", "in partnership with", "together with"
            for g in c.children:
                if g.dep_ in {"pobj", "pcomp"}:
                    yield pmap.get(name, name), g
                    for gg in g.children:
                        if gg.dep_ == "prep":
                            combo = f"{name} {g.lower_} {gg.lower_}"
                            if combo in lex.complex_prepositions:
                                for p in gg.children:
                                    if p.dep_ == "pobj":
                                        yield combo, p
                elif g.dep_ == "prep" and g.i == c.i + 1:  # "out of", "away from"
                    for p in g.children:
                        if p.dep_ == "pobj":
                            yield f"{name} {g.lower_}", p
            if c.dep_ != "agent" and c.lower_ in {"led", "backed"}:
                for g in c.children:
                    if g.dep_ == "agent":
                        for p in g.children:
                            if p.dep_ == "pobj":
                                yield f"{c.lower_} by", p
        elif c.dep_ in {"acl", "advcl"} and c.text[:1].isupper() and not c.is_sent_start:
            # a name the tagger took for a verb: "l'acquisizione di VMware" parsed as a clause
            marks = [g for g in c.children if g.dep_ == "mark" and g.lower_ in (lex.prepositions or {g.lower_})]
            if marks:
                name = pmap.get(marks[0].lower_, marks[0].lower_)
                yield name, c
        elif c.dep_ in CASE_DEPS and _among_others(c):
            # "è finanziata tra gli altri da Nvidia e SoftBank": the phrases hung on "altri" are the verb's own
            for name, g in prepositions(c, lex):
                yield name, g
        elif c.dep_ in CASE_DEPS:
            # only real prepositions: a noun the tagger took for a case marker ("fornisce chip a X") is not one
            case = [g for g in c.children if g.dep_ == "case"
                    and (g.lower_ in lex.prepositions or g.lower_ in pmap if lex.prepositions else g.pos_ in {"ADP", "DET"})]
            if not case:
                # "dallo sceicco Tahnoun", with the case marker hung on the title before the name: the phrase
                # still opens with its preposition
                first = c.left_edge
                if first.dep_ == "case" and first.head.head.i == c.i and first.head.i < c.i and \
                        first.head.dep_ in {"amod", "nmod", "det", "appos"} and \
                        (first.lower_ in lex.prepositions or first.lower_ in pmap if lex.prepositions else False):
                    case = [first]
            if not case:
                continue
            name = " ".join(g.lower_ for g in case)
            name = pmap.get(name, name)
            if c.dep_ == "obl:agent":
                yield "by", c
            yield name, c
            # "da parte di X" / "insieme a X": case + noun + nested case
            for g in c.children:
                if g.dep_ in {"nmod", "obl"}:
                    inner = [x for x in g.children if x.dep_ == "case"]
                    if inner:
                        inner_name = " ".join(x.lower_ for x in inner)
                        combo = f"{name} {c.lower_} {pmap.get(inner_name, inner_name)}"
                        if combo in lex.complex_prepositions:
                            yield combo, g
                            if combo in lex.agent_prepositions:
                                yield "by", g


def _da_phrase(c: Token) -> bool:
    """An Italian agent phrase ("dalla Confederazione"), also with its "da" hung on a title before the name
    ("dallo sceicco Tahnoun") or inside an aside ("tra gli altri da Nvidia"), as :func:`prepositions` reads them."""
    def da_case(x: Token) -> bool:
        return any(g.dep_ == "case" and g.lower_ in _DA for g in x.children)

    if da_case(c) or (c.left_edge.dep_ == "case" and c.left_edge.lower_ in _DA):
        return True
    return _among_others(c) and any(g.dep_ in {"nmod", "obl"} and da_case(g) for g in c.children)


_OTHERS = {"altri", "altre", "others"}


def _among_others(c: Token) -> bool:
    """ "tra gli altri", "fra le altre", "among others": an aside the parser made the head of what follows."""
    return c.lower_ in _OTHERS and any(g.dep_ == "case" and g.lower_ in {"tra", "fra", "among"} for g in c.children)


def conjuncts(t: Token) -> list[Token]:
    """``t`` and the tokens coordinated with it ("Nvidia and Salesforce"); a name the parser coordinates with a
    share is the subject of a gapped clause, not another object ("TSMC detiene il 70% e Bosch, Infineon e NXP il
    10%")."""
    out = [t]
    stack = [t]
    while stack:
        x = stack.pop()
        share = x.text == "%" or x.pos_ == "NUM"
        prev, closed = x, False
        for c in sorted(x.children, key=lambda c: c.i):
            if share and c.pos_ == "PROPN" or c.dep_ not in CONJ or c in out:
                continue
            between = t.doc[prev.i + 1 : c.i] if c.i > prev.i else []
            joined = any(b.pos_ == "CCONJ" for b in between)
            if closed and joined and any(b.text == "," for b in between):
                break  # "for Apple and Nvidia, and Samsung remain ...": a pair closed by "and" ends the list
            closed = closed or joined and not any(b.text == "," for b in between)
            out.append(c)
            stack.append(c)
            prev = c
    return out


def described_by_apposition(t: Token) -> Token:
    """The token an apposition describes: its head, or the last name of a list it follows, which the parser
    hangs on the first ("Nvidia, General Catalyst and AMP, the fund run by ...": AMP)."""
    listed = sorted(conjuncts(t.head), key=lambda x: x.i)
    return listed[-1] if len(listed) > 1 and t.i > listed[-1].i else t.head


def _apposed_to(t: Token) -> Token:
    """What an apposition describes: its syntactic head, unless the parser hung it on an earlier noun across
    other phrases ("Oracle ... as part of the Stargate project, a joint venture with ..." read as describing
    Oracle); then the noun phrase right before its comma."""
    head = t.head
    start = t.left_edge.i
    if head.i >= start or start < 2 or t.doc[start - 1].text != ",":
        return head
    before = t.doc[start - 2]
    if before.i == head.i or before.pos_ not in {"NOUN", "PROPN"}:
        return head
    x = before
    while x.dep_ in {"compound", "flat", "flat:name"} and x.head.i > x.i and x.head.i < start:
        x = x.head
    return x if x.i != head.i and sent_of(x).start == sent_of(head).start else head


def is_to_infinitive(t: Token) -> bool:
    """ "struck a deal to supply": an infinitive on a noun, which the parser may label a relative clause."""
    return t.dep_ in RELCL and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _plural_verb(v: Token) -> bool:
    """The verb (or its auxiliary) is marked plural: "who have run", "che guidano"."""
    for x in [v, *(c for c in v.children if c.dep_ in {"aux", "auxpass", "aux:pass", "cop"})]:
        if "Number=Plur" in str(x.morph) or x.tag_ == "VBP":
            return True
    return False


def _whole_coordination(head: Token, clause: Token) -> Token:
    """ "Shan Shan Wong and Christian Laforte, who have run the company": a relative clause with a plural verb
    on the last name of a coordination is about all of them (the first conjunct stands for the list)."""
    if head.dep_ not in CONJ or not _plural_verb(clause):
        return head
    while head.dep_ in CONJ and head.head.i != head.i:
        head = head.head
    return head


def _name_before(arg: Token) -> Token | None:
    """The proper name right before a relative pronoun, over a comma (its head word for a multiword name)."""
    i = arg.i - 1
    while i >= sent_of(arg).start and arg.doc[i].is_punct:
        i -= 1
    if i < sent_of(arg).start or arg.doc[i].pos_ != "PROPN" or arg.i - i > 2:
        return None
    name = arg.doc[i]
    while name.dep_ in {"flat", "flat:name", "compound"} and name.head.i < name.i:
        name = name.head
    return name


#: words of a seat phrase whose place a relative clause may follow ("con sede a Hsinchu che ...")
_SEAT_WORDS = frozenset({"sede", "base", "based", "headquartered", "basata", "basato"})


def _verb_and_auxiliaries(v: Token) -> list[Token]:
    return [v, *(c for c in v.children if c.dep_ in {"aux", "aux:pass", "auxpass"})]


def third_person_plural(v: Token) -> bool:
    """The verb or one of its auxiliaries is marked third person plural ("che usano", "che hanno investito")."""
    return any("Number=Plur" in str(x.morph) and "Person=3" in str(x.morph) for x in _verb_and_auxiliaries(v))


def _plural_verb(v: Token) -> bool:
    """The verb (or its auxiliary) agrees with a plural subject: "which also build", "che producono"."""
    return third_person_plural(v) or any(x.tag_ == "VBP" and x.lower_ != "am" for x in _verb_and_auxiliaries(v))


def _relative_antecedent(arg: Token, trigger: Token, lex: Lexicon) -> Token:
    """Map a relative pronoun argument to the noun its clause modifies ("Mellanox, which Nvidia bought";
    "A, B and C, all of which license ...")."""
    if arg.lower_ in {"all", "both", "each", "some", "many", "most", "tutte", "tutti", "entrambe", "entrambi"} and any(
            c.lower_ in {"of", "di", "delle", "dei", "degli"} and any(g.lower_ in lex.relative_pronouns for g in c.children)
            for c in arg.children):
        arg = next(g for c in arg.children for g in c.children if g.lower_ in lex.relative_pronouns)
    if arg.lower_ in lex.relative_pronouns or arg.tag_ == "WDT" or arg.tag_ == "WP" or "PronType=Rel" in str(arg.morph):
        x = trigger
        while x.dep_ in CONJ | XCOMP and x.head.i != x.i:
            x = x.head
        if x.dep_ in RELCL:
            adjacent = _name_before(arg) if x.head.pos_ == "PROPN" and x.head.i < arg.i else None
            if adjacent is not None and adjacent.i > x.head.i and adjacent.ent_type_ == "Organization" and \
                    adjacent.dep_ in {"conj", "punct", "appos", "dep"} and not _plural_verb(x):
                # "Rebellions, which ..., and FuriosaAI, which turned down ...": the clause hung on the list's first
                # name belongs to the name right before its pronoun
                return adjacent
            name = _name_before(arg) if x.head.pos_ not in {"PROPN", "PRON"} and x.head.i < arg.i and \
                x.head.lemma_.lower() not in lex.cue_nouns and x.head.lower_ not in lex.cue_nouns else None
            if name is not None and name.i > x.head.i and name.ent_type_ == "Organization":
                # "Il rapporto con Microsoft, che ha investito ...": the clause hung on the noun before the name
                return name
            ante = x.head
            seat = ante.head
            if ante.ent_type_ == "Place" and seat.i < ante.i and (
                    seat.lemma_.lower() in _SEAT_WORDS or seat.lower_ in _SEAT_WORDS) and seat.head.i < seat.i:
                # "la fonderia con sede a Hsinchu che contende a TSMC i clienti": the clause is about what is
                # based there, not the place
                ante = seat.head
            elif ante.ent_type_ == "Place" and seat.i < ante.i and ante.dep_ == "nmod" and (
                    seat.lemma_.lower() in lex.cue_nouns or seat.lower_ in lex.cue_nouns) and any(
                    c.dep_ == "case" and c.lower_ == "di" for c in ante.children):
                ante = seat  # "Inception, startup di Palo Alto che ha chiuso un round": the startup, not the city
            # the verb agrees with the pronoun only when the pronoun is its subject
            return _whole_coordination(ante, x) if arg.dep_ in SUBJ else ante
        # "X ha annunciato che investirà": a complementiser the parser took for the subject of a complement
        # clause; the clause continues the subject of the verb it completes
        v = arg.head
        if v.dep_ == "ccomp" and arg.i < v.i and v.head.pos_ in {"VERB", "AUX"} and v.head.i < arg.i:
            subj = next((c for c in v.head.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
            if subj is not None and subj.i < arg.i:
                return subj
        # a relative clause the parser labelled as a plain participle clause ("la startup che sviluppa ...")
        if x.dep_ == "acl" and arg.head.i == x.i and arg.i < x.i:
            return x.head
        # the clause hung elsewhere by the parser ("da Nvidia, che è uno dei suoi azionisti" as a conjunct):
        # the name right before the pronoun
        i = arg.i - 1
        while i >= sent_of(arg).start and arg.doc[i].is_punct:
            i -= 1
        if i >= sent_of(arg).start and arg.doc[i].pos_ == "PROPN" and arg.i - i <= 2:
            name = arg.doc[i]
            while name.dep_ in {"flat", "flat:name"} and name.head.i < name.i:
                name = name.head
            title = name.head
            if name.dep_ == "nmod" and title.dep_ == "appos" and title.pos_ == "NOUN" and title.head.pos_ == "PROPN":
                # "Walter Renna, amministratore delegato di Fastweb, che ha assunto ...": the clause is about the
                # name the apposition describes, not the company inside the title
                return title.head
            return arg.doc[i]
    return arg


_DASHES = {"-", "–", "—"}


def dateline_subject(s: Token, verb: Token) -> Token:
    """ "PARIS, May 2 (Wire) - Mistral AI announced ...": a dateline parsed as the subject hands over to the
    phrase after its spaced dash (the head of that phrase within the span up to the verb)."""
    if s.i != sent_of(s).start or s.i > verb.i:
        return s
    doc = s.doc
    dash = next((d for d in doc[s.i + 1 : verb.i] if d.text in _DASHES and d.whitespace_
                 and doc[d.i - 1].whitespace_), None)
    if dash is None:
        return s
    span = range(dash.i + 1, verb.i)
    heads = [x for x in doc[dash.i + 1 : verb.i] if x.head.i not in span and not x.is_punct]
    return heads[0] if heads and heads[0].pos_ in {"PROPN", "NOUN"} else s


def _surface_agent(t: Token, lex: Lexicon) -> list[Token]:
    """ "è presieduta dallo sceicco Tahnoun bin Zayed", the parser hanging the preposition on the honorific: the
    proper noun right after an agent preposition (and at most two lowercase words) following the passive verb."""
    doc = t.doc
    i = t.i + 1
    prep = lex.preposition_map.get(doc[i].lower_, doc[i].lower_) if i < len(doc) else ""
    if prep != "by" and prep not in lex.agent_prepositions:
        return []
    j = i + 1
    while j < min(len(doc), i + 4) and doc[j].is_lower and doc[j].is_alpha:
        j += 1
    return [doc[j]] if j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() else []


#: leading verbs whose agent a participle coordinated right before them shares ("founded and led by X")
_LEADING_PARTICIPLES = {"lead", "run", "head", "chair", "manage", "guidare", "dirigere", "presiedere", "gestire"}


def _shared_leading_agent(t: Token, lex: Lexicon) -> list[Token]:
    """ "Silicon Motion, fondata e guidata dall'amministratore delegato Wallace Kou", "founded and run by X": a
    participle with no subject, coordinated right before a leading participle, has that participle's agent (not
    "founded in 2010 and acquired by Google": only a leading verb, right after the "and")."""
    doc = t.doc
    if t.i + 2 >= len(doc) or doc[t.i + 1].pos_ != "CCONJ" or not is_participle(t) or \
            any(c.dep_ in SUBJ for c in t.children):
        return []
    nxt = doc[t.i + 2]
    if nxt.head.i != t.i or nxt.dep_ not in CONJ or nxt.lemma_.lower() not in _LEADING_PARTICIPLES or not (
            nxt.tag_ == "VBN" or "VerbForm=Part" in str(nxt.morph)):
        return []
    return [p for name, p in prepositions(nxt, lex) if name == "by" or name in lex.agent_prepositions]


#: marks of a purpose infinitive ("per rilevare", "to buy")
_PURPOSE_MARKS = frozenset({"per", "to"})


def logical_subjects(t: Token, lex: Lexicon, depth: int = 0) -> list[Token]:
    """Logical subject(s) of a verb, following passives, control verbs, coordination and relative clauses."""
    shared = _shared_leading_agent(t, lex)
    if shared:
        return shared
    if is_passive(t):
        out = [p for name, p in prepositions(t, lex) if name == "by" or name in lex.agent_prepositions]
        if not out:
            out = _surface_agent(t, lex) or nested_agent(t)
        if out:
            return list(dict.fromkeys(out))
        if depth > 0:
            # "X are expected to join the round": the passive subject controls the infinitive
            pas = [c for c in t.children if c.dep_ in PASS_SUBJ]
            if pas:
                return [_relative_antecedent(s, t, lex) for s in pas]
        elif t.dep_ in CONJ:
            # "Manus continuerà a vendere ... e verrà integrata nei prodotti del gruppo": the subject shared with
            # the first verb is the passive's patient, not its agent
            return []
    # a complementiser parsed as a subject ("ha annunciato che investirà") is not one
    subs = [c for c in t.children if c.dep_ in SUBJ and c.pos_ not in {"SCONJ", "CCONJ", "ADP"}]
    if _first_or_second_person(t):
        subs = [c for c in subs if not _third_person_noun_after(c, t)]  # «abbiamo acquisito Ottogrid»
    if len(subs) > 1 and any(c.i < t.i for c in subs):
        subs = [c for c in subs if c.i < t.i]  # "Cisco ha comprato Splunk" with both parsed as subjects
    if len(subs) > 1:
        # "Il gruppo guidato dall'amministratore delegato Sam Altman ha firmato": a name right after a title in a
        # phrase on the first subject is no second subject
        first = min(subs, key=lambda c: c.i)
        subs = [c for c in subs if c.i == first.i or not (
            c.pos_ == "PROPN" and t.doc[c.i - 1].is_lower and t.doc[c.i - 1].pos_ in {"NOUN", "ADJ"})]
    if subs and depth == 0 and (fronted := _object_taken_for_subject(t)) is not None:
        return [fronted]
    if subs:
        return [dateline_subject(_relative_antecedent(s, t, lex), t) for s in subs]
    cleft = _cleft_subject(t)
    if cleft is not None:
        return [cleft]
    if t.lemma_.lower() in _INTRANSITIVE:
        # "Al Polo partecipano TIM, Leonardo ...": an inverted subject the parser took for an object
        late = [c for c in t.children if c.dep_ in OBJ and c.i > t.i]
        if not late:  # "All'aumento hanno partecipato anche Creandum, 20VC ...": the subject taken for an oblique
            late = [c for c in t.children if c.dep_ in {"obl", "nmod", "xcomp"} and c.i > t.i and c.pos_ == "PROPN"
                    and not any(g.dep_ == "case" for g in c.children)]
        if late:
            return late
    if depth > 4:
        return []
    if t.pos_ == "NOUN" and t.dep_ == "ROOT":
        # a verb the tagger took for a noun: its "subject" hangs on it as a modifier ("Anthropic competes")
        left = [c for c in t.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < t.i]
        if left:
            return left[:1]
    if t.dep_ in CONJ and t.head.i != t.i and is_passive(t.head) and not is_passive(t) and t.pos_ == "VERB" \
            and (pas := [c for c in t.head.children if c.dep_ in PASS_SUBJ]):
        # "La macchina è stata costruita da HPE ... e si basa sui chip di Nvidia": the active verb shares the
        # passive's subject, not its agent
        return [_relative_antecedent(s, t.head, lex) for s in pas]
    if t.dep_ in CONJ | {"xcomp"} and t.head.i != t.i:
        return logical_subjects(t.head, lex, depth + 1)
    if depth > 0 and t.dep_ == "amod" and t.head.dep_ in OBJ and t.head.head.pos_ in {"VERB", "AUX"}:
        # "signed a deal worth $19bn to supply Microsoft": the infinitive hangs on an adjective of the object
        return logical_subjects(t.head.head, lex, depth + 1)
    if t.dep_ in {"acl", "advcl"} and t.head.dep_ in {"pobj", "obl", "nmod"} and t.head.lemma_ in {"talk", "talks", "negoziato", "trattativa"}:
        # "X is in talks to buy Y"
        verb = t.head.head.head if t.head.head.dep_ == "prep" else t.head.head
        return logical_subjects(verb, lex, depth + 1)
    if (t.dep_ == "acl" or is_to_infinitive(t)) and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
            and t.head.pos_ == "NOUN" and \
            (owners := [c for c in t.head.children if c.dep_ == "poss"]):
        return owners  # "pulled out of its agreement to acquire X", "Nvidia's offer to buy Y": the possessor
    if t.dep_ == "advcl" and t.head.dep_ in {"acl", "amod"} and t.head.pos_ in {"VERB", "ADJ"} and \
            any(c.dep_ == "mark" and c.lower_ in _PURPOSE_MARKS for c in t.children) and \
            not any(c.dep_ in SUBJ | OBJ for c in t.head.children):
        # "ha raggiunto un accordo con il curatore fallimentare per rilevare ...": a purpose infinitive the parser
        # hung on a bare adjective-like participle inside a noun phrase is the clause's subject's purpose
        clause = next((a for a in t.head.ancestors if a.pos_ in {"VERB", "AUX"} and a.dep_ not in RELCL | {"acl", "amod"}),
                      None)
        if clause is not None:
            return logical_subjects(clause, lex, depth + 1)
    if t.dep_ in {"advcl"} and t.head.i != t.i:
        return logical_subjects(t.head, lex, depth + 1)
    if t.dep_ == "acl" and t.head.dep_ in OBJ | {"obl", "nmod", "parataxis", "npadvmod"} and \
            t.head.head.pos_ in {"VERB", "AUX"} and any(
            c.dep_ == "mark" and c.lower_ in _TEMPORAL_MARKS for c in t.children):
        # "ha ritirato la domanda, pochi giorni dopo aver raccolto 1,1 miliardi": the infinitive of a temporal
        # phrase on the verb's object is done by the verb's subject
        return logical_subjects(t.head.head, lex, depth + 1)
    if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ in _GERUND_PREPS and \
            t.head.head.pos_ in {"VERB", "AUX"}:
        # "Snowflake answered by agreeing to buy X", "started the business after running Y": the gerund's
        # subject is the verb's
        return logical_subjects(t.head.head, lex, depth + 1)
    if (t.dep_ == "acl" or is_to_infinitive(t)) and t.head.dep_ in OBJ and t.head.head.pos_ in {"VERB", "AUX"}:
        # "OpenAI signed a contract to buy ...", "Meta made an offer to acquire ...", "struck a deal to supply"
        # (the parser may call that infinitive a relative clause)
        return logical_subjects(t.head.head, lex, depth + 1)
    if t.dep_ in RELCL and any(c.dep_ in OBJ and _relative_antecedent(c, t, lex) is not c for c in t.children) \
            and any(c.dep_ in OBJ and _relative_antecedent(c, t, lex) is c for c in t.children):
        # "la società che ha presentato Velvet" with the relative pronoun taken for a second object
        return [t.head]
    if lex.pro_drop and t.dep_ == "ccomp" and t.head.i != t.i and "Person=3" in str(t.morph):
        # "Oracle ha annunciato che userà ...": a dropped subject of a complement clause is the main subject
        return logical_subjects(t.head, lex, depth + 1)
    named = _name_right_before(t) if depth == 0 else None
    if named is None and depth == 0:
        named = _opening_name_aside(t)
    if named is not None:
        return [named]
    return []


def _cleft_subject(t: Token) -> Token | None:
    """ "A guidare l'aumento di capitale è stata Menlo Ventures", "Leading the round was Thrive Capital": the verb
    fronted before a copula is done by the name the copula points at."""
    if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "a" for c in t.children) and t.i < t.head.i \
            and t.head.pos_ == "PROPN" and any(c.dep_ == "cop" for c in t.head.children):
        return t.head  # (Italian: the name is the root, "a" + infinitive its clause)
    if t.tag_ == "VBG" and t.i == sent_of(t).start:
        be = next((c for c in t.children if c.dep_ in {"aux", "ROOT"} and c.lemma_.lower() == "be" and c.i > t.i), None)
        attr = next((c for c in be.children if c.dep_ == "attr" and c.pos_ == "PROPN"), None) if be is not None else None
        return attr
    return None


def _object_taken_for_subject(t: Token) -> Token | None:
    """ "Nello stesso mese SSI ha scelto Google Cloud come fornitore": a perfect tense with "avere" (a transitive
    verb) whose only subject comes after it and has no object, right after a name the parser hung on the
    phrase before it: that name is the subject, the late "subject" the object."""
    if any(c.dep_ in OBJ for c in t.children) or any(c.dep_ in SUBJ and c.i < t.i for c in t.children):
        return None
    if not any(c.dep_ == "aux" and c.lemma_.lower() in {"avere", "have"} and c.i < t.i for c in t.children):
        return None
    if not any(c.dep_ in SUBJ and c.i > t.i and c.pos_ == "PROPN" for c in t.children):
        return None
    return _name_right_before(t)


def _verb_group_start(t: Token) -> Token:
    """The first word of the verb ``t`` with its auxiliaries before it ("ha raccolto": "ha")."""
    return min([t] + [c for c in t.children if c.dep_ in AUX_DEPS and c.i < t.i], key=lambda x: x.i)


def _name_right_before(t: Token) -> Token | None:
    """ "Per pagare la corsa xAI ha raccolto 6 miliardi": the main verb with no subject, right after a name the
    parser hung on the phrase before it (no comma between): the name is the subject."""
    if t.dep_ != "ROOT" or t.pos_ != "VERB" or "VerbForm=Inf" in str(t.morph) or "VerbForm=Ger" in str(t.morph):
        return None
    first = _verb_group_start(t)
    k = first.i - 1
    if k <= sent_of(t).start or t.doc[k].ent_type_ not in {"Organization", "Person"} or t.doc[k].dep_ in SUBJ:
        return None
    start = k
    while start > sent_of(t).start and t.doc[start - 1].ent_iob_ == "I" and t.doc[start].ent_iob_ == "I":
        start -= 1
    before = t.doc[start - 1] if t.doc[start].ent_iob_ == "B" and start > sent_of(t).start else None
    if before is None or before.pos_ in {"ADP", "DET", "PUNCT", "CCONJ"} or before.lower_ in {"di", "of"}:
        return None  # ("di xAI ha ...": a name in a phrase of its own; after a comma, an aside)
    return t.doc[start]


def _finite(t: Token) -> bool:
    """A finite verb form, as either pipeline marks it (English VerbForm=Fin, Italian a mood or a person)."""
    m = t.morph
    return "Fin" in m.get("VerbForm") or bool(m.get("Mood")) or bool(m.get("Person"))


def _opening_name_aside(t: Token) -> Token | None:
    """ "CoreWeave, con sede a Livingston, New Jersey, acquista GPU da Nvidia", parsed with the verb hung on the
    aside: a finite verb with no subject, right after a comma that closes an aside opened by a comma after the
    name the sentence starts with, is that name's. The aside holds no clause of its own (a relative clause
    is allowed: "X, che ha sede a Y, acquista ...")."""
    if t.pos_ not in {"VERB", "AUX"} or t.dep_ in {"acl", "amod"} or not _finite(t) and _verb_group_start(t).i == t.i:
        return None
    doc, sent = t.doc, sent_of(t)
    first = _verb_group_start(t)
    start = sent.start
    if doc[start].ent_iob_ != "B" or doc[start].ent_type_ not in {"Organization", "Person"}:
        return None
    end = start + 1
    while end < first.i and doc[end].ent_iob_ == "I":
        end += 1
    if end >= first.i - 1 or doc[end].text != "," or doc[first.i - 1].text != ",":
        return None
    relative = False
    for x in doc[end + 1:first.i - 1]:
        if x.tag_ in {"WDT", "WP"} or "PronType=Rel" in str(x.morph):
            relative = True
        elif x.pos_ in {"VERB", "AUX"} and _finite(x) and not relative:
            return None  # the aside is a clause of its own
    return doc[start]


#: prepositions whose gerund is done by the verb's subject ("answered by agreeing to buy", "after running"), not
#: "argued for acquiring" (what someone argues for is not done yet, nor by them)
_GERUND_PREPS = {"by", "after", "before", "upon", "while", "since", "through"}

#: subordinators of a time phrase whose infinitive has the main verb's subject ("dopo aver raccolto")
_TEMPORAL_MARKS = {"dopo", "prima", "after", "before"}

#: Italian verbs without a direct object: a noun after them labelled "obj" is an inverted subject
_INTRANSITIVE = {"partecipare", "aderire", "collaborare", "cooperare", "competere", "concorrere", "lavorare", "entrare", "arrivare"}

_PREDICATIVE_VERBS = {"essere", "diventare", "restare", "rimanere", "nominare", "eleggere", "chiamare", "considerare",
                      "be", "become", "remain", "name", "appoint", "elect", "call", "consider"}


def _split_main_clause(t: Token) -> Token | None:
    """ "Fondata nel 2023 da X, Mistral è diventata ...", parsed as two sentences: for a participle heading a
    "sentence" that ends in a comma, the root of the clause right after it."""
    sent = sent_of(t)
    if t.dep_ != "ROOT" or sent.end >= len(t.doc) or t.doc[sent.end - 1].text != ",":
        return None
    nxt = sent_of(t.doc[sent.end]).root
    return nxt if nxt.pos_ in {"VERB", "AUX"} or any(c.dep_ == "cop" for c in nxt.children) else None


def _fronted_main_clause(t: Token) -> Token | None:
    """For a past participle opening the sentence ("Fondata nel 2023 da X, Mistral è ..."), however the parser
    attached it: the verb of the main clause after it, whose subject is what the participle describes."""
    if t.i != sent_of(t).start or "VerbForm=Part" not in str(t.morph) or t.pos_ != "VERB":
        return None
    if t.dep_ == "ROOT":
        return _split_main_clause(t)
    root = sent_of(t).root
    return root if root.i > t.i and root.pos_ in {"VERB", "AUX"} and t.dep_ in {"advmod", "advcl", "obl", "amod", "nsubj",
                                                                            "csubj"} else None


_SEAT_NOUNS = {"sede", "headquarters", "quartier"}


def _past_seat(x: Token, participle: Token) -> Token:
    """ "il provider con sede a Ponte San Pietro guidato da X", "la filiale con sede a Milano guidata da Y": a
    participle the parser hung on the place (or on "sede") of a "con sede a" phrase describes the noun that phrase
    belongs to, when the two agree in gender and number."""
    y = x
    for _ in range(4):
        place = y.ent_type_ == "Place" and y.dep_ in {"nmod", "obl", "pobj", "flat", "flat:name", "compound"}
        seat = y.lemma_.lower() in _SEAT_NOUNS and y.dep_ in {"nmod", "obl", "pobj"}
        if not (place or seat) or y.head.i == y.i:
            break
        y = y.head.head if y.dep_ == "pobj" and y.head.pos_ == "ADP" else y.head
    if y is x or y.pos_ not in {"NOUN", "PROPN"}:
        return x
    for feat in ("Gender", "Number"):
        a, b = participle.morph.get(feat), y.morph.get(feat)
        if a and b and a != b:
            return x
    return y


def _past_amount(t: Token, lex: Lexicon) -> Token:
    """ "un round da 200 milioni di dollari guidato da Accel", "a round of $500 million led by IVP": a participle
    the parser hung on the amount describes the noun the amount measures."""
    x = t
    for _ in range(4):
        amount = x.like_num or x.lower_ in lex.currency_words or x.lemma_.lower() in lex.currency_words \
            or x.lower_ in lex.scale_words or x.lemma_.lower() in lex.scale_words
        if not amount or x.head.i == x.i or x.dep_ not in {"nmod", "obl", "pobj", "prep", "nummod", "compound"}:
            break
        x = x.head.head if x.dep_ == "pobj" and x.head.pos_ == "ADP" else x.head
    if x is not t and x.pos_ in {"VERB", "AUX"}:
        # "ha chiuso un round ... da 200 milioni di dollari guidato da Accel" with the amount on the verb
        obj = next((c for c in x.children if c.dep_ in OBJ and c.pos_ == "NOUN"), None)
        return obj if obj is not None else t
    return x if x is not t and x.pos_ in {"NOUN", "PROPN"} else t


def logical_objects(t: Token, lex: Lexicon) -> list[Token]:
    if is_passive(t):
        subs = [c for c in t.children if c.dep_ in PASS_SUBJ]
        if not subs and any(c.dep_ in AUXPASS or c.dep_ == "aux" and c.lemma_.lower() in {"be", "essere"}
                            for c in t.children):
            # passive subject labelled as a plain subject (also when the auxiliary is a plain one too: "Perplexity,
            # che ..., è finanziata tra gli altri da Nvidia"; not "will have its stake bought back by Shinko")
            subs = [c for c in t.children if c.dep_ in SUBJ]
        if subs:
            return [_relative_antecedent(s, t, lex) for s in subs]
        if t.dep_ in ACL | {"acl", "appos"}:
            # "Anthropic, sostenuta da Google, ..." (participle parsed as an apposition)
            return [_past_amount(_past_seat(t.head, t), lex)]
        if t.dep_ in {"acomp", "attr", "oprd", "xcomp"} and t.head.pos_ in {"VERB", "AUX"}:
            return logical_subjects(t.head, lex)  # "X, which is majority-owned by Y": X is owned
        if t.dep_ == "advcl" and t.head.pos_ in {"VERB", "AUX"}:
            if t.i > t.head.i and t.i >= 2 and t.doc[t.i - 1].text == "," and t.doc[t.i - 2].pos_ == "PROPN":
                # "è passata alla britannica Zegona, guidata da Eamonn O'Hare": a participle after the verb,
                # right after a name and its comma, describes that name
                name = t.doc[t.i - 2]
                while name.dep_ in {"flat", "flat:name", "compound"} and name.head.i < name.i:
                    name = name.head
                return [name]
            # "Founded in 2023 by X, Mistral AI develops ...": the participle's object is the main subject
            return logical_subjects(t.head, lex)
    objs = [c for c in t.children if c.dep_ in OBJ]
    if objs and all(c.lower_ in {"che", "that"} and c.i < t.i for c in objs):
        # "la prova che AMD può insidiare davvero Nvidia": a complementiser taken for a relative object, with a bare
        # name after the verb (past adverbs) that is the real object
        late = [c for c in t.children if c.dep_ in {"nmod", "obl"} and c.pos_ == "PROPN" and c.i > t.i
                and not any(g.dep_ == "case" for g in c.children)
                and all(x.pos_ == "ADV" for x in t.doc[t.i + 1 : c.i])][:1]
        if late:
            objs = late
    if not objs:
        # "ha rilevato, tra gli altri, Evernote e WeTransfer": the names coordinated with the aside
        objs = [g for c in t.children if c.dep_ in CASE_DEPS and _among_others(c) for g in c.children
                if g.dep_ in CONJ and g.pos_ in {"PROPN", "NOUN"}][:1]
    if _first_or_second_person(t):
        # «abbiamo acquisito Ottogrid, una startup»: a noun after a first-person verb is no subject of it
        objs = [c for c in t.children if c.dep_ in SUBJ and _third_person_noun_after(c, t)] + objs
    if not objs:
        subs = [c for c in t.children if c.dep_ in SUBJ]
        if len(subs) > 1 and any(c.i < t.i for c in subs):
            objs = [c for c in subs if c.i > t.i]  # a second "subject" after the verb is its object
        elif subs and _object_taken_for_subject(t) is not None:
            objs = subs  # "Nello stesso mese SSI ha scelto Google Cloud" with Google Cloud as the subject
        if not objs and t.lemma_.lower() not in _PREDICATIVE_VERBS:
            # "hanno sottoscritto quote della società" with the object labelled xcomp by the parser
            objs = [c for c in t.children if c.dep_ == "xcomp" and (
                c.pos_ == "NOUN" or c.ent_type_ and c.i > t.i and not any(g.dep_ in {"case", "mark"} for g in c.children))]
            # (or a name the parser took for an adjective: "aveva cofondato OpenAI nel 2015" with OpenAI as "A")
        if not objs and t.pos_ == "VERB":
            # "Rami Rahim, who ran Juniper, ..." with the name labelled an adverb: a proper noun right after
            objs = [c for c in t.children if c.dep_ == "advmod" and c.pos_ == "PROPN" and c.i == t.i + 1]
        if not objs and t.pos_ == "VERB":
            # "che insegue ancora TSMC" with the name hung as a bare modifier: a case-less proper noun right after
            # the verb (past an adverb) is its object
            objs = [c for c in t.children if c.dep_ in {"nmod", "obl"} and c.pos_ == "PROPN" and c.i > t.i
                    and not any(g.dep_ == "case" for g in c.children)
                    and all(x.pos_ == "ADV" for x in t.doc[t.i + 1 : c.i])][:1]
        nxt = _fronted_main_clause(t) if not subs else None
        if nxt is not None:
            # "Fondata nel 2023 da X, Mistral è ...": the participle's object is the main subject, with the
            # parser splitting the sentence at the comma
            return logical_subjects(nxt, lex)
    return [_relative_antecedent(_based_noun_after(o), t, lex) for o in objs]


def _based_noun_after(o: Token) -> Token:
    """ "founded the Santa Clara, California-based company" parsed with the city as the object: the noun the
    "-based" phrase after the city and its comma describes."""
    doc = o.doc
    if o.pos_ != "PROPN" or o.i + 2 >= len(doc) or doc[o.i + 1].text != "," or doc[o.i + 2].pos_ != "PROPN" \
            or o.ent_type_ not in {"Place", "GPE", "LOC"}:
        return o  # (the city, then its region: not "acquire Runway, the New York-based start-up")
    for k in range(o.i + 2, min(o.i + 7, len(doc) - 1)):
        if doc[k].lower_ in {"based", "-based"} and doc[k + 1].pos_ == "NOUN":
            return doc[k + 1]
        if doc[k].is_punct and doc[k].text != "-":
            break
    return o


def governor(t: Token) -> Token | None:
    """For a noun trigger: the verb whose object/subject/complement it is (through "in talks"-like preps)."""
    x = t
    # climb conjunctions and prepositional attachments: "completed the acquisition", "in talks over a deal"
    for _ in range(3):
        if x.dep_ in CONJ:
            x = x.head
            continue
        break
    if x.dep_ == "nmod" and x.head.dep_ in OBJ and x.head.head.pos_ == "VERB" and x.head.pos_ == "NOUN" and not any(
            c.dep_ in {"det", "det:poss", "poss", "nummod", "amod"} for c in x.head.children) and any(
            c.dep_ == "case" for c in x.children):
        return x.head.head  # "ha perso terreno contro concorrenti come X": a bare object noun makes an idiom
    if x.dep_ in OBJ | ATTR | PASS_SUBJ | {"nsubj", "obl", "dobj", "pobj", "npadvmod", "appos", "xcomp"}:
        h = x.head
        if x.dep_ == "pobj" and h.dep_ in {"prep", "agent"}:  # ("backed by an investment")
            h = h.head
        if h.pos_ in {"VERB", "AUX"} or (h.pos_ == "PROPN" and h.is_lower and any(
                c.dep_ in SUBJ | OBJ for c in h.children)):
            return h  # (a lowercase verb the tagger took for a name: "Tra i clienti figurano X e Y")
    return None


PARTITIVES = {"uno", "una", "one"}


def partitive_head(t: Token) -> Token:
    """For "uno dei suoi azionisti" / "one of its investors": the pronoun heading the phrase, whose clause
    gives the noun's subject ("Nvidia è uno dei suoi azionisti")."""
    if t.dep_ in {"nmod", "obl"} and t.head.lower_ in PARTITIVES and any(c.dep_ == "case" for c in t.children):
        return t.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in PARTITIVES:
        return t.head.head
    return t


def whose_antecedent(t: Token) -> Token:
    """ "Mistral AI, whose backers include Nvidia": "whose" stands for the noun its relative clause modifies."""
    if t.lower_ != "whose":
        return t
    x = t.head
    for _ in range(6):
        if x.dep_ in RELCL:
            return x.head
        if x.head.i == x.i:
            break
        x = x.head
    return t


#: slot_tokens results of the document being processed (several triggers of one word ask for the same slots)
_SLOT_CACHE: dict[tuple[int, str, str], list[Token]] = {}
_SLOT_CACHE_DOC: list[Doc] = []


def slot_tokens(t: Token, slot: str, lex: Lexicon) -> list[Token]:
    """Tokens filling ``slot`` of trigger ``t`` (see module docstring and the lexicon README); the results are a
    function of the parse, cached for the document being processed."""
    if not _SLOT_CACHE_DOC or _SLOT_CACHE_DOC[0] is not t.doc:
        _SLOT_CACHE.clear()
        _SLOT_CACHE_DOC[:] = [t.doc]
    key = (t.i, slot, lex.lang)
    hit = _SLOT_CACHE.get(key)
    if hit is None:
        hit = _SLOT_CACHE[key] = _slot_tokens(t, slot, lex)
    return list(hit)


#: the word of an "as" phrase ("as Nvidia's supplier", "come fornitore")
AS_WORDS = frozenset({"as", "come"})


def _as_phrase_head(t: Token, lex: Lexicon) -> list[Token]:
    """For a noun in an "as" phrase, what the phrase describes: the name it hangs on ("SK Hynix as Nvidia's main
    supplier"), or the object of the verb it hangs on ("confirmed SK Hynix as its supplier", "lined up Baidu and
    Alibaba as anchor investors")."""
    if t.dep_ == "pobj" and t.head.lower_ in AS_WORDS:
        gov = t.head.head
    elif t.dep_ in {"obl", "nmod", "xcomp"} and any(c.dep_ in {"case", "mark"} and c.lower_ in AS_WORDS
                                                   for c in t.children):
        gov = t.head
    else:
        return []
    if gov.i == t.i:
        return []
    if gov.pos_ in {"VERB", "AUX"}:
        return logical_objects(gov, lex)
    return [gov]


def _verb_above(x: Token, deps: set[str], steps: int) -> Token | None:
    """The verb ``x``'s phrase hangs from, climbing at most ``steps`` links, each labelled one of ``deps``."""
    for _ in range(steps):
        if x.head.i == x.i or x.dep_ not in deps:
            return None
        x = x.head
        if x.pos_ in {"VERB", "AUX"}:
            return x
    return None


def _slot_tokens(t: Token, slot: str, lex: Lexicon) -> list[Token]:
    name, _, restrict = slot.partition("@")
    if name in {"subj", "head", "gov_subj", "gov_obj"}:
        t = partitive_head(t)
    if name == "subj":
        if t.pos_ in {"NOUN", "PROPN"} and t.dep_ in ACL:
            return []
        return logical_subjects(t, lex)
    if name == "obj":
        return logical_objects(t, lex)
    if name == "agent":
        return list(dict.fromkeys(p for n, p in prepositions(t, lex) if n == "by" or n in lex.agent_prepositions))
    if name.startswith("adv:"):
        # "Qualcomm is up against Nvidia": an adverb particle of the verb, followed by the rest of the chain
        want = name[len("adv:"):]
        return [c for c in t.children if c.dep_ in {"advmod", "prt", "compound:prt"} and c.lower_ == want]
    if name.startswith("next_prep:"):
        # "il gruppo con sede ad Abu Dhabi" with the place attached to "gruppo": the phrase right after the trigger
        want = name[len("next_prep:"):]
        return [p for n, p in prepositions(t.head, lex) if n == want and p.left_edge.i == t.right_edge.i + 1]
    if name.startswith("prep:"):
        want = name[5:]
        if want in lex.agent_prepositions and want != "by" and t.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in PASS_SUBJ or c.dep_ in AUXPASS for c in t.children):
            return []  # "è stato scelto da LG": the passive's agent, which the "subj" slot reads, not a source
        return [p for n, p in prepositions(t, lex) if n == want]
    if name in {"poss", "det:poss"}:
        # "their partnership": a plural possessive stands for the coordinated subjects, found by other slots
        owners = [c for c in t.children if c.dep_ in POSS]
        if not owners and t.dep_ in CONJ and t.pos_ == "NOUN" and t.head.pos_ == "NOUN" and not any(
                c.dep_ == "det" for c in t.children):
            owners = [c for c in t.head.children if c.dep_ in POSS]  # "its biggest backer and main cloud provider"
        return [whose_antecedent(c) for c in owners if c.lower_ not in {"their", "loro"}]
    if name == "compound":
        return [c for c in t.children if c.dep_ in {"compound", "nmod:npmod", "amod"} and c.i < t.i]
    if name == "name_after":
        # "azioni Intel", "i chip Nvidia": a bare name right after the noun (no preposition)
        return [c for c in t.children if c.dep_ in {"flat", "flat:name", "nmod", "compound", "appos"}
                and c.i > t.i and not any(g.dep_ == "case" for g in c.children)]
    if name == "appos":
        return [c for c in t.children if c.dep_ in APPOS] + ([t.head] if t.dep_ in APPOS else [])
    if name == "obl":
        return [c for c in t.children if c.dep_ in {"obl", "npadvmod"}]
    if name == "dative":
        # "supplies chips to Tesla" with "to" labelled dative: the name is the preposition's object
        return [g for c in t.children if c.dep_ in DATIVE
                for g in ([x for x in c.children if x.dep_ == "pobj"] if c.pos_ == "ADP" else [c])]
    if name == "attr":
        return [c for c in t.children if c.dep_ in ATTR]
    if name == "head":
        if t.dep_ in APPOS and t.head.i != t.i:
            return [_apposed_to(t)]
        if t.dep_ in RELCL | ACL | {"acl", "nmod"} and t.head.i != t.i:
            if t.dep_ in RELCL and any(c.dep_ in SUBJ | PASS_SUBJ and c.pos_ == "NOUN" and any(
                    g.dep_ in POSS and g.lower_ in lex.relative_pronouns for g in c.children) for c in t.children):
                return []  # "Naver Cloud, whose parent is based in Seongnam": the clause is about the parent
            return [t.head]
        if t.dep_ == "obl" and t.head.pos_ == "PROPN":
            return [t.head]  # "Anthropic è in concorrenza con OpenAI" parsed with the name as the root
        if t.dep_ == "compound" and t.pos_ == "NOUN" and t.head.pos_ == "PROPN" and t.head.i > t.i:
            return [t.head]  # "its subsidiary Waymo": the noun is a title-like modifier of the name
        return []
    if name == "as_head":
        return _as_phrase_head(t, lex)
    if name == "npadvmod":
        return [c for c in t.children if c.dep_ in {"npadvmod", "compound", "obl", "nmod"} and c.i < t.i]
    if name == "subj_verb_obj":
        # "The round valued X at $Ybn and included A and B": objects of the verbs the trigger is the subject of
        if t.dep_ not in SUBJ or t.head.pos_ not in {"VERB", "AUX"}:
            return []
        verbs = [t.head] + [c for c in t.head.children if c.dep_ in CONJ and c.pos_ == "VERB"
                            and not any(g.dep_ in SUBJ for g in c.children)]
        allowed = restrict.split("|") if restrict else []
        return [o for v in verbs if not allowed or v.lemma_.lower() in allowed for o in logical_objects(v, lex)]
    if name == "clause":
        # "Alps, il supercomputer installato a Lugano", "Fairwater, the data centre it has been building in Mount
        # Pleasant": the verbs of participles and relative clauses on the noun, optionally only these lemmas
        allowed = set(restrict.split("|")) if restrict else set()
        return [c for c in t.children if c.dep_ in ACL | RELCL and c.pos_ in {"VERB", "AUX"} and (
            not allowed or {c.lemma_.lower(), phrasal_lemma(c), lex.lemma(c)} & allowed)]
    if name == "called":
        # "a joint venture called SB OpenAI Japan", "a project known as Stargate": the name given to the noun
        out = []
        for c in t.children:
            if c.dep_ in ACL | {"acl"} and c.lemma_.lower() in {"call", "name", "dub", "know", "brand", "christen"}:
                out += [x for x in c.children if x.dep_ in {"oprd", "attr", "xcomp", "dobj", "obj"}]
                out += [p for n, p in prepositions(c, lex) if n == "as"]
        return out
    if name == "where":
        # "London, where DeepMind has its headquarters": the noun a "where" relative clause modifies
        v = t if t.pos_ in {"VERB", "AUX"} else governor(t)
        if v is not None and v.dep_ in RELCL and any(c.lower_ in {"where", "dove"} for c in v.children):
            return [v.head]
        return []
    if name.startswith("gov_prep:"):
        g = governor(t)
        allowed = restrict.split("|")
        if g is None or restrict and g.lemma_.lower() not in allowed and lex.lemma(g) not in allowed:
            return []
        want = name[len("gov_prep:"):]
        return [p for n, p in prepositions(g, lex) if n == want]
    if name == "gov_attr":
        # "OpenAI's investors are Microsoft, Thrive and SoftBank", "Among its backers are ...": the complement of
        # the copula the trigger noun is the subject of (or sits in a fronted "among" phrase of)
        h = t.head
        if t.dep_ in SUBJ and h.i > t.i and any(c.dep_ == "cop" for c in h.children) and h.pos_ != "VERB":
            return [h]  # UD copula: "I principali clienti di CoreWeave sono Microsoft e OpenAI"
        g = governor(t)
        if g is None or g.lemma_.lower() not in {"be", "essere"} or t.dep_ not in SUBJ | {"pobj"}:
            return []
        return [c for c in g.children if c.dep_ in ATTR and c.pos_ in {"PROPN", "NOUN"} and c.i > t.i]
    if name in {"gov_subj", "gov_obj"}:
        g = governor(t)
        if g is None:
            return []
        allowed = restrict.split("|")
        if restrict and not {g.lemma_.lower(), phrasal_lemma(g), lex.lemma(g)} & set(allowed) and not (
                lex.verb_stems and any(len(a) > 6 and a[-3:] in {"are", "ere", "ire"} and g.lower_.startswith(a[:-3])
                                       for a in allowed)):
            return []  # (a form the lemmatizer left alone, "figurano" for "figurare", is matched by its stem)
        if name == "gov_subj":
            # the trigger must not itself be the subject
            if t.dep_ in SUBJ:
                return []
            # a passive governor's grammatical subject ("X is valued at $9bn after a round led by Y")
            return logical_subjects(g, lex) or [c for c in g.children if c.dep_ in PASS_SUBJ]
        return logical_objects(g, lex)
    if name == "obj_with":
        # "supply OpenAI with six gigawatts of GPUs": the object is the one supplied when a with-phrase says what
        return logical_objects(t, lex) if any(n == "with" for n, _ in prepositions(t, lex)) else []
    if name == "acl_gov_subj":
        # "relied on capacity rented from CoreWeave", "with chips bought from Nvidia": a participle on a noun
        # takes the subject of the clause the noun belongs to
        participle = t.tag_ == "VBN" or "VerbForm=Part" in str(t.morph)
        if t.dep_ not in ACL | {"acl"} or t.head.pos_ != "NOUN" or not participle:
            return []
        # "relied on capacity ...", "trains its models on GPUs ...": up to the clause's verb
        verb = _verb_above(t.head, {"pobj", "prep", "conj", "dobj", "obj", "obl", "nmod", "case"}, 5)
        return logical_subjects(verb, lex) if verb is not None else []
    if name.startswith("acl_prep:"):
        # "aiuti di Stato concessi dalla Germania a Infineon": a preposition of a participle on the noun
        want = name[len("acl_prep:"):]
        return [p for c in t.children if c.dep_ in ACL | {"acl"} and c.pos_ == "VERB"
                for n, p in prepositions(c, lex) if n == want]
    if name == "acl_agent":
        out = []
        for c in t.children:
            if c.dep_ in ACL | {"acl", "relcl"} and c.pos_ == "VERB":
                out.extend(p for n, p in prepositions(c, lex) if n == "by" or n in lex.agent_prepositions)
        return list(dict.fromkeys(out))
    if name == "round_agent":
        out = []
        for d in t.subtree:
            if d.i == t.i or d.pos_ != "VERB" or d.dep_ not in ACL | {"acl"}:
                continue
            if d.head.pos_ in {"PROPN"} or (d.head.pos_ == "NOUN" and d.head.lemma_.lower() not in lex.funding_nouns
                                              and d.head.lower_ not in lex.funding_nouns):
                continue  # "Mistral, guidata da Arthur Mensch, ha raccolto ...": that participle is not the round's
            out.extend(p for n, p in prepositions(d, lex) if n == "by" or n in lex.agent_prepositions)
        return list(dict.fromkeys(out))
    if name == "self":
        return [t]
    if name == "tree":
        # the trigger's own phrase, without clauses attached to it ("investimento di $4 miliardi in X")
        out = []
        stack = [t]
        while stack:
            x = stack.pop()
            out.append(x)
            stack.extend(c for c in x.children if c.dep_ not in RELCL | {"acl", "advcl", "ccomp", "conj", "appos", "parataxis"})
        return out
    if name == "participle_left_name":
        # "Adallom, ceduta nel 2015 a Microsoft": a bare past participle (no auxiliary) after a name and a comma,
        # which the parser often hangs elsewhere, describes that name
        if "VerbForm=Part" not in str(t.morph) or any(c.dep_ in {"aux", "aux:pass", "auxpass", "cop"}
                                                       for c in t.children):
            return []
        return slot_tokens(t, "left_name", lex)
    if name == "left_name":
        # "Oracle, con sede ad Austin, ...": the name right before the phrase, across a comma
        doc = t.doc
        lo = sent_of(t).start
        if lo > 0 and doc[lo - 1].text == ",":
            lo = sent_of(doc[lo - 1]).start  # "Anduril, fondata da ...": the parser cut the sentence after the comma
        i = t.left_edge.i - 1
        while i >= lo and doc[i].is_punct:
            i -= 1
        if i >= lo and doc[i].pos_ != "PROPN" and not doc[i + 1].is_punct:
            # "Seeweb, il cloud provider con sede a Frosinone": across the description in apposition
            j = i
            # (the description may hold a preposition: "GitHub, la piattaforma per sviluppatori di proprietà di X")
            while j >= lo and i - j < 6 and doc[j].is_lower and doc[j].pos_ in {"NOUN", "ADJ", "DET", "ADP"}:
                j -= 1
            if j < i and doc[j + 1].pos_ == "DET" and j >= lo and doc[j].text == ",":
                i = j - 1
        return [doc[i]] if i >= lo and (doc[i].pos_ == "PROPN" or doc[i].text[:1].isupper()) else []
    if name == "relcl_obj":
        # "a short list of customers that already includes Google and Meta", "an Oracle customer list that
        # includes OpenAI": the objects of a relative clause on the noun (or on the noun it is a modifier of)
        allowed = restrict.split("|") if restrict else []
        nouns = [t] + ([t.head] if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.i > t.i else [])
        return [o for n in nouns for c in n.children if c.dep_ in RELCL
                and (not allowed or c.lemma_.lower() in allowed or lex.lemma(c) in allowed)
                for o in logical_objects(c, lex)]
    if name == "up_subj":
        # "finalised up to $4.7 billion in grants for Samsung", "signed off on awards for Micron": the subject of the
        # verb the noun's phrase hangs from, a few links up (only for the verbs listed)
        allowed = restrict.split("|") if restrict else []
        g = _verb_above(t, {"pobj", "prep", "dobj", "obj", "obl", "nmod", "conj", "npadvmod", "case", "compound",
                            "appos", "advmod"}, 4)  # ("is home to X" with "home" tagged as an adverb)
        if g is None or allowed and not {g.lemma_.lower(), phrasal_lemma(g), lex.lemma(g)} & set(allowed):
            return []
        return logical_subjects(g, lex)
    if name == "compound_sibling":
        # "an Oracle customer list": a name modifying the noun the trigger itself modifies
        if t.dep_ != "compound" or t.head.i < t.i:
            return []
        return [c for c in t.head.children if c.dep_ == "compound" and c.i < t.i and c.pos_ == "PROPN"]
    if name == "relcl_args":
        # "the joint venture that OpenAI set up with SoftBank and Oracle"
        out = []
        for c in t.children:
            if c.dep_ in RELCL:
                out.extend(x for x in logical_subjects(c, lex) if x.i != t.i)
                out.extend(p for n, p in prepositions(c, lex) if n in {"with", "con", "insieme a"})
        return out
    return []
