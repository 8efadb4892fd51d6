// idb-durability.js: every IndexedDB write transaction waits for the disk.
//
// Drafts live in IndexedDB (Emscripten's IDBFS). A write transaction
// reports success only once it is on disk ('strict' durability; Chromium's
// default may leave it in the OS cache), so that "Đã lưu" survives a power
// cut, not only a killed browser. Loaded before app.js (and by the vault
// benchmark's page, so that it times the same writes).
'use strict';

(function () {
  if (!window.IDBDatabase) return;
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    if (mode === 'readwrite' && !(options && options.durability)) {
      return transaction.call(this, stores, mode, { ...(options || {}), durability: 'strict' });
    }
    return transaction.call(this, stores, mode, options);
  };
}());
