"""Hand-built property graphs in the shape of ``kg.export.schema`` for diagram tests and docs images.

* :func:`small_graph`  -- 5 nodes around OpenAI (parallel edges, a symmetric edge, an amount).
* :func:`medium_graph` -- 40 nodes: AI labs, chip and cloud suppliers, their chiefs, products, places
  and two projects; deals in USD and EUR; at most 60 edges so that every edge gets a label.
* :func:`large_graph`  -- 150 nodes generated from a seeded random generator over plausible names,
  with sector communities, investors, public backers and more than 60 edges.

Facts in the small and medium graphs follow the public record loosely (amounts are as reported at
announcement); the evidence sentences are written here, not taken from any article. Every node and
edge carries every attribute that the schema lists.

Run ``python tests/viz_fixtures.py docs/img`` from the repository root to redraw the docs images.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from pathlib import Path

import networkx as nx
import numpy as np

from kg.export.schema import SYMMETRIC_PREDICATES
from kg.vocab import predicates

BASE_IRI = "https://kg.example.org/"

#: English and Italian labels of the ontology's predicates, as the RDF store provides them.
PREDICATE_LABELS: dict[str, tuple[str, str]] = {
    name: (p.label_en, p.label_it) for name, p in predicates().items()
}


def iri(key: str) -> str:
    """Entity IRI of a fixture key, as kg builds them."""
    return f"{BASE_IRI}entity/{key}"


class GraphBuilder:
    """Adds schema-complete nodes and edges to a ``MultiDiGraph``; :meth:`build` fills derived fields."""

    def __init__(
        self, title: str, created: str, source: str = "kg store: tests/fixtures (hand-built)"
    ) -> None:
        self.G = nx.MultiDiGraph(title=title, source=source, created=created)
        self._doc = 0

    def node(
        self,
        key: str,
        label: str,
        type_: str,
        *,
        label_it: str | None = None,
        qid: str = "",
        aliases: tuple[str, ...] = (),
    ) -> str:
        """Add an entity; ``docs``, ``first_seen`` and ``last_seen`` are derived from its edges."""
        node = iri(key)
        self.G.add_node(
            node,
            label=label,
            label_it=label_it or label,
            type=type_,
            qid=qid,
            docs=0,
            first_seen="",
            last_seen="",
            aliases=[label, *aliases],
        )
        return node

    def edge(
        self,
        subject: str,
        predicate: str,
        obj: str,
        *,
        date: str = "2024-05-01",
        amount: float | None = None,
        currency: str | None = None,
        docs: int = 1,
        confidence: float = 0.85,
        italian: bool = False,
    ) -> None:
        """Add a relation between two fixture keys with ``docs`` pieces of evidence starting at ``date``."""
        u, v = iri(subject), iri(obj)
        symmetric = predicate in SYMMETRIC_PREDICATES
        if symmetric and u > v:
            u, v = v, u
        label_en, label_it = PREDICATE_LABELS[predicate]
        evidence = [
            self._evidence(u, predicate, v, date, i, amount, currency, confidence, italian)
            for i in range(docs)
        ]
        seen = sorted(e["published"] for e in evidence)
        for e in evidence:
            del e["published"]
        self.G.add_edge(
            u,
            v,
            key=predicate,
            predicate=predicate,
            label_en=label_en,
            label_it=label_it,
            directed=not symmetric,
            weight=docs + (1 if docs > 2 else 0),
            confidence=confidence,
            amount=amount,
            currency=currency if amount is not None else None,
            date=date,
            first_seen=seen[0],
            last_seen=seen[-1],
            evidence=evidence,
            docs=docs,
        )

    def _evidence(
        self,
        u: str,
        predicate: str,
        v: str,
        date: str,
        i: int,
        amount: float | None,
        currency: str | None,
        confidence: float,
        italian: bool,
    ) -> dict:
        self._doc += 1
        published = (dt.date.fromisoformat(date) + dt.timedelta(days=9 * i)).isoformat()
        s, o = self.G.nodes[u], self.G.nodes[v]
        en, it = PREDICATE_LABELS[predicate]
        if italian:
            sentence = f"{s['label_it']} {it} {o['label_it']}"
            lang = "it"
        else:
            sentence = f"{s['label']} {en} {o['label']}"
            lang = "en"
        if amount is not None:
            sentence += f" ({amount:,.0f} {currency})"
        return {
            "doc": f"doc-{self._doc:04d}",
            "source": f"corpus/{lang}/{published}-{self._doc:04d}.html",
            "sentence": sentence + ".",
            "confidence": round(min(0.99, confidence + 0.02 * (i % 3)), 3),
            "published": published,
        }

    def build(self) -> nx.MultiDiGraph:
        """Derive each node's ``docs``, ``first_seen`` and ``last_seen`` from the evidence of its edges."""
        for node, data in self.G.nodes(data=True):
            edges = list(self.G.in_edges(node, data=True)) + list(self.G.out_edges(node, data=True))
            docs = {e["doc"] for _, _, d in edges for e in d["evidence"]}
            firsts = [d["first_seen"] for _, _, d in edges]
            lasts = [d["last_seen"] for _, _, d in edges]
            data["docs"] = len(docs)
            data["first_seen"] = min(firsts, default="")
            data["last_seen"] = max(lasts, default="")
        return self.G


