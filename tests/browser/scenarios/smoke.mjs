// The harness itself: hoso-web serves the app to a phone-sized chromium in
// Vietnamese, with the page's security headers, and hosod answers behind it.
import assert from 'node:assert/strict';

import { newContext, PHONE } from '../lib/browser.mjs';

export default async function ({ stack, browser, log }) {
  const context = await newContext(browser, PHONE, log);
  const page = await context.newPage();
  const response = await page.goto(stack.webUrl);
  assert.equal(response.status(), 200);
  const headers = response.headers();
  assert.match(headers['content-security-policy'] ?? '', /default-src 'self'/);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  const { lang, width } = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    width: window.innerWidth,
  }));
  assert.equal(lang, 'vi');
  assert.equal(width, 412, 'the app sets a viewport for phones');
  // The API reaches hosod: not signed in is a Connect error with its reason.
  const answer = await page.evaluate(async () => {
    const r = await fetch('/api/hoso.v1.UserService/WhoAmI', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(answer.status, 401, JSON.stringify(answer));
  assert.equal(answer.body.code, 'unauthenticated');
  await context.close();
}
