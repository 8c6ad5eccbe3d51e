// The improvement plan's tasks, filtered to the overdue ones and those
// without evidence.
import { call } from '../api.js';
import { el, fill } from '../dom.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { showError } from '../ui.js';

function taskRow(task) {
  const evidence = (task.evidence || []).length;
  return el(
    'article',
    { class: 'item', testid: 'task-row', data: { code: task.code, overdue: Boolean(task.overdue), evidence } },
    el('div', {}, el('span', { class: 'code' }, task.code), ' ', task.overdue ? el('span', { class: 'badge overdue' }, t('tasks.is.overdue')) : null),
    el('div', {}, task.content || ''),
    el(
      'div',
      { class: 'meta' },
      [task.due ? t('tasks.due', task.due) : task.timeText, task.owners ? t('tasks.owners', task.owners) : '', t('tasks.evidence', evidence), (task.evidenceCodes || []).join(' ')]
        .filter(Boolean)
        .join(' · '),
    ),
  );
}

export async function render() {
  const school = session.school;
  const overdue = el('input', { type: 'checkbox', testid: 'tasks-overdue' });
  const without = el('input', { type: 'checkbox', testid: 'tasks-without-evidence' });
  const body = el('div', { class: 'list' });
  async function load() {
    const answer = await call('PlanService', 'ListTasks', { school, overdue: overdue.checked, withoutEvidence: without.checked });
    const tasks = answer.tasks || [];
    fill(body, tasks.length ? tasks.map(taskRow) : el('p', { class: 'muted' }, t('none')));
  }
  const reload = () => load().catch(showError);
  overdue.addEventListener('change', reload);
  without.addEventListener('change', reload);
  await load();
  return el(
    'section',
    { testid: 'page-tasks', class: 'page' },
    el('h1', {}, t('tasks.title')),
    el('div', { class: 'actions' }, el('label', {}, overdue, ' ', t('tasks.overdue')), el('label', {}, without, ' ', t('tasks.without'))),
    body,
  );
}
