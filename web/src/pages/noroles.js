// Signed in, but no role in any school yet: say whom to ask.
import { el } from '../dom.js';
import { t } from '../i18n.js';

export function render() {
  return el('section', { testid: 'page-noroles', class: 'page narrow' }, el('p', { class: 'card' }, t('noroles')));
}
