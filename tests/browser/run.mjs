// Runs one browser scenario: node run.mjs NAME (scenarios/NAME.mjs).
// It starts a seeded hosod and hoso-web (lib/stack.mjs), chromium
// (lib/browser.mjs), runs the scenario, and always stops them all. On a
// failure it keeps a screenshot of every open page in out/failed/ and prints
// the tails of hosod's and hoso-web's logs; the temp dir is kept then.
import fs from 'node:fs';
import path from 'node:path';

import { launchChromium } from './lib/browser.mjs';
import { config } from './lib/config.mjs';
import { stopAll } from './lib/processes.mjs';
import { newStack } from './lib/stack.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: node run.mjs SCENARIO   (a file of tests/browser/scenarios/)');
  process.exit(2);
}
const scenario = await import(`./scenarios/${name}.mjs`);
const timeoutSeconds = Number(process.env.HOSO_BROWSER_TIMEOUT || 150);

const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(none)';
  }
}

let stack;
let browser;
let failed = false;
const watchdog = setTimeout(() => {
  console.error(`FAIL ${name}: still running after ${timeoutSeconds} s`);
  process.exit(1);  // the exit handler kills every process started
}, timeoutSeconds * 1000);

try {
  stack = newStack();
  await stack.start(scenario.stackOptions ?? {});
  log(`hosod on ${stack.hosodAddr}, hoso-web on ${stack.webUrl}, temp dir ${stack.dir}`);
  browser = await launchChromium();
  log(`chromium ${browser.version()}`);
  await scenario.default({ stack, browser, log, out: config.out, dir: stack.dir });
} catch (e) {
  failed = true;
  console.error(`FAIL ${name}: ${e.stack || e}`);
  if (browser) {
    const failedDir = path.join(config.out, 'failed');
    fs.mkdirSync(failedDir, { recursive: true });
    let n = 0;
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        const file = path.join(failedDir, `${name}-${++n}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
        console.error(`  page ${page.url()} -> ${file}`);
      }
    }
  }
  if (stack) {
    console.error(`--- hosod stderr (${stack.dir}):\n${tail(path.join(stack.dir, 'hosod.err'))}`);
    console.error(`--- hoso-web stderr:\n${tail(path.join(stack.dir, 'hoso-web.err'))}`);
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  if (stack) {
    const codes = await stack.stop();
    for (const [proc, code] of Object.entries(codes)) {
      if (code !== 0 && !failed) {
        failed = true;
        console.error(`FAIL ${name}: ${proc} exited ${code} at shutdown`);
      }
    }
  }
  if (stack) {
    // hoso-web leaves after 3 s when a connection does not close: told here,
    // not failed (nothing is lost), so that it is seen.
    const web = tail(path.join(stack.dir, 'hoso-web.err'));
    if (web.includes('did not close')) log('warning: hoso-web left with a connection still open at shutdown');
  }
  await stopAll();
  clearTimeout(watchdog);
  if (stack && !failed) fs.rmSync(stack.dir, { recursive: true, force: true });
}
log(failed ? `FAILED ${name}` : `ok ${name}`);
process.exit(failed ? 1 : 0);
