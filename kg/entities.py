"""Entity listings and resolution explanations over a store (``kg entities``)."""

from __future__ import annotations

from typing import Any

from kg.graph.namespaces import KG
from kg.resolve.normalize import normalize_name
from kg.resolve.resolver import Resolver

_ENTITIES = """
SELECT ?e ?type ?label ?qid (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts)
       (COUNT(DISTINCT ?d) AS ?docs) WHERE {
  ?e kg:key ?k ; a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), STR(kg:)))
  OPTIONAL { ?e kg:wikidata ?qid }
  OPTIONAL { ?e skos:altLabel ?alt }
  OPTIONAL { ?e kg:mentionedIn ?d }
} GROUP BY ?e ?type ?label ?qid ORDER BY DESC(?docs) ?label"""


def entity_table(store: Any, type_: str | None = None, search: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for r in store.query(_ENTITIES):
        t = r["type"].value.removeprefix(KG)
        if type_ and t.lower() != type_.lower():
            continue
        forms = sorted({a for a in (r["alts"].value.split("\u001f") if r["alts"] is not None else []) if a})
        label = r["label"].value
        if search and not any(search.lower() in x.lower() for x in [label, *forms]):
            continue
        rows.append({"iri": r["e"].value, "label": label, "type": t, "qid": r["qid"].value if r["qid"] else "",
                     "forms": forms, "docs": int(r["docs"].value)})
    return rows


def explain_entity(store: Any, name: str) -> list[tuple[str, str, str, str]]:
    """For every surface form of the entity matching ``name``: where the resolver puts it and why."""
    norm = normalize_name(name)
    resolver = Resolver()
    out = []
    for row in entity_table(store):
        names = [row["label"], *row["forms"]]
        if norm not in {normalize_name(n) for n in names} and row["iri"].rsplit("/", 1)[-1] != name:
            continue
        doc_names = {normalize_name(row["label"]): resolver.resolve(row["label"], row["type"]).entity}
        for form in names:
            r = resolver.resolve(form, row["type"], doc_names=doc_names)
            out.append((form, f"{r.entity.label} ({r.entity.key})", r.step, r.detail))
    return out
