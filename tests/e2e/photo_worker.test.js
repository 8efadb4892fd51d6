// The photo worker (web/photo-worker.js running src/photo's module) in the
// app's page, online and then with no network.
//
// The test starts the worker from the page the way
// platform/web/web_photos.cpp does (new Worker("photo-worker.js"), then
// {init: the hashed photo.js and photo.wasm of <meta name="tokhai-assets">})
// and posts jobs in the same message protocol, since the app's C++ side is
// not reachable from JavaScript. The photos are real JPEGs the browser makes
// (OffscreenCanvas): a page with a black square in its top-left corner.
//
// - prepare: the answer is a JPEG (FF D8) of at most 1600 pixels on the long
//   edge, and a thumbnail of at most 192 whose RGB has width × height × 3
//   bytes, dark in the corner of the square and light in the opposite one;
// - thumbnail of that JPEG: the same thumbnail size;
// - a file that is not a picture: media.not_image with both messages;
// - a worker whose module cannot load: every job photo.unavailable, then
//   {broken};
// - offline (Network.emulateNetworkConditions, and the server stopped) after
//   the first visit: the reloaded page's worker comes from the service
//   worker's cache and prepares a photo again.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchPhone, waitForState } from './lib/harness.js';

const usable = (x) => x.forms.length > 0 && x.vault.storage === 'ready';

// Installs window.photoTest in the page: `worker(init?)` starts a photo
// worker and returns run(job, bytes) → the answer's summary (typed arrays do
// not leave the page) and the answer itself in `last`; `jpeg(w, h)` draws a
// page and encodes it as the camera would.
async function installPhotoTest(page) {
  await page.evaluate(() => {
    const summary = (answer) => {
      const thumb = answer.thumb;
      // Mean tone of a 10 % square of the thumbnail at (fx, fy) of its size.
      const tone = (fx, fy) => {
        const side = Math.max(1, Math.round(thumb.width / 10));
        const x0 = Math.round(fx * (thumb.width - side));
        const y0 = Math.round(fy * (thumb.height - side));
        let sum = 0;
        for (let y = y0; y < y0 + side; ++y) {
          for (let x = x0; x < x0 + side; ++x) {
            const at = (y * thumb.width + x) * 3;
            sum += (thumb.rgb[at] + thumb.rgb[at + 1] + thumb.rgb[at + 2]) / 3;
          }
        }
        return sum / (side * side);
      };
      return {
        ticket: answer.ticket,
        ok: answer.ok,
        width: answer.width,
        height: answer.height,
        jpeg: answer.jpeg ? { head: [answer.jpeg[0], answer.jpeg[1]], bytes: answer.jpeg.length } : null,
        thumb: thumb ? {
          width: thumb.width, height: thumb.height, rgbBytes: thumb.rgb.length,
          topLeft: tone(0, 0), bottomRight: tone(1, 1),
        } : null,
        error: answer.error,
      };
    };
    window.photoTest = {
      worker(init) {
        const assets = JSON.parse(document.querySelector('meta[name="tokhai-assets"]').content);
        const worker = new Worker('photo-worker.js');
        const waiting = new Map();
        const handle = { broken: null, last: null, worker };
        worker.onmessage = (event) => {
          if (event.data.broken) { handle.broken = event.data.broken; return; }
          handle.last = event.data;
          const resolve = waiting.get(event.data.ticket);
          waiting.delete(event.data.ticket);
          if (resolve) resolve(summary(event.data));
        };
        worker.onerror = (event) => { handle.broken = `error event: ${event.message}`; };
        worker.postMessage({ init: init || { script: assets['photo.js'], wasm: assets['photo.wasm'] } });
        let tickets = 0;
        handle.run = (job, bytes) => new Promise((resolve) => {
          const ticket = ++tickets;
          waiting.set(ticket, resolve);
          worker.postMessage({ ticket, job, bytes }, [bytes]);
        });
        return handle;
      },
      async jpeg(width, height) {
        const canvas = new OffscreenCanvas(width, height);
        const g = canvas.getContext('2d');
        g.fillStyle = '#f5f5f0';
        g.fillRect(0, 0, width, height);
        g.fillStyle = '#141414';
        const side = Math.round(Math.min(width, height) / 5);
        g.fillRect(0, 0, side, side);
        g.font = `${Math.round(height / 20)}px sans-serif`;
        for (let line = 0; line < 6; ++line) {
          g.fillText('GIẤY CHỨNG SINH — Họ và tên mẹ: Nguyễn Thị Hoà', width * 0.1, height * (0.35 + line * 0.08));
        }
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
        return blob.arrayBuffer();
      },
    };
  });
}

// A photo prepared, its JPEG thumbnailed, a text file refused: the answers.
function exercise(page) {
  return page.evaluate(async () => {
    const photos = window.photoTest.worker();
    const file = await window.photoTest.jpeg(2400, 1800);
    const fileBytes = file.byteLength;
    const start = performance.now();
    const prepared = await photos.run('prepare', file);
    const prepareMs = Math.round(performance.now() - start);
    const jpeg = photos.last.jpeg.slice().buffer;
    const thumbnail = await photos.run('thumbnail', jpeg);
    const text = new TextEncoder().encode('Đây không phải là ảnh.').buffer;
    const refused = await photos.run('prepare', text);
    photos.worker.terminate();
    return { fileBytes, prepareMs, prepared, thumbnail, refused, broken: photos.broken };
  });
}

