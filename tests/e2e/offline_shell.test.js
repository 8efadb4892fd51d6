// The app shell with no network, and an update between two builds.
//
// The server serves a copy of the built app (build A). A first visit online
// installs the service worker (web/sw.js), which precaches the whole shell; a
// draft is started. Then the browser goes offline
// (Network.emulateNetworkConditions) and the page is loaded again: every
// response comes from the service worker, the vault unlocks, the draft is
// continued and finished, and the filing is signed into the outbox; a second
// draft is started.
//
// Build B is then made from A's files by web/build_shell.py with another
// build stamp (same app code, a new service worker version: what the browser
// sees of any new release) and served in place of A. The page finds it,
// shows "Có phiên bản mới", and once "Cập nhật" is tapped switches only when
// no field is being edited. In build B the second draft and the queued
// filing are intact; back online the filing is sent and its receipt
// verified. Screenshots under build/e2e/offline/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  startServer, launchPhone, waitForState, tap, reveal, screenshot, paths, repoRoot,
} from './lib/harness.js';
import {
  fillBirthRegistrationFromPage2, openBirthAsNewPerson, pickCommune, nextPage, focusField,
} from './lib/form_steps.js';
import { unlockVault } from './lib/vault.js';

async function setOffline(browser, offline) {
  await browser.cdp.send('Network.enable');
  await browser.cdp.send('Network.emulateNetworkConditions',
    { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

// The active service worker's build and the shell caches, once it is active.
async function serviceWorker(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    const reply = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
    registration.active.postMessage({ type: 'version' }, [channel.port2]);
    const { build } = await reply;
    const names = await caches.keys();
    const cached = names.length === 1 ? (await (await caches.open(names[0])).keys()).length : 0;
    return { build, names, cached, controlled: !!navigator.serviceWorker.controller };
  });
}

const run = promisify(execFile);

describe('the app opens, unlocks and files with no network once it has loaded', () => {
  let server;
  let browser;
  let webRoot;
  const shot = (name) => screenshot(browser.page, `offline/${name}.png`);

  before(async () => {
    webRoot = path.join(await mkdtemp(path.join(tmpdir(), 'tokhai-shell-')), 'web');
    await cp(paths.webRoot(), webRoot, { recursive: true, preserveTimestamps: true });
    server = await startServer({ env: { WEB_ROOT: webRoot } });
    browser = await launchPhone();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (webRoot) await rm(path.dirname(webRoot), { recursive: true, force: true });
  });

  test('first visit online, then offline: reload, unlock, continue, queue; online: sent', async () => {
    const { page, problems } = browser;
    // First visit: a new person, a birth registration started on page 1.
    let s = await openBirthAsNewPerson(browser, server.url, 'Anh Tuấn', '246802');
    await pickCommune(browser, 'addressee_commune', 'vinh yen', '08707');
    await nextPage(browser, 1);
    s = await waitForState(page, (x) => x.vault.save.status === 'saved', '"Đã lưu"');
    const draftId = s.vault.save.draft;

    // The service worker is active and its cache holds the whole shell.
    const sw = await serviceWorker(page);
    assert.match(sw.build, /^[0-9a-f]{16}$/);
    assert.deepEqual(sw.names, [`tokhai-shell-${sw.build}`]);
    const listed = await (await fetch(`${server.url}/shell.json`)).json();
    assert.equal(listed.version, sw.build, 'the worker is this build\'s');
    assert.equal(sw.cached, listed.shell.length, 'every shell file precached');

    // The network goes; the page is loaded again.
    await setOffline(browser, true);
    const responses = [];
    const onResponse = (e) => responses.push({
      url: e.response.url, fromServiceWorker: e.response.fromServiceWorker,
    });
    browser.cdp.on('Network.responseReceived', onResponse);
    await page.reload();
    s = await waitForState(page, (x) => x.forms.length > 0 && x.vault.storage === 'ready',
      'the app offline', 30000);
    browser.cdp.off('Network.responseReceived', onResponse);
    assert.ok(responses.length >= 5, `responses: ${JSON.stringify(responses)}`);
    assert.deepEqual(responses.filter((r) => !r.fromServiceWorker), [],
      'everything came from the service worker');
    assert.equal(s.outbox.online, false);
    await shot('01-opened-offline');

    // Unlock, continue the draft where it was, finish it.
    await tap(page, s, 'people');
    s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.people.length === 1,
      'whose papers');
    await tap(page, s, `vault:${s.vault.screens.people[0].id}`);
    s = await unlockVault(browser, '246802');
    assert.equal(s.vault.unlocked, true);
    assert.deepEqual(s.vault.drafts.map((d) => d.id), [draftId]);
    s = await reveal(browser, `draft:${draftId}`);
    await tap(page, s, `draft:${draftId}`);
    s = await waitForState(page, (x) => x.screen === 'form', 'the draft');
    assert.equal(s.form.answers.addressee_commune, '08707');
    if (s.form.page.index === 0) await nextPage(browser, 1);
    s = await fillBirthRegistrationFromPage2(browser,
      { requester: 'Lê Văn Tuấn', id: '001203004567', child: 'Lê Minh An' });
    await shot('02-ready-offline');

    // Sign: it waits in the outbox.
    s = await reveal(browser, 'ready:sign');
    await tap(page, s, 'ready:sign');
    s = await waitForState(page, (x) => x.screen === 'send', 'the "Ký và gửi" page');
    s = await reveal(browser, 'send:declaration');
    await tap(page, s, 'send:declaration');
    s = await waitForState(page, (x) => x.send && x.send.declared, 'the declaration ticked');
    s = await reveal(browser, 'send:sign');
    await tap(page, s, 'send:sign');
    s = await waitForState(page, (x) => x.screen === 'outbox_item' && x.outbox.items.length === 1 &&
      x.outbox.items[0].state === 'queued', 'the filing queued');
    assert.equal(s.outbox.items[0].reason, 'network.offline');
    await shot('03-queued-offline');
    queued = s.outbox.items[0].id;

    // A second draft, still offline: the birth registration again, page 1.
    for (let i = 0; i < 4 && s.screen !== 'catalogue'; ++i) {
      const from = s.screen;
      s = await reveal(browser, 'back');
      await tap(page, s, 'back');
      s = await waitForState(page, (x) => x.screen !== from || x.screen === 'catalogue', 'back');
    }
    assert.equal(s.screen, 'catalogue');
    s = await reveal(browser, 'form:ho-tich.khai-sinh');
    await tap(page, s, 'form:ho-tich.khai-sinh');
    s = await waitForState(page, (x) => x.screen === 'intro', 'the procedure');
    s = await reveal(browser, 'start');
    await tap(page, s, 'start');
    await waitForState(page, (x) => x.screen === 'form' && x.form.page.index === 0, 'a new draft');
    await pickCommune(browser, 'addressee_commune', 'vinh yen', '08707');
    s = await waitForState(page, (x) => x.vault.save.status === 'saved' &&
      x.vault.save.draft && x.vault.save.draft !== draftId, 'the second draft saved');
    secondDraft = s.vault.save.draft;
    buildA = (await serviceWorker(page)).build;
    assert.deepEqual(problems.filter((p) => !p.includes('net::ERR_INTERNET_DISCONNECTED')), []);
  });

  let queued;
  let secondDraft;
  let buildA;

  test('build B replaces A at a safe moment; the draft and the queued filing are intact', async () => {
    const { page, problems } = browser;
    // Build B: A's files with another build stamp (a new sw.js), in place.
    await run('python3', [path.join(repoRoot, 'web/build_shell.py'), path.join(repoRoot, 'web'),
      webRoot, '--build-stamp=e2e-build-b']);
    const buildB = JSON.parse(await readFile(path.join(webRoot, 'shell.json'), 'utf8')).version;
    assert.notEqual(buildB, buildA);

    // The page looks for an update (a browser does on navigations and every
    // 24 h) while the network stays off for the page: the filing must not go.
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await page.waitForFunction(() => window.citizenApp.update.available, null, { timeout: 30000 });
    assert.equal(await page.isVisible('#update'), true, '"Có phiên bản mới" shows');
    // In the language chosen in the app: Vietnamese, English after the
    // language button, Vietnamese again.
    const bannerText = async () => [await page.innerText('#update p'),
      await page.innerText('#update button')];
    assert.deepEqual(await bannerText(), ['Có phiên bản mới.', 'Cập nhật']);
    await shot('05-update-offered');
    // (The language button is on the list of procedures; the draft is kept.)
    let s = await waitForState(page, (x) => x.screen === 'form', 'the second draft');
    await tap(page, s, 'to-catalogue');
    s = await waitForState(page, (x) => x.screen === 'catalogue', 'the list of procedures');
    await tap(page, s, 'language');
    s = await waitForState(page, (x) => x.language === 'en', 'English');
    assert.deepEqual(await bannerText(), ['A new version is ready.', 'Update']);
    await shot('05-update-offered-en');
    await tap(page, s, 'language');
    s = await waitForState(page, (x) => x.language === 'vi', 'Vietnamese again');
    assert.deepEqual(await bannerText(), ['Có phiên bản mới.', 'Cập nhật']);
    s = await reveal(browser, `draft:${secondDraft}`);
    await tap(page, s, `draft:${secondDraft}`);

    // "Cập nhật" while a field is being edited: nothing switches yet.
    s = await waitForState(page, (x) => x.screen === 'form', 'the second draft');
    await nextPage(browser, 1);
    await focusField(browser, 'requester_name');
    assert.ok((await waitForState(page, (x) => x.form.editing, 'a field edited')).form.editing);
    // (A click from script: a tap on the page's button would take the focus
    // from the field, which ends the editing.)
    await page.evaluate(() => document.querySelector('#update button').click());
    await page.waitForTimeout(1500);
    assert.equal((await serviceWorker(page)).build, buildA, 'no switch while a field is edited');
    assert.equal(await page.evaluate(() => window.citizenApp.update.switching), false);
    // Then it switches and reloads by itself.
    // (Enter leaves the field, as leaveField does; the page reloads at once.)
    const reloaded = page.waitForEvent('load', { timeout: 30000 });
    await page.keyboard.press('Enter');
    await reloaded;
    s = await waitForState(page, (x) => x.forms.length > 0 && x.vault.storage === 'ready',
      'build B', 30000);
    assert.equal((await serviceWorker(page)).build, buildB);
    assert.deepEqual((await serviceWorker(page)).names, [`tokhai-shell-${buildB}`],
      'the old cache is gone, the new one complete');

    // In build B: unlock; the draft and the queued filing are there and usable.
    await tap(page, s, 'people');
    s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.people.length === 1,
      'whose papers');
    await tap(page, s, `vault:${s.vault.screens.people[0].id}`);
    s = await unlockVault(browser, '246802');
    assert.deepEqual(s.vault.drafts.map((d) => d.id), [secondDraft]);
    assert.deepEqual(s.outbox.items.map((i) => [i.id, i.state]), [[queued, 'queued']]);
    s = await reveal(browser, `draft:${secondDraft}`);
    await tap(page, s, `draft:${secondDraft}`);
    s = await waitForState(page, (x) => x.screen === 'form', 'the second draft in build B');
    assert.equal(s.form.answers.addressee_commune, '08707');
    await shot('06-build-b');

    // Back online: sent, receipt verified.
    await setOffline(browser, false);
    s = await waitForState(page, (x) => x.outbox.items.length === 1 &&
      x.outbox.items[0].state === 'sent', 'the filing sent', 30000);
    assert.equal(s.outbox.items[0].receipt_verified, true);
    assert.match(s.outbox.items[0].dossier_code, /^TK-/);
    await shot('07-sent');
    assert.deepEqual(problems.filter((p) => !p.includes('net::ERR_INTERNET_DISCONNECTED')), []);
  });
});
