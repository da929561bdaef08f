"""Hand-built property graphs in the shape of ``kg.export.schema``, for the export and filter tests.

The content follows the public record of the AI business (Microsoft and OpenAI, Nvidia's chips,
the Stargate project...), with every node and edge attribute of the schema, and the awkward
cases exports must survive: three relations between the same pair (one of them symmetric),
a symmetric competesWith edge, amounts in two currencies and missing ones, partial and unknown
dates, numpy scalars, ``None`` where a string is expected, and a label mixing emoji, control
characters, XML-special characters and non-Latin scripts.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np

ENTITY = "http://kg.example.org/entity/"

#: The awkward label of the Ernie Bot node, and what it must look like once cleaned for XML.
WEIRD_LABEL = 'Ernie Bot 文心一言 <beta> & "chat" 🤖\x07\x0b'
WEIRD_LABEL_CLEAN = 'Ernie Bot 文心一言 <beta> & "chat" 🤖'
WEIRD_ALIASES = ["文心一言", "ЭрниБот", "إرني بوت", "Ernie\x1fBot"]
WEIRD_ALIASES_CLEAN = "文心一言|ЭрниБот|إرني بوت|ErnieBot"

PREDICATE_LABELS = {
    "investsIn": ("invests in", "investe in"),
    "partnersWith": ("partners with", "collabora con"),
    "suppliesTo": ("supplies", "fornisce"),
    "competesWith": ("competes with", "compete con"),
    "ceoOf": ("is CEO of", "è amministratore delegato di"),
    "founderOf": ("founded", "ha fondato"),
    "productOf": ("is a product of", "è un prodotto di"),
    "participatesIn": ("participates in", "partecipa a"),
    "headquarteredIn": ("is headquartered in", "ha sede a"),
}
SYMMETRIC = {"partnersWith", "competesWith"}


def iri(name: str) -> str:
    """The entity IRI of a local name, e.g. ``iri("OpenAI")``."""
    return ENTITY + name


# name: (label, label_it, type, qid, docs, aliases)
NODES: dict[str, tuple[Any, ...]] = {
    "Microsoft": ("Microsoft", "Microsoft", "Organization", "Q2283", 9, ["Microsoft Corp.", "MSFT"]),
    "OpenAI": ("OpenAI", "OpenAI", "Organization", "Q21708200", 11, ["Open AI", "OpenAI Inc."]),
    "Nvidia": ("Nvidia", "Nvidia", "Organization", "Q182477", np.int64(7), ["NVIDIA", "Nvidia Corporation"]),
    "AMD": ("AMD", "AMD", "Organization", "Q128896", 1, ["Advanced Micro Devices"]),
    "Amazon": ("Amazon", "Amazon", "Organization", "Q3884", 2, ["Amazon.com"]),
    "Anthropic": ("Anthropic", "Anthropic", "Organization", "", 2, []),
    "Mistral_AI": ("Mistral AI", "Mistral AI", "Organization", "", 2, ["Mistral"]),
    "SoftBank": ("SoftBank", "SoftBank", "Organization", "", 1, ["SoftBank Group"]),
    "Oracle": ("Oracle", "Oracle", "Organization", "Q19900", 1, ["Oracle Corporation"]),
    "Stargate": ("Stargate", "Stargate", "Project", None, 2, ["Stargate Project", "progetto Stargate"]),
    "ChatGPT": ("ChatGPT", "ChatGPT", "Product", "", 3, []),
    "Ernie_Bot": (WEIRD_LABEL, "Ernie Bot\x00", "Product", "", 1, WEIRD_ALIASES),
    "Baidu": ("Baidu", "Baidu", "Organization", "Q14772", 1, ["百度"]),
    "Jensen_Huang": ("Jensen Huang", "Jensen Huang", "Person", "", 4, ["Huang"]),
    "Sam_Altman": ("Sam Altman", "Sam Altman", "Person", "", 5, ["Altman"]),
    "Satya_Nadella": ("Satya Nadella", "Satya Nadella", "Person", "", 2, ["Nadella"]),
    "Santa_Clara": ("Santa Clara", "Santa Clara", "Place", "", 1, []),
    "Paris": ("Paris", "Parigi", "Place", "Q90", 1, ["Paris, France"]),
}

# (source, predicate, target, weight, confidence, amount, currency, date, first_seen, last_seen, docs)
EDGES: list[tuple[Any, ...]] = [
    ("Microsoft", "investsIn", "OpenAI", 5, 0.93, 1.0e10, "USD", "2023-01-23", "2023-01-23", "2024-11-02", 4),
    ("Microsoft", "partnersWith", "OpenAI", 3, 0.88, None, None, "2019-07-22", "2023-01-23", "2024-06-10", 3),
    ("Microsoft", "suppliesTo", "OpenAI", 2, 0.81, None, None, "2023-01-23", "2023-01-23", "2023-03-14", 2),
    (
        "Nvidia",
        "suppliesTo",
        "OpenAI",
        np.int64(4),
        np.float64(0.9),
        None,
        None,
        "2024-04",
        "2024-04-24",
        "2024-05-02",
        3,
    ),
    ("Nvidia", "suppliesTo", "Microsoft", 1, 0.74, None, None, "2023-11-15", "2023-11-15", "2023-11-15", 1),
    ("AMD", "competesWith", "Nvidia", 1, 0.66, None, None, "", "", "", 1),
    ("Amazon", "investsIn", "Anthropic", 2, 0.91, 4.0e9, "USD", "2023-09-25", "2023-09-25", "2024-03-27", 2),
    (
        "Microsoft",
        "investsIn",
        "Mistral_AI",
        2,
        0.86,
        1.5e7,
        "EUR",
        "2024-02-26",
        "2024-02-26",
        "2024-02-27",
        2,
    ),
    (
        "Mistral_AI",
        "headquarteredIn",
        "Paris",
        1,
        0.97,
        None,
        None,
        "2024-02-26",
        "2024-02-26",
        "2024-02-26",
        1,
    ),
    (
        "Nvidia",
        "headquarteredIn",
        "Santa_Clara",
        1,
        0.95,
        None,
        None,
        "2024-04-24",
        "2024-04-24",
        "2024-04-24",
        1,
    ),
    ("Jensen_Huang", "ceoOf", "Nvidia", 3, 0.98, None, None, "2024-04-24", "2023-11-15", "2024-05-02", 3),
    ("Jensen_Huang", "founderOf", "Nvidia", 1, 0.9, None, None, "1993", "2024-04-24", "2024-04-24", 1),
    ("Sam_Altman", "ceoOf", "OpenAI", 4, 0.97, None, None, "2019", "2023-01-23", "2025-01-21", 4),
    ("Satya_Nadella", "ceoOf", "Microsoft", 2, 0.96, None, None, "2014-02-04", "2023-01-23", "2024-02-26", 2),
    ("ChatGPT", "productOf", "OpenAI", 3, 0.95, None, None, "2022-11-30", "2023-01-23", "2023-03-14", 3),
    ("Ernie_Bot", "productOf", "Baidu", 1, 0.7, None, None, "2023-03-16", "2023-03-16", "2023-03-16", 1),
    (
        "OpenAI",
        "participatesIn",
        "Stargate",
        2,
        0.92,
        5.0e11,
        "USD",
        "2025-01-21",
        "2025-01-21",
        "2025-01-22",
        2,
    ),
    (
        "SoftBank",
        "participatesIn",
        "Stargate",
        1,
        0.9,
        None,
        None,
        "2025-01-21",
        "2025-01-21",
        "2025-01-21",
        1,
    ),
    (
        "Oracle",
        "participatesIn",
        "Stargate",
        1,
        0.55,
        None,
        None,
        "2025-01-21",
        "2025-01-22",
        "2025-01-22",
        1,
    ),
]


def _evidence(source: str, predicate: str, target: str, first_seen: str, confidence: float) -> list[dict]:
    """One evidence record written for the fixture (the sentence is a paraphrase, not a quote)."""
    doc = f"doc-{first_seen or 'undated'}-{source.lower()}"
    sentence = f"{source.replace('_', ' ')} {PREDICATE_LABELS[predicate][0]} {target.replace('_', ' ')}."
    return [
        {"doc": doc, "source": f"articles/{doc}.txt", "sentence": sentence, "confidence": float(confidence)}
    ]


def _seen_dates(name: str) -> tuple[str, str]:
    """A node's first and last publication dates: the extremes over its edges ("" when none)."""
    dates = [d for e in EDGES if name in (e[0], e[2]) for d in (e[8], e[9]) if d]
    return (min(dates), max(dates)) if dates else ("", "")


