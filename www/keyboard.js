// The demo's keys: Space plays or pauses, → trains one step, R resets (not while typing).

export function bindKeyboard(target, { togglePlay, step, reset }, signal) {
  target.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.composedPath()[0];
    if (t instanceof HTMLElement && (t.isContentEditable || t.closest('input, select, textarea'))) return;
    const onButton = t instanceof HTMLElement && t.closest('button');
    if (e.key === ' ' || e.key === 'Spacebar') {
      if (onButton) return; // the focused button's own click
      e.preventDefault();
      togglePlay();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      step();
    } else if (e.key === 'r' || e.key === 'R') {
      e.preventDefault();
      reset();
    }
  }, { signal });
}
