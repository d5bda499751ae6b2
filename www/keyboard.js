// The demo's keys: Space plays or pauses (but on a button reached from the keyboard), → trains one step (told whether it is the key's
// repeat, held down), R resets (not while typing); a key
// whose action is not given (before the demo has started: only Space) is left to the page.
// Inside a step (the unrolled view's Step inside, `phases.active()`, from when it is pressed: on a
// large network its window is a moment away): → and ← go to the next and the previous phase,
// Shift+→ and Shift+← to the next stage and to the start of this one or the one before (the
// forward pass, the loss, the backward pass, …: a long window has hundreds of phases), Escape
// leaves. On a focused region that scrolls sideways (the
// unrolled view's columns on a phone), ← and → scroll it, as the browser does.

/** The button, summary or ARIA button around `node`, or null. */
const buttonOf = (node) => (node instanceof HTMLElement ? node.closest('button, summary, [role="button"]') : null);

export function bindKeyboard(target, { togglePlay, step, reset, phases }, signal) {
  // The button that has focus because the pointer pressed it (not the keyboard: Tab, or keys
  // once on it, which also give it :focus-visible), while it keeps focus.
  let pressed = null;
  target.addEventListener('pointerdown', (e) => { pressed = buttonOf(e.composedPath()[0]); }, { capture: true, signal });
  target.addEventListener('focusin', (e) => { if (buttonOf(e.composedPath()[0]) !== pressed) pressed = null; }, { signal });
  target.addEventListener('keydown', (e) => {
    if (e.key === 'Tab') pressed = null;
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.composedPath()[0];
    if (t instanceof HTMLElement && (t.isContentEditable || t.closest('input, select, textarea'))) return;
    const onButton = buttonOf(t);
    // (Its style read for an arrow key only.)
    const scrollsSideways = () => t instanceof HTMLElement && t !== document.body && t !== document.documentElement
      && /auto|scroll/.test(getComputedStyle(t).overflowX) && t.scrollWidth > t.clientWidth + 1;
    if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && scrollsSideways()) return;
    if (e.key === ' ' || e.key === 'Spacebar') {
      // A button reached from the keyboard takes Space (its own click); one that has focus
      // because it was clicked leaves it to play or pause, as before the click (Step clicked,
      // then Space, had stepped again).
      if (onButton && onButton !== pressed) return;
      e.preventDefault();
      // (The button's click comes at the key's release: that is prevented too.)
      if (onButton) onButton.addEventListener('keyup', (up) => up.preventDefault(), { once: true, signal });
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
