import { packFingerprint, type Fingerprint } from '../fingerprint/fingerprint.js';
import type { Prepared } from './prepare.js';

/** What a worker posts once its modules are loaded; every later message is a Prepared. */
export const READY = 'ready';
export type WorkerReply = typeof READY | Prepared;

/**
 * A Prepared made ready for postMessage: its fingerprint copied into one ArrayBuffer of its own,
 * listed for transfer. (A fingerprint's arrays are views into a 64 KB slab shared with other
 * fingerprints: cloning one would copy the whole slab, and transferring it would detach the rest.)
 */
export function forTransfer(prepared: Prepared): { message: Prepared; transfer: ArrayBuffer[] } {
  if (!prepared.ok) return { message: prepared, transfer: [] };
  const print = ownBuffer(prepared.fingerprint);
  return { message: { ...prepared, fingerprint: print }, transfer: [print.anchors.buffer as ArrayBuffer] };
}

/** The receiving side: the fingerprint moved into this thread's slabs, laid out as `fingerprint()` lays it out. */
export function fromTransfer(prepared: Prepared): Prepared {
  if (!prepared.ok) return prepared;
  const fp = prepared.fingerprint;
  const packed = packFingerprint(fp.id, fp.size, fp.canonSize, binsOf(fp), fp.anchors);
  packed.doc.set(fp.doc);
  packed.canon.set(fp.canon);
  packed.skeleton.set(fp.skeleton);
  fp.paragraphs.forEach((signature, u) => packed.paragraphs[u]!.set(signature));
  return { ...prepared, fingerprint: packed };
}

function binsOf(fp: Fingerprint): Parameters<typeof packFingerprint>[3] {
  return {
    doc: fp.doc.length,
    canon: fp.canon.length,
    skeleton: fp.skeleton.length,
    paragraph: fp.paragraphs[0]?.length ?? 0,
    paragraphs: fp.paragraphs.length,
  };
}

/** The same fingerprint with all its arrays in one fresh buffer: anchors first (4-byte aligned), then the signatures. */
function ownBuffer(fp: Fingerprint): Fingerprint {
  const signatures = [fp.doc, fp.canon, fp.skeleton, ...fp.paragraphs];
  const bins = signatures.reduce((sum, signature) => sum + signature.length, 0);
  const buffer = new ArrayBuffer(4 * fp.anchors.length + 2 * bins);
  const anchors = new Uint32Array(buffer, 0, fp.anchors.length);
  anchors.set(fp.anchors);
  let at = anchors.byteLength;
  const copy = (signature: Uint16Array): Uint16Array => {
    const view = new Uint16Array(buffer, at, signature.length);
    view.set(signature);
    at += view.byteLength;
    return view;
  };
  return {
    ...fp,
    anchors,
    doc: copy(fp.doc),
    canon: copy(fp.canon),
    skeleton: copy(fp.skeleton),
    paragraphs: fp.paragraphs.map(copy),
  };
}
