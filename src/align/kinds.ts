/**
 * The relation kind alignment statistics support (docs/relation-kinds.md states each rule):
 * duplicate, excerpt, update (a later version: facts or figures changed, text added or cut, most
 * sentences kept), template (the same fixed form filled with other facts), spin (wording swapped
 * word for word by a thesaurus), paraphrase (rewritten sentence by sentence), shared-passage
 * (background reused), or none.
 */
import type { RelationKind } from '../core/types.js';
import type { RelateOptions, RelationStats } from './relate.js';

/** Fewest consecutive sentences rewritten in order for a paraphrase, spin or update. */
const MIN_BLOCK = 3;
/** Least share of one side rewritten closely and in order for a paraphrase. */
const MIN_ORDERED_CLOSE = 0.25;
/**
 * Least share of aligned content words swapped for other wording (numbers, names and dates left
 * out) for spin. A thesaurus spinner swaps one content word in four or five (the sample's spun copy:
 * 29%); editors revising a story stay under 10%. Reuters' filled-in notes reach 21% ("profit" for
 * "loss"), but their figures change faster than their words, which a spinner's never do.
 */
const SPIN_SWAP_RATE = 0.15;
/** Most wording swapped (same measure) in an update: an editor revises clauses, not word after word. */
const UPDATE_SWAP_RATE = 0.1;
/**
 * Least rate of changed facts (numbers, names, dates per aligned content word) for a template:
 * Reuters' filled-in notes, tables and daily reports change 9–45%, later versions of one story 0–4%.
 */
const TEMPLATE_FACT_RATE = 0.08;
/** Fewest sentences swapped word for word in a spun copy. */
const MIN_SWAPPED_PAIRS = 4;
const SPIN_ARTEFACTS = new Set(['broken-collocation', 'broken-name', 'garbled-credit']);

/** The relation kind the statistics support, or null. */
export function decideKind(s: RelationStats, options: RelateOptions = {}): RelationKind | null {
  const minCoverage = options.minCoverage ?? 0.35;
  const most = Math.max(s.coverageA, s.coverageB);
  const least = Math.min(s.coverageA, s.coverageB);
  const copied = s.verbatim + s.trimmed;
  const rewritten = s.block >= MIN_BLOCK;
  const spinMarks = s.artefacts.filter((x) => SPIN_ARTEFACTS.has(x.kind)).length;
  const translationMarks = s.artefacts.length - spinMarks;
  if (s.pairs.length >= 2 && least >= 0.9 && s.verbatim >= 0.9 && s.factSwaps === 0) return 'duplicate';
  // The same form with other facts: figures, names and dates changed at a rate later versions of one
  // story do not reach, about as often as other words or more (two stories retelling one event change
  // more of their other words), and less than half the text kept word for word. A rewrite that also
  // swaps wording needs twice the rate; past the spin rate, facts must outnumber the other words.
  const factRate = s.swapRate < UPDATE_SWAP_RATE ? TEMPLATE_FACT_RATE : 2 * TEMPLATE_FACT_RATE;
  const otherFacts = s.factRate >= factRate && s.factRate >= 0.8 * s.wordingRate && copied < 0.5;
  if (s.pairs.length >= 2 && most >= 0.5 && otherFacts && (s.swapRate < SPIN_SWAP_RATE || s.factRate >= s.wordingRate)) return 'template';
  if (s.pairs.length >= 2 && most >= 0.8 && copied >= 0.8 && s.factSwaps === 0) return 'excerpt';
  // One sentence is no chance match when it is the whole of one side (a wire story's lead run as a
  // brief): copied word for word, no fact changed, and long enough to be a passage of its own.
  const wholeSentence = s.pairs.length === 1 && most >= 0.9 && copied >= 0.9 && s.factSwaps === 0 && s.reusedWords >= (options.minPassageWords ?? 12);
  if (wholeSentence) return least >= 0.9 ? 'duplicate' : 'excerpt';
  // A later version: most of one side kept in order, with a few figures changed or clauses revised,
  // added or cut, but wording seldom swapped word for word and no rewriting artefacts.
  const revised = s.swapRate < UPDATE_SWAP_RATE && s.artefacts.length === 0;
  if (s.pairs.length >= 2 && most >= 0.5 && rewritten && (copied >= 0.8 || revised)) return 'update';
  const swappedPairs = s.pairs.filter((p) => p.stats.edit === 'synonym-swapped').length;
  const rewrites = s.pairs.filter((p) => p.stats.edit === 'synonym-swapped' || p.stats.edit === 'paraphrased').length;
  // Spin: pairs swapped word for word dominate, at a rate of swapped wording (not figures, names or
  // dates) no editor's revision reaches, and the artefacts are a spinner's, not a translator's.
  const swapsDominate = (s.swapped >= s.paraphrased && spinMarks >= translationMarks) || (spinMarks >= 2 && translationMarks === 0 && s.swapped >= 0.7 * s.paraphrased);
  // A spinner keeps the facts: figures, names and dates stay while the wording around them changes
  // ("profit" for "loss" beside changed figures is another filling of a table, not a synonym).
  const spun = copied < 0.5 && s.swapRate >= SPIN_SWAP_RATE && s.factRate < 0.5 * s.wordingRate && swappedPairs >= MIN_SWAPPED_PAIRS && swapsDominate;
  if (most >= 0.2 && spun && rewritten) return 'spin';
  // A rewrite of the same story: much of one side aligned, a good share of it closely and in
  // order, and either most of it close or the same quotes (the same reporting, not background).
  const sameStory = rewritten && (s.closeCoverage >= 0.5 || (s.sharedQuotes >= 2 && s.orderedClose >= MIN_ORDERED_CLOSE));
  if (most >= minCoverage && rewrites >= 3 && copied < 0.8 && sameStory) return spun ? 'spin' : 'paraphrase';
  // Background reuse: one long near-verbatim passage in the writers' own words, or a shorter
  // one with a second sentence kept close elsewhere (one short sentence alone may be chance).
  const long = s.reusedWords >= (options.longPassageWords ?? 25);
  const corroborated = s.reusedWords >= (options.minPassageWords ?? 12) && s.ownClosePairs >= 2;
  if (long || corroborated) return 'shared-passage';
  return null;
}
