import { CorruptRowError, orderedKey, type RowChanges, type RowSource } from '../core/rows.js';
import type { Store } from '../store/store.js';

/** Namespace of the redo rows: one per checkpoint, holding every row it changed. */
const REDO = 'redo';
/** The redo row naming the range held: the first redo row's number and the next one's. */
const RANGE_KEY = 'range';
/**
 * Bytes held for rows held back (their encoded bytes and their index) before they are written to their
 * places, all at once. An article changes ~150 small rows (term frequencies, storyline keys, quote-word
 * lists) scattered over the key space, so each lands on a page of its own; written together, the
 * changes of several hundred articles share their pages, and a row changed again meanwhile is written once.
 */
export const DEFERRED_BYTES = 24 * 1024 * 1024;
/** Rows written between two breaks for the event loop. */
const WRITE_SLICE = 2000;

/**
 * Write-behind for the derived rows: a checkpoint writes the rows it changed as one redo row, in
 * the same transaction, and keeps them as pending; reads see a pending row before the stored one.
 * Past `limit` bytes held, every pending row is written to its place and the redo rows deleted,
 * in one checkpoint. A process that starts (or finds another writer's checkpoints in between)
 * reloads the pending rows from the redo rows, so a kill loses nothing committed.
 *
 * The rows are held in their encoded form: the redo rows' bytes, each pending row a position in them.
 * A small typed array of its own costs ~700 bytes of memory whatever its length, ten times a typical row.
 */
export class DeferredRows {
  /** Pending rows by namespace: where each one's length (then its bytes) is in `chunks`. */
  private readonly pending = new Map<string, Map<string, number>>();
  /** Encoded rows, one after another: a position is an offset into all of them at once. */
  private chunks: Uint8Array[] = [];
  private starts: number[] = [];
  private chunkBytes = 0;
  private entries = 0;
  /** This checkpoint's changes, encoded a namespace at a time, for its redo row. */
  private staged: Uint8Array[] = [];
  private first = 0;
  private next = 0;
  private loaded = false;

  constructor(
    /** Whether rows of a namespace are written at once (never held back): the same answer for a namespace every time. */
    private readonly atOnce: (ns: string) => boolean,
    private readonly limit = DEFERRED_BYTES,
  ) {}

  defers(ns: string): boolean {
    return ns !== REDO && !this.atOnce(ns);
  }

  /** Bytes held for the pending rows: their encoded bytes (superseded ones too, until a flush) and their index. */
  get pendingBytes(): number {
    return this.chunkBytes + this.entries * ENTRY_BYTES;
  }

  /** `keys` of `ns`: a pending row where there is one, the stored one otherwise. */
  async read(ns: string, keys: readonly string[], source: RowSource): Promise<Map<string, Uint8Array>> {
    const held = this.pending.get(ns);
    if (!held) return source(ns, keys);
    const out = new Map<string, Uint8Array>();
    const rest: string[] = [];
    for (const key of keys) {
      const at = held.get(key);
      if (at === undefined) rest.push(key);
      else {
        // A copy: a codec may decode to a view on the bytes, and the stage change that view in place.
        const value = this.valueAt(at);
        if (value) out.set(key, value.slice());
      }
    }
    if (rest.length > 0) for (const [key, value] of await source(ns, rest)) out.set(key, value);
    return out;
  }

  /** Reads the pending rows back from the redo rows, unless they are held already. */
  async load(tx: Store): Promise<void> {
    if (this.loaded) return;
    this.drop();
    const range = (await tx.getRows(REDO, [RANGE_KEY])).get(RANGE_KEY);
    [this.first, this.next] = range ? decodeRange(range) : [0, 0];
    const keys: string[] = [];
    for (let n = this.first; n < this.next; n++) keys.push(orderedKey(n));
    const rows = keys.length > 0 ? await tx.getRows(REDO, keys) : new Map<string, Uint8Array>();
    for (const key of keys) {
      const bytes = rows.get(key);
      if (!bytes) throw new CorruptRowError(REDO, key, new Error('missing from the range of redo rows'));
      // Its own copy: a row read from the store may be a view on a buffer shared with others.
      const copy = bytes.slice();
      try {
        walkRedo(copy, 0, (ns, rowKey, at) => this.hold(ns, rowKey, this.chunkBytes + at));
      } catch (error) {
        this.drop();
        throw new CorruptRowError(REDO, key, error);
      }
      this.append(copy);
    }
    this.loaded = true;
  }

