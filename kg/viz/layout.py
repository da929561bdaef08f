"""Deterministic node layouts for kg's diagrams.

* :func:`graph_layout` lays out each connected component on its own -- stress majorization with longer
  links between hubs for components up to :data:`STRESS_LIMIT` nodes, a community layout for bigger
  ones -- turns it so its long side is horizontal, and packs the components into the free space
  of a box of the requested shape.
* The community layout finds greedy-modularity communities, lays each out on its own, places them
  with stress majorization on the community graph, pushes them apart until they do not overlap and turns
  each to face the communities it links to.
* :func:`ego_layout` puts one node in the centre and the others on rings by distance.
* :func:`fit_to_box` scales any layout to fill a ``width`` x ``height`` box.

Every function returns ``{node: numpy.array([x, y])}`` and gives the same result for the same graph.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np

Pos = dict[Hashable, np.ndarray]

#: Components up to this many nodes are laid out in one piece with stress majorization.
STRESS_LIMIT = 60
#: Above this many nodes a single community falls back to a seeded spring layout.
SPRING_LIMIT = 600
#: How much longer a link gets per sqrt(extra neighbour) of its endpoints (see ``_hub_lengths``).
HUB_SPREAD = 0.35
#: Free space around each community (in link lengths) when communities are placed.
COMMUNITY_MARGIN = 0.9
_SEED = 7


def undirected_view(G: nx.Graph) -> nx.Graph:
    """A simple undirected graph over ``G``'s nodes (sorted), edge weight = number of relations."""
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes, key=str))
    for u, v in sorted(G.edges(), key=lambda e: (str(e[0]), str(e[1]))):
        if u == v:
            continue
        if U.has_edge(u, v):
            U[u][v]["weight"] += 1
        else:
            U.add_edge(u, v, weight=1)
    return U


def graph_layout(
    G: nx.Graph, width: float, height: float, *, seed: int = _SEED, max_stretch: float = 1.5
) -> tuple[Pos, list[list[Hashable]]]:
    """Positions of ``G``'s nodes filling ``[0, width] x [0, height]`` (see the module docstring).

    Also returns the communities the layout kept together (empty when no component was big enough
    to be split into communities), so that a drawing can shade them.
    """
    U = undirected_view(G)
    if U.number_of_nodes() == 0:
        return {}, []
    pieces, groups = [], []
    for comp in _sorted_groups(nx.connected_components(U)):
        pos, found = _component_layout(U.subgraph(comp).copy(), seed)
        pieces.append(_principal(pos))
        groups.extend(found)
    pos = _pack(pieces, width / height)
    return fit_to_box(pos, width, height, rotate=False, max_stretch=max_stretch), groups


def _sorted_groups(groups: Iterable[Iterable[Hashable]]) -> list[list[Hashable]]:
    out = [sorted(g, key=str) for g in groups]
    out.sort(key=lambda g: (-len(g), str(g[0])))
    return out


def _component_layout(C: nx.Graph, seed: int) -> tuple[Pos, list[list[Hashable]]]:
    """Layout of one connected component, centred, with a median link length of 1, and its communities."""
    n = C.number_of_nodes()
    if n == 1:
        return {next(iter(C.nodes)): np.zeros(2)}, []
    if n <= STRESS_LIMIT:
        return _unit_links(C, _piece(C)), []
    pos, communities = _community_layout(C, seed)
    return _unit_links(C, pos), communities


def _piece(C: nx.Graph, seed: int = _SEED) -> Pos:
    """Stress layout with hub-aware link lengths (seeded spring layout for very big graphs)."""
    if C.number_of_nodes() > SPRING_LIMIT:
        layout = nx.spring_layout(C, seed=seed, iterations=200)
        return {k: np.asarray(v, dtype=float) for k, v in layout.items()}
    return stress_layout(_hub_lengths(C))


