// The web app as a person uses it: the `data-testid` hooks of web/README.md
// ("Test hooks") in one place, so that a renamed hook is changed once.
import assert from 'node:assert/strict';

export const byId = (scope, id) => scope.getByTestId(id);

// A CSS selector for a test hook with data-* facts:
// hook('item-row', { code: '[H1-1.1-01]', state: 'returned' }).
export function hook(id, facts = {}) {
  const quote = (v) => JSON.stringify(String(v));
  return [`[data-testid=${quote(id)}]`, ...Object.entries(facts).map(([k, v]) => `[data-${k}=${quote(v)}]`)].join('');
}

// Opens a one-time login link in a new page of `context`, waits until the
// app shows who is signed in and, offered to set a password first (a code
// login of someone without one), says "later": the person's first page.
export async function loginByLink(context, link, fullName) {
  const page = await context.newPage();
  await page.goto(link);
  await byId(page, 'whoami').filter({ hasText: fullName }).waitFor();
  await skipSetPassword(page);
  return page;
}

export async function skipSetPassword(page) {
  const offer = byId(page, 'page-password');
  const other = page.locator('[data-testid^="page-"]:not([data-testid="page-password"])');
  await offer.or(other).first().waitFor();
  if (await offer.isVisible()) {
    await byId(page, 'set-password-skip').click();
    await other.first().waitFor();
  }
}

// Signs in with a password through the login page.
export async function loginWithPassword(page, baseUrl, user, password) {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/#/login`);
  await byId(page, 'page-login').waitFor();
  await byId(page, 'login-user').fill(user);
  await byId(page, 'login-password').fill(password);
  await byId(page, 'login-submit').click();
}

// A unary call of hoso-web's JSON API from inside the page (its origin, its
// cookie): { status, body }.
export async function api(page, method, request = {}) {
  return page.evaluate(
    async ({ method, request }) => {
      const r = await fetch(`/api/hoso.v1.${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      });
      const text = await r.text();
      let body = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: r.status, body };
    },
    { method, request },
  );
}

export function reasonOf(body) {
  const info = (body?.details ?? []).find((d) => d.type === 'google.rpc.ErrorInfo');
  return info?.debug?.reason ?? '';
}

// Waits for the error banner to show `reason`; returns its sentence.
export async function bannerWith(page, reason) {
  const banner = page.locator(`[data-testid="error-banner"][data-reason="${reason}"]`);
  await banner.waitFor({ state: 'visible' });
  return (await banner.innerText()).trim();
}

export async function goTo(page, route) {
  await page.evaluate((r) => (location.hash = `#/${r}`), route);
  await byId(page, `page-${route.split('?')[0]}`).waitFor();
}

export function assertSignedOut(result) {
  assert.equal(result.status, 401, JSON.stringify(result));
}
