"""Relationship diagrams of kg's property graph (see ``docs/diagrams.md``)."""

from kg.viz.draw import (
    FORMATS,
    MAX_EDGE_LABELS,
    VIEWS,
    DrawnEdge,
    DrawResult,
    draw_graph,
    image_format,
    render_graph,
    resolve_focus,
    select_view,
)
from kg.viz.labels import format_amount
from kg.viz.style import STYLES

__all__ = [
    "FORMATS",
    "MAX_EDGE_LABELS",
    "STYLES",
    "VIEWS",
    "DrawResult",
    "DrawnEdge",
    "draw_graph",
    "format_amount",
    "image_format",
    "render_graph",
    "resolve_focus",
    "select_view",
]
