// The review loop across two screens: a teacher's photo waits in the
// secretary's queue (with a safe preview); the secretary returns it with a
// reason; the teacher sees the reason on the phone, fixes the title and
// sends it again; the secretary approves; coverage shows 1.1 filled.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { byId, goTo, hook, loginByLink } from '../lib/app.mjs';
import { DESKTOP, newContext, PHONE, screenshot } from '../lib/browser.mjs';
import { makeJpeg } from '../lib/images.mjs';
import { showItem, uploadWithCli } from '../lib/items.mjs';
import { PLAN_TASK, people } from '../lib/stack.mjs';

const REASON = 'Ảnh bị mờ, thiếu chữ ký của hiệu trưởng';

export default async function ({ stack, browser, log, dir }) {
  const photo = path.join(dir, 'Biên bản họp hội đồng trường.jpg');
  fs.writeFileSync(photo, await makeJpeg(browser, 900, 600, 31));
  const teacherToken = await stack.tokenOf(people.teacher.user);
  const { id, code } = await uploadWithCli(stack, teacherToken, 'Biên bản họp hội đồng trường',
    [photo], ['--task', PLAN_TASK, '--kind', 'minutes', '--year', '2024-2025']);
  log(`teacher's item ${code} (id ${id})`);

  // The secretary's queue: the item with its image preview; return it.
  const laptop = await newContext(browser, DESKTOP, log);
  const secretary = await loginByLink(laptop, await stack.loginLink(people.secretary.user),
    people.secretary.fullName);
  await byId(secretary, 'page-review').waitFor();
  const row = secretary.locator(hook('review-row', { id }));
  await row.waitFor();
  const preview = row.locator(hook('review-preview'));
  await preview.waitFor();
  assert.match(await preview.getAttribute('src'), new RegExp(`^/preview/LQD/${id}/[0-9a-f]{64}$`));
  assert.ok(await preview.evaluate((img) => img.complete && img.naturalWidth === 900),
    'the preview image did not load');
  await screenshot(secretary, 'review');
  await row.locator(hook('review-reason')).fill(REASON);
  await row.locator(hook('review-return')).click();
  await row.waitFor({ state: 'detached' });
  const returned = await showItem(stack, id);
  assert.equal(returned.review_state, 'REVIEW_STATE_RETURNED');
  assert.equal(returned.review_reason, REASON);

  // The teacher's phone: the item is returned, with the secretary's reason.
  const phone = await newContext(browser, PHONE, log);
  const teacher = await loginByLink(phone, await stack.loginLink(people.teacher.user),
    people.teacher.fullName);
  await goTo(teacher, 'mine');
  const mine = teacher.locator(hook('item-row', { id, state: 'returned' }));
  await mine.waitFor();
  assert.ok((await mine.locator(hook('item-reason')).innerText()).includes(REASON), 'the reason is not shown');
  await screenshot(teacher, 'mine-returned');
  await mine.locator(hook('item-edit')).click();
  await byId(teacher, 'edit-title').fill('Biên bản họp hội đồng trường (có chữ ký)');
  await byId(teacher, 'edit-save').click();
  await teacher.locator(hook('item-row', { id, state: 'submitted' })).waitFor();
  const resubmitted = await showItem(stack, id);
  assert.equal(resubmitted.review_state, 'REVIEW_STATE_SUBMITTED');
  assert.equal(resubmitted.title, 'Biên bản họp hội đồng trường (có chữ ký)');

  // Back in the queue; approved.
  await secretary.reload();
  await byId(secretary, 'page-review').waitFor();
  const again = secretary.locator(hook('review-row', { id }));
  await again.locator(hook('review-approve')).click();
  await again.waitFor({ state: 'detached' });
  const approved = await showItem(stack, id);
  assert.equal(approved.review_state, 'REVIEW_STATE_APPROVED');
  assert.equal(approved.reviewer, people.secretary.user);

  // The teacher sees it approved, and can no longer edit it.
  await teacher.reload();
  await byId(teacher, 'page-mine').waitFor();
  const locked = teacher.locator(hook('item-row', { id, state: 'approved' }));
  await locked.waitFor();
  assert.equal(await locked.locator(hook('item-edit')).count(), 0);

  // Coverage: 1.1 has its item, 1.2 none yet.
  await goTo(secretary, 'coverage');
  const filled = secretary.locator(hook('coverage-cell', { criterion: '1.1' }));
  await filled.waitFor();
  assert.equal(await filled.getAttribute('data-items'), '1');
  assert.equal(await secretary.locator(hook('coverage-cell', { criterion: '1.2' })).getAttribute('data-state'), 'empty');
  assert.equal(await byId(secretary, 'coverage-summary').getAttribute('data-covered'), '1');
  // With its overdue plan task done, 1.1 is simply covered.
  assert.equal(await filled.getAttribute('data-state'), 'overdue');
  await stack.hosoOk(['plan', 'done', PLAN_TASK, '--school', 'LQD']);
  await secretary.reload();
  await secretary.locator(hook('coverage-cell', { criterion: '1.1', state: 'covered' })).waitFor();
  await screenshot(secretary, 'coverage');
  await filled.click();
  await byId(secretary, 'page-items').waitFor();
  await secretary.locator(hook('item-row', { id })).waitFor();
  await laptop.close();
  await phone.close();
}
