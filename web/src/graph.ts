/**
 * The rewrite graph of an event, drawn by Cytoscape.js on a canvas (served locally): sources above,
 * copies below (breadth-first layers), zoom and pan, duplicates collapsed, capped at NODE_CAP nodes.
 * Every relation is also a row of the table beside it, which is the keyboard's way to each diff.
 */
import cytoscape from '/vendor/cytoscape.js';
import type { EventDetail, GraphEdge, GraphNode } from './api.js';
import { badge, formatDate, h, link, percent, plural, routes } from './dom.js';
import { graphModel, NODE_CAP, type GraphModel } from './graph-model.js';

const FALLBACK_COLOURS = ['#1098ad', '#c2255c', '#5c940d', '#f59f00', '#862e9c'];

function css(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The colour of a relation kind: the stylesheet's `--k-<kind>`, or a stable colour for a kind it does not know. */
export function kindColour(kind: string): string {
  const known = css(`--k-${kind}`);
  if (known) return known;
  let hash = 0;
  for (const ch of kind) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return FALLBACK_COLOURS[hash % FALLBACK_COLOURS.length]!;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The graph card: kind filter, canvas, a note on what is left out, and the relations and articles tables. */
export function rewriteGraphCard(event: EventDetail, host: HTMLElement): HTMLElement {
  const { nodes, edges } = event.graph;
  const kindsPresent = [...new Set(edges.map((e) => e.kind))].sort();
  const chosen = new Set(kindsPresent);
  const canvas = h('div', { class: 'graph-canvas', 'data-testid': 'rewrite-graph', role: 'img', 'aria-label': 'Rewrite graph: the relations table below lists the same links' });
  const note = h('p', { class: 'meta graph-note', 'data-testid': 'graph-note' });
  const tables = h('div', { class: 'graph-tables' });
  const card = h(
    'section',
    { class: 'card graph-card' },
    h('h2', {}, 'Rewrite graph'),
    h('p', { class: 'hint' }, 'Sources above their copies and rewrites (in the middle when one source has many). Scroll to zoom, drag to pan; click an article to read it, a link to compare the two. Identical copies are one node with a count.'),
  );
  if (edges.length === 0) {
    card.append(h('p', { class: 'empty' }, 'No copies or rewrites found among these articles: each is its own reporting.'));
    return card;
  }
  const filters = h(
    'fieldset',
    { class: 'kind-filter', 'data-testid': 'kind-filter' },
    h('legend', {}, 'Kinds'),
    ...kindsPresent.map((kind) => {
      const box = h('input', { type: 'checkbox', checked: true, value: kind, 'data-testid': `kind-${kind}` });
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(kind);
        else chosen.delete(kind);
        draw();
      });
      const swatch = h('span', { class: 'swatch' });
      swatch.style.background = kindColour(kind);
      return h('label', { class: `key kind-${kind}` }, box, swatch, ` ${kind}`);
    }),
  );
  const controls = h(
    'div',
    { class: 'graph-controls' },
    h('button', { type: 'button', onclick: () => cy?.fit(undefined, 30) }, 'Fit'),
    h('button', { type: 'button', 'aria-label': 'Zoom in', onclick: () => cy?.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } }) }, '+'),
    h('button', { type: 'button', 'aria-label': 'Zoom out', onclick: () => cy?.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 } }) }, '−'),
  );
  card.append(h('div', { class: 'graph-toolbar' }, filters, controls), canvas, note, graphLegend(), tables);
  let cy: cytoscape.Core | null = null;
  let attached = false;
  const draw = (): void => {
    const model = graphModel(nodes, edges, chosen);
    describe(model, note, tables, event);
    if (!attached) return;
    cy?.destroy();
    cy = drawGraph(canvas, model);
  };
  host.addEventListener('attached', () => {
    attached = true;
    draw();
  }, { once: true });
  window.addEventListener('themechange', () => canvas.isConnected && draw());
  draw();
  return card;
}

/** Layers (sources above copies) for a small graph; rings by connectedness when one source fans out to many. */
function layoutFor(model: GraphModel): cytoscape.LayoutOptions {
  const widestFanOut = Math.max(0, ...model.nodes.map((g) => g.degree));
  if (model.nodes.length <= 30 && widestFanOut <= 12) return { name: 'breadthfirst', directed: true, spacingFactor: 1.1, animate: false, padding: 20 };
  const degree = new Map(model.nodes.map((g) => [g.id, g.degree]));
  return {
    name: 'concentric',
    concentric: (node: cytoscape.NodeSingular) => degree.get(node.id()) ?? 0,
    levelWidth: () => 2,
    minNodeSpacing: 12,
    animate: false,
    padding: 20,
  } as cytoscape.LayoutOptions;
}

