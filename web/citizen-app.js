// citizen-app.js: the page's side of the app, loaded before app.js.
//
// - Configures Emscripten's Module (status while loading, errors in Vietnamese
//   and English instead of a blank screen).
// - Defines window.citizenApp, the read-only test view of DESIGN.md §8:
//   citizenApp.state() returns JSON of what the user sees, or null before the
//   app has started; citizenApp.ready resolves when it has.
'use strict';

(function () {
  const statusBox = document.getElementById('status');
  let started = false;
  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });

  function showError(vi, en) {
    statusBox.hidden = false;
    statusBox.classList.add('error');
    statusBox.replaceChildren();
    for (const [lang, text] of [['vi', vi], ['en', en]]) {
      const p = document.createElement('p');
      p.lang = lang;
      p.textContent = text;
      statusBox.append(p);
    }
  }
  // Called by the wasm side (platform/web) for errors it cannot recover from.
  window.tokhaiShowError = showError;

  // The hashed names of app.wasm and app.data (web/build_shell.py writes them
  // into index.html, with those of the photo worker's photo.js and photo.wasm,
  // which platform/web/web_photos.cpp reads): long-cached by browsers,
  // precached by sw.js.
  const assetsMeta = document.querySelector('meta[name="tokhai-assets"]');
  const assets = assetsMeta ? JSON.parse(assetsMeta.content) : {};

  window.Module = {
    locateFile(path, prefix) { return prefix + (assets[path] || path); },
    onRuntimeInitialized() {
      started = true;
      statusBox.hidden = true;
      resolveReady();
    },
    onAbort() {
      showError('Ứng dụng gặp lỗi và đã dừng. Hãy tải lại trang; dữ liệu đã lưu không bị mất.',
                'The app hit an error and stopped. Reload the page; saved data is not lost.');
    },
    print(text) { console.log(text); },
    printErr(text) { console.warn(text); },
  };

  window.addEventListener('error', (event) => {
    if (!started && event.target && event.target.tagName === 'SCRIPT') {
      showError('Không tải được ứng dụng. Hãy kiểm tra kết nối mạng rồi tải lại trang.',
                'The app could not be loaded. Check the connection and reload the page.');
    }
  }, true);

  // The service worker (sw.js) and updates: a new version installs in the
  // background; "Có phiên bản mới" offers it, and it is switched to only at a
  // safe moment: no field being edited, no save in progress, no filing being
  // uploaded. Until then (or if the person never taps it) the new version
  // takes over the next time the app is opened after every tab has closed.
  const update = { available: false, switching: false };
  const updateBox = document.getElementById('update');

  function safeToSwitch() {
    if (!started) return true;
    const now = JSON.parse(Module.UTF8ToString(Module._tokhai_state_json()));
    const editing = (now.form && now.form.editing) || (now.vault.screens && now.vault.screens.editing);
    const save = now.vault.save;
    const saving = save.status === 'saving' || save.durable < save.ticket;
    const uploading = now.outbox.items.some((item) => item.state === 'sending');
    return !editing && !saving && !uploading;
  }

  // Safe twice in a row, 0.5 s apart: leaving a field starts its save a
  // moment later.
  function switchWhenSafe(registration, calm = 0) {
    if (!registration.waiting || update.switching) return;
    const next = safeToSwitch() ? calm + 1 : 0;
    if (next < 2) { setTimeout(() => switchWhenSafe(registration, next), 500); return; }
    update.switching = true;
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload());
    registration.waiting.postMessage({ type: 'skip-waiting' });
  }

  // The app's language setting (platform/web keeps it in localStorage as
  // tokhai.language and announces a change with a tokhai-preference event):
  // the banner speaks Vietnamese unless English was chosen.
  function chosenLanguage() {
    try { return window.localStorage.getItem('tokhai.language') === 'en' ? 'en' : 'vi'; }
    catch (e) { return 'vi'; }
  }
  function showLanguage() {
    if (updateBox) updateBox.dataset.lang = chosenLanguage();
  }
  window.addEventListener('tokhai-preference', (event) => {
    if (event.detail && event.detail.key === 'language') showLanguage();
  });

  function offerUpdate(registration) {
    update.available = true;
    if (!updateBox) return;
    showLanguage();
    updateBox.hidden = false;
    updateBox.querySelector('button').onclick = () => switchWhenSafe(registration);
  }

  if ('serviceWorker' in navigator && window.isSecureContext) {
    window.addEventListener('load', () => {
      navigator.serviceWorker.register('sw.js').then((registration) => {
        // A worker installed while another one controls the page is an
        // update (the very first one installs with no controller).
        const watch = (worker) => worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) {
            offerUpdate(registration);
          }
        });
        if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration);
        if (registration.installing) watch(registration.installing);
        registration.addEventListener('updatefound', () => watch(registration.installing));
      }).catch((error) => console.warn('service worker:', error));
    });
  }

  window.citizenApp = Object.freeze({
    ready,
    update,
    state() {
      if (!started) return null;
      return JSON.parse(Module.UTF8ToString(Module._tokhai_state_json()));
    },
  });
})();
