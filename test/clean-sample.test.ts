import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanDocument } from '../src/clean/clean.js';
import type { Article } from '../src/core/types.js';
import { readInputs } from '../src/ingest/read.js';
import { wordCount } from '../src/text/tokenize.js';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../sample');
const files = fs.readdirSync(SAMPLE).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(SAMPLE, f));
const gold = JSON.parse(fs.readFileSync(path.join(SAMPLE, 'gold.json'), 'utf8')) as { boilerplate: string[] };

async function cleanSample(): Promise<Map<string, Article>> {
  const out = new Map<string, Article>();
  for await (const item of readInputs(files)) {
    assert.ok('doc' in item, `unexpected quarantine: ${JSON.stringify(item)}`);
    const article = cleanDocument(item.doc);
    out.set(article.name.slice(0, 3), article);
  }
  return out;
}

const articles = await cleanSample();
const original = (key: string) => fs.readFileSync(files.find((f) => path.basename(f).startsWith(key))!, 'utf8');

test('the sample reads and cleans to five articles', () => {
  assert.deepEqual([...articles.keys()], ['000', '001', '002', '003', '004']);
});

test('published dates come from the text: marker, source line; unknown stays null', () => {
  const dates = Object.fromEntries([...articles].map(([k, a]) => [k, a.published]));
  assert.deepEqual(dates, { '000': '2022-01-12', '001': null, '002': null, '003': '2022-01-07', '004': '2021-12-17' });
});

test("no boilerplate line from gold.json's list remains in any body", () => {
  const phrases = gold.boilerplate.map((b) => /'([^']+)'/.exec(b)?.[1] ?? b);
  for (const [key, article] of articles) {
    for (const phrase of phrases) assert.ok(!article.text.includes(phrase), `${key} still has "${phrase}"`);
    assert.ok(!/^_{3,}$/m.test(article.text), `${key} keeps a ___ separator`);
    assert.ok(!/^WATCH \|/m.test(article.text), `${key} keeps a video promo`);
  }
});

test("000's photo captions are held apart and its AP Photo credits do not count as its wire", () => {
  const a = articles.get('000')!;
  assert.equal(a.captions.length, 7);
  assert.ok(a.captions.every((c) => !c.startsWith('Caption')));
  assert.ok(!a.text.includes('Caption'));
  assert.ok(!a.text.includes('AP Photo'));
  assert.deepEqual(a.wire, []);
  assert.deepEqual(a.contributors, ['Ellen Knickmeyer in Washington, and Jari Tanner in Tallinn, Estonia, contributed to this report.']);
  assert.ok(a.text.startsWith('\u201cThese are completely unacceptable proposals'));
  assert.ok(a.text.endsWith('could determine whether it makes sense to continue talking.'));
});

test("001: dateline BRUSSELS (AP), wire AP, outlet split from the title, repeated caption kept once outside the body", () => {
  const a = articles.get('001')!;
  assert.equal(a.dateline, 'BRUSSELS (AP)');
  assert.deepEqual(a.wire, ['AP']);
  assert.equal(a.title, 'NATO, Russia in high-level talks on Ukraine amid fears of Russian invasion');
  assert.equal(a.source, 'NPR');
  assert.equal(a.captions.length, 1);
  assert.ok(a.captions[0]!.startsWith('Military vehicles and tanks from Poland'));
  assert.ok(!a.text.includes('Military vehicles and tanks from Poland'));
  assert.ok(a.text.startsWith('BRUSSELS (AP)'));
});

test('002: one paragraph per line; its contributor line held apart; no wire named', () => {
  const a = articles.get('002')!;
  const lines = original('002').split('\n').filter((l) => l.trim());
  assert.equal(a.paragraphs.length, lines.length - 2);
  assert.deepEqual(a.contributors, ['The Related Press contributed to this report.']);
  assert.deepEqual(a.wire, []);
});

test('003: title line, AP source line read for wire and date, AFP caption held apart', () => {
  const a = articles.get('003')!;
  assert.equal(a.title, "NATO weighs Russia's security offer to end Ukraine standoff");
  assert.ok(a.wire.includes('AP'));
  assert.ok(!a.text.includes('AP , Friday'));
  assert.equal(a.captions.length, 1);
  assert.ok(a.captions[0]!.endsWith('AFP'));
  assert.ok(a.text.startsWith('NATO foreign ministers on Friday'));
});

test('004: caption ending in a Getty credit held apart, video promos dropped', () => {
  const a = articles.get('004')!;
  assert.equal(a.captions.length, 1);
  assert.ok(a.captions[0]!.endsWith('(John Thys/AFP/Getty Images)'));
  assert.ok(!a.text.includes('John Thys'));
  assert.ok(!a.text.includes('Duration 2:05'));
  assert.ok(a.text.includes('Troop buildup on Ukraine border'));
});

test('text is built from slices of the original: every sourceMap slice matches it character for character', () => {
  for (const [key, a] of articles) {
    const src = original(key);
    for (let i = 0; i < a.sourceMap.length; i++) {
      const [t, o] = a.sourceMap[i]!;
      let end = i + 1 < a.sourceMap.length ? a.sourceMap[i + 1]![0] : a.text.length;
      while (end > t && /\s/.test(a.text[end - 1]!)) end--;
      assert.equal(a.text.slice(t, end), src.slice(o, o + end - t), `${key} slice ${i}`);
    }
    assert.equal(a.words, wordCount(a.text));
    assert.equal(a.id, createHash('sha256').update(src).digest('hex').slice(0, 16));
    assert.equal(a.language, 'en');
    for (const [b, e] of a.paragraphs) assert.ok(a.text.slice(b, e).trim().length === e - b);
  }
});
