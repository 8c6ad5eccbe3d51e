// The coverage board as a picture: a row per standard, a square per
// criterion coloured by its evidence and overdue plan tasks; the criteria
// without evidence are listed first. A square opens the criterion's items.
import { call } from '../api.js';
import { el } from '../dom.js';
import { criteriaOf, getFramework } from '../framework.js';
import { t } from '../i18n.js';
import { catalogueUrl } from '../links.js';
import { schoolHere, session } from '../session.js';

function stateOf(coverage) {
  if (!coverage || !Number(coverage.items || 0)) return 'empty';
  if (Number(coverage.tasksOverdue || 0) > 0) return 'overdue';
  return 'covered';
}

export function catalogueLinks(school) {
  return el(
    'div',
    { class: 'actions' },
    el('a', { class: 'button', testid: 'catalogue-xlsx', href: catalogueUrl(school, 'xlsx'), download: '' }, t('catalogue.xlsx')),
    el('a', { class: 'button', testid: 'catalogue-csv', href: catalogueUrl(school, 'csv'), download: '' }, t('catalogue.csv')),
  );
}

export async function render() {
  const school = session.school;
  const [answer, framework] = await Promise.all([
    call('ReportService', 'Coverage', { school }),
    getFramework(schoolHere().framework),
  ]);
  const byCode = new Map((answer.criteria || []).map((c) => [c.criterion, c]));
  const cell = (code) => {
    const coverage = byCode.get(code) || { criterion: code };
    const items = Number(coverage.items || 0);
    const overdue = Number(coverage.tasksOverdue || 0);
    const state = stateOf(coverage);
    return el(
      'a',
      {
        class: `cell ${state}${state === 'covered' && items >= 3 ? ' many' : ''}`,
        testid: 'coverage-cell',
        href: `#/items?criterion=${encodeURIComponent(code)}`,
        title: `${code} ${coverage.name || ''}: ${t('coverage.cell', code, items, overdue)}`,
        data: { criterion: code, items, state },
      },
      el('b', {}, code),
      String(items),
    );
  };
  const missing = (answer.criteria || []).filter((c) => stateOf(c) === 'empty');
  const board = el(
    'div',
    { class: 'board', testid: 'coverage-board' },
    (framework.standards || []).map((standard) =>
      el(
        'div',
        { class: 'standard', title: standard.name || '' },
        el('span', { class: 'label' }, `TC${standard.number}`),
        el('div', { class: 'cells' }, (standard.criteria || []).map((c) => cell(c.code))),
      ),
    ),
  );
  const names = new Map(criteriaOf(framework).map((c) => [c.code, c.name]));
  return el(
    'section',
    { testid: 'page-coverage', class: 'page' },
    el('h1', {}, t('coverage.title')),
    el(
      'p',
      { testid: 'coverage-summary', data: { covered: Number(answer.criteriaCovered || 0), total: Number(answer.criteriaTotal || 0) } },
      t('coverage.summary', Number(answer.criteriaCovered || 0), Number(answer.criteriaTotal || 0)),
    ),
    missing.length
      ? el(
          'details',
          { class: 'card', open: missing.length <= 12 },
          el('summary', {}, `${t('coverage.missing')} (${missing.length})`),
          el(
            'div',
            { class: 'cells' },
            missing.map((c) =>
              el(
                'a',
                {
                  class: 'cell empty',
                  testid: 'coverage-missing',
                  data: { criterion: c.criterion },
                  title: `${c.criterion} ${c.name || names.get(c.criterion) || ''}`,
                  href: `#/items?criterion=${encodeURIComponent(c.criterion)}`,
                },
                el('b', {}, c.criterion),
              ),
            ),
          ),
        )
      : null,
    el(
      'div',
      { class: 'legend' },
      el('span', { class: 'empty' }, t('coverage.legend.empty')),
      el('span', { class: 'overdue' }, t('coverage.legend.overdue')),
      el('span', { class: 'covered' }, t('coverage.legend.covered')),
    ),
    board,
    el('h2', {}, t('catalogue')),
    catalogueLinks(school),
  );
}
