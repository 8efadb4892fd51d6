// load_bench: what the first visit costs a phone on a slow network, and how
// fast the app opens again with no network at all. Headless Chromium as a
// phone (360x800 CSS px, devicePixelRatio 3, touch) against a real
// tokhai-server serving the built app with its precompressed copies
// (web/build_shell.py). shell/bench runs it.
//
//   node tests/bench/load_bench.mjs
//
// "Usable" is the moment window.citizenApp.state() shows the catalogue with
// every form listed and the vault storage ready: app.wasm running, every form
// definition and data set in memory (app.data), the font in the atlas; the
// next tap opens a form without any further download.
//
//   bytes     first visit in a fresh profile with no throttling: every
//             response's Network.loadingFinished encodedDataLength (bytes on
//             the wire, headers included) summed up to "usable" and for the
//             whole visit, per asset beside its raw, gzip and brotli sizes
//             (shell.json); target ≤ 450 KB up to "usable". The files
//             shell.json lists under "after_usable" (the photo worker's,
//             loaded with the first photo) never count towards "usable",
//             whenever they arrive
//   slow3g    time to usable on a first visit with
//             Network.emulateNetworkConditions 400 kbit/s, 400 ms RTT
//   2g        the same at 250 kbit/s, 800 ms RTT
//   offline   repeat visit: once the service worker is active, the network
//             goes (emulated offline) and the page is loaded again; time to
//             usable, 5 times; target p50 ≤ 1.5 s
//
// Writes build/bench/load-wasm.json. Environment (defaults relative to the
// repository): TOKHAI_SERVER_BIN (build/native/bin/tokhai-server),
// TOKHAI_WEB_ROOT (build/wasm/web), TOKHAI_BENCH_OUT (build/bench). Exits 0
// whatever the figures; non-zero only when the benchmark cannot run.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchDevice, phone } from '../e2e/lib/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.env.TOKHAI_SERVER_BIN ||= path.join(root, 'build/native/bin/tokhai-server');
process.env.TOKHAI_WEB_ROOT ||= path.join(root, 'build/wasm/web');
const outDir = path.resolve(process.env.TOKHAI_BENCH_OUT || path.join(root, 'build/bench'));
process.env.TOKHAI_E2E_OUT = outDir;

const BUDGET_BYTES = 450 * 1024;
const OFFLINE_TARGET_MS = 1500;
const networks = {
  slow3g: { offline: false, latency: 400, downloadThroughput: 400000 / 8, uploadThroughput: 400000 / 8 },
  '2g': { offline: false, latency: 800, downloadThroughput: 250000 / 8, uploadThroughput: 250000 / 8 },
};

const isUsable = () => {
  const s = window.citizenApp && window.citizenApp.state();
  return !!(s && s.forms.length > 0 && s.vault.storage === 'ready');
};

