// Filling the teacher's upload form (page-upload) the way a person does.
import { byId, hook } from './app.mjs';

// `item`: { search, criterion, title, kind, year, task, files: [paths] }.
export async function fillUpload(page, item) {
  await byId(page, 'page-upload').waitFor();
  await byId(page, 'upload-criterion-search').fill(item.search);
  await page.locator(hook('upload-criterion-option', { criterion: item.criterion })).first().click();
  await page.locator(hook('upload-criterion', { criterion: item.criterion })).waitFor();
  await byId(page, 'upload-title').fill(item.title);
  if (item.kind) await byId(page, 'upload-kind').selectOption(item.kind);
  if (item.year) await byId(page, 'upload-year').fill(item.year);
  if (item.task) await byId(page, 'upload-task').selectOption(item.task);
  await byId(page, 'upload-files').setInputFiles(item.files);
}

// Submits and waits for the created item: { id, code }.
export async function submitUpload(page, timeout = 120000) {
  await byId(page, 'upload-submit').click();
  const result = page.locator(`${hook('upload-result')}[data-id]:not([data-id=""])`);
  await result.waitFor({ timeout });
  return { id: await result.getAttribute('data-id'), code: await result.getAttribute('data-code') };
}

// Every file row's { name, state }.
export async function fileRows(page) {
  return page.locator(hook('upload-file-row')).evaluateAll((rows) =>
    rows.map((r) => ({ name: r.dataset.name, state: r.dataset.state })),
  );
}
