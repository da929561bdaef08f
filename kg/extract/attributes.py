"""Attributes of a relation stated in its sentence: money, date and modality."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extract.lexicon import Lexicon, word_set
from kg.extract.syntax import is_to_infinitive
from kg.extract.tokens import sent_of

MODALITY_STRENGTH = {"denied": 7, "ended": 6, "rumoured": 5, "considered": 4, "planned": 3, "announced": 2,
                     "completed": 1}


@dataclass(slots=True)
class Money:
    amount: float
    currency: str
    start: int  # char offsets in the doc
    end: int


@lru_cache(maxsize=4)
def _money_regex(lang: str, symbols: tuple[str, ...], words: tuple[str, ...], scales: tuple[str, ...]) -> re.Pattern[str]:
    sym = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    word = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    scale = "|".join(re.escape(s) for s in sorted(scales, key=len, reverse=True))
    num = r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?"
    return re.compile(
        rf"(?P<pre>{sym})\s?(?P<n1>{num})(?:\s?(?P<s1>{scale})\b\.?)?(?:\s+(?:di\s+|of\s+)?(?P<w0>{word})\b)?"
        rf"|(?P<n2>{num}|\b(?:un|one)(?=\s(?:{scale})\b))\s?(?:(?P<s2>{scale})\b\.?)?\s*(?:(?:di|of|in)\s+)?"
        rf"(?P<w2>{word}|{sym})(?!\w)",
        re.I,
    )


def parse_number(text: str, decimal_comma: bool) -> float | None:
    """'1,5' (it) -> 1.5; '1.500' (it) -> 1500; '1,500' (en) -> 1500; '2.5' (en) -> 2.5."""
    t = text.replace("\u00a0", "").replace(" ", "")
    if t.lower() in {"un", "one"}:  # "un miliardo di dollari", "one billion dollars"
        return 1.0
    if decimal_comma:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", t):
            t = t.replace(".", "")
        t = t.replace(",", ".")
    else:
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
            t = t.replace(",", "")
        elif re.fullmatch(r"\d+,\d{1,2}", t):  # "1,5 billion" written Italian-style in English text
            t = t.replace(",", ".")
        t = t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


def find_money(text: str, offset: int, lex: Lexicon) -> list[Money]:
    """Monetary amounts in ``text`` ("$4bn", "4 billion dollars", "EUR 300 million", "1,5 miliardi di euro")."""
    symbols = tuple(k for k in lex.currency_words if not k.isalpha() or k.isupper())
    words = tuple(k for k in lex.currency_words if k.isalpha() and not k.isupper() or " " in k)
    scales = tuple(lex.scale_words)
    rx = _money_regex(lex.lang, symbols, words, scales)
    out = []
    for m in rx.finditer(text):
        n = m.group("n1") or m.group("n2")
        scale = (m.group("s1") or m.group("s2") or "").lower().rstrip(".")
        cur_tok = m.group("pre") or m.group("w0") or m.group("w2") or ""
        value = parse_number(n, lex.decimal_comma)
        if value is None:
            continue
        if scale in {"m", "b", "k"} and not m.group("pre"):
            continue  # "5 m dollars" is unusual; avoid "5 m" as metres
        value *= lex.scale_words.get(scale, 1.0)
        cur = lex.currency_words.get(cur_tok) or lex.currency_words.get(cur_tok.lower()) or lex.currency_words.get(cur_tok.upper())
        if not cur:
            continue
        out.append(Money(amount=value, currency=cur, start=offset + m.start(), end=offset + m.end()))
    return out


_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")


def find_dates(sent: Span, lex: Lexicon, published: str | None) -> list[tuple[str, int]]:
    """(ISO date, char offset) pairs stated in the sentence: years, month + year, day month year, relative years."""
    text = sent.text
    out: list[tuple[str, int]] = []
    months = lex.month_names
    mon = "|".join(sorted((re.escape(k) for k in months), key=len, reverse=True))
    rx_dmy = re.compile(rf"\b(\d{{1,2}})\s+({mon})\.?\s+(\d{{4}})\b", re.I)
    rx_mdy = re.compile(rf"\b({mon})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
    rx_my = re.compile(rf"\b({mon})\.?\s+(?:del\s+|of\s+)?(\d{{4}})\b", re.I)
    used: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in used)

    for m in rx_dmy.finditer(text):
        out.append((f"{m.group(3)}-{months[m.group(2).lower()]:02d}-{int(m.group(1)):02d}", sent.start_char + m.start()))
        used.append(m.span())
    for m in rx_mdy.finditer(text):
        if free(*m.span()):
            out.append((f"{m.group(3)}-{months[m.group(1).lower()]:02d}-{int(m.group(2)):02d}", sent.start_char + m.start()))
            used.append(m.span())
    for m in rx_my.finditer(text):
        if free(*m.span()) and (len(m.group(1)) > 3 or m.group(1)[0].isupper()):
            out.append((f"{m.group(2)}-{months[m.group(1).lower()]:02d}", sent.start_char + m.start()))
            used.append(m.span())
    for m in _YEAR.finditer(text):
        if free(*m.span()):
            before = text[max(0, m.start() - 2) : m.start()]
            after = text[m.end() : m.end() + 1]
            if before.endswith(("$", "€")) or after in {"%"}:
                continue
            out.append((m.group(1), sent.start_char + m.start()))
    if published and len(published) >= 4 and published[:4].isdigit():
        low = text.lower()
        for phrase, delta in lex.relative_date_words.items():
            i = low.find(phrase)
            if i >= 0:
                out.append((str(int(published[:4]) + delta), sent.start_char + i))
    return out


#: particles of the phrasal verbs that carry a modality ("walked away from", "called off", "pulled out of")
_PARTICLES = frozenset({"away", "off", "out", "back"})


def _particle(x: Token) -> bool:
    """The particle of a phrasal verb a phrase hangs on ("walked away from its purchase", "pulled out of")."""
    return x.dep_ in {"advmod", "prt"} and x.lower_ in _PARTICLES and x.head.pos_ == "VERB"


def _cue_modality(tok: Token, lex: Lexicon) -> str | None:
    if tok.dep_ in {"amod", "nummod"} and tok.i < tok.head.i and (
            "NumType=Ord" in str(tok.morph) or tok.lower_ in {"secondo", "seconda", "secondi", "seconde"}):
        return None  # an ordinal before its noun ("il secondo socio": second, not "according to") is no cue
    if tok.lemma_.lower() in lex.impersonal_idioms and any(
            c.dep_.startswith("expl") and c.lower_ == "si" for c in tok.children):
        return None  # "si tratta dell'ennesima mossa": no negotiation
    if tok.lemma_.lower() in lex.done_in_past and (
            "Tense=Past" in str(tok.morph) or any(c.dep_ in {"aux"} for c in tok.children)):
        return None  # "ha dovuto cedere": what it had to do, it did
    best = None
    forms = [lex.lemma(tok), tok.lemma_.lower(), tok.lower_]  # lex.lemma: irregular forms the model mangles
    # phrasal verbs: "called off", "walked away from", "pulled out of"
    forms += [f"{tok.lemma_.lower()} {c.lower_}" for c in tok.children
              if c.dep_ in {"prt", "compound:prt"} or (c.dep_ in {"advmod", "prep"} and c.lower_ in _PARTICLES)]
    for f in forms:
        mod = lex.modality_cues.get(f)
        if mod and (best is None or MODALITY_STRENGTH[mod] > MODALITY_STRENGTH[best]):
            best = mod
    return best


def _stronger(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if MODALITY_STRENGTH[a] >= MODALITY_STRENGTH[b] else b


_TEMPORAL = {"before", "after", "since", "when", "while", "once", "prima", "dopo", "mentre", "quando", "appena", "poiché"}
_CLIMB = {"amod", "xcomp", "ccomp", "pobj", "prep", "dobj", "obj", "acl", "advcl", "obl", "nmod", "conj", "nsubj", "nsubjpass",
          "nsubj:pass", "pcomp", "csubj", "attr", "oprd"}


def _participle(t: Token) -> bool:
    morph = str(t.morph)
    return "VerbForm=Part" in morph or "Voice=Pass" in morph or t.tag_ == "VBN"


_CONDITIONAL_ENDINGS = ("rebbe", "rebbero")
_FUTURE_ENDINGS = ("rà", "ranno", "rò", "remo")


def _italian_future(verb: Token) -> bool:
    """An Italian future the morphologizer missed ("investiranno", "fornirà"): read from the ending."""
    return verb.pos_ in {"VERB", "AUX"} and verb.lower_.endswith(_FUTURE_ENDINGS) and len(verb) > 5


def _conditional(verb: Token) -> bool:
    """Italian journalistic conditional ("Apple pagherebbe", "avrebbe firmato", "sarebbe vicina a un accordo"):
    the verb or its auxiliary in the conditional mood reports an unconfirmed fact."""
    for x in [verb] + [c for c in verb.children if c.dep_ in {"aux", "aux:pass", "cop"}]:
        if "Mood=Cnd" in str(x.morph) or (x.lang_ == "it" and x.lower_.endswith(_CONDITIONAL_ENDINGS)):
            return True
    return False


_AGREEMENT_NOUNS = {"accordo", "intesa", "contratto", "agreement", "deal", "contract"}


def _signed_agreement(trigger: Token, lex: Lexicon) -> bool:
    """ "ha firmato un accordo con Microsoft e Nvidia: i due colossi investiranno ...": the future is the content
    of an agreement announced earlier in the same sentence."""
    start = sent_of(trigger).start
    if start > 1 and trigger.doc[start - 1].text == ":":
        start = sent_of(trigger.doc[start - 1]).start  # the parser split the sentence at the colon
    for x in trigger.doc[start : trigger.i]:
        if x.pos_ != "VERB" or lex.modality_cues.get(x.lemma_.lower()) != "announced":
            continue
        if any(c.dep_ in {"obj", "dobj"} and c.lemma_.lower() in _AGREEMENT_NOUNS for c in x.children):
            return True
    return False


def modality_of(trigger: Token, lex: Lexicon, default: str | None = None) -> str:
    """Modality of the fact the trigger states, from cues on the trigger and the words governing it."""
    mod: str | None = default
    # the trigger's own modifiers: negation, modal auxiliaries, "planned"/"potential" adjectives
    for c in trigger.children:
        if c.dep_ == "advcl" and any(g.dep_ in {"dobj", "obj"} for g in c.children):
            continue  # "won control of X, ending an eight-month battle": the clause ends its own object
        if c.dep_ == "advcl" and any(g.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} for g in c.children):
            continue  # "has opened an office in Tokyo, as the developer tries to ...", "uses X, so that lines can be
            # planned": a clause with its own subject states its own fact
        if c.dep_ == "advcl" and c.i < trigger.i and _participle(c) and c.lower_ not in lex.negations:
            continue  # "per i chip progettati su misura si rivolge a Broadcom": "designed", a participle of a
            # phrase before the verb, plans nothing
        if c.dep_ in {"neg", "advmod", "aux", "amod", "det", "advcl", "compound"} or c.lower_ in lex.negations:
            if c.lower_ in lex.negations or c.dep_ == "neg":
                mod = _stronger(mod, "denied")
            else:
                mod = _stronger(mod, _cue_modality(c, lex))
    # "taking no stake in X", "no plans to buy"
    for c in trigger.children:
        if c.dep_ in {"dobj", "obj", "attr"} and any(g.lower_ in {"no", "nessuna", "nessun"} for g in c.children):
            mod = _stronger(mod, "denied")
    if "Tense=Fut" in str(trigger.morph) or _italian_future(trigger):
        mod = _stronger(mod, "planned")  # Italian future: "lavorerà con", "investirà"
    if _conditional(trigger):
        mod = _stronger(mod, "rumoured")
    x = trigger
    steps = 0
    announced = False
    while (x.dep_ in _CLIMB or is_to_infinitive(x) or _particle(x)) and x.head.i != x.i and steps < 6:
        own_subject = x.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"}
                                                        for c in x.children)
        if x.dep_ == "conj" and ((x.head.pos_ in {"VERB", "AUX"} and (
                trigger.pos_ in {"VERB", "AUX"} or x.i == trigger.i or own_subject)) or x.pos_ in {"VERB", "AUX"}):
            # (and a noun's own verb coordinated with another: "vende software e dichiara cento clienti" is not
            # over because "vende" would end a stake)
            # (a noun's clause coordinated with another clause that has its own subject keeps its own modality:
            # "A and B sell rival services, and C has been fending off rivals such as D")
            # "bought X and plans to sell Y": a coordinated verb keeps its own modality; so does a noun
            # misparsed as a verb's conjunct ("would go to Stargate, its venture with SoftBank")
            if x.pos_ in {"VERB", "AUX"} and not any(c.dep_ in {"aux", "auxpass", "aux:pass", "nsubj", "nsubjpass",
                                                                 "nsubj:pass"} for c in x.children):
                # "would develop and deploy chips": a bare conjunct shares the auxiliary of the first verb
                for c in x.head.children:
                    if c.dep_ == "aux" and c.i < x.head.i:
                        mod = _stronger(mod, _cue_modality(c, lex))
            break
        if x.dep_ in {"nsubj", "nsubjpass", "nsubj:pass", "csubj"} and x.i != trigger.i:
            break
        if x.dep_ == "advcl" and own_subject and not any(c.dep_ in {"mark", "case"} for c in x.children) and not any(
                c.dep_ in {"nsubj", "nsubj:pass"} and c.lower_ in lex.relative_pronouns for c in x.children):
            break  # a clause with its own subject and no subordinator is a main clause the parser hung on another
        if x.dep_ in {"advcl", "acl"} and any(c.dep_ in {"mark", "advmod", "case"} and c.lower_ in _TEMPORAL
                                             for c in x.children):
            break  # "before investing in Scale, Meta had tried ...", "pochi giorni dopo aver raccolto": a temporal
            # clause states its own fact
        if x.dep_ == "prep" and x.lower_ in {"like", "unlike"}:
            break  # "should keep regulators at bay, much like Microsoft's deal with Inflection": a compared fact
        if x.dep_ == "pcomp" and x.head.lower_ in _TEMPORAL:
            break  # "withdrew its IPO after raising $1.1bn from Fidelity": the raise is a fact of its own
        if x.dep_ == "appos" or x.i == trigger.i and x.pos_ == "NOUN" and x.dep_ in {"nsubj", "nsubjpass"} and any(
                c.dep_ == "appos" and c.pos_ == "PROPN" for c in x.children):
            break  # "Arm's largest shareholder, SoftBank, is considering selling": a description holds as stated
        if x.i == trigger.i and x.dep_ == "acl" and x.head.pos_ in {"NOUN", "PROPN"} and _participle(x):
            break  # "tried to buy SSI, the startup founded by Sutskever": a participle on a noun states its own fact
        from_subject = x.dep_ in {"nsubj", "csubj"}
        destined = x.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in x.children)
        gerund = x.dep_ == "advcl" and x.tag_ == "VBG"
        x = x.head
        steps += 1
        if x.pos_ in {"PROPN"}:
            break
        cue = _cue_modality(x, lex)
        if steps == 1 and trigger.pos_ == "NOUN" and x.pos_ in {"VERB", "AUX"} and (any(
                c.dep_ == "case" for c in trigger.children) or trigger.dep_ in {"obj", "dobj"}
                and not (trigger.doc[trigger.left_edge.i - 1].text == "," and any(
                    c.dep_ == "det" and c.lower_ in word_set("definite_articles") for c in trigger.children))) and (
                "Tense=Fut" in str(x.morph) or _italian_future(x)):
            cue = _stronger(cue, "planned")  # "che entrerà nel consiglio di amministrazione", "trasferirà la sede a
            # Nashville": the noun's verb's future (not an apposition the parser took for the object: "lavorerà con
            # Annapurna Labs, la divisione di AWS")
        if gerund and cue == "ended":
            cue = None  # "sells applications, counting Shell among its customers": selling ends nothing here
        if destined and x.lemma_.lower() == "be" and x.pos_ in {"AUX", "VERB"}:
            cue = _stronger(cue, "planned")  # "Hygon was to take over Sugon": a fact meant, not done
        if from_subject and cue in {"rumoured", "announced"}:
            cue = None  # "Google's parent Alphabet reported earnings": the reporter, not what is reported
        announced = announced or cue == "announced"
        mod = _stronger(mod, cue)
        for c in x.children:
            if c.dep_ == "neg" or (c.lower_ in lex.negations and c.dep_ in {"advmod", "neg"}):
                mod = _stronger(mod, "denied")
            elif c.dep_ == "det" and c.lower_ in {"no", "nessun", "nessuna", "nessuno"} and x.pos_ == "NOUN":
                mod = _stronger(mod, "denied")  # "has no plans to invest in X"
            elif c.dep_ in {"aux", "advmod", "amod"}:
                mod = _stronger(mod, _cue_modality(c, lex))
            elif c.dep_ in {"acomp", "attr"} and from_subject and c.pos_ in {"ADJ", "VERB"}:
                mod = _stronger(mod, _cue_modality(c, lex))  # "Amazon's acquisition of iRobot is dead"
        if x.pos_ in {"VERB", "AUX", "ADJ"} and _conditional(x):
            mod = _stronger(mod, "rumoured")
    sent_low = sent_of(trigger).text.lower()
    if mod == "planned" and (announced or any(find_phrase(sent_low, p) >= 0 for p in lex.agreement_phrases)
                             or _signed_agreement(trigger, lex) or (_stated(trigger, lex) and not _plan_word(trigger, lex))):
        mod = "announced"  # "X announced it will supply Y", "under the deal, X will ...": agreed, not a mere plan
    scope = _attributive(trigger)
    span = sent_of(trigger) if scope is None else trigger.doc[scope.left_edge.i : scope.right_edge.i + 1]
    if _rumour_reaches(trigger, span, lex):
        mod = _stronger(mod, "rumoured")
    return mod or "completed"


def _plan_word(trigger: Token, lex: Lexicon) -> bool:
    """The sentence has a planned cue other than a bare future ("said it plans to"), not only "will"/"would"."""
    return any(lex.modality_cues.get(w.lemma_.lower()) == "planned" and w.lower_ not in lex.tense_only
               and w.lemma_.lower() not in lex.tense_only for w in sent_of(trigger))


def _stated(trigger: Token, lex: Lexicon) -> bool:
    """The clause is what a named party (a name, a pronoun, "the company", "the chip designer") said it would do
    ("Workday said it would buy Sana"), not what analysts or people familiar said."""
    x = trigger
    for _ in range(5):
        if x.dep_ not in {"conj", "xcomp", "ccomp", "advcl", "acl", "dobj", "obj"} or x.head.i == x.i:
            return False
        x = x.head
        if x.lemma_.lower() in lex.statement_verbs:
            for c in x.children:
                if c.dep_ not in {"nsubj", "nsubj:pass"}:
                    continue
                low = c.lemma_.lower()
                two = f"{c.doc[c.i - 1].lower_} {c.lower_}" if c.i > 0 else ""
                return c.pos_ != "NOUN" or low in lex.cue_nouns or two in lex.cue_nouns
            return False
    return False


def _rumour_reaches(trigger: Token, span: Span, lex: Lexicon) -> bool:
    """A rumour phrase of ``span`` qualifies the trigger unless it sits in a relative clause the trigger is not
    part of ("a partnership with OpenAI that, according to people briefed on it, involves no payment")."""
    low = span.text.lower()
    for p in lex.rumour_phrases:
        i = find_phrase(low, p)
        while i >= 0:
            words = span.doc.char_span(span.start_char + i, span.start_char + i + len(p), alignment_mode="expand")
            clause = _relative_clause_of(words.root) if words is not None else None
            if clause is None or clause.left_edge.i <= trigger.i <= clause.right_edge.i:
                return True
            i = find_phrase(low, p, i + 1)
    return False


def find_phrase(low: str, phrase: str, start: int = 0) -> int:
    """Index of ``phrase`` in ``low`` as whole words ("stando a" is not inside "acquistando azioni"), or -1."""
    i = low.find(phrase, start)
    while i >= 0:
        before = low[i - 1] if i > 0 else " "
        end = i + len(phrase)
        after = low[end] if end < len(low) else " "
        starts_clean = not (phrase[:1].isalnum() and before.isalnum())
        ends_clean = not (phrase[-1:].isalnum() and after.isalnum())
        if starts_clean and ends_clean:
            return i
        i = low.find(phrase, i + 1)
    return -1


def _relative_clause_of(t: Token) -> Token | None:
    x = t
    while x.head.i != x.i:
        if x.dep_ in {"relcl", "acl:relcl"}:
            return x
        if x.dep_ == "ccomp" and any(c.dep_ == "nsubj" and c.lower_ in {"that", "which", "who"} for c in x.children):
            return x  # a relative clause the parser took for a complement ("a deal that, reportedly, involves")
        x = x.head
    return None


def _attributive(t: Token) -> Token | None:
    """The modifier describing a name or noun that contains ``t`` ("the Paris-based developer", "Eddy Cue, who
    runs Apple's services"): background the sentence presupposes, so a rumour attribution elsewhere in the
    sentence ("..., people familiar with the matter said") does not reach it."""
    x = t
    for _ in range(6):
        if x.head.i == x.i:
            return None
        if x.dep_ in {"amod", "appos"} and x.head.pos_ in {"NOUN", "PROPN"}:
            return x
        if x.dep_ in {"relcl", "acl:relcl", "acl"} and x.head.pos_ == "PROPN" and not any(
                c.dep_ in {"aux", "mark"} and c.lower_ in {"to", "di", "a", "per"} for c in x.children):
            return x
        if x.dep_ == "acl" and x.head.pos_ == "NOUN" and _participle(x):
            return x  # "the startup co-founded by Ilya Sutskever": a participle describing a noun
        if x.dep_ not in _CLIMB:
            return None
        x = x.head
    return None
