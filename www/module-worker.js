// Starting the package's module workers (train-worker.js, files-worker.js) on hosts that may
// refuse them: a Content-Security-Policy without worker-src for them (which says why only in a
// violation event: the worker's error event has no message), Trusted Types enforced (the
// script's URL then goes through the 'rnn-playground' policy), a browser without module workers.

/**
 * Served as the package's own files (not renamed into a bundler's chunk): the worker scripts
 * are next to this module, so their URLs can go through the policy from the start. Not where a
 * bundler wrote its own module's path in place of import.meta.url (webpack and Rspack write
 * file:///…/module-worker.js, Docusaurus's builds among them): the worker script's URL there is
 * a bare copy of it whose imports are missing; the bundler's worker (create()) holds them.
 */
const OWN_FILES = isOwnFile(import.meta.url);

/** Whether `url` (this module's import.meta.url) is this module served as a file of the package. */
function isOwnFile(url) {
  const here = new URL(url);
  return here.protocol !== 'file:' && here.pathname.endsWith('/module-worker.js');
}

/** The worker scripts' URLs the policy passes. */
const scripts = new Set();
/** The page's Trusted Types policy: undefined until asked for, null where there is none. */
let policy;

/**
 * The Trusted Types policy that makes a worker script's URL a TrustedScriptURL (it passes
 * those of `scripts` only), or null in a browser without Trusted Types or where the host
 * refuses the policy (asked for once a page). A host that enforces them and names its policies
 * must allow 'rnn-playground' (docs/element.md). Used from the start when served as the
 * package's own files (a host that enforces Trusted Types then reports nothing); in a bundle,
 * where the plain URL was refused.
 */
function workerPolicy() {
  if (policy !== undefined) return policy;
  policy = null;
  if (typeof trustedTypes === 'undefined' || !trustedTypes.createPolicy) return null;
  try {
    policy = trustedTypes.createPolicy('rnn-playground', {
      createScriptURL: (given) => {
        if (!scripts.has(given)) throw new TypeError(`rnn-playground: not its worker script: ${given}`);
        return given;
      },
    });
  } catch {
    // Refused by the host.
  }
  return policy;
}

/**
 * Starts the module worker at `script` (its URL, `new URL('./x.js', import.meta.url).href`),
 * made by `create()`: the literal `new Worker(new URL('./x.js', import.meta.url), { type:
 * 'module' })`, which bundlers look for to ship the worker with its imports. `onMessage(data)`
 * gets the worker's messages, `init` is its first; `onFail(reason)` is called (at once, or
 * later) where it cannot start or fails to load, saying why (a CSP refusing it, the file
 * missing, a browser without module workers, a message that cannot be read). Returns
 * { post(msg, transfer), started(), fail(reason) }: started() once the worker answered (it
 * stops listening for the page's CSP violations); fail(reason) for a failure the worker
 * reports itself (it ends the worker and calls `onFail`, once whatever the cause).
 */
export function startModuleWorker(script, create, { init, onMessage, onFail }) {
  let refusal = '';
  const violation = (e) => {
    if (e.disposition === 'enforce' && e.blockedURI && script.startsWith(e.blockedURI)
      && /^(worker|child|script|default)-src/.test(e.violatedDirective)) {
      refusal ||= `the page's Content-Security-Policy refuses it by its ${e.violatedDirective}: the worker needs worker-src 'self', or the package's origin`;
    }
  };
  const events = typeof document === 'undefined' ? null : document;
  events?.addEventListener('securitypolicyviolation', violation);
  const started = () => events?.removeEventListener('securitypolicyviolation', violation);
  let failed = false;
  const fail = (reason) => {
    if (failed) return;
    failed = true;
    started();
    worker?.terminate();
    onFail(reason);
  };
  let worker = null;
  try {
    if (typeof Worker !== 'function') throw new Error('this browser has no Web Workers');
    scripts.add(script);
    // (In a bundle too, once a worker needed the policy: the plain URL is refused once a page.)
    const trusted = OWN_FILES || policy ? workerPolicy() : null;
    try {
      worker = trusted ? new Worker(trusted.createScriptURL(script), { type: 'module' }) : create();
    } catch (err) {
      // In a bundle, on a host enforcing Trusted Types (the browser reports the refusal):
      // through the policy (as the package's own files it was tried above).
      const late = !OWN_FILES && err instanceof TypeError && workerPolicy();
      if (!late) throw err;
      worker = new Worker(late.createScriptURL(script), { type: 'module' });
    }
  } catch (err) {
    fail(err?.message ?? String(err));
    return { post: () => {}, started, fail };
  }
  const name = new URL(script).pathname.split('/').pop();
  worker.addEventListener('message', (e) => onMessage(e.data));
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    // A task later: a browser may report the CSP's violation after the error.
    setTimeout(() => fail(e.message || refusal ||
      `${name} could not be loaded as a module worker: a Content-Security-Policy refusing it, the file or a module it imports missing, or a browser without module workers`));
  });
  worker.addEventListener('messageerror', () => fail('a message from the worker could not be read'));
  worker.postMessage(init);
  return { post: (msg, transfer = []) => worker.postMessage(msg, transfer), started, fail };
}
