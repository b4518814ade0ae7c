import type { Entity, Quote, QuoteGroup, QuoteGroupHeader, QuoteVariantRecord, Relation, RelationEnds, StoryEvent, Storyline } from '../../core/types.js';
import { addQuoteVariant, withVariants } from './quote-variants.js';
import { createError } from '../../core/errors.js';
import { mergeEntities } from '../entities.js';
import { resolvePage } from '../page.js';
import type { Page, QuoteGroupFilter } from '../store.js';
import { pageAfterNullsLast, type NullsLastOrder } from './keyset.js';
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
} from './rows.js';
import { unknownPageKey, withArticles, type Statements } from './statements.js';
import { MemberTables } from './member-writes.js';

const EVENT_ORDER = 'date_begin IS NULL, date_begin, date_end, seq';
const EVENT_KEYSET: NullsLastOrder = { lead: 'date_begin', rest: ['date_end', 'seq'] };

/** Relations, events, storylines, quotes, quote groups and entities, synchronously. */
export class LinkTables {
  readonly members: MemberTables;

  constructor(private readonly st: Statements) {
    this.members = new MemberTables(st);
  }

  putRelation(relation: Relation): void {
    withArticles(`${relation.a} or ${relation.b}`, () =>
      this.st.get(
        `INSERT OR REPLACE INTO relations (a, b, kind, score, similarity, reuse, source, evidence, passages)
         VALUES (@a, @b, @kind, @score, @similarity, @reuse, @source, @evidence, @passages)`,
      ).run(relationToRow(relation)),
    );
  }

  relationsAmong(ids: readonly string[]): RelationEnds[] {
    if (ids.length === 0) return [];
    const members = JSON.stringify(ids);
    return this.st
      .get('SELECT a, b, kind, score, source FROM relations WHERE a IN (SELECT value FROM json_each(@members)) AND b IN (SELECT value FROM json_each(@members)) ORDER BY score DESC, seq')
      .all({ members }) as RelationEnds[];
  }

  /** Strongest first; keyset key `a|b` (either order). */
  listRelations(articleId?: string, page?: Page): Relation[] {
    const { offset, limit } = resolvePage(page);
    const touching = articleId === undefined ? '' : '(a = @article OR b = @article) AND';
    const params: Record<string, unknown> = { limit, offset: page?.after === undefined ? offset : 0 };
    if (articleId !== undefined) params.article = articleId;
    let after = '';
    if (page?.after !== undefined) {
      const [a, b] = splitPair(page.after);
      const key = this.st
        .get('SELECT score, seq FROM relations WHERE min(a, b) = min(@a, @b) AND max(a, b) = max(@a, @b)')
        .get({ a, b }) as { score: number; seq: number } | undefined;
      if (!key) throw unknownPageKey('relation', page.after);
      after = 'score <= @score AND (score < @score OR seq > @seq) AND';
      Object.assign(params, key);
    }
    const rows = this.st
      .get(`SELECT * FROM relations WHERE ${touching} ${after} 1 ORDER BY score DESC, seq LIMIT @limit OFFSET @offset`)
      .all(params) as RelationRow[];
    return rows.map(rowToRelation);
  }

  /** Rows of a counted table (kept by triggers: see migration 8). */
  private rowCount(table: 'relations' | 'events' | 'storylines'): number {
    return this.st.get('SELECT n FROM row_counts WHERE name = ?').pluck().get(table) as number;
  }

  countRelations(): number {
    return this.rowCount('relations');
  }

  putEvent(event: StoryEvent): void {
    this.st.atomically(() => {
      this.members.putEventHeader(event);
      this.members.replaceEventMembers(event);
    });
  }

  deleteEvent(id: string): void {
    this.st.get('DELETE FROM events WHERE id = ?').run(id);
  }

  listEvents(page?: Page): StoryEvent[] {
    const { offset, limit } = resolvePage(page);
    let rows: EventRow[];
    if (page?.after === undefined) {
      rows = this.st.get(`SELECT * FROM events ORDER BY ${EVENT_ORDER} LIMIT ? OFFSET ?`).all(limit, offset) as EventRow[];
    } else {
      const key = this.st.get('SELECT date_begin, date_end, seq FROM events WHERE id = ?').raw().get(page.after) as unknown[] | undefined;
      if (!key) throw unknownPageKey('event', page.after);
      rows = pageAfterNullsLast(EVENT_KEYSET, key, limit, (where, params, orderBy, n) =>
        this.st.get(`SELECT * FROM events INDEXED BY events_order WHERE ${where} ORDER BY ${orderBy} LIMIT ?`).all(...params, n) as EventRow[],
      );
    }
    return rows.map((r) => rowToEvent(r, this.members.eventMembers(r.id)));
  }

  countEvents(): number {
    return this.rowCount('events');
  }

