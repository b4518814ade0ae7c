/**
 * Binary form of ONE fingerprint (a database row), in the index codec's spirit:
 * counts up front, then the 16-bit MinHash bins and the 32-bit anchors. All
 * integers little-endian.
 *
 *   u8 version  u16 idBytes, id (UTF-8)  u32 size  u32 canonSize
 *   u16 docBins u16 canonBins u16 skeletonBins u16 paragraphBins u16 paragraphs u16 anchors
 *   doc, canon, skeleton, paragraphs… (u16 each), anchors (u32 each)
 */
import { createError } from '../core/errors.js';
import type { Fingerprint } from './fingerprint.js';
import type { Signature } from './minhash.js';
import { packFingerprint } from './packed.js';

const VERSION = 1;
const FIXED_BYTES = 1 + 2 + 4 + 4 + 6 * 2;

export function encodeFingerprint(fp: Fingerprint): Uint8Array {
  const id = new TextEncoder().encode(fp.id);
  const paragraphs = fp.paragraphs;
  const paragraphBins = paragraphs[0]?.length ?? 0;
  const counts = [fp.doc.length, fp.canon.length, fp.skeleton.length, paragraphBins, paragraphs.length, fp.anchors.length];
  if (id.length > 0xffff || counts.some((n) => n > 0xffff) || paragraphs.some((p) => p.length !== paragraphBins)) {
    throw createError('BAD_REQUEST', `fingerprint ${fp.id} cannot be encoded: id or signature sizes out of range`);
  }
  const sigBins = fp.doc.length + fp.canon.length + fp.skeleton.length + paragraphBins * paragraphs.length;
  const out = new Uint8Array(FIXED_BYTES + id.length + 2 * sigBins + 4 * fp.anchors.length);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => ((view.setUint16(at, v, true), (at += 2)));
  const u32 = (v: number) => ((view.setUint32(at, v, true), (at += 4)));
  const sig = (a: Signature) => {
    for (let i = 0; i < a.length; i++) u16(a[i]!);
  };
  view.setUint8(at++, VERSION);
  u16(id.length);
  out.set(id, at);
  at += id.length;
  u32(fp.size);
  u32(fp.canonSize);
  for (const n of counts) u16(n);
  sig(fp.doc);
  sig(fp.canon);
  sig(fp.skeleton);
  for (const p of paragraphs) sig(p);
  const anchors = fp.anchors;
  for (let i = 0; i < anchors.length; i++) u32(anchors[i]!);
  return out;
}

export function decodeFingerprint(bytes: Uint8Array): Fingerprint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw createError('BAD_REQUEST', `fingerprint bytes truncated at offset ${at}`);
  };
  const u16 = () => (need(2), (at += 2), view.getUint16(at - 2, true));
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4, true));
  const sig = (into: Signature) => {
    need(2 * into.length);
    for (let i = 0; i < into.length; i++) into[i] = view.getUint16(at + 2 * i, true);
    at += 2 * into.length;
  };
  need(1);
  const version = view.getUint8(at++);
  if (version !== VERSION) throw createError('BAD_REQUEST', `fingerprint format version ${version} is not supported (this build reads version ${VERSION})`);
  const idLength = u16();
  need(idLength);
  const id = new TextDecoder().decode(bytes.subarray(at, at + idLength));
  at += idLength;
  const size = u32();
  const canonSize = u32();
  const [doc, canon, skeleton, paragraph, paragraphs, anchorCount] = [u16(), u16(), u16(), u16(), u16(), u16()];
  const sigStart = at;
  at += 2 * (doc + canon + skeleton + paragraph * paragraphs);
  const anchors = new Uint32Array(anchorCount);
  for (let i = 0; i < anchorCount; i++) anchors[i] = u32();
  if (at !== bytes.length) throw createError('BAD_REQUEST', `fingerprint bytes have ${bytes.length - at} bytes past the end`);
  at = sigStart;
  const fp = packFingerprint(id, size, canonSize, { doc, canon, skeleton, paragraph, paragraphs }, anchors);
  sig(fp.doc);
  sig(fp.canon);
  sig(fp.skeleton);
  for (const p of fp.paragraphs) sig(p);
  return fp;
}
