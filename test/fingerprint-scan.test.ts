import { test } from 'node:test';
import assert from 'node:assert/strict';
import { charCodes, scanCodes, wordHash } from '../src/fingerprint/scan.js';
import { tokenize } from '../src/text/tokenize.js';

/** Texts from an alphabet of what news holds: letters of several scripts, digits, joiners, quotes, spaces. */
function generated(count: number): string[] {
  const alphabet = [
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    ...'éèüöäßçñÉÜÖøåÆœ', ...'αβγΔΣωЖжщЯ', ...'İıŞğ', ...'日本語',
    ...["'", '\u2019', '.', ',', '-', '--', '\u2014', '"', '\u201c', '\u201d', '(', ')', ':', ';', '!', '?', '%', '$', '/', '_'],
    ' ', ' ', ' ', ' ', ' ', ' ', '\n', '\n\n', '\t', '\u00a0',
  ];
  let seed = 11;
  const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(rnd() * 400) }, () => alphabet[Math.floor(rnd() * alphabet.length)]!).join(''));
}

test("the fingerprint's scanner reads the tokenizer's words, each hashed as wordHash hashes it", () => {
  const texts = [
    '',
    'U.S. troops, 14,000 of them, can\u2019t stay -- the well-known "co-operation" ends.',
    'Zürich’s ÉCOLE and Straße; naïve façade. ΑΘΗΝΑ Москва',
    "trailing joiners' and -leading ones, a.b.c. x-",
    ...generated(300),
  ];
  let words = 0;
  for (const text of texts) {
    const scan = scanCodes(charCodes(text), text.length);
    const tokens = tokenize(text);
    assert.deepEqual([...scan.begins], [...tokens.begins], `word starts in ${JSON.stringify(text)}`);
    assert.deepEqual([...scan.ends], [...tokens.ends], `word ends in ${JSON.stringify(text)}`);
    for (let i = 0; i < scan.count; i++) {
      const word = text.slice(scan.begins[i]!, scan.ends[i]!);
      assert.equal(scan.hashes[i], wordHash(word), `hash of ${JSON.stringify(word)}`);
      // Case (of ASCII words: "ı" upper-cases to "I") and the curly apostrophe do not change a word's hash.
      if (/^[\x20-\x7e\u2019]+$/.test(word)) assert.equal(wordHash(word.toUpperCase()), scan.hashes[i], `hash of ${JSON.stringify(word)} upper-cased`);
      assert.equal(wordHash(word.replace(/'/g, '\u2019')), wordHash(word));
    }
    words += scan.count;
  }
  assert.ok(words > 5_000, `only ${words} words scanned`);
});
