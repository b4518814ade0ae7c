import { CorruptRowError, orderedKey, type RowChanges, type RowSource } from '../core/rows.js';
import type { Store } from '../store/store.js';

/** Namespace of the redo rows: one per checkpoint, holding every row it changed. */
const REDO = 'redo';
/** The redo row naming the range held: the first redo row's number and the next one's. */
const RANGE_KEY = 'range';
/**
 * Bytes of changed rows held back before they are written to their places, all at once. An article
 * changes ~150 small rows (term frequencies, storyline keys, quote-word lists) scattered over
 * the key space, so each lands on a page of its own; written together, the changes of several hundred
 * articles share their pages, and a row changed again meanwhile is written once.
 */
export const DEFERRED_BYTES = 8 * 1024 * 1024;
/** Rows written between two breaks for the event loop. */
const WRITE_SLICE = 2000;

/**
 * Write-behind for the derived rows: a checkpoint writes the rows it changed as one redo row, in
 * the same transaction, and keeps them as pending; reads see a pending row before the stored one.
 * Past `limit` bytes pending, every pending row is written to its place and the redo rows deleted,
 * in one checkpoint. A process that starts (or finds another writer's checkpoints in between)
 * reloads the pending rows from the redo rows, so a kill loses nothing committed.
 */
export class DeferredRows {
  /** Pending rows by namespace (null: deleted). */
  private readonly pending = new Map<string, Map<string, Uint8Array | null>>();
  private bytes = 0;
  /** This checkpoint's changes, for its redo row. */
  private staged: Array<{ ns: string; rows: RowChanges }> = [];
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

  /** Bytes of rows pending. */
  get pendingBytes(): number {
    return this.bytes;
  }

  /** `keys` of `ns`: a pending row where there is one, the stored one otherwise. */
  async read(ns: string, keys: readonly string[], source: RowSource): Promise<Map<string, Uint8Array>> {
    const held = this.pending.get(ns);
    if (!held) return source(ns, keys);
    const out = new Map<string, Uint8Array>();
    const rest: string[] = [];
    for (const key of keys) {
      if (!held.has(key)) rest.push(key);
      else {
        const value = held.get(key);
        // A copy: a codec may decode to a view on the bytes, and the stage change that view in place.
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
      let changes: Array<{ ns: string; rows: RowChanges }>;
      try {
        changes = decodeRedo(bytes);
      } catch (error) {
        throw new CorruptRowError(REDO, key, error);
      }
      for (const { ns, rows } of changes) this.hold(ns, rows);
    }
    this.loaded = true;
  }

  /** Holds this checkpoint's changes of `ns` as pending (written at `commit`). */
  stage(ns: string, rows: RowChanges): void {
    this.hold(ns, rows);
    this.staged.push({ ns, rows });
  }

  /** Writes this checkpoint's redo row, or, past the limit, every pending row to its place. Returns whether it flushed. */
  async commit(tx: Store, pause?: () => Promise<void>): Promise<boolean> {
    if (this.staged.length === 0) return false;
    if (this.bytes > this.limit) {
      await this.flush(tx, pause);
      return true;
    }
    await tx.putRows(REDO, [
      [orderedKey(this.next), encodeRedo(this.staged)],
      [RANGE_KEY, encodeRange(this.first, this.next + 1)],
    ]);
    this.next++;
    this.staged = [];
    return false;
  }

  /** Writes every pending row to its place and deletes the redo rows. */
  async flush(tx: Store, pause?: () => Promise<void>): Promise<void> {
    for (const [ns, held] of this.pending) {
      const rows: RowChanges = [...held];
      for (let from = 0; from < rows.length; from += WRITE_SLICE) {
        await tx.putRows(ns, rows.slice(from, from + WRITE_SLICE));
        await pause?.();
      }
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
    this.staged = [];
    this.bytes = 0;
  }

  private hold(ns: string, rows: RowChanges): void {
    let held = this.pending.get(ns);
    if (!held) this.pending.set(ns, (held = new Map()));
    for (const [key, value] of rows) {
      const before = held.get(key);
      if (before === undefined) this.bytes += key.length * 2 + 16;
      else this.bytes -= before?.byteLength ?? 0;
      this.bytes += value?.byteLength ?? 0;
      held.set(key, value);
    }
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

/** Namespace, then its rows: key and value, each length-prefixed (a deleted row's length is -1). */
export function encodeRedo(changes: ReadonlyArray<{ ns: string; rows: RowChanges }>): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 4;
  for (const { ns, rows } of changes) {
    const name = textEncoder.encode(ns);
    parts.push(name);
    size += 8 + name.byteLength;
    for (const [key, value] of rows) {
      const k = textEncoder.encode(key);
      parts.push(k);
      size += 8 + k.byteLength + (value?.byteLength ?? 0);
    }
  }
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
  put(changes.length);
  let part = 0;
  for (const { rows } of changes) {
    const name = parts[part++]!;
    put(name.byteLength);
    bytes(name);
    put(rows.length);
    for (const [, value] of rows) {
      const k = parts[part++]!;
      put(k.byteLength);
      bytes(k);
      put(value ? value.byteLength : DELETED);
      if (value) bytes(value);
    }
  }
  return out;
}

export function decodeRedo(bytes: Uint8Array): Array<{ ns: string; rows: RowChanges }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const int = () => {
    if (at + 4 > bytes.byteLength) throw new Error('redo row ends early');
    const n = view.getInt32(at, true);
    at += 4;
    return n;
  };
  const slice = (length: number) => {
    if (length < 0 || at + length > bytes.byteLength) throw new Error('redo row ends early');
    const out = bytes.subarray(at, at + length);
    at += length;
    return out;
  };
  const out: Array<{ ns: string; rows: RowChanges }> = [];
  for (let tables = int(); tables > 0; tables--) {
    const ns = textDecoder.decode(slice(int()));
    const rows: Array<readonly [string, Uint8Array | null]> = [];
    for (let count = int(); count > 0; count--) {
      const key = textDecoder.decode(slice(int()));
      const length = int();
      // A copy: the row outlives the buffer it was read into only as long as a view keeps all of it.
      rows.push([key, length === DELETED ? null : slice(length).slice()]);
    }
    out.push({ ns, rows });
  }
  if (at !== bytes.byteLength) throw new Error(`${bytes.byteLength - at} bytes after the last row`);
  return out;
}
