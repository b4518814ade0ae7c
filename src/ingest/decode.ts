import { gunzipSync, constants as zlibConstants } from 'node:zlib';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_LOSSY = new TextDecoder('utf-8');
/** Windows-1252's 0x80-0x9F (Node's TextDecoder('windows-1252') decodes them as Latin-1 C1 controls). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 bytes to text: Latin-1 for every byte except 0x80-0x9F, which take their CP1252 characters. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** How many leading bytes the binary sniffers look at. */
const SNIFF_BYTES = 8192;

/** True when `bytes` looks like binary data: NUL bytes, or more than 10% control characters. */
export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (n === 0) return false;
  if (hasUtf16Bom(bytes)) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control * 10 > n;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** Share of characters in `text` that are control characters other than whitespace (0..1). */
export function controlRatio(text: string): number {
  const n = Math.min(text.length, SNIFF_BYTES);
  if (n === 0) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) {
      control++;
    }
  }
  return control / n;
}

export interface Decoded {
  text: string;
  /** 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252' or a charset declared by the content. */
  encoding: string;
  /** Invalid UTF-8 sequences replaced with U+FFFD in mostly valid UTF-8 (0 when none). */
  replaced: number;
}

/**
 * Bytes to text: a BOM wins; then strict UTF-8; then mostly valid UTF-8 (more valid multi-byte
 * characters than invalid sequences: the bad bytes become U+FFFD and `replaced` counts them); then
 * `fallback` (a charset the content declares, e.g. an HTML meta charset); then Windows-1252, a
 * superset of Latin-1's printable characters.
 * Returns null when the result is still mostly control characters (undecodable garbage).
 */
export function decodeBytes(bytes: Uint8Array, fallback?: string): Decoded | null {
  if (hasUtf16Bom(bytes)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return checked(new TextDecoder(encoding).decode(bytes), encoding);
  }
  try {
    return checked(UTF8.decode(bytes), 'utf-8');
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const lossy = mostlyUtf8(bytes);
  if (lossy) return lossy;
  if (fallback && !/^(?:windows-1252|cp1252|iso-8859-1|latin-?1|us-ascii|ascii)$/i.test(fallback)) {
    const decoder = decoderFor(fallback);
    if (decoder) return checked(decoder.decode(bytes), fallback.toLowerCase());
  }
  return checked(decodeWindows1252(bytes), 'windows-1252');
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function checked(text: string, encoding: string, replaced = 0): Decoded | null {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return controlRatio(clean) > 0.1 ? null : { text: clean, encoding, replaced };
}

/**
 * UTF-8 with a few damaged bytes: decoded with U+FFFD for each invalid sequence, when valid
 * non-ASCII characters outnumber them. A Windows-1252 file fails this test (nearly every high
 * byte of it is invalid UTF-8), so it still falls through to Windows-1252.
 */
function mostlyUtf8(bytes: Uint8Array): Decoded | null {
  const text = UTF8_LOSSY.decode(bytes);
  let replacements = 0;
  let valid = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replacements++;
    else if (c >= 0x80 && !(c >= 0xdc00 && c <= 0xdfff)) valid++;
  }
  const replaced = replacements - countEncodedReplacementChars(bytes);
  return replaced > 0 && valid > replaced ? checked(text, 'utf-8', replaced) : null;
}

/** U+FFFD characters the bytes hold legitimately (EF BF BD), which the lossy decode did not add. */
function countEncodedReplacementChars(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export type Gunzipped =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'truncated' | 'too-large'; detail: string; partial: Uint8Array };

/** Gunzips (all members); a truncated stream yields what could be recovered plus the reason. */
export function gunzip(bytes: Uint8Array, maxBytes: number): Gunzipped {
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: maxBytes }) };
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      return { ok: false, reason: 'too-large', detail: err.message, partial: new Uint8Array(0) };
    }
    let partial: Uint8Array = new Uint8Array(0);
    try {
      partial = gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: maxBytes });
    } catch (inner) {
      // Nothing recoverable: the header itself is damaged; report the first error below.
      partial = new Uint8Array(0);
      void inner;
    }
    return { ok: false, reason: 'truncated', detail: err.message, partial };
  }
}
