// The demo's keys: Space plays or pauses, → trains one step (told whether it is the key's
// repeat, held down), R resets (not while typing); a key
// whose action is not given (before the demo has started: only Space) is left to the page.
// Inside a step (the unrolled view's Step inside, `phases.active()`, from when it is pressed: on a
// large network its window is a moment away): → and ← go to the next and the previous phase,
// Shift+→ and Shift+← to the next stage and to the start of this one or the one before (the
// forward pass, the loss, the backward pass, …: a long window has hundreds of phases), Escape
// leaves. On a focused region that scrolls sideways (the
// unrolled view's columns on a phone), ← and → scroll it, as the browser does.

export function bindKeyboard(target, { togglePlay, step, reset, phases }, signal) {
  target.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.composedPath()[0];
    if (t instanceof HTMLElement && (t.isContentEditable || t.closest('input, select, textarea'))) return;
    const onButton = t instanceof HTMLElement && t.closest('button, summary, [role="button"]');
    // (Its style read for an arrow key only.)
    const scrollsSideways = () => t instanceof HTMLElement && t !== document.body && t !== document.documentElement
      && /auto|scroll/.test(getComputedStyle(t).overflowX) && t.scrollWidth > t.clientWidth + 1;
    if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && scrollsSideways()) return;
    if (e.key === ' ' || e.key === 'Spacebar') {
      if (onButton) return; // the focused button's own click
      e.preventDefault();
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
