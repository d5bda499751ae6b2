// The demo's keys: Space plays or pauses (but on a button reached from the keyboard), → trains
// one step (told whether it is the key's repeat, held down), R resets (not while typing); a key
// whose action is not given (before the demo has started: only Space) is left to the page.
// Inside a step (the unrolled view's Step inside, `phases.active()`, from when it is pressed: on a
// large network its window is a moment away): → and ← go to the next and the previous phase,
// Shift+→ and Shift+← to the next stage and to the start of this one or the one before (the
// forward pass, the loss, the backward pass, …: a long window has hundreds of phases), Escape
// leaves. On a focused region that scrolls sideways (the
// unrolled view's columns on a phone), ← and → scroll it, as the browser does.

/** The button, summary or ARIA button around `node`, or null. */
const buttonOf = (node) => (node instanceof HTMLElement ? node.closest('button, summary, [role="button"]') : null);

/**
 * Binds the demo's keys on `target` (the element, or the page's document) until `signal`
 * aborts. `root`: the demo's view, whose buttons leave Space to play or pause after a click.
 */
export function bindKeyboard(target, { togglePlay, step, reset, phases, root }, signal) {
  // Whether the reader goes by the pointer (it pressed something, anywhere on the page, since
  // the last Tab, anywhere): a button of the demo focused then (the one clicked, or the one the
  // view moved focus to when the clicked one went: Step inside → Next) leaves Space to play or
  // pause. (Not :focus-visible: any key pressed on a focused button turns it on.)
  let byPointer = false;
  document.addEventListener('pointerdown', () => { byPointer = true; }, { capture: true, signal });
  document.addEventListener('keydown', (e) => { if (e.key === 'Tab') byPointer = false; }, { capture: true, signal });
  // Space's keyup after it played: not the focused button's click (see below).
  let swallowKeyUp = false;
  target.addEventListener('keyup', (e) => {
    if (swallowKeyUp && (e.key === ' ' || e.key === 'Spacebar')) e.preventDefault();
    swallowKeyUp = false;
  }, { capture: true, signal });
  target.addEventListener('keydown', (e) => {
    swallowKeyUp = false;
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.composedPath()[0];
    if (t instanceof HTMLElement && (t.isContentEditable || t.closest('input, select, textarea'))) return;
    const onButton = buttonOf(t);
    // (Its style read for an arrow key only.)
    const scrollsSideways = () => t instanceof HTMLElement && t !== document.body && t !== document.documentElement
      && /auto|scroll/.test(getComputedStyle(t).overflowX) && t.scrollWidth > t.clientWidth + 1;
    if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && scrollsSideways()) return;
    if (e.key === ' ' || e.key === 'Spacebar') {
      // A button reached from the keyboard takes Space (its own click); after a click, Space
      // plays or pauses, as before it (Step clicked, then Space, had stepped again).
      // The page's own buttons (keyboard="page") keep it.
      if (onButton && !(byPointer && root?.contains(onButton))) return;
      e.preventDefault();
      // (A button's click comes at the key's release: that is prevented too.)
      swallowKeyUp = onButton !== null;
      togglePlay();
    } else if (e.key === 'ArrowRight' && (step || phases?.active())) {
      e.preventDefault();
      if (phases?.active()) phases.forward({ stage: e.shiftKey });
      else step({ repeat: e.repeat });
    } else if (e.key === 'ArrowLeft' && phases?.active()) {
      e.preventDefault();
      phases.back({ stage: e.shiftKey });
    } else if (e.key === 'Escape' && phases?.active()) {
      e.preventDefault();
      phases.leave();
    } else if ((e.key === 'r' || e.key === 'R') && reset) {
      e.preventDefault();
      reset();
    }
  }, { signal });
}
