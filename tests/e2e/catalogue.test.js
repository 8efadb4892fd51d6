// The catalogue on a phone: the app loads from tokhai-server, shows the
// procedures in Vietnamese, crisp at DPR 3, and a finger tap opens one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchPhone, waitForState, tap, screenshot, state, phone,
} from './lib/harness.js';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchPhone();
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const { code } = await server.stop();
    assert.equal(code, 0, 'the server stops cleanly on SIGINT');
  }
});

test('the catalogue lists the procedures in Vietnamese', async () => {
  const { page, problems } = browser;
  await page.goto(server.url);
  const current = await waitForState(page, (s) => s.forms.length > 0 && s.vault.storage === 'ready',
    'the catalogue');
  assert.equal(current.screen, 'catalogue');
  assert.equal(current.language, 'vi');
  const birth = current.forms.find((f) => f.id === 'ho-tich.khai-sinh');
  assert.ok(birth, 'the birth registration form is listed');
  assert.equal(birth.title, 'Tờ khai đăng ký khai sinh');
  assert.deepEqual(current.catalogue_errors, []);
  assert.deepEqual(problems, []);
  await screenshot(page, 'catalogue.png');
});

test('the canvas is drawn at the device pixel ratio', async () => {
  const { page } = browser;
  const current = await state(page);
  assert.equal(current.viewport.device_pixel_ratio, phone.deviceScaleFactor);
  assert.equal(current.viewport.css_width, phone.width);
  const size = await page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    return { width: canvas.width, height: canvas.height };
  });
  assert.deepEqual(size, {
    width: phone.width * phone.deviceScaleFactor,
    height: phone.height * phone.deviceScaleFactor,
  });
});

test('every control is a tap target of at least 44 CSS px', async () => {
  const current = await state(browser.page);
  assert.ok(current.controls.length > 0);
  for (const c of current.controls) {
    assert.ok(c.rect.height >= 44, `${c.id} is ${c.rect.height} px tall`);
    assert.ok(c.rect.width >= 44, `${c.id} is ${c.rect.width} px wide`);
  }
});

test('an idle app draws no frames', async () => {
  const { page } = browser;
  const before_ = await state(page);
  await page.waitForTimeout(600);
  const after_ = await state(page);
  assert.equal(after_.frames_drawn, before_.frames_drawn);
});

test('a finger tap on a procedure opens its details, and back returns', async () => {
  const { page, problems } = browser;
  let current = await state(page);
  await tap(page, current, 'form:ho-tich.khai-sinh');
  current = await waitForState(page, (s) => s.screen === 'intro', 'the form details');
  assert.equal(current.form.id, 'ho-tich.khai-sinh');
  await screenshot(page, 'form-intro.png');

  await tap(page, current, 'back');
  current = await waitForState(page, (s) => s.screen === 'catalogue', 'back to the catalogue');
  assert.equal(current.form, null);
  assert.deepEqual(problems, []);
});

test('the language button switches to English and back', async () => {
  const { page } = browser;
  let current = await state(page);
  await tap(page, current, 'language');
  current = await waitForState(page, (s) => s.language === 'en', 'English');
  assert.equal(current.forms.find((f) => f.id === 'ho-tich.khai-sinh').title,
    'Birth registration declaration');
  assert.equal(current.controls.find((c) => c.id === 'language').label, 'Tiếng Việt');

  await tap(page, current, 'language');
  current = await waitForState(page, (s) => s.language === 'vi', 'Vietnamese again');
  assert.equal(current.forms.find((f) => f.id === 'ho-tich.khai-sinh').title,
    'Tờ khai đăng ký khai sinh');
});
