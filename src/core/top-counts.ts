/**
 * The `k` keys with the highest counts, highest first, ties by key, the higher first (as sorting every
 * entry by count, then key, both descending, would give them). Kept in a short sorted list: the
 * hundreds or thousands of candidates a late article's terms or a quote's words name cost one
 * comparison each instead of a sort.
 */
export function mostCounted<K extends string | number>(counts: ReadonlyMap<K, number>, k: number): K[] {
  if (k <= 0) return [];
  const top: Array<[K, number]> = [];
  const before = (a: readonly [K, number], b: readonly [K, number]) => a[1] > b[1] || (a[1] === b[1] && a[0] > b[0]);
  for (const entry of counts) {
    if (top.length === k && !before(entry, top[k - 1]!)) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && before(entry, top[at - 1]!)) at--;
    if (top.length === k) top.pop();
    top.splice(at, 0, entry);
  }
  return top.map(([key]) => key);
}