def ai_business_graph() -> nx.MultiDiGraph:
    """A fresh 18-node, 19-edge graph of AI-business facts in the exact shape of the schema."""
    G = nx.MultiDiGraph(
        title="AI business test graph", source="tests/export_fixtures.py", created="2025-02-01"
    )
    for name, (label, label_it, kind, qid, docs, aliases) in NODES.items():
        first, last = _seen_dates(name)
        G.add_node(
            iri(name),
            label=label,
            label_it=label_it,
            type=kind,
            qid=qid,
            docs=docs,
            first_seen=first,
            last_seen=last,
            aliases=list(aliases),
        )
    for source, predicate, target, weight, conf, amount, currency, when, first, last, docs in EDGES:
        u, v = iri(source), iri(target)
        if predicate in SYMMETRIC:
            assert u < v, "symmetric edges are stored from the smaller IRI to the larger"
        label_en, label_it = PREDICATE_LABELS[predicate]
        G.add_edge(
            u,
            v,
            key=predicate,
            predicate=predicate,
            label_en=label_en,
            label_it=label_it,
            directed=predicate not in SYMMETRIC,
            weight=weight,
            confidence=conf,
            amount=amount,
            currency=currency,
            date=when,
            first_seen=first,
            last_seen=last,
            evidence=_evidence(source, predicate, target, first, conf),
            docs=docs,
        )
    return G


def edge_id(source: str, predicate: str, target: str) -> str:
    """The export id of an edge, ``source-IRI|predicate|target-IRI``."""
    return f"{iri(source)}|{predicate}|{iri(target)}"
