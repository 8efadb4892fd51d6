// New form versions from the server (issue 8): the server serves a forms
// folder with a version of the birth registration the app does not bundle
// (the shipped file with "version" 2026.1, written to a temporary folder).
// The app fetches the signed catalogue, verifies it with its pinned key,
// downloads the new definition, checks its size and hash, and offers it for
// new filings; the page loaded again with no network still offers it (it is
// kept in IndexedDB). A server whose key is not the one pinned in the app
// gets its list refused: the app keeps its forms and tells the volunteer in
// Settings. Screenshots under build/e2e/form-updates/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startServer, launchPhone, waitForState, reveal, tap, screenshot, paths, repoRoot,
} from './lib/harness.js';

const kFormId = 'ho-tich.khai-sinh';
const kBundled = '2024.1';
const kNew = '2026.1';

let server;
let browser;
let formsDir;
let webRoot;
const shot = (name) => screenshot(browser.page, `form-updates/${name}.png`);

async function setOffline(offline) {
  await browser.cdp.send('Network.enable');
  await browser.cdp.send('Network.emulateNetworkConditions',
    { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

const offered = (s) => s.forms.find((f) => f.id === kFormId);

before(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'tokhai-form-updates-'));
  formsDir = path.join(root, 'forms');
  webRoot = path.join(root, 'web');
  // The server's forms: the shipped ones, and the birth registration again as 2026.1.
  await cp(path.join(repoRoot, 'forms'), formsDir, { recursive: true });
  const bundled = await readFile(path.join(repoRoot, 'forms', `${kFormId}.json`), 'utf8');
  const newer = bundled.replace(`"version": "${kBundled}"`, `"version": "${kNew}"`);
  assert.notEqual(newer, bundled);
  await writeFile(path.join(formsDir, `${kFormId}.${kNew}.json`), newer);
  await writeFile(path.join(formsDir, 'catalogue-serial'), '2\n');
  // A copy of the web app, so the service worker's caches are this test's own.
  await cp(paths.webRoot(), webRoot, { recursive: true, preserveTimestamps: true });
  server = await startServer({ env: { FORMS_DIR: formsDir, WEB_ROOT: webRoot } });
  browser = await launchPhone();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
  if (formsDir) await rm(path.dirname(formsDir), { recursive: true, force: true });
});

test('the server lists the new version in its signed catalogue', async () => {
  const answer = await fetch(`${server.url}/api/v1/forms/catalogue`);
  assert.equal(answer.status, 200);
  const catalogue = await answer.json();
  assert.equal(catalogue.format, 'tokhai-form-catalogue/1');
  assert.equal(catalogue.serial, 2);
  const versions = catalogue.forms.filter((f) => f.id === kFormId).map((f) => f.version);
  assert.deepEqual(versions, [kBundled, kNew]);
  assert.match(catalogue.signature, /^[A-Za-z0-9+/]{86}==$/);
  // The same forms as the unsigned list.
  const listed = await (await fetch(`${server.url}/api/v1/forms`)).json();
  assert.deepEqual(catalogue.forms.map((f) => `${f.id}@${f.version}`),
    listed.forms.map((f) => `${f.id}@${f.version}`));
  const definition = await fetch(`${server.url}/api/v1/forms/${kFormId}/${kNew}`);
  assert.equal(definition.status, 200);
  assert.equal(await definition.text(),
    await readFile(path.join(formsDir, `${kFormId}.${kNew}.json`), 'utf8'));
});

