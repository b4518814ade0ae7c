/**
 * Imported first by the benches that measure what the `wiretrace` command does: run without the
 * flags that command gives node (NODE_FLAGS), the bench runs itself again with them, so that its
 * figures are the command's. Set WIRETRACE_BENCH_NODE_DEFAULTS=1 to measure node's defaults instead.
 */
import { spawnSync } from 'node:child_process';
import { NODE_FLAGS } from '../../src/cli/node-flags.js';

const missing = NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
if (missing.length > 0 && process.env.WIRETRACE_BENCH_NODE_DEFAULTS !== '1') {
  const child = spawnSync(process.execPath, [...missing, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
