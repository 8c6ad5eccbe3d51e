// Debian's chromium, headless, driven by playwright-core from web/node_modules
// (pinned by web/package-lock.json). Playwright gives each launch a fresh
// --user-data-dir in the temp dir and removes it on close; every context is a
// fresh profile of its own (cookies, storage), one per person in a scenario.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { config } from './config.mjs';

const require = createRequire(path.join(config.webPackages, 'package.json'));
const { chromium } = require('playwright-core');

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A phone: 412×915 CSS pixels, touch, Vietnamese.
export const PHONE = {
  viewport: { width: 412, height: 915 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
  acceptDownloads: true,
};
// A secretary's or assessor's laptop.
export const DESKTOP = {
  viewport: { width: 1280, height: 900 },
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
  acceptDownloads: true,
};

export async function launchChromium() {
  return chromium.launch({
    executablePath: config.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 60000,
  });
}

// A new context whose pages log their errors to the test's output (a page
// error is often the first sign of what broke).
export async function newContext(browser, options, log) {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(20000);
  context.on('page', (page) => watchPage(page, log));
  return context;
}

export function watchPage(page, log) {
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`console.${m.type()}: ${m.text()}`);
  });
}

// A full-page screenshot in the output folder (kept for the closing note).
export async function screenshot(page, name) {
  fs.mkdirSync(config.out, { recursive: true });
  const file = path.join(config.out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
