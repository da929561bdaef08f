"""Generate N synthetic news-like articles about the business of AI, in English and Italian (JSONL).

    python benchmarks/scale/generate.py -n 2000 --out /tmp/corpus.jsonl            # seed 7, 40% Italian
    python benchmarks/scale/generate.py -n 20 --seed 3 --italian 0.5 --out small.jsonl

Every article is made from the kg gazetteer (organisations by category, people with their organisation,
products, projects, places) and from templates written for this benchmark: a headline, a dateline
(``Published:`` / ``Pubblicato:``) and paragraphs mixing deal sentences (investments, acquisitions,
partnerships, supply contracts, rivalry, leadership, founders, headquarters, projects) with context
sentences that state no relation. A pool of invented companies and people (made from syllables) appears
across many articles, so entity resolution across the corpus is exercised too.

THE ARTICLES ARE SYNTHETIC: the facts are random combinations and most of them are not true. The corpus
exists to measure speed and memory, never to learn anything about the companies named.

The output is deterministic for a given ``--seed``, ``-n`` and ``--italian`` (same bytes on every run).
Each line: ``{"id", "lang", "title", "published", "text"}``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.resolve.gazetteer import Gazetteer, default_gazetteer  # noqa: E402

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_IT = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
]
FIRST_NAMES = [
    "Marta",
    "Luca",
    "Giulia",
    "Tomas",
    "Elena",
    "Omar",
    "Sofia",
    "Daniel",
    "Chiara",
    "Kenji",
    "Irene",
    "Pablo",
    "Nadia",
    "Stefan",
    "Alice",
    "Marco",
    "Hannah",
    "Ravi",
    "Bianca",
    "Felix",
]
SURNAME_PARTS = (
    ["Fer", "Vol", "Cas", "Bren", "Mal", "Tor", "Lin", "Cor", "Dal", "Ros", "Hal", "Mer"],
    ["randi", "ston", "tello", "avik", "berg", "ucci", "ward", "oni", "eira", "sen", "ani"],
)
COMPANY_PARTS = (
    [
        "Vel",
        "Nor",
        "Astr",
        "Quan",
        "Lum",
        "Ferr",
        "Zen",
        "Orb",
        "Cal",
        "Mir",
        "Tess",
        "Bri",
        "Kor",
        "Sol",
        "Vant",
        "Hel",
    ],
    ["trix", "dava", "ion", "yx", "etica", "ora", "agon", "ellis", "umen", "aris", "onda"],
    ["AI", "Robotics", "Labs", "Systems", "Analytics", "Compute", "Dynamics", "Photonics"],
)


@dataclass(frozen=True)
class Name:
    """An entity as an article names it: English and Italian surface forms."""

    en: str
    it: str

    def of(self, lang: str) -> str:
        return self.it if lang == "it" else self.en


@dataclass
class Pools:
    """What articles are made of, drawn from the gazetteer plus invented companies and people."""

    investors: list[Name]
    labs: list[Name]
    clouds: list[Name]
    chipmakers: list[Name]
    companies: list[Name]
    startups: list[Name]
    people: list[tuple[Name, Name]]  # (person, organisation)
    founders: list[tuple[Name, Name]]
    products: list[tuple[Name, Name]]  # (product, maker)
    projects: list[Name]
    places: list[Name]


def _names(gaz: Gazetteer, type_: str, categories: set[str] | None = None) -> list[Name]:
    out = []
    for key in sorted(gaz.entries):
        e = gaz.entries[key]
        if e.type == type_ and (categories is None or e.category in categories):
            out.append(Name(e.label, e.label_it or e.label))
    return out


def invented_companies(rng: random.Random, n: int) -> list[Name]:
    """``n`` distinct invented company names ("Veltrix Robotics")."""
    seen: set[str] = set()
    out: list[Name] = []
    while len(out) < n:
        a, b, c = (rng.choice(p) for p in COMPANY_PARTS)
        name = f"{a}{b} {c}"
        if name not in seen:
            seen.add(name)
            out.append(Name(name, name))
    return out


def invented_person(rng: random.Random) -> Name:
    a, b = (rng.choice(p) for p in SURNAME_PARTS)
    name = f"{rng.choice(FIRST_NAMES)} {a}{b}"
    return Name(name, name)


def make_pools(seed: int, startups: int = 400) -> Pools:
    """The pools for ``seed`` (the invented names depend on it)."""
    rng = random.Random(seed * 7919 + 1)
    gaz = default_gazetteer()
    startup_names = invented_companies(rng, startups)
    orgs = {k: e for k, e in gaz.entries.items() if e.type == "Organization"}

    def org_name(key: str) -> Name:
        e = orgs[key]
        return Name(e.label, e.label_it or e.label)

    people = [
        (Name(e.label, e.label), org_name(e.org))
        for k, e in sorted(gaz.entries.items())
        if e.type == "Person" and e.org in orgs
    ]
    products = [
        (Name(e.label, e.label_it or e.label), org_name(e.org))
        for k, e in sorted(gaz.entries.items())
        if e.type == "Product" and e.org in orgs
    ]
    founders = [(invented_person(rng), s) for s in startup_names]
    return Pools(
        investors=_names(gaz, "Organization", {"investor", "big_tech", "chipmaker"}),
        labs=_names(gaz, "Organization", {"ai_lab"}) + startup_names,
        clouds=_names(gaz, "Organization", {"cloud", "big_tech"}),
        chipmakers=_names(gaz, "Organization", {"chipmaker", "chip_equipment"}),
        companies=_names(gaz, "Organization", {"software", "telecom", "hardware", "automotive", "media"}),
        startups=startup_names,
        people=people,
        founders=founders,
        products=products,
        projects=_names(gaz, "Project"),
        places=[n for n in _names(gaz, "Place") if " " not in n.en][:80],
    )


# ---------------------------------------------------------------------------------------------- amounts
def amount(rng: random.Random, lang: str) -> str:
    """A deal size, written as news writes it in ``lang``."""
    big = rng.random() < 0.4
    value = (
        rng.choice([1, 1.5, 2, 3, 4, 6.5, 8, 10, 13]) if big else rng.choice([15, 40, 75, 120, 250, 400, 600])
    )
    euro = rng.random() < (0.5 if lang == "it" else 0.25)
    if lang == "it":
        scale = ("miliardo" if value == 1 else "miliardi") if big else "milioni"
        number = f"{value:g}".replace(".", ",")
        number = "un" if value == 1 and big else number
        return f"{number} {scale} di {'euro' if euro else 'dollari'}"
    scale = "billion" if big else "million"
    return f"€{value:g} {scale}" if euro else f"${value:g} {scale}"


# ---------------------------------------------------------------------------------------------- sentences
Sentence = Callable[[random.Random, Pools, str], tuple[str, str]]  # -> (sentence, headline)


def _pick(rng: random.Random, pool: list[Name], lang: str, avoid: str = "") -> str:
    while True:
        n = rng.choice(pool).of(lang)
        if n != avoid:
            return n


def s_invest(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    a, b, amt = _pick(rng, p.investors, lang), _pick(rng, p.labs, lang), amount(rng, lang)
    month = rng.randrange(12)
    if lang == "it":
        forms = [
            f"{a} ha investito {amt} in {b}.",
            f"{b} ha raccolto {amt} in un round guidato da {a}.",
            f"A {MONTHS_IT[month]} {a} ha investito {amt} nella startup {b}.",
            f"{a} ha annunciato un investimento di {amt} in {b}.",
        ]
        return rng.choice(forms), f"{a} investe in {b}"
    forms = [
        f"{a} has invested {amt} in {b}.",
        f"{b} raised {amt} in a funding round led by {a}.",
        f"In {MONTHS_EN[month]}, {a} invested {amt} in {b}.",
        f"{a} agreed to invest {amt} in {b}, the companies said.",
    ]
    return rng.choice(forms), f"{a} bets {amt} on {b}"


def s_acquire(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    a, b, amt = _pick(rng, p.investors + p.clouds, lang), _pick(rng, p.startups, lang), amount(rng, lang)
    if lang == "it":
        forms = [
            f"{a} ha acquisito {b} per {amt}.",
            f"{a} ha comprato la startup {b} per {amt}.",
            f"{a} ha completato l'acquisizione di {b}.",
        ]
        return rng.choice(forms), f"{a} compra {b}"
    forms = [
        f"{a} acquired {b} for {amt}.",
        f"{a} agreed to buy {b} in a deal worth {amt}.",
        f"{a} completed its acquisition of {b}.",
    ]
    return rng.choice(forms), f"{a} buys {b}"


def s_partner(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    a = _pick(rng, p.companies + p.clouds, lang)
    b = _pick(rng, p.labs + p.companies, lang, avoid=a)
    city = _pick(rng, p.places, lang)
    if lang == "it":
        forms = [
            f"{a} e {b} hanno annunciato una partnership per costruire data center a {city}.",
            f"{a} ha stretto un accordo di collaborazione con {b}.",
            f"{a} collabora con {b} allo sviluppo di assistenti per le imprese.",
        ]
        return rng.choice(forms), f"Alleanza tra {a} e {b}"
    forms = [
        f"{a} and {b} announced a partnership to build data centres in {city}.",
        f"{a} has partnered with {b} to sell AI assistants to banks.",
        f"{a} signed a collaboration agreement with {b}.",
    ]
    return rng.choice(forms), f"{a} and {b} team up"


def s_supply(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    cloud = rng.random() < 0.5
    a = _pick(rng, p.clouds if cloud else p.chipmakers, lang)
    b = _pick(rng, p.labs, lang, avoid=a)
    amt = amount(rng, lang)
    if lang == "it":
        forms = (
            [
                f"{a} fornirà capacità di calcolo a {b} con un contratto da {amt}.",
                f"{b} ha firmato un contratto da {amt} per usare il cloud di {a}.",
            ]
            if cloud
            else [
                f"{a} fornirà i suoi chip a {b}.",
                f"{b} userà i chip di {a} per addestrare i suoi modelli.",
            ]
        )
        return rng.choice(forms), f"{a}, contratto con {b}"
    forms = (
        [
            f"{a} will provide cloud computing to {b} under a {amt} contract.",
            f"{b} signed a {amt} deal to rent computing capacity from {a}.",
        ]
        if cloud
        else [f"{a} will supply its chips to {b}.", f"{b} will use {a} chips to train its models."]
    )
    return rng.choice(forms), f"{a} lands {b} as a customer"


def s_compete(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    a, b = _pick(rng, p.labs, lang), ""
    b = _pick(rng, p.labs, lang, avoid=a)
    if lang == "it":
        return (
            rng.choice(
                [
                    f"{a} è in concorrenza con {b} nel mercato dei modelli linguistici.",
                    f"{a} sfida {b} sul mercato europeo.",
                ]
            ),
            f"{a} contro {b}",
        )
    return (
        rng.choice([f"{a} competes with {b} in the market for language models.", f"{a} is a rival of {b}."]),
        f"{a} takes on {b}",
    )


def s_leader(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    if rng.random() < 0.5:
        person, org = rng.choice(p.people)
    else:
        person, org = rng.choice(p.founders)
    who, org_name = person.of(lang), org.of(lang)
    if lang == "it":
        return (
            rng.choice(
                [
                    f"{who} è l'amministratore delegato di {org_name}.",
                    f"Secondo {who}, amministratore delegato di {org_name}, la domanda è in forte crescita.",
                ]
            ),
            f"Parla {who}",
        )
    return (
        rng.choice(
            [
                f"{who} is the chief executive of {org_name}.",
                f"{org_name} chief executive {who} said demand was growing fast.",
            ]
        ),
        f"{who} speaks",
    )


def s_founder(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    person, org = rng.choice(p.founders)
    year = rng.randrange(2012, 2025)
    if lang == "it":
        return f"{org.it} è stata fondata da {person.it} nel {year}.", f"La storia di {org.it}"
    return f"{person.en} founded {org.en} in {year}.", f"The story of {org.en}"


def s_base(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    org, city = _pick(rng, p.startups, lang), _pick(rng, p.places, lang)
    if lang == "it":
        return rng.choice(
            [f"{org} ha sede a {city}.", f"{org}, che ha sede a {city}, assume ingegneri."]
        ), f"{org} cresce"
    return rng.choice([f"{org} is based in {city}.", f"{org} is headquartered in {city}."]), f"{org} grows"


def s_project(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    org, proj = _pick(rng, p.investors + p.clouds, lang), _pick(rng, p.projects, lang)
    if lang == "it":
        return f"{org} partecipa al progetto {proj}.", f"{org} entra in {proj}"
    return f"{org} joined the {proj} project.", f"{org} joins {proj}"


def s_product(rng: random.Random, p: Pools, lang: str) -> tuple[str, str]:
    product, maker = rng.choice(p.products)
    if lang == "it":
        return f"{maker.it} ha presentato una nuova versione di {product.it}.", f"Novità per {product.it}"
    return f"{maker.en} released a new version of {product.en}.", f"{product.en} gets an update"


SENTENCES: list[tuple[Sentence, int]] = [
    (s_invest, 5),
    (s_acquire, 3),
    (s_partner, 3),
    (s_supply, 4),
    (s_compete, 2),
    (s_leader, 3),
    (s_founder, 2),
    (s_base, 2),
    (s_project, 1),
    (s_product, 1),
]

FILLER_EN = [
    "Analysts expect demand for AI computing to keep growing next year.",
    "The financial terms beyond the headline figure were not disclosed.",
    "Shares rose {pct} percent in early trading after the announcement.",
    "The deal still needs the approval of competition regulators.",
    "Investors have poured money into model makers since the start of the year.",
    "The company did not respond to a request for comment.",
    "Data centres need ever more power, and energy prices weigh on margins.",
    "Several people familiar with the talks said the negotiations took {n} months.",
    "Smaller rivals struggle to find enough graphics processors for training.",
    "The market for enterprise assistants is expected to double by {year}.",
    "Executives said the money would pay for new hires and for computing capacity.",
    "Critics warn that a handful of suppliers control most of the chips used for AI.",
]
FILLER_IT = [
    "Gli analisti prevedono che la domanda di calcolo per l'IA continuerà a crescere anche l'anno prossimo.",
    "Le condizioni finanziarie dell'accordo non sono state rese note.",
    "Il titolo è salito del {pct} per cento nelle prime contrattazioni.",
    "L'operazione deve ancora ottenere il via libera delle autorità antitrust.",
    "Dall'inizio dell'anno gli investitori hanno puntato molto sulle società che sviluppano modelli.",
    "La società non ha risposto a una richiesta di commento.",
    "I data center consumano sempre più energia e i costi pesano sui margini.",
    "Secondo alcune persone vicine al dossier, la trattativa è durata {n} mesi.",
    "I concorrenti più piccoli faticano a trovare abbastanza processori grafici.",
    "Il mercato degli assistenti per le imprese dovrebbe raddoppiare entro il {year}.",
    "I dirigenti hanno spiegato che i fondi serviranno per nuove assunzioni e capacità di calcolo.",
    "I critici avvertono che pochi fornitori controllano gran parte dei chip usati per l'IA.",
]


def filler(rng: random.Random, lang: str) -> str:
    text = rng.choice(FILLER_IT if lang == "it" else FILLER_EN)
    return text.format(pct=rng.randrange(2, 12), n=rng.randrange(2, 10), year=rng.randrange(2026, 2031))


def article(rng: random.Random, pools: Pools, lang: str, index: int) -> dict[str, str]:
    """One article: headline, dateline and 5 to 9 paragraphs of 3 to 5 sentences (about 200 to 500 words)."""
    makers, weights = zip(*SENTENCES, strict=True)
    date = f"{rng.randrange(2023, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    paragraphs: list[str] = []
    title = ""
    for _ in range(rng.randrange(5, 10)):
        sentences = []
        for _ in range(rng.randrange(3, 6)):
            if rng.random() < 0.55:
                s, head = rng.choices(makers, weights)[0](rng, pools, lang)
                title = title or head
                sentences.append(s)
            else:
                sentences.append(filler(rng, lang))
        paragraphs.append(" ".join(sentences))
    title = title or ("Il mercato dell'IA" if lang == "it" else "The AI market")
    dateline = f"{'Pubblicato' if lang == 'it' else 'Published'}: {date}"
    text = "\n\n".join([f"{title}\n{dateline}", *paragraphs]) + "\n"
    return {"id": f"scale-{index:06d}", "lang": lang, "title": title, "published": date, "text": text}


def generate(n: int, seed: int = 7, italian: float = 0.4) -> Iterator[dict[str, str]]:
    """``n`` articles, deterministic for (``n``, ``seed``, ``italian``); a prefix of a longer run."""
    pools = make_pools(seed)
    rng = random.Random(seed)
    for i in range(n):
        lang = "it" if rng.random() < italian else "en"
        yield article(rng, pools, lang, i)


def write_corpus(path: Path, n: int, seed: int = 7, italian: float = 0.4) -> int:
    """Write ``n`` articles to ``path`` (JSONL); the number of words written."""
    words = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in generate(n, seed, italian):
            words += len(rec["text"].split())
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return words


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="number of articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--italian", type=float, default=0.4, help="share of Italian articles (0..1)")
    ap.add_argument("--out", type=Path, required=True, help="output .jsonl file")
    a = ap.parse_args(argv)
    words = write_corpus(a.out, a.n, a.seed, a.italian)
    print(f"{a.n} articles, {words} words -> {a.out}")


if __name__ == "__main__":
    main()
