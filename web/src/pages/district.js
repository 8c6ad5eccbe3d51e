// A district office (roles in many schools): the schools side by side, each
// with its items, coverage, overdue plan tasks and latest dossier. What a
// role may not see in a school is said so, not hidden as zero.
import { call, num } from '../api.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { homeHere, session, setSchool } from '../session.js';
import { dossierState, newestFirst } from './dossier_list.js';

async function settled(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

async function schoolCard(school, go) {
  const [evidence, coverage, tasks, dossiers] = await Promise.all([
    settled(call('EvidenceService', 'ListEvidence', { school: school.code })),
    settled(call('ReportService', 'Coverage', { school: school.code })),
    settled(call('PlanService', 'ListTasks', { school: school.code, overdue: true })),
    settled(call('DossierService', 'ListDossiers', { school: school.code })),
  ]);
  const noAccess = t('district.noaccess');
  const latest = dossiers.value ? newestFirst(dossiers.value.dossiers || [])[0] : null;
  const open = el('a', { href: '#/', class: 'button' }, school.name);
  open.addEventListener('click', (event) => {
    event.preventDefault();
    setSchool(school.code);
    go(homeHere());
  });
  return el(
    'article',
    { class: 'item', testid: 'district-school', data: { school: school.code } },
    el('h2', {}, school.name, ' ', el('span', { class: 'meta' }, school.code)),
    el('p', { testid: 'district-items' }, evidence.value ? t('district.items', (evidence.value.evidence || []).length) : noAccess),
    el(
      'p',
      { testid: 'district-covered' },
      coverage.value ? t('district.covered', num(coverage.value.criteriaCovered), num(coverage.value.criteriaTotal)) : noAccess,
    ),
    el('p', { testid: 'district-overdue' }, tasks.value ? t('district.overdue', (tasks.value.tasks || []).length) : noAccess),
    el(
      'p',
      { testid: 'district-dossier' },
      !dossiers.value
        ? noAccess
        : latest
          ? t('district.dossier', latest.id, t(dossierState(latest) === 'sealed' ? 'dossiers.sealed' : 'dossiers.draft'))
          : t('district.nodossier'),
    ),
    el('div', { class: 'actions' }, open),
  );
}

export async function render({ go }) {
  const cards = await Promise.all(session.schools.map((school) => schoolCard(school, go)));
  return el('section', { testid: 'page-district', class: 'page' }, el('h1', {}, t('district.title')), el('div', { class: 'schools' }, cards));
}
