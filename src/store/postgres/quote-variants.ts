import type { QuoteGroup, QuoteGroupHeader, QuoteVariantRecord } from '../../core/types.js';
import { assembleGroups } from '../sqlite/quote-variants.js';
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
