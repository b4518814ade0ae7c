/**
 * How much a word says about which story a text tells, without a corpus: an inverse-frequency
 * weight estimated from WordNet's sense-tagged counts (common words such as "say", "year", "make"
 * weigh little), with names, acronyms and other words WordNet lacks weighing most and numbers
 * (figures, dates, scores) in between. Built in, so a pair's similarity is the same whether it is
 * compared alone or inside a database, whatever else was ingested before.
 */
import { taggedCount } from '../text/synonyms.js';

/** Weight of a word WordNet lacks: a name, an acronym, a rare term. */
const UNKNOWN = 5;
/** Weight of a number, a figure or a date. */
const NUMBER = 3;
/** Scale of the frequency estimate: a word with t tagged senses weighs log(1 + SCALE / (t + 1)). */
const SCALE = 50;

/** Inverse-frequency weight of a normalised word form (lower case). */
export function termWeight(form: string): number {
  if (/\d/.test(form)) return NUMBER;
  const tagged = form.endsWith('.') ? 0 : taggedCount(form);
  return tagged === 0 ? UNKNOWN : Math.log(1 + SCALE / (tagged + 1));
}
