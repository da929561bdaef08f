"""A synthetic company graph in kg's own data model, at a chosen size.

Documents with titles, dates and languages; organisations, people, products, projects and places with
labels, Italian labels, surface forms and (made-up) Wikidata ids; facts with assertions carrying evidence
sentences, offsets, confidence, modality, amounts and dates. The quads come from kg's own
``document_quads`` (so the shape is exactly what ``kg build`` writes) and the facts graph from
``OxigraphStore.refresh_facts``. Entity popularity follows a Zipf law, so there are hubs, and facts
repeat across documents, so the union of graphs holds duplicates as a real store does.

Everything is deterministic for a seed. Usage::

    python benchmarks/store/generate.py 100000 --out /tmp/kg-store-bench
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from kg.extract.pipeline import DocResult, MentionRecord
from kg.graph.bulk import bulk_load
from kg.graph.namespaces import DEFAULT_BASE_IRI
from kg.graph.rdf import document_quads, fact_iri
from kg.graph.store import OxigraphStore
from kg.models import Document, Entity, Triple, entity_iri

GENERATOR_VERSION = 1
BASE = DEFAULT_BASE_IRI

_SYLLABLES = [
    "vel",
    "tra",
    "nor",
    "dex",
    "qua",
    "lum",
    "zen",
    "ori",
    "kal",
    "mira",
    "sol",
    "ter",
    "vox",
    "pra",
    "ner",
    "cy",
    "lio",
    "sta",
    "fen",
    "gra",
    "ax",
    "bel",
    "cor",
    "dyn",
]
_ORG_SUFFIX = [
    "Systems",
    "AI",
    "Labs",
    "Cloud",
    "Semiconductors",
    "Robotics",
    "Networks",
    "Capital",
    "Ventures",
    "Computing",
    "Analytics",
    "Holdings",
    "Data",
    "Dynamics",
]
_GIVEN = [
    "Alice",
    "Marco",
    "Giulia",
    "David",
    "Elena",
    "Samir",
    "Laura",
    "Kenji",
    "Paolo",
    "Chiara",
    "Omar",
    "Sofia",
    "Lucas",
    "Irene",
    "Tomas",
    "Nadia",
]
_FAMILY = [
    "Rossi",
    "Chen",
    "Okafor",
    "Bianchi",
    "Novak",
    "Larsen",
    "Moreau",
    "Tanaka",
    "Greco",
    "Silva",
    "Weber",
    "Costa",
    "Ibrahim",
    "Kowalski",
    "Ferrari",
    "Lindqvist",
]
_PRODUCT = ["Engine", "Studio", "Cortex", "Pilot", "Fabric", "Vision", "Forge", "Atlas"]
_PROJECT = ["Initiative", "Consortium", "Data Centre", "Alliance", "Programme"]
_PLACES = [
    "Milan",
    "Turin",
    "Rome",
    "Berlin",
    "Paris",
    "London",
    "Dublin",
    "Austin",
    "Seattle",
    "Toronto",
    "Zurich",
    "Munich",
    "Madrid",
    "Lisbon",
    "Amsterdam",
    "Stockholm",
    "Helsinki",
    "Tel Aviv",
    "Bangalore",
    "Singapore",
    "Seoul",
    "Tokyo",
    "Shenzhen",
    "Taipei",
    "Sydney",
    "Boston",
    "Denver",
    "Bologna",
    "Naples",
    "Vienna",
]

#: (predicate, subject type, object type, weight): what news about the business of AI mostly reports.
_SHAPES = [
    ("investsIn", "Organization", "Organization", 16),
    ("acquired", "Organization", "Organization", 8),
    ("owns", "Organization", "Organization", 4),
    ("partnersWith", "Organization", "Organization", 14),
    ("participatesIn", "Organization", "Project", 5),
    ("suppliesTo", "Organization", "Organization", 14),
    ("competesWith", "Organization", "Organization", 5),
    ("ceoOf", "Person", "Organization", 6),
    ("leads", "Person", "Organization", 3),
    ("founderOf", "Person", "Organization", 3),
    ("employeeOf", "Person", "Organization", 3),
    ("productOf", "Product", "Organization", 8),
    ("headquarteredIn", "Organization", "Place", 5),
    ("locatedIn", "Organization", "Place", 2),
    ("supports", "Organization", "Project", 4),
]
_VERBS = {
    "investsIn": ("invested in", "ha investito in"),
    "acquired": ("completed the acquisition of", "ha acquisito"),
    "owns": ("controls", "controlla"),
    "partnersWith": ("signed a partnership with", "ha stretto un accordo con"),
    "participatesIn": ("joined", "partecipa a"),
    "suppliesTo": ("will supply compute to", "fornirà capacità di calcolo a"),
    "competesWith": ("competes directly with", "è in concorrenza con"),
    "ceoOf": ("is the chief executive of", "è l'amministratore delegato di"),
    "leads": ("chairs", "presiede"),
    "founderOf": ("co-founded", "ha fondato"),
    "employeeOf": ("works as an engineer at", "lavora come ingegnere in"),
    "productOf": ("is developed by", "è sviluppato da"),
    "headquarteredIn": ("is headquartered in", "ha sede a"),
    "locatedIn": ("opened an office in", "ha aperto una sede a"),
    "supports": ("backs", "sostiene"),
}
_MODALITIES = ["completed"] * 10 + ["announced"] * 5 + ["planned", "rumoured", "considered", "denied"]


@dataclass
class Population:
    """The entities of the synthetic world, by type, most popular first."""

    by_type: dict[str, list[Entity]]
    weights: dict[str, list[float]] = field(default_factory=dict)

    def pick(self, rng: random.Random, etype: str) -> Entity:
        return rng.choices(self.by_type[etype], cum_weights=self.weights[etype])[0]


def _name(rng: random.Random, used: set[str], make) -> str:
    for _ in range(1000):
        name = make()
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("name space exhausted")


def population(rng: random.Random, n_orgs: int) -> Population:
    """Organisations, people, products and projects in proportion to ``n_orgs``; a fixed set of places."""
    used: set[str] = set()

    def word(n: int) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(n)).capitalize()

    sizes = {
        "Organization": n_orgs,
        "Person": n_orgs // 2,
        "Product": n_orgs // 3,
        "Project": max(10, n_orgs // 10),
    }
    makers = {
        "Organization": lambda: f"{word(rng.choice((2, 3)))} {rng.choice(_ORG_SUFFIX)}",
        "Person": lambda: f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}-{word(1)}",
        "Product": lambda: f"{word(2)} {rng.choice(_PRODUCT)}",
        "Project": lambda: f"{word(2)} {rng.choice(_PROJECT)}",
    }
    by_type: dict[str, list[Entity]] = {}
    for etype, n in sizes.items():
        ents = []
        for i in range(n):
            label = _name(rng, used, makers[etype])
            key = label.lower().replace(" ", "-").replace("'", "")
            qid = f"Q9{i:07d}{len(by_type)}" if etype == "Organization" and i % 2 == 0 else None
            label_it = f"{label} Italia" if etype == "Project" and i % 3 == 0 else None
            ents.append(
                Entity(key=key, label=label, type=etype, qid=qid, label_it=label_it, source="gazetteer")
            )
        by_type[etype] = ents
    by_type["Place"] = [Entity(key=p.lower().replace(" ", "-"), label=p, type="Place") for p in _PLACES]
    pop = Population(by_type)
    for etype, ents in by_type.items():
        pop.weights[etype] = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(ents))))
    return pop


def _sentence(
    rng: random.Random, lang: str, s: Entity, pred: str, o: Entity
) -> tuple[str, float | None, str | None]:
    verb = _VERBS[pred][1 if lang == "it" else 0]
    amount = currency = None
    text = f"{s.label} {verb} {o.label}"
    if pred in {"investsIn", "acquired"} and rng.random() < 0.6:
        amount = round(rng.uniform(5, 5000), 1) * 1e6
        currency = rng.choice(["USD", "EUR"])
        text += (
            f" per {amount / 1e6:.1f} milioni di {currency}"
            if lang == "it"
            else f" for {currency} {amount / 1e6:.1f} million"
        )
    return text + ".", amount, currency


def document(rng: random.Random, pop: Population, i: int) -> DocResult:
    """One synthetic article: 3 to 6 statements about popular-or-not entities."""
    lang = "it" if rng.random() < 0.2 else "en"
    shapes, weights = zip(*((s[:3], s[3]) for s in _SHAPES), strict=True)
    day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    doc_id = f"synthetic/{i:07d}.txt"
    triples: list[Triple] = []
    mentions: list[MentionRecord] = []
    offset = 0
    sentences = []
    for _ in range(rng.randint(3, 6)):
        pred, st, ot = rng.choices(shapes, weights=weights)[0]
        s, o = pop.pick(rng, st), pop.pick(rng, ot)
        if s.key == o.key:
            continue
        text, amount, currency = _sentence(rng, lang, s, pred, o)
        modality = rng.choice(_MODALITIES)
        triples.append(
            Triple(
                subject=s,
                predicate=pred,
                object=o,
                confidence=round(rng.uniform(0.5, 0.99), 4),
                doc=doc_id,
                sentence=text,
                start=offset,
                end=offset + len(text),
                lang=lang,
                modality=modality,
                amount=amount,
                currency=currency,
                date=day if rng.random() < 0.5 else None,
                subject_text=s.label,
                object_text=o.label,
                pattern=f"synthetic:{pred}",
            )
        )
        mentions.append(MentionRecord(s.label, offset, offset + len(s.label), s, "gazetteer", ""))
        if rng.random() < 0.3:  # a short form seen in this article becomes a skos:altLabel
            short = o.label.split()[0]
            mentions.append(
                MentionRecord(
                    short, offset + len(text) - len(short) - 1, offset + len(text) - 1, o, "alias", ""
                )
            )
        sentences.append(text)
        offset += len(text) + 1
    body = " ".join(sentences)
    title = sentences[0][:-1] if sentences else f"Article {i}"
    doc = Document(
        id=doc_id,
        text=body,
        lang=lang,
        source=doc_id,
        title=title,
        published=day,
        content_hash=hashlib.sha256(body.encode()).hexdigest()[:16],
    )
    return DocResult(document=doc, triples=triples, mentions=mentions)


def documents(target_quads: int, seed: int = 7) -> Iterator[DocResult]:
    """Documents until the dataset (document graphs plus the facts graph to come) reaches ``target_quads``."""
    rng = random.Random(seed)
    pop = population(rng, n_orgs=max(60, target_quads // 400))
    facts: dict[tuple[str, str, str], set[str]] = {}
    total = 0
    for i in itertools.count():
        res = document(rng, pop, i)
        _, quads = document_quads(res, BASE)
        total += len(quads)
        for t in res.triples:
            docs = facts.setdefault(t.key(), set())
            total += 9 if not docs else 1  # a new fact's 8 quads + one prov:wasDerivedFrom per document
            docs.add(res.document.id)
        yield res
        if total >= target_quads:
            return


def generate(target_quads: int, out_dir: Path, seed: int = 7) -> tuple[Path, dict]:
    """Write ``kg-<target>.nq`` and its manifest (sizes, the hub company, the most attested fact) to ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    nq = out_dir / f"kg-{target_quads}-s{seed}-v{GENERATOR_VERSION}.nq"
    manifest_path = nq.with_suffix(".json")
    if nq.exists() and manifest_path.exists():
        return nq, json.loads(manifest_path.read_text())
    store = OxigraphStore(":memory:", base=BASE)
    support: dict[tuple[str, str, str], set[str]] = {}
    degree: dict[str, int] = {}
    n_docs = 0
    raw = out_dir / f".docs-{target_quads}.nq"
    with raw.open("wb") as fh:
        for res in documents(target_quads, seed):
            _, quads = document_quads(res, BASE)
            fh.write(serialize(quads, format=RdfFormat.N_QUADS))
            n_docs += 1
            for t in res.triples:
                if t.asserted:
                    support.setdefault(t.key(), set()).add(res.document.id)
                    degree[t.subject.key] = degree.get(t.subject.key, 0) + (t.subject.type == "Organization")
    bulk_load(store, raw, "nq")
    raw.unlink()
    n_facts = store.refresh_facts()
    store.dump(RdfFormat.N_QUADS, nq)
    hub = max(degree, key=lambda k: (degree[k], k))
    s, p, o = max(support, key=lambda k: (len(support[k]), k))
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "target": target_quads,
        "quads": len(store),
        "documents": n_docs,
        "facts": n_facts,
        "entities": int(
            next(iter(store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:key ?k }")))["n"].value
        ),
        "hub": entity_iri(BASE, hub),
        "fact": {
            "s": entity_iri(BASE, s),
            "p": f"https://w3id.org/kg/ontology#{p}",
            "o": entity_iri(BASE, o),
            "iri": fact_iri(BASE, entity_iri(BASE, s), p, entity_iri(BASE, o)),
            "documents": len(support[(s, p, o)]),
        },
    }
    store.close()
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return nq, manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", type=int, nargs="+", help="target number of quads")
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-store-bench"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    for n in args.sizes:
        path, manifest = generate(n, args.out, args.seed)
        print(path, json.dumps(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
