// What a teacher uploads never runs on the app's origin: an HTML page with
// scripts (inline, an event handler, a script that is itself an uploaded
// file), an SVG with a script and an HTML file dressed as a PNG are opened
// by the secretary through the app's download and preview URLs; no script
// runs (no marker on the window, no cookie, no localStorage written).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { byId, hook, loginByLink } from '../lib/app.mjs';
import { DESKTOP, newContext } from '../lib/browser.mjs';
import { sha256Hex } from '../lib/images.mjs';
import { uploadWithCli } from '../lib/items.mjs';
import { people, SCHOOL } from '../lib/stack.mjs';

const mark = (what) =>
  `try{window.top.__hosoPwned=${JSON.stringify(what)}}catch(e){};` +
  `document.cookie="pwned=${what}; path=/";try{localStorage.setItem("pwned",${JSON.stringify(what)})}catch(e){}`;

// Runs `action` (a click, a navigation) on `page`: what it answered, the
// download it started (when one is expected), and the marker of a script
// that ran.
async function opens(page, action, { download: expected = true } = {}) {
  const download = expected
    ? page.waitForEvent('download', { timeout: 5000 }).catch(() => null)
    : Promise.resolve(null);
  const response = await action().catch(() => null);
  const started = await download;
  if (started) await started.path();
  const marker = await page.evaluate(() => window.__hosoPwned ?? null).catch(() => null);
  return { response, download: started, marker };
}

export default async function ({ stack, browser, log, dir }) {
  const teacherToken = await stack.tokenOf(people.teacher.user);
  const write = (name, text) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return { file, name, sha256: sha256Hex(fs.readFileSync(file)) };
  };
  const js = write('tai-lieu.js', mark('js'));
  const jsItem = await uploadWithCli(stack, teacherToken, 'Tài liệu', [js.file]);
  const jsUrl = `/download/${SCHOOL}/${jsItem.id}/${js.sha256}`;
  const html = write('Báo cáo tổng kết.html',
    `<!doctype html><html><body><h1>Báo cáo</h1><script>${mark('html')}</script>` +
    `<img src="x" onerror='${mark('onerror')}'><script src="${jsUrl}"></script></body></html>`);
  const svg = write('Sơ đồ.svg',
    `<svg xmlns="http://www.w3.org/2000/svg"><script>${mark('svg')}</script><circle r="5"/></svg>`);
  const fake = write('Ảnh giả.png',
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from(`<html><script>${mark('png')}</script></html>`)]));
  const title = `Báo cáo <img src=x onerror="${mark('title')}">`;
  const { id } = await uploadWithCli(stack, teacherToken, title, [html.file, svg.file, fake.file]);

  const laptop = await newContext(browser, DESKTOP, log);
  const app = await loginByLink(laptop, await stack.loginLink(people.secretary.user),
    people.secretary.fullName);
  await byId(app, 'page-review').waitFor();
  const row = app.locator(hook('review-row', { id }));
  await row.waitFor();
  assert.ok((await row.innerText()).includes('<img src=x'), 'the title is shown as text');
  // Only the fake PNG gets a preview (sniffed as an image); it stays an image.
  const previews = await row.locator(hook('review-preview')).evaluateAll((els) => els.map((e) => e.getAttribute('src')));
  assert.deepEqual(previews, [`/preview/${SCHOOL}/${id}/${fake.sha256}`]);

  // Each download is an attachment: a download, never a page; a preview
  // only for what is an image, sandboxed.
  for (const f of [html, svg, fake]) {
    const link = row.locator(`${hook('review-download')}[href$="${f.sha256}"]`);
    const seen = await opens(app, () => link.click());
    assert.equal(seen.marker, null, `${f.name}: a script ran on the app's page`);
    assert.ok(seen.download, `${f.name}: its link opened a page, not a download`);
    assert.equal(seen.download.suggestedFilename(), f.name.normalize('NFC'));
  }
  const opened = await laptop.newPage();
  for (const f of [html, svg, fake, js]) {
    const itemId = f === js ? jsItem.id : id;
    const url = `${stack.webUrl}/download/${SCHOOL}/${itemId}/${f.sha256}`;
    const seen = await opens(opened, () => opened.goto(url));
    assert.equal(seen.marker, null, `${f.name}: a script ran when its download was opened`);
    assert.ok(seen.download, `${f.name}: its download URL showed a page`);
  }
  for (const f of [html, svg]) {
    const seen = await opens(opened, () => opened.goto(`${stack.webUrl}/preview/${SCHOOL}/${id}/${f.sha256}`),
      { download: false });
    assert.equal(seen.marker, null, `${f.name}: a script ran in its preview`);
    assert.equal(seen.response?.status(), 415, `${f.name} was previewed`);
  }
  const image = await opens(opened, () => opened.goto(`${stack.webUrl}/preview/${SCHOOL}/${id}/${fake.sha256}`),
    { download: false });
  assert.equal(image.marker, null, 'the HTML dressed as a PNG ran as a page');
  assert.equal(image.response.headers()['content-type'], 'image/png');
  assert.match(image.response.headers()['content-security-policy'] ?? '', /sandbox/);

  // Nothing ran anywhere on the origin.
  await app.reload();
  await byId(app, 'page-review').waitFor();
  for (const page of laptop.pages()) {
    const marker = await page.evaluate(() => window.__hosoPwned ?? null).catch(() => null);
    assert.equal(marker, null, `a script ran in ${page.url()}`);
  }
  const state = await app.evaluate(() => ({ cookie: document.cookie, stored: localStorage.getItem('pwned') }));
  log(`after: ${JSON.stringify(state)}`);
  assert.ok(!state.cookie.includes('pwned'), `a script wrote a cookie: ${state.cookie}`);
  assert.equal(state.stored, null);
  const cookies = await laptop.cookies();
  assert.deepEqual(cookies.filter((c) => c.name === 'pwned'), []);
  await laptop.close();
}