def stress_layout(
    dist: dict[Hashable, dict[Hashable, float]], iterations: int = 400, tol: float = 1e-5
) -> Pos:
    """Positions whose distances match ``dist`` (shortest-path lengths) by stress majorization.

    Starts from classical multidimensional scaling, so the result is deterministic; pairs are
    weighted by 1/d^2 as usual for graph drawing (Gansner, Koren and North, 2004). Unreachable
    pairs get a distance a little longer than the longest one.
    """
    nodes = sorted(dist, key=str)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: np.zeros(2)}
    D = np.array([[dist[a].get(b, np.inf) for b in nodes] for a in nodes], dtype=float)
    finite = D[np.isfinite(D)]
    D[~np.isfinite(D)] = 1.2 * finite.max() + 1.0
    np.fill_diagonal(D, 0.0)
    X = _classical_mds(D)
    W = np.zeros_like(D)
    off = ~np.eye(n, dtype=bool)
    W[off] = 1.0 / np.maximum(D[off], 1e-9) ** 2
    L = -W
    np.fill_diagonal(L, W.sum(axis=1))
    L_inv = np.linalg.pinv(L)
    for _ in range(iterations):
        current = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=2)
        B = np.where(off, -W * D / np.maximum(current, 1e-9), 0.0)
        np.fill_diagonal(B, -B.sum(axis=1))
        nxt = L_inv @ (B @ X)
        moved = np.abs(nxt - X).max()
        X = nxt
        if moved < tol * max(1.0, np.abs(X).max()):
            break
    return {k: X[i] for i, k in enumerate(nodes)}


def _classical_mds(D: np.ndarray) -> np.ndarray:
    """Two-dimensional classical MDS of a distance matrix, with the sign of each axis fixed."""
    n = len(D)
    J = np.eye(n) - 1.0 / n
    B = -0.5 * J @ (D**2) @ J
    vals, vecs = np.linalg.eigh(B)
    top = vecs[:, ::-1][:, :2] * np.sqrt(np.clip(vals[::-1][:2], 1e-9, None))
    # A tiny deterministic jitter keeps coincident points apart (e.g. leaves of the same hub).
    top = top + 1e-3 * np.column_stack([np.cos(np.arange(n)), np.sin(np.arange(n))])
    signs = np.where((top**3).sum(axis=0) < 0, -1.0, 1.0)
    return top * signs


def _hub_lengths(U: nx.Graph) -> dict[Hashable, dict[Hashable, float]]:
    """Shortest-path distances where a link is longer the bigger the hubs it joins.

    Leaves stay close to their hub while hubs move apart, which leaves room around each hub for its
    leaves and their labels.
    """
    H = nx.Graph()
    H.add_nodes_from(U.nodes)
    for u, v in U.edges:
        extra = math.sqrt(max(U.degree(u) - 1, 0)) + math.sqrt(max(U.degree(v) - 1, 0))
        H.add_edge(u, v, length=1.0 + HUB_SPREAD * extra)
    return {k: dict(d) for k, d in nx.shortest_path_length(H, weight="length")}


def _unit_links(C: nx.Graph, pos: Pos) -> Pos:
    """Centre a layout on its mean and scale it so that the median link is 1 long."""
    xy = np.array([pos[k] for k in pos])
    xy -= xy.mean(axis=0)
    lengths = [np.linalg.norm(pos[u] - pos[v]) for u, v in C.edges]
    median = float(np.median(lengths)) if lengths else 1.0
    if median > 1e-9:
        xy /= median
    return {k: xy[i] for i, k in enumerate(pos)}


def _principal(pos: Pos) -> Pos:
    """Turn a layout so that its long axis is horizontal."""
    if len(pos) < 3:
        return {k: np.asarray(v, dtype=float) for k, v in pos.items()}
    keys = list(pos)
    xy = np.array([pos[k] for k in keys], dtype=float)
    xy = _principal_axes(xy - xy.mean(axis=0))
    return {k: xy[i] for i, k in enumerate(keys)}


def _pack(pieces: list[Pos], aspect: float, clearance: float = 1.2, step: float = 0.5) -> Pos:
    """Place the pieces (biggest first) one by one where the whole stays biggest once fitted.

    Each new piece goes to the grid spot, around what is placed so far, that keeps the fitted scale
    of the union's bounding box (for a box of shape ``aspect`` x 1) largest, at least ``clearance``
    away from placed nodes; ties go to the spot with most free room around it.
    """
    pos: Pos = dict(pieces[0])
    pts = np.array(list(pos.values())).reshape(-1, 2)
    for piece in pieces[1:]:
        shape = np.array(list(piece.values())).reshape(-1, 2)
        reach = float(np.linalg.norm(shape, axis=1).max()) + clearance
        lo, hi = pts.min(axis=0) - reach, pts.max(axis=0) + reach
        xs = np.arange(lo[0], hi[0] + 1e-9, step)
        ys = np.arange(lo[1], hi[1] + 1e-9, step)
        cands = np.array(np.meshgrid(xs, ys)).reshape(2, -1).T
        moved = cands[:, None, :] + shape[None, :, :]
        gaps = np.linalg.norm(moved[:, :, None, :] - pts[None, None, :, :], axis=3).min(axis=(1, 2))
        ok = gaps >= clearance
        if not ok.any():
            ok = gaps >= gaps.max()
        union_lo = np.minimum(pts.min(axis=0), moved.min(axis=1))
        union_hi = np.maximum(pts.max(axis=0), moved.max(axis=1))
        span = np.maximum(union_hi - union_lo, 1e-9)
        fitted = np.minimum(aspect / span[:, 0], 1.0 / span[:, 1])
        score = np.round(fitted, 4) + 1e-4 * np.minimum(gaps, 3 * clearance) / (3 * clearance)
        best = int(np.argmax(np.where(ok, score, -np.inf)))
        for k, xy in piece.items():
            pos[k] = xy + cands[best]
        pts = np.vstack([pts, moved[best]])
    return pos


