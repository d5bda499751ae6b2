// The engine's JavaScript API: the wasm module's exports, and ready(), which loads the wasm
// once per page (the relaxed-SIMD build where the browser has relaxed SIMD, else the SIMD
// build where it has wasm SIMD, else the scalar build).
// Those three builds are the engine without its file methods (Trainer's exportWeights,
// importWeights, exportCheckpoint, importCheckpoint, pytorchScript), half the size; the files
// build (pkg/files/, optimised for size) has them, and readyFiles() loads it. The methods are on
// the Trainer's prototype here all the same: each runs on a copy of the trainer in the files
// build (its exactState()), and an import comes back with restoreExactState().
// The .wasm files are found relative to this module's own URL, so the package works from
// any folder or CDN, and bundlers (Vite, Rollup, webpack) see the `new URL(…, import.meta.url)`
// literals and ship the files.
import init, {
  Trainer,
  tasks,
  defaultConfig,
  validateConfig,
  validateSetting,
  configError,
  settingError,
  drawStrip as pkgDrawStrip,
  drawLoss as pkgDrawLoss,
  drawHidden as pkgDrawHidden,
  drawGradients as pkgDrawGradients,
  drawPreview,
  stripSeries as pkgStripSeries,
  previewSeries,
} from './pkg/rnn_playground.js';
import { SETTINGS } from './settings-schema.js';
import { FILE_METHODS, callFileMethod, loadFilesBuild } from './files-build.js';

export {
  Trainer, tasks, defaultConfig, validateConfig, validateSetting, configError, settingError,
  drawPreview, previewSeries,
};

/**
 * Every setting, in the order a form shows them: the engine's settings table
 * (src/training/settings.rs), as settings-schema.js holds it (written from the table, and checked
 * against it by tests/settings_types.rs). A fresh copy at each call; it needs no ready().
 */
export function settingsSchema() {
  return structuredClone(SETTINGS);
}

// Freed trainers. The generated glue marks a freed object by setting its pointer to 0 and
// then passes that 0 to wasm, which throws "null pointer passed to rust" for every later
// call, a second free() included; that check is in generated code, out of Rust's reach.
// So the Trainer class's own methods and getters are wrapped here (the class stays the
// pkg's: instanceof and the chart functions keep working): free() of a freed Trainer does
// nothing, and any other use throws an Error that says the Trainer was freed.

/** The files build's module (pkg/files/rnn_playground.js) once readyFiles() loaded it, else null. */
let files = null;

/** The files build's module; `use` names the call for the Error thrown when it is not loaded. */
function filesBuild(use) {
  if (!files) {
    throw new Error(`${use}: the file methods are not loaded yet: await readyFiles() (ready() loads them unless called with { files: false }; an element's trainer: await el.pause(), which loads them)`);
  }
  return files;
}

/**
 * Every message of the engine's errors, {code: englishTemplate}: what a page's message catalog
 * gives in its language. From the files build (the page's builds leave the table out).
 */
export function errorMessages() {
  return filesBuild('errorMessages()').errorMessages();
}

// The file methods on the Trainer's prototype (wrapped by guardFreedTrainers() below as the
// others are), each on a copy of this trainer in the files build (files-build.js): exports read
// it; an import loads into it and this trainer becomes it, its settings too (a checkpoint of
// another network); on an error nothing changes.
for (const name of FILE_METHODS) {
  Trainer.prototype[name] = {
    [name](...args) {
      const { result, exact } = callFileMethod(filesBuild(`Trainer.${name}()`), { exact: this.exactState() }, name, args);
      if (exact) this.restoreExactState(exact);
      return result;
    },
  }[name];
}

/** Throws the "was freed" Error when `trainer` is a freed Trainer; `use` names the call. */
function assertLive(trainer, use) {
  if (trainer instanceof Trainer && trainer.__wbg_ptr === 0) {
    throw new Error(`${use}: this Trainer was freed (free() was called); create a new Trainer`);
  }
}

