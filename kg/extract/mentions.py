"""Mentions inside one parsed document, with coreference, as the relation extractor sees them."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import Lexicon, load_lexicon, word_set
from kg.extract.tokens import doc_tokens
from kg.resolve.gazetteer import Gazetteer

#: How much a mention's origin is trusted (multiplies a relation's confidence).
SOURCE_CERTAINTY = {"gazetteer": 1.0, "ner": 0.9, "propn": 0.8, "coref": 0.85, "adhoc": 0.75}


@dataclass(eq=False)
class DocMention:
    """A mention of an entity in a spaCy Doc (token span), possibly standing for an antecedent."""

    start: int
    end: int
    type: str
    text: str
    key: str | None = None  # gazetteer key when known
    source: str = "ner"
    antecedent: DocMention | None = None  # set for pronouns and "the company"-like references
    char_start: int = 0
    char_end: int = 0
    is_subject: bool = False

    @property
    def identity(self) -> str:
        """What this mention names within the document: its gazetteer key, else its lowercased text (two
        spellings that differ only in case are one name)."""
        return self.key or self.text.lower()

    @property
    def target(self) -> DocMention:
        """The named mention this one stands for (itself when it is a name)."""
        m = self
        seen = {id(m)}
        while (
            m.antecedent is not None and id(m.antecedent) not in seen
        ):  # chains of "she ... her ... she" are long
            m = m.antecedent
            seen.add(id(m))
        return m

    @property
    def certainty(self) -> float:
        base = SOURCE_CERTAINTY.get(self.source, 0.8)
        if self.antecedent is not None:
            return base * self.target.certainty
        return base


@dataclass
class DocMentions:
    doc: Doc
    mentions: list[DocMention] = field(default_factory=list)
    by_token: dict[int, DocMention] = field(default_factory=dict)
    _sentence_starts: list[int] | None = field(default=None, repr=False)

    def add(self, m: DocMention) -> None:
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.by_token.setdefault(i, m)

    def at(self, t: Token) -> DocMention | None:
        return self.by_token.get(t.i)

    def sentence_starts(self) -> list[int]:
        """Token index of each sentence start, in order (computed once per document)."""
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in self.doc.sents]
        return self._sentence_starts

    def person_surnames(self) -> set[str]:
        """Last words of the people named in full (two words or more) in the document."""
        return {m.text.split()[-1] for m in self.mentions if m.type == "Person" and len(m.text.split()) >= 2}

    def sentence_start_back(self, i: int, back: int) -> int:
        """The first token of the sentence ``back`` sentences before the one holding token ``i`` (the document's
        first sentence at the most)."""
        starts = self.sentence_starts()
        return starts[max(0, bisect_right(starts, i) - 1 - back)]

    def latest_subject(self, before: int, types: frozenset[str] | set[str]) -> DocMention | None:
        """The mention of one of ``types`` that is the subject of the latest clause before token ``before``, in
        its sentence or the one before it: the company the text is talking about there."""
        lo = self.sentence_start_back(before, 1)
        subs = [m for m in self.mentions if m.is_subject and lo <= m.start < before and m.target.type in types]
        return max(subs, key=lambda m: m.start) if subs else None


def collect_mentions(doc: Doc, gaz: Gazetteer) -> DocMentions:
    """Named mentions from ``doc.ents`` (as left by the kg_entities component)."""
    dm = DocMentions(doc)
    for ent in doc.ents:
        ent = _balanced(ent)
        if ent is None:
            continue
        key = ent.ent_id_ or None
        source = "ner"
        if key == "~propn":
            key, source = None, "propn"
        elif key == "~ner":
            key = None
        elif key:
            source = "gazetteer"
        m = DocMention(
            start=ent.start,
            end=ent.end,
            type=ent.label_,
            text=ent.text,
            key=key,
            source=source,
            char_start=ent.start_char,
            char_end=ent.end_char,
            is_subject=ent.root.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}
            or (ent.root.dep_ in {"poss", "nmod:poss"} and ent.root.head.dep_ in {"nsubj", "nsubjpass"}),
        )
        dm.add(m)
    _merge_national_units(dm)
    _list_tail_organisations(dm)
    _propagate_person_names(dm)
    try:
        lex = load_lexicon(doc.lang_)
    except (KeyError, FileNotFoundError, ValueError):
        lex = None  # a language kg has no lexicon for: no typing or recurring names from its word lists
    if lex is not None:
        _retype_described_organisations(dm, lex)
    _add_short_forms(dm)
    if lex is not None:
        _add_recurring_names(dm, lex)
    return dm


def _balanced(ent: Span) -> Span | None:
    """A name ends before a bracket it does not close ("Innovation Park Artificial Intelligence (Ipai" is
    "Innovation Park Artificial Intelligence"); None when nothing is left."""
    opened = [t.i for t in ent if t.text == "("]
    if not opened or any(t.text == ")" for t in ent if t.i > opened[-1]):
        return ent
    end = opened[-1]
    while end > ent.start and ent.doc[end - 1].is_punct:
        end -= 1
    if end <= ent.start:
        return None
    return Span(ent.doc, ent.start, end, label=ent.label_, kb_id=ent.kb_id_, span_id=ent.id_)


def _token_mention(t: Token, type_: str, subject_deps: set[str], key: str | None = None) -> DocMention:
    """A one-word mention the model did not tag, found by a document-level rule."""
    return DocMention(
        start=t.i,
        end=t.i + 1,
        type=type_,
        text=t.text,
        key=key,
        source="propn",
        char_start=t.idx,
        char_end=t.idx + len(t.text),
        is_subject=t.dep_ in subject_deps,
    )


def _inside_longer_name(t: Token) -> bool:
    """The word has a capitalised proper noun right after it, or right before it inside a sentence."""
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    prev = doc[t.i - 1] if t.i > 0 else None
    return (nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()) or (
        prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and not t.is_sent_start
    )


@lru_cache(maxsize=1)
def national_unit_places() -> frozenset[str]:
    """Country and region names that name a company's national unit after its name."""
    from kg.resources import load_toml

    return frozenset(load_toml("lexicon/common.toml").get("national_unit_places", []))


