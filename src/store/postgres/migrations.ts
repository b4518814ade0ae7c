import type pg from 'pg';
import { createError } from '../../core/errors.js';
import type { Migration } from '../sqlite/migrations.js';

/**
 * Versioned schema, applied in order (each step's `up` in the migrating transaction, with its row in
 * `schema_migrations`). Never edit a released step: append a new one. The tables and
 * columns are the SQLite store's (so the row mappings in ../sqlite/rows.ts serve both); text that
 * is sorted or compared by prefix is `COLLATE "C"` (byte order, as SQLite compares), whatever the
 * database's locale. `articles.search` is the full-text vector (title weighted A, text D), GIN-indexed.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'articles with full-text vectors, quarantine, relations, events, storylines, quotes, quote groups, entities, derived-state rows, LSH buckets',
    up: `
      CREATE TABLE articles (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        name TEXT COLLATE "C" NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        source TEXT,
        url TEXT,
        byline TEXT,
        dateline TEXT,
        published TEXT COLLATE "C",
        wire TEXT NOT NULL,
        language TEXT,
        based_on TEXT,
        text TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        captions TEXT NOT NULL,
        contributors TEXT NOT NULL,
        words INTEGER NOT NULL,
        source_map TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        analysed SMALLINT NOT NULL DEFAULT 0,  -- 0 pending, 1 done, 2 failed
        search TSVECTOR GENERATED ALWAYS AS (
          setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'D')
        ) STORED
      );
      CREATE INDEX articles_name ON articles (name);
      CREATE INDEX articles_published ON articles ((published IS NULL), published, name, seq);
      CREATE INDEX articles_pending ON articles (seq) WHERE analysed = 0;
      CREATE INDEX articles_search ON articles USING GIN (search);

      CREATE TABLE quarantine (seq BIGSERIAL PRIMARY KEY, record TEXT NOT NULL, at TEXT NOT NULL);

      CREATE TABLE relations (
        seq BIGSERIAL PRIMARY KEY,
        a TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        b TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        source TEXT,
        evidence TEXT NOT NULL,
        passages TEXT NOT NULL
      );
      CREATE UNIQUE INDEX relations_pair ON relations (LEAST(a, b), GREATEST(a, b));
      CREATE INDEX relations_a ON relations (a);
      CREATE INDEX relations_b ON relations (b);
      CREATE INDEX relations_score ON relations (score DESC, seq);

      CREATE TABLE events (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        title TEXT NOT NULL,
        date_begin TEXT COLLATE "C",
        date_end TEXT COLLATE "C",
        entities TEXT NOT NULL,
        reasons TEXT NOT NULL
      );
      CREATE INDEX events_order ON events ((date_begin IS NULL), date_begin, date_end NULLS FIRST, seq);
      CREATE TABLE event_articles (
        event_id TEXT COLLATE "C" NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        reason TEXT,
        PRIMARY KEY (event_id, position)
      );
      CREATE INDEX event_articles_article ON event_articles (article_id);

      CREATE TABLE storylines (
        id TEXT COLLATE "C" PRIMARY KEY,
        title TEXT NOT NULL,
        position INTEGER NOT NULL UNIQUE
      );
      CREATE TABLE storyline_events (
        event_id TEXT COLLATE "C" PRIMARY KEY,
        storyline_id TEXT COLLATE "C" NOT NULL REFERENCES storylines(id) ON DELETE CASCADE,
        begin_day INTEGER,
        seq INTEGER NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX storyline_events_line ON storyline_events (storyline_id, (begin_day IS NULL), begin_day, seq);

      CREATE TABLE quotes (
        id TEXT COLLATE "C" PRIMARY KEY,
        article TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        span_begin INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        speaker TEXT,
        speaker_span TEXT,
        cue TEXT,
        indirect SMALLINT NOT NULL
      );
      CREATE INDEX quotes_article ON quotes (article, span_begin);

      CREATE TABLE quote_groups (
        id TEXT COLLATE "C" PRIMARY KEY,
        speaker TEXT,
        variants TEXT NOT NULL,
        variant_count INTEGER NOT NULL,
        position INTEGER NOT NULL UNIQUE
      );
      CREATE INDEX quote_groups_variant_count ON quote_groups (variant_count, position);

      CREATE TABLE entities (
        article TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL,
        aliases TEXT NOT NULL,
        roles TEXT NOT NULL,
        PRIMARY KEY (article, position)
      );

      CREATE TABLE state_rows (ns TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, value BYTEA NOT NULL, PRIMARY KEY (ns, key));
      CREATE TABLE lsh_buckets (key INTEGER NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (key, seq));
    `,
  },
  {
    version: 2,
    description: 'quote variants one row each, so a quote joining a group costs the same however big the group',
    // The text is looked up by its md5: a long quote would not fit a btree index entry.
    up: `
      CREATE TABLE quote_variants (
        seq BIGSERIAL PRIMARY KEY,
        group_id TEXT COLLATE "C" NOT NULL,
        article TEXT COLLATE "C" NOT NULL,
        quote TEXT NOT NULL,
        text TEXT COLLATE "C" NOT NULL,
        span_begin INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        speaker TEXT,
        published TEXT COLLATE "C",
        name TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX quote_variants_group ON quote_variants (group_id, md5(text));
      -- rebuilt by the next ingest (the derived version moved on):
      DELETE FROM quote_groups;
      ALTER TABLE quote_groups DROP COLUMN variants;
      ALTER TABLE quote_groups ADD COLUMN wordings INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 3,
    description: 'articles by outlet, so the outlet facet counts from an index; a quarantine record is kept once',
    // identity: md5 of [origin, code, message] as JSON. Older records are matched where json can read them
    // (it cannot read NUL back, which an excerpt may hold).
    up: `
      CREATE INDEX articles_source ON articles (source) WHERE source IS NOT NULL;
      ALTER TABLE quarantine ADD COLUMN identity TEXT;
      UPDATE quarantine SET identity = md5('[' || (record::json -> 'origin')::text || ',' || (record::json -> 'code')::text || ',' || (record::json -> 'message')::text || ']')
        WHERE strpos(record, '\\u0000') = 0;
      CREATE INDEX quarantine_identity ON quarantine (identity);
    `,
  },
  {
    version: 4,
    description: 'relations carry story similarity and the share of text reused beside their score; day numbers for sorting by span',
    // julianday() as SQLite reads dates (UTC unless an offset is given), and NULL for what is no date.
    up: `
      ALTER TABLE relations ADD COLUMN similarity DOUBLE PRECISION NOT NULL DEFAULT 0;
      ALTER TABLE relations ADD COLUMN reuse DOUBLE PRECISION NOT NULL DEFAULT 0;
      CREATE FUNCTION wt_julian_day(day TEXT) RETURNS DOUBLE PRECISION LANGUAGE plpgsql IMMUTABLE SET TimeZone = 'UTC' AS $$
      BEGIN
        RETURN extract(epoch FROM day::timestamptz) / 86400.0 + 2440587.5;
      EXCEPTION WHEN others THEN
        RETURN NULL;
      END $$;
    `,
  },
  {
    version: 5,
    description: 'derived-state keys as bytes: a key may hold any character, NUL included, as it may in SQLite',
    up: `ALTER TABLE state_rows ALTER COLUMN key TYPE BYTEA USING convert_to(key, 'UTF8');`,
  },
  {
    version: 6,
    description: "relations by kind, a kind's strongest first: the relations list filtered by kind reads only that kind",
    up: `CREATE INDEX relations_kind ON relations (kind, score DESC, seq);`,
  },
  {
    version: 7,
    description:
      "derived rows may be held back in redo rows (state_rows namespace 'redo') until they are written to their places: a build that does not read them would read stale rows, so it must refuse this database",
    up: `SELECT 1;`,
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Taken by whoever migrates, so processes opening one database at once apply each step once. */
const MIGRATION_LOCK = 0x77_74_6d; // 'wtm'

/**
 * Brings the database up to date in one transaction, under an advisory lock. Returns the
 * versions applied; throws DB_TOO_NEW when a newer wiretrace wrote the schema.
 */
export async function migrate(client: pg.ClientBase, where: string): Promise<number[]> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
  ).catch((error: { code?: string }) => {
    // Two processes creating the table at once: one wins, the other sees a unique violation or its row type already there.
    if (error.code !== '23505' && error.code !== '42P07' && error.code !== '42710') throw error;
  });
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const current = await schemaVersion(client);
    if (current > SCHEMA_VERSION) throw createError('DB_TOO_NEW', where, current, SCHEMA_VERSION);
    for (const step of MIGRATIONS) {
      if (step.version <= current) continue;
      await client.query(step.up);
      await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [step.version, step.description]);
      applied.push(step.version);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return applied;
}

export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}
