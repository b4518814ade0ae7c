import type { GraphEdge, GraphNode } from './api.js';
import { formatDate, h, routes, svg } from './dom.js';

const NODE_W = 230;
const NODE_H = 50;
const COL_GAP = 170;
const ROW_GAP = 26;
const PAD = 24;

/**
 * Longest-path layers over the directed edges: a source sits in column 0, its copies to the
 * right, copies of copies further right. Cycles (which should not occur) are cut by a cap.
 */
export function layers(nodes: GraphNode[], edges: GraphEdge[]): Map<string, number> {
  const layer = new Map(nodes.map((n) => [n.id, 0]));
  const directed = edges.filter((e) => e.directed && layer.has(e.from) && layer.has(e.to) && e.from !== e.to);
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of directed) {
      const next = layer.get(e.from)! + 1;
      if (next > layer.get(e.to)! && next < nodes.length) {
        layer.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return layer;
}

interface Box {
  node: GraphNode;
  x: number;
  y: number;
  col: number;
}

/** Edges that skip a column arc over the nodes between; the graph makes room for them on top. */
const ARC_ROOM = 70;

function skips(edge: GraphEdge, layer: Map<string, number>): boolean {
  return Math.abs((layer.get(edge.to) ?? 0) - (layer.get(edge.from) ?? 0)) > 1;
}

function place(nodes: GraphNode[], edges: GraphEdge[]): Map<string, Box> {
  const layer = layers(nodes, edges);
  const top = PAD + (edges.some((e) => skips(e, layer)) ? ARC_ROOM : 0);
  const columns = new Map<number, GraphNode[]>();
  for (const n of nodes) {
    const col = layer.get(n.id) ?? 0;
    if (!columns.has(col)) columns.set(col, []);
    columns.get(col)!.push(n);
  }
  const boxes = new Map<string, Box>();
  for (const [col, members] of columns) {
    members.sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || a.name.localeCompare(b.name));
    members.forEach((node, row) => boxes.set(node.id, { node, col, x: PAD + col * (NODE_W + COL_GAP), y: top + row * (NODE_H + ROW_GAP) }));
  }
  return boxes;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The rewrite graph of an event: sources on the left, copies to the right, arrows between. */
export function rewriteGraph(nodes: GraphNode[], edges: GraphEdge[]): SVGSVGElement {
  const boxes = place(nodes, edges);
  let width = 0;
  let height = 0;
  for (const b of boxes.values()) {
    width = Math.max(width, b.x + NODE_W + PAD);
    height = Math.max(height, b.y + NODE_H + PAD);
  }
  const sameColumnEdges = edges.some((e) => boxes.get(e.from)?.col === boxes.get(e.to)?.col);
  if (sameColumnEdges) width += 160;
  const root = svg('svg', { class: 'graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'Rewrite graph', 'data-testid': 'rewrite-graph' });
  root.appendChild(
    svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }))),
  );
  const edgeLayer = svg('g', { class: 'edges' });
  const labelLayer = svg('g', { class: 'labels' });
  edges.forEach((edge, i) => {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (from && to) drawEdge(edgeLayer, labelLayer, edge, from, to, i);
  });
  root.append(edgeLayer);
  for (const box of boxes.values()) root.appendChild(drawNode(box));
  root.append(labelLayer);
  return root;
}

function go(hash: string): void {
  location.hash = hash;
}

