// A person's papers moved to a new phone: a backup file made in settings (a
// real download), then chosen in another browser's file chooser
// (DOM.setFileInputFiles) and opened with the PIN: the draft is there, the
// same answers. A wrong PIN and a damaged file are refused with a message,
// and nothing is added.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startServer, launchPhone, waitForState, tap, reveal, screenshot, state,
} from './lib/harness.js';
import { typeInto } from './lib/vault.js';
import { startBirthAsNewPerson } from './lib/form_steps.js';

const PIN = '463820';

// From the catalogue of a new phone: "whose papers?", "bring back a backup",
// the file chosen in the chooser. Resolves to the state on the import page.
async function chooseBackup(browser, url, file) {
  const { page } = browser;
  await page.goto(url);
  let s = await waitForState(page, (x) => x.vault && x.vault.storage === 'ready', 'the app');
  await tap(page, s, 'people');
  s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.page === 'people',
    'whose papers');
  s = await reveal(browser, 'vault:import');
  const chooser = page.waitForEvent('filechooser');
  await tap(page, s, 'vault:import');
  await (await chooser).setFiles(file);
  return waitForState(page, (x) => x.vault.screens.page === 'import', 'the backup chosen');
}

async function openBackup(browser, pin) {
  const { page } = browser;
  await typeInto(browser, 'vault:import-pin', pin);
  const s = await reveal(browser, 'vault:import-open');
  await tap(page, s, 'vault:import-open');
  return waitForState(page, (x) => x.vault.unlocked || (x.vault.screens.error && !x.vault.screens.busy),
    'the backup opened', 30000);
}

describe('a backup moves a person\'s papers to a new phone', () => {
  let server;
  let dir;
  let backup; // the downloaded file
  let saved; // the answers in it

  before(async () => {
    server = await startServer();
    dir = await mkdtemp(path.join(tmpdir(), 'tokhai-backup-'));
  });
  after(async () => {
    if (server) await server.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('settings make a backup file of the open person\'s papers', async () => {
    const browser = await launchPhone();
    try {
      const { page, problems } = browser;
      let s = await startBirthAsNewPerson(browser, server.url,
        { name: 'Chú Ba', pin: PIN, requester: 'Trần Văn Minh', id: '025188004321' });
      saved = s.form.answers;

      s = await reveal(browser, 'to-catalogue');
      await tap(page, s, 'to-catalogue');
      s = await waitForState(page, (x) => x.screen === 'catalogue', 'the catalogue');
      s = await reveal(browser, 'settings');
      await tap(page, s, 'settings');
      s = await waitForState(page, (x) => x.screen === 'settings', 'settings');
      s = await reveal(browser, 'settings:backup');
      const download = page.waitForEvent('download');
      await tap(page, s, 'settings:backup');
      const file = await download;
      backup = path.join(dir, file.suggestedFilename());
      await file.saveAs(backup);
      s = await waitForState(page, (x) => x.vault.backup, 'the backup made');
      await screenshot(page, 'backup/01-made.png');
      assert.match(file.suggestedFilename(), /^to-khai-chu-ba-\d{4}-\d{2}-\d{2}\.tokhai$/);
      assert.equal(s.vault.backup.file, file.suggestedFilename());
      assert.equal(s.vault.backup.left_out, 0);
      const bytes = await readFile(backup);
      assert.equal(bytes.length, s.vault.backup.bytes);
      // Sealed: the file holds the name the owner chose to show, not what was typed.
      const text = bytes.toString('utf8');
      assert.ok(!text.includes('Trần Văn Minh') && !text.includes('025188004321'),
        'no typed personal data in plain text');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('on a new phone, a wrong PIN or a damaged file is refused and adds nothing', async () => {
    const browser = await launchPhone();
    try {
      const { page, problems } = browser;
      let s = await chooseBackup(browser, server.url, backup);
      await screenshot(page, 'backup/02-chosen.png');
      assert.equal(s.vault.screens.import.bytes, (await readFile(backup)).length);
      s = await openBackup(browser, '111111');
      assert.equal(s.vault.unlocked, false);
      assert.equal(s.vault.screens.error, 'vault.wrong_secret');
      await screenshot(page, 'backup/03-wrong-pin.png');

      // One byte changed in the middle of the file.
      const damaged = Buffer.from(await readFile(backup));
      const middle = Math.floor(damaged.length / 2);
      damaged[middle] = damaged[middle] === 0x41 ? 0x42 : 0x41;
      const damagedFile = path.join(dir, 'damaged.tokhai');
      await writeFile(damagedFile, damaged);
      s = await chooseBackup(browser, server.url, damagedFile);
      s = await openBackup(browser, PIN);
      assert.equal(s.vault.unlocked, false);
      assert.ok(['vault.export_damaged', 'vault.export_format', 'vault.wrong_secret']
        .includes(s.vault.screens.error), s.vault.screens.error);
      s = await reveal(browser, 'back');
      await tap(page, s, 'back');
      s = await waitForState(page, (x) => x.vault.screens.page === 'people', 'the list of people');
      assert.deepEqual(s.vault.screens.people, [], 'nothing was added');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('on a new phone, the backup opens with its PIN: the same draft, the same answers', async () => {
    const browser = await launchPhone();
    try {
      const { page, problems } = browser;
      let s = await chooseBackup(browser, server.url, backup);
      s = await openBackup(browser, PIN);
      assert.equal(s.vault.unlocked, true);
      assert.equal(s.vault.name, 'Chú Ba');
      assert.equal(s.vault.drafts.length, 1);
      await screenshot(page, 'backup/04-opened.png');
      s = await reveal(browser, `draft:${s.vault.drafts[0].id}`);
      await tap(page, s, `draft:${s.vault.drafts[0].id}`);
      s = await waitForState(page, (x) => x.screen === 'form', 'the draft');
      assert.deepEqual(s.form.answers, saved, 'the answers, byte for byte');

      // It stays: after a reload the person is listed, and the file again is refused.
      await page.reload();
      s = await chooseBackup(browser, server.url, backup);
      assert.equal(s.vault.screens.people.length, 1);
      s = await openBackup(browser, PIN);
      assert.equal(s.vault.screens.error, 'vault.already_here');
      assert.deepEqual(problems, []);
      assert.ok((await state(page)).vault.screens.people.length === 1);
    } finally {
      await browser.close();
    }
  });
});
