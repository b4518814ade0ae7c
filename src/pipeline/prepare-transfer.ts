import { decodeFingerprint, encodeFingerprint } from '../fingerprint/codec.js';
import type { Fingerprint } from '../fingerprint/fingerprint.js';
import type { Prepared } from './prepare.js';

/** What a worker posts once its modules are loaded; every later message is a Prepared. */
export const READY = 'ready';
export type WorkerReply = typeof READY | Prepared;

/** A Prepared as posted between threads: the fingerprint as its encoded bytes (a fingerprint's fields are views made on access). */
type Posted = Omit<Extract<Prepared, { ok: true }>, 'fingerprint'> & { fingerprint: Uint8Array };

/** A Prepared made ready for postMessage: its fingerprint encoded into a buffer of its own, listed for transfer. */
export function forTransfer(prepared: Prepared): { message: Prepared; transfer: ArrayBuffer[] } {
  if (!prepared.ok) return { message: prepared, transfer: [] };
  const bytes = encodeFingerprint(prepared.fingerprint);
  const message: Posted = { ...prepared, fingerprint: bytes };
  return { message: message as unknown as Prepared, transfer: [bytes.buffer as ArrayBuffer] };
}

/** The receiving side: the fingerprint decoded back into this thread's layout. */
export function fromTransfer(prepared: Prepared): Prepared {
  if (!prepared.ok) return prepared;
  const posted = prepared as unknown as Posted | Extract<Prepared, { ok: true }>;
  const bytes = posted.fingerprint;
  if (!(bytes instanceof Uint8Array)) return prepared;
  const fingerprint: Fingerprint = decodeFingerprint(bytes);
  return { ...posted, fingerprint } as Prepared;
}
