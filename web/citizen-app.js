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

  window.Module = {
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

  window.citizenApp = Object.freeze({
    ready,
    state() {
      if (!started) return null;
      return JSON.parse(Module.UTF8ToString(Module._tokhai_state_json()));
    },
  });
})();
