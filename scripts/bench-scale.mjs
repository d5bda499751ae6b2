// The engine at every size: steps/s on four configurations, from the tutorial's to the largest
// the page offers, natively (cargo bench --bench steps -- --scale), in headless Chromium on each
// wasm build (relaxed SIMD, SIMD, scalar), and in PyTorch when it is installed
// (scripts/bench_torch.py, one thread and PyTorch's default threads), with issue 10's targets.
//   node scripts/bench-scale.mjs        (npm run bench:scale; npm run bench prints it too)
// Expects www/pkg built (scripts/build-wasm.sh; npm run bench builds it first). Medians.
// The Python for PyTorch is $PYTORCH_PYTHON, else .venv/bin/python, else python3; without
// torch the column is skipped ("PyTorch not found, column skipped"). Nothing else needs torch.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM, LAUNCH_ARGS, REPO, WWW } from '../tests/e2e/helpers.mjs';

/** The four rows: the names benches/steps.rs and bench_torch.py print, the page's config, steps
 *  per timed call in the browser, and issue 10's figures for the Chromium build it started from. */
export const ROWS = [
  { name: 'RNN h32, 1 layer, T 10', config: { cell: 'rnn', hidden: 32, layers: 1, timeStep: 10 }, n: 20_000, before: 181_000 },
  { name: 'LSTM h128, 2 layers, T 50', config: { cell: 'lstm', hidden: 128, layers: 2, timeStep: 50 }, n: 100, before: 327 },
  { name: 'GRU h256, 1 layer, T 100', config: { cell: 'gru', hidden: 256, layers: 1, timeStep: 100 }, n: 40, before: 170 },
  { name: 'LSTM h256, 4 layers, T 200', config: { cell: 'lstm', hidden: 256, layers: 4, timeStep: 200 }, n: 6, before: 7.5 },
];

/** The wasm builds, as engine.js names them, and their files in www/pkg. */
export const BUILDS = [
  ['relaxed-simd', 'rnn_playground_relaxed_bg.wasm'],
  ['simd', 'rnn_playground_bg.wasm'],
  ['scalar', 'rnn_playground_scalar_bg.wasm'],
];

/** The environment for cargo (with ~/.cargo/bin on PATH). */
export const env = { ...process.env, PATH: `${path.join(os.homedir(), '.cargo', 'bin')}:${process.env.PATH}` };
/** The median of the numbers `xs`. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The `p`-th percentile (0 < p ≤ 100) of the numbers `xs`, nearest rank. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Native steps/s per row name: the median of `runs` runs of cargo bench -- --scale (each the
 *  median of 3 timings), and the code path it ran; or { error }. */
export function nativeScale(log, runs = 3) {
  const byRow = {};
  let isa = '';
  for (let i = 0; i < runs; i++) {
    log(`native scale: cargo bench --bench steps -- --scale (${i + 1}/${runs})`);
    const r = spawnSync('cargo', ['bench', '--bench', 'steps', '--', '--scale'], { cwd: REPO, env, encoding: 'utf8' });
    if (r.status !== 0) return { error: `cargo bench failed (exit ${r.status}): ${r.stderr.split('\n').slice(-5).join(' ')}` };
    for (const line of r.stdout.split('\n')) {
      const m = line.match(/^scale (.+?)\s+([\d.]+)\s*$/);
      if (m) (byRow[m[1]] ??= []).push(Number(m[2]));
      const p = line.match(/^scale \(native, (.+)\)/);
      if (p) isa = p[1];
    }
  }
  if (!Object.keys(byRow).length) return { error: 'cargo bench -- --scale printed no rows' };
  return { rates: Object.fromEntries(Object.entries(byRow).map(([k, v]) => [k, { median: median(v), all: v }])), isa };
}

/** The Python that has torch and numpy, or null. */
function torchPython() {
  const candidates = [process.env.PYTORCH_PYTHON, path.join(REPO, '.venv', 'bin', 'python'), 'python3'].filter(Boolean);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import torch, numpy'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

/** PyTorch's steps/s per row ({ one_thread, default_threads }), or { skipped } / { error }. */
export function torchScale(log) {
  const py = torchPython();
  if (!py) return { skipped: 'PyTorch not found, column skipped' };
  log(`PyTorch: ${py} scripts/bench_torch.py`);
  const r = spawnSync(py, [path.join(REPO, 'scripts', 'bench_torch.py')], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) return { error: `bench_torch.py failed (exit ${r.status}): ${r.stderr.split('\n').slice(-3).join(' ')}` };
  return JSON.parse(r.stdout);
}

/** Chromium steps/s per build and row: two rounds over the builds (relaxed, SIMD, scalar, then
 *  again, so that no build has only the browser's first minutes), each build in a fresh page
 *  (at `pageUrl`, a blank page on the origin that serves www/) loading that .wasm with the
 *  page's own glue; per row a fresh Trainer warmed up for 1.5 s, then 5 timed train(n) calls.
 *  Each figure is the median of its 10 timings. */
export async function browserScale(browser, pageUrl, log) {
  const timings = {};
  for (let round = 1; round <= 2; round++) {
    for (const [build, file] of BUILDS) {
      log(`Chromium scale: the ${build} build (round ${round} of 2)`);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(pageUrl);
      const res = await page.evaluate(async ({ file, rows }) => {
        try {
          const glue = await import('/pkg/rnn_playground.js');
          await glue.default({ module_or_path: `/pkg/${file}` });
          const out = {};
          for (const row of rows) {
            const t = new glue.Trainer(row.config);
            // Warm up for a second and a half: V8 first runs wasm on its baseline compiler and
            // optimises the hot functions in the background.
            for (const start = performance.now(); performance.now() - start < 1500;) t.train(Math.ceil(row.n / 5));
            out[row.name] = [];
            for (let i = 0; i < 5; i++) {
              const t0 = performance.now();
              t.train(row.n);
              out[row.name].push((row.n * 1000) / (performance.now() - t0));
            }
            t.free();
          }
          return out;
        } catch (e) {
          return { error: String(e) };
        }
      }, { file, rows: ROWS.map(({ name, config, n }) => ({ name, config, n })) });
      await context.close();
      if (res.error) {
        log(`the ${build} build did not run here: ${res.error}`);
        continue;
      }
      for (const [name, rates] of Object.entries(res)) ((timings[build] ??= {})[name] ??= []).push(...rates);
    }
  }
  const out = {};
  for (const [build] of BUILDS) {
    out[build] = Object.fromEntries(Object.entries(timings[build] ?? {}).map(([name, all]) => [name, { median: median(all), all }]));
  }
  return out;
}

/** A blank page on the server's origin: the demo's own page would train beside the timings. */
const BLANK = '/__scale__';

async function blankServer() {
  const server = await startServer({ root: WWW, port: 0 });
  const [files] = server.server.listeners('request');
  server.server.removeAllListeners('request');
  server.server.on('request', (req, res) => {
    if (new URL(req.url, 'http://localhost').pathname !== BLANK) return files(req, res);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><meta charset="utf-8"><title>scale</title><link rel="icon" href="data:,"><p>scale</p></html>');
  });
  return server;
}

const fmt = (x) => (x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));

