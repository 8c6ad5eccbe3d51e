// Logging in: a user name and password, or a one-time code (usually from the
// link /#login=CODE the principal printed, which app.js hands over).
import { call } from '../api.js';
import { el, field } from '../dom.js';
import { t } from '../i18n.js';
import { clearError, showError, showProblem } from '../ui.js';
import { loadSession } from '../session.js';

// After a login: someone without a password yet is offered to set one.
async function loggedIn(response, context) {
  clearError();
  if (!response.passwordSet) {
    await loadSession();
    context.go('password');
  } else {
    await context.signedIn();
  }
}

// Whether it logged in.
export async function loginWithCode(code, context) {
  try {
    const response = await call('LoginService', 'CodeLogin', { code: code.trim() });
    await loggedIn(response, context);
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

export function render(context) {
  const user = el('input', { testid: 'login-user', name: 'username', autocomplete: 'username', autocapitalize: 'none', required: true });
  const password = el('input', { testid: 'login-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = el('button', { testid: 'login-submit', type: 'submit', class: 'primary' }, t('login.submit'));
  const passwordForm = el(
    'form',
    {
      class: 'card',
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (!user.value.trim() || !password.value) {
            showProblem(t('login.need'));
            return;
          }
          submit.disabled = true;
          try {
            const response = await call('LoginService', 'PasswordLogin', {
              user: user.value.trim(),
              password: password.value,
            });
            password.value = '';
            await loggedIn(response, context);
          } catch (error) {
            showError(error);
          } finally {
            submit.disabled = false;
          }
        },
      },
    },
    field(t('login.user'), user),
    field(t('login.password'), password),
    submit,
  );

  const code = el('input', { testid: 'login-code', autocomplete: 'one-time-code', autocapitalize: 'none' });
  const codeSubmit = el('button', { testid: 'login-code-submit', type: 'submit' }, t('login.code.submit'));
  const codeForm = el(
    'form',
    {
      class: 'card',
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          if (!code.value.trim()) return;
          codeSubmit.disabled = true;
          await loginWithCode(code.value, context);
          codeSubmit.disabled = false;
        },
      },
    },
    el('h2', {}, t('login.code.title')),
    field(t('login.code'), code),
    codeSubmit,
  );

  return el('section', { testid: 'page-login', class: 'page narrow' }, el('h1', {}, t('login.title')), passwordForm, codeForm);
}
