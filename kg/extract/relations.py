"""Trigger-based relation extraction over the dependency parse.

For every token whose lemma is a trigger in the language's lexicon, the trigger's argument slots
(``kg.extract.syntax``) give the tokens of its subject and object; those are mapped to mentions
(named, coreferent, or an ad-hoc proper noun), expanded over coordination, checked against the
predicate's domain and range, and returned as ``RawRelation`` with attributes and a confidence.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract.attributes import Money, find_dates, find_money, find_phrase, modality_of
from kg.extract.coref import coordinated_names, first_person_org
from kg.extract.entities import NAMING_VERBS, common_words, known_place_names, org_words_of
from kg.extract.lexicon import Lexicon, Trigger, count_words, load_lexicon, name_genders, surnames, word_set
from kg.extract.mentions import DocMention, DocMentions, adhoc_mention, category_of
from kg.extract.syntax import (
    APPOS,
    AUX_DEPS,
    CONJ,
    LIGHT_OBJECTS,
    PASS_SUBJ,
    POSS,
    RELCL,
    SUBJ,
    conjuncts,
    described_by_apposition,
    governor,
    is_passive,
    overt_subjects,
    phrasal_lemma,
    prepositions,
    slot_tokens,
)
from kg.extract.tokens import doc_tokens, sent_of
from kg.resolve.gazetteer import Gazetteer
from kg.vocab import predicates


@dataclass(eq=False)
class RawRelation:
    """A relation between two mentions of one document, before entity resolution."""

    subject: DocMention
    predicate: str
    object: DocMention
    trigger: int  # token index
    sent_start: int  # char offsets of the evidence sentence
    sent_end: int
    pattern: str
    confidence: float
    modality: str = "completed"
    amount: float | None = None
    currency: str | None = None
    date: str | None = None


_ARG_DEPS = {"compound", "appos", "flat", "flat:name", "nmod", "npadvmod"}


def mention_for(t: Token, dm: DocMentions, lex: Lexicon, allow_adhoc: bool = True) -> DocMention | None:
    """The mention a slot token stands for: itself, a name inside its phrase, or an ad-hoc proper noun."""
    m = dm.at(t)
    if m is not None:
        return m
    # "the startup Mistral AI" / "la società Domyn": name attached to a generic head
    cue_type = lex.cue_nouns.get(t.lemma_.lower(), ("",))[0]  # what the head noun names, when it is a cue noun
    for c in t.children:
        if c.dep_ in {"appos", "compound", "flat", "flat:name", "nmod"} and (c.dep_ != "nmod" or not any(g.dep_ == "case" for g in c.children)):
            m = dm.at(c)
            if m is None:
                continue
            if c.dep_ in {"compound", "nmod"} and c.i < t.i and cue_type == "Organization" and (
                    m.target.type == "Product" or t.dep_ == "appos" and dm.at(described_by_apposition(t)) is not None):
                continue  # "Riot Games, the League of Legends studio": the company that makes it, not the game
            if c.dep_ == "compound" and cue_type == "Person" and m.target.type != "Person":
                continue  # "a former Google DeepMind researcher": the employer, not the person
            if c.dep_ != "compound" or t.lemma_.lower() in lex.cue_nouns or t.text.rstrip(".") in lex.org_suffixes \
                    or t.text in lex.org_suffixes:
                return m  # "the startup Mistral AI", "Nuvia Inc" with the suffix as the phrase's head
            if m.target.type in {"Product", "Project"} and t.pos_ == "NOUN":  # "the Devin coding agent", "il progetto IT4LIA"
                return m
    # "Japan's government approved ¥802.5 billion for Rapidus", "il governo del Giappone": the country acting as a
    # state (a government noun of `government_nouns` over a place)
    if t.pos_ == "NOUN" and t.lemma_.lower() in word_set("government_nouns"):
        for c in t.children:
            m = dm.at(c)
            if m is not None and m.target.type == "Place" and (c.dep_ in {"poss", "nmod:poss"} or (
                    c.dep_ in {"nmod", "prep", "pobj"} and c.i > t.i)):
                return _government_of(m.target, t, dm) or m
            if c.dep_ == "prep" and c.lower_ == "of":
                m = next((dm.at(g) for g in c.children if g.dep_ == "pobj" and dm.at(g) is not None), None)
                if m is not None and m.target.type == "Place":
                    return _government_of(m.target, t, dm) or m
    # "l'israeliana Annapurna Labs", "dell'americana Grubhub": a nationality adjective standing as the noun, the
    # name right after it (which the parser hangs elsewhere) is what it stands for
    if t.is_lower and t.pos_ in {"ADJ", "NOUN"} and t.i + 1 < len(t.doc) and (
            t.lower_ in lex.nationality_words or t.lower_ in lex.demonyms):  # also "la triestina Aindo"
        m = dm.at(t.doc[t.i + 1])
        if m is not None and m.start == t.i + 1 and m.target.type == "Organization":
            return m
    # "il supercomputer davinci-1": a product name the parser took for an adjective of its generic noun
    for c in t.children:
        m = dm.at(c) if c.dep_ == "amod" and t.pos_ == "NOUN" else None
        if m is not None and m.target.type in {"Product", "Project"}:
            return m
    # "the London-based startup Stability AI" parsed with the generic noun as a modifier of the name
    if t.dep_ == "compound" and t.pos_ == "NOUN" and (t.lemma_.lower() in lex.cue_nouns or t.lower_ in lex.cue_nouns):
        m = dm.at(t.head)
        if m is not None and m.target.type in {"Organization", "Person"}:
            return m
    # "the AI infrastructure platform" in apposition to a name stands for the name
    if t.dep_ == "appos" and t.pos_ == "NOUN":
        named = described_by_apposition(t)
        if named is not t.head:
            # "Nvidia, General Catalyst and AMP, the fund run by ...": an apposition after a list, hung on its
            # first name by the parser, describes the last one
            m = dm.at(named) or (adhoc_mention(named, lex) if allow_adhoc else None)
            if m is not None and dm.at(named) is None:
                dm.add(m)
            if m is not None:
                return m
        m = dm.at(named)
        if m is not None:
            return m
        # "Parliamo di Fluidstack, fornitore londinese ..." with the apposition hung on the verb: the name right
        # before the comma that opens it
        k = t.left_edge.i if t.left_edge.text == "," else t.left_edge.i - 1
        if k > 0 and t.doc[k].text == ",":
            m = dm.by_token.get(k - 1)
            if m is not None and m.end == k and m.target.type in {"Organization", "Person"}:
                return m
    if allow_adhoc:
        m = adhoc_mention(t, lex)
        if m is not None:
            dm.add(m)
            return m
    return None


def _government_of(place: DocMention, t: Token, dm: DocMentions) -> DocMention | None:
    """ "Canada's federal government": the gazetteer's government of the place (an entry with the alias
    "Government of Canada"), as a mention over the phrase; None when the gazetteer has none."""
    from kg.resolve.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    label = gaz.entries[place.key].label if place.key in gaz.entries else place.text
    hits = [e for e in gaz.lookup(f"Government of {label}") if e.type == "Organization"]
    if len(hits) != 1:
        return None
    start, end = min(place.start, t.i), max(place.end, t.i + 1)
    doc = dm.doc
    return DocMention(start=start, end=end, type="Organization", text=doc[start:end].text, key=hits[0].key,
                      source="gazetteer", char_start=doc[start].idx, char_end=doc[end - 1].idx + len(doc[end - 1].text))


def _named_venture(t: Token, dm: DocMentions) -> bool:
    """The venture noun ``t`` stands for a name: a reference resolved to one, or a phrase set off after a name
    ("Sony Honda Mobility, la joint venture paritetica tra ...", "Flash Ventures, its long-standing manufacturing
    joint venture with Kioxia")."""
    doc = dm.doc
    if dm.at(t) is not None or (t.dep_ == "appos" and dm.at(t.head) is not None):
        return True
    i = t.i
    while i > max(0, t.i - 6) and doc[i - 1].is_lower and doc[i - 1].pos_ in {"DET", "ADJ", "NOUN", "PRON", "ADV"}:
        i -= 1
    m = dm.by_token.get(i - 2) if i >= 2 and doc[i - 1].text == "," else None
    return m is not None and m.end == i - 1 and m.antecedent is None and m.type in {"Organization", "Project"}


def _as_maker(m: DocMention, gaz: Gazetteer) -> DocMention | None:
    """An organisation mention, or the maker of a known product mention."""
    target = m.target
    if target.type == "Organization":
        return m
    if target.type == "Product" and target.key and target.key in gaz.entries and gaz.entries[target.key].org:
        return DocMention(start=m.start, end=m.end, type="Organization", text=m.text,
                          key=gaz.entries[target.key].org, source="gazetteer", char_start=m.char_start,
                          char_end=m.char_end)
    return None


_OFFERING_STOP = {"relcl", "acl:relcl", "acl", "appos", "advcl", "ccomp", "conj", "parataxis"}


def _product_maker(t: Token, dm: DocMentions, lex: Lexicon, gaz: Gazetteer, direct_org: bool = True) -> DocMention | None:
    """For "uses Nvidia's chips", "chips from Nvidia", "a gigawatt of AMD's GPUs", "Microsoft's Azure":
    the organisation behind an offering (searched in the phrase, not in clauses attached to it)."""
    m = dm.at(t)
    if m is not None:
        if direct_org or m.target.type == "Product":
            return _as_maker(m, gaz)
        return None
    frontier = [(t, 0)]
    while frontier:
        x, depth = frontier.pop(0)
        for c in x.children:
            if c.dep_ in _OFFERING_STOP or depth >= 4:
                continue
            cm = dm.at(c)
            if cm is None and c.dep_ in {"poss", "nmod:poss"}:
                cm = adhoc_mention(c, lex)  # "Poolside's models": an owner the model did not tag
                if cm is not None:
                    dm.add(cm)
            if cm is not None and c.dep_ in {"poss", "compound", "nmod:poss", "pobj", "nmod", "obl", "det:poss"}:
                if c.dep_ in {"pobj"} and lex.preposition_map.get(x.lower_, x.lower_) not in {"from", "by", "of", "on"}:
                    continue
                if c.dep_ in {"nmod", "obl"}:
                    case = " ".join(g.lower_ for g in c.children if g.dep_ == "case")
                    if case and lex.preposition_map.get(case, case) not in {"da", "di", "su"}:
                        continue
                mk = _as_maker(cm, gaz)
                if mk is not None:
                    return mk
                continue
            frontier.append((c, depth + 1))
    return None


#: per document being processed: the latest investee of a funding round, for "joined the round"
_FUNDING_CONTEXT: dict[int, tuple[DocMention, int]] = {}
#: per document being read: the company the latest investment read was in, and the trigger's token index
_HOLDING_CONTEXT: dict[int, tuple[DocMention, int]] = {}


_LISTING = {"including", "include", "like", "such", "notably", "among", "tra", "fra", "come", "inclusi", "incluse"}


def _listed_names(t: Token, dm: DocMentions) -> list[DocMention]:
    """Names listed under a generic noun: "investors including A and B", "gruppi come A e B"."""
    out: list[DocMention] = []
    for c in t.children:
        if c.dep_ in {"relcl", "acl:relcl"} and c.lemma_.lower() in _LISTING_VERBS:
            # "from a group that includes Bosch, SAP and Schwarz Group", "un consorzio che comprende A e B"
            for o in c.children:
                if o.dep_ in {"dobj", "obj"}:
                    out.extend(m for x in conjuncts(o) if (m := dm.at(x)) is not None and m not in out)
            continue
        if c.dep_ in {"nmod", "obl"} and any(g.dep_ == "case" and g.lower_ in _LISTING for g in c.children):
            # UD: "investitori come Nvidia e Salesforce" has "come" as the case of the first name
            out.extend(m for x in conjuncts(c) if (m := dm.at(x)) is not None and m not in out)
            continue
        such_as = c.lower_ == "as" and c.i > 0 and t.doc[c.i - 1].lower_ == "such"  # "such" an amod, "as" a prep
        if c.lower_ not in _LISTING and not (c.lower_ == "such" or c.dep_ == "amod" and c.lower_ == "such") \
                and not such_as:
            continue
        targets = [g for g in c.children if g.dep_ in {"pobj", "prep", "nmod", "obl"}]
        if c.dep_ in {"case", "mark"}:
            targets = [c.head]
        for g in targets:
            if g.dep_ == "prep":  # "such as X"
                targets.extend(x for x in g.children if x.dep_ == "pobj")
                continue
            for x in conjuncts(g):
                m = dm.at(x)
                if m is not None and m not in out:
                    out.append(m)
    return out or _names_after_listing(t, dm)


#: verbs of a relative clause that lists the members of a group ("a group that includes A and B")
_LISTING_VERBS = frozenset({"include", "comprise", "feature", "count", "comprendere", "includere", "annoverare"})

_LIST_OPENERS = {("tra", "cui"), ("fra", "cui"), ("tra", "i"), ("fra", "i"), ("tra", "le"), ("fra", "le")}
_LIST_GLUE = {",", "e", "ed", "o", "and", "or", "anche", "oltre", "a"}


def _names_after_listing(t: Token, dm: DocMentions) -> list[DocMention]:
    """Surface fallback when the parser breaks the list: "da investitori tra cui A, B e C" (also "tra i quali",
    "tra le quali", and an example marker right after the noun: "si misura con rivali come A e B"): the names
    right after the opener, up to the first word that is neither a name nor glue."""
    doc = t.doc
    j = t.i + 1
    if j + 2 < sent_of(t).end and doc[j].text == "," and (doc[j + 1].lower_, doc[j + 2].lower_) in _LIST_OPENERS:
        j += 1  # "diversi hyperscaler, tra cui Microsoft"
    opener = j + 1 < sent_of(t).end and (doc[j].lower_, doc[j + 1].lower_) in _LIST_OPENERS
    marked = _phrase_end(doc, j, sent_of(t).end, word_set("example_markers")) if t.pos_ == "NOUN" else None
    if opener:
        j += 2
        if doc[j - 1].lower_ in {"i", "le"}:
            if j >= sent_of(t).end or doc[j].lower_ not in {"quali", "quale"}:
                return []
            j += 1
    elif marked is not None:
        j = marked
    elif (counted := _counted_colon_list(t, dm)):
        return counted
    else:
        # "un gruppo di investitori tra cui A e B": the list hangs on the noun after "di"
        inner = next((c for c in t.children if c.dep_ == "nmod" and c.i == t.i + 2 and doc[t.i + 1].lower_ == "di"), None)
        return _names_after_listing(inner, dm) if inner is not None else []
    out: list[DocMention] = []
    while j < sent_of(t).end:
        m = dm.at(doc[j])
        if m is not None:
            if m not in out:
                out.append(m)
            j = max(j + 1, m.end)
        elif doc[j].lower_ in _LIST_GLUE:
            j += 1
        else:
            break
    return out


#: "tra gli altri", "among others": an aside before the names it qualifies
_AMONG_OTHERS = (("tra", "gli", "altri"), ("fra", "gli", "altri"), ("tra", "le", "altre"), ("fra", "le", "altre"),
                 ("among", "others"))


def _among_others_end(doc: Doc, k: int, end: int) -> int | None:
    """The index after an "among others" aside starting at ``k`` (with its commas), else None."""
    j = k + 1 if doc[k].text == "," else k
    for words in _AMONG_OTHERS:
        if j + len(words) <= end and tuple(doc[x].lower_ for x in range(j, j + len(words))) == words:
            j += len(words)
            return j + 1 if j < end and doc[j].text == "," else j
    return None


def _clause_head(t: Token) -> Token:
    """The verb (or the root) of the clause ``t`` stands in."""
    x = t
    while x.pos_ not in {"VERB", "AUX"} and x.head.i != x.i:
        x = x.head
    return x


def _counted_colon_list(t: Token, dm: DocMentions) -> list[DocMention]:
    """ "rilevare tre controllate di Northvolt: Northvolt Ett, che gestisce ..., Northvolt Labs, ... e Northvolt
    Drei", "bought two start-ups: A and B": a noun counted in words or figures, its phrase ended by a colon, stands
    for the names that open the items after it, over the asides between them, when there are exactly as many."""
    count = next((n for c in t.children if c.dep_ in {"nummod", "det", "amod"}
                  and (n := count_words().get(c.lower_) or (int(c.text) if c.text.isdigit() else 0)) >= 2), 0)
    doc = t.doc
    # the colon right after the noun's own words (the parser may hang the listed names on them too)
    colon = next((x for x in range(t.i + 1, min(len(doc), t.i + 16)) if doc[x].text == ":"), len(doc))
    if colon >= len(doc) or any(not t.is_ancestor(doc[x]) for x in range(t.i + 1, colon)):
        return []
    if not count and not ("Number=Plur" in str(t.morph) and any(c.dep_ in RELCL for c in t.children)):
        return []  # (uncounted: "the siblings who co-founded Anthropic: Dario Amodei ... and Daniela Amodei")
    # (the parser may start a sentence at the colon: the list runs to the full stop)
    end = next((x for x in range(colon, len(doc)) if doc[x].text in {".", "!", "?"} or "\n" in doc[x].text), len(doc))
    out: list[DocMention] = []
    j = colon + 1
    while j < end and (not count or len(out) <= count):
        k = j
        while k < end and doc[k].lower_ in word_set("articles"):
            k += 1
        m = dm.at(doc[k]) if k < end else None
        if m is None or m.start != k or m.antecedent is not None or \
                m.target.type not in {"Organization", "Person", "Product", "Project"}:  # (not "il progetto")
            if not out:
                return []
        elif m not in out:
            out.append(m)
        # the next item opens after a comma or "e"/"and", past whatever aside this one carries
        j = next((x + 1 for x in range(max(j, m.end if m is not None and m.start == k else j), end)
                  if doc[x].text in {",", ";"} or doc[x].lower_ in word_set("list_joins")), end)
    if not count:
        return out if len(out) >= 2 and len({m.target.type for m in out}) == 1 else []
    return out if len(out) == count else []


def _singular_relative_on(t: Token, tok: Token) -> bool:
    """ "TSMC, which makes processors for Apple, and Samsung remain ahead": a relative clause with a singular verb
    on the first name of a coordination is about that name alone."""
    clause = t
    while clause.dep_ in CONJ | {"xcomp"} and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ not in RELCL or clause.head.i != tok.i:
        return False
    verbs = [clause] + [c for c in clause.children if c.dep_ in AUX_DEPS]
    return not any("Number=Plur" in str(v.morph) or v.tag_ == "VBP" for v in verbs) and \
        any("Number=Sing" in str(v.morph) or v.tag_ == "VBZ" for v in verbs)


def _relative_right_after(clause: Token, m: DocMention) -> bool:
    """The relative pronoun of ``clause`` follows the name ``m`` (over a comma), wherever the parser hung the
    clause: "TSMC, which makes ..., and Samsung"."""
    return any(c.dep_ in SUBJ | {"obj", "dobj"} and (c.tag_ in {"WDT", "WP"} or "PronType=Rel" in str(c.morph))
               and c.i - m.end in {0, 1} for c in clause.children)


def _coordinated(tok: Token, dm: DocMentions) -> list[Token]:
    """``tok``, its conjuncts, and names listed in apposition to it ("DST Global, Andreessen Horowitz, ...")."""
    out = conjuncts(tok)
    for x in list(out):
        for c in x.children:
            mx = dm.at(x)
            if mx is not None and mx.type == "Place":
                continue  # "Veldhoven, the Netherlands": the most specific place only
            if c.dep_ == "appos" and dm.at(c) is not None and mx is not None and c not in out:
                out.extend(y for y in conjuncts(c) if y not in out)
    return out


_DUAL = {"due", "two", "entrambe", "entrambi", "both"}


def _pair_reference(t: Token, dm: DocMentions, lex: Lexicon) -> list[DocMention]:
    """ "le due aziende hanno stretto una partnership", "both rely on TSMC": the last two organisations named
    before, within the sentence and the two before it."""
    bare = t.lower_ in _DUAL and t.pos_ in {"PRON", "DET", "NOUN", "ADJ"} and not any(
        c.dep_ in {"prep", "case"} for c in t.children)  # "both rely on TSMC", not "both of them"
    if not bare:
        if t.pos_ != "NOUN" or dm.at(t) is not None or t.lemma_.lower() not in lex.cue_nouns and t.lower_ not in lex.cue_nouns:
            return []
        if not any(c.lower_ in _DUAL and c.dep_ in {"nummod", "det", "amod"} for c in t.children):
            return []
    sents = [s.start for s in t.doc.sents if s.start <= sent_of(t).start]
    lo = sents[max(0, len(sents) - 3)]
    out: list[DocMention] = []
    for m in sorted(dm.mentions, key=lambda m: -m.start):
        if m.start >= t.i or m.start < lo or m.antecedent is not None or m.type != "Organization":
            continue
        if all((m.key or m.text.lower()) != (x.key or x.text.lower()) for x in out):
            out.append(m)
        if len(out) == 2:
            return out
    return []


def _slot_mentions(t: Token, slots: tuple[str, ...], trig: Trigger, dm: DocMentions, lex: Lexicon,
                   gaz: Gazetteer, types: tuple[str, ...] = (),
                   exclude: tuple[DocMention, ...] = ()) -> tuple[list[DocMention], str]:
    """Mentions filling the first slot (in lexicon order) that yields any of the allowed ``types``
    ("Europe's best-funded challenger to OpenAI": the possessor is a place, so the apposition is the subject)."""
    for slot in slots:
        ms, name = _one_slot(t, slot, trig, dm, lex, gaz)
        prep = slot.rpartition(">")[2]
        if ms and prep.startswith("prep:") and "@" not in prep:
            first = min(ms, key=lambda x: x.start)
            ms = ms + [x for x in _repeated_preposition(first, prep[5:], dm) if x not in ms]
        elif ms and slot in {"subj", "agent"}:
            # "Vantage is backed by Boca Raton-based DigitalBridge and by Silver Lake": the agent repeated
            first = min(ms, key=lambda x: x.start)
            k = first.start - 1
            while k > 0 and k > first.start - 6 and dm.doc[k].lower_ not in {"by", "da"} and (
                    dm.doc[k].pos_ in {"DET", "ADJ", "PROPN"} or dm.doc[k].text == "-"
                    or dm.doc[k].lower_ in {"based", "headquartered"}):
                k -= 1  # (over "Boca Raton-based")
            if k >= 0 and dm.doc[k].lower_ in {"by", "da"}:
                ms = ms + [x for x in _repeated_preposition(first, dm.doc[k].lower_, dm) if x not in ms]
        if "Organization" in types and "Place" not in types and not trig.subject_types:
            for m in ms:
                _retype_mistaken_place(m.target, dm)
        if tuple(types) == ("Place",):
            for m in ms:
                _retype_mistaken_organisation(m.target)
        if tuple(types) == ("Product",) and trig.names_products:
            for m in ms:
                _retype_mistaken_product(m.target, lex, dm)
        if types:
            # only what must be a company ("sold Weta Digital to Unity") may be a person the model mistyped
            company_only = "Organization" in types and "Person" not in types
            # (a multiword name only for triggers of companies: "sold Weta Digital to Unity")
            multiword = "object_is_org" in trig.requires
            if tuple(types) == ("Person",):
                for m in ms:
                    _retype_untyped_person(m.target, lex, dm=dm)  # "fondata insieme a Sehat Sutardja e Weili Dai"
            ms = [m for m in ms if m.target.type in types or (m.target.type == "Product" and "Organization" in types)
                  or (company_only and _mistyped_person(m.target, lex, dm, multiword))]
        if exclude and slot == "listing_topic" and any(m.target is x.target for m in ms for x in exclude):
            ms = []  # "Alibaba, Tencent e Xiaomi figurano tra gli azionisti": not of Alibaba, the company in question
        if exclude:  # the object is not the subject found by another slot
            ms = [m for m in ms if all(m.target is not x.target for x in exclude)]
        if slot != "self" and t.pos_ == "NOUN":
            # the trigger's own reference is none of its parties ("ArianeGroup, the joint venture of Airbus and
            # Safran": "joint" is no partner of the venture "joint venture" stands for)
            ms = [m for m in ms if not (m.antecedent is not None and m.start <= t.i < m.end)]
        if ms:
            return ms, name
    return [], ""


@lru_cache(maxsize=64)
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    return frozenset(p.split()[0] for p in phrases if p)


def _phrase_end(doc: Doc, j: int, end: int, phrases: frozenset[str]) -> int | None:
    """The index after the longest of ``phrases`` (up to three words, lowercase) starting at token ``j``, else
    None."""
    if j >= end or doc[j].lower_ not in _first_words(phrases):
        return None
    for n in (3, 2, 1):
        if j + n <= end and " ".join(doc[k].lower_ for k in range(j, j + n)) in phrases:
            return j + n
    return None


def _names_from(doc: Doc, j: int, end: int, dm: DocMentions, skip: frozenset[str] | set[str] = frozenset()
                ) -> list[DocMention]:
    """The name starting at token ``j`` (past articles and the ``skip`` words) and the names listed with it."""
    while j < end and (doc[j].lower_ in skip or doc[j].pos_ == "DET"):
        j += 1
    m = dm.at(doc[j]) if j < end else None
    return _with_listed(m, dm) if m is not None and m.start == j else []


def _names_before_listing_verb(doc: Doc, among: int, start: int, dm: DocMentions) -> list[DocMention]:
    """ "Anche Google figura tra i soci", "Altman resta tra gli azionisti", "Nvidia is among its backers": the
    name (and the names listed with it) right before a listing or staying verb that opens the "among" phrase at
    token ``among``."""
    k = among - 1
    passing = word_set("passing_adverbs")
    while k > start and doc[k].lower_ in passing:
        k -= 1
    verbs = word_set("listing_verbs") | word_set("staying_verbs")
    if k <= start or doc[k].lower_ not in verbs:
        return []
    k -= 1
    while k >= start and doc[k].lower_ in passing:
        k -= 1
    m = dm.at(doc[k]) if k >= start else None
    if m is None or m.end != k + 1:
        return []
    names = [m]
    j = m.start - 1  # "Nvidia e SoftBank figurano tra i soci"
    while j > start and doc[j].lower_ in word_set("list_joins") | {","}:
        prev = dm.at(doc[j - 1])
        if prev is None or prev.end != j:
            break
        names.insert(0, prev)
        j = prev.start - 1
    return names


def _with_listed(m: DocMention, dm: DocMentions) -> list[DocMention]:
    """``m`` and the other names of the written list it opens."""
    return [m] + [x for x in _surface_list(m, dm) if x is not m]


def _repeated_preposition(m: DocMention, prep: str, dm: DocMentions) -> list[DocMention]:
    """ "compete con Anysphere, la società che sviluppa Cursor, con Replit e con StackBlitz": the names after
    the same preposition repeated after a comma or "e"/"and" later in the sentence, over the asides between."""
    doc = dm.doc
    sent_end = sent_of(doc[m.start]).end
    out: list[DocMention] = []
    k, last = m.end, m.end
    while k < min(sent_end, last + 16):
        if doc[k].text in {".", ";", ":"}:
            break
        if doc[k].lower_ == prep and k > 0 and doc[k - 1].lower_ in {",", "e", "ed", "and", "o", "or"}:
            j = k + 1
            while j < sent_end and doc[j].lower_ in word_set("articles"):
                j += 1
            x = dm.at(doc[j]) if j < sent_end else None
            if x is None or x.start != j:
                break
            listed = _with_listed(x, dm)  # "and against Google, Amazon and Microsoft"
            out.extend(y for y in listed if y not in out)
            k = last = max(y.end for y in listed)
            continue
        k += 1
    return out


def _apposed_to(t: Token, found: list[DocMention], doc: Doc) -> list[DocMention]:
    """Of several names ``found``, only the one that the noun ``t``, set off by a comma right after it, describes
    ("..., Toshiba e Santander Climate VC, veicolo di Banco Santander"; also with an article: ", il braccio di
    ..."); ``found`` unchanged otherwise."""
    if len(found) < 2:
        return found
    k = t.i - 1
    while k > 0 and doc[k].pos_ in {"DET", "ADJ"} and doc[k].is_lower:
        k -= 1
    near = next((m for m in found if m.end == k), None) if doc[k].text == "," else None
    return [near] if near is not None else found


def _examples(m: DocMention, dm: DocMentions) -> bool:
    """The list starting at ``m`` gives examples of a noun ("rivali come A, B e C", "rivals such as A and B"): its
    names are not said to be related to each other."""
    doc = dm.doc
    k = m.start - 1
    while k >= 0 and doc[k].pos_ == "DET":
        k -= 1
    return k >= 0 and doc[k].lower_ in word_set("example_markers")


def _phrase_owner(m: DocMention, dm: DocMentions) -> DocMention | None:
    """The organisation a product belongs to in its own phrase ("Salesforce, whose Agentforce platform")."""
    from kg.extract.roles import owner_of_product

    owner = owner_of_product(m, dm)
    return owner if owner is not None and owner.target.type == "Organization" else None


def _unknown_model_place(m: DocMention) -> bool:
    """A capitalised name only the statistical model calls a place: no gazetteer key, no place list knows it."""
    return m.type == "Place" and m.key is None and m.source == "ner" and m.text not in known_place_names() \
        and m.text.strip()[:1].isupper()


def _retype_mistaken_place(m: DocMention, dm: DocMentions) -> None:
    """ "invested in Poolside" with Poolside tagged as a place by the NER: an unknown name the model calls a
    place, which no place list knows, standing where only an organisation fits, is an organisation (not the
    surname of a person named in full: "Amar Subramanya ... Subramanya")."""
    if _unknown_model_place(m) and m.text not in dm.person_surnames():
        m.type = "Organization"


def _retype_mistaken_product(m: DocMention, lex: Lexicon, dm: DocMentions) -> None:
    """ "Atlassian, the maker of Jira and Confluence", "Tesla showed off its Cybercab": an unknown name the model
    calls a person (no known given name or surname) or a place (no known place), standing where a trigger that
    names products (``names_products`` in the lexicon) puts the product, is a product."""
    if _unknown_model_place(m) or _mistyped_person(m, lex, dm):
        m.type = "Product"


def _retype_mistaken_organisation(m: DocMention) -> None:
    """ "Pollen, based in Bordeaux": a name the model calls an organisation, standing where only a place fits,
    is a place when the place list knows it and the gazetteer knows no organisation of that name."""
    if m.type == "Organization" and m.key is None and m.source in {"ner", "propn"} and m.text in known_place_names():
        m.type = "Place"


def _retype_untyped_person(m: DocMention, lex: Lexicon, sources: frozenset[str] | None = frozenset({"propn"}),
                           dm: DocMentions | None = None) -> None:
    """An unknown two- or three-word name that nothing typed (a proper-noun chain given the default type) where
    only a person fits ("l'ha fondata insieme a Sehat Sutardja") is a person; ``sources=None`` takes a name of
    that shape whoever typed it (the holder of a title after a copula). Never a name that opens with the name of
    a company of the document ("Northvolt Ett, che gestisce l'impianto di Skellefteå" after Northvolt)."""
    words = m.text.split()
    if m.type == "Organization" and m.key is None and (sources is None or m.source in sources) and \
            2 <= len(words) <= 3 and \
            all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words) and \
            not any(w.lower() in org_words_of(lex) for w in words) and \
            not (dm is not None and any(x.target.type == "Organization" and x.text == words[0] for x in dm.mentions)):
        m.type = "Person"  # (never "Innovation Industries")


