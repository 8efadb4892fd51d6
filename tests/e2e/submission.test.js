// Signing and sending a filing from a phone whose network comes and goes,
// against a real tokhai-server with the development keys (config/dev): the
// birth registration filled in with a photo of the birth notice (chosen in the
// browser's file chooser: DOM.setFileInputFiles), "Ký và gửi" showing what will be sent, signed
// while the browser is offline (Network.emulateNetworkConditions), the item
// waiting in the outbox, sent by itself once the network is back, the
// verified receipt shown, and shown again after a reload with the network
// gone. When TOKHAI_AGENCY_BIN names the agency tool, the agency then pulls
// and decrypts the filing, opens the photo (the same bytes the phone stored)
// and posts a status, which the app shows.
// Screenshots under build/e2e/submission/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  startServer, launchPhone, waitForState, tap, reveal, screenshot, repoRoot,
} from './lib/harness.js';
import {
  attachPhoto, choosePhoto, fillBirthRegistration, openBirthAsNewPerson,
} from './lib/form_steps.js';
import { unlockVault } from './lib/vault.js';

const run = promisify(execFile);

// A camera's photo of a paper, made in the page: a 2400×1800 JPEG of a slightly
// turned sheet with lines of Vietnamese text, on a darker table.
async function writePaperPhoto(page, file, title) {
  const dataUrl = await page.evaluate((heading) => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const g = canvas.getContext('2d');
    g.fillStyle = '#8a8478';
    g.fillRect(0, 0, 2400, 1800);
    g.translate(1200, 900);
    g.rotate(0.03);
    g.fillStyle = '#f4f1e8';
    g.fillRect(-1050, -780, 2100, 1560);
    g.fillStyle = '#1d1d1d';
    g.font = 'bold 80px serif';
    g.fillText(heading, -380, -620);
    g.font = '46px serif';
    for (let line = 0; line < 14; line += 1) {
      g.fillText(`${line + 1}. Họ, chữ đệm, tên người mẹ: Nguyễn Thị Hoa — sinh năm 1988`,
        -950, -480 + line * 88);
    }
    return canvas.toDataURL('image/jpeg', 0.92);
  }, title);
  await writeFile(file, Buffer.from(dataUrl.split(',')[1], 'base64'));
}
const dossierShape = /^TK-\d{6}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