def _community_layout(C: nx.Graph, seed: int) -> tuple[Pos, list[list[Hashable]]]:
    """Communities laid out on their own and placed around each other (see the module docstring)."""
    communities = _communities(C)
    if len(communities) == 1:
        return _piece(C, seed), []
    inner = []
    for members in communities:
        sub = C.subgraph(members).copy()
        parts = _sorted_groups(nx.connected_components(sub))
        inner.append(_pack([_component_layout(sub.subgraph(p).copy(), seed)[0] for p in parts], 1.0))
    radii = []
    for layout in inner:
        xy = np.array(list(layout.values()))
        centre = xy.mean(axis=0)
        for k in layout:
            layout[k] = layout[k] - centre
        radii.append(float(np.linalg.norm(xy - centre, axis=1).max()) + COMMUNITY_MARGIN)
    radii_arr = np.array(radii)
    centers = _community_centers(C, communities, radii_arr)
    _turn_towards_neighbours(C, communities, inner, centers)
    pos: Pos = {}
    for layout, center in zip(inner, centers, strict=True):
        for node, xy in layout.items():
            pos[node] = center + xy
    return pos, communities


def _communities(U: nx.Graph) -> list[list[Hashable]]:
    if U.number_of_edges() == 0:
        return [[node] for node in U.nodes]
    return _sorted_groups(nx.community.greedy_modularity_communities(U, weight="weight"))


