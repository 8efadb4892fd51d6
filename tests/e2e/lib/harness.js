// The browser-test harness: a real tokhai-server on a loopback port, Debian's
// Chromium (headless, WebGL through SwiftShader) emulating a phone, and helpers
// that act as a person would: real touch events, then read what the app shows
// through window.citizenApp.state() (read-only).
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

// Starts tokhai-server on a free loopback port with a fresh data folder.
// Resolves to { url, stop() }; stop() sends SIGINT and waits for the exit.
export async function startServer() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tokhai-e2e-'));
  const child = spawn(paths.serverBin(), [], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_ROOT: paths.webRoot() },
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
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      const result = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return result;
    },
  };
}

// A phone: 360x800 CSS px at devicePixelRatio 3, touch, mobile viewport.
export const phone = { width: 360, height: 800, deviceScaleFactor: 3 };

// playwright-core gives every launch a fresh, temporary profile.
export async function launchPhone() {
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
    viewport: { width: phone.width, height: phone.height },
    deviceScaleFactor: phone.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return {
    page,
    problems,
    async close() {
      await browser.close();
    },
  };
}

export const state = (page) => page.evaluate(() => window.citizenApp && window.citizenApp.state());

// Waits until state() satisfies `predicate` and the app has stopped drawing
// (it draws only on demand, so an unchanged frame count means it is settled).
export async function waitForState(page, predicate, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < deadline) {
    const current = await state(page);
    if (current && predicate(current) && last && current.frames_drawn === last.frames_drawn) {
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

// A finger tap in the middle of a control (Input.dispatchTouchEvent underneath).
export async function tap(page, current, id) {
  const { rect } = control(current, id);
  await page.touchscreen.tap(rect.x + rect.width / 2, rect.y + rect.height / 2);
}

export async function screenshot(page, name) {
  await mkdir(paths.outDir(), { recursive: true });
  const file = path.join(paths.outDir(), name);
  await page.screenshot({ path: file });
  return file;
}
