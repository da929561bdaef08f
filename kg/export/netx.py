"""The property-graph view of a store: a ``networkx.MultiDiGraph`` in the shape of ``kg.export.schema``."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import networkx as nx

from kg.graph.namespaces import KG
from kg.vocab import predicates

_FACTS = """
SELECT ?s ?p ?o ?conf ?n ?nd WHERE {
  GRAPH ?fg { ?f a kg:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:confidence ?conf ;
                 kg:evidenceCount ?n ; kg:documentCount ?nd ; kg:asserted true }
}"""
_EVIDENCE = """
SELECT ?s ?p ?o ?d ?src ?sent ?c ?amount ?cur ?date ?pub WHERE {
  GRAPH ?d { ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:evidence ?sent ;
               kg:confidence ?c ; kg:asserted true .
             ?d dcterms:source ?src .
             OPTIONAL { ?a kg:amount ?amount ; kg:currency ?cur }
             OPTIONAL { ?a kg:date ?date }
             OPTIONAL { ?d dcterms:date ?pub } }
}"""
_NODES = """
SELECT ?e ?type ?label ?labelIt ?qid WHERE {
  ?e a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), STR(kg:)) && ?type NOT IN (kg:Document, kg:Assertion, kg:Fact))
  OPTIONAL { ?e skos:prefLabel ?labelIt FILTER(LANG(?labelIt) = "it") }
  OPTIONAL { ?e kg:wikidata ?qid }
}"""
_ALIASES = "SELECT DISTINCT ?e ?alt WHERE { ?e skos:altLabel ?alt }"


def _v(t: Any) -> str:
    return "" if t is None else t.value


def to_networkx(store: Any, title: str | None = None) -> nx.MultiDiGraph:
    """All asserted facts of ``store`` with their aggregate attributes and evidence."""
    preds = predicates()
    G = nx.MultiDiGraph(title=title or "kg knowledge graph", source=str(getattr(store, "location", None) or "memory"),
                        created=_dt.date.today().isoformat())
    evidence: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in store.query(_EVIDENCE):
        k = (_v(r["s"]), _v(r["p"]), _v(r["o"]))
        evidence.setdefault(k, []).append({
            "doc": _v(r["d"]), "source": _v(r["src"]), "sentence": _v(r["sent"]), "confidence": float(_v(r["c"])),
            "amount": float(_v(r["amount"])) if r["amount"] is not None else None, "currency": _v(r["cur"]) or None,
            "date": _v(r["date"]), "published": _v(r["pub"]),
        })
    for r in store.query(_NODES):
        e = _v(r["e"])
        if e in G:
            continue
        G.add_node(e, label=_v(r["label"]), label_it=_v(r["labelIt"]) or _v(r["label"]),
                   type=_v(r["type"]).removeprefix(KG), qid=_v(r["qid"]), docs=0, first_seen="", last_seen="",
                   aliases=[])
    for r in store.query(_ALIASES):
        e = _v(r["e"])
        if e in G and _v(r["alt"]) not in G.nodes[e]["aliases"]:
            G.nodes[e]["aliases"].append(_v(r["alt"]))
    node_docs: dict[str, set[str]] = {}
    node_dates: dict[str, list[str]] = {}
    for r in store.query(_FACTS):
        s, p, o = _v(r["s"]), _v(r["p"]), _v(r["o"])
        name = p.removeprefix(KG)
        if name not in preds or s not in G or o not in G:
            continue
        pred = preds[name]
        ev = evidence.get((s, p, o), [])
        amounts = [(x["amount"], x["currency"]) for x in ev if x["amount"] is not None]
        amount, currency = max(amounts, key=lambda a: a[0]) if amounts else (None, None)
        pubs = sorted(x["published"] for x in ev if x["published"])
        dates = sorted(x["date"] for x in ev if x["date"])
        u, v = (s, o)
        if pred.symmetric and v < u:
            u, v = v, u
        if G.has_edge(u, v, key=name):
            continue
        G.add_edge(u, v, key=name, predicate=name, label_en=pred.label_en, label_it=pred.label_it,
                   directed=not pred.symmetric, weight=int(_v(r["n"])), confidence=float(_v(r["conf"])),
                   amount=amount, currency=currency, date=(dates or pubs or [""])[0],
                   first_seen=pubs[0] if pubs else "", last_seen=pubs[-1] if pubs else "",
                   evidence=[{k: x[k] for k in ("doc", "source", "sentence", "confidence")} for x in ev],
                   docs=int(_v(r["nd"])))
        for n in (s, o):
            node_docs.setdefault(n, set()).update(x["doc"] for x in ev)
            node_dates.setdefault(n, []).extend(pubs)
    G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
    for n in G:
        G.nodes[n]["docs"] = len(node_docs.get(n, ()))
        ds = sorted(node_dates.get(n, []))
        G.nodes[n]["first_seen"] = ds[0] if ds else ""
        G.nodes[n]["last_seen"] = ds[-1] if ds else ""
    return G
