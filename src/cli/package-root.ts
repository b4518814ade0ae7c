import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json (works from src/ under a loader and from dist/src/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('wiretrace: cannot find the package root');
    dir = up;
  }
  return dir;
}

export function bundledSampleDir(): string {
  return join(packageRoot(), 'sample');
}
