// The processes a browser test starts (hosod, hoso-web, helpers): each one's
// output goes to a log file, and every one still running is killed when the
// test ends, however it ends (a failure, an exception, a signal, a timeout).
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const running = new Set();

function killAllNow() {
  for (const p of running) {
    try {
      p.child.kill('SIGKILL');
    } catch {}
  }
  running.clear();
}
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    killAllNow();
    process.exit(128 + 1);
  });
}

// Starts `argv` with its stdout and stderr in `${logBase}.out` / `.err`.
export function start(name, argv, { env = {}, logBase }) {
  const out = fs.openSync(`${logBase}.out`, 'a');
  const err = fs.openSync(`${logBase}.err`, 'a');
  const child = spawn(argv[0], argv.slice(1), {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, err],
  });
  fs.closeSync(out);
  fs.closeSync(err);
  const proc = { name, child, logBase, exitCode: null };
  proc.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(proc);
      proc.exitCode = code ?? 128;
      resolve({ code, signal });
    });
    child.on('error', (e) => {
      running.delete(proc);
      proc.exitCode = 127;
      proc.error = e;
      fs.appendFileSync(`${logBase}.err`, `cannot start ${argv[0]}: ${e.message}\n`);
      resolve({ code: 127, signal: null, error: e });
    });
  });
  running.add(proc);
  return proc;
}

export function stderrOf(proc) {
  try {
    return fs.readFileSync(`${proc.logBase}.err`, 'utf8');
  } catch {
    return '';
  }
}

// SIGTERM, then SIGKILL after `graceMs`; resolves with the exit status.
export async function stop(proc, graceMs = 5000) {
  if (proc.exitCode !== null) return proc.exitCode;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  const { code } = await proc.exited;
  clearTimeout(timer);
  return code;
}

export async function stopAll() {
  await Promise.all([...running].map((p) => stop(p)));
}

// Runs a command to its end; never throws on a non-zero exit.
export function run(argv, { env = {}, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => resolve({ code: 127, stdout: '', stderr: String(e) }));
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(input ?? '');
  });
}

// Polls `fn` until it returns a truthy value or `ms` pass.
export async function waitFor(fn, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
