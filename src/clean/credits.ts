/** Wire services and how they are written, canonical name first. */
const WIRES: Array<[canonical: string, pattern: string]> = [
  ['AP', 'AP|The Associated Press|Associated Press'],
  ['Reuters', 'Reuters|Thomson Reuters'],
  ['AFP', 'AFP|Agence France[- ]Presse'],
  ['Bloomberg', 'Bloomberg|Bloomberg News'],
  ['dpa', 'dpa|DPA|Deutsche Presse-Agentur'],
  ['Xinhua', 'Xinhua|Xinhua News Agency'],
  ['UPI', 'UPI|United Press International'],
  ['PA', 'PA|PA Media|Press Association|PA Wire'],
  ['CP', 'The Canadian Press|Canadian Press|CP'],
  ['AAP', 'AAP|Australian Associated Press'],
  ['ANI', 'ANI'],
  ['PTI', 'PTI|Press Trust of India'],
  ['IANS', 'IANS'],
  ['EFE', 'EFE'],
  ['ANSA', 'ANSA'],
  ['Kyodo', 'Kyodo|Kyodo News'],
  ['Yonhap', 'Yonhap'],
  ['TASS', 'TASS|Tass'],
  ['Interfax', 'Interfax'],
  ['Anadolu', 'Anadolu Agency|Anadolu|AA'],
];

const WIRE_ALTERNATION = WIRES.map(([, p]) => p).join('|');
const WIRE_EXACT = new RegExp(`^(?:${WIRE_ALTERNATION})$`);
const WIRE_ANYWHERE = new RegExp(`(?<![\\p{L}\\p{N}])(${WIRE_ALTERNATION})(?![\\p{L}\\p{N}])`, 'gu');
const CANONICAL = WIRES.map(([name, p]) => [name, new RegExp(`^(?:${p})$`)] as const);

/** Canonical wire name for a credit as written ("The Associated Press" -> "AP"), or null. */
export function wireName(credit: string): string | null {
  const text = credit.trim();
  if (!WIRE_EXACT.test(text)) return null;
  for (const [name, re] of CANONICAL) if (re.test(text)) return name;
  return null;
}

