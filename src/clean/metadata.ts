import * as chrono from 'chrono-node';

/** YYYY-MM-DD from an ISO date/datetime, an RFC 822 date or a free-form date with a year; null otherwise. */
export function toIsoDate(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  const iso = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(text);
  if (iso) return validDate(+iso[1]!, +iso[2]!, +iso[3]!);
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T|$)/.exec(text);
  if (compact) return validDate(+compact[1]!, +compact[2]!, +compact[3]!);
  return dateInText(text);
}

const HAS_YEAR = /\b(?:1[89]|20)\d{2}\b/;
/** A month name or a numeric day/month: chrono only runs when one is there. */
const HAS_DAY = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/i;

/** The first date in `text` that states its year, day and month (chrono-node), as YYYY-MM-DD. */
export function dateInText(text: string): string | null {
  return findDate(text)?.date ?? null;
}

/** Like dateInText, with where the date is written in `text`. */
export function findDate(text: string): { date: string; index: number; length: number } | null {
  if (!HAS_YEAR.test(text) || !HAS_DAY.test(text)) return null;
  for (const result of chrono.parse(text)) {
    const start = result.start;
    if (start.isCertain('year') && start.isCertain('month') && start.isCertain('day')) {
      const date = validDate(start.get('year')!, start.get('month')!, start.get('day')!);
      if (date) return { date, index: result.index, length: result.text.length };
    }
  }
  return null;
}

function validDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE_MARKER = /^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+Z-]*)?\s+/;

/** A leading ` date YYYY-MM-DD` marker: the date and how many characters the marker takes. */
export function dateMarker(text: string): { date: string; length: number } | null {
  const m = DATE_MARKER.exec(text);
  if (!m) return null;
  const date = toIsoDate(m[1]!);
  return date ? { date, length: m[0].length } : null;
}

/**
 * A first line that reads as a headline: short, no sentence-final full stop, starting with a
 * capital or digit (the caller checks that a blank line follows and that a body comes after).
 */
export function isTitleLike(line: string): boolean {
  const text = line.trim();
  if (text.length < 3 || text.length > 200) return false;
  if (!/^[\p{L}\p{N}\p{Sc}"'“‘&#(]/u.test(text) || /^\p{Ll}+\s/u.test(text)) return false;
  const words = text.split(/\s+/).length;
  if (words > 30) return false;
  return !/[,;:]$|[^.]\.$/.test(text) || /\b(?:Inc|Ltd|Co|Corp|Jr|Sr|U\.S|U\.K)\.$/.test(text);
}

/** Outlet names that end titles after a colon (": NPR"); other separators accept any short Title Case name. */
const ACRONYM_OUTLET = /^[A-Z]{2,6}(?: News| Online)?$/;
const TITLE_CASE_OUTLET = /^(?:The )?[\p{Lu}\p{N}][\p{L}\p{N}.'’&-]*(?: (?:[\p{Lu}\p{N}&][\p{L}\p{N}.'’&-]*|of|on|the|and|de|du|la|le)){0,4}$/u;

/** "Talks on Ukraine: NPR" -> {title: "Talks on Ukraine", outlet: "NPR"}; "X | Reuters", "X - BBC News". */
export function splitTitle(title: string): { title: string; outlet: string | null } {
  const text = title.replace(/\s+/g, ' ').trim();
  const bar = /^(.{10,}?)\s+(?:[|–—•·]|-{1,2})\s+([^|–—•·]{2,40})$/u.exec(text);
  if (bar && TITLE_CASE_OUTLET.test(bar[2]!.trim())) return { title: bar[1]!.trim(), outlet: bar[2]!.trim() };
  const colon = /^(.{10,}?)\s*:\s+([^:]{2,20})$/.exec(text);
  if (colon && ACRONYM_OUTLET.test(colon[2]!.trim())) return { title: colon[1]!.trim(), outlet: colon[2]!.trim() };
  return { title: text, outlet: null };
}

/** Function words per language: a cheap detector that counts hits over the first words. */
const LANGUAGE_WORDS: Record<string, string> = {
  en: 'the and of to in is that was for on with as by at from it have are has be this which said were',
  de: 'der die und das den ist nicht von zu mit sich des auf für im dem ein eine auch es als wird sie',
  fr: 'le la les de des et est un une du que dans pour qui pas au sur ce il sont avec par plus',
  es: 'el la los las de y en que del se por un una con para es al lo como más su fue',
  it: 'il di che la le è per un una del della con non sono gli da si nel alla al anche',
  nl: 'de het een van en in is dat op te zijn met voor niet aan er ook als bij door',
  pt: 'o a os as de do da e em que um uma para com não por dos das no na se mais',
};
const LANGUAGES = Object.keys(LANGUAGE_WORDS);
/** word -> bit set of the languages it is a function word of. */
const WORD_LANGUAGES = new Map<string, number>();
LANGUAGES.forEach((code, i) => {
  for (const w of LANGUAGE_WORDS[code]!.split(' ')) WORD_LANGUAGES.set(w, (WORD_LANGUAGES.get(w) ?? 0) | (1 << i));
});
const LETTERS = /\p{L}+/gu;
const SAMPLE_WORDS = 200;

/** ISO 639-1 code of the language `text` is written in, or null when too few words tell. */
export function detectLanguage(text: string): string | null {
  const hits = new Int32Array(LANGUAGES.length);
  let words = 0;
  LETTERS.lastIndex = 0;
  for (let m = LETTERS.exec(text); m && words < SAMPLE_WORDS; m = LETTERS.exec(text)) {
    words++;
    const mask = WORD_LANGUAGES.get(m[0].toLowerCase());
    if (mask) for (let i = 0; i < hits.length; i++) if (mask & (1 << i)) hits[i]!++;
  }
  if (words < 5) return null;
  let best = 0;
  for (let i = 1; i < hits.length; i++) if (hits[i]! > hits[best]!) best = i;
  return hits[best]! >= Math.max(2, words * 0.05) ? LANGUAGES[best]! : null;
}

const NOT_AN_OUTLET = /^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|published|updated|posted|last|first|today|yesterday)/i;

/** `text` when it reads as the name of an outlet or wire ("AP", "Ahram Online", "The Guardian"), else null. */
export function wireOrOutlet(text: string): string | null {
  const t = text.trim();
  if (!t || NOT_AN_OUTLET.test(t)) return null;
  return ACRONYM_OUTLET.test(t) || TITLE_CASE_OUTLET.test(t) ? t : null;
}
