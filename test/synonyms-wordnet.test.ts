import { test } from 'node:test';
import assert from 'node:assert/strict';
import { areSynonyms, baseForms, canonical, synonymsOf } from '../src/text/synonyms.js';

test('canonical collapses WordNet synonyms that share their main sense', () => {
  // WordNet 3.1: "completely" and "totally" share adverb synset 00008423; "utterly" does not.
  assert.equal(canonical('completely'), canonical('totally'));
  assert.equal(canonical('said'), canonical('stated'));
  assert.equal(canonical('countries'), canonical('nations'));
  assert.notEqual(canonical('war'), canonical('banana'));
  assert.equal(canonical('xyzzyq'), 'xyzzyq');
  assert.equal(canonical('Completely'), canonical('completely'));
});

test('areSynonyms: shared synsets, hypernyms, and short phrases', () => {
  assert.ok(areSynonyms('war', 'conflict'));
  assert.ok(areSynonyms('agreement', 'settlement'));
  assert.ok(areSynonyms('meeting', 'assembly'));
  assert.ok(areSynonyms('war games', 'conflict video games'));
  assert.ok(!areSynonyms('war', 'banana'));
  assert.ok(!areSynonyms('ambassador', 'tank'));
});

test('synonymsOf and inflection', () => {
  assert.ok(synonymsOf('war').includes('warfare'));
  assert.ok(!synonymsOf('war').includes('war'));
  assert.deepEqual(synonymsOf('xyzzyq'), []);
  assert.ok(baseForms('stopped', 'v').includes('stop'));
  assert.ok(baseForms('games', 'n').includes('game'));
  assert.ok(baseForms('told', 'v').includes('tell'));
});
