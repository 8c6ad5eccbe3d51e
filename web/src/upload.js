// Sending a file the way a phone on weak Wi-Fi needs. A file of a size the
// school holds nowhere cannot be there already: it is sent at once, not
// hashed here (a browser has no fast streaming SHA-256: hash-wasm runs at a
// tenth of what hosod's OpenSSL does), and hosod's hash of what arrived over
// TLS names it. A file of a size the school holds is hashed first (a photo
// whole, by the browser's own SHA-256; a video in pieces) and linked when the
// server has it. Either is sent with tus, which resumes where the server's
// durable copy ends: after a dropped connection by itself, after a closed tab
// when the same file is picked again (the upload's address is kept in
// localStorage).
/* global hashwasm, tus */
import { call, errorFromBody, networkError } from './api.js';

const piece = 4 * 1024 * 1024;
// Files up to this size (a phone's photos, most scans) are read whole and
// hashed by WebCrypto (native SHA-256, 2-4 times hash-wasm in chromium, and
// off the page's thread): with two files in flight the page holds at most
// 32 MiB of them. WebCrypto has no streaming digest, so larger files go
// through hash-wasm piece by piece and memory stays bounded whatever their size.
export const wholeHashLimit = 16 * 1024 * 1024;

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function hashFile(file, onProgress = () => {}) {
  const subtle = globalThis.crypto && globalThis.crypto.subtle;  // secure contexts only
  if (subtle && file.size <= wholeHashLimit) {
    const digest = await subtle.digest('SHA-256', await file.arrayBuffer());
    onProgress(1);
    return hex(digest);
  }
  const hasher = await hashwasm.createSHA256();
  hasher.init();
  for (let offset = 0; offset < file.size; offset += piece) {
    const bytes = new Uint8Array(await file.slice(offset, offset + piece).arrayBuffer());
    hasher.update(bytes);
    onProgress(Math.min(1, (offset + bytes.length) / file.size));
  }
  return hasher.digest('hex');
}

// The name of an upload the page does not hash, the same for the same file
// (so a closed tab resumes it): 16-64 of a-z, 0-9 and '-', as hosod takes it.
// Its first and last 64 KiB go into it beside name, size and time, so that
// another file of the same name, size and time does not resume this one's
// bytes (nothing would catch that: the page declares no hash).
const sampleBytes = 64 * 1024;
export async function uploadIdOf(school, file) {
  const text = new TextEncoder().encode(`${school}\n${file.name}\n${file.size}\n${file.lastModified}\n`);
  const head = await file.slice(0, sampleBytes).arrayBuffer();
  const tail = await file.slice(Math.max(sampleBytes, file.size - sampleBytes)).arrayBuffer();
  const all = new Uint8Array(text.length + head.byteLength + tail.byteLength);
  all.set(text, 0);
  all.set(new Uint8Array(head), text.length);
  all.set(new Uint8Array(tail), text.length + head.byteLength);
  return `web-${hex(await globalThis.crypto.subtle.digest('SHA-256', all)).slice(0, 40)}`;
}

// One question for every file picked: does the school hold content of its
// exactly size (then it is worth hashing: it may be there), and how much of
// the upload named `uploadIds[i]` is durable ('': none asked, 0).
// [{held, resumeOffset}].
export async function firstLook(school, files, uploadIds) {
  if (!files.length) return [];
  const asked = uploadIds.filter(Boolean);
  const answer = await call('ContentService', 'StatContent', {
    school,
    probeSize: files.map((file) => String(file.size)),
    uploadId: asked,
  });
  const offsets = new Map(asked.map((id, i) => [id, Number(((answer.uploads || [])[i] || {}).resumeOffset || 0)]));
  return files.map((_, i) => ({
    held: Boolean((answer.sizeHeld || [])[i]),
    resumeOffset: offsets.get(uploadIds[i]) || 0,
  }));
}

// Whether a closed tab may have left an upload of this file (one of the
// same name and size is kept in `unfinished`, from unfinishedUploads): only
// then is its upload id worth working out before the first question.
export function mayBeUnfinished(file, unfinished) {
  return unfinished.some((u) => u.uploadId && u.name === file.name && u.size === file.size);
}

// Where the server stands with these hashes for this school: [{present, resumeOffset}].
export async function statContents(school, hashes) {
  if (!hashes.length) return [];
  const answer = await call('ContentService', 'StatContent', { school, sha256: hashes });
  return hashes.map((sha256, i) => {
    const state = (answer.states || [])[i] || {};
    return { sha256, present: Boolean(state.present), resumeOffset: Number(state.resumeOffset || 0) };
  });
}

const fingerprintPrefix = 'hoso-';
function fingerprint(school, sha256) {
  return `${fingerprintPrefix}${school}-${sha256}`;
}

function tusError(error) {
  const response = error && error.originalResponse;
  if (!response) return networkError();
  return errorFromBody(response.getBody(), response.getStatus());
}

// tus-js-client's own rule (a network error, a 5xx, 409 or 423, and the
// browser online), told to the page so that it can say it is retrying.
function retryable(error) {
  const status = error && error.originalResponse ? error.originalResponse.getStatus() : 0;
  return (!(status >= 400 && status < 500) || status === 409 || status === 423) && navigator.onLine !== false;
}

// tus-js-client notices a connection that broke, not one that went silent
// (a phone between access points, a proxy holding on): a PATCH that moved
// no byte for this long is aborted and the upload resumed, from the
// server's durable offset, as after a cut.
export const stallMs = 20000;