function checkAnswers(answers) {
  const { prepared, thumbnail, refused } = answers;
  assert.equal(answers.broken, null);
  assert.ok(answers.fileBytes > 10000, `a real photo: ${answers.fileBytes} bytes`);

  assert.equal(prepared.ok, true, JSON.stringify(prepared.error));
  assert.equal(prepared.error, null);
  assert.deepEqual(prepared.jpeg.head, [0xFF, 0xD8]);
  assert.ok(prepared.jpeg.bytes <= 300 * 1024, `${prepared.jpeg.bytes} bytes`);
  assert.deepEqual([prepared.width, prepared.height], [1600, 1200]);
  assert.deepEqual([prepared.thumb.width, prepared.thumb.height], [192, 144]);
  assert.equal(prepared.thumb.rgbBytes, 192 * 144 * 3);
  assert.ok(prepared.thumb.topLeft < 60, `the black square: ${prepared.thumb.topLeft}`);
  assert.ok(prepared.thumb.bottomRight > 200, `the paper: ${prepared.thumb.bottomRight}`);

  assert.equal(thumbnail.ok, true, JSON.stringify(thumbnail.error));
  assert.equal(thumbnail.jpeg, null);
  assert.deepEqual([thumbnail.thumb.width, thumbnail.thumb.height], [192, 144]);
  assert.equal(thumbnail.thumb.rgbBytes, 192 * 144 * 3);
  assert.ok(thumbnail.thumb.topLeft < 60);
  assert.ok(thumbnail.thumb.bottomRight > 200);

  assert.equal(refused.ok, false);
  assert.equal(refused.jpeg, null);
  assert.equal(refused.thumb, null);
  assert.deepEqual(refused.error, {
    code: 'media.not_image',
    vi: 'Tệp này không phải ảnh JPEG hoặc PNG. Hãy chọn ảnh chụp giấy tờ.',
    en: 'This file is not a JPEG or PNG picture. Choose a photo of the paper.',
  });
}

describe('the photo worker prepares photos in the page, online and offline', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchPhone();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  });

  test('online: a photo prepared, its thumbnail, a file that is not a picture', async (t) => {
    const { page, problems } = browser;
    await page.goto(server.url);
    await waitForState(page, usable, 'the app', 60000);
    await installPhotoTest(page);
    const answers = await exercise(page);
    t.diagnostic(`a ${answers.fileBytes}-byte 2400 × 1800 JPEG prepared in ${answers.prepareMs} ms ` +
      '(worker and module started on the way)');
    checkAnswers(answers);
    assert.deepEqual(problems, []);
  });

  test('a worker whose module cannot load answers every job photo.unavailable', async () => {
    const { page } = browser;
    // No photo.js at all; then the real photo.js without its photo.wasm (the
    // module aborts while starting).
    const missing = 'photo.0000000000000000';
    for (const init of [{ script: `${missing}.js`, wasm: `${missing}.wasm` }, { wasm: `${missing}.wasm` }]) {
      const answers = await page.evaluate(async (given) => {
        const assets = JSON.parse(document.querySelector('meta[name="tokhai-assets"]').content);
        const photos = window.photoTest.worker({ script: assets['photo.js'], ...given });
        const first = await photos.run('prepare', await window.photoTest.jpeg(64, 48));
        const later = await photos.run('thumbnail', new Uint8Array([0xFF, 0xD8]).buffer);
        photos.worker.terminate();
        return { first, later, broken: photos.broken };
      }, init);
      for (const answer of [answers.first, answers.later]) {
        assert.equal(answer.ok, false);
        assert.equal(answer.error.code, 'photo.unavailable');
      }
      assert.match(answers.broken, new RegExp(init.script ? `${missing}\\.js` : 'photo module'));
    }
  });

  test('offline after the first visit: the reloaded page still prepares photos', async () => {
    const { page, cdp, problems } = browser;
    const controlled = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 100 && !navigator.serviceWorker.controller; ++i) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return !!navigator.serviceWorker.controller;
    });
    assert.equal(controlled, true, 'the service worker controls the page');
    // The worker's files are in its cache, where the offline page finds them.
    const listed = await (await fetch(`${server.url}/shell.json`)).json();
    assert.equal(listed.after_usable.length, 3);
    const cached = await page.evaluate(async (names) => {
      const cache = await caches.open((await caches.keys()).find((n) => n.startsWith('tokhai-shell-')));
      return Promise.all(names.map(async (name) => !!(await cache.match(name))));
    }, listed.after_usable);
    assert.deepEqual(cached, [true, true, true], listed.after_usable.join(', '));
    await server.stop();
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions',
      { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    problems.length = 0;
    await page.reload();
    await waitForState(page, usable, 'the app offline', 60000);
    await installPhotoTest(page);
    checkAnswers(await exercise(page));
    assert.deepEqual(problems.filter((p) => !p.includes('net::ERR_INTERNET_DISCONNECTED')), []);
  });
});
