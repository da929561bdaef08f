"""Entity resolution: every mention to one canonical entity, each decision explainable.

Order of the steps (the first that applies wins):
 1. ``gazetteer``  the entity ruler recognised a gazetteer name, or the normalised name equals one
    (case, punctuation, diacritics, articles and corporate suffixes ignored);
 2. ``document``   a short form of a name seen earlier in the same document ("Huang" -> "Jensen Huang",
    "Huang" -> "Huang Wei" for a family-name-first name, "Mistral" -> "Mistral AI"), or an acronym of it
    ("AWS" after "Amazon Web Services");
 3. ``fuzzy``      a typo of a gazetteer name (Damerau-Levenshtein distance 1, or 2 for long names; same
    first letter; not a plural; unambiguous; never when the mention is itself a different known name);
 4. ``truncation`` an abbreviated or cut name ("Samsung Elec.", "Intl. Business Machines", "Taiwan Semi");
 5. ``corpus``     an unknown name: one entity per normalised name and type across all documents, with
    typo-tolerant matching against unknowns already seen.
User overrides (``kg.resolve.overrides``) are applied before everything else.

Types: a bare NER label never stops a link to the gazetteer (statistical NER often calls OpenAI a place or
Nvidia a person; ``CONFUSABLE`` lists the confusions tolerated). A type the *context* supports does
(``kg.resolve.typecues``: "the Amazon rainforest", "missili Mistral", "the Gemini crypto exchange"): no step
links the mention to an entity of a type the cue rules out, and a refused name becomes an entity of the
cue's type.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein

from kg.models import Entity
from kg.resolve.gazetteer import Gazetteer, GazetteerEntry, default_gazetteer
from kg.resolve.normalize import correct_company_words, normalize_name, slugify
from kg.resolve.overrides import Overrides
from kg.resolve.typecues import MentionContext, TypeEvidence, type_evidence

#: NER type confusions the resolver may correct when the gazetteer knows better.
CONFUSABLE = {
    "Organization": {"Organization", "Place", "Person", "Product"},
    "Place": {"Place", "Organization"},
    "Person": {"Person", "Organization", "Product"},  # products named like people: Claude, Vera Rubin
    "Product": {"Product", "Organization"},
    "Project": {"Project", "Organization", "Product"},
}
#: Words too generic to identify an organisation on their own ("Holdings", "Group", "Labs").
GENERIC_WORDS = {
    "holdings",
    "holding",
    "group",
    "gruppo",
    "labs",
    "lab",
    "capital",
    "ventures",
    "partners",
    "ai",
    "technologies",
    "technology",
    "systems",
    "cloud",
    "global",
    "international",
    "services",
    "inc",
    "corp",
    "the",
    "company",
    "networks",
    "solutions",
    "software",
    "semiconductor",
    "energy",
    "bank",
}


@dataclass(slots=True)
class Resolution:
    entity: Entity
    step: str
    detail: str


def abbreviation_of(text: str, full_words: list[str], full_label: str) -> str | None:
    """How an all-capitals ``text`` abbreviates a name (its normalised words and its label), or None: "acronym"
    ("HPE" for Hewlett Packard Enterprise) or "leading capitals" ("ST" for STMicroelectronics)."""
    if not text.isupper():
        return None
    # (the label's own words too: "JIC" for "Japan Investment Corporation", whose normal form drops "Corporation")
    label_words = [w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", full_label)] if len(text) >= 3 else []
    for words in (full_words, label_words):
        if 2 <= len(text) <= 6 and len(words) >= 2:
            initials = "".join(w[0] for w in words if w not in {"of", "and", "di", "e", "the"})
            if initials == text.lower():
                return "acronym"
    n = len(text)
    if 2 <= n <= 4 and len(full_words) == 1 and full_label.startswith(text) and len(full_label) > n + 2 and \
            full_label[n].isupper() and full_label[n + 1].islower():
        return "leading capitals"
    return None


class UnknownNames(dict):
    """(normalised name, type) -> entity for the names the gazetteer does not know, seen so far in a run.

    A plain dict that also keeps two indexes up to date on every insertion, so that matching a new name
    against those seen before reads only the names of its type and initial (in insertion order, as a scan of
    the whole dict would meet them) rather than every name of the corpus."""

    def __init__(self, items: Iterable[tuple[tuple[str, str], Entity]] = ()) -> None:
        super().__init__()
        self.by_initial: dict[tuple[str, str], dict[str, Entity]] = {}  # (type, first letter) -> name -> entity
        self.key_types: dict[str, set[str]] = {}  # entity key -> the types of the entities holding it
        for k, ent in items:
            self[k] = ent

    def __setitem__(self, k: tuple[str, str], ent: Entity) -> None:
        norm, type_ = k
        super().__setitem__(k, ent)
        self.by_initial.setdefault((type_, norm[:1]), {})[norm] = ent
        self.key_types.setdefault(ent.key, set()).add(ent.type)

    def __reduce__(self):  # pickled as its items (the indexes are rebuilt on loading)
        return (UnknownNames, (list(self.items()),))

    def like(self, norm: str, type_: str) -> dict[str, Entity]:
        """Names of ``type_`` seen so far sharing the first letter of ``norm`` (in the order first seen)."""
        return self.by_initial.get((type_, norm[:1]), {})


@dataclass
class Resolver:
    """Stateful resolver: remembers unknown entities across the documents of a run."""

    gazetteer: Gazetteer = field(default_factory=default_gazetteer)
    overrides: Overrides = field(default_factory=Overrides)
    unknown: UnknownNames = field(default_factory=UnknownNames)  # (normalised, type) -> entity
    _fuzzy_index: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    # first letter -> multiword normalised name -> keys, for truncated names
    _names_by_initial: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # surnames of known people: "Macron" written alone is the president, not a typo of "Micron"
    _surnames: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._surnames = {normalize_name(e.label).split()[-1] for e in self.gazetteer.entries.values()
                          if e.type == "Person" and len(e.label.split()) >= 2}
        for norm, keys in self.gazetteer.by_name.items():
            if " " in norm:
                self._names_by_initial.setdefault(norm[0], {})[norm] = list(keys)
        # first letter -> list of (normalised name, key), for typo matching
        for norm, keys in self.gazetteer.by_name.items():
            if len(norm) < 4:
                continue
            for k in keys:
                self._fuzzy_index.setdefault(norm[0], {}).setdefault(norm, []).append(("", k))

    # ------------------------------------------------------------------ steps
    def resolve(
        self,
        text: str,
        type_: str,
        *,
        key: str | None = None,
        doc_names: dict | None = None,
        source: str = "ner",
        context: MentionContext | None = None,
    ) -> Resolution:
        """Resolve one mention. ``doc_names`` carries what earlier mentions of the same document resolved to;
        ``context`` (the text around the mention) may support a type that rules some entities out."""
        norm = normalize_name(text)
        forced = self.overrides.lookup(text, norm)
        if forced is not None and forced in self.gazetteer.entries:
            return Resolution(
                self.gazetteer.entries[forced].entity(), "override", f"override maps {text!r} to {forced}"
            )
        ev = type_evidence(context) if context is not None else None
        if ev is not None and ev.where == "after" and ev.type == "Organization" and _only_places(
                self.gazetteer, text, key):
            ev = None  # "a Las Vegas startup": a company noun after a place's name is what the place modifies
        refused: list[GazetteerEntry] = []
        if key and key in self.gazetteer.entries and not self.overrides.forbidden(norm, key):
            e = self.gazetteer.entries[key]
            if ev is None or ev.allows(e.type):
                return Resolution(e.entity(), "gazetteer", f"gazetteer name {text!r}")
            refused.append(e)
        hits = [e for e in self.gazetteer.lookup(text) if not self.overrides.forbidden(norm, e.key)]
        compatible = [e for e in hits if _fits(e.type, type_, ev)]
        refused += [e for e in hits if e not in compatible and e.type in CONFUSABLE.get(type_, {type_})]
        if compatible:
            same = [e for e in compatible if e.type == (ev.type if ev else type_)]
            e = (same or compatible)[0]
            return Resolution(e.entity(), "gazetteer", f"normalised name {norm!r} is an alias of {e.key}")
        r = None
        if doc_names:
            r = self._within_document(text, norm, type_, doc_names, ev)
        if r is None and not hits and type_ == "Person":
            r = self._other_name_order(text)
        if r is None and not hits:
            r = self._fuzzy(norm, type_, ev) or self._truncation(text, norm, type_, ev)
        if r is None:
            r = self._unknown(text, norm, ev.type if ev is not None and refused else type_)
        if refused and ev is not None:
            r.detail += f"; not {refused[0].key} ({refused[0].type}): {ev.describe()}"
        return r

    def _other_name_order(self, text: str) -> Resolution | None:
        """ "KOIKE Atsuyoshi": a two-word person the gazetteer knows in the other order (family name first, as
        Japanese, Chinese and Korean names are written at home and often in English)."""
        words = text.split()
        if len(words) != 2:
            return None
        hits = [e for e in self.gazetteer.lookup(f"{words[1]} {words[0]}") if e.type == "Person"]
        if len(hits) != 1:
            return None
        return Resolution(hits[0].entity(), "gazetteer", f"{hits[0].label!r} with the family name first")

    def _truncation(
        self, text: str, norm: str, type_: str, ev: TypeEvidence | None = None
    ) -> Resolution | None:
        """ "Samsung Elec.", "Taiwan Semi", "Intl. Business Machines": every word the start of the matching word
        of exactly one known name, or (written with a period) an abbreviation of it; the first word whole or
        abbreviated, the last at least three letters; something actually shortened."""
        words = norm.split()
        if (
            len(words) < 2
            or type_ not in {"Organization", "Product"}
            or all(w in GENERIC_WORDS for w in words)
        ):
            return None
        marked = _abbreviated_words(text)
        found: dict[str, str] = {}
        for name, keys in self._names_by_initial.get(words[0][0], {}).items():
            if _shortens(words, marked, name.split()):
                for k in keys:
                    found.setdefault(k, name)
        if len(found) != 1:
            return None
        key, name = next(iter(found.items()))
        e = self.gazetteer.entries[key]
        if not _fits(e.type, type_, ev) or self.overrides.forbidden(norm, key):
            return None
        return Resolution(e.entity(), "truncation", f"{norm!r} abbreviates {name!r} ({key})")

    def _within_document(
        self, text: str, norm: str, type_: str, doc_names: dict, ev: TypeEvidence | None = None
    ) -> Resolution | None:
        words = norm.split()
        if not words or all(w in GENERIC_WORDS for w in words):
            return None
        same = doc_names.get(norm)
        if same is not None and _fits(same.type, type_, ev):
            # "Arduino ... Arduino UNO Q ... Arduino": the very name seen earlier, not a short form of a later one
            return Resolution(same, "document", f"same name as {same.label!r} earlier in the document")
        for full_norm, ent in reversed(doc_names.items()):  # the most recent name first
            if full_norm == norm or not _fits(ent.type, type_, ev):
                continue
            fw = full_norm.split()
            if ent.type == "Product" and type_ == "Organization" and len(words) == 1 and fw[0] == words[0]:
                continue  # "its Cray EX255a platform ... HPE bought Cray": a product's first word names its maker
            if len(fw) > len(words) and _short_form(words, fw, ent.type):
                person = _namesake(words, ent, doc_names, type_, ev)
                if person is not None:
                    return Resolution(person, "document", f"surname of {person.label!r}, after whom "
                                                          f"{ent.label!r} is named, earlier in the document")
                return Resolution(ent, "document", f"short form of {ent.label!r} earlier in the document")
            if ent.type == "Person" and len(words) == len(fw) == 2 and words == fw[::-1]:
                # "KOIKE Atsuyoshi" and "Atsuyoshi Koike": family name first or last, one person
                return Resolution(ent, "document", f"{ent.label!r} in the other name order, earlier in the document")
            how = abbreviation_of(text, fw, ent.label)
            if how is not None:
                return Resolution(ent, "document", f"{how} of {ent.label!r} in the document")
        if len(words) == 1:
            # no surname matched: the first word of a two-word name ("Xi" after "Xi Jinping", "Liu" after
            # "Liu Wei": a family name written first, or a given name standing alone; the same person either way)
            for full_norm, ent in reversed(doc_names.items()):
                fw = full_norm.split()
                if ent.type == "Person" and len(fw) == 2 and fw[0] == words[0] and _fits(ent.type, type_, ev):
                    return Resolution(ent, "document", f"first name of {ent.label!r} earlier in the document")
            if type_ == "Person":
                return self._relative(words[0], doc_names)
        return None

    def _relative(self, given: str, doc_names: dict) -> Resolution | None:
        """ "Dario Amodei e la sorella Daniela": a given name alone is the one known person with that given
        name and the family name of a person named earlier in the document."""
        families = {n.split()[-1] for n, ent in doc_names.items() if ent.type == "Person" and " " in n}
        found = {
            k
            for family in families
            for k in self.gazetteer.by_name.get(f"{given} {family}", [])
            if self.gazetteer.entries[k].type == "Person"
        }
        if len(found) != 1:
            return None
        e = self.gazetteer.entries[found.pop()]
        return Resolution(e.entity(), "document", f"given name of {e.label!r}, family named in the document")

    def _fuzzy(self, norm: str, type_: str, ev: TypeEvidence | None = None) -> Resolution | None:
        if len(norm) < 4 or all(w in GENERIC_WORDS for w in norm.split()) or norm in self._surnames:
            return None
        limit = 2 if len(norm) >= 10 else 1
        best: list[tuple[int, str, str]] = []
        for name, keys in self._fuzzy_index.get(norm[0], {}).items():
            if abs(len(name) - len(norm)) > limit:
                continue
            if (len(norm) < 5 or len(name) < 5) and not swapped_letters(norm, name):
                continue  # a four-letter name allows only two letters swapped ("Gorq" is Groq, "Meta" no "Beta")
            if " " not in name and (
                name.endswith("s") and name[:-1] == norm or norm.endswith("s") and norm[:-1] == name
            ):
                continue  # "Microns" is not Micron (a plural word is another name, not a typo)
            d = DamerauLevenshtein.distance(norm, name, score_cutoff=limit + 1)
            if d == limit + 1 and _moved_letter(norm, name):
                d = limit  # "Antrophic": one letter written in the wrong place, as bad as one typo
            if d <= limit and _same_numbers(norm, name) and _typo_per_word(norm, name):
                for _, k in keys:
                    best.append((d, name, k))
        if not best:
            return None
        best.sort()
        d0 = best[0][0]
        top_names = {n for d, n, _k in best if d == d0}
        same_length = {n for n in top_names if len(n) == len(norm)}
        if len(top_names) > 1 and len(same_length) == 1:
            # "Googel": two letters swapped in "google" rather than a letter added to the ticker "googl"
            top_names = same_length
            best = [b for b in best if b[1] in same_length or b[0] != d0]
        if len(top_names) == 1:
            # one name shared by several entries (after suffix stripping): the gazetteer's preferred one
            name0 = next(iter(top_names))
            top = {self.gazetteer.lookup(name0)[0].key} if self.gazetteer.lookup(name0) else set()
        else:
            top = {k for d, _n, k in best if d == d0}
        cands = [self.gazetteer.entries[k] for k in top]
        if type_ == "Person" or any(e.type == "Person" for e in cands):
            # a different first name is a different person ("Alexander Wang" is not "Alexandr Wang"); a
            # spelling of the same sound is not ("Mark Benioff" is Marc Benioff)
            first = norm.split()[0]
            cands = [
                e
                for e in cands
                if any(_same_given_name(first, normalize_name(n).split()[0]) for n in e.names())
            ]
        # (a misspelling never turns a company or a person into a place: "Ferrari" is no Ferrara)
        cands = [e for e in cands if _fits(e.type, type_, ev) and not self.overrides.forbidden(norm, e.key)
                 and (e.type != "Place" or type_ == "Place")]
        if len({e.key for e in cands}) != 1:
            return None
        e = cands[0]
        name = next(n for d, n, k in best if k == e.key)
        return Resolution(e.entity(), "fuzzy", f"{norm!r} is {d0} edit(s) from {name!r} ({e.key})")

    def _unknown(self, text: str, norm: str, type_: str) -> Resolution:
        if type_ in {"Organization", "Person"}:
            fixed = correct_company_words(text)  # "Atreides Managment": the company word misspelled
            if fixed != text:  # (and a name with a company word is a company, whatever its first word)
                text, norm, type_ = fixed, normalize_name(fixed), "Organization"
        if not norm:
            norm = text.lower()
        if type_ == "Project":
            norm = _project_name(norm)
        k = (norm, type_)
        if k in self.unknown:
            return Resolution(
                self.unknown[k], "corpus", f"same name as an entity seen earlier ({self.unknown[k].key})"
            )
        if len(norm) >= 4:
            limit = 2 if len(norm) >= 12 else 1
            for n2, ent in self.unknown.like(norm, type_).items():
                if (
                    abs(len(n2) - len(norm)) <= limit
                    and (len(norm) >= 6 or swapped_letters(norm, n2))
                    and DamerauLevenshtein.distance(norm, n2, score_cutoff=limit) <= limit
                    and _same_numbers(norm, n2)
                ):
                    self.unknown[k] = ent
                    return Resolution(ent, "corpus", f"typo of {ent.label!r} seen earlier")
        r = self._shortened_unknown(text, norm, type_)
        if r is not None:
            self.unknown[k] = r.entity
            return r
        slug = slugify(norm)
        if slug in self.gazetteer.entries or self.unknown.key_types.get(slug, set()) - {type_}:
            slug = f"{slug}-{type_.lower()}"
        label = _display_label(text)
        ent = Entity(key=slug, label=label, type=type_, source="document")
        self.unknown[k] = ent
        return Resolution(ent, "corpus", f"new {type_} {label!r}")

    def _shortened_unknown(self, text: str, norm: str, type_: str) -> Resolution | None:
        """ "Applied Dig." after "Applied Digital" elsewhere: the truncation rule against unknowns seen before."""
        words = norm.split()
        if (
            len(words) < 2
            or type_ not in {"Organization", "Product"}
            or all(w in GENERIC_WORDS for w in words)
        ):
            return None
        marked = _abbreviated_words(text)
        found = {
            ent.key: ent
            for n2, ent in self.unknown.like(norm, type_).items()
            if _shortens(words, marked, n2.split())
        }
        if len(found) != 1:
            return None
        ent = next(iter(found.values()))
        return Resolution(ent, "corpus", f"{norm!r} abbreviates {ent.label!r} seen earlier")


#: Head words of project names in other languages -> English ("Progetto Bromo" is "Project Bromo").
_PROJECT_HEADS = {"progetto": "project", "iniziativa": "initiative", "programma": "programme"}


def _project_name(norm: str) -> str:
    """One name for a project whatever the language of its head word: "progetto bromo" -> "project bromo"."""
    head, _, rest = norm.partition(" ")
    return f"{_PROJECT_HEADS[head]} {rest}" if head in _PROJECT_HEADS and rest else norm


def _only_places(gaz: Gazetteer, text: str, key: str | None) -> bool:
    """The gazetteer knows the name only as places."""
    hits = gaz.lookup(text) + ([gaz.entries[key]] if key and key in gaz.entries else [])
    return bool(hits) and all(e.type == "Place" for e in hits)


def _namesake(words: list[str], org: Entity, doc_names: dict, type_: str, ev: TypeEvidence | None) -> Entity | None:
    """ "Igor Babuschkin ... Babuschkin Ventures ... Babuschkin arrived at xAI": a bare surname is the person a
    company of the document (one no gazetteer knows) is named after, when that person was named before it."""
    if len(words) != 1 or org.type != "Organization" or org.source == "gazetteer" or not _fits("Person", type_, ev):
        return None
    for full_norm, ent in doc_names.items():  # in the order named
        if ent is org:
            return None
        fw = full_norm.split()
        if ent.type == "Person" and len(fw) >= 2 and fw[-1] == words[0]:
            return ent
    return None


def _fits(entry_type: str, type_: str, ev: TypeEvidence | None) -> bool:
    """An entity of ``entry_type`` can be a mention labelled ``type_``: a tolerated NER confusion, and not
    ruled out by the context's type evidence."""
    return entry_type in CONFUSABLE.get(type_, {type_}) and (ev is None or ev.allows(entry_type))


