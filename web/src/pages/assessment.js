// The school's latest self-assessment, read only: the level each criterion
// reached and its state, the school's level, and the report to download.
// (Writing it stays with `hoso assess` for now.)
import { call, num } from '../api.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { reportUrl } from '../links.js';
import { session } from '../session.js';

const states = { ASSESSMENT_SUBMITTED: 'submitted', ASSESSMENT_APPROVED: 'approved' };

export async function render() {
  const school = session.school;
  const page = el('section', { testid: 'page-assessment', class: 'page' }, el('h1', {}, t('assessment.title')));
  let assessment;
  try {
    assessment = await call('AssessmentService', 'GetAssessment', { school, id: 0 });
  } catch (error) {
    if (error.code !== 'not_found') throw error;
    page.append(el('p', { class: 'muted', testid: 'assessment-none' }, t('assessment.none')));
    return page;
  }
  const criteria = assessment.criteria || [];
  page.append(
    el('p', {}, assessment.title || '', ' ', el('span', { class: 'meta' }, `${assessment.firstYear || ''} – ${assessment.lastYear || ''}`)),
    el(
      'p',
      { testid: 'assessment-level', data: { level: num(assessment.schoolLevel), approved: num(assessment.approvedCriteria), total: num(assessment.totalCriteria) } },
      t('assessment.level', num(assessment.schoolLevel), num(assessment.approvedCriteria), num(assessment.totalCriteria)),
    ),
    el(
      'div',
      { class: 'actions' },
      el('a', { class: 'button', testid: 'assessment-report-docx', href: reportUrl(school, assessment.id, 'docx'), download: '' }, t('assessment.docx')),
      el('a', { class: 'button', testid: 'assessment-report-html', href: reportUrl(school, assessment.id, 'html'), download: '' }, t('assessment.html')),
    ),
    criteria.length
      ? el(
          'div',
          { class: 'list' },
          criteria.map((c) => {
            const state = states[c.state] || 'draft';
            return el(
              'article',
              { class: 'item', testid: 'assessment-criterion', data: { criterion: c.criterion, level: num(c.level), state } },
              el('span', { class: 'code' }, c.criterion),
              ' ',
              el('span', { class: `badge ${state}` }, t(`assessment.state.${state}`)),
              ' ',
              t('assessment.criterion.level', num(c.level)),
              el('div', { class: 'meta' }, [c.writer, c.group].filter(Boolean).join(' · ')),
            );
          }),
        )
      : el('p', { class: 'muted' }, t('none')),
  );
  return page;
}
