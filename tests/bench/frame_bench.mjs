// frame_bench: how much the phone app costs the browser's main thread, drawn
// by headless Chromium emulating a phone (360x800 CSS px, devicePixelRatio 3,
// touch) against a real tokhai-server. shell/bench runs it after the form
// engine's benchmark.
//
//   node tests/bench/frame_bench.mjs
//
// It opens the form page with the most fields of all forms/*.json (fields in
// a repeat counted once each), answers the choices on it that reveal further
// fields (first choice), then measures:
//
//   frame    the CPU time of every frame drawn while real input drives the
//            page: finger drags that scroll it down and up (with the glide
//            after each release), then typing into its first text field one
//            character at a time through the text agent (CDP Input.insertText);
//            p50, p95 and max, overall and per phase, by four clocks:
//              outside    performance.now() around the app's requestAnimationFrame
//                         callback: everything the frame costs the main thread;
//              in WebGL   the part of it spent inside WebGL methods, the main
//                         thread waiting for the GPU process included; the
//                         methods that took most of it are listed (getParameter
//                         by what it reads);
//              script     outside minus in WebGL: the app's wasm and JS work;
//              app's own  state().last_frame_ms, the app's steady_clock around
//                         CitizenApp::draw_frame (its WebGL calls included),
//                         read after each frame.
//   idle     what happens in 5 s without input once the screen has settled,
//            after scrolling and with a field open for typing: the app's
//            frames_drawn, and counted from outside (so the figure does not
//            rest on the app's own counter) the requestAnimationFrame
//            callbacks, those of them that drew, and the WebGL draw calls
//            (draw*, clear).
//
// The outside figures come from an init script that runs before any script of
// the page: it wraps window.requestAnimationFrame and the methods of
// WebGL(2)RenderingContext.prototype. It changes nothing the app sees; it
// adds two performance.now() calls to every WebGL call.
//
// Targets, printed PASS or MISS: idle frames in 5 s = 0 (every count, both
// situations); frame p95 ≤ 16.7 ms (one frame at 60 Hz), outside and script.
// SwiftShader draws on this machine's CPU, in the GPU process, so time the main
// thread waits for the GPU shows "in WebGL" and is far from a phone's GPU; the
// script figure is the app's own work. Compare runs, not devices. Writes
// build/bench/frames-wasm.json and a screenshot of the page it measured.
//
// Environment (defaults relative to the repository): TOKHAI_SERVER_BIN
// (build/native/bin/tokhai-server), TOKHAI_WEB_ROOT (build/wasm/web),
// TOKHAI_BENCH_OUT (build/bench). Exits 0 whatever the figures; non-zero only
// when the benchmark cannot run.
import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The harness resolves playwright-core from tests/e2e/node_modules, and reads
// the environment set below only when it starts the server.
import {
  startServer, launchDevice, waitForState, tap, reveal, screenshot, phone,
} from '../e2e/lib/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.env.TOKHAI_SERVER_BIN ||= path.join(root, 'build/native/bin/tokhai-server');
process.env.TOKHAI_WEB_ROOT ||= path.join(root, 'build/wasm/web');
const outDir = path.resolve(process.env.TOKHAI_BENCH_OUT || path.join(root, 'build/bench'));
process.env.TOKHAI_E2E_OUT = outDir; // where the harness saves screenshots

const kIdleSeconds = 5;
const kFrameTargetMs = 1000 / 60;
const kDragsPerDirection = 3;   // drags down the page, then as many back up
const kDragCssPx = 360;         // finger travel of one drag
const kDragSteps = 18;          // touchmove events per drag, one frame each
const kTypedText = 'Nguyễn Thị Minh Khai Hoàng Lan Phương'; // one character per event

