import Database from 'better-sqlite3';
import type {
  Article,
  ArticleSummary,
  Entity,
  QuarantineRecord,
  Quote,
  QuoteGroup,
  Relation,
  StoryEvent,
  Storyline,
} from '../../core/types.js';
import { createError } from '../../core/errors.js';
import { mergeEntities } from '../entities.js';
import { resolvePage } from '../page.js';
import type { Page, QuoteGroupFilter, SearchHit, Store } from '../store.js';
import { looksLikeFtsSyntax, quoteQuery } from './fts.js';
import { migrate, schemaVersion, SCHEMA_VERSION } from './migrations.js';
import {
  articleToRow,
  entityToRow,
  eventToRow,
  quoteGroupToRow,
  quoteToRow,
  relationToRow,
  rowToArticle,
  rowToEntity,
  rowToEvent,
  rowToQuarantine,
  rowToQuote,
  rowToQuoteGroup,
  rowToRelation,
  rowToStoryline,
  rowToSummary,
  storylineToRow,
  SUMMARY_COLUMNS,
  type ArticleRow,
  type EntityRow,
  type EventRow,
  type QuarantineRow,
  type QuoteGroupRow,
  type QuoteRow,
  type RelationRow,
  type StorylineRow,
  type SummaryRow,
} from './rows.js';

export interface SqliteStoreOptions {
  /** Open without writing: no migrations, no WAL switch; fails if the file is missing or not current. */
  readonly?: boolean;
}

/** Sorts after any character a name or id can continue with, for index range scans on a prefix. */
const PREFIX_END = '\u{10FFFF}';

const ARTICLE_ORDER = 'published IS NULL, published, name, seq';

