"""Relationship diagrams of kg's property graph with matplotlib.

:func:`draw_graph` draws a ``networkx.MultiDiGraph`` in the shape of :mod:`kg.export.schema` to a
PNG, SVG or PDF file; :func:`render_graph` does the same work but returns the matplotlib
``Figure`` instead of saving it. Both return a :class:`DrawResult` that lists what was drawn.

Three views: ``relations`` (everything), ``deals`` (investments and acquisitions, line width by
amount) and ``ego`` (one entity in the centre, the others on rings by distance). Colours and marker
shapes show entity types, node size shows importance (documents plus connections), labels are
placed so that they overlap neither each other nor the nodes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import textwrap
import warnings
from collections import defaultdict
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import matplotlib as mpl
import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon
from matplotlib.text import Text
from PIL import Image

from kg.export.schema import SYMMETRIC_PREDICATES
from kg.viz import labels as lbl
from kg.viz import layout as lay
from kg.viz.style import (
    DEAL_PREDICATES,
    GROUP_LINESTYLES,
    MARKER_AREA,
    RELATION_GROUPS,
    Style,
    get_style,
    ordered_types,
    relation_group,
    type_color,
    type_marker,
)

VIEWS = ("relations", "deals", "ego")
FORMATS = ("png", "svg", "pdf")
#: Above this many edges, edge labels are hidden (and the caption says so).
MAX_EDGE_LABELS = 60
#: In the ego view, above this many edges only the focus's own relations are labelled.
EGO_ALL_LABELS = 25

_TITLE_BAND = 0.8  # inches above the plot
_CAPTION_LINE = 0.2  # inches per caption line
_CAPTION_LINES = 3  # lines the caption band holds
_LEGEND_WIDTH = 2.4  # inches right of the plot
_TICK = 1e-9


@dataclass(frozen=True)
class DrawnEdge:
    """One drawn edge: its endpoints (node keys), predicate, label ("" when hidden) and artist id."""

    source: str
    target: str
    predicate: str
    directed: bool
    label: str
    gid: str
    width: float


@dataclass(frozen=True)
class DrawResult:
    """What :func:`draw_graph` drew.

    ``nodes`` are the node keys drawn and ``node_labels`` their labels (same order, unwrapped);
    ``edges`` every drawn edge (``gid`` is the id of its ``FancyArrowPatch`` and of the SVG element)
    and ``edge_labels`` the labels actually shown; ``edge_labels_hidden`` is true when the graph was
    too dense for any; ``legend_entries`` are the entity types then the relation kinds listed in the
    legend; ``positions`` are node positions in data coordinates; ``figsize`` is in inches;
    ``path`` and ``format`` are set by :func:`draw_graph` only.
    """

    view: str
    style: str
    title: str
    caption: str
    nodes: list[str]
    node_labels: list[str]
    edges: list[DrawnEdge]
    edge_labels: list[str]
    edge_labels_hidden: bool
    legend_entries: list[str]
    figsize: tuple[float, float]
    dpi: float
    focus: str | None = None
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    path: Path | None = None
    format: str | None = None


@dataclass
class _Scale:
    """Sizes that depend on how many nodes are drawn."""

    node_area: tuple[float, float]
    node_font: float
    edge_font: float
    line_width: float
    arrow: float
    edge_alpha: float

    @classmethod
    def for_nodes(cls, n: int) -> _Scale:
        """Sizes for ``n`` nodes: interpolated on log(n) between tuned sizes for 8, 40 and 150 nodes."""
        x = math.log(min(max(n, _SCALE_AT[0][0]), _SCALE_AT[-1][0]))
        for (n0, lo), (n1, hi) in itertools.pairwise(_SCALE_AT):
            if x <= math.log(n1):
                t = (x - math.log(n0)) / (math.log(n1) - math.log(n0))
                mix = [a + (b - a) * t for a, b in zip(lo, hi, strict=True)]
                return cls((mix[0], mix[1]), *mix[2:])
        raise AssertionError("unreachable")


#: (nodes, (smallest marker area, largest marker area, node font, edge font, line width, arrow, edge alpha)).
_SCALE_AT = (
    (8, (700.0, 2000.0, 11.0, 8.5, 1.5, 16.0, 1.0)),
    (40, (170.0, 950.0, 8.5, 6.8, 1.1, 12.0, 0.95)),
    (150, (60.0, 430.0, 6.6, 5.8, 0.75, 8.5, 0.7)),
)


@dataclass
class _Plot:
    """Everything the drawing steps share."""

    G: nx.MultiDiGraph
    fig: Figure
    ax: Any
    style: Style
    scale: _Scale
    view: str
    lang: str
    focus: Hashable | None
    nodes: list[Hashable]
    pos: dict[Hashable, np.ndarray]
    area: dict[Hashable, float]
    importance: dict[Hashable, float]
    notes: list[str] = field(default_factory=list)
    line_points: list[np.ndarray] = field(default_factory=list)
    groups: list[list[Hashable]] = field(default_factory=list)

    def px(self, node: Hashable) -> np.ndarray:
        """Display (pixel) position of a node."""
        return self.ax.transData.transform(self.pos[node])

    def radius_pt(self, node: Hashable) -> float:
        """Marker radius in points."""
        return math.sqrt(self.area[node]) / 2

    def radius_px(self, node: Hashable) -> float:
        """Marker radius in pixels."""
        return self.radius_pt(node) * self.fig.dpi / 72


def draw_graph(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    title: str | None = None,
    caption: str | None = None,
    style: str = "light",
    view: str = "relations",
    focus: str | None = None,
    dpi: float = 150,
    size: tuple[float, float] | None = None,
    lang: str = "en",
    max_edge_labels: int = MAX_EDGE_LABELS,
    depth: int | None = None,
    compact: bool = True,
) -> DrawResult:
    """Draw ``G`` (a :mod:`kg.export.schema` graph, already filtered) to ``path``.

    The format (png, svg or pdf) comes from the file suffix; missing folders are created.
    ``title`` defaults to ``G.graph["title"]``; ``caption`` replaces the default first caption line
    (source and date) -- the second line, with counts and notes about the drawing, is always added.
    ``view`` is ``relations``, ``deals`` or ``ego``; ``focus`` (node key, label or alias) picks the
    centre of the ego view (default: the most important entity); the ego view keeps the entities
    linked to it, within ``depth`` hops when given (the graph is usually filtered already).
    ``size`` is (width, height) in inches (automatic from the node count when ``None``), ``lang``
    picks English or Italian labels, and edge labels are hidden when more than ``max_edge_labels``
    edges are drawn. PNGs are stored with a 256-colour palette unless ``compact`` is false.
    Returns a :class:`DrawResult` describing the drawing.
    """
    target = Path(path)
    fmt = image_format(target)
    fig, result = render_graph(
        G,
        title=title,
        caption=caption,
        style=style,
        view=view,
        focus=focus,
        dpi=dpi,
        size=size,
        lang=lang,
        max_edge_labels=max_edge_labels,
        depth=depth,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with _quiet_glyphs(), mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "pdf.fonttype": 42}):
        if fmt == "png" and compact:
            _save_compact_png(fig, target, dpi)
        else:
            fig.savefig(target, format=fmt, dpi=dpi, facecolor=fig.get_facecolor(), metadata=_metadata(fmt))
    return replace(result, path=target, format=fmt)


def _save_compact_png(fig: Figure, target: Path, dpi: float) -> None:
    """Write the figure as a PNG with an adaptive 256-colour palette (about a third of the size)."""
    fig.canvas.draw()
    rgb = Image.fromarray(np.asarray(fig.canvas.buffer_rgba())).convert("RGB")
    palette = rgb.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(target, format="png", dpi=(dpi, dpi))


def image_format(path: str | Path) -> str:
    """Image format from a file name (``png``, ``svg`` or ``pdf``); raises ``ValueError`` otherwise."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"cannot tell the image format of {str(path)!r}: use a .png, .svg or .pdf file name")
    return fmt


