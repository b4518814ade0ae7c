/**
 * Hostile requests against a real `wiretrace serve` on loopback: DNS rebinding (a foreign Host),
 * cross-origin writes (CSRF), server-side request forgery through uploaded feeds, a malformed
 * multipart body, costly searches, and binding beyond loopback without a token.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { fetchText, isPrivateAddress } from '../src/ingest/fetch.js';
import { withoutServerPaths } from '../src/server/redact.js';
import { PROSE } from './ingest-helpers.js';
import { scratchDir } from './scratch.js';

const bin = path.join(packageRoot(), 'bin', 'wiretrace.js');
const dir = scratchDir('hostile-server');
const children: ChildProcess[] = [];

after(() => {
  for (const child of children) child.kill('SIGTERM');
});

interface Reply {
  status: number;
  body: any;
  text: string;
  headers: http.IncomingHttpHeaders;
}

/** A raw HTTP request, so that Host, Origin and malformed bodies go out exactly as written. */
function request(base: string, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  const url = new URL(pathname, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = null;
          try {
            body = JSON.parse(text);
          } catch (error) {
            void error; // not JSON: the test looks at text
          }
          resolve({ status: res.statusCode ?? 0, body, text, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function multipart(files: Array<{ name: string; content: string }>): { body: Buffer; type: string } {
  const boundary = 'wiretrace-test-boundary';
  const parts = files.map((f) => `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${f.content}\r\n`);
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), type: `multipart/form-data; boundary=${boundary}` };
}

/** Starts `wiretrace serve --port 0 ...` and resolves to its base URL once it listens. */
async function serve(args: string[], env: Record<string, string> = {}): Promise<string> {
  const db = path.join(dir, `serve-${children.length}.db`);
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /UI at (http:\/\/\S+?:\d+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

async function uploadAndWait(base: string, files: Array<{ name: string; content: string }>, headers: Record<string, string> = {}): Promise<any> {
  const { body, type } = multipart(files);
  const sent = await request(base, '/api/ingest', { method: 'POST', body, headers: { 'Content-Type': type, ...headers } });
  assert.equal(sent.status, 202, sent.text);
  for (;;) {
    const job = await request(base, `/api/jobs/${sent.body.job}`);
    if (job.body.state === 'done' || job.body.state === 'failed') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A loopback HTTP server standing in for an internal service a feed's links point at; counts its hits. */
async function canary(): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><html><body><article><h1>Internal secret</h1><p>${PROSE.replace('Senior', 'Internal')}</p><p>${PROSE}</p></article></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

function feedLinkingTo(url: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Linky</title>` +
    `<item><title>Short item</title><link>${url}/secret</link><description>Officials met briefly.</description></item></channel></rss>`;
}

test('a request naming another Host (DNS rebinding) is refused; loopback names are served', async () => {
  const base = await serve([]);
  const port = new URL(base).port;
  const foreign = await request(base, '/api/articles', { headers: { Host: `attacker.example:${port}` } });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.body.error.code, 'UNAUTHORIZED');
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
    assert.equal((await request(base, '/api/articles', { headers: { Host: host } })).status, 200, host);
  }
});

test('a cross-origin upload (CSRF) is refused; a same-origin one and one from a tool without Origin are taken', async () => {
  const base = await serve([]);
  const files = [{ name: 'story.txt', content: `Talks\n\n${PROSE}` }];
  const { body, type } = multipart(files);
  const crossOrigin: Array<Record<string, string>> = [{ Origin: 'http://attacker.example' }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }];
  for (const headers of crossOrigin) {
    const refused = await request(base, '/api/ingest', { method: 'POST', body, headers: { 'Content-Type': type, ...headers } });
    assert.equal(refused.status, 403, JSON.stringify(headers));
    assert.equal(refused.body.error.code, 'UNAUTHORIZED');
  }
  assert.equal((await request(base, '/api/articles')).body.total, 0, 'nothing refused was ingested');
  const same = await uploadAndWait(base, files, { Origin: base });
  assert.equal(same.summary.added, 1);
  const tool = await uploadAndWait(base, [{ name: 'other.txt', content: `Other\n\n${PROSE.replace('Senior', 'Junior')}` }]);
  assert.equal(tool.summary.added, 1);
});

test('malformed multipart is a 400 with a catalog code; errors never carry stacks or server paths', async () => {
  const base = await serve([]);
  const malformed = await request(base, '/api/ingest', {
    method: 'POST',
    headers: { 'Content-Type': 'multipart/form-data; boundary=abc' },
    body: '--abc\r\nContent-Disposition: form-data; name="files"; filename="x.txt"\r\n\r\nno closing boundary',
  });
  assert.equal(malformed.status, 400, malformed.text);
  assert.equal(malformed.body.error.code, 'BAD_REQUEST');
  const missing = await request(base, '/api/nothing-here');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'NOT_FOUND');
  for (const reply of [malformed, missing]) {
    assert.doesNotMatch(reply.text, /\s+at\s|node_modules|dist\/src|\/work\/|\/tmp\//);
  }
});

test('/api/quarantine shows file names, not the absolute server paths the CLI ingested them from', async () => {
  const db = path.join(dir, 'quarantine.db');
  const empty = path.join(dir, 'deep', 'folder', 'empty.txt');
  fs.mkdirSync(path.dirname(empty), { recursive: true });
  fs.writeFileSync(empty, '');
  assert.equal(spawnSync(process.execPath, [bin, 'ingest', empty, '--db', db, '--json']).status, 3);
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const base = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /UI at (http:\/\/\S+?:\d+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
  });
  const list = await request(base, '/api/quarantine');
  assert.equal(list.status, 200);
  assert.equal(list.body.items.length, 1);
  assert.equal(list.body.items[0].origin, 'empty.txt');
  assert.equal(list.body.items[0].message, 'empty.txt: empty file');
  assert.ok(!list.text.includes(dir), 'no server path in the answer');
  assert.equal(withoutServerPaths('https://wire.test/a/b.html: HTTP 404'), 'https://wire.test/a/b.html: HTTP 404', 'URLs are kept');
  assert.equal(withoutServerPaths('news/a.jsonl:3: bad'), 'news/a.jsonl:3: bad', 'relative paths are kept');
});

test('SSRF: an uploaded feed never makes the server fetch loopback, unless it was started to allow exactly that', async () => {
  const internal = await canary();
  const feed = [{ name: 'links.rss', content: feedLinkingTo(internal.url) }];

  const plain = await uploadAndWait(await serve([]), feed);
  assert.equal(internal.hits(), 0, 'links are not followed without --follow-links');
  assert.equal(plain.summary.added, 1, 'the item is read from its own description');

  const following = await uploadAndWait(await serve(['--follow-links']), feed);
  assert.equal(internal.hits(), 0, '--follow-links still never reaches loopback');
  assert.deepEqual(following.summary.errors.map((e: { code: string }) => e.code), ['LINK_REFUSED']);
  assert.match(following.summary.errors[0].message, /links\.rss:item 1 .*127\.0\.0\.1.*loopback, link-local or private address/);

  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>` +
    `<entry><title>F</title><id>urn:f</id><link href="file:///etc/passwd"/></entry>` +
    `<entry><title>G</title><id>urn:g</id><link href="gopher://127.0.0.1:70/"/></entry></feed>`;
  const schemes = await uploadAndWait(await serve(['--follow-links']), [{ name: 'schemes.atom', content: atom }]);
  assert.equal(schemes.summary.added, 0);
  assert.deepEqual(schemes.summary.errors.map((e: { code: string }) => e.code), ['MISSING_FIELD', 'MISSING_FIELD'], 'non-http(s) links are not links');

  const allowed = await uploadAndWait(await serve(['--follow-links', '--allow-private-links']), feed);
  assert.equal(internal.hits(), 1, 'the option that allows private addresses is what lets the fetch through');
  assert.equal(allowed.summary.added, 1);
});

test('a followed link is checked again at every redirect, and its size is capped', async () => {
  const redirecting = (async (input: string | URL | Request) => {
    const url = String(input);
    if (url === 'http://93.184.216.34/story') return new Response(null, { status: 302, headers: { Location: 'http://127.0.0.1/admin' } });
    if (url === 'http://93.184.216.34/big') return new Response('x'.repeat(5000), { headers: { 'content-type': 'text/html' } });
    throw new Error(`fetched ${url}`);
  }) as typeof fetch;
  const hop = await fetchText('http://93.184.216.34/story', 'feed.rss:item 1', { fetch: redirecting, maxBytes: 1000, guard: { allowPrivate: false } });
  assert.ok('quarantine' in hop);
  assert.equal(hop.quarantine.code, 'LINK_REFUSED');
  assert.match(hop.quarantine.message, /127\.0\.0\.1\/admin/);
  const big = await fetchText('http://93.184.216.34/big', 'feed.rss:item 2', { fetch: redirecting, maxBytes: 1000, guard: { allowPrivate: false } });
  assert.ok('quarantine' in big);
  assert.match(big.quarantine.message, /over the limit of 1000 bytes/);
  for (const address of ['127.0.0.1', '::1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) {
    assert.ok(isPrivateAddress(address), address);
  }
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) assert.ok(!isPrivateAddress(address), address);
});

test('search cost is bounded: 200-term prefix queries answer, and terms past the caps are not searched', async () => {
  const base = await serve([]);
  const story = `Talks end\n\n${PROSE} The quartermaster spoke.`;
  assert.equal((await uploadAndWait(base, [{ name: 'story.txt', content: story }])).summary.added, 1);
  const search = async (q: string) => request(base, `/api/search?q=${encodeURIComponent(q)}`);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const terms = Array.from({ length: 200 }, (_, i) => `${letters[i % 26]}${letters[Math.floor(i / 26)]}*`);
  // Both under the 1,000-character cap on a query: 200 prefixes ANDed, 140 ORed.
  for (const flood of [terms.join(' '), terms.slice(0, 140).join(' OR ')]) {
    const [answer, meanwhile] = await Promise.all([search(flood), request(base, '/api/articles')]);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(meanwhile.status, 200);
  }
  assert.equal((await search('quartermaster')).body.items.length, 1);
  const misses = Array.from({ length: 16 }, (_, i) => `zzmiss${letters[i]}`).join(' OR ');
  assert.equal((await search(`${misses} OR quartermaster`)).body.items.length, 0, 'a 17th term is not searched');
  assert.equal((await search('quarter*')).body.items.length, 1);
  assert.equal((await search('zzq* OR zzr* OR zzs* OR zzt* OR quarter*')).body.items.length, 0, 'a 5th prefix is not searched');
});

test('--host 0.0.0.0 refuses to start without a token; with one, the API needs it and the UI link sets it', async () => {
  const refused = spawnSync(process.execPath, [bin, 'serve', '--host', '0.0.0.0', '--port', '0', '--db', path.join(dir, 'open.db')], {
    encoding: 'utf8',
    env: { ...process.env, WIRETRACE_TOKEN: '' },
  });
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /--host 0\.0\.0\.0 listens beyond this machine: give a token/);

  const listening = await serve(['--host', '0.0.0.0'], { WIRETRACE_TOKEN: 's3cret-token' });
  const base = listening.replace('0.0.0.0', '127.0.0.1');
  const port = new URL(base).port;
  const anonymous = await request(base, '/api/articles', { headers: { Host: `news.example.org:${port}` } });
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.body.error.code, 'UNAUTHORIZED');
  assert.equal((await request(base, '/api/articles', { headers: { Authorization: 'Bearer wrong' } })).status, 401);
  const bearer = await request(base, '/api/articles', { headers: { Host: `news.example.org:${port}`, Authorization: 'Bearer s3cret-token' } });
  assert.equal(bearer.status, 200, 'with the token any Host name is served');
  const link = await request(base, '/?token=s3cret-token');
  assert.equal(link.status, 303);
  const cookie = String(link.headers['set-cookie']).split(';')[0]!;
  assert.match(String(link.headers['set-cookie']), /HttpOnly/i);
  assert.equal((await request(base, '/api/articles', { headers: { Cookie: cookie } })).status, 200);
  const { body, type } = multipart([{ name: 'a.txt', content: PROSE }]);
  const crossSite = await request(base, '/api/ingest', { method: 'POST', body, headers: { Cookie: cookie, 'Content-Type': type, Origin: 'http://attacker.example' } });
  assert.equal(crossSite.status, 403, 'the cookie does not authorise a write from another origin');
});
