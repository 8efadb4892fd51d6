// vault_bench: how long the phone app's draft takes to become durable in the
// browser, how long a vault takes to unlock, and how large its export is —
// measured by the wasm program tests/bench/vault_bench.cpp (the real vault,
// SQLite, libsodium and IDBFS code) in headless Chromium against a real
// tokhai-server. shell/bench runs it after the frame benchmark.
//
//   node tests/bench/vault_bench.mjs [--durability=relaxed|default|strict] [--saves=N]
//
// The page (vault-bench.html, with web/idb-durability.js loaded first, as the
// app loads it) opens the IDBFS folder /vault, creates a vault with a PIN and
// the Argon2id cost calibrated as the app calibrates it, makes a 300-answer
// "tokhai-draft/1" draft (Vietnamese names, addresses, dates, codes, free text,
// a table of household members), then saves it N times (60), one at a time and
// 0.6 s apart like the app's autosave, each save after one answer grew by a
// few typed characters:
//
//   durable   from the save call until durable_save_ticket() reaches its
//             ticket: serialise + put + the IndexedDB write (FS.syncfs) with
//             the app's 'strict' durability; target p95 ≤ 50 ms
//   put       UnlockedVault::put: seal the draft and write it with SQLite into
//             the in-memory file system
//   wait      the rest: IDBFS reading what IndexedDB holds, writing the
//             changed database file, and the commit reaching the disk
//   unlock    lock() then unlock() with the PIN (5 runs): Argon2id at the
//             calibrated cost (about 1 s by design, kKeyDerivationTarget)
//   export    UnlockedVault::export_file() of the vault holding the draft,
//             bytes and gzip bytes; the SQLite file's size
//
// Each run gets a fresh browser profile in a temporary folder (so IndexedDB
// starts empty and lives on disk: playwright's default contexts keep it in
// memory, where 'strict' costs nothing), removed afterwards. The first 3 saves
// warm up and are kept apart. --durability asks IndexedDB for another
// durability than the app's, as a comparison (figures then go to
// vault-wasm-<durability>.json and no target is checked).
//
// Environment (defaults relative to the repository): TOKHAI_SERVER_BIN
// (build/native/bin/tokhai-server), TOKHAI_BENCH_WEB_ROOT
// (build/wasm/bench-web, where the wasm preset puts the page), TOKHAI_BENCH_OUT
// (build/bench). Exits 0 whatever the figures; non-zero only when the
// benchmark cannot run.
import { mkdtemp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/lib/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// playwright-core is installed for the browser tests, in tests/e2e.
const { chromium } = createRequire(path.join(root, 'tests/e2e/package.json'))('playwright-core');

process.env.TOKHAI_SERVER_BIN ||= path.join(root, 'build/native/bin/tokhai-server');
const webRoot = path.resolve(process.env.TOKHAI_BENCH_WEB_ROOT || path.join(root, 'build/wasm/bench-web'));
process.env.TOKHAI_WEB_ROOT = webRoot; // what the harness's server serves
const outDir = path.resolve(process.env.TOKHAI_BENCH_OUT || path.join(root, 'build/bench'));

const options = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const match = arg.match(/^--(durability|saves)=(.+)$/);
  if (!match) {
    throw new Error(`unknown argument ${arg}; ` +
      'usage: vault_bench.mjs [--durability=relaxed|default|strict] [--saves=N]');
  }
  return [match[1], match[2]];
}));
if (options.durability && !['relaxed', 'default', 'strict'].includes(options.durability)) {
  throw new Error(`--durability must be relaxed, default or strict, not ${options.durability}`);
}

const kFields = 300;
const kSaves = Number(options.saves || 60);
if (!Number.isInteger(kSaves) || kSaves < 1) throw new Error(`--saves must be a positive integer`);
const kWarmUpSaves = 3;
const kSaveGapMs = 600;  // the app's autosave delay (kSaveDelaySeconds)
const kUnlockRuns = 5;
const kDurableTargetMs = 50;
const phone = { width: 360, height: 800, deviceScaleFactor: 3 };

// Milliseconds to the microsecond, as the JSON keeps them.
const round = (ms) => Math.round(ms * 1000) / 1000;