def _metadata(fmt: str) -> dict[str, Any]:
    # Leave out creation dates so that the same graph gives the same file.
    return {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt, {})


def render_graph(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    caption: str | None = None,
    style: str = "light",
    view: str = "relations",
    focus: str | None = None,
    dpi: float = 150,
    size: tuple[float, float] | None = None,
    lang: str = "en",
    max_edge_labels: int = MAX_EDGE_LABELS,
    depth: int | None = None,
) -> tuple[Figure, DrawResult]:
    """Like :func:`draw_graph` but return the matplotlib ``Figure`` (Agg canvas) instead of saving it."""
    with _quiet_glyphs():
        return _render(G, title, caption, style, view, focus, dpi, size, lang, max_edge_labels, depth)


@contextmanager
def _quiet_glyphs() -> Iterator[None]:
    """Silence matplotlib's warnings about characters (emoji, rare scripts) missing from the font."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .*missing from", category=UserWarning)
        yield


def _render(
    G: nx.MultiDiGraph,
    title: str | None,
    caption: str | None,
    style: str,
    view: str,
    focus: str | None,
    dpi: float,
    size: tuple[float, float] | None,
    lang: str,
    max_edge_labels: int,
    depth: int | None,
) -> tuple[Figure, DrawResult]:
    theme = get_style(style)
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    if dpi <= 0:
        raise ValueError("dpi must be positive")
    focus_node = None
    if view == "ego" and G.number_of_nodes():
        focus_node = resolve_focus(G, focus) or max(G.nodes, key=lambda n: (_importance(G, n), str(n)))
    H = select_view(G, view, focus_node, depth)
    figsize = _figure_size(H.number_of_nodes(), view) if size is None else (float(size[0]), float(size[1]))
    if min(figsize) <= 0:
        raise ValueError("size must be positive (width, height) in inches")
    plot = _start_plot(H, theme, view, lang, focus_node, figsize, dpi)
    if view == "ego" and H.number_of_nodes() < G.number_of_nodes():
        left_out = G.number_of_nodes() - H.number_of_nodes()
        reach = "more than {depth} hops from" if depth is not None else "not linked to"
        plot.notes.append(
            f"{left_out} entities {reach.format(depth=depth)} {_node_label(G, focus_node, lang)} left out"
        )
    _draw_groups(plot)
    edges = _draw_edges(plot, max_edge_labels)
    _draw_nodes(plot)
    node_texts, edge_texts = _draw_labels(plot, edges)
    legend = _draw_legend(plot, edges)
    title_text = title if title is not None else _default_title(G, plot)
    caption_text = _draw_title_and_caption(plot, G, title_text, caption, len(edges))
    drawn = [replace(e.drawn, label=e.text if e.labelled else "") for e in edges]
    result = DrawResult(
        view=view,
        style=theme.name,
        title=title_text,
        caption=caption_text,
        nodes=[str(n) for n in plot.nodes],
        node_labels=node_texts,
        edges=drawn,
        edge_labels=edge_texts,
        edge_labels_hidden=bool(edges) and not any(e.labelled for e in edges),
        legend_entries=legend,
        figsize=figsize,
        dpi=float(dpi),
        focus=None if focus_node is None else str(focus_node),
        positions={str(n): (float(plot.pos[n][0]), float(plot.pos[n][1])) for n in plot.nodes},
    )
    return plot.fig, result


# --------------------------------------------------------------------------- selecting what to draw


def resolve_focus(G: nx.MultiDiGraph, focus: str | None) -> Hashable | None:
    """The node meant by ``focus``: a node key, or a label / Italian label / alias (case-insensitive).

    Returns ``None`` for ``None``; raises ``ValueError`` when nothing matches. When several entities
    share the label, the one with most documents wins.
    """
    if focus is None:
        return None
    if focus in G:
        return focus
    wanted = focus.strip().casefold()
    matches = [
        node
        for node, data in G.nodes(data=True)
        if wanted
        in {str(data.get("label", "")).casefold(), str(data.get("label_it", "")).casefold()}
        | {str(a).casefold() for a in data.get("aliases", []) or []}
    ]
    if not matches:
        raise ValueError(f"focus {focus!r} is neither a node key nor the label of an entity in the graph")
    return max(matches, key=lambda n: (_importance(G, n), str(n)))


def select_view(
    G: nx.MultiDiGraph, view: str, focus: Hashable | None = None, depth: int | None = None
) -> nx.MultiDiGraph:
    """The part of ``G`` a view draws (a copy without self-loops).

    ``deals`` keeps investments and acquisitions and the entities they link; ``ego`` keeps the
    entities linked to ``focus`` (within ``depth`` hops when given).
    """
    H = nx.MultiDiGraph(G)
    H.remove_edges_from([(u, v, k) for u, v, k in H.edges(keys=True) if u == v])
    if view == "deals":
        H.remove_edges_from(
            [
                (u, v, k)
                for u, v, k, d in H.edges(keys=True, data=True)
                if _predicate(k, d) not in DEAL_PREDICATES
            ]
        )
        H.remove_nodes_from([n for n in list(H.nodes) if H.degree(n) == 0])
    elif view == "ego" and focus is not None:
        near = nx.single_source_shortest_path_length(lay.undirected_view(H), focus, cutoff=depth)
        H.remove_nodes_from([n for n in list(H.nodes) if n not in near])
    return H


def _predicate(key: Hashable, data: dict) -> str:
    return str(data.get("predicate") or key)


def _importance(G: nx.MultiDiGraph, node: Hashable) -> float:
    data = G.nodes[node]
    return _number(data.get("docs"), 0.0) + float(G.degree(node))


def _node_type(G: nx.MultiDiGraph, node: Hashable) -> str:
    return lbl.clean_text(G.nodes[node].get("type"))


def _number(value: object, default: float) -> float:
    """``value`` as a finite float, or ``default`` (None, NaN, text...)."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _figure_size(n: int, view: str) -> tuple[float, float]:
    plot_w = 4.8 + 1.0 * math.sqrt(max(n, 1))
    plot_h = plot_w * (0.82 if view == "ego" else 0.7)
    return (
        round(plot_w + _LEGEND_WIDTH, 2),
        round(plot_h + _TITLE_BAND + _CAPTION_LINES * _CAPTION_LINE + 0.2, 2),
    )


