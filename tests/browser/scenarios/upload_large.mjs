// A large file (a video from the phone) the school holds nothing of that
// size cannot be there already: the page sends it at once without hashing it
// (a browser has no fast streaming SHA-256), in one PATCH under an upload id
// that says `Hoso-Sha256: server`, and hosod's hash of what arrived names it:
// every byte goes over the wire once and the item holds the file's true hash.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { byId } from '../lib/app.mjs';
import { sha256Hex } from '../lib/images.mjs';
import { itemFiles } from '../lib/items.mjs';
import { teacherPhoneBehindProxy } from '../lib/teacher_phone.mjs';
import { fileRows, fillUpload, submitUpload } from '../lib/upload_form.mjs';

export default async function ({ stack, browser, log, dir }) {
  const video = crypto.randomBytes(24 * 1024 * 1024 + 12345);
  const videoPath = path.join(dir, 'Video lễ khai giảng.mp4');
  fs.writeFileSync(videoPath, video);

  const { proxy, phone, page } = await teacherPhoneBehindProxy(stack, browser, log);
  await fillUpload(page, {
    search: '1.1',
    criterion: '1.1',
    title: 'Video lễ khai giảng năm học mới',
    files: [videoPath],
  });
  const item = await submitUpload(page);
  const rows = await fileRows(page);
  log(`rows: ${JSON.stringify(rows)}`);
  assert.deepEqual(rows.map((r) => r.state), ['uploaded']);
  assert.ok(!rows[0].states.includes('hashing') && !rows[0].states.includes('checking'),
    `hashed before it was sent: ${rows[0].states}`);

  const uploads = proxy.requests.filter((r) => r.path.startsWith('/files'));
  log(`tus requests: ${JSON.stringify(uploads.map((r) => [r.method, r.path, r.bodyBytes]))}`);
  const creation = uploads.filter((r) => r.method === 'POST');
  assert.equal(creation.length, 1);
  const patches = uploads.filter((r) => r.method === 'PATCH');
  assert.ok(patches.every((r) => r.path.startsWith('/files/u.')), 'named by an upload id');
  assert.equal(patches.length, 1, 'the whole file in one PATCH');
  assert.equal(patches[0].headers['hoso-sha256'], 'server', 'the PATCH says the page did not hash it');
  assert.equal(patches.reduce((n, r) => n + r.bodyBytes, 0), video.length, 'every byte sent once');

  const files = await itemFiles(stack, item.id);
  assert.deepEqual(files.map((f) => f.sha256), [sha256Hex(video)]);
  assert.equal(await byId(page, 'error-banner').isVisible(), false);
  await phone.close();
  await proxy.close();
}
