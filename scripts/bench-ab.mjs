// A/B training speed of two builds of the page in one Chromium run: a change's speed cost,
// as ratios measured under the same machine conditions (this 2-core machine's speed drifts by
// tens of percent over seconds, so figures from two separate runs do not compare).
//   node scripts/bench-ab.mjs DIR_A DIR_B [relaxed-simd|simd|scalar] [rounds=9]
// DIR_A, DIR_B: folders served as www/ is (e.g. a copy of www/ with pkg/ from before a change,
// and www/ itself). Each figure: train(n) on a warmed-up trainer of each, A and B in turn
// (the order alternating by round); printed as the B/A ratio of the medians and the median of
// the rounds' B/A ratios. The build is forced as tests/e2e/builds.test.mjs forces it.
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { median } from './bench-scale.mjs';
import { CHROMIUM, LAUNCH_ARGS } from '../tests/e2e/helpers.mjs';

const [A, B, build = 'relaxed-simd', roundsArg = '9'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const LACKS = {
  'relaxed-simd': undefined,
  // Rejects modules with a relaxed SIMD opcode (0xfd then an LEB128 opcode from 0x100 up).
  simd: () => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => {
      const b = new Uint8Array(bytes);
      for (let i = 0; i + 2 < b.length; i++) if (b[i] === 253 && b[i + 1] >= 128 && b[i + 2] === 2) return false;
      return validate(bytes);
    };
  },
  // Rejects every SIMD module.
  scalar: () => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(253) ? false : validate(bytes));
  },
};
if (!A || !B || !(build in LACKS) || !(rounds > 0)) {
  console.error('usage: node scripts/bench-ab.mjs DIR_A DIR_B [relaxed-simd|simd|scalar] [rounds=9]');
  process.exit(2);
}
const FIGURES = [
  { name: 'RNN h32 train(n)', cell: 'rnn', hidden: 32, n: 20_000 },
  { name: 'LSTM h32 train(n)', cell: 'lstm', hidden: 32, n: 8_000 },
  { name: 'GRU h32 train(n)', cell: 'gru', hidden: 32, n: 8_000 },
  { name: 'LSTM h256 train(n)', cell: 'lstm', hidden: 256, n: 60 },
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const servers = [];
try {
  const pages = [];
  for (const dir of [A, B]) {
    const server = await startServer({ root: dir, port: 0 });
    servers.push(server);
    const page = await (await browser.newContext()).newPage();
    if (LACKS[build]) await page.addInitScript(LACKS[build]);
    await page.goto(`${server.url}favicon.svg`);
    const loaded = await page.evaluate(async (figures) => {
      const engine = await import('/engine.js');
      await engine.ready();
      window.trainers = figures.map((f) => {
        const t = new engine.Trainer({ cell: f.cell, hidden: f.hidden });
        t.train(Math.max(50, f.n / 4));
        return t;
      });
      return engine.wasmBuild();
    }, FIGURES);
    if (loaded !== build) throw new Error(`${dir}: loaded the ${loaded} build, not ${build}`);
    pages.push(page);
  }
  const rates = [FIGURES.map(() => []), FIGURES.map(() => [])];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < FIGURES.length; i++) {
      for (const v of r % 2 ? [1, 0] : [0, 1]) {
        rates[v][i].push(await pages[v].evaluate(([k, n]) => {
          const t0 = performance.now();
          window.trainers[k].train(n);
          return (n * 1000) / (performance.now() - t0);
        }, [i, FIGURES[i].n]));
      }
    }
  }
  console.log(`${browser.version()} headless, the ${build} build, ${rounds} rounds; A = ${A}, B = ${B}`);
  FIGURES.forEach((f, i) => {
    const [a, b] = [median(rates[0][i]), median(rates[1][i])];
    const paired = median(rates[1][i].map((x, k) => x / rates[0][i][k]));
    console.log(`${f.name.padEnd(19)} A ${Math.round(a).toLocaleString('en-US').padStart(9)} steps/s   B ${Math.round(b).toLocaleString('en-US').padStart(9)} steps/s   ` +
      `B/A ${(b / a).toFixed(3)} (median of the rounds' ratios ${paired.toFixed(3)})`);
  });
} finally {
  await browser.close().catch(() => {});
  for (const s of servers) await s.close();
}
