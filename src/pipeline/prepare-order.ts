type Settled<R> = { value: R } | { error: unknown };

/**
 * Starts `start(item)` for the items of `source` as they come, at most `limit` started and not yet
 * yielded at once, and yields the results in the order of the source. A slow item holds back
 * those after it (up to `limit`), never reorders them. Reading stops while the window is full, so
 * memory stays bounded however long the source. A rejection is thrown when its turn comes.
 */
export async function* inSourceOrder<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  limit: number,
  start: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  // Settled wrappers: a later item's rejection is not left unhandled while an earlier one is awaited.
  const window: Array<Promise<Settled<R>>> = [];
  const next = async (): Promise<R> => {
    const settled = await window.shift()!;
    if ('error' in settled) throw settled.error;
    return settled.value;
  };
  for await (const item of source) {
    window.push(start(item).then((value) => ({ value }), (error: unknown) => ({ error })));
    if (window.length >= limit) yield await next();
  }
  while (window.length > 0) yield await next();
}