function drawEdge(edges: SVGGElement, labels: SVGGElement, edge: GraphEdge, from: Box, to: Box, index: number): void {
  let d: string;
  let mx: number;
  let my: number;
  if (from.col === to.col) {
    const x = from.x + NODE_W;
    const y1 = from.y + NODE_H / 2;
    const y2 = to.y + NODE_H / 2;
    const bulge = 50 + Math.abs(y2 - y1) * 0.25 + (index % 3) * 12;
    d = `M${x},${y1} C${x + bulge},${y1} ${x + bulge},${y2} ${x},${y2}`;
    mx = x + bulge * 0.75;
    my = (y1 + y2) / 2;
  } else if (Math.abs(to.col - from.col) > 1) {
    const forward = from.x < to.x;
    const x1 = forward ? from.x + NODE_W : from.x;
    const x2 = forward ? to.x : to.x + NODE_W;
    const y1 = from.y + NODE_H / 2;
    const y2 = to.y + NODE_H / 2;
    const lift = Math.min(y1, y2) - NODE_H / 2 - ARC_ROOM + 14 + (index % 3) * 8;
    const c1y = y1 + (lift - y1) * 4 / 3;
    const c2y = y2 + (lift - y2) * 4 / 3;
    d = `M${x1},${y1} C${x1 + 40},${c1y} ${x2 - 40},${c2y} ${x2},${y2}`;
    mx = (x1 + x2) / 2;
    my = (y1 + 3 * c1y + 3 * c2y + y2) / 8;
  } else {
    const forward = from.x < to.x;
    const x1 = forward ? from.x + NODE_W : from.x;
    const x2 = forward ? to.x : to.x + NODE_W;
    const y1 = from.y + NODE_H / 2;
    const y2 = to.y + NODE_H / 2;
    const dx = (x2 - x1) / 2;
    d = `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
    mx = (x1 + x2) / 2;
    my = (y1 + y2) / 2;
  }
  const href = routes.diff(edge.from, edge.to);
  const label = `${edge.kind} ${edge.score.toFixed(2)}`;
  const title = `${from.node.name} ${edge.directed ? '→' : '—'} ${to.node.name}: ${edge.kind}, score ${edge.score.toFixed(2)}${edge.directed ? '' : ' (source unknown)'}. Click for the side-by-side diff.`;
  const attrs = { class: `edge kind-${edge.kind}${edge.directed ? ' directed' : ''}`, 'data-testid': 'graph-edge', 'data-from': edge.from, 'data-to': edge.to, 'data-kind': edge.kind, tabindex: 0, role: 'link', onclick: () => go(href), onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && go(href) };
  edges.appendChild(
    svg('g', attrs, svg('title', {}, title), svg('path', { d, class: 'hit' }), svg('path', { d, class: 'line', 'marker-end': edge.directed ? 'url(#arrow)' : null })),
  );
  const textWidth = label.length * 6.6 + 14;
  labels.appendChild(
    svg(
      'g',
      { class: `edge-label kind-${edge.kind}`, 'data-testid': 'graph-edge-label', 'data-from': edge.from, 'data-to': edge.to, onclick: () => go(href) },
      svg('title', {}, title),
      svg('rect', { x: mx - textWidth / 2, y: my - 10, width: textWidth, height: 20, rx: 10 }),
      svg('text', { x: mx, y: my + 4, 'text-anchor': 'middle' }, label),
    ),
  );
}

function drawNode(box: Box): SVGGElement {
  const { node } = box;
  const href = routes.article(node.id);
  const sub = [node.source, formatDate(node.published)].filter(Boolean).join(' · ');
  return svg(
    'g',
    { class: 'node', 'data-testid': 'graph-node', 'data-id': node.id, tabindex: 0, role: 'link', transform: `translate(${box.x},${box.y})`, onclick: () => go(href), onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && go(href) },
    svg('title', {}, `${node.title ?? node.name}\n${node.name}`),
    svg('rect', { width: NODE_W, height: NODE_H, rx: 8 }),
    svg('text', { x: 12, y: 21, class: 'node-name' }, clip(node.name, 27)),
    svg('text', { x: 12, y: 38, class: 'node-sub' }, clip(sub, 36)),
  );
}

/** The colour key for relation kinds. */
export function graphLegend(): HTMLElement {
  const kinds = ['duplicate', 'excerpt', 'paraphrase', 'spin', 'shared-passage'];
  return h('div', { class: 'legend graph-legend' }, ...kinds.map((k) => h('span', { class: `key kind-${k}` }, k)), h('span', { class: 'key-note' }, '→ from source to copy; a plain line: source unknown'));
}
