/**
 * Derived state as rows: each stage keeps its state in small keyed rows (one event, one term, one
 * quote group...), loads the few it needs for an article, changes them in memory and has only the
 * changed ones written back. Nothing is ever loaded or rewritten whole.
 *
 * `RowSet` is the in-memory side: tables of decoded rows, the keys loaded (present or known absent)
 * and the keys changed since the last `drain`. Without a source everything lives in memory (tests,
 * evaluations); with one, `load` fetches the keys not yet held, in one call per table.
 */

export interface RowCodec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

/** Where rows come from: the store's `getRows`. */
export type RowSource = (ns: string, keys: readonly string[]) => Promise<Map<string, Uint8Array>>;

/** Changed rows of one table: a null value deletes the row. */
export type RowChanges = Array<readonly [key: string, value: Uint8Array | null]>;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** Rows as JSON text (fine for rows of a few KB), through `toJson`/`fromJson` when the value is not plain JSON. */
export function jsonCodec<T, J = T>(toJson: (value: T) => J = (v) => v as unknown as J, fromJson: (json: J) => T = (j) => j as unknown as T): RowCodec<T> {
  return {
    encode: (value) => textEncoder.encode(JSON.stringify(toJson(value))),
    decode: (bytes) => fromJson(JSON.parse(textDecoder.decode(bytes)) as J),
  };
}

/** Lists of whole numbers (ids, days) as 32-bit integers: a quarter of their JSON's size, and no parsing. */
export const int32ListCodec: RowCodec<number[]> = {
  encode: (value) => new Uint8Array(new Int32Array(value).buffer),
  decode: (bytes) => {
    const ints = int32View(bytes);
    // Sized up front: a list grown by push keeps up to half as much room again unused (and takes 3x as long).
    const out = new Array<number>(ints.length);
    for (let i = 0; i < ints.length; i++) out[i] = ints[i]!;
    return out;
  },
};

/** Lists of whole numbers or nulls as 32-bit integers (null as the least integer). */
export const int32NullableListCodec: RowCodec<Array<number | null>> = {
  encode: (value) => {
    const ints = new Int32Array(value.length);
    for (let i = 0; i < value.length; i++) ints[i] = value[i] ?? NULL_INT32;
    return new Uint8Array(ints.buffer);
  },
  decode: (bytes) => {
    const ints = int32View(bytes);
    const out = new Array<number | null>(ints.length);
    for (let i = 0; i < ints.length; i++) out[i] = ints[i] === NULL_INT32 ? null : ints[i]!;
    return out;
  },
};

const NULL_INT32 = -0x80000000;

function int32View(bytes: Uint8Array): Int32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`${bytes.byteLength} bytes are not a list of 32-bit integers`);
  // A view where the bytes are aligned (they are read out at once, so sharing them is safe); a copy where not.
  if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * A whole number (0 and up) as a row key that sorts as the number does: fixed-width base 36. Rows of
 * neighbouring numbers then sit side by side in the store, so the many low ones an article reads and
 * writes (its common terms) share a few pages instead of one page each.
 */
export function orderedKey(n: number): string {
  return n.toString(36).padStart(ORDERED_KEY_WIDTH, '0');
}

/** Base-36 digits of `orderedKey`: numbers below 36^6 (2.2 billion) sort in order. */
const ORDERED_KEY_WIDTH = 6;

/** A stored row that does not decode: the derived state is rebuilt from the stored articles. */
export class CorruptRowError extends Error {
  constructor(
    readonly ns: string,
    readonly key: string,
    readonly failure: unknown,
  ) {
    super(`stored row ${ns}/${key} is unreadable (${failure instanceof Error ? failure.message : String(failure)})`);
    this.name = 'CorruptRowError';
  }
}

/** What a `RowSet` asks of each of its tables. */
export interface HeldRows {
  readonly ns: string;
  /**
   * Rows written as soon as they change, never held back (see `DeferredRows`): rows of a kilobyte or
   * so, or lists rewritten whole as they grow (an event, a storyline profile, a key term's postings, a
   * quote group's head), cost the redo row about as many pages as holding them back saves in their place.
   */
  readonly atOnce?: boolean;
  /** The rows changed since the last drain, encoded; they count as unchanged afterwards. */
  drain(): RowChanges;
  /** Forgets every row held (another writer changed the store); only valid with nothing changed. */
  forget(): void;
}

/** One table of a `RowSet`. Values are held decoded; call `set` after changing one in place. */
export class RowTable<T> implements HeldRows {
  /** Loaded rows; `null` marks a key known to have no row. */
  private readonly held = new Map<string, T | null>();
  private readonly changed = new Set<string>();

  constructor(
    readonly ns: string,
    private readonly codec: RowCodec<T>,
    private readonly source: RowSource | null,
    /**
     * Most rows held; past it, unchanged rows are dropped (first loaded first) after a drain. Keeping
     * the rows in use instead (moving a row to the back on each load) cost 10% more CPU on the real
     * Reuters + BBC articles and read hardly fewer rows again.
     */
    private readonly capacity: number,
    readonly atOnce = false,
  ) {}

