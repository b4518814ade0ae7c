import type { Entity, Quote, QuoteGroup, QuoteGroupHeader, QuoteVariantRecord, Relation, RelationEnds, StoryEvent, Storyline } from '../../core/types.js';
import { createError } from '../../core/errors.js';
import { mergeEntities } from '../entities.js';
import { resolvePage } from '../page.js';
import type { Page, QuoteGroupFilter } from '../store.js';
import { pageAfterNullsLast, type NullsLastOrder } from '../sqlite/keyset.js';
import {
  entityToRow,
  quoteToRow,
  relationToRow,
  rowToEntity,
  rowToEvent,
  rowToQuote,
  rowToRelation,
  rowToStoryline,
  type EntityRow,
  type EventRow,
  type QuoteGroupRow,
  type QuoteRow,
  type RelationRow,
  type StorylineRow,
} from '../sqlite/rows.js';
import { unknownPageKey } from '../sqlite/statements.js';
import { minVariants, splitPair } from '../sqlite/link-tables.js';
import { PG_DIALECT } from './article-queries.js';
import { MemberQueries } from './member-queries.js';
import { numbered, withArticles, type Sql } from './sql.js';
import { addQuoteVariant, withVariants } from './quote-variants.js';

const EVENT_ORDER = '(date_begin IS NULL), date_begin, date_end NULLS FIRST, seq';
const EVENT_KEYSET: NullsLastOrder = { lead: 'date_begin', rest: ['date_end', 'seq'] };

/** Relations, events, storylines, quotes, quote groups and entities. */
export class LinkQueries {
  readonly members: MemberQueries;

  constructor(private readonly sql: Sql) {
    this.members = new MemberQueries(sql);
  }

  /** Replaces the pair's relation; the replacement takes a new seq, as a new row would. */
  async putRelation(relation: Relation): Promise<void> {
    const r = relationToRow(relation);
    await withArticles(`${relation.a} or ${relation.b}`, () =>
      this.sql.rows(
        `INSERT INTO relations (a, b, kind, score, similarity, reuse, source, evidence, passages) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (LEAST(a, b), GREATEST(a, b)) DO UPDATE SET seq = DEFAULT, a = excluded.a, b = excluded.b, kind = excluded.kind,
           score = excluded.score, similarity = excluded.similarity, reuse = excluded.reuse, source = excluded.source,
           evidence = excluded.evidence, passages = excluded.passages`,
        [r.a, r.b, r.kind, r.score, r.similarity, r.reuse, r.source, r.evidence, r.passages],
      ),
    );
  }

  async relationsAmong(ids: readonly string[]): Promise<RelationEnds[]> {
    if (ids.length === 0) return [];
    return this.sql.rows<RelationEnds>('SELECT a, b, kind, score, source FROM relations WHERE a = ANY($1::text[]) AND b = ANY($1::text[]) ORDER BY score DESC, seq', [[...ids]]);
  }

  async listRelations(articleId?: string, page?: Page): Promise<Relation[]> {
    const { offset, limit } = resolvePage(page);
    const params: unknown[] = [limit, page?.after === undefined ? offset : 0];
    const where: string[] = [];
    if (articleId !== undefined) {
      params.push(articleId);
      where.push(`(a = $${params.length} OR b = $${params.length})`);
    }
    if (page?.after !== undefined) {
      const [a, b] = splitPair(page.after);
      const [key] = await this.sql.rows<{ score: number; seq: number }>(
        'SELECT score, seq FROM relations WHERE LEAST(a, b) = LEAST($1::text, $2::text) AND GREATEST(a, b) = GREATEST($1::text, $2::text)',
        [a, b],
      );
      if (!key) throw unknownPageKey('relation', page.after);
      params.push(key.score, key.seq);
      const [score, seq] = [`$${params.length - 1}`, `$${params.length}`];
      where.push(`score <= ${score} AND (score < ${score} OR seq > ${seq})`);
    }
    const rows = await this.sql.rows<RelationRow>(
      `SELECT * FROM relations ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY score DESC, seq LIMIT $1 OFFSET $2`,
      params,
    );
    return rows.map(rowToRelation);
  }