def small_graph() -> nx.MultiDiGraph:
    """Five entities around OpenAI: three relations between Microsoft and OpenAI, two from Sam Altman."""
    b = GraphBuilder("OpenAI and its backers", created="2025-06-30")
    b.node("microsoft", "Microsoft", "Organization", qid="Q2283", aliases=("Microsoft Corp.", "MSFT"))
    b.node("openai", "OpenAI", "Organization", qid="Q21708200", aliases=("OpenAI Inc.",))
    b.node("sam-altman", "Sam Altman", "Person", aliases=("Altman",))
    b.node("chatgpt", "ChatGPT", "Product")
    b.node("san-francisco", "San Francisco", "Place", qid="Q62")
    b.edge("microsoft", "investsIn", "openai", date="2023-01-23", amount=13e9, currency="USD", docs=4)
    b.edge("microsoft", "suppliesTo", "openai", date="2023-01-23", docs=3)
    b.edge("microsoft", "partnersWith", "openai", date="2019-07-22", docs=2)
    b.edge("sam-altman", "ceoOf", "openai", date="2023-11-22", docs=5, confidence=0.95)
    b.edge("sam-altman", "founderOf", "openai", date="2023-03-14", docs=2)
    b.edge("chatgpt", "productOf", "openai", date="2022-11-30", docs=3)
    b.edge("openai", "headquarteredIn", "san-francisco", date="2024-02-01", docs=1, confidence=0.7)
    return b.build()


def _medium_nodes(b: GraphBuilder) -> None:
    orgs = [
        ("microsoft", "Microsoft", "Q2283"),
        ("openai", "OpenAI", "Q21708200"),
        ("nvidia", "Nvidia", "Q182477"),
        ("anthropic", "Anthropic", ""),
        ("amazon", "Amazon", "Q3884"),
        ("google", "Google", "Q95"),
        ("meta", "Meta", "Q380"),
        ("mistral-ai", "Mistral AI", ""),
        ("asml", "ASML", ""),
        ("tsmc", "TSMC", ""),
        ("softbank", "SoftBank Group", ""),
        ("oracle", "Oracle", "Q19900"),
        ("amd", "AMD", ""),
        ("coreweave", "CoreWeave", ""),
        ("scale-ai", "Scale AI", ""),
        ("run-ai", "Run:ai", ""),
        ("swisscom", "Swisscom", ""),
        ("fastweb", "Fastweb", ""),
        ("vodafone-italia", "Vodafone Italia", ""),
        ("ampere", "Ampere Computing", ""),
    ]
    for key, label, qid in orgs:
        b.node(key, label, "Organization", qid=qid)
    people = [
        "Sam Altman",
        "Satya Nadella",
        "Jensen Huang",
        "Dario Amodei",
        "Arthur Mensch",
        "Lisa Su",
        "Masayoshi Son",
    ]
    for name in people:
        b.node(name.lower().replace(" ", "-"), name, "Person")
    for key, label in [
        ("chatgpt", "ChatGPT"),
        ("claude", "Claude"),
        ("azure", "Azure"),
        ("h100", "Nvidia H100"),
        ("le-chat", "Le Chat"),
        ("miia", "MIIA"),
    ]:
        b.node(key, label, "Product")
    b.node("stargate", "Stargate", "Project")
    b.node("stargate-uae", "Stargate UAE", "Project")
    for key, label, label_it, qid in [
        ("san-francisco", "San Francisco", "San Francisco", "Q62"),
        ("redmond", "Redmond", "Redmond", ""),
        ("santa-clara", "Santa Clara", "Santa Clara", ""),
        ("paris", "Paris", "Parigi", "Q90"),
        ("milan", "Milan", "Milano", "Q490"),
    ]:
        b.node(key, label, "Place", label_it=label_it, qid=qid)


