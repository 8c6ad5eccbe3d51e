// uploadIdOf (web/src/upload.js): the name of an upload the page does not
// hash. The same file gets the same id (a closed tab resumes it); another
// file of the same name, size and time gets another one when its first or
// last 64 KiB differ (it must not resume this one's bytes: nothing would
// catch that); the id is one hosod takes (16-64 of a-z, 0-9, '-').
import assert from 'node:assert/strict';
import { File } from 'node:buffer';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';
import { uploadIdOf } from '../src/upload.js';

globalThis.crypto ??= webcrypto;  // Node 18 has it only under node:crypto

const size = 300 * 1024;
function photo(change = -1) {
  const bytes = new Uint8Array(size).fill(7);
  if (change >= 0) bytes[change] ^= 1;
  return new File([bytes], 'Ảnh lễ khai giảng.jpg', { lastModified: 1764547200000 });
}

test('the same file is named the same, in a form hosod takes', async () => {
  const id = await uploadIdOf('LQD', photo());
  assert.match(id, /^[a-z0-9-]{16,64}$/);
  assert.equal(await uploadIdOf('LQD', photo()), id);
  assert.notEqual(await uploadIdOf('NTMK', photo()), id, 'another school');
});

test('a file that differs at its start or its end is named otherwise', async () => {
  const id = await uploadIdOf('LQD', photo());
  assert.notEqual(await uploadIdOf('LQD', photo(10)), id);
  assert.notEqual(await uploadIdOf('LQD', photo(size - 10)), id);
});

test('a file smaller than the samples is named by all of it', async () => {
  const small = (b) => new File([new Uint8Array([1, 2, b])], 'a.txt', { lastModified: 1 });
  assert.notEqual(await uploadIdOf('LQD', small(3)), await uploadIdOf('LQD', small(4)));
});