  async countRelations(): Promise<number> {
    return count(this.sql, 'relations');
  }

  async putEvent(event: StoryEvent): Promise<void> {
    await this.members.putEventHeader(event);
    await this.members.replaceEventMembers(event);
  }

  async deleteEvent(id: string): Promise<void> {
    await this.sql.rows('DELETE FROM events WHERE id = $1', [id]);
  }

  async listEvents(page?: Page): Promise<StoryEvent[]> {
    const { offset, limit } = resolvePage(page);
    let rows: Array<EventRow & { seq: number }>;
    if (page?.after === undefined) {
      rows = await this.sql.rows(`SELECT * FROM events ORDER BY ${EVENT_ORDER} LIMIT $1 OFFSET $2`, [limit, offset]);
    } else {
      const [key] = await this.sql.rows<EventRow & { seq: number }>('SELECT date_begin, date_end, seq FROM events WHERE id = $1', [page.after]);
      if (!key) throw unknownPageKey('event', page.after);
      rows = await pageAfterNullsLast(
        EVENT_KEYSET,
        [key.date_begin, key.date_end, key.seq],
        limit,
        (where, params, orderBy, n) => this.sql.rows<EventRow & { seq: number }>(numbered(`SELECT * FROM events WHERE ${where} ORDER BY ${orderBy} LIMIT ?`), [...params, n]),
        PG_DIALECT,
      );
    }
    const members = await this.members.eventMembers(rows.map((r) => r.id));
    return rows.map((r) => rowToEvent(r, members.get(r.id)!));
  }

  async countEvents(): Promise<number> {
    return count(this.sql, 'events');
  }

  async getEvent(id: string): Promise<StoryEvent | undefined> {
    const [row] = await this.sql.rows<EventRow>('SELECT * FROM events WHERE id = $1', [id]);
    return row ? rowToEvent(row, (await this.members.eventMembers([id])).get(id)!) : undefined;
  }

  async eventOfArticle(articleId: string): Promise<string | undefined> {
    const [row] = await this.sql.rows<{ event_id: string }>('SELECT event_id FROM event_articles WHERE article_id = $1 LIMIT 1', [articleId]);
    return row?.event_id;
  }

  async putStoryline(storyline: Storyline): Promise<void> {
    await this.sql.rows(
      `INSERT INTO storylines (id, title, position) VALUES ($1, $2, (SELECT COALESCE(MAX(position), -1) + 1 FROM storylines))
       ON CONFLICT (id) DO UPDATE SET title = excluded.title`,
      [storyline.id, storyline.title],
    );
    await this.members.replaceStorylineMembers(storyline);
  }

  async deleteStoryline(id: string): Promise<void> {
    await this.sql.rows('DELETE FROM storylines WHERE id = $1', [id]);
  }

  async listStorylines(page?: Page): Promise<Storyline[]> {
    const { offset, limit } = resolvePage(page);
    const from = await this.positionAfter('storylines', 'storyline', page?.after);
    const rows = await this.sql.rows<StorylineRow>('SELECT * FROM storylines WHERE position > $1 ORDER BY position LIMIT $2 OFFSET $3', [
      from,
      limit,
      page?.after === undefined ? offset : 0,
    ]);
    const members = await this.members.storylineMembers(rows.map((r) => r.id));
    return rows.map((r) => rowToStoryline(r, members.get(r.id)!));
  }

  async countStorylines(): Promise<number> {
    return count(this.sql, 'storylines');
  }

  async getStoryline(id: string): Promise<Storyline | undefined> {
    const [row] = await this.sql.rows<StorylineRow>('SELECT * FROM storylines WHERE id = $1', [id]);
    return row ? rowToStoryline(row, (await this.members.storylineMembers([id])).get(id)!) : undefined;
  }

  private async positionAfter(table: 'storylines' | 'quote_groups', list: string, after: string | undefined): Promise<number> {
    if (after === undefined) return -1;
    const [row] = await this.sql.rows<{ position: number }>(`SELECT position FROM ${table} WHERE id = $1`, [after]);
    if (!row) throw unknownPageKey(list, after);
    return row.position;
  }

