// Sending a file the way a phone on weak Wi-Fi needs: hash it (a photo
// whole, by the browser's own SHA-256; a video in pieces), ask the server
// whether it holds that content (then it is linked, nothing is sent),
// otherwise send it with tus, which resumes where the server's durable copy
// ends: after a dropped connection by itself, after a closed tab when the
// same file is picked again (the upload's address is kept in localStorage by
// sha256).
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

// Whether the school holds content of exactly these sizes: [bool]. A large
// file of a size it holds is hashed first (it may be there: then nothing is
// sent); any other is hashed while it is sent.
export async function sizesHeld(school, sizes) {
  if (!sizes.length) return [];
  const answer = await call('ContentService', 'StatContent', { school, probeSize: sizes.map(String) });
  return sizes.map((_, i) => Boolean((answer.sizeHeld || [])[i]));
}

// The name of an upload hashed while sent, the same for the same file (so a
// closed tab resumes it): 16-64 of a-z, 0-9 and '-', as hosod takes it.
export async function uploadIdOf(school, file) {
  const text = new TextEncoder().encode(`${school}\n${file.name}\n${file.size}\n${file.lastModified}`);
  return `web-${hex(await globalThis.crypto.subtle.digest('SHA-256', text)).slice(0, 40)}`;
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

// Sends one file; resolves once the server acknowledged all of it (durable).
// `name`: {sha256} when the file was hashed, or {uploadId, hashing} for one
// hashed while it is sent (hashing: the promise of its SHA-256, which the
// last PATCH declares and hosod checks).
// onProgress(sent, total) counts from where the server's copy ended;
// onRetry() when the connection dropped (or stalled) and it tries again.
export function sendFile(file, name, school, onProgress = () => {}, onRetry = () => {}) {
  const { sha256, uploadId, hashing } = name;
  // One PATCH for a hashed file, whatever its size (every PATCH after the
  // first makes hosod read the stored part back to resume its hash); a file
  // hashed while sent holds back its last MiB until its hash is known.
  const chunkSize = uploadId ? Math.max(1, file.size - 1024 * 1024) : Infinity;
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
      onBeforeRequest: async (request) => {
        const method = request.getMethod();
        const offset = Number(request.getHeader('Upload-Offset') || 0);
        if (uploadId && method === 'PATCH' && offset + chunkSize >= file.size) {
          request.setHeader('Hoso-Sha256', await hashing);  // the last PATCH
        }
        patching = method === 'PATCH';
        moved = Date.now();
      },
      onAfterResponse: () => {
        patching = false;
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
      onSuccess: end(() => resolve()),
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

// Uploads a closed tab left unfinished for this school: [{sha256, name, size}].
export function unfinishedUploads(school) {
  const found = new Map();
  const prefix = `tus::${fingerprint(school, '')}`;
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(prefix)) continue;
    try {
      const stored = JSON.parse(localStorage.getItem(key));
      const metadata = stored.metadata || {};
      if (metadata.sha256 && !found.has(metadata.sha256)) {
        found.set(metadata.sha256, { sha256: metadata.sha256, name: metadata.filename || '', size: Number(stored.size || 0) });
      }
    } catch {
      // not one of ours
    }
  }
  return [...found.values()];
}

// sha256 given: only that file's (the server holds it whole by now).
export function forgetUnfinished(school, sha256 = '') {
  const prefix = `tus::${fingerprint(school, sha256)}`;
  const keys = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key && key.startsWith(prefix)) keys.push(key);
  }
  keys.forEach((key) => localStorage.removeItem(key));
}
