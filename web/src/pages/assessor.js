// An assessor's sealed dossiers (the server shows them only those), with
// the download and how to check one offline.
import { call } from '../api.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { dossierList, dossierState } from './dossier_list.js';

export async function render() {
  const school = session.school;
  const answer = await call('DossierService', 'ListDossiers', { school });
  const sealed = (answer.dossiers || []).filter((d) => dossierState(d) === 'sealed');
  return el(
    'section',
    { testid: 'page-assessor', class: 'page' },
    el('h1', {}, t('assessor.title')),
    dossierList(school, sealed),
    el(
      'div',
      { class: 'card', testid: 'verify-help' },
      el('h2', {}, t('assessor.verify')),
      el('p', {}, t('assessor.verify.help')),
      el('pre', { class: 'command' }, "hoso verify dossier.zip --ca ca.pem"),
    ),
  );
}
