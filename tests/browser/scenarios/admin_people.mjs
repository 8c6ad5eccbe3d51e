// The principal's people page: the school's people with their roles, and a
// one-time login link issued for a teacher; the link signs the teacher in
// on a phone, and a person added on the page can sign in the same way.
import assert from 'node:assert/strict';

import { byId, hook, loginByLink } from '../lib/app.mjs';
import { DESKTOP, newContext, PHONE, screenshot } from '../lib/browser.mjs';
import { people, SCHOOL } from '../lib/stack.mjs';

export default async function ({ stack, browser, log }) {
  const laptop = await newContext(browser, DESKTOP, log);
  const page = await loginByLink(laptop, await stack.loginLink(people.principal.user),
    people.principal.fullName);
  await byId(page, 'page-people').waitFor();
  for (const p of Object.values(people)) {
    await page.locator(hook('people-row', { user: p.user, role: p.role })).waitFor();
  }

  // A new teacher, added on the page.
  await byId(page, 'people-add-name').fill('gv.hoa');
  await byId(page, 'people-add-fullname').fill('Lê Thị Hoa');
  await byId(page, 'people-add-role').selectOption('teacher');
  await byId(page, 'people-add-submit').click();
  const row = page.locator(hook('people-row', { user: 'gv.hoa', role: 'teacher' }));
  await row.waitFor();
  assert.match((await stack.hosoOk(['user', 'ls', '--school', SCHOOL])).stdout, /gv\.hoa\s+Lê Thị Hoa\s+teacher@LQD/);

  // Her login link, printed for her.
  await row.locator(hook('login-code-issue')).click();
  const linkText = page.locator(hook('login-code-link', { user: 'gv.hoa' }));
  await linkText.waitFor();
  const link = (await linkText.innerText()).trim();
  assert.ok(link.startsWith(`${stack.webUrl}/#login=`), link);
  assert.ok((await byId(page, 'login-code-expires').innerText()).trim().length > 0);
  await screenshot(page, 'people-login-link');

  const phone = await newContext(browser, PHONE, log);
  const teacher = await loginByLink(phone, link, 'Lê Thị Hoa');
  await byId(teacher, 'page-upload').waitFor();
  log('the new teacher signed in with the printed link');
  await phone.close();
  await laptop.close();
}