# --------------------------------------------------------------------------- figure and layout


def _start_plot(
    H: nx.MultiDiGraph,
    theme: Style,
    view: str,
    lang: str,
    focus: Hashable | None,
    figsize: tuple[float, float],
    dpi: float,
) -> _Plot:
    fig = Figure(figsize=figsize, dpi=dpi, facecolor=theme.background)
    FigureCanvasAgg(fig)
    w, h = figsize
    legend_w = min(_LEGEND_WIDTH, 0.3 * w)
    bottom = _CAPTION_LINES * _CAPTION_LINE + 0.15
    ax = fig.add_axes((0.15 / w, bottom / h, (w - legend_w - 0.3) / w, (h - bottom - _TITLE_BAND) / h))
    ax.set_axis_off()
    ax.set_facecolor(theme.background)
    nodes = sorted(H.nodes, key=str)
    scale = _Scale.for_nodes(len(nodes))
    importance = {n: _importance(H, n) for n in nodes}
    plot = _Plot(
        H, fig, ax, theme, scale, view, lang, focus, nodes, {}, _node_areas(H, importance, scale), importance
    )
    _place_nodes(plot)
    return plot


def _node_areas(
    H: nx.MultiDiGraph, importance: dict[Hashable, float], scale: _Scale
) -> dict[Hashable, float]:
    """Marker area (points squared) by importance, corrected for the marker's shape."""
    if not importance:
        return {}
    lo, hi = min(importance.values()), max(importance.values())
    small, big = scale.node_area
    areas = {}
    for node, value in importance.items():
        t = math.sqrt((value - lo) / (hi - lo)) if hi > lo else 0.5
        marker = type_marker(_node_type(H, node))
        areas[node] = (small + (big - small) * t) * MARKER_AREA.get(marker, 1.0)
    return areas