  getEvent(id: string): StoryEvent | undefined {
    const row = this.st.get('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? rowToEvent(row, this.members.eventMembers(id)) : undefined;
  }

  eventOfArticle(articleId: string): string | undefined {
    return this.st.get('SELECT event_id FROM event_articles WHERE article_id = ? LIMIT 1').pluck().get(articleId) as string | undefined;
  }

  putStoryline(storyline: Storyline): void {
    this.st.atomically(() => {
      this.st.get(
        `INSERT INTO storylines (id, title, events, reasons, position)
         VALUES (?, ?, '[]', '[]', (SELECT COALESCE(MAX(position), -1) + 1 FROM storylines))
         ON CONFLICT(id) DO UPDATE SET title = excluded.title`,
      ).run(storyline.id, storyline.title);
      this.members.replaceStorylineMembers(storyline);
    });
  }

  deleteStoryline(id: string): void {
    this.st.get('DELETE FROM storylines WHERE id = ?').run(id);
  }

  listStorylines(page?: Page): Storyline[] {
    const { offset, limit } = resolvePage(page);
    const from = this.positionAfter('storylines', 'storyline', page?.after);
    const rows = this.st
      .get('SELECT * FROM storylines WHERE position > ? ORDER BY position LIMIT ? OFFSET ?')
      .all(from, limit, page?.after === undefined ? offset : 0) as StorylineRow[];
    return rows.map((r) => rowToStoryline(r, this.members.storylineMembers(r.id)));
  }

  countStorylines(): number {
    return this.rowCount('storylines');
  }

  getStoryline(id: string): Storyline | undefined {
    const row = this.st.get('SELECT * FROM storylines WHERE id = ?').get(id) as StorylineRow | undefined;
    return row ? rowToStoryline(row, this.members.storylineMembers(id)) : undefined;
  }

  /** The position a keyset page starts after: the key row's, or before the first row without a key. */
  private positionAfter(table: 'storylines' | 'quote_groups', list: string, after: string | undefined): number {
    if (after === undefined) return -1;
    const position = this.st.get(`SELECT position FROM ${table} WHERE id = ?`).pluck().get(after) as number | undefined;
    if (position === undefined) throw unknownPageKey(list, after);
    return position;
  }

  putQuotes(articleId: string, quotes: Quote[]): void {
    const stray = quotes.find((q) => q.article !== articleId);
    if (stray) throw createError('BAD_REQUEST', `quote ${stray.id} belongs to ${stray.article}, not ${articleId}`);
    this.st.atomically(() => {
      this.st.get('DELETE FROM quotes WHERE article = ?').run(articleId);
      const insert = this.st.get(
        `INSERT INTO quotes (id, article, text, span_begin, span_end, speaker, speaker_span, cue, indirect)
         VALUES (@id, @article, @text, @span_begin, @span_end, @speaker, @speaker_span, @cue, @indirect)`,
      );
      withArticles(articleId, () => {
        for (const quote of quotes) insert.run(quoteToRow(quote));
      });
    });
  }

  listQuotes(articleId?: string): Quote[] {
    const rows = (
      articleId === undefined
        ? this.st.get('SELECT * FROM quotes ORDER BY article, span_begin, span_end').all()
        : this.st.get('SELECT * FROM quotes WHERE article = ? ORDER BY span_begin, span_end').all(articleId)
    ) as QuoteRow[];
    return rows.map(rowToQuote);
  }

  addQuoteVariant(group: QuoteGroupHeader, variant: QuoteVariantRecord): void {
    addQuoteVariant(this.st, group, variant);
  }

  listQuoteGroups(page?: Page, filter: QuoteGroupFilter = {}): QuoteGroup[] {
    const { offset, limit } = resolvePage(page);
    const from = this.positionAfter('quote_groups', 'quote group', page?.after);
    const skip = page?.after === undefined ? offset : 0;
    const rows = (
      minVariants(filter) > 1
        ? this.st
            .get('SELECT * FROM quote_groups WHERE variant_count >= ? AND position > ? ORDER BY position LIMIT ? OFFSET ?')
            .all(minVariants(filter), from, limit, skip)
        : this.st.get('SELECT * FROM quote_groups WHERE position > ? ORDER BY position LIMIT ? OFFSET ?').all(from, limit, skip)
    ) as QuoteGroupRow[];
    return withVariants(this.st, rows);
  }

  countQuoteGroups(filter: QuoteGroupFilter = {}): number {
    return this.st.get('SELECT count(*) FROM quote_groups WHERE variant_count >= ?').pluck().get(minVariants(filter)) as number;
  }

  putEntities(articleId: string, entities: Entity[]): void {
    this.st.atomically(() => {
      this.st.get('DELETE FROM entities WHERE article = ?').run(articleId);
      const insert = this.st.get(
        `INSERT INTO entities (article, position, name, kind, aliases, roles)
         VALUES (@article, @position, @name, @kind, @aliases, @roles)`,
      );
      withArticles(articleId, () => {
        entities.forEach((e, position) => insert.run(entityToRow(articleId, e, position)));
      });
    });
  }

  listEntities(articleId?: string): Entity[] {
    if (articleId !== undefined) {
      const rows = this.st.get('SELECT * FROM entities WHERE article = ? ORDER BY position').all(articleId) as EntityRow[];
      return rows.map(rowToEntity);
    }
    const rows = this.st.get('SELECT * FROM entities ORDER BY article, position').all() as EntityRow[];
    return mergeEntities(rows.map(rowToEntity));
  }
}

export function minVariants(filter: QuoteGroupFilter): number {
  const wanted = filter.minVariants ?? 1;
  return Number.isFinite(wanted) ? Math.max(1, Math.floor(wanted)) : 1;
}

/** `a|b` → [a, b]; a key without `|` names no relation. */
export function splitPair(key: string): [string, string] {
  const bar = key.indexOf('|');
  if (bar === -1) throw unknownPageKey('relation', key);
  return [key.slice(0, bar), key.slice(bar + 1)];
}
