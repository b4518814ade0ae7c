import type { Entity, EntityMention, Span } from '../core/types.js';
import { CUE_VERBS, HONORIFICS, ROLE_WORDS } from './lexicon.js';
import { nameRuns, tokenizeNames, type NameRun, type Token } from './names.js';

export interface FoundEntities {
  entities: Entity[];
  mentions: EntityMention[];
}

interface Draft {
  name: string;
  kind: Entity['kind'];
  aliases: Set<string>;
  roles: Set<string>;
}

/**
 * People, organisations and places in `text`, rule-based and fast (no tagger): capitalised runs,
 * split into a title ("Estonian Defense Minister") and a name ("Kalle Laanet"), appositive roles
 * (", the U.S. ambassador to NATO,"), and surnames and "Mr. X" resolved to the full name.
 */
export function extractEntities(text: string): FoundEntities {
  const tokens = tokenizeNames(text);
  const runs = nameRuns(text, tokens);
  const drafts = new Map<string, Draft>();
  const surnames = new Map<string, string | null>();
  const pending: Array<{ run: NameRun; span: Span; key: string }> = [];
  const mentions: EntityMention[] = [];

  // Pass 1: multi-word and titled names, organisations, places.
  for (const run of runs) {
    const nameFirst = run.honorific ? run.first + 1 : run.first;
    const span: Span = [tokens[run.first]!.b, tokens[run.last]!.e];
    const name = cleanName(text.slice(tokens[nameFirst]!.b, tokens[run.last]!.e));
    const single = run.last === nameFirst;
    if (run.kind === 'person' && !single) {
      const d = draft(drafts, name, 'person');
      addRoles(d, text, tokens, run);
      const surname = tokens[run.last]!.w === 'jr' && run.last > nameFirst ? tokens[run.last - 1]!.w : tokens[run.last]!.w;
      const known = surnames.get(surname);
      surnames.set(surname, known === undefined || known === name ? name : null);
      mentions.push({ span: [tokens[nameFirst]!.b, span[1]], entity: name });
    } else if (run.kind === 'organization' || run.kind === 'place') {
      draft(drafts, name, run.kind);
      mentions.push({ span, entity: name });
    } else {
      pending.push({ run, span, key: tokens[run.last]!.w });
    }
  }
  // Pass 2: single words and honorific forms: surnames of known people, else people when titled or quoted.
  for (const { run, span, key } of pending) {
    const full = surnames.get(key);
    const nameFirst = run.honorific ? run.first + 1 : run.first;
    const written = cleanName(text.slice(tokens[nameFirst]!.b, tokens[run.last]!.e));
    if (full) {
      const d = drafts.get(full)!;
      if (written !== full) d.aliases.add(written);
      addRoles(d, text, tokens, run);
      mentions.push({ span: [tokens[run.honorific ? run.first : nameFirst]!.b, span[1]], entity: full });
      continue;
    }
    if (run.kind === 'unknown' && run.last > nameFirst) continue;
    if (written.length < 2) continue; // a lone letter ("N.Y." read as "N", "Y") is never a name
    const titled = run.roleFirst < run.first || run.honorific || run.kind === 'person';
    if (titled || nextIsCue(tokens, run.last) || (!tokens[nameFirst]!.initial && prevIsCue(tokens, nameFirst))) {
      const d = draft(drafts, written, 'person');
      addRoles(d, text, tokens, run);
      mentions.push({ span: [tokens[nameFirst]!.b, span[1]], entity: written });
    }
  }
  mentions.sort((a, b) => a.span[0] - b.span[0]);
  const entities: Entity[] = [...drafts.values()].map((d) => ({
    name: d.name, kind: d.kind, aliases: [...d.aliases], roles: [...d.roles],
  }));
  return { entities, mentions };
}

function draft(drafts: Map<string, Draft>, name: string, kind: Entity['kind']): Draft {
  let d = drafts.get(name);
  if (!d) {
    d = { name, kind, aliases: new Set(), roles: new Set() };
    drafts.set(name, d);
  }
  return d;
}

function cleanName(raw: string): string {
  return raw.replace(/['\u2019]s$/, '').replace(/\s+/g, ' ');
}

function nextIsCue(tokens: Token[], at: number): boolean {
  const t = tokens[at + 1];
  return t !== undefined && CUE_VERBS.has(t.w);
}

function prevIsCue(tokens: Token[], at: number): boolean {
  const t = tokens[at - 1];
  return t !== undefined && !t.cap && CUE_VERBS.has(t.w);
}

/** Title before the name and an appositive after it: ", the U.S. ambassador to NATO,". */
function addRoles(d: Draft, text: string, tokens: Token[], run: NameRun): void {
  const nameFirst = run.honorific ? run.first + 1 : run.first;
  if (run.roleFirst < nameFirst && !(run.honorific && run.roleFirst === run.first)) {
    const role = text.slice(tokens[run.roleFirst]!.b, tokens[run.honorific ? run.first : nameFirst]!.b).trim();
    if (role && !HONORIFICS.has(role.toLowerCase().replace(/\.$/, ''))) d.roles.add(role.replace(/^the\s+/i, ''));
  }
  const appositive = appositiveRole(text, tokens[run.last]!.e);
  if (appositive) d.roles.add(appositive);
}

const APPOSITIVE = /^,\s+((?:the|a|an)\s+)?((?:[^,.;:()"\u201c\u201d]|\.(?!\s|$)|(?<=\b[A-Z])\.){2,90}?)(?=,|(?<!\b[A-Z])\.(?:\s|$)|;|\s+(?:said|says|told|added)\b)/i;

export function appositiveRole(text: string, at: number): string | null {
  const m = APPOSITIVE.exec(text.slice(at, at + 120));
  if (!m) return null;
  const phrase = m[2]!.trim();
  const words = phrase.toLowerCase().split(/\s+/);
  const head = words.slice(0, 5).some((w) => ROLE_WORDS.has(w) || w.split('-').some((p) => ROLE_WORDS.has(p)));
  if (!head || words.length > 14) return null;
  if (!m[1] && !/^[a-z]/.test(phrase) && !ROLE_WORDS.has(words[0]!)) return null;
  return phrase;
}