def _list_tail_organisations(dm: DocMentions) -> None:
    """ "con la partecipazione di Nvidia, AMD, Cisco e Jane Street": a name the gazetteer does not know, typed a
    place by its shape alone, closing a written list of two or more organisations joined by commas, is one more
    organisation."""
    doc = dm.doc
    for n, m in enumerate(dm.mentions):
        if m.type != "Place" or m.key or n < 2 or m.start < 2 or doc[m.start - 1].lower_ not in {"e", "ed", "and"}:
            continue
        a, b = dm.mentions[n - 2], dm.mentions[n - 1]
        if a.type == b.type == "Organization" and b.end == m.start - 1 and a.end == b.start - 1 and \
                doc[a.end].text == ",":
            m.type = "Organization"


def _merge_national_units(dm: DocMentions) -> None:
    """ "Microsoft Italia" tagged as the company and a country: one organisation, the company's national unit
    (``national_unit_places`` in ``common.toml``), so it is not read as Microsoft and Italy."""
    doc = dm.doc
    places = national_unit_places()
    by_start = {m.start: m for m in dm.mentions}
    merged = []
    for m in dm.mentions:
        nxt = by_start.get(m.end)
        if (
            m.type != "Organization"
            or nxt is None
            or nxt.type != "Place"
            or nxt.text not in places
            or not doc[m.end - 1].whitespace_
            or any(c.dep_ == "case" for c in doc[nxt.start].children)
        ):
            continue
        merged.append((m, nxt))
    if not merged:
        return
    drop = {id(x) for pair in merged for x in pair}
    keep = [m for m in dm.mentions if id(m) not in drop]
    dm.mentions = []
    dm.by_token = {}
    for m in keep:
        dm.add(m)
    for org, place in merged:
        span = doc[org.start : place.end]
        dm.add(
            DocMention(
                start=org.start,
                end=place.end,
                type="Organization",
                text=span.text,
                source="propn",
                char_start=span.start_char,
                char_end=span.end_char,
                is_subject=org.is_subject,
            )
        )


def _org_cue(t: Token, cues: dict[str, tuple[str, ...]]) -> bool:
    spec = cues.get(t.lower_) or cues.get(t.lemma_.lower())
    return bool(spec) and spec[0] == "Organization"


