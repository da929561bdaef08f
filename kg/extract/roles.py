"""People's roles from titles: "Nvidia CEO Jensen Huang", "Lisa Su, AMD's chief executive,",
"the chief executive of AMD, Lisa Su", "Lisa Su, who is CEO of AMD", "l'amministratore delegato di AMD, Lisa Su".

A title phrase (lexicon ``[[title]]``) is found with a PhraseMatcher on lowercase text; the person and
the organisation are the mentions adjacent to it, allowing only glue words between them (commas,
articles, "who is", "of", "di"...). Possessive pronouns before the title ("its CEO") resolve through
coreference. Titles preceded by "former"/"ex" give an ``ended`` fact.
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.extract.attributes import modality_of
from kg.extract.coref import coordinated_names, main_entity
from kg.extract.entities import (
    NAMING_VERBS,
    OF_PREPOSITIONS,
    is_offering_noun,
    offering_noun_before,
    surface_apposition,
    title_first_words,
    unit_cue_after,
)
from kg.extract.lexicon import Lexicon, load_lexicon, word_set
from kg.extract.mentions import DocMention, DocMentions, adhoc_mention, category_of
from kg.extract.relations import MODALITY_FACTOR, RawRelation, _retype_untyped_person
from kg.extract.syntax import (
    SUBJ,
    dateline_subject,
    is_participle,
    logical_subjects,
    prepositions,
    whose_antecedent,
)
from kg.extract.tokens import doc_tokens, sent_of
from kg.resolve.gazetteer import Gazetteer, GazetteerEntry, default_gazetteer
from kg.vocab import predicates

_ORG_TYPES = {"Organization"}


_MATCHERS: dict[tuple[str, int], tuple[PhraseMatcher, dict[str, tuple[str, float]]]] = {}


def _matcher(lex: Lexicon, vocab) -> tuple[PhraseMatcher, dict[str, tuple[str, float]]]:  # type: ignore[no-untyped-def]
    """PhraseMatcher over the lexicon's titles (one per language and vocabulary)."""
    cache_key = (lex.lang, id(vocab))
    if cache_key in _MATCHERS:
        return _MATCHERS[cache_key]
    lang = lex.lang
    from spacy.lang.en import English
    from spacy.lang.it import Italian

    from kg.nlp import join_hyphen_prefixes

    tok = (Italian() if lang == "it" else English()).tokenizer
    matcher = PhraseMatcher(vocab, attr="LOWER")
    info: dict[str, tuple[str, float]] = {}
    for ti, title in enumerate(lex.titles):
        key = f"T{ti}"
        info[key] = (title.predicate, title.confidence)
        words = list(title.words) + _coordinated_offices(title.words)
        matcher.add(key, [join_hyphen_prefixes(tok(w)) for w in words])  # "co-founder": one token
    _MATCHERS[cache_key] = (matcher, info)
    return matcher, info


def _coordinated_offices(words: tuple[str, ...]) -> list[str]:
    """ "chief technology and operations officer": two "chief ... officer" titles of one entry written as one."""
    mids = sorted({" ".join(w.split()[1:-1]) for w in words
                   if w.startswith("chief ") and w.endswith(" officer") and len(w.split()) > 2})
    return [f"chief {a} and {b} officer" for a in mids for b in mids if a != b]


#: verbs that give a person a title through "as" ("named Rene Haas as chief executive")
_APPOINT = {"name", "appoint", "promote", "elect", "tap", "install", "nominare", "nominate", "confirm", "reappoint",
            "re-elect", "reelect", "choose", "pick", "select", "designate", "confermare",
            "designare", "eleggere", "scegliere", "rieleggere"}
#: verbs that end the title given through "as" ("stepping down as chief executive", "ousted as CEO")
_LEAVE_AS = {"step down", "resign", "oust", "retire", "leave", "quit", "depart", "remove", "fire", "dimettersi", "lasciare"}
#: words right after a title that end it ("chief executive until Friday")
_UNTIL = {"until", "till", "fino"}


#: verbs whose object is the person given a title through "as" ("hired Marc Whitten as chief executive")
_HIRE = _APPOINT | {"hire", "recruit", "bring", "poach", "assumere", "ingaggiare", "chiamare", "reclutare"}
#: verbs whose object (or "to"/"in" phrase) is the company a title through "as" is held at ("joined Cruise as
#: chief executive", "returned to Apple as CEO", "è entrato in Leonardo come direttore tecnico")
_JOIN = {"join", "rejoin", "return", "come", "move", "entrare", "tornare", "rientrare", "approdare", "passare"}


def _as_title_org(doc: Doc, left_edge: int, dm: DocMentions) -> DocMention | None:
    """The company of a title given through "as" on a verb that names it: the one hiring ("Cruise hired Marc
    Whitten as chief executive") or the one joined ("Marc Whitten joined Cruise as chief executive")."""
    if left_edge < 1 or doc[left_edge - 1].lower_ not in {"as", "come"}:
        return None
    verb = doc[left_edge - 1].head if doc[left_edge - 1].dep_ in {"prep", "case", "mark"} else None
    if verb is not None and doc[left_edge - 1].dep_ in {"case", "mark"}:
        verb = verb.head  # Italian: "come" hangs on the title, the title on the verb
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = verb.lemma_.lower()
    if lemma in _HIRE:
        deps = SUBJ
    elif lemma in _JOIN:
        deps = {"dobj", "obj", "obl"}
    else:
        return None
    for c in verb.children:
        if c.dep_ not in deps and not (lemma in _JOIN and c.dep_ == "prep" and c.lower_ in {"to", "at"}):
            continue
        heads = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [c]
        if c.dep_ == "obl" and not any(g.dep_ == "case" and g.lower_ in {"in", "a", "ad", "da", "nel", "nella",
                                                                          "alla", "al"} for g in c.children):
            continue
        for h in heads:
            m = dm.by_token.get(h.i)
            if m is not None and m.target.type in _ORG_TYPES and h.i < left_edge and m.antecedent is None:
                return m  # (a name: "il gruppo ... ha scelto come presidente X" is left to the reading of references)
    return None


def _taking_verb(head: Token) -> Token | None:
    """The verb through which a title is taken: "become"/"be" it, be appointed to it, or take it "as" ("will
    join Cruise as chief executive", "will take over as CEO")."""
    if head.dep_ in {"attr", "oprd", "xcomp", "dobj", "obj"} and head.head.pos_ in {"VERB", "AUX"} and \
            head.head.lemma_.lower() in _BECOMING | _APPOINT:
        return head.head
    as_word = head.head if head.dep_ == "pobj" else next((c for c in head.children if c.dep_ in {"case", "mark"}),
                                                         None)
    if as_word is None or as_word.lower_ not in {"as", "come"}:
        return None
    verb = as_word.head if head.dep_ == "pobj" else head.head
    if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in _BECOMING | _APPOINT | _HIRE | _JOIN | {"take",
                                                                                                      "prendere"}:
        return verb
    return None


def _future(verb: Token) -> bool:
    """ "will become", "would join", "diventerà", "entrerebbe": a verb in the future or the conditional."""
    return any(c.dep_ == "aux" and c.lower_ in {"will", "would", "shall", "'ll"} for c in verb.children) or \
        "Tense=Fut" in str(verb.morph) or "Mood=Cnd" in str(verb.morph)


def _pluperfect_copula(head: Token) -> bool:
    """ "had been Alibaba's chief executive", "era stato amministratore delegato", "ne è stato amministratore
    delegato": a title held before a past moment the article tells of, or held and left (and so no longer)."""
    if head.dep_ == "attr" and head.head.lemma_.lower() == "be":
        verb = head.head
        return verb.lower_ == "been" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children) and \
            not any(c.lower_ in {"still", "always"} for c in verb.children)
    if head.dep_ == "conj" and not any(c.dep_ in {"cop", "aux:pass"} for c in head.children):
        head = head.head  # "è stato cofondatore e capo scienziato di X": the copula of the first title
    cop = next((c for c in head.children if c.dep_ in {"cop", "aux:pass"} and c.lower_ in {"stato", "stata"}), None)
    if cop is None or any(c.lower_ in {"ancora", "sempre"} for c in head.children):
        return False
    aux = {c.lower_ for c in head.children if c.dep_ == "aux"}
    # "ne è stato amministratore delegato": a title held and left (not "è stato ... dal 2020", still held)
    since = any(g.lower_ in {"dal", "dalla", "dall'", "da"} and g.dep_ == "case" for c in head.children
                if c.dep_ in {"obl", "nmod"} for g in c.children)
    return bool(aux & {"era", "erano"}) or bool(aux & {"è", "e'", "sono"}) and not since


def _title_end(title, after, modality: str) -> str:  # type: ignore[no-untyped-def]
    """ "ended" when the title is one being left ("stepped down as CEO", "CEO until May")."""
    if after is not None and after.lower_ in _UNTIL:
        return "ended"
    root = title.root
    if root.dep_ in {"pobj", "obl", "nmod"} and root.head.lower_ in {"as", "come", "da"}:
        verb = root.head.head if root.dep_ == "pobj" else root.head
        if _is_leave_verb(verb):
            return "ended"
    # "dopo l'uscita dell'amministratore delegato Nick Read", "the departure of chief executive X": a title whose
    # holder's departure the phrase names
    owner = root.head.head if root.dep_ == "pobj" and root.head.pos_ == "ADP" else root.head
    if root.dep_ in {"pobj", "nmod"} and owner.pos_ == "NOUN" and owner.lemma_.lower() in word_set("departure_nouns"):
        return "ended"
    return modality


def _leaving(person: DocMention, title: Span) -> bool:
    """ "Sachin Katti, Intel's chief technology officer, left this month to join OpenAI": the subject of a verb of
    leaving, described by the title in apposition (or before the name), leaves that title."""
    doc = title.doc
    name = doc[person.start : person.end].root
    verb = name.head
    if name.dep_ not in {"nsubj", "nsubjpass", "nsubj:pass"} or verb.pos_ not in {"VERB", "AUX"}:
        return False
    if not (title.root.i in {x.i for x in name.subtree} or title.end <= person.start):
        return False
    return _is_leave_verb(verb)


def _is_leave_verb(verb: Token) -> bool:
    """The verb, with its particles, is one of leaving a post ("stepped down", "left", "si è dimesso")."""
    prt = [c.lower_ for c in verb.children if c.dep_ in {"prt", "compound:prt"}
           or (c.dep_ == "advmod" and c.lower_ in {"down", "out", "aside"})]
    return " ".join([verb.lemma_.lower(), *prt]) in _LEAVE_AS


def _appointing_verb(title) -> Token | None:  # type: ignore[no-untyped-def]
    """The appointing verb a title completes: "named X as chief executive", "ha nominato X amministratore
    delegato" (the title a second object of the verb, or coordinated with one: "presidente e amministratore
    delegato")."""
    root = title.root
    while root.dep_ in {"conj", "flat", "flat:name", "amod"} and root.head.i != root.i and root.head.i < root.i:
        root = root.head
    if root.head.lower_ in {"as", "come"} and root.head.head.lemma_.lower() in _APPOINT:
        return root.head.head
    named = root.head.head
    if root.head.lower_ in {"as", "come"} and named.dep_ in {"dobj", "obj"} and named.head.lemma_.lower() in _APPOINT:
        return named.head  # "has confirmed Jochen Hanebeck as CEO" with the "as" phrase hung on the name
    second_object = root.dep_ in {"obj", "dobj", "xcomp", "oprd"} or (
        root.dep_ == "obl" and not any(c.dep_ == "case" for c in root.children))
    if second_object and root.head.lemma_.lower() in _APPOINT:
        return root.head
    if root.dep_ in {"flat", "flat:name"} and root.head.dep_ in {"obj", "dobj"} and \
            root.head.head.lemma_.lower() in _APPOINT:
        return root.head.head  # "nominato Justin Hotard amministratore delegato" with the title on the name
    return None


def _org_by_dependency(title, dm: DocMentions) -> DocMention | None:  # type: ignore[no-untyped-def]
    """The organisation of a title found through the parse when it is not next to it: a possessive
    ("its chief executive", "il suo amministratore delegato"), or the noun a participle with the title as agent
    modifies ("Cassa Depositi e Prestiti, guidata dall'amministratore delegato Dario Scannapieco")."""
    for tok in title:
        for c in tok.children:
            if c.dep_ in {"poss", "det:poss", "nmod:poss"}:
                m = dm.by_token.get(c.i)
                if m is not None and m.target.type in _ORG_TYPES:
                    return m
    whose = _of_which_antecedent(title, dm)
    if whose is not None:
        return whose
    root = title.root
    verb = root.head
    if root.dep_ in {"obl", "obl:agent", "pobj", "nmod"} and verb.pos_ == "ADP":
        verb = verb.head
    if root.dep_ == "pobj" and root.head.lower_ in {"as", "come"} and verb.lemma_.lower() in _LEADING:
        for c in verb.children:  # "who still runs the company as chief executive": what is run
            m = dm.by_token.get(c.i) if c.dep_ in {"dobj", "obj"} else None
            if m is not None and m.target.type in _ORG_TYPES:
                return m
    appoint = _appointing_verb(title)
    if appoint is not None:
        for c in appoint.children:  # "Arm named X as chief executive": the organisation appoints
            if c.dep_ != "nsubj":
                continue
            m = dm.by_token.get(dateline_subject(c, appoint).i)  # "ROMA, 10 FEB - Nokia ha nominato ..."
            if m is not None and m.target.type in _ORG_TYPES:
                return m
            if c.lemma_.lower() in _BOARDS:  # "Il consiglio di amministrazione di Stellantis ha nominato ..."
                for x in c.subtree:
                    m = dm.by_token.get(x.i) if x.dep_ in {"nmod", "pobj"} else None
                    if m is not None and m.target.type in _ORG_TYPES:
                        return m
    if root.dep_ in {"attr", "xcomp", "root", "ROOT"} and verb.dep_ in {"relcl", "acl:relcl"} and any(
            c.lower_ in {"where", "dove", "in cui"} for c in verb.children if c.dep_ in {"advmod", "obl"}):
        m = dm.by_token.get(verb.head.i)  # "co-founded Cohere, where he is now chief executive"
        if m is not None and m.target.type in _ORG_TYPES:
            return m
    if verb.i != root.i and verb.dep_ in {"acl", "amod", "relcl", "acl:relcl"} and verb.lemma_.lower() in {
            "guidare", "dirigere", "presiedere", "lead", "run", "head", "guidato", "led", "chair"}:
        m = dm.by_token.get(verb.head.i)
        if m is not None and m.target.type in _ORG_TYPES:
            return m
    return None