// Samples sorted; p50 and p95 by nearest rank, as bench_forms computes them.
function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => round(sorted[Math.round(q * (sorted.length - 1))]);
  return sorted.length === 0 ? { p50: 0, p95: 0, max: 0, runs: 0 }
    : { p50: at(0.5), p95: at(0.95), max: at(1), runs: sorted.length };
}

// Bytes under `folder`, recursively (0 when it is not there).
async function folderBytes(folder) {
  let total = 0;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

async function measure(server, profileDir) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic',
    ],
    viewport: { width: phone.width, height: phone.height },
    deviceScaleFactor: phone.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  const problems = [];
  let figures;
  let browserVersion;
  try {
    browserVersion = context.browser()?.version() ?? null;
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    const query = options.durability ? `?durability=${options.durability}` : '';
    await page.goto(`${server.url}/vault-bench.html${query}`);
    figures = await page.evaluate((settings) => window.tokhaiVaultBench.run(settings),
      { fields: kFields, saves: kSaves, warmUpSaves: kWarmUpSaves, gapMs: kSaveGapMs,
        unlockRuns: kUnlockRuns });
    browserVersion ||= await page.evaluate(() => navigator.userAgent.match(/Chrome\/(\S+)/)?.[1] ?? null);
  } finally {
    await context.close();
  }
  // What IndexedDB left in the profile once the browser closed.
  figures.profile_indexeddb_bytes = await folderBytes(path.join(profileDir, 'Default', 'IndexedDB'));
  return { figures, problems, browserVersion };
}

function result({ figures, problems, browserVersion }) {
  const measured = figures.samples.filter((s) => !s.warm_up);
  const pick = (key) => summarize(measured.map((s) => s[key]));
  const durabilities = [...new Set(measured.map((s) => s.idb_write_durability))];
  return {
    build: 'wasm',
    browser: browserVersion,
    durability: durabilities.join(','),
    durability_override: figures.durability_override,
    durable_notification: figures.durable_notification,
    cross_origin_isolated: figures.cross_origin_isolated,
    draft: figures.draft,
    saves: {
      runs: measured.length,
      warm_up: kWarmUpSaves,
      gap_ms: kSaveGapMs,
      durable_ms: pick('durable_ms'),
      put_ms: pick('put_ms'),
      serialise_ms: pick('serialise_ms'),
      call_ms: pick('call_ms'),
      wait_ms: pick('wait_ms'),
      idb_write_commit_ms: pick('idb_write_commit_ms'),
      idb_transactions_per_save: summarize(measured.map((s) => s.idb_transactions)),
      idb_writes_per_save: summarize(measured.map((s) => s.idb_writes)),
      draft_bytes: summarize(measured.map((s) => s.bytes)),
      warm_up_samples: figures.samples.filter((s) => s.warm_up).map(roundSample),
      samples: measured.map(roundSample),
    },
    vault: {
      open_folder_ms: round(figures.open_folder_ms),
      open_store_ms: round(figures.create.open_ms),
      calibrate_ms: round(figures.create.calibrate_ms),
      // The calibration run again after create_vault: the module warm, its
      // memory grown. What the first run measured on top is first-use cost.
      calibrate_again_ms: round(figures.create.calibrate_again_ms),
      params_again: figures.create.params_again,
      create_ms: round(figures.create.create_ms),
      target_ms: figures.create.target_ms,
      params: figures.create.params,
      interactive: figures.create.interactive,
      unlock_ms: summarize(figures.unlock.unlock_ms),
      unlock_samples_ms: figures.unlock.unlock_ms.map(round),
      lock_ms: summarize(figures.unlock.lock_ms),
      get_draft_ms: summarize(figures.unlock.get_ms),
    },
    export: {
      bytes: figures.export.bytes,
      gzip_bytes: figures.export.gzip_bytes,
      record_count: figures.export.record_count,
      left_out: figures.export.left_out,
      export_ms: round(figures.export.export_ms),
      draft_bytes: figures.export.draft_bytes,
      sqlite_bytes: figures.export.sqlite_bytes,
    },
    storage_estimate: figures.storage_estimate,
    profile_indexeddb_bytes: figures.profile_indexeddb_bytes,
    problems,
  };
}

function roundSample(sample) {
  return Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, k.endsWith('_ms') ? round(v) : v]));
}

