// The principal's page: people of the school and their roles, and a
// teacher's one-time login link (big, printable, with a QR code).
import qrcode from '../vendor/qrcode.mjs';
import { call } from '../api.js';
import { el, field, fill } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { session } from '../session.js';
import { act, showError, showNotice } from '../ui.js';

const roles = ['teacher', 'secretary', 'assessor', 'admin'];

function roleIn(user, school) {
  const grant = (user.grants || []).find((g) => g.school === school);
  return grant ? grant.role : '';
}

// The QR code as a GIF data: URL (the CSP allows data: images, nothing inline).
function qrImage(link) {
  const code = qrcode(0, 'M');
  code.addData(link);
  code.make();
  return el('img', { class: 'qr', testid: 'login-code-qr', src: code.createDataURL(6, 4), alt: link });
}

export async function render() {
  const school = session.school;
  const list = el('div', { class: 'list' });
  const issued = el('div', { class: 'card printable', testid: 'login-code', hidden: true });

  async function issueCode(user, button) {
    await act(button, async () => {
      const answer = await call('LoginService', 'IssueLoginCode', { user: user.name, school });
      const link = `${location.origin}/#login=${answer.code}`;
      fill(
        issued,
        el('h2', {}, t('people.code.for', user.fullName || user.name)),
        el('p', { class: 'linkbox', testid: 'login-code-link', data: { user: user.name } }, link),
        qrImage(link),
        el('p', { testid: 'login-code-expires' }, t('people.code.expires', dateTime(answer.expires))),
        el('p', { class: 'hint' }, t('people.code.hint')),
        el('div', { class: 'actions' }, el('button', { type: 'button', testid: 'login-code-print', on: { click: () => window.print() } }, t('print'))),
      );
      issued.hidden = false;
      issued.scrollIntoView({ block: 'start' });
    });
  }

  async function load() {
    const answer = await call('UserService', 'ListUsers', { school });
    const users = answer.users || [];
    fill(
      list,
      users.length
        ? users.map((user) => {
            const role = roleIn(user, school);
            const issue = el('button', { type: 'button', testid: 'login-code-issue', data: { user: user.name } }, t('people.code'));
            issue.addEventListener('click', () => issueCode(user, issue));
            const remove = el('button', { type: 'button', testid: 'people-remove', class: 'danger' }, t('people.remove'));
            remove.addEventListener('click', () => {
              if (!window.confirm(t('people.confirm.remove', user.fullName || user.name))) return;
              act(remove, async () => {
                await call('UserService', 'RemoveUser', { name: user.name, school });
                showNotice(t('people.removed', user.fullName || user.name));
                await load().catch(showError);
              });
            });
            return el(
              'article',
              { class: 'item', testid: 'people-row', data: { user: user.name, role } },
              el('div', {}, el('b', {}, user.fullName || user.name), ' ', el('span', { class: 'badge' }, role ? t(`role.${role}`) : '')),
              el('div', { class: 'meta' }, user.name),
              el('div', { class: 'actions' }, issue, user.name === session.user.name ? null : remove),
            );
          })
        : el('p', { class: 'muted' }, t('none')),
    );
  }

  const name = el('input', { testid: 'people-add-name', autocapitalize: 'none', autocomplete: 'off', required: true });
  const fullName = el('input', { testid: 'people-add-fullname', autocomplete: 'off' });
  const role = el('select', { testid: 'people-add-role' }, roles.map((r) => el('option', { value: r }, t(`role.${r}`))));
  const add = el('button', { type: 'submit', testid: 'people-add-submit', class: 'primary' }, t('people.add.submit'));
  const form = el(
    'form',
    {
      class: 'card',
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          act(add, async () => {
            const user = await call('UserService', 'AddUser', {
              name: name.value.trim(),
              fullName: fullName.value.trim(),
              school,
              role: role.value,
            });
            showNotice(t('people.added', user.fullName || user.name));
            name.value = '';
            fullName.value = '';
            await load().catch(showError);
          });
        },
      },
    },
    el('h2', {}, t('people.add')),
    field(t('people.name'), name),
    field(t('people.fullname'), fullName),
    field(t('people.role'), role),
    el('div', { class: 'actions' }, add),
  );

  await load();
  return el('section', { testid: 'page-people', class: 'page' }, el('h1', {}, t('people.title')), issued, list, form);
}
