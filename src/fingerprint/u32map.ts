/**
 * Open-addressing hash map from uint32 to uint32 (linear probing). Map<number, …>
 * with keys ≥ 2^30 boxes them as heap numbers and is several times slower.
 */
export class U32Map {
  private keys: Uint32Array;
  private vals: Uint32Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.keys = new Uint32Array(cap);
    this.vals = new Uint32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0 & this.mask;
    while (this.used[i] === 1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  has(key: number): boolean {
    return this.used[this.slot(key >>> 0)] === 1;
  }

  /** The value, or -1 when absent. */
  get(key: number): number {
    const i = this.slot(key >>> 0);
    return this.used[i] === 1 ? this.vals[i]! : -1;
  }

  set(key: number, value: number): void {
    key >>>= 0;
    let i = this.slot(key);
    if (this.used[i] !== 1) {
      if ((this.size + 1) * 2 > this.keys.length) {
        this.grow();
        i = this.slot(key);
      }
      this.used[i] = 1;
      this.keys[i] = key;
      this.size++;
    }
    this.vals[i] = value >>> 0;
  }

  private grow(): void {
    const { keys, vals, used } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.vals = new Uint32Array(keys.length * 2);
    this.used = new Uint8Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (used[i] !== 1) continue;
      const j = this.slot(keys[i]!);
      this.used[j] = 1;
      this.keys[j] = keys[i]!;
      this.vals[j] = vals[i]!;
    }
  }
}

/**
 * Scratch set of uint32 values for counting distinct hashes: `clear()` is O(1)
 * (a generation stamp), so one instance serves every article.
 */
export class U32Set {
  private keys = new Uint32Array(1024);
  private stamps = new Uint32Array(1024);
  private mask = 1023;
  private stamp = 1;
  size = 0;

  /** Empties the set and makes room for `expected` values without growing. */
  clear(expected = 0): void {
    this.size = 0;
    if (expected * 2 > this.keys.length) {
      let cap = this.keys.length;
      while (cap < expected * 2) cap <<= 1;
      this.keys = new Uint32Array(cap);
      this.stamps = new Uint32Array(cap);
      this.mask = cap - 1;
      this.stamp = 1;
      return;
    }
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** How many distinct values `keys[0, n)` holds (the set is cleared, then holds them). */
  distinct(keys: Uint32Array, n: number): number {
    this.clear(n);
    const { keys: table, stamps, mask, stamp } = this;
    let size = 0;
    for (let k = 0; k < n; k++) {
      const key = keys[k]!;
      let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      for (;;) {
        if (stamps[i] !== stamp) {
          stamps[i] = stamp;
          table[i] = key;
          size++;
          break;
        }
        if (table[i] === key) break;
        i = (i + 1) & mask;
      }
    }
    this.size = size;
    return size;
  }

  /** Adds `key` (call `clear(n)` first with n ≥ the number of adds); true when it was new. */
  add(key: number): boolean {
    const { keys, stamps, mask, stamp } = this;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (stamps[i] === stamp) {
      if (keys[i] === key >>> 0) return false;
      i = (i + 1) & mask;
    }
    stamps[i] = stamp;
    keys[i] = key;
    this.size++;
    return true;
  }
}

/**
 * Cache from a uint32 key to an int32 value, keys and values interleaved so a
 * lookup reads one cache line. `get` answers `MISSING` for an absent key, so
 * `MISSING` itself cannot be stored.
 */
export class I32Cache {
  static readonly MISSING = 0x7fffffff;
  private cells: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.cells = new Int32Array(2 * cap).fill(I32Cache.MISSING);
    this.mask = cap - 1;
  }

  private cell(key: number): number {
    const { cells, mask } = this;
    let c = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (cells[2 * c + 1] !== I32Cache.MISSING && cells[2 * c] !== key) c = (c + 1) & mask;
    return c;
  }

  get(key: number): number {
    return this.cells[2 * this.cell(key | 0) + 1]!;
  }

  set(key: number, value: number): void {
    key |= 0;
    let c = this.cell(key);
    if (this.cells[2 * c + 1] === I32Cache.MISSING) {
      if ((this.size + 1) * 2 > this.mask + 1) {
        this.grow();
        c = this.cell(key);
      }
      this.size++;
    }
    this.cells[2 * c] = key;
    this.cells[2 * c + 1] = value;
  }

  private grow(): void {
    const old = this.cells;
    this.cells = new Int32Array(2 * old.length).fill(I32Cache.MISSING);
    this.mask = old.length - 1;
    for (let c = 0; c < old.length; c += 2) {
      if (old[c + 1] === I32Cache.MISSING) continue;
      const to = this.cell(old[c]!);
      this.cells[2 * to] = old[c]!;
      this.cells[2 * to + 1] = old[c + 1]!;
    }
  }
}