  /** Makes `keys` readable with `get`, fetching those not held in one call. */
  async load(keys: Iterable<string>): Promise<void> {
    if (!this.source) return;
    const missing: string[] = [];
    for (const key of keys) if (!this.held.has(key)) missing.push(key);
    if (missing.length === 0) return;
    const found = await this.source(this.ns, [...new Set(missing)]);
    for (const key of missing) {
      if (this.held.has(key)) continue;
      const bytes = found.get(key);
      this.held.set(key, bytes === undefined ? null : this.decode(key, bytes));
    }
  }

  private decode(key: string, bytes: Uint8Array): T {
    try {
      return this.codec.decode(bytes);
    } catch (error) {
      throw new CorruptRowError(this.ns, key, error);
    }
  }

  /** The row, or undefined when there is none. Reading a key that was never loaded is a bug and throws. */
  get(key: string): T | undefined {
    const value = this.held.get(key);
    if (value === undefined) {
      if (this.source) throw new Error(`row ${this.ns}/${key} read before it was loaded`);
      return undefined;
    }
    return value ?? undefined;
  }

  /** Whether `key` was loaded (or written) here: reading it will not throw. */
  isLoaded(key: string): boolean {
    return !this.source || this.held.has(key);
  }

  set(key: string, value: T): void {
    this.held.set(key, value);
    this.changed.add(key);
  }

  delete(key: string): void {
    this.held.set(key, null);
    this.changed.add(key);
  }

  get size(): number {
    return this.held.size;
  }

  /** The rows changed since the last drain, encoded; they count as unchanged afterwards. */
  drain(): RowChanges {
    const out: Array<readonly [string, Uint8Array | null]> = [];
    for (const key of this.changed) {
      const value = this.held.get(key);
      out.push([key, value === null || value === undefined ? null : this.codec.encode(value)]);
    }
    this.changed.clear();
    if (this.source && this.held.size > this.capacity) this.shrink();
    return out;
  }

  /** Forgets every row held (another writer changed the store); only valid with nothing changed. */
  forget(): void {
    if (!this.source) return;
    this.held.clear();
    this.changed.clear();
  }

  private shrink(): void {
    const target = this.capacity >> 1;
    for (const key of this.held.keys()) {
      if (this.held.size <= target) break;
      if (!this.changed.has(key)) this.held.delete(key);
    }
  }
}

/** A stage's tables, sharing one source. */
export class RowSet {
  private readonly tables: HeldRows[] = [];

  constructor(
    private readonly source: RowSource | null = null,
    private readonly capacity = 200_000,
    /** Scales every table's capacity (tests make it tiny, so rows come and go as at a large scale). */
    private readonly scale = 1,
  ) {}

  /** True when rows come from a store (and must be loaded before they are read). */
  get backed(): boolean {
    return this.source !== null;
  }

  table<T>(ns: string, codec: RowCodec<T> = jsonCodec<T>(), capacity = this.capacity, options: { atOnce?: boolean } = {}): RowTable<T> {
    const table = new RowTable<T>(ns, codec, this.source, Math.max(16, Math.floor(capacity * this.scale)), options.atOnce);
    this.tables.push(table);
    return table;
  }

  /** A table of another kind, made from this set's source and scale, drained and forgotten with the others. */
  attach<T extends HeldRows>(make: (source: RowSource | null, scale: number) => T): T {
    const table = make(this.source, this.scale);
    this.tables.push(table);
    return table;
  }

  /** Whether the table of `ns` has its rows written as soon as they change. */
  writesAtOnce(ns: string): boolean {
    return this.tables.some((t) => t.ns === ns && t.atOnce === true);
  }

  /** Every table's changed rows, by namespace. */
  drain(): Array<{ ns: string; rows: RowChanges }> {
    const out: Array<{ ns: string; rows: RowChanges }> = [];
    for (const t of this.tables) {
      const rows = t.drain();
      if (rows.length > 0) out.push({ ns: t.ns, rows });
    }
    return out;
  }

  forget(): void {
    for (const t of this.tables) t.forget();
  }
}

/** Rows kept in a Map: a stand-in store for tests, and a way to hand state from one `RowSet` to another. */
export class MemoryRowStore {
  private readonly rows = new Map<string, Uint8Array>();

  readonly source: RowSource = async (ns, keys) => {
    const out = new Map<string, Uint8Array>();
    for (const key of keys) {
      const value = this.rows.get(`${ns}\u0000${key}`);
      if (value !== undefined) out.set(key, value);
    }
    return out;
  };

  /** Applies what a `RowSet` drained. */
  write(changes: ReadonlyArray<{ ns: string; rows: RowChanges }>): void {
    for (const { ns, rows } of changes) {
      for (const [key, value] of rows) {
        if (value === null) this.rows.delete(`${ns}\u0000${key}`);
        else this.rows.set(`${ns}\u0000${key}`, value);
      }
    }
  }

  get size(): number {
    return this.rows.size;
  }
}
