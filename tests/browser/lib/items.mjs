// What hosod holds, asked through the real hoso binary (not through the
// browser), so a test checks the server's state and not the page's word.
import { SCHOOL } from './stack.mjs';

export async function showItem(stack, id) {
  const r = await stack.hosoOk(['--json', 'show', String(id), '--school', SCHOOL]);
  return JSON.parse(r.stdout);
}

export async function itemFiles(stack, id) {
  return (await showItem(stack, id)).files;
}

// Uploads `files` as `token`'s item under criterion 1.1: { id, code }.
export async function uploadWithCli(stack, token, title, files, extra = []) {
  const r = await stack.hosoOk(
    ['--json', 'upload', '--school', SCHOOL, '--criterion', '1.1', '--title', title, ...extra, ...files],
    { token },
  );
  const item = JSON.parse(r.stdout.split('\n')[0]);
  return { id: item.id, code: item.code };
}
