/**
 * An event profile's relation links, `[other event, article a, article b]` each, packed in one
 * string: "event\ta\tb" entries joined by "\n", in the order they were added. A held profile then
 * keeps ~40 bytes per link instead of an array of three strings (~190 bytes), so the storyline
 * builder holds twice the profiles in the same memory. Event ids ("E12") and article ids (content
 * hashes) never hold a tab or a newline.
 */
export type PackedLinks = string;

export const NO_LINKS: PackedLinks = '';

export function linkCount(links: PackedLinks): number {
  if (links === NO_LINKS) return 0;
  let n = 1;
  for (let at = links.indexOf('\n'); at >= 0; at = links.indexOf('\n', at + 1)) n++;
  return n;
}

/** `links` with one more link at the end, or `links` itself when it already holds `max`. */
export function appendLink(links: PackedLinks, event: string, a: string, b: string, max: number): PackedLinks {
  if (linkCount(links) >= max) return links;
  const entry = `${event}\t${a}\t${b}`;
  return links === NO_LINKS ? entry : `${links}\n${entry}`;
}

/** The first `max` links of `first` then `second`. */
export function concatLinks(first: PackedLinks, second: PackedLinks, max: number): PackedLinks {
  const entries = [...entriesOf(first), ...entriesOf(second)];
  return entries.slice(0, max).join('\n');
}

/** The event of each link, in order (an event linked twice is listed twice). */
export function linkedEvents(links: PackedLinks): string[] {
  return entriesOf(links).map((entry) => entry.slice(0, entry.indexOf('\t')));
}

/** The articles of the first link to `event`. */
export function passageTo(links: PackedLinks, event: string): [string, string] | undefined {
  for (const entry of entriesOf(links)) {
    const [e, a, b] = entry.split('\t');
    if (e === event) return [a!, b!];
  }
  return undefined;
}

/** Links as stored before they were packed: a list of triples. */
export function packLinks(list: ReadonlyArray<readonly [string, string, string]>): PackedLinks {
  return list.map((l) => l.join('\t')).join('\n');
}

function entriesOf(links: PackedLinks): string[] {
  return links === NO_LINKS ? [] : links.split('\n');
}
