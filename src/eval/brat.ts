import type { Span } from '../core/types.js';
import { appendAll } from '../core/arrays.js';

/** One attribution of a brat standoff file (PolNeAR): its content, source and cue fragments. */
export interface BratAttribution {
  content: Span[];
  source: Span[];
  cue: Span[];
}

/** Reads `T` (text-bound) and `E` (event) lines of a brat `.ann` file into attributions. */
export function parseBrat(ann: string): BratAttribution[] {
  const spans = new Map<string, { type: string; spans: Span[] }>();
  const events: string[] = [];
  for (const line of ann.split('\n')) {
    const parts = line.split('\t');
    if (parts.length < 2) continue;
    const id = parts[0]!;
    if (id.startsWith('T')) {
      const space = parts[1]!.indexOf(' ');
      const type = parts[1]!.slice(0, space);
      const list = parts[1]!.slice(space + 1).split(';').map((r) => r.trim().split(/\s+/).map(Number) as Span);
      spans.set(id, { type, spans: list.filter((s) => s.length === 2 && s.every(Number.isFinite)) });
    } else if (id.startsWith('E')) {
      events.push(parts[1]!);
    }
  }
  const out: BratAttribution[] = [];
  const used = new Set<string>();
  for (const ev of events) {
    const a: BratAttribution = { content: [], source: [], cue: [] };
    for (const arg of ev.split(/\s+/)) {
      const [role, ref] = arg.split(':');
      if (!role || !ref) continue;
      const t = spans.get(ref);
      if (!t) continue;
      if (role.startsWith('Content')) { appendAll(a.content, t.spans); used.add(ref); }
      else if (role.startsWith('Source')) appendAll(a.source, t.spans);
      else if (role.startsWith('Cue')) appendAll(a.cue, t.spans);
    }
    if (a.content.length) out.push(a);
  }
  for (const [id, t] of spans) {
    if (t.type === 'Content' && !used.has(id)) out.push({ content: t.spans, source: [], cue: [] });
  }
  return out;
}