async function setOffline(browser, offline) {
  await browser.cdp.send('Network.enable');
  await browser.cdp.send('Network.emulateNetworkConditions',
    { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

describe('a birth registration signed offline and sent when the network is back', () => {
  let server;
  let browser;
  let photoDir;
  let storedPhoto; // the sha256 and size of the page photo the phone stored
  const shot = (name) => screenshot(browser.page, `submission/${name}.png`);

  before(async () => {
    server = await startServer();
    browser = await launchPhone();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (photoDir) await rm(photoDir, { recursive: true, force: true });
  });

  test('fill, sign offline, wait, send online, receipt', async (t) => {
    const { page, problems } = browser;
    let s = await openBirthAsNewPerson(browser, server.url, 'Chị Hoa', '135790');
    photoDir = await mkdtemp(path.join(tmpdir(), 'tokhai-photo-'));
    const photo = path.join(photoDir, 'giay-chung-sinh.jpg');
    const second = path.join(photoDir, 'trang-2.jpg');
    const notPhoto = path.join(photoDir, 'ghi-chu.txt');
    await writePaperPhoto(page, photo, 'GIẤY CHỨNG SINH');
    await writePaperPhoto(page, second, 'TRANG 2');
    await writeFile(notPhoto, 'không phải ảnh');
    const field = 'giay_chung_sinh';
    s = await fillBirthRegistration(browser, {
      requester: 'Nguyễn Thị Hoa', id: '025188004321', child: 'Trần Minh Khang',
      onLastPage: async () => {
        // Not a photo: said under the field, nothing stored.
        let p = await choosePhoto(browser, field, 'gallery', notPhoto);
        assert.equal(p.photos.problems[field], 'media.not_image');
        assert.ok(p.controls.some((c) => c.id === `field:${field}:problem` &&
          c.label.startsWith('Tệp này không phải')), JSON.stringify(p.controls));
        assert.equal((p.form.answers[field] || []).length, 0);
        // Two pages, the first removed, the second retaken from the camera.
        p = await attachPhoto(browser, field, photo);
        p = await attachPhoto(browser, field, second);
        assert.equal(p.photos.problems[field], undefined, 'the problem went with the next choice');
        const [first, other] = p.form.answers[field];
        p = await reveal(browser, `field:${field}:page:1:remove`);
        await tap(page, p, `field:${field}:page:1:remove`);
        p = await waitForState(page, (x) => x.form.answers[field].length === 1 &&
          !x.photos.thumbnails[first], 'page 1 removed, its photo gone');
        assert.deepEqual(p.form.answers[field], [other]);
        p = await choosePhoto(browser, field, 'page:1:retake', photo);
        assert.equal(p.form.answers[field].length, 1);
        assert.notEqual(p.form.answers[field][0], other);
        assert.equal(p.photos.thumbnails[other], undefined, 'the retaken page\'s photo is gone');
        await shot('00-photo');
      },
    });
    // The page photo: made small on the phone, its thumbnail shown (looked at
    // in 00-photo.png), stored in the vault.
    assert.equal(s.form.answers[field].length, 1);
    storedPhoto = s.photos.thumbnails[s.form.answers[field][0]];
    assert.equal(storedPhoto.state, 'ready');
    assert.ok(Math.max(storedPhoto.width, storedPhoto.height) <= 192, JSON.stringify(storedPhoto));
    assert.ok(storedPhoto.size_bytes > 20000 && storedPhoto.size_bytes <= 300 * 1024,
      `page photo of ${storedPhoto.size_bytes} bytes`);

    // The app hashes the definition file it loaded, as shipped.
    const definition = await readFile(path.join(repoRoot, 'forms/ho-tich.khai-sinh.json'));
    assert.equal(s.form.definition_sha256['ho-tich.khai-sinh'],
      createHash('sha256').update(definition).digest('hex'));
    await shot('01-ready');

    // "Ký và gửi": what will be sent, for which agency, and its sealed size.
    s = await reveal(browser, 'ready:sign');
    await tap(page, s, 'ready:sign');
    s = await waitForState(page, (x) => x.screen === 'send', 'the "Ký và gửi" page');
    assert.equal(s.send.parts.length, 1);
    assert.equal(s.send.parts[0].form, 'ho-tich.khai-sinh');
    assert.equal(s.send.parts[0].has_agency_key, true);
    assert.ok(s.send.parts[0].sealed_bytes > 200 && s.send.parts[0].sealed_bytes < 2048,
      `sealed size ${s.send.parts[0].sealed_bytes}`);
    assert.equal(s.send.sendable, true);
    await shot('02-send-page');

    // The network goes; the browser says so.
    await setOffline(browser, true);
    s = await waitForState(page, (x) => x.outbox.online === false, 'the app told of the offline event');

    // Signing without the declaration is refused, then with it accepted.
    s = await reveal(browser, 'send:sign');
    await tap(page, s, 'send:sign');
    s = await waitForState(page, (x) => x.send && x.send.declare_first, 'the declaration asked for');
    s = await reveal(browser, 'send:declaration');
    await tap(page, s, 'send:declaration');
    s = await waitForState(page, (x) => x.send && x.send.declared, 'the declaration ticked');
    await shot('03-declared-offline');
    s = await reveal(browser, 'send:sign');
    await tap(page, s, 'send:sign');
    s = await waitForState(page, (x) => x.screen === 'outbox_item' && x.outbox.items.length === 1,
      'the filing in the outbox');
    const id = s.outbox.items[0].id;
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(s.outbox.item, id);
    assert.equal(s.vault.drafts.length, 0, 'the draft left the list of forms in progress');

    // It waits: no network, however long.
    await page.waitForTimeout(3000);
    s = await waitForState(page, (x) => x.outbox.items[0].state === 'queued', 'the item waiting');
    assert.equal(s.outbox.items[0].text.startsWith('Đang chờ mạng'), true, s.outbox.items[0].text);
    assert.equal(s.outbox.items[0].reason, 'network.offline');
    assert.equal(s.outbox.items[0].dossier_code, '');
    await shot('04-waiting-for-network');
    // "Gửi lại" tries at once, and it waits again.
    const attempts = s.outbox.items[0].attempts;
    s = await reveal(browser, 'outbox:resend');
    await tap(page, s, 'outbox:resend');
    s = await waitForState(page, (x) => x.outbox.items[0].attempts > attempts &&
      x.outbox.items[0].state === 'queued', '"Gửi lại" tried again');
    assert.equal(s.outbox.items[0].reason, 'network.offline');

    // The network is back: the `online` event sends it at once (not at the
    // end of its backoff), and the receipt comes.
    // Wait until its backoff has grown (full jitter: the next try is a random
    // time within a growing window) so that "at once" can be told apart.
    const waitUntil = Date.now() + 60000;
    do {
      await page.waitForTimeout(500);
      s = await waitForState(page, (x) => x.outbox.items[0].state === 'queued', 'the item waiting');
    } while (s.outbox.items[0].next_attempt_utc_ms - Date.now() < 4000 && Date.now() < waitUntil);
    const nextTry = s.outbox.items[0].next_attempt_utc_ms;
    const backOnline = Date.now();
    await setOffline(browser, false);
    s = await waitForState(page, (x) => x.outbox.online === true &&
      x.outbox.items[0].state === 'sent', 'the filing sent', 30000);
    const sentSeen = Date.now();
    if (nextTry - backOnline > 2000) {
      assert.ok(sentSeen < nextTry, `sent at once (seen ${nextTry - sentSeen} ms before the backoff ended)`);
    } else {
      t.diagnostic(`the backoff ended ${nextTry - backOnline} ms after the network came back: ` +
        'the online trigger is not told apart this time');
    }
    const item = s.outbox.items[0];
    assert.match(item.dossier_code, dossierShape);
    assert.equal(item.receipt_verified, true);
    assert.ok(item.attempts >= 1);
    assert.ok(item.text.includes(item.dossier_code));
    await shot('05-receipt');

    // The status lookup: the agency has not acknowledged yet.
    s = await reveal(browser, 'outbox:refresh-status');
    await tap(page, s, 'outbox:refresh-status');
    s = await waitForState(page, (x) => x.outbox.items[0].status &&
      x.outbox.items[0].status.status === 'submitted' && !x.outbox.items[0].status.refreshing,
    'the status "submitted"');
    await shot('06-status');
    // Chromium logs each upload tried while offline; nothing else may appear.
    assert.deepEqual(problems.filter((p) => !p.includes('net::ERR_INTERNET_DISCONNECTED')), []);
  });

  test('the receipt is kept in the vault and shown with no network', async () => {
    const { page } = browser;
    await page.goto(server.url);
    let s = await waitForState(page, (x) => x.forms.length > 0 && x.vault.storage === 'ready',
      'the catalogue', 30000);
    s = await reveal(browser, 'people');
    await tap(page, s, 'people');
    s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.people.length === 1,
      'whose papers');
    await tap(page, s, `vault:${s.vault.screens.people[0].id}`);
    await setOffline(browser, true);
    await unlockVault(browser, '135790');
    s = await waitForState(page, (x) => x.screen === 'catalogue' && x.outbox.items.length === 1,
      'the catalogue with the outbox');
    // The page photo is named by the filed record: unlocking keeps it.
    assert.equal(s.photos.swept, 0);
    s = await reveal(browser, 'outbox');
    await tap(page, s, 'outbox');
    s = await waitForState(page, (x) => x.screen === 'outbox', 'the outbox list');
    const id = s.outbox.items[0].id;
    await shot('07-outbox-offline');
    s = await reveal(browser, `outbox:${id}`);
    await tap(page, s, `outbox:${id}`);
    s = await waitForState(page, (x) => x.screen === 'outbox_item', 'the item');
    assert.equal(s.outbox.items[0].state, 'sent');
    assert.match(s.outbox.items[0].dossier_code, dossierShape);
    assert.equal(s.outbox.items[0].status.status, 'submitted', 'the last status, from the vault');
    await shot('08-receipt-offline');
    // The same page in English, one tap away.
    await tap(page, s, 'language');
    s = await waitForState(page, (x) => x.language === 'en', 'English');
    await shot('08b-receipt-offline-en');
    await tap(page, s, 'language');
    await waitForState(page, (x) => x.language === 'vi', 'Vietnamese again');
    await setOffline(browser, false);
  });

  test('the agency pulls and decrypts the filing; its status shows in the app', async (t) => {
    const agency = process.env.TOKHAI_AGENCY_BIN;
    if (!agency) {
      t.skip('TOKHAI_AGENCY_BIN is not set');
      return;
    }
    const { page } = browser;
    const out = await mkdtemp(path.join(tmpdir(), 'tokhai-agency-'));
    try {
      const key = path.join(repoRoot, 'config/dev/secrets/ubnd-xa.agency-secret.json');
      await run(agency, ['pull', '--server', server.url, '--key', key, '--out', out]);
      const files = (await readdir(out)).filter((f) => f.endsWith('.json') && f.startsWith('TK-'));
      assert.equal(files.length, 1, `one dossier pulled: ${files}`);
      assert.ok(!files[0].includes('.invalid'), 'the envelope verified and opened');
      const pulled = JSON.parse(await readFile(path.join(out, files[0]), 'utf8'));
      assert.equal(pulled.content.child_name, 'Trần Minh Khang');
      assert.equal(pulled.content.requester_id, '025188004321');
      // The photo: one attachment, named by its place in the answers, opened
      // to exactly the bytes the phone stored.
      assert.deepEqual(pulled.content.giay_chung_sinh, [0]);
      assert.equal(pulled.attachments.length, 1);
      assert.equal(pulled.attachments[0].field, 'giay_chung_sinh');
      assert.equal(pulled.attachments[0].media_type, 'image/jpeg');
      const opened = await readFile(path.join(out, pulled.attachments[0].file));
      assert.equal(opened.length, storedPhoto.size_bytes);
      assert.equal(createHash('sha256').update(opened).digest('hex'), storedPhoto.sha256);
      const dossier = pulled.dossier_code;
      await run(agency, ['status', '--server', server.url, '--key', key, '--dossier', dossier,
        '--status', 'needs_information', '--message', 'Bổ sung bản sao giấy chứng sinh.']);

      let s = await waitForState(page, (x) => x.screen === 'outbox_item', 'the item');
      s = await reveal(browser, 'outbox:refresh-status');
      await tap(page, s, 'outbox:refresh-status');
      s = await waitForState(page, (x) => x.outbox.items[0].status &&
        x.outbox.items[0].status.status === 'needs_information', 'the agency\'s status');
      assert.equal(s.outbox.items[0].status.message, 'Bổ sung bản sao giấy chứng sinh.');
      await shot('09-agency-status');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
