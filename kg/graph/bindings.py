"""Binding query parameters to RDF terms, safely and where the query engine can use them.

A parameter value is a pyoxigraph term serialised in N-Triples syntax (escaped by the library), so it can never
change the structure of a query. The row is placed at the start of the WHERE pattern, so that Oxigraph uses the
bound terms as constants and the binding means what rdflib's ``initBindings`` means (before GROUP BY, inside
FILTER NOT EXISTS); a trailing ``VALUES`` clause would be joined after the whole pattern and any aggregation,
which is slower by orders of magnitude on large stores and ignores the parameter in grouped queries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any


def bind_values(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """Bind variables to RDF terms at the start of the WHERE pattern (trailing ``VALUES`` when there is no
    such place: a ``CONSTRUCT WHERE`` short form, a WHERE that is a bare sub-SELECT)."""
    return bind_values_in_where(sparql, bindings)


def bind_values_trailing(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """Bind variables with a trailing ``VALUES`` clause (joined with the result of the WHERE pattern)."""
    if not bindings:
        return sparql
    names = list(bindings)
    row = " ".join(str(bindings[n]) for n in names)
    head = " ".join(f"?{n}" for n in names)
    return f"{sparql.rstrip()}\nVALUES ({head}) {{ ({row}) }}"


_SKIP = (
    r"#[^\n]*"
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\s]*>'
)
_TOKEN = re.compile(
    rf"(?P<skip>{_SKIP})|(?P<word>(?:[A-Za-z_][\w.-]*)?:[\w.%-]*|[A-Za-z_][\w-]*)|(?P<var>[?$]\w+)|(?P<punct>[{{}}()])"
)


def _tokens(sparql: str) -> list[tuple[str, int]]:
    """Words, variables and brackets of a query (comments, strings and IRIs skipped), with end offsets."""
    return [(m.group(), m.end()) for m in _TOKEN.finditer(sparql) if m.lastgroup != "skip"]


def where_group_start(sparql: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE pattern, or None when there is no place to
    bind parameters inside it (a ``CONSTRUCT WHERE`` short form, a WHERE that is a bare sub-SELECT)."""
    toks = _tokens(sparql)
    form = next(
        (i for i, (t, _) in enumerate(toks) if t.upper() in {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}), None
    )
    if form is None:
        return None
    is_construct = toks[form][0].upper() == "CONSTRUCT"
    parens = braces = 0
    template_done = not is_construct
    for i in range(form + 1, len(toks)):
        text, end = toks[i]
        if text == "(":
            parens += 1
        elif text == ")":
            parens -= 1
        elif text == "}":
            braces -= 1
            template_done = template_done or braces == 0
        elif text == "{":
            if braces == 0 and parens == 0 and template_done:
                following = toks[i + 1][0].upper() if i + 1 < len(toks) else ""
                return None if following == "SELECT" else end
            braces += 1
        elif text.upper() == "WHERE" and not template_done and braces == 0:
            return None  # CONSTRUCT WHERE { ... }: the template is the pattern
    return None


def bind_values_in_where(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """Bind variables to terms with a ``VALUES`` row at the *start* of the WHERE pattern.

    Same contract as ``bind_values_trailing`` (values are pyoxigraph terms serialised in N-Triples
    syntax, so they cannot change the query's structure), but the row is joined before the pattern is
    evaluated: Oxigraph then uses the bound terms as constants, whereas a trailing ``VALUES`` is joined
    after the whole pattern (and any aggregation) has been computed -- 8x slower on a provenance lookup and
    50x on a 2-hop query over 1M quads (benchmarks/store/results.md). It also gives
    parameters the meaning of rdflib's ``initBindings``: bound inside ``FILTER NOT EXISTS`` and before
    ``GROUP BY``. Queries with no such place (see ``where_group_start``) fall back to the trailing form.
    """
    if not bindings:
        return sparql
    at = where_group_start(sparql)
    if at is None:
        return bind_values_trailing(sparql, dict(bindings))
    names = list(bindings)
    row = " ".join(str(bindings[n]) for n in names)
    head = " ".join(f"?{n}" for n in names)
    return f"{sparql[:at]} VALUES ({head}) {{ ({row}) }}{sparql[at:]}"


