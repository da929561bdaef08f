"""Label text and label placement for kg's diagrams.

Placement works in display coordinates (pixels) so that what does not overlap on screen does not
overlap in the saved file: node labels start at the best of eight spots around their node
(:func:`initial_node_label_centers`), then a deterministic repulsion pass pushes overlapping boxes
apart and off node markers while a weak spring keeps each label near its anchor
(:func:`repel_labels`), and whatever still overlaps moves to the nearest free spot further out
(:func:`fix_leftovers`).
"""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata

import numpy as np

_CURRENCY_SYMBOLS = {"USD": "$"}
#: Cost of covering one sampled edge point, as a share of a label's own area.
LINE_POINT_COST = 0.06
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))

# Candidate directions around a node, in order of preference: right, left, below, above, diagonals.
_DIRECTIONS = np.array(
    [(1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)],
    dtype=float,
)


def format_amount(amount: float | None, currency: str | None = None) -> str:
    """A short human amount: ``format_amount(2.5e9, "USD") == "$2.5bn"``, ``(3e8, "EUR") -> "EUR 300m"``.

    US dollars get a ``$`` sign, other currencies their ISO code; an unknown currency gives the bare
    number. Returns ``""`` when the amount is unknown.
    """
    try:
        value = float(amount)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(value):
        return ""
    number = _short_number(abs(value))
    if value < 0:
        number = "-" + number
    code = (currency or "").upper()
    if not code:
        return number
    symbol = _CURRENCY_SYMBOLS.get(code)
    return f"{symbol}{number}" if symbol else f"{code} {number}"


def _short_number(value: float) -> str:
    for scale, suffix in _SCALES:
        if value >= scale * 0.9995:
            scaled = value / scale
            return _trim(scaled) + suffix
    return _trim(value)


def _trim(value: float) -> str:
    text = f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def clean_text(text: object) -> str:
    """Printable one-line text: control characters dropped, runs of whitespace made one space."""
    raw = "" if text is None else str(text)
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw)
    return " ".join(kept.split())


