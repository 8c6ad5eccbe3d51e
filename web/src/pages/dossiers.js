// Dossier versions of the school: build a new one, see which are sealed,
// download them. Sealing stays on the principal's own machine.
import { call } from '../api.js';
import { el, fill } from '../dom.js';
import { t } from '../i18n.js';
import { session } from '../session.js';
import { act, showError, showNotice } from '../ui.js';
import { dossierList, dossierState, newestFirst } from './dossier_list.js';

export async function render() {
  const school = session.school;
  const body = el('div');
  const command = el('pre', { class: 'command' });
  async function load() {
    const answer = await call('DossierService', 'ListDossiers', { school });
    const dossiers = answer.dossiers || [];
    fill(body, dossierList(school, dossiers));
    // The command for the newest draft, ready to copy.
    const draft = newestFirst(dossiers).find((d) => dossierState(d) === 'draft');
    command.textContent = `hoso dossier seal ${draft ? draft.id : 'N'} --school ${school} --key hieu-truong.key.pem --cert hieu-truong.cert.pem`;
  }
  const build = el('button', { type: 'button', testid: 'dossier-build', class: 'primary' }, t('dossiers.build'));
  build.addEventListener('click', () =>
    act(build, async () => {
      const dossier = await call('DossierService', 'BuildDossier', { school });
      showNotice(t('dossiers.built', dossier.id));
      await load().catch(showError);
    }),
  );
  await load();
  return el(
    'section',
    { testid: 'page-dossiers', class: 'page' },
    el('h1', {}, t('dossiers.title')),
    el('div', { class: 'actions' }, build),
    body,
    el(
      'div',
      { class: 'card', testid: 'dossier-seal-help' },
      el('p', {}, t('dossiers.seal.help')),
      command,
    ),
  );
}