// Records every response of the page: URL, bytes on the wire, whether the
// service worker or a cache answered, and when it finished.
function recordNetwork(cdp) {
  const byId = new Map();
  const handlers = {
    'Network.requestWillBeSent': (e) => {
      byId.set(e.requestId, { url: e.request.url, encoded: 0, finished_ms: null });
    },
    'Network.responseReceived': (e) => {
      const r = byId.get(e.requestId);
      if (!r) return;
      r.status = e.response.status;
      r.from_service_worker = !!e.response.fromServiceWorker;
      r.from_cache = !!(e.response.fromDiskCache || e.response.fromPrefetchCache);
      const headers = Object.fromEntries(
        Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      r.content_encoding = headers['content-encoding'] || '';
    },
    'Network.loadingFinished': (e) => {
      const r = byId.get(e.requestId);
      if (!r) return;
      r.encoded = e.encodedDataLength;
      r.finished_ms = Date.now();
    },
  };
  for (const [event, handler] of Object.entries(handlers)) cdp.on(event, handler);
  return {
    requests: () => [...byId.values()],
    stop: () => { for (const [event, handler] of Object.entries(handlers)) cdp.off(event, handler); },
  };
}

// Loads `url` and waits for "usable"; resolves to the time and the requests.
async function timedVisit(browser, url, reload = false) {
  const { page, cdp } = browser;
  await cdp.send('Network.enable');
  const network = recordNetwork(cdp);
  const start = Date.now();
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(isUsable, null, { polling: 20, timeout: 300000 });
  const usableAt = Date.now();
  await page.waitForLoadState('load');
  await page.waitForTimeout(300);
  network.stop();
  const requests = network.requests().map((r) => ({
    ...r, path: new URL(r.url).pathname, before_usable: r.finished_ms !== null && r.finished_ms <= usableAt,
  }));
  return { ms: usableAt - start, requests };
}

async function firstVisit(url, conditions) {
  const browser = await launchDevice(phone);
  try {
    if (conditions) {
      await browser.cdp.send('Network.enable');
      await browser.cdp.send('Network.emulateNetworkConditions', conditions);
    }
    return await timedVisit(browser, url);
  } finally {
    await browser.close();
  }
}

async function offlineRepeats(url, rounds) {
  const browser = await launchDevice(phone);
  try {
    await timedVisit(browser, url);
    const build = await browser.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const channel = new MessageChannel();
      const reply = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
      registration.active.postMessage({ type: 'version' }, [channel.port2]);
      return (await reply).build;
    });
    await browser.cdp.send('Network.emulateNetworkConditions',
      { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const times = [];
    let requests = [];
    for (let i = 0; i < rounds; ++i) {
      const visit = await timedVisit(browser, url, true);
      times.push(visit.ms);
      requests = visit.requests;
    }
    return { build, times, requests };
  } finally {
    await browser.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8);

async function main() {
  const webRoot = process.env.TOKHAI_WEB_ROOT;
  const shell = JSON.parse(await readFile(path.join(webRoot, 'shell.json'), 'utf8'));
  const server = await startServer();
  let result;
  try {
    const fast = await firstVisit(server.url, null);
    const slow3g = await firstVisit(server.url, networks.slow3g);
    const twoG = await firstVisit(server.url, networks['2g']);
    const offline = await offlineRepeats(server.url, 5);
    const sum = (requests) => requests.reduce((total, r) => total + r.encoded, 0);
    const afterUsable = new Set((shell.after_usable || []).map((name) => `/${name}`));
    const usableBytes = sum(fast.requests.filter((r) => r.before_usable && !afterUsable.has(r.path)));
    result = {
      build: shell.version,
      budget_bytes: BUDGET_BYTES,
      first_visit: {
        bytes_to_usable: usableBytes,
        bytes_total: sum(fast.requests),
        usable_ms_unthrottled: fast.ms,
        requests: fast.requests.map(({ path: p, status, encoded, content_encoding, before_usable }) =>
          ({ path: p, status, encoded, content_encoding, before_usable })),
      },
      slow3g: { ...networks.slow3g, usable_ms: slow3g.ms, bytes: sum(slow3g.requests) },
      '2g': { ...networks['2g'], usable_ms: twoG.ms, bytes: sum(twoG.requests) },
      offline_repeat: {
        service_worker_build: offline.build,
        usable_ms: offline.times,
        p50_ms: median(offline.times),
        bytes_on_wire: sum(offline.requests.filter((r) => !r.from_service_worker)),
        all_from_service_worker: offline.requests.every((r) => r.from_service_worker),
      },
      assets: shell.files,
    };
  } finally {
    await server.stop();
  }

  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, 'load-wasm.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);

  const onWire = new Map(result.first_visit.requests.map((r) => [r.path, r]));
  console.log(`build ${result.build}: the app shell (shell.json), KB`);
  console.log(`${'file'.padEnd(30)} ${'raw'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)} ${'on wire'.padStart(8)} sent as`);
  let totals = [0, 0, 0];
  for (const [name, sizes] of Object.entries(result.assets)) {
    const wire = onWire.get(`/${name}`) || (name === 'index.html' ? onWire.get('/') : null);
    totals = [totals[0] + sizes.raw, totals[1] + sizes.gzip, totals[2] + sizes.brotli];
    console.log(`${name.padEnd(30)} ${kb(sizes.raw)} ${kb(sizes.gzip)} ${kb(sizes.brotli)} ` +
      `${wire ? kb(wire.encoded) : '       -'} ${wire ? (wire.content_encoding || 'identity') : '(not loaded by the page)'}` +
      `${(shell.after_usable || []).includes(name) ? ', after usable' : ''}`);
  }
  console.log(`${'all'.padEnd(30)} ${kb(totals[0])} ${kb(totals[1])} ${kb(totals[2])}`);
  const fv = result.first_visit;
  const offlineRun = result.offline_repeat;
  console.log();
  console.log(`${fv.bytes_to_usable <= BUDGET_BYTES ? 'PASS' : 'MISS'}  first visit, bytes on the wire until usable ≤ 450 KB: ` +
    `${(fv.bytes_to_usable / 1024).toFixed(1)} KB (whole visit ${(fv.bytes_total / 1024).toFixed(1)} KB, ` +
    `${fv.requests.length} requests; usable after ${fv.usable_ms_unthrottled} ms unthrottled)`);
  console.log(`info  first visit on slow 3G (400 kbit/s, 400 ms RTT): usable after ${(result.slow3g.usable_ms / 1000).toFixed(1)} s`);
  console.log(`info  first visit on 2G (250 kbit/s, 800 ms RTT): usable after ${(result['2g'].usable_ms / 1000).toFixed(1)} s`);
  console.log(`${offlineRun.p50_ms <= OFFLINE_TARGET_MS ? 'PASS' : 'MISS'}  repeat visit offline p50 ≤ 1.5 s: ` +
    `${offlineRun.p50_ms} ms (runs ${offlineRun.usable_ms.join(', ')} ms; ` +
    `${offlineRun.all_from_service_worker ? 'every response from the service worker' : 'NOT all from the service worker'})`);
  console.log(`bench: figures in ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
