// Vault steps a person takes: create a vault (name, PIN twice, the
// forgotten-PIN warning ticked) and unlock one with its PIN.
import assert from 'node:assert/strict';
import { waitForState, tap, reveal } from './harness.js';

// Taps a box of the vault screens and types `text` into it.
export async function typeInto(browser, id, text) {
  const current = await reveal(browser, id);
  await tap(browser.page, current, id);
  await browser.page.waitForFunction((key) => {
    const agent = window.tokhaiTextAgent.snapshot();
    return agent && agent.key === key;
  }, id);
  await browser.cdp.send('Input.insertText', { text });
  await browser.page.waitForFunction(([key, length]) => {
    const agent = window.tokhaiTextAgent.snapshot();
    return agent && agent.key === key && agent.value.length === length;
  }, [id, text.length]);
}

// From the vault screens' list of people: "+ add a person", fill in, create.
// Resolves to the state once the vault is open.
// `shot`, when given, takes a screenshot of the filled-in page ("02c-…").
export async function createVault(browser, name, pin, shot = null) {
  const { page } = browser;
  let s = await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.page === 'people',
    'the list of people');
  await tap(page, s, 'vault:new');
  s = await waitForState(page, (x) => x.vault.screens.page === 'create', 'the new-person page');
  await typeInto(browser, 'vault:name', name);
  await typeInto(browser, 'vault:pin', pin);
  const agent = await page.evaluate(() => window.tokhaiTextAgent.snapshot());
  assert.equal(agent.keyboard, 'numeric', 'a PIN opens the numeric keyboard');
  assert.ok(agent.masked && !agent.value.includes(pin[0]), 'a PIN is masked');
  await typeInto(browser, 'vault:pin-again', pin);
  s = await reveal(browser, 'vault:understood');
  await tap(page, s, 'vault:understood');
  if (shot) {
    await waitForState(page, () => true, 'the box ticked');
    await shot('02c-new-person');
  }
  s = await reveal(browser, 'vault:create');
  await tap(page, s, 'vault:create');
  return waitForState(page, (x) => x.vault.unlocked && x.vault.name === name, 'the new vault', 30000);
}

// On the unlock page: type the PIN and open.
export async function unlockVault(browser, pin) {
  const { page } = browser;
  await waitForState(page, (x) => x.screen === 'vault' && x.vault.screens.page === 'unlock',
    'the unlock page');
  await typeInto(browser, 'vault:unlock-pin', pin);
  const s = await reveal(browser, 'vault:unlock');
  await tap(page, s, 'vault:unlock');
  // An error from an earlier attempt may still show: wait for this one's.
  await waitForState(page, (x) => x.vault.unlocked || x.vault.screens.busy ||
    x.frames_drawn > s.frames_drawn, 'the tap on "open"', 30000);
  return waitForState(page, (x) => x.vault.unlocked || (x.vault.screens.error && !x.vault.screens.busy),
    'the unlock', 30000);
}
