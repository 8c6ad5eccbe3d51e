// A development CA and a principal's signing key and certificate made with
// openssl, as tests/e2e/dossier_e2e_test.cc makes them: the key that seals a
// dossier (`hoso dossier seal`) stays on "the principal's machine" (here).
import fs from 'node:fs';
import path from 'node:path';

import { run } from './processes.mjs';

async function openssl(args) {
  const r = await run(['openssl', ...args]);
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

export async function makeSigner(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const f = (name) => path.join(dir, name);
  await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', f('ca.key'), '-out', f('ca.pem'), '-subj', '/CN=So GDDT dev CA', '-days', '30']);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('principal.key'),
    '-out', f('principal.csr'), '-subj', '/CN=Hieu truong LQD']);
  await openssl(['x509', '-req', '-in', f('principal.csr'), '-CA', f('ca.pem'), '-CAkey',
    f('ca.key'), '-CAcreateserial', '-out', f('principal.pem'), '-days', '30']);
  return { ca: f('ca.pem'), key: f('principal.key'), cert: f('principal.pem') };
}