def _mistyped_person(m: DocMention, lex: Lexicon, dm: DocMentions | None = None, multiword: bool = True) -> bool:
    """ "Weta Digital was sold to Unity Software" with Weta Digital tagged as a person: a name the model calls a
    person, whose first word is no known given name, may stand where only an organisation fits (it becomes one
    when such a relation is read, see ``_retype_people_in``). A one-word name must also be no known surname nor
    the last name of a person named in full in the document ("Superhuman was co-founded by ...", not "Huang")."""
    words = m.text.split()
    if m.type != "Person" or m.key is not None or m.source != "ner" or not m.text[:1].isupper() or \
            words[0] in lex.given_names or words[0] in name_genders():
        return False
    if dm is not None and m.start > 0 and lex.cue_nouns.get(dm.doc[m.start - 1].lower_, ("",))[0] == "Person":
        return False  # "former Google DeepMind scientist Ekin Dogus Cubuk": a person noun right before the name
    if len(words) >= 2:
        return multiword
    return dm is not None and m.text not in surnames() and m.text not in dm.person_surnames()


def _retype_people_in(pairs: list[tuple[DocMention, DocMention]], range_: tuple[str, ...], lex: Lexicon,
                      dm: DocMentions, multiword: bool, domain: tuple[str, ...] = ()) -> None:
    """Make organisations of the mistyped people a relation that only companies fit puts in its object slot
    (multiword names only for triggers that require a company object), or in its subject slot for a one-word
    name ("Superhuman's real rivals are Google and Microsoft")."""
    for s, o in pairs:
        if "Person" not in range_ and "Organization" in range_ and _mistyped_person(o.target, lex, dm, multiword):
            o.target.type = "Organization"
        if domain and "Person" not in domain and "Organization" in domain and \
                _mistyped_person(s.target, lex, dm, multiword=False):
            s.target.type = "Organization"