def predicate_words(predicate: str) -> str:
    """Fallback label of a predicate without one: ``"headquarteredIn" -> "headquartered in"``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", predicate).split()
    return " ".join(w if w.isupper() else w.lower() for w in words)


def edge_text(data: dict, lang: str = "en", *, amount_only: bool = False) -> str:
    """Label of one edge: the predicate's label in ``lang`` plus the amount when known.

    With ``amount_only`` (the deals view) the label is just the amount, or ``"undisclosed"``.
    """
    amount = format_amount(data.get("amount"), data.get("currency"))
    if amount_only:
        return amount or "undisclosed"
    label = clean_text(data.get(f"label_{lang}") or data.get("label_en"))
    label = label or predicate_words(str(data.get("predicate") or ""))
    return f"{label} {amount}" if amount else label


def wrap_label(text: str, width: int = 22) -> str:
    """Break a long entity label onto at most two lines (ellipsis after that)."""
    if len(text) <= width:
        return text
    lines = textwrap.wrap(text, width=width, break_long_words=False) or [text]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width=width, placeholder="…")]
    return "\n".join(lines)


def initial_node_label_centers(
    nodes: np.ndarray,
    radii: np.ndarray,
    halves: np.ndarray,
    order: np.ndarray,
    gap: float,
    lines: np.ndarray | None = None,
    bounds: tuple[float, float, float, float] | None = None,
) -> np.ndarray:
    """Greedy start: put each node's label at the free-est of eight spots around it.

    ``nodes`` (n, 2) are node centres, ``radii`` (n,) their radii and ``halves`` (n, 2) the label
    half-sizes, all in pixels; ``order`` lists the nodes most important first (they choose first).
    ``lines`` (k, 2) are points sampled along the edges: a spot that covers fewer of them is better;
    a spot that sticks out of ``bounds`` ``(x0, y0, x1, y1)`` is worse than any overlap.
    """
    pts = np.zeros((0, 2)) if lines is None else np.asarray(lines, dtype=float).reshape(-1, 2)
    n = len(nodes)
    centers = nodes.copy()
    placed = np.zeros(n, dtype=bool)
    node_boxes = np.column_stack([nodes, radii, radii])
    preference = np.arange(len(_DIRECTIONS)) * 0.02
    for i in order:
        hw, hh = halves[i]
        offsets = _DIRECTIONS * np.array([radii[i] + gap + hw, radii[i] + gap + hh])
        # Diagonal spots sit a little closer than the pure sum of both offsets.
        offsets[4:] *= 0.8
        cands = nodes[i] + offsets
        boxes = np.column_stack([cands, np.full(len(cands), hw), np.full(len(cands), hh)])
        cost = _overlap_area(boxes, node_boxes).sum(axis=1)
        if len(pts):
            inside = (np.abs(pts[None, :, 0] - cands[:, None, 0]) < hw) & (
                np.abs(pts[None, :, 1] - cands[:, None, 1]) < hh
            )
            cost = cost + inside.sum(axis=1) * LINE_POINT_COST * 4 * hw * hh
        if bounds is not None:
            x0, y0, x1, y1 = bounds
            out_x = np.clip(x0 - (cands[:, 0] - hw), 0, None) + np.clip(cands[:, 0] + hw - x1, 0, None)
            out_y = np.clip(y0 - (cands[:, 1] - hh), 0, None) + np.clip(cands[:, 1] + hh - y1, 0, None)
            cost = cost + 10 * (out_x * 2 * hh + out_y * 2 * hw)
        if placed.any():
            others = np.column_stack([centers[placed], halves[placed]])
            cost = cost + 2.0 * _overlap_area(boxes, others).sum(axis=1)
        best = int(np.argmin(cost / (4 * hw * hh) + preference))
        centers[i] = cands[best]
        placed[i] = True
    return centers


def sample_arc(
    a: np.ndarray, b: np.ndarray, rad: float, skip_a: float, skip_b: float, step: float
) -> np.ndarray:
    """Points every ``step`` pixels along an arc3 edge from ``a`` to ``b`` (as matplotlib draws it).

    ``skip_a``/``skip_b`` leave out the ends hidden under the node markers.
    """
    delta = b - a
    length = float(np.hypot(*delta))
    if length < 1e-9:
        return np.zeros((0, 2))
    control = (a + b) / 2 + rad * np.array([delta[1], -delta[0]])
    count = max(3, int(length / step))
    t = np.linspace(0.0, 1.0, count + 1)[:, None]
    pts = (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b
    keep = (np.hypot(*(pts - a).T) > skip_a) & (np.hypot(*(pts - b).T) > skip_b)
    return pts[keep]


def _overlap_area(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ox = np.minimum(a[:, None, 0] + a[:, None, 2], b[None, :, 0] + b[None, :, 2]) - np.maximum(
        a[:, None, 0] - a[:, None, 2], b[None, :, 0] - b[None, :, 2]
    )
    oy = np.minimum(a[:, None, 1] + a[:, None, 3], b[None, :, 1] + b[None, :, 3]) - np.maximum(
        a[:, None, 1] - a[:, None, 3], b[None, :, 1] - b[None, :, 3]
    )
    return np.clip(ox, 0, None) * np.clip(oy, 0, None)


def repel_labels(
    centers: np.ndarray,
    halves: np.ndarray,
    anchors: np.ndarray,
    obstacles: np.ndarray,
    obstacle_radii: np.ndarray,
    bounds: tuple[float, float, float, float],
    *,
    spring: np.ndarray | float = 0.03,
    pad: float = 2.0,
    iterations: int = 250,
) -> np.ndarray:
    """Push overlapping label boxes apart and off the obstacles (node markers); deterministic.

    ``centers``/``anchors`` (n, 2) are the current and preferred label centres, ``halves`` (n, 2)
    the half-sizes, ``obstacles`` (m, 2) and ``obstacle_radii`` (m,) the node markers, ``bounds``
    ``(x0, y0, x1, y1)`` the area labels must stay in, all in pixels. Each step moves every
    overlapping pair apart along the axis of least overlap; a spring of strength ``spring`` pulls
    each label back towards its anchor. Returns the new centres.
    """
    c = np.array(centers, dtype=float)
    n = len(c)
    if n == 0:
        return c
    h = np.asarray(halves, dtype=float)
    k = np.broadcast_to(np.asarray(spring, dtype=float), (n,))[:, None]
    idx = np.arange(n)
    tie = np.where(idx[:, None] > idx[None, :], 1.0, -1.0)
    obs = np.asarray(obstacles, dtype=float).reshape(-1, 2)
    orad = np.asarray(obstacle_radii, dtype=float).reshape(-1)
    for step in range(iterations):
        push, busy = _label_push(c, h, pad, tie)
        if len(obs):
            push_n, busy_n = _obstacle_push(c, h, obs, orad, pad)
            push += push_n
            busy |= busy_n
        if not busy.any() and step > 0:
            break
        # The spring fades out so that the last steps only resolve overlaps.
        fade = max(0.0, 1.0 - step / (0.7 * iterations))
        if fade == 0.0 and np.abs(push).max() < 0.05:
            break  # stuck: what is left goes to fix_leftovers
        c += push + k * fade * (anchors - c)
        c = _clamp(c, h, bounds)
    return c


def fix_leftovers(
    centers: np.ndarray,
    halves: np.ndarray,
    owners: np.ndarray,
    owner_radii: np.ndarray,
    obstacles: np.ndarray,
    obstacle_radii: np.ndarray,
    bounds: tuple[float, float, float, float],
    *,
    pad: float = 2.0,
    reaches: tuple[float, ...] = (1.0, 1.6, 2.4, 3.4, 4.6),
) -> np.ndarray:
    """Move each label that still overlaps something to the nearest free spot around its owner.

    ``owners`` (n, 2) are the points the labels belong to (a node centre, an edge midpoint) with
    ``owner_radii`` (n,) to keep clear of. Spots lie in eight directions at growing distances; the
    first one that overlaps nothing wins, else the one with least overlap. Deterministic.
    """
    c = np.array(centers, dtype=float)
    h = np.asarray(halves, dtype=float)
    obs = np.column_stack([np.asarray(obstacles, dtype=float).reshape(-1, 2), obstacle_radii, obstacle_radii])
    for i in range(len(c)):
        if _overlap_cost(c[i : i + 1], h[i], i, c, h, obs, pad)[0] <= 0:
            continue
        spots = np.vstack(
            [
                owners[i] + _DIRECTIONS * (np.array([owner_radii[i], owner_radii[i]]) + pad + h[i]) * r
                for r in reaches
            ]
        )
        spots = _clamp(spots, np.broadcast_to(h[i], spots.shape), bounds)
        cost = _overlap_cost(spots, h[i], i, c, h, obs, pad)
        free = np.flatnonzero(cost <= 0)
        c[i] = spots[free[0]] if len(free) else spots[int(np.argmin(cost))]
    return c


def _overlap_cost(
    spots: np.ndarray, half: np.ndarray, i: int, c: np.ndarray, h: np.ndarray, obs: np.ndarray, pad: float
) -> np.ndarray:
    """Overlap area of a label of half-size ``half`` at each spot with the other labels and the nodes."""
    boxes = np.column_stack(
        [spots, np.full(len(spots), half[0] + pad / 2), np.full(len(spots), half[1] + pad / 2)]
    )
    others = np.column_stack([c, h])
    area = _overlap_area(boxes, others)
    area[:, i] = 0.0
    return area.sum(axis=1) + _overlap_area(boxes, obs).sum(axis=1)


def _label_push(c: np.ndarray, h: np.ndarray, pad: float, tie: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    d = c[:, None, :] - c[None, :, :]
    ov = h[:, None, :] + h[None, :, :] + pad - np.abs(d)
    hit = (ov[..., 0] > 0) & (ov[..., 1] > 0)
    np.fill_diagonal(hit, False)
    along_x = ov[..., 0] * 0.6 < ov[..., 1]
    sign = np.where(d != 0, np.sign(d), tie[..., None])
    px = np.where(hit & along_x, sign[..., 0] * ov[..., 0] * 0.5, 0.0).sum(axis=1)
    py = np.where(hit & ~along_x, sign[..., 1] * ov[..., 1] * 0.5, 0.0).sum(axis=1)
    return np.column_stack([px, py]), hit.any(axis=1)


def _obstacle_push(
    c: np.ndarray, h: np.ndarray, obs: np.ndarray, orad: np.ndarray, pad: float
) -> tuple[np.ndarray, np.ndarray]:
    d = c[:, None, :] - obs[None, :, :]
    ov = h[:, None, :] + orad[None, :, None] + pad - np.abs(d)
    hit = (ov[..., 0] > 0) & (ov[..., 1] > 0)
    along_x = ov[..., 0] < ov[..., 1]
    sign = np.where(d != 0, np.sign(d), 1.0)
    px = np.where(hit & along_x, sign[..., 0] * ov[..., 0], 0.0).sum(axis=1)
    py = np.where(hit & ~along_x, sign[..., 1] * ov[..., 1], 0.0).sum(axis=1)
    return np.column_stack([px, py]), hit.any(axis=1)


def _clamp(c: np.ndarray, h: np.ndarray, bounds: tuple[float, float, float, float]) -> np.ndarray:
    x0, y0, x1, y1 = bounds
    lo = np.column_stack([x0 + h[:, 0], y0 + h[:, 1]])
    hi = np.column_stack([x1 - h[:, 0], y1 - h[:, 1]])
    return np.minimum(np.maximum(c, lo), np.maximum(hi, lo))
