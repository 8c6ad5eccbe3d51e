// The shell: reads a one-time login link, loads who is signed in, draws the
// header and the menu for their roles, and routes `#/page?query` to one
// module per page (each exports render(context) → a Node).
import { call } from './api.js';
import { el, fill } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { allowedPages, clearSession, homePage, loadSession, session, setSchool } from './session.js';
import { clearError, hideNotice, navigated, redrawError, showError } from './ui.js';

const pages = {
  login: () => import('./pages/login.js'),
  password: () => import('./pages/password.js'),
  upload: () => import('./pages/upload.js'),
  mine: () => import('./pages/mine.js'),
  items: () => import('./pages/items.js'),
  review: () => import('./pages/review.js'),
  coverage: () => import('./pages/coverage.js'),
  tasks: () => import('./pages/tasks.js'),
  dossiers: () => import('./pages/dossiers.js'),
  people: () => import('./pages/people.js'),
  assessor: () => import('./pages/assessor.js'),
  district: () => import('./pages/district.js'),
  assessment: () => import('./pages/assessment.js'),
  noroles: () => import('./pages/noroles.js'),
};
const menu = ['upload', 'mine', 'review', 'coverage', 'tasks', 'dossiers', 'assessment', 'people', 'assessor', 'district'];

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, query = ''] = hash.split('?');
  return { name: name || '', params: new URLSearchParams(query) };
}

export function go(name, params = '') {
  const target = `#/${name}${params ? `?${params}` : ''}`;
  if (location.hash === target) render();
  else location.hash = target;
}

function drawHeader() {
  document.documentElement.lang = lang();
  document.getElementById('brand').textContent = t('app.title');
  document.title = t('app.title');
  document.getElementById('lang-switch').value = lang();
  const signedIn = Boolean(session.user);
  const logout = document.getElementById('logout');
  logout.hidden = !signedIn;
  logout.textContent = t('logout');
  document.getElementById('whoami').textContent = signedIn
    ? session.user.fullName || session.user.name
    : '';
  const switcher = document.getElementById('school-switch');
  switcher.setAttribute('aria-label', t('school'));
  document.getElementById('error-close').setAttribute('aria-label', t('close'));
  switcher.hidden = !signedIn || session.schools.length < 2;
  fill(
    switcher,
    session.schools.map((s) => el('option', { value: s.code }, s.name)),
  );
  switcher.value = session.school;
  const allowed = signedIn ? allowedPages() : [];
  const current = route().name;
  fill(
    document.getElementById('nav'),
    menu
      .filter((name) => allowed.includes(name))
      .map((name) =>
        el(
          'a',
          { href: `#/${name}`, testid: `nav-${name}`, class: name === current ? 'active' : null },
          t(`nav.${name}`),
        ),
      ),
  );
}

function showActiveTab() {
  const active = document.querySelector('#nav a.active');
  if (active) active.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

let rendering = 0;
async function render() {
  const ticket = ++rendering;
  const { name, params } = route();
  let page = name;
  if (!session.user) page = 'login';
  else if (page === 'login' || !pages[page] || !allowedPages().includes(page)) {
    const home = homePage() === 'login' ? 'noroles' : homePage();
    if (home !== page) {
      history.replaceState(null, '', `#/${home}`);
      page = home;
    }
  }
  drawHeader();
  const main = document.getElementById('main');
  fill(main, el('p', { class: 'loading' }, t('loading')));
  try {
    const module = await pages[page]();
    const node = await module.render({ params, session, go, signedIn, refresh: render });
    if (ticket === rendering) {
      fill(main, node);
      showActiveTab();
    }
  } catch (error) {
    if (ticket === rendering) {
      fill(main);
      showError(error);
    }
  }
}

// After a login: load the person's roles and go to the page the address
// names when they may see it (a bookmark), else to their first page.
async function signedIn() {
  await loadSession();
  const wanted = route().name;
  if (wanted && wanted !== 'login' && allowedPages().includes(wanted)) render();
  else go(homePage());
}

async function signOut() {
  try {
    await call('LoginService', 'Logout', {});
  } catch {
    // the session may be gone already; the cookie is cleared either way
  }
  clearSession();
  hideNotice();
  go('login');
}

// A one-time link /#login=CODE: the code leaves the address bar (and the
// history) before anything else happens.
function takeLinkCode() {
  const match = /^#login=(.+)$/.exec(location.hash);
  if (!match) return '';
  history.replaceState(null, '', `${location.pathname}#/login`);
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];  // not percent-encoded: as it is
  }
}

// Whether it logged in (the app then moved on to the person's page).
async function loginByLink(code) {
  const { loginWithCode } = await import('./pages/login.js');
  return loginWithCode(code, { signedIn, go });
}

async function start() {
  const linkCode = takeLinkCode();
  setLang(lang());
  document.getElementById('lang-switch').addEventListener('change', (event) => {
    setLang(event.target.value);
    redrawError();
    render();
  });
  document.getElementById('logout').addEventListener('click', signOut);
  document.getElementById('error-close').addEventListener('click', clearError);
  document.getElementById('school-switch').addEventListener('change', (event) => {
    setSchool(event.target.value);
    clearError();
    render();
  });
  window.addEventListener('hashchange', async () => {
    navigated();
    const code = takeLinkCode();  // a login link opened in a tab already showing the app
    if (code && (await loginByLink(code))) return;
    render();
  });
  window.addEventListener('hoso:signed-out', () => {
    if (!session.user) return;
    clearSession();
    render();
  });

  if (linkCode) {
    drawHeader();
    if (await loginByLink(linkCode)) return;
  }
  // (After a refused link too: a session the browser still has goes on.)
  try {
    await loadSession();
  } catch (error) {
    clearSession();
    if (error.code !== 'unauthenticated') showError(error);
  }
  render();
}

start();
