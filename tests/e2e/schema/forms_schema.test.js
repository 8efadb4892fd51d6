// Every form definition in forms/ is valid against forms/schema/form.schema.json
// (the schema editors use), and the schema refuses what the loader refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const schema = JSON.parse(readFileSync(path.join(root, 'forms/schema/form.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);

const formFiles = readdirSync(path.join(root, 'forms')).filter((f) => f.endsWith('.json'));

test('there are forms to check', () => {
  assert.ok(formFiles.length > 0);
});

for (const file of formFiles) {
  test(`${file} follows the schema`, () => {
    const form = JSON.parse(readFileSync(path.join(root, 'forms', file), 'utf8'));
    const ok = validate(form);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });
}

test('the schema refuses a misspelt property and a missing Vietnamese label', () => {
  const form = {
    format: 'tokhai-form/1', id: 'x', version: '1', title: { vi: 'X' }, legal_basis: { vi: 'Y' },
    effective_date: '2024-07-01', agency: { code: 'a', name: { vi: 'A' } },
    pages: [{ id: 'p', title: { vi: 'P' }, fields: [{ id: 'a', type: 'text', label: { vi: 'A' } }] }],
  };
  assert.ok(validate(form), JSON.stringify(validate.errors));
  form.pages[0].fields[0].requird = true;
  assert.equal(validate(form), false);
  delete form.pages[0].fields[0].requird;
  form.pages[0].fields[0].label = { en: 'A' };
  assert.equal(validate(form), false);
});
