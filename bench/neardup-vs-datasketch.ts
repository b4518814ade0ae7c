/**
 * Near-duplicate throughput and recall, wiretrace vs datasketch's MinHashLSH, side by side in one run.
 * Run: npx tsc -p tsconfig.json && node dist/bench/neardup-vs-datasketch.js [--bases 20000] [--per-kind 500] [--seed 7] [--repeat 3] [--keep]
 *
 * Corpus: BBC (all) then Reuters-21578 bodies up to `--bases` base articles; for a seeded random
 * sample of bases (≥ 3 paragraphs, ≥ 6 sentences, ≥ 100 words), `--per-kind` planted copies of
 * each kind, one base per copy: `excerpt` (a contiguous run of sentences, 30–50% of the words),
 * `shuffle` (paragraphs in another order), `drop` (20% of sentences removed). Written once as
 * JSONL in a temp dir; both systems read that file in their own child process (so each peak RSS
 * is its own), untimed, then time: fingerprint + insert of every document, query of every copy.
 * - wiretrace: `paragraphs()` + `fingerprint()` + `ReuseIndex.add()` with defaults, then `query()`.
 * - datasketch (bench/neardup_datasketch.py): word 5-shingles, MinHash(num_perm=128), MinHashLSH.
 * A hit: the copy's base is among the returned candidates. datasketch's threshold is swept and the
 * one whose recall is closest to wiretrace's (ties: the faster per CPU second) is rerun end to end for the ratio.
 * Each side's timed run is repeated `--repeat` times (separate processes, one after another); the median (by docs per CPU second) is reported.
 * Rates are docs per second of wall time and of process CPU time (user + system, all threads: Node's GC
 * helper threads count against wiretrace); on a loaded machine compare the CPU rates.
 * `--keep` leaves the corpus file (e.g. to profile one side: node --cpu-prof dist/bench/neardup-vs-datasketch.js --side wiretrace --corpus FILE).
 * Prints one JSON object, then a one-line summary. Skips (exit 0, saying why) without python3/numpy.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBbc, loadReuters } from './corpora.js';
import { packageRoot } from '../src/cli/package-root.js';
import { fingerprint, type Fingerprint } from '../src/fingerprint/fingerprint.js';
import { ReuseIndex } from '../src/fingerprint/index.js';
import { paragraphs } from '../src/text/segment.js';
import { Random } from './synthetic/random.js';

type Kind = 'base' | 'excerpt' | 'shuffle' | 'drop';
const KINDS = ['excerpt', 'shuffle', 'drop'] as const;
interface Doc {
  id: string;
  text: string;
  kind: Kind;
  base?: string;
}
interface Seconds {
  wall: number;
  cpu: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

/** Paragraphs (blank-line separated) split into sentences by a plain rule, independent of wiretrace's segmenter. */
function structure(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p.length > 0)
    .map((p) => p.split(/(?<=[.!?]["')\]]?)\s+(?=["'(\[]?[A-Z0-9])/).filter((s) => s.length > 0));
}

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;
const join = (paras: string[][]): string => paras.filter((p) => p.length > 0).map((p) => p.join(' ')).join('\n\n');

function plant(kind: Exclude<Kind, 'base'>, paras: string[][], rnd: () => number): string {
  if (kind === 'shuffle') {
    const order = paras.map((_, i) => i);
    do {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    } while (order.every((v, i) => v === i));
    return join(order.map((i) => paras[i]!));
  }
  const flat = paras.flatMap((p, pi) => p.map((s) => ({ pi, s, w: wordCount(s) })));
  if (kind === 'drop') {
    const k = Math.max(1, Math.round(0.2 * flat.length));
    const idx = flat.map((_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rnd() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    const dropped = new Set(idx.slice(0, k));
    return join(paras.map((_, pi) => flat.filter((f, i) => f.pi === pi && !dropped.has(i)).map((f) => f.s)));
  }
  // excerpt: a contiguous run of sentences holding 30–50% of the words, from a random start that can reach it.
  const total = flat.reduce((n, f) => n + f.w, 0);
  const target = (0.3 + 0.2 * rnd()) * total;
  const starts: number[] = [];
  for (let s = 0, suffix = total; s < flat.length; suffix -= flat[s]!.w, s++) if (suffix >= target) starts.push(s);
  const start = starts[Math.floor(rnd() * starts.length)]!;
  let end = start;
  for (let w = 0; w < target && end < flat.length; end++) w += flat[end]!.w;
  const run = flat.slice(start, end);
  return join(paras.map((_, pi) => run.filter((f) => f.pi === pi).map((f) => f.s)));
}

function buildCorpus(bases: number, perKind: number, seed: number): { docs: Doc[]; sources: Record<string, number> } {
  const bbc = loadBbc().filter((a) => a.text.length > 0);
  const reuters = loadReuters().filter((a) => a.text.length > 0);
  const docs: Doc[] = [...bbc, ...reuters].slice(0, bases).map((a) => ({ id: a.name, text: a.text, kind: 'base' }));
  const random = new Random(seed);
  const rnd = () => random.next();
  const eligible = docs
    .map((d, i) => ({ i, paras: structure(d.text) }))
    .filter(({ paras, i }) => paras.length >= 3 && paras.flat().length >= 6 && wordCount(docs[i]!.text) >= 100);
  const need = perKind * KINDS.length;
  if (eligible.length < need) throw new Error(`only ${eligible.length} eligible base articles for ${need} copies`);
  for (let i = 0; i < need; i++) {
    const j = i + Math.floor(rnd() * (eligible.length - i));
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  for (let i = 0; i < need; i++) {
    const kind = KINDS[Math.floor(i / perKind)]!;
    const { i: b, paras } = eligible[i]!;
    docs.push({ id: `copy/${kind}/${docs[b]!.id}`, text: plant(kind, paras, rnd), kind, base: docs[b]!.id });
  }
  return { docs, sources: { bbc: docs.filter((d) => d.kind === 'base' && !d.id.startsWith('reuters/')).length, reuters: docs.filter((d) => d.id.startsWith('reuters/')).length, eligible: eligible.length } };
}

function clock(): { wall: number; cpu: NodeJS.CpuUsage } {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}
function since(t0: { wall: number; cpu: NodeJS.CpuUsage }): Seconds {
  const c = process.cpuUsage(t0.cpu);
  return { wall: (performance.now() - t0.wall) / 1000, cpu: (c.user + c.system) / 1e6 };
}
const rssMB = (): number => process.resourceUsage().maxRSS / 1024;

/** wiretrace side, in its own process: the product's path with its defaults. */
function runWiretrace(corpus: string): unknown {
  const docs: Doc[] = fs.readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Doc);
  const warm = 'The minister said on Monday that the talks in Brussels would resume.\n\nOfficials expect a deal by March.';
  const t0w = performance.now();
  new ReuseIndex().add(fingerprint('warm-up', warm, paragraphs(warm))); // lazy WordNet load, JIT: not timed
  const warmUpSeconds = (performance.now() - t0w) / 1000;
  const rssAfterLoadMB = rssMB();
  const index = new ReuseIndex();
  const copies: Array<{ doc: Doc; fp: Fingerprint }> = [];
  let fpMs = 0;
  let addMs = 0;
  const t0 = clock();
  for (const doc of docs) {
    const a = performance.now();
    const fp = fingerprint(doc.id, doc.text, paragraphs(doc.text));
    const b = performance.now();
    index.add(fp);
    addMs += performance.now() - b;
    fpMs += b - a;
    if (doc.kind !== 'base') copies.push({ doc, fp });
  }
  const tq = clock();
  const results = copies.map(({ fp }) => index.query(fp).map((c) => c.id));
  const query = since(tq);
  const seconds = since(t0);
  const hits: Record<string, number> = {};
  const totals: Record<string, number> = {};
  let candidates = 0;
  copies.forEach(({ doc }, i) => {
    totals[doc.kind] = (totals[doc.kind] ?? 0) + 1;
    if (results[i]!.includes(doc.base!)) hits[doc.kind] = (hits[doc.kind] ?? 0) + 1;
    candidates += results[i]!.length;
  });
  const found = Object.values(hits).reduce((a, b) => a + b, 0);
  return {
    system: 'wiretrace',
    params: index.params,
    docs: docs.length,
    queries: copies.length,
    warmUpSeconds,
    seconds,
    fingerprintSeconds: fpMs / 1000,
    insertSeconds: addMs / 1000,
    querySeconds: query,
    docsPerSec: docs.length / seconds.wall,
    docsPerCpuSec: docs.length / seconds.cpu,
    recall: found / copies.length,
    recallByKind: Object.fromEntries(KINDS.map((k) => [k, (hits[k] ?? 0) / (totals[k] ?? 1)])),
    candidatesPerQuery: candidates / copies.length,
    rssAfterLoadMB,
    peakRssMB: rssMB(),
  };
}

function child(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): any {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** The run with the median CPU-time throughput (steadier than wall time on a shared machine), with every run's rates listed. */
function median(runs: any[]): any {
  const sorted = [...runs].sort((a, b) => a.docsPerCpuSec - b.docsPerCpuSec);
  return {
    ...sorted[Math.floor(sorted.length / 2)],
    runsDocsPerSec: runs.map((r) => Math.round(r.docsPerSec)),
    runsDocsPerCpuSec: runs.map((r) => Math.round(r.docsPerCpuSec)),
  };
}

function main(): void {
  if (process.argv.includes('--side')) {
    process.stdout.write(JSON.stringify(runWiretrace(arg('corpus', ''))) + '\n');
    return;
  }
  const peer = path.join(packageRoot(), '..', 'shared', 'peers', 'datasketch');
  const helper = path.join(packageRoot(), 'bench', 'neardup_datasketch.py');
  const pyEnv = { ...process.env };
  delete pyEnv.OPENBLAS_CORETYPE;
  delete pyEnv.OPENBLAS_L2_SIZE;
  const probe = spawnSync('python3', ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(peer)}); import numpy; from datasketch import MinHash, MinHashLSH`], { encoding: 'utf8', env: pyEnv });
  if (probe.error || probe.status !== 0) {
    console.log(`neardup-vs-datasketch: skipped: python3 with numpy and datasketch (${peer}) not usable: ${(probe.error?.message ?? probe.stderr).trim().split('\n').pop()}`);
    return;
  }
  const bases = Number(arg('bases', '20000'));
  const perKind = Number(arg('per-kind', '500'));
  const seed = Number(arg('seed', '7'));
  const { docs, sources } = buildCorpus(bases, perKind, seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiretrace-neardup-'));
  const corpus = path.join(dir, 'corpus.jsonl');
  fs.writeFileSync(corpus, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');

  const self = fileURLToPath(import.meta.url);
  const repeat = Math.max(1, Number(arg('repeat', '3')));
  const wiretrace = median(Array.from({ length: repeat }, () => child(process.execPath, [self, '--side', 'wiretrace', '--corpus', corpus])));
  const sweep = child('python3', [helper, '--corpus', corpus, '--mode', 'sweep', '--peer', peer, '--thresholds', arg('thresholds', '0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5')], pyEnv);
  const rows = sweep.thresholds as Array<{ threshold: number; recall: number; docsPerCpuSec: number }>;
  const pick = rows.reduce((best, r) => {
    const d = Math.abs(r.recall - wiretrace.recall) - Math.abs(best.recall - wiretrace.recall);
    return d < -1e-12 || (Math.abs(d) <= 1e-12 && r.docsPerCpuSec > best.docsPerCpuSec) ? r : best;
  });
  const datasketch = median(Array.from({ length: repeat }, () => child('python3', [helper, '--corpus', corpus, '--mode', 'run', '--peer', peer, '--thresholds', String(pick.threshold)], pyEnv)));
  if (process.argv.includes('--keep')) console.error(`corpus kept: ${corpus}`);
  else fs.rmSync(dir, { recursive: true, force: true });

  const result = {
    bench: 'neardup-vs-datasketch',
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}` },
    corpus: { bases: docs.length - perKind * KINDS.length, ...sources, copiesPerKind: perKind, seed, docs: docs.length },
    repeat,
    wiretrace,
    datasketch,
    datasketchSweep: sweep,
    ratio: { docsPerSec: wiretrace.docsPerSec / datasketch.docsPerSec, docsPerCpuSec: wiretrace.docsPerCpuSec / datasketch.docsPerCpuSec },
  };
  console.log(JSON.stringify(result, null, 2));
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const kinds = (r: any): string => KINDS.map((k) => `${k} ${pct(r.recallByKind[k])}`).join(', ');
  console.log(
    `neardup ${docs.length} docs (${perKind}×3 planted copies), ${os.cpus().length} CPUs: ` +
      `wiretrace ${wiretrace.docsPerSec.toFixed(0)} docs/s (recall ${pct(wiretrace.recall)}: ${kinds(wiretrace)}; ${wiretrace.candidatesPerQuery.toFixed(2)} candidates/query; peak RSS ${wiretrace.peakRssMB.toFixed(0)} MB) vs ` +
      `datasketch MinHashLSH(threshold=${datasketch.threshold}, 128 perm) ${datasketch.docsPerSec.toFixed(0)} docs/s (recall ${pct(datasketch.recall)}: ${kinds(datasketch)}; ${datasketch.candidatesPerQuery.toFixed(2)} candidates/query; peak RSS ${datasketch.peakRssMB.toFixed(0)} MB): ` +
      `${result.ratio.docsPerSec.toFixed(1)}x wall, ${result.ratio.docsPerCpuSec.toFixed(1)}x CPU`,
  );
}

main();
