// A person's own details, typed once: kept in their vault (after a reload
// too) and filled into the forms they start. Then the PIN is changed to a
// passphrase: the old PIN no longer opens the papers, the passphrase does.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchPhone, waitForState, tap, reveal, screenshot,
} from './lib/harness.js';
import { createVault, unlockVault, typeInto } from './lib/vault.js';
import {
  typeTelex, focusField, typeDigits, leaveField, chooseOption, pickCommune, nextPage,
} from './lib/form_steps.js';

const PIN = '582913';
const PASSPHRASE = 'ba con gà trống gáy';

describe('my details fill in the forms', () => {
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

  test('details typed once are kept, and prefill a form', async () => {
    const { page, problems } = browser;
    await page.goto(server.url);
    let s = await waitForState(page, (x) => x.vault && x.vault.storage === 'ready', 'the app');
    await tap(page, s, 'people');
    await createVault(browser, 'Cô Mai', PIN);
    s = await waitForState(page, (x) => x.screen === 'catalogue' && x.vault.unlocked, 'the catalogue');
    await tap(page, s, 'vault:details');
    s = await waitForState(page, (x) => x.screen === 'details' && x.form, 'my details');
    await screenshot(page, 'details/01-empty.png');

    await focusField(browser, 'full_name');
    await typeTelex(browser, 'Nguyễn Thị Hoa');
    await leaveField(browser);
    await typeDigits(browser, 'personal_id', '025188004321');
    await leaveField(browser);
    s = await typeDigits(browser, 'date_of_birth', '15031988');
    await leaveField(browser);
    await chooseOption(browser, 'sex', 'nu');
    await pickCommune(browser, 'commune', 'vinh yen', '08707');
    s = await waitForState(page, (x) => x.form.answers.commune === '08707', 'the details');
    assert.deepEqual(s.form.answers, {
      full_name: 'Nguyễn Thị Hoa', personal_id: '025188004321', date_of_birth: '1988-03-15',
      sex: 'nu', commune: '08707',
    });
    await screenshot(page, 'details/02-filled.png');
    s = await reveal(browser, 'details:done');
    await tap(page, s, 'details:done');
    s = await waitForState(page, (x) => x.screen === 'catalogue', 'back to the catalogue');

    // Kept in the vault: after a reload and unlocking, the same details.
    await page.reload();
    s = await waitForState(page, (x) => x.vault && x.vault.storage === 'ready', 'the app again');
    await tap(page, s, 'people');
    s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.people.length === 1,
      'whose papers');
    await tap(page, s, `vault:${s.vault.screens.people[0].id}`);
    s = await unlockVault(browser, PIN);
    await tap(page, s, 'vault:details');
    s = await waitForState(page, (x) => x.screen === 'details' && x.form, 'my details again');
    assert.equal(s.form.answers.full_name, 'Nguyễn Thị Hoa');
    assert.equal(s.form.answers.date_of_birth, '1988-03-15');
    s = await reveal(browser, 'to-catalogue');
    await tap(page, s, 'to-catalogue');

    // A new birth registration: the requester is the person, already filled in.
    s = await waitForState(page, (x) => x.screen === 'catalogue', 'the catalogue');
    s = await reveal(browser, 'form:ho-tich.khai-sinh');
    await tap(page, s, 'form:ho-tich.khai-sinh');
    s = await waitForState(page, (x) => x.screen === 'intro', 'the procedure');
    s = await reveal(browser, 'start');
    await tap(page, s, 'start');
    s = await waitForState(page, (x) => x.screen === 'form', 'the form');
    s = await nextPage(browser, 1);
    assert.equal(s.form.answers.requester_name, 'Nguyễn Thị Hoa', 'the name, prefilled');
    await chooseOption(browser, 'requester_id_type', 'can-cuoc');
    s = await waitForState(page, (x) => x.form.answers.requester_id_type === 'can-cuoc', 'the ID type');
    assert.equal(s.form.answers.requester_id, '025188004321', 'the ID number, prefilled');
    await screenshot(page, 'details/03-prefilled.png');
    assert.deepEqual(problems, []);
  });

  test('the PIN is changed to a passphrase, which alone opens the papers now', async () => {
    const { page, problems } = browser;
    let s = await reveal(browser, 'to-catalogue');
    await tap(page, s, 'to-catalogue');
    s = await waitForState(page, (x) => x.screen === 'catalogue', 'the catalogue');
    await tap(page, s, 'settings');
    s = await waitForState(page, (x) => x.screen === 'settings', 'settings');
    s = await reveal(browser, 'settings:change-secret');
    await tap(page, s, 'settings:change-secret');
    s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.page === 'change',
      'the change page');
    await typeInto(browser, 'vault:current-pin', PIN);
    s = await reveal(browser, 'vault:use-passphrase');
    await tap(page, s, 'vault:use-passphrase');
    s = await waitForState(page, (x) => x.vault.screens.new_kind === 'passphrase', 'a passphrase');
    await typeInto(browser, 'vault:pin', PASSPHRASE);
    const agent = await page.evaluate(() => window.tokhaiTextAgent.snapshot());
    assert.equal(agent.keyboard, 'text', 'a passphrase opens the letters keyboard');
    assert.ok(agent.masked, 'a passphrase is masked');
    await typeInto(browser, 'vault:pin-again', PASSPHRASE);
    await screenshot(page, 'details/04-change.png');
    s = await reveal(browser, 'vault:change');
    await tap(page, s, 'vault:change');
    s = await waitForState(page, (x) => x.screen === 'settings' && x.vault.secret_changed,
      'the secret changed', 30000);

    s = await reveal(browser, 'back');
    await tap(page, s, 'back');
    s = await waitForState(page, (x) => x.screen === 'catalogue', 'the catalogue');
    await tap(page, s, 'vault:lock');
    s = await unlockVault(browser, PIN);
    assert.equal(s.vault.unlocked, false, 'the old PIN no longer opens');
    assert.equal(s.vault.screens.error, 'vault.wrong_secret');
    s = await unlockVault(browser, PASSPHRASE);
    assert.equal(s.vault.unlocked, true, 'the passphrase opens');
    assert.deepEqual(problems, []);
  });
});
