/**
 * What the rewrite graph shows, before any drawing: duplicates collapsed into one node with a count,
 * the kinds asked for, and at most `cap` nodes (the best connected), so a 2,000-article event stays small.
 */
import type { GraphEdge, GraphNode } from './api.js';

/** A drawn node: one article, or a group of verbatim duplicates of one another. */
export interface GroupNode {
  id: string;
  /** The group's first-published member (its representative). */
  lead: GraphNode;
  members: GraphNode[];
  degree: number;
}

/** A drawn edge between two groups: the strongest of the relations between their members. */
export interface GroupEdge {
  id: string;
  from: string;
  to: string;
  strongest: GraphEdge;
  /** Relations folded into this edge. */
  count: number;
}

export interface GraphModel {
  nodes: GroupNode[];
  edges: GroupEdge[];
  /** Groups before the cap, and articles. */
  totalGroups: number;
  totalArticles: number;
  /** Relations of the kinds asked for, before collapsing. */
  relations: GraphEdge[];
  /** Every kind present, with its count: the kind filter's choices. */
  kinds: Map<string, number>;
}

/** Most nodes the graph draws; beyond it, the table lists every article. */
export const NODE_CAP = 150;

function byDate(x: GraphNode, y: GraphNode): number {
  return (x.published ?? '9999').localeCompare(y.published ?? '9999') || x.name.localeCompare(y.name);
}

/** Groups articles joined by `duplicate` relations (union-find), each led by its earliest member. */
function duplicateGroups(nodes: GraphNode[], edges: GraphEdge[]): Map<string, string> {
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = id; at !== root; ) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const e of edges) if (e.kind === 'duplicate' && parent.has(e.from) && parent.has(e.to)) parent.set(find(e.from), find(e.to));
  const groupOf = new Map<string, string>();
  for (const n of nodes) groupOf.set(n.id, find(n.id));
  return groupOf;
}

export function graphModel(nodes: GraphNode[], allEdges: GraphEdge[], kinds: ReadonlySet<string> | null, cap = NODE_CAP): GraphModel {
  const kindCounts = new Map<string, number>();
  for (const e of allEdges) kindCounts.set(e.kind, (kindCounts.get(e.kind) ?? 0) + 1);
  const relations = allEdges.filter((e) => kinds === null || kinds.has(e.kind));
  const groupOf = duplicateGroups(nodes, relations);
  const groups = new Map<string, GroupNode>();
  for (const n of [...nodes].sort(byDate)) {
    const key = groupOf.get(n.id)!;
    const group = groups.get(key);
    if (group) group.members.push(n);
    else groups.set(key, { id: n.id, lead: n, members: [n], degree: 0 });
  }
  const groupId = (articleId: string) => groups.get(groupOf.get(articleId) ?? '')?.id;
  const edges = new Map<string, GroupEdge>();
  for (const e of relations) {
    const from = groupId(e.from);
    const to = groupId(e.to);
    if (!from || !to || from === to) continue;
    const id = `${from}>${to}`;
    const seen = edges.get(id);
    if (!seen) edges.set(id, { id, from, to, strongest: e, count: 1 });
    else {
      seen.count++;
      if (e.score > seen.strongest.score) seen.strongest = e;
    }
  }
  const byId = new Map([...groups.values()].map((g) => [g.id, g]));
  for (const e of edges.values()) {
    byId.get(e.from)!.degree++;
    byId.get(e.to)!.degree++;
  }
  const ranked = [...groups.values()].sort((x, y) => y.degree - x.degree || y.members.length - x.members.length || byDate(x.lead, y.lead));
  const shown = ranked.slice(0, cap);
  const kept = new Set(shown.map((g) => g.id));
  return {
    nodes: shown,
    edges: [...edges.values()].filter((e) => kept.has(e.from) && kept.has(e.to)),
    totalGroups: groups.size,
    totalArticles: nodes.length,
    relations,
    kinds: kindCounts,
  };
}
