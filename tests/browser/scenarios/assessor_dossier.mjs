// A dossier from build to the assessor: the secretary builds it in the app,
// the principal seals it on their own machine (`hoso dossier seal`, a dev
// CA's certificate), the app shows it sealed, and the assessor downloads
// the zip in the browser; `hoso verify --ca` accepts the downloaded file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { byId, goTo, hook, loginByLink } from '../lib/app.mjs';
import { DESKTOP, newContext, screenshot } from '../lib/browser.mjs';
import { makeJpeg } from '../lib/images.mjs';
import { uploadWithCli } from '../lib/items.mjs';
import { run } from '../lib/processes.mjs';
import { makeSigner } from '../lib/signer.mjs';
import { config } from '../lib/config.mjs';
import { people, SCHOOL } from '../lib/stack.mjs';

export default async function ({ stack, browser, log, dir }) {
  const photo = path.join(dir, 'Ảnh lễ tổng kết năm học.jpg');
  fs.writeFileSync(photo, await makeJpeg(browser, 800, 600, 41));
  const { code } = await uploadWithCli(stack, stack.adminToken, 'Lễ tổng kết năm học', [photo]);
  await stack.hosoOk(['review', 'approve', code, '--school', SCHOOL]);

  // The secretary builds the dossier.
  const laptop = await newContext(browser, DESKTOP, log);
  const secretary = await loginByLink(laptop, await stack.loginLink(people.secretary.user),
    people.secretary.fullName);
  await goTo(secretary, 'dossiers');
  await byId(secretary, 'dossier-build').click();
  const draft = secretary.locator(hook('dossier-row', { state: 'draft' }));
  await draft.waitFor();
  const id = await draft.getAttribute('data-id');
  log(`dossier ${id} built`);

  // Sealed on the principal's machine with the CLI; the app shows it sealed.
  const signer = await makeSigner(path.join(dir, 'keys'));
  await stack.hosoOk(['dossier', 'seal', id, '--school', SCHOOL, '--key', signer.key, '--cert', signer.cert]);
  const principalContext = await newContext(browser, DESKTOP, log);
  const principal = await loginByLink(principalContext, await stack.loginLink(people.principal.user),
    people.principal.fullName);
  await goTo(principal, 'dossiers');
  await principal.locator(hook('dossier-row', { id, state: 'sealed' })).waitFor();
  assert.match(await byId(principal, 'dossier-seal-help').innerText(), /hoso dossier seal/);
  await screenshot(principal, 'dossiers');

  // The assessor: the sealed dossier, downloaded in the browser, verifies.
  const assessorContext = await newContext(browser, DESKTOP, log);
  const assessor = await loginByLink(assessorContext, await stack.loginLink(people.assessor.user),
    people.assessor.fullName);
  await byId(assessor, 'page-assessor').waitFor();
  const row = assessor.locator(hook('dossier-row', { id, state: 'sealed' }));
  await row.waitFor();
  assert.match(await byId(assessor, 'verify-help').innerText(), /hoso verify/);
  await screenshot(assessor, 'assessor');
  const [download] = await Promise.all([
    assessor.waitForEvent('download'),
    row.locator(hook('dossier-download')).click(),
  ]);
  const zip = path.join(dir, download.suggestedFilename() || 'dossier.zip');
  await download.saveAs(zip);
  log(`downloaded ${download.suggestedFilename()}: ${fs.statSync(zip).size} bytes`);
  assert.match(download.suggestedFilename(), /\.zip$/);
  const verified = await run([config.hoso, 'verify', zip, '--ca', signer.ca], { env: { HOME: dir } });
  log(verified.stdout.trim());
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  assert.match(verified.stdout, /VERIFIED/);
  // Damaged in transit, it would not: one byte changed is caught.
  const bytes = fs.readFileSync(zip);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  fs.writeFileSync(`${zip}.bad.zip`, bytes);
  const bad = await run([config.hoso, 'verify', `${zip}.bad.zip`, '--ca', signer.ca], { env: { HOME: dir } });
  assert.notEqual(bad.code, 0);
  for (const c of [laptop, principalContext, assessorContext]) await c.close();
}
