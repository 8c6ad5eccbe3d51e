// The one way the pages reach hoso-web: Connect unary JSON
// (POST /api/hoso.v1.<Service>/<Method>, proto3 JSON both ways). An error
// answer becomes an ApiError carrying the ErrorInfo reason, which the pages
// turn into a sentence in the person's language with messageFor.
import { lang, t } from './i18n.js';

export class ApiError extends Error {
  constructor({ code = 'unknown', message = '', reason = '', metadata = {}, status = 0 }) {
    super(message);
    this.code = code;          // Connect code: "permission_denied", ...
    this.reason = reason;      // ErrorInfo reason: "ROLE_REQUIRED", ...
    this.metadata = metadata;  // ErrorInfo metadata
    this.status = status;      // HTTP status, 0 when no answer came
  }
}

// The Connect error body ({code, message, details: [{type, debug}]}) as an ApiError.
export function errorFromBody(text, status) {
  let body = {};
  try {
    body = JSON.parse(text || '{}');
  } catch {
    body = {};
  }
  const info = (body.details || []).find((d) => d && d.type === 'google.rpc.ErrorInfo');
  const debug = (info && info.debug) || {};
  return new ApiError({
    code: body.code || (status ? 'unknown' : 'unavailable'),
    message: body.message || '',
    reason: debug.reason || '',
    metadata: debug.metadata || {},
    status,
  });
}

export async function call(service, method, request = {}) {
  let response;
  try {
    response = await fetch(`/api/hoso.v1.${service}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(request),
    });
  } catch {
    throw new ApiError({ code: 'unavailable', reason: 'NETWORK' });
  }
  const text = await response.text();
  if (!response.ok) throw errorFromBody(text, response.status);
  return text ? JSON.parse(text) : {};
}

// reasons.js (helper `reasons`) holds the sentences per reason; until it is
// there, the Connect code's sentence and the server's own message.
let reasons = null;
export const reasonsReady = import('./reasons.js').then(
  (module) => (reasons = module),
  () => null,
);

const codeKeys = {
  unauthenticated: 'err.unauthenticated',
  permission_denied: 'err.permission_denied',
  not_found: 'err.not_found',
  already_exists: 'err.already_exists',
  invalid_argument: 'err.invalid_argument',
  failed_precondition: 'err.failed_precondition',
  resource_exhausted: 'err.resource_exhausted',
  unavailable: 'err.unavailable',
  data_loss: 'err.data_loss',
};

export function messageFor(error, language = lang()) {
  if (reasons && reasons.messageFor) {
    const sentence = reasons.messageFor(error, language);
    if (sentence) return sentence;
  }
  if (error && error.reason === 'NETWORK') return t('err.network');
  if (error && error.reason === 'NOT_SIGNED_IN') return t('err.unauthenticated');
  if (error && error.reason === 'LOGIN_THROTTLED') {
    return t('err.throttled', (error.metadata && error.metadata.retry_after_seconds) || '?');
  }
  const key = error && codeKeys[error.code];
  return key ? t(key) : t('err.unknown');
}

// Proto3 JSON writes bytes as base64: a file name goes as its UTF-8 bytes.
export function base64OfText(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// uint64 fields arrive as strings, enums as names; a missing field is its zero.
export function num(value) {
  return Number(value || 0);
}
