"""Colours, markers and sizes shared by kg's diagrams.

Node colours come from :data:`kg.export.schema.TYPE_COLORS` so diagrams, GEXF and the HTML view agree;
everything else (background, text, relation colours) depends on the chosen style, ``light`` or ``dark``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.export.schema import NODE_TYPES, TYPE_COLORS

#: Marker shape by entity type (matplotlib marker codes).
TYPE_MARKERS: dict[str, str] = {
    "Organization": "o",
    "Person": "^",
    "Product": "D",
    "Project": "h",
    "Place": "s",
}

#: Markers differ in how much area they fill; these factors make equal importance look equally big.
MARKER_AREA: dict[str, float] = {"o": 1.0, "^": 1.3, "D": 0.75, "h": 1.05, "s": 0.8}

#: Colour and marker for a node whose type is missing or unknown.
UNKNOWN_TYPE_COLOR = "#999999"
UNKNOWN_TYPE_MARKER = "o"

#: Relation groups shown in the legend of the ``relations`` view, in legend order.
RELATION_GROUPS: dict[str, tuple[str, ...]] = {
    "investment & ownership": ("investsIn", "acquired", "owns"),
    "supply": ("suppliesTo",),
    "partnership & projects": ("partnersWith", "participatesIn", "supports"),
    "competition": ("competesWith",),
    "people": ("ceoOf", "leads", "founderOf", "employeeOf"),
    "products & places": ("productOf", "headquarteredIn", "locatedIn"),
}
OTHER_GROUP = "other"

#: Predicates drawn by the ``deals`` view.
DEAL_PREDICATES: tuple[str, ...] = ("investsIn", "acquired")

_GROUP_OF = {pred: group for group, preds in RELATION_GROUPS.items() for pred in preds}

#: Line style by relation group (dashes in points, or a named matplotlib style).
GROUP_LINESTYLES: dict[str, str | tuple[int, tuple[float, ...]]] = {
    "competition": (0, (5.0, 3.0)),
    "products & places": (0, (1.5, 2.0)),
}


def relation_group(predicate: str) -> str:
    """Legend group of a predicate (``"other"`` for predicates outside the ontology)."""
    return _GROUP_OF.get(predicate, OTHER_GROUP)


@dataclass(frozen=True)
class Style:
    """All the colours of one diagram style."""

    name: str
    background: str
    text: str
    muted: str
    edge: str
    label_background: str
    node_outline: str
    focus_ring: str
    cluster_fill: str
    group_colors: dict[str, str] = field(default_factory=dict)
    deal_colors: dict[str, str] = field(default_factory=dict)

    def group_color(self, group: str) -> str:
        """Colour of a relation group (the neutral edge colour for unknown groups)."""
        return self.group_colors.get(group, self.edge)


LIGHT = Style(
    name="light",
    background="#ffffff",
    text="#1f2328",
    muted="#59636e",
    edge="#8c959f",
    label_background="#ffffff",
    node_outline="#ffffff",
    focus_ring="#1f2328",
    cluster_fill="#f0f2f5",
    group_colors={
        "investment & ownership": "#D55E00",
        "supply": "#6A3D9A",
        "partnership & projects": "#1B7F6A",
        "competition": "#A07800",
        "people": "#7A7A7A",
        "products & places": "#A8A8A8",
    },
    deal_colors={"investsIn": "#D55E00", "acquired": "#6A3D9A"},
)

DARK = Style(
    name="dark",
    background="#11151b",
    text="#e6edf3",
    muted="#9da7b3",
    edge="#6e7681",
    label_background="#11151b",
    node_outline="#c9d1d9",
    focus_ring="#f0f3f6",
    cluster_fill="#1a2029",
    group_colors={
        "investment & ownership": "#FF8A4C",
        "supply": "#B79CE6",
        "partnership & projects": "#4FD1B0",
        "competition": "#E3C25A",
        "people": "#A3A3A3",
        "products & places": "#737B85",
    },
    deal_colors={"investsIn": "#FF8A4C", "acquired": "#B79CE6"},
)

STYLES: dict[str, Style] = {"light": LIGHT, "dark": DARK}


def get_style(name: str) -> Style:
    """The :class:`Style` called ``name`` (``light`` or ``dark``); raises ``ValueError`` otherwise."""
    try:
        return STYLES[name]
    except KeyError:
        raise ValueError(f"unknown style {name!r}; choose one of {', '.join(STYLES)}") from None


def type_color(node_type: str) -> str:
    """Fill colour of an entity type."""
    return TYPE_COLORS.get(node_type, UNKNOWN_TYPE_COLOR)


def type_marker(node_type: str) -> str:
    """Marker shape of an entity type."""
    return TYPE_MARKERS.get(node_type, UNKNOWN_TYPE_MARKER)


def ordered_types(types: set[str]) -> list[str]:
    """Entity types in legend order: the ontology's order first, unknown types last (sorted)."""
    known = [t for t in NODE_TYPES if t in types]
    return known + sorted(types - set(NODE_TYPES))
