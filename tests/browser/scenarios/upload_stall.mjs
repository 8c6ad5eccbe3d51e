// A PATCH goes silent (a phone between access points: nothing breaks, no
// answer comes): the page's watchdog aborts it after web/src/upload.js's
// stallMs without progress and resumes from hosod's durable offset, long
// before hoso-web's idle timeout (120 s) would have ended it. Nothing
// durable is sent twice; the file reaches hosod intact.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { makeJpeg, sha256Hex } from '../lib/images.mjs';
import { itemFiles } from '../lib/items.mjs';
import { teacherPhoneBehindProxy } from '../lib/teacher_phone.mjs';
import { fileRows, fillUpload, submitUpload } from '../lib/upload_form.mjs';

const MiB = 1 << 20;

export default async function ({ stack, browser, log, dir }) {
  const bytes = await makeJpeg(browser, 2400, 1800, 31);
  const photo = path.join(dir, 'Ảnh hội giảng cấp trường.jpg');
  fs.writeFileSync(photo, bytes);
  log(`${bytes.length} bytes`);
  assert.ok(bytes.length > 2 * MiB);

  const { proxy, phone, page } = await teacherPhoneBehindProxy(stack, browser, log);
  await fillUpload(page, {
    search: '1.1',
    criterion: '1.1',
    title: 'Ảnh hội giảng cấp trường',
    kind: 'EVIDENCE_KIND_PHOTO',
    files: [photo],
  });
  const accepted = [];
  phone.on('response', (r) => {
    if (r.request().method() !== 'PATCH' || r.status() !== 204) return;
    accepted.push({ offset: Number(r.request().headers()['upload-offset']), received: Number(r.headers()['hoso-bytes-received']) });
  });
  const stallAfter = 1.5 * MiB;
  const stalled = proxy.stallPatchOnce({ afterBytes: stallAfter });
  const started = Date.now();
  // Without the watchdog the PATCH waits for hoso-web's idle timeout (120 s).
  const item = await submitUpload(page, 110 * 1000);
  const stall = await stalled;
  log(`created ${item.code} ${(Date.now() - started) / 1000} s after the submit; ` +
    `the stalled PATCH: ${stall.bodyBytes} bytes on, ${stall.swallowed ?? 0} swallowed`);
  assert.deepEqual((await fileRows(page)).map((r) => r.state), ['uploaded']);

  // One PATCH finished the file, from what hosod kept of the stalled one.
  log(`accepted: ${JSON.stringify(accepted)}`);
  assert.equal(accepted.length, 1);
  const resumedAt = accepted[0].offset;
  assert.ok(resumedAt >= MiB, `resumed at ${resumedAt}: hosod kept nothing of what arrived`);
  assert.ok(resumedAt <= stallAfter, `resumed at ${resumedAt}, past what arrived`);
  assert.equal(accepted[0].received, bytes.length - resumedAt, 'hosod took bytes it already held');

  const files = await itemFiles(stack, item.id);
  assert.deepEqual(files.map((f) => f.sha256), [sha256Hex(bytes)]);
  await phone.close();
  await proxy.close();
}