def _community_centers(U: nx.Graph, communities: list[list[Hashable]], radii: np.ndarray) -> np.ndarray:
    """Stress majorization over the community graph with link lengths that fit the discs, then separated."""
    member = {node: i for i, c in enumerate(communities) for node in c}
    H = nx.Graph()
    H.add_nodes_from(range(len(communities)))
    for u, v in U.edges:
        a, b = member[u], member[v]
        if a != b:
            H.add_edge(a, b, weight=H.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    for a, b in H.edges:
        H[a][b]["length"] = radii[a] + radii[b] + 0.5
    dist = {k: dict(d) for k, d in nx.shortest_path_length(H, weight="length")}
    layout = stress_layout(dist)
    centers = np.array([layout[i] for i in range(len(communities))], dtype=float)
    return separate_circles(centers, radii)


def _turn_towards_neighbours(
    U: nx.Graph, communities: list[list[Hashable]], inner: list[Pos], centers: np.ndarray
) -> None:
    """Rotate (and maybe mirror) each community in place to shorten the links between communities."""
    member = {node: i for i, c in enumerate(communities) for node in c}
    angles = np.linspace(0, 2 * math.pi, 36, endpoint=False)
    for ci, layout in enumerate(inner):
        links = [
            (u, v) if member[u] == ci else (v, u)
            for u, v in U.edges
            if (member[u] == ci) != (member[v] == ci)
        ]
        if not links or len(layout) < 2:
            continue
        local = np.array([layout[u] for u, _ in links])
        targets = np.array([centers[member[v]] for _, v in links]) - centers[ci]
        best, best_cost = (0.0, 1.0), math.inf
        for flip in (1.0, -1.0):
            for a in angles:
                rot = _rotation(float(a)) @ np.diag([1.0, flip])
                cost = float(np.linalg.norm(local @ rot.T - targets, axis=1).sum())
                if cost < best_cost - 1e-9:
                    best, best_cost = (float(a), flip), cost
        rot = _rotation(best[0]) @ np.diag([1.0, best[1]])
        for node in layout:
            layout[node] = rot @ layout[node]


def padded_hull(points: np.ndarray, pad: float, steps: int = 16) -> np.ndarray:
    """Convex hull of discs of radius ``pad`` around ``points`` (a rounded outline), counter-clockwise."""
    angles = np.linspace(0, 2 * math.pi, steps, endpoint=False)
    ring = pad * np.column_stack([np.cos(angles), np.sin(angles)])
    cloud = (np.asarray(points, dtype=float)[:, None, :] + ring[None, :, :]).reshape(-1, 2)
    return convex_hull(cloud)


def convex_hull(points: np.ndarray) -> np.ndarray:
    """Convex hull of 2-D points (Andrew's monotone chain), counter-clockwise, without repeats."""
    pts = np.unique(np.asarray(points, dtype=float), axis=0)
    if len(pts) < 3:
        return pts

    def half(seq: np.ndarray) -> list[np.ndarray]:
        chain: list[np.ndarray] = []
        for p in seq:
            while len(chain) >= 2 and _cross(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain

    lower, upper = half(pts), half(pts[::-1])
    return np.array(lower[:-1] + upper[:-1])


def _cross(o: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    return float((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))


def _rotation(angle: float) -> np.ndarray:
    c, s = math.cos(angle), math.sin(angle)
    return np.array([[c, -s], [s, c]])


def separate_circles(centers: np.ndarray, radii: np.ndarray, iterations: int = 300) -> np.ndarray:
    """Move discs apart until none overlap (deterministic; ties broken by index)."""
    c = np.array(centers, dtype=float)
    r = np.asarray(radii, dtype=float)
    n = len(c)
    if n < 2:
        return c
    idx = np.arange(n)
    for _ in range(iterations):
        d = c[:, None, :] - c[None, :, :]
        dist = np.linalg.norm(d, axis=2)
        need = r[:, None] + r[None, :] - dist
        np.fill_diagonal(need, 0.0)
        if need.max() <= 1e-6:
            break
        # Coincident centres get a fixed direction that depends only on the pair's indices.
        fallback = np.stack(
            [np.cos(idx[:, None] - idx[None, :]), np.sin(idx[:, None] + idx[None, :])], axis=2
        )
        unit = np.where(dist[..., None] > 1e-9, d / np.maximum(dist, 1e-9)[..., None], fallback)
        push = np.where(need[..., None] > 0, unit * need[..., None] * 0.5, 0.0).sum(axis=1)
        c += push
    return c


def ego_layout(G: nx.Graph, focus: Hashable, spacing: float = 1.2) -> tuple[Pos, dict[Hashable, int]]:
    """``focus`` in the centre, the other nodes on rings by (undirected) distance from it.

    Returns the positions and each node's ring (0 for the focus; nodes not connected to it go on an
    extra outer ring). On the first ring, nodes that are linked to each other (other than through
    the focus) sit side by side; nodes further out sit near the angle of their inner neighbours,
    spread to at least ``spacing`` apart. Ring ``k`` has radius ``k`` or more when crowded.
    """
    U = undirected_view(G)
    dist = nx.single_source_shortest_path_length(U, focus)
    far = max(dist.values(), default=0) + 1
    shells: dict[int, list[Hashable]] = {}
    for node in U.nodes:
        shells.setdefault(dist.get(node, far), []).append(node)
    pos: Pos = {focus: np.zeros(2)}
    angle: dict[Hashable, float] = {}
    radius = 0.0
    for ring in sorted(k for k in shells if k > 0):
        nodes = shells[ring]
        radius = max(radius + 1.0, len(nodes) * spacing / (2 * math.pi))
        if ring == 1:
            placed = _first_ring(G, U, focus, nodes)
        else:
            placed = _outer_ring(G, U, nodes, angle, spacing / radius)
        for node, a in placed.items():
            angle[node] = a
            pos[node] = radius * np.array([math.cos(a), math.sin(a)])
    rings = {node: dist.get(node, far) for node in U.nodes}
    return pos, rings


def _first_ring(G: nx.Graph, U: nx.Graph, focus: Hashable, nodes: list[Hashable]) -> dict[Hashable, float]:
    """Angles of the focus's neighbours: linked groups together (breadth-first), a free slot between groups.

    Each neighbour's slice of the circle grows with the number of nodes further out that hang off it.
    """
    rest = U.subgraph(n for n in U.nodes if n != focus)
    on_ring = set(nodes)
    groups, singles = [], []
    for comp in _sorted_groups(nx.connected_components(rest)):
        members = [n for n in _bfs_order(rest.subgraph(comp), comp[0]) if n in on_ring]
        if len(members) > 1:
            groups.append(members)
        elif members:
            singles.append(members[0])
    singles.sort(key=lambda n: (str(G.nodes[n].get("type", "")), str(G.nodes[n].get("label", n)), str(n)))
    slots: list[Hashable | None] = []
    for block in [*groups, singles]:
        if block:
            slots.extend([*block, None] if len(groups) > 0 else block)
    if slots and slots[-1] is None:
        slots.pop()
    # A node with many neighbours further out gets a wider slice, so that they fit around it.
    claimed = on_ring | {focus}
    weights = []
    for node in slots:
        if node is None:
            weights.append(0.8)
            continue
        children = [v for v in U.neighbors(node) if v not in claimed]
        claimed.update(children)
        weights.append(1.0 + 0.8 * len(children))
    edges = np.concatenate([[0.0], np.cumsum(weights)])
    middle = (edges[:-1] + edges[1:]) / 2 / edges[-1]
    return {
        node: math.pi / 2 + 2 * math.pi * float(m)
        for node, m in zip(slots, middle, strict=True)
        if node is not None
    }


def _bfs_order(C: nx.Graph, start: Hashable) -> list[Hashable]:
    order, seen, queue = [], {start}, [start]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for nb in sorted(C.neighbors(node), key=str):
            if nb not in seen:
                seen.add(nb)
                queue.append(nb)
    return order


def _outer_ring(
    G: nx.Graph, U: nx.Graph, nodes: list[Hashable], angle: dict[Hashable, float], gap: float
) -> dict[Hashable, float]:
    """Each node at the mean angle of its placed neighbours, then spread to at least ``gap`` apart."""

    def wanted(node: Hashable) -> float:
        placed = [angle[v] for v in U.neighbors(node) if v in angle]
        if not placed:
            return math.inf
        return math.atan2(sum(math.sin(a) for a in placed), sum(math.cos(a) for a in placed)) % (2 * math.pi)

    keyed = sorted(nodes, key=lambda n: (wanted(n), str(G.nodes[n].get("label", n)), str(n)))
    targets = [wanted(n) for n in keyed]
    free = [i for i, t in enumerate(targets) if not math.isfinite(t)]
    for j, i in enumerate(free):
        targets[i] = 2 * math.pi * (j + 0.5) / len(free)
    order = sorted(range(len(keyed)), key=lambda i: (targets[i], i))
    spread = _spread_on_circle(np.array([targets[i] for i in order]), min(gap, 2 * math.pi / len(keyed)))
    return {keyed[i]: float(a) for i, a in zip(order, spread, strict=True)}


def _spread_on_circle(angles: np.ndarray, gap: float, iterations: int = 200) -> np.ndarray:
    """Sorted angles moved apart until neighbours on the circle are at least ``gap`` apart."""
    a = angles.astype(float).copy()
    n = len(a)
    if n < 2:
        return a
    for _ in range(iterations):
        nxt = np.roll(a, -1)
        nxt[-1] += 2 * math.pi
        short = gap - (nxt - a)
        if short.max() <= 1e-9:
            break
        push = np.clip(short, 0, None) / 2
        a -= push
        a += np.roll(push, 1)
    return a


def fit_to_box(
    pos: Pos,
    width: float,
    height: float,
    *,
    rotate: bool = True,
    centre: Hashable | None = None,
    max_stretch: float = 1.3,
) -> Pos:
    """Scale (and with ``rotate`` turn the main axis horizontal) to fill ``[0, width] x [0, height]``.

    Each axis may be stretched up to ``max_stretch`` times more than the other to use the space.
    With ``centre`` that node ends up exactly in the middle of the box.
    """
    if not pos:
        return {}
    keys = list(pos)
    xy = np.array([pos[k] for k in keys], dtype=float)
    xy -= pos[centre] if centre is not None else xy.mean(axis=0)
    if rotate and len(keys) > 2:
        xy = _principal_axes(xy)
    if centre is not None:
        span = 2 * np.abs(xy).max(axis=0)
    else:
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        xy -= (lo + hi) / 2
        span = hi - lo
    sx = width / span[0] if span[0] > 1e-9 else math.inf
    sy = height / span[1] if span[1] > 1e-9 else math.inf
    base = min(sx, sy)
    if not math.isfinite(base):
        base = 0.0
    sx, sy = min(sx, max_stretch * base), min(sy, max_stretch * base)
    xy = xy * np.array([sx, sy]) + np.array([width / 2, height / 2])
    return {k: xy[i] for i, k in enumerate(keys)}


def _principal_axes(xy: np.ndarray) -> np.ndarray:
    cov = np.cov(xy.T)
    _, vecs = np.linalg.eigh(cov)
    turned = xy @ vecs[:, ::-1]
    # Fix the sign of each axis so that the result does not depend on the eigen-solver.
    signs = np.where((turned**3).sum(axis=0) < 0, -1.0, 1.0)
    return turned * signs