// Runs in the page before its own scripts (page.addInitScript).
function installFrameProbe() {
  const probe = {
    rafCallbacks: 0,   // every requestAnimationFrame callback of the page
    drawingFrames: 0,  // callbacks during which WebGL drew
    drawCalls: 0,      // every WebGL draw or clear, inside a frame or not
    phase: null,       // while set, each drawing frame is kept as a sample
    samples: [],
    webglMethods: {},  // name → { calls, ms } over the sampled frames
    waiters: [],
  };
  // Every WebGL method is timed (the time the main thread spends inside
  // WebGL, waiting on the GPU process included); draw calls are counted.
  const drawing = new Set(['drawElements', 'drawArrays', 'drawElementsInstanced',
    'drawArraysInstanced', 'drawRangeElements', 'clear']);
  let drawCallsThisFrame = 0;
  let webglMsThisFrame = 0;
  for (const context of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!context) continue;
    for (const name of Object.getOwnPropertyNames(context.prototype)) {
      const { value: original } = Object.getOwnPropertyDescriptor(context.prototype, name);
      if (typeof original !== 'function' || name === 'constructor') continue;
      const draws = drawing.has(name);
      context.prototype[name] = function timedWebGLCall(...args) {
        if (draws) {
          probe.drawCalls += 1;
          drawCallsThisFrame += 1;
        }
        const started = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          const ms = performance.now() - started;
          webglMsThisFrame += ms;
          if (probe.phase) {
            // getParameter is told apart by what it reads (its pname in hex).
            const key = name === 'getParameter' ? `getParameter(0x${args[0].toString(16)})` : name;
            const method = probe.webglMethods[key] ||= { calls: 0, ms: 0 };
            method.calls += 1;
            method.ms += ms;
          }
        }
      };
    }
  }
  const requestFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => requestFrame((time) => {
    drawCallsThisFrame = 0;
    webglMsThisFrame = 0;
    const started = performance.now();
    try {
      callback(time);
    } finally {
      const outsideMs = performance.now() - started;
      probe.rafCallbacks += 1;
      if (drawCallsThisFrame > 0) {
        probe.drawingFrames += 1;
        if (probe.phase) {
          // Read after the timed part: the app's own figure for this frame.
          const app = window.citizenApp.state();
          probe.samples.push({ phase: probe.phase, outside_ms: outsideMs, webgl_ms: webglMsThisFrame,
            script_ms: outsideMs - webglMsThisFrame, app_ms: app.last_frame_ms,
            frames_drawn: app.frames_drawn, draw_calls: drawCallsThisFrame });
        }
        const due = probe.waiters.filter((w) => probe.drawingFrames > w.after);
        probe.waiters = probe.waiters.filter((w) => !due.includes(w));
        for (const w of due) w.resolve(true);
      }
    }
  });
  // Resolves true once more than `after` frames have drawn, false after `timeoutMs`.
  probe.frameAfter = (after, timeoutMs) => new Promise((resolve) => {
    if (probe.drawingFrames > after) { resolve(true); return; }
    const waiter = { after, resolve };
    probe.waiters.push(waiter);
    setTimeout(() => {
      probe.waiters = probe.waiters.filter((w) => w !== waiter);
      resolve(false);
    }, timeoutMs);
  });
  Object.defineProperty(window, 'tokhaiFrameProbe', { value: probe });
}

// Every field of a page, those inside a repeat included.
function countFields(fields) {
  return fields.reduce((n, field) => n + 1 + (field.fields ? countFields(field.fields) : 0), 0);
}

// The page with the most fields over all forms; the first one on a tie.
async function largestPage() {
  const formsDir = path.join(root, 'forms');
  let best = null;
  for (const name of (await readdir(formsDir)).filter((n) => n.endsWith('.json')).sort()) {
    const form = JSON.parse(await readFile(path.join(formsDir, name), 'utf8'));
    form.pages.forEach((page, index) => {
      const fields = countFields(page.fields);
      if (!best || fields > best.fields) best = { form: form.id, index, page, fields };
    });
  }
  return best;
}

// Milliseconds to the microsecond, as the JSON keeps them.
const round = (ms) => Math.round(ms * 1000) / 1000;

