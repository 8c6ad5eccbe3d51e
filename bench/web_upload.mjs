// Drives the real upload page in Debian's chromium (headless) for
// bench/web_upload.sh: signs in with a one-time link, fills the form, picks
// the files and prints the seconds from the submit click to the created item
// (hashing in the page, StatContent, tus PATCHes through hoso-web, the
// CreateEvidence call), then "bytes_sent=N" as the page counted them.
// Usage: node bench/web_upload.mjs LINK CRITERION FILE...
import { loginByLink } from '../tests/browser/lib/app.mjs';
import { DESKTOP, launchChromium, newContext } from '../tests/browser/lib/browser.mjs';
import { fileRows, fillUpload, submitUpload } from '../tests/browser/lib/upload_form.mjs';

const [link, criterion, ...files] = process.argv.slice(2);
const fullName = process.env.BENCH_FULL_NAME || 'Giáo viên';
const browser = await launchChromium();
try {
  const context = await newContext(browser, DESKTOP, (line) => console.error(line));
  const page = await loginByLink(context, link, fullName);
  await fillUpload(page, { search: criterion, criterion, title: 'Bench upload', files });
  let bytes = 0;
  page.on('request', (r) => {
    if (r.method() === 'PATCH') bytes += Number(r.headers()['content-length'] || 0);
  });
  const started = process.hrtime.bigint();
  await submitUpload(page, 30 * 60 * 1000);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = await fileRows(page);
  const states = rows.map((r) => r.state);
  // Where the time went: each file's states, ms after the first one began.
  const t0 = Math.min(...rows.map((r) => r.times[0] ?? Infinity));
  for (const r of rows) {
    console.error(`${r.name}: ${r.states.map((s, i) => `${s}@${r.times[i] - t0}`).join(' ')}`);
  }
  if (states.some((s) => s !== 'uploaded')) throw new Error(`file states: ${states}`);
  console.log(seconds.toFixed(3));
  console.log(`bytes_sent=${bytes}`);
} finally {
  await browser.close();
}
