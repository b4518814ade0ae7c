import { isBoilerplate } from './boilerplate.js';
import { captionOf } from './captions.js';
import { isContributorLine, isCreditLine, parseByline, parseDateline, standaloneWire, wiresIn } from './credits.js';
import type { Line } from './lines.js';
import { dateInText, findDate, wireOrOutlet } from './metadata.js';

export type LineKind = 'body' | 'drop' | 'credit' | 'caption' | 'contributor' | 'meta';

/** What the lines of one article say about it, besides its body. */
export interface LineFacts {
  kinds: LineKind[];
  captions: string[];
  contributors: string[];
  wires: string[];
  dateline: string | null;
  byline: string | null;
  /** A date from a source line ("AP , Friday 7 Jan 2022") or a dated dateline. */
  date: string | null;
  /** An outlet named by a source line. */
  outlet: string | null;
}

/** How many lines at the top (and bottom) may hold bylines, source lines and bare wire credits. */
const HEAD_LINES = 4;
const TAIL_LINES = 2;
/** Caption candidates (a paragraph followed by a photo credit line) longer than this stay body. */
const MAX_CAPTION_WORDS = 60;
/** Repeated lines shorter than this are left alone (short repeats are often legitimate). */
const MIN_REPEAT_CHARS = 30;

/** Sorts each line into body, boilerplate, caption, credit, contributor or metadata, collecting what they state. */
export function classifyLines(original: string, lines: Line[]): LineFacts {
  const facts: LineFacts = { kinds: [], captions: [], contributors: [], wires: [], dateline: null, byline: null, date: null, outlet: null };
  const addWires = (names: string[]) => {
    for (const w of names) if (!facts.wires.includes(w)) facts.wires.push(w);
  };
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    const text = original.slice(lines[i]!.begin, lines[i]!.end);
    const edge = i < HEAD_LINES || i >= n - TAIL_LINES;
    facts.kinds.push(classifyOne(text, edge, facts, addWires));
  }
  markCaptionsBeforeCredits(original, lines, facts);
  dropRepeats(original, lines, facts);
  const first = facts.kinds.indexOf('body');
  if (first >= 0) {
    const dateline = parseDateline(original.slice(lines[first]!.begin, lines[first]!.end));
    if (dateline) {
      facts.dateline = dateline.dateline;
      if (dateline.wire) addWires([dateline.wire]);
      facts.date ??= dateInText(dateline.dateline);
    }
  }
  return facts;
}

function classifyOne(text: string, edge: boolean, facts: LineFacts, addWires: (w: string[]) => void): LineKind {
  if (isBoilerplate(text)) return 'drop';
  if (isContributorLine(text)) {
    facts.contributors.push(text);
    addWires(wiresIn(text));
    return 'contributor';
  }
  if (edge) {
    const byline = parseByline(text);
    if (byline) {
      facts.byline ??= byline;
      addWires(wiresIn(byline));
      return 'meta';
    }
    const wire = standaloneWire(text);
    if (wire) {
      addWires([wire]);
      return 'meta';
    }
    const source = sourceLine(text);
    if (source) {
      facts.date ??= source.date;
      if (source.outlet) facts.outlet ??= source.outlet;
      addWires(source.wires);
      return 'meta';
    }
  }
  if (isCreditLine(text)) return 'credit';
  const caption = captionOf(text);
  if (caption !== null) {
    facts.captions.push(caption);
    return 'caption';
  }
  return 'body';
}

/**
 * "AP , Friday 7 Jan 2022", "Reuters | January 12, 2022", "Published 12 Jan 2022", "January 12, 2022":
 * a short dated line that names a wire or outlet, says it is a publication date, or is only a date.
 */
function sourceLine(text: string): { date: string; wires: string[]; outlet: string | null } | null {
  if (text.length > 120 || /[.!?]["”’]?$/.test(text) || text.split(/\s+/).length > 14) return null;
  const found = findDate(text);
  if (!found) return null;
  const wires = wiresIn(text);
  const first = text.split(/\s*[,|·•]\s*/)[0]!.trim();
  const named = first && !/\d/.test(first) ? wireOrOutlet(first) : null;
  const outlet = named && !wiresIn(named).length ? named : null;
  const rest = (text.slice(0, found.index) + text.slice(found.index + found.length)).replace(/[,|·•:\-–—]/g, ' ').trim();
  const onlyDate = rest.split(/\s+/).filter(Boolean).length <= 2;
  if (!wires.length && !outlet && !onlyDate && !PUBLICATION_WORDS.test(text)) return null;
  return { date: found.date, wires, outlet };
}

const PUBLICATION_WORDS = /^(?:published|updated|posted|last updated|first published|date|dated)\b/i;

/** A paragraph right before a photo credit line ("Roman Koksarov / AP") is that photo's caption. */
function markCaptionsBeforeCredits(original: string, lines: Line[], facts: LineFacts): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    if (facts.kinds[i] !== 'body' || facts.kinds[i + 1] !== 'credit') continue;
    const text = original.slice(lines[i]!.begin, lines[i]!.end);
    if (text.split(/\s+/).length > MAX_CAPTION_WORDS) continue;
    facts.kinds[i] = 'caption';
    facts.captions.push(text);
  }
  facts.captions = [...new Set(facts.captions)];
}

/** Later copies of a line already seen (a repeated caption block, a pull quote) leave the body. */
function dropRepeats(original: string, lines: Line[], facts: LineFacts): void {
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const kind = facts.kinds[i];
    if (kind !== 'body' && kind !== 'caption') continue;
    if (lines[i]!.end - lines[i]!.begin < MIN_REPEAT_CHARS) continue;
    const key = original.slice(lines[i]!.begin, lines[i]!.end);
    if (seen.has(key) && kind === 'body') facts.kinds[i] = 'drop';
    seen.add(key);
  }
}
