/* kg interactive view.
 *
 * Reads the graph embedded in the "kg-data" JSON block, lays it out with a seeded force simulation
 * (Barnes-Hut repulsion, springs, gentle gravity), draws it on a canvas and wires the search box,
 * the filters and the details panel. Everything is local: no request ever leaves the page.
 * A small read-only API, window.kgView, lets tests and scripts ask what the page shows.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ data
  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const META = DATA.meta || {};
  const NODES = DATA.nodes || [];
  const EDGES = DATA.edges || [];
  const TYPES = DATA.types || [];
  const PREDS = DATA.predicates || [];
  const N = NODES.length;
  const E = EDGES.length;

  const UNKNOWN_COLOR = "#999999";
  const CANVAS_BG = "#fbfbfc";
  const TEXT = "#1f2328";
  const LABEL_FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', 'DejaVu Sans', sans-serif";
  const LABEL_FONT_BOLD = "600 13px system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', 'DejaVu Sans', sans-serif";
  const REDUCED_MOTION = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  const typeColor = new Map(TYPES.map((t) => [t.name, t.color]));
  const predInfo = new Map(PREDS.map((p, i) => [p.name, Object.assign({ order: i }, p)]));
  const idIndex = new Map(NODES.map((n, i) => [n.id, i]));

  const src = new Int32Array(E);
  const tgt = new Int32Array(E);
  const edgeColor = new Array(E);
  const edgeWidth = new Float64Array(E);
  const bend = new Float64Array(E);
  const adjacency = Array.from({ length: N }, () => []);
  EDGES.forEach((e, i) => {
    src[i] = e.source;
    tgt[i] = e.target;
    const info = predInfo.get(e.predicate);
    edgeColor[i] = info ? info.color : UNKNOWN_COLOR;
    edgeWidth[i] = Math.min(1 + 0.8 * Math.log2(Math.max(1, e.weight || 1)), 5);
    adjacency[e.source].push(i);
    if (e.target !== e.source) adjacency[e.target].push(i);
  });
  assignBends();

  let maxImportance = 1;
  for (const n of NODES) maxImportance = Math.max(maxImportance, n.importance || 0);
  const radius = Float64Array.from(NODES, (n) => 4.5 + 13.5 * Math.sqrt((n.importance || 0) / maxImportance));
  const nodeColor = NODES.map((n) => typeColor.get(n.type) || UNKNOWN_COLOR);
  // Big nodes first, so small ones stay visible on top; hit tests walk the list backwards.
  const drawOrder = Int32Array.from(NODES.keys()).sort((a, b) => radius[b] - radius[a] || a - b);
  const byImportance = Int32Array.from(NODES.keys()).sort(
    (a, b) => (NODES[b].importance || 0) - (NODES[a].importance || 0) || NODES[a].label.localeCompare(NODES[b].label),
  );
  const rank = new Int32Array(N);
  byImportance.forEach((node, j) => {
    rank[node] = j;
  });
  // Edges sorted by colour and width so the canvas strokes them in few batches.
  const edgeOrder = Int32Array.from(EDGES.keys()).sort(
    (a, b) =>
      predOrder(EDGES[a].predicate) - predOrder(EDGES[b].predicate) || edgeWidth[a] - edgeWidth[b] || a - b,
  );

  function predOrder(name) {
    const info = predInfo.get(name);
    return info ? info.order : PREDS.length;
  }

  /** Edges between the same two nodes get distinct curvatures (-1, 0, +1, ...). */
  function assignBends() {
    const groups = new Map();
    for (let i = 0; i < E; i++) {
      const a = Math.min(src[i], tgt[i]);
      const b = Math.max(src[i], tgt[i]);
      const key = a * N + b;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(i);
    }
    for (const members of groups.values()) {
      const m = members.length;
      members.forEach((edge, j) => {
        bend[edge] = j - (m - 1) / 2;
      });
    }
  }

  // ------------------------------------------------------------------ filters
  const typeOn = new Map(TYPES.map((t) => [t.name, true]));
  const predOn = new Map(PREDS.map((p) => [p.name, true]));
  const nodeVisible = new Uint8Array(N);
  const edgeVisible = new Uint8Array(E);
  let visibleNodes = 0;
  let visibleEdges = 0;

  function applyFilters() {
    visibleNodes = 0;
    for (let i = 0; i < N; i++) {
      nodeVisible[i] = typeOn.get(NODES[i].type) === false ? 0 : 1;
      visibleNodes += nodeVisible[i];
    }
    visibleEdges = 0;
    for (let i = 0; i < E; i++) {
      const on = predOn.get(EDGES[i].predicate) !== false && nodeVisible[src[i]] && nodeVisible[tgt[i]];
      edgeVisible[i] = on ? 1 : 0;
      visibleEdges += edgeVisible[i];
    }
  }

  // ------------------------------------------------------------------ layout
  /** A small deterministic generator (xorshift32) so every load gives the same layout. */
  function makeRandom(seed) {
    let s = seed >>> 0 || 0x2545f491;
    return function () {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      return s / 4294967296;
    };
  }

  function createLayout(seed) {
    const random = makeRandom(seed);
    const x = new Float64Array(N);
    const y = new Float64Array(N);
    const vx = new Float64Array(N);
    const vy = new Float64Array(N);
    const fixed = new Uint8Array(N);
    const charge = Float64Array.from(radius, (r) => -(90 + 6 * r));

    // Sunflower spiral start, ordered by a breadth-first walk so neighbours begin close together.
    const golden = Math.PI * (3 - Math.sqrt(5));
    walkOrder().forEach((node, j) => {
      const r = 12 * Math.sqrt(j + 0.5);
      x[node] = r * Math.cos(j * golden) + (random() - 0.5);
      y[node] = r * Math.sin(j * golden) + (random() - 0.5);
    });

    // One spring per linked pair, whatever the number of relations between them.
    const pairSeen = new Set();
    const ls = [];
    const lt = [];
    const links = new Int32Array(N);
    for (let i = 0; i < E; i++) {
      const a = Math.min(src[i], tgt[i]);
      const b = Math.max(src[i], tgt[i]);
      if (a === b || pairSeen.has(a * N + b)) continue;
      pairSeen.add(a * N + b);
      ls.push(a);
      lt.push(b);
      links[a]++;
      links[b]++;
    }
    const L = ls.length;
    const linkDist = new Float64Array(L);
    const linkStrength = new Float64Array(L);
    const linkBias = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      const a = ls[l];
      const b = lt[l];
      linkDist[l] = 40 + radius[a] + radius[b];
      linkStrength[l] = 1 / Math.min(links[a], links[b]);
      linkBias[l] = links[a] / (links[a] + links[b]);
    }

    const tree = createQuadtree(x, y, charge, random);
    const ALPHA_MIN = 0.001;
    // 450 steps settle small graphs nicely; big ones get d3's classic 300 to stay quick.
    const STEPS = N > 1000 ? 300 : 450;
    const ALPHA_DECAY = 1 - Math.pow(ALPHA_MIN, 1 / STEPS);
    const VELOCITY_KEEP = 0.6;
    const GRAVITY = 0.045;
    let alpha = 1;
    let ticks = 0;

    function tick() {
      alpha += (0 - alpha) * ALPHA_DECAY;
      ticks++;
      for (let l = 0; l < L; l++) {
        const a = ls[l];
        const b = lt[l];
        let dx = x[b] + vx[b] - x[a] - vx[a];
        let dy = y[b] + vy[b] - y[a] - vy[a];
        if (dx === 0 && dy === 0) {
          dx = (random() - 0.5) * 1e-6;
          dy = (random() - 0.5) * 1e-6;
        }
        const dist = Math.sqrt(dx * dx + dy * dy);
        const f = ((dist - linkDist[l]) / dist) * alpha * linkStrength[l];
        dx *= f;
        dy *= f;
        vx[b] -= dx * linkBias[l];
        vy[b] -= dy * linkBias[l];
        vx[a] += dx * (1 - linkBias[l]);
        vy[a] += dy * (1 - linkBias[l]);
      }
      tree.build();
      for (let i = 0; i < N; i++) tree.repel(i, alpha, vx, vy);
      collide();
      for (let i = 0; i < N; i++) {
        if (fixed[i]) {
          vx[i] = 0;
          vy[i] = 0;
          continue;
        }
        vx[i] -= x[i] * GRAVITY * alpha;
        vy[i] -= y[i] * GRAVITY * alpha;
        vx[i] *= VELOCITY_KEEP;
        vy[i] *= VELOCITY_KEEP;
        x[i] += vx[i];
        y[i] += vy[i];
      }
    }

    /** Push overlapping circles apart (radius plus padding), using a hash grid of cells. */
    const COLLIDE_PAD = 7;
    const COLLIDE_STRENGTH = 0.7;
    let maxR = 0;
    for (let i = 0; i < N; i++) maxR = Math.max(maxR, radius[i]);
    const cellSize = 2 * (maxR + COLLIDE_PAD);
    const buckets = new Map();
    const px = new Float64Array(N);
    const py = new Float64Array(N);

    function collide() {
      buckets.clear();
      for (let i = 0; i < N; i++) {
        px[i] = x[i] + vx[i];
        py[i] = y[i] + vy[i];
        const key = Math.floor(px[i] / cellSize) * 1048576 + Math.floor(py[i] / cellSize);
        const bucket = buckets.get(key);
        if (bucket) bucket.push(i);
        else buckets.set(key, [i]);
      }
      for (let i = 0; i < N; i++) {
        const gx = Math.floor(px[i] / cellSize);
        const gy = Math.floor(py[i] / cellSize);
        const ri = radius[i] + COLLIDE_PAD;
        for (let ox = -1; ox <= 1; ox++) {
          for (let oy = -1; oy <= 1; oy++) {
            const bucket = buckets.get((gx + ox) * 1048576 + gy + oy);
            if (!bucket) continue;
            for (const j of bucket) {
              if (j <= i) continue;
              const rj = radius[j] + COLLIDE_PAD;
              let dx = px[i] - px[j];
              let dy = py[i] - py[j];
              let d2 = dx * dx + dy * dy;
              const min = ri + rj;
              if (d2 >= min * min) continue;
              if (d2 === 0) {
                dx = (random() - 0.5) * 1e-3;
                dy = (random() - 0.5) * 1e-3;
                d2 = dx * dx + dy * dy;
              }
              const d = Math.sqrt(d2);
              const push = ((min - d) / d) * COLLIDE_STRENGTH;
              const share = (rj * rj) / (ri * ri + rj * rj);
              dx *= push;
              dy *= push;
              vx[i] += dx * share;
              vy[i] += dy * share;
              vx[j] -= dx * (1 - share);
              vy[j] -= dy * (1 - share);
            }
          }
        }
      }
    }

    return {
      x,
      y,
      fixed,
      tick,
      running: () => alpha >= ALPHA_MIN,
      progress: () => Math.min(1, Math.log(alpha) / Math.log(ALPHA_MIN)),
      ticks: () => ticks,
    };
  }

  /** Breadth-first order from the most important node of each component. */
  function walkOrder() {
    const seen = new Uint8Array(N);
    const order = [];
    for (const start of byImportance) {
      if (seen[start]) continue;
      seen[start] = 1;
      const queue = [start];
      for (let q = 0; q < queue.length; q++) {
        const node = queue[q];
        order.push(node);
        for (const e of adjacency[node]) {
          const other = src[e] === node ? tgt[e] : src[e];
          if (!seen[other]) {
            seen[other] = 1;
            queue.push(other);
          }
        }
      }
    }
    return order;
  }

  /**
   * Barnes-Hut quadtree over the node positions. Cells live in growable typed arrays; a leaf
   * keeps a linked list of bodies (several only when points coincide or depth runs out).
   */
  function createQuadtree(x, y, strength, random) {
    const THETA2 = 0.81;
    const MIN_DIST2 = 1;
    const MAX_DEPTH = 40;
    let cap = Math.max(64, 4 * N);
    let child = new Int32Array(cap * 4);
    let body = new Int32Array(cap);
    let inner = new Uint8Array(cap);
    let cx0 = new Float64Array(cap);
    let cy0 = new Float64Array(cap);
    let size = new Float64Array(cap);
    let mass = new Float64Array(cap);
    let weight = new Float64Array(cap);
    let mx = new Float64Array(cap);
    let my = new Float64Array(cap);
    const next = new Int32Array(N);
    let stack = new Int32Array(cap);
    let cells = 0;

    function grow() {
      cap *= 2;
      const more = (Type, old, k) => {
        const a = new Type(cap * k);
        a.set(old);
        return a;
      };
      child = more(Int32Array, child, 4);
      body = more(Int32Array, body, 1);
      inner = more(Uint8Array, inner, 1);
      cx0 = more(Float64Array, cx0, 1);
      cy0 = more(Float64Array, cy0, 1);
      size = more(Float64Array, size, 1);
      mass = more(Float64Array, mass, 1);
      weight = more(Float64Array, weight, 1);
      mx = more(Float64Array, mx, 1);
      my = more(Float64Array, my, 1);
      stack = new Int32Array(cap);
    }

    function newCell(x0, y0, s) {
      if (cells === cap) grow();
      const c = cells++;
      child.fill(-1, c * 4, c * 4 + 4);
      body[c] = -1;
      inner[c] = 0;
      cx0[c] = x0;
      cy0[c] = y0;
      size[c] = s;
      return c;
    }

    function quadrant(c, px, py) {
      const half = size[c] / 2;
      return (px >= cx0[c] + half ? 1 : 0) + (py >= cy0[c] + half ? 2 : 0);
    }

    function childCell(c, q) {
      const half = size[c] / 2;
      const k = newCell(cx0[c] + (q & 1 ? half : 0), cy0[c] + (q & 2 ? half : 0), half);
      child[c * 4 + q] = k;
      return k;
    }

    function insert(i) {
      next[i] = -1;
      let c = 0;
      for (let depth = 0; ; depth++) {
        if (!inner[c]) {
          const b = body[c];
          if (b < 0) {
            body[c] = i;
            return;
          }
          if (depth >= MAX_DEPTH || (x[b] === x[i] && y[b] === y[i])) {
            next[i] = next[b];
            next[b] = i;
            return;
          }
          inner[c] = 1;
          body[c] = -1;
          body[childCell(c, quadrant(c, x[b], y[b]))] = b;
        }
        const q = quadrant(c, x[i], y[i]);
        const k = child[c * 4 + q];
        if (k < 0) {
          body[childCell(c, q)] = i;
          return;
        }
        c = k;
      }
    }

    function build() {
      cells = 0;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let i = 0; i < N; i++) {
        if (x[i] < minX) minX = x[i];
        if (y[i] < minY) minY = y[i];
        if (x[i] > maxX) maxX = x[i];
        if (y[i] > maxY) maxY = y[i];
      }
      const s = Math.max(maxX - minX, maxY - minY, 1) * 1.0001;
      newCell(minX, minY, s);
      for (let i = 0; i < N; i++) insert(i);
      // Children are created after their parents: a backward sweep aggregates bottom-up.
      for (let c = cells - 1; c >= 0; c--) {
        let m = 0;
        let w = 0;
        let sx = 0;
        let sy = 0;
        if (inner[c]) {
          for (let q = 0; q < 4; q++) {
            const k = child[c * 4 + q];
            if (k < 0) continue;
            m += mass[k];
            w += weight[k];
            sx += mx[k] * weight[k];
            sy += my[k] * weight[k];
          }
        } else {
          for (let b = body[c]; b >= 0; b = next[b]) {
            const wb = Math.abs(strength[b]);
            m += strength[b];
            w += wb;
            sx += x[b] * wb;
            sy += y[b] * wb;
          }
        }
        mass[c] = m;
        weight[c] = w;
        mx[c] = w ? sx / w : 0;
        my[c] = w ? sy / w : 0;
      }
    }

    function push(i, dx, dy, m, alpha, vx, vy) {
      let d2 = dx * dx + dy * dy;
      if (d2 === 0) {
        dx = (random() - 0.5) * 1e-3;
        dy = (random() - 0.5) * 1e-3;
        d2 = dx * dx + dy * dy;
      }
      if (d2 < MIN_DIST2) d2 = Math.sqrt(MIN_DIST2 * d2);
      const f = (m * alpha) / d2;
      vx[i] += dx * f;
      vy[i] += dy * f;
    }

    function repel(i, alpha, vx, vy) {
      let top = 0;
      stack[top++] = 0;
      while (top > 0) {
        const c = stack[--top];
        if (!inner[c]) {
          for (let b = body[c]; b >= 0; b = next[b]) {
            if (b !== i) push(i, x[b] - x[i], y[b] - y[i], strength[b], alpha, vx, vy);
          }
          continue;
        }
        const dx = mx[c] - x[i];
        const dy = my[c] - y[i];
        const d2 = dx * dx + dy * dy;
        if ((size[c] * size[c]) / THETA2 < d2) {
          push(i, dx, dy, mass[c], alpha, vx, vy);
          continue;
        }
        for (let q = 0; q < 4; q++) {
          const k = child[c * 4 + q];
          if (k >= 0) stack[top++] = k;
        }
      }
    }

    return { build, repel };
  }

  // ------------------------------------------------------------------ DOM
  const $ = (id) => document.getElementById(id);
  const stage = $("kg-stage");
  const canvas = $("kg-canvas");
  const ctx = canvas.getContext("2d");
  const searchBox = $("kg-search");
  const suggestions = $("kg-suggestions");
  const panel = $("kg-panel");
  const tooltip = $("kg-tooltip");
  const statusLine = $("kg-status");
  const announcer = $("kg-announce");

  /** Create an element; strings become text nodes (never HTML). */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value == null || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key === "style") Object.assign(el.style, value);
      else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const c of children.flat()) {
      if (c == null || c === false) continue;
      el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  // ------------------------------------------------------------------ view state
  const layout = createLayout(META.seed || 7);
  const view = { k: 1, tx: 0, ty: 0 };
  let cssW = 1;
  let cssH = 1;
  let dpr = 1;
  let userMoved = false;
  let selection = null; // {kind: "node", index} | {kind: "edge", index}
  let hover = null;
  let focusNodes = null;
  let focusEdges = null;
  let drawPending = false;
  let animation = null;
  const sx = new Float64Array(N);
  const sy = new Float64Array(N);
  const sr = new Float64Array(N);
  const labelWidth = new Float64Array(N).fill(-1);

  function radiusScale(k) {
    return k <= 1 ? k : Math.sqrt(k);
  }

  function project() {
    const { k, tx, ty } = view;
    const rs = radiusScale(k);
    const x = layout.x;
    const y = layout.y;
    for (let i = 0; i < N; i++) {
      sx[i] = x[i] * k + tx;
      sy[i] = y[i] * k + ty;
      sr[i] = Math.max(1.5, radius[i] * rs);
    }
  }

  function requestDraw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(draw);
  }

  function resize() {
    const rect = stage.getBoundingClientRect();
    cssW = Math.max(1, rect.width);
    cssH = Math.max(1, rect.height);
    dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
    if (!userMoved) fitView();
    requestDraw();
  }

  function bounds(useVisible) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < N; i++) {
      if (useVisible && !nodeVisible[i]) continue;
      const r = radius[i];
      minX = Math.min(minX, layout.x[i] - r);
      minY = Math.min(minY, layout.y[i] - r);
      maxX = Math.max(maxX, layout.x[i] + r);
      maxY = Math.max(maxY, layout.y[i] + r);
    }
    return minX === Infinity ? null : { minX, minY, maxX, maxY };
  }

  function fitView() {
    animation = null;
    const b = bounds(true) || bounds(false);
    if (!b) {
      Object.assign(view, { k: 1, tx: cssW / 2, ty: cssH / 2 });
      return;
    }
    const padX = Math.min(90, cssW / 6);
    const padY = Math.min(36, cssH / 6);
    const bw = Math.max(b.maxX - b.minX, 1);
    const bh = Math.max(b.maxY - b.minY, 1);
    const k = clamp(Math.min((cssW - 2 * padX) / bw, (cssH - 2 * padY) / bh), 0.02, 2.2);
    view.k = k;
    view.tx = cssW / 2 - ((b.minX + b.maxX) / 2) * k;
    view.ty = cssH / 2 - ((b.minY + b.maxY) / 2) * k;
  }

  function clamp(v, lo, hi) {
    return Math.min(hi, Math.max(lo, v));
  }

  function zoomAt(px, py, factor) {
    animation = null;
    const k = clamp(view.k * factor, 0.02, 12);
    const f = k / view.k;
    view.tx = px - (px - view.tx) * f;
    view.ty = py - (py - view.ty) * f;
    view.k = k;
    userMoved = true;
    requestDraw();
  }

  function animateTo(target) {
    userMoved = true;
    if (REDUCED_MOTION) {
      Object.assign(view, target);
      requestDraw();
      return;
    }
    const from = { k: view.k, tx: view.tx, ty: view.ty };
    const start = performance.now();
    const duration = 380;
    animation = function (now) {
      const t = Math.min(1, (now - start) / duration);
      const e = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
      view.k = from.k + (target.k - from.k) * e;
      view.tx = from.tx + (target.tx - from.tx) * e;
      view.ty = from.ty + (target.ty - from.ty) * e;
      if (t >= 1) animation = null;
    };
    requestDraw();
  }

  function centerOn(i) {
    const k = Math.max(view.k, 1.4);
    animateTo({ k, tx: cssW / 2 - layout.x[i] * k, ty: cssH / 2 - layout.y[i] * k });
  }

  // ------------------------------------------------------------------ drawing
  function draw(now) {
    drawPending = false;
    if (animation) {
      animation(now || performance.now());
      if (animation) requestDraw();
    }
    project();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = CANVAS_BG;
    ctx.fillRect(0, 0, cssW, cssH);
    drawEdges();
    drawNodes();
    drawLabels();
  }

  const geo = new Float64Array(6);

  /** Screen geometry of edge e: start, control point and end of a quadratic curve. */
  function edgeGeometry(e) {
    const s = src[e];
    const t = tgt[e];
    const x0 = sx[s];
    const y0 = sy[s];
    const x1 = sx[t];
    const y1 = sy[t];
    let cx = (x0 + x1) / 2;
    let cy = (y0 + y1) / 2;
    if (bend[e] !== 0) {
      const a = Math.min(s, t);
      const b = Math.max(s, t);
      const dx = sx[b] - sx[a];
      const dy = sy[b] - sy[a];
      const len = Math.hypot(dx, dy) || 1;
      const off = bend[e] * Math.min(36, len * 0.35);
      cx += (-dy / len) * off;
      cy += (dx / len) * off;
    }
    geo[0] = x0;
    geo[1] = y0;
    geo[2] = cx;
    geo[3] = cy;
    geo[4] = x1;
    geo[5] = y1;
    return geo;
  }

  function edgeOnScreen(g) {
    const m = 40;
    const minX = Math.min(g[0], g[2], g[4]);
    const maxX = Math.max(g[0], g[2], g[4]);
    const minY = Math.min(g[1], g[3], g[5]);
    const maxY = Math.max(g[1], g[3], g[5]);
    return maxX >= -m && minX <= cssW + m && maxY >= -m && minY <= cssH + m;
  }

  function traceEdge(e) {
    const s = src[e];
    if (s === tgt[e]) {
      const r = sr[s];
      ctx.moveTo(sx[s] + r * 0.6 + 7, sy[s] - r * 0.8);
      ctx.arc(sx[s] + r * 0.6, sy[s] - r * 0.8, 7, 0, Math.PI * 2);
      return;
    }
    const g = edgeGeometry(e);
    ctx.moveTo(g[0], g[1]);
    if (bend[e] === 0) ctx.lineTo(g[4], g[5]);
    else ctx.quadraticCurveTo(g[2], g[3], g[4], g[5]);
  }

  function isFocusEdge(e) {
    return focusEdges !== null && focusEdges[e] === 1;
  }

  function drawEdges() {
    ctx.lineCap = "round";
    const dimmed = focusEdges !== null;
    const hovered = hover && hover.kind === "edge" ? hover.index : -1;
    strokePass((e) => !isFocusEdge(e) && e !== hovered, dimmed ? 0.1 : E > 1000 ? 0.4 : 0.55, 0);
    if (dimmed) strokePass((e) => isFocusEdge(e) && e !== hovered, 0.95, 0.8);
    if (hovered >= 0 && edgeVisible[hovered]) strokePass((e) => e === hovered, 1, 1.6);
    arrowPass(dimmed);
  }

  function strokePass(accept, alpha, extraWidth) {
    const widthScale = clamp(view.k, 0.4, 1);
    ctx.globalAlpha = alpha;
    let color = null;
    let width = -1;
    let open = false;
    for (const e of edgeOrder) {
      if (!edgeVisible[e] || !accept(e)) continue;
      const g = edgeGeometry(e);
      if (!edgeOnScreen(g)) continue;
      const w = edgeWidth[e] * widthScale + extraWidth;
      if (edgeColor[e] !== color || w !== width) {
        if (open) ctx.stroke();
        color = edgeColor[e];
        width = w;
        ctx.strokeStyle = color;
        ctx.lineWidth = w;
        ctx.beginPath();
        open = true;
      }
      traceEdge(e);
    }
    if (open) ctx.stroke();
    ctx.globalAlpha = 1;
  }

  function arrowPass(dimmed) {
    const arrowScale = clamp(radiusScale(view.k) * 1.2, 0.3, 1);
    let color = null;
    let alpha = -1;
    for (const e of edgeOrder) {
      if (!edgeVisible[e] || !EDGES[e].directed || src[e] === tgt[e]) continue;
      const g = edgeGeometry(e);
      if (!edgeOnScreen(g)) continue;
      const t = tgt[e];
      let dx = g[4] - g[2];
      let dy = g[5] - g[3];
      const len = Math.hypot(dx, dy);
      const span = Math.hypot(g[4] - g[0], g[5] - g[1]);
      if (len === 0 || span < sr[t] + sr[src[e]] + 10) continue;
      dx /= len;
      dy /= len;
      const a = dimmed && !isFocusEdge(e) ? 0.12 : dimmed ? 0.95 : 0.7;
      if (edgeColor[e] !== color || a !== alpha) {
        color = edgeColor[e];
        alpha = a;
        ctx.fillStyle = color;
        ctx.globalAlpha = alpha;
      }
      const size = (5 + edgeWidth[e] * 1.6) * arrowScale;
      if (size < 2.5) continue;
      const tipX = g[4] - dx * (sr[t] + 1.5);
      const tipY = g[5] - dy * (sr[t] + 1.5);
      ctx.beginPath();
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(tipX - dx * size - dy * size * 0.5, tipY - dy * size + dx * size * 0.5);
      ctx.lineTo(tipX - dx * size + dy * size * 0.5, tipY - dy * size - dx * size * 0.5);
      ctx.closePath();
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }

  function drawNodes() {
    const dimmed = focusNodes !== null;
    for (const i of drawOrder) {
      if (!nodeVisible[i]) continue;
      const r = sr[i];
      if (sx[i] + r < 0 || sx[i] - r > cssW || sy[i] + r < 0 || sy[i] - r > cssH) continue;
      ctx.globalAlpha = dimmed && !focusNodes[i] ? 0.18 : 1;
      ctx.beginPath();
      ctx.arc(sx[i], sy[i], r, 0, Math.PI * 2);
      ctx.fillStyle = nodeColor[i];
      ctx.fill();
      if (r >= 3) {
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    if (hover && hover.kind === "node" && nodeVisible[hover.index]) ring(hover.index, "#59636e", 2, 3);
    if (selection && selection.kind === "node" && nodeVisible[selection.index]) ring(selection.index, TEXT, 3, 3.5);
    if (selection && selection.kind === "edge") {
      ring(src[selection.index], TEXT, 2, 3);
      ring(tgt[selection.index], TEXT, 2, 3);
    }
  }

  function ring(i, color, width, gap) {
    ctx.beginPath();
    ctx.arc(sx[i], sy[i], sr[i] + gap, 0, Math.PI * 2);
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.stroke();
  }

  function shortLabel(i) {
    const label = NODES[i].label;
    return label.length > 30 ? label.slice(0, 29) + "…" : label;
  }

  function measureLabel(i) {
    if (labelWidth[i] < 0) labelWidth[i] = ctx.measureText(shortLabel(i)).width;
    return labelWidth[i];
  }

  function drawLabels() {
    const circles = createLabelGrid();
    const placed = createLabelGrid();
    for (const i of drawOrder) {
      if (!nodeVisible[i] || (focusNodes && !focusNodes[i]) || sr[i] < 2) continue;
      if (sx[i] < -60 || sx[i] > cssW + 60 || sy[i] < -60 || sy[i] > cssH + 60) continue;
      circles.add(sx[i] - sr[i], sy[i] - sr[i], 2 * sr[i], 2 * sr[i]);
    }
    const priority = [];
    if (selection && selection.kind === "node") priority.push(selection.index);
    if (selection && selection.kind === "edge") priority.push(src[selection.index], tgt[selection.index]);
    if (hover && hover.kind === "node") priority.push(hover.index);
    if (focusNodes) for (const i of byImportance) if (focusNodes[i]) priority.push(i);
    const isPriority = new Set(priority);
    const strong = new Set(priority.slice(0, selection && selection.kind === "edge" ? 2 : 1));
    let count = 0;
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    const candidates = priority.concat(focusNodes ? [] : Array.from(byImportance));
    const done = new Uint8Array(N);
    for (const i of candidates) {
      if (done[i] || !nodeVisible[i] || count >= 400) continue;
      done[i] = 1;
      const important = isPriority.has(i);
      if (!important && sr[i] < 4 && view.k < 1 && rank[i] >= 12) continue;
      if (sx[i] < -50 || sx[i] > cssW + 50 || sy[i] < -20 || sy[i] > cssH + 20) continue;
      const bold = strong.has(i);
      ctx.font = bold ? LABEL_FONT_BOLD : LABEL_FONT;
      const w = bold ? ctx.measureText(shortLabel(i)).width : measureLabel(i);
      const h = bold ? 17 : 15;
      // The biggest hubs are always worth a label, even over small circles.
      const hub = !focusNodes && rank[i] < 12;
      const blocked = (x, y, bw, bh) => placed.hits(x, y, bw, bh) || (!hub && circles.hits(x, y, bw, bh));
      const spot = labelSpot(i, w, h, blocked, bold);
      if (!spot) continue;
      placed.add(spot[0], spot[1], w, h);
      const baseline = spot[1] + h / 2;
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = "rgba(251,251,252,0.92)";
      ctx.strokeText(shortLabel(i), spot[0], baseline);
      ctx.fillStyle = TEXT;
      ctx.fillText(shortLabel(i), spot[0], baseline);
      count++;
    }
    ctx.font = LABEL_FONT;
  }

  /** Top-left corner of a free spot for node i's label: right, left, below, above, then diagonally. */
  function labelSpot(i, w, h, blocked, force) {
    const gap = 4;
    const spots = [
      [sx[i] + sr[i] + gap, sy[i] - h / 2],
      [sx[i] - sr[i] - gap - w, sy[i] - h / 2],
      [sx[i] - w / 2, sy[i] + sr[i] + 2],
      [sx[i] - w / 2, sy[i] - sr[i] - 2 - h],
      [sx[i] + sr[i] * 0.7 + gap, sy[i] - sr[i] * 0.7 - h],
      [sx[i] + sr[i] * 0.7 + gap, sy[i] + sr[i] * 0.7],
      [sx[i] - sr[i] * 0.7 - gap - w, sy[i] - sr[i] * 0.7 - h],
      [sx[i] - sr[i] * 0.7 - gap - w, sy[i] + sr[i] * 0.7],
    ];
    let fallback = null;
    for (const [lx, ly] of spots) {
      const inside = lx >= 2 && ly >= 2 && lx + w <= cssW - 2 && ly + h <= cssH - 2;
      if (inside && !fallback) fallback = [lx, ly];
      if (inside && !blocked(lx, ly, w, h)) return [lx, ly];
    }
    return force ? fallback || spots[0] : null;
  }

  /** Rectangles already taken by labels, bucketed on a coarse grid. */
  function createLabelGrid() {
    const CELL = 48;
    const cells = new Map();
    const rects = [];
    const keys = (x, y, w, h, fn) => {
      for (let gx = Math.floor(x / CELL); gx <= Math.floor((x + w) / CELL); gx++) {
        for (let gy = Math.floor(y / CELL); gy <= Math.floor((y + h) / CELL); gy++) {
          if (fn(gx * 65536 + gy)) return true;
        }
      }
      return false;
    };
    return {
      hits(x, y, w, h) {
        return keys(x, y, w, h, (key) => {
          const bucket = cells.get(key);
          if (!bucket) return false;
          for (const r of bucket) {
            const o = rects[r];
            if (x < o[0] + o[2] + 2 && x + w + 2 > o[0] && y < o[1] + o[3] && y + h > o[1]) return true;
          }
          return false;
        });
      },
      add(x, y, w, h) {
        const r = rects.push([x, y, w, h]) - 1;
        keys(x, y, w, h, (key) => {
          if (!cells.has(key)) cells.set(key, []);
          cells.get(key).push(r);
          return false;
        });
      },
    };
  }

  // ------------------------------------------------------------------ hit testing
  function nodeAt(px, py) {
    for (let j = drawOrder.length - 1; j >= 0; j--) {
      const i = drawOrder[j];
      if (!nodeVisible[i]) continue;
      const r = Math.max(sr[i], 5) + 2;
      const dx = px - sx[i];
      const dy = py - sy[i];
      if (dx * dx + dy * dy <= r * r) return i;
    }
    return -1;
  }

  function edgeAt(px, py) {
    const TOL = 5;
    let best = -1;
    let bestD = TOL;
    for (let e = 0; e < E; e++) {
      if (!edgeVisible[e]) continue;
      const d = edgeDistance(e, px, py, bestD);
      if (d < bestD) {
        bestD = d;
        best = e;
      }
    }
    return best;
  }

  function edgeDistance(e, px, py, limit) {
    if (src[e] === tgt[e]) {
      const s = src[e];
      return Math.abs(Math.hypot(px - (sx[s] + sr[s] * 0.6), py - (sy[s] - sr[s] * 0.8)) - 7);
    }
    const g = edgeGeometry(e);
    if (
      px < Math.min(g[0], g[2], g[4]) - limit ||
      px > Math.max(g[0], g[2], g[4]) + limit ||
      py < Math.min(g[1], g[3], g[5]) - limit ||
      py > Math.max(g[1], g[3], g[5]) + limit
    ) {
      return Infinity;
    }
    const steps = bend[e] === 0 ? 1 : 12;
    let best = Infinity;
    let ax = g[0];
    let ay = g[1];
    for (let s = 1; s <= steps; s++) {
      const t = s / steps;
      const u = 1 - t;
      const bx = u * u * g[0] + 2 * u * t * g[2] + t * t * g[4];
      const by = u * u * g[1] + 2 * u * t * g[3] + t * t * g[5];
      best = Math.min(best, segmentDistance(px, py, ax, ay, bx, by));
      ax = bx;
      ay = by;
    }
    return best;
  }

  function segmentDistance(px, py, ax, ay, bx, by) {
    const dx = bx - ax;
    const dy = by - ay;
    const l2 = dx * dx + dy * dy;
    const t = l2 === 0 ? 0 : clamp(((px - ax) * dx + (py - ay) * dy) / l2, 0, 1);
    return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
  }

  function itemAt(px, py) {
    project();
    const i = nodeAt(px, py);
    if (i >= 0) return { kind: "node", index: i };
    const e = edgeAt(px, py);
    return e >= 0 ? { kind: "edge", index: e } : null;
  }

  function edgeMidpoint(e) {
    project();
    if (src[e] === tgt[e]) return { x: sx[src[e]] + sr[src[e]] * 0.6, y: sy[src[e]] - sr[src[e]] * 0.8 - 7 };
    const g = edgeGeometry(e);
    return { x: 0.25 * g[0] + 0.5 * g[2] + 0.25 * g[4], y: 0.25 * g[1] + 0.5 * g[3] + 0.25 * g[5] };
  }

  // ------------------------------------------------------------------ pointer and keyboard
  let drag = null;

  function localPoint(ev) {
    const rect = canvas.getBoundingClientRect();
    return { x: ev.clientX - rect.left, y: ev.clientY - rect.top };
  }

  canvas.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    const p = localPoint(ev);
    project();
    const i = nodeAt(p.x, p.y);
    canvas.setPointerCapture(ev.pointerId);
    drag = { node: i, x0: p.x, y0: p.y, x: p.x, y: p.y, moved: false };
  });

  canvas.addEventListener("pointermove", (ev) => {
    const p = localPoint(ev);
    if (!drag) {
      updateHover(p);
      return;
    }
    if (!drag.moved && Math.hypot(p.x - drag.x0, p.y - drag.y0) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      canvas.classList.add("dragging");
      hideTooltip();
    }
    if (drag.node >= 0) {
      const i = drag.node;
      layout.x[i] = (p.x - view.tx) / view.k;
      layout.y[i] = (p.y - view.ty) / view.k;
      layout.fixed[i] = 1;
      userMoved = true;
    } else {
      animation = null;
      view.tx += p.x - drag.x;
      view.ty += p.y - drag.y;
      userMoved = true;
    }
    drag.x = p.x;
    drag.y = p.y;
    requestDraw();
  });

  canvas.addEventListener("pointerup", (ev) => {
    if (!drag) return;
    const wasClick = !drag.moved;
    drag = null;
    canvas.classList.remove("dragging");
    if (!wasClick) return;
    const p = localPoint(ev);
    const item = itemAt(p.x, p.y);
    if (!item) clearSelection();
    else if (item.kind === "node") selectNode(item.index, false);
    else selectEdge(item.index, false);
  });

  canvas.addEventListener("pointercancel", () => {
    drag = null;
    canvas.classList.remove("dragging");
  });

  canvas.addEventListener("pointerleave", () => {
    if (hover) {
      hover = null;
      requestDraw();
    }
    hideTooltip();
    canvas.classList.remove("over-item");
  });

  canvas.addEventListener(
    "wheel",
    (ev) => {
      ev.preventDefault();
      const p = localPoint(ev);
      const unit = ev.deltaMode === 1 ? 0.05 : ev.deltaMode === 2 ? 1 : 0.0015;
      zoomAt(p.x, p.y, Math.exp(-ev.deltaY * unit));
    },
    { passive: false },
  );

  canvas.addEventListener("dblclick", (ev) => {
    const p = localPoint(ev);
    zoomAt(p.x, p.y, 1.6);
  });

  function updateHover(p) {
    const item = itemAt(p.x, p.y);
    const same = item && hover && item.kind === hover.kind && item.index === hover.index;
    if (!same && (item || hover)) {
      hover = item;
      requestDraw();
    }
    canvas.classList.toggle("over-item", !!item);
    if (item) showTooltip(item, p);
    else hideTooltip();
  }

  function showTooltip(item, p) {
    tooltip.replaceChildren();
    if (item.kind === "node") {
      const n = NODES[item.index];
      tooltip.append(h("strong", { text: n.label }), " ", h("span", { class: "sub", text: n.type }));
    } else {
      const e = EDGES[item.index];
      tooltip.append(
        NODES[e.source].label + " ",
        h("strong", { text: e.label_en }),
        " " + NODES[e.target].label,
      );
    }
    tooltip.hidden = false;
    const w = tooltip.offsetWidth;
    const hgt = tooltip.offsetHeight;
    tooltip.style.left = Math.min(p.x + 14, cssW - w - 6) + "px";
    tooltip.style.top = (p.y + 16 + hgt > cssH ? p.y - hgt - 10 : p.y + 16) + "px";
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  function isTyping(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (isTyping(ev.target)) return;
    const key = ev.key;
    if (key === "/") {
      ev.preventDefault();
      searchBox.focus();
      searchBox.select();
    } else if (key === "Escape") {
      clearSelection();
    } else if (key === "+" || key === "=") {
      zoomAt(cssW / 2, cssH / 2, 1.25);
    } else if (key === "-" || key === "_") {
      zoomAt(cssW / 2, cssH / 2, 0.8);
    } else if (key === "0") {
      userMoved = false;
      fitView();
      requestDraw();
    } else if (ev.target === canvas && key.startsWith("Arrow")) {
      ev.preventDefault();
      const step = 60;
      view.tx += key === "ArrowLeft" ? step : key === "ArrowRight" ? -step : 0;
      view.ty += key === "ArrowUp" ? step : key === "ArrowDown" ? -step : 0;
      userMoved = true;
      requestDraw();
    }
  });

  $("kg-zoom-in").addEventListener("click", () => zoomAt(cssW / 2, cssH / 2, 1.3));
  $("kg-zoom-out").addEventListener("click", () => zoomAt(cssW / 2, cssH / 2, 1 / 1.3));
  $("kg-zoom-fit").addEventListener("click", () => {
    userMoved = false;
    fitView();
    requestDraw();
  });

  // ------------------------------------------------------------------ search
  function normalize(text) {
    return String(text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .trim();
  }

  const searchIndex = NODES.map((n) => {
    const entries = [{ norm: normalize(n.label), text: n.label, label: true }];
    if (n.label_it && n.label_it !== n.label) entries.push({ norm: normalize(n.label_it), text: n.label_it });
    for (const alias of n.aliases || []) entries.push({ norm: normalize(alias), text: alias });
    return entries;
  });

  function matchScore(norm, query) {
    if (norm === query) return 4;
    if (norm.startsWith(query)) return 3;
    if ((" " + norm).includes(" " + query)) return 2;
    return norm.includes(query) ? 1 : 0;
  }

  /** Visible nodes matching a query, best first: exact, prefix, word prefix, substring. */
  function findMatches(query, limit) {
    const q = normalize(query);
    if (!q) return [];
    const found = [];
    for (let i = 0; i < N; i++) {
      if (!nodeVisible[i]) continue;
      let best = 0;
      let via = null;
      for (const entry of searchIndex[i]) {
        const score = matchScore(entry.norm, q) + (entry.label ? 0.5 : 0);
        if (score > 0.5 && score > best) {
          best = score;
          via = entry.label ? null : entry.text;
        }
      }
      if (best > 0) found.push({ index: i, score: best, via });
    }
    found.sort(
      (a, b) =>
        b.score - a.score ||
        (NODES[b.index].importance || 0) - (NODES[a.index].importance || 0) ||
        NODES[a.index].label.localeCompare(NODES[b.index].label),
    );
    return found.slice(0, limit);
  }

  let suggestionItems = [];
  let activeSuggestion = -1;

  function renderSuggestions() {
    suggestionItems = findMatches(searchBox.value, 8);
    activeSuggestion = suggestionItems.length ? 0 : -1;
    suggestions.replaceChildren();
    if (!searchBox.value.trim()) {
      closeSuggestions();
      return;
    }
    if (!suggestionItems.length) {
      suggestions.append(h("li", { class: "empty", role: "option", "aria-disabled": "true", text: "No matching entity" }));
    }
    suggestionItems.forEach((m, j) => {
      const n = NODES[m.index];
      suggestions.append(
        h(
          "li",
          {
            id: "kg-suggestion-" + j,
            role: "option",
            "aria-selected": j === activeSuggestion ? "true" : "false",
            onmousedown: (ev) => {
              ev.preventDefault();
              pickSuggestion(j);
            },
          },
          h("span", { class: "swatch", style: { background: nodeColor[m.index] } }),
          h("span", { text: n.label }),
          h("span", { class: "why", text: m.via ? "alias: " + m.via : n.type }),
        ),
      );
    });
    suggestions.hidden = false;
    searchBox.setAttribute("aria-expanded", "true");
    updateActiveSuggestion();
  }

  function updateActiveSuggestion() {
    suggestions.querySelectorAll("li[role=option]").forEach((li, j) => {
      li.setAttribute("aria-selected", j === activeSuggestion ? "true" : "false");
    });
    if (activeSuggestion >= 0) {
      searchBox.setAttribute("aria-activedescendant", "kg-suggestion-" + activeSuggestion);
      const li = $("kg-suggestion-" + activeSuggestion);
      if (li) li.scrollIntoView({ block: "nearest" });
    } else {
      searchBox.removeAttribute("aria-activedescendant");
    }
  }

  function closeSuggestions() {
    suggestions.hidden = true;
    searchBox.setAttribute("aria-expanded", "false");
    searchBox.removeAttribute("aria-activedescendant");
  }

  function pickSuggestion(j) {
    const m = suggestionItems[j];
    if (!m) return;
    closeSuggestions();
    searchBox.value = NODES[m.index].label;
    selectNode(m.index, true);
  }

  searchBox.addEventListener("input", renderSuggestions);
  searchBox.addEventListener("focus", () => {
    if (searchBox.value.trim()) renderSuggestions();
  });
  searchBox.addEventListener("blur", closeSuggestions);
  searchBox.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (suggestions.hidden) renderSuggestions();
      const n = suggestionItems.length;
      if (!n) return;
      activeSuggestion = (activeSuggestion + (ev.key === "ArrowDown" ? 1 : n - 1)) % n;
      updateActiveSuggestion();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (suggestions.hidden) renderSuggestions();
      pickSuggestion(Math.max(activeSuggestion, 0));
    } else if (ev.key === "Escape") {
      if (!suggestions.hidden) closeSuggestions();
      else if (searchBox.value) searchBox.value = "";
      else searchBox.blur();
    }
  });

  // ------------------------------------------------------------------ selection
  function setSelection(next) {
    selection = next;
    focusNodes = null;
    focusEdges = null;
    if (selection && selection.kind === "node") {
      focusNodes = new Uint8Array(N);
      focusEdges = new Uint8Array(E);
      focusNodes[selection.index] = 1;
      for (const e of adjacency[selection.index]) {
        if (!edgeVisible[e]) continue;
        focusEdges[e] = 1;
        focusNodes[src[e]] = 1;
        focusNodes[tgt[e]] = 1;
      }
    } else if (selection && selection.kind === "edge") {
      focusNodes = new Uint8Array(N);
      focusEdges = new Uint8Array(E);
      focusEdges[selection.index] = 1;
      focusNodes[src[selection.index]] = 1;
      focusNodes[tgt[selection.index]] = 1;
    }
    renderPanel();
    requestDraw();
  }

  function selectNode(i, center) {
    setSelection({ kind: "node", index: i });
    if (center) centerOn(i);
    announce("Selected " + NODES[i].label + ", " + NODES[i].type);
  }

  function selectEdge(e, center) {
    setSelection({ kind: "edge", index: e });
    if (center) {
      const k = view.k;
      const mx = (layout.x[src[e]] + layout.x[tgt[e]]) / 2;
      const my = (layout.y[src[e]] + layout.y[tgt[e]]) / 2;
      animateTo({ k, tx: cssW / 2 - mx * k, ty: cssH / 2 - my * k });
    }
    announce("Selected relation: " + edgeSentence(e));
  }

  function clearSelection() {
    if (!selection) return;
    setSelection(null);
    announce("Selection cleared");
  }

  function announce(text) {
    announcer.textContent = text;
  }

  function edgeSentence(e) {
    const edge = EDGES[e];
    return NODES[edge.source].label + " " + edge.label_en + " " + NODES[edge.target].label;
  }

  // ------------------------------------------------------------------ panel
  function renderPanel() {
    panel.replaceChildren();
    if (!selection) renderOverview();
    else if (selection.kind === "node") renderNode(selection.index);
    else renderEdge(selection.index);
    panel.scrollTop = 0;
  }

  function closeButton() {
    return h("button", { type: "button", class: "close", "aria-label": "Close details", onclick: clearSelection }, "×");
  }

  function nodeButton(i) {
    return h("button", { type: "button", class: "link", onclick: () => selectNode(i, true) }, NODES[i].label);
  }

  function facts(rows) {
    const dl = h("dl", { class: "facts" });
    for (const [term, value] of rows) {
      if (value == null || value === "") continue;
      dl.append(h("dt", { text: term }), h("dd", null, value));
    }
    return dl;
  }

  function renderOverview() {
    panel.append(
      h("div", { class: "panel-head" }, h("h2", { text: "Overview" })),
      h("p", { class: "hint", text: "Click a node or a line, or search for an entity, to see its details." }),
      facts([
        ["Entities", N.toLocaleString("en")],
        ["Relations", E.toLocaleString("en")],
        ["Source", META.source || null],
        ["Created", META.created || null],
      ]),
    );
    const top = Array.from(byImportance)
      .filter((i) => nodeVisible[i])
      .sort((a, b) => NODES[b].degree - NODES[a].degree || rank[a] - rank[b])
      .slice(0, 10);
    if (top.length) {
      panel.append(
        h("h3", { text: "Most connected" }),
        h(
          "ol",
          { class: "top-list" },
          top.map((i) =>
            h("li", null, nodeButton(i), h("span", { class: "muted", text: " · " + NODES[i].degree + " links" })),
          ),
        ),
      );
    }
    panel.append(
      h("h3", { text: "Using the view" }),
      h(
        "ul",
        { class: "kbd-list" },
        h("li", null, "Drag to pan, scroll to zoom, drag a node to move it."),
        h("li", null, h("kbd", { text: "/" }), " search, ", h("kbd", { text: "Esc" }), " clear the selection."),
        h("li", null, h("kbd", { text: "+" }), " ", h("kbd", { text: "−" }), " zoom, ", h("kbd", { text: "0" }), " fit."),
      ),
    );
  }

  function typeBadge(type) {
    return h(
      "div",
      { class: "badge" },
      h("span", { class: "swatch", style: { background: typeColor.get(type) || UNKNOWN_COLOR } }),
      type,
    );
  }

  function wikidataLink(qid) {
    if (!qid) return h("span", { class: "muted", text: "unknown" });
    if (!/^Q[1-9][0-9]*$/.test(qid)) return qid;
    return h(
      "a",
      { href: "https://www.wikidata.org/wiki/" + qid, target: "_blank", rel: "noopener noreferrer" },
      qid,
    );
  }

  function seenRange(first, last) {
    if (!first && !last) return null;
    if (!first || !last || first === last) return first || last;
    return first + " – " + last;
  }

  function renderNode(i) {
    const n = NODES[i];
    panel.append(
      h("div", { class: "panel-head" }, h("div", { style: { flex: "1 1 auto" } }, typeBadge(n.type), h("h2", { text: n.label })), closeButton()),
      facts([
        ["Italian", n.label_it && n.label_it !== n.label ? n.label_it : null],
        ["Wikidata", wikidataLink(n.qid)],
        ["Aliases", n.aliases && n.aliases.length ? n.aliases.join(", ") : h("span", { class: "muted", text: "none" })],
        ["Documents", String(n.docs)],
        ["Seen", seenRange(n.first_seen, n.last_seen)],
        ["Connections", String(n.degree)],
      ]),
    );
    const visible = adjacency[i].filter((e) => edgeVisible[e]);
    const hidden = adjacency[i].length - visible.length;
    panel.append(h("h3", { text: "Relations (" + visible.length + ")" }));
    if (!visible.length) panel.append(h("p", { class: "hint", text: "No visible relations." }));
    else panel.append(h("p", { class: "hint legend-line", text: "→ as subject · ← as object · ↔ symmetric" }));
    const groups = new Map();
    visible
      .sort((a, b) => predOrder(EDGES[a].predicate) - predOrder(EDGES[b].predicate) || (EDGES[b].weight || 0) - (EDGES[a].weight || 0))
      .slice(0, 250)
      .forEach((e) => {
        const key = EDGES[e].predicate;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(e);
      });
    for (const [pred, list] of groups) {
      const info = predInfo.get(pred);
      panel.append(
        h(
          "div",
          { class: "pred-group" },
          h("p", { class: "pred-title" }, h("span", { class: "swatch line", style: { background: info ? info.color : UNKNOWN_COLOR } }), EDGES[list[0]].label_en),
          h("ul", { class: "relations" }, list.map((e) => relationItem(i, e))),
        ),
      );
    }
    if (visible.length > 250) panel.append(h("p", { class: "hint", text: "Showing 250 of " + visible.length + " relations." }));
    if (hidden > 0) panel.append(h("p", { class: "hint", text: hidden + " more hidden by the filters." }));
  }

  function relationItem(i, e) {
    const edge = EDGES[e];
    const outgoing = edge.source === i;
    const other = outgoing ? edge.target : edge.source;
    const dir = !edge.directed ? "↔" : outgoing ? "→" : "←";
    const dirText = !edge.directed ? "with" : outgoing ? "to" : "from";
    const meta = [];
    if (edge.confidence != null) meta.push("confidence " + edge.confidence.toFixed(2));
    if (edge.amount != null) meta.push(formatAmount(edge.amount, edge.currency));
    meta.push(plural(edge.weight || 1, "assertion"));
    const first = (edge.evidence || [])[0];
    return h(
      "li",
      null,
      h(
        "div",
        { class: "line" },
        h("span", { class: "dir", title: dirText, "aria-label": dirText }, dir),
        nodeButton(other),
        h(
          "button",
          { type: "button", class: "link details", "aria-label": "Details of: " + edgeSentence(e), onclick: () => selectEdge(e, true) },
          "details",
        ),
      ),
      h("div", { class: "meta", text: meta.join(" · ") }),
      first && first.sentence ? h("blockquote", { class: "evidence", text: first.sentence }) : null,
    );
  }

  function renderEdge(e) {
    const edge = EDGES[e];
    const info = predInfo.get(edge.predicate);
    const color = info ? info.color : UNKNOWN_COLOR;
    panel.append(
      h(
        "div",
        { class: "panel-head" },
        h(
          "div",
          { style: { flex: "1 1 auto" } },
          h("div", { class: "badge" }, h("span", { class: "swatch line", style: { background: color } }), "Relation"),
          h("h2", null, nodeButton(edge.source), " " + edge.label_en + " ", nodeButton(edge.target)),
        ),
        closeButton(),
      ),
      facts([
        ["Predicate", h("code", { text: edge.predicate })],
        ["Italian", edge.label_it && edge.label_it !== edge.label_en ? edge.label_it : null],
        ["Direction", edge.directed ? "subject → object" : "symmetric"],
        ["Confidence", edge.confidence != null ? confidence(edge.confidence) : h("span", { class: "muted", text: "unknown" })],
        ["Amount", edge.amount != null ? formatAmountLong(edge.amount, edge.currency) : null],
        ["Date", edge.date || null],
        ["Assertions", String(edge.weight || 0)],
        ["Documents", String(edge.docs || 0)],
        ["Seen", seenRange(edge.first_seen, edge.last_seen)],
      ]),
      h("h3", { text: "Evidence (" + (edge.evidence_total || 0) + ")" }),
    );
    const items = edge.evidence || [];
    if (!items.length) panel.append(h("p", { class: "hint", text: "No evidence sentence recorded." }));
    panel.append(h("ol", { class: "evidence-list" }, items.map(evidenceItem)));
    if ((edge.evidence_total || 0) > items.length) {
      panel.append(h("p", { class: "hint", text: "Showing " + items.length + " of " + edge.evidence_total + "." }));
    }
  }

  function evidenceItem(item) {
    const parts = [];
    if (item.doc) parts.push(h("code", { text: item.doc }));
    if (item.source) parts.push(sourceLink(item.source));
    if (item.confidence != null) parts.push("confidence " + item.confidence.toFixed(2));
    const source = h("p", { class: "source" });
    parts.forEach((p, j) => {
      if (j) source.append(" · ");
      source.append(p);
    });
    return h("li", null, h("blockquote", { class: "evidence", text: item.sentence || "" }), parts.length ? source : null);
  }

  /** Web sources become plain links (never fetched); file paths stay text. */
  function sourceLink(source) {
    if (/^https?:\/\//i.test(source)) {
      return h("a", { href: source, target: "_blank", rel: "noopener noreferrer" }, source);
    }
    return h("span", { class: "path", text: source });
  }

  function confidence(value) {
    return h(
      "span",
      null,
      value.toFixed(2),
      h("span", { class: "meter", "aria-hidden": "true" }, h("span", { style: { width: Math.round(clamp(value, 0, 1) * 100) + "%" } })),
    );
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function formatAmount(amount, currency) {
    try {
      if (currency) {
        return new Intl.NumberFormat("en", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(amount);
      }
    } catch (err) {
      // An unknown currency code: fall through to a plain number.
    }
    const text = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(amount);
    return currency ? text + " " + currency : text;
  }

  function formatAmountLong(amount, currency) {
    const full = new Intl.NumberFormat("en", { maximumFractionDigits: 2 }).format(amount);
    return formatAmount(amount, currency) + " (" + full + (currency ? " " + currency : "") + ")";
  }

  // ------------------------------------------------------------------ filter UI
  function buildFilters() {
    const typeBox = $("kg-type-filters");
    for (const t of TYPES) {
      typeBox.append(filterRow("type", t.name, t.name, h("span", { class: "swatch", style: { background: t.color } }), t.count));
    }
    const predBox = $("kg-pred-filters");
    for (const p of PREDS) {
      predBox.append(filterRow("pred", p.name, p.label, h("span", { class: "swatch line", style: { background: p.color } }), p.count));
    }
    document.querySelectorAll("button.mini[data-group]").forEach((button) => {
      button.addEventListener("click", () => {
        const on = button.dataset.set === "all";
        document.querySelectorAll('input[data-group="' + button.dataset.group + '"]').forEach((box) => {
          box.checked = on;
        });
        filtersChanged();
      });
    });
  }

  function filterRow(group, name, text, swatch, count) {
    const box = h("input", { type: "checkbox", checked: true, "data-group": group, "data-name": name, onchange: filtersChanged });
    const title = group === "pred" ? name : null;
    return h("label", { title }, box, swatch, h("span", { class: "name", text }), h("span", { class: "count", text: String(count) }));
  }

  function filtersChanged() {
    document.querySelectorAll("input[data-group]").forEach((box) => {
      const map = box.dataset.group === "type" ? typeOn : predOn;
      map.set(box.dataset.name, box.checked);
      box.closest("label").classList.toggle("off", !box.checked);
    });
    applyFilters();
    updateStatus();
    if (selection) {
      const gone = selection.kind === "node" ? !nodeVisible[selection.index] : !edgeVisible[selection.index];
      setSelection(gone ? null : selection);
    } else {
      renderPanel();
    }
    requestDraw();
  }

  function updateStatus() {
    const nodesText =
      visibleNodes === N ? N.toLocaleString("en") + " entities" : visibleNodes.toLocaleString("en") + " of " + N.toLocaleString("en") + " entities";
    const edgesText =
      visibleEdges === E ? E.toLocaleString("en") + " relations" : visibleEdges.toLocaleString("en") + " of " + E.toLocaleString("en") + " relations";
    const progress = layoutDone ? "" : " · arranging " + Math.round(layout.progress() * 100) + "%";
    statusLine.textContent = nodesText + " · " + edgesText + progress;
  }

  // ------------------------------------------------------------------ start
  let layoutDone = false;
  let layoutMs = 0;
  let resolveReady;
  const ready = new Promise((resolve) => {
    resolveReady = resolve;
  });
  const layoutStart = performance.now();

  let lastLayoutDraw = -Infinity;
  // Software-rendered frames are costly: big graphs show their progress less often.
  const LAYOUT_DRAW_INTERVAL = N > 400 ? 450 : 100;

  /** Run the simulation in slices of about 20 ms, redrawing now and then meanwhile. */
  function layoutStep() {
    const t0 = performance.now();
    do layout.tick();
    while (layout.running() && performance.now() - t0 < 20);
    const running = layout.running();
    if (!running || t0 - lastLayoutDraw > LAYOUT_DRAW_INTERVAL) {
      lastLayoutDraw = t0;
      if (!userMoved) fitView();
      updateStatus();
      requestDraw();
    }
    if (running) {
      setTimeout(layoutStep, 0);
      return;
    }
    layoutDone = true;
    layoutMs = performance.now() - layoutStart;
    updateStatus();
    document.body.setAttribute("data-layout", "done");
    resolveReady(true);
  }

  applyFilters();
  buildFilters();
  updateStatus();
  renderPanel();
  new ResizeObserver(resize).observe(stage);
  resize();
  layoutStep();

  function nodeIndex(id) {
    const i = idIndex.get(id);
    return i === undefined ? -1 : i;
  }

  function describeSelection() {
    if (!selection) return null;
    if (selection.kind === "node") {
      const n = NODES[selection.index];
      return { kind: "node", id: n.id, label: n.label, type: n.type };
    }
    const e = EDGES[selection.index];
    return { kind: "edge", index: selection.index, source: NODES[e.source].id, target: NODES[e.target].id, predicate: e.predicate };
  }

  function clientPoint(p) {
    const rect = canvas.getBoundingClientRect();
    const inside = p.x >= 0 && p.y >= 0 && p.x <= cssW && p.y <= cssH;
    return { x: rect.left + p.x, y: rect.top + p.y, inside };
  }

  /** Read-only API for tests and scripts. */
  window.kgView = Object.freeze({
    version: 1,
    ready,
    counts: () => ({ nodes: N, edges: E, visibleNodes, visibleEdges }),
    search(query) {
      const best = findMatches(query, 1)[0];
      if (!best) return null;
      searchBox.value = NODES[best.index].label;
      selectNode(best.index, true);
      return NODES[best.index].id;
    },
    selected: describeSelection,
    select(id) {
      const i = nodeIndex(id);
      if (i < 0 || !nodeVisible[i]) return false;
      selectNode(i, true);
      return true;
    },
    selectEdge(index) {
      if (!(index >= 0 && index < E) || !edgeVisible[index]) return false;
      selectEdge(index, true);
      return true;
    },
    edges: () => EDGES.map((e, index) => ({ index, source: NODES[e.source].id, target: NODES[e.target].id, predicate: e.predicate })),
    screenPosition(id) {
      const i = nodeIndex(id);
      if (i < 0) return null;
      project();
      return clientPoint({ x: sx[i], y: sy[i] });
    },
    edgeScreenPosition: (index) => (index >= 0 && index < E ? clientPoint(edgeMidpoint(index)) : null),
    itemAt(clientX, clientY) {
      const rect = canvas.getBoundingClientRect();
      const item = itemAt(clientX - rect.left, clientY - rect.top);
      if (!item) return null;
      return item.kind === "node" ? { kind: "node", id: NODES[item.index].id } : { kind: "edge", index: item.index };
    },
    layoutDone: () => layoutDone,
    layoutStats: () => ({ ticks: layout.ticks(), ms: layoutMs }),
    positions: () => NODES.map((n, i) => ({ id: n.id, x: layout.x[i], y: layout.y[i] })),
    view: () => ({ k: view.k, tx: view.tx, ty: view.ty }),
  });
})();
