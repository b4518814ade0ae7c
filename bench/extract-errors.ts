/**
 * Error analysis for quote extraction on PolNeAR: prints matched quotes whose speaker is wrong
 * (with the gold source, the predicted speaker and the text around), and optionally missed gold
 * quotes and spurious predictions. Drives the attribution rules; develop on train.
 * Run: npx tsc -p tsconfig.json && node dist/bench/extract-errors.js [--split train] [--kind speaker|missed|spurious|all] [--limit N] [--summary]
 * [--article NAME-PART]: only articles whose name holds NAME-PART, listing every quote found with its rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVAL_DIR } from './corpora.js';
import { directQuotes, goldQuotes, matchArticle, polnearAnnotations, type GoldQuote } from '../src/eval/polnear.js';
import { extractQuotesTraced } from '../src/extract/quotes.js';
import { paragraphs } from '../src/text/segment.js';
import type { Quote, Span } from '../src/core/types.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
};
const split = arg('split', 'train');
const kind = arg('kind', 'speaker');
const limit = Number(arg('limit', '100000'));
const summary = process.argv.includes('--summary');
const only = arg('article', '');

const dir = path.join(EVAL_DIR, 'quotes-polnear', split);
const oneLine = (s: string) => s.replace(/\s+/g, ' ');
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n / 2)} … ${s.slice(-n / 2)}` : s);
const show = (text: string, s: Span | null) => (s ? `"${oneLine(text.slice(s[0], s[1]))}"@${s[0]}` : '—');

/** The quote with 200 characters either side, the quote itself shortened, the speaker spans bracketed. */
function context(text: string, q: Span, marks: Span[]): string {
  const from = Math.max(0, q[0] - 220);
  const to = Math.min(text.length, q[1] + 220);
  const pieces: string[] = [];
  let at = from;
  const cuts = [...marks.filter((m) => m[0] >= from && m[1] <= to), q].sort((a, b) => a[0] - b[0]);
  for (const m of cuts) {
    if (m[0] < at) continue;
    pieces.push(text.slice(at, m[0]));
    pieces.push(m === q ? `«${cut(text.slice(m[0], m[1]), 120)}»` : `[${text.slice(m[0], m[1])}]`);
    at = m[1];
  }
  pieces.push(text.slice(at, to));
  return oneLine(pieces.join(''));
}

const counts = { speaker: 0, noSpeaker: 0, missed: 0, spurious: 0, judged: 0 };
const byCue = new Map<string, number>();
let printed = 0;

for (const [name, ann] of polnearAnnotations(path.join(dir, 'attributions'))) {
  const file = path.join(dir, 'text', `${name}.txt`);
  if (!fs.existsSync(file) || (only && !name.includes(only))) continue;
  const text = fs.readFileSync(file, 'utf8');
  const gold: GoldQuote[] = goldQuotes(text, fs.readFileSync(path.join(dir, 'attributions', ann), 'utf8'));
  const traced = extractQuotesTraced({ id: name, text, paragraphs: paragraphs(text) });
  const ruleOf = new Map(traced.map((t) => [t.quote, t.rule]));
  if (only) {
    for (const t of traced) console.log(`@${t.quote.span[0]} ${t.quote.partial ? 'partial ' : ''}[${t.rule}] ${show(text, t.quote.speakerSpan)} (${t.quote.speaker}) «${cut(oneLine(t.quote.text), 80)}»`);
  }
  const preds: Quote[] = directQuotes(traced.map((t) => t.quote));
  const matches = matchArticle(text, gold, preds);
  const print = (line: string) => {
    if (!summary && printed < limit) console.log(line);
  };
  for (const m of matches) {
    if (m.speakerRight === null) continue;
    counts.judged++;
    if (m.speakerRight) continue;
    const g = gold[m.gold]!;
    const p = preds[m.predicted]!;
    if (!p.speakerSpan) counts.noSpeaker++;
    else counts.speaker++;
    const key = ruleOf.get(p) ?? '?';
    byCue.set(key, (byCue.get(key) ?? 0) + 1);
    if (kind === 'speaker' || kind === 'all') {
      print(`\n## SPEAKER ${name} gold=${g.source.map((s) => show(text, s)).join(' + ')} pred=${show(text, p.speakerSpan)} (${p.speaker ?? 'null'}; cue ${p.cue ?? 'none'}; rule ${ruleOf.get(p)})`);
      print(`   ${context(text, p.span, [...g.source, ...(p.speakerSpan ? [p.speakerSpan] : [])])}`);
      printed++;
    }
  }
  const gUsed = new Set(matches.map((m) => m.gold));
  const pUsed = new Set(matches.map((m) => m.predicted));
  gold.forEach((g, i) => {
    if (gUsed.has(i)) return;
    counts.missed++;
    if (kind === 'missed' || kind === 'all') {
      print(`\n## MISSED ${name} source=${g.source.map((s) => show(text, s)).join(' + ')}`);
      print(`   ${context(text, g.span, g.source)}`);
      printed++;
    }
  });
  preds.forEach((p, j) => {
    if (pUsed.has(j)) return;
    counts.spurious++;
    if (kind === 'spurious' || kind === 'all') {
      print(`\n## SPURIOUS ${name} speaker=${show(text, p.speakerSpan)} (${p.speaker ?? 'null'})`);
      print(`   ${context(text, p.span, p.speakerSpan ? [p.speakerSpan] : [])}`);
      printed++;
    }
  });
}

console.log(`\n${split}: wrong speaker ${counts.speaker}, no speaker ${counts.noSpeaker} (of ${counts.judged} judged); missed ${counts.missed}; spurious ${counts.spurious}`);
console.log('wrong speakers by rule:', [...byCue].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, n]) => `${k} ${n}`).join(', '));
