// The browser-test harness: a real tokhai-server on a loopback port, Debian's
// Chromium (headless, WebGL through SwiftShader) emulating a phone, and helpers
// that act as a person would: real touch events, then read what the app shows
// through window.citizenApp.state() (read-only).
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run the browser tests through ctest)`);
  return value;
};

export const paths = {
  serverBin: () => env('TOKHAI_SERVER_BIN'),
  webRoot: () => env('TOKHAI_WEB_ROOT'),
  outDir: () => env('TOKHAI_E2E_OUT'),
};

// The repository's root (tests/e2e/lib/../../..).
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Starts tokhai-server on a free loopback port with a fresh data folder, the
// repository's forms and its development keys (config/dev: test keys, never
// a deployment's), `env` on top. Resolves to { url, dataDir, stop() }; stop()
// sends SIGINT and waits for the exit.
export async function startServer({ env = {} } = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tokhai-e2e-'));
  const child = spawn(paths.serverBin(), [], {
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_ROOT: paths.webRoot(),
      FORMS_DIR: path.join(repoRoot, 'forms'),
      KEYS_FILE: path.join(repoRoot, 'config/dev/public-keys.json'),
      SERVER_SECRET_FILE: path.join(repoRoot, 'config/dev/secrets/server.secret.json'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 10000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/listening on (http:\/\/[^\s]+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${stderr}`)); });
  });
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const result = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return result;
    },
  };
}

// A phone: 360x800 CSS px at devicePixelRatio 3, touch, mobile viewport.
export const phone = { name: 'phone', width: 360, height: 800, deviceScaleFactor: 3, touch: true };
// A tablet (touch) and a desktop browser (mouse and wheel).
export const tablet = { name: 'tablet', width: 800, height: 1280, deviceScaleFactor: 2, touch: true };
export const desktop = { name: 'desktop', width: 1280, height: 800, deviceScaleFactor: 1, touch: false };

// playwright-core gives every launch a fresh, temporary profile.
export async function launchPhone() { return launchDevice(phone); }

const devices = new WeakMap(); // page → the device it emulates

export async function launchDevice(device) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: device.width, height: device.height },
    deviceScaleFactor: device.deviceScaleFactor,
    isMobile: device.touch,
    hasTouch: device.touch,
    locale: 'vi-VN',
  });
  const page = await context.newPage();
  devices.set(page, device);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return {
    page,
    problems,
    device,
    cdp: await context.newCDPSession(page),
    async close() {
      await browser.close();
    },
  };
}

export const state = (page) => page.evaluate(() => window.citizenApp && window.citizenApp.state());

// Waits until state() satisfies `predicate` and the app has stopped drawing
// (it draws only on demand: no frame asked for and an unchanged frame count
// mean the screen is settled).
export async function waitForState(page, predicate, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    const current = await state(page);
    if (current && !current.settling && predicate(current) && last &&
        current.frames_drawn === last.frames_drawn) {
      return current;
    }
    last = current;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
}

export function control(current, id) {
  const found = current.controls.find((c) => c.id === id);
  if (!found) throw new Error(`no control ${id} on screen ${current.screen}: ${JSON.stringify(current.controls)}`);
  return found;
}

// A finger tap in the middle of a control (Input.dispatchTouchEvent underneath),
// or a mouse click on a device without touch.
export async function tap(page, current, id) {
  // Where the control is now: the screen may have moved since `current` was
  // read (a late layout change), and a tap must land on what was meant.
  const fresh = await state(page);
  const moved = fresh && !fresh.settling && fresh.controls.find((c) => c.id === id);
  const { rect } = moved || control(current, id);
  const x = rect.x + rect.width / 2;
  const y = rect.y + rect.height / 2;
  const device = devices.get(page) || phone;
  if (device.touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

// Scrolls as a person would (a finger drag, or the mouse wheel) until the
// control `id` is fully on screen; returns the settled state showing it.
export async function reveal(browser, id, what = id) {
  const { page, cdp, device } = browser;
  const visible = (s) => {
    const c = s.controls.find((x) => x.id === id);
    return c && c.rect.y >= 0 && c.rect.y + c.rect.height <= device.height - 8;
  };
  let current = await waitForState(page, () => true, `the screen before revealing ${what}`);
  for (let direction of [1, -1]) {
    for (let attempt = 0; attempt < 25; attempt += 1) {
      if (visible(current)) return current;
      // The screen's scroll too: a stretch of text has no controls to compare.
      const position = (x) => JSON.stringify([x.scroll, x.controls.map((c) => [c.id, c.rect.y])]);
      const before = position(current);
      const x = device.width / 2;
      const from = device.height * (direction > 0 ? 0.7 : 0.3);
      const to = device.height * (direction > 0 ? 0.4 : 0.6);
      if (device.touch) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
        for (let i = 1; i <= 6; i += 1) {
          await cdp.send('Input.dispatchTouchEvent',
            { type: 'touchMove', touchPoints: [{ x, y: from + ((to - from) * i) / 6 }] });
        }
        await page.waitForTimeout(120); // the finger rests: no glide
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      } else {
        await page.mouse.move(x, device.height / 2);
        await page.mouse.wheel(0, (from - to));
      }
      current = await waitForState(page, () => true, `scrolling to ${what}`);
      const after = position(current);
      if (after === before) break; // the end of the content
    }
  }
  if (visible(current)) return current;
  throw new Error(`cannot scroll to ${what}: ${JSON.stringify(current.controls.map((c) => c.id))}`);
}

export async function screenshot(page, name) {
  const file = path.join(paths.outDir(), name);
  await mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

// A browser this test can kill as a crash would (SIGKILL, no clean close),
// with its profile in `profileDir` so that a new launch finds what the last
// one stored. Debian's Chromium is started here (playwright cannot kill the
// browser it launched without closing it) and driven over the DevTools
// protocol. Mouse input: the window is phone-sized, without touch emulation.
export const killable = { name: 'killable', width: 400, height: 860, deviceScaleFactor: 1, touch: false };

export async function launchKillable(profileDir) {
  const child = spawn('/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-quic', '--remote-debugging-port=0', '--lang=vi-VN',
    `--window-size=${killable.width},${killable.height}`, `--user-data-dir=${profileDir}`,
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stderr = '';
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chromium did not start:\n${stderr}`)), 20000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = stderr.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`chromium exited (${code}):\n${stderr}`)); });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const page = context.pages()[0] || await context.newPage();
  devices.set(page, killable);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  // Headless Chromium keeps a minimum window width: the viewport is set
  // here so that it is the size the tests measure against.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: killable.width, height: killable.height,
    deviceScaleFactor: killable.deviceScaleFactor, mobile: false,
  });
  return {
    page,
    problems,
    device: killable,
    cdp,
    // The crash: the browser process gets SIGKILL and has no chance to flush.
    async kill() {
      child.kill('SIGKILL');
      await exited;
      await browser.close().catch(() => {});
    },
    async close() {
      await browser.close().catch(() => {});
      child.kill('SIGKILL');
      await exited;
    },
  };
}