def _of_which_antecedent(title, dm: DocMentions) -> DocMention | None:  # type: ignore[no-untyped-def]
    """ "SpaceX, di cui Musk è fondatore e amministratore delegato", "Tesla, di cui è amministratore delegato": the
    organisation named right before the ", di cui" opening the clause the title is in."""
    doc = title.doc
    k = title.start - 1
    while k > 2 and title.start - k <= 6 and doc[k].lower_ != "cui" and doc[k].text not in {",", ";", ":"}:
        k -= 1
    if doc[k].lower_ != "cui" or doc[k - 1].lower_ != "di" or doc[k - 2].text != ",":
        return None
    m = dm.by_token.get(k - 3)
    return m if m is not None and m.end == k - 2 and m.target.type in _ORG_TYPES else None


#: "Alphabet-owned", "SoftBank-backed", "Paris-based": a name before one of these only describes the next one
_HYPHEN_MODIFIERS = {"owned", "backed", "based", "controlled", "funded", "led", "listed", "headquartered"}
#: verbs a title completes as what someone is or becomes ("will become chairman", "diventerà presidente")
_BECOMING = {"be", "become", "remain", "stay", "essere", "diventare", "restare", "rimanere", "tornare", "return"}
_SUCCEED = {"succeed", "replace", "sostituire", "succedere"}
#: verbs of "took the place of Y as ...", "ha preso il posto di Y come ..."
_TAKING_PLACE = {"take", "prendere"}
#: words between "and" and the second organisation of a title ("of both Google and its parent company Alphabet")
_BEFORE_SECOND_ORG = {"the", "its", "their", "il", "lo", "la", "l'", "l’", "di", "del", "della", "dello", "of", "parent",
                      "sua", "suo", "capogruppo", "controllante"}
#: words before a surname that make it a person's ("Mr Musk's adviser")
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "lady", "lord", "sig", "signor", "signora", "dott", "prof"}
#: the bodies that appoint for a company ("the board of X named", "il consiglio di amministrazione di X ha nominato")
_BOARDS = {"board", "consiglio", "cda", "assemblea", "shareholders"}
#: nouns of "in place of Y", "al posto di Y", "in sostituzione di Y": Y held the title given
_IN_PLACE = {"place", "posto", "sostituzione", "vece"}
_LEADING = {"lead", "run", "head", "manage", "guidare", "dirigere", "gestire", "guidato", "guidata"}
_DIVISIONS = {"unit", "division", "arm", "business", "group", "team", "lab", "subsidiary", "segment", "operations"}


def _of_division(t: Token) -> bool:
    """ "its AI unit", "Microsoft's cloud division": the organisation word modifies a division noun."""
    return t.dep_ in {"poss", "nmod:poss", "compound"} and t.head.lemma_.lower() in _DIVISIONS


def _succession(title: Span, dm: DocMentions) -> tuple[DocMention, DocMention | None, Token] | None:
    """ "X will succeed / replace Y as chief executive", "X ha preso il posto di Y come amministratore delegato",
    "X ha sostituito Y come presidente": the subject takes the title, the one replaced leaves it."""
    root = title.root
    if root.dep_ == "pobj" and root.head.lower_ == "as":
        gov = root.head.head
    elif any(c.dep_ == "case" and c.lower_ in {"come", "as"} for c in root.children) and root.head.i != root.i:
        gov = root.head
    else:
        return None
    verb, place = gov, None
    if gov.lemma_.lower() in _IN_PLACE and gov.head.lemma_.lower() in _TAKING_PLACE:
        verb, place = gov.head, gov  # "ha preso il posto di Y come ...", "took the place of Y as ..."
    elif gov.lemma_.lower() in _TAKING_PLACE and any(c.lemma_.lower() in _IN_PLACE for c in gov.children):
        verb, place = gov, next(c for c in gov.children if c.lemma_.lower() in _IN_PLACE)
    elif gov.lemma_.lower() not in _SUCCEED:
        return None
    args = {c.dep_: dm.by_token.get(c.i) for c in verb.children if dm.by_token.get(c.i) is not None}
    successor = args.get("nsubj")
    if place is not None:
        held = [dm.by_token.get(c.i) for c in place.children if c.dep_ in {"nmod", "prep", "pobj"}]
        held += [dm.by_token.get(g.i) for c in place.children if c.dep_ == "prep" for g in c.children]
        predecessor = next((m for m in held if m is not None), None)
    else:
        predecessor = args.get("dobj") or args.get("obj") or next(
            (dm.by_token.get(c.i) for c in verb.children if c.dep_ == "obl" and dm.by_token.get(c.i) is not None
             and any(g.dep_ == "case" and g.lower_ == "a" for g in c.children)), None)  # "succede a Y"
    rel = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in {"who", "che", "which"}), None)
    if rel is not None and verb.dep_ in {"relcl", "acl:relcl"}:
        successor = dm.by_token.get(verb.head.i)  # "Paulo Ruiz, who succeeded Craig Arnold as Eaton's CEO"
    elif rel is not None and rel.i >= 2 and rel.doc[rel.i - 1].text == ",":
        successor = dm.at(rel.doc[rel.i - 2])  # (the relative clause parsed as an adverbial one)
    if successor is None or successor.target.type != "Person":
        return None
    return successor, predecessor if predecessor is not None and predecessor.target.type == "Person" else None, verb


def _bare_title_org(doc: Doc, s: int, e: int, left_edge: int, predicate: str, dm: DocMentions,
                    lex: Lexicon, after: int | None = None) -> DocMention | None:
    """The organisation of a chief executive, chairman or other company officer named without one ("Chief
    executive Safra Catz told analysts ...", "a strategy engineered by chief executive Hock Tan", "Sachin Katti,
    the chief technology officer, ..."), when the name follows the title directly or the title is the name's
    apposition, and the title is not an indefinite "a chief executive": the only organisation named earlier in
    the sentence, else the organisation the article is about."""
    if left_edge > 0 and doc[left_edge - 1].lower_ in {"a", "an", "another", "one", "as", "whose"}:
        return None
    led = _led_by_title(doc, s, e, dm, after)
    if led is not None:
        return led
    if left_edge >= 2 and doc[left_edge - 1].lower_ in {"come", "as"} and doc[left_edge - 2].lemma_ in {"avere", "have"}:
        # "Western Digital, rimasta ai dischi rigidi, ha come amministratore delegato Irving Tan": the company
        # that "has" the officer, the last one named before the verb in its sentence
        owners = [m for m in dm.mentions if sent_of(doc[s]).start <= m.start and m.end <= left_edge - 2
                  and m.target.type in _ORG_TYPES]
        if owners:
            return max(owners, key=lambda m: m.start)
    if predicate != "ceoOf" and doc[s:e].text.lower() not in lex.officer_titles:
        return None
    k = left_edge - 1
    while k > 0 and not doc[left_edge - 1].is_punct and doc[k - 1].whitespace_ == "" and \
            doc[k - 1].text not in {",", ".", ";", ":", "(", '"'}:
        k -= 1  # the whole hyphenated word: "X-energy" (not across a comma: "At Intel, chief executive X")
    if left_edge > 0 and doc[k].text[:1].isupper() and (
            not doc[k].is_sent_start or doc[k].pos_ == "PROPN" or k < left_edge - 1):
        return None  # "X-energy chief executive Clay Sell": a company kg did not recognise names the title
    person = _mention_starting_at(dm, after if after is not None else e) or _apposed_bearer(doc, left_edge, e, dm)
    copular = person is None
    if copular and predicate == "ceoOf":
        return None  # ("Rombach is CEO.": left to the reading of the whole article)
    person = person or _copular_person(doc[s:e], dm)
    if person is None or person.target.type != "Person":
        return None
    if copular:
        # "Ellison resta presidente del consiglio di amministrazione": the company the last sentences were about
        return _known_employer(person, dm.latest_subject(s, _ORG_TYPES), dm)
    for x in (doc[s:e].root, doc[person.end - 1]):
        verb = x.head.head if x.dep_ in {"pobj", "obl", "obl:agent", "nmod"} and x.head.pos_ == "ADP" else x.head
        if verb.dep_ in {"acl", "amod", "relcl", "acl:relcl"} and verb.lemma_.lower() in _LEADING:
            return None  # "la filiale guidata dall'amministratore delegato X": X leads that unit, not the company
    main = main_entity(dm)
    sent = sent_of(doc[s])
    firsts = title_first_words(lex)
    # (not an organisation that names another person's title: "with LinkedIn co-founder Reid Hoffman")
    before = {m.target.identity: m for m in dm.mentions
              if sent.start <= m.start < s and m.target.type in _ORG_TYPES
              and not (m.end < len(doc) and doc[m.end].lower_ in firsts)}
    if len(before) == 1:
        only = next(iter(before.values()))
        verb = doc[s:e].root.head
        if doc[s:e].root.dep_ in {"dobj", "obj"} and verb.lemma_.lower() not in _APPOINT and any(
                c.dep_ in {"nsubj", "nsubj:pass"} and only.start <= c.i < only.end for c in verb.children):
            return None  # "la Camera delle imprese ha sospeso l'amministratore delegato X": acting on someone else's
        return _known_employer(person, only, dm)  # "For Broadcom, ... a strategy engineered by chief executive Hock Tan"
    if main is None or main.start >= s or (before and main.target.identity not in before):
        return None
    recent = dm.latest_subject(s, _ORG_TYPES) if not before else None
    if recent is not None and not _main_clause_subject(doc[recent.start : recent.end].root):
        recent = None  # "X said Microsoft and Meta had signed deals. Chief financial officer Y ...": reported
    if recent is not None and recent.target.identity != main.target.identity:
        # "Capgemini ha concordato l'acquisto di WNS. Per l'amministratore delegato Aiman Ezzat ...": the company
        # the previous sentence was about, not the article's main one
        return _known_employer(person, recent, dm)
    return _known_employer(person, main, dm)


def _known_employer(person: DocMention, guess: DocMention | None, dm: DocMentions) -> DocMention | None:
    """A title with no organisation of its own goes to the company the text is about (``guess``), unless the
    gazetteer knows the person with another company the document names and ``guess`` is not of its group:
    "il vecchio board aveva richiamato l'amministratore delegato Sam Altman" in a sentence about Microsoft is
    OpenAI's chief executive."""
    gaz = default_gazetteer()
    entry = gaz.entries.get(person.target.key or "")
    if entry is None or not entry.org or guess is None or guess.target.key == entry.org or (
            guess.target.key and _related(gaz, guess.target.key, entry.org)):
        return guess
    named = [m for m in dm.mentions if m.target.key == entry.org]
    if not named:
        return guess
    before = [m for m in named if m.start < person.start]
    return before[-1] if before else named[0]


_CHAIRING = {"chair", "preside", "presiedere", "presieduto", "presieduta"}


def _led_by_title(doc: Doc, s: int, e: int, dm: DocMentions, after: int | None) -> DocMention | None:
    """ "MediaTek, presieduto dal fondatore Ming-Kai Tsai", "Cohere is led by chief executive and co-founder Aidan
    Gomez", "la filiale guidata dall'amministratore delegato X": a title and its bearer in the agent of a
    leading or chairing verb are of what the verb leads (the noun its participle or relative clause describes,
    or its passive subject)."""
    person = _mention_starting_at(dm, after if after is not None else e)
    if person is None or person.target.type != "Person":
        return None
    x = doc[s:e].root
    if x.dep_ in {"compound", "amod", "nmod"} and person.start <= x.head.i < person.end:
        x = x.head  # "by founder Ming-Kai Tsai": the title a modifier of the name
    case = x.head if x.dep_ in {"pobj"} else next((c for c in x.children if c.dep_ == "case"), None)
    if case is None or case.lower_ not in {"by", "da", "dal", "dalla", "dallo", "dall'", "dall’", "dai", "dagli"}:
        return None
    verb = x.head.head if x.dep_ == "pobj" else x.head
    if verb.lemma_.lower() not in _LEADING | _CHAIRING and verb.lower_ not in _LEADING | _CHAIRING:
        return None
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX", "ADJ"}:
        verb = verb.head  # "guidato da X e presieduto da Y": what the first participle describes
    if verb.dep_ in {"acl", "amod", "relcl", "acl:relcl"}:
        led = verb.head
        if verb.dep_ in {"relcl", "acl:relcl"} or led.pos_ == "PRON":
            led = led if led.pos_ != "PRON" else led.head
    else:
        led = next((c for c in verb.children if c.dep_ in {"nsubj:pass", "nsubjpass"}), None)
    m = dm.at(led) if led is not None else None
    return m if m is not None and m.target.type in _ORG_TYPES else None