  async putQuotes(articleId: string, quotes: Quote[]): Promise<void> {
    refuseStrayQuotes(articleId, quotes);
    await this.sql.rows('DELETE FROM quotes WHERE article = $1', [articleId]);
    await withArticles(articleId, () => this.insertQuotes(quotes));
  }

  /** Inserts quotes of any number of articles in one statement. */
  async insertQuotes(quotes: readonly Quote[]): Promise<void> {
    if (quotes.length === 0) return;
    const rows = quotes.map(quoteToRow);
    const column = <K extends keyof QuoteRow>(k: K) => rows.map((r) => r[k]);
    await this.sql.rows(
      `INSERT INTO quotes (id, article, text, span_begin, span_end, speaker, speaker_span, cue, indirect)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::smallint[])`,
      [column('id'), column('article'), column('text'), column('span_begin'), column('span_end'), column('speaker'), column('speaker_span'), column('cue'), column('indirect')],
    );
  }

  async listQuotes(articleId?: string): Promise<Quote[]> {
    const rows =
      articleId === undefined
        ? await this.sql.rows<QuoteRow>('SELECT * FROM quotes ORDER BY article, span_begin, span_end')
        : await this.sql.rows<QuoteRow>('SELECT * FROM quotes WHERE article = $1 ORDER BY span_begin, span_end', [articleId]);
    return rows.map(rowToQuote);
  }

  async addQuoteVariant(group: QuoteGroupHeader, variant: QuoteVariantRecord): Promise<void> {
    await addQuoteVariant(this.sql, group, variant);
  }

  async listQuoteGroups(page?: Page, filter: QuoteGroupFilter = {}): Promise<QuoteGroup[]> {
    const { offset, limit } = resolvePage(page);
    const from = await this.positionAfter('quote_groups', 'quote group', page?.after);
    const rows = await this.sql.rows<QuoteGroupRow>(
      'SELECT * FROM quote_groups WHERE variant_count >= $1 AND position > $2 ORDER BY position LIMIT $3 OFFSET $4',
      [minVariants(filter), from, limit, page?.after === undefined ? offset : 0],
    );
    return withVariants(this.sql, rows);
  }

  async countQuoteGroups(filter: QuoteGroupFilter = {}): Promise<number> {
    return (await this.sql.rows<{ n: number }>('SELECT count(*) AS n FROM quote_groups WHERE variant_count >= $1', [minVariants(filter)]))[0].n;
  }

  async putEntities(articleId: string, entities: Entity[]): Promise<void> {
    await this.sql.rows('DELETE FROM entities WHERE article = $1', [articleId]);
    await withArticles(articleId, () => this.insertEntities([{ articleId, entities }]));
  }

  /** Inserts the entities of any number of articles in one statement. */
  async insertEntities(found: ReadonlyArray<{ articleId: string; entities: readonly Entity[] }>): Promise<void> {
    const rows = found.flatMap(({ articleId, entities }) => entities.map((e, position) => entityToRow(articleId, e, position)));
    if (rows.length === 0) return;
    const column = <K extends keyof EntityRow>(k: K) => rows.map((r) => r[k]);
    await this.sql.rows(
      `INSERT INTO entities (article, position, name, kind, aliases, roles)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [column('article'), column('position'), column('name'), column('kind'), column('aliases'), column('roles')],
    );
  }

  async listEntities(articleId?: string): Promise<Entity[]> {
    if (articleId !== undefined) {
      return (await this.sql.rows<EntityRow>('SELECT * FROM entities WHERE article = $1 ORDER BY position', [articleId])).map(rowToEntity);
    }
    return mergeEntities((await this.sql.rows<EntityRow>('SELECT * FROM entities ORDER BY article, position')).map(rowToEntity));
  }
}

/** Every quote stored for an article must be one of its own. */
export function refuseStrayQuotes(articleId: string, quotes: readonly Quote[]): void {
  const stray = quotes.find((q) => q.article !== articleId);
  if (stray) throw createError('BAD_REQUEST', `quote ${stray.id} belongs to ${stray.article}, not ${articleId}`);
}

async function count(sql: Sql, table: string): Promise<number> {
  return (await sql.rows<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n;
}
