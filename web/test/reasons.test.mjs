// web/src/reasons.js against the server's list of reasons
// (storage/base/error_reason.h, parsed here so a reason added there without
// its sentences fails this test) and hoso-web's own (clients/web/HTTP.md).
// Run: node --test web/test/reasons.test.mjs (ctest label web).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import { messageFor, reasonOf, metadataOf, formatBytes, SENTENCES, CODE_SENTENCES } from '../src/reasons.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Every `kName = "REASON"` inside `namespace reason { … }`.
function serverReasons() {
  const header = readFileSync(join(root, 'storage/base/error_reason.h'), 'utf8');
  const block = header.match(/namespace reason \{([\s\S]*?)\}\s*\/\/ namespace reason/);
  assert.ok(block, 'error_reason.h has a namespace reason block');
  const reasons = [...block[1].matchAll(/=\s*"([A-Z0-9_]+)"\s*;/g)].map((m) => m[1]);
  assert.ok(reasons.length >= 20, `found only ${reasons.length} reasons in error_reason.h`);
  return reasons;
}

// hoso-web's reasons, as HTTP.md's Errors section lists them.
function webReasons() {
  const doc = readFileSync(join(root, 'clients/web/HTTP.md'), 'utf8');
  const errors = doc.slice(doc.indexOf('## Errors'));
  const reasons = [...errors.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]);
  assert.ok(reasons.includes('SERVER_UNAVAILABLE'), 'HTTP.md names hoso-web reasons');
  return reasons;
}

// The Connect error JSON hoso-web sends (HTTP.md).
function connectError(code, reason, metadata = {}) {
  return {
    code,
    message: 'the server message, written for the CLI',
    details: [{ type: 'google.rpc.ErrorInfo', value: '', debug: { reason, domain: 'hoso.vn', metadata } }],
  };
}

// gRPC's codes by their Connect names.
const CODES = [
  'canceled', 'unknown', 'invalid_argument', 'deadline_exceeded', 'not_found', 'already_exists',
  'permission_denied', 'resource_exhausted', 'failed_precondition', 'aborted', 'out_of_range',
  'unimplemented', 'internal', 'unavailable', 'data_loss', 'unauthenticated',
];

const VIETNAMESE_LETTER = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

