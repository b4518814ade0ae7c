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
