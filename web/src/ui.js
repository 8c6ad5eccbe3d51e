// The shared banners: one error at a time (a sentence for its reason, the
// server's message as detail) and one success notice.
import { messageFor } from './api.js';

const banner = () => document.getElementById('error-banner');

// The error shown, so that a change of language says it again.
let shown = null;

export function redrawError() {
  if (shown && !banner().hidden) document.getElementById('error-text').textContent = messageFor(shown);
}

export function showError(error) {
  shown = error;
  const node = banner();
  node.dataset.reason = (error && error.reason) || '';
  document.getElementById('error-text').textContent = messageFor(error);
  document.getElementById('error-detail').textContent = (error && error.message) || '';
  node.hidden = false;
  hideNotice();
  if (error && error.code === 'unauthenticated') window.dispatchEvent(new Event('hoso:signed-out'));
}

// An error of the page's own (a field left empty): a sentence, no reason.
export function showProblem(sentence) {
  shown = null;
  const node = banner();
  node.dataset.reason = '';
  document.getElementById('error-text').textContent = sentence;
  document.getElementById('error-detail').textContent = '';
  node.hidden = false;
  hideNotice();
}

export function clearError() {
  shown = null;
  const node = banner();
  node.hidden = true;
  node.dataset.reason = '';
  document.getElementById('error-text').textContent = '';
  document.getElementById('error-detail').textContent = '';
}

// keep: the notice survives the next change of page (a save that moves on).
let keepNotice = false;
export function showNotice(text, keep = false) {
  clearError();
  const node = document.getElementById('notice');
  node.textContent = text;
  node.hidden = false;
  keepNotice = keep;
}

// On every change of page.
export function navigated() {
  if (keepNotice) keepNotice = false;
  else hideNotice();
}

export function hideNotice() {
  const node = document.getElementById('notice');
  node.hidden = true;
  node.textContent = '';
}

// Runs an action from a button: disables it meanwhile, shows its error.
export async function act(button, action) {
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}