function drawGraph(container: HTMLElement, model: GraphModel): cytoscape.Core {
  const sources = new Set(model.edges.filter((e) => e.strongest.directed).map((e) => e.from));
  const targets = new Set(model.edges.filter((e) => e.strongest.directed).map((e) => e.to));
  const cy = cytoscape({
    container,
    elements: [
      ...model.nodes.map((g) => ({
        data: {
          id: g.id,
          label: `${clip(g.lead.title ?? g.lead.name, 48)}${g.members.length > 1 ? `  ×${g.members.length}` : ''}\n${[g.lead.source, formatDate(g.lead.published)].filter(Boolean).join(' · ')}`,
          size: g.members.length,
          dot: 14 + 6 * Math.log2(g.members.length),
          role: sources.has(g.id) && !targets.has(g.id) ? 'source' : targets.has(g.id) ? 'copy' : 'other',
        },
      })),
      ...model.edges.map((e) => ({
        data: { id: e.id, source: e.from, target: e.to, kind: e.strongest.kind, colour: kindColour(e.strongest.kind), directed: e.strongest.directed ? 'yes' : 'no', a: e.strongest.from, b: e.strongest.to },
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          shape: 'round-rectangle',
          width: 'label',
          height: 'label',
          padding: '8px',
          label: 'data(label)',
          'text-wrap': 'wrap',
          'text-max-width': '220px',
          'text-valign': 'center',
          'text-halign': 'center',
          'font-size': '11px',
          'min-zoomed-font-size': 7,
          color: css('--ink'),
          'background-color': css('--card'),
          'border-width': 1.5,
          'border-color': css('--muted'),
        },
      },
      // Many nodes: dots sized by their copies, titled below once zoomed in far enough to read.
      ...(model.nodes.length > 30
        ? [{ selector: 'node', style: { shape: 'ellipse', width: 'data(dot)', height: 'data(dot)', padding: '0px', 'text-valign': 'bottom', 'text-margin-y': 4, 'text-max-width': '160px', 'font-size': '9px', 'min-zoomed-font-size': 9, 'background-color': css('--muted') } } as cytoscape.StylesheetStyle]
        : []),
      { selector: 'node[role = "source"]', style: { 'border-color': css('--accent'), 'border-width': 3 } },
      { selector: 'node[size > 1]', style: { 'background-color': css('--accent-soft') } },
      {
        selector: 'edge',
        style: {
          width: 2,
          'line-color': 'data(colour)',
          'target-arrow-color': 'data(colour)',
          'curve-style': 'bezier',
          'target-arrow-shape': 'triangle',
        },
      },
      { selector: 'edge[directed = "no"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
      { selector: ':selected, .hover', style: { 'border-width': 3, width: 4, 'border-color': css('--accent') } },
    ],
    layout: layoutFor(model),
    minZoom: 0.05,
    maxZoom: 3,
    boxSelectionEnabled: false,
  });
  // A small graph fitted to the canvas would be drawn huge: keep it at a readable size.
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
  cy.on('tap', 'node', (e) => (location.hash = routes.article(e.target.id())));
  cy.on('tap', 'edge', (e) => (location.hash = routes.diff(e.target.data('a') as string, e.target.data('b') as string)));
  cy.on('mouseover', 'node, edge', (e) => {
    e.target.addClass('hover');
    container.title = e.target.isNode() ? String(e.target.data('label')).split('\n')[0] : `${e.target.data('kind')}: click to compare`;
  });
  cy.on('mouseout', 'node, edge', (e) => e.target.removeClass('hover'));
  Object.assign(container, { cy });
  container.dataset.nodes = String(model.nodes.length);
  container.dataset.edges = String(model.edges.length);
  return cy;
}

function describe(model: GraphModel, note: HTMLElement, tables: HTMLElement, event: EventDetail): void {
  const collapsed = model.totalArticles - model.totalGroups;
  const parts = [`${plural(model.nodes.length, 'node')} drawn for ${plural(model.totalArticles, 'article')}`];
  if (collapsed > 0) parts.push(`${plural(collapsed, 'identical copy', 'identical copies')} folded into their original`);
  if (model.totalGroups > model.nodes.length) parts.push(`the ${NODE_CAP} best connected shown`);
  note.textContent = `${parts.join('; ')}.`;
  note.dataset.groups = String(model.totalGroups);
  note.dataset.shown = String(model.nodes.length);
  tables.replaceChildren(relationsTable(model.relations, event.graph.nodes), articlesTable(model, event));
}

/** Rows shown before "show all". */
const FIRST_ROWS = 100;

/** Every relation of the kinds chosen, strongest first, each with a link to its diff. */
function relationsTable(relations: GraphEdge[], nodes: GraphNode[]): HTMLElement {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const sorted = [...relations].sort((x, y) => y.score - x.score);
  const body = h('tbody', {});
  const name = (id: string) => byId.get(id)?.title ?? byId.get(id)?.name ?? id;
  const row = (e: GraphEdge) =>
    h(
      'tr',
      { 'data-testid': 'graph-relation', 'data-from': e.from, 'data-to': e.to, 'data-kind': e.kind },
      h('td', {}, badge(e.kind, `kind-${e.kind}`)),
      h('td', { class: 'num' }, percent(e.score)),
      h('td', {}, link(routes.article(e.from), name(e.from)), e.directed ? '' : h('span', { class: 'meta' }, ' (source unknown)')),
      h('td', {}, link(routes.article(e.to), name(e.to))),
      h('td', {}, h('a', { href: routes.diff(e.from, e.to), 'data-testid': 'graph-edge' }, 'side by side')),
    );
  const show = (n: number) => body.replaceChildren(...sorted.slice(0, n).map(row));
  show(FIRST_ROWS);
  const more = sorted.length > FIRST_ROWS ? h('button', { type: 'button', class: 'more', 'data-testid': 'all-relations' }, `Show all ${sorted.length} relations`) : null;
  more?.addEventListener('click', () => {
    show(sorted.length);
    more.remove();
  });
  return h(
    'details',
    { class: 'relations-details', open: true },
    h('summary', {}, `Relations (${sorted.length})`),
    h('div', { class: 'table-wrap' }, h('table', { class: 'relations', 'data-testid': 'graph-relations' }, h('thead', {}, h('tr', {}, ...['Kind', 'Score', 'Source', 'Copy or other side', 'Compare'].map((t) => h('th', { scope: 'col' }, t)))), body)),
    more,
  );
}

/** "Show all": every article of the event as a table, with its duplicate group and how many links it has. */
function articlesTable(model: GraphModel, event: EventDetail): HTMLElement {
  const details = h('details', { class: 'all-articles', 'data-testid': 'graph-show-all' }, h('summary', {}, `Show all ${plural(event.graph.nodes.length, 'article')} as a table`));
  details.addEventListener('toggle', () => {
    if (!details.open || details.querySelector('table')) return;
    const degree = new Map<string, number>();
    for (const e of model.relations) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const groupSize = new Map<string, number>();
    const groupLead = new Map<string, string>();
    for (const g of [...model.nodes]) for (const m of g.members) {
      groupSize.set(m.id, g.members.length);
      groupLead.set(m.id, g.lead.id);
    }
    const rows = [...event.graph.nodes].sort((x, y) => (x.published ?? '9999').localeCompare(y.published ?? '9999') || x.name.localeCompare(y.name));
    details.append(
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'relations', 'data-testid': 'graph-articles' },
          h('thead', {}, h('tr', {}, ...['Article', 'Outlet', 'Published', 'Links', 'In graph'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            ...rows.map((n) =>
              h(
                'tr',
                {},
                h('td', {}, link(routes.article(n.id), n.title ?? n.name)),
                h('td', {}, n.source ?? '—'),
                h('td', {}, formatDate(n.published)),
                h('td', { class: 'num' }, degree.get(n.id) ?? 0),
                h('td', {}, groupLead.has(n.id) ? (groupLead.get(n.id) === n.id ? (groupSize.get(n.id)! > 1 ? `yes, ×${groupSize.get(n.id)}` : 'yes') : 'folded into its duplicate') : 'no'),
              ),
            ),
          ),
        ),
      ),
    );
  });
  return details;
}

/** The colour key for the relation kinds present. */
export function graphLegend(): HTMLElement {
  return h('div', { class: 'legend graph-legend' }, h('span', { class: 'key-note' }, 'Arrows run from source to copy; a dashed line: source unknown; a thick border: a source; shaded: identical copies folded together.'));
}
