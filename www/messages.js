// Status and error messages shown in the demo's live region. Messages have keys so that
// one kind (say, the divergence warning) can be replaced or cleared without the others.

export class Messages {
  constructor(container) {
    this.container = container;
    this.byKey = new Map();
  }

  /** Shows `text` under `key` (replacing an earlier message with that key). kind: info | error | warning */
  show(key, text, kind = 'info') {
    let el = this.byKey.get(key);
    if (!el) {
      el = document.createElement('p');
      el.className = 'rd-msg';
      el.dataset.msgKey = key;
      const body = document.createElement('span');
      body.className = 'rd-msg__text';
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'rd-msg__close';
      close.setAttribute('aria-label', 'Dismiss message');
      close.textContent = '×';
      close.addEventListener('click', () => this.clear(key));
      el.append(body, close);
      this.byKey.set(key, el);
      this.container.append(el);
    }
    el.dataset.kind = kind;
    el.firstChild.textContent = text;
  }

  clear(key) {
    const el = this.byKey.get(key);
    if (el) {
      el.remove();
      this.byKey.delete(key);
    }
  }
}

/** Text of an exception thrown by wasm or JS. */
export function errorText(err) {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}
