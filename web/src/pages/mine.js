// A teacher's own items: code, review state, the reason when returned;
// editing a returned item sends it back to review.
import { call } from '../api.js';
import { el, fill } from '../dom.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { showError } from '../ui.js';
import { itemList, sortNewestFirst, stateOf } from './item_list.js';

export async function render() {
  const school = session.school;
  const page = el('section', { testid: 'page-mine', class: 'page' }, el('h1', {}, t('mine.title')));
  const body = el('div');
  page.append(body);
  async function load() {
    const answer = await call('EvidenceService', 'ListEvidence', { school, uploader: session.user.name });
    fill(
      body,
      itemList(sortNewestFirst(answer.evidence || []), {
        school,
        editable: (item) => stateOf(item) !== 'approved',
        onSaved: () => load().catch(showError),
      }),
    );
  }
  await load();
  return page;
}
