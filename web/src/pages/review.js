// The secretary's review queue: items waiting, their images and PDFs shown
// safely (an <img>, or a sandboxed frame; nothing else is rendered), approve
// or return with a reason.
import { call } from '../api.js';
import { el, fill } from '../dom.js';
import { bytes, t } from '../i18n.js';
import { downloadUrl, previewKind, previewUrl } from '../links.js';
import { session } from '../session.js';
import { act, showError, showNotice, showProblem } from '../ui.js';

function preview(school, item, file) {
  const kind = previewKind(file.mediaType);
  const src = previewUrl(school, item.id, file.sha256);
  if (kind === 'image') return el('img', { testid: 'review-preview', src, alt: file.name, loading: 'lazy' });
  if (kind === 'pdf') {
    return [
      el('iframe', { testid: 'review-preview', src, sandbox: '', title: file.name, loading: 'lazy' }),
      el('span', { class: 'hint' }, t('review.pdf.hint')),
    ];
  }
  return el('span', { class: 'hint' }, t('review.nopreview'));
}

function reviewRow(school, item, onDone) {
  const reason = el('textarea', { testid: 'review-reason', maxlength: 1000 });
  const approve = el('button', { type: 'button', testid: 'review-approve', class: 'primary' }, t('review.approve'));
  const giveBack = el('button', { type: 'button', testid: 'review-return', class: 'danger' }, t('review.return'));
  approve.addEventListener('click', () =>
    act(approve, async () => {
      await call('EvidenceService', 'ReviewEvidence', { school, id: item.id, approve: true, reason: reason.value.trim() });
      showNotice(t('review.approved', item.code));
      onDone();
    }),
  );
  giveBack.addEventListener('click', () => {
    if (!reason.value.trim()) {
      showProblem(t('review.need.reason'));
      reason.focus();
      return undefined;
    }
    return act(giveBack, async () => {
      await call('EvidenceService', 'ReviewEvidence', { school, id: item.id, approve: false, reason: reason.value.trim() });
      showNotice(t('review.returned', item.code));
      onDone();
    });
  });
  const files = item.files || [];
  return el(
    'article',
    { class: 'item', testid: 'review-row', data: { id: item.id, code: item.code || '' } },
    el('div', {}, el('span', { class: 'code' }, item.code || `#${item.id}`), ' ', item.title || ''),
    el('div', { class: 'meta' }, [t('review.uploader', item.uploader || ''), item.year, (item.criteria || []).join(', ')].filter(Boolean).join(' · ')),
    el(
      'div',
      { class: 'previews' },
      files.map((file) =>
        el(
          'div',
          {},
          preview(school, item, file),
          el('a', { testid: 'review-download', href: downloadUrl(school, item.id, file.sha256), download: file.name }, `${t('download')}: ${file.name} (${bytes(file.size)})`),
        ),
      ),
    ),
    el('label', { class: 'field' }, el('span', { class: 'label' }, t('review.reason')), reason),
    el('div', { class: 'actions' }, approve, giveBack),
  );
}

export async function render() {
  const school = session.school;
  const body = el('div', { class: 'list' });
  async function load() {
    const answer = await call('EvidenceService', 'ListEvidence', { school, reviewState: 'REVIEW_STATE_SUBMITTED' });
    const items = answer.evidence || [];
    if (!items.length) fill(body, el('p', { class: 'muted' }, t('none')));
    else fill(body, items.map((item) => reviewRow(school, item, () => load().catch(showError))));
  }
  await load();
  return el('section', { testid: 'page-review', class: 'page' }, el('h1', {}, t('review.title')), body);
}
