// Writes the deployable static site to dist/: www/ with the built wasm in dist/pkg, the
// JavaScript minified by terser, without wasm-pack's package.json, README, .gitignore and
// TypeScript declarations. Run after scripts/build-wasm.sh (npm run build does both).
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const src = 'www';
const out = 'dist';
const skip = (rel) => {
  const base = path.basename(rel);
  if (rel.startsWith(`pkg${path.sep}`)) {
    return base === 'package.json' || base === '.gitignore' || base.endsWith('.d.ts') || /^(README|LICENSE)/i.test(base);
  }
  return base.startsWith('.') || base.endsWith('.d.ts');
};

if (!fs.existsSync(path.join(src, 'pkg', 'rnn_playground_bg.wasm'))) {
  console.error('build: www/pkg has no wasm; run: npm run build:wasm');
  process.exit(1);
}
fs.rmSync(out, { recursive: true, force: true });
let files = 0;
let bytes = 0;
async function copy(rel) {
  const from = path.join(src, rel);
  const to = path.join(out, rel);
  if (fs.statSync(from).isDirectory()) {
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from).sort()) await copy(path.join(rel, name));
    return;
  }
  if (skip(rel)) return;
  if (rel.endsWith('.js')) {
    const { code } = await minify(fs.readFileSync(from, 'utf8'), { module: true, ecma: 2020 });
    fs.writeFileSync(to, code);
  } else {
    fs.copyFileSync(from, to);
  }
  files += 1;
  bytes += fs.statSync(to).size;
}
await copy('');
console.log(`build: wrote ${files} files (${(bytes / 1024).toFixed(0)} KiB) to ${out}/`);
console.log('build: serve it with any static file server, e.g. npm run serve:dist');