function report(run) {
  const { saves, vault, export: file } = run;
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const row = (name, s, target = '') => console.log(`${name.padEnd(34)} ${s.p50.toFixed(2).padStart(8)} ` +
    `${s.p95.toFixed(2).padStart(8)} ${s.max.toFixed(2).padStart(8)}  ${target}`);
  console.log();
  console.log(`vault: a ${run.draft.fields}-answer draft (${kib(run.draft.bytes)} of JSON), ` +
    `${saves.runs} saves ${saves.gap_ms} ms apart after ${saves.warm_up} to warm up, ` +
    `Chromium ${run.browser}, IndexedDB writes '${run.durability}'` +
    `${run.durability_override ? ' (asked by --durability)' : " (the app's)"}`);
  console.log(`${'ms'.padEnd(34)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}  target`);
  row('durable save (call → durable)', saves.durable_ms, `p95 ≤ ${kDurableTargetMs}`);
  row('  serialise the draft (JSON)', saves.serialise_ms);
  row('  put (seal + SQLite in memory)', saves.put_ms);
  row('  wait (IDBFS → IndexedDB → disk)', saves.wait_ms);
  row('    of which IndexedDB write txn', saves.idb_write_commit_ms);
  row('unlock (Argon2id + SQLite)', vault.unlock_ms,
    `≈ ${vault.target_ms} by design (${vault.params.ops_limit} passes, ${vault.params.mem_limit_mib} MiB)`);
  row('open the draft after unlock (get)', vault.get_draft_ms);
  console.log(`calibration ${vault.calibrate_ms.toFixed(0)} ms (calibrate_password_hash: two INTERACTIVE runs, the faster counts) → ` +
    `${vault.params.ops_limit} passes; run again warm ${vault.calibrate_again_ms.toFixed(0)} ms → ` +
    `${vault.params_again.ops_limit} passes, ${vault.params_again.mem_limit_mib} MiB`);
  console.log(`create_vault ${vault.create_ms.toFixed(0)} ms, ` +
    `opening the IDBFS folder ${vault.open_folder_ms.toFixed(1)} ms`);
  console.log(`export: ${file.bytes} bytes (${kib(file.bytes)}), ${file.gzip_bytes} gzipped, ` +
    `${file.record_count} record(s), made in ${file.export_ms.toFixed(1)} ms; ` +
    `SQLite file ${file.sqlite_bytes} bytes; draft ${file.draft_bytes} bytes`);
  console.log(`IndexedDB per save: ${saves.idb_transactions_per_save.p50} transactions, ` +
    `${saves.idb_writes_per_save.p50} write; ` +
    `profile's IndexedDB folder ${kib(run.profile_indexeddb_bytes)}; ` +
    `durable moment ${run.durable_notification}`);
  if (!run.durability_override) {
    const passed = saves.durable_ms.p95 <= kDurableTargetMs;
    console.log();
    console.log(`${passed ? 'PASS' : 'MISS'}  durable save p95 ≤ ${kDurableTargetMs} ms: ` +
      `median ${saves.durable_ms.p50.toFixed(2)} ms, p95 ${saves.durable_ms.p95.toFixed(2)} ms ` +
      `over ${saves.runs} saves`);
  }
}

let server;
const profileDir = await mkdtemp(path.join(tmpdir(), 'tokhai-vault-bench-'));
try {
  await stat(path.join(webRoot, 'vault-bench.html')).catch(() => {
    throw new Error(`${webRoot}/vault-bench.html is missing: ` +
      'build the target vault_bench in the wasm preset');
  });
  server = await startServer();
  const run = result(await measure(server, profileDir));
  if (run.problems.length > 0) {
    throw new Error(`the page reported problems:\n${run.problems.join('\n')}`);
  }
  await mkdir(outDir, { recursive: true });
  const name = options.durability ? `vault-wasm-${options.durability}.json` : 'vault-wasm.json';
  const file = path.join(outDir, name);
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  report(run);
  console.log();
  console.log(`bench: figures in ${path.relative(process.cwd(), file)}`);
} catch (error) {
  console.error(`vault_bench: ${error.stack || error}`);
  process.exitCode = 1;
} finally {
  if (server) await server.stop();
  await rm(profileDir, { recursive: true, force: true });
}
