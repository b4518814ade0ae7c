/**
 * Which side of a relation is the original: publication dates, artefacts of derivation
 * (machine translation, thesaurus spin, garbled wire credits), original wire datelines and,
 * weakly, containment. Evidence is weighed; thin or conflicting evidence gives `null`.
 */
import type { Article, RelationKind } from '../core/types.js';
import type { Artefact } from './artefacts.js';

export interface SourceVerdict {
  source: string | null;
  evidence: string[];
}

/** Least margin of evidence (in artefact weights) for a verdict. */
const MARGIN = 2;

const DATELINE = /^\s*(\p{Lu}[\p{Lu} .,'-]{2,40})\s*\((AP|Reuters|AFP|UPI|dpa|CP|PA)\)\s*[-\u2013\u2014]/u;

/** An original wire dateline ("BRUSSELS (AP) —") in the article's metadata or its first lines. */
export function wireDateline(article: Article): string | null {
  if (article.dateline && /\(.+\)/.test(article.dateline)) return article.dateline;
  for (const [b, e] of article.paragraphs.slice(0, 12)) {
    const m = DATELINE.exec(article.text.slice(b, Math.min(e, b + 80)));
    if (m) return `${m[1]!.trim()} (${m[2]})`;
  }
  return null;
}

function label(article: Article): string {
  return article.name || article.id;
}

function listArtefacts(list: Artefact[], limit = 4): string {
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const x of [...list].sort((p, q) => q.weight - p.weight)) {
    if (seen.has(x.text)) continue;
    seen.add(x.text);
    texts.push(x.text);
  }
  const more = texts.length > limit ? ` and ${texts.length - limit} more` : '';
  return texts.slice(0, limit).join(', ') + more;
}

function describe(name: string, list: Artefact[]): string {
  const spin = list.filter((x) => x.kind === 'broken-collocation' || x.kind === 'broken-name' || x.kind === 'garbled-credit');
  const mt = list.filter((x) => !spin.includes(x));
  const parts: string[] = [];
  if (spin.length > 0) parts.push(`${name} has spin artefacts: ${listArtefacts(spin)}`);
  if (mt.length > 0) parts.push(`${name} has machine-translation artefacts: ${listArtefacts(mt)}`);
  return parts.join('; ');
}

/** Weigh the evidence for which side is the original. */
export function sourceVerdict(a: Article, b: Article, kind: RelationKind, artefacts: Artefact[], longer: 'a' | 'b' | null): SourceVerdict {
  const evidence: string[] = [];
  // Positive favours a as the source, negative b.
  let forA = 0;
  let forB = 0;
  if (a.published && b.published && a.published !== b.published) {
    const earlier = a.published < b.published ? 'a' : 'b';
    const [e, l] = earlier === 'a' ? [a, b] : [b, a];
    evidence.push(`${label(e)} was published earlier (${e.published} vs ${l.published})`);
    if (earlier === 'a') forA += 3;
    else forB += 3;
  }
  const ofA = artefacts.filter((x) => x.side === 'a');
  const ofB = artefacts.filter((x) => x.side === 'b');
  const weightA = ofA.reduce((s, x) => s + x.weight, 0);
  const weightB = ofB.reduce((s, x) => s + x.weight, 0);
  forB += weightA;
  forA += weightB;
  const undirected = artefacts.filter((x) => x.side === null);
  const da = wireDateline(a);
  const db = wireDateline(b);
  if (da && !db) {
    forA += 1;
    evidence.push(`${label(a)} carries the wire dateline ${da}`);
  } else if (db && !da) {
    forB += 1;
    evidence.push(`${label(b)} carries the wire dateline ${db}`);
  }
  if (kind === 'excerpt' && longer) {
    if (longer === 'a') forA += 1;
    else forB += 1;
    evidence.push(`${label(longer === 'a' ? a : b)} has the fuller text`);
  }
  const winner = forA > forB ? 'a' : 'b';
  const [win, lose] = winner === 'a' ? [forA, forB] : [forB, forA];
  const conflicting = weightA >= MARGIN && weightB >= MARGIN;
  const asA = undirected.map((x) => ({ ...x, side: 'a' as const, text: x.reverse ?? x.text }));
  const asB = undirected.map((x) => ({ ...x, side: 'b' as const }));
  if (ofA.length > 0) evidence.push(describe(label(a), ofA.concat(winner === 'b' ? asA : [])));
  if (ofB.length > 0) evidence.push(describe(label(b), ofB.concat(winner === 'a' ? asB : [])));
  if (conflicting || win - lose < MARGIN) {
    evidence.push(conflicting ? 'both sides show artefacts of rewriting: neither is the original' : 'too little evidence to tell which is the original');
    return { source: null, evidence };
  }
  const src = winner === 'a' ? a : b;
  return { source: src.id, evidence: [`${label(src)} is the likely source`, ...evidence] };
}
