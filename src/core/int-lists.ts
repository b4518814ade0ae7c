/**
 * Lists of 32-bit integers by integer key, the lists held one after another in one typed array (off
 * the JS heap, 4 bytes a number, no object per list) instead of an array each (8 bytes a number and
 * ~50 of headers on the heap, which V8 then sizes its old generation by). A list is replaced whole;
 * a replaced or deleted list's room goes unused until the pool is full, when the live lists are copied
 * into a new pool with a quarter as much room again. Keys iterate in the order they were first set.
 */
export class IntLists {
  /** Each key's list: where its length is in the pool (the numbers follow it). */
  private readonly at = new Map<number, number>();
  private pool = new Int32Array(1024);
  private used = 0;
  /** Pool words taken by the lists held, lengths included. */
  private live = 0;

  get size(): number {
    return this.at.size;
  }

  keys(): IterableIterator<number> {
    return this.at.keys();
  }

  /** Appends the first `limit` numbers of `key`'s list to `out`; false when `key` has no list. */
  appendTo(key: number, out: number[], limit = Infinity): boolean {
    const at = this.at.get(key);
    if (at === undefined) return false;
    const end = at + 1 + Math.min(this.pool[at]!, limit);
    for (let i = at + 1; i < end; i++) out.push(this.pool[i]!);
    return true;
  }

  /** A copy of `key`'s list, or undefined. */
  get(key: number): number[] | undefined {
    const out: number[] = [];
    return this.appendTo(key, out) ? out : undefined;
  }

  set(key: number, list: ArrayLike<number>): void {
    const words = list.length + 1;
    if (this.used + words > this.pool.length) this.makeRoom(words);
    const before = this.at.get(key);
    if (before !== undefined) this.live -= this.pool[before]! + 1;
    const at = this.used;
    this.pool[at] = list.length;
    for (let i = 0; i < list.length; i++) this.pool[at + 1 + i] = list[i]!;
    this.used += words;
    this.live += words;
    // A key set again keeps its place in the order (Map.set on a held key), as it would in a Map of lists.
    this.at.set(key, at);
  }

  delete(key: number): boolean {
    const at = this.at.get(key);
    if (at === undefined) return false;
    this.live -= this.pool[at]! + 1;
    this.at.delete(key);
    return true;
  }

  clear(): void {
    this.at.clear();
    this.pool = new Int32Array(1024);
    this.used = 0;
    this.live = 0;
  }

  /** Words of the pool in use by the lists held, lengths included (for tests and measurements). */
  get words(): number {
    return this.live;
  }

  /** Words of the pool, in use or not. */
  get poolWords(): number {
    return this.pool.length;
  }

  private makeRoom(words: number): void {
    const needed = this.live + words;
    // Room for a quarter as much again: the next copy comes after at least a fifth of the numbers it copies were appended.
    const size = Math.max(1024, Math.ceil((needed * 1.25) / 1024) * 1024);
    const pool = new Int32Array(size);
    let used = 0;
    for (const [key, at] of this.at) {
      const n = this.pool[at]! + 1;
      pool.set(this.pool.subarray(at, at + n), used);
      this.at.set(key, used);
      used += n;
    }
    this.pool = pool;
    this.used = used;
  }
}
