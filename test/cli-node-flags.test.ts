import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../src/cli/node-flags.js';

const BIN = fileURLToPath(new URL('../../bin/wiretrace.js', import.meta.url));

test('the wiretrace command runs node with the flags for long ingests, and runs as an executable', () => {
  const first = readFileSync(BIN, 'utf8').split('\n')[0];
  assert.equal(first, `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
  // Run through its first line, as npx and a shell run it.
  assert.equal(execFileSync(BIN, ['--version'], { encoding: 'utf8' }).trim(), '0.1.0');
});
