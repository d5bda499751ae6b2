// Status and error messages shown in the demo's live region. Messages have keys so that
// one kind (say, the divergence warning) can be replaced or cleared without the others.
// A message given as a function of the Translator is written again in a new language. A
// message about one field's value (refused, or taken: "… is now 0.05") is shown under that
// field instead (where the reader typed it: the live region may be far up a phone's screen),
// the field described by it meanwhile.

export class Messages {
  #texts = new Map();
  /** key → the control a field's message is about (show's `field`). */
  #fields = new Map();

  #focusAfter;
  #placeOf;
  #announcer;
  /** The key of the field's message the announcer said last (null: none, or it went). */
  #announced = null;

  /**
   * @param {HTMLElement} container @param {import('./i18n.js').Translator} tr
   * @param {{ focusAfter?: (area: HTMLElement) => HTMLElement | null, placeOf?: (key: string) => HTMLElement, announcer?: HTMLElement }} [options]
   *   focusAfter: where focus goes when the last message of its area (given) is dismissed from
   *   the keyboard (else the next message's ×, or the one before); placeOf: the container a key's message goes in
   *   (by default `container`), asked again by place() and at each show(); announcer: a live
   *   region (role status) there from the start, which says a field's message other than an
   *   error (a live region made with its text is not announced by every screen reader)
   */
  constructor(container, tr, { focusAfter, placeOf = () => container, announcer } = {}) {
    this.container = container;
    this.tr = tr;
    this.byKey = new Map();
    this.#focusAfter = focusAfter;
    this.#placeOf = placeOf;
    this.#announcer = announcer;
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
    if (again || body.textContent !== now) body.replaceChildren(...withCode(now));
    return now;
  }

  /**
   * Shows `text` (a string, or `(tr) => string`) under `key`, replacing an earlier message with
   * that key; returns the text shown. kind: info | error | warning. `field`: the control (an
   * <input> or <select> in its <label>) the message is about: shown in its label, under it, with
   * no ×, an error as an alert, else said by the announcer; the control described by its
   * messages (its name its label's text alone) until they are cleared. (Not aria-invalid: the
   * control is back at the value in use.) A key's message about another field, or about none,
   * moves there. `alert`: an error the reader's own action just met (a file chosen), said at
   * once (role alert) rather than when the reader pauses; not one the page met by itself (an
   * attribute's, a URL's), which would interrupt a reader who did nothing.
   */
  show(key, text, kind = 'info', { field, alert = false } = {}) {
    if (this.byKey.has(key) && this.#fields.get(key) !== field) this.clear(key);
    this.#texts.set(key, text);
    let el = this.byKey.get(key);
    if (!el && field) {
      el = document.createElement('span');
      el.className = 'rd-field__msg';
      el.setAttribute('part', 'field-message');
      el.dataset.msgKey = key;
      el.id = `rd-msg-${key.replace(/\W/g, '-')}`;
      el.append(document.createElement('span'));
      const label = field.closest('label');
      // In the field's place for messages (view.js), else its label (the speed's has none).
      (label.querySelector('.rd-field__msgs') ?? label).append(el);
      this.byKey.set(key, el);
      this.#fields.set(key, field);
      this.#mark(field);
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
    el.dataset.kind = kind;
    // An alert's role before its text: a reader announces an alert whose text then changes, not
    // a role given to text already there.
    if (kind === 'error' && (field || alert)) el.setAttribute('role', 'alert');
    else el.removeAttribute('role');
    const said = this.#write(key, true);
    if (field) {
      if (kind !== 'error' && this.#announcer) {
        this.#announcer.textContent = said;
        this.#announced = key;
      } else if (this.#announced === key) this.#unannounce();
    } else {
      // (Shown again, it goes where placeOf says now.)
      this.#put(key, el);
    }
    return said;
  }

  /**
   * The ARIA attributes of `field` for the messages under it now: named by its label's text
   * alone (the messages are in the label) and described by them; none with none left.
   */
  #mark(field) {
    const label = field.closest('label');
    const ids = [...label.querySelectorAll('.rd-field__msg')].map((m) => m.id);
    if (ids.length === 0) {
      field.removeAttribute('aria-labelledby');
      field.removeAttribute('aria-describedby');
      return;
    }
    const name = label.querySelector('.rd-field__label');
    name.id ||= `rd-label-${field.dataset.field}`;
    field.setAttribute('aria-labelledby', name.id);
    field.setAttribute('aria-describedby', ids.join(' '));
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
      const area = el.parentElement;
      el.remove();
      if (focused) (next?.lastChild ?? this.#focusAfter?.(area))?.focus();
      this.byKey.delete(key);
      this.#texts.delete(key);
      const field = this.#fields.get(key);
      if (field) {
        this.#fields.delete(key);
        this.#mark(field);
        if (this.#announced === key) this.#unannounce();
      }
    }
  }

  /** The announcer says nothing more (what it said is not left for a screen reader's browse mode). */
  #unannounce() {
    if (this.#announcer) this.#announcer.textContent = '';
    this.#announced = null;
  }

  /**
   * Writes the messages again in `tr`'s language (their live regions may say them again; the
   * announcer, whose text is a field's message said already, is emptied rather than left in the
   * language before).
   */
  localize(tr) {
    this.tr = tr;
    this.#unannounce();
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

/**
 * A message's text as nodes: a line indented by four spaces is code, as Markdown writes a code
 * block (the engine's line of Python that converts a file: "…which loads here:\n    {python}";
 * two spaces indent a list's lines), set in a <code> to be read and copied as code; the rest as
 * text. Their textContent is the text.
 */
function withCode(text) {
  // [text, '\n    ', code, text, '\n    ', code, …, text]
  return text.split(/(\n    )(.*)/).map((part, i) => {
    if (i % 3 !== 2) return part;
    const code = document.createElement('code');
    code.className = 'rd-msg__code';
    code.textContent = part;
    return code;
  });
}