def _main_clause_subject(t: Token) -> bool:
    """``t`` is (in) the subject of its sentence's main verb or of a verb coordinated with it, not of a clause
    reported or embedded under it."""
    while t.dep_ in {"conj", "appos", "compound", "flat", "flat:name"} and t.head.i != t.i:
        t = t.head
    verb = t.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return t.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} and verb.dep_ == "ROOT"


#: the copulas of a title held now ("remains chairman"), not of one taken up again ("returns as chairman")
_COPULAR = _BECOMING - {"tornare", "return"}


_APPOSITION_DETS = word_set("definite_articles")


def _apposed_bearer(doc: Doc, left_edge: int, e: int, dm: DocMentions) -> DocMention | None:
    """ "Sumit Sadana, the chief business officer, said": the name a definite bare title is the apposition of
    (the title closes at a comma or the sentence end, so no organisation follows it)."""
    comma = left_edge - 1 if left_edge >= 1 and doc[left_edge - 1].text == "," else left_edge - 2
    # (the article may be left out: "dichiara Gabriel Hubert, cofondatore e amministratore delegato.")
    if comma < 1 or doc[comma].text != "," or (comma == left_edge - 2 and doc[left_edge - 1].lower_ not in
                                               _APPOSITION_DETS):
        return None
    if e < sent_of(doc[e - 1]).end and not doc[e].is_punct:
        return None
    bearer = _mention_ending_at(dm, comma)
    return bearer if bearer is not None and (comma == left_edge - 2 or bearer.target.type == "Person") else None


def _copular_person(title: Span, dm: DocMentions) -> DocMention | None:
    """ "Larry Ellison remains chairman", "Ellison resta presidente del consiglio di amministrazione": the subject
    of the copula the title is the complement of."""
    head = title.root
    verb = head if any(c.dep_ == "cop" for c in head.children) else head.head
    if verb is not head and (head.dep_ not in {"attr", "xcomp", "oprd", "acomp"} or
                             verb.lemma_.lower() not in _COPULAR):
        return None
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubj:pass"} and c.i < title.start:
            m = dm.at(c)
            if m is not None and m.target.type == "Person":
                return m
    return None


_CLITIC_OF = {"ne"}


def _clitic_org(doc: Doc, left_edge: int, dm: DocMentions, lex: Lexicon,
                holder: DocMention | None = None) -> DocMention | None:
    """ "Wiz è stata fondata da Assaf Rappaport, che ne è l'amministratore delegato": "ne" (of it) in the glue
    before the title stands for the nearest organisation named earlier in the sentence."""
    sent = sent_of(doc[left_edge])
    q = left_edge - 1
    seen = False
    while q >= sent.start and (doc[q].lower_ in lex.title_glue or doc[q].lower_ in _CLITIC_OF) and left_edge - q <= 6:
        seen = seen or doc[q].lower_ in _CLITIC_OF
        q -= 1
    if not seen:
        return None
    # ("Renée James, ex presidente di Intel, che ne è ...": not an organisation inside the person's apposition,
    # ``holder`` being the person a relative clause gives the title to)
    limit = holder.start if holder is not None else q + 1
    orgs = [m for m in dm.mentions if sent.start <= m.start and m.end <= limit and m.target.type in _ORG_TYPES]
    subjects = [m for m in orgs if m.is_subject]  # "Ampere è stata fondata da X, ex presidente di Intel, che ne
    if subjects or orgs:                            # è ...": the company the clause is about, not the apposition's
        return max(subjects or orgs, key=lambda m: m.start)
    # "Fondata nel 2014 da Toru Nishikawa, che oggi ne è l'amministratore delegato, ..., Preferred Networks conta
    # ...": the subject of the sentence after a fronted participle
    later = [m for m in dm.mentions if left_edge < m.start and m.end <= sent.end and m.target.type in _ORG_TYPES
             and m.is_subject and m.antecedent is None]
    if later and doc[sent.start].pos_ in {"VERB", "ADJ"} and is_participle(doc[sent.start]):
        return min(later, key=lambda m: m.start)
    # "Yang, che ne è amministratore delegato, ...": none in the sentence, the company the text is talking about
    return dm.latest_subject(left_edge, _ORG_TYPES) or main_entity(dm)


def _relative_before_title(doc: Doc, left_edge: int, lex: Lexicon) -> int | None:
    """Index of the relative pronoun that opens the title's clause after a comma (", che ne è l'amministratore
    delegato", ", who is its chief executive"), over the glue words; None when the title is not in one."""
    sent = sent_of(doc[left_edge])
    q = left_edge - 1
    while q > sent.start and left_edge - q <= 6 and (doc[q].lower_ in lex.title_glue or doc[q].lower_ in _CLITIC_OF):
        if doc[q].lower_ in lex.relative_pronouns and doc[q - 1].text == ",":
            return q
        q -= 1
    return None


def _person_before(dm: DocMentions, q: int, sent: Span) -> DocMention | None:
    """The nearest person named before token ``q`` in its sentence, at most a short apposition away ("Renée
    James, ex presidente di Intel, che ...")."""
    people = [m for m in dm.mentions if sent.start <= m.start and m.end <= q and q - m.end <= 8
              and m.target.type == "Person"]
    return max(people, key=lambda m: m.end) if people else None


def _held_before(who: DocMention, predicate: str, org: DocMention, trigger: int, sent: Span, pattern: str,
                 conf: float) -> RawRelation:
    """The title ``who`` held before the one now given took it ("succeeded Y as", "al posto di Y", "replacing
    Y"): an ended role."""
    return RawRelation(subject=who, predicate=predicate, object=org, trigger=trigger, sent_start=sent.start_char,
                       sent_end=sent.end_char, pattern=pattern, modality="ended",
                       confidence=min(0.99, conf * who.certainty * org.certainty))


def _mistyped_owner(m: DocMention, dm: DocMentions, lex: Lexicon) -> bool:
    """A one-word name the model called a place or a person that owns a company title ("Eaton's chief
    executive", "Superhuman's CEO"): a company, unless it is a known place, a known given name or surname, or the
    surname of someone the document names in full."""
    from kg.extract.entities import known_place_names
    from kg.extract.lexicon import surnames

    if m.type not in {"Place", "Person"} or " " in m.text or not m.text[:1].isupper():
        return False
    if m.type == "Place":
        return m.text not in known_place_names()
    before = dm.doc[m.start - 1].lower_.rstrip(".") if m.start > 0 else ""
    return (m.text not in lex.given_names and m.text not in surnames() and m.text not in dm.person_surnames()
            and before not in _HONORIFICS
            and not any(h.type == "Person" for h in default_gazetteer().lookup(m.text)))


def _time_spent_as(title: Token, lex: Lexicon) -> bool:
    """The title is what someone spent a span of time as ("spent more than a decade as an engineer at Google",
    "ha trascorso dieci anni come ingegnere"): a verb over a duration object governs its "as"/"come"."""
    prep = title.head
    if prep.lower_ in {"as", "come"} and prep.i != title.i:
        verb = prep.head  # "as" heading the title (English)
    elif any(c.lower_ in {"as", "come"} and c.dep_ in {"case", "mark", "prep"} for c in title.children):
        verb = title.head  # "come" marking the title (Italian)
    else:
        return False
    return verb.pos_ in {"VERB", "AUX"} and verb.i != prep.i and any(
        c.dep_ in {"dobj", "obj", "npadvmod", "obl:tmod", "nmod:tmod"}
        and (c.lemma_.lower() in lex.duration_words or c.lower_ in lex.duration_words) for c in verb.children)


def _past_role(doc: Doc, start: int, title: int, r: int, lex: Lexicon) -> bool:
    """A past copula between a person (``start``) and a title (``title``) says a role held in the past ("Sunny
    Madra, che ne era il presidente", "who had been Western Digital's chief executive"): not when a verb comes
    between ("who was named chief executive") nor when a word keeps it current (see :func:`_still_held`)."""
    between = doc[start:title]
    return any(x.lower_ in lex.past_copulas for x in between) and \
        not any(x.pos_ == "VERB" and x.lower_ not in lex.past_copulas for x in between) and \
        not _still_held(doc, start, r, lex)


