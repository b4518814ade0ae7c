import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { cleanDocument } from '../src/clean/clean.js';
import { isWiretraceError } from '../src/core/errors.js';
import type { WarcStats } from '../src/ingest/warc.js';
import { PROSE, articlePage, httpResponse, readAll, warcRecord, write } from './ingest-helpers.js';
import { scratchDir } from './scratch.js';

const dir = scratchDir('formats');

const LD = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'NewsArticle',
  headline: 'NATO and Russia talk in Brussels',
  datePublished: '2022-01-12T09:30:00-05:00',
  author: [{ '@type': 'Person', name: 'Lorne Cook' }],
  publisher: { '@type': 'Organization', name: 'Example Times' },
  isBasedOn: 'https://apnews.com/article/nato-russia-talks',
});

test('an HTML page yields its article text, JSON-LD metadata, canonical URL and figure captions', async () => {
  const head =
    `<script type="application/ld+json">${LD}</script><link rel="canonical" href="https://example.com/nato-talks">` +
    `<meta property="og:site_name" content="Example Times">`;
  const page = articlePage('NATO and Russia talk in Brussels | Example Times', [
    `BRUSSELS (AP) \u2014 ${PROSE}`,
    PROSE.replace('Senior', 'Junior'),
    '<figure><img src="a.jpg"><figcaption>Delegates arrive in Brussels. (AP Photo/Olivier Matthys)</figcaption></figure>',
    'The Associated Press contributed to this report.',
  ], head);
  const file = write(dir, 'page.html', page);
  const { docs } = await readAll([file]);
  assert.equal(docs[0]!.format, 'html');
  const article = cleanDocument(docs[0]!);
  assert.equal(article.title, 'NATO and Russia talk in Brussels');
  assert.equal(article.published, '2022-01-12');
  assert.equal(article.byline, 'Lorne Cook');
  assert.equal(article.source, 'Example Times');
  assert.equal(article.url, 'https://example.com/nato-talks');
  assert.equal(article.basedOn, 'https://apnews.com/article/nato-russia-talks');
  assert.equal(article.language, 'en');
  assert.equal(article.dateline, 'BRUSSELS (AP)');
  assert.deepEqual(article.wire, ['AP']);
  assert.ok(article.captions.some((c) => c.startsWith('Delegates arrive in Brussels.')));
  assert.ok(article.text.includes('Junior officials met'));
  assert.ok(!article.text.includes('Share this article'));
  assert.ok(!article.text.includes('Delegates arrive'));
  assert.equal(article.paragraphs.length, 2);
});

test('an HTML page without an article is refused with NO_ARTICLE', async () => {
  const page = `<!doctype html><html><head><title>Sign in</title></head><body><nav><a href="/">Home</a><a href="/news">News</a></nav>
<form><label>Email</label><input name="e"><button>Sign in</button></form><footer>Copyright 2022 Example</footer></body></html>`;
  const { docs } = await readAll([write(dir, 'login.html', page)]);
  assert.throws(() => cleanDocument(docs[0]!), (error) => isWiretraceError(error) && error.code === 'NO_ARTICLE' && /login\.html/.test(error.message));
});

test('JSONL: one article per line, field renames, malformed lines quarantined as file:line', async () => {
  const lines = [
    JSON.stringify({ id: 'a1', url: 'https://x.test/a1', headline: 'First', body: PROSE, date: '2022-01-07' }),
    '{"id": "broken", "body": "unterminated',
    JSON.stringify({ id: 'a3', headline: 'Third', body: PROSE + ' Third.', date: 'Fri, 07 Jan 2022 10:00:00 GMT' }),
    JSON.stringify({ id: 'a4', headline: 'No body' }),
  ];
  const file = write(dir, 'feed.jsonl', lines.join('\n') + '\n');
  const { docs, quarantined } = await readAll([file], { map: { text: 'body', published: 'date', title: 'headline' } });
  assert.deepEqual(docs.map((d) => d.name), ['a1', 'a3']);
  assert.equal(docs[0]!.title, 'First');
  assert.equal(docs[0]!.url, 'https://x.test/a1');
  assert.deepEqual(quarantined.map((q) => [q.code, q.origin]), [
    ['MALFORMED_JSONL', `${file}:2`],
    ['MISSING_FIELD', `${file}:4`],
  ]);
  assert.equal(cleanDocument(docs[1]!).published, '2022-01-07');
});

function warcFile(records: Buffer[]): Buffer {
  return Buffer.concat([
    warcRecord('warcinfo', '', 'software: test\r\n', 'application/warc-fields'),
    ...records,
  ]);
}

const page1 = articlePage('First story', [PROSE]);
const page2 = articlePage('Second story', [PROSE.replace('Senior', 'Regional')]);

test('WARC: HTML response records become documents named by target URI; other records are skipped and counted', async () => {
  const bytes = warcFile([
    warcRecord('request', 'https://news.test/1', 'GET /1 HTTP/1.1\r\nHost: news.test\r\n\r\n', 'application/http; msgtype=request'),
    warcRecord('response', 'https://news.test/1', httpResponse(page1)),
    warcRecord('response', 'https://news.test/logo.png', httpResponse('\x89PNG', 'image/png')),
    warcRecord('response', 'https://news.test/2', httpResponse(page2)),
  ]);
  const stats: WarcStats = { records: 0, html: 0, skipped: 0 };
  const plain = await readAll([write(dir, 'crawl.warc', bytes)], { warcStats: stats });
  assert.deepEqual(plain.docs.map((d) => d.name), ['https://news.test/1', 'https://news.test/2']);
  assert.equal(plain.quarantined.length, 0);
  assert.deepEqual(stats, { records: 5, html: 2, skipped: 3 });
  assert.equal(cleanDocument(plain.docs[1]!).title, 'Second story');

  const gz = await readAll([write(dir, 'crawl.warc.gz', gzipSync(bytes))]);
  assert.deepEqual(gz.docs.map((d) => d.name), ['https://news.test/1', 'https://news.test/2']);
});