function guardFreedTrainers() {
  const proto = Trainer.prototype;
  const keys = [...Object.getOwnPropertyNames(proto), ...Object.getOwnPropertySymbols(proto)];
  const pkgFree = proto.free;
  for (const key of keys) {
    if (key === 'constructor' || key === '__destroy_into_raw') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (d.value === pkgFree) {
      // free() and [Symbol.dispose]: only the first call frees.
      d.value = function free() {
        if (this.__wbg_ptr !== 0) pkgFree.call(this);
      };
    } else if (typeof d.value === 'function') {
      const method = d.value;
      const name = `Trainer.${String(key)}()`;
      d.value = { [key](...args) { assertLive(this, name); return method.apply(this, args); } }[key];
    } else if (d.get) {
      const get = d.get;
      const name = `Trainer.${String(key)}`;
      d.get = function () { assertLive(this, name); return get.call(this); };
    }
    Object.defineProperty(proto, key, d);
  }
}
guardFreedTrainers();

/** `fn`, whose argument `at` is a Trainer, checking first that the Trainer was not freed. */
function checkingTrainer(name, fn, at) {
  return { [name](...args) { assertLive(args[at], `${name}()`); return fn(...args); } }[name];
}

// The pkg's functions that take a Trainer (see their declarations); a freed trainer throws.
export const drawStrip = checkingTrainer('drawStrip', pkgDrawStrip, 1);
export const drawLoss = checkingTrainer('drawLoss', pkgDrawLoss, 1);
export const drawHidden = checkingTrainer('drawHidden', pkgDrawHidden, 1);
export const drawGradients = checkingTrainer('drawGradients', pkgDrawGradients, 1);
export const stripSeries = checkingTrainer('stripSeries', pkgStripSeries, 0);

// The smallest module that uses a v128 instruction (as in wasm-feature-detect).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

// The smallest module that uses a relaxed SIMD instruction: f32x4.relaxed_madd of three splats.
const RELAXED_SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 19, 1, 17, 0, 65, 0, 253, 15, 65, 0, 253, 15,
  65, 0, 253, 15, 253, 133, 2, 11,
]);

/** True when this browser runs wasm SIMD (simd128). */
export function hasSimd() {
  return WebAssembly.validate(SIMD_PROBE);
}

/** True when this browser runs wasm relaxed SIMD (f32x4.relaxed_madd and the rest). */
export function hasRelaxedSimd() {
  return hasSimd() && WebAssembly.validate(RELAXED_SIMD_PROBE);
}

/** The .wasm file of each build (literal `new URL(…, import.meta.url)`s, which bundlers ship). */
const WASM_URLS = {
  'relaxed-simd': () => new URL('./pkg/rnn_playground_relaxed_bg.wasm', import.meta.url),
  simd: () => new URL('./pkg/rnn_playground_bg.wasm', import.meta.url),
  scalar: () => new URL('./pkg/rnn_playground_scalar_bg.wasm', import.meta.url),
};

/** Which wasm build ready() loads in this browser: 'relaxed-simd', 'simd' or 'scalar'. */
export function wasmBuild() {
  if (hasRelaxedSimd()) return 'relaxed-simd';
  return hasSimd() ? 'simd' : 'scalar';
}

let loading = null;

/** The URL of the .wasm file ready() loads in this browser (the training worker loads the same build). */
export function wasmUrl() {
  return WASM_URLS[wasmBuild()]().href;
}

/**
 * Loads and instantiates the wasm (fetched and compiled once per page, however often it is
 * called), and the files build too (readyFiles()) unless `files` is false. Resolves to the
 * wasm instance's exports (its `memory` among them) once every function of this module can be
 * called (with `files: false`, all but the Trainer's file methods); rejects with the fetch or
 * compile error, and a later call tries again.
 */
export async function ready({ files = true } = {}) {
  if (!loading) {
    loading = init({ module_or_path: wasmUrl() });
    loading.catch(() => { loading = null; });
  }
  const [exports] = await Promise.all([loading, files ? readyFiles() : null]);
  return exports;
}

/**
 * Loads the files build (its module and wasm, once per page): the Trainer's exportWeights,
 * importWeights, exportCheckpoint, importCheckpoint and pytorchScript run there, and
 * errorMessages() reads its table. ready() calls
 * it; the element's pause() too (its file actions run in the files worker, file-methods.js, or
 * where none starts, on the build this loads: files-build.js loadFilesBuild()). Rejects with the fetch or compile error, and a later call tries again.
 */
export async function readyFiles() {
  files = await loadFilesBuild();
}
