// Every script under scripts/ parses: the benchmarks run only by hand (npm run bench, the
// bench-*.mjs scripts) are otherwise never loaded by a test, and a syntax error in one was found
// only when it was next run. JavaScript with node --check, shell with bash -n.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts');

test('every script under scripts/ parses (node --check, bash -n)', () => {
  const files = fs.readdirSync(SCRIPTS).filter((f) => /\.(mjs|js|cjs|sh)$/.test(f));
  assert.ok(files.includes('bench.mjs') && files.includes('setup.sh'), `scripts found: ${files}`);
  const failed = [];
  for (const f of files) {
    const [command, ...args] = f.endsWith('.sh') ? ['bash', '-n'] : [process.execPath, '--check'];
    try {
      execFileSync(command, [...args, path.join(SCRIPTS, f)], { stdio: 'pipe' });
    } catch (err) {
      // Where (file:line) and what: the first line of the report and its error line.
      const lines = String(err.stderr).split('\n').filter(Boolean);
      failed.push(`${f}: ${[...new Set([lines[0], lines.find((l) => /Error|syntax error/.test(l))])].filter(Boolean).join(' ')}`);
    }
  }
  assert.deepEqual(failed, [], 'scripts that do not parse');
});
