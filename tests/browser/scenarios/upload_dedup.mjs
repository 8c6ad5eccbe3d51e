// A photo the school already holds (sent before with hoso) is linked, not
// sent: the page hashes it, hosod says it is present, and no byte of it goes
// over the wire (no tus upload for it); the new file beside it is sent once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { byId } from '../lib/app.mjs';
import { makeJpeg, makePng, sha256Hex } from '../lib/images.mjs';
import { itemFiles, uploadWithCli } from '../lib/items.mjs';
import { people } from '../lib/stack.mjs';
import { teacherPhoneBehindProxy } from '../lib/teacher_phone.mjs';
import { fileRows, fillUpload, submitUpload } from '../lib/upload_form.mjs';

export default async function ({ stack, browser, log, dir }) {
  const known = await makeJpeg(browser, 1600, 1200, 21);
  const fresh = makePng(700, 500, 22);
  const knownPath = path.join(dir, 'Ảnh lễ khai giảng.jpg');
  const copyPath = path.join(dir, 'Lễ khai giảng (bản sao).jpg');
  const freshPath = path.join(dir, 'Danh sách học sinh.png');
  fs.writeFileSync(knownPath, known);
  fs.writeFileSync(copyPath, known);
  fs.writeFileSync(freshPath, fresh);
  const teacherToken = await stack.tokenOf(people.teacher.user);
  await uploadWithCli(stack, teacherToken, 'Lễ khai giảng năm học mới', [knownPath]);

  const { proxy, phone, page } = await teacherPhoneBehindProxy(stack, browser, log);
  await fillUpload(page, {
    search: '1.1',
    criterion: '1.1',
    title: 'Danh sách học sinh dự lễ khai giảng',
    kind: 'EVIDENCE_KIND_PHOTO',
    files: [copyPath, freshPath],
  });
  const item = await submitUpload(page);
  const rows = await fileRows(page);
  log(`rows: ${JSON.stringify(rows)}`);
  assert.deepEqual(rows.map((r) => r.state), ['linked', 'uploaded']);
  assert.equal(rows[0].name, path.basename(copyPath).normalize('NFC'));
  assert.ok(!rows[0].states.includes('uploading'), `the copy was sent: ${rows[0].states}`);

  const bodies = proxy.requests.filter((r) => r.path.startsWith('/files') && r.contentLength > 0);
  log(`upload bodies: ${JSON.stringify(bodies.map((r) => [r.method, r.path, r.bodyBytes]))}`);
  assert.equal(bodies.reduce((n, r) => n + r.bodyBytes, 0), fresh.length,
    'only the new file went over the wire');
  assert.equal(proxy.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/files')).length, 1,
    'one tus upload (the new file) was created');

  const files = await itemFiles(stack, item.id);
  assert.deepEqual(files.map((f) => f.sha256).sort(), [sha256Hex(known), sha256Hex(fresh)].sort());
  assert.equal(await byId(page, 'error-banner').isVisible(), false);
  await phone.close();
  await proxy.close();
}
