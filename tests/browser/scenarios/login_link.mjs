// A teacher signs in on a phone with the one-time link the principal printed:
// the link opens the upload page signed in, the code leaves the address bar,
// the session is an HttpOnly __Host- cookie, and the link works only once.
import assert from 'node:assert/strict';

import { bannerWith, byId, hook } from '../lib/app.mjs';
import { newContext, PHONE, screenshot } from '../lib/browser.mjs';
import { people } from '../lib/stack.mjs';

export default async function ({ stack, browser, log }) {
  const teacher = people.teacher;
  const phone = await newContext(browser, PHONE, log);
  const login = await phone.newPage();
  await login.goto(`${stack.webUrl}/#/login`);
  await byId(login, 'page-login').waitFor();
  await screenshot(login, 'login');
  await login.close();

  const link = await stack.loginLink(teacher.user);
  log(`login link: ${link.replace(/#.*/, '#…')}`);
  assert.match(link, /\/#login=/);
  const page = await phone.newPage();
  await page.goto(link);
  await byId(page, 'whoami').filter({ hasText: teacher.fullName }).waitFor();
  // Signed in with a code and no password yet: offered to set one above the
  // first page, until saved or put off.
  await byId(page, 'page-upload').waitFor();
  await byId(page, 'set-password').waitFor();
  await byId(page, 'set-password-skip').click();
  await byId(page, 'set-password').waitFor({ state: 'detached' });
  assert.ok(!page.url().includes('login='), `the code stays in the address bar: ${page.url()}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 412,
    'the upload page fits a 412 px wide phone without scrolling sideways');

  const cookies = await phone.cookies();
  const session = cookies.find((c) => c.name === '__Host-hoso');
  assert.ok(session, `no session cookie: ${JSON.stringify(cookies.map((c) => c.name))}`);
  assert.equal(session.httpOnly, true);
  assert.equal(session.secure, true);
  assert.equal(session.sameSite, 'Lax');
  assert.equal(session.path, '/');
  assert.equal(await page.evaluate(() => document.cookie.includes('hoso')), false,
    'the page script can read the session');

  // Single use: the same link on another phone is refused.
  const other = await newContext(browser, PHONE, log);
  const again = await other.newPage();
  await again.goto(link);
  const sentence = await bannerWith(again, 'LOGIN_CODE_INVALID');
  log(`second use: ${sentence}`);
  await byId(again, 'page-login').waitFor();
  assert.equal((await other.cookies()).some((c) => c.name === '__Host-hoso'), false);
  assert.equal(await again.locator(hook('whoami')).innerText(), '');
  await other.close();
  await phone.close();
}
