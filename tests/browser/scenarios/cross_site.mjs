// A page of another origin cannot make the app act for a signed-in person.
// The principal is signed in; pages served from another loopback port (same
// site, so the SameSite=Lax cookie rides along) and from `localhost` (another
// site) POST to hoso-web: a form whose text/plain body is JSON, and fetch()
// in no-cors mode. Each is refused with 403 CROSS_SITE_REFUSED and nothing
// changes, while the same call from the app itself does what it says.
import assert from 'node:assert/strict';
import http from 'node:http';

import { api, loginByLink, reasonOf } from '../lib/app.mjs';
import { DESKTOP, newContext } from '../lib/browser.mjs';
import { waitFor } from '../lib/processes.mjs';
import { people, SCHOOL } from '../lib/stack.mjs';

function attackPage(target, user) {
  const body = JSON.stringify({ name: user, fullName: 'Kẻ Gian', school: SCHOOL, role: 'admin' });
  // name="{...,"x":"" value=""}" makes the form's text/plain body valid JSON.
  const name = `${body.slice(0, -1)},"x":"`;
  return `<!doctype html><meta charset="utf-8"><body>
<form id="f" method="POST" enctype="text/plain" action="${target}/api/hoso.v1.UserService/AddUser">
<input type="hidden" name='${name.replace(/'/g, '&#39;')}' value='"}'></form>
<script>
window.fetchDone = fetch(${JSON.stringify(`${target}/api/hoso.v1.UserService/AddUser`)}, {
  method: 'POST', mode: 'no-cors', credentials: 'include',
  headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(body.replace(user, `${user}.fetch`))},
}).then(() => 'sent', (e) => String(e));
</script></body>`;
}

export default async function ({ stack, browser, log }) {
  const context = await newContext(browser, DESKTOP, log);
  const app = await loginByLink(context, await stack.loginLink(people.principal.user),
    people.principal.fullName);
  // Every answer to an AddUser POST, as chromium saw it.
  const seen = [];
  context.on('response', async (r) => {
    if (!r.url().endsWith('/api/hoso.v1.UserService/AddUser')) return;
    const form = r.request().isNavigationRequest();
    seen.push({ status: r.status(), form, text: form ? await r.text().catch(() => '') : '' });
  });

  const server = http.createServer((req, res) => {
    const user = req.url.includes('cross-site') ? 'ke.gian.site' : 'ke.gian.port';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(attackPage(stack.webUrl, user));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  for (const origin of [`http://127.0.0.1:${port}/same-site`, `http://localhost:${port}/cross-site`]) {
    const evil = await context.newPage();
    await evil.goto(origin);
    log(`${origin}: fetch ${await evil.evaluate(() => window.fetchDone)}`);
    const before = seen.length;
    await evil.evaluate(() => document.getElementById('f').submit());
    await waitFor(() => seen.length > before + 0 && seen.slice(before).some((r) => r.form), 20000,
      `the form's POST from ${origin}`);
    const answer = seen.slice(before).find((r) => r.form);
    log(`${origin}: form answered ${answer.status} ${answer.text.slice(0, 160)}`);
    assert.equal(answer.status, 403, `${origin}: the form's POST was answered ${answer.status}`);
    if (answer.text.startsWith('{')) assert.equal(reasonOf(JSON.parse(answer.text)), 'CROSS_SITE_REFUSED');
    await evil.close();
  }
  server.close();
  assert.deepEqual(seen.map((r) => r.status), [403, 403, 403, 403],
    'a fetch and a form from each of the two origins');

  // Nothing changed: no such user anywhere.
  const users = (await stack.hosoOk(['user', 'ls', '--school', SCHOOL])).stdout;
  assert.doesNotMatch(users, /ke\.gian/, users);

  // The same call from the app's own page works (the session was live all along).
  const ok = await api(app, 'UserService/AddUser', {
    name: 'gv.hoa', fullName: 'Lê Thị Hoa', school: SCHOOL, role: 'teacher' });
  assert.equal(ok.status, 200, JSON.stringify(ok));
  assert.match((await stack.hosoOk(['user', 'ls', '--school', SCHOOL])).stdout, /gv\.hoa/);
  await context.close();
}
