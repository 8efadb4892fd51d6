// The birth registration form filled start to finish as a person would: real
// touch (or mouse) events, Telex typing through IME composition events, digits
// for dates and IDs, a commune found by search, a wrong personal ID seen and
// fixed, review with zero errors. On a phone, a tablet and a desktop browser;
// screenshots of every screen under build/e2e/<device>/.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchDevice, waitForState, tap, reveal, screenshot, state, phone, tablet, desktop,
} from './lib/harness.js';
import {
  typeTelex, focusField, typeDigits, leaveField, chooseOption, pickCommune, pickFromList, nextPage,
  startAsOnlyPerson,
} from './lib/form_steps.js';
import { createVault, unlockVault } from './lib/vault.js';

// TOKHAI_E2E_DEVICES=phone (a comma-separated list) runs some devices only.
const wanted = (process.env.TOKHAI_E2E_DEVICES || '').split(',').filter(Boolean);
for (const device of [phone, tablet, desktop].filter((d) => !wanted.length || wanted.includes(d.name))) {
  describe(`birth registration on a ${device.name}`, () => {
    let server;
    let browser;
    const shot = (name) => screenshot(browser.page, `${device.name}/${name}.png`);

    before(async () => {
      server = await startServer();
      browser = await launchDevice(device);
    });
    after(async () => {
      if (browser) await browser.close();
      if (server) await server.stop();
    });

    test('fill in the form start to finish and reach review with zero errors', async () => {
      const { page, problems } = browser;
      await page.goto(server.url);
      let s = await waitForState(page, (x) => x.forms.length > 0 && x.vault.storage === 'ready',
        'the catalogue');
      await shot('01-catalogue');

      // Search ignores tones and case: "khai sinh" finds "Đăng ký khai sinh".
      await tap(page, s, 'catalogue:search');
      await waitForState(page, (x) => x.controls.length > 0, 'the search box');
      await browser.cdp.send('Input.insertText', { text: 'khai sinh' });
      s = await waitForState(page, (x) => x.search === 'khai sinh', 'the search');
      assert.ok(s.controls.some((c) => c.id === 'form:ho-tich.khai-sinh'));
      assert.ok(!s.controls.some((c) => c.id === 'form:cu-tru.ct01'), 'other forms are filtered out');
      await tap(page, s, 'form:ho-tich.khai-sinh');
      s = await waitForState(page, (x) => x.screen === 'intro', 'the procedure');
      await shot('02-procedure');
      s = await reveal(browser, 'start');
      await tap(page, s, 'start');
      // Drafts belong to a person: the first time, a vault is made.
      s = await waitForState(page, (x) => x.screen === 'vault', 'whose papers');
      await shot('02b-people');
      s = await createVault(browser, 'Chị Hoa', '135790', shot);
      s = await waitForState(page, (x) => x.screen === 'form' && x.form.page.index === 0, 'page 1');
      assert.equal(s.form.page.count, 5);
      await shot('03-page1-addressee');

      // Page 1: the commune addressed, found by searching without accents.
      await pickCommune(browser, 'addressee_commune', 'vinh yen', '08707');
      await shot('04-commune-picked');

      // Page 2: the requester.
      s = await nextPage(browser, 1);
      await focusField(browser, 'requester_name');
      s = await typeTelex(browser, 'Nguyễn Thị Hoa');
      s = await leaveField(browser);
      assert.equal(s.form.answers.requester_name, 'Nguyễn Thị Hoa');
      await chooseOption(browser, 'requester_id_type', 'can-cuoc');
      // A personal ID with a province code that does not exist: the error
      // shows once the field is left, not while typing.
      s = await typeDigits(browser, 'requester_id', '099188004321');
      assert.ok(!s.form.issues.some((i) => i.path === 'requester_id' && i.shown),
        'no error while typing');
      s = await leaveField(browser);
      s = await waitForState(page, (x) => x.form.issues.some((i) => i.path === 'requester_id' &&
        i.code === 'cccd.province' && i.shown), 'the personal ID error');
      await shot('05-wrong-id');
      // Fixed: select everything and type the right number.
      await focusField(browser, 'requester_id');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('025188004321');
      s = await leaveField(browser);
      s = await waitForState(page, (x) => x.form.answers.requester_id === '025188004321' &&
        !x.form.issues.some((i) => i.path === 'requester_id'), 'the fixed personal ID');
      s = await typeDigits(browser, 'requester_id_issue_date', '20112021');
      assert.equal(s.form.editing.text, '20/11/2021', 'slashes are added while typing');
      s = await leaveField(browser);
      assert.equal(s.form.answers.requester_id_issue_date, '2021-11-20');
      await focusField(browser, 'requester_id_issuer');
      await typeTelex(browser, 'Cục Cảnh sát quản lý hành chính');
      await leaveField(browser);
      await chooseOption(browser, 'requester_relationship', 'me');
      await shot('06-requester');

      // Page 3: the child.
      s = await nextPage(browser, 2);
      await focusField(browser, 'child_name');
      await typeTelex(browser, 'Trần Minh Khang');
      s = await leaveField(browser);
      assert.equal(s.form.answers.child_name, 'Trần Minh Khang');
      const today = new Date();
      const dd = String(today.getDate()).padStart(2, '0');
      const mm = String(today.getMonth() + 1).padStart(2, '0');
      await typeDigits(browser, 'child_dob', `${dd}${mm}${today.getFullYear()}`);
      s = await leaveField(browser);
      assert.ok(s.form.answers.child_dob, 'the date of birth is stored');
      await chooseOption(browser, 'child_sex', 'nam');
      await pickFromList(browser, 'child_ethnicity', 'kinh', '01');
      await focusField(browser, 'child_birth_place');
      await typeTelex(browser, 'Bệnh viện Sản');
      await leaveField(browser);
      await pickCommune(browser, 'child_birth_commune', 'vinh yen', '08707');
      await focusField(browser, 'child_origin');
      await typeTelex(browser, 'Xã Vĩnh Tường');
      s = await leaveField(browser);
      await shot('07-child');

      // Page 4: the parents (the mother only).
      s = await nextPage(browser, 3);
      await chooseOption(browser, 'parents_known', 'chi-me');
      await focusField(browser, 'mother_name');
      await typeTelex(browser, 'Nguyễn Thị Hoa');
      await leaveField(browser);
      await typeDigits(browser, 'mother_birth_year', '1988');
      await leaveField(browser);
      await pickFromList(browser, 'mother_ethnicity', 'kinh', '01');
      s = await state(page);
      assert.equal(s.form.answers.mother_birth_year, 1988);
      await shot('08-parents');

      // Page 5: copies, declaration, place of signing.
      s = await nextPage(browser, 4);
      s = await reveal(browser, 'field:wants_copies:no');
      await tap(page, s, 'field:wants_copies:no');
      await waitForState(page, (x) => x.form.answers.wants_copies === false, 'no copies');
      s = await reveal(browser, 'field:declaration');
      await tap(page, s, 'field:declaration');
      await waitForState(page, (x) => x.form.answers.declaration === true, 'the declaration');
      await pickCommune(browser, 'signing_commune', 'vinh yen', '08707');
      await shot('09-declaration');

      // Review: nothing left to fix.
      s = await reveal(browser, 'page:review');
      await tap(page, s, 'page:review');
      s = await waitForState(page, (x) => x.form.mode === 'review', 'the review');
      await shot('10-review');
      assert.deepEqual(s.form.issues.filter((i) => i.severity === 'error'), []);
      assert.equal(s.form.valid, true);
      await tap(page, s, 'review:finish');
      s = await waitForState(page, (x) => x.form.mode === 'ready', 'ready to sign');
      await shot('11-ready');
      assert.equal(s.form.answers.child_name, 'Trần Minh Khang');
      assert.equal(s.form.answers.requester_id, '025188004321');
      assert.deepEqual(problems, []);
    });

    test('review lists what is missing, each one tap from its field', async () => {
      const { page } = browser;
      // A reload locked the vault: the person picks theirs and gives the PIN.
      let s = await startAsOnlyPerson(browser, server.url, 'form:ho-tich.khai-tu', '135790');
      for (let i = 1; i < s.form.page.count; i += 1) s = await nextPage(browser, i);
      s = await reveal(browser, 'page:review');
      await tap(page, s, 'page:review');
      s = await waitForState(page, (x) => x.form.mode === 'review', 'the review');
      await shot('12-review-missing');
      const missing = s.controls.filter((c) => c.id.startsWith('issue:'));
      assert.ok(missing.length > 3, 'the missing answers are listed');
      const first = missing.find((c) => c.id.endsWith(':deceased_name'));
      assert.ok(first, 'the deceased person\'s name is listed');
      await tap(page, s, first.id);
      s = await waitForState(page, (x) => x.form.mode === 'page' && x.form.editing &&
        x.form.editing.key === 'field:deceased_name', 'the field, ready for typing');
      assert.ok(s.form.issues.some((i) => i.path === 'deceased_name' && i.shown));
      await shot('13-back-at-field');
    });

    test('a household member row is added, filled in and removed (CT01)', async () => {
      const { page, problems } = browser;
      let s = await startAsOnlyPerson(browser, server.url, 'form:cu-tru.ct01', '135790');
      const members = s.form.page.count - 2; // the page before the last
      for (let i = 1; i <= members; i += 1) s = await nextPage(browser, i);
      assert.equal(s.form.page.id, 'thanh-vien');
      s = await reveal(browser, 'field:members:add');
      await tap(page, s, 'field:members:add');
      // The new row's first box opens for typing at once.
      s = await waitForState(page, (x) => x.form.editing &&
        x.form.editing.key === 'field:members[0].member_name', 'the new row, ready for typing');
      s = await typeTelex(browser, 'Trần Văn Minh');
      s = await leaveField(browser);
      assert.deepEqual(s.form.answers.members, [{ member_name: 'Trần Văn Minh' }]);
      await shot('14-member-row');
      s = await reveal(browser, 'field:members[0]:remove');
      await tap(page, s, 'field:members[0]:remove');
      s = await waitForState(page, (x) => !x.form.answers.members ||
        x.form.answers.members.length === 0, 'the row removed');
      assert.ok(!s.controls.some((c) => c.id.startsWith('field:members[0]')));
      await shot('15-member-removed');
      assert.deepEqual(problems, []);
    });

    if (device === phone) {
      test('a bundle asks a shared fact once, and its draft survives a reload', async () => {
        const { page, problems } = browser;
        await page.goto(server.url);
        let s = await waitForState(page, (x) => x.forms.length > 0 && x.vault.storage === 'ready',
          'the catalogue');
        assert.deepEqual(s.controls.filter((c) => c.id.startsWith('bundle:') || c.id.startsWith('form:'))
          .slice(0, 2).map((c) => c.id.split(':')[0]), ['bundle', 'bundle'], 'bundles come first');
        await tap(page, s, 'bundle:lien-thong.khai-sinh');
        s = await waitForState(page, (x) => x.screen === 'intro' && x.form.bundle, 'the bundle');
        await shot('16-bundle');
        s = await reveal(browser, 'start');
        await tap(page, s, 'start');
        s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.people.length === 1,
          'whose papers');
        await tap(page, s, `vault:${s.vault.screens.people[0].id}`);
        await unlockVault(browser, '135790');
        s = await waitForState(page, (x) => x.screen === 'form' && x.form.bundle, 'part 1');
        assert.deepEqual(s.form.bundle.parts,
          ['ho-tich.khai-sinh', 'cu-tru.ct01', 'bhyt.tre-em-duoi-6']);
        s = await nextPage(browser, 1);
        s = await nextPage(browser, 2);
        await focusField(browser, 'child_name');
        await typeTelex(browser, 'Trần Minh Khang');
        s = await leaveField(browser);
        // Typed once, in every procedure that asks it.
        assert.equal(s.form.bundle.answers['cu-tru.ct01'].requester_name, 'Trần Minh Khang');
        assert.equal(s.form.bundle.answers['bhyt.tre-em-duoi-6'].child_name, 'Trần Minh Khang');
        s = await waitForState(page, (x) => x.vault.save.status === 'saved', 'the draft saved');
        await shot('17-bundle-saved');

        await page.reload();
        s = await waitForState(page, (x) => x.vault.storage === 'ready', 'the app again');
        await tap(page, s, 'people');
        s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.people.length === 1,
          'whose papers');
        await tap(page, s, `vault:${s.vault.screens.people[0].id}`);
        s = await unlockVault(browser, '135790');
        assert.equal(s.screen, 'catalogue');
        const draft = s.vault.drafts.find((d) => d.form === 'lien-thong.khai-sinh');
        assert.ok(draft, 'the bundle draft is listed');
        await shot('18-drafts');
        s = await reveal(browser, `draft:${draft.id}`);
        await tap(page, s, `draft:${draft.id}`);
        s = await waitForState(page, (x) => x.screen === 'form' && x.form.bundle, 'the draft');
        assert.equal(s.form.page.index, 2, 'back on the page where the person was');
        assert.equal(s.form.answers.child_name, 'Trần Minh Khang');
        assert.equal(s.form.bundle.answers['cu-tru.ct01'].requester_name, 'Trần Minh Khang');
        assert.deepEqual(problems, []);
      });
    }
  });
}
