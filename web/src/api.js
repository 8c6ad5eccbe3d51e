// The one way the pages reach hoso-web: Connect unary JSON
// (POST /api/hoso.v1.<Service>/<Method>, proto3 JSON both ways). An error
// answer becomes an ApiError carrying the ErrorInfo reason, which the pages
// turn into a sentence in the person's language with messageFor.
import { lang } from './i18n.js';
import { messageFor as sentenceFor } from './reasons.js';

export class ApiError extends Error {
  constructor({ code = 'unknown', message = '', reason = '', metadata = {}, status = 0, details = [] }) {
    super(message);
    this.details = details;    // as the Connect error JSON: what reasons.js reads
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
    details: Array.isArray(body.details) ? body.details : [],
  });
}

// No answer at all (the connection dropped, the server is down).
export function networkError() {
  const debug = { reason: 'SERVER_UNAVAILABLE', domain: 'hoso.vn', metadata: {} };
  return new ApiError({ code: 'unavailable', reason: debug.reason, details: [{ type: 'google.rpc.ErrorInfo', debug }] });
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
    throw networkError();
  }
  const text = await response.text();
  if (!response.ok) throw errorFromBody(text, response.status);
  return text ? JSON.parse(text) : {};
}

// The sentence for an error, in the person's language (reasons.js knows
// every reason; the server's message is shown only as detail).
export function messageFor(error, language = lang()) {
  return sentenceFor(error, language);
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
