/**
 * Binary form of a ReuseIndex: a header with the options, then one record per
 * fingerprint. All integers little-endian.
 *
 *   "WTRI" u8 version  f32 threshold f32 fpWeight f32 fnWeight f32 paragraphThreshold f32 minScore
 *   u16 numPerm u16 paragraphPerm u16 canonPerm u16 skeletonPerm u32 count
 *   record: u16 idBytes, id (UTF-8), u32 size, u32 canonSize, u8 paragraphs, u8 anchors,
 *           doc, canon, skeleton, paragraphs… (u16 each: 16-bit MinHash bins), anchors (u32 each)
 *
 * Version 1 stored 32-bit bins of an older hashing scheme; such an index must be rebuilt.
 */
import { createError } from '../core/errors.js';
import type { Fingerprint } from './fingerprint.js';
import { packFingerprint } from './packed.js';
import type { Signature } from './minhash.js';
import type { ReuseIndexOptions } from './index.js';

const MAGIC = 0x49525457; // "WTRI"
const VERSION = 2;

export function encodeIndex(options: Required<ReuseIndexOptions>, fps: Fingerprint[]): Uint8Array {
  const canonPerm = fps[0]?.canon.length ?? 0;
  const skeletonPerm = fps[0]?.skeleton.length ?? 0;
  const encoder = new TextEncoder();
  const ids = fps.map((fp) => encoder.encode(fp.id));
  let bytes = 4 + 1 + 5 * 4 + 4 * 2 + 4;
  fps.forEach((fp, i) => {
    bytes += 2 + ids[i]!.length + 4 + 4 + 1 + 1;
    bytes += 2 * (fp.doc.length + fp.canon.length + fp.skeleton.length) + 4 * Math.min(255, fp.anchors.length);
    for (const p of fp.paragraphs.slice(0, 255)) bytes += 2 * p.length;
  });
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  let at = 0;
  const u8 = (v: number) => view.setUint8(at++, v);
  const u16 = (v: number) => ((view.setUint16(at, v, true), (at += 2)));
  const u32 = (v: number) => ((view.setUint32(at, v, true), (at += 4)));
  const f32 = (v: number) => ((view.setFloat32(at, v, true), (at += 4)));
  const arr = (a: Uint32Array) => {
    for (let i = 0; i < a.length; i++) u32(a[i]!);
  };
  const sig = (a: Signature) => {
    for (let i = 0; i < a.length; i++) u16(a[i]!);
  };
  u32(MAGIC);
  u8(VERSION);
  f32(options.threshold);
  f32(options.falsePositiveWeight);
  f32(options.falseNegativeWeight);
  f32(options.paragraphThreshold);
  f32(options.minScore);
  u16(options.numPerm);
  u16(options.paragraphPerm);
  u16(canonPerm);
  u16(skeletonPerm);
  u32(fps.length);
  fps.forEach((fp, i) => {
    if (fp.canon.length !== canonPerm || fp.skeleton.length !== skeletonPerm) {
      throw createError('BAD_REQUEST', `fingerprint ${fp.id} has signature lengths unlike the rest of the index`);
    }
    u16(ids[i]!.length);
    out.set(ids[i]!, at);
    at += ids[i]!.length;
    u32(fp.size);
    u32(fp.canonSize);
    u8(Math.min(255, fp.paragraphs.length));
    u8(Math.min(255, fp.anchors.length));
    sig(fp.doc);
    sig(fp.canon);
    sig(fp.skeleton);
    for (const p of fp.paragraphs.slice(0, 255)) sig(p);
    arr(fp.anchors.subarray(0, 255));
  });
  return out;
}

export function decodeIndex(bytes: Uint8Array): { options: Required<ReuseIndexOptions>; fingerprints: Fingerprint[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw createError('BAD_REQUEST', `index bytes truncated at offset ${at}`);
  };
  const u8 = () => (need(1), view.getUint8(at++));
  const u16 = () => (need(2), (at += 2), view.getUint16(at - 2, true));
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4, true));
  const f32 = () => (need(4), (at += 4), Math.round(view.getFloat32(at - 4, true) * 1e6) / 1e6);
  const arr = (n: number) => {
    need(4 * n);
    const a = new Uint32Array(n);
    for (let i = 0; i < n; i++) a[i] = view.getUint32(at + 4 * i, true);
    at += 4 * n;
    return a;
  };
  const sig = (into: Signature) => {
    need(2 * into.length);
    for (let i = 0; i < into.length; i++) into[i] = view.getUint16(at + 2 * i, true);
    at += 2 * into.length;
  };
  if (u32() !== MAGIC) throw createError('BAD_REQUEST', 'not a wiretrace index (bad magic)');
  const version = u8();
  if (version !== VERSION) {
    throw createError('BAD_REQUEST', `index format version ${version} is not supported (this build reads version ${VERSION}): rebuild the index`);
  }
  const threshold = f32();
  const falsePositiveWeight = f32();
  const falseNegativeWeight = f32();
  const paragraphThreshold = f32();
  const minScore = f32();
  const numPerm = u16();
  const paragraphPerm = u16();
  const canonPerm = u16();
  const skeletonPerm = u16();
  const count = u32();
  const decoder = new TextDecoder();
  const fingerprints: Fingerprint[] = [];
  for (let r = 0; r < count; r++) {
    const idLen = u16();
    need(idLen);
    const id = decoder.decode(bytes.subarray(at, at + idLen));
    at += idLen;
    const size = u32();
    const canonSize = u32();
    const np = u8();
    const na = u8();
    // Anchors follow the signatures: read them first, then fill the packed signatures.
    const sigStart = at;
    at += 2 * (numPerm + canonPerm + skeletonPerm + np * paragraphPerm);
    const anchors = arr(na);
    const end = at;
    at = sigStart;
    const bins = { doc: numPerm, canon: canonPerm, skeleton: skeletonPerm, paragraph: paragraphPerm, paragraphs: np };
    const fp = packFingerprint(id, size, canonSize, bins, anchors);
    sig(fp.doc);
    sig(fp.canon);
    sig(fp.skeleton);
    for (const p of fp.paragraphs) sig(p);
    at = end;
    fingerprints.push(fp);
  }
  const options = { threshold, numPerm, falsePositiveWeight, falseNegativeWeight, paragraphThreshold, paragraphPerm, minScore };
  return { options, fingerprints };
}
