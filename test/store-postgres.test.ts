import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isWiretraceError } from '../src/core/errors.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres/pg-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/store/postgres/migrations.js';
import { storeContract } from './store-contract.js';
import { budgetArticle, makeRelation, natoArticle } from './store-fixtures.js';
import { pgMissing, startPostgres, type PostgresServer } from './services.js';

const skip = pgMissing();
let server: PostgresServer;

if (skip) {
  test('the Store contract on PostgreSQL', { skip }, () => undefined);
} else {
  let template: string;
  before(async () => {
    server = await startPostgres();
    // Each contract test gets a copy of one migrated database: copying is faster than migrating.
    const url = await server.createDatabase('template');
    const store = openPostgresStore(url);
    await store.ready;
    await store.close();
    template = new URL(url).pathname.slice(1);
  });
  after(() => server?.stop());
  storeContract('postgres', async () => openPostgresStore(await server.createDatabase('wt', template)));
  pgOnly();
}

function pgOnly(): void {
  test('a database opened by several processes at once is migrated once, and data survives reopening', async () => {
    const url = await server.createDatabase();
    const stores = [openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)];
    await Promise.all(stores.map((s) => s.ready));
    const { rows } = await server.admin(`SELECT 1`);
    assert.equal(rows.length, 1);
    const nato = natoArticle();
    const budget = budgetArticle();
    await stores[0].putArticle(nato);
    await stores[1].putArticle(budget);
    await stores[2].putRelation(makeRelation(nato, budget, 'shared-passage', 0.3));
    await Promise.all(stores.map((s) => s.close()));
    const again = openPostgresStore(url);
    try {
      assert.deepEqual(await again.resolveArticle('000'), { found: nato });
      assert.equal((await again.listRelations(budget.id)).length, 1);
      assert.equal(await again.putArticle(nato), false, 'the content hash is remembered');
      assert.equal((await again.search('Stoltenberg'))[0].article.id, nato.id);
      const versions = await withClient(url, 'SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(versions.map((r) => r.version), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    } finally {
      await again.close();
    }
  });

  test('a database from a newer wiretrace is refused with a clear error', async () => {
    const url = await server.createDatabase();
    const first = openPostgresStore(url);
    await first.ready;
    await first.close();
    await withClient(url, `INSERT INTO schema_migrations (version, description) VALUES (${SCHEMA_VERSION + 7}, 'from the future')`);
    const store = openPostgresStore(url);
    try {
      await assert.rejects(store.countArticles(), (error: unknown) => isWiretraceError(error) && error.code === 'DB_TOO_NEW' && error.message.includes(String(SCHEMA_VERSION + 7)));
    } finally {
      await store.close();
    }
  });

  test('a database of the first schema upgrades in place: quarantine records already held are kept once, state rows stay', async () => {
    const url = await server.createDatabase();
    const held = { origin: 'feed.jsonl:3', code: 'BAD_JSON', message: "unexpected 'x'", excerpt: 'x{' };
    const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
    await withClient(
      url,
      `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());
       ${MIGRATIONS[0].up};
       INSERT INTO schema_migrations (version, description) VALUES (1, 'first');
       INSERT INTO quarantine (record, at) VALUES (${literal(JSON.stringify(held))}, 'then');
       INSERT INTO state_rows (ns, key, value) VALUES ('sig', 'a', '\\x0102');`,
    );
    const store = openPostgresStore(url);
    try {
      await store.putQuarantine({ ...held, excerpt: 'read again' });
      await store.putQuarantine({ ...held, origin: 'feed.jsonl:4' });
      assert.deepEqual(await store.listQuarantine(), [held, { ...held, origin: 'feed.jsonl:4' }]);
      assert.deepEqual((await store.getRows('sig', ['a'])).get('a'), new Uint8Array([1, 2]));
    } finally {
      await store.close();
    }
  });

  test('an unreachable server is a clear error naming it, without its password', async () => {
    const store = openPostgresStore(`postgres://someone:secret@127.0.0.1:${server.port + 1}/nothing`);
    try {
      await assert.rejects(
        store.countArticles(),
        (error: unknown) => isWiretraceError(error) && error.code === 'DB_UNREACHABLE' && /cannot connect to postgres:\/\/someone:\*\*\*@127\.0\.0\.1/.test(error.message) && !error.message.includes('secret'),
      );
    } finally {
      await store.close();
    }
  });

  test('writers in two processes wait for each other: two stores bumping one counter in transactions lose no update', async () => {
    const url = await server.createDatabase();
    const stores: PostgresStore[] = [openPostgresStore(url), openPostgresStore(url)];
    const bump = (store: PostgresStore) =>
      store.transaction(async (tx) => {
        const current = (await tx.getRows('n', ['count'])).get('count')?.[0] ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 2));
        await tx.putRows('n', [['count', new Uint8Array([current + 1])]]);
      });
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => bump(stores[i % 2])));
      assert.deepEqual((await stores[0].getRows('n', ['count'])).get('count'), new Uint8Array([20]));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  test('one store at a time holds the analysis claim: another is refused until the holder closes, or loses its connection', async () => {
    const url = await server.createDatabase();
    const [first, second, third] = [openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)];
    try {
      assert.equal(await first.claimAnalysis(), true);
      assert.equal(await second.claimAnalysis(), false);
      assert.equal(await first.claimAnalysis(), true, 'the holder keeps it');
      await first.close();
      assert.equal(await second.claimAnalysis(), true, 'closing the holder frees the claim');
      assert.equal(await third.claimAnalysis(), false);
      await withClient(url, `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted`);
      await waitFor(() => third.claimAnalysis());
      assert.equal(await second.claimAnalysis(), false, 'the holder whose connection was dropped lost the claim to another');
    } finally {
      await Promise.all([second, third].map((s) => s.close()));
    }
  });
}

async function waitFor(ok: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; !(await ok()); tries++) {
    if (tries > 100) throw new Error('not granted after 100 tries');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withClient(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
