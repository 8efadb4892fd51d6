// vault-bench.js: drives vault_bench (tests/bench/vault_bench.cpp) in the
// page vault-bench.html, after web/idb-durability.js and before the wasm
// module. tests/bench/vault_bench.mjs calls window.tokhaiVaultBench.run().
//
// A save is timed from the call that makes it (serialise, put, ask for the
// IndexedDB write) to the moment the platform records it as durable: the
// syncfs callback of web_persistent_files.cpp setting Module.tokhaiFolder.durable,
// observed through an accessor installed on that property (no polling, no
// timer clamping). Where that property is not found, durable_save_ticket() is
// polled after each zero-delay MessageChannel yield instead, and the result
// says so.
//
// ?durability=relaxed|default|strict asks every IndexedDB write transaction
// for that durability explicitly (idb-durability.js then leaves it alone): a
// comparison with the app's choice, which is what runs without it.
'use strict';

(function () {
  const params = new URLSearchParams(location.search);
  const durabilityOverride = params.get('durability');

  // Every IndexedDB transaction of the page: mode, durability asked for and
  // granted, and when it was created and completed (performance.now()).
  const transactions = [];
  if (window.IDBDatabase) {
    const underlying = IDBDatabase.prototype.transaction; // idb-durability.js's
    IDBDatabase.prototype.transaction = function (stores, mode, options) {
      let asked = options;
      if (durabilityOverride && mode === 'readwrite' && !(options && options.durability)) {
        asked = { ...(options || {}), durability: durabilityOverride };
      }
      const created = performance.now();
      const transaction = underlying.call(this, stores, mode, asked);
      const entry = { mode: mode || 'readonly', durability: transaction.durability, created,
        completed: null, failed: false };
      transactions.push(entry);
      transaction.addEventListener('complete', () => { entry.completed = performance.now(); });
      transaction.addEventListener('error', () => { entry.failed = true; });
      transaction.addEventListener('abort', () => { entry.failed = true; });
      return transaction;
    };
  }

  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  const status = (text) => { document.getElementById('status').textContent = text; };
  window.Module = {
    onRuntimeInitialized: () => { status('Ready.'); resolveReady(); },
    onAbort: (what) => rejectReady(new Error(`the wasm module aborted: ${what}`)),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  };

  // A zero-delay yield to the event loop (setTimeout clamps to 4 ms).
  const channel = new MessageChannel();
  const yielders = [];
  channel.port1.onmessage = () => { const next = yielders.shift(); if (next) next(); };
  const yieldNow = () => new Promise((resolve) => { yielders.push(resolve); channel.port2.postMessage(0); });
  const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

  const call = (name, ...args) => {
    const types = args.map((a) => (typeof a === 'string' ? 'string' : 'number'));
    const reply = JSON.parse(Module.ccall(name, 'string', types, args));
    if (!reply.ok) {
      const { code, message, where } = reply.error;
      throw new Error(`${name}: ${reply.step}: ${code} ${message} ${where}`);
    }
    return reply;
  };
  const durableTicket = () => Module.ccall('vault_bench_durable_ticket', 'number', [], []);
  const folderError = () => Module.ccall('vault_bench_folder_error', 'string', [], []);

  // Resolves to performance.now() at the moment durable_save_ticket() reaches
  // `ticket`. `notified` is true when that moment was observed, false when polled.
  const durability = { notified: false, waiters: [] };
  function watchDurableTicket() {
    const folder = Module.tokhaiFolder;
    const own = folder && Object.getOwnPropertyDescriptor(folder, 'durable');
    if (!own || !('value' in own)) return;
    let value = own.value;
    Object.defineProperty(folder, 'durable', {
      configurable: true,
      enumerable: true,
      get: () => value,
      set: (next) => {
        value = next;
        const at = performance.now();
        const due = durability.waiters.filter((w) => value >= w.ticket);
        durability.waiters = durability.waiters.filter((w) => value < w.ticket);
        for (const waiter of due) waiter.resolve(at);
      },
    });
    durability.notified = true;
  }
  async function durableAt(ticket, timeoutMs = 15000) {
    if (durability.notified) {
      if (durableTicket() >= ticket) return performance.now();
      return new Promise((resolve, reject) => {
        const waiter = { ticket, resolve: (at) => { clearTimeout(timer); resolve(at); } };
        const timer = setTimeout(() => {
          durability.waiters = durability.waiters.filter((w) => w !== waiter);
          reject(new Error(`save ${ticket} not durable after ${timeoutMs} ms: ${folderError()}`));
        }, timeoutMs);
        durability.waiters.push(waiter);
      });
    }
    const deadline = performance.now() + timeoutMs;
    while (durableTicket() < ticket) {
      if (performance.now() > deadline) {
        throw new Error(`save ${ticket} not durable after ${timeoutMs} ms: ${folderError()}`);
      }
      await yieldNow();
    }
    return performance.now();
  }

  async function gzipSize(bytes) {
    if (!window.CompressionStream) return null;
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
    return (await new Response(stream).arrayBuffer()).byteLength;
  }

  async function run({ fields = 300, saves = 60, warmUpSaves = 3, gapMs = 600, unlockRuns = 5,
    pin = '135790' } = {}) {
    await ready;
    status('Running…');
    const started = performance.now();
    Module.ccall('vault_bench_open_folder', null, [], []);
    for (;;) {
      const state = Module.ccall('vault_bench_folder_state', 'number', [], []);
      if (state === 1) break;
      if (state === 2) throw new Error(`the folder did not open: ${folderError()}`);
      await yieldNow();
    }
    const openFolderMs = performance.now() - started;
    watchDurableTicket();

    const create = call('vault_bench_create', pin);
    await sleep(0);
    const draft = call('vault_bench_make_draft', fields);

    // Saves one at a time, each after the last is durable and a pause like the
    // app's autosave delay; the first ones warm up (compilation tiers, the
    // first insert of the record) and are reported apart.
    const samples = [];
    for (let i = 0; i < warmUpSaves + saves; i += 1) {
      await sleep(gapMs);
      const firstTransaction = transactions.length;
      const t0 = performance.now();
      const save = call('vault_bench_save', i);
      const t1 = performance.now();
      const t2 = await durableAt(save.ticket);
      const during = transactions.slice(firstTransaction);
      const writes = during.filter((t) => t.mode === 'readwrite');
      samples.push({
        warm_up: i < warmUpSaves,
        ticket: save.ticket,
        field: save.field,
        bytes: save.bytes,
        sqlite_bytes: save.sqlite_bytes,
        serialise_ms: save.serialise_ms,
        put_ms: save.put_ms,
        call_ms: t1 - t0,     // serialise + put + asking for the save
        wait_ms: t2 - t1,     // until durable_save_ticket() reached the ticket
        durable_ms: t2 - t0,  // the whole durable save
        idb_transactions: during.length,
        idb_writes: writes.length,
        idb_write_durability: [...new Set(writes.map((t) => t.durability))].join(','),
        idb_write_commit_ms: writes.reduce((sum, t) => sum + ((t.completed ?? t2) - t.created), 0),
      });
    }

    await sleep(0);
    const unlock = call('vault_bench_unlock', unlockRuns);
    await sleep(0);
    const exported = call('vault_bench_export');
    const data = Module.ccall('vault_bench_export_data', 'number', [], []);
    const exportBytes = Module.HEAPU8.slice(data, data + exported.bytes);
    exported.gzip_bytes = await gzipSize(exportBytes);

    let storageEstimate = null;
    if (navigator.storage && navigator.storage.estimate) {
      const { usage, quota } = await navigator.storage.estimate();
      storageEstimate = { usage_bytes: usage, quota_bytes: quota };
    }
    status('Done.');
    return {
      durability_override: durabilityOverride,
      durable_notification: durability.notified ? 'accessor on Module.tokhaiFolder.durable'
        : 'polled after MessageChannel yields',
      open_folder_ms: openFolderMs,
      create,
      draft,
      samples,
      unlock,
      export: exported,
      storage_estimate: storageEstimate,
      cross_origin_isolated: Boolean(window.crossOriginIsolated),
    };
  }

  window.tokhaiVaultBench = { run, ready };
}());
