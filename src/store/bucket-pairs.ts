/** A `below` bound no article seq reaches: `lookupOlderBuckets` with it is `lookupBuckets` with keys. */
export const NO_SEQ_BOUND = Number.MAX_SAFE_INTEGER;

/** The seqs of flat [key, seq, key, seq, ...] pairs. */
export function seqsOf(pairs: Int32Array): Int32Array {
  return Int32Array.from({ length: pairs.length / 2 }, (_, i) => pairs[2 * i + 1]!);
}