#: head words of a joint venture ("venture"; Italian "ventura" is what the lemmatizer makes of it)
_VENTURE_WORDS = frozenset({"venture", "ventura", "joint venture"})

_EQUITY = {"stock", "stocks", "equity", "shares", "share", "stake", "warrant", "warrants", "bond", "bonds"}


def _names_stake(t: Token, lex: Lexicon) -> bool:
    """The phrase is about shares ("$2 billion of Intel stock", "a 10% stake"), not a product."""
    words = {x.lemma_.lower() for x in t.subtree if x.dep_ not in {"relcl", "acl:relcl", "acl"}}
    return bool(words & (_EQUITY | lex.stake_words))


def _one_slot(t: Token, slot: str, trig: Trigger, dm: DocMentions, lex: Lexicon,
              gaz: Gazetteer) -> tuple[list[DocMention], str]:
    """Mentions filling one slot; "A+B" is the union of slots A and B ("its venture with X and Y")."""
    if "+" in slot:
        union: list[DocMention] = []
        for part in slot.split("+"):
            union.extend(m for m in _one_slot(t, part, trig, dm, lex, gaz)[0] if m not in union)
        return (union, slot) if union else ([], "")
    if slot == "funding_context":
        # only for "the round" itself: the trigger's object must be a funding noun
        # (not the companions of the subject: "Nvidia and Dell joined, alongside investors A and B")
        objects = [] if t.lemma_.lower() in word_set("intransitive_verbs") else slot_tokens(t, "obj", lex)
        nouns = list(objects) + [p for n, p in prepositions(t, lex)
                                                             if p.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
                                                             and n not in _COMPANION_PREPOSITIONS]
        # ("Al round hanno partecipato X": a subject with a case marker is the round the verb is about)
        nouns += [c for c in _case_marked_subjects(t) if c.pos_ == "NOUN"]
        rel = next((x for x in nouns if x.lower_ in lex.relative_pronouns or x.lower_ in word_set("bare_relatives")), None)
        if rel is not None:
            # "un finanziamento guidato da X, al quale ha partecipato Y": the round itself (the clause's head, or
            # the nearest noun before the pronoun when the parser hung the clause elsewhere)
            nouns += ([t.head] if t.dep_ in RELCL else []) + \
                [x for x in t.doc[max(sent_of(t).start, rel.i - 14):rel.i] if x.pos_ == "NOUN"][-3:]
        if t.pos_ == "NOUN":
            # "un round guidato da X, con la partecipazione di Y" with the phrase on the round itself
            up = t.head.head if t.dep_ == "pobj" and t.head.dep_ == "prep" else t.head
            if t.dep_ in {"nmod", "pobj"} and up.pos_ == "NOUN" and up.i != t.i:
                nouns.append(up)
            if any(c.dep_ in {"case", "prep"} for c in t.children) or t.dep_ == "pobj":
                # "... in un round guidato da X, con la partecipazione di Y" hung on another noun: a round named
                # just before in the sentence
                nouns += [x for x in t.doc[max(sent_of(t).start, t.i - 12):t.i]
                          if x.pos_ == "NOUN" and x.lemma_.lower() in lex.funding_nouns]
        g = governor(t) if t.pos_ == "NOUN" else None
        if g is not None:  # "led the round, with participation from Y": the round is the governing verb's object
            nouns += slot_tokens(g, "obj", lex) + [g]  # or the verb itself ("ha raccolto ..., con la partecipazione")
            if g.dep_ in {"acl", "amod"}:
                # "un round (di serie B) guidato da X, con la partecipazione di Y": the participle's noun phrase
                nouns += [a for a in list(g.ancestors)[:3] if a.pos_ in {"NOUN", "PROPN"}]
        # "A and B led, with C chipping in", "A led it, and B took part": a verb with no object of its own (or
        # only "it") right after a round was named speaks of that round
        bare = t.pos_ in {"VERB", "AUX"} and all(
            x.lower_ in LIGHT_OBJECTS or x.lower_ == "it" and t.lemma_.lower() in {"lead", "co-lead"} for x in nouns)
        if not bare and not any(x.lemma_.lower() in trig.object_lemmas or x.lower_ in trig.object_lemmas
                                or lex.lemma(x) in trig.object_lemmas for x in nouns) and not (
                t.pos_ == "NOUN" and (t.lemma_.lower() in lex.funding_nouns  # "the round" itself
                                      or lex.lemma(t) in trig.object_lemmas)):  # "tra i sottoscrittori figura X"
            return [], ""
        ctx = _FUNDING_CONTEXT.get(id(dm))
        if ctx is not None and ctx[1] >= sent_of(t).start - (80 if bare else 400):
            return [ctx[0]], slot
        return [], ""
    if slot == "postverbal":
        # "Al round hanno partecipato anche Tencent e HongShan" with "round" parsed as the subject: an Italian
        # subject after its verb, the parser's subject being a case-marked noun (an oblique really); the first
        # name after the verb (past "anche", "tra gli altri") and the names listed with it
        # (or a plural verb with no subject at all: "Hanno sottoscritto l'aumento Alibaba, Tencent e Xiaomi")
        plural = any("Number=Plur" in str(a.morph) for a in [t, *t.children] if a is t or a.dep_ in AUX_DEPS)
        unsubjected = plural and not any(c.dep_ in SUBJ for c in t.children)
        if t.pos_ not in {"VERB", "AUX"} or not (_case_marked_subjects(t) or unsubjected):
            return [], ""
        doc = t.doc
        k, end = t.i + 1, sent_of(t).end
        limit = t.i + 6
        while k < min(limit, end):
            aside = _among_others_end(doc, k, end)
            if aside is not None:  # "hanno partecipato, tra gli altri, A, B e C"
                limit += aside - k
                k = aside
                continue
            m = dm.at(doc[k])
            if m is not None and m.start == k:
                return _with_listed(m, dm), slot
            if doc[k].pos_ in {"VERB", "AUX", "PUNCT"} or doc[k].lower_ in {"di", "a", "da", "con"}:
                break
            k += 1
        return [], ""
    if slot == "listed":
        # "Tra i sottoscrittori figura anche X", "Tra i primi finanziatori figurano Tencent e HongShan", "Among its
        # backers are A and B": the names a listing verb right after "tra/among ... NOUN" introduces, read on the
        # surface (the parser often takes "figura" for a noun)
        doc = t.doc
        k = t.i - 1
        while k > sent_of(t).start and (doc[k].pos_ in {"DET", "ADJ", "NUM"} or doc[k].lower_ in {"suoi", "sue", "its"}):
            k -= 1
        if t.pos_ != "NOUN" or doc[k].lower_ not in _AMONG:
            return [], ""
        j = t.i + 1
        while j < sent_of(t).end and (doc[j].pos_ == "ADJ" and doc[j].is_lower):
            j += 1  # "tra gli investitori individuali figurano"
        after = _phrase_end(doc, j, sent_of(t).end, word_set("listing_verbs"))  # "figura", "ci sono"
        names = _names_from(doc, after, sent_of(t).end, dm, {"anche", "pure", "also", "inoltre", ":"}) if after else []
        if not names:
            names = _names_before_listing_verb(doc, k, sent_of(t).start, dm)  # "Anche Google figura tra i soci"
        return (names, slot) if names else ([], "")
    if slot == "examples":
        # "oltre cento clienti, tra cui Iberdrola, Bosch e la Bank of Canada", "clients such as A and B": the
        # names an example marker (`example_markers` in common.toml) introduces right after the noun
        doc = t.doc
        j = t.i + 1
        while j < sent_of(t).end and doc[j].is_lower and doc[j].pos_ in {"ADJ", "ADV"}:
            j += 1  # "investitori già presenti come A e B"
        if j < sent_of(t).end and doc[j].text == ",":
            j += 1
        after = _phrase_end(doc, j, sent_of(t).end, word_set("example_markers"))  # "tra cui", "such as"
        names = _names_from(doc, after, sent_of(t).end, dm) if after else []
        return (names, slot) if names else ([], "")
    if slot in {"listing_topic", "topic"}:
        # "Cerebras vende accesso al suo hardware: tra i clienti ci sono Meta e Perplexity", "Among customers are
        # A and B": a bare list of customers belongs to the company the text is talking about (the last subject
        # named, in this sentence or the one before); so do bare rivals that are their clause's subject ("Sul
        # mercato i rivali si chiamano Samsung e Micron", slot `topic`)
        nominal = t.pos_ == "NOUN" or t.pos_ == "ADJ" and any(c.dep_ == "det" for c in t.children)  # "i concorrenti"
        if not nominal or any(c.dep_ in {"poss", "det:poss", "nmod:poss", "nmod", "prep"} and
                                   (c.dep_ not in {"nmod", "prep"} or c.lower_ in {"of"} or
                                    any(g.dep_ == "case" and g.lower_ in {"di", "del", "della", "dei", "degli"}
                                        for g in c.children)) for c in t.children):
            return [], ""
        if slot == "topic":
            if t.dep_ not in SUBJ or "Number=Plur" not in str(t.morph):
                return [], ""
        else:
            marker = t.head if t.dep_ == "pobj" else next((c for c in t.children if c.dep_ == "case"), None)
            if marker is None or marker.lower_ not in _AMONG:
                return [], ""
        topic = dm.latest_subject(t.i, {"Organization"})
        if topic is not None and topic.start >= sent_of(t).start and (
                len(_with_listed(topic, dm)) > 1 or _clause_head(dm.doc[topic.end - 1]).i == _clause_head(t).i):
            # "Alibaba, Tencent e Xiaomi figurano tra gli azionisti", "Volkswagen ... e Goldman Sachs erano tra i
            # soci": the listed themselves, not their company
            topic = None
        held = _HOLDING_CONTEXT.get(id(dm)) if trig.predicate == "investsIn" else None
        if held is not None and (topic is None or held[1] > topic.start) and held[1] >= dm.sentence_start_back(t.i, 1):
            # "Amazon, principale azionista di Anthropic, ha investito ... Anche Google figura tra i soci": the bare
            # shareholders are of the company the last investment read was in
            topic = held[0]
        return ([topic], slot) if topic is not None else ([], "")
    if slot.startswith("fronted_subj"):
        # "Con sede a New York, Wiz è stata fondata ...": a fronted "con" phrase (or one opened by the words after
        # "@": "Alla guida di Telecom Italia dal 2021, Pietro Labriola ...") describes the clause's subject as
        # written (the passive subject too)
        opening = set(slot.partition("@")[2].split("|")) if "@" in slot else {"con", "with"}
        verb = t.head
        indefinite = any(c.dep_ == "det" and c.lower_ in {"una", "un", "un'", "un’", "a", "an"} for c in t.children)
        if t.i - sent_of(t).start > 2 or not any(c.dep_ == "case" and c.lower_ in opening for c in t.children) \
                or verb.pos_ not in {"VERB", "AUX"} or indefinite:  # "con una sede a Milano": an office
            return [], ""
        ms = [m for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"}
              and (m := mention_for(c, dm, lex, allow_adhoc=False)) is not None]
        return (ms, slot) if ms else ([], "")
    if slot == "head_chain":
        # "Ampere, il progettista di chip per server con sede a Santa Clara": the first name up the noun chain
        x = t
        for _ in range(4):
            participle_conj = x.dep_ == "conj" and "VerbForm=Part" in str(x.morph)  # "con sede a X e fondata da Y"
            # ("fornitore di capacità di calcolo fondato da X": a participle on the last noun of the chain)
            participle_acl = x is t and x.dep_ == "acl" and ("VerbForm=Part" in str(x.morph) or (
                "Tense=Past" in str(x.morph) and "Person=" not in str(x.morph)))
            if x.dep_ not in {"nmod", "appos", "obl", "amod"} and not (x.dep_ == "acl" and x.pos_ == "NOUN") \
                    and not participle_conj and not participle_acl \
                    or x.head.i == x.i or not (x.head.pos_ in {"NOUN", "PROPN"} or x.head.lower_ in _DUAL
                                               or dm.at(x.head) is not None):
                break
            x = x.head
            pair = _pair_reference(x, dm, lex)  # "Nvidia e Intel, entrambe con sede a Santa Clara"
            if pair:
                return pair, slot
            m = mention_for(x, dm, lex, allow_adhoc=False)
            if m is not None:
                return [m], slot
        return [], ""
    if slot == "led_by_surface":
        # "un round di Serie B guidato dal gruppo industriale norvegese Aker" with the parse lost: a leading
        # participle right after the noun's phrase, its agent preposition, then the first name within six words
        doc = t.doc
        for k in range(t.i + 1, min(t.i + 6, sent_of(t).end - 1)):
            if doc[k].lemma_.lower() in _LEADING_PARTICIPLES and \
                    lex.preposition_map.get(doc[k + 1].lower_, doc[k + 1].lower_) in lex.agent_prepositions:
                if any(c.dep_ in SUBJ | PASS_SUBJ and c.lower_ not in lex.relative_pronouns for c in doc[k].children):
                    break  # "Cohere, which raised ... in its latest round, is led by X": the company is led
                for j in range(k + 2, min(k + 9, sent_of(t).end)):
                    m = dm.at(doc[j])
                    if m is not None and m.antecedent is None:  # (not "il gruppo" before the name itself)
                        return ([m], slot) if m.target.type in {"Organization", "Person"} else ([], "")
                    if not doc[j].is_lower or doc[j].is_punct or doc[j].pos_ in {"VERB", "AUX", "CCONJ", "SCONJ"} \
                            and doc[j].tag_ not in {"A", "ADJ"}:
                        break
                break
        return [], ""
    if slot == "obj_product_maker":
        toks = slot_tokens(t, "obj", lex) or [c for c in t.children if c.dep_ == "obl"]
        # "buy $2 billion of Intel stock": shares are an investment, not a supply
        toks = [x for x in toks if not _names_stake(x, lex)]
        ms = [m for tok in toks for c in conjuncts(tok) if (m := _product_maker(c, dm, lex, gaz, direct_org=False))]
        if ms:
            return ms, slot
        return [], ""
    if ">" in slot:
        first, _, second = slot.partition(">")
        toks = []
        deep = first.endswith("*")
        mids = slot_tokens(t, first.rstrip("*"), lex)
        if deep:
            mids = [x for m in mids for x in m.subtree]
        *inner, last = second.split(">")  # "prep:a>prep:di>prep:di": "all'aumento di capitale di X"
        for mid in mids:
            if trig.object_lemmas and mid.lemma_.lower() not in trig.object_lemmas and \
                    mid.lower_ not in trig.object_lemmas and lex.lemma(mid) not in trig.object_lemmas:
                continue
            steps = [mid]
            for part in inner:
                steps = [y for x in steps for y in slot_tokens(x, part, lex)]
            toks.extend(y for x in steps for y in slot_tokens(x, last, lex))
    else:
        toks = slot_tokens(t, slot, lex)
        # "ha rilevato Statsig per 1,1 miliardi in azioni", "paid in stock": shares as the means of payment;
        # "ha comprato azioni Intel": shares of a company are an investment, not the company
        if (slot == "prep:in" and trig.pos == "VERB") or (trig.predicate == "acquired" and slot == "obj"):
            toks = [x for x in toks if not {x.lemma_.lower(), x.lower_} & (_EQUITY | lex.stake_words)]
    out: list[DocMention] = []
    paired: list[DocMention] = []
    for tok in toks:
        # the noun a clause modifies is one thing, not the list it belongs to ("Kodak, Canon and Mitsubishi")
        # (a plural apposition describes the whole list: "STMicroelectronics e onsemi, le altre rivali di Infineon")
        plural_appos = slot == "head" and t.dep_ in APPOS and "Number=Plur" in str(t.morph) and tok in conjuncts(t.head)
        single = slot in {"head", "left_name"} and not plural_appos or _singular_relative_on(t, tok)
        for c in ([tok] if single else _coordinated(t.head if plural_appos else tok, dm)):
            pair = _pair_reference(c, dm, lex)
            if pair:
                out.extend(x for x in pair if x not in out)  # "le due società", "i due gruppi", "the two companies"
                paired.extend(pair)
                continue
            m = _called_name(c, dm) or mention_for(c, dm, lex)
            if m is None and trig.via_product and not (
                    trig.predicate in lex.role_predicates and c.pos_ == "NOUN" and lex.unit_words
                    and c.lemma_.lower() not in lex.unit_words and c.lower_ not in lex.unit_words):
                # (a role over a company's unit is a role at the company: "runs Microsoft's AI division"; over
                # its work, strategy or supply chain it is no leadership of the company)
                m = _product_maker(c, dm, lex, gaz)
            if m is None:
                # "investors including Andreessen Horowitz and Sequoia": the names listed under a generic noun
                for listed in _listed_names(c, dm):
                    if listed not in out:
                        out.append(listed)
                continue
            if m not in out:
                out.append(m)
            if m.antecedent is not None and c.lower_ in lex.plural_pronouns:
                out.extend(x for x in coordinated_names(m.target, dm) if x not in out)
            # "investors DST Global, Andreessen Horowitz and Nvidia": a list inside the phrase
            if dm.at(c) is None:
                inner = next((x for x in c.children if dm.at(x) is m), None)
                if inner is not None:
                    for x in conjuncts(inner)[1:] + [y for y in inner.children if y.dep_ == "appos"]:
                        mx = dm.at(x)
                        if mx is not None and mx not in out:
                            out.append(mx)
    if out and slot not in {"head", "left_name", "self"}:
        for m in list(out):
            if m in paired:
                continue  # "the two companies" are two, not the lists they were named in
            if t.dep_ in RELCL and (m.start <= t.head.i < m.end or _relative_right_after(t, m)) and not any(
                    c.lower_ in _EACH for c in t.children):
                continue  # "Rebellions, which took over Sapeon, and FuriosaAI": the clause describes its own name
                # (not "X and Y, who had both worked at Baidu")
            out.extend(x for x in _surface_list(m, dm) + _cut_conjunct(m, dm) if x not in out)
    if out:
        return out, slot
    return [], ""


