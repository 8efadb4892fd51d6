// Steps a person takes on a form: typing with Telex composition, digits on
// the numeric keyboard, Enter to move on, choices, pickers and pages.
import assert from 'node:assert/strict';
import { waitForState, tap, reveal, state } from './harness.js';
import { createVault, unlockVault } from './vault.js';

// Telex as a Vietnamese keyboard types it: each word is composed by the IME
// (Input.imeSetComposition shows the raw keys) and then committed
// (Input.insertText) as the letters it makes.
export const telex = {
  'Nguyễn': 'Nguyeenx', 'Thị': 'Thij', 'Hoa': 'Hoa', 'Trần': 'Traanf', 'Minh': 'Minh',
  'Khang': 'Khang', 'Văn': 'Vawn', 'Bệnh': 'Beenhj', 'viện': 'vieenj', 'Sản': 'Sanr',
  'Xã': 'Xax', 'Vĩnh': 'Vinhx', 'Tường': 'Tuwowngf', 'Cục': 'Cucj', 'Cảnh': 'Canhr',
  'sát': 'sats', 'quản': 'quanr', 'lý': 'lys', 'hành': 'hanhf', 'chính': 'chinhs',
};

export async function typeTelex(browser, text) {
  const words = text.split(' ');
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i];
    const keys = telex[word] || word;
    if (keys !== word) {
      await browser.cdp.send('Input.imeSetComposition',
        { text: keys, selectionStart: keys.length, selectionEnd: keys.length });
      // compositionstart arrives before the text does: wait for both. The
      // raw keys show, underlined, until the word is committed.
      await waitForState(browser.page, (s) => s.form.editing && s.form.editing.composing &&
        s.form.editing.text.endsWith(keys), `the raw keys "${keys}" shown while composing`);
    }
    await browser.cdp.send('Input.insertText', { text: word + (i < words.length - 1 ? ' ' : '') });
  }
  return waitForState(browser.page, (s) => s.form.editing && !s.form.editing.composing &&
    s.form.editing.text.normalize('NFC').endsWith(words[words.length - 1]), `typing "${text}"`);
}

// Taps a field (scrolling to it first) and waits for the text agent.
export async function focusField(browser, id) {
  const current = await reveal(browser, `field:${id}`);
  await tap(browser.page, current, `field:${id}`);
  return waitForState(browser.page, (s) => s.form.editing && s.form.editing.key === `field:${id}`,
    `editing ${id}`);
}

export async function agent(page) {
  return page.evaluate(() => window.tokhaiTextAgent.snapshot());
}

export async function typeDigits(browser, id, digits) {
  await focusField(browser, id);
  const snapshot = await agent(browser.page);
  assert.equal(snapshot.keyboard, 'numeric', `${id} opens the numeric keyboard`);
  await browser.page.keyboard.type(digits);
  return waitForState(browser.page,
    (s) => s.form.editing && s.form.editing.text.replace(/\D/g, '') === digits, `digits in ${id}`);
}

// Enter on the keyboard: the next field opens for typing, or the keyboard
// closes after the last one.
export async function leaveField(browser) {
  const before = await state(browser.page);
  const left = before.form.editing && before.form.editing.key;
  await browser.page.keyboard.press('Enter');
  return waitForState(browser.page, (s) => !s.form.editing || s.form.editing.key !== left,
    `leaving ${left}`);
}

export async function chooseOption(browser, field, code) {
  const id = `field:${field}:${code}`;
  const current = await reveal(browser, id);
  await tap(browser.page, current, id);
  return waitForState(browser.page, (s) => s.form.answers[field] === code, `${field} = ${code}`);
}

