import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { warning, type ReadWarning } from './warnings.js';

export type WalkEntry = { file: string; name: string; size: number } | { warning: ReadWarning };

/**
 * Base names (any case, any extension) of the files a corpus folder carries about itself. Read from a
 * folder they are skipped with a warning; named on the command line they are read like any file.
 */
const CORPUS_FILES = /^(readme|licen[cs]e|copying|notice|changelog|changes|authors|contributing)(\.[^.]*)?$/i;

/** What a file that is neither a regular file nor a folder is, in words ('named pipe', 'socket', ...), or null. */
export function specialKind(stat: Stats | Dirent): string | null {
  if (stat.isFIFO()) return 'named pipe';
  if (stat.isSocket()) return 'socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'device';
  return null;
}

interface Folder {
  full: string;
  rel: string;
  entries: Dirent[];
  next: number;
}

/**
 * Every regular file under `dir`, depth first, names sorted; hidden entries skipped. Symbolic links
 * are followed, but a link to a folder already being read is skipped, so loops end; named pipes,
 * sockets, devices, links that cannot be followed, unreadable folders and a folder's own
 * README/LICENSE-style files are skipped with a warning. Iterative (a deep tree cannot overflow the
 * stack) and synchronous (counting files for a progress bar costs no awaits).
 */
export function* walkFolder(dir: string): Generator<WalkEntry> {
  const seen = new Set<string>([realpathSync(dir)]);
  const stack: Folder[] = [];
  const open = (full: string, rel: string): ReadWarning | null => {
    try {
      const entries = readdirSync(full, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      stack.push({ full, rel, entries, next: 0 });
      return null;
    } catch (error) {
      return warning('SKIPPED_SPECIAL', full, `unreadable folder: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  const failed = open(dir, '');
  if (failed) yield { warning: failed };
  while (stack.length) {
    const folder = stack[stack.length - 1]!;
    const entry = folder.entries[folder.next++];
    if (!entry) {
      stack.pop();
      continue;
    }
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder.full, entry.name);
    const name = folder.rel ? `${folder.rel}/${entry.name}` : entry.name;
    let stat: Stats | Dirent = entry;
    if (entry.isSymbolicLink()) {
      try {
        stat = statSync(full);
      } catch (error) {
        yield { warning: warning('SKIPPED_SPECIAL', full, `symbolic link that cannot be followed: ${(error as NodeJS.ErrnoException).code ?? 'error'}`) };
        continue;
      }
    }
    if (stat.isDirectory()) {
      const real = realpathSync(full);
      if (seen.has(real)) yield { warning: warning('SKIPPED_LOOP', full) };
      else {
        seen.add(real);
        const unreadable = open(full, name);
        if (unreadable) yield { warning: unreadable };
      }
      continue;
    }
    const kind = specialKind(stat);
    if (kind) yield { warning: warning('SKIPPED_SPECIAL', full, `a ${kind}, not a regular file`) };
    else if (CORPUS_FILES.test(entry.name)) yield { warning: warning('SKIPPED_CORPUS_FILE', full) };
    else if (stat.isFile()) yield { file: full, name, size: 'size' in stat ? stat.size : statSync(full).size };
  }
}