_LIST_AND = word_set("list_joins")
_AMONG = word_set("among_words")


def _names_with(m: DocMention, t: Token, slot: str) -> bool:
    """The trigger ``t`` is a word of the multiword name ``m`` that a modifier slot of the trigger found: the
    name's own words are no owner of its head noun ("the OpenAI Startup Fund" is no fund of OpenAI Startup; "the
    High NA EUV Lithography Lab in Veldhoven" is still a lab in Veldhoven)."""
    return slot in _MODIFIER_SLOTS and m.source != "coref" and m.end - m.start > 1 and m.start <= t.i < m.end


_MODIFIER_SLOTS = frozenset({"compound", "npadvmod", "poss", "det:poss", "name_after"})
#: relations a named site, lab or project states about itself through its own noun ("the High NA EUV Lithography
#: Lab in Veldhoven", "the Carbon Free Power Project, in which NuScale takes part")
_SELF_NAMING_PREDICATES = frozenset({"locatedIn", "headquarteredIn", "participatesIn"})


def _case_marked_subjects(t: Token) -> list[Token]:
    """Subjects of ``t`` that carry a case marker ("Al round hanno partecipato ...": the parser's subject is
    really an oblique)."""
    return [c for c in t.children if c.dep_ in SUBJ and any(g.dep_ == "case" for g in c.children)]
#: prepositions that add companions to a clause's subject, not objects ("joined, alongside investors A and B")
_COMPANION_PREPOSITIONS = {"alongside", "with", "together with", "insieme", "insieme a", "accanto", "accanto a", "con"}


#: what a customer brings: relying on someone for these makes them the customer, not the supplier
_EARNINGS = {"sale", "sales", "revenue", "revenues", "order", "orders", "income", "business", "demand", "ricavi",
             "vendite", "fatturato", "ordini"}
_EACH = word_set("distributive_words")


def _distributive(t: Token) -> bool:
    """ "Microsoft and Meta had both signed ...": the subjects acted each on their own."""
    g = governor(t) if t.pos_ == "NOUN" else t
    return any(c.lower_ in _EACH for x in (t, g) if x is not None for c in x.children)


def _until_in_past(t: Token, lex: Lexicon) -> bool:
    """A verb in a past tense with an "until" phrase of its own ("ha guidato Ansys fino alla chiusura", "led the
    company until 2023"): what it states is over."""
    if not lex.until_words:
        return False
    verbs = [t, *(c for c in t.children if c.dep_ in {"aux", "aux:pass"})]
    past = t.tag_ in {"VBD", "VBN"} or any("Tense=Past" in str(v.morph) for v in verbs)
    if not past or any("Tense=Fut" in str(v.morph) or v.lower_ in {"will", "would", "shall"} for v in verbs):
        return False
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.until_words for m in c.children)
           for c in t.children):
        return True  # "led it until the deal closed"
    stack = [c for c in t.children if c.i > t.i and c.dep_ not in _OWN_CLAUSES]
    while stack:  # the verb's own phrases, however deep the parser hung the "until" ("come CEO fino alla chiusura")
        x = stack.pop()
        if x.lower_ in lex.until_words:
            return True
        if not x.ent_type_:  # (not below a name: "insieme a Sunny Madra, fino a dicembre presidente")
            stack.extend(c for c in x.children if c.dep_ not in _OWN_CLAUSES)
    return False


#: dependents that open a clause of their own: an "until" inside them is not the verb's
_OWN_CLAUSES = {"relcl", "acl:relcl", "acl", "ccomp", "advcl", "parataxis", "conj", "xcomp", "csubj"}


def _money_object(t: Token, lex: Lexicon) -> bool:
    """The verb's object is a sum of money ("offered $34.5 billion", "ha offerto 34,5 miliardi di dollari")."""
    for x in slot_tokens(t, "obj", lex):
        words = [x, *(c for c in x.children if c.dep_ in {"nummod", "compound", "quantmod", "nmod"})]
        if any(w.like_num or w.lower_ in lex.scale_words or w.lemma_.lower() in lex.scale_words
               or w.lower_ in lex.currency_words or w.text in lex.currency_words for w in words):
            return True
    return False


def _venture(o: DocMention, doc: Doc, lex: Lexicon) -> bool:
    """A project, or a name described as a joint venture or consortium ("SB OpenAI Japan, a joint venture with
    OpenAI"): companies that set it up take part in it rather than found a company."""
    if o.target.type == "Project":
        return True
    root = doc[o.start:o.end].root
    nouns = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
    for n in nouns:
        words = {n.lemma_.lower(), n.lower_, f"{n.doc[n.i - 1].lower_} {n.lower_}" if n.i > 0 else "",
                 f"{n.lower_} {n.doc[n.i + 1].lower_}" if n.i + 1 < len(n.doc) else ""}
        if any(lex.cue_nouns.get(w, ("",))[0] == "Project" for w in words):
            return True
    return False


def _called_name(t: Token, dm: DocMentions) -> DocMention | None:
    """The name a common noun is given in its own phrase: "a startup called Harvey", "una società chiamata X"."""
    if t.pos_ != "NOUN" or dm.at(t) is not None:
        return None
    for v in t.children:
        if v.dep_ in {"acl", "amod"} and v.lemma_.lower() in NAMING_VERBS:
            for r in v.children:
                m = dm.at(r) if r.dep_ in {"oprd", "attr", "xcomp", "dobj", "obj"} else None
                if m is not None and m.antecedent is None:
                    return m
    return None


def _cut_conjunct(m: DocMention, dm: DocMentions) -> list[DocMention]:
    """ "OpenAI e Broadcom hanno annunciato ...", with the parser cutting a sentence after "OpenAI": the name
    before "e" in the cut-off fragment is coordinated with ``m``."""
    doc = dm.doc
    start = sent_of(doc[m.start]).start
    if m.start - 2 < 0 or doc[m.start - 1].lower_ not in _LIST_AND:
        return []
    left = dm.by_token.get(m.start - 2)
    if left is None or left.type != m.type or left.end != m.start - 1 or left.start >= start:
        return []  # only across a cut: within one sentence the parse has the coordination
    return [left] if not doc[start - 1].is_punct else []


_STAKE_OPENERS = {"con", "col"}


def _bracket_stake(doc: Doc, close: int, lo: int) -> int | None:
    """Index of the "(" of a stake in brackets ending at ``close`` ("(45%)"), if there is one."""
    opening = next((x for x in range(close - 1, max(lo - 1, close - 8), -1) if doc[x].text == "("), None)
    return opening if opening is not None and "%" in doc[opening:close].text else None


def _previous_item_end(doc: Doc, i: int, lo: int, allow_and: bool) -> tuple[int, bool] | None:
    """Walking left from ``i`` (the token before a list item) over a separator (", ", " e ", ", con il 45%, ",
    " (45%), "): the index of the previous item's last token, and whether the separator held "e"."""
    j, used, saw_and = i, False, False
    if allow_and and j >= lo and doc[j].lower_ in _LIST_AND:
        j, used, saw_and = j - 1, True, True
    if j >= lo and doc[j].text == ",":
        j, used = j - 1, True
    if j >= lo and doc[j].text == ")":
        opening = _bracket_stake(doc, j, lo)
        if opening is None:
            return None
        j, used = opening - 1, True
    elif j >= lo and doc[j].text == "%":
        comma = next((x for x in range(j - 1, max(lo - 1, j - 8), -1) if doc[x].text == ","), None)
        if comma is None or doc[comma + 1].lower_ not in _STAKE_OPENERS:
            return None
        j, used = comma - 1, True
    elif used and j >= lo and (comma := _aside_start(doc, j, lo)) is not None:
        j = comma - 1  # "Creandum, già presente nel pre-seed, 20VC": a lowercase aside between two items
    return (j, saw_and) if used and j >= lo else None


def _aside_start(doc: Doc, j: int, lo: int) -> int | None:
    """The comma opening a short lowercase aside that ends at ``j`` ("già presente nel pre-seed", "an existing
    investor", "che ne è amministratore delegato", "il braccio di venture capital di HP"), or None: at most
    eight words, lowercase or numbers, none a verb but the copula of a relative clause; names only in an
    apposition that opens with an article and a lowercase noun; any short relative clause."""
    relatives = load_lexicon(doc.lang_).relative_pronouns
    comma = next((x for x in range(j, max(lo - 1, j - 10), -1) if doc[x].text == ","), None)
    if comma is None or comma >= j or not doc[comma + 1].is_lower:
        return None
    words = doc[comma + 1 : j + 1]
    if words[0].lower_ in relatives and not any(x.text in {"(", ")", ";", ":"} for x in words):
        return comma  # a relative clause on an item: "Meta, che lo usa per la sua Llama API, Mistral AI e Perplexity"
    apposition = len(words) >= 2 and words[0].pos_ == "DET" and words[1].is_lower and words[1].pos_ == "NOUN"
    copula = False
    for x in words:
        if x.pos_ == "AUX" and x.lemma_.lower() in {"essere", "be"}:
            copula = True
            continue
        if apposition and x.pos_ == "PROPN" and x.text[:1].isupper():
            continue  # the owner named inside the description
        if not (x.is_lower or x.like_num or x.text in {"-", "%", "'", "’"}) or \
                x.pos_ in {"VERB", "AUX"} and "VerbForm=Part" not in str(x.morph) and x.tag_ != "VBN":
            return None
    # (a copular relative clause is an aside too: "Robin Rombach, che ne è amministratore delegato,")
    return comma if not copula or words[0].lower_ in relatives else None


def _next_item_start(doc: Doc, j: int, hi: int) -> tuple[int, bool] | None:
    """Walking right from ``j`` (the token after a list item) over a separator: the next item's first token, and
    whether the separator held "e"."""
    k, used, saw_and = j, False, False
    if k < hi and doc[k].text == "(":
        close = next((x for x in range(k + 1, min(hi, k + 8)) if doc[x].text == ")"), None)
        if close is None or _bracket_stake(doc, close, k) != k:
            return None
        k, used = close + 1, True
    elif k + 1 < hi and doc[k].text == "," and doc[k + 1].lower_ in _STAKE_OPENERS:
        comma = next((x for x in range(k + 1, min(hi, k + 8)) if doc[x].text == ","), None)
        if comma is None or "%" not in doc[k:comma].text:
            return None
        k, used = comma, True
    if k < hi and doc[k].text == "," and k + 1 < hi and doc[k + 1].is_lower and doc[k + 1].lower_ not in _LIST_AND \
            and not (doc[k + 1].pos_ == "DET" and k + 2 < hi and doc[k + 2].text[:1].isupper()):
        # (an article before the next name is no aside: "Microsoft, l'OpenAI Startup Fund, Nvidia")
        close = next((x for x in range(k + 2, min(hi, k + 10)) if doc[x].text == ","), None)
        if close is None or _aside_start(doc, close - 1, k) != k:
            return None
        k = close  # "Creandum, già presente nel pre-seed, 20VC": a lowercase aside between two items
    if k < hi and doc[k].text == ",":
        k, used = k + 1, True
    if k < hi and doc[k].lower_ in _LIST_AND:
        k, used, saw_and = k + 1, True, True
    return (k, saw_and) if used and k < hi else None


def _list_mates(x: DocMention, m: DocMention) -> bool:
    """Two names that may stand in one written list: of one type, or a company and a person written in full
    (a lone "Bosch" the model calls a person is no reason to join a company list)."""
    if x.type == m.type:
        return True
    person = x if x.type == "Person" else m
    return {x.type, m.type} == {"Organization", "Person"} and " " in person.text.strip()


