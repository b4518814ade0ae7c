/**
 * Seeded fuzzing of every reader: a few thousand mutations of valid inputs (bytes flipped, inserted,
 * deleted, duplicated, cut; markup and quote marks piled up) read in-process the way an upload is,
 * and every document prepared. Nothing may throw, hang, or vanish: each input yields at least one
 * article or quarantine record naming it, and no stage fails with an unexpected (INTERNAL) error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { Random } from '../bench/synthetic/random.js';
import type { InputFormat } from '../src/core/types.js';
import { readBuffer } from '../src/ingest/read.js';
import { prepareArticle } from '../src/pipeline/prepare.js';
import { articlePage, httpResponse, PROSE, warcRecord } from './ingest-helpers.js';

const PER_READER = 2000;
/** The same seed gives the same inputs; set WIRETRACE_FUZZ_SEED to explore others. */
const SEED = Number(process.env.WIRETRACE_FUZZ_SEED ?? 0x5eed);
/** A hang guard only: the mutated inputs are small, and all of them together take seconds. */
const HANG_GUARD_MS = 240_000;

const quoted = `"We will not accept these proposals," the minister said on Tuesday. ${PROSE}`;

const SEEDS: Record<Exclude<InputFormat, 'auto'>, { name: string; inputs: string[] | Uint8Array[] }> = {
  text: { name: 'story.txt', inputs: [`Talks end without a deal\n\nBRUSSELS (AP) — ${quoted}\n\n${PROSE}\n`, `${PROSE}\r\n\r\n${quoted}`] },
  html: {
    name: 'page.html',
    inputs: [
      articlePage('Talks end', [quoted, PROSE], '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Talks","datePublished":"2022-01-12"}</script>'),
      `<div><p>${quoted}</p><ul><li>${PROSE}</li></ul></div>`,
    ],
  },
  jsonl: {
    name: 'records.jsonl',
    inputs: [
      `${JSON.stringify({ id: 'a', title: 'Talks', text: quoted, published: '2022-01-12' })}\n${JSON.stringify({ id: 'b', html: `<p>${PROSE}</p>`, source: 'Wire' })}\n`,
      JSON.stringify([{ id: 'c', body: quoted }, { id: 'd', content: PROSE, author: ['A', 'B'] }]),
    ],
  },
  warc: {
    name: 'crawl.warc',
    inputs: [
      Buffer.concat([
        warcRecord('response', 'https://a.test/1', httpResponse(articlePage('One', [quoted, PROSE]))),
        warcRecord('request', 'https://a.test/1', 'GET / HTTP/1.1\r\n\r\n', 'application/http; msgtype=request'),
        warcRecord('response', 'https://a.test/2', httpResponse(articlePage('Two', [PROSE, quoted]))),
      ]),
    ],
  },
  feed: {
    name: 'news.rss',
    inputs: [
      `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>` +
        `<item><title>One</title><link>https://feed.test/1</link><content:encoded><![CDATA[<p>${quoted}</p>]]></content:encoded></item>` +
        `<item><title>Two</title><guid>two</guid><description>${PROSE}</description></item></channel></rss>`,
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>` +
        `<entry><title>E</title><link href="https://atom.test/1"/><id>urn:1</id><content type="html">&lt;p&gt;${PROSE}&lt;/p&gt;</content></entry></feed>`,
    ],
  },
};

const PIECES = ['<div>', '</div>', '<p>', '"', '\u201c', '\u201d', '<![CDATA[', ']]>', '&amp;', '\n', '\r', '\u0000', '\u001b[31m', '{"', '"}', '[', ']', '\\', '\ufffd', 'WARC/1.0\r\n', '\r\n\r\n', '<item>', '</item>', '<!ENTITY x "y">', 'said', ' — '];

/** One mutation of `input`: a handful of random edits, each keeping the result small. */
function mutate(input: Uint8Array, random: Random): Uint8Array {
  let bytes = Buffer.from(input);
  const edits = random.between(1, 6);
  for (let e = 0; e < edits; e++) {
    const at = random.between(0, Math.max(0, bytes.length - 1));
    switch (random.between(0, 6)) {
      case 0: // flip bits
        if (bytes.length) bytes[at] = bytes[at]! ^ (1 << random.between(0, 7));
        break;
      case 1: // random byte
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([random.between(0, 255)]), bytes.subarray(at)]);
        break;
      case 2: // delete a run
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + random.between(1, 64))]);
        break;
      case 3: // duplicate a run
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + random.between(1, 200)), bytes.subarray(at)]);
        break;
      case 4: // cut
        bytes = bytes.subarray(0, at);
        break;
      default: // pile up a structural piece
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(random.pick(PIECES).repeat(random.between(1, 300))), bytes.subarray(at)]);
    }
  }
  return random.chance(0.05) ? gzipSync(bytes) : bytes;
}

for (const [format, seed] of Object.entries(SEEDS)) {
  test(`fuzz: ${PER_READER} mutated ${format} inputs read and prepared without a crash, a hang or a lost input`, { timeout: HANG_GUARD_MS }, async () => {
    const random = new Random(SEED + format.length * 7919 + format.charCodeAt(0));
    const seeds = seed.inputs.map((s) => (typeof s === 'string' ? Buffer.from(s) : s));
    const outcomes = { docs: 0, quarantined: 0, prepared: 0 };
    for (let i = 0; i < PER_READER; i++) {
      const name = `${i}-${seed.name}`;
      const bytes = mutate(random.pick(seeds), random);
      let items = 0;
      // Forced format and auto-detection both: a mangled header must not change the guarantee.
      for await (const item of readBuffer(name, bytes, { format: i % 2 ? (format as InputFormat) : 'auto' })) {
        if ('warning' in item) continue;
        items++;
        if ('quarantine' in item) {
          outcomes.quarantined++;
          assert.ok(item.quarantine.message.includes(name), `quarantine names its input: ${item.quarantine.message}`);
          continue;
        }
        outcomes.docs++;
        const prepared = prepareArticle(item.doc, { numPerm: 64 });
        if (prepared.ok) outcomes.prepared++;
        else {
          assert.notEqual(prepared.error.code, 'INTERNAL', `input ${i} (seed ${SEED}): ${prepared.error.message}`);
          assert.ok(prepared.error.message.includes(name), `quarantine names its input: ${prepared.error.message}`);
        }
      }
      assert.ok(items > 0, `input ${i} (${format}, seed ${SEED}) gave neither an article nor a quarantine record`);
    }
    // The mutations must leave enough inputs readable for the stages behind the reader to be fuzzed too.
    assert.ok(outcomes.prepared > PER_READER / 10, `only ${outcomes.prepared} of ${PER_READER} inputs became articles`);
    assert.ok(outcomes.quarantined > 0, 'some mutations are quarantined');
  });
}
