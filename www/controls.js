// Binds the form controls to the settings: shows the current values, validates edits with
// the same per-field rules as the URL, and reports accepted changes.
import { FIELDS, SPEEDS, applies, parseField, speedIndex } from './settings.js';
import { showSpeed } from './view.js';

/** Puts `settings` into the controls (texts in the language of the Translator `tr`) and enables only the meaningful ones. */
export function showSettings(view, settings, tr) {
  for (const [name, el] of Object.entries(view.fields)) {
    if (name === 'speed') {
      el.value = String(speedIndex(settings.speed));
      showSpeed(view, settings.speed, tr);
      continue;
    }
    el.value = String(settings[name]);
    el.disabled = !applies(name, settings);
  }
}

/**
 * Listens to the controls. `onChange(field, value)` gets validated values; an invalid entry
 * calls `onInvalid(field, message)` (`message(tr)`: the reason in the language of a Translator)
 * and the control goes back to `getSettings()[field]`.
 */
export function bindControls(view, { getSettings, onChange, onInvalid, tr, signal }) {
  for (const [name, el] of Object.entries(view.fields)) {
    if (name === 'speed') {
      el.addEventListener('input', () => {
        const speed = SPEEDS[Number(el.value)] ?? FIELDS.speed.default;
        showSpeed(view, speed, tr());
        onChange('speed', speed);
      }, { signal });
      continue;
    }
    el.addEventListener('change', () => {
      const text = el.value;
      const r = parseField(name, text, tr());
      if (!r.ok) {
        onInvalid(name, (t) => parseField(name, text, t).message);
        el.value = String(getSettings()[name]);
        return;
      }
      if (r.value === getSettings()[name]) return;
      onChange(name, r.value);
    }, { signal });
  }
}
