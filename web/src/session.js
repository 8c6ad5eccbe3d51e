// Who is signed in and what their roles allow, from UserService.WhoAmI's
// grants. The server decides every call; this only picks what to show.
import { call } from './api.js';

export const session = {
  user: null,        // User (proto3 JSON), null when not signed in
  schools: [],       // [{code, name}] the person holds a role in
  roles: new Map(),  // school code → Set of roles
  serverAdmin: false,
  school: '',        // the school in use
  offerPassword: false,  // a code login without a password: offer to set one
};

function live(grant) {
  return !grant.expires || new Date(grant.expires).getTime() > Date.now();
}

export async function loadSession() {
  const user = await call('UserService', 'WhoAmI', {});
  session.user = user;
  session.roles = new Map();
  session.serverAdmin = false;
  for (const grant of (user.grants || []).filter(live)) {
    if (grant.school === '*') session.serverAdmin = true;
    else {
      if (!session.roles.has(grant.school)) session.roles.set(grant.school, new Set());
      session.roles.get(grant.school).add(grant.role);
    }
  }
  // Names of the schools (and every school, for a server admin).
  let listed = [];
  try {
    listed = (await call('SchoolService', 'ListSchools', {})).schools || [];
  } catch {
    listed = [];
  }
  const names = new Map(listed.map((s) => [s.code, s]));
  if (session.serverAdmin) {
    for (const s of listed) {
      if (!session.roles.has(s.code)) session.roles.set(s.code, new Set());
      session.roles.get(s.code).add('admin');
    }
  }
  session.schools = [...session.roles.keys()]
    .map((code) => ({
      code,
      name: (names.get(code) || {}).name || code,
      framework: (names.get(code) || {}).framework || '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  let saved = '';
  try {
    saved = localStorage.getItem('hoso.school') || '';
  } catch {
    saved = '';
  }
  session.school = session.roles.has(saved) ? saved : (session.schools[0] || { code: '' }).code;
  return session;
}

export function clearSession() {
  session.user = null;
  session.offerPassword = false;
  session.schools = [];
  session.roles = new Map();
  session.serverAdmin = false;
  session.school = '';
}

export function setSchool(code) {
  if (!session.roles.has(code)) return;
  session.school = code;
  try {
    localStorage.setItem('hoso.school', code);
  } catch {
    // the choice lasts for this page only
  }
}

export function schoolHere() {
  return session.schools.find((s) => s.code === session.school) || { code: session.school, name: session.school, framework: '' };
}

export function rolesHere() {
  return session.roles.get(session.school) || new Set();
}

const uploaders = ['teacher', 'secretary', 'admin'];
const office = ['secretary', 'admin'];

// The pages this person may open in the school in use, in menu order.
export function allowedPages() {
  const roles = rolesHere();
  const has = (list) => list.some((role) => roles.has(role));
  const pages = ['password'];  // one's own password, offered after a code login
  if (has(uploaders)) pages.push('upload', 'mine');
  if (has(office)) pages.push('review', 'coverage', 'tasks', 'dossiers');
  if (has([...office, 'assessor'])) pages.push('assessment');
  if (roles.has('admin')) pages.push('people');
  if (roles.has('assessor')) pages.push('assessor');
  if (session.schools.length > 1) pages.push('district');
  if (has(office)) pages.push('items');  // reached from the coverage board, not the menu
  return pages;
}

// Where a person lands after logging in.
export function homePage() {
  return session.schools.length > 1 ? 'district' : homeHere();
}

// The first page for the roles in the school in use.
export function homeHere() {
  const roles = rolesHere();
  if (roles.has('admin')) return 'people';
  if (roles.has('secretary')) return 'review';
  if (roles.has('teacher')) return 'upload';
  if (roles.has('assessor')) return 'assessor';
  return session.schools.length > 1 ? 'district' : 'login';
}
