import type { Article } from '../core/types.js';
import type { Store } from '../store/store.js';
import { findArticle, linkRow, orient, type LinkRow } from './queries.js';
import { pagesOf } from './paging.js';

/** Most relations one report shows (sources first); the rest are counted. */
export const REPORT_MAX_RELATIONS = 100;

/** How the other article of a relation stands to the reported one. */
export type ReportRole = 'source' | 'copy' | 'related';

export interface ReportArticle {
  id: string;
  name: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  byline: string | null;
  dateline: string | null;
  wire: string[];
  words: number;
}

export interface ReportPassage {
  edit: string;
  score: number;
  /** The passage as it reads in the reported article and in the other one. */
  text: string;
  otherText: string;
  diff: LinkRow['passages'][number]['diff'];
}

export interface ReportRelation {
  role: ReportRole;
  other: ReportArticle;
  kind: string;
  score: number;
  evidence: string[];
  passages: ReportPassage[];
}

/** Everything an evidence report for one article shows: the article, then its sources, its copies and the rest. */
export interface ReportView {
  article: ReportArticle;
  relations: ReportRelation[];
  /** Relations left out past REPORT_MAX_RELATIONS. */
  more: number;
}

const ROLE_ORDER: Record<ReportRole, number> = { source: 0, copy: 1, related: 2 };

/** The report of the article a reference names (AMBIGUOUS for a prefix of several), or undefined when none. */
export async function reportView(store: Store, ref: string): Promise<ReportView | undefined> {
  const article = await findArticle(store, ref);
  if (!article) return undefined;
  const relations = [];
  for await (const page of pagesOf((p) => store.listRelations(article.id, p), (r) => `${r.a}|${r.b}`)) relations.push(...page);
  const roleOf = (source: string | null, other: string): ReportRole => (source === other ? 'source' : source === article.id ? 'copy' : 'related');
  // Sources first, then copies, then the rest; strongest first within each (the store's order).
  const ranked = relations
    .map((r, i) => ({ r, i, role: roleOf(r.source, r.a === article.id ? r.b : r.a) }))
    .sort((x, y) => ROLE_ORDER[x.role] - ROLE_ORDER[y.role] || x.i - y.i);
  const shown = ranked.slice(0, REPORT_MAX_RELATIONS);
  const others = new Map((await store.getArticles(shown.map(({ r }) => (r.a === article.id ? r.b : r.a)))).map((a) => [a.id, a]));
  const out: ReportRelation[] = [];
  for (const { r, role } of shown) {
    const oriented = orient(r, article.id);
    const other = others.get(oriented.b);
    if (!other) continue;
    const row = linkRow(oriented, { name: (id) => (id === article.id ? article.name : other.name) });
    out.push({
      role,
      other: reportArticle(other),
      kind: row.kind,
      score: row.score,
      evidence: row.evidence,
      passages: row.passages.map((p) => ({
        edit: p.edit, score: p.score, diff: p.diff, text: article.text.slice(p.a[0], p.a[1]), otherText: other.text.slice(p.b[0], p.b[1]),
      })),
    });
  }
  return { article: reportArticle(article), relations: out, more: ranked.length - shown.length };
}

function reportArticle(a: Article): ReportArticle {
  return {
    id: a.id, name: a.name, title: a.title, outlet: a.source, published: a.published, url: a.url, byline: a.byline,
    dateline: a.dateline, wire: a.wire, words: a.words,
  };
}
