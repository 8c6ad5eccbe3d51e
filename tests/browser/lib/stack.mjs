// A real hosod (temp data dir, loopback, a free port) and a real hoso-web in
// front of it, seeded through the real `hoso` binary: school LQD on
// tt17-2018, a teacher, a secretary and an assessor, a plan task of 1.1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { config } from './config.mjs';
import { run, start, stderrOf, stop, waitFor } from './processes.mjs';

export const SCHOOL = 'LQD';
export const people = {
  principal: { user: 'ht.hieu', role: 'admin', fullName: 'Nguyễn Văn Hiệu' },
  teacher: { user: 'gv.minh', role: 'teacher', fullName: 'Phạm Văn Minh' },
  secretary: { user: 'tk.lan', role: 'secretary', fullName: 'Trần Thị Lan' },
  assessor: { user: 'dg.vo', role: 'assessor', fullName: 'Võ Đánh Giá' },
};
export const PLAN_TASK = '1.1.01';

function readTrimmed(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

async function waitForFile(file, proc, what) {
  return waitFor(
    () => {
      if (proc.exitCode !== null) {
        throw new Error(`${proc.name} exited (${proc.exitCode}) before ${what}:\n${stderrOf(proc)}`);
      }
      return readTrimmed(file);
    },
    20000,
    what,
  );
}

export class Stack {
  constructor(dir) {
    this.dir = dir;
    this.data = path.join(dir, 'data');
  }

  async start({ seed = true, web = true } = {}) {
    await this.startHosod();
    if (seed) await this.seed();
    if (web) await this.startWeb();
  }

  async startHosod() {
    fs.rmSync(path.join(this.data, 'hosod.addr'), { force: true });
    this.hosod = start(
      'hosod',
      [config.hosod, '--data', this.data, '--listen', '127.0.0.1:0'],
      { logBase: path.join(this.dir, 'hosod') },
    );
    this.hosodAddr = await waitForFile(path.join(this.data, 'hosod.addr'), this.hosod, 'hosod.addr');
    this.adminToken = readTrimmed(path.join(this.data, 'admin.token'));
  }

  // hoso-web on a free loopback port; `restart` keeps nothing but the port
  // choice fresh (hoso-web is stateless).
  async startWeb(extraArgs = []) {
    const addrFile = path.join(this.dir, 'web.addr');
    fs.rmSync(addrFile, { force: true });
    this.web = start(
      'hoso-web',
      [config.hosoWeb, '--listen', this.webListen ?? '127.0.0.1:0', '--hosod', this.hosodAddr,
        '--assets', config.assets, '--addr-file', addrFile, ...extraArgs],
      { logBase: path.join(this.dir, 'hoso-web') },
    );
    const addr = await waitForFile(addrFile, this.web, 'hoso-web --addr-file');
    this.webListen = addr;  // a restart comes back on the same port
    this.webUrl = `http://${addr}`;
  }

  async stopWeb() {
    if (this.web) await stop(this.web);
  }

  async stop() {
    const codes = {};
    for (const p of [this.web, this.hosod]) {
      if (p) codes[p.name] = await stop(p);
    }
    return codes;
  }

  // Runs the real hoso binary as `token` (the server admin by default).
  async hoso(args, { token = this.adminToken, input } = {}) {
    return run([config.hoso, ...args], {
      env: { HOSO_SERVER: this.hosodAddr, HOSO_TOKEN: token, HOME: this.dir, HOSO_SCHOOL: '' },
      input,
    });
  }

  // As hoso(), but a non-zero exit throws with what hoso said.
  async hosoOk(args, options) {
    const r = await this.hoso(args, options);
    if (r.code !== 0) {
      throw new Error(`hoso ${args.join(' ')} exited ${r.code}:\n${r.stdout}${r.stderr}`);
    }
    return r;
  }

  async seed() {
    await this.hosoOk(['school', 'add', SCHOOL, '--name', 'Trường Tiểu học Lê Quý Đôn',
      '--framework', 'tt17-2018']);
    for (const p of Object.values(people)) {
      const args = ['user', 'add', p.user, '--school', SCHOOL, '--role', p.role,
        '--full-name', p.fullName];
      if (p.role === 'assessor') args.push('--expires', '2099-12-31');
      await this.hosoOk(args);
    }
    await this.hosoOk(['plan', 'add', '--school', SCHOOL, '--criterion', '1.1', '--content',
      'Rà soát kế hoạch chiến lược của nhà trường', '--owners', 'Hiệu trưởng', '--due', '2025-05']);
  }

  // A bearer token for `user` (for seeding through the CLI as that person).
  async tokenOf(user) {
    const r = await this.hosoOk(['token', 'issue', user]);
    const m = r.stdout.match(/hoso_[0-9a-f]+/);
    if (!m) throw new Error(`no token in: ${r.stdout}`);
    return m[0];
  }

  // The one-time login link the school admin prints for `user`.
  async loginLink(user, base = this.webUrl) {
    const r = await this.hosoOk(['user', 'login-link', user, '--school', SCHOOL, '--url', base]);
    const m = `${r.stdout}\n${r.stderr}`.match(/https?:\/\/[^\s]+#[^\s]+/);
    if (!m) throw new Error(`no login link in: ${r.stdout}${r.stderr}`);
    return m[0];
  }

  async setPassword(user, password) {
    await this.hosoOk(['user', 'password', user], { input: `${password}\n${password}\n` });
  }
}

// A stack in a fresh temp dir; start() starts and seeds hosod and hoso-web.
export function newStack() {
  return new Stack(fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-browser-')));
}
