import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileCodec, type Profile } from '../src/cluster/storyline-profile.js';
import { judgeLink } from '../src/cluster/storyline-links.js';
import { NO_LINKS, appendLink, concatLinks, linkCount, linkedEvents } from '../src/cluster/profile-links.js';
import { EMPTY_VECTOR, packVector } from '../src/cluster/sparse.js';

const profile = (id: string, links = NO_LINKS): Profile => ({
  id, seq: 0, tf: EMPTY_VECTOR, norm: 0, names: [], nameIds: [], links, size: 1, title: id, begin: 100, end: 101, line: 'S1',
});

test('a storyline profile stored before links were packed reads back with its shared passages, in order', () => {
  const old = {
    ...profile('E7'),
    tf: packVector(EMPTY_VECTOR),
    links: [['E3', '00aa11bb22cc33dd', '44ee55ff66aa77bb'], ['E9', '8899aabbccddeeff', '0011223344556677'], ['E3', 'ffeeddccbbaa9988', '7766554433221100']],
  };
  const p = profileCodec.decode(new TextEncoder().encode(JSON.stringify(old)));
  assert.deepEqual(linkedEvents(p.links), ['E3', 'E9', 'E3']);
  const judged = judgeLink(p, profile('E3'), 0, () => false, 60);
  assert.ok(judged, 'a shared passage links two events without shared names');
  assert.match(judged.why, /shared passage between 00aa11bb22cc33dd and 44ee55ff66aa77bb/, 'the first link to the event is the passage shown');
  assert.deepEqual(profileCodec.decode(profileCodec.encode(p)), p, 'packed links survive a write and a read');
  assert.equal(judgeLink(profile('E3'), p, 0, () => false, 60)?.why, judged.why, 'either end finds the passage');
});

test('a profile keeps its first links up to the limit, whichever way they arrive', () => {
  let links = NO_LINKS;
  for (let i = 0; i < 6; i++) links = appendLink(links, `E${i}`, `a${i}`, `b${i}`, 4);
  assert.equal(linkCount(links), 4);
  assert.deepEqual(linkedEvents(links), ['E0', 'E1', 'E2', 'E3']);
  const other = appendLink(appendLink(NO_LINKS, 'E8', 'x', 'y', 4), 'E9', 'x', 'z', 4);
  assert.deepEqual(linkedEvents(concatLinks(other, links, 4)), ['E8', 'E9', 'E0', 'E1']);
  assert.deepEqual(linkedEvents(concatLinks(NO_LINKS, NO_LINKS, 4)), []);
  assert.equal(linkCount(NO_LINKS), 0);
});

test('a passage is found for the event linked, not for one whose id it begins with', () => {
  let links = NO_LINKS;
  links = appendLink(links, 'E12', 'a12', 'b12', 40);
  links = appendLink(links, 'E1', 'a1', 'b1', 40);
  links = appendLink(links, 'E123', 'a123', 'b123', 40);
  const at = (event: string) => judgeLink({ ...profile('P'), links }, profile(event), 0, () => false, 60)?.why.match(/between (\S+) and (\S+)/)?.slice(1);
  assert.deepEqual(at('E1'), ['a1', 'b1']);
  assert.deepEqual(at('E12'), ['a12', 'b12']);
  assert.deepEqual(at('E123'), ['a123', 'b123']);
  assert.equal(at('E2'), undefined, 'no passage: two events without shared names are not linked');
});
