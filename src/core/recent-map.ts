/**
 * A map that keeps its `limit` most recently used entries: `use` records an entry as used now and
 * drops the least recently used one past the limit.
 */
export class RecentMap<K, V> {
  private readonly held = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.held.get(key);
  }

  has(key: K): boolean {
    return this.held.has(key);
  }

  use(key: K, value: V): void {
    this.held.delete(key);
    this.held.set(key, value);
    if (this.held.size > this.limit) this.held.delete(this.held.keys().next().value!);
  }
}