def medium_graph() -> nx.MultiDiGraph:
    """Forty entities of the AI business: labs, suppliers, investors, chiefs, products, places."""
    b = GraphBuilder("AI labs, chips and cloud: who backs whom", created="2025-10-15")
    _medium_nodes(b)
    deals = [
        ("microsoft", "investsIn", "openai", "2023-01-23", 13e9, "USD", 4),
        ("softbank", "investsIn", "openai", "2025-03-31", 40e9, "USD", 5),
        ("amazon", "investsIn", "anthropic", "2024-11-22", 8e9, "USD", 3),
        ("google", "investsIn", "anthropic", "2023-10-27", 2e9, "USD", 2),
        ("microsoft", "investsIn", "mistral-ai", "2024-02-26", 15e6, "EUR", 2),
        ("asml", "investsIn", "mistral-ai", "2025-09-09", 1.3e9, "EUR", 3),
        ("nvidia", "investsIn", "mistral-ai", "2024-06-11", None, None, 1),
        ("meta", "investsIn", "scale-ai", "2025-06-12", 14.3e9, "USD", 3),
        ("nvidia", "investsIn", "coreweave", "2023-04-20", 100e6, "USD", 1),
        ("nvidia", "acquired", "run-ai", "2024-12-30", 700e6, "USD", 2),
        ("swisscom", "acquired", "vodafone-italia", "2024-12-31", 8e9, "EUR", 4),
        ("softbank", "acquired", "ampere", "2025-03-19", 6.5e9, "USD", 2),
    ]
    for s, p, o, date, amount, currency, docs in deals:
        b.edge(s, p, o, date=date, amount=amount, currency=currency, docs=docs, italian=s == "swisscom")
    b.edge("swisscom", "owns", "fastweb", date="2024-03-01", docs=2, italian=True)
    for s, o, date in [
        ("microsoft", "openai", "2023-01-23"),
        ("oracle", "openai", "2024-06-11"),
        ("coreweave", "openai", "2025-03-10"),
        ("nvidia", "coreweave", "2024-08-01"),
        ("nvidia", "microsoft", "2024-03-18"),
        ("tsmc", "nvidia", "2024-04-18"),
        ("tsmc", "amd", "2024-04-18"),
        ("asml", "tsmc", "2024-01-24"),
        ("amazon", "anthropic", "2024-11-22"),
        ("google", "anthropic", "2025-10-23"),
        ("nvidia", "fastweb", "2024-02-12"),
    ]:
        b.edge(s, "suppliesTo", o, date=date, docs=2, italian=o == "fastweb")
    for s, p, o in [
        ("microsoft", "partnersWith", "openai"),
        ("microsoft", "partnersWith", "mistral-ai"),
        ("nvidia", "partnersWith", "mistral-ai"),
        ("openai", "competesWith", "anthropic"),
        ("nvidia", "competesWith", "amd"),
        ("mistral-ai", "competesWith", "openai"),
        ("openai", "participatesIn", "stargate"),
        ("softbank", "participatesIn", "stargate"),
        ("oracle", "participatesIn", "stargate"),
        ("openai", "participatesIn", "stargate-uae"),
        ("oracle", "participatesIn", "stargate-uae"),
    ]:
        b.edge(s, p, o, date="2025-01-21" if "stargate" in o else "2024-09-01", docs=2, confidence=0.8)
    for person, org, founder in [
        ("sam-altman", "openai", True),
        ("satya-nadella", "microsoft", False),
        ("jensen-huang", "nvidia", True),
        ("dario-amodei", "anthropic", True),
        ("arthur-mensch", "mistral-ai", True),
        ("lisa-su", "amd", False),
        ("masayoshi-son", "softbank", False),
    ]:
        b.edge(person, "ceoOf", org, date="2024-06-01", docs=3, confidence=0.93)
        if founder:
            b.edge(person, "founderOf", org, date="2024-06-01", docs=1, confidence=0.9)
    for product, org in [
        ("chatgpt", "openai"),
        ("claude", "anthropic"),
        ("azure", "microsoft"),
        ("h100", "nvidia"),
        ("le-chat", "mistral-ai"),
        ("miia", "fastweb"),
    ]:
        b.edge(product, "productOf", org, date="2024-07-01", docs=2, italian=org == "fastweb")
    for org, place in [
        ("openai", "san-francisco"),
        ("anthropic", "san-francisco"),
        ("microsoft", "redmond"),
        ("nvidia", "santa-clara"),
        ("mistral-ai", "paris"),
        ("fastweb", "milan"),
    ]:
        b.edge(
            org,
            "headquarteredIn",
            place,
            date="2024-01-15",
            docs=1,
            confidence=0.75,
            italian=place == "milan",
        )
    return b.build()