test('a truncated WARC keeps its complete records and quarantines TRUNCATED_WARC with the record number', async () => {
  const bytes = warcFile([
    warcRecord('response', 'https://news.test/1', httpResponse(page1)),
    warcRecord('response', 'https://news.test/2', httpResponse(page2)),
  ]);
  const cut = bytes.subarray(0, bytes.length - 200);
  const { docs, quarantined } = await readAll([write(dir, 'cut.warc', cut)]);
  assert.deepEqual(docs.map((d) => d.name), ['https://news.test/1']);
  assert.equal(quarantined.length, 1);
  assert.equal(quarantined[0]!.code, 'TRUNCATED_WARC');
  assert.match(quarantined[0]!.message, /cut\.warc:record 3/);

  const gzCut = gzipSync(bytes).subarray(0, 300 + Math.floor(gzipSync(bytes).length / 2));
  const gz = await readAll([write(dir, 'cut.warc.gz', gzCut)]);
  assert.ok(gz.quarantined.length >= 1);
  assert.match(gz.quarantined.at(-1)!.code, /TRUNCATED_(WARC|GZIP)/);
});

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Wire</title><link>https://wire.test/</link>
<item><title>Full item</title><link>https://wire.test/full</link><pubDate>Wed, 12 Jan 2022 10:00:00 GMT</pubDate>
<dc:creator>Jane Doe</dc:creator><content:encoded><![CDATA[<p>${PROSE}</p><p>${PROSE.replace('Senior', 'Other')}</p>]]></content:encoded></item>
<item><title>Summary only</title><link>https://wire.test/short</link><pubDate>Thu, 13 Jan 2022 08:00:00 GMT</pubDate>
<description>Talks ended without a deal.</description></item>
<item><title>Dead link</title><link>https://wire.test/missing</link><description>Short.</description></item>
</channel></rss>`;

const fakeFetch = (async (input: string | URL | Request) => {
  const url = String(input);
  if (url === 'https://wire.test/short') {
    return new Response(articlePage('Talks end', [PROSE.replace('Senior', 'Fetched')]), { headers: { 'content-type': 'text/html' } });
  }
  return new Response('not here', { status: 404 });
}) as typeof fetch;

test('RSS: full items read from content:encoded; with --follow-links summary-only items fetched from their link; fetch failures quarantined', async () => {
  // allowPrivateLinks: the fake hosts resolve nowhere; the address guard has tests of its own (test/hostile-server.test.ts).
  const { docs, quarantined } = await readAll([write(dir, 'news.rss', RSS)], { fetch: fakeFetch, followLinks: true, allowPrivateLinks: true });
  assert.deepEqual(docs.map((d) => d.name), ['https://wire.test/full', 'https://wire.test/short']);
  const full = cleanDocument(docs[0]!);
  assert.equal(full.title, 'Full item');
  assert.equal(full.published, '2022-01-12');
  assert.equal(full.byline, 'Jane Doe');
  assert.equal(full.source, 'Example Wire');
  assert.equal(full.paragraphs.length, 2);
  const fetched = cleanDocument(docs[1]!);
  assert.ok(fetched.text.includes('Fetched officials met'));
  assert.equal(fetched.published, '2022-01-13');
  assert.equal(quarantined.length, 1);
  assert.equal(quarantined[0]!.code, 'FETCH_FAILED');
  assert.match(quarantined[0]!.message, /item 3.*wire\.test\/missing.*HTTP 404/);
});

test('Atom: entries read from content, with author and published date', async () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Atom story</title><link rel="alternate" href="https://atom.test/1"/><id>tag:atom.test,2022:1</id>
<published>2021-12-17T12:00:00Z</published><author><name>Sam Roe</name></author>
<content type="html">&lt;p&gt;${PROSE}&lt;/p&gt;&lt;p&gt;${PROSE}&lt;/p&gt;</content></entry>
</feed>`;
  const { docs, quarantined } = await readAll([write(dir, 'news.atom', atom)]);
  assert.equal(quarantined.length, 0);
  const article = cleanDocument(docs[0]!);
  assert.equal(docs[0]!.name, 'https://atom.test/1');
  assert.equal(article.title, 'Atom story');
  assert.equal(article.published, '2021-12-17');
  assert.equal(article.byline, 'Sam Roe');
  assert.ok(article.text.startsWith('Senior officials'));
});

test('a feed URL is fetched and its items read; a broken feed is quarantined as BAD_FEED', async () => {
  const feedFetch = (async (input: string | URL | Request) =>
    String(input) === 'https://wire.test/feed.xml'
      ? new Response(RSS, { headers: { 'content-type': 'application/rss+xml' } })
      : fakeFetch(input)) as typeof fetch;
  const { docs } = await readAll(['https://wire.test/feed.xml'], { fetch: feedFetch, followLinks: true, allowPrivateLinks: true });
  assert.equal(docs.length, 2);
  const broken = await readAll([write(dir, 'broken.rss', '<rss version="2.0"><channel><item><title>x</item></channel></rss>')]);
  assert.equal(broken.quarantined[0]!.code, 'BAD_FEED');
});
