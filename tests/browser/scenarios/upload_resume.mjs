// A teacher on a phone uploads three photos with Vietnamese names; the
// connection drops in the middle of one (a proxy between chromium and
// hoso-web cuts the PATCH), tus resumes it where hosod's durable copy ends,
// and nothing durable is sent twice. The files reach hosod intact.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { screenshot } from '../lib/browser.mjs';
import { makeJpeg, makePng, sha256Hex } from '../lib/images.mjs';
import { itemFiles } from '../lib/items.mjs';
import { PLAN_TASK } from '../lib/stack.mjs';
import { teacherPhoneBehindProxy } from '../lib/teacher_phone.mjs';
import { fileRows, fillUpload, submitUpload } from '../lib/upload_form.mjs';

const MiB = 1 << 20;

export default async function ({ stack, browser, log, dir }) {
  const photos = [
    { name: 'Ảnh họp phụ huynh đầu năm.jpg', bytes: await makeJpeg(browser, 2400, 1800, 11) },
    { name: 'Sổ đầu bài tuần 1.png', bytes: makePng(1500, 1000, 12) },
    { name: 'Biên bản sinh hoạt chuyên môn.jpg', bytes: await makeJpeg(browser, 2000, 1500, 13) },
  ];
  for (const p of photos) {
    p.path = path.join(dir, p.name);
    p.sha256 = sha256Hex(p.bytes);
    fs.writeFileSync(p.path, p.bytes);
    log(`${p.name}: ${p.bytes.length} bytes`);
    assert.ok(p.bytes.length > 3 * MiB);
  }
  assert.equal(new Set(photos.map((p) => p.bytes.length)).size, 3);

  const { proxy, phone, page } = await teacherPhoneBehindProxy(stack, browser, log);
  await fillUpload(page, {
    search: 'phuong huong',  // no diacritics: finds "Phương hướng, chiến lược …"
    criterion: '1.1',
    title: 'Ảnh họp phụ huynh đầu năm học 2024-2025',
    kind: 'EVIDENCE_KIND_PHOTO',
    year: '2024-2025',
    task: PLAN_TASK,
    files: photos.map((p) => p.path),
  });

  // Every PATCH hoso-web accepted, with what hosod took of it.
  const accepted = [];
  phone.on('response', async (r) => {
    if (r.request().method() !== 'PATCH' || r.status() !== 204) return;
    const h = r.headers();
    accepted.push({
      path: new URL(r.url()).pathname,
      offset: Number(r.request().headers()['upload-offset']),
      newOffset: Number(h['upload-offset']),
      received: Number(h['hoso-bytes-received']),
    });
  });
  const cutAfter = 2.5 * MiB;
  const cut = proxy.cutPatchOnce({ afterBytes: cutAfter, downMs: 2000 });
  const submitted = submitUpload(page);
  const cutRequest = await cut;
  log(`cut ${cutRequest.path} after ${cutRequest.bodyBytes} body bytes`);
  await page.waitForTimeout(500);
  await screenshot(page, 'upload-progress');
  const item = await submitted;
  log(`created ${item.code} (id ${item.id})`);
  assert.match(item.code, /1\.1/);
  assert.deepEqual((await fileRows(page)).map((r) => r.state), ['uploaded', 'uploaded', 'uploaded']);

  // Per tus upload: what went through the proxy (the PATCH bodies chromium
  // sent) and what hosod took (each accepted PATCH's Hoso-Bytes-Received).
  // Its size is where its last accepted PATCH ended. The file that was cut
  // resumed with the PATCH hosod accepted after the cut: from hosod's durable
  // offset, carrying only the rest.
  const byPath = new Map();
  for (const r of proxy.patches()) {
    if (!byPath.has(r.path)) byPath.set(r.path, []);
    byPath.get(r.path).push(r);
  }
  assert.equal(byPath.size, 3, `three tus uploads: ${[...byPath.keys()]}`);
  for (const [url, patches] of byPath) {
    const ok = accepted.filter((a) => a.path === url);
    assert.ok(ok.length > 0, `no PATCH of ${url} was accepted`);
    const size = Math.max(...ok.map((a) => a.newOffset));
    const photo = photos.find((p) => p.bytes.length === size);
    assert.ok(photo, `${url} ended at ${size}, not a photo's size`);
    const wire = patches.reduce((n, r) => n + r.bodyBytes, 0);
    const hosodTook = ok.reduce((n, a) => n + a.received, 0);
    // Two files are sent at once: the Wi-Fi gone cuts the other one too
    // (its PATCH arrived short); it resumes the same way, from what hosod
    // made durable of it, which may be nothing yet (less than 1 MiB came).
    const short = patches.filter((r) => r.bodyBytes < r.contentLength);
    if (url !== cutRequest.path && short.length === 0) {
      assert.equal(wire, size, `${photo.name}: ${wire} bytes sent for ${size}`);
      assert.equal(hosodTook, size, `${photo.name}: hosod took ${hosodTook} bytes for ${size}`);
      continue;
    }
    assert.equal(ok.length, 1, 'one PATCH after the cut finished the file');
    const resumedAt = ok[0].offset;
    const resumed = patches.find((r) => !short.includes(r) && Number(r.headers['upload-offset']) === resumedAt);
    if (url !== cutRequest.path) {
      log(`${photo.name} (${size} bytes), cut with it after ${short[0].bodyBytes}: resumed at ${resumedAt}`);
      assert.ok(resumedAt <= short[0].bodyBytes, `resumed at ${resumedAt}, past what arrived`);
      assert.equal(hosodTook, size - resumedAt, 'hosod took bytes it already held');
      assert.equal(resumed.bodyBytes, size - resumedAt, 'the resumed PATCH resent the durable part');
      continue;
    }
    log(`${photo.name} (${size} bytes): cut after ${cutRequest.bodyBytes}, resumed at ${resumedAt}; ` +
      `hosod took ${hosodTook} after the cut; chromium sent ${wire - cutRequest.bodyBytes} after the cut ` +
      `(${patches.length} PATCHes: ${patches.map((r) => `${r.headers['upload-offset']}+${r.bodyBytes}`)})`);
    assert.ok(resumedAt >= MiB, `resumed at ${resumedAt}: hosod kept nothing of what arrived`);
    assert.ok(resumedAt <= cutRequest.bodyBytes, `resumed at ${resumedAt}, past what arrived`);
    assert.equal(hosodTook, size - resumedAt, 'hosod took bytes it already held');
    assert.equal(resumed.bodyBytes, size - resumedAt, 'the resumed PATCH resent the durable part');
  }

  // hosod holds the three files, byte for byte.
  const files = await itemFiles(stack, item.id);
  assert.deepEqual(files.map((f) => f.sha256).sort(), photos.map((p) => p.sha256).sort());
  assert.deepEqual(files.map((f) => f.name).sort(), photos.map((p) => p.name.normalize('NFC')).sort());
  await phone.close();
  await proxy.close();
}
