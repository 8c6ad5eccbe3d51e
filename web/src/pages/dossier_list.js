// Dossier versions with their seal state and downloads, shared by the
// secretary's, the principal's and the assessor's pages.
import { num } from '../api.js';
import { el } from '../dom.js';
import { bytes, dateTime, t } from '../i18n.js';
import { dossierUrl } from '../links.js';

export function dossierState(dossier) {
  return dossier.state === 'DOSSIER_STATE_SEALED' ? 'sealed' : 'draft';
}

export function newestFirst(dossiers) {
  return [...dossiers].sort((a, b) => num(b.id) - num(a.id));
}

export function dossierList(school, dossiers) {
  if (!dossiers.length) return el('p', { class: 'muted' }, t('none'));
  return el(
    'div',
    { class: 'list' },
    newestFirst(dossiers).map((dossier) => {
      const state = dossierState(dossier);
      return el(
        'article',
        { class: 'item', testid: 'dossier-row', data: { id: dossier.id, state } },
        el(
          'div',
          {},
          t('dossiers.row', dossier.id, num(dossier.items), num(dossier.files), bytes(dossier.bytes)),
          ' ',
          el('span', { class: `badge ${state}` }, t(state === 'sealed' ? 'dossiers.sealed' : 'dossiers.draft')),
        ),
        el(
          'div',
          { class: 'meta' },
          [dateTime(dossier.created), dossier.scope, state === 'sealed' && dossier.signer ? t('dossiers.sealed.by', dossier.signer) : '']
            .filter(Boolean)
            .join(' · '),
        ),
        state === 'sealed' && dossier.zipSha256 ? el('div', { class: 'meta' }, `SHA-256 (.zip): ${dossier.zipSha256}`) : null,
        el(
          'div',
          { class: 'actions' },
          el('a', { class: 'button', testid: 'dossier-download', href: dossierUrl(school, dossier.id, 'zip'), download: '' }, t('dossiers.zip')),
          el('a', { class: 'button', testid: 'dossier-download-tar', href: dossierUrl(school, dossier.id, 'tar'), download: '' }, t('dossiers.tar')),
        ),
      );
    }),
  );
}
