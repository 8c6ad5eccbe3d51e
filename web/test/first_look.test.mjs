// firstLook and mayBeUnfinished (web/src/upload.js): the one StatContent
// before any hashing asks every file's size, and the durable offset only of
// the upload ids worked out before it (a file a closed tab may have left
// unfinished); each answer goes back to its own file.
import assert from 'node:assert/strict';
import { File } from 'node:buffer';
import { test } from 'node:test';
import { firstLook, mayBeUnfinished } from '../src/upload.js';

const photo = (name, size) => new File([new Uint8Array(size)], name);

test('only a file of the name and size of an unfinished upload id may be unfinished', () => {
  const unfinished = [
    { key: 'web-a', sha256: '', uploadId: 'web-a', name: 'Ảnh 1.jpg', size: 10 },
    { key: 'f'.repeat(64), sha256: 'f'.repeat(64), uploadId: '', name: 'Ảnh 2.jpg', size: 20 },
  ];
  assert.equal(mayBeUnfinished(photo('Ảnh 1.jpg', 10), unfinished), true);
  assert.equal(mayBeUnfinished(photo('Ảnh 1.jpg', 11), unfinished), false, 'another size');
  assert.equal(mayBeUnfinished(photo('Ảnh 3.jpg', 10), unfinished), false, 'another name');
  assert.equal(mayBeUnfinished(photo('Ảnh 2.jpg', 20), unfinished), false, 'hashed uploads are found by their hash');
});

test('one question: every size, and the offsets of the ids asked, each to its file', async (t) => {
  const asked = [];
  t.mock.method(globalThis, 'fetch', async (url, init) => {
    asked.push({ url, body: JSON.parse(init.body) });
    const answer = { sizeHeld: [true, false, false], uploads: [{ resumeOffset: '1048576' }] };
    return new Response(JSON.stringify(answer), { status: 200 });
  });
  const files = [photo('a.jpg', 5), photo('b.jpg', 6), photo('c.jpg', 7)];
  const looks = await firstLook('LQD', files, ['', '', 'web-c']);
  assert.equal(asked.length, 1);
  assert.equal(asked[0].url, '/api/hoso.v1.ContentService/StatContent');
  assert.deepEqual(asked[0].body, { school: 'LQD', probeSize: ['5', '6', '7'], uploadId: ['web-c'] });
  assert.deepEqual(looks, [
    { held: true, resumeOffset: 0 },
    { held: false, resumeOffset: 0 },
    { held: false, resumeOffset: 1048576 },
  ]);
});
