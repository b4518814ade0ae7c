/** Storyline links judged again as names turn common, through the pipeline: whatever the batching, in SQLite and PostgreSQL. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/open.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { everything } from '../src/pipeline/paging.js';
import type { Store } from '../src/store/store.js';
import { type FixtureArticle, writeJsonl } from './corpus-fixture.js';
import { snapshot } from './store-snapshot.js';
import { pgMissing, startPostgres, type PostgresServer } from './services.js';

const dir = mkdtempSync(join(tmpdir(), 'wiretrace-rethread-'));
const skipPostgres = pgMissing();
let server: PostgresServer | undefined;

before(async () => {
  if (!skipPostgres) server = await startPostgres();
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const FIRST = ['Oskar', 'Hanna', 'Mikko', 'Sofia', 'Arvo', 'Kaisa', 'Teodor', 'Greta', 'Emil', 'Vera', 'Rasmus', 'Ilse'];
const LAST = ['Lindqvist', 'Moreau', 'Kowalczyk', 'Haugen', 'Brandt', 'Okafor'];
const TOPICS = ['fishing', 'railway', 'hospital', 'schools', 'housing', 'tariffs', 'airport', 'reservoir', 'census', 'patrols', 'theatre', 'vineyard'];
const day = (offset: number) => new Date(Date.UTC(2022, 2, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * An earthquake report, then a book-prize story a few weeks later naming two of its people (their
 * link), then two dozen unrelated reports that each name one of those two people, making both names common.
 */
function corpus(): FixtureArticle[] {
  const out: FixtureArticle[] = [
    {
      id: 'quake',
      title: 'Earthquake strikes the northern valley',
      text: 'An earthquake struck the northern valley overnight, damaging bridges and farms.\n\nMaria Kask and Jonas Petraitis led the rescue teams, and Lena Gruber spoke about the damage at length.\n\nEngineers said repairs to the valley bridges would take months.',
      published: day(0),
      source: 'Valley News',
    },
    {
      id: 'memoir',
      title: 'Book prize shortlist announced',
      text: 'A memoir of the valley earthquake leads the shortlist for the national book prize.\n\nMaria Kask and Jonas Petraitis sit on the jury with Erik Lund and Ana Silva, which meets in the spring to choose among six novels and two collections of poems.',
      published: day(20),
      source: 'Arts Weekly',
    },
  ];
  for (let i = 0; i < 24; i++) {
    const name = i < 12 ? 'Maria Kask' : 'Jonas Petraitis';
    const topic = TOPICS[i % TOPICS.length]!;
    const own = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / 4) % LAST.length]}`;
    out.push({
      id: `district-${i}`,
      title: `${topic} plans for district ${i + 1}`,
      text: `The ${topic} plans for district ${i + 1} were published on Monday.\n\n${name} and ${own} spoke about ${topic} budgets and ${topic} staff.\n\nCouncil officials said details of the ${topic} work in district ${i + 1} would follow next month.`,
      published: day(40 + i),
      source: 'City Desk',
    });
  }
  return out;
}

async function ingest(location: string, batches: FixtureArticle[][]): Promise<Store> {
  const store = openStore(location);
  for (const [i, batch] of batches.entries()) await ingestPaths(store, [writeJsonl(join(dir, `${location.replace(/\W/g, '')}-${i}.jsonl`), batch)], { workers: 0 });
  return store;
}

/** The storyline of the event holding the article named `name`, with its events' reasons. */
async function storylineOf(store: Store, name: string) {
  const id = (await everything((p) => store.listArticles(p))).find((a) => a.name === name)!.id;
  const event = (await everything((p) => store.listEvents(p))).find((e) => e.articles.includes(id))!.id;
  const line = (await everything((p) => store.listStorylines(p))).find((s) => s.events.includes(event))!;
  return { event, line };
}

test('a storyline link resting on names that became common is undone through the pipeline, whatever the batching, in SQLite and PostgreSQL', async () => {
  const articles = corpus();
  const stepwise = await ingest(join(dir, 'stepwise.db'), articles.map((a) => [a]));
  const whole = await ingest(join(dir, 'whole.db'), [articles]);
  try {
    const early = await ingest(join(dir, 'early.db'), [articles.slice(0, 2)]);
    const [quakeEarly, memoirEarly] = [await storylineOf(early, 'quake'), await storylineOf(early, 'memoir')];
    await early.close();
    assert.notEqual(memoirEarly.event, quakeEarly.event);
    assert.equal(memoirEarly.line.id, quakeEarly.line.id, 'linked while the two names are rare');
    assert.match(memoirEarly.line.reasons.join(' '), /shared entities .*maria kask/);

    const [quake, memoir] = [await storylineOf(whole, 'quake'), await storylineOf(whole, 'memoir')];
    assert.notEqual(memoir.line.id, quake.line.id, memoir.line.reasons.join(' / '));
    for (const s of await everything((p) => whole.listStorylines(p))) {
      for (const reason of s.reasons) assert.doesNotMatch(reason, /shared entities[^;]*(maria kask|jonas petraitis)/, reason);
    }
    const expected = await snapshot(whole);
    const reasons = async (store: Store) => (await everything((p) => store.listStorylines(p))).map((s) => s.reasons);
    assert.deepEqual(await snapshot(stepwise), expected, 'one article per batch');
    assert.deepEqual(await reasons(stepwise), await reasons(whole));
    if (server) {
      const postgres = await ingest(await server.createDatabase(), [articles]);
      try {
        assert.deepEqual(await snapshot(postgres), expected, 'PostgreSQL');
        assert.deepEqual(await reasons(postgres), await reasons(whole));
      } finally {
        await postgres.close();
      }
    }
  } finally {
    await Promise.all([stepwise.close(), whole.close()]);
  }
});