def _surface_list(m: DocMention, dm: DocMentions) -> list[DocMention]:
    """The other names of a written list the parser split up ("TIM, Leonardo, CDP Equity e Sogei partecipano",
    "TIM (45%), Leonardo (25%) e Sogei (10%)"): names of the same type joined by commas and one final "e", read on
    the surface around ``m``, stake asides allowed between them; companies and people mix in lists of backers
    ("Nvidia, Jeff Bezos e SoftBank")."""
    doc = dm.doc
    sent = sent_of(doc[m.start])
    items: list[DocMention] = [m]
    and_before_last = False
    i = m.start - 1
    while (step := _previous_item_end(doc, i, sent.start, allow_and=len(items) == 1)) is not None:
        end, saw_and = step
        left = dm.by_token.get(end)
        if left is None or not _list_mates(left, m) or left.end - 1 != end:
            break
        and_before_last = and_before_last or saw_and
        items.insert(0, left)
        i = left.start - 1
    j = m.end
    while not and_before_last and (step := _next_item_start(doc, j, sent.end)) is not None:
        start, saw_and = step
        if start + 1 < sent.end and start not in dm.by_token and doc[start].pos_ == "ADP" and \
                items[0].start > 0 and doc[start].lower_ == doc[items[0].start - 1].lower_:
            start += 1  # "fondata da Malte Kosub, oggi amministratore delegato, e da Stefan Ostwald"
        if start + 1 < sent.end and start not in dm.by_token and doc[start].pos_ == "DET" and doc[start].is_lower:
            start += 1  # "Iberdrola, Bosch e la Bank of Canada"
        right = dm.by_token.get(start)
        if right is None or not _list_mates(right, m) or right.start != start:
            break
        items.append(right)
        and_before_last = saw_and
        j = right.end
    # a real list ends with "e NAME"; "Nvidia, Santa Clara" or "Secondo Microsoft, Google ..." are not lists
    if len(items) == 2 and and_before_last and items[0] is m and m.type == "Organization" and \
            m.end < len(doc) and doc[m.end].lower_ in _LIST_AND and items[1].start == m.end + 1:
        # a lone pair "A e B" closing its clause, B hung by the parser on something else ("con la partecipazione
        # di BlackRock e Cisco")
        last = items[1]
        if last.end >= sent.end or doc[last.end].is_punct:
            return [last]
    if len(items) == 2 and and_before_last and items[1] is m and items[0].end == m.start - 1 and \
            doc[m.start - 1].lower_ in _LIST_AND and any(
                doc[k].head.i != k and not items[0].start <= doc[k].head.i < items[0].end
                and m.start <= doc[k].head.i < m.end for k in range(items[0].start, items[0].end)):
        # "competes with Samsung Electronics and Micron Technology" with the first name parsed as a modifier of
        # the second: the pair is a list
        return [items[0]]
    # ("HP Tech Ventures, il braccio di venture capital di HP, e Toshiba": a pair whose first name carries an
    # apposition before ", e" is a list as well)
    before = items[1].start - 1 if len(items) == 2 else 0
    if len(items) == 2 and doc[before].pos_ == "ADP" and before > 0:
        before -= 1  # ", e da Stefan Ostwald": the repeated preposition
    described_pair = len(items) == 2 and items[1].start - items[0].end > 3 and doc[before].lower_ in _LIST_AND
    if (len(items) < 3 and not described_pair) or not and_before_last:
        return []
    return [x for x in items if x is not m]


#: participles that name a funding round's lead ("guidato da", "led by")
_LEADING_PARTICIPLES = {"guidare", "guidato", "guidata", "condurre", "condotto", "condotta", "lead", "led", "co-lead"}

#: nouns naming a supplier's customer ("as customers", "come cliente")
_CUSTOMER_NOUNS = {"customer", "client", "buyer", "tenant", "user", "cliente", "clienti", "acquirente"}
_INVESTOR_NOUNS = {"investor", "backer", "shareholder", "stakeholder", "investitore", "investitori", "azionista",
                   "azionisti", "finanziatore", "finanziatori", "socio", "soci"}


def _possessor(m: DocMention, doc: Doc, dm: DocMentions) -> DocMention | None:
    """The organisation whose possessive governs the phrase a mention heads or modifies ("Tesla's AI4 chips")."""
    x = doc[m.start:m.end].root
    for _ in range(3):
        for c in x.children:
            if c.dep_ in POSS and (own := dm.at(c)) is not None and own is not m \
                    and own.target.type == "Organization":
                return own
        if x.dep_ not in {"compound", "nmod", "amod", "flat", "flat:name"} or x.head.i == x.i:
            break
        x = x.head
    return None


def _owned_elsewhere(m: DocMention, makers: list[DocMention], doc: Doc, dm: DocMentions) -> bool:
    """ "Its flagship Wafer Scale Engine 3 is manufactured by TSMC", "XRING O1, its first in-house processor,
    manufactured by TSMC": a possessive on the product or on its apposition that is not the maker (or that kg
    could not resolve) says the product is someone else's."""
    root = doc[m.start:m.end].root
    keys = {x.target.key for x in makers}
    k, words = m.start - 1, 0
    while k >= 0 and words < 3 and doc[k].is_lower and doc[k].pos_ in {"NOUN", "ADJ"}:
        k, words = k - 1, words + 1  # "Its flagship Wafer Scale Engine 3" with "Its" hung on "flagship"
    if words and k >= 0 and doc[k].tag_ == "PRP$":
        own = dm.at(doc[k])
        if own is None or own.target.key not in keys:
            return True
    for x in [root, *(a for a in root.children if a.dep_ in APPOS)]:
        # (on the name itself only a possessive pronoun before it; on its apposition any possessor)
        for c in x.children:
            if c.dep_ in POSS and (x is not root or c.pos_ in {"PRON", "DET"} and c.i < m.start):
                own = dm.at(c)
                if own is None or own.target.key not in keys:
                    return True
    return False


def _is_facility(t: Token, words: frozenset[str]) -> bool:
    """``t`` is one of ``words`` ("plant", "data centres", "stabilimento"), alone or as the head of a compound."""
    low = t.lower_
    two = f"{t.doc[t.i - 1].lower_} {low}" if t.i > 0 else ""
    return t.lemma_.lower() in words or low in words or two in words or (low.endswith("s") and low[:-1] in words) \
        or (two.endswith("s") and two[:-1] in words)


def _as_phrase_of(t: Token, lex: Lexicon, nouns: set[str]) -> bool:
    """The verb has an "as" / "come" phrase headed by one of ``nouns`` ("as customers", "as a shareholder")."""
    return any(name in {"as", "come"} and (p.lemma_.lower() in nouns or p.lower_ in nouns)
               for name, p in prepositions(t, lex))


def _money_in_phrase(t: Token, money: list[Money]) -> bool:
    """An amount of the sentence lies in the trigger's phrase."""
    sub = {x.i for x in t.subtree}
    return any((span := t.doc.char_span(m.start, m.end, alignment_mode="expand")) is not None and span.root.i in sub
               for m in money)


