import type { Store } from '../store/store.js';

/** Namespace of the state rows that hold the analysis step's state, each a whole blob under its key. */
export const BLOB_NS = 'blob';

export async function readBlob(store: Store, key: string): Promise<Uint8Array | undefined> {
  return (await store.getRows(BLOB_NS, [key])).get(key);
}
