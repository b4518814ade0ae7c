import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEntities } from '../src/extract/entities.js';

const entity = (text: string, name: string) => extractEntities(text).entities.find((e) => e.name === name);

test('titles before a name become roles', () => {
  const cases: Array<[string, string, string]> = [
    ['Estonian Defense Minister Kalle Laanet spoke.', 'Kalle Laanet', 'Estonian Defense Minister'],
    ['It was, said Kremlin spokesman Dmitry Peskov, too early.', 'Dmitry Peskov', 'Kremlin spokesman'],
    ['On Friday NATO Secretary General Jens Stoltenberg spoke.', 'Jens Stoltenberg', 'NATO Secretary General'],
    ['Later White House press secretary Jen Psaki noted it.', 'Jen Psaki', 'White House press secretary'],
  ];
  for (const [text, name, role] of cases) {
    const e = entity(text, name);
    assert.ok(e, `${name} in ${JSON.stringify(extractEntities(text).entities)}`);
    assert.equal(e.kind, 'person');
    assert.deepEqual(e.roles, [role]);
  }
});

test('appositive roles', () => {
  const a = entity('"No," Julianne Smith, the U.S. ambassador to NATO, said Tuesday.', 'Julianne Smith');
  assert.deepEqual(a?.roles, ['U.S. ambassador to NATO']);
  const b = entity('Maksim Samorukov, a fellow at the Carnegie Moscow Center think tank, says so.', 'Maksim Samorukov');
  assert.deepEqual(b?.roles, ['fellow at the Carnegie Moscow Center think tank']);
});

test('surnames and honorifics resolve to the full name', () => {
  const text = 'Maksim Samorukov spoke first. The idea, Samorukov said, is simple. Geoff Garin agreed, and Mr. Garin added more.';
  const { entities, mentions } = extractEntities(text);
  const sam = mentions.filter((m) => m.entity === 'Maksim Samorukov');
  assert.equal(sam.length, 2);
  assert.equal(mentions.filter((m) => m.entity === 'Geoff Garin').length, 2);
  assert.ok(entities.find((e) => e.name === 'Maksim Samorukov')!.aliases.includes('Samorukov'));
});

test('organisations and places are told apart from people', () => {
  const { entities } = extractEntities('The Carnegie Moscow Center said Estonia and the European Union met NATO in Brussels.');
  const kind = (n: string) => entities.find((e) => e.name === n)?.kind;
  assert.equal(kind('Carnegie Moscow Center'), 'organization');
  assert.equal(kind('European Union'), 'organization');
  assert.equal(kind('NATO'), 'organization');
  assert.equal(kind('Estonia'), 'place');
  assert.equal(kind('Brussels'), 'place');
});

test('sentence-initial words and treaty names are not people', () => {
  const { entities } = extractEntities('Under Article 10 of the 1949 Washington Treaty, members agree. Whereas Putin claims otherwise.');
  assert.ok(!entities.some((e) => e.kind === 'person' && /Treaty|Whereas|Under/.test(e.name)), JSON.stringify(entities));
});

test('places named by the word after or their last word, fields and compound adjectives are not people', () => {
  const text = 'Troops drilled in the Nizhny Novgorod region. Olga Stefanishyna, Deputy Prime Minister for European and Euro-Atlantic Integration, met officials from the Czech Republic to discuss Cold War-era arms.';
  const found = extractEntities(text).entities;
  const kind = (name: string) => found.find((e) => e.name === name)?.kind;
  assert.equal(kind('Nizhny Novgorod'), 'place');
  assert.equal(kind('Czech Republic'), 'place');
  assert.notEqual(kind('Euro-Atlantic Integration'), 'person');
  assert.notEqual(kind('Cold War-era'), 'person');
  assert.equal(kind('Olga Stefanishyna'), 'person');
});

test('a lone letter of an abbreviation is never a person: "Sen. Chuck Schumer (D-N.Y.) said"', () => {
  const found = extractEntities('"It matters," Sen. Chuck Schumer (D-N.Y.) said Tuesday.');
  assert.deepEqual(found.entities.filter((e) => e.kind === 'person').map((e) => e.name), ['Chuck Schumer']);
});
