import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClusterDoc } from '../src/cluster/events.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The bundled sample, from dist/test or test. */
export const SAMPLE_DIR = [path.resolve(here, '../sample'), path.resolve(here, '../../sample')].find((d) => {
  try {
    return readdirSync(d).some((f) => f.endsWith('.txt'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
})!;

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');

/** Reads a date the way the cleaner will: the " date YYYY-MM-DD" marker or an "AP , Friday 7 Jan 2022" line. */
function readDate(raw: string): { date: string | null; body: string } {
  const marker = /^\s*date (\d{4}-\d{2}-\d{2})\s*/.exec(raw);
  if (marker) return { date: marker[1]!, body: raw.slice(marker[0].length) };
  const line = /^[A-Z][\w .]* , \w+day (\d{1,2}) (\w{3})\w* (\d{4})\s*$/m.exec(raw);
  if (line) {
    const month = MONTHS.indexOf(line[2]!.toLowerCase()) + 1;
    const date = `${line[3]}-${String(month).padStart(2, '0')}-${line[1]!.padStart(2, '0')}`;
    return { date, body: raw.replace(line[0], '') };
  }
  return { date: null, body: raw };
}

/** Sample articles as the pipeline will hand them over: title only when a short first line stands alone. */
export function sampleDocs(): Map<string, ClusterDoc> {
  const out = new Map<string, ClusterDoc>();
  for (const file of readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt')).sort()) {
    const { date, body } = readDate(readFileSync(path.join(SAMPLE_DIR, file), 'utf8'));
    const lines = body.split('\n');
    const headline = lines.length > 2 && lines[1]!.trim() === '' && lines[0]!.trim().split(/\s+/).length <= 20;
    const title = headline ? lines[0]!.trim() : null;
    const text = (headline ? lines.slice(2).join('\n') : body).trim();
    out.set(file, { id: file, title, text, published: date, entities: [] });
  }
  return out;
}

/** The sample file whose name starts with `prefix` ("000"). */
export function pick(docs: Map<string, ClusterDoc>, prefix: string): ClusterDoc {
  const doc = [...docs.values()].find((d) => d.id.startsWith(prefix));
  if (!doc) throw new Error(`no sample file ${prefix}`);
  return doc;
}
