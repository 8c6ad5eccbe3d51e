// Setting one's own password (offered after a login by code, when the
// person has none yet), so the next login needs no code.
import { call } from '../api.js';
import { el, field } from '../dom.js';
import { t } from '../i18n.js';
import { homePage } from '../session.js';
import { act, showNotice, showProblem } from '../ui.js';

export function render(context) {
  const fresh = el('input', { testid: 'set-password-new', type: 'password', autocomplete: 'new-password', minlength: 10 });
  const repeat = el('input', { testid: 'set-password-repeat', type: 'password', autocomplete: 'new-password', minlength: 10 });
  const submit = el('button', { testid: 'set-password-submit', type: 'submit', class: 'primary' }, t('setpw.submit'));
  const skip = el('button', { testid: 'set-password-skip', type: 'button', on: { click: () => context.go(homePage()) } }, t('setpw.skip'));
  const form = el(
    'form',
    {
      testid: 'set-password',
      class: 'card',
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          if ([...fresh.value].length < 10) return showProblem(t('setpw.short'));
          if (fresh.value !== repeat.value) return showProblem(t('setpw.mismatch'));
          return act(submit, async () => {
            await call('LoginService', 'SetPassword', { newPassword: fresh.value });
            fresh.value = '';
            repeat.value = '';
            showNotice(t('setpw.done'), true);
            context.go(homePage());
          });
        },
      },
    },
    el('h2', {}, t('setpw.title')),
    el('p', { class: 'hint' }, t('setpw.hint')),
    field(t('setpw.new'), fresh),
    field(t('setpw.repeat'), repeat),
    el('div', { class: 'actions' }, submit, skip),
  );
  return el('section', { testid: 'page-password', class: 'page narrow' }, form);
}