export async function pickCommune(browser, field, query, code) {
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

export async function pickFromList(browser, field, query, code) {
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

export async function nextPage(browser, index) {
  const current = await reveal(browser, 'page:next');
  await tap(browser.page, current, 'page:next');
  return waitForState(browser.page, (s) => s.form.page.index === index, `page ${index + 1}`);
}

// From the catalogue at `url`: the birth registration started by a new
// person (a vault named `name` with `pin`). Resolves to the state on the
// form's first page.
export async function openBirthAsNewPerson(browser, url, name, pin) {
  const { page } = browser;
  await page.goto(url);
  let s = await waitForState(page, (x) => x.forms.length > 0 && x.vault.storage === 'ready',
    'the catalogue', 30000);
  s = await reveal(browser, 'form:ho-tich.khai-sinh');
  await tap(page, s, 'form:ho-tich.khai-sinh');
  s = await waitForState(page, (x) => x.screen === 'intro', 'the procedure');
  s = await reveal(browser, 'start');
  await tap(page, s, 'start');
  await createVault(browser, name, pin);
  return waitForState(page, (x) => x.screen === 'form' && x.form.page.index === 0, 'the form');
}

// openBirthAsNewPerson, then page 2 filled with the requester's name (Telex)
// and personal ID. Resolves to the state once the screen says "Đã lưu" for
// them.
export async function startBirthAsNewPerson(browser, url, { name, pin, requester, id }) {
  const { page } = browser;
  await openBirthAsNewPerson(browser, url, name, pin);
  await nextPage(browser, 1);
  await focusField(browser, 'requester_name');
  await typeTelex(browser, requester);
  await leaveField(browser);
  await chooseOption(browser, 'requester_id_type', 'can-cuoc');
  await typeDigits(browser, 'requester_id', id);
  await leaveField(browser);
  return waitForState(page, (x) => x.vault.save.status === 'saved' &&
    x.form.answers.requester_id === id, '"Đã lưu"');
}

// From the catalogue at `url`: the procedure of catalogue control `id`
// started by the only person on the phone, unlocked with `pin` (a reload
// locked the vault). Resolves to the state on its first page.
export async function startAsOnlyPerson(browser, url, id, pin) {
  const { page } = browser;
  await page.goto(url);
  let s = await waitForState(page, (x) => x.forms.length > 0 && x.vault.storage === 'ready',
    'the catalogue');
  s = await reveal(browser, id);
  await tap(page, s, id);
  s = await waitForState(page, (x) => x.screen === 'intro', 'the procedure');
  s = await reveal(browser, 'start');
  await tap(page, s, 'start');
  s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.people.length === 1,
    'whose papers');
  await tap(page, s, `vault:${s.vault.screens.people[0].id}`);
  await unlockVault(browser, pin);
  return waitForState(page, (x) => x.screen === 'form', 'the form');
}

// The birth registration (ho-tich.khai-sinh) filled in from its first page to
// "ready to sign", as birth_form.test.js does it step by step (without its
// detours): a requester with the given name (Telex) and personal ID, a child
// born today, the mother only. Resolves to the state on the ready page.
export async function fillBirthRegistration(browser, { requester, id, child, onLastPage }) {
  const { page } = browser;
  await waitForState(page, (x) => x.screen === 'form' && x.form.page.index === 0, 'page 1');
  await pickCommune(browser, 'addressee_commune', 'vinh yen', '08707');
  await nextPage(browser, 1);
  return fillBirthRegistrationFromPage2(browser, { requester, id, child, onLastPage });
}

// Chooses `file` for attachment field `field` in the browser's file chooser
// (DOM.setFileInputFiles) after tapping `button` ("gallery", "camera" or
// "page:N:retake"), and waits until the photo worker has answered: the page
// stored (its thumbnail shown) or the field's problem shown. Resolves to the
// state then.
export async function choosePhoto(browser, field, button, file) {
  const { page } = browser;
  let s = await state(page);
  const before = JSON.stringify(s.form.answers[field] || []);
  const stored = s.photos.stored;
  s = await reveal(browser, `field:${field}:${button}`);
  const chooser = page.waitForEvent('filechooser');
  await tap(page, s, `field:${field}:${button}`);
  await (await chooser).setFiles(file);
  s = await waitForState(page, (x) => x.photos.jobs === 0 &&
    (x.photos.stored > stored || x.photos.problems[field]), 'the photo worker\'s answer', 60000);
  if (s.photos.problems[field]) return s;
  s = await waitForState(page, (x) => JSON.stringify(x.form.answers[field] || []) !== before,
    'the answer changed');
  const pages = s.form.answers[field];
  return waitForState(page, (x) => pages.every((id) => x.photos.thumbnails[id] &&
    x.photos.thumbnails[id].state === 'ready') &&
    x.controls.some((c) => c.id === `field:${field}:page:${pages.length}`), 'the thumbnails shown');
}

export const attachPhoto = (browser, field, file) => choosePhoto(browser, field, 'gallery', file);

// The same from its second page on (a draft continued there).
// `onLastPage`, when given, runs on the last page before it is filled in.
export async function fillBirthRegistrationFromPage2(browser, { requester, id, child, onLastPage }) {
  const { page } = browser;
  let s = await waitForState(page, (x) => x.screen === 'form' && x.form.page.index === 1, 'page 2');
  await focusField(browser, 'requester_name');
  await typeTelex(browser, requester);
  await leaveField(browser);
  await chooseOption(browser, 'requester_id_type', 'can-cuoc');
  await typeDigits(browser, 'requester_id', id);
  await leaveField(browser);
  await typeDigits(browser, 'requester_id_issue_date', '20112021');
  await leaveField(browser);
  await focusField(browser, 'requester_id_issuer');
  await typeTelex(browser, 'Cục Cảnh sát quản lý hành chính');
  await leaveField(browser);
  await chooseOption(browser, 'requester_relationship', 'me');
  await nextPage(browser, 2);
  await focusField(browser, 'child_name');
  await typeTelex(browser, child);
  await leaveField(browser);
  const today = new Date();
  const dd = String(today.getDate()).padStart(2, '0');
  const mm = String(today.getMonth() + 1).padStart(2, '0');
  await typeDigits(browser, 'child_dob', `${dd}${mm}${today.getFullYear()}`);
  await leaveField(browser);
  await chooseOption(browser, 'child_sex', 'nam');
  await pickFromList(browser, 'child_ethnicity', 'kinh', '01');
  await focusField(browser, 'child_birth_place');
  await typeTelex(browser, 'Bệnh viện Sản');
  await leaveField(browser);
  await pickCommune(browser, 'child_birth_commune', 'vinh yen', '08707');
  await focusField(browser, 'child_origin');
  await typeTelex(browser, 'Xã Vĩnh Tường');
  await leaveField(browser);
  await nextPage(browser, 3);
  await chooseOption(browser, 'parents_known', 'chi-me');
  await focusField(browser, 'mother_name');
  await typeTelex(browser, requester);
  await leaveField(browser);
  await typeDigits(browser, 'mother_birth_year', '1988');
  await leaveField(browser);
  await pickFromList(browser, 'mother_ethnicity', 'kinh', '01');
  await nextPage(browser, 4);
  if (onLastPage) await onLastPage();
  s = await reveal(browser, 'field:wants_copies:no');
  await tap(page, s, 'field:wants_copies:no');
  await waitForState(page, (x) => x.form.answers.wants_copies === false, 'no copies');
  s = await reveal(browser, 'field:declaration');
  await tap(page, s, 'field:declaration');
  await waitForState(page, (x) => x.form.answers.declaration === true, 'the declaration');
  await pickCommune(browser, 'signing_commune', 'vinh yen', '08707');
  s = await reveal(browser, 'page:review');
  await tap(page, s, 'page:review');
  s = await waitForState(page, (x) => x.form.mode === 'review', 'the review');
  assert.equal(s.form.valid, true, `the form is valid: ${JSON.stringify(s.form.issues)}`);
  s = await reveal(browser, 'review:finish');
  await tap(page, s, 'review:finish');
  return waitForState(page, (x) => x.form.mode === 'ready', 'ready to sign');
}
