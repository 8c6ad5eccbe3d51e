// A list of evidence items (a teacher's own, or a criterion's), each with
// its code, review state, the secretary's reason, and an edit form.
import { call, num } from '../api.js';
import { el, fill } from '../dom.js';
import { t } from '../i18n.js';
import { act, showNotice } from '../ui.js';
import { evidenceFields } from './evidence_form.js';

export function stateOf(item) {
  const state = (item.reviewState || '').replace('REVIEW_STATE_', '').toLowerCase();
  return ['submitted', 'approved', 'returned'].includes(state) ? state : 'submitted';
}

// editable(item): whether to offer the edit button (teachers: not once approved).
export function itemList(items, { school, editable, onSaved }) {
  if (!items.length) return el('p', { class: 'muted' }, t('none'));
  return el('div', { class: 'list' }, items.map((item) => itemRow(item, { school, editable, onSaved })));
}

function itemRow(item, { school, editable, onSaved }) {
  const state = stateOf(item);
  const row = el('article', { class: 'item', testid: 'item-row', data: { id: item.id, code: item.code || '', state } });
  const editor = el('div', { hidden: true });

  function openEditor() {
    const form = evidenceFields('edit', item);
    const save = el('button', { testid: 'edit-save', type: 'submit', class: 'primary' }, state === 'returned' ? t('edit.resubmit') : t('edit.save'));
    const cancel = el('button', { testid: 'edit-cancel', type: 'button', on: { click: () => (editor.hidden = true) } }, t('cancel'));
    fill(
      editor,
      el(
        'form',
        {
          class: 'card',
          on: {
            submit: (event) => {
              event.preventDefault();
              act(save, async () => {
                const values = form.read();
                const saved = await call('EvidenceService', 'UpdateEvidence', { school, id: item.id, ...values });
                showNotice(state === 'returned' ? t('edit.resubmitted') : t('saved'));
                onSaved(saved);
              });
            },
          },
        },
        form.nodes,
        el('div', { class: 'actions' }, save, cancel),
      ),
    );
    editor.hidden = false;
  }

  const files = (item.files || []).length;
  fill(
    row,
    el('div', {}, el('span', { class: 'code' }, item.code || `#${item.id}`), ' ', el('span', { class: `badge ${state}` }, t(`state.${state}`))),
    el('div', { testid: 'item-title' }, item.title || ''),
    el('div', { class: 'meta' }, [item.year, t('item.files', files), (item.criteria || []).join(', ')].filter(Boolean).join(' · ')),
    item.reviewReason ? el('p', { class: 'reason', testid: 'item-reason' }, t('item.reason', item.reviewReason)) : null,
    editable(item) ? el('div', { class: 'actions' }, el('button', { type: 'button', testid: 'item-edit', on: { click: openEditor } }, t('item.edit'))) : null,
    editor,
  );
  return row;
}

export function sortNewestFirst(items) {
  return [...items].sort((a, b) => num(b.id) - num(a.id));
}
