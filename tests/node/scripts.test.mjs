// Every script under scripts/ parses: the benchmarks run only by hand (npm run bench, the
// bench-*.mjs scripts) are otherwise never loaded by a test, and a syntax error in one was found
// only when it was next run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts');

test('every JavaScript file under scripts/ parses (node --check)', () => {
  const files = fs.readdirSync(SCRIPTS).filter((f) => /\.(mjs|js|cjs)$/.test(f));
  assert.ok(files.includes('bench.mjs') && files.length > 5, `scripts found: ${files}`);
  const failed = [];
  for (const f of files) {
    try {
      execFileSync(process.execPath, ['--check', path.join(SCRIPTS, f)], { stdio: 'pipe' });
    } catch (err) {
      failed.push(`${f}: ${String(err.stderr).split('\n').find((l) => /Error/.test(l)) ?? err.message}`);
    }
  }
  assert.deepEqual(failed, [], 'scripts that do not parse');
});
