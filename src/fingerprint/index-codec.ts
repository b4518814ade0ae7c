/**
 * Binary form of a ReuseIndex: a header with the options, then one record per
 * fingerprint. All integers little-endian.
 *
 *   "WTRI" u8 version  f32 threshold f32 fpWeight f32 fnWeight f32 paragraphThreshold f32 minScore
 *   u16 numPerm u16 paragraphPerm u16 canonPerm u16 skeletonPerm u32 count
 *   record: u16 idBytes, id (UTF-8), u32 size, u32 canonSize, u8 paragraphs, u8 anchors,
 *           doc, canon, skeleton, paragraphs…, anchors (u32 each)
 */
import { createError } from '../core/errors.js';
import type { Fingerprint } from './fingerprint.js';
import type { ReuseIndexOptions } from './index.js';

const MAGIC = 0x49525457; // "WTRI"
const VERSION = 1;

export function encodeIndex(options: Required<ReuseIndexOptions>, fps: Fingerprint[]): Uint8Array {
  const canonPerm = fps[0]?.canon.length ?? 0;
  const skeletonPerm = fps[0]?.skeleton.length ?? 0;
  const encoder = new TextEncoder();
  const ids = fps.map((fp) => encoder.encode(fp.id));
  let bytes = 4 + 1 + 5 * 4 + 4 * 2 + 4;
  fps.forEach((fp, i) => {
    bytes += 2 + ids[i]!.length + 4 + 4 + 1 + 1;
    bytes += 4 * (fp.doc.length + fp.canon.length + fp.skeleton.length + fp.anchors.length);
    for (const p of fp.paragraphs) bytes += 4 * p.length;
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
    arr(fp.doc);
    arr(fp.canon);
    arr(fp.skeleton);
    for (const p of fp.paragraphs.slice(0, 255)) arr(p);
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
  if (u32() !== MAGIC) throw createError('BAD_REQUEST', 'not a wiretrace index (bad magic)');
  const version = u8();
  if (version !== VERSION) throw createError('BAD_REQUEST', `index format version ${version} is not supported`);
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
    const doc = arr(numPerm);
    const canon = arr(canonPerm);
    const skeleton = arr(skeletonPerm);
    const paragraphs: Uint32Array[] = [];
    for (let p = 0; p < np; p++) paragraphs.push(arr(paragraphPerm));
    const anchors = arr(na);
    fingerprints.push({ id, size, doc, canon, skeleton, paragraphs, anchors, canonSize });
  }
  const options = { threshold, numPerm, falsePositiveWeight, falseNegativeWeight, paragraphThreshold, paragraphPerm, minScore };
  return { options, fingerprints };
}