def _short_form(words: list[str], full: list[str], type_: str) -> bool:
    """People are shortened to their surname (the last words), organisations to their leading words, places
    never."""
    n = len(words)
    if type_ == "Person":
        return full[-n:] == words
    if type_ == "Organization" and n == 1 and len(full) >= 2 and full[-1] == words[0] and \
            words[0] in _institution_heads():
        return True  # "the European Commission ... the Commission", "Deutsche Bank ... the Bank"
    if type_ == "Organization" and full[n:] and all(w in _UNIT_TAILS for w in full[n:]):
        return False  # "KT" is not "KT Cloud": a unit of the company
    if type_ not in {"Organization", "Product", "Project"}:
        return False
    if full[:n] == words:
        return True
    # "Oxford Semantc" after "Oxford Semantic Technologies": the leading words with one letter slipped in one of
    # them (a word of six letters or more, the first word exact)
    slipped = [(a, b) for a, b in zip(words, full[:n], strict=True) if a != b]
    return n >= 2 and words[0] == full[0] and len(slipped) == 1 and min(len(slipped[0][0]), len(slipped[0][1])) >= 6 \
        and DamerauLevenshtein.distance(*slipped[0]) == 1


def _institution_heads() -> frozenset[str]:
    from kg.extract.lexicon import word_set

    return word_set("institution_heads")