/** The table and the targets, as lines of text; `failed` counts the targets missed. */
export function scaleReport({ native, torch, chromium }) {
  const lines = [];
  const torchRows = torch?.rows;
  const head = ['configuration', 'native', ...BUILDS.map(([b]) => `Chromium ${b}`), 'Chromium, issue 10', 'PyTorch 1 thread', 'PyTorch default threads'];
  const table = [head];
  for (const row of ROWS) {
    table.push([
      row.name,
      fmt(native.rates?.[row.name]?.median),
      ...BUILDS.map(([b]) => fmt(chromium[b][row.name]?.median)),
      fmt(row.before),
      fmt(torchRows?.[row.name]?.one_thread),
      fmt(torchRows?.[row.name]?.default_threads),
    ]);
  }
  const width = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
  lines.push(line(table[0]), `| ${width.map((w) => '-'.repeat(w)).join(' | ')} |`, ...table.slice(1).map(line));
  lines.push(`steps/s, medians. native: ${native.error ?? `cargo bench -- --scale, one thread, code path ${native.isa || '?'}`}; ` +
    `PyTorch: ${torch.skipped ?? torch.error ?? `${torch.torch}, eager, batch 1, default threads = ${torch.default_threads}`}.`);

  // Each target, PASS or FAIL, or "not checked" when a figure it needs is missing.
  const checks = [];
  const check = (what, a, b, ok) => {
    const known = Number.isFinite(a) && (b === undefined || Number.isFinite(b));
    checks.push({ what, ok: known ? ok(a, b) : undefined, detail: b === undefined ? fmt(a) : `${fmt(a)} vs ${fmt(b)}` });
  };
  const best = (name) => Math.max(...BUILDS.map(([b]) => chromium[b][name]?.median).filter(Number.isFinite));
  const nat = (name) => native.rates?.[name]?.median;
  const ge = (a, b) => a >= b;
  check('native RNN h32 ≥ 300,000 steps/s', nat(ROWS[0].name), undefined, (a) => a >= 300_000);
  ROWS.forEach((row, i) => {
    const t = torchRows?.[row.name];
    check(`native ≥ PyTorch 1 thread: ${row.name}`, nat(row.name), t?.one_thread ?? NaN, ge);
    check(`${i < ROWS.length - 1 ? '' : '(figure only) '}native ≥ PyTorch default threads: ${row.name}`,
      nat(row.name), t?.default_threads ?? NaN, i < ROWS.length - 1 ? ge : () => null);
  });
  check('Chromium, best build, RNN h32 ≥ 220,000 steps/s', best(ROWS[0].name), undefined, (a) => a >= 220_000);
  check('Chromium, best build, LSTM h256 4 layers T 200 ≥ 12 steps/s', best(ROWS[3].name), undefined, (a) => a >= 12);
  for (const row of ROWS) {
    check(`Chromium, best build, not slower than issue 10's table: ${row.name}`, best(row.name), row.before, ge);
  }
  const verdict = (ok) => (ok === undefined ? 'not checked' : ok === null ? 'info' : ok ? 'PASS' : 'FAIL');
  for (const c of checks) lines.push(`${verdict(c.ok)}  ${c.what}: ${c.detail}`);
  return { lines, failed: checks.filter((c) => c.ok === false).length };
}

/** Runs everything and prints the report; `browser` and `log` are the caller's, or made here. */
export async function runScale({ browser, log = (m) => console.error(`bench: ${m}`) } = {}) {
  const native = nativeScale(log);
  const torch = torchScale(log);
  const server = await blankServer();
  const own = !browser;
  const b = browser ?? await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  let chromiumRates;
  try {
    chromiumRates = await browserScale(b, server.url + BLANK.slice(1), log);
  } finally {
    if (own) await b.close().catch(() => {});
    await server.close();
  }
  return scaleReport({ native, torch, chromium: chromiumRates });
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(path.join(WWW, 'pkg', BUILDS[0][1]))) {
    console.error('bench-scale: www/pkg has no wasm builds; run: npm run build:wasm');
    process.exit(1);
  }
  const { lines, failed } = await runScale();
  console.log(lines.join('\n'));
  if (process.argv.includes('--strict') && failed) process.exit(1);
}