def _place_nodes(plot: _Plot) -> None:
    """Lay the nodes out in the axes box, then nudge apart markers that touch (in pixels)."""
    ax, fig = plot.ax, plot.fig
    bbox = ax.get_window_extent()
    aspect = bbox.width / bbox.height
    if plot.view == "ego" and plot.focus is not None:
        raw, _ = lay.ego_layout(plot.G, plot.focus)
        pos = lay.fit_to_box(raw, aspect, 1.0, rotate=False, centre=plot.focus)
    else:
        pos, plot.groups = lay.graph_layout(plot.G, aspect, 1.0)
    max_r = max((math.sqrt(a) / 2 for a in plot.area.values()), default=0.0) * fig.dpi / 72
    pad = max_r / bbox.height + 0.02
    ax.set_xlim(-pad, aspect + pad)
    ax.set_ylim(-pad, 1 + pad)
    plot.pos = pos
    if len(plot.nodes) < 2:
        return
    xy = np.array([plot.px(n) for n in plot.nodes])
    radii = np.array([plot.radius_px(n) for n in plot.nodes]) + 3 * fig.dpi / 72
    moved = lay.separate_circles(xy, radii)
    if plot.focus is not None:
        moved += xy[plot.nodes.index(plot.focus)] - moved[plot.nodes.index(plot.focus)]
    inverse = ax.transData.inverted()
    plot.pos = {n: inverse.transform(moved[i]) for i, n in enumerate(plot.nodes)}


# --------------------------------------------------------------------------- edges


@dataclass
class _Edge:
    drawn: DrawnEdge
    text: str
    labelled: bool
    anchor: np.ndarray  # curve midpoint in pixels
    color: str
    normal: np.ndarray  # unit normal to the edge at its midpoint, pointing up (pixels)
    half_width: float  # half the line width in pixels


def _draw_edges(plot: _Plot, max_labels: int) -> list[_Edge]:
    """Draw every edge as a (possibly curved) arrow and return where each label would go."""
    G = plot.G
    triples = sorted(
        ((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)),
        key=lambda e: (
            str(min(str(e[0]), str(e[1]))),
            str(max(str(e[0]), str(e[1]))),
            _predicate(e[2], e[3]),
            str(e[0]),
        ),
    )
    rads = _curvatures(triples)
    amounts = [math.log10(float(d["amount"])) for _, _, _, d in triples if _has_amount(d)]
    span = (min(amounts), max(amounts)) if amounts else (0.0, 0.0)
    labelled = _labelled_edges(plot, triples, max_labels)
    edges = []
    for i, ((u, v, k, d), rad) in enumerate(zip(triples, rads, strict=True)):
        edges.append(_draw_edge(plot, i, u, v, k, d, rad, span, i in labelled))
    return edges


