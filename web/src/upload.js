// Sending a file the way a phone on weak Wi-Fi needs: hash it in pieces
// (hash-wasm; WebCrypto has no streaming digest), ask the server whether it
// holds that content (then it is linked, nothing is sent), otherwise send it
// with tus, which resumes where the server's durable copy ends: after a
// dropped connection by itself, after a closed tab when the same file is
// picked again (the upload's address is kept in localStorage by sha256).
/* global hashwasm, tus */
import { call, errorFromBody, networkError } from './api.js';

const piece = 4 * 1024 * 1024;

export async function hashFile(file, onProgress = () => {}) {
  const hasher = await hashwasm.createSHA256();
  hasher.init();
  for (let offset = 0; offset < file.size; offset += piece) {
    const bytes = new Uint8Array(await file.slice(offset, offset + piece).arrayBuffer());
    hasher.update(bytes);
    onProgress(Math.min(1, (offset + bytes.length) / file.size));
  }
  return hasher.digest('hex');
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

// Sends one file; resolves once the server acknowledged all of it (durable).
// onProgress(sent, total) counts from where the server's copy ended.
export function sendFile(file, sha256, school, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(file, {
      endpoint: '/files/',
      metadata: { sha256, school, filename: file.name },
      chunkSize: 32 * 1024 * 1024,
      // A school's Wi-Fi drops for a while: keep trying for about two minutes.
      retryDelays: [0, 1000, 2000, 4000, 8000, 15000, 30000, 60000],
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: () => Promise.resolve(fingerprint(school, sha256)),
      onProgress,
      onSuccess: () => resolve(),
      onError: (error) => reject(tusError(error)),
    });
    upload
      .findPreviousUploads()
      .then((previous) => {
        if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      })
      .catch((error) => reject(tusError(error)));
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

export function forgetUnfinished(school) {
  const prefix = `tus::${fingerprint(school, '')}`;
  const keys = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i);
    if (key && key.startsWith(prefix)) keys.push(key);
  }
  keys.forEach((key) => localStorage.removeItem(key));
}
