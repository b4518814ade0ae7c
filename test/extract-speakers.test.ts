import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractQuotes } from '../src/extract/quotes.js';
import { groupQuotes } from '../src/extract/quote-groups.js';
import { paragraphs } from '../src/text/segment.js';
import type { Quote } from '../src/core/types.js';

function quotes(text: string, id = 'a'): Quote[] {
  return extractQuotes({ id, text, paragraphs: paragraphs(text) }).filter((q) => !q.indirect);
}

test('"the firm said" names the company mentioned before, not "firm"; with none before, nobody', () => {
  const text = 'Shares of Shell Oil Co rose. Its finance director was leaving "by mutual agreement to pursue other career opportunities", the firm said in a statement.';
  const [q] = quotes(text);
  assert.equal(q?.speaker, 'Shell Oil Co');
  const bare = 'Its finance director was leaving "by mutual agreement to pursue other career opportunities", the firm said in a statement.';
  const [r] = quotes(bare);
  assert.ok(r);
  assert.equal(r.speaker, null);
});

test('the end of a web address is not a speaker', () => {
  const text = 'The game sold 677,000 copies. "It is obviously very, very encouraging for Sony because Microsoft briefly outsold them last week," John Houlihan, editor of Computerandvideogames.com told BBC News.';
  for (const q of quotes(text)) assert.notEqual(q.speaker, 'com');
});

test('"it warned" does not point back to an acronym used as a modifier ("RFID chips")', () => {
  const text = 'A campaign group, Consumers Against Supermarket Privacy Invasion and Numbering, has claimed that RFID chips could be used to identify people. "All kinds of personal belongings could broadcast messages about their owners," it warned.';
  for (const q of quotes(text)) assert.notEqual(q.speaker, 'RFID');
});

test('"it warned" does not reach back paragraphs for an organisation named in passing', () => {
  const filler = 'Shoppers were asked about tags on shelves and in warehouses, and about what happens after they leave the shop. '.repeat(8);
  const text = `Awareness of RFID, said the survey, was low across Europe.\n\n${filler}\n\n"All kinds of personal belongings could broadcast messages about their owners," it warned.`;
  for (const q of quotes(text)) assert.notEqual(q.speaker, 'RFID');
});

test('one speaker\'s unrelated quotes that share only common words stay apart', async () => {
  const india = 'The IMF said India\'s budget deficit was too large. "India\'s budget deficit is too large and will hamper the country\'s economic growth, which we forecast to be around 6.5% in the year to March," the IMF said.';
  const germany = 'The IMF cut its forecast. "German growth for the current year would be 1.8%," the IMF said.';
  const all = [...quotes(india, 'india'), ...quotes(germany, 'germany')];
  assert.equal(all.length, 2);
  assert.deepEqual(all.map((q) => q.speaker), ['IMF', 'IMF']);
  const articles = new Map([['india', { id: 'india', name: 'india', published: '2005-01-01' }], ['germany', { id: 'germany', name: 'germany', published: '2005-01-02' }]]);
  const groups = await groupQuotes(all, articles);
  assert.equal(groups.length, 2);
  // A trimmed copy of the German quote still joins it.
  const copy = quotes('Growth news. "German growth for the current year would be 1.8% at most, and lower next year," the IMF said.', 'copy');
  const joined = await groupQuotes([...all, ...copy], new Map([...articles, ['copy', { id: 'copy', name: 'copy', published: '2005-01-03' }]]));
  assert.equal(joined.length, 2);
});

test('a speaker is a name: not what is left of "the statement said", a corporate suffix or a ticker', () => {
  const speakerOf = (text: string) => extractQuotes({ id: 'x', text, paragraphs: paragraphs(text) })[0]?.speaker;
  assert.equal(speakerOf('Club shares fell. "The board continues to believe that the plan assumptions are aggressive," the statement said.'), null);
  assert.equal(speakerOf('The Securities and Exchange Commission said it would review the merger of the two brokers.'), 'Securities and Exchange Commission');
  assert.equal(speakerOf('French chemicals group Rhone-Poulenc <RHON.PA> said it will increase its capacity by a fifth.'), 'Rhone-Poulenc');
  assert.equal(speakerOf('General Host Corp said it will report a loss for the fourth quarter of the year.'), 'General Host Corp');
  assert.equal(speakerOf('Miller Tabak Hirsch and Co said it has received and accepted 3.4 mln shares in its offer.'), 'Miller Tabak Hirsch and Co');
  assert.equal(speakerOf('General Motors Corp <GM> said it would buy back up to a fifth of its common stock.'), 'General Motors Corp');
});

test('quotes of unnamed spokesmen in unrelated stories are not one group; a named speaker\'s are', async () => {
  const plant = (who: string) => `The plant closed after a fire. "We expect the plant to reopen next week once the repairs are finished," ${who} said.`;
  const store = (who: string) => `The chain plans a new shop. "We expect the new store to open next month once the works are finished," ${who} said.`;
  const articles = new Map(['plant', 'store'].map((id, i) => [id, { id, name: id, published: `2005-01-0${i + 1}` }]));
  const unnamed = [...quotes(plant('a spokesman'), 'plant'), ...quotes(store('a spokesman'), 'store')];
  assert.equal(unnamed.length, 2);
  assert.equal((await groupQuotes(unnamed, articles)).length, 2);
  const named = [...quotes(plant('Anna Berg'), 'plant'), ...quotes(store('Anna Berg'), 'store')];
  assert.equal((await groupQuotes(named, articles)).length, 1, 'one speaker rewording one line is one group');
});