def _retype_described_organisations(dm: DocMentions, lex: Lexicon) -> None:
    """A name the model typed as a person, a place or a product that the document describes as a company
    ("visual-effects company Weta Digital", "XetHub, a Seattle-based startup,") is an organisation, in every
    mention of it;
    names the gazetteer knows and full names starting with a known given name are left alone."""
    doc = dm.doc
    cues = lex.cue_nouns
    described: set[str] = set()
    # "Lip-Bu Tan ... Tan, a veteran chip investor,": the surname of a person named in full stays a person
    surnames = dm.person_surnames()
    for m in dm.mentions:
        if m.key is not None or m.type not in {"Person", "Place", "Product"} or m.antecedent is not None:
            continue
        if m.type == "Person" and m.text in surnames:
            continue
        head = doc[m.end - 1]
        # (an apposition set off by a comma or a bracket: "Secondo Mario Rossi la società crescerà" has none)
        set_off = m.end < len(doc) and doc[m.end].text in {",", "(", "-", "–"}
        company_only = set_off and any(c.dep_ == "appos" and c.lower_ in word_set("company_only_nouns")
                                       for x in doc[m.start : m.end] for c in x.children)
        if m.type == "Person" and doc[m.start].text in lex.given_names and m.end - m.start >= 2 and not company_only:
            continue  # (unless only a company can be what the apposition says: "Tim Brasil, la controllata di TIM")
        before = doc[m.start - 1] if m.start > 0 else None
        # "company Weta Digital": a cue noun right before the name, modifying it
        if (
            before is not None
            and before.pos_ == "NOUN"
            and _org_cue(before, cues)
            and before.head.i in range(m.start, m.end)
        ):
            described.add(m.text)
            continue
        # "Weta Digital, a visual-effects studio,": an apposition headed by a cue noun
        if company_only or any(
            c.dep_ in {"appos"}
            and c.pos_ == "NOUN"
            and _org_cue(c, cues)
            and any(
                g.dep_ == "det"
                and g.lower_ in {"a", "an", "the", "un", "una", "uno", "un'", "il", "la", "lo", "l'"}
                for g in c.children
            )
            for c in head.children
        ):
            described.add(m.text)
    for m in dm.mentions:
        if m.text in described and m.key is None and m.type in {"Person", "Place", "Product"}:
            m.type = "Organization"


#: dependency labels of a name standing as an argument (subject, object, prepositional object, list item)
_ARGUMENT_DEPS = {
    "nsubj",
    "nsubjpass",
    "nsubj:pass",
    "dobj",
    "obj",
    "pobj",
    "conj",
    "appos",
    "poss",
    "obl",
    "nmod",
}


def _add_recurring_names(dm: DocMentions, lex: Lexicon) -> None:
    """A capitalised one-word name the model left untagged but the document keeps using as an argument
    ("ServiceNow agreed to acquire Moveworks ... Moveworks, founded in 2016, ... backers of Moveworks"): an
    organisation, so that references and relations can see it. Only words written capitalised every time, at
    least twice as an argument and once inside a sentence; never a given name, a month, a stop word, an
    all-capitals abbreviation or a word the document also writes in lower case."""
    from kg.extract.entities import is_junk

    doc = dm.doc
    lower_forms: set[str] = set()
    uses: dict[str, list[Token]] = {}
    for t in doc_tokens(doc):
        text = t.text
        if not text[:1].isupper():
            if text.islower():
                lower_forms.add(text)
            continue
        if text.isupper() or t.i in dm.by_token or t.pos_ != "PROPN":
            continue
        if _inside_longer_name(t):
            continue  # part of a longer name: not a one-word name
        uses.setdefault(t.text, []).append(t)
    for text, toks in uses.items():
        args = [t for t in toks if t.dep_ in _ARGUMENT_DEPS]
        if len(args) < 2 or all(t.is_sent_start for t in toks) or len(text) < 3:
            continue
        if text.lower() in lower_forms or text in lex.given_names or is_junk(text, lex):
            continue
        for t in toks:
            dm.add(_token_mention(t, "Organization", {"nsubj", "nsubj:pass", "nsubjpass"}))


_GENERIC_FIRST = {
    "the",
    "il",
    "la",
    "lo",
    "new",
    "national",
    "international",
    "global",
    "united",
    "general",
    "american",
    "european",
    "italian",
    "banca",
    "banco",
    "gruppo",
    "group",
    "ministry",
    "ministero",
    "department",
}


def _add_abbreviations(dm: DocMentions) -> None:
    """An all-capitals organisation name kg does not know that abbreviates a known one named earlier ("ST" after
    "STMicroelectronics", "HPE" after "Hewlett Packard Enterprise") gets its key, so the document's count of
    who it is about sees one company."""
    from kg.resolve.normalize import normalize_name
    from kg.resolve.resolver import abbreviation_of

    full = [(f, normalize_name(f.text).split()) for f in dm.mentions
            if f.type == "Organization" and f.key and not f.text.isupper()]
    for m in dm.mentions:
        if m.key is not None or m.type != "Organization" or not m.text.isupper():
            continue
        for f, words in reversed([(f, w) for f, w in full if f.start < m.start]):
            if abbreviation_of(m.text, words, f.text) is not None:
                m.key = f.key
                break


