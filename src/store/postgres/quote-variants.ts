import type { QuoteGroup, QuoteGroupHeader, QuoteVariantRecord } from '../../core/types.js';
import { assembleGroups, LISTED_VARIANTS, VARIANT_ORDER, withTotals } from '../sqlite/quote-variants.js';
import { quoteVariantToRow, type QuoteGroupRow, type QuoteVariantRow } from '../sqlite/rows.js';
import type { Sql } from './sql.js';

/**
 * Adds one variant in one statement: the group's header row is created (listed last) or updated (it
 * keeps its place), its variant and distinct-wording counts move on (the wording check sees the
 * variants from before this statement), and the variant is one new row.
 */
export async function addQuoteVariant(sql: Sql, group: QuoteGroupHeader, variant: QuoteVariantRecord): Promise<void> {
  const v = quoteVariantToRow(group.id, variant);
  await sql.rows(
    `WITH g AS (
       INSERT INTO quote_groups (id, speaker, variant_count, wordings, position)
       VALUES ($1, $2, 1, 1, (SELECT COALESCE(MAX(position), -1) + 1 FROM quote_groups))
       ON CONFLICT (id) DO UPDATE SET speaker = excluded.speaker, variant_count = quote_groups.variant_count + 1,
         wordings = quote_groups.wordings
           + CASE WHEN EXISTS (SELECT 1 FROM quote_variants WHERE group_id = $1 AND md5(text) = md5($3::text) AND text = $3::text) THEN 0 ELSE 1 END
       RETURNING id
     )
     INSERT INTO quote_variants (group_id, article, quote, text, span_begin, span_end, speaker, published, name)
     SELECT g.id, $4, $5, $3, $6, $7, $8, $9, $10 FROM g`,
    [group.id, group.speaker, v.text, v.article, v.quote, v.span_begin, v.span_end, v.speaker, v.published, v.name],
  );
}

/**
 * Groups as readers see them, each with every variant (one query for the variants of the whole page).
 * Variants come in (text, insertion) order, as SQLite's index hands them to `assembleQuoteGroup`.
 */
export async function withVariants(sql: Sql, rows: readonly QuoteGroupRow[]): Promise<QuoteGroup[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const variants = await sql.rows<QuoteVariantRow>('SELECT * FROM quote_variants WHERE group_id = ANY($1::text[]) ORDER BY group_id, text, seq', [ids]);
  return assembleGroups(rows, variants);
}

/**
 * Groups as a listed page shows them (`withListedVariants` of the SQLite store): every variant of a
 * small group; of a bigger one, the earliest variant of each wording, and of those the first
 * LISTED_VARIANTS in publication order. Names compare byte for byte, as SQLite and JavaScript do.
 */
export async function withListedVariants(sql: Sql, rows: readonly QuoteGroupRow[]): Promise<QuoteGroup[]> {
  if (rows.length === 0) return [];
  const small = rows.filter((r) => r.variant_count <= LISTED_VARIANTS).map((r) => r.id);
  const big = rows.filter((r) => r.variant_count > LISTED_VARIANTS).map((r) => r.id);
  const order = VARIANT_ORDER.split(', ').map((c) => (c === 'span_begin' ? c : `${c} COLLATE "C"`)).join(', ');
  const variants = small.length > 0 ? await sql.rows<QuoteVariantRow>('SELECT * FROM quote_variants WHERE group_id = ANY($1::text[]) ORDER BY group_id, text, seq', [small]) : [];
  if (big.length > 0) {
    const earliest = await sql.rows<QuoteVariantRow>(
      `SELECT * FROM (SELECT DISTINCT ON (group_id, text) * FROM quote_variants WHERE group_id = ANY($1::text[]) ORDER BY group_id, text, ${order}) w ORDER BY group_id, ${order}`,
      [big],
    );
    const byGroup = new Map<string, QuoteVariantRow[]>(big.map((id) => [id, []]));
    for (const v of earliest) byGroup.get(v.group_id)!.push(v);
    // One row per wording already, in publication order: the first LISTED_VARIANTS of them.
    for (const group of byGroup.values()) variants.push(...group.slice(0, LISTED_VARIANTS));
  }
  return withTotals(rows, assembleGroups(rows, variants));
}
