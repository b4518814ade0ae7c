import type { Fingerprint } from '../src/fingerprint/fingerprint.js';

/** Every field, as plain arrays: what "equal fingerprints" means whatever their representation. */
export function fields(fp: Fingerprint) {
  return {
    id: fp.id,
    size: fp.size,
    canonSize: fp.canonSize,
    doc: [...fp.doc],
    canon: [...fp.canon],
    skeleton: [...fp.skeleton],
    paragraphs: fp.paragraphs.map((p) => [...p]),
    anchors: [...fp.anchors],
  };
}
