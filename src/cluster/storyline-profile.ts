import { jsonCodec } from '../core/rows.js';
import { type IdfView, type SparseVector, capTopIdf, packVector, unpackVector } from './sparse.js';
import { type PackedLinks, packLinks } from './profile-links.js';

/** What the storyline builder keeps of one event. */
export interface Profile {
  id: string;
  /** Creation order: breaks date ties on a timeline. */
  seq: number;
  /** Sum of its articles' length-normalised log term frequencies; IDF is applied when compared. */
  tf: SparseVector;
  /** IDF-weighed norm of `tf`, as of the profile's last change (so comparing it needs only the shared terms). */
  norm: number;
  names: string[];
  /** Each name's term id in the clusterer's vocabulary (its document frequency says how common it is), or -1. */
  nameIds: number[];
  /** Relations between this event's articles and another event's: `[other event, a, b]`, packed (see profile-links.ts). */
  links: PackedLinks;
  size: number;
  title: string;
  begin: number | null;
  end: number | null;
  line: string | null;
  /** The event this one follows on its storyline, the names the link rests on and the reason given (none when it starts its storyline). */
  follows?: { id: string; names: string[]; reason: string } | null;
}

interface ProfileJson extends Omit<Profile, 'tf' | 'links'> {
  tf: string;
  /** Rows written before the links were packed hold a list of triples. */
  links: PackedLinks | Array<[string, string, string]>;
}

export const profileCodec = jsonCodec<Profile, ProfileJson>(
  (p) => ({ ...p, tf: packVector(p.tf) }),
  (j) => ({ ...j, tf: unpackVector(j.tf), links: typeof j.links === 'string' ? j.links : packLinks(j.links) }),
);

/** Terms and names of an event that find its candidate storyline neighbours. */
const KEY_TERMS = 30;

/** The keys an event is found by: its top terms under current IDF and its first names. */
export function keysOf(p: Profile, idf: IdfView): string[] {
  const terms = Array.from(capTopIdf(p.tf, KEY_TERMS, idf).ids, (id) => `t${id}`);
  return [...terms, ...p.names.slice(0, KEY_TERMS).map((n) => `n${n}`)];
}

