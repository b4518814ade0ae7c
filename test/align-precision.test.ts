/**
 * relate() across distinct articles: coverage of one story line in different words is no
 * relation, a cut is an excerpt, and reused background is a shared passage. Texts are real
 * BBC articles (corpus-bbc), copied here in full or in part.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/core/types.js';
import { paragraphs, sentences } from '../src/text/segment.js';
import { relate } from '../src/align/relate.js';
import { compare } from '../src/align/compare.js';

function article(id: string, text: string): Article {
  return {
    id, name: id, format: 'text', title: null, source: null, url: null, byline: null, dateline: null, published: null,
    wire: [], language: 'en', basedOn: null, text, paragraphs: paragraphs(text), captions: [], contributors: [],
    words: text.split(/\s+/).length, sourceMap: [],
  };
}

/** BBC sport/016: "Verdict delay for Greek sprinters" (whole text) */
const SPRINTERS_DELAY = [
  "Greek athletics' governing body has postponed by two weeks the judgement on sprinters Costas Kenteris and Katerina Thanou for missing doping tests.",
  "The pair are facing lengthy bans for the missed tests, including one on the eve of last year's Athens Olympics. They were set to learn their fate by the end of February, but late evidence from them has pushed the date back. \"A decision is now expected by around mid-March,\" said one of their lawyers, Michalis Dimitrakopoulos. Kenteris, 31, who won the men's 200m title at the 2000 Sydney Games and Thanou, 30, who won the women's 100m silver medal in Sydney, face a maximum two-year ban if found guilty. The athletes, who spectacularly withdrew from the Athens Olympics, have been suspended by the International Association of Athletics Federations (IAAF) for missing the three tests. The IAAF said the sprinters had failed to provide samples for tests in Tel Aviv, Chicago and Athens and ordered Greek athletic's governing body, Segas, to hold a disciplinary inquiry. The athletes also face a criminal hearing in Greece over the missed drugs tests and have been charged with faking a motorcycle accident on the day of the Athens test, which led to them spending four days in hospital. Following the final hearing in late January, the athletes sounded confident they would be acquitted. \"I am confident and optimistic,\" Thanou had said at the time. \"We presented new evidence to the committee that they were not aware of.\" It was not clear what this new evidence was.",
].join('\n\n');

/** BBC sport/054: "Thanou bullish over drugs hearing" (whole text): same story line, own wording, one shared quote */
const SPRINTERS_HEARING = [
  "Katerina Thanou is confident she and fellow sprinter Kostas Kenteris will not be punished for missing drugs tests before the Athens Olympics.",
  "The Greek pair appeared at a hearing on Saturday which will determine whether their provisional bans from athletics' ruling body the IAAF should stand. \"After five months we finally had the chance to give explanations. I am confident and optimistic,\" said Thanou. \"We presented new evidence to the committee that they were not aware of.\"",
  "The athletes' lawyer Grigoris Ioanidis said he believed the independent disciplinary committee set up by the Greek Athletics Federation (SEGAS) would find them innocent. \"We are almost certain that the charges will be dropped,\" said Ioanidis.",
  "\"We believe that we have presented [a case] that the charges are unreasonable.\" Thanou, the 2000 Olympic women's 100m silver medallist, and Sydney 200m champion Kenteris were suspended by the IAAF for missing three drugs tests. The third was supposed to take place on the eve of the Athens Games last August, but the pair could not be found in the athletes' village. They were later taken to hospital after claiming to have been involved in a motorcycle accident. Thanou's coach Christos Tzekos was also suspended by the IAAF. \"We were asked [by the disciplinary committee] all kinds of questions about the night of 12 August,\" said Tzekos. \"We did not leave any gaps. As far as I am concerned there is no such issue [of refusing to be tested], and I am very optimistic.\" Tzekos, Thanou and Kenteris, who have all denied the charges, can expect a decision within a month. \"Deliberations will start after some additional documents are brought in by Thursday,\" said committee chairman Kostas Panagopoulos. \"I estimate that the final ruling will be issued by the end of February.\"",
].join('\n\n');

/** BBC business/399: "Indian oil firm eyes Yukos assets" (first five paragraphs) */
const ONGC_YUKOS = [
  "India's biggest oil exploration firm, Oil & Natural Gas Corp (ONGC), says it is in talks to buy the former assets of troubled Russian crude producer Yukos.",
  "\"We are in touch with the concerned Russian entities about the Yukos assets and other opportunities in Russia,\" said ONGC chairman Subir Raha. Local press had reported that ONGC was looking to buy 15% of Yukos' former key oil production unit for $2bn (£1bn). Yukos is being broken up by Russian authorities to pay a massive tax bill.",
  "It was forced to sell its key production unit Yuganskneftegas (Yugansk) last month after being hit with a bill of $27bn in unpaid taxes and fines.",
  "State-owned Rosneft now owns Yugansk and Russia has said it will turn the oil producer into a stand-alone firm. Indian oil minister Mani Shankar Aiyar discussed ONGC's plans during a trip to Moscow last year, and the topic came up again during Russian president Vladimir Putin's recent visit to New Delhi. \"It would make great sense for us to build on that,\" said Mr Aiyar. India's oil production has stagnated over recent years, and it is having to look abroad to secure future supplies. India imports about 70% of its total oil consumption. At the same time, India's economy is booming and the country's thirst for oil is so strong that it has helped pushed up the price of crude worldwide.",
  "India produces about 793,000 barrels of oil per day (bpd), little changed since the start of the 1990s, according to oil industry analysts Douglas-Westwood. Consumption, meanwhile, has jumped to 2.4 million bpd, compared with 474,000 bpd in 1973.",
].join('\n\n');