/** Every wire service named in `text`, canonical, in order of first mention. */
export function wiresIn(text: string): string[] {
  const out: string[] = [];
  WIRE_ANYWHERE.lastIndex = 0;
  for (let m = WIRE_ANYWHERE.exec(text); m; m = WIRE_ANYWHERE.exec(text)) {
    const name = wireName(m[1]!);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Agencies and picture services that appear in photo credits. */
const PHOTO_AGENCY = `${WIRE_ALTERNATION}|Getty Images|Getty|EPA|EPA-EFE|Shutterstock|Alamy|Sputnik|Pool|Anadolu Agency|NurPhoto|SOPA Images|Sipa|ZUMA|Zuma Press|picture alliance|Kremlin|Handout|AFP via Getty Images|Bloomberg via Getty Images|File|Reuters Pictures`;
const NAME = `[\\p{Lu}][\\p{L}\\p{M}.'’-]*(?: (?:[\\p{Lu}][\\p{L}\\p{M}.'’-]*|de|van|von|da|del|la|le|al|bin))*`;

/** A line that is only a photo credit: "Roman Koksarov / AP", "(AP Photo/Name)", "Credit: ...", "Photo: Reuters". */
const CREDIT_ONLY = [
  new RegExp(`^(?:${NAME}\\s*)?/\\s*(?:${PHOTO_AGENCY})(?:\\s*/\\s*(?:${PHOTO_AGENCY}))*$`, 'u'),
  new RegExp(`^(?:${NAME}\\s*,\\s*)?(?:${PHOTO_AGENCY})(?: Photo| Images| via Getty Images)?$`, 'u'),
  /^\((?=[^()]*\b(?:Photo|Photograph|Images|Getty|Pool|File|AP|AFP|Reuters|EPA|Xinhua)\b)[^()]*\)$/,
  /^(?:Photo |Image |Picture )?(?:Credit|Credits|Photograph|Photo|Image|Picture|Photo illustration)s?\s*:\s*\S.{0,100}$/i,
  /^Image source,\s*.{1,80}$/i,
];

export function isCreditLine(line: string): boolean {
  if (line.length > 120) return false;
  return CREDIT_ONLY.some((re) => re.test(line));
}

const DATELINE = new RegExp(
  `^((?:[\\p{Lu}][\\p{L}\\p{M}.'’-]+)(?:[ ,]+[\\p{Lu}][\\p{L}\\p{M}.'’-]*){0,5}?(?:,? [A-Z][a-z]{2,8}\\.? \\d{1,2}(?:, \\d{4})?)?)\\s*\\(([^()]{2,40})\\)\\s*(?:[-–—_:]+|\\.)\\s`,
  'u',
);
const DATELINE_NO_CREDIT = /^([\p{Lu}][\p{Lu}\p{M}.'’-]{2,}(?:[ ,]+[\p{Lu}][\p{L}\p{M}.'’-]*){0,3}?)\s*[–—]\s+\S/u;

/** Kickers that open a paragraph like a dateline does but name no place. */
const NOT_A_PLACE = /^(?:EXCLUSIVE|BREAKING|UPDATE|UPDATED|WATCH|OPINION|ANALYSIS|EDITOR'?S NOTE|LIVE|VIDEO|PHOTOS|CORRECTION|REVIEW|COMMENT|EXPLAINER|FACT CHECK|URGENT|FLASH)\b/;

export interface Dateline {
  /** e.g. "BRUSSELS (AP)". */
  dateline: string;
  /** Wire service credited in the dateline, canonical, or null. */
  wire: string | null;
}

/** An AP/Reuters/AFP-style dateline opening a paragraph: "BRUSSELS (AP) –", "MOSCOW, Jan 12 (Reuters) -". */
export function parseDateline(line: string): Dateline | null {
  const m = DATELINE.exec(line);
  if (m) {
    const place = m[1]!.trim();
    const credit = m[2]!.trim();
    const wire = wireName(credit);
    // the place must read as a place: all-caps first word, or any case when the credit is a wire
    if (wire || /^[\p{Lu}][\p{Lu}\p{M}.'’-]+\b/u.test(place)) return { dateline: `${place} (${credit})`, wire };
  }
  const bare = DATELINE_NO_CREDIT.exec(line);
  if (bare && !NOT_A_PLACE.test(bare[1]!) && /^[\p{Lu}\p{M}.'’ ,-]+$/u.test(bare[1]!.split(',')[0]!)) return { dateline: bare[1]!.trim(), wire: null };
  return null;
}

const CONTRIBUTOR =
  /\bcontributed(?: (?:additional |further )?(?:reporting|research|writing))?(?: (?:to|for) (?:this|the) (?:report|story|article|piece|dispatch))?\.?$|^(?:Additional |Further )?(?:reporting|writing|editing|compiled|research) by\b|^with (?:files|reporting) from\b|^(?:this (?:story|report|article)|it) (?:was )?(?:written|reported|produced) (?:by|with)\b/i;
const MAX_CONTRIBUTOR_WORDS = 60;

/** "Ellen Knickmeyer in Washington contributed to this report.", "Reporting by ...; Editing by ...". */
export function isContributorLine(line: string): boolean {
  return line.length < 500 && CONTRIBUTOR.test(line) && line.split(' ').length <= MAX_CONTRIBUTOR_WORDS;
}

const BYLINE = /^By\s+([\p{Lu}].{1,120})$/u;

/** "By Jane Doe, Associated Press" -> "Jane Doe, Associated Press"; only short lines. */
export function parseByline(line: string): string | null {
  if (!line.startsWith('By') || line.length > 160) return null;
  const m = BYLINE.exec(line.trim());
  if (!m || /[.!?]["”]?$/.test(m[1]!) || m[1]!.split(/\s+/).length > 12) return null;
  return m[1]!.replace(/\s*[|·•]\s*$/, '').trim();
}

/** A line that is just a wire name ("Associated Press", "— Reuters"). */
export function standaloneWire(line: string): string | null {
  if (line.length > 40) return null;
  return wireName(line.replace(/^[-–—\s]+|[-–—\s.]+$/g, ''));
}
