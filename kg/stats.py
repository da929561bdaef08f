"""Summary figures of a store: documents, entities by type, relations by predicate."""

from __future__ import annotations

from typing import Any

from kg.graph.namespaces import KG


def graph_stats(store: Any) -> dict[str, Any]:
    def one(q: str) -> int:
        for r in store.query(q):
            return int(r[0].value)
        return 0

    ents: dict[str, int] = {}
    for r in store.query("""SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?t ; kg:key ?k }
                            GROUP BY ?t ORDER BY DESC(?n)"""):
        ents[r["t"].value.removeprefix(KG)] = int(r["n"].value)
    preds: dict[str, tuple[int, int]] = {}
    facts = {r["p"].value.removeprefix(KG): int(r["n"].value) for r in store.query(
        "SELECT ?p (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; rdf:predicate ?p ; kg:asserted true } GROUP BY ?p")}
    assertions = {r["p"].value.removeprefix(KG): int(r["n"].value) for r in store.query(
        "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a a kg:Assertion ; rdf:predicate ?p } GROUP BY ?p")}
    for p in sorted(set(facts) | set(assertions), key=lambda p: -facts.get(p, 0)):
        preds[p] = (facts.get(p, 0), assertions.get(p, 0))
    return {
        "documents": one("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }"),
        "quads": len(store),
        "facts": one("SELECT (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; kg:asserted true }"),
        "entities": ents,
        "predicates": preds,
    }