// Sends one file; resolves with its SHA-256 once the server acknowledged all
// of it (durable). `name`: {sha256} when the file was hashed here (hosod
// checks it), or {uploadId} for one that was not (the last PATCH says
// `Hoso-Sha256: server`; hosod's answer carries the hash it stored).
// onProgress(sent, total) counts from where the server's copy ended;
// onRetry() when the connection dropped (or stalled) and it tries again.
export function sendFile(file, name, school, onProgress = () => {}, onRetry = () => {}) {
  const { sha256, uploadId } = name;
  // One PATCH, whatever the size: every PATCH after the first makes hosod
  // read the stored part back to resume its hash.
  const chunkSize = Infinity;
  let stored = sha256 || '';  // what hosod's last answer said it stored
  return new Promise((resolve, reject) => {
    let patching = false;  // a PATCH is on its way
    let moved = Date.now();  // when its last byte went
    const watchdog = setInterval(() => {
      if (!patching || Date.now() - moved < stallMs) return;
      patching = false;
      onRetry();
      upload.abort().then(() => upload.start());
    }, 1000);
    const end = (settle) => (value) => {
      clearInterval(watchdog);
      settle(value);
    };
    const upload = new tus.Upload(file, {
      endpoint: '/files/',
      metadata: uploadId ? { uploadId, school, filename: file.name } : { sha256, school, filename: file.name },
      // A cut PATCH resumes from hosod's durable offset whatever its size.
      chunkSize,
      // A school's Wi-Fi drops for a while: keep trying for about two minutes.
      retryDelays: [0, 1000, 2000, 4000, 8000, 15000, 30000, 60000],
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: () => Promise.resolve(fingerprint(school, sha256 || uploadId)),
      onBeforeRequest: (request) => {
        patching = request.getMethod() === 'PATCH';
        // Each PATCH runs to the end of the file, so each may be the last.
        if (uploadId && patching) request.setHeader('Hoso-Sha256', 'server');
        moved = Date.now();
      },
      onAfterResponse: (request, response) => {
        patching = false;
        const hash = response.getHeader('Hoso-Sha256');
        if (hash) stored = hash;
      },
      onProgress: (sent, total) => {
        moved = Date.now();
        onProgress(sent, total);
      },
      onShouldRetry: (error) => {
        patching = false;  // tus waits before its next try: no PATCH to watch
        const again = retryable(error);
        if (again) onRetry();
        return again;
      },
      onSuccess: end(() => {
        if (stored) return resolve(stored);
        // Every byte was durable before the PATCH that would have ended it
        // (a cut just after the last chunk): tus saw nothing left to send.
        return endAtLength(upload.url, file.size).then(resolve, reject);
      }),
      onError: end((error) => reject(tusError(error))),
    });
    upload
      .findPreviousUploads()
      .then((previous) => {
        if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      })
      .catch(end((error) => reject(tusError(error))));
  });
}

// The empty PATCH at the end that ends an upload the page did not hash,
// when all its bytes arrived before (hoso-web commits it); its SHA-256.
async function endAtLength(url, size) {
  let response;
  try {
    response = await fetch(url, {
      method: 'PATCH',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Offset': String(size),
        'Content-Type': 'application/offset+octet-stream',
        'Hoso-Sha256': 'server',
      },
      body: new Uint8Array(0),
    });
  } catch {
    throw networkError();
  }
  const hash = response.headers.get('Hoso-Sha256');
  if (!response.ok || !hash) throw errorFromBody(await response.text(), response.status);
  return hash;
}

// Uploads a closed tab left unfinished for this school:
// [{key, sha256 or uploadId, name, size}]; key names it for forgetUnfinished.
export function unfinishedUploads(school) {
  const found = new Map();
  const prefix = `tus::${fingerprint(school, '')}`;
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(prefix)) continue;
    try {
      const stored = JSON.parse(localStorage.getItem(key));
      const { sha256, uploadId, filename } = stored.metadata || {};
      const name = sha256 || uploadId;
      if (name && !found.has(name)) {
        found.set(name, { key: name, sha256: sha256 || '', uploadId: sha256 ? '' : uploadId, name: filename || '', size: Number(stored.size || 0) });
      }
    } catch {
      // not one of ours
    }
  }
  return [...found.values()];
}

// Where the server stands with them: [{present, resumeOffset}] in order. An
// upload the page did not hash with nothing durable is gone (finished, or
// expired): present, so that it is forgotten.
export async function unfinishedStanding(school, unfinished) {
  const hashes = unfinished.filter((u) => u.sha256).map((u) => u.sha256);
  const ids = unfinished.filter((u) => u.uploadId).map((u) => u.uploadId);
  if (!unfinished.length) return [];
  const answer = await call('ContentService', 'StatContent', { school, sha256: hashes, uploadId: ids });
  let h = 0;
  let u = 0;
  return unfinished.map((entry) => {
    if (entry.sha256) {
      const state = (answer.states || [])[h++] || {};
      return { present: Boolean(state.present), resumeOffset: Number(state.resumeOffset || 0) };
    }
    const offset = Number(((answer.uploads || [])[u++] || {}).resumeOffset || 0);
    return { present: offset === 0, resumeOffset: offset };
  });
}

// key given (a sha256 or an upload id): only that file's (the server holds it whole by now).
export function forgetUnfinished(school, key = '') {
  const prefix = `tus::${fingerprint(school, key)}`;
  const keys = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key && key.startsWith(prefix)) keys.push(key);
  }
  keys.forEach((key) => localStorage.removeItem(key));
}