  /** Holds this checkpoint's changes of `ns` as pending (written at `commit`). */
  stage(ns: string, rows: RowChanges): void {
    const piece = encodeTable(ns, rows);
    walkTable(piece, 0, (table, key, at) => this.hold(table, key, this.chunkBytes + at));
    this.append(piece);
    this.staged.push(piece);
  }

  /** Writes this checkpoint's redo row, or, past the limit, every pending row to its place. Returns whether it flushed. */
  async commit(tx: Store, pause?: () => Promise<void>): Promise<boolean> {
    if (this.staged.length === 0) return false;
    if (this.pendingBytes > this.limit) {
      await this.flush(tx, pause);
      return true;
    }
    await tx.putRows(REDO, [
      [orderedKey(this.next), joinTables(this.staged)],
      [RANGE_KEY, encodeRange(this.first, this.next + 1)],
    ]);
    this.next++;
    this.staged = [];
    return false;
  }

  /** Writes every pending row to its place and deletes the redo rows. */
  async flush(tx: Store, pause?: () => Promise<void>): Promise<void> {
    for (const [ns, held] of this.pending) {
      let rows: Array<readonly [string, Uint8Array | null]> = [];
      for (const [key, at] of held) {
        rows.push([key, this.valueAt(at)]);
        if (rows.length < WRITE_SLICE) continue;
        await tx.putRows(ns, rows);
        await pause?.();
        rows = [];
      }
      if (rows.length > 0) await tx.putRows(ns, rows);
    }
    const gone: RowChanges = [];
    for (let n = this.first; n < this.next; n++) gone.push([orderedKey(n), null]);
    gone.push([RANGE_KEY, encodeRange(this.next, this.next)]);
    await tx.putRows(REDO, gone);
    this.first = this.next;
    this.drop();
  }

  /** Drops everything held (a checkpoint rolled back, another writer moved on): reloaded at the next `load`. */
  reset(): void {
    this.drop();
    this.loaded = false;
  }

  /** After every derived row was deleted: nothing is pending, and nothing needs loading. */
  cleared(): void {
    this.drop();
    this.first = this.next = 0;
    this.loaded = true;
  }

  private drop(): void {
    this.pending.clear();
    this.chunks = [];
    this.starts = [];
    this.chunkBytes = 0;
    this.entries = 0;
    this.staged = [];
  }

  private append(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.starts.push(this.chunkBytes);
    this.chunkBytes += chunk.byteLength;
  }

  private hold(ns: string, key: string, at: number): void {
    let held = this.pending.get(ns);
    if (!held) this.pending.set(ns, (held = new Map()));
    if (!held.has(key)) this.entries++;
    held.set(key, at);
  }

  /** The row whose length is at position `at` (null: deleted), as a view on its chunk. */
  private valueAt(at: number): Uint8Array | null {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo]!;
    const offset = at - this.starts[lo]!;
    // A little-endian int32 read from the bytes (no view made for each row read).
    const length = chunk[offset]! | (chunk[offset + 1]! << 8) | (chunk[offset + 2]! << 16) | (chunk[offset + 3]! << 24);
    return length === DELETED ? null : chunk.subarray(offset + 4, offset + 4 + length);
  }
}

function encodeRange(first: number, next: number): Uint8Array {
  return new Uint8Array(new Int32Array([first, next]).buffer);
}