/** The embedded store: one SQLite file (or ':memory:'), synchronous, via better-sqlite3. */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.db = db;
  }

  /** Prepares `sql` once and reuses the statement afterwards. */
  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  putArticle(article: Article): boolean {
    const row = articleToRow(article, new Date().toISOString());
    const result = this.stmt(
      `INSERT INTO articles (id, name, format, title, source, url, byline, dateline, published, wire, language,
         based_on, text, paragraphs, captions, contributors, words, source_map, ingested_at)
       VALUES (@id, @name, @format, @title, @source, @url, @byline, @dateline, @published, @wire, @language,
         @based_on, @text, @paragraphs, @captions, @contributors, @words, @source_map, @ingested_at)
       ON CONFLICT(id) DO NOTHING`,
    ).run(row);
    return result.changes > 0;
  }

  getArticle(idOrName: string): Article | undefined {
    if (idOrName === '') return undefined;
    const exact = this.stmt('SELECT * FROM articles WHERE id = ?').get(idOrName) as ArticleRow | undefined;
    if (exact) return rowToArticle(exact);
    const byName = this.stmt('SELECT * FROM articles WHERE name = ? LIMIT 2').all(idOrName) as ArticleRow[];
    if (byName.length === 1) return rowToArticle(byName[0]);
    const row = this.uniquePrefix('name', idOrName) ?? this.uniquePrefix('id', idOrName);
    return row ? rowToArticle(row) : undefined;
  }

  private uniquePrefix(column: 'name' | 'id', prefix: string): ArticleRow | undefined {
    const rows = this.stmt(`SELECT * FROM articles WHERE ${column} >= ? AND ${column} < ? ORDER BY ${column} LIMIT 2`).all(
      prefix,
      prefix + PREFIX_END,
    ) as ArticleRow[];
    return rows.length === 1 && rows[0][column].startsWith(prefix) ? rows[0] : undefined;
  }

  hasArticle(id: string): boolean {
    return this.stmt('SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined;
  }

  listArticles(page?: Page): ArticleSummary[] {
    const { offset, limit } = resolvePage(page);
    // Page through the (published, name) index alone, then fetch only the rows shown.
    const rows = this.stmt(
      `SELECT ${SUMMARY_COLUMNS} FROM articles
       WHERE seq IN (SELECT seq FROM articles ORDER BY ${ARTICLE_ORDER} LIMIT ? OFFSET ?)
       ORDER BY ${ARTICLE_ORDER}`,
    ).all(limit, offset) as SummaryRow[];
    return rows.map(rowToSummary);
  }

  countArticles(): number {
    return (this.stmt('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  }

  search(query: string, page?: Page): SearchHit[] {
    const { offset, limit } = resolvePage(page);
    if (looksLikeFtsSyntax(query)) {
      try {
        return this.match(query, limit, offset);
      } catch (error) {
        if (!isSqliteError(error)) throw error;
        // Not valid FTS5 after all: search for the words as typed.
      }
    }
    const quoted = quoteQuery(query);
    return quoted === null ? [] : this.match(quoted, limit, offset);
  }

  /**
   * Ranks every match by bm25 (title weighs 3, text 1) but builds snippets only for
   * the page shown: snippets re-read the text, ranking does not.
   */
  private match(expression: string, limit: number, offset: number): SearchHit[] {
    const rows = this.stmt(
      `WITH top AS (
         SELECT rowid AS seq, bm25(articles_fts, 3.0, 1.0) AS score FROM articles_fts
         WHERE articles_fts MATCH @query ORDER BY score, rowid LIMIT @limit OFFSET @offset
       )
       SELECT a.id, a.name, a.source, a.title, a.published, a.words, top.score,
         snippet(articles_fts, 1, char(1), char(2), '…', 16) AS snippet,
         highlight(articles_fts, 0, char(1), char(2)) AS title_hit
       FROM top
       JOIN articles_fts ON articles_fts.rowid = top.seq AND articles_fts MATCH @query
       JOIN articles a ON a.seq = top.seq
       ORDER BY top.score, top.seq`,
    ).all({ query: expression, limit, offset }) as Array<SummaryRow & { score: number; snippet: string; title_hit: string | null }>;
    return rows.map((r) => ({ article: rowToSummary(r), snippet: bracketHits(r.snippet, r.title_hit), rank: -r.score }));
  }

  putQuarantine(record: QuarantineRecord): void {
    this.stmt('INSERT INTO quarantine (origin, code, message, excerpt, at) VALUES (?, ?, ?, ?, ?)').run(
      record.origin,
      record.code,
      record.message,
      record.excerpt,
      new Date().toISOString(),
    );
  }

  listQuarantine(page?: Page): QuarantineRecord[] {
    const { offset, limit } = resolvePage(page);
    const rows = this.stmt('SELECT * FROM quarantine ORDER BY seq LIMIT ? OFFSET ?').all(limit, offset) as QuarantineRow[];
    return rows.map(rowToQuarantine);
  }

  putRelation(relation: Relation): void {
    this.withArticles(`${relation.a} or ${relation.b}`, () =>
      this.stmt(
        `INSERT OR REPLACE INTO relations (a, b, kind, score, source, evidence, passages)
         VALUES (@a, @b, @kind, @score, @source, @evidence, @passages)`,
      ).run(relationToRow(relation)),
    );
  }

  listRelations(articleId?: string, page?: Page): Relation[] {
    const { offset, limit } = resolvePage(page);
    const rows = (
      articleId === undefined
        ? this.stmt('SELECT * FROM relations ORDER BY score DESC, seq LIMIT ? OFFSET ?').all(limit, offset)
        : this.stmt('SELECT * FROM relations WHERE a = ? OR b = ? ORDER BY score DESC, seq LIMIT ? OFFSET ?').all(
            articleId,
            articleId,
            limit,
            offset,
          )
    ) as RelationRow[];
    return rows.map(rowToRelation);
  }

  putEvent(event: StoryEvent): void {
    this.transaction(() => {
      this.stmt(
        `INSERT INTO events (id, title, date_begin, date_end, entities, reasons)
         VALUES (@id, @title, @date_begin, @date_end, @entities, @reasons)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, date_begin = excluded.date_begin,
           date_end = excluded.date_end, entities = excluded.entities, reasons = excluded.reasons`,
      ).run(eventToRow(event));
      this.stmt('DELETE FROM event_articles WHERE event_id = ?').run(event.id);
      const insert = this.stmt('INSERT INTO event_articles (event_id, article_id, position) VALUES (?, ?, ?)');
      this.withArticles(event.articles.join(', '), () => {
        event.articles.forEach((article, position) => insert.run(event.id, article, position));
      });
    });
  }

  deleteEvent(id: string): void {
    this.stmt('DELETE FROM events WHERE id = ?').run(id);
  }

  listEvents(page?: Page): StoryEvent[] {
    const { offset, limit } = resolvePage(page);
    const rows = this.stmt(
      'SELECT * FROM events ORDER BY date_begin IS NULL, date_begin, date_end, seq LIMIT ? OFFSET ?',
    ).all(limit, offset) as EventRow[];
    return rows.map((r) => rowToEvent(r, this.eventArticles(r.id)));
  }

  getEvent(id: string): StoryEvent | undefined {
    const row = this.stmt('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? rowToEvent(row, this.eventArticles(id)) : undefined;
  }

  eventOfArticle(articleId: string): string | undefined {
    return this.stmt('SELECT event_id FROM event_articles WHERE article_id = ? LIMIT 1').pluck().get(articleId) as
      | string
      | undefined;
  }

  private eventArticles(eventId: string): string[] {
    return this.stmt('SELECT article_id FROM event_articles WHERE event_id = ? ORDER BY position')
      .pluck()
      .all(eventId) as string[];
  }

  replaceStorylines(storylines: Storyline[]): void {
    this.transaction(() => {
      this.stmt('DELETE FROM storylines').run();
      const insert = this.stmt(
        'INSERT INTO storylines (id, title, events, reasons, position) VALUES (@id, @title, @events, @reasons, @position)',
      );
      storylines.forEach((s, position) => insert.run(storylineToRow(s, position)));
    });
  }

  putStoryline(storyline: Storyline): void {
    const row = storylineToRow(storyline, 0);
    this.stmt(
      `INSERT INTO storylines (id, title, events, reasons, position)
       VALUES (@id, @title, @events, @reasons, (SELECT COALESCE(MAX(position), -1) + 1 FROM storylines))
       ON CONFLICT(id) DO UPDATE SET title = excluded.title, events = excluded.events, reasons = excluded.reasons`,
    ).run({ id: row.id, title: row.title, events: row.events, reasons: row.reasons });
  }

  deleteStoryline(id: string): void {
    this.stmt('DELETE FROM storylines WHERE id = ?').run(id);
  }

  listStorylines(page?: Page): Storyline[] {
    const { offset, limit } = resolvePage(page);
    const rows = this.stmt('SELECT * FROM storylines ORDER BY position LIMIT ? OFFSET ?').all(limit, offset) as StorylineRow[];
    return rows.map(rowToStoryline);
  }

  getStoryline(id: string): Storyline | undefined {
    const row = this.stmt('SELECT * FROM storylines WHERE id = ?').get(id) as StorylineRow | undefined;
    return row ? rowToStoryline(row) : undefined;
  }

  putQuotes(articleId: string, quotes: Quote[]): void {
    const stray = quotes.find((q) => q.article !== articleId);
    if (stray) throw createError('BAD_REQUEST', `quote ${stray.id} belongs to ${stray.article}, not ${articleId}`);
    this.transaction(() => {
      this.stmt('DELETE FROM quotes WHERE article = ?').run(articleId);
      const insert = this.stmt(
        `INSERT INTO quotes (id, article, text, span_begin, span_end, speaker, speaker_span, cue, indirect)
         VALUES (@id, @article, @text, @span_begin, @span_end, @speaker, @speaker_span, @cue, @indirect)`,
      );
      this.withArticles(articleId, () => {
        for (const quote of quotes) insert.run(quoteToRow(quote));
      });
    });
  }

  listQuotes(articleId?: string): Quote[] {
    const rows = (
      articleId === undefined
        ? this.stmt('SELECT * FROM quotes ORDER BY article, span_begin, span_end').all()
        : this.stmt('SELECT * FROM quotes WHERE article = ? ORDER BY span_begin, span_end').all(articleId)
    ) as QuoteRow[];
    return rows.map(rowToQuote);
  }

  replaceQuoteGroups(groups: QuoteGroup[]): void {
    this.transaction(() => {
      this.stmt('DELETE FROM quote_groups').run();
      const insert = this.stmt(
        `INSERT INTO quote_groups (id, speaker, variants, variant_count, position)
         VALUES (@id, @speaker, @variants, @variant_count, @position)`,
      );
      groups.forEach((g, position) => insert.run(quoteGroupToRow(g, position)));
    });
  }

  putQuoteGroup(group: QuoteGroup): void {
    const row = quoteGroupToRow(group, 0);
    this.stmt(
      `INSERT INTO quote_groups (id, speaker, variants, variant_count, position)
       VALUES (@id, @speaker, @variants, @variant_count, (SELECT COALESCE(MAX(position), -1) + 1 FROM quote_groups))
       ON CONFLICT(id) DO UPDATE SET speaker = excluded.speaker, variants = excluded.variants,
         variant_count = excluded.variant_count`,
    ).run({ id: row.id, speaker: row.speaker, variants: row.variants, variant_count: row.variant_count });
  }

  listQuoteGroups(page?: Page, filter: QuoteGroupFilter = {}): QuoteGroup[] {
    const { offset, limit } = resolvePage(page);
    const rows = (
      filter.minVariants && filter.minVariants > 1
        ? this.stmt('SELECT * FROM quote_groups WHERE variant_count >= ? ORDER BY position LIMIT ? OFFSET ?').all(filter.minVariants, limit, offset)
        : this.stmt('SELECT * FROM quote_groups ORDER BY position LIMIT ? OFFSET ?').all(limit, offset)
    ) as QuoteGroupRow[];
    return rows.map(rowToQuoteGroup);
  }

  putEntities(articleId: string, entities: Entity[]): void {
    this.transaction(() => {
      this.stmt('DELETE FROM entities WHERE article = ?').run(articleId);
      const insert = this.stmt(
        `INSERT INTO entities (article, position, name, kind, aliases, roles)
         VALUES (@article, @position, @name, @kind, @aliases, @roles)`,
      );
      this.withArticles(articleId, () => {
        entities.forEach((e, position) => insert.run(entityToRow(articleId, e, position)));
      });
    });
  }

  listEntities(articleId?: string): Entity[] {
    if (articleId !== undefined) {
      const rows = this.stmt('SELECT * FROM entities WHERE article = ? ORDER BY position').all(articleId) as EntityRow[];
      return rows.map(rowToEntity);
    }
    const rows = this.stmt('SELECT * FROM entities ORDER BY article, position').all() as EntityRow[];
    return mergeEntities(rows.map(rowToEntity));
  }

  getBlob(key: string): Uint8Array | undefined {
    const value = this.stmt('SELECT value FROM blobs WHERE key = ?').pluck().get(key) as Buffer | undefined;
    return value === undefined ? undefined : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  putBlob(key: string, value: Uint8Array): void {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    this.stmt('INSERT OR REPLACE INTO blobs (key, value) VALUES (?, ?)').run(key, bytes);
  }

  listBlobKeys(prefix: string): string[] {
    return this.stmt('SELECT key FROM blobs WHERE key >= ? AND key < ? ORDER BY key')
      .pluck()
      .all(prefix, prefix + PREFIX_END)
      .filter((key) => (key as string).startsWith(prefix)) as string[];
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }

  /** Runs a write that names articles; a missing one becomes NOT_FOUND instead of a bare constraint error. */
  private withArticles<T>(what: string, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw createError('NOT_FOUND', `article ${what} (store the article first)`);
      }
      throw error;
    }
  }
}

/** The text snippet when the hit is in the text, else the highlighted title; hits wrapped in [ ]. */
function bracketHits(snippet: string, title: string | null): string {
  const chosen = !snippet.includes('\u0001') && title?.includes('\u0001') ? title : snippet;
  return chosen.replace(/\u0001/g, '[').replace(/\u0002/g, ']');
}

function isSqliteError(error: unknown): error is InstanceType<Database.SqliteError> {
  return error instanceof Database.SqliteError;
}

/** Opens (creating and upgrading as needed) the SQLite store in `file`, or ':memory:'. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (options.readonly) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    const version = schemaVersion(db);
    if (version !== SCHEMA_VERSION) {
      db.close();
      throw createError(version > SCHEMA_VERSION ? 'DB_TOO_NEW' : 'DB_TOO_OLD', file, version, SCHEMA_VERSION);
    }
    db.pragma('query_only = ON');
    return new SqliteStore(db);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db);
}
