// The teacher signed in on a phone-sized window through a CutProxy in front
// of hoso-web, so that a scenario can count what went over the wire and cut it.
import { loginByLink } from './app.mjs';
import { newContext, PHONE } from './browser.mjs';
import { CutProxy } from './cut_proxy.mjs';
import { people } from './stack.mjs';

export async function teacherPhoneBehindProxy(stack, browser, log) {
  const proxy = new CutProxy(stack.webListen);
  const base = await proxy.listen();
  const phone = await newContext(browser, PHONE, log);
  const page = await loginByLink(phone, await stack.loginLink(people.teacher.user, base),
    people.teacher.fullName);
  return { proxy, phone, page };
}
