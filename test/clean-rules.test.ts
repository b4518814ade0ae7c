import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanDocument } from '../src/clean/clean.js';
import { isWiretraceError } from '../src/core/errors.js';
import type { Article } from '../src/core/types.js';
import { splitTitle } from '../src/clean/metadata.js';

function clean(text: string, extra: Partial<{ title: string; published: string }> = {}): Article {
  return cleanDocument({ name: 'x.txt', format: 'text', text, origin: 'x.txt', ...extra });
}

const P1 = 'Share prices fell sharply on Monday after the central bank raised interest rates for the third time this year.';
const P2 = 'Follow-up talks are planned for next week, officials said, though no date has been set.';

test('classes of boilerplate lines are removed; prose that merely starts with the same word stays', () => {
  const text = [P1, 'Share this article', 'Advertisement', '12 comments', 'Follow us on Twitter @example', P2,
    'READ MORE: Rates rise again', 'Tags: economy, banks', 'Sign up for our newsletter', '* * *', 'Copyright 2022 Example Media. All rights reserved.'].join('\n\n');
  const a = clean(text);
  assert.equal(a.text, `${P1}\n\n${P2}`);
});

test('a paragraph followed by a photo credit line is a caption; the credit line goes', () => {
  const text = [P1, 'Traders watch screens at the exchange on Monday.', 'Jane Roe / Reuters', P2].join('\n\n');
  const a = clean(text);
  assert.deepEqual(a.captions, ['Traders watch screens at the exchange on Monday.']);
  assert.equal(a.text, `${P1}\n\n${P2}`);
  assert.deepEqual(a.wire, []);
});

test('captions ending with a parenthesised photo credit are held apart', () => {
  const caption = 'Protesters gather outside parliament in London, Britain, on Tuesday. (Photo by John Smith/Getty Images)';
  const a = clean([P1, caption, P2].join('\n\n'));
  assert.deepEqual(a.captions, [caption]);
  assert.ok(!a.text.includes('Protesters'));
});

test('datelines: Reuters with a date, AFP with a title-case place, a bare all-caps place', () => {
  const reuters = clean(`MOSCOW, Jan 12 (Reuters) - ${P2}`);
  assert.equal(reuters.dateline, 'MOSCOW, Jan 12 (Reuters)');
  assert.deepEqual(reuters.wire, ['Reuters']);
  const afp = clean(`Paris (AFP) - ${P2}`);
  assert.equal(afp.dateline, 'Paris (AFP)');
  assert.deepEqual(afp.wire, ['AFP']);
  const bare = clean(`WASHINGTON \u2014 ${P2}`);
  assert.equal(bare.dateline, 'WASHINGTON');
  assert.deepEqual(bare.wire, []);
  assert.equal(clean(P2).dateline, null);
});

test('bylines and contributor lines are held apart and credit their wire', () => {
  const a = clean(['By Jane Doe, Associated Press', P1, P2, 'Additional reporting by Sam Roe; Editing by Kim Lee'].join('\n\n'));
  assert.equal(a.byline, 'Jane Doe, Associated Press');
  assert.deepEqual(a.wire, ['AP']);
  assert.deepEqual(a.contributors, ['Additional reporting by Sam Roe; Editing by Kim Lee']);
  assert.equal(a.text, `${P1}\n\n${P2}`);
});

test('a line repeated inside an article is kept once', () => {
  const a = clean([P1, P2, P1].join('\n\n'));
  assert.equal(a.text, `${P1}\n\n${P2}`);
});

test('hard-wrapped paragraphs are joined with spaces and still map back to the original', () => {
  const original = 'The council met for three hours\non Wednesday and agreed to meet\nagain next month.\n\nA second paragraph follows here.';
  const a = clean(original);
  assert.equal(a.text, 'The council met for three hours on Wednesday and agreed to meet again next month.\n\nA second paragraph follows here.');
  assert.equal(a.paragraphs.length, 2);
  for (const [t, o] of a.sourceMap) assert.equal(a.text[t], original[o]);
});

test('an explicit published field wins over dates in the text; a date marker is read and removed', () => {
  assert.equal(clean(` date 2022-01-12 ${P1}`).published, '2022-01-12');
  assert.ok(clean(` date 2022-01-12 ${P1}`).text.startsWith('Share prices'));
  assert.equal(clean(` date 2022-01-12 ${P1}`, { published: '2021-05-04T10:00:00Z' }).published, '2021-05-04');
  assert.equal(clean(`Reuters | March 3, 2020\n\n${P1}`).published, '2020-03-03');
  assert.equal(clean(P1).published, null);
});

test('titles lose an outlet suffix only when it reads as an outlet', () => {
  assert.deepEqual(splitTitle('Rates rise again - BBC News'), { title: 'Rates rise again', outlet: 'BBC News' });
  assert.deepEqual(splitTitle('Rates rise again | Reuters'), { title: 'Rates rise again', outlet: 'Reuters' });
  assert.deepEqual(splitTitle('Ukraine crisis: what happens next'), { title: 'Ukraine crisis: what happens next', outlet: null });
  const a = clean(`Banks brace for losses: CNN\n\n${P1}`);
  assert.equal(a.title, 'Banks brace for losses');
  assert.equal(a.source, 'CNN');
});

test('language is detected from function words', () => {
  const de = clean('Die Regierung hat am Mittwoch beschlossen, dass die Steuern nicht erhöht werden. Das ist eine gute Nachricht für die Bürger und auch für die Wirtschaft.');
  assert.equal(de.language, 'de');
  assert.equal(clean(P1).language, 'en');
});

test('nothing article-like left is NO_ARTICLE', () => {
  assert.throws(() => clean('Advertisement\n\nShare this article\n\n12 comments'), (e) => isWiretraceError(e) && e.code === 'NO_ARTICLE');
});

test('the same content always gets the same id', () => {
  assert.equal(clean(P1).id, clean(P1).id);
  assert.notEqual(clean(P1).id, clean(P2).id);
});
