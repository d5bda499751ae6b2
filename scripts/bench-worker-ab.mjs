// The training worker's throughput on two builds of the site, compared in one Chromium run
// (docs/performance.md): bench-frames.mjs's workerThroughput (one element in the worker, at
// speed 1000 or max, against Trainer.train(n) on the main thread) on each directory in turn, round after
// round (A B, then B A), as this machine's speed drifts over minutes.
//   node scripts/bench-worker-ab.mjs DIR_A DIR_B [--rounds N] [--size tutorial|max|largest]
// (DIR: a built site, such as dist/ or a copy of it from another commit; --rounds default 6;
// --size: the tutorial's network, the default; the same at speed max, its steps/s of wall
// time; or the largest network the page offers.) Prints each
// measurement (its share: the median over its own rounds, bench-frames.mjs), then per directory
// the median of those shares.
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';
import { startServer } from './serve.mjs';
import { median } from './bench-scale.mjs';
import { workerThroughput, throughputText, THROUGHPUT } from './bench-frames.mjs';
import { CHROMIUM, LAUNCH_ARGS } from '../tests/e2e/helpers.mjs';

const { values, positionals: dirs } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '6' }, size: { type: 'string', default: 'tutorial' } },
});
const sizes = { tutorial: THROUGHPUT[0], max: THROUGHPUT.find((t) => t.speed === 0), largest: THROUGHPUT.at(-1) };
const rounds = Number(values.rounds);
if (dirs.length !== 2 || !sizes[values.size] || !(Number.isInteger(rounds) && rounds > 0)) {
  console.error('usage: node scripts/bench-worker-ab.mjs DIR_A DIR_B [--rounds N] [--size tutorial|max|largest]');
  process.exit(2);
}
const servers = await Promise.all(dirs.map((root) => startServer({ root, port: 0 })));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const shares = dirs.map(() => []);
try {
  for (let round = 0; round < rounds; round++) {
    for (const i of round % 2 ? [1, 0] : [0, 1]) {
      const [t] = await workerThroughput(browser, servers[i].url, undefined, [sizes[values.size]]);
      if (!t.where.startsWith('in the worker')) throw new Error(`${dirs[i]}: the element trained ${t.where}`);
      const share = 100 * t.share;
      shares[i].push(share);
      console.log(`measurement ${round + 1} ${dirs[i]}: ${throughputText(t)}`);
    }
  }
  for (const [i, dir] of dirs.entries()) console.log(`${dir}: median ${median(shares[i]).toFixed(0)} % (${shares[i].map((s) => s.toFixed(0)).join(', ')})`);
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
