// Five wrong passwords pause the account: the sixth try, with the right
// password, is refused with the Vietnamese throttle sentence and no session.
// The pause is the account's, not the address's: a colleague on the same
// school network still signs in.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { api, bannerWith, byId, loginByLink, loginWithPassword } from '../lib/app.mjs';
import { DESKTOP, newContext, PHONE, screenshot } from '../lib/browser.mjs';
import { sourceRoot } from '../lib/config.mjs';
import { people } from '../lib/stack.mjs';

const PASSWORD = 'Hoa phượng đỏ 2024';
const COLLEAGUE_PASSWORD = 'Trống trường 2024';

export default async function ({ stack, browser, log }) {
  // The principal gives both a password (as the people page does).
  const admin = await newContext(browser, DESKTOP, log);
  const principal = await loginByLink(admin, await stack.loginLink(people.principal.user),
    people.principal.fullName);
  for (const [user, password] of [[people.teacher.user, PASSWORD], [people.secretary.user, COLLEAGUE_PASSWORD]]) {
    const r = await api(principal, 'LoginService/SetPassword', { user, newPassword: password });
    assert.equal(r.status, 200, JSON.stringify(r));
  }
  await admin.close();

  const phone = await newContext(browser, PHONE, log);
  const page = await phone.newPage();
  await page.goto(`${stack.webUrl}/#/login`);
  for (let i = 1; i <= 5; i++) {
    await loginWithPassword(page, stack.webUrl, people.teacher.user, `sai mật khẩu ${i}`);
    await bannerWith(page, 'BAD_PASSWORD');
    log(`wrong password ${i}: refused`);
    await page.evaluate(() => {  // a fresh banner for the next answer
      const b = document.querySelector('[data-testid="error-banner"]');
      if (b) b.setAttribute('data-reason', '');
    });
  }
  await loginWithPassword(page, stack.webUrl, people.teacher.user, PASSWORD);
  const sentence = await bannerWith(page, 'LOGIN_THROTTLED');
  log(`sixth, right password: ${sentence}`);
  const { messageFor } = await import(pathToFileURL(path.join(sourceRoot, 'web/src/reasons.js')));
  const stem = messageFor({ code: 'resource_exhausted', details: [{ type: 'google.rpc.ErrorInfo',
    debug: { reason: 'LOGIN_THROTTLED' } }] }, 'vi').split(':')[0];
  assert.ok(sentence.includes(stem), `"${sentence}" is not the throttle sentence "${stem}"`);
  assert.match(sentence, /thử lại sau/);
  await screenshot(page, 'login-throttled');
  assert.equal((await phone.cookies()).some((c) => c.name === '__Host-hoso'), false,
    'a throttled login got a session');
  await byId(page, 'page-login').waitFor();

  // Same address, another account: not throttled.
  const other = await newContext(browser, DESKTOP, log);
  const colleague = await other.newPage();
  await loginWithPassword(colleague, stack.webUrl, people.secretary.user, COLLEAGUE_PASSWORD);
  await byId(colleague, 'whoami').filter({ hasText: people.secretary.fullName }).waitFor();
  await other.close();
  await phone.close();
}
