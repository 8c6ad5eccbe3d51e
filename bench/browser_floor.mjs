// The browser's own floor for bench/web_upload.sh: Debian's chromium sends
// the same files, one PATCH each (XMLHttpRequest with the File, as
// tus-js-client sends them), four at once (as the upload page's senders),
// to a server on loopback that reads and discards every body. No hoso-web,
// no hosod, no hashing: what chromium's upload path costs by itself on this
// machine, so the page's ratio can be read against what any server would get.
// Prints the seconds, then "chromium_cpu_s=N" (all its processes).
// Usage: node bench/browser_floor.mjs FILE...
import fs from 'node:fs';
import http from 'node:http';

import { DESKTOP, launchChromium, newContext } from '../tests/browser/lib/browser.mjs';

const files = process.argv.slice(2);
const page = `<!doctype html><meta charset="utf-8"><input type="file" id="f" multiple>
<script>
function send(file) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('PATCH', '/sink');
    x.onload = () => (x.status === 204 ? resolve() : reject(new Error('status ' + x.status)));
    x.onerror = () => reject(new Error('network'));
    x.upload.onprogress = () => {};
    x.send(file);
  });
}
window.sendAll = async () => {
  const queue = [...document.getElementById('f').files];
  const started = performance.now();
  await Promise.all([0, 1, 2, 3].map(async () => { while (queue.length) await send(queue.shift()); }));
  return (performance.now() - started) / 1000;
};
</script>`;
let received = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    return res.end(page);
  }
  req.on('data', (piece) => { received += piece.length; });
  req.on('end', () => { res.writeHead(204); res.end(); });
  return undefined;
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

// CPU seconds of every chromium process now running (ours: the bench runs alone).
function chromiumCpuSeconds() {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

const browser = await launchChromium();
try {
  const context = await newContext(browser, DESKTOP, (line) => console.error(line));
  const tab = await context.newPage();
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.setInputFiles('#f', files);
  const cpu = chromiumCpuSeconds();
  const seconds = await tab.evaluate(() => window.sendAll());
  const expected = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  if (received !== expected) throw new Error(`the sink got ${received} bytes of ${expected}`);
  console.log(seconds.toFixed(3));
  console.log(`chromium_cpu_s=${(chromiumCpuSeconds() - cpu).toFixed(2)}`);
} finally {
  await browser.close();
  server.close();
}