def _requirements_met(t: Token, trig: Trigger, subj: list[DocMention], obj: list[DocMention], lex: Lexicon,
                      gaz: Gazetteer, money: list[Money], dm: DocMentions) -> bool:
    for req in trig.requires:
        if req == "money_or_funding":
            has_fund = any(x.lemma_.lower() in lex.funding_nouns or x.lower_ in lex.funding_nouns
                           for x in t.subtree)
            # "put billions of dollars into OpenAI", "ha investito miliardi di dollari": a sum without figures
            vague = any(x.lemma_.lower() in word_set("vague_sums") and any(
                g.lower_ in word_set("currency_words") for g in x.subtree) for x in t.children
                if x.dep_ in {"dobj", "obj"})
            if not (has_fund or vague or _money_in_phrase(t, money)):
                return False
        elif req == "grant_context":
            # "give TSMC $6.6 billion in grants", "receive funding from the state": a public-support noun
            # (the supports noun triggers) or a funding noun in the phrase, not any sum ("gave Microsoft a fine")
            nouns = {w for tr in lex.triggers if tr.predicate == "supports" and tr.pos == "NOUN" for w in tr.lemmas}
            nouns |= set(lex.funding_nouns)
            words = {x.lemma_.lower() for x in t.subtree} | {x.lower_ for x in t.subtree}
            # a sum pledged by a public body is support too ("Japan pledged ¥536 billion toward the plant"), unless
            # it is a penalty ("gave Microsoft a €500 million fine")
            if not words & nouns and (not _money_in_phrase(t, money) or words & word_set("penalty_words")):
                return False
        elif req in {"as_customer", "not_as_customer"}:
            # "signed up Oracle and Meta as customers": an "as" phrase naming a customer noun on the verb (they buy:
            # the signer supplies them, `win-as-customer`; a trigger reading the signer as the buyer needs none)
            if _as_phrase_of(t, lex, _CUSTOMER_NOUNS) != (req == "as_customer"):
                return False
        elif req in {"contract_object", "no_contract_object"}:
            # "awarded the contract to Cray": an order given, not a grant
            contract = any(x.lemma_.lower() in word_set("awarded_contract_nouns") for x in slot_tokens(t, "obj", lex))
            if contract != (req == "contract_object"):
                return False
        elif req == "active_voice":
            # "Weights & Biases è stato comprato da CoreWeave": a passive's "da" is the buyer, its subject the thing
            if _passive(t):
                return False
        elif req == "needs_object":
            # a trigger on a light verb ("is up against X") states nothing about its coordinated subjects alone
            if not obj:
                return False
        elif req == "no_company_object":
            # "agreed to acquire AirTrunk from Macquarie", "bought a majority of AirTrunk": a company bought from its
            # owners is no supply (a seller is not a supplier)
            for x in slot_tokens(t, "obj", lex):
                phrase = [x, *(p for name, p in prepositions(x, lex) if name in {"of", "di", "in"})]
                # ("ha comprato la startup Gem Security": the name the noun is given)
                phrase += [c for c in x.children if c.dep_ in {"nmod", "appos", "flat", "flat:name"} and c.pos_ == "PROPN"
                           and c.i > x.i and not any(g.dep_ == "case" for g in c.children)]
                # (a named plant bought is an asset too: "Fab 3E, which it bought from GlobalFoundries")
                if any((m := dm.at(y)) is not None and m.target.type in {"Organization", "Project"} for y in phrase):
                    return False
                rented = t.lemma_.lower() in word_set("renting_verbs") and any(
                    n in {"from", "da"} for n, _ in prepositions(t, lex))
                sites = frozenset() if rented else word_set("site_nouns")
                if x.pos_ == "NOUN" and x.lemma_.lower() in word_set("sold_units") | sites and \
                        not any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.lower_ not in {"chip", "memory"}
                                for c in x.children):
                    return False  # "bought Toshiba's memory chip unit", "acquired a plant from X" (not "tensor
                    # processing units"; a site leased from its owner is a supply: "lease the site from Crusoe")
        elif req == "as_investor":
            # "brought in Google, Amazon and Nvidia as investors": an "as" phrase naming an investor noun
            if not _as_phrase_of(t, lex, _INVESTOR_NOUNS):
                return False
        elif req == "equity_object":
            # "agreed to buy $2 billion of Intel common stock": the sum bought is shares
            if not any(_names_stake(x, lex) for x in slot_tokens(t, "obj", lex)):
                return False
        elif req == "no_equity_object":
            # "agreed to sell a 51% stake in Altera to Silver Lake": shares are no supply
            if any(_names_stake(x, lex) for x in slot_tokens(t, "obj", lex)):
                return False
        elif req == "duration_object":
            # "spent three years at Tesla", "ha trascorso due anni in Google": the time spent is the object
            if not any(c.lemma_.lower() in lex.duration_words or c.lower_ in lex.duration_words
                       for c in t.children if c.dep_ in {"dobj", "obj", "npadvmod", "obl:tmod", "nmod:tmod"}):
                return False
        elif req == "facility_context":
            # "is building a plant in Ohio", "a supercomputer called Colossus went live in Memphis": a site is
            # placed, not the company's other business ("makes chips in Taiwan", "reported results in New York")
            words = [x for slot in ("obj", "subj") for x in slot_tokens(t, slot, lex)]
            if t.pos_ == "NOUN":
                words.append(t)
            if not any(_is_facility(x, lex.facility_words) for x in words) and not any(
                    s.target.type in {"Project", "Product"} for s in subj):
                return False
        elif req == "unnamed_site":
            # "its Ohio One complex in New Albany", "a supercomputer called Colossus": a named site is placed itself
            # (an Italian prepositional modifier, "un data center a Helsinki", names no site)
            if dm.at(t) is not None or _called_name(t, dm) is not None or any(
                    (m := dm.at(c)) is not None and m.target.type != "Organization"
                    for c in t.children if c.dep_ in {"compound", "appos", "nmod", "flat"}
                    and not any(g.dep_ == "case" for g in c.children)):
                return False
        elif req == "in_phrase":
            # "Tencent è nel capitale di Zhipu AI": the noun stands in an "in" phrase of its copula
            if not any(c.dep_ == "case" and c.lemma_.lower() == "in" for c in t.children):
                return False
        elif req == "office_context":
            # "plans to open an office in Santa Clara": an office places the company itself
            if not any(_is_facility(x, lex.office_words) for x in slot_tokens(t, "obj", lex)):
                return False
        elif req == "object_is_org":
            if not obj or any(o.target.type != "Organization" for o in obj):
                return False
        elif req == "object_not_company":
            # a project or consortium, not a company known by its business ("entrerà in Google Cloud")
            if not obj or any(category_of(o, gaz) in _COMPANY_CATEGORIES for o in obj):
                return False
        elif req == "object_is_place":
            if not obj or any(o.target.type != "Place" for o in obj):
                return False
        elif req == "object_below_country":
            # "i suoi impianti negli Stati Uniti": a company's sites across a country do not place it
            if any(_is_country(o, gaz) for o in obj):
                return False
        elif req == "subject_is_product":
            if not subj or any(s.target.type != "Product" for s in subj):
                return False
        elif req == "subject_unowned":
            # "Tesla's AI4 chips are made by TSMC": a product someone else owns is supplied, not made, by the
            # subject of "make" (the owner's product, the maker's supply)
            if any(own is not None and own.target.key not in {o.target.key for o in obj}
                   for s in subj for own in [_possessor(s, t.doc, dm)]):
                return False
            if any(_owned_elsewhere(s, obj, t.doc, dm) for s in subj):
                return False
            # ("Confluent Cloud, the company's flagship product": a product named after another company is its)
            named_for = {m.target.text.lower(): m.target.identity for m in dm.mentions
                         if m.antecedent is None and m.target.type == "Organization"}
            if any(named_for.get(s.target.text.split()[0].lower()) not in {None, *(o.target.identity for o in obj)}
                   for s in subj if " " in s.target.text):
                return False
        elif req == "subject_is_org":
            if not subj or any(x.target.type != "Organization" for x in subj):
                return False
        elif req == "subject_not_public":
            if any(category_of(s, gaz) in lex.public_categories for s in subj):
                return False
        elif req == "subject_is_public":
            if not subj or not all(_public_fit(s, trig, lex, gaz) for s in subj):
                return False
        elif req == "takeover_phrase":
            # "a takeover approach from Samsung", "a bid from X"; not "an offer from Samsung to supply memory"
            takeover = word_set("takeover_words")
            if not (t.lemma_.lower() in takeover or any(
                    c.dep_ == "compound" and c.lemma_.lower() in takeover for c in t.children)) or any(
                    c.dep_ in {"acl", "relcl"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                    for c in t.children):
                return False
        elif req == "licensing_deal":
            # "a licensing deal", "a $650 million licence agreement": the deal licenses technology
            if not any(c.lower_ in _LICENSING for c in t.children if c.i < t.i):
                return False
        elif req == "no_customer":
            # "A costruire per Eni il supercomputer HPC6 sono state HPE e AMD", "built the cluster for Anthropic": what
            # a company makes for a named organisation is supplied to it, not the maker's own product
            if t.pos_ in {"VERB", "AUX"} and any(
                    x.target.type == "Organization" for n, p in prepositions(t, lex) if n in {"for", "per"}
                    for x in [dm.at(p)] if x is not None):
                return False
            if t.pos_ in {"VERB", "AUX"} and any(n in {"into", "in", "inside", "dentro"} and p.pos_ == "NOUN"
                                                 and p.lemma_.lower() in lex.product_heads | {"product", "prodotto"}
                                                 for n, p in prepositions(t, lex)):
                return False  # "IBM will build Claude into its software products": another's product built in
        elif req == "unnamed_venture":
            # "ACC, la joint venture tra Stellantis, Mercedes-Benz e TotalEnergies", "Flash Ventures, its joint
            # venture with Kioxia": a venture the text names is what its owners take part in, they are no partners
            # of each other by it ("form a joint venture with Intel", unnamed, still makes partners)
            if (t.lemma_.lower() in _VENTURE_WORDS or t.lower_ == "joint") and _named_venture(t, dm):
                return False
        elif req == "not_commercial":
            # "a 20-year power purchase agreement", "a $200 million agreement with Anthropic", "un accordo di
            # fornitura": a priced or commercial agreement is a sale, not an alliance (a bare "agreement" still is)
            if t.pos_ == "NOUN" and t.lemma_.lower() in word_set("priced_agreement_nouns"):
                near = [c for c in t.children if c.dep_ in {"compound", "amod", "nummod", "nmod", "quantmod"}]
                near += [g for c in near for g in c.children]
                if any(x.lower_ in word_set("commercial_words") or x.lemma_.lower() in word_set("commercial_words")
                       or x.like_num or x.text in {"$", "€", "£"} for x in near):
                    return False
        elif req == "supply_context":
            gov = governor(t) if t.pos_ in {"NOUN", "PROPN"} else None
            # a noun trigger's verb phrase counts too: "mette a disposizione di X la propria infrastruttura cloud"
            scope = list(sent_of(t) if trig.orient else gov.subtree if gov is not None else t.subtree)
            # a relative clause on another noun speaks about that noun ("Anthropic, la startup che sviluppa i
            # modelli Claude, ha firmato un accordo con Nvidia"): its words are no supply context of the deal
            aside = {x.i for c in scope if c.dep_ in {"acl:relcl", "relcl", "acl"} and c.head.i != t.i
                     and t not in c.subtree for x in c.subtree}
            scope = [x for x in scope if x.i not in aside]
            words = {x.lower_ for x in scope} | {x.lemma_.lower() for x in scope}
            words |= {f"{x.lower_} {x.nbor().lower_}" for x in scope if x.i + 1 < len(x.doc)}  # "data center"
            words |= {c.lower_ for c in t.children}
            if t.dep_ in {"acl", "amod"} and t.head.pos_ == "NOUN":  # "chip acquistati da Nvidia"
                words |= {t.head.lower_, t.head.lemma_.lower()}
            if t.lemma_.lower() in {"supplier", "provider", "vendor", "seller", "supply"}:
                continue
            if not words & lex.supply_words:
                return False
    return True


_LICENSING = {"licensing", "licence", "license", "licensed"}


def _distance_factor(t: Token, ms: list[DocMention]) -> float:
    far = max((abs(m.start - t.i) for m in ms), default=0)
    if far <= 8:
        return 1.0
    return max(0.8, 1.0 - (far - 8) * 0.01)


MODALITY_FACTOR = {"completed": 1.0, "announced": 0.95, "planned": 0.85, "considered": 0.8, "rumoured": 0.7,
                   "denied": 0.9, "ended": 0.9}


def _pick_money(t: Token, money: list[Money]) -> Money | None:
    if not money:
        return None
    sub = t.subtree
    lo = min(x.idx for x in sub)
    sub = t.subtree
    hi = max(x.idx + len(x.text) for x in sub)
    inside = [m for m in money if m.start >= lo and m.end <= hi]
    pool = inside or money
    return min(pool, key=lambda m: abs(m.start - t.idx))


def _restricted_governor(t: Token, slots: tuple[str, ...], lex: Lexicon) -> Token | None:
    """For a noun trigger with a ``gov_subj[@verbs]`` slot: the verb governing it, when it is one of those verbs
    (the verb whose dropped subject a pro-drop language leaves to be found)."""
    if not any(x.startswith("gov_subj") for x in slots):
        return None
    g = governor(t)
    restrict = next((x.partition("@")[2] for x in slots if x.startswith("gov_subj")), "")
    if g is not None and (not restrict or lex.lemma(g) in restrict.split("|") or g.lemma_.lower() in restrict.split("|")):
        return g
    return None


def _continues(t: Token, lex: Lexicon) -> bool:
    """The trigger, or the verb it depends on, is a continuation verb ("keep running", "continue to lead",
    "resterà alla guida")."""
    x = t
    for _ in range(3):
        if x.lemma_.lower() in lex.continuation_verbs:
            return True
        if x.dep_ not in {"xcomp", "ccomp", "obl", "nmod", "pobj", "prep"} or x.head.i == x.i:
            return False
        x = x.head
    return False


def _simple_past(t: Token) -> bool:
    """A verb in a completed past: English simple past or past perfect ("worked", "had worked"), Italian passato
    prossimo or remoto ("ha lavorato", "lavorò"); not a present perfect in English ("has worked since 2020")."""
    aux = [c.lower_ for c in t.children if c.dep_ in {"aux", "aux:pass"}]
    if t.tag_ == "VBD" or (t.tag_ == "VBN" and "had" in aux):
        return True
    morph = str(t.morph)
    if "Tense=Past" not in morph or "Aspect=Imp" in morph or t.tag_.startswith("VB"):
        return False
    return "VerbForm=Fin" in morph or bool(aux)


def _imperfect(t: Token) -> bool:
    """An Italian imperfect ("guidava"), in either of the UD treebanks' encodings."""
    morph = str(t.morph)
    return "Tense=Imp" in morph or ("Aspect=Imp" in morph and "Tense=Past" in morph)


def _preverbal_subject(verb: Token, dm: DocMentions) -> list[DocMention]:
    """When the parser missed the subject ("Negli ultimi mesi AMD ha completato ..." parsed AMD as a modifier),
    the closest name before the verb in the same sentence that is not introduced by a preposition."""
    i = verb.i
    lo = sent_of(verb).start
    prev = verb.doc[lo - 1] if lo > 0 else None
    if prev is not None and not prev.is_punct and "\n" not in prev.text_with_ws:
        lo = sent_of(prev).start  # "Swisscom a fine 2024 ha rilevato ...": the parser cut the sentence after the name
    while i > lo:
        i -= 1
        tok = verb.doc[i]
        if tok.text == ",":
            # skip an apposition or relative clause between commas: "Domyn, la società guidata da X, ha ..."
            j = i - 1
            while j >= lo and verb.doc[j].text != ",":
                j -= 1
            if j >= lo and i - j <= 15:
                i = j
            continue
        if (tok.dep_ in {"aux", "aux:pass", "advmod", "expl", "expl:impers"} and dm.at(tok) is None) or tok.is_punct:
            continue  # (a name the parser took for an adverb is a name: "Helsing/advmod produce droni")
        if tok.dep_ == "cc" and tok.head.i == verb.i and verb.dep_ == "conj":
            return []  # "la controllata che produce le console PlayStation ed è guidata da X": the first verb's subject
        m = dm.at(tok)
        if m is None:
            if tok.pos_ in {"VERB"}:
                return []
            continue
        head = verb.doc[m.end - 1]
        if any(c.dep_ == "case" for c in verb.doc[m.start].children) or any(c.dep_ == "case" for c in head.children):
            return []
        if m.target.type in {"Organization", "Person"}:
            return [m]
        return []
    return []


def _pro_drop_subject(t: Token, dm: DocMentions) -> list[DocMention]:
    """Italian dropped subject: the subject of the closest preceding sentence that had a named one."""
    def finite(x: Token) -> bool:
        m = str(x.morph)
        return "Person=3" in m or "VerbForm=Fin" in m or "Mood=Ind" in m

    if not finite(t) and not any(c.dep_ in {"aux", "aux:pass"} and finite(c) for c in t.children):
        return []
    verbs = [t, *(c for c in t.children if c.dep_ in {"aux", "aux:pass"})]
    if any("Person=1" in str(x.morph) and "Number=Plur" in str(x.morph) for x in verbs):
        org = first_person_org(t, dm)  # «abbiamo acquisito Ottogrid»: the speaker's company
        return [org] if org is not None else []
    if any(p in str(x.morph) for x in verbs for p in ("Person=1", "Person=2")):
        return []  # a speaker's "I" or "you", not the last subject named
    prev = [m for m in dm.mentions if m.is_subject and m.end <= sent_of(t).start and m.type in {"Organization", "Person"}]
    if not prev:
        return []
    last = max(prev, key=lambda m: m.start)
    # only within the last two sentences
    sents = list(t.doc.sents)
    idx = next(i for i, s in enumerate(sents) if s.start == sent_of(t).start)
    lo = sents[max(0, idx - 2)].start
    return [last] if last.start >= lo else []


#: parts of speech no trigger is ever read from (nor the first word of a two-word trigger)
_NEVER_TRIGGERS = frozenset({"DET", "ADP", "PUNCT", "CCONJ", "SCONJ", "PRON", "NUM", "SYM", "SPACE", "PART", "INTJ"})


def _trigger_candidates(t: Token, dm: DocMentions, lex: Lexicon) -> tuple[str | None, list[Trigger]]:
    """The part of speech ``t`` is read as and the triggers it may be ("VERB"/"NOUN"), from its lemma, its form,
    a verb stem the lemmatizer missed, the word before it ("parent company") or after it ("joint venture")."""
    doc = dm.doc
    if t.pos_ in _NEVER_TRIGGERS:
        return None, []
    pos = "VERB" if t.pos_ in {"VERB", "AUX"} else "NOUN" if t.pos_ in {"NOUN", "PROPN", "X"} else None
    if t.pos_ == "ADJ" and ("VerbForm=Part" in str(t.morph) or t.tag_ == "VBN"
                            or lex.triggers_for(t.lemma_.lower(), "VERB")):
        pos = "VERB"  # participles tagged as adjectives ("la startup basata a San Francisco")
    elif t.pos_ == "ADJ" and t.dep_ in {"ROOT", "ccomp", "conj", "advcl", "acl:relcl"} and lex.verb_by_stem(t.text):
        pos = "VERB"  # a clause's verb tagged as an adjective ("prevede che Nvidia fornisca ...")
    if (t.pos_ == "ADJ" and t.dep_ == "amod" and t.tag_ != "VBN" and "VerbForm=Part" not in str(t.morph)
            and lex.triggers_for(t.lemma_.lower(), "NOUN")):
        pos = "NOUN"  # a noun tagged as an adjective before a name ("its rival Nvidia")
    if pos is None and t.pos_ == "ADJ" and t.dep_ in SUBJ and any(c.dep_ == "det" for c in t.children) \
            and lex.triggers_for(t.lemma_.lower(), "NOUN"):
        pos = "NOUN"  # an adjective made a noun by its article ("i principali concorrenti sono ...")
    # "la joint venture con X" parsed as "joint" with "venture" as its adjective: the first word heads it
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    ahead = lex.triggers_for(f"{t.lower_} {nxt.lower_}", "NOUN") if nxt is not None and nxt.head.i == t.i else []
    if pos is None and ahead:
        pos = "NOUN"
    if pos == "NOUN" and any(c.dep_ in {"nsubj"} for c in t.children) and any(c.dep_ in {"dobj", "obj"} for c in t.children):
        pos = "VERB"  # a verb mistagged as a noun ("Son also chairs Stargate")
    if (pos == "NOUN" and t.dep_ == "ROOT" and t.tag_ in {"NNS", "VBZ"} and lex.triggers_for(t.lemma_.lower(), "VERB")
            and any(c.dep_ in {"amod", "compound", "nmod"} and c.i < t.i and dm.at(c) for c in t.children)):
        pos = "VERB"  # "Anthropic competes with OpenAI" parsed as an adjective and a plural noun
    if pos is None and t.pos_ == "ADV" and t.head.lemma_.lower() == "be" and lex.triggers_for(t.lower_, "NOUN") \
            and any(c.dep_ == "prep" for c in t.children):
        pos = "NOUN"  # "Nashville is home to HCA Healthcare" with "home" tagged as an adverb
    if pos in {None, "NOUN"} and lex.lemma(t) == "series":
        pos = "NOUN"  # "a $45m Series B co-led by X"
    if pos is None:
        return None, []
    lemma = phrasal_lemma(t) if pos == "VERB" else lex.lemma(t) if pos == "NOUN" else t.lemma_.lower()
    cands = lex.triggers_for(lemma, pos) or (lex.triggers_for(t.lemma_.lower(), pos) if lemma != t.lemma_.lower() else [])
    if not cands and pos == "NOUN" and (singular := lex.noun_by_plural(t.text)):
        cands = lex.triggers_for(singular, pos)  # "azionisti" lemmatised "azionisto"
    if not cands and pos == "VERB":
        stem_lemma = lex.verb_by_stem(t.text)  # "investiranno" left unlemmatised, "compete" as "compere"
        own = t.lemma_.lower()
        if stem_lemma and not (own != t.lower_ and own in common_words(lex.lang)
                               and not stem_lemma.startswith(own[:-3])):
            # (not "comprende", lemmatised "comprendere", for "comprare"; "confronta" is "confrontarsi")
            cands = lex.triggers_for(stem_lemma, pos)
    if not cands and (t.lower_ != t.lemma_.lower() or t.lower_ in lex.lemma_fixes):
        # a form the lemmatizer got wrong: listed as such ("azionisti") or fixed in the lexicon ("concesso")
        cands = lex.triggers_for(t.lower_, pos) or lex.triggers_for(lex.lemma(t), pos)
    if pos == "NOUN" and t.i > 0:  # "parent company" as well as "company"
        two = lex.triggers_for(f"{doc[t.i - 1].lower_} {t.lemma_.lower()}", pos) or \
            lex.triggers_for(f"{doc[t.i - 1].lower_} {t.lower_}", pos)
        cands = list(cands) + [x for x in two if x not in cands]
    if ahead and nxt.dep_ in {"amod", "flat", "compound"}:
        cands = list(cands) + [x for x in ahead if x not in cands]
    return pos, list(cands)


def _sentences_with_names(dm: DocMentions) -> set[int]:
    """Start tokens of the sentences holding a mention (a name or a reference), a proper noun (which a slot
    may take as an ad-hoc name) or a word of a pair ("the two companies", "both": the two names before)."""
    doc = dm.doc
    out = {sent_of(doc[m.start]).start for m in dm.mentions}
    out.update(sent_of(t).start for t in doc_tokens(doc) if t.pos_ == "PROPN" or t.lower_ in _DUAL)
    return out


def _dropped_subject(t: Token, pos: str | None, trig: Trigger, dm: DocMentions, lex: Lexicon
                     ) -> list[DocMention] | None:
    """The subject an Italian clause leaves unsaid (the name before the verb the parser missed, else the previous
    subject), for a trigger whose subject slots found none; None when the verb has a subject of its own."""
    verb = t if pos == "VERB" and "subj" in trig.subject else None
    if verb is None and "subj" in trig.subject and any(c.dep_ == "cop" for c in t.children):
        verb = t  # "Sul mercato dell'osservabilità Splunk è in concorrenza con ...": a copular noun
    if verb is None:
        verb = _restricted_governor(t, trig.subject, lex)
    while verb is not None and verb.dep_ == "xcomp" and verb.head.pos_ in {"VERB", "AUX"} \
            and not overt_subjects(verb):
        verb = verb.head  # "starebbe trattando per acquisire": the subject of the governing verb
    if verb is None or overt_subjects(verb):
        return None
    first = verb.head if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} and \
        verb.head.i < verb.i and not overt_subjects(verb.head) else None
    # "Helsing produce droni e ha rilevato Grob Aircraft" with "Helsing" misparsed: the first conjunct's name
    # before it is the subject of both
    return _preverbal_subject(verb, dm) or (_preverbal_subject(first, dm) if first is not None else []) \
        or _pro_drop_subject(verb, dm)


