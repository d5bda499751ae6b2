// Status and error messages shown in the demo's live region. Messages have keys so that
// one kind (say, the divergence warning) can be replaced or cleared without the others.
// A message given as a function of the Translator is written again in a new language. A
// message about one field's value (refused, or taken: "… is now 0.05") is shown under that
// field instead (where the reader typed it: the live region may be far up a phone's screen),
// the field described by it meanwhile.

export class Messages {
  #texts = new Map();
  /** key → { field, before }: the control a field's message is about (show's `field`), and its ARIA attributes before it. */
  #fields = new Map();

  #focusAfter;
  #placeOf;

  /**
   * @param {HTMLElement} container @param {import('./i18n.js').Translator} tr
   * @param {{ focusAfter?: () => HTMLElement | null, placeOf?: (key: string) => HTMLElement }} [options]
   *   focusAfter: where focus goes when the last message is dismissed from the keyboard (else
   *   the next message's ×, or the one before); placeOf: the container a key's message goes in
   *   (by default `container`), asked again by place() and at each show()
   */
  constructor(container, tr, { focusAfter, placeOf = () => container } = {}) {
    this.container = container;
    this.tr = tr;
    this.byKey = new Map();
    this.#focusAfter = focusAfter;
    this.#placeOf = placeOf;
  }

  /**
   * The controls shown changed: each message (but a field's) goes to the container placeOf
   * gives it now (its × keeping the focus), and one given as a function is written again where
   * its text is another (the advice it gives: the others are not announced again).
   */
  place() {
    for (const [key, el] of this.byKey) {
      if (this.#fields.has(key)) continue;
      this.#put(key, el);
      this.#write(key);
    }
  }

  /** Puts the message `el` of `key` in the container placeOf gives it now, its × keeping the focus. */
  #put(key, el) {
    const container = this.#placeOf(key);
    if (el.parentElement === container) return;
    // Moved, its × would lose the focus it has (to the page's body).
    const focused = el.lastChild === el.getRootNode().activeElement;
    container.append(el);
    if (focused) el.lastChild.focus();
  }

  /**
   * Writes the text of the message under `key` (a function's, in this.tr's language) where it is
   * another, or `again` (show: said again, the live region announces it); returns it.
   */
  #write(key, again = false) {
    const text = this.#texts.get(key);
    const now = typeof text === 'function' ? text(this.tr) : text;
    const body = this.byKey.get(key).firstChild;
    if (again || body.textContent !== now) body.textContent = now;
    return now;
  }

  /**
   * Shows `text` (a string, or `(tr) => string`) under `key`, replacing an earlier message with
   * that key; returns the text shown. kind: info | error | warning. `field`: the control (an
   * <input> or <select> in its <label>) the message is about: shown in its label, under it, with
   * no ×, an error as an alert, else as a status; the control described by it (its name its
   * label's text alone) until the message is cleared. (Not aria-invalid: the control is back at
   * the value in use.) A key's message about another field, or about none, moves there.
   */
  show(key, text, kind = 'info', { field } = {}) {
    if (this.byKey.has(key) && this.#fields.get(key)?.field !== field) this.clear(key);
    this.#texts.set(key, text);
    let el = this.byKey.get(key);
    if (!el && field) {
      el = document.createElement('span');
      el.className = 'rd-field__msg';
      el.dataset.msgKey = key;
      el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
      el.append(document.createElement('span'));
      const label = field.closest('label');
      const name = label.querySelector('.rd-field__label');
      const id = key.replace(/\W/g, '-');
      el.id = `rd-error-${id}`;
      name.id ||= `rd-label-${id}`;
      const marks = { 'aria-describedby': el.id, 'aria-labelledby': name.id };
      const before = Object.fromEntries(Object.keys(marks).map((a) => [a, field.getAttribute(a)]));
      for (const [a, v] of Object.entries(marks)) field.setAttribute(a, v);
      label.append(el);
      this.byKey.set(key, el);
      this.#fields.set(key, { field, before });
    } else if (!el) {
      el = document.createElement('p');
      el.className = 'rd-msg';
      el.dataset.msgKey = key;
      const body = document.createElement('span');
      body.className = 'rd-msg__text';
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'rd-msg__close';
      close.setAttribute('aria-label', this.tr.t('message.dismiss'));
      close.textContent = '×';
      close.addEventListener('click', () => this.clear(key));
      el.append(body, close);
      this.byKey.set(key, el);
    }
    // (Shown again, it goes where placeOf says now.)
    if (!this.#fields.has(key)) this.#put(key, el);
    el.dataset.kind = kind;
    return this.#write(key, true);
  }

  /** The text shown under `key`, or undefined. */
  textOf(key) {
    return this.byKey.get(key)?.firstChild.textContent;
  }

  /** Clears the message under `key`; with `only` (a text given to show), only while it shows that one. */
  clear(key, only) {
    const el = this.byKey.get(key);
    if (el && (only === undefined || this.#texts.get(key) === only)) {
      // Its × had focus (dismissed from the keyboard, or cleared meanwhile): focus goes on within
      // the demo, not to the page, so that its keys and Tab go on from there.
      const focused = el.contains(el.getRootNode().activeElement);
      const next = el.nextElementSibling ?? el.previousElementSibling;
      el.remove();
      if (focused) (next?.lastChild ?? this.#focusAfter?.())?.focus();
      this.byKey.delete(key);
      this.#texts.delete(key);
      // The field's own ARIA attributes back as they were.
      const { field, before = {} } = this.#fields.get(key) ?? {};
      for (const [a, v] of Object.entries(before)) {
        if (v === null) field.removeAttribute(a);
        else field.setAttribute(a, v);
      }
      this.#fields.delete(key);
    }
  }

  /** Writes the messages again in `tr`'s language. */
  localize(tr) {
    this.tr = tr;
    for (const [key, el] of this.byKey) {
      if (!this.#fields.has(key)) el.lastChild.setAttribute('aria-label', tr.t('message.dismiss'));
      this.#write(key);
    }
  }
}

/** Text of an exception thrown by wasm or JS, or of an engine report ({message, code, params}). */
export function errorText(err) {
  if (err instanceof Error || typeof err?.message === 'string') return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
