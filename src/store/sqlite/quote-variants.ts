import type { QuoteGroup, QuoteGroupHeader, QuoteVariantRecord } from '../../core/types.js';
import { assembleQuoteGroup } from '../../extract/quote-groups.js';
import { quoteVariantToRow, rowToQuoteVariant, type QuoteGroupRow, type QuoteVariantRow } from './rows.js';
import type { Statements } from './statements.js';

/**
 * Adds one variant: the group's header row is created (listed last) or updated (it keeps its place),
 * its variant and distinct-wording counts move on, and the variant is one new row.
 */
export function addQuoteVariant(st: Statements, group: QuoteGroupHeader, variant: QuoteVariantRecord): void {
  st.atomically(() => {
    const newWording = st.get('SELECT 1 FROM quote_variants WHERE group_id = ? AND text = ? LIMIT 1').get(group.id, variant.text) === undefined;
    st.get(
      `INSERT INTO quote_groups (id, speaker, variant_count, wordings, position)
       VALUES (@id, @speaker, 1, 1, (SELECT COALESCE(MAX(position), -1) + 1 FROM quote_groups))
       ON CONFLICT(id) DO UPDATE SET speaker = excluded.speaker, variant_count = variant_count + 1, wordings = wordings + @more`,
    ).run({ id: group.id, speaker: group.speaker, more: newWording ? 1 : 0 });
    st.get(
      `INSERT INTO quote_variants (group_id, article, quote, text, span_begin, span_end, speaker, published, name)
       VALUES (@group_id, @article, @quote, @text, @span_begin, @span_end, @speaker, @published, @name)`,
    ).run(quoteVariantToRow(group.id, variant));
  });
}

/** Groups as readers see them, each with every variant (one query for the variants of the whole page). */
export function withVariants(st: Statements, rows: readonly QuoteGroupRow[]): QuoteGroup[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const variants = st.get(`SELECT * FROM quote_variants WHERE group_id IN (${ids.map(() => '?').join(',')})`).all(...ids) as QuoteVariantRow[];
  return assembleGroups(rows, variants);
}

/** Each group row with its variant rows (any order: `assembleQuoteGroup` puts them in publication order). Both stores read groups through this. */
export function assembleGroups(rows: readonly QuoteGroupRow[], variants: readonly QuoteVariantRow[]): QuoteGroup[] {
  const byGroup = new Map<string, QuoteVariantRecord[]>(rows.map((r) => [r.id, []]));
  for (const v of variants) byGroup.get(v.group_id)?.push(rowToQuoteVariant(v));
  return rows.map((r) => assembleQuoteGroup({ id: r.id, speaker: r.speaker }, byGroup.get(r.id)!));
}

/**
 * Most variants a group carries in a listed page. A quote repeated in 13,000 articles made one page of
 * the quote board 49 MB; a page shows how the wording drifted, and the rest is one export away.
 */
export const LISTED_VARIANTS = 12;

/** A variant's place in its group: publication day (undated last), article name, position; `COLLATE BINARY`, as JavaScript compares. */
export const VARIANT_ORDER = "coalesce(published, '9999'), name, span_begin";

/** VARIANT_ORDER as one string that sorts the same (a NUL between the parts, the position zero-padded). */
const VARIANT_KEY = "coalesce(published, '9999') || char(0) || name || char(0) || printf('%012d', span_begin)";

/**
 * Groups as a listed page shows them: a group of up to LISTED_VARIANTS variants with every one, a
 * bigger one with the first of each of its first wordings (the earliest variant of each wording, read
 * from the group's index by wording alone, which holds each variant's place since schema 13; the first
 * LISTED_VARIANTS of those in publication order), each with its totals. An index in publication order
 * would read fewer entries, but it cost ~9 more pages of log per ingested article (a quote group is a
 * random place in any index that starts with it); widening the index by wording cost nothing more.
 */
export function withListedVariants(st: Statements, rows: readonly QuoteGroupRow[]): QuoteGroup[] {
  const small = rows.filter((r) => r.variant_count <= LISTED_VARIANTS);
  const variants = small.length > 0 ? (st.get(`SELECT * FROM quote_variants WHERE group_id IN (${small.map(() => '?').join(',')})`).all(...small.map((r) => r.id)) as QuoteVariantRow[]) : [];
  const earliest = st.get(`SELECT rowid AS at, min(${VARIANT_KEY}) AS place FROM quote_variants WHERE group_id = ? GROUP BY text`);
  const chosen: number[] = [];
  for (const r of rows) {
    if (r.variant_count <= LISTED_VARIANTS) continue;
    const wordings = (earliest.all(r.id) as Array<{ at: number; place: string }>).sort((x, y) => (x.place < y.place ? -1 : x.place > y.place ? 1 : 0));
    chosen.push(...wordings.slice(0, LISTED_VARIANTS).map((w) => w.at));
  }
  if (chosen.length > 0) variants.push(...(st.get('SELECT * FROM quote_variants WHERE rowid IN (SELECT value FROM json_each(?))').all(JSON.stringify(chosen)) as QuoteVariantRow[]));
  return withTotals(rows, assembleGroups(rows, variants));
}

/** Each assembled group with its row's totals (same order). */
export function withTotals(rows: readonly QuoteGroupRow[], groups: QuoteGroup[]): QuoteGroup[] {
  return groups.map((g, i) => ({ ...g, variantCount: rows[i]!.variant_count, wordings: rows[i]!.wordings }));
}
