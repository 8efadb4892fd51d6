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

// Telex as a Vietnamese keyboard types it: each word is composed by the IME
// (Input.imeSetComposition shows the raw keys) and then committed
// (Input.insertText) as the letters it makes.
const telex = {
  'Nguyễn': 'Nguyeenx', 'Thị': 'Thij', 'Hoa': 'Hoa', 'Trần': 'Traanf', 'Minh': 'Minh',
  'Khang': 'Khang', 'Văn': 'Vawn', 'Bệnh': 'Beenhj', 'viện': 'vieenj', 'Sản': 'Sanr',
  'Xã': 'Xax', 'Vĩnh': 'Vinhx', 'Tường': 'Tuwowngf', 'Cục': 'Cucj', 'Cảnh': 'Canhr',
  'sát': 'sats', 'quản': 'quanr', 'lý': 'lys', 'hành': 'hanhf', 'chính': 'chinhs',
};

async function typeTelex(browser, text) {
  const words = text.split(' ');
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i];
    const keys = telex[word] || word;
    if (keys !== word) {
      await browser.cdp.send('Input.imeSetComposition',
        { text: keys, selectionStart: keys.length, selectionEnd: keys.length });
      const composing = await waitForState(browser.page,
        (s) => s.form.editing && s.form.editing.composing, `composing "${keys}"`);
      assert.ok(composing.form.editing.text.endsWith(keys), 'the raw keys show while composing');
    }
    await browser.cdp.send('Input.insertText', { text: word + (i < words.length - 1 ? ' ' : '') });
  }
  return waitForState(browser.page, (s) => s.form.editing && !s.form.editing.composing &&
    s.form.editing.text.normalize('NFC').endsWith(words[words.length - 1]), `typing "${text}"`);
}

// Taps a field (scrolling to it first) and waits for the text agent.
async function focusField(browser, id) {
  const current = await reveal(browser, `field:${id}`);
  await tap(browser.page, current, `field:${id}`);
  return waitForState(browser.page, (s) => s.form.editing && s.form.editing.key === `field:${id}`,
    `editing ${id}`);
}

async function agent(page) {
  return page.evaluate(() => window.tokhaiTextAgent.snapshot());
}

async function typeDigits(browser, id, digits) {
  await focusField(browser, id);
  const snapshot = await agent(browser.page);
  assert.equal(snapshot.keyboard, 'numeric', `${id} opens the numeric keyboard`);
  await browser.page.keyboard.type(digits);
  return waitForState(browser.page,
    (s) => s.form.editing && s.form.editing.text.replace(/\D/g, '') === digits, `digits in ${id}`);
}

// Enter on the keyboard: the next field opens for typing, or the keyboard
// closes after the last one.
async function leaveField(browser) {
  const before = await state(browser.page);
  const left = before.form.editing && before.form.editing.key;
  await browser.page.keyboard.press('Enter');
  return waitForState(browser.page, (s) => !s.form.editing || s.form.editing.key !== left,
    `leaving ${left}`);
}

async function chooseOption(browser, field, code) {
  const id = `field:${field}:${code}`;
  const current = await reveal(browser, id);
  await tap(browser.page, current, id);
  return waitForState(browser.page, (s) => s.form.answers[field] === code, `${field} = ${code}`);
}

async function pickCommune(browser, field, query, code) {
  const current = await reveal(browser, `field:${field}`);
  await tap(browser.page, current, `field:${field}`);
  let s = await waitForState(browser.page, (x) => x.form.picker, `the commune picker for ${field}`);
  await tap(browser.page, s, 'picker:search');
  await waitForState(browser.page, (x) => x.form.editing && x.form.editing.key === 'picker:search',
    'the search box');
  await browser.cdp.send('Input.insertText', { text: query });
  s = await waitForState(browser.page,
    (x) => x.form.picker.query === query && x.controls.some((c) => c.id === `pick:${code}`),
    `search results for "${query}"`);
  await tap(browser.page, s, `pick:${code}`);
  return waitForState(browser.page, (x) => !x.form.picker && x.form.answers[field] === code,
    `${field} = ${code}`);
}

async function pickFromList(browser, field, query, code) {
  const current = await reveal(browser, `field:${field}`);
  await tap(browser.page, current, `field:${field}`);
  let s = await waitForState(browser.page, (x) => x.form.picker, `the list for ${field}`);
  await tap(browser.page, s, 'picker:search');
  await waitForState(browser.page, (x) => x.form.editing && x.form.editing.key === 'picker:search',
    'the search box');
  await browser.cdp.send('Input.insertText', { text: query });
  s = await waitForState(browser.page,
    (x) => x.controls.some((c) => c.id === `pick:${code}`), `"${query}" in the list`);
  await tap(browser.page, s, `pick:${code}`);
  return waitForState(browser.page, (x) => !x.form.picker && x.form.answers[field] === code,
    `${field} = ${code}`);
}

async function nextPage(browser, index) {
  const current = await reveal(browser, 'page:next');
  await tap(browser.page, current, 'page:next');
  return waitForState(browser.page, (s) => s.form.page.index === index, `page ${index + 1}`);
}

for (const device of [phone, tablet, desktop]) {
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
      let s = await waitForState(page, (x) => x.forms.length > 0, 'the catalogue');
      await shot('01-catalogue');

      // Search ignores tones and case: "khai sinh" finds "Đăng ký khai sinh".
      await tap(page, s, 'catalogue:search');
      await waitForState(page, (x) => x.controls.length > 0, 'the search box');
      await browser.cdp.send('Input.insertText', { text: 'khai sinh' });
      s = await waitForState(page, (x) => x.search === 'khai sinh', 'the search');
      assert.ok(s.controls.some((c) => c.id === 'form:ho-tich.khai-sinh'));
      assert.ok(!s.controls.some((c) => c.id === 'form:cu-tru.ct01'), 'other forms are filtered out');
      await tap(page, s, 'form:ho-tich.khai-sinh');
      s = await waitForState(page, (x) => x.screen === 'form_intro', 'the procedure');
      await shot('02-procedure');
      await tap(page, s, 'start');
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
      await page.goto(server.url);
      let s = await waitForState(page, (x) => x.forms.length > 0, 'the catalogue');
      await tap(page, s, 'form:ho-tich.khai-tu');
      s = await waitForState(page, (x) => x.screen === 'form_intro', 'the procedure');
      await tap(page, s, 'start');
      s = await waitForState(page, (x) => x.screen === 'form', 'the form');
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
  });
}