/** BBC business/420: "India and Iran in gas export deal" (whole text): reuses two background sentences of business/399 */
const INDIA_IRAN = [
  "India has signed a $40bn (£21bn) deal to import millions of tonnes of liquefied natural gas from Iran.",
  "Firms led by the Oil & Natural Gas Corporation (ONGC) will also assist in the development of Iranian oil fields. Ministers, eager to gain access to energy supplies to meet the demands of a booming economy, secured a similar deal to one between Iran and China. The announcement comes as ONGC said it was in talks to buy former assets of troubled Russian oil firm Yukos. The agreements with Iran were sealed after talks in New Delhi between Middle East producers and Asia's biggest energy consumers - China, India, Japan and South Korea.",
  "Iran - Opec's second-biggest oil producer and one of the world's top gas producers - has been pursuing a series of deals, rewarding LNG buyers with participation in development of its oil fields. Under the agreement, it will supply India with 7.5 million tonnes of LPG annually over a 25 year period from 2009. ONGC and the National Iranian Oil Company (NIOC) reached a preliminary deal for Indian firms to take part in the development of the Yadavaran and Jufeyr oilfields, both countries said in a statement. India's oil production has stagnated over recent years, and it is having to look abroad to secure future supplies. India imports about 70% of its total oil consumption. Consumption has jumped to 2.4 million barrels per day, compared with 474,000 bpd in 1973.",
].join('\n\n');

const BACKGROUND = "India's oil production has stagnated over recent years, and it is having to look abroad to secure future supplies. India imports about 70% of its total oil consumption.";

test('two stories of one story line in their own words, sharing a quote, are not related', () => {
  assert.equal(relate(article('delay', SPRINTERS_DELAY), article('hearing', SPRINTERS_HEARING)), null);
  assert.equal(compare(article('delay', SPRINTERS_DELAY), article('hearing', SPRINTERS_HEARING)).kind, null);
});

test('a 30% cut of an article is an excerpt', () => {
  const all = sentences(SPRINTERS_DELAY).map(([b, e]) => SPRINTERS_DELAY.slice(b, e));
  const k = Math.round(all.length * 0.3);
  const cut = all.slice(3, 3 + k).join('\n\n');
  const r = relate(article('full', SPRINTERS_DELAY), article('cut', cut));
  assert.ok(r, 'expected a relation');
  assert.equal(r.kind, 'excerpt');
});

test('background sentences reused inside a different story are a shared passage', () => {
  assert.ok(INDIA_IRAN.includes(BACKGROUND) && ONGC_YUKOS.includes(BACKGROUND));
  const a = article('ongc', ONGC_YUKOS);
  const b = article('iran', INDIA_IRAN);
  const r = relate(a, b);
  assert.ok(r, 'expected a relation');
  assert.equal(r.kind, 'shared-passage');
  assert.ok(r.score > 0 && r.score <= 0.45, String(r.score));
  const reused = r.passages.find((p) => b.text.slice(p.b[0], p.b[1]).includes('India imports about 70%'));
  assert.ok(reused, 'no passage holds the reused background');
  assert.match(a.text.slice(reused.a[0], reused.a[1]), /look abroad to secure future supplies/);
});

test('without the reused background the two stories on one company are not related', () => {
  const without = INDIA_IRAN.replace(BACKGROUND, '').replace(/ {2,}/g, ' ');
  assert.equal(relate(article('ongc', ONGC_YUKOS), article('iran', without)), null);
});

test("a long quotation both stories carry is not reuse; the reporter's own sentences are", () => {
  const quote =
    '"We were asked [by the disciplinary committee] all kinds of questions about the night of 12 August," said Tzekos. ' +
    '"We did not leave any gaps. As far as I am concerned there is no such issue [of refusing to be tested], and I am very optimistic."';
  const own =
    "The third was supposed to take place on the eve of the Athens Games last August, but the pair could not be found in the athletes' village. " +
    'They were later taken to hospital after claiming to have been involved in a motorcycle accident.';
  assert.ok(SPRINTERS_HEARING.includes(quote) && SPRINTERS_HEARING.includes(own));
  const hearing = article('hearing', SPRINTERS_HEARING);
  const quoting = article('quoting', `${SPRINTERS_DELAY}\n\n${quote}`);
  assert.equal(relate(quoting, hearing), null);
  const copying = article('copying', `${SPRINTERS_DELAY}\n\n${own}`);
  assert.equal(relate(copying, hearing)?.kind, 'shared-passage');
});