test('the app fetches the new version, verifies it and offers it for new filings', async () => {
  const { page, problems } = browser;
  await page.goto(server.url);
  let s = await waitForState(page, (x) => offered(x)?.version === kNew && x.form_updates.durable,
    'the new version offered and stored', 30000);
  assert.equal(s.form_updates.last_error, null);
  assert.equal(s.form_updates.serial, 2);
  assert.deepEqual(s.form_updates.installed, [{ id: kFormId, version: kNew }]);
  assert.deepEqual(s.form_updates.form_errors, []);
  assert.equal(s.forms.filter((f) => f.id === kFormId).length, 1, 'one card per procedure');
  assert.deepEqual(s.catalogue_errors, []);
  await shot('01-catalogue');

  // A new filing opens the new version.
  s = await reveal(browser, `form:${kFormId}`);
  await tap(page, s, `form:${kFormId}`);
  s = await waitForState(page, (x) => x.screen === 'intro', 'the procedure');
  assert.equal(s.form.id, kFormId);
  assert.equal(s.form.version, kNew);
  await shot('02-intro');
  assert.deepEqual(problems, []);
});

test('offline, the page loaded again still offers the downloaded version', async () => {
  const { page, problems } = browser;
  // The service worker has the shell before the network goes.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await setOffline(true);
  await page.reload();
  const s = await waitForState(page,
    (x) => x.vault.storage === 'ready' && offered(x)?.version === kNew,
    'the downloaded version offline', 30000);
  assert.deepEqual(s.form_updates.installed, [{ id: kFormId, version: kNew }]);
  // The last good check was minutes ago: none is made now, so nothing failed.
  assert.equal(s.form_updates.last_error, null);
  assert.equal(s.form_updates.state, 'idle');
  await shot('03-offline');
  await setOffline(false);
  assert.deepEqual(problems, []);
});

test('a list signed by a key the app does not pin is refused; the forms stay', async () => {
  // Another server key: the keys file and the secret of an impostor.
  const root = path.dirname(formsDir);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const b64 = (url) => Buffer.from(url, 'base64url').toString('base64');
  const keys = JSON.parse(await readFile(path.join(repoRoot, 'config/dev/public-keys.json'), 'utf8'));
  keys.server.signing_public_key = b64(publicKey.export({ format: 'jwk' }).x);
  await writeFile(path.join(root, 'impostor-keys.json'), JSON.stringify(keys, null, 2));
  await writeFile(path.join(root, 'impostor.secret.json'), JSON.stringify({
    format: 'tokhai-server-secret/1', signing_seed: b64(privateKey.export({ format: 'jwk' }).d),
  }), { mode: 0o600 });
  const impostor = await startServer({
    env: {
      FORMS_DIR: formsDir,
      KEYS_FILE: path.join(root, 'impostor-keys.json'),
      SERVER_SECRET_FILE: path.join(root, 'impostor.secret.json'),
    },
  });
  const phone = await launchPhone();
  try {
    const { page, problems } = phone;
    await page.goto(impostor.url);
    let s = await waitForState(page,
      (x) => x.form_updates.last_error?.code === 'form_catalogue.bad_signature',
      'the list refused', 30000);
    assert.equal(offered(s).version, kBundled);
    assert.deepEqual(s.form_updates.installed, []);
    assert.equal(s.form_updates.serial, 0);
    s = await reveal(phone, 'settings');
    await tap(page, s, 'settings');
    s = await waitForState(page, (x) => x.screen === 'settings', 'settings');
    // The note is under "storage", at the end of the page: drag up to it.
    for (let i = 0; i < 20 && s.scroll.y < s.scroll.max; i += 1) {
      await phone.cdp.send('Input.dispatchTouchEvent',
        { type: 'touchStart', touchPoints: [{ x: 180, y: 600 }] });
      for (let y = 560; y >= 200; y -= 60) {
        await phone.cdp.send('Input.dispatchTouchEvent',
          { type: 'touchMove', touchPoints: [{ x: 180, y }] });
      }
      await page.waitForTimeout(120);
      await phone.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      s = await waitForState(page, () => true, 'scrolling');
    }
    await screenshot(page, 'form-updates/04-refused-settings.png');
    assert.deepEqual(problems, []);
  } finally {
    await phone.close();
    await impostor.stop();
  }
});
