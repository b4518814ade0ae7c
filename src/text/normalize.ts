/**
 * Length-preserving normalisation: every character maps to exactly one character,
 * so offsets in the normalised text are offsets in the original.
 * Curly quotes become straight, dashes become '-', odd spaces become ' '.
 */
const MAP: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u00a0': ' ', '\u2007': ' ', '\u202f': ' ', '\u2009': ' ', '\u200a': ' ', '\u2002': ' ', '\u2003': ' ',
  '\t': ' ',
};
const PATTERN = new RegExp(`[${Object.keys(MAP).join('')}]`, 'g');

export function normalizeChars(text: string): string {
  return text.replace(PATTERN, (c) => MAP[c] ?? c);
}
