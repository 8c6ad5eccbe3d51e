// The description of an evidence item, shared by the upload form and the
// edit form (test ids `<prefix>-title`, `<prefix>-kind`, ...).
import { el, field } from '../dom.js';
import { t } from '../i18n.js';

export const kinds = [
  'EVIDENCE_KIND_MINUTES',
  'EVIDENCE_KIND_DECISION',
  'EVIDENCE_KIND_PLAN',
  'EVIDENCE_KIND_REPORT',
  'EVIDENCE_KIND_PHOTO',
  'EVIDENCE_KIND_OTHER',
];

// Vietnamese school years start in September: "2024-2025".
export function currentSchoolYear(now = new Date()) {
  const year = now.getFullYear();
  return now.getMonth() >= 8 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

export function evidenceFields(prefix, values = {}) {
  const input = (name, attrs = {}) =>
    el('input', { testid: `${prefix}-${name}`, value: values[name] || '', ...attrs });
  const controls = {
    title: input('title', { required: true, maxlength: 500 }),
    kind: el(
      'select',
      { testid: `${prefix}-kind` },
      kinds.map((kind) => el('option', { value: kind }, t(`kind.${kind}`))),
    ),
    year: input('year', { placeholder: currentSchoolYear(), pattern: '\\d{4}-\\d{4}', inputmode: 'numeric' }),
    number: input('number'),
    date: input('date', { type: 'date' }),
    issuer: input('issuer'),
  };
  controls.kind.value = values.kind && values.kind !== 'EVIDENCE_KIND_UNSPECIFIED' ? values.kind : 'EVIDENCE_KIND_PHOTO';
  if (!values.year && prefix === 'upload') controls.year.value = currentSchoolYear();
  const nodes = [
    field(t('upload.name'), controls.title),
    el('div', { class: 'row2' }, field(t('upload.kind'), controls.kind), field(t('upload.year'), controls.year)),
    el('div', { class: 'row2' }, field(t('upload.number'), controls.number), field(t('upload.date'), controls.date)),
    field(t('upload.issuer'), controls.issuer),
  ];
  const read = () => ({
    title: controls.title.value.trim(),
    kind: controls.kind.value,
    year: controls.year.value.trim(),
    number: controls.number.value.trim(),
    date: controls.date.value,
    issuer: controls.issuer.value.trim(),
  });
  return { controls, nodes, read };
}
