// hashFile (web/src/upload.js): a photo is hashed whole by WebCrypto, with
// no hash-wasm at all; a file past wholeHashLimit streams through hash-wasm
// piece by piece. Both give the file's SHA-256.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { hashFile, wholeHashLimit } from '../src/upload.js';

function bytesOf(size, seed) {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

test('a file up to the limit is hashed by WebCrypto, without hash-wasm', async () => {
  delete globalThis.hashwasm;
  const bytes = bytesOf(3 * 1024 * 1024 + 17, 7);
  const shares = [];
  assert.equal(await hashFile(new Blob([bytes]), (s) => shares.push(s)), sha256(bytes));
  assert.deepEqual(shares, [1]);
  assert.equal(await hashFile(new Blob([])), sha256(new Uint8Array(0)));
});

test('a file past the limit streams through hash-wasm in pieces', async () => {
  globalThis.hashwasm = await import('hash-wasm');
  try {
    const bytes = bytesOf(wholeHashLimit + 5, 11);
    const shares = [];
    assert.equal(await hashFile(new Blob([bytes]), (s) => shares.push(s)), sha256(bytes));
    assert.ok(shares.length > 1, `progress in pieces: ${shares}`);
    assert.equal(shares[shares.length - 1], 1);
  } finally {
    delete globalThis.hashwasm;
  }
});