def extract_relations(dm: DocMentions, lex: Lexicon, gaz: Gazetteer, published: str | None = None) -> list[RawRelation]:
    """All trigger-based relations in the document."""
    doc = dm.doc
    preds = predicates()
    out: list[RawRelation] = []
    money_by_sent: dict[int, list[Money]] = {}
    dates_by_sent: dict[int, list[tuple[str, int]]] = {}
    _FUNDING_CONTEXT.pop(id(dm), None)
    _HOLDING_CONTEXT.pop(id(dm), None)
    named = _sentences_with_names(dm) if not lex.pro_drop else None
    for t in doc_tokens(doc):
        if named is not None and sent_of(t).start not in named:
            continue  # a sentence with no name, reference or proper noun has nothing to relate
        pos, cands = _trigger_candidates(t, dm, lex)
        if not cands:
            continue
        sent = sent_of(t)
        if sent.start not in money_by_sent:
            money_by_sent[sent.start] = find_money(sent.text, sent.start_char, lex)
        money = money_by_sent[sent.start]
        for trig in cands:
            pred = preds[trig.predicate]
            subj, sslot = _slot_mentions(t, trig.subject, trig, dm, lex, gaz, trig.subject_types or pred.domain)
            dropped = _dropped_subject(t, pos, trig, dm, lex) if not subj and lex.pro_drop else None
            if not subj and not dropped and not (trig.predicate == "investsIn" and slot_is_funding(trig)):
                continue  # no subject and nothing to fill it: the object is not worth reading (only a round's
                # company is kept without a subject, for "the round" of later sentences)
            obj, oslot = _slot_mentions(t, trig.object, trig, dm, lex, gaz, pred.range, tuple(subj))
            if pos == "NOUN" and dm.at(t) is not None and trig.predicate not in _SELF_NAMING_PREDICATES:
                # "the OpenAI Startup Fund": a trigger noun inside a name is part of that name, no argument of it
                # (with the names listed beside it: "Microsoft, the OpenAI Startup Fund, Nvidia")
                subj = [] if any(_names_with(m, t, sslot) for m in subj) else subj
                obj = [] if any(_names_with(m, t, oslot) for m in obj) else obj
            if not obj and len(subj) > 1 and not pred.symmetric:
                # "userà chip di AMD nella sua infrastruttura": "sua" (the object) crept into the subject list
                obj, oslot = _slot_mentions(t, trig.object, trig, dm, lex, gaz, pred.range)
                subj = [s for s in subj if all(s.target is not o.target for o in obj)] if obj else subj
            if not subj and dropped is not None:
                subj, sslot = dropped, "pro-drop"
            if not obj and subj and lex.pro_drop:
                # "Nel 2023 aveva raccolto 22 milioni in un round guidato da Renesas": the company that raised it
                # is the dropped subject of the clause (the previous sentence's subject)
                verb = t if pos == "VERB" and "subj" in trig.object else None
                if verb is None:
                    verb = _restricted_governor(t, trig.object, lex)
                third = [x for x in [verb, *(c for c in verb.children if c.dep_ in {"aux", "aux:pass"})]
                         if "Person=" in str(x.morph)] if verb is not None else []
                if verb is not None and not overt_subjects(verb) and not is_passive(verb) and \
                        verb.dep_ in {"ROOT", "conj"} and third and all("Person=3" in str(x.morph) for x in third):
                    # (a main-clause verb in the third person: not "quando aveva raccolto" inside another clause,
                    # not "stiamo valutando", said by the company itself)
                    # ("A dicembre xAI ha raccolto ..." with xAI misparsed: the name right before the verb first)
                    obj = [o for o in _preverbal_subject(verb, dm) or _pro_drop_subject(verb, dm)
                           if all(o.target is not x.target for x in subj)]
                    oslot = "pro-drop"
            # "Run:ai è stata acquisita da Nvidia" with the patient unattached; not "AMP, the fund run by X", a
            # participle on the description of a name kg does not know
            unknown_described = t.dep_ in {"acl", "amod"} and t.head.dep_ == "appos" and \
                dm.at(described_by_apposition(t.head)) is None
            if not obj and pos == "VERB" and "obj" in trig.object and t.dep_ == "conj" and \
                    t.head.dep_ in {"acl", "relcl", "acl:relcl"} and t.head.pos_ == "VERB" and is_passive(t):
                # "the company owned by X and chaired by Y": the second participle describes the same noun
                obj, oslot = _slot_mentions(t.head, ("obj", "head"), trig, dm, lex, gaz, pred.range, tuple(subj))
            if not obj and pos == "VERB" and "obj" in trig.object and is_passive(t) and not unknown_described:
                obj = _preverbal_subject(t, dm)
                oslot = "preverbal-patient"
            if pos == "NOUN" and "Number=Plur" not in str(t.morph) and t.tag_ not in {"NNS", "NNPS"}:
                # "Forgepoint Capital, Toshiba e Santander Climate VC, veicolo di Banco Santander": a singular
                # apposition right after a list describes its last name only
                subj, obj = _apposed_to(t, subj, doc), _apposed_to(t, obj, doc)
            pairs: list[tuple[DocMention, DocMention]] = []
            if pred.symmetric and not obj and len(subj) >= 2 and sslot not in {"prep:di", "prep:of", "prep:with",
                                                                                 "prep:con"} \
                    and not _examples(min(subj, key=lambda m: m.start), dm) and not trig.object_lemmas \
                    and not any(c.dep_ in POSS and c.lower_ not in lex.plural_pronouns for c in t.children) \
                    and not any(n in {"with", "con"} and _names_party(p, dm, lex)
                                for x in (t, governor(t) if t.pos_ == "NOUN" else None)
                                if x is not None for n, p in prepositions(x, lex)):
                # "A e B sono rivali" pairs A with B; "la rivale di A e B" does not, nor "A e B, i suoi rivali"
                # (someone else's) nor an idiom without its fixed object ("fatto da A e B" is no "fare i conti"), nor
                # "A e B hanno firmato un accordo con il governo" (with a party kg cannot name)
                pairs = [(a, b) for i, a in enumerate(subj) for b in subj[i + 1 :]]
            elif trig.orient and not obj and len(subj) >= 2:
                # "X e Y hanno firmato un accordo di fornitura": the orientation picks the supplier
                pairs = [(a, b) for i, a in enumerate(subj) for b in subj[i + 1 :]]
            elif pred.symmetric and sslot == oslot and len(obj) >= 2:
                pairs = [(a, b) for i, a in enumerate(obj) for b in obj[i + 1 :]]
            else:
                pairs = [(s, o) for s in subj for o in obj]
            if obj and not subj and slot_is_funding(trig) and trig.predicate == "investsIn" and any(
                    x.like_num or x.lower_ in lex.scale_words or x.lemma_.lower() in lex.funding_nouns
                    for x in t.subtree) and _requirements_met(
                    t, replace(trig, requires=tuple(r for r in trig.requires if r != "money_or_funding")),
                    subj, obj, lex, gaz, money, dm):
                # (not "Nvidia took a smaller slice of around $100 million", a share of the round just named; a sum
                # without its currency, "ha raccolto 300 milioni", still names the round, "chiude una separazione"
                # no round at all)
                _FUNDING_CONTEXT[id(dm)] = (obj[0], t.i)  # "X announced a $2bn round": later "the round" is X's
            if trig.predicate == "leads" and any(x.lemma_.lower() in lex.funding_nouns or x.lower_ in lex.funding_nouns
                                                 for x in slot_tokens(t, "obj", lex)):
                continue  # "Benchmark, which led its first funding round": an investor leading a round
            if trig.predicate == "competesWith" and "poss" in (sslot, oslot) and any(
                    c.lower_ in word_set("own_words") for c in t.children):
                continue  # "Comet, its own challenger to Chrome": the possessor's product, not its rival
            if trig.predicate == "headquarteredIn" and oslot == "compound" and any(_is_country(o, gaz) for o in obj):
                continue  # "its new Taiwan headquarters", "la sua sede italiana": a country's office, not the seat
            if pred.symmetric and not obj and len(subj) >= 2 and (_distributive(t) or _as_role(t)):
                continue  # "Microsoft and Meta had both signed supply agreements", "A, B and C signed up as
                # partners": each with someone else
            if trig.name == "rely" and any(x.lemma_.lower() in _EARNINGS for n, p in prepositions(t, lex)
                                           if n in {"for", "per"} for x in p.subtree):
                subj, obj = obj, subj  # "SK Hynix relies on Nvidia for most of its HBM sales": Nvidia buys
                if not obj or not subj:
                    continue
                pairs = [(s_, o_) for s_ in subj for o_ in obj]
            if pred.symmetric and _partners_in_a_venture(t, trig, bool(obj), dm, lex):
                continue
            if trig.predicate == "suppliesTo" and (oslot in {"prep:for", "prep:per"} or t.pos_ == "VERB" and all(
                    _public_fit(x, replace(trig, requires=("subject_is_public",)), lex, gaz) for x in subj)) \
                    and _money_object(t, lex):
                # "offered $34.5 billion for Chrome", "ha offerto 34,5 miliardi per Chrome": a bid; "Canada's
                # government will provide up to C$240 million to Cohere": public money, no supply
                continue
            if {"subject_not_public", "subject_is_public"} & set(trig.requires):
                # "backed by Nvidia and by the French government": each backer read by the trigger that fits it
                subj = [x for x in subj if _public_fit(x, trig, lex, gaz)]
                pairs = [(a, b) for a, b in pairs if _public_fit(a, trig, lex, gaz)]
            # (the subject side only for rivals and partners: "Giannandrea joined Apple" is a person joining)
            _retype_people_in(pairs, pred.range, lex, dm, "object_is_org" in trig.requires,
                              pred.domain if pred.symmetric else ())
            if not pairs or not _requirements_met(t, trig, subj, obj, lex, gaz, money, dm):
                continue
            ctx = _FUNDING_CONTEXT.get(id(dm)) if oslot == "funding_context" else None
            # ("dopo aver raccolto X in un round guidato da A, con la partecipazione di B": a share of the round
            # just named in the sentence is as real as that round)
            same_sentence = ctx is not None and sent_of(dm.doc[ctx[1]]).start == sent_of(t).start
            modality = modality_of(dm.doc[ctx[1]] if same_sentence else t, lex, trig.modality)
            if trig.stative and modality in {"planned", "considered"}:
                modality = "completed"  # "deve fare i conti con X": a state a modal verb does not turn into a plan
            if modality == "completed" and trig.predicate in lex.imperfect_ends and _imperfect(t):
                modality = "ended"
            if modality == "planned" and trig.predicate in lex.role_predicates and _continues(t, lex):
                modality = "completed"  # "will keep running the business", "resterà alla guida": it holds now
            if modality == "completed" and trig.predicate == "leads" and _until_in_past(t, lex):
                modality = "ended"  # "che ha guidato Ansys fino alla chiusura", "who ran it until 2023"
            if modality == "completed" and trig.predicate in lex.role_predicates and t.pos_ == "NOUN" and \
                    (g := governor(t)) is not None and _until_in_past(g, lex):
                modality = "ended"  # "he sat on SoftBank Group's board until 2022"
            if modality == "completed" and trig.predicate in lex.role_predicates and \
                    t.lemma_.lower() in lex.past_ends and _simple_past(t):
                modality = "ended"  # "worked at Google", "ha lavorato in Google": a job held before
            if modality == "completed" and trig.predicate in lex.role_predicates and (any(
                    c.dep_ in {"mark", "case"} and c.lower_ in lex.after_words for c in t.children) or (
                    t.dep_ == "pcomp" and t.head.lower_ in lex.after_words)):
                modality = "ended"  # "dopo aver lavorato in Google", "after working at Google" (not "joins X after
                # stints at Y": a phrase on the verb, the verb not inside it)
            if modality == "completed" and trig.predicate in lex.role_predicates and any(
                    " ".join(x.lower_ for x in c.subtree) in lex.past_adverbials for c in t.children
                    if c.dep_ in {"advmod", "obl", "nmod", "npadvmod", "obl:tmod"}):
                modality = "ended"  # "che in passato ha lavorato in Google", "previously worked at Google"
            if trig.predicate == "locatedIn" and pos == "NOUN" and modality != "denied" and \
                    not sslot.startswith("gov_"):
                modality = "completed"  # "will produce chips at its IIM-1 plant in Chitose": the plant is there
            if trig.predicate == "headquarteredIn" and modality != "denied" and not (
                    pos == "NOUN" and (g := governor(t)) is not None
                    and g.lemma_.lower() in word_set("relocation_verbs")):
                modality = "completed"  # "will chair the London-based startup": where it is based is no plan (but
                # "will move its headquarters to Nashville" is)
            if "self" in (sslot, oslot):
                # "il gruppo di Santa Clara", "the ChatGPT maker": a description, not an event
                modality = trig.modality or "completed"
            m = _pick_money(t, money) if trig.predicate in {"investsIn", "acquired", "suppliesTo"} else None
            if sent.start not in dates_by_sent:
                dates_by_sent[sent.start] = find_dates(sent, lex, published)
            dates = dates_by_sent[sent.start]
            date = min(dates, key=lambda d: abs(d[1] - t.idx))[0] if dates else None
            if trig.orient:
                pairs = _orient(pairs, trig.orient, gaz)
            each = _respective_amounts(sent, money, pairs) if m is not None else {}
            # (the trigger's own phrase, not "shares rose 8% after it agreed to buy")
            phrase = doc[t.left_edge.i:t.right_edge.i + 1].text if trig.predicate == "acquired" else ""
            for s, o in pairs:
                st, ot = s.target, o.target
                m = each.get(id(s), m)
                if st is ot or (st.key and st.key == ot.key) or st.text.lower() == ot.text.lower():
                    continue
                predicate = trig.predicate
                if predicate == "investsIn" and pos == "VERB" and _majority(
                        doc[t.i:t.right_edge.i + 1].text):
                    # "SMIC, which already owns 51% of SMIC North": a majority held is ownership, bought a takeover
                    lemma_ = t.lemma_.lower()
                    predicate = "owns" if lemma_ in word_set("holding_verbs") else \
                        "acquired" if lemma_ in word_set("buying_verbs") else predicate
                if predicate == "acquired" and "%" in phrase and any(
                        find_phrase(phrase.lower(), w) >= 0 for w in lex.stake_words):
                    predicate = "investsIn" if not _majority(phrase) else "acquired"
                if predicate == "suppliesTo" and st.type == "Product":
                    # "its Azure cloud platform remains the startup's main source": the product's maker supplies
                    lifted = _as_maker(s, gaz)
                    if lifted is None:
                        continue
                    s, st = lifted, lifted
                if predicate == "suppliesTo" and st.type == "Product":
                    # "whose Landslide products are used by Verizon", "trained on Nvidia H100s": the maker supplies
                    lifted = _as_maker(s, gaz) or _phrase_owner(s.target, dm)
                    if lifted is None or lifted.target is ot:
                        continue
                    s, st = lifted, lifted.target
                if predicate == "suppliesTo" and ot.type == "Product":
                    # "its Grok chatbot was trained on Nvidia chips": the customer is the product's maker
                    lifted = _as_maker(o, gaz)
                    if lifted is None or lifted.target is st:
                        continue
                    o, ot = lifted, lifted
                if predicate == "competesWith" and {st.type, ot.type} == {"Product", "Organization"}:
                    # "Salesforce, whose Agentforce platform competes with ServiceNow": companies compete
                    pm = s if st.type == "Product" else o
                    lifted = _as_maker(pm, gaz) or _phrase_owner(pm.target, dm)
                    if lifted is None:
                        continue
                    if pm is s:
                        s, st = lifted, lifted.target
                    else:
                        o, ot = lifted, lifted.target
                    if st is ot or (st.key and st.key == ot.key):
                        continue
                if predicate == "leads":
                    predicate = _leader_title(t, s, lex) or predicate
                if predicate == "founderOf" and st.type == "Organization" and _venture(o, doc, lex):
                    predicate = "participatesIn"  # "Nscale and Aker have set up Stargate Norway, a joint venture"
                if predicate == "locatedIn" and st.type == "Product" and st.key in gaz.entries:
                    continue  # "its B200 cluster in Dallas": a known product is what the site holds, not the site
                if predicate in {"headquarteredIn", "locatedIn"} and ot.type == "Place":
                    o = _city_before_region(o, dm)
                    ot = o.target
                if not preds[predicate].accepts(st.type, ot.type):
                    continue
                conf = trig.confidence * s.certainty * o.certainty * _distance_factor(t, [s, o])
                conf *= MODALITY_FACTOR.get(modality, 1.0)
                if predicate == "investsIn":
                    _HOLDING_CONTEXT[id(dm)] = (o, t.i)
                if predicate == "investsIn" and slot_is_funding(trig):
                    _FUNDING_CONTEXT[id(dm)] = (o, t.i)
                out.append(RawRelation(
                    subject=s, predicate=predicate, object=o, trigger=t.i, sent_start=sent.start_char,
                    sent_end=sent.end_char, pattern=f"{trig.name}:{sslot}/{oslot}", confidence=min(conf, 0.99),
                    modality=modality, amount=m.amount if m else None, currency=m.currency if m else None,
                    date=date,
                ))
    _FUNDING_CONTEXT.pop(id(dm), None)
    _HOLDING_CONTEXT.pop(id(dm), None)
    return _drop_deal_partnerships(out + _ellipsis_copies(out, dm, lex), doc)


