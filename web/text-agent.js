// text-agent.js: the invisible DOM text field that typing goes through.
//
// The app draws its fields on a canvas. When the user taps one, the app calls
// tokhaiTextAgent.begin(...) (src/platform/web/web_text_input.cpp): a real
// <input> (or <textarea>) is placed over the field, filled with its text and
// focused, so that the phone's keyboard opens with the right layout
// (inputmode), the IME composes Vietnamese (Telex "vieetj" → "việt" arrives
// as composition events), autocorrect stays out of names and numbers, and
// paste works. Every change, Enter and blur goes back to the app through the
// exported tokhai_text_event. The element is transparent; the app draws the
// text, the caret and the composition underline itself.
'use strict';

(function () {
  const KIND_CHANGED = 0;
  const KIND_ENTER = 1;
  const KIND_LEFT = 2;
  const encoder = new TextEncoder();

  function makeElement(tag) {
    const el = document.createElement(tag);
    el.className = 'text-agent';
    el.setAttribute('autocomplete', 'off');
    el.setAttribute('autocorrect', 'off');
    el.setAttribute('spellcheck', 'false');
    el.setAttribute('aria-describedby', 'field-hint field-error');
    el.tabIndex = -1;
    el.hidden = true;
    document.body.append(el);
    return el;
  }

  const input = makeElement('input');
  input.type = 'text';
  const area = makeElement('textarea');
  const hintBox = document.getElementById('field-hint');
  const errorBox = document.getElementById('field-error');

  let active = null; // the element in use, or null
  let key = '';
  let composing = false;
  let ending = false; // blur caused by end(): not reported as "left"

  function caretBytes(el) {
    const end = el.selectionEnd === null ? el.value.length : el.selectionEnd;
    return encoder.encode(el.value.slice(0, end)).length;
  }

  function send(kind) {
    if (!active || !window.Module || !Module.calledRun) return;
    Module.ccall('tokhai_text_event', null,
      ['number', 'string', 'string', 'number', 'number'],
      [kind, key, active.value, caretBytes(active), composing ? 1 : 0]);
  }

  for (const el of [input, area]) {
    el.addEventListener('compositionstart', () => { composing = true; send(KIND_CHANGED); });
    el.addEventListener('compositionupdate', () => { composing = true; });
    el.addEventListener('compositionend', () => { composing = false; send(KIND_CHANGED); });
    el.addEventListener('input', (event) => {
      composing = Boolean(event.isComposing);
      send(KIND_CHANGED);
    });
    el.addEventListener('keydown', (event) => {
      if (event.isComposing || event.keyCode === 229) return; // the IME's keys
      if (event.key === 'Enter' && (el === input || event.ctrlKey)) {
        event.preventDefault();
        send(KIND_ENTER);
      } else if (event.key === 'Tab') {
        event.preventDefault();
        send(KIND_ENTER);
      }
    });
    // Arrow keys and taps move the caret without an input event.
    el.addEventListener('keyup', () => send(KIND_CHANGED));
    el.addEventListener('select', () => send(KIND_CHANGED));
    el.addEventListener('blur', () => {
      if (ending || el !== active) return;
      composing = false;
      send(KIND_LEFT);
    });
  }

  // `box` is in the canvas's CSS pixels; the canvas sits inside the phone's
  // safe area (app.css), so its page offset is added.
  function place(el, box) {
    const canvas = document.getElementById('canvas').getBoundingClientRect();
    el.style.left = canvas.left + box.x + 'px';
    el.style.top = canvas.top + box.y + 'px';
    el.style.width = Math.max(box.width, 1) + 'px';
    el.style.height = Math.max(box.height, 1) + 'px';
  }

  function describe(args) {
    if (!active) return;
    active.setAttribute('aria-label', args.label || '');
    hintBox.textContent = args.hint || '';
    errorBox.textContent = args.error || '';
  }

  window.tokhaiTextAgent = Object.freeze({
    begin(args) {
      const el = args.keyboard === 'multiline' ? area : input;
      if (active && active !== el) this.end({});
      const sameField = active === el && key === args.key && document.activeElement === el;
      if (sameField && composing) {
        // The field tapped again while the keyboard composes a word (Telex
        // "Cucj" before it becomes "Cục"): the keyboard is open, and the blur
        // below that would reopen it commits the raw keys instead. Only the
        // place and the labels follow.
        place(el, args);
        describe(args);
        return;
      }
      key = args.key;
      active = el;
      composing = false;
      el.hidden = false;
      if (el === input) {
        const masked = args.keyboard === 'pin' || args.keyboard === 'secret';
        el.type = args.keyboard === 'email' ? 'email' : masked ? 'password' : 'text';
        el.autocomplete = masked ? 'off' : 'on';
        el.inputMode = args.keyboard === 'numeric' || args.keyboard === 'pin' ? 'numeric'
          : args.keyboard === 'decimal' ? 'decimal'
            : args.keyboard === 'tel' ? 'tel'
              : args.keyboard === 'email' ? 'email' : 'text';
      }
      el.setAttribute('enterkeyhint', args.last ? 'done' : 'next');
      el.setAttribute('autocapitalize', args.words ? 'words' : 'off');
      if (args.maxLength > 0) el.maxLength = args.maxLength; else el.removeAttribute('maxlength');
      place(el, args);
      describe(args);
      if (!sameField) el.value = args.value;
      if (sameField) {
        // The keyboard was closed with the field still focused: a tap on the
        // field opens it again.
        ending = true;
        el.blur();
        ending = false;
      }
      el.focus({ preventScroll: true });
      if (!sameField) {
        try { el.setSelectionRange(el.value.length, el.value.length); } catch (e) { /* email */ }
      }
    },
    move(box) { if (active) place(active, box); },
    setValue(args) {
      // Writing the value or the caret while the keyboard composes would
      // commit the raw keys; the app takes the agent's value when the word
      // is committed anyway.
      if (!active || composing) return;
      active.value = args.value;
      const chars = new TextDecoder().decode(encoder.encode(args.value).slice(0, args.caret)).length;
      try { active.setSelectionRange(chars, chars); } catch (e) { /* email inputs */ }
    },
    describe,
    end() {
      if (!active) return;
      const el = active;
      ending = true;
      el.blur();
      ending = false;
      el.hidden = true;
      active = null;
      key = '';
      composing = false;
      hintBox.textContent = '';
      errorBox.textContent = '';
    },
    // For tests and the state view: what the agent holds.
    snapshot() {
      if (!active) return null;
      // A PIN or passphrase is never handed out, not even to tests.
      const value = active.type === 'password' ? '*'.repeat(active.value.length) : active.value;
      return { key, value, composing, keyboard: active.inputMode || 'multiline', masked: active.type === 'password' };
    },
  });
})();