def _still_held(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """A word of ``ongoing_words`` around a title stated with a past copula ("che era già amministratore delegato
    del gruppo dal 2018"): the role is still held."""
    return any(x.lower_ in lex.ongoing_words for x in doc[start : min(len(doc), end + 2)])


def _title_before(q: int, spans: dict[int, tuple[int, int, str]], dm: DocMentions,
                  connectors: frozenset[str]) -> tuple[int, int, str] | None:
    """The title that ends right before the conjunction at ``q``, with or without its organisation: "president and
    one of its co-founders", "presidente di Stellantis e amministratore delegato di Exor"."""
    end = q
    m = dm.by_token.get(q - 1)
    if m is not None and m.end == q:
        end = m.start  # over the first title's organisation ...
        while end - 1 >= 0 and dm.doc[end - 1].lower_ in connectors | {"la", "il", "lo", "l'", "l’"}:
            end -= 1  # ... and the words joining it to the title
    return next((sp for sp in spans.values() if sp[1] == end), None)


def _named_unit_after(owner: DocMention, dm: DocMentions, lex: Lexicon) -> DocMention | None:
    """The named unit in "Amazon's cloud unit AWS" / "Amazon's cloud unit, AWS": a name right after a unit word
    that follows the owner's possessive."""
    doc = dm.doc
    k = owner.end
    if k >= len(doc) or doc[k].lower_ not in {"'s", "’s"}:
        return None
    saw_unit = False
    for j in range(k + 1, min(len(doc), k + 7)):
        m = dm.by_token.get(j)
        if m is not None and m.start == j:
            return m if saw_unit and m.target.type in _ORG_TYPES else None
        if doc[j].lower_ in lex.unit_words or doc[j].lemma_.lower() in lex.unit_words:
            saw_unit = True
        elif doc[j].is_punct and not (doc[j].text == "," and saw_unit):
            return None
    return None


def _modifies_noun_after(t: Token, spans: dict[int, tuple[int, int, str]]) -> bool:
    """A one-word title that modifies a common noun after it which starts no title of its own."""
    head = t.head
    return (
        t.dep_ in {"amod", "compound", "nmod"}
        and t.i < head.i <= t.i + 3
        and head.pos_ == "NOUN"
        and not any(a <= head.i < b for a, b, _ in spans.values())
    )


def _mention_ending_at(dm: DocMentions, end: int) -> DocMention | None:
    m = dm.by_token.get(end - 1)
    return m if m is not None and m.end == end else None


def _mention_starting_at(dm: DocMentions, start: int) -> DocMention | None:
    m = dm.by_token.get(start)
    return m if m is not None and m.start == start else None


#: prepositions of a place of work after a title's field ("professor of computer science at Stanford")
_WORK_PLACE_PREPS = frozenset({"at", "all'", "all’", "alla", "al", "presso"})


def _after_coordinated_title(doc: Doc, e: int, end: int, spans: dict[int, tuple[int, int, str]], lex: Lexicon) -> int:
    """End of the next title when ``e`` is followed by "and"/"e"/"ed" and another title ("cofondatore ed ex
    amministratore delegato della società"), or by a comma list of titles closed by "and" ("fondatore,
    presidente e amministratore delegato di X"), so the organisation after it is found; else ``e``."""
    if e >= end or doc[e].lower_ not in {"and", "e", "ed", "&", ","}:
        return e
    k = e + 1
    while k < end and doc[k].lower_ in lex.title_modifiers:
        k += 1
    if k not in spans:
        return e
    if doc[e].text == ",":
        # "fondatore, presidente e amministratore delegato di Bloom Energy": a comma list of titles goes on to
        # the last one (a comma and one title alone is an apposition: "X, CEO of Y")
        nxt = _after_coordinated_title(doc, spans[k][1], end, spans, lex)
        return nxt if nxt != spans[k][1] else e
    return spans[k][1]


def extract_roles(dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """Role relations (ceoOf, leads, founderOf, employeeOf) from title phrases."""
    doc: Doc = dm.doc
    matcher, info = _matcher(lex, doc.vocab)
    matches = matcher(doc)
    # keep the longest match per start ("chief executive officer" over "chief executive")
    spans: dict[int, tuple[int, int, str]] = {}
    for match_id, s, e in matches:
        key = doc.vocab.strings[match_id]
        if s not in spans or e > spans[s][1]:
            spans[s] = (s, e, key)
    taken: set[int] = set()
    ordered = sorted(spans.values(), key=lambda x: (-(x[1] - x[0]), x[0]))
    out: list[RawRelation] = []
    preds = predicates()
    glue = lex.title_glue
    connectors = lex.title_connectors
    for s, e, key in ordered:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        if any(i in dm.by_token and dm.by_token[i].source != "coref" for i in range(s, e)):
            continue  # the title words are part of a name ("Chief" in a company name)
        if e - s == 1 and _modifies_noun_after(doc[s], spans):
            continue  # "chief AI scientist", "head office": the word describes another noun, it is no title
        if e - s == 1 and doc[s].lower_ in lex.article_titles and not doc[s].text.isupper() and \
                not (s > 0 and (doc[s - 1].pos_ == "DET" or doc[s - 1].text[-1:] in {"'", "’"})):
            continue  # "insieme ad Aiden Lee": the preposition, not "l'ad" (the chief executive)
        predicate, conf = info[key]
        if predicate == "leads" and e - s == 1 and doc[s].lower_ == "chief" and any(
                x.lower_ == "officer" for x in doc[e : min(e + 5, len(doc))]) and not any(
                x.is_punct for x in doc[e : next((x.i for x in doc[e : min(e + 5, len(doc))]
                                                 if x.lower_ == "officer"), e)]):
            predicate = "employeeOf"  # "chief legal and policy officer": an officer the list does not spell out
        sent = sent_of(doc[s])
        modality = "completed"
        # modifiers right before the title: "former CEO", "ex-CEO", "incoming chief executive"
        j = s - 1
        while j >= sent.start and (doc[j].lower_ in lex.title_modifiers or doc[j].lower_ in {"new", "interim", "acting", "founding", "co", "group", "global", "nuovo", "nuova"}):
            if doc[j].lower_ in lex.title_modifiers and not (
                    doc[j].lower_ in lex.ongoing_words and j > sent.start and doc[j - 1].pos_ == "AUX"):
                # ("X, già amministratore delegato di Y": former; "che era già amministratore delegato": already)
                modality = lex.title_modifiers[doc[j].lower_]
            j -= 1
        left_edge = j + 1
        # coordinated titles: "its founder and chief executive" -> look left of the first title
        while left_edge - 2 >= sent.start and doc[left_edge - 1].lower_ in {"and", "e", "ed", "&", ","}:
            prev = [sp for sp in spans.values() if sp[1] == left_edge - 1]
            if not prev:
                break
            left_edge = prev[0][0]
        # a title in a relative clause after a person (", che ne è l'amministratore delegato"): that person
        relative = _relative_before_title(doc, left_edge, lex)
        holder = _person_before(dm, relative, sent) if relative is not None else None
        # organisation on the left: "Nvidia CEO", "Nvidia's CEO", "its CEO"
        org = None
        extra_orgs: list[DocMention] = []
        k = left_edge - 1
        if k >= sent.start and doc[k].lower_ in {"'s", "’s"}:
            k -= 1
        if k >= sent.start:
            cand = dm.by_token.get(k)
            j = k
            while cand is None and j > sent.start and k - j < 2 and doc[j].is_lower and doc[j].pos_ in {"NOUN", "ADJ"} \
                    and doc[j].dep_ in {"compound", "amod", "nmod"}:
                j -= 1  # "Meta energy executive Urvi Parekh", "a senior Sandisk technology executive": over the field
                own = dm.by_token.get(j)
                if own is not None and own.end == j + 1 and own.target.type in _ORG_TYPES and doc[j].text[:1].isupper():
                    cand = own
            if cand is None and doc[k].lower_ == "whose":
                # "Neon, a startup whose co-founder Nikita Shamgunov ...": whose stands for the described name
                cand = dm.by_token.get(whose_antecedent(doc[k]).i)
            if cand is None and doc[k].lower_ == "cui" and k - 1 > sent.start and doc[k - 1].pos_ == "DET":
                # "Cipher Mining, società newyorkese il cui amministratore delegato è Tyler Page": the name the
                # relative clause describes, the nearest before it across its description
                j = k - 2
                while j >= sent.start and j not in dm.by_token and (doc[j].is_lower or doc[j].is_punct) and k - j < 8:
                    j -= 1
                cand = dm.by_token.get(j)
            if cand is not None and cand.antecedent is None and cand.key is None and doc[k + 1].lower_ in {"'s", "’s"} \
                    and _mistyped_owner(cand, dm, lex):
                cand.type = "Organization"  # "Eaton's chief executive" with Eaton tagged as a town: a title's owner
            if cand is not None and cand.target.type in _ORG_TYPES:
                org = cand
        org_left = org is not None
        if org_left and org.start - 1 >= sent.start and doc[org.start - 1].lower_ in lex.title_modifiers:
            modality = lex.title_modifiers[doc[org.start - 1].lower_]  # "former OpenAI chief scientist"
        # organisation on the right: "CEO of AMD", "amministratore delegato di AMD"
        r = e
        if org is None:
            r = _after_coordinated_title(doc, e, sent.end, spans, lex)  # "fondatore e amministratore delegato di X"
        if org is None and r + 1 < sent.end and doc[r].lower_ in {"sia", "both"} and doc[r + 1].lower_ in connectors:
            r += 1  # "amministratore delegato sia di Tesla sia di SpaceX"
        if org is None and r < sent.end and doc[r].lower_ in connectors and doc[r].lower_ != ",":
            r2 = r + 1
            while r2 < sent.end and doc[r2].lower_ in {"the", "il", "lo", "la", "l'", "l’", "both", "sia"}:
                r2 += 1
            cand = _mention_starting_at(dm, r2)
            if cand is None and r2 + 1 < sent.end and (doc[r2].lower_ in lex.cue_nouns or doc[r2].lemma_.lower()
                                                        in lex.cue_nouns):
                # "amministratore delegato della startup Safe Superintelligence", "chief executive of chipmaker
                # Nvidia": the name right after the describing noun (and an adjective: "della startup francese X")
                k = r2 + 1
                if k + 1 < sent.end and doc[k].is_lower and doc[k].pos_ == "ADJ":
                    k += 1
                cand = _mention_starting_at(dm, k)
                if cand is not None and cand.target.type not in _ORG_TYPES:
                    cand = None
            if cand is None and doc[r].lower_ in {"of", "di"}:
                # "professore di apprendimento automatico all'EPFL", "a professor of computer science at Stanford":
                # over the field, to the place of work
                f = r2
                while f < min(sent.end - 1, r2 + 5) and doc[f].is_lower and doc[f].is_alpha and \
                        doc[f].lower_ not in _WORK_PLACE_PREPS:
                    f += 1
                if f < sent.end - 1 and doc[f].lower_ in _WORK_PLACE_PREPS:
                    cand = _mention_starting_at(dm, f + 1)
            if cand is not None and cand.target.type == "Place" and cand.end + 2 < sent.end and \
                    doc[cand.end].text in {"-", "–"} and doc[cand.end + 1].lower_ in _HYPHEN_MODIFIERS:
                # "chairman of the London-based startup Stability AI": the name after the description
                k = cand.end + 2
                while k < min(sent.end, cand.end + 6) and k not in dm.by_token and doc[k].is_lower:
                    k += 1
                cand = _mention_starting_at(dm, k) or cand
            if cand is not None and cand.end + 2 < sent.end and doc[cand.end].text in {"-", "–"} and \
                    doc[cand.end + 1].lower_ in _HYPHEN_MODIFIERS:
                # "chief executive of Alphabet-owned Google Cloud": the owner only describes the organisation
                cand = _mention_starting_at(dm, cand.end + 2) or cand
            if cand is not None and cand.target.type in _ORG_TYPES:
                cand = _named_unit_after(cand, dm, lex) or cand  # "head of Amazon's cloud unit AWS": AWS
                org = cand
                r = cand.end
                if predicate == "ceoOf" and _of_division(doc[cand.end - 1]):
                    predicate = "leads"  # "chief executive of its AI unit": the head of a division
                # "chief executive of Alphabet and Google": both organisations
                if r + 1 < sent.end and doc[r].lower_ in {"and", "e", "sia"}:
                    # ("of both Google and its parent company Alphabet", "sia di Tesla sia di SpaceX": over the
                    # lower-case words before the second name)
                    k = r + 1
                    while k < min(sent.end, r + 5) and k not in dm.by_token and k not in spans and (
                            doc[k].lower_ in _BEFORE_SECOND_ORG or doc[k].lower_ in lex.cue_nouns):
                        k += 1
                    nxt = _mention_starting_at(dm, k)
                    if nxt is not None and nxt.source == "coref" and nxt.end < sent.end:
                        k = nxt.end  # "its parent company Alphabet": the name, not the possessive
                        while k < min(sent.end, r + 6) and k not in dm.by_token and k not in spans and (
                                doc[k].lower_ in _BEFORE_SECOND_ORG or doc[k].lower_ in lex.cue_nouns):
                            k += 1
                        nxt = _mention_starting_at(dm, k)
                    if nxt is not None and nxt.target.type in _ORG_TYPES and nxt.target is not org.target:
                        extra_orgs.append(nxt)
                        r = nxt.end
        if org is None:
            org = _org_by_dependency(doc[s:e], dm)
        if org is None:
            org = _clitic_org(doc, left_edge, dm, lex, holder)
        if org is None:
            org = _as_title_org(doc, left_edge, dm)
        bare = org is None
        if org is None:
            # ("Il CEO e co-fondatore Jae Lee": the name after the coordinated titles)
            org = _bare_title_org(doc, s, e, left_edge, predicate, dm, lex,
                                  after=_after_coordinated_title(doc, e, sent.end, spans, lex))
        if org is None and _succession(doc[s:e], dm) is not None:
            # "seven years after he succeeded Steve Ballmer as chief executive": of the company just named
            org = next((m for m in sorted(dm.mentions, key=lambda m: -m.start) if sent.start <= m.start < s
                        and m.target.type in _ORG_TYPES and m.target.source != "coref"), None)
        last = next((sp for sp in spans.values() if sp[1] == r), None) \
            if org is None and predicate == "founderOf" and r > e else None
        if last is not None and info[last[2]][0] == "ceoOf":
            # "il fondatore e amministratore delegato Park Sung-hyun": a founder title coordinated with a bare
            # chief executive one founded the chief executive's company
            org = _bare_title_org(doc, last[0], last[1], left_edge, "ceoOf", dm, lex)
        first = spans.get(left_edge) if org is None and predicate == "founderOf" and left_edge < s else None
        if first is not None and info[first[2]][0] == "ceoOf":
            # "Il CEO e co-fondatore Jae Lee": the chief executive's company, the name after both titles
            org = _bare_title_org(doc, first[0], first[1], left_edge, "ceoOf", dm, lex, after=e)
        if org is None:
            continue
        if (bare or holder is not None) and predicate != "leads" and \
                category_of(org, default_gazetteer()) in lex.public_categories:
            continue  # "L'amministratore delegato Christophe Fouquet" in a story about a government: a company's
        # (a term "until 2030" of a confirmed or appointed title does not end it)
        modality = _title_end(doc[s:e], doc[r] if r < sent.end and _appointing_verb(doc[s:e]) is None else None,
                              modality)
        head = doc[s:e].root
        taking = _taking_verb(head)
        if modality == "completed" and taking is not None:
            # "will become executive chairman", "diventerà amministratore delegato", "will join Cruise as chief
            # executive": the role is not held yet
            verb_mod = modality_of(taking, lex)
            if verb_mod == "announced" and _future(taking):
                verb_mod = "planned"  # "Blue Origin said Limp would become its chief executive"
            if verb_mod in {"planned", "considered", "rumoured", "denied"}:
                modality = verb_mod
        if modality == "completed" and predicate != "founderOf" and _pluperfect_copula(head):
            modality = "ended"  # "Zhang had been Alibaba's chief executive since 2015": held before a change
        if modality == "completed" and _time_spent_as(head, lex):
            modality = "ended"  # "who spent a decade as an engineer at Google": a past job
        # person on the right: "CEO Jensen Huang", "the CEO of AMD, Lisa Su"
        person = None
        succession = _succession(doc[s:e], dm)
        if succession is not None:
            # "Lip-Bu Tan will succeed Pat Gelsinger as chief executive": the object leaves the title
            person, predecessor, verb = succession
            modality = modality_of(verb, lex)
            if predecessor is not None and predecessor.target is not org.target:
                out.append(_held_before(predecessor, predicate, org, s, sent, f"title:{key}:succession", conf))
        appoint = _appointing_verb(doc[s:e])
        if person is None and appoint is not None:
            # "Stability AI has named Prem Akkaraju, the former chief executive of X, as its new chief
            # executive", "Nokia ha nominato Justin Hotard amministratore delegato": the one appointed is the
            # verb's object, whatever stands nearer the title
            for c in appoint.children:
                cm = dm.by_token.get(c.i) if c.dep_ in {"dobj", "obj"} else None
                if cm is not None and cm.target.type == "Person":
                    person = cm
        p = _after_coordinated_title(doc, r, sent.end, spans, lex) if org_left else r  # "X chairman and CEO Y"
        if p < sent.end and doc[p].text in {",", ":"}:
            p += 1
        elif org_left and p + 1 < sent.end and doc[p].lemma_.lower() in {"be", "essere"} and \
                doc[p].pos_ in {"AUX", "VERB"}:
            # "Kioxia, whose chief executive is Nobuo Hayasaka", "its chairman is Tetsuro Higashi"
            if doc[p].lower_ in lex.past_copulas and modality == "completed" and not _still_held(doc, p, r, lex):
                modality = "ended"
            p += 1
        cand = _mention_starting_at(dm, p) if relative is None else None
        if relative is not None and person is None:
            # "fondata da Renée James, ex presidente di Intel, che ne è tuttora amministratrice delegata": the
            # relative clause says it of the person before it, not of a name after the clause
            person = holder
            if person is not None and modality == "completed" and _past_role(doc, relative, left_edge, r, lex):
                modality = "ended"  # "Sunny Madra, che ne era il presidente": a role held in the past
        if cand is not None and org_left and cand.antecedent is None and p > r:
            # "il cui presidente è Hidetoshi Shibata", "whose chief executive is Hidetoshi Shibata": a name of two or
            # three capitalised words (no company word) completing the title is its holder, however it was found
            _retype_untyped_person(cand, lex, sources=None)
        q = (org.start if org_left else left_edge) - 1
        apposed = _mention_ending_at(dm, q) if q > sent.start and doc[q].text == "," else None
        if person is None and apposed is not None and apposed.target.type == "Person" and cand is not None:
            # "founded by Itamar Sivan, its chief executive, Yonatan Cohen, its chief technology officer, and ...":
            # a title set off right after a person's name describes that person, not the name after it
            person = apposed
        if person is None and cand is not None and cand.target.type == "Person" and (org_left or p > r or doc[r - 1].i < p):
            person = cand
        # person on the left: "Jensen Huang, Nvidia's chief executive", "Lisa Su, who is CEO of AMD"
        if person is None:
            q = (org.start if org_left else left_edge) - 1
            steps = 0
            while q >= sent.start and steps < 6:
                if doc[q].lower_ in glue:
                    q -= 1
                elif doc[q].lower_ in {"and", "e", "ed"} and (prev := _title_before(q, spans, dm, connectors)) is not None:
                    q = prev[0] - 1  # "X, the company's president and one of its co-founders": over the other title
                    if q > sent.start and doc[q].lower_ in {"'s", "’s"} and (own := dm.by_token.get(q - 1)) is not None:
                        q = own.start - 1  # and over its owner
                else:
                    break
                steps += 1
            cand = _mention_ending_at(dm, q + 1)
            if cand is not None and cand.target.type == "Person" and steps > 0:
                person = cand
                if modality == "completed" and _past_role(doc, q + 1, left_edge, r, lex):
                    modality = "ended"  # "Sunny Madra, che ne era il presidente": a role held in the past
        if person is None:
            # dependency fallback: title is appos/compound of a person, or the person is the subject of a copula
            for tok in doc[s:e]:
                for rel in [tok.head] + list(tok.children):
                    m = dm.by_token.get(rel.i)
                    if m is not None and m.target.type == "Person" and (tok.dep_ in {"appos", "compound", "attr", "nmod"} or rel.dep_ in {"appos"}):
                        person = m
                        break
                    if (m is not None and m.target.type == "Person" and rel.dep_ in SUBJ
                            and any(c.dep_ == "cop" for c in tok.children)):
                        person = m  # "Mensch ... è l'amministratore delegato dell'azienda"
                        break
                    if tok.dep_ == "pobj" and rel.i == tok.head.i and rel.lower_ in {"as", "come"} and rel.head.pos_ in {"VERB", "AUX"}:
                        # "X took over as CEO"; "Arm named X as CEO": the object of an appointing verb
                        deps = SUBJ | ({"dobj", "obj", "oprd"} if rel.head.lemma_.lower() in _APPOINT else set())
                        inherited = logical_subjects(rel.head, lex) if rel.dep_ == "prep" and rel.head.dep_ == "conj" \
                            and not any(c.dep_ in SUBJ for c in rel.head.children) else []
                        # ("co-founded Mistral AI and serves as its CEO": the subject of the first verb)
                        for x in inherited:
                            m2 = dm.by_token.get(x.i)
                            if m2 is not None and m2.target.type == "Person":
                                person = m2
                                break
                        for c in [] if person is not None else rel.head.children:
                            m2 = dm.by_token.get(c.i)
                            if m2 is None and c.dep_ in SUBJ and c.lower_ in lex.relative_pronouns and \
                                    rel.head.dep_ in {"relcl", "acl:relcl"}:
                                m2 = dm.by_token.get(rel.head.head.i)  # "X, who runs the company as CEO"
                            if c.dep_ in deps and m2 is not None and m2.target.type == "Person":
                                person = m2
                                break
                    predicative = tok.dep_ in {"attr", "oprd", "xcomp"} or (
                        # "diventerà amministratore delegato di X", "è stato nominato amministratore delegato di X"
                        # with the title parsed as the verb's object or its passive subject
                        tok.dep_ in {"obj", "dobj"} and rel.lemma_.lower() in _BECOMING
                        or tok.dep_ in {"nsubj:pass", "nsubjpass"} and rel.lemma_.lower() in _APPOINT)
                    if predicative and rel.i == tok.head.i:
                        for c in rel.children:
                            if c.dep_ in SUBJ | {"nsubjpass", "nsubj:pass", "dobj", "obj"}:
                                m2 = dm.by_token.get(c.i)
                                if m2 is not None and m2.target.type == "Person":
                                    person = m2
                                    break
                if person:
                    break
        if person is None or person.target is org.target:
            continue
        if not preds[predicate].accepts("Person", org.target.type):
            continue
        if appoint is not None and succession is None:
            # "nominato X amministratore delegato, al posto di Carlos Tavares": the one replaced held the title
            places = [g for c in [*appoint.children, *doc[s:e].root.children]
                      for g in ([c] + [x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep" else [c])]
            for c in places:  # (English "in place of" hangs "place" on the preposition)
                if c.lemma_.lower() not in _IN_PLACE or c.dep_ not in {"obl", "nmod", "pobj"}:
                    continue
                for g in c.subtree:
                    gm = dm.by_token.get(g.i) if g.dep_ in {"nmod", "pobj"} else None
                    if gm is not None and gm.target.type == "Person" and gm.target is not person.target:
                        out.append(_held_before(gm, predicate, org, s, sent, f"title:{key}:replaced", conf))
                        break
            # "Arm named Rene Haas as chief executive, replacing Simon Segars": the one replaced held the title
            for c in appoint.children:
                if c.dep_ in {"advcl", "conj", "xcomp"} and c.lemma_.lower() in _SUCCEED and not any(
                        g.dep_ == "prep" and g.lower_ == "as" for g in c.children):  # its own "as CEO" says which
                    for g in c.children:
                        gm = dm.by_token.get(g.i) if g.dep_ in {"dobj", "obj"} else None
                        if gm is not None and gm.target.type == "Person" and gm.target is not person.target:
                            out.append(_held_before(gm, predicate, org, s, sent, f"title:{key}:replaced", conf))
        if modality == "completed" and predicate in lex.role_predicates and _leaving(person, doc[s:e]):
            modality = "ended"
        people = [person]
        if person.start >= e and (doc[e - 1].tag_ in {"NNS", "NNPS"} or "Number=Plur" in str(doc[e - 1].morph)):
            # "Inflection co-founders Mustafa Suleyman and Karen Simonyan": every name of the list after a plural
            # title (not "CEO Jensen Huang and Lisa Su of AMD")
            k = person.end
            while k + 1 < sent.end and doc[k].lower_ in {"and", "e", ","}:
                nxt = _mention_starting_at(dm, k + 1)
                if nxt is None or nxt.target.type != "Person":
                    break
                people.append(nxt)
                k = nxt.end
        elif person.end <= s and (doc[e - 1].tag_ in {"NNS", "NNPS"} or "Number=Plur" in str(doc[e - 1].morph)):
            # "Antoine Bosselut and Martin Jaggi, both professors at EPFL": every name of the list before it
            people = [m for m in dm.mentions if m.antecedent is None and m.type == "Person" and m.end <= s
                      and (m is person or m.target in [x.target for x in coordinated_names(person.target, dm)])]
        for who in people:
            for o in [org, *extra_orgs]:
                c = conf * who.certainty * o.certainty * MODALITY_FACTOR.get(modality, 1.0) * (0.8 if bare else 1.0)
                out.append(RawRelation(subject=who, predicate=predicate, object=o, trigger=s,
                                       sent_start=sent.start_char, sent_end=sent.end_char, pattern=f"title:{key}",
                                       confidence=min(c, 0.99), modality=modality))
    return out


def owner_of_product(m: DocMention, dm: DocMentions) -> DocMention | None:
    """The organisation a product name belongs to in its noun phrase: "Meta's Llama models", "AWS's homemade
    Trainium2 chips", "Nvidia's Grace Blackwell and Vera Rubin systems", "whose R1 model", "Llama models from
    Meta", "i modelli Llama di Meta"."""
    doc = dm.doc
    k = m.start - 1
    if k >= 0 and doc[k].lower_ in {"'s", "’s"}:
        k -= 1
    if k >= 0 and dm.by_token.get(k) is not None and dm.by_token[k].target.type == "Organization":
        return dm.by_token[k]
    root = doc[m.end - 1]
    heads = [root]
    x = root
    while x.dep_ in {"compound", "conj", "flat", "flat:name", "nmod", "amod", "appos"} and x.head.i != x.i and len(heads) < 4:
        if x.dep_ == "appos" and any(c.dep_ in {"aux", "prep", "case", "mark"} and c.i < x.i
                                     for c in x.children):
            break  # "hands questions to Siri, its voice assistant, to ChatGPT": ChatGPT is no apposition
        x = x.head
        heads.append(x)
    for h in heads:
        for c in h.children:
            if c.dep_ in {"poss", "nmod:poss"}:
                if c.lower_ in {"whose"}:
                    verb = c.head
                    # the relative clause, or a clause the parser hung on the name as an apposition
                    while verb.dep_ not in {"relcl", "acl:relcl", "appos"} and verb.head.i != verb.i:
                        verb = verb.head
                    owner = dm.by_token.get(verb.head.i) if verb.dep_ in {"relcl", "acl:relcl", "appos"} else None
                    if owner is None and verb.dep_ in {"relcl", "acl:relcl", "appos"} and verb.head.dep_ == "appos":
                        owner = dm.by_token.get(verb.head.head.i)
                    if owner is not None:
                        return owner
                    continue
                owner = dm.by_token.get(c.i)
                if owner is None and c.dep_ == "poss":
                    # "Acme's next-generation ZX40 chips": an owner the model did not tag
                    owner = adhoc_mention(c, load_lexicon(doc.lang_))
                    if owner is not None:
                        dm.add(owner)
                if owner is not None:
                    return owner
    owner = (_appositive_maker(m, dm) or _coordinated_maker(m, dm) or _owner_of_offering_before(m, dm)
             or _possessed_offering_before(m, dm))
    if owner is not None:
        return owner
    # "Llama models from Meta" / "i modelli Llama di Meta"
    r = m.end
    while r < len(doc) and r < m.end + 3 and doc[r].pos_ == "NOUN":
        r += 1
    if r + 1 < len(doc) and doc[r].lower_ in _MAKER_CASES:
        return dm.by_token.get(r + 1)
    # "i chip H100 e Blackwell dell'azienda": the maker attached to the name with "di" after a coordination
    for c in root.children:
        if c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in _MAKER_CASES for g in c.children):
            owner = dm.by_token.get(c.i)
            if owner is not None:
                return owner
    return None


def _owner_of_offering_before(m: DocMention, dm: DocMentions) -> DocMention | None:
    """ "i suoi modelli, Malibu e Point", "il primo chip della società, ATOM": the owner of the offering noun the
    name is in apposition with, a possessive before it or the name of its "of"-phrase."""
    doc = dm.doc
    noun = offering_noun_before(doc, m.start, load_lexicon(doc.lang_))
    if noun is None:
        return None
    comma = next(i for i in range(noun.i + 1, m.start + 1) if doc[i].text == ",")
    for i in [*range(noun.i - 1, max(-1, noun.i - 4), -1), *range(noun.i + 1, comma)]:
        owner = dm.by_token.get(i)
        if owner is not None and owner.target.type == "Organization":
            return owner
    return None


def _possessed_offering_before(m: DocMention, dm: DocMentions) -> DocMention | None:
    """ "Il suo assistente Le Chat", "its chatbot Grok", "il suo modello linguistico Velvet": the company a
    possessive stands for, when the name directly follows the possessed offering noun, read on the surface (the
    Italian parser often leaves the name unattached to the noun)."""
    doc = dm.doc
    lex = load_lexicon(doc.lang_)
    k = m.start - 1
    while k > m.start - 3 and k > 0 and doc[k].is_lower and doc[k].pos_ == "ADJ":
        k -= 1  # "il suo modello linguistico Velvet"
    if k < 1 or not (doc[k].is_lower and is_offering_noun(doc[k], lex.product_heads)) or \
            doc[k].lower_ in lex.facility_words or doc[k].lemma_.lower() in lex.facility_words:
        return None  # "il suo supercomputer davinci-1": a site the company owns, not a product it makes
    j = k - 1
    if doc[j].is_lower and doc[j].pos_ == "ADJ" and j > 0:
        j -= 1  # "il suo nuovo assistente Le Chat"
    owner = dm.by_token.get(j) if doc[j].lower_ in lex.possessives else None
    if owner is None or owner.target.type != "Organization":
        return None
    known = default_gazetteer().entries.get(m.key or "")
    # a product the gazetteer knows is its maker's, whatever the possessive was resolved to
    return None if known is not None and known.org and known.org != owner.target.key else owner


_MAKER_CASES = {"of", "from", "by", "di", "da", "della", "del", "dello", "dell'", "dell’", "dei", "degli", "delle"}
#: nouns that describe an offering in an apposition ("ChatGPT, il chatbot di OpenAI")
_OFFERING_NOUNS = {"chatbot", "modello", "assistente", "cloud", "piattaforma", "chip", "processore", "sistema",
                   "servizio", "software", "app", "applicazione", "supercomputer", "visore", "smartphone", "browser",
                   "motore", "prodotto", "tecnologia", "architettura", "gpu", "acceleratore", "famiglia", "agente",
                   "assistant", "model", "platform", "system", "service", "processor", "accelerator",
                   "product", "engine", "agent", "brand", "tool", "device", "headset", "superchip"}
#: verbs of a relative clause on the offering noun whose subject is the maker ("the platform that the company
#: is developing")
_MAKING_VERBS = {"develop", "build", "make", "create", "design", "launch", "release", "offer", "sell",
                 "train"}
_POSS_PRONOUNS = {"its", "their"}
_RIVAL_WORDS = {"rivale", "concorrente", "alternativa", "antagonista", "sfidante", "cliente", "partner"}


def _coordinated_maker(m: DocMention, dm: DocMentions) -> DocMention | None:
    """ "le architetture Grace Blackwell e Vera Rubin di Nvidia": the maker after the last of coordinated product
    names belongs to each of them (read on the surface)."""
    doc = dm.doc
    k = m.end
    while k + 1 < len(doc) and doc[k].lower_ in {"e", "ed", "and", ","}:
        nxt = dm.by_token.get(k + 1)
        if nxt is None or nxt.start != k + 1 or nxt.type != "Product":
            return None
        k = nxt.end
    if k == m.end or k + 1 >= len(doc) or doc[k].lower_ not in _MAKER_CASES - {"da", "from", "by"}:
        return None
    owner = dm.by_token.get(k + 1)
    if owner is None or owner.target.type != "Organization":
        return None
    known = default_gazetteer().entries.get(m.key or "")
    if known is not None and known.org and owner.target.key and known.org != owner.target.key:
        return None  # "Claude e ChatGPT di OpenAI": a product whose maker is known to be another company
    return owner


def _appositive_maker(m: DocMention, dm: DocMentions) -> DocMention | None:
    """ "ChatGPT, il chatbot di OpenAI", "Gemini, il modello di intelligenza artificiale del gruppo": the maker
    named after an offering noun in the apposition right after the product (read on the surface, as the parser
    often hangs such appositions elsewhere)."""
    doc = dm.doc
    k = m.end
    if k + 2 >= len(doc) or doc[k].text != ",":
        return None
    named = dm.by_token.get(k + 1)
    if named is not None and named.start == k + 1 and named.target.type == "Organization" and \
            named.end + 1 < len(doc) and doc[named.end].lower_ in {"'s", "’s"}:
        # "LeRobot, Hugging Face's open-source robotics library": the owner named in the apposition, as the
        # apposition that typed the product reads it
        return named if surface_apposition(doc[m.start : m.end], load_lexicon(doc.lang_)) else None
    if doc[k + 1].pos_ != "DET" and doc[k + 1].lower_ not in _POSS_PRONOUNS:
        return None
    n = k + 2
    while n < min(k + 5, len(doc) - 1) and n not in dm.by_token and doc[n].dep_ in {"compound", "amod"} and \
            doc[n + 1].pos_ in {"NOUN", "PROPN", "ADJ"}:
        n += 1  # "its AI assistant", "the AI infrastructure platform" (English modifiers come first)
    noun = doc[n]
    if noun.lemma_.lower() not in _OFFERING_NOUNS and noun.lower_ not in _OFFERING_NOUNS:
        return None
    if doc[k + 1].lower_ in _POSS_PRONOUNS:
        owner = dm.by_token.get(k + 1)  # "Le Chat, its AI assistant"
        return owner if owner is not None and owner.target.type == "Organization" else None
    for j in range(n + 1, min(n + 8, len(doc) - 1)):
        x = doc[j]
        if x.dep_ in {"relcl", "acl:relcl"} and x.head.i == noun.i and x.lemma_.lower() in _MAKING_VERBS:
            subj = next((c for c in x.children if c.dep_ in {"nsubj", "nsubj:pass"} and c.i > noun.i), None)
            owner = dm.by_token.get(subj.i) if subj is not None else None  # "that the company builds"
            return owner if owner is not None and owner.target.type == "Organization" else None
        if x.dep_ in {"acl", "amod"} and x.head.i == noun.i and \
                x.lemma_.lower() in _MAKING_VERBS | load_lexicon(doc.lang_).making_verbs:
            # "Rhea1, il processore progettato da SiPearl", "the processor designed by SiPearl": the agent
            for c in x.children:
                owner = dm.by_token.get(c.i)
                by = c.dep_ == "agent" and (owner := next((dm.by_token.get(g.i) for g in c.children
                                                           if g.dep_ == "pobj"), None)) is not None
                da = c.dep_ in {"obl", "obl:agent"} and any(g.dep_ == "case" and g.lower_.startswith("da")
                                                             for g in c.children)
                if (by or da) and owner is not None and owner.target.type == "Organization":
                    return owner
            return None
        if x.is_punct or x.pos_ in {"VERB", "AUX"} or x.lemma_.lower() in _RIVAL_WORDS:
            return None
        if x.lower_ in _MAKER_CASES - {"da", "from", "by"}:
            owner = dm.by_token.get(j + 1)
            if owner is not None and owner.target.type == "Organization":
                return owner
    return None


def _maker_in_name(m: DocMention, dm: DocMentions) -> DocMention | None:
    """ "Nvidia H100s", "Oracle Cloud Infrastructure", "AMD Instinct": a product name that starts with the name
    of an organisation the document mentions on its own."""
    low = m.text.lower()
    best = None
    for o in dm.mentions:
        if o.antecedent is not None or o.type != "Organization" or o is m:
            continue
        name = o.text.lower()
        if low.startswith(name + " ") and (best is None or len(name) > len(best.text)):
            best = o
    return best


def _national_units(dm: DocMentions) -> list[RawRelation]:
    """ "Microsoft Italia", "Cisco Italia", "Google Japan": an organisation named after a known company and a
    country is that company's national unit, which the company owns; so is an unknown organisation named after a
    known company that a unit noun describes ("the Intel Products division")."""
    from kg.extract.mentions import national_unit_places

    gaz = default_gazetteer()
    places = national_unit_places()
    out: list[RawRelation] = []
    for m in dm.mentions:
        words = m.text.split()
        if m.antecedent is not None or m.type != "Organization" or len(words) < 2:
            continue
        parents = []
        pattern = "structure:national-unit"
        if words[-1] in places:
            parent_name = " ".join(words[:-1])
            parents = [e for e in gaz.lookup(parent_name) if e.type == "Organization"]
        elif m.key is None and unit_cue_after(dm.doc, m.end):
            # "the Intel Products division", "Microsoft Gaming, la divisione videogiochi": a unit named after its
            # company (the longest leading words that name one)
            pattern = "structure:named-unit"
            for n in range(len(words) - 1, 0, -1):
                parents = [e for e in gaz.lookup(" ".join(words[:n])) if e.type == "Organization"]
                if parents:
                    parent_name = " ".join(words[:n])
                    break
        if not parents:
            continue
        if len(parents) != 1 or (m.key and m.key == parents[0].key):
            continue
        doc = dm.doc
        last = m.start + len(parent_name.split()) - 1  # the parent's last token (names split on spaces as tokens)
        parent = DocMention(start=m.start, end=last + 1, type="Organization", text=parent_name, key=parents[0].key,
                            source="gazetteer", char_start=m.char_start, char_end=doc[last].idx + len(doc[last]))
        sent = sent_of(doc[m.start])
        out.append(RawRelation(subject=parent, predicate="owns", object=m, trigger=m.start, sent_start=sent.start_char,
                               sent_end=sent.end_char, pattern=pattern, confidence=0.75 * m.certainty))
    return out


#: dependencies of a name that heads its own noun phrase (not "Amazon's AWS deal", where AWS modifies "deal")
_NP_HEAD_DEPS = {"compound", "amod", "nmod:poss", "poss", "flat", "flat:name", "nummod"}


def _possessed_companies(dm: DocMentions) -> list[RawRelation]:
    """ "Alphabet's Google", "SoftBank, whose Vision Fund ...": a company named as another company's possession
    is owned by it; not when the gazetteer knows another parent, and not a person's ("Musk's xAI")."""
    gaz = default_gazetteer()
    out: list[RawRelation] = []
    doc = dm.doc
    for m in list(dm.mentions):
        if m.antecedent is not None or m.target.type != "Organization":
            continue
        root = doc[m.start : m.end].root
        if root.dep_ in _NP_HEAD_DEPS:
            continue
        for c in root.children:
            owner = dm.at(whose_antecedent(c)) if c.dep_ in {"poss", "nmod:poss"} else None
            if owner is None or owner.target.type != "Organization" or owner.target is m.target:
                continue
            if any(x.lower_ not in {"'s", "’s", "'"} for x in doc[c.i + 1 : m.start]):
                continue  # "its rival Nvidia", "KDDI's data-centre subsidiary Telehouse": a noun says what they are
            known = gaz.entries.get(m.key or "")
            owner_key = owner.target.key
            if known is not None and known.parent and owner_key is not None and known.parent != owner_key:
                continue
            if category_of(owner, gaz) in {"government", "university"}:
                continue  # "Japan's government's Rapidus": backing, not ownership
            sent = sent_of(doc[m.start])
            out.append(RawRelation(subject=owner, predicate="owns", object=m, trigger=c.i,
                                   sent_start=sent.start_char, sent_end=sent.end_char,
                                   pattern="structure:possessed-company", confidence=0.6 * m.certainty * owner.certainty))
    return out


#: participles that make the name after "da"/"by" the owner of the unit they describe
_OWNING_PARTICIPLES = word_set("owning_participles")


def _of_place_seats(dm: DocMentions) -> list[RawRelation]:
    """ "HMS Networks of Halmstad, Sweden", "Tata Consultancy Services of Mumbai": a company named with "of" and a
    place right after it is based there."""
    doc = dm.doc
    out: list[RawRelation] = []
    for m in dm.mentions:
        if m.antecedent is not None or m.target.type != "Organization" or m.end + 1 >= len(doc) or \
                doc[m.end].lower_ != "of":
            continue
        place = dm.by_token.get(m.end + 1)
        if place is None or place.start != m.end + 1 or place.target.type != "Place":
            continue
        sent = sent_of(doc[m.start])
        out.append(RawRelation(subject=m, predicate="headquarteredIn", object=place, trigger=m.end,
                               sent_start=sent.start_char, sent_end=sent.end_char, pattern="structure:of-place",
                               confidence=0.6 * m.certainty * place.certainty))
    return out


def _apposed_units(dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """ "Iveco Defence Vehicles, la divisione di veicoli militari di Iveco Group", "KT Cloud, la controllata di KT",
    "Wa'ed Ventures, il braccio di venture capital di Aramco": a company described in apposition as a unit of
    another named company is owned by it (read on the surface: the parser hangs such phrases anywhere)."""
    doc = dm.doc
    out: list[RawRelation] = []
    for m in list(dm.mentions):
        k = m.end
        if m.antecedent is not None or m.target.type != "Organization" or k + 3 >= len(doc) or doc[k].text != ",":
            continue
        noun = k + 2 if doc[k + 1].pos_ == "DET" else k + 1  # (no article: "Santander Climate VC, veicolo di ...")
        if not (doc[noun].is_lower and (doc[noun].lemma_.lower() in lex.unit_words or doc[noun].lower_ in lex.unit_words)):
            continue
        for j in range(noun + 1, min(noun + 9, len(doc) - 1)):
            x = doc[j]
            # ("il gestore controllato da Exor", "the fund owned by X": the owner after an owning participle)
            owning = x.lemma_.lower() in _OWNING_PARTICIPLES and doc[j + 1].lower_ in lex.agent_prepositions
            if owning:
                continue
            participle = x.pos_ == "VERB" and x.is_lower and doc[j - 1].pos_ == "NOUN" and is_participle(x)
            if x.is_punct or x.pos_ in {"VERB", "AUX"} and not participle or x.lower_ in lex.relative_pronouns:
                break  # (over a participle describing the noun: "la divisione di calcolo avanzato di Atos")
            of = x.lower_ in OF_PREPOSITIONS or (x.lower_ in lex.agent_prepositions and
                                                  doc[j - 1].lemma_.lower() in _OWNING_PARTICIPLES)
            owner = dm.by_token.get(j + 1) if of else None
            if owner is not None and owner.start == j + 1 and owner.target.type == "Organization" \
                    and owner.target is not m.target:
                sent = sent_of(doc[m.start])
                out.append(RawRelation(subject=owner, predicate="owns", object=m, trigger=k + 2,
                                       sent_start=sent.start_char, sent_end=sent.end_char,
                                       pattern="structure:apposed-unit",
                                       confidence=0.7 * m.certainty * owner.certainty))
                break
    return out


def _mutual_rivals(dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """ "Sandisk and SK Hynix, rivals in the market for NAND flash memory, have signed ...", "Sandisk e SK Hynix,
    concorrenti nelle memorie, ...": companies listed with a plural rival noun set off right after them compete
    with each other (read on the surface)."""
    doc = dm.doc
    rivals = {w for tr in lex.triggers if tr.predicate == "competesWith" and tr.pos == "NOUN" for w in tr.lemmas}
    out: list[RawRelation] = []
    for m in list(dm.mentions):
        k = m.end
        if m.antecedent is not None or m.target.type != "Organization" or k + 2 >= len(doc) or doc[k].text != ",":
            continue
        j = k + 1
        while j < min(k + 4, len(doc)) and doc[j].is_lower and doc[j].pos_ in {"ADV", "ADJ", "DET"}:
            j += 1  # ", long rivals", ", da sempre concorrenti"
        if any(x.lower_ in lex.possessives or "Poss=Yes" in str(x.morph) for x in doc[k + 1 : j + 1]):
            continue  # "A e B, i suoi principali concorrenti": rivals of someone else
        noun = doc[j]
        if not (noun.is_lower and (noun.lemma_.lower() in rivals or noun.lower_ in rivals)
                and ("Number=Plur" in str(noun.morph) or noun.tag_ == "NNS")):
            continue
        names = [x for x in [*_surface_list_before(m, dm), m] if x.target.type == "Organization"]
        if len(names) != 2:
            continue
        a, b = names
        sent = sent_of(doc[m.start])
        out.append(RawRelation(subject=a, predicate="competesWith", object=b, trigger=j,
                               sent_start=sent.start_char, sent_end=sent.end_char, pattern="structure:mutual-rivals",
                               confidence=0.7 * a.certainty * b.certainty))
    return out


def _surface_list_before(m: DocMention, dm: DocMentions) -> list[DocMention]:
    """The one name joined to ``m`` by "and"/"e" right before it ("Sandisk and SK Hynix"), if any."""
    doc = dm.doc
    k = m.start - 1
    if k < 1 or doc[k].lower_ not in {"and", "e", "ed"}:
        return []
    left = dm.by_token.get(k - 1)
    if left is None or left.end != k:
        return []
    before = left.start - 1
    if before >= 0 and doc[before].text == ",":
        return []  # a longer list: not a pair
    return [left]


def _place_in_apposition(m: DocMention, dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """ "Databricks, the San Francisco data analytics group", "TensorWave, a Las Vegas startup": a place name
    modifying the generic noun in apposition to a company is where the company is based."""
    doc = dm.doc
    root = doc[m.start : m.end].root
    out: list[RawRelation] = []
    for ap in root.children:
        if ap.dep_ not in {"appos"} or ap.i < m.end or ap.lemma_.lower() not in lex.cue_nouns:
            continue
        for x in doc[ap.left_edge.i : ap.i]:
            pm = dm.at(x)
            if pm is None or pm.type != "Place" or pm.end > ap.i or x.i != pm.start:
                continue
            if any(t.dep_ in {"prep", "case", "pobj"} or t.lower_ in {"-", "–"} for t in doc[pm.start - 1 : ap.i]
                   if t.i >= ap.left_edge.i):
                continue  # "a startup in Paris", "the Paris-based startup": other patterns read them
            sent = sent_of(doc[m.start])
            out.append(RawRelation(subject=m, predicate="headquarteredIn", object=pm, trigger=ap.i,
                                   sent_start=sent.start_char, sent_end=sent.end_char,
                                   pattern="structure:apposition-place", confidence=0.7 * m.certainty * pm.certainty))
            break
    if not out:
        out.extend(_surface_apposition_place(m, dm, lex))
    return out


def _surface_apposition_place(m: DocMention, dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """The same read on the surface when the parser loses the apposition: "Name, a/the <Place>[-based] <lowercase
    words> <cue noun>" ("TensorWave, a Las Vegas startup whose ...", "Informatica, the Redwood City,
    California-based data management company, ...")."""
    doc = dm.doc
    k = m.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in {"a", "an", "the"}:
        return []
    pm = dm.by_token.get(k + 2)
    if pm is None or pm.type != "Place" or pm.start != k + 2:
        return []
    j = pm.end
    if j + 1 < len(doc) and doc[j].text in {"-", "–"} and doc[j + 1].lower_ == "based":
        j += 2
    for x in doc[j : j + 5]:
        if x.lemma_.lower() in lex.cue_nouns or x.lower_ in lex.cue_nouns:
            sent = sent_of(doc[m.start])
            return [RawRelation(subject=m, predicate="headquarteredIn", object=pm, trigger=x.i,
                                sent_start=sent.start_char, sent_end=sent.end_char,
                                pattern="structure:apposition-place", confidence=0.65 * m.certainty * pm.certainty)]
        if not (x.is_lower and x.pos_ in {"NOUN", "ADJ", "PROPN"}) and x.text not in {"-", "–"}:
            break
    return []


_DETERMINERS = frozenset({"a", "an", "the"})


def _org_cue_at(doc: Doc, j: int, lex: Lexicon) -> int:
    """The end of an organisation cue noun starting at token ``j`` ("company", "chip designer"), or 0."""
    if j + 1 < len(doc):
        two = f"{doc[j].lower_} {doc[j + 1].lower_}"
        if lex.cue_nouns.get(two, ("",))[0] == "Organization":
            return j + 2
    spec = lex.cue_nouns.get(doc[j].lower_) or lex.cue_nouns.get(doc[j].lemma_.lower())
    return j + 1 if spec and spec[0] == "Organization" else 0


def _seat_phrases(dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """ "Ansys, lo specialista della simulazione con sede a Canonsburg", "WNS, quotata a New York e con sede a
    Mumbai", "Il gruppo olandese, con sede a Eindhoven": a seat phrase of the lexicon (``seat_phrases``) places
    the nearest name (or reference) before it in the sentence, read on the surface whatever the parse. Only
    lower-case words, punctuation, people and participles may stand between: a finite verb, another company, a
    facility or an office ("un impianto con sede a") stop the search."""
    doc = dm.doc
    tokens = doc_tokens(doc)
    firsts = {p.split()[0] for p in lex.seat_phrases}
    phrases = [p.split() for p in lex.seat_phrases]
    out: list[RawRelation] = []
    for i, t in enumerate(tokens):
        if t.lower_ not in firsts:
            continue
        for words in phrases:
            if [x.lower_ for x in tokens[i : i + len(words)]] != words:
                continue
            place = dm.by_token.get(i + len(words))
            if place is None or place.type != "Place" or place.start != i + len(words):
                continue
            sent = sent_of(doc[i])
            subject = None
            for j in range(i - 1, max(sent.start - 1, i - 14), -1):
                m = dm.by_token.get(j)
                if m is not None and m.antecedent is None and m.target.type in {"Organization", "Project"}:
                    root = doc[m.start : m.end].root
                    if root.dep_ in {"compound", "amod", "poss", "nmod:poss"} and m.end <= root.head.i < i:
                        break  # "Crunchy Data, a Postgres specialist based in ...": a name describing the noun
                    subject = m
                    break
                if m is not None and m.antecedent is not None:
                    break  # a reference ("il gruppo olandese, con sede a ..."): left to coreference-aware patterns
                x = doc[j]
                if (x.pos_ in {"VERB", "AUX"} and "VerbForm=Part" not in str(x.morph) and x.tag_ != "VBN") or \
                        x.lower_ in lex.facility_words or x.lower_ in lex.office_words or x.lemma_.lower() in \
                        lex.facility_words | lex.office_words or (x.is_title and m is None and not x.is_sent_start):
                    break
            if subject is None:
                continue
            out.append(RawRelation(subject=subject, predicate="headquarteredIn", object=place, trigger=i,
                                   sent_start=sent.start_char, sent_end=sent.end_char, pattern="structure:seat-phrase",
                                   confidence=0.75 * subject.certainty * place.certainty))
    return out


def _word_place(t: Token, key: str) -> DocMention:
    """The place a single word names by its gazetteer key ("milanese" -> Milan, "Taiwanese" -> Taiwan)."""
    return DocMention(start=t.i, end=t.i + 1, type="Place", text=t.text, key=key, source="gazetteer",
                      char_start=t.idx, char_end=t.idx + len(t.text))


def _demonym_before(m: DocMention, dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """ "la triestina Aindo", "della fintech milanese Satispay": a city adjective right before the name (after an
    article, a preposition or a cue noun) says where the company is based."""
    doc = dm.doc
    k = m.start - 1
    if k < 1 or doc[k].lower_ not in lex.demonyms or not doc[k].is_lower:
        return []
    before = doc[k - 1]
    if before.pos_ not in {"DET", "ADP"} and not _org_cue_at(doc, k - 1, lex):
        return []
    place = _word_place(doc[k], lex.demonyms[doc[k].lower_])
    sent = sent_of(doc[m.start])
    return [RawRelation(subject=m, predicate="headquarteredIn", object=place, trigger=k, sent_start=sent.start_char,
                        sent_end=sent.end_char, pattern="structure:demonym", confidence=0.7 * m.certainty)]


_ARTICLES = word_set("articles")


def _demonym_after(m: DocMention, dm: DocMentions, lex: Lexicon, gaz: Gazetteer) -> RawRelation | None:
    """A city adjective read on the surface, whatever the parse: right after a reference's cue noun ("della startup
    parigina"), or closing a short description apposed to the name ("Fluidstack, fornitore londinese di ...",
    "Retelit, gruppo milanese delle telecomunicazioni")."""
    doc = dm.doc
    k = m.end
    if m.antecedent is None:
        if k + 2 >= len(doc) or doc[k].text != ",":
            return None
        k += 1
        if doc[k].lower_ in _ARTICLES:
            k += 1
        if not (doc[k].is_lower and doc[k].pos_ in {"NOUN", "ADJ"}):
            return None
        k += 1
    if k >= len(doc) or doc[k].lower_ not in lex.demonyms or not doc[k].is_lower:
        return None
    key = lex.demonyms[doc[k].lower_]
    if key not in gaz.hq_places:
        return None  # "il gruppo californiano": a state, not the city a company sits in
    place = _word_place(doc[k], key)
    sent = sent_of(doc[k])
    return RawRelation(subject=m, predicate="headquarteredIn",
                       object=place, trigger=k, sent_start=sent.start_char, sent_end=sent.end_char,
                       pattern="structure:demonym-after", confidence=0.7 * m.certainty)


def _nationality_at(doc: Doc, k: int, lex: Lexicon) -> str | None:
    """The country key of a nationality adjective at token ``k`` ("Taiwanese", "olandese"), or None."""
    if 0 <= k < len(doc) and doc[k].pos_ in {"ADJ", "PROPN", "NOUN"}:
        return lex.nationalities.get(doc[k].lower_)
    return None


def _describes_product(words: Span, lex: Lexicon) -> bool:
    """ "Swallow, a Japanese model family": the description names a product, not a company."""
    return any(w.lower_ in lex.product_heads or w.lemma_.lower() in lex.product_heads for w in words)


def _nationality_of(m: DocMention, dm: DocMentions, lex: Lexicon) -> tuple[str, int] | None:
    """The country and the adjective's token that describe the company ``m`` on the surface:

    - an adjective before a short lowercase description right before the name, or right before it ("Taiwanese
      contract manufacturers Foxconn", "the German chipmaker Infineon", "il gruppo taiwanese TSMC",
      "la taiwanese TSMC");
    - an adjective in a description apposed to the name ("Arm, the British chip designer", "Zeiss, il gruppo
      tedesco dell'ottica");
    - a country's possessive right before the name ("South Korea's SK Hynix", "Japan's Nikon").
    """
    doc = dm.doc
    if m.antecedent is not None:
        return None  # a reference ("the Dutch group") is too often resolved to another company of the text
    # before the name, over at most three lowercase description words
    k = m.start - 1
    words = 0
    while k >= 0 and words < 3 and doc[k].is_lower and doc[k].pos_ in {"NOUN", "ADJ"} and \
            doc[k].lower_ not in lex.nationalities:
        k -= 1
        words += 1
    key = _nationality_at(doc, k, lex)
    if key and (words == 0 or doc[m.start - 1].pos_ == "NOUN") and not _describes_product(doc[k + 1 : m.start], lex):
        return key, k
    # a country's possessive: "South Korea's SK Hynix"
    if m.start >= 2 and doc[m.start - 1].lower_ in {"'s", "’s"}:
        pm = dm.at(doc[m.start - 2])
        if pm is not None and pm.type == "Place" and pm.key in set(lex.nationalities.values()):
            return pm.key, pm.start
        # a city's: "Toronto's Cohere" (not "Arizona's TSMC plant": a site the company has there)
        if pm is not None and pm.type == "Place" and pm.key and pm.end == m.start - 1 and not (
                m.end < len(doc) and doc[m.end].is_lower and doc[m.end].pos_ in {"NOUN", "PROPN"}):
            return pm.key, pm.start
    # a description apposed to the name: "Name, the British chip designer" / "Name, il gruppo tedesco"
    k = m.end
    if k + 2 < len(doc) and doc[k].text == ",":
        k += 1
        if doc[k].pos_ == "DET" and doc[k].is_lower:
            k += 1
        key = _nationality_at(doc, k, lex)
        if key and k + 1 < len(doc) and doc[k + 1].is_lower and doc[k + 1].pos_ in {"NOUN", "ADJ"} and \
                not _describes_product(doc[k + 1 : k + 4], lex) and not _names_ahead(doc, k, dm, lex):
            return key, k  # (English: the adjective first)
        j = k
        while j < len(doc) and j - k < 2 and doc[j].is_lower and doc[j].pos_ == "NOUN":
            j += 1
        key = _nationality_at(doc, j, lex) if j > k else None
        if key and not _names_ahead(doc, j, dm, lex):
            return key, j  # (Italian: the noun first)
    return None


def _names_ahead(doc: Doc, k: int, dm: DocMentions, lex: Lexicon) -> bool:
    """The description from ``k`` runs into a name before its clause ends ("Evernote, il servizio olandese di
    trasferimento file WeTransfer"): it introduces that name, not the one before the comma."""
    for x in doc[k + 1 : min(len(doc), k + 8)]:
        m = dm.at(x)
        if m is not None and m.type == "Organization" and m.antecedent is None and m.source != "coref":
            return True
        if not (x.is_lower and x.pos_ in {"NOUN", "ADJ", "ADP", "DET"}) or x.lower_ in lex.relative_pronouns:
            return False  # (a clause of its own: "Mellanox, la società israeliana che Nvidia ha acquistato")
    return False


def _plural_description_before(m: DocMention, k: int, doc: Doc) -> bool:
    """ "Taiwanese contract manufacturers Foxconn and Wistron": the adjective at ``k`` opens a plural description
    right before the name, which the rest of the list shares."""
    return k < m.start - 1 and ("Number=Plur" in str(doc[m.start - 1].morph) or doc[m.start - 1].tag_ == "NNS")


def _nationality_seats(dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """Companies described by a nationality (``_nationality_of``) are based in that country; the list the name
    opens shares the description ("Taiwanese contract manufacturers Foxconn and Wistron"). A seat read this way
    gives way to any other seat the document states for the company (see ``kg.parallel``)."""
    if not lex.nationalities:
        return []
    from kg.extract.entities import known_place_names

    doc = dm.doc
    out: list[RawRelation] = []
    described: dict[int, tuple[str, int]] = {}  # mention end -> (country, adjective) of the list it ends
    for m in sorted(dm.mentions, key=lambda x: x.start):
        if m.target.type != "Organization":
            continue
        if m.target.text.lower() in lex.nationalities or m.target.text in known_place_names():
            continue  # "Swiss German": a language, not a company
        found = _nationality_of(m, dm, lex)
        if found is None and m.antecedent is None and m.start >= 2 and doc[m.start - 1].lower_ in {"and", "e", ","}:
            found = described.get(m.start - 1)  # the next item of a described list
        if found is None:
            continue
        key, k = found
        if _plural_description_before(m, k, doc):
            described[m.end] = found
        sent = sent_of(doc[m.start])
        out.append(RawRelation(subject=m, predicate="headquarteredIn", object=_word_place(doc[k], key), trigger=k,
                               sent_start=sent.start_char, sent_end=sent.end_char, pattern="structure:nationality",
                               confidence=0.6 * m.certainty))
    return out


def _places_before_descriptions(dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """A place name opening a description of a company is where the company is based, read on the surface:
    "Paris start-up H Company", "Tel Aviv chip designer NeuroLattice" (the name after the description),
    "MGX, the Abu Dhabi AI investment fund" (the name the description is apposed to), "the Turin company builds"
    (the company the definite description refers to). Up to four lower-case or all-capital words may stand between
    the place and the cue noun ("robotics", "AI investment"); a place governed by a preposition or followed by
    "-based" is left to the patterns that read those."""
    doc = dm.doc
    out: list[RawRelation] = []
    for pm in list(dm.mentions):
        if pm.type != "Place" or pm.antecedent is not None or pm.end >= len(doc):
            continue
        sent = sent_of(doc[pm.start])
        before = doc[pm.start - 1] if pm.start > sent.start else None
        after_preposition = before is not None and before.pos_ == "ADP"
        if before is not None and before.lower_ not in _DETERMINERS and not before.is_punct and not after_preposition:
            continue  # "Nvidia's Taiwan plant": not a description that opens with the place
        cue_end = 0
        j = pm.end
        while j < min(sent.end, pm.end + 5):
            cue_end = _org_cue_at(doc, j, lex)
            if cue_end:
                break
            x = doc[j]
            if x.i in dm.by_token or not (x.is_lower or (x.is_upper and len(x) <= 4)) or x.is_punct:
                break
            j += 1
        if not cue_end or cue_end > sent.end:
            continue
        subject = None
        nxt = dm.by_token.get(cue_end) or (dm.by_token.get(cue_end + 1) if cue_end < sent.end and
                                           doc[cue_end].text == "," else None)
        if nxt is not None and nxt.start in {cue_end, cue_end + 1} and nxt.target.type == "Organization" \
                and nxt.antecedent is None:
            subject = nxt  # "Paris start-up H Company"
        elif after_preposition:
            continue  # "in Paris": only "bets on Tel Aviv chip designer NeuroLattice" (a name after) is read
        elif before is not None and before.lower_ in _DETERMINERS and pm.start - 2 >= sent.start and \
                doc[pm.start - 2].text == ",":
            left = dm.by_token.get(pm.start - 3)
            if left is not None and left.end == pm.start - 2 and left.target.type == "Organization":
                subject = left  # "MGX, the Abu Dhabi AI investment fund"
        elif before is not None and before.lower_ == "the":
            ref = dm.by_token.get(cue_end - 1)
            if ref is not None and ref.source == "coref" and ref.target.type == "Organization":
                subject = ref  # "The Turin company builds ..."
        if subject is None or subject.target is pm:
            continue
        out.append(RawRelation(subject=subject, predicate="headquarteredIn", object=pm, trigger=cue_end - 1,
                               sent_start=sent.start_char, sent_end=sent.end_char,
                               pattern="structure:place-description",
                               confidence=0.7 * subject.certainty * pm.certainty))
    return out


def _known_maker_nearby(m: DocMention, dm: DocMentions, gaz: Gazetteer, seen: set[str]) -> DocMention | None:
    """ "Apple is in talks with Google about a custom version of Gemini": a product the gazetteer knows, named in
    the same sentence as its maker, is that maker's (once per product and document)."""
    entry = gaz.entries.get(m.key or "") or _product_line(m, gaz)
    if entry is None or not entry.org or m.identity in seen:
        return None
    sent = sent_of(dm.doc[m.start])
    for x in dm.mentions:
        if sent.start <= x.start < sent.end and x.antecedent is None and x.key == entry.org:
            seen.add(m.identity)
            return x
    return None


def _product_line(m: DocMention, gaz: Gazetteer) -> GazetteerEntry | None:
    """The known product line of a model named with its number ("iPhone 16e" -> iPhone)."""
    words = m.text.split()
    if len(words) < 2 or not any(ch.isdigit() for ch in words[-1]):
        return None
    hits = [h for h in gaz.lookup(" ".join(words[:-1])) if h.type == "Product"]
    return hits[0] if len(hits) == 1 else None


def _related(gaz: Gazetteer, a: str, b: str) -> bool:
    """One organisation owns the other, directly or through a parent (gazetteer ``parent`` links)."""
    def chain(k: str) -> set[str]:
        out = set()
        while k and k not in out and k in gaz.entries:
            out.add(k)
            k = gaz.entries[k].parent or ""
        return out
    return a in chain(b) or b in chain(a)


def extract_structural(dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """Relations carried by noun-phrase structure alone: "Meta's Llama models", "Nvidia H100 chips",
    "la società milanese" (a city adjective on a reference to a company)."""
    out: list[RawRelation] = []
    doc = dm.doc
    gaz = default_gazetteer()
    for m in list(dm.mentions):
        if m.target.type != "Organization":
            continue
        head = doc[m.end - 1]
        surface = _demonym_after(m, dm, lex, gaz)
        if surface is not None:
            out.append(surface)
            continue
        if m.antecedent is None:
            out.extend(_place_in_apposition(m, dm, lex))
            out.extend(_demonym_before(m, dm, lex))
            # "la startup parigina Mistral AI": the city adjective sits on the generic noun the name hangs on
            first = doc[m.start]
            head = first.head
            if first.dep_ not in {"nmod", "appos", "flat", "flat:name", "compound"} or head.i == first.i or \
                    head.pos_ != "NOUN" or head.lemma_.lower() not in lex.cue_nouns or \
                    any(g.dep_ == "case" for g in first.children):
                continue
        for c in head.children:
            pm = dm.at(c) if m.antecedent is None and c.dep_ == "compound" and c.i < head.i else None
            if pm is not None and pm.type == "Place" and pm is not m and head.pos_ == "NOUN":
                # "the San Jose company Lambda": a place name modifying the generic noun the name hangs on
                sent = sent_of(head)
                out.append(RawRelation(subject=m, predicate="headquarteredIn", object=pm, trigger=c.i,
                                       sent_start=sent.start_char, sent_end=sent.end_char,
                                       pattern="structure:place-modifier", confidence=0.7 * m.certainty * pm.certainty))
                continue
            place = lex.demonyms.get(c.lower_)
            if place and c.dep_ in {"amod", "nmod"}:
                sent = sent_of(head)
                p = _word_place(c, place)
                out.append(RawRelation(subject=m, predicate="headquarteredIn", object=p, trigger=c.i,
                                       sent_start=sent.start_char, sent_end=sent.end_char,
                                       pattern="structure:demonym", confidence=0.7 * m.certainty))
    out.extend(_nationality_seats(dm, lex))
    for m in list(dm.mentions):
        # "Project Rainier, its new AI cluster in Indiana": a place in an apposition locates the name
        if m.antecedent is None and m.type in {"Project", "Product", "Organization"} and not (
                m.type == "Product" and m.key in gaz.entries):  # a known product is no site ("B200 cluster")
            head = doc[m.end - 1]
            nouns = [ap for ap in head.children if ap.dep_ == "appos" and ap.pos_ == "NOUN"]
            if (m.type != "Organization" and head.pos_ == "NOUN") or m.type == "Project":
                # a common noun inside the name: "the Colossus supercomputer in Memphis"; a project's own name:
                # "its Carbon Free Power Project in Utah"
                nouns.append(head)
            elif m.type != "Organization" and head.dep_ == "compound" and head.head.pos_ == "NOUN":
                nouns.append(head.head)  # "its Ohio One complex in New Albany"
            root = doc[m.start:m.end].root
            if m.type != "Organization" and root.dep_ in {"oprd", "attr", "xcomp"} and root.head.dep_ in {"acl", "amod"} \
                    and root.head.lemma_.lower() in NAMING_VERBS:
                nouns += [root.head, root.head.head]  # "a reactor called Hermes in Oak Ridge"
            # "il suo Hyper Cloud Data Center di Roma": of a place, for a site
            wanted = {"in", "a", "di"} if m.type == "Project" else {"in", "a"}
            for ap in nouns:
                for name, pl in prepositions(ap, lex):
                    if name in wanted:
                        pm = dm.at(pl)
                        if pm is not None and pm.type == "Place" and pl.dep_ in {"pobj", "nmod", "obl"}:
                            pred = "headquarteredIn" if m.type == "Organization" else "locatedIn"
                            sent = sent_of(head)
                            out.append(RawRelation(subject=m, predicate=pred, object=pm, trigger=ap.i,
                                                   sent_start=sent.start_char, sent_end=sent.end_char,
                                                   pattern="structure:appositive-place",
                                                   confidence=0.7 * m.certainty * pm.certainty))
    out.extend(_places_before_descriptions(dm, lex))
    out.extend(_of_place_seats(dm))
    out.extend(_seat_phrases(dm, lex))
    out.extend(_national_units(dm))
    out.extend(_possessed_companies(dm))
    out.extend(_apposed_units(dm, lex))
    out.extend(_mutual_rivals(dm, lex))
    seen_products: set[str] = set()
    for m in list(dm.mentions):
        if m.type != "Product" or m.antecedent is not None:
            continue
        nxt = doc[m.end] if m.end < len(doc) else None
        if nxt is not None and nxt.lower_ in word_set("sold_units") | word_set("site_nouns"):
            continue  # "Samsung's Device Solutions chip division", "its M16 fab": a unit or a site, no product
        if m.start >= 2 and doc[m.start - 1].lower_ in {"of", "di"} and \
                doc[m.start - 2].lemma_.lower() in word_set("takeover_words") | {"acquisizione", "acquisto"}:
            continue  # "its purchases of Instagram and WhatsApp": companies bought, not products
        org = owner_of_product(m, dm) or _maker_in_name(m, dm) or _known_maker_nearby(m, dm, gaz, seen_products)
        if org is None or org.target.type != "Organization":
            continue
        maker = gaz.entries.get(m.key or "")
        if maker is not None and maker.org and org.target.key not in {None, maker.org} and not _related(
                gaz, maker.org, org.target.key):
            # "have Corning make the glass for its iPhones", "i chip Grace Blackwell per Mistral Compute": not the
            # maker the gazetteer knows (its parent or unit will do: "Google's Distributed Cloud")
            continue
        sent = sent_of(doc[m.start])
        c = 0.8 * m.certainty * org.certainty
        out.append(RawRelation(subject=m, predicate="productOf", object=org, trigger=m.start,
                               sent_start=sent.start_char, sent_end=sent.end_char, pattern="structure:possessive",
                               confidence=c))
    return out