def _ellipsis_copies(rels: list[RawRelation], dm: DocMentions, lex: Lexicon) -> list[RawRelation]:
    """ "New investors A and B joined the round, as did existing backers C and D": the names after an ellipsis
    phrase (``ellipsis_phrases``) did what the clause before it says its subject did, so each relation whose
    subject and trigger precede the phrase holds for them too."""
    doc = dm.doc
    phrases = [p.split() for p in lex.ellipsis_phrases]
    out: list[RawRelation] = []
    firsts = {p[0] for p in phrases if p}
    for sent in doc.sents:
        words = [t.lower_ for t in sent]
        for k in range(len(words)):
            if words[k] not in firsts:
                continue
            n = next((len(p) for p in phrases if words[k : k + len(p)] == p), 0)
            if not n or k == 0 or not sent[k - 1].is_punct:
                continue  # (a comma before it: "..., as did B"; not "as did" opening a clause of its own)
            at, end = sent[k].i, sent[k].i + n
            names: list[DocMention] = []
            j = end
            while j < sent.end and doc[j].text not in {";", ":"} and not (
                    doc[j].pos_ in {"VERB", "AUX"} and "VerbForm=Part" not in str(doc[j].morph)):
                m = dm.at(doc[j])
                if m is not None and m not in names:
                    names.append(m)
                j += 1
            for r in rels:
                if not (sent.start <= r.trigger < at and r.subject.end <= at):
                    continue
                for m in names:
                    if m.type != r.subject.type or m.target is r.object.target or any(
                            x.subject.target is m.target and x.predicate == r.predicate
                            and x.object.target is r.object.target for x in rels + out):
                        continue
                    out.append(dataclasses.replace(r, subject=m, confidence=r.confidence * 0.95,
                                                   pattern=r.pattern + "+ellipsis"))
            break
    return out


def _is_country(m: DocMention, gaz: Gazetteer) -> bool:
    """A known place within nothing (a country or a union of them), not a region or a city."""
    entry = gaz.entries.get(m.target.key) if m.target.key else None
    return entry is not None and entry.type == "Place" and entry.within is None


def _city_before_region(o: DocMention, dm: DocMentions) -> DocMention:
    """ "the Livingston, New Jersey-based company", "based in Charleston, South Carolina.": a place written after
    a city and a comma is the city's region, and the city is where it is (not in a list: "Paris, London and
    Berlin"); so is one in a phrase after the comma ("In Narvik, in northern Norway")."""
    doc = dm.doc
    k = o.start - 1
    while k > 1 and o.start - k <= 2 and doc[k].is_lower and doc[k].pos_ in {"ADJ", "DET"}:
        k -= 1  # "northern", "the"
    phrase = k > 1 and doc[k].lower_ in {"in", "nel", "nella", "nell'"} and doc[k - 1].text == ","
    if phrase:
        k -= 1
    elif k != o.start - 1:
        return o
    after = doc[o.end] if o.end < len(doc) and not phrase else None
    if k < 1 or doc[k].text != "," or (after is not None and after.lower_ in {"and", "or", "e", "o", ","}):
        return o
    city = dm.by_token.get(k - 1)
    if city is None or city.end != k or city.target.type != "Place" or city.antecedent is not None:
        return o
    before = doc[city.start - 1] if city.start > 0 else None
    third = dm.by_token.get(city.start - 2) if city.start > 1 else None
    if before is not None and before.text == "," and third is not None and third.target.type == "Place":
        return o  # a third place before: a list (not "To lay the cable, Monroe, Louisiana-based Lumen")
    return city


_RESPECTIVELY = {"respectively", "rispettivamente"}


def _respective_amounts(sent: Span, money: list[Money], pairs: list[tuple[DocMention, DocMention]]) -> dict[int, Money]:
    """ "Microsoft and Nvidia will invest up to $5bn and $10bn respectively": the n-th amount of the sentence
    goes with the n-th of the coordinated subjects (keyed by ``id`` of the subject mention)."""
    if not any(t.lower_ in _RESPECTIVELY for t in sent):
        return {}
    subjects = sorted({id(s): s for s, _ in pairs}.values(), key=lambda s: s.start)
    amounts = sorted((x for x in money if sent.start_char <= x.start < sent.end_char), key=lambda x: x.start)
    if len(subjects) < 2 or len(amounts) != len(subjects):
        return {}
    return {id(s): a for s, a in zip(subjects, amounts, strict=True)}


def _pair_of(r: RawRelation) -> frozenset[str]:
    return frozenset(m.target.identity for m in (r.subject, r.object))


_COMPANY_CATEGORIES = {"ai_lab", "cloud", "chipmaker", "chip_equipment", "big_tech", "software", "hardware", "telecom",
                       "investor", "automotive", "media"}
_DEAL_NOUNS = {"accordo", "intesa", "contratto", "deal", "agreement", "contract", "pact"}
_ALLIANCE_WORDS = {"alleanza", "partnership", "partner", "collaborazione", "alliance", "collaboration"}


def _drop_deal_partnerships(rels: list[RawRelation], doc: Doc) -> list[RawRelation]:
    """ "AMD e OpenAI hanno firmato un accordo in base al quale AMD fornirà ...": an agreement whose own clause
    states a supply (or investment) between the same two is that deal, not a separate partnership."""
    deals = [r for r in rels if r.predicate in {"suppliesTo", "investsIn", "acquired"}]

    def inside(p: RawRelation) -> bool:
        return any(_pair_of(d) == _pair_of(p) and d.trigger != p.trigger
                   and doc[p.trigger] in doc[d.trigger].ancestors for d in deals)

    def same_deal(p: RawRelation) -> bool:
        # "ha firmato un accordo con Microsoft" + "Anthropic acquisterà capacità su Azure" (same or next sentence):
        # the agreement is that supply or investment, not a separate partnership
        if doc[p.trigger].lemma_.lower() not in _DEAL_NOUNS or any(
                x.lemma_.lower() in _ALLIANCE_WORDS for x in sent_of(doc[p.trigger])):
            return False  # "un nuovo accordo che ridisegna la loro alleanza": the partnership is stated
        sents = {s.start: k for k, s in enumerate(doc.sents)}
        k = sents[sent_of(doc[p.trigger]).start]
        return any(_pair_of(d) == _pair_of(p) and abs(sents[sent_of(doc[d.trigger]).start] - k) <= 1 for d in deals)

    def co_buyers(p: RawRelation) -> bool:
        # "Blackstone and CPP Investments have agreed to acquire AirTrunk ... in a deal": two buyers (or
        # investors) of the same third company in one sentence are that deal's co-buyers, not partners
        sent = sent_of(doc[p.trigger])
        bought: dict[str, set[str]] = {}
        for d in deals:
            if d.predicate in {"acquired", "investsIn"} and sent.start <= d.trigger < sent.end:
                bought.setdefault(d.object.target.identity, set()).add(d.subject.target.identity)
        pair = {p.subject.target.identity, p.object.target.identity}
        if doc[p.trigger].lemma_.lower() in _DEAL_NOUNS:
            # ("... agreed to acquire AirTrunk ... in a deal worth A$24bn": the deal is the purchase)
            return any(buyers & pair and obj not in pair for obj, buyers in bought.items())
        return any(pair <= buyers and not (pair & {obj}) for obj, buyers in bought.items())

    return [r for r in rels if r.predicate != "partnersWith" or not (inside(r) or same_deal(r) or co_buyers(r))]


_TITLE_BREAKS = {"and", "or", "e", "ed", "o", ",", ";"}


def _leader_title(t: Token, person: DocMention, lex: Lexicon) -> str | None:
    """A leading verb whose person carries a more specific title: "guidata dall'amministratore delegato X",
    "guida la società come amministratore delegato", "led by chief executive X" -> that title's predicate."""
    doc = t.doc
    lo = max(t.i + 1, person.start - 8) if person.start > t.i else max(sent_of(t).start, person.start - 3)
    k = person.start - 1
    while k >= lo and not (doc[k].lower_ in _TITLE_BREAKS and k > 0 and doc[k - 1].pos_ == "PROPN"):
        k -= 1
    own = f" {' '.join(x.lower_ for x in doc[k + 1 : person.start])} "
    if k >= lo and any(f" {w} " in own for title in lex.titles for w in title.words):
        lo = k + 1  # "led by chief executive Safra Catz and chairman Larry Ellison": Ellison's title is his own
    orgs = [x.i for x in doc[max(sent_of(t).start, person.start - 6) : person.start] if x.ent_type_ == "Organization"]
    between = f" {' '.join(x.lower_ for x in doc[orgs[-1] + 1 : person.start])} " if orgs else ""
    if person.start < t.i and orgs and not any(
            x.is_punct or x.lower_ in lex.relative_pronouns for x in doc[orgs[-1] + 1 : person.start]) and any(
            f" {w} " in between for title in lex.titles for w in title.words):
        # "Instacart chief executive Fidji Simo is joining OpenAI to run ...": another company's title (not
        # "Unconventional AI, which he runs as chief executive")
        return None
    words = [x.lower_ for x in doc[lo : person.start]]
    for c in t.subtree:
        if sent_of(c).start == sent_of(t).start and (c.lower_ == "as" and c.head.i == t.i or any(
                g.lower_ in {"come", "as"} for g in c.children if g.dep_ in {"case", "mark"})):
            words += [x.lower_ for x in c.subtree]
    # "as co-chief executives": the plain singular title
    words += [w.removeprefix("co-").removesuffix("s") for w in words if w.startswith("co-") or w.endswith("s")]
    text = f" {' '.join(words)} "
    for title in lex.titles:
        # (short forms such as "ad" are too ambiguous; "ceo" is not: "la società guidata dal CEO Lisa Su")
        if title.predicate == "ceoOf" and any(f" {w} " in text for w in title.words if len(w) > 3 or w == "ceo"):
            return title.predicate
    return None


def slot_is_funding(trig: Trigger) -> bool:
    """Triggers that talk about a funding round (their investee is what "the round" later refers to)."""
    return trig.name in {"raise", "round", "lead-round", "raccogliere", "guidare-round"}


def _orient(pairs: list[tuple[DocMention, DocMention]], cats: tuple[str, ...],
            gaz: Gazetteer) -> list[tuple[DocMention, DocMention]]:
    """Direct a symmetric wording ("a deal between X and Y") by who is a supplier-type company."""
    out = []
    for a, b in pairs:
        ca, cb = category_of(a, gaz) in cats, category_of(b, gaz) in cats
        if ca and not cb:
            out.append((a, b))
        elif cb and not ca:
            out.append((b, a))
    return out


def _passive(t: Token) -> bool:
    """A passive verb: a passive auxiliary, or a past participle with "essere"/"venire" ("è stato comprato")."""
    if any(c.dep_ in {"auxpass", "aux:pass"} for c in t.children):
        return True
    return "VerbForm=Part" in str(t.morph) and any(
        c.dep_ == "aux" and c.lemma_.lower() in {"essere", "venire"} for c in t.children)


def _as_role(t: Token) -> bool:
    """The noun is a role taken "as" ("signed up as partners", "entrano come partner") or a group listed "among"
    ("Tra i primi partner figurano MediaTek, Marvell e Alchip")."""
    if t.dep_ == "pobj" and t.head.lower_ in {"as"} | word_set("among_words"):
        return True
    return any(c.dep_ in {"case", "mark"} and (c.lower_ == "come" or c.lower_ in word_set("among_words"))
               for c in t.children)


def _partners_in_a_venture(t: Token, trig: Trigger, has_object: bool, dm: DocMentions, lex: Lexicon) -> bool:
    """ "OpenAI, Oracle and SoftBank are partners in Stargate" (or "in the flagship Stargate site"): they take
    part in it, as "Infineon is a partner, with Bosch and NXP, in ESMC" and "Sony, Denso and Toyota" in "JASM, in
    which Sony, Denso and Toyota are minority partners"; they are not each other's partners. An "in" phrase
    naming an organisation counts for partners only ("Google and OpenAI are the fiercest rivals in the group"
    still compete)."""
    noun = t.pos_ == "NOUN"

    def venture(p: Token) -> bool:
        pm = dm.at(p)
        if pm is not None and (pm.target.type == "Project" or pm.target.type == "Organization" and noun
                               and pm.antecedent is None and trig.predicate == "partnersWith"):
            return True
        if p.lower_ in lex.relative_pronouns and noun:
            return True
        return not has_object and p.pos_ == "NOUN" and any(
            (q := dm.at(y)) is not None and q.target.type == "Project" for y in p.subtree)

    return any(venture(p) for x in [t, governor(t) if noun else None] if x is not None
               for n, p in prepositions(x, lex) if n == "in")


def _names_party(t: Token, dm: DocMentions, lex: Lexicon) -> bool:
    """The noun of a with-phrase names a party to a deal ("with the government", "con Intel", "with them"), not
    a circumstance ("partners with a long history")."""
    lemma = t.lemma_.lower()
    return dm.at(t) is not None or t.pos_ in {"PROPN", "PRON"} or lemma in lex.cue_nouns or lemma in lex.org_cues \
        or lemma in word_set("institution_heads") or lemma in word_set("party_nouns")


def _public_fit(m: DocMention, trig: Trigger, lex: Lexicon, gaz: Gazetteer) -> bool:
    """The subject fits the trigger's public/private requirement: an investor is no public body, a public
    supporter is one (or a person, a politician)."""
    public = category_of(m, gaz) in lex.public_categories
    if "subject_not_public" in trig.requires:
        return not public and m.target.type != "Place"
    return public or m.target.type in {"Person", "Place"}  # (a country acting as a state: "Japan backs Rapidus")


def _majority(text: str) -> bool:
    import re

    for m in re.finditer(r"(\d+(?:[.,]\d+)?)\s?(?:%|percent|per cent|per cento)", text):
        try:
            if float(m.group(1).replace(",", ".")) > 50:
                return True
        except ValueError:
            continue
    return False
