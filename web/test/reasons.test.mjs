// web/src/reasons.js against the server's list of reasons
// (storage/base/error_reason.h, parsed here so a reason added there without
// its sentences fails this test) and hoso-web's own (clients/web/HTTP.md).
// Run: node --test web/test/reasons.test.mjs (ctest label web).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

import {
  messageFor, reasonOf, metadataOf, formatBytes, SENTENCES, CODE_SENTENCES, ACTIONS_VI,
} from '../src/reasons.js';

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

// hoso-web's reasons, as HTTP.md's Errors section lists them, and as its
// code declares them (clients/web/error_json.h, once hoso-web is there).
function webReasons() {
  const doc = readFileSync(join(root, 'clients/web/HTTP.md'), 'utf8');
  const errors = doc.slice(doc.indexOf('## Errors'));
  const reasons = [...errors.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]);
  assert.ok(reasons.includes('SERVER_UNAVAILABLE'), 'HTTP.md names hoso-web reasons');
  const code = join(root, 'clients/web/error_json.h');
  if (existsSync(code)) {
    const block = readFileSync(code, 'utf8').match(/namespace reason \{([\s\S]*?)\}\s*\/\/ namespace reason/);
    assert.ok(block, 'error_json.h has a namespace reason block');
    reasons.push(...[...block[1].matchAll(/=\s*"([A-Z0-9_]+)"\s*;/g)].map((m) => m[1]));
  }
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
  // A code's own name (hoso-web's NOT_FOUND) reads as the code's sentence: tested below.
  const codeNames = new Set(CODES.map((c) => (c === 'canceled' ? 'CANCELLED' : c.toUpperCase())));
  for (const reason of all) {
    if (!Object.hasOwn(SENTENCES, reason) && codeNames.has(reason)) continue;
    assert.ok(Object.hasOwn(SENTENCES, reason), `no sentences for ${reason}`);
    const garbled = { limit_bytes: 'x', size_bytes: '-1', retry_after_seconds: 'soon', field: '??' };
    for (const metadata of [{}, { criterion: '1.1', code: 'H1-1.1-01', school: 'THLQD' }, garbled]) {
      const vi = messageFor(connectError('failed_precondition', reason, metadata), 'vi');
      const en = messageFor(connectError('failed_precondition', reason, metadata), 'en');
      assert.match(vi, VIETNAMESE_LETTER, `${reason}: "${vi}" is not Vietnamese`);
      assert.doesNotMatch(en, VIETNAMESE_LETTER, `${reason}: "${en}" is not English`);
      assert.notEqual(vi, en);
      for (const sentence of [vi, en]) {
        assert.doesNotMatch(sentence, /undefined|null|NaN|\$\{|\s{2}|\s[.:;,)]|\(\s*\)|«»/, `${reason}: "${sentence}"`);
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
  assert.match(messageFor(connectError('invalid_argument', 'INVALID_ARGUMENT', { field: 'năm học' })), /«năm học»/);
  assert.doesNotMatch(
    messageFor(connectError('invalid_argument', 'INVALID_ARGUMENT', { field: 'năm học' }), 'en'),
    VIETNAMESE_LETTER,
  );
  assert.equal(
    messageFor(connectError('failed_precondition', 'NO_CITATION', { criterion: 'M4' })),
    'Chưa thể ghi mức cho mức 4: phần Mô tả hiện trạng chưa dẫn mã minh chứng nào.',
  );
});

test("every action of the access policy's table reads in Vietnamese", () => {
  // ROLE_REQUIRED's `what` is the table's English phrase: {Scope::…, roles, "what", …}.
  const policy = readFileSync(join(root, 'services/access/policy.cc'), 'utf8');
  const table = policy.slice(policy.indexOf('PolicyTable()'));
  const actions = [...table.matchAll(/\{Scope::k\w+,\s*(?:\{\}|k\w+),\s*"([^"]+)"/g)].map((m) => m[1]);
  assert.ok(actions.length >= 40, `found only ${actions.length} actions in policy.cc`);
  for (const what of actions) {
    assert.ok(Object.hasOwn(ACTIONS_VI, what), `no Vietnamese for "${what}"`);
    const vi = messageFor(connectError('permission_denied', 'ROLE_REQUIRED', { what, role: 'teacher', school: 'THLQD' }));
    assert.equal(vi, `Vai trò giáo viên ở trường THLQD không được ${ACTIONS_VI[what]}.`);
    const en = messageFor(connectError('permission_denied', 'ROLE_REQUIRED', { what, role: 'teacher' }), 'en');
    assert.equal(en, `The teacher role may not ${what}.`);
  }
  // A Vietnamese `what` reads as it is; in English the sentence does without it.
  const named = connectError('permission_denied', 'ROLE_REQUIRED', { what: 'duyệt minh chứng' });
  assert.equal(messageFor(named), 'Vai trò của bạn không được duyệt minh chứng.');
  assert.equal(messageFor(named, 'en'), 'Your role may not do this.');
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