function decodeRange(bytes: Uint8Array): [number, number] {
  if (bytes.byteLength !== 8) throw new CorruptRowError(REDO, RANGE_KEY, new Error(`${bytes.byteLength} bytes, not 8`));
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  return [view.getInt32(0, true), view.getInt32(4, true)];
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();
/** A deleted row's length. */
const DELETED = -1;
/** What one pending row's index entry costs beside its bytes (a map entry, its key, a number), measured with `--expose-gc`. */
const ENTRY_BYTES = 100;

/**
 * A redo row: the number of namespaces, then each namespace's name and rows, every key and value
 * length-prefixed (a deleted row's length is -1).
 */
export function encodeRedo(changes: ReadonlyArray<{ ns: string; rows: RowChanges }>): Uint8Array {
  return joinTables(changes.map(({ ns, rows }) => encodeTable(ns, rows)));
}

export function decodeRedo(bytes: Uint8Array): Array<{ ns: string; rows: RowChanges }> {
  const out: Array<{ ns: string; rows: RowChanges }> = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = new RedoReader(bytes, 0);
  for (let tables = reader.int(); tables > 0; tables--) {
    const rows: Array<readonly [string, Uint8Array | null]> = [];
    const ns = reader.table((_, key, at) => {
      const length = view.getInt32(at, true);
      rows.push([key, length === DELETED ? null : bytes.slice(at + 4, at + 4 + length)]);
    });
    out.push({ ns, rows });
  }
  reader.end();
  return out;
}

/** One namespace's part of a redo row. */
function encodeTable(ns: string, rows: RowChanges): Uint8Array {
  const name = textEncoder.encode(ns);
  const keys = rows.map(([key]) => textEncoder.encode(key));
  let size = 8 + name.byteLength;
  rows.forEach(([, value], i) => (size += 8 + keys[i]!.byteLength + (value?.byteLength ?? 0)));
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const put = (n: number) => {
    view.setInt32(at, n, true);
    at += 4;
  };
  const bytes = (b: Uint8Array) => {
    out.set(b, at);
    at += b.byteLength;
  };
  put(name.byteLength);
  bytes(name);
  put(rows.length);
  rows.forEach(([, value], i) => {
    put(keys[i]!.byteLength);
    bytes(keys[i]!);
    put(value ? value.byteLength : DELETED);
    if (value) bytes(value);
  });
  return out;
}

function joinTables(tables: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(4 + tables.reduce((sum, t) => sum + t.byteLength, 0));
  new DataView(out.buffer).setInt32(0, tables.length, true);
  let at = 4;
  for (const t of tables) {
    out.set(t, at);
    at += t.byteLength;
  }
  return out;
}

type RowVisitor = (ns: string, key: string, lengthAt: number) => void;

/** Calls `visit` with each row of a redo row: its namespace, its key and where its length is. */
function walkRedo(bytes: Uint8Array, from: number, visit: RowVisitor): void {
  const reader = new RedoReader(bytes, from);
  for (let tables = reader.int(); tables > 0; tables--) reader.table(visit);
  reader.end();
}

/** The same over one namespace's part. */
function walkTable(bytes: Uint8Array, from: number, visit: RowVisitor): void {
  const reader = new RedoReader(bytes, from);
  reader.table(visit);
  reader.end();
}

class RedoReader {
  private readonly view: DataView;
  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  int(): number {
    if (this.at + 4 > this.bytes.byteLength) throw new Error('redo row ends early');
    const n = this.view.getInt32(this.at, true);
    this.at += 4;
    return n;
  }

  text(): string {
    const length = this.int();
    return textDecoder.decode(this.skip(length));
  }

  /** Visits one namespace's rows; returns its name. */
  table(visit: RowVisitor): string {
    const ns = this.text();
    for (let count = this.int(); count > 0; count--) {
      const key = this.text();
      const lengthAt = this.at;
      const length = this.int();
      if (length !== DELETED) this.skip(length);
      visit(ns, key, lengthAt);
    }
    return ns;
  }

  end(): void {
    if (this.at !== this.bytes.byteLength) throw new Error(`${this.bytes.byteLength - this.at} bytes after the last row`);
  }

  private skip(length: number): Uint8Array {
    if (length < 0 || this.at + length > this.bytes.byteLength) throw new Error('redo row ends early');
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
}
