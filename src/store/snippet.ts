/** Marks a store puts around hit words in a snippet before they become `[` and `]`. */
export const HIT_OPEN = '\u0001';
export const HIT_CLOSE = '\u0002';

/** The text snippet when the hit is in the text, else the highlighted title; hits wrapped in [ ]. */
export function bracketHits(snippet: string, title: string | null): string {
  const chosen = !snippet.includes(HIT_OPEN) && title?.includes(HIT_OPEN) ? title : snippet;
  return chosen.replaceAll(HIT_OPEN, '[').replaceAll(HIT_CLOSE, ']');
}