_STEMS = [
    "Nova",
    "Quantum",
    "Vector",
    "Lumen",
    "Cobalt",
    "Helix",
    "Orbit",
    "Aurora",
    "Nimbus",
    "Cirrus",
    "Axiom",
    "Vertex",
    "Photon",
    "Synapse",
    "Tensor",
    "Kinetic",
    "Stratus",
    "Zenith",
    "Polaris",
    "Arcadia",
    "Halcyon",
    "Meridian",
    "Onyx",
    "Sable",
    "Tessera",
    "Veridian",
    "Argento",
    "Brezza",
    "Castello",
    "Dolomiti",
    "Ferro",
    "Lago",
    "Monte",
    "Vento",
    "Riva",
    "Sole",
    "Corallo",
    "Falco",
    "Granito",
    "Isola",
    "Lucerna",
    "Mistral",
    "Nebbia",
    "Pietra",
    "Quarzo",
    "Sorgente",
    "Tramonto",
    "Vela",
    "Borealis",
    "Caldera",
    "Delta",
    "Ember",
    "Fjord",
    "Glacier",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lattice",
    "Magnet",
    "Nexus",
    "Opal",
    "Prism",
    "Quill",
    "Radian",
    "Sierra",
    "Tundra",
    "Umbra",
    "Valence",
    "Willow",
    "Xenon",
    "Yarrow",
]

