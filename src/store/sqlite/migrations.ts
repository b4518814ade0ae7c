import type { Database } from 'better-sqlite3';
import { createError } from '../../core/errors.js';
import { MEMBER_TABLES } from './member-writes.js';

/** Where the sweep of `lsh_recent` into `lsh_buckets` starts: below every band key (keys are 32-bit). */
export const SWEEP_START = -(2 ** 31) - 1;
/** Prefix of the `row_counts` names that count each relation kind. */
export const RELATION_KIND_COUNT = 'relations:';

/** One schema step. `up` runs in a transaction together with the bump of `PRAGMA user_version`. */
export interface Migration {
  version: number;
  description: string;
  up: string;
}

/**
 * Versioned schema, applied in order. Never edit a released step: append a new one.
 * `articles.seq` is the rowid alias the FTS index points at, so a VACUUM cannot
 * renumber it; `articles.id` (the content hash) is the key everything else uses.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'articles, full-text index, quarantine, blobs',
    up: `
      CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        source TEXT,
        url TEXT,
        byline TEXT,
        dateline TEXT,
        published TEXT,
        wire TEXT NOT NULL,
        language TEXT,
        based_on TEXT,
        text TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        captions TEXT NOT NULL,
        contributors TEXT NOT NULL,
        words INTEGER NOT NULL,
        source_map TEXT NOT NULL,
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX articles_name ON articles(name);
      CREATE INDEX articles_published ON articles(published IS NULL, published, name);

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content='articles', content_rowid='seq',
        tokenize='porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
      END;

      CREATE TABLE quarantine (
        seq INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        at TEXT NOT NULL
      );

      CREATE TABLE blobs (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'relations, events, storylines, quotes, quote groups, entities',
    up: `
      CREATE TABLE relations (
        seq INTEGER PRIMARY KEY,
        a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        score REAL NOT NULL,
        source TEXT,
        evidence TEXT NOT NULL,
        passages TEXT NOT NULL
      );
      CREATE UNIQUE INDEX relations_pair ON relations(min(a, b), max(a, b));
      CREATE INDEX relations_a ON relations(a);
      CREATE INDEX relations_b ON relations(b);
      CREATE INDEX relations_score ON relations(score DESC, seq);

      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        date_begin TEXT,
        date_end TEXT,
        entities TEXT NOT NULL,
        reasons TEXT NOT NULL
      );
      CREATE INDEX events_order ON events(date_begin IS NULL, date_begin, date_end, seq);
      CREATE TABLE event_articles (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (event_id, position)
      ) WITHOUT ROWID;
      CREATE INDEX event_articles_article ON event_articles(article_id);

      CREATE TABLE storylines (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        events TEXT NOT NULL,
        reasons TEXT NOT NULL,
        position INTEGER NOT NULL UNIQUE
      );

      CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        span_begin INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        speaker TEXT,
        speaker_span TEXT,
        cue TEXT,
        indirect INTEGER NOT NULL
      );
      CREATE INDEX quotes_article ON quotes(article, span_begin);
      CREATE INDEX quotes_speaker ON quotes(speaker);

      CREATE TABLE quote_groups (
        id TEXT PRIMARY KEY,
        speaker TEXT,
        variants TEXT NOT NULL,
        position INTEGER NOT NULL UNIQUE
      );

      CREATE TABLE entities (
        article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        aliases TEXT NOT NULL,
        roles TEXT NOT NULL,
        PRIMARY KEY (article, position)
      ) WITHOUT ROWID;
      CREATE INDEX entities_name ON entities(name);
    `,
  },
  {
    version: 3,
    description: 'quote groups know how many variants they have, so groups seen in several articles list fast',
    up: `
      ALTER TABLE quote_groups ADD COLUMN variant_count INTEGER NOT NULL DEFAULT 1;
      UPDATE quote_groups SET variant_count = json_array_length(variants);
      CREATE INDEX quote_groups_variant_count ON quote_groups(variant_count, position);
    `,
  },
  {
    version: 4,
    description: 'derived state as rows (state_rows, lsh_buckets) in place of blobs; articles know whether they are analysed; event and storyline members as rows',
    up: `
      CREATE TABLE state_rows (ns TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (ns, key)) WITHOUT ROWID;
      CREATE TABLE lsh_buckets (key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID;
      ALTER TABLE articles ADD COLUMN analysed INTEGER NOT NULL DEFAULT 0;  -- 0 pending, 1 done, 2 failed
      CREATE INDEX articles_pending ON articles(seq) WHERE analysed = 0;
      -- derived data of older builds is rebuilt by the next ingest:
      DELETE FROM relations; DELETE FROM event_articles; DELETE FROM events; DELETE FROM storylines; DELETE FROM quote_groups;
      DROP TABLE blobs;
      -- event and storyline members one row each, so a join costs the same however big the group:
      ${MEMBER_TABLES}
    `,
  },
  {
    version: 5,
    description: 'quote variants one row each, so a quote joining a group costs the same however big the group',
    up: `
      CREATE TABLE quote_variants (
        group_id TEXT NOT NULL,
        article TEXT NOT NULL,
        quote TEXT NOT NULL,
        text TEXT NOT NULL,
        span_begin INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        speaker TEXT,
        published TEXT,
        name TEXT NOT NULL
      );
      CREATE INDEX quote_variants_group ON quote_variants(group_id, text);
      -- rebuilt by the next ingest (the derived version moved on):
      DELETE FROM quote_groups;
      ALTER TABLE quote_groups DROP COLUMN variants;
      ALTER TABLE quote_groups ADD COLUMN wordings INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 6,
    description: 'articles by outlet, so the outlet facet counts from an index',
    up: `CREATE INDEX articles_source ON articles(source) WHERE source IS NOT NULL;`,
  },
  {
    version: 7,
    description: 'relations carry story similarity and the share of text reused beside their score',
    up: `
      ALTER TABLE relations ADD COLUMN similarity REAL NOT NULL DEFAULT 0;
      ALTER TABLE relations ADD COLUMN reuse REAL NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 8,
    description: 'row counts kept by triggers, so totals cost the same at any size (count(*) reads a whole index)',
    // Writers set recursive_triggers, so a row an INSERT OR REPLACE displaces counts as deleted.
    up: `
      CREATE TABLE row_counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO row_counts (name, n) VALUES
        ('relations', (SELECT count(*) FROM relations)),
        ('events', (SELECT count(*) FROM events)),
        ('storylines', (SELECT count(*) FROM storylines));
      CREATE TRIGGER relations_counted_insert AFTER INSERT ON relations BEGIN UPDATE row_counts SET n = n + 1 WHERE name = 'relations'; END;
      CREATE TRIGGER relations_counted_delete AFTER DELETE ON relations BEGIN UPDATE row_counts SET n = n - 1 WHERE name = 'relations'; END;
      CREATE TRIGGER events_counted_insert AFTER INSERT ON events BEGIN UPDATE row_counts SET n = n + 1 WHERE name = 'events'; END;
      CREATE TRIGGER events_counted_delete AFTER DELETE ON events BEGIN UPDATE row_counts SET n = n - 1 WHERE name = 'events'; END;
      CREATE TRIGGER storylines_counted_insert AFTER INSERT ON storylines BEGIN UPDATE row_counts SET n = n + 1 WHERE name = 'storylines'; END;
      CREATE TRIGGER storylines_counted_delete AFTER DELETE ON storylines BEGIN UPDATE row_counts SET n = n - 1 WHERE name = 'storylines'; END;
    `,
  },
  {
    version: 9,
    description: 'new LSH bucket entries go to a small table of recent ones, swept into lsh_buckets in key order (an insert into the large table wrote a page of its own)',
    up: `
      CREATE TABLE lsh_recent (key INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (key, seq)) WITHOUT ROWID;
      CREATE INDEX lsh_recent_seq ON lsh_recent(seq);
      INSERT INTO row_counts (name, n) VALUES ('lsh_recent', 0), ('lsh_recent_swept', ${SWEEP_START});
    `,
  },
  {
    version: 10,
    description: "lsh_recent loses its seq index (the sweep's deletions rewrote ~600 of its pages per checkpoint): a floor under its seqs, kept in row_counts, says when a look-up can skip it",
    up: `
      DROP INDEX lsh_recent_seq;
      INSERT INTO row_counts (name, n) VALUES ('lsh_recent_floor', 0), ('lsh_recent_wrap', 0);
    `,
  },
  {
    version: 11,
    description: "relations by kind: an index for a kind's strongest first, and each kind's count kept by triggers (the relations list's kind facet read 1.2 million rows at 193,000 articles)",
    up: `
      CREATE INDEX relations_kind ON relations(kind, score DESC, seq);
      INSERT INTO row_counts (name, n) SELECT '${RELATION_KIND_COUNT}' || kind, count(*) FROM relations GROUP BY kind;
      CREATE TRIGGER relations_kind_counted_insert AFTER INSERT ON relations BEGIN
        INSERT INTO row_counts (name, n) VALUES ('${RELATION_KIND_COUNT}' || NEW.kind, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER relations_kind_counted_delete AFTER DELETE ON relations BEGIN
        UPDATE row_counts SET n = n - 1 WHERE name = '${RELATION_KIND_COUNT}' || OLD.kind;
      END;
    `,
  },
  {
    version: 12,
    description: "events know their number of articles, kept by triggers: a storyline's totals and the events by size no longer count every event's members",
    up: `
      ALTER TABLE events ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
      UPDATE events SET size = (SELECT count(*) FROM event_articles ea WHERE ea.event_id = events.id);
      CREATE TRIGGER event_articles_counted_insert AFTER INSERT ON event_articles BEGIN
        UPDATE events SET size = size + 1 WHERE id = NEW.event_id;
      END;
      CREATE TRIGGER event_articles_counted_delete AFTER DELETE ON event_articles BEGIN
        UPDATE events SET size = size - 1 WHERE id = OLD.event_id;
      END;
      CREATE TRIGGER event_articles_counted_move AFTER UPDATE OF event_id ON event_articles WHEN OLD.event_id <> NEW.event_id BEGIN
        UPDATE events SET size = size - 1 WHERE id = OLD.event_id;
        UPDATE events SET size = size + 1 WHERE id = NEW.event_id;
      END;
    `,
  },
  {
    version: 13,
    description: "a quote group's index by wording also holds each variant's date, name and position, so the earliest variant of each wording is read from the index alone",
    up: `
      DROP INDEX quote_variants_group;
      CREATE INDEX quote_variants_group ON quote_variants(group_id, text, published, name, span_begin);
    `,
  },
  {
    version: 14,
    description:
      "derived rows may be held back in redo rows (state_rows namespace 'redo') until they are written to their places: a build that does not read them would read stale rows, so it must refuse this database",
    up: `SELECT 1;`,
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `db` up to `target` (default: the latest), one transaction per step.
 * Returns the versions applied. Throws DB_TOO_NEW when the file was written by a
 * newer wiretrace, so an old build never misreads (or damages) a newer schema.
 */
export function migrate(db: Database, file: string, target: number = SCHEMA_VERSION): number[] {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) throw createError('DB_TOO_NEW', file, current, SCHEMA_VERSION);
  const applied: number[] = [];
  for (const step of MIGRATIONS) {
    if (step.version <= current || step.version > target) continue;
    db.transaction(() => {
      db.exec(step.up);
      db.pragma(`user_version = ${step.version}`);
    })();
    applied.push(step.version);
  }
  return applied;
}
