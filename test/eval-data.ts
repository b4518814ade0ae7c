import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A path under ../shared/eval and the `skip` option for tests that need it: skipped when the data is
 * missing on a developer's machine, but never under CI (env `CI` set), where the test runs and fails.
 */
export function evalData(relative: string): { path: string; skip: string | false } {
  const path = fileURLToPath(new URL(`../../../shared/eval/${relative}`, import.meta.url));
  const skip = !existsSync(path) && !process.env.CI ? `${relative} not present in ../shared/eval` : false;
  return { path, skip };
}