// Samples sorted; p50 and p95 by nearest rank, as bench_forms computes them.
function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => round(sorted[Math.round(q * (sorted.length - 1))]);
  return sorted.length === 0 ? { p50: 0, p95: 0, max: 0, runs: 0 }
    : { p50: at(0.5), p95: at(0.95), max: at(1), runs: sorted.length };
}

const probeCounts = (page) => page.evaluate(() => {
  const p = window.tokhaiFrameProbe;
  return { raf_callbacks: p.rafCallbacks, drawing_frames: p.drawingFrames, draw_calls: p.drawCalls,
    frames_drawn: window.citizenApp.state().frames_drawn };
});

// Sends one input event through CDP and waits for the frame it causes.
async function inputFrame(browser, method, params) {
  const { page, cdp } = browser;
  const before = await page.evaluate(() => window.tokhaiFrameProbe.drawingFrames);
  await cdp.send(method, params);
  return page.evaluate((after) => window.tokhaiFrameProbe.frameAfter(after, 2000), before);
}

// A finger drag up (direction 1: the page scrolls down) or down (-1) through
// the middle of the screen, one frame per move, released without resting so
// the page glides; waits until the glide has stopped.
async function drag(browser, direction) {
  const { device } = browser;
  const x = device.width / 2;
  const from = device.height / 2 + (direction * kDragCssPx) / 2;
  const step = (-direction * kDragCssPx) / kDragSteps;
  await inputFrame(browser, 'Input.dispatchTouchEvent',
    { type: 'touchStart', touchPoints: [{ x, y: from }] });
  for (let i = 1; i <= kDragSteps; i += 1) {
    await inputFrame(browser, 'Input.dispatchTouchEvent',
      { type: 'touchMove', touchPoints: [{ x, y: from + step * i }] });
  }
  await inputFrame(browser, 'Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  return waitForState(browser.page, () => true, 'the end of the glide');
}

// Answers each choice on the page that other fields' `relevant` mentions with
// its first choice, so the page shows the fields a citizen would go on to fill.
async function revealDependentFields(browser, definition) {
  const relevance = definition.fields.map((f) => f.relevant || '').join(' ');
  const answered = [];
  for (const field of definition.fields) {
    if (field.type !== 'single_choice' || !new RegExp(`\\b${field.id}\\b`).test(relevance)) continue;
    const code = field.choices[0].code;
    const s = await reveal(browser, `field:${field.id}:${code}`);
    await tap(browser.page, s, `field:${field.id}:${code}`);
    await waitForState(browser.page, (x) => x.form.answers[field.id] === code, `${field.id} = ${code}`);
    answered.push(`${field.id}=${code}`);
  }
  return answered;
}

// Opens form `formId` from the catalogue and goes forward to page `index`.
// Where the app keeps drafts in a person's vault and asks whose papers these
// are, a vault is made first, as the browser tests make one.
async function openPage(browser, server, formId, index) {
  const { page } = browser;
  await page.goto(server.url);
  await waitForState(page, (x) => x.forms.length > 0 && (!x.vault || x.vault.storage === 'ready'),
    'the catalogue');
  let s = await reveal(browser, `form:${formId}`);
  await tap(page, s, `form:${formId}`);
  await waitForState(page, (x) => x.controls.some((c) => c.id === 'start'), 'the procedure');
  s = await reveal(browser, 'start');
  await tap(page, s, 'start');
  s = await waitForState(page, (x) => x.screen === 'form' || x.screen === 'vault', 'the form');
  if (s.screen === 'vault') {
    const { createVault } = await import('../e2e/lib/vault.js');
    await createVault(browser, 'Chị Lan', '135790');
  }
  s = await waitForState(page, (x) => x.screen === 'form' && x.form.page.index === 0, 'page 1');
  for (let i = 1; i <= index; i += 1) {
    s = await reveal(browser, 'page:next');
    await tap(page, s, 'page:next');
    s = await waitForState(page, (x) => x.form.page.index === i, `page ${i + 1}`);
  }
  return s;
}

// kIdleSeconds without input, counted by the app and from outside.
async function idle(page, situation) {
  await waitForState(page, () => true, `${situation}: the screen settled`);
  const before = await probeCounts(page);
  await page.waitForTimeout(kIdleSeconds * 1000);
  const after = await probeCounts(page);
  const delta = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
  return { situation, seconds: kIdleSeconds, app_frames_drawn: delta.frames_drawn,
    drawing_frames: delta.drawing_frames, draw_calls: delta.draw_calls,
    raf_callbacks: delta.raf_callbacks };
}

// The whole run on page `target`; resolves to the figures frames-wasm.json holds.
async function measure(browser, server, target) {
  const { page } = browser;
  await page.addInitScript(installFrameProbe);
  await openPage(browser, server, target.form, target.index);
  const answered = await revealDependentFields(browser, target.page);
  await reveal(browser, `field:${target.page.fields[0].id}`);
  const shown = new Set(); // the page's fields seen on screen while scrolling
  const noteShownFields = (current) => current.controls.filter((c) => c.id.startsWith('field:'))
    .forEach((c) => shown.add(c.id.split(':')[1]));

  await page.evaluate(() => { window.tokhaiFrameProbe.phase = 'scroll'; });
  for (const direction of [1, -1]) {
    for (let i = 0; i < kDragsPerDirection; i += 1) noteShownFields(await drag(browser, direction));
  }
  await page.evaluate(() => { window.tokhaiFrameProbe.phase = null; });
  const idleAfterScroll = await idle(page, 'page at rest after scrolling');

  const textField = target.page.fields.find((f) => f.type === 'text');
  const s = await reveal(browser, `field:${textField.id}`);
  await tap(page, s, `field:${textField.id}`);
  await waitForState(page, (x) => x.form.editing && x.form.editing.key === `field:${textField.id}`,
    `editing ${textField.id}`);
  await page.evaluate(() => { window.tokhaiFrameProbe.phase = 'typing'; });
  for (const character of kTypedText) {
    await inputFrame(browser, 'Input.insertText', { text: character });
  }
  await waitForState(page,
    (x) => x.form.editing && x.form.editing.text.normalize('NFC') === kTypedText.normalize('NFC'),
    `"${kTypedText}" typed`);
  await page.evaluate(() => { window.tokhaiFrameProbe.phase = null; });
  await screenshot(page, 'frames-page.png');
  const idleWhileTyping = await idle(page, 'field open for typing, no key pressed');

  const { samples, webglMethods } = await page.evaluate(
    () => ({ samples: window.tokhaiFrameProbe.samples, webglMethods: window.tokhaiFrameProbe.webglMethods }));
  const frameDeltas = samples.slice(1).flatMap((x, i) =>
    (x.phase === samples[i].phase ? [x.frames_drawn - samples[i].frames_drawn] : []));
  const phases = ['scroll', 'typing'];
  const figures = (list) => ({ outside_ms: summarize(list.map((x) => x.outside_ms)),
    webgl_ms: summarize(list.map((x) => x.webgl_ms)), script_ms: summarize(list.map((x) => x.script_ms)),
    app_ms: summarize(list.map((x) => x.app_ms)) });
  const webglTotalMs = Object.values(webglMethods).reduce((sum, m) => sum + m.ms, 0);
  return {
    build: 'wasm',
    browser: await page.context().browser().version(),
    device: { css_width: phone.width, css_height: phone.height,
      device_pixel_ratio: phone.deviceScaleFactor, touch: phone.touch },
    page: { form: target.form, index: target.index, id: target.page.id, fields: target.fields,
      answered, fields_drawn: shown.size },
    frames: {
      ...figures(samples),
      phases: Object.fromEntries(phases.map((p) => [p, figures(samples.filter((x) => x.phase === p))])),
      // 1 everywhere when each drawing callback is exactly one app frame.
      app_frames_per_drawing_frame: summarize(frameDeltas),
      draw_calls_per_frame: summarize(samples.map((x) => x.draw_calls)),
      // Where the time inside WebGL went, the costliest methods first.
      webgl_methods: Object.entries(webglMethods).sort(([, a], [, b]) => b.ms - a.ms).slice(0, 10)
        .map(([name, m]) => ({ name, calls: m.calls, ms: round(m.ms), share: round(m.ms / webglTotalMs) })),
      samples: samples.map((x) => ({ ...x, outside_ms: round(x.outside_ms), webgl_ms: round(x.webgl_ms),
        script_ms: round(x.script_ms), app_ms: round(x.app_ms) })),
    },
    idle: [idleAfterScroll, idleWhileTyping],
    problems: browser.problems,
  };
}

function report(result) {
  const { frames, idle: idleRuns, page } = result;
  const ms = (s) => `${s.p50.toFixed(2).padStart(7)} /${s.p95.toFixed(2).padStart(7)}`;
  console.log();
  console.log(`frames: ${page.form} page ${page.index + 1} "${page.id}", ${page.fields} fields ` +
    `(${page.fields_drawn} drawn while scrolling; answered: ${page.answered.join(', ') || 'none'}), ` +
    `Chromium ${result.browser}, ${result.device.css_width}x${result.device.css_height} ` +
    `@${result.device.device_pixel_ratio}, touch`);
  console.log('frame ms, p50 / p95 (max and every sample in the JSON):');
  const columns = ['outside', 'in WebGL', 'script', "app's own"].map((c) => c.padStart(16));
  console.log(`${'phase'.padEnd(8)} ${'frames'.padStart(6)} ${columns.join(' ')}`);
  for (const [name, f] of [...Object.entries(frames.phases), ['all', frames]]) {
    const cells = [f.outside_ms, f.webgl_ms, f.script_ms, f.app_ms].map((x) => ms(x).padStart(16));
    console.log(`${name.padEnd(8)} ${String(f.outside_ms.runs).padStart(6)} ${cells.join(' ')}`);
  }
  console.log(`time in WebGL: ${frames.webgl_methods.slice(0, 3)
    .map((m) => `${m.name} ${(100 * m.share).toFixed(0)}% (${m.calls} calls)`).join(', ')}`);
  console.log();
  console.log(`${'idle 5 s'.padEnd(40)} ${'app frames'.padStart(10)} ${'drawing rAF'.padStart(11)} ` +
    `${'draw calls'.padStart(10)} ${'all rAF'.padStart(8)}`);
  for (const run of idleRuns) {
    console.log(`${run.situation.padEnd(40)} ${String(run.app_frames_drawn).padStart(10)} ` +
      `${String(run.drawing_frames).padStart(11)} ${String(run.draw_calls).padStart(10)} ` +
      `${String(run.raf_callbacks).padStart(8)}`);
  }
  const checks = [
    ...idleRuns.map((run) => [`idle frames in ${run.seconds} s = 0 (${run.situation})`,
      run.app_frames_drawn === 0 && run.drawing_frames === 0 && run.draw_calls === 0,
      `app ${run.app_frames_drawn}, outside ${run.drawing_frames} frames / ${run.draw_calls} draw calls`]),
    ...[['outside', frames.outside_ms], ['script', frames.script_ms]].map(([clock, s]) => [
      `frame CPU p95 ≤ ${kFrameTargetMs.toFixed(1)} ms (${clock})`, s.p95 <= kFrameTargetMs,
      `median ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms over ${s.runs} frames`]),
  ];
  console.log();
  for (const [name, passed, detail] of checks) console.log(`${passed ? 'PASS' : 'MISS'}  ${name}: ${detail}`);
}

const target = await largestPage();
let server;
let browser;
try {
  server = await startServer();
  browser = await launchDevice(phone);
  const result = await measure(browser, server, target);
  if (result.problems.length > 0) {
    throw new Error(`the page reported problems:\n${result.problems.join('\n')}`);
  }
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, 'frames-wasm.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  report(result);
  console.log();
  console.log(`bench: figures in ${path.relative(process.cwd(), file)}`);
} catch (error) {
  console.error(`frame_bench: ${error.stack || error}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  if (server) await server.stop();
}