#: words that, after a company's name, name a unit of it rather than the company ("KT Cloud", "Intel Foundry",
#: "Samsung Research"); not "Capital" or "Ventures", which end the names of funds also called by their first word
#: ("Sequoia Capital ... Sequoia", "Index Ventures ... Index")
_UNIT_TAILS = frozenset({"cloud", "foundry", "research"})


def _typo_per_word(a: str, b: str) -> bool:
    """Two names of several words differ by typos word by word: at most one edit in a word shorter than eight
    letters ("Nvidia CEO" is not "Nvidia NeMo", "Amazon Web Service" is "Amazon Web Services")."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wa) != len(wb):
        return True
    return all(DamerauLevenshtein.distance(x, y) <= (1 if min(len(x), len(y)) < 8 else 2) for x, y in zip(wa, wb, strict=True))


#: the words of a name that carry a number ("mi350", "gpt-4" -> "4", "h100")
_MODEL_CODES = re.compile(r"[^\W\d_]*\d[\w]*")


def _same_numbers(a: str, b: str) -> bool:
    """Whether two names carry the same model codes: a different number (or a different code around the same
    number) is a different model or generation ("Instinct MI350" is not "Instinct MI450", "H300" is not
    "GB300", "GPT-4" is not "GPT-5"), never a typo."""
    return _MODEL_CODES.findall(a) == _MODEL_CODES.findall(b)


def typo_variants(a: str, b: str) -> bool:
    """Two spellings of one name as the corpus rule reads them ("Kinnara"/"Kinara", "Akre"/"Aker"): same first
    letter, one edit apart (an adjacent swap for names under six letters), the same model numbers."""
    na, nb = normalize_name(a), normalize_name(b)
    if na == nb or len(na) < 4 or len(nb) < 4 or na[:1] != nb[:1] or abs(len(na) - len(nb)) > 1:
        return False
    if len(na) < 6 and not swapped_letters(na, nb):
        return False
    return DamerauLevenshtein.distance(na, nb, score_cutoff=1) <= 1 and _same_numbers(na, nb)


def spelling_vote(texts: list[str], known: Callable[[str], bool]) -> dict[str, str]:
    """Within one document, the spelling each rarer variant of a name stands for: the variant written most often
    ("Kinnara" once, "Kinara" twice: Kinara); only between names the gazetteer does not know."""
    counts = Counter(texts)
    # (spellings that differ only in case are one: "bloom energy" in noisy text counts for "Bloom Energy")
    folded = Counter(t.lower() for t in texts)
    out: dict[str, str] = {}
    for t in counts:
        if known(t):
            continue  # (a misspelling of a known name is left to the gazetteer's fuzzy match)
        best = max((u for u in counts if u.lower() != t.lower() and folded[u.lower()] > folded[t.lower()]
                    and not known(u) and typo_variants(t, u)),
                   key=lambda u: (folded[u.lower()], counts[u], u != u.lower()), default=None)
        if best is not None:
            out[t] = best
    return out


def swapped_letters(a: str, b: str) -> bool:
    """Two adjacent letters after the first written the other way round: "gorq"/"groq", "akre"/"aker"."""
    if len(a) != len(b) or a == b or a[0] != b[0] or " " in a or " " in b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _moved_letter(a: str, b: str) -> bool:
    """ "antrophic"/"anthropic": the same letters, one of them moved (a transposition across letters); only
    for names of seven letters or more, whose first two letters agree."""
    if len(a) != len(b) or len(a) < 7 or a[:2] != b[:2] or sorted(a) != sorted(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    lo, hi = diff[0], diff[-1]
    x, y = a[lo : hi + 1], b[lo : hi + 1]
    return x[1:] == y[:-1] or x[:-1] == y[1:]


def _same_given_name(a: str, b: str) -> bool:
    """Spellings of one given name: equal, the same sound ("Mark"/"Marc", "Christiano"/"Cristiano") or two
    letters swapped ("Micheal"/"Michael"); not a letter more or less ("Alexander" is not "Alexandr")."""
    if a == b or _sound(a) == _sound(b):
        return True
    return len(a) == len(b) and sorted(a) == sorted(b) and DamerauLevenshtein.distance(a, b) == 1


def _sound(name: str) -> str:
    """A spelling-neutral key of a given name: "Mark"/"Marc" -> "marc", "Christiano"/"Cristiano" -> "cristiano"."""
    key = (
        name.lower()
        .replace("ph", "f")
        .replace("ch", "c")
        .replace("ck", "c")
        .replace("k", "c")
        .replace("y", "i")
    )
    return re.sub(r"(.)\1", r"\1", key)


def _shortens(words: list[str], marked: set[str], full: list[str]) -> bool:
    """``words`` is ``full`` cut short: as many words or fewer, each the start of the matching word or (when
    written with a period, ``marked``) an abbreviation of it; the first word whole or abbreviated, the last of
    three letters or more; something actually shortened."""
    if len(full) < len(words) or full == words:
        return False
    if not (words[0] == full[0] or words[0] in marked and _abbreviates(words[0], full[0])):
        return False
    if len(words[-1]) < 3 and words[-1] not in marked:
        return False
    return all(
        w == f or f.startswith(w) or w in marked and _abbreviates(w, f)
        for w, f in zip(words, full, strict=False)
    )


def _abbreviated_words(text: str) -> set[str]:
    """Normalised words written with a final period ("Intl.", "Elec.", "Tel."): abbreviations."""
    return {
        normalize_name(w[:-1], strip_suffixes=False) for w in text.split() if w.endswith(".") and len(w) > 2
    }


def _abbreviates(short: str, full: str) -> bool:
    """ "intl" abbreviates "international", "mfg" "manufacturing": same first letter, the letters in order."""
    if len(short) < 2 or short[0] != full[0] or len(short) >= len(full):
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def remember(doc_names: dict[str, Entity], text: str, r: Resolution) -> None:
    """Record a resolved mention for later short forms in the same document (surface and canonical name)."""
    norm = normalize_name(text)
    if norm and r.step != "document":
        doc_names.setdefault(norm, r.entity)
        # the canonical name too: after a typo ("Elon Musck"), "Musk" is still a short form of Elon Musk
        doc_names.setdefault(normalize_name(r.entity.label), r.entity)


def _display_label(text: str) -> str:
    from kg.resolve.normalize import strip_possessive

    t = strip_possessive(text).strip(" ,.;:")
    for art in ("the ", "The "):
        if t.startswith(art):
            t = t[len(art) :]
    return t