test('every reason of error_reason.h and of hoso-web has a Vietnamese and an English sentence', () => {
  const all = [...new Set([...serverReasons(), ...webReasons()])];
  for (const reason of all) {
    assert.ok(Object.hasOwn(SENTENCES, reason), `no sentences for ${reason}`);
    for (const metadata of [{}, { criterion: '1.1', code: 'H1-1.1-01', school: 'THLQD' }]) {
      const vi = messageFor(connectError('failed_precondition', reason, metadata), 'vi');
      const en = messageFor(connectError('failed_precondition', reason, metadata), 'en');
      assert.match(vi, VIETNAMESE_LETTER, `${reason}: "${vi}" is not Vietnamese`);
      assert.doesNotMatch(en, VIETNAMESE_LETTER, `${reason}: "${en}" is not English`);
      assert.notEqual(vi, en);
      for (const sentence of [vi, en]) {
        assert.doesNotMatch(sentence, /undefined|null|NaN|\$\{|\s{2}|\s[.:;,]/, `${reason}: "${sentence}"`);
        assert.match(sentence, /[.!]$/, `${reason}: "${sentence}" ends a sentence`);
        assert.notEqual(sentence, 'the server message, written for the CLI');
      }
    }
  }
});

test('the sentence has the metadata in it', () => {
  assert.equal(
    messageFor(connectError('invalid_argument', 'UNKNOWN_CRITERION', { criterion: '1.1' }), 'vi'),
    'Tiêu chí 1.1 không có trong bộ tiêu chuẩn của trường.',
  );
  assert.equal(
    messageFor(connectError('invalid_argument', 'UNKNOWN_CRITERION', { criterion: '9.9' }), 'en'),
    "Criterion 9.9 is not in the school's set of standards.",
  );
  const notOwn = messageFor(
    connectError('permission_denied', 'NOT_OWN_ITEM', { code: 'H1-1.1-02', uploader: 'Nguyễn Thị Lan' }),
  );
  assert.match(notOwn, /H1-1\.1-02/);
  assert.match(notOwn, /Nguyễn Thị Lan/);
  const large = messageFor(connectError('invalid_argument', 'TOO_LARGE', { limit_bytes: String(25 << 20) }), 'vi');
  assert.match(large, /25 MB/);
  const stale = messageFor(connectError('aborted', 'STALE_REVISION', { criterion: '2.3', latest: '4' }), 'en');
  assert.match(stale, /Criterion 2\.3/);
  assert.match(stale, /revision 4/);
  const throttled = messageFor(connectError('resource_exhausted', 'LOGIN_THROTTLED', { retry_after_seconds: '45' }));
  assert.match(throttled, /45 giây/);
  assert.match(messageFor(connectError('invalid_argument', 'INVALID_ARGUMENT', { field: 'title' })), /tên minh chứng/);
});

test('an error without a known reason gets its code sentence', () => {
  for (const code of CODES) {
    assert.ok(Object.hasOwn(CODE_SENTENCES, code), `no fallback for ${code}`);
    const upper = code === 'canceled' ? 'CANCELLED' : code.toUpperCase();
    // hosod names the code as the reason when none was attached.
    assert.equal(messageFor(connectError(code, upper), 'vi'), CODE_SENTENCES[code].vi);
    assert.equal(messageFor(connectError(code, 'A_REASON_FROM_A_NEWER_SERVER'), 'en'), CODE_SENTENCES[code].en);
    assert.equal(messageFor({ code, message: 'no details' }, 'vi'), CODE_SENTENCES[code].vi);
    assert.match(CODE_SENTENCES[code].vi, VIETNAMESE_LETTER);
  }
});

test('anything that is not a Connect error reads as the server out of reach', () => {
  const unreachable = SENTENCES.SERVER_UNAVAILABLE.vi();
  assert.equal(messageFor(new TypeError('Failed to fetch')), unreachable);
  assert.equal(messageFor(undefined), unreachable);
  assert.equal(messageFor('oops', 'en'), SENTENCES.SERVER_UNAVAILABLE.en());
});

test('Vietnamese is the default language; an unknown one falls back to it', () => {
  const error = connectError('permission_denied', 'ITEM_APPROVED', { code: 'H1-1.1-01' });
  assert.equal(messageFor(error), messageFor(error, 'vi'));
  assert.equal(messageFor(error, 'fr'), messageFor(error, 'vi'));
});

test('reason and metadata are read from the first ErrorInfo', () => {
  const error = connectError('not_found', 'ITEM_NOT_FOUND', { item: '17', school: 'THLQD' });
  error.details.unshift({ type: 'google.rpc.DebugInfo', debug: {} });
  assert.equal(reasonOf(error), 'ITEM_NOT_FOUND');
  assert.deepEqual(metadataOf(error), { item: '17', school: 'THLQD' });
  assert.equal(reasonOf({ code: 'internal' }), '');
  assert.deepEqual(metadataOf({ code: 'internal' }), {});
});

test('a reason never reaches a prototype property', () => {
  const sentence = messageFor(connectError('internal', 'constructor'), 'vi');
  assert.equal(sentence, CODE_SENTENCES.internal.vi);
  assert.equal(messageFor(connectError('internal', '__proto__'), 'en'), CODE_SENTENCES.internal.en);
  assert.equal(messageFor({ code: 'constructor' }, 'vi'), CODE_SENTENCES.unknown.vi);
});

test('sizes read as people write them', () => {
  assert.equal(formatBytes(1536, 'vi'), '1,5 KB');
  assert.equal(formatBytes(1536, 'en'), '1.5 KB');
  assert.equal(formatBytes(25 << 20), '25 MB');
  assert.equal(formatBytes(900), '900 byte');
});
