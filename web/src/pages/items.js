// The items of one criterion (from a cell of the coverage board).
import { call } from '../api.js';
import { el, fill } from '../dom.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { showError } from '../ui.js';
import { itemList } from './item_list.js';

export async function render({ params }) {
  const school = session.school;
  const criterion = params.get('criterion') || '';
  const page = el('section', { testid: 'page-items', class: 'page', data: { criterion } }, el('h1', {}, t('items.title', criterion)));
  const body = el('div');
  page.append(el('p', {}, el('a', { href: '#/coverage' }, `← ${t('nav.coverage')}`)), body);
  async function load() {
    const answer = await call('EvidenceService', 'ListEvidence', { school, criterion });
    fill(body, itemList(answer.evidence || [], { school, editable: () => true, onSaved: () => load().catch(showError) }));
  }
  await load();
  return page;
}
