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

// Records every state each file row goes through (the rows leave the page
// once the item is created), for fileRows().
async function watchFileStates(page) {
  await page.evaluate(() => {
    const states = (window.__hosoFileStates = {});
    const times = (window.__hosoFileTimes = {});
    const record = (row) => {
      const seen = (states[row.dataset.name] ||= []);
      if (seen[seen.length - 1] !== row.dataset.state) {
        seen.push(row.dataset.state);
        (times[row.dataset.name] ||= []).push(Math.round(performance.now()));
      }
    };
    const rowsIn = (node) =>
      node.nodeType !== 1 ? [] :
        [...(node.matches('[data-testid="upload-file-row"]') ? [node] : []),
          ...node.querySelectorAll('[data-testid="upload-file-row"]')];
    rowsIn(document.body).forEach(record);
    new MutationObserver((changes) => {
      for (const c of changes) {
        if (c.type === 'attributes') rowsIn(c.target).slice(0, 1).forEach(record);
        for (const n of c.addedNodes) rowsIn(n).forEach(record);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

// Submits and waits for the created item: { id, code }.
export async function submitUpload(page, timeout = 120000) {
  await watchFileStates(page);
  await byId(page, 'upload-submit').click();
  const result = page.locator(`${hook('upload-result')}[data-id]:not([data-id=""])`);
  await result.waitFor({ timeout });
  return { id: await result.getAttribute('data-id'), code: await result.getAttribute('data-code') };
}

// Every file row since the submit: { name, state (the last), states }.
export async function fileRows(page) {
  const { all, times } = await page.evaluate(() => ({
    all: window.__hosoFileStates ?? {},
    times: window.__hosoFileTimes ?? {},
  }));
  return Object.entries(all).map(([name, states]) => ({
    name,
    states,
    state: states[states.length - 1],
    times: times[name] ?? [],  // ms (performance.now()) at which each state began
  }));
}
