// The GET addresses of hoso-web (clients/web/HTTP.md), each part encoded.
const part = encodeURIComponent;

export const previewUrl = (school, id, sha256) => `/preview/${part(school)}/${part(id)}/${part(sha256)}`;
export const downloadUrl = (school, id, sha256) => `/download/${part(school)}/${part(id)}/${part(sha256)}`;
export const dossierUrl = (school, id, format) => `/dossier/${part(school)}/${part(id)}.${format}`;
export const reportUrl = (school, id, format) => `/report/${part(school)}/${part(id)}.${format}`;
export const catalogueUrl = (school, format) => `/catalogue/${part(school)}.${format}`;

// Only these are ever previewed (hoso-web also sniffs the bytes and refuses
// anything else); every other file is only a download.
const imageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export function previewKind(mediaType) {
  const type = String(mediaType || '').toLowerCase();
  if (imageTypes.includes(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  return '';
}