def _add_short_forms(dm: DocMentions) -> None:
    """Later mentions of the first word of a multiword organisation named earlier ("al Polo" after
    "Polo Strategico Nazionale"), which the model does not tag; resolution maps them to the full name."""
    doc = dm.doc
    _add_abbreviations(dm)
    firsts: dict[str, DocMention] = {}
    for m in dm.mentions:
        words = m.text.split()
        if (
            m.type == "Organization"
            and len(words) >= 2
            and len(words[0]) >= 4
            and words[0][:1].isupper()  # "governo italiano" gives no short form "governo"
            and words[0].lower() not in _GENERIC_FIRST
        ):
            firsts.setdefault(words[0], m)
    if not firsts:
        return
    # a short form the model tagged on its own ("Stability" after "Stability AI") is the same entity
    for m in dm.mentions:
        full = firsts.get(m.text)
        if (
            full is not None
            and m.key is None
            and m.type == "Organization"
            and m.start > full.start
            and full.key
        ):
            m.key = full.key
    for t in doc_tokens(doc):
        full = firsts.get(t.text)
        if full is None or t.i in dm.by_token or t.i < full.end:
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper():
            continue  # part of another name
        if t.is_sent_start and t.i + 1 < len(doc) and not doc[t.i + 1].is_punct:
            continue  # "Black boxes ...": a sentence-initial word is a short form only before punctuation
        dm.add(_token_mention(t, "Organization", {"nsubj", "nsubj:pass"}, key=full.key))


def _propagate_person_names(dm: DocMentions) -> None:
    """A bare surname typed as an organisation is the person named in full elsewhere in the document
    ("Omri Geller ... Geller, che guida la società")."""
    from kg.extract.entities import known_place_names

    surnames: dict[str, str] = {}
    for m in dm.mentions:
        words = m.text.split()
        if m.type == "Person" and len(words) >= 2:
            surnames.setdefault(words[-1], m.text)
    for m in dm.mentions:
        if m.type == "Organization" and m.key is None and m.text in surnames:
            m.type = "Person"
        elif m.type == "Place" and m.text in surnames and _after_full_name(m, surnames[m.text], dm) and (
            (m.key is None and m.text not in known_place_names()) or not _locative(dm.doc[m.start : m.end].root)
        ):
            # "Amar Subramanya ... Subramanya" tagged as a place; "Barack Obama ... Obama ha detto" (Obama is
            # also a town) unless a preposition of place governs it ("a Houston")
            m.type = "Person"
    if not surnames:
        return
    # "Suleyman left Google": a bare surname the model did not tag at all, after the full name
    first_seen = {
        words: min(m.start for m in dm.mentions if m.text == full) for words, full in surnames.items()
    }
    for t in doc_tokens(dm.doc):
        if (
            t.text not in surnames
            or t.i in dm.by_token
            or t.i < first_seen[t.text]
            or t.pos_ not in {"PROPN", "NOUN"}
        ):
            continue
        if _inside_longer_name(t):
            continue  # part of another name
        dm.add(_token_mention(t, "Person", {"nsubj", "nsubj:pass"}))


def _after_full_name(m: DocMention, full: str, dm: DocMentions) -> bool:
    return any(x.text == full and x.start < m.start for x in dm.mentions)


def _locative(t: Token) -> bool:
    """The word is governed by a preposition ("a Houston", "in Obama", "at Houston")."""
    return any(c.dep_ == "case" for c in t.children) or (t.dep_ == "pobj" and t.head.pos_ == "ADP")


def category_of(m: DocMention, gaz: Gazetteer) -> str | None:
    t = m.target
    if t.key and t.key in gaz.entries:
        return gaz.entries[t.key].category
    return None


def adhoc_mention(t: Token, lex: Lexicon) -> DocMention | None:
    """A mention for a capitalised proper noun the NER missed, when it fills a relation slot."""
    if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.lower_ in lex.stop_entities \
            or t.text in lex.org_suffixes or t.text.rstrip(".") in lex.org_suffixes:
        return None  # (nor a corporate suffix alone: the "Inc." of "Ormat Nevada, Inc.")
    from kg.extract.entities import is_credit_label, is_junk, sentence_initial_word

    if is_credit_label(t):
        return None  # "runs Microsoft AI Credit: Tom Ashby": the caption's credit label
    toks = [t] + [c for c in t.children if c.dep_ in {"compound", "flat", "flat:name"} and c.pos_ == "PROPN"]
    start = min(x.i for x in toks)
    end = max(x.i for x in toks) + 1
    # a name does not run across punctuation ("TOKYO - KDDI": a dateline, then the name)
    for k in range(t.i - 1, start - 1, -1):
        if t.doc[k].is_punct:
            start = k + 1
            break
    for k in range(t.i + 1, end):
        if t.doc[k].is_punct:
            end = k
            break
    span = t.doc[start:end]
    if len(toks) == 1 and sentence_initial_word(t, lex):
        return None

    if is_junk(span.text, lex):
        return None
    # "Shane Legg": a known given name before a capitalised surname is a person
    person = (
        len(toks) >= 2
        and t.doc[start].text in lex.given_names
        and t.doc[start + 1].text not in lex.given_names
    )
    return DocMention(
        start=start,
        end=end,
        type="Person" if person else "Organization",
        text=span.text,
        source="adhoc",
        char_start=span.start_char,
        char_end=span.end_char,
    )