def _has_amount(d: dict) -> bool:
    try:
        amount = float(d.get("amount"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isfinite(amount) and amount > 0


def _curvatures(triples: list[tuple]) -> list[float]:
    """Arc curvature per edge: 0 for a lone edge, spread symmetrically for parallel edges."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (u, v, _, _) in enumerate(triples):
        groups[tuple(sorted((str(u), str(v))))].append(i)
    rads = [0.0] * len(triples)
    for (first, _), members in groups.items():
        k = len(members)
        step = 0.3 if k < 4 else 0.9 / (k - 1)
        for j, i in enumerate(members):
            rad = (j - (k - 1) / 2) * step
            # arc3 bends relative to the drawing direction: flip for edges drawn the other way.
            rads[i] = rad if str(triples[i][0]) == first else -rad
    return rads


def _labelled_edges(plot: _Plot, triples: list[tuple], max_labels: int) -> set[int]:
    """Which edges get a label; records a caption note when labels are left out."""
    m = len(triples)
    limit = min(max_labels, EGO_ALL_LABELS) if plot.view == "ego" else max_labels
    if m <= limit:
        return set(range(m))
    if plot.view == "ego" and plot.focus is not None:
        own = {i for i, (u, v, _, _) in enumerate(triples) if plot.focus in (u, v)}
        if 0 < len(own) <= max_labels:
            name = _node_label(plot.G, plot.focus, plot.lang)
            plot.notes.append(f"{m} relations: labels only on those of {name}")
            return own
    hint = "line colour shows the relation type" if plot.view != "deals" else "line width shows the amount"
    plot.notes.append(f"edge labels hidden ({m} relations > {max_labels}); {hint}")
    return set()


def _draw_edge(
    plot: _Plot,
    i: int,
    u: Hashable,
    v: Hashable,
    key: Hashable,
    d: dict,
    rad: float,
    span: tuple[float, float],
    labelled: bool,
) -> _Edge:
    predicate = _predicate(key, d)
    directed = bool(d.get("directed", predicate not in SYMMETRIC_PREDICATES))
    color, width, linestyle, alpha = _edge_look(plot, u, v, predicate, d, span)
    arrow = FancyArrowPatch(
        posA=plot.pos[u],
        posB=plot.pos[v],
        arrowstyle="-|>" if directed else "-",
        connectionstyle=f"arc3,rad={rad:.4f}",
        mutation_scale=plot.scale.arrow * (0.85 + 0.15 * width / plot.scale.line_width) if directed else 1.0,
        shrinkA=plot.radius_pt(u) + 1.5,
        shrinkB=plot.radius_pt(v) + (2.0 if directed else 1.5),
        linewidth=width,
        linestyle=linestyle,
        color=color,
        alpha=alpha,
        zorder=1,
        capstyle="round",
    )
    gid = f"edge-{i}"
    arrow.set_gid(gid)
    plot.ax.add_artist(arrow)
    a, b = plot.px(u), plot.px(v)
    plot.line_points.append(
        lbl.sample_arc(a, b, rad, plot.radius_px(u), plot.radius_px(v), 4 * plot.fig.dpi / 72)
    )
    delta = b - a
    anchor = (a + b) / 2 + 0.5 * rad * np.array([delta[1], -delta[0]])
    text = lbl.edge_text(d, plot.lang, amount_only=plot.view == "deals")
    drawn = DrawnEdge(str(u), str(v), predicate, directed, text, gid, float(width))
    label_color = color if plot.view == "deals" else plot.style.muted
    normal = _up_normal(delta)
    return _Edge(drawn, text, labelled, anchor, label_color, normal, width * plot.fig.dpi / 72 / 2)


def _up_normal(delta: np.ndarray) -> np.ndarray:
    """Unit vector across an edge running along ``delta``, pointing up (or right for vertical edges)."""
    length = float(np.hypot(*delta))
    if length < _TICK:
        return np.array([0.0, 1.0])
    normal = np.array([-delta[1], delta[0]]) / length
    if normal[1] < -1e-6 or (abs(normal[1]) <= 1e-6 and normal[0] < 0):
        normal = -normal
    return normal


def _edge_look(
    plot: _Plot, u: Hashable, v: Hashable, predicate: str, d: dict, span: tuple[float, float]
) -> tuple[str, float, Any, float]:
    """Colour, line width, line style and opacity of an edge in the current view."""
    base = plot.scale.line_width
    confidence = _number(d.get("confidence"), 1.0)
    alpha = (0.45 + 0.5 * min(max(confidence, 0.0), 1.0)) * plot.scale.edge_alpha
    if plot.view == "deals":
        color = plot.style.deal_colors.get(predicate, plot.style.edge)
        if not _has_amount(d):
            return color, base, (0, (4.0, 2.5)), alpha
        lo, hi = span
        t = (math.log10(float(d["amount"])) - lo) / (hi - lo) if hi > lo else 0.5
        return color, base * (1.3 + 5.0 * t), "-", alpha
    group = relation_group(predicate)
    color = plot.style.group_color(group)
    width = base * (1 + 0.35 * math.log2(max(1.0, _number(d.get("weight"), 1.0))))
    if plot.view == "ego" and plot.focus not in (u, v):
        alpha *= 0.5
    return color, width, GROUP_LINESTYLES.get(group, "-"), alpha


# --------------------------------------------------------------------------- nodes


def _draw_groups(plot: _Plot) -> None:
    """A faint rounded shape behind each community that the layout kept together (big graphs only)."""
    inverse = plot.ax.transData.inverted()
    for i, members in enumerate(plot.groups):
        if len(members) < 3:
            continue
        xy = np.array([plot.px(n) for n in members])
        pad = max(plot.radius_px(n) for n in members) + 10 * plot.fig.dpi / 72
        outline = inverse.transform(lay.padded_hull(xy, pad))
        shape = Polygon(outline, closed=True, facecolor=plot.style.cluster_fill, edgecolor="none", zorder=0)
        shape.set_gid(f"group-{i}")
        plot.ax.add_artist(shape)


def _draw_nodes(plot: _Plot) -> None:
    """One scatter per entity type so that each type has its own marker."""
    by_type: dict[str, list[Hashable]] = defaultdict(list)
    for node in plot.nodes:
        by_type[_node_type(plot.G, node)].append(node)
    for type_name in ordered_types(set(by_type)):
        members = by_type[type_name]
        xy = np.array([plot.pos[n] for n in members])
        plot.ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=[plot.area[n] for n in members],
            c=type_color(type_name),
            marker=type_marker(type_name),
            edgecolors=plot.style.node_outline,
            linewidths=1.2 if plot.style.name == "light" else 0.7,
            zorder=3,
            gid=f"nodes-{type_name or 'unknown'}",
        )
    if plot.focus is not None and plot.focus in plot.pos:
        x, y = plot.pos[plot.focus]
        ring = (math.sqrt(plot.area[plot.focus]) + 9) ** 2
        plot.ax.scatter(
            [x], [y], s=[ring], facecolors="none", edgecolors=plot.style.focus_ring, linewidths=1.6, zorder=2
        )


# --------------------------------------------------------------------------- labels


def _node_label(G: nx.MultiDiGraph, node: Hashable, lang: str) -> str:
    """Printable label of a node in ``lang`` (then the English or Italian label, then the key's end)."""
    data = G.nodes[node]
    for key in (f"label_{lang}" if lang != "en" else "label", "label", "label_it"):
        text = lbl.clean_text(data.get(key))
        if text:
            return text
    return lbl.clean_text(str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]) or str(node)


def _draw_labels(plot: _Plot, edges: list[_Edge]) -> tuple[list[str], list[str]]:
    """Create node and edge labels, then move them so that nothing overlaps."""
    fig, ax, scale = plot.fig, plot.ax, plot.scale
    renderer = fig.canvas.get_renderer()
    order = sorted(range(len(plot.nodes)), key=lambda i: (-plot.importance[plot.nodes[i]], i))
    bold = set(order[: max(1, round(len(order) * 0.08))]) if len(order) > 10 else set()
    node_names = [_node_label(plot.G, n, plot.lang) for n in plot.nodes]
    texts: list[Text] = []
    for i, name in enumerate(node_names):
        is_focus = plot.nodes[i] == plot.focus
        size = scale.node_font * (1.2 if is_focus else 1.0)
        weight = "bold" if i in bold or is_focus else "normal"
        texts.append(
            _text(ax, lbl.wrap_label(name), size, plot.style.text, weight, f"node-label-{i}", plot.style)
        )
    shown = [e for e in edges if e.labelled]
    # Amounts are short: the deals view can afford them almost as big as the entity names.
    edge_font = max(scale.edge_font, 0.9 * scale.node_font) if plot.view == "deals" else scale.edge_font
    for j, e in enumerate(shown):
        texts.append(
            _text(ax, e.text, edge_font, e.color, "normal", f"edge-label-{j}", plot.style, italic=True)
        )
    if not texts:
        return node_names, []
    halves = _half_sizes(texts, renderer, fig.dpi)
    anchors = np.array([e.anchor for e in shown]).reshape(-1, 2)
    if plot.view == "deals":
        # Thick money lines would hide their own label: put each label beside its line.
        for j, e in enumerate(shown):
            half = halves[len(node_names) + j]
            reach = abs(e.normal[0]) * half[0] + abs(e.normal[1]) * half[1]
            anchors[j] = e.anchor + e.normal * (e.half_width + reach + fig.dpi / 72)
    centers = _place_all(plot, halves, anchors)
    inverse = ax.transData.inverted()
    for t, c in zip(texts, centers, strict=True):
        t.set_position(inverse.transform(c))
    _leader_lines(plot, centers, halves, shown)
    return node_names, [e.text for e in shown]


def _text(
    ax: Any, s: str, size: float, color: str, weight: str, gid: str, theme: Style, italic: bool = False
) -> Text:
    return ax.text(
        0,
        0,
        s,
        fontsize=size,
        color=color,
        fontweight=weight,
        fontstyle="italic" if italic else "normal",
        ha="center",
        va="center",
        zorder=5,
        gid=gid,
        parse_math=False,
        linespacing=1.05,
        bbox={
            "boxstyle": "round,pad=0.12",
            "facecolor": theme.label_background,
            "edgecolor": "none",
            "alpha": 0.78,
        },
    )


def _half_sizes(texts: list[Text], renderer: Any, dpi: float) -> np.ndarray:
    pad = 0.12 * 2 * dpi / 72  # the rounded box around each label, roughly
    halves = []
    for t in texts:
        box = t.get_window_extent(renderer)
        halves.append((box.width / 2 + pad, box.height / 2 + pad * 0.6))
    return np.array(halves)


def _place_all(plot: _Plot, halves: np.ndarray, edge_anchors: np.ndarray) -> np.ndarray:
    """Greedy start for node labels, midpoints for edge labels, then one joint repulsion pass."""
    n = len(plot.nodes)
    nodes_px = np.array([plot.px(node) for node in plot.nodes]).reshape(-1, 2)
    radii = np.array([plot.radius_px(node) for node in plot.nodes])
    order = np.array(sorted(range(n), key=lambda i: (-plot.importance[plot.nodes[i]], i)), dtype=int)
    gap = 2.0 * plot.fig.dpi / 72
    lines = np.vstack(plot.line_points) if plot.line_points else None
    bbox = plot.ax.get_window_extent()
    bounds = (bbox.x0, bbox.y0, bbox.x1, bbox.y1)
    start = lbl.initial_node_label_centers(nodes_px, radii, halves[:n], order, gap, lines, bounds)
    anchors = np.vstack([start, edge_anchors])
    spring = np.concatenate([np.full(n, 0.04), np.full(len(edge_anchors), 0.08)])
    placed = lbl.repel_labels(
        anchors.copy(), halves, anchors, nodes_px, radii, bounds, spring=spring, pad=gap
    )
    owners = np.vstack([nodes_px, edge_anchors])
    owner_radii = np.concatenate([radii, np.zeros(len(edge_anchors))])
    return lbl.fix_leftovers(placed, halves, owners, owner_radii, nodes_px, radii, bounds, pad=gap)


def _leader_lines(plot: _Plot, centers: np.ndarray, halves: np.ndarray, shown: list[_Edge]) -> None:
    """Thin lines from a node or edge to its label when the label had to move away."""
    n = len(plot.nodes)
    inverse = plot.ax.transData.inverted()
    starts = [plot.px(node) for node in plot.nodes] + [e.anchor for e in shown]
    reach = [plot.radius_px(node) for node in plot.nodes] + [0.0] * len(shown)
    for i, (origin, c, h) in enumerate(zip(starts, centers, halves, strict=True)):
        nearest = np.clip(origin, c - h, c + h)
        gap = float(np.linalg.norm(nearest - origin)) - reach[i]
        if gap <= (8 if i < n else 12) * plot.fig.dpi / 72:
            continue
        direction = (nearest - origin) / max(np.linalg.norm(nearest - origin), _TICK)
        a = origin + direction * reach[i]
        color = plot.style.muted
        plot.ax.add_line(
            Line2D(
                *zip(inverse.transform(a), inverse.transform(nearest), strict=True),
                lw=0.5,
                color=color,
                alpha=0.7,
                zorder=4,
            )
        )


# --------------------------------------------------------------------------- legend, title, caption


def _draw_legend(plot: _Plot, edges: list[_Edge]) -> list[str]:
    """Entity types (marker and colour) and relation kinds, right of the plot. Returns the entries."""
    theme, fig = plot.style, plot.fig
    types = ordered_types({_node_type(plot.G, n) for n in plot.nodes})
    type_handles = [
        Line2D(
            [],
            [],
            marker=type_marker(t),
            linestyle="",
            markersize=9,
            markerfacecolor=type_color(t),
            markeredgecolor=theme.node_outline,
        )
        for t in types
    ]
    type_names = [t or "unknown" for t in types]
    rel_handles, rel_names = _relation_legend(plot, edges)
    w, h = fig.get_size_inches()
    x = 1 - min(_LEGEND_WIDTH, 0.3 * w) / w + 0.1 / w
    top = 1 - _TITLE_BAND / h
    entries: list[str] = []
    for handles, names, heading in (
        (type_handles, type_names, "Entities"),
        (rel_handles, rel_names, _rel_heading(plot)),
    ):
        if not handles:
            continue
        legend = fig.legend(
            handles,
            names,
            loc="upper left",
            bbox_to_anchor=(x, top),
            frameon=False,
            fontsize=8.5,
            title=heading,
            title_fontsize=9.5,
            alignment="left",
            labelcolor=theme.text,
            handlelength=2.2,
        )
        legend.get_title().set_color(theme.text)
        legend.get_title().set_fontweight("bold")
        top -= legend.get_window_extent(fig.canvas.get_renderer()).height / fig.bbox.height + 0.02
        entries.extend(names)
    return entries


def _rel_heading(plot: _Plot) -> str:
    return "Deals" if plot.view == "deals" else "Relations"


def _relation_legend(plot: _Plot, edges: list[_Edge]) -> tuple[list[Line2D], list[str]]:
    theme = plot.style
    predicates = {e.drawn.predicate for e in edges}
    handles, names = [], []
    if plot.view == "deals":
        for pred in DEAL_PREDICATES:
            if pred in predicates:
                label = "invests in" if pred == "investsIn" else "acquired"
                handles.append(Line2D([], [], color=theme.deal_colors[pred], lw=2.5))
                names.append(label)
        if any(e.text == "undisclosed" for e in edges):
            handles.append(Line2D([], [], color=theme.muted, lw=1.2, linestyle=(0, (4.0, 2.5))))
            names.append("amount undisclosed")
        for amount, width in _width_samples(plot, edges):
            handles.append(Line2D([], [], color=theme.muted, lw=width))
            names.append(f"about {amount}")
        return handles, names
    groups = {relation_group(p) for p in predicates}
    for group in [*RELATION_GROUPS, "other"]:
        if group in groups:
            handles.append(
                Line2D(
                    [], [], color=theme.group_color(group), lw=2.2, linestyle=GROUP_LINESTYLES.get(group, "-")
                )
            )
            names.append(group)
    return handles, names


def _width_samples(plot: _Plot, edges: list[_Edge]) -> list[tuple[str, float]]:
    """Two or three line widths with the amounts they stand for (deals view)."""
    amounts = [
        (float(plot.G.edges[e.drawn.source, e.drawn.target, e.drawn.predicate]["amount"]), e.drawn.width)
        for e in edges
        if _has_amount(plot.G.edges[e.drawn.source, e.drawn.target, e.drawn.predicate])
    ]
    if len(amounts) < 2:
        return []
    amounts.sort()
    picks = [amounts[0], amounts[len(amounts) // 2], amounts[-1]]
    out: list[tuple[str, float]] = []
    for value, width in picks:
        text = lbl.format_amount(value)
        if not out or out[-1][0] != text:
            out.append((text, width))
    return out


def _default_title(G: nx.MultiDiGraph, plot: _Plot) -> str:
    base = str(G.graph.get("title") or "Knowledge graph")
    if plot.view == "deals":
        return f"{base}: investments and acquisitions"
    if plot.view == "ego" and plot.focus is not None:
        return f"{base}: around {_node_label(plot.G, plot.focus, plot.lang)}"
    return base


def _draw_title_and_caption(plot: _Plot, G: nx.MultiDiGraph, title: str, caption: str | None, m: int) -> str:
    """Title at the top left (at most two lines), caption at the bottom left (at most three)."""
    fig, theme = plot.fig, plot.style
    w, h = fig.get_size_inches()
    title_size = 15 if w > 9 else 13
    fig.text(
        0.2 / w,
        1 - 0.22 / h,
        "\n".join(_lines(lbl.clean_text(title), _chars_per_line(w - 0.4, title_size * 1.1), 2)),
        fontsize=title_size,
        fontweight="bold",
        color=theme.text,
        ha="left",
        va="top",
        parse_math=False,
        linespacing=1.1,
    )
    width_chars = _chars_per_line(w - 0.4, 8)
    stats = _lines(_stats_line(plot, m), width_chars, 2)
    first = _lines(
        caption if caption is not None else _source_line(G), width_chars, _CAPTION_LINES - len(stats)
    )
    text = "\n".join(first + stats)
    fig.text(
        0.2 / w,
        0.12 / h,
        text,
        fontsize=8,
        color=theme.muted,
        ha="left",
        va="bottom",
        parse_math=False,
        linespacing=1.4,
    )
    if not plot.nodes:
        empty = (
            "No investments or acquisitions in this graph" if plot.view == "deals" else "No entities to draw"
        )
        plot.ax.text(
            0.5,
            0.5,
            empty,
            transform=plot.ax.transAxes,
            ha="center",
            va="center",
            fontsize=12,
            color=theme.muted,
        )
    return text


def _chars_per_line(width_in: float, fontsize: float) -> int:
    """How many characters of DejaVu Sans at ``fontsize`` points fit in ``width_in`` inches (roughly)."""
    return max(20, int(width_in * 72 / (0.6 * fontsize)))


def _lines(text: str, width: int, most: int) -> list[str]:
    """``text`` wrapped to ``width`` characters, cut with an ellipsis after ``most`` lines."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = lines[: most - 1] + [textwrap.shorten(" ".join(lines[most - 1 :]), width, placeholder=" …")]
    return lines


def _source_line(G: nx.MultiDiGraph) -> str:
    source = str(G.graph.get("source") or "kg knowledge graph")
    created = str(G.graph.get("created") or "")
    when = f"data as of {created}" if created else f"drawn {dt.date.today().isoformat()}"
    return f"Source: {source} · {when}"


def _stats_line(plot: _Plot, m: int) -> str:
    n = len(plot.nodes)
    parts = [
        f"{n} {'entity' if n == 1 else 'entities'}, {m} {'relation' if m == 1 else 'relations'}",
        "node size: documents and connections",
    ]
    if plot.view == "deals":
        parts.append("line width: amount (log scale)")
    if plot.view == "ego" and plot.focus is not None:
        parts.append(f"rings: hops from {_node_label(plot.G, plot.focus, plot.lang)}")
    parts.extend(plot.notes)
    return " · ".join(p for p in parts if p)
