/**
 * Loaders for the evaluation corpora in ../shared/eval beside the package (read-only; env WIRETRACE_EVAL_DIR overrides).
 * BBC: <section>/<nnn>.txt, first line is the title.
 * Reuters-21578: reut2-0NN.sgm SGML with <DATE>, <TITLE>, <BODY>, <TOPICS>.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';

export const EVAL_DIR = process.env.WIRETRACE_EVAL_DIR ?? path.join(packageRoot(), '..', 'shared', 'eval');

export interface BbcArticle {
  name: string;
  title: string;
  text: string;
  section: string;
}

export interface ReutersArticle {
  name: string;
  title: string;
  text: string;
  date: string;
  topics: string[];
}

/** Read a file as UTF-8, falling back to Latin-1 when it is not valid UTF-8. */
function readText(file: string): string {
  const buf = fs.readFileSync(file);
  const utf8 = buf.toString('utf8');
  return utf8.includes('\uFFFD') ? buf.toString('latin1') : utf8;
}

/** All BBC articles, ordered by section then file name; `text` excludes the title line. */
export function loadBbc(dir: string = path.join(EVAL_DIR, 'corpus-bbc')): BbcArticle[] {
  const out: BbcArticle[] = [];
  const sections = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const section of sections) {
    const files = fs.readdirSync(path.join(dir, section)).filter((f) => f.endsWith('.txt')).sort();
    for (const file of files) {
      const raw = readText(path.join(dir, section, file)).replace(/\r\n?/g, '\n');
      const nl = raw.indexOf('\n');
      const title = (nl < 0 ? raw : raw.slice(0, nl)).trim();
      const text = (nl < 0 ? '' : raw.slice(nl + 1)).trim();
      out.push({ name: `${section}/${file.replace(/\.txt$/, '')}`, title, text, section });
    }
  }
  return out;
}

function decodeSgml(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n: string) => {
      const code = Number(n);
      return code < 32 ? '' : String.fromCharCode(code);
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function tag(block: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block);
  return m ? m[1] : undefined;
}

/**
 * Reflow a Reuters body: lines starting with whitespace open a new paragraph,
 * other line breaks are soft wraps. Paragraphs are joined with a blank line.
 * The trailing "Reuter" signature is dropped.
 */
function reflowBody(body: string): string {
  const paras: string[] = [];
  let cur: string[] = [];
  for (const line of decodeSgml(body).replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s/.test(line) && cur.length > 0) {
      paras.push(cur.join(' '));
      cur = [];
    }
    const t = line.trim();
    if (t) cur.push(t);
  }
  if (cur.length > 0) paras.push(cur.join(' '));
  const text = paras.join('\n\n').trim();
  return text.replace(/\s*\bReuter\s*$/, '').trim();
}

/**
 * Reuters-21578 stories. With `bodiesOnly` (default true) stories without a <BODY> are skipped.
 * `name` is "reuters/<NEWID>".
 */
export function loadReuters(
  options: { dir?: string; bodiesOnly?: boolean } = {},
): ReutersArticle[] {
  const dir = options.dir ?? path.join(EVAL_DIR, 'corpus-reuters21578');
  const bodiesOnly = options.bodiesOnly ?? true;
  const out: ReutersArticle[] = [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sgm')).sort();
  for (const file of files) {
    const raw = readText(path.join(dir, file));
    const re = /<REUTERS\b([^>]*)>([\s\S]*?)<\/REUTERS>/g;
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      const attrs = m[1];
      const block = m[2];
      const id = /NEWID="(\d+)"/.exec(attrs)?.[1] ?? String(out.length + 1);
      const body = tag(block, 'BODY');
      if (bodiesOnly && body === undefined) continue;
      const topicsRaw = tag(block, 'TOPICS') ?? '';
      const topics = [...topicsRaw.matchAll(/<D>([\s\S]*?)<\/D>/g)].map((d) => d[1]);
      out.push({
        name: `reuters/${id}`,
        title: decodeSgml(tag(block, 'TITLE') ?? '').trim(),
        text: body === undefined ? '' : reflowBody(body),
        date: (tag(block, 'DATE') ?? '').trim(),
        topics,
      });
    }
  }
  return out;
}