_SECTORS: dict[str, tuple[str, ...]] = {
    "chips": ("Semiconductor", "Silicon", "Microsystems", "Photonics"),
    "cloud": ("Cloud", "Data Centers", "Compute", "Networks"),
    "models": ("AI", "Labs", "Intelligence", "Cognition"),
    "robotics": ("Robotics", "Automation", "Dynamics"),
    "data": ("Analytics", "Data", "Insights"),
    "capital": ("Capital", "Ventures", "Partners"),
}
_SECTOR_SIZES = {"chips": 13, "cloud": 13, "models": 17, "robotics": 11, "data": 10, "capital": 8}
_PUBLIC_BODIES = (
    "Italian Ministry of Enterprises",
    "European Innovation Council",
    "Bavarian Digital Agency",
    "Lombardy Region",
    "French Investment Bank",
    "Japan AI Promotion Office",
)
_FIRST = [
    "Alice",
    "Marco",
    "Giulia",
    "Daniel",
    "Priya",
    "Kenji",
    "Sofia",
    "Luca",
    "Elena",
    "Omar",
    "Hannah",
    "Matteo",
    "Chiara",
    "Noah",
    "Aisha",
    "Francesca",
    "Tomás",
    "Ingrid",
    "Wei",
    "Leila",
    "Paolo",
    "Martina",
    "Samuel",
    "Yuki",
    "Lorenzo",
    "Amara",
    "Henrik",
    "Beatrice",
    "Ravi",
    "Nadia",
]
_LAST = [
    "Rossi",
    "Bianchi",
    "Chen",
    "Patel",
    "Müller",
    "Tanaka",
    "Ferrari",
    "Novak",
    "Okafor",
    "Larsen",
    "Romano",
    "Kim",
    "Garcia",
    "Esposito",
    "Dubois",
    "Silva",
    "Colombo",
    "Nakamura",
    "Rinaldi",
    "Moretti",
    "Fischer",
    "Haddad",
    "Lindqvist",
    "Costa",
    "Ivanova",
    "Mehta",
]
_PLACES = (
    ("milan", "Milan", "Milano"),
    ("turin", "Turin", "Torino"),
    ("rome", "Rome", "Roma"),
    ("bologna", "Bologna", "Bologna"),
    ("paris", "Paris", "Parigi"),
    ("munich", "Munich", "Monaco di Baviera"),
    ("london", "London", "Londra"),
    ("zurich", "Zurich", "Zurigo"),
    ("san-francisco", "San Francisco", "San Francisco"),
    ("austin", "Austin", "Austin"),
    ("tel-aviv", "Tel Aviv", "Tel Aviv"),
    ("tokyo", "Tokyo", "Tokyo"),
)
_PROJECTS = (
    "Mediterranean AI Factory",
    "Alpine Compute Consortium",
    "Open Model Alliance",
    "EuroChip Pilot Line",
    "Green Datacenter Initiative",
    "Project Halcyon",
    "Lombardy AI Hub",
    "Robotics Testbed Network",
)
_PRODUCT_WORDS = {
    "chips": ("X{n} accelerator", "N{n} GPU", "Edge{n} NPU"),
    "cloud": ("Cloud Suite", "GPU Cloud", "Sovereign Cloud"),
    "models": ("Assist", "Chat {n}", "Vision {n}", "Code"),
    "robotics": ("Arm R{n}", "Rover {n}"),
    "data": ("Lakehouse", "Label Studio"),
}
_SUPPLY_CHAIN = (
    ("chips", "cloud", 2),
    ("cloud", "models", 2),
    ("data", "models", 1),
    ("chips", "robotics", 1),
)


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def _random_date(rng: random.Random) -> str:
    start = dt.date(2023, 1, 1)
    return (start + dt.timedelta(days=rng.randrange(0, 1000))).isoformat()


def _log_amount(rng: random.Random, low: float, high: float) -> float:
    value = 10 ** rng.uniform(math.log10(low), math.log10(high))
    magnitude = 10 ** (len(str(int(value))) - 2)
    return float(round(value / magnitude) * magnitude)


class _LargeGraph:
    """Generator state for :func:`large_graph`."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.b = GraphBuilder("European and global AI suppliers (synthetic)", created="2025-11-20")
        self.b.G.graph["source"] = f"kg store: synthetic corpus, seed {seed}"
        self.sectors: dict[str, list[str]] = {}
        self.people: list[str] = []
        self.products: list[str] = []
        self.projects: list[str] = []
        self.places: list[str] = []
        self.public: list[str] = []

    def edge(self, s: str, p: str, o: str, **kw: object) -> None:
        G, u, v = self.b.G, iri(s), iri(o)
        if s == o or G.has_edge(u, v, p) or G.has_edge(v, u, p):
            return
        kw.setdefault("date", _random_date(self.rng))
        kw.setdefault("docs", self.rng.choice((1, 1, 1, 2, 2, 3, 5)))
        kw.setdefault("confidence", round(self.rng.uniform(0.55, 0.97), 2))
        self.b.edge(s, p, o, **kw)  # type: ignore[arg-type]

    def add_nodes(self) -> None:
        stems = self.rng.sample(_STEMS, sum(_SECTOR_SIZES.values()))
        for sector, size in _SECTOR_SIZES.items():
            keys = []
            for _ in range(size):
                label = f"{stems.pop()} {self.rng.choice(_SECTORS[sector])}"
                keys.append(_slug(label))
                self.b.node(keys[-1], label, "Organization", aliases=(label.split()[0],))
            self.sectors[sector] = keys
        for label in _PUBLIC_BODIES:
            self.public.append(_slug(label))
            self.b.node(self.public[-1], label, "Organization")
        names = {f"{f} {last}" for f in _FIRST for last in _LAST}
        for name in self.rng.sample(sorted(names), 28):
            self.people.append(_slug(name))
            self.b.node(self.people[-1], name, "Person", aliases=(name.split()[-1],))
        for key, label, label_it in _PLACES:
            self.places.append(key)
            self.b.node(key, label, "Place", label_it=label_it)
        for label in _PROJECTS:
            self.projects.append(_slug(label))
            self.b.node(self.projects[-1], label, "Project")

    def add_products(self, count: int) -> None:
        makers = [k for s in ("chips", "cloud", "models", "robotics", "data") for k in self.sectors[s]]
        sector_of = {k: s for s, keys in self.sectors.items() for k in keys}
        for maker in self.rng.sample(makers, count):
            word = self.rng.choice(_PRODUCT_WORDS[sector_of[maker]]).format(n=self.rng.randint(2, 9))
            label = f"{self.b.G.nodes[iri(maker)]['label'].split()[0]} {word}"
            self.products.append(_slug(label))
            self.b.node(self.products[-1], label, "Product")
            self.edge(self.products[-1], "productOf", maker)

    def add_org_relations(self) -> None:
        rng = self.rng
        for upstream, downstream, k in _SUPPLY_CHAIN:
            for customer in self.sectors[downstream]:
                for supplier in rng.sample(self.sectors[upstream], k):
                    self.edge(supplier, "suppliesTo", customer)
        startups = self.sectors["models"] + self.sectors["robotics"] + self.sectors["data"]
        for investor in self.sectors["capital"]:
            for target in rng.sample(startups, rng.randint(2, 4)):
                amount = _log_amount(rng, 5e6, 2e9) if rng.random() < 0.8 else None
                self.edge(
                    investor, "investsIn", target, amount=amount, currency=rng.choice(("USD", "EUR", "GBP"))
                )
        for investor in rng.sample(self.sectors["cloud"] + self.sectors["chips"], 6):
            target = rng.choice(self.sectors["models"])
            self.edge(investor, "investsIn", target, amount=_log_amount(rng, 1e8, 1e10), currency="USD")
        for sector in ("chips", "cloud", "models", "robotics", "data"):
            members = self.sectors[sector]
            buyer, bought = rng.sample(members, 2)
            amount = _log_amount(rng, 5e7, 5e9) if rng.random() < 0.7 else None
            self.edge(
                buyer, "acquired", bought, amount=amount, currency="EUR" if rng.random() < 0.4 else "USD"
            )
            for _ in range(3):
                a, b = rng.sample(members, 2)
                self.edge(a, rng.choice(("partnersWith", "partnersWith", "competesWith")), b)
        parent, child = rng.sample(self.sectors["cloud"], 2)
        self.edge(parent, "owns", child)

    def add_people(self) -> None:
        rng = self.rng
        orgs = [
            k for s in ("chips", "cloud", "models", "robotics", "data", "capital") for k in self.sectors[s]
        ]
        for person, org in zip(self.people, rng.sample(orgs, len(self.people)), strict=True):
            role = rng.choice(("ceoOf", "ceoOf", "ceoOf", "leads", "employeeOf"))
            self.edge(person, role, org)
            if role == "ceoOf" and rng.random() < 0.4:
                self.edge(person, "founderOf", org)

    def add_places_and_projects(self) -> None:
        rng = self.rng
        for members in self.sectors.values():
            home = rng.sample(self.places, 3)
            for org in members:
                if rng.random() < 0.55:
                    self.edge(
                        org,
                        "headquarteredIn",
                        rng.choice(home),
                        italian=home[0] in ("milan", "turin", "rome"),
                    )
        for body in self.public:
            self.edge(body, "locatedIn", rng.choice(self.places))
        orgs = [k for keys in self.sectors.values() for k in keys]
        for project in self.projects:
            self.edge(project, "locatedIn", rng.choice(self.places))
            for org in rng.sample(orgs, rng.randint(3, 5)):
                self.edge(org, "participatesIn", project)
            self.edge(rng.choice(self.public), "supports", project)
        for body in self.public:
            self.edge(body, "supports", rng.choice(self.sectors["models"] + self.sectors["robotics"]))

    def connect_loners(self) -> None:
        """Give every entity at least one relation, as an export of stored facts would."""
        G, rng = self.b.G, self.rng
        hosts = [k for keys in self.sectors.values() for k in keys]
        for node in sorted(n for n in G.nodes if G.degree(n) == 0):
            key = node.rsplit("/", 1)[1]
            if G.nodes[node]["type"] == "Place":
                self.edge(rng.choice(hosts), "headquarteredIn", key)
            else:
                self.edge(key, "headquarteredIn", rng.choice(self.places))


def large_graph(seed: int = 2025) -> nx.MultiDiGraph:
    """150 synthetic entities in six sectors, deterministic for a given ``seed``."""
    gen = _LargeGraph(seed)
    gen.add_nodes()
    gen.add_products(150 - gen.b.G.number_of_nodes())
    gen.add_org_relations()
    gen.add_people()
    gen.add_places_and_projects()
    gen.connect_loners()
    return gen.b.build()


def awkward_graph() -> nx.MultiDiGraph:
    """What a real export may contain and a drawing must survive.

    A label with control characters, emoji and ``$`` signs; ``None`` and numpy scalars where
    numbers are expected; a NaN amount; an unknown entity type and predicate; a self-loop; a node
    with no attributes at all; and an Italian-only label.
    """
    G = nx.MultiDiGraph(title=None, source="", created="")
    ernie = 'Ernie Bot 文心一言 <beta> & "chat" 🤖\x07'
    G.add_node(iri("ernie"), label=ernie, type="Product", docs=np.int64(3))
    G.add_node(iri("baidu"), label="Baidu $BIDU $9", type="Organization", docs=None, aliases=None)
    G.add_node(iri("mystery"), label="Mystery Holdings", type="Conglomerate", docs=1)
    G.add_node(iri("bare"))
    G.add_node(iri("roma"), label="", label_it="Roma", type="Place")
    common = {"directed": True, "evidence": [], "first_seen": "", "last_seen": ""}
    G.add_edge(
        iri("ernie"),
        iri("baidu"),
        key="productOf",
        predicate="productOf",
        label_en="product of",
        weight=np.int64(2),
        confidence=np.float32(0.8),
        amount=None,
        currency=None,
        **common,
    )
    G.add_edge(
        iri("mystery"),
        iri("baidu"),
        key="investsIn",
        predicate="investsIn",
        label_en="invests in",
        weight=None,
        confidence=None,
        amount=float("nan"),
        currency="USD",
        **common,
    )
    G.add_edge(
        iri("baidu"),
        iri("mystery"),
        key="acquired",
        predicate="acquired",
        label_en="acquired",
        weight=1,
        confidence=0.9,
        amount=np.float64(2.5e9),
        currency="CNY",
        **common,
    )
    G.add_edge(iri("baidu"), iri("baidu"), key="owns", predicate="owns", label_en="owns", **common)
    G.add_edge(iri("bare"), iri("roma"), key="sponsors", predicate="sponsors")
    G.add_edge(iri("baidu"), iri("roma"), key="headquarteredIn", predicate="headquarteredIn")
    return G


FIXTURES = {"small": small_graph, "medium": medium_graph, "large": large_graph}


def render_docs_images(outdir: Path) -> list[Path]:
    """Draw the images shown in ``docs/diagrams.md`` (every fixture, both styles, every view)."""
    from kg.viz import draw_graph

    outdir.mkdir(parents=True, exist_ok=True)
    jobs = [
        ("small-relations-light.png", small_graph, {}),
        ("small-relations-dark.png", small_graph, {"style": "dark"}),
        ("medium-relations-light.png", medium_graph, {}),
        ("medium-relations-dark.png", medium_graph, {"style": "dark"}),
        ("medium-deals-light.png", medium_graph, {"view": "deals"}),
        ("medium-ego-light.png", medium_graph, {"view": "ego", "focus": "OpenAI", "depth": 2}),
        (
            "medium-ego-dark.png",
            medium_graph,
            {"view": "ego", "focus": "Nvidia", "depth": 2, "style": "dark"},
        ),
        ("large-relations-light.png", large_graph, {"dpi": 100}),
        ("large-relations-dark.png", large_graph, {"dpi": 100, "style": "dark"}),
        ("large-deals-dark.png", large_graph, {"view": "deals", "style": "dark"}),
    ]
    written = []
    for name, make, options in jobs:
        written.append(outdir / name)
        draw_graph(make(), written[-1], **{"dpi": 110, **options})
    return written


if __name__ == "__main__":
    for written_path in render_docs_images(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img")):
        print(written_path, written_path.stat().st_size // 1024, "KB")
