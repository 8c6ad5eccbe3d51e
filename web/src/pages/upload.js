// A teacher's upload, on a phone first: criterion (searchable without
// accents), description, plan task, files or camera photos; a file of a size
// the school holds is hashed and linked when the server has it, every other
// is sent resumably at once; then the item is created with all its files.
import { base64OfText, call, messageFor } from '../api.js';
import { el, field, fill } from '../dom.js';
import { criteriaOf, getFramework } from '../framework.js';
import { bytes, t } from '../i18n.js';
import { matches } from '../search.js';
import { schoolHere, session } from '../session.js';
import { clearError, showError, showNotice, showProblem } from '../ui.js';
import { firstLook, forgetUnfinished, hashFile, mayBeUnfinished, sendFile, statContents, unfinishedStanding, unfinishedUploads, uploadIdOf } from '../upload.js';
import { hashThenSend } from '../upload_pipeline.js';
import { evidenceFields } from './evidence_form.js';

const accept = [
  'image/*',
  'application/pdf',
  '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.odt', '.ods', '.odp', '.csv', '.txt',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
].join(',');
const shownOptions = 8;

function draftKey(school) {
  return `hoso.upload.draft.${school}`;
}
function readDraft(school) {
  try {
    return JSON.parse(localStorage.getItem(draftKey(school)) || '{}');
  } catch {
    return {};
  }
}

export async function render() {
  const school = session.school;
  const framework = await getFramework(schoolHere().framework);
  const criteria = criteriaOf(framework);
  const draft = readDraft(school);
  let chosen = criteria.some((c) => c.code === draft.criterion) ? draft.criterion : '';
  const entries = [];  // {file, state, sha256, progress, note, row}
  let busy = false;

  // ---- criterion
  const search = el('input', { testid: 'upload-criterion-search', type: 'search', placeholder: t('upload.criterion.search'), autocomplete: 'off' });
  const chosenText = el('p', { testid: 'upload-criterion', class: 'chosen-criterion', data: { criterion: chosen } });
  const options = el('div', { class: 'options', role: 'listbox' });
  const task = el('select', { testid: 'upload-task' }, el('option', { value: '' }, t('upload.task.none')));

  function drawChosen() {
    const criterion = criteria.find((c) => c.code === chosen);
    chosenText.dataset.criterion = chosen;
    chosenText.textContent = criterion ? `${criterion.code} ${criterion.name}` : t('upload.criterion.none');
  }
  function drawOptions() {
    if (!search.value.trim()) {
      fill(options);
      return;
    }
    const found = criteria.filter((c) => matches(search.value, `${c.code} ${c.name}`));
    fill(
      options,
      found.slice(0, shownOptions).map((c) =>
        el(
          'button',
          {
            type: 'button',
            testid: 'upload-criterion-option',
            data: { criterion: c.code },
            class: c.code === chosen ? 'chosen' : null,
            role: 'option',
            on: { click: () => choose(c.code) },
          },
          `${c.code} ${c.name}`,
        ),
      ),
      found.length > shownOptions ? el('p', { class: 'hint' }, t('upload.criterion.more', found.length - shownOptions)) : null,
    );
  }
  async function loadTasks(wanted = '') {
    fill(task, el('option', { value: '' }, t('upload.task.none')));
    if (!chosen) return;
    try {
      const answer = await call('PlanService', 'ListTasks', { school, criterion: chosen });
      for (const item of answer.tasks || []) {
        task.append(el('option', { value: item.code }, `${item.code} ${item.content || ''}`.slice(0, 120)));
      }
      task.value = [...task.options].some((o) => o.value === wanted) ? wanted : '';
    } catch (error) {
      showError(error);
    }
  }
  function choose(code) {
    chosen = code;
    search.value = '';
    drawChosen();
    drawOptions();
    loadTasks();
  }
  search.addEventListener('input', drawOptions);
  drawChosen();
  drawOptions();
  loadTasks(draft.task || '');

  // ---- description
  const description = evidenceFields('upload', draft);

  // ---- files
  const list = el('div', { class: 'files' });
  const filesInput = el('input', { testid: 'upload-files', type: 'file', multiple: true, accept });
  const cameraInput = el('input', { testid: 'upload-camera', type: 'file', accept: 'image/*', capture: 'environment' });
  const pick = el(
    'div',
    { class: 'pick' },
    el('label', { class: 'button' }, t('upload.files'), filesInput),
    el('label', { class: 'button' }, t('upload.camera'), cameraInput),
  );
  function addFiles(input) {
    for (const file of input.files) {
      const entry = { file, state: 'waiting', sha256: '', progress: 0, note: '' };
      entry.row = el('div', { class: 'file-row', testid: 'upload-file-row', data: { name: file.name, state: 'waiting' } });
      entries.push(entry);
      list.append(entry.row);
      drawEntry(entry);
    }
    input.value = '';
  }
  function drawEntry(entry) {
    entry.row.dataset.state = entry.state;
    const progress = el('progress', { testid: 'upload-file-progress', max: 1, value: entry.progress });
    const status =
      entry.state === 'error'
        ? el('span', { class: 'status', testid: 'upload-file-error' }, entry.note)
        : el('span', { class: 'status' }, entry.note || t(`upload.file.${entry.state}`));
    const remove = el(
      'button',
      {
        type: 'button',
        testid: 'upload-file-remove',
        disabled: busy,
        on: {
          click: () => {
            entries.splice(entries.indexOf(entry), 1);
            entry.row.remove();
          },
        },
      },
      t('upload.file.remove'),
    );
    fill(entry.row, el('span', { class: 'name' }, `${entry.file.name} (${bytes(entry.file.size)})`), remove, progress, status);
  }
  function setState(entry, state, note = '') {
    entry.state = state;
    entry.note = note;
    drawEntry(entry);
  }
  filesInput.addEventListener('change', () => addFiles(filesInput));
  cameraInput.addEventListener('change', () => addFiles(cameraInput));

  // ---- unfinished uploads from a closed tab
  const resume = el('div', { testid: 'upload-resume', class: 'card', hidden: true });
  async function drawResume() {
    let unfinished = unfinishedUploads(school);
    if (!unfinished.length) {
      resume.hidden = true;
      return;
    }
    let states = [];
    try {
      states = await unfinishedStanding(school, unfinished);
    } catch {
      states = [];
    }
    // Finished meanwhile (in another tab, or the last piece arrived as the tab closed).
    states.forEach((state, i) => {
      if (state.present) forgetUnfinished(school, unfinished[i].key);
    });
    unfinished = unfinished.filter((u, i) => !(states[i] && states[i].present));
    states = states.filter((state) => !state.present);
    if (!unfinished.length) {
      resume.hidden = true;
      return;
    }
    const discard = el(
      'button',
      {
        type: 'button',
        testid: 'upload-resume-discard',
        on: {
          click: () => {
            forgetUnfinished(school);
            resume.hidden = true;
          },
        },
      },
      t('upload.resume.discard'),
    );
    fill(
      resume,
      el('h2', {}, t('upload.resume.title')),
      el('p', { class: 'hint' }, t('upload.resume.hint')),
      unfinished.map((u, i) => {
        const offset = (states[i] && states[i].resumeOffset) || 0;
        return el(
          'p',
          { testid: 'upload-resume-row', data: { name: u.name, offset } },
          t('upload.resume.row', u.name, bytes(offset), bytes(u.size)),
        );
      }),
      el('div', { class: 'actions' }, discard),
    );
    resume.hidden = false;
  }
  drawResume();

  // ---- submit
  const result = el('div', { testid: 'upload-result', class: 'card', hidden: true });
  const submit = el('button', { testid: 'upload-submit', type: 'submit', class: 'primary' }, t('upload.submit'));

  function evidence() {
    const values = description.read();
    return {
      school,
      title: values.title,
      kind: values.kind,
      year: values.year,
      number: values.number,
      date: values.date,
      issuer: values.issuer,
      criteria: [chosen],
      tasks: task.value ? [task.value] : [],
    };
  }
  function saveDraft() {
    try {
      localStorage.setItem(draftKey(school), JSON.stringify({ ...description.read(), criterion: chosen, task: task.value }));
    } catch {
      // no room: the form is still on the page
    }
  }

  // Before any hashing, one StatContent for every file not named yet: a file
  // of a size the school holds nowhere is new, so it is sent at once under an
  // upload id, unhashed here; the others are hashed, for they may be there.
  // An upload id reads the file's ends (two reads each: 64 photos took a
  // tenth of a second), so only a file a closed tab may have left unfinished
  // gets its id now, to learn how much of it is durable in the same answer;
  // the others get theirs from their sender, while other files go out.
  async function lookFirst() {
    const fresh = entries.filter((e) => !e.sha256 && !e.uploadId && !e.unhashed);
    if (!fresh.length || !(globalThis.crypto && globalThis.crypto.subtle)) return;
    const unfinished = unfinishedUploads(school);
    const ids = await Promise.all(fresh.map((e) => (mayBeUnfinished(e.file, unfinished) ? uploadIdOf(school, e.file) : '')));
    const looks = await firstLook(school, fresh.map((e) => e.file), ids);
    fresh.forEach((entry, i) => {
      if (looks[i].held) return;
      entry.unhashed = true;
      entry.uploadId = ids[i];
      entry.resumeOffset = looks[i].resumeOffset;
    });
  }

  async function hashEntry(entry) {
    if (entry.sha256 || entry.uploadId || entry.unhashed) return true;  // its sender names it
    setState(entry, 'hashing');
    try {
      const status = () => entry.row.querySelector('.status');
      entry.sha256 = await hashFile(entry.file, (share) => {
        if (status()) status().textContent = `${t('upload.file.hashing')} ${Math.floor(share * 100)}%`;
      });
      setState(entry, 'waiting');
      return true;
    } catch (error) {
      setState(entry, 'error', `${t('upload.file.error')}: ${error.message || error}`);
      return false;
    }
  }

  const sent = new Map();  // sha256 or upload id → the promise of its one upload (the same photo picked twice)
  // Where the server stands with a hashed file: one StatContent asks for
  // every file hashed by then and not asked about yet (the hashing runs ahead
  // of the senders, so 64 photos cost a few round trips, not 64).
  const standing = new Map();  // sha256 → promise of {present, resumeOffset}
  function standingOf(entry) {
    if (!standing.has(entry.sha256)) {
      const asked = [...new Set(entries.filter((e) => e.sha256 && !standing.has(e.sha256)).map((e) => e.sha256))];
      const answer = statContents(school, asked);
      asked.forEach((sha256, i) => standing.set(sha256, answer.then((states) => states[i])));
    }
    return standing.get(entry.sha256);
  }
  function drawSending(entry, note) {
    return (done, total) => {
      entry.progress = total ? done / total : 1;
      const bar = entry.row.querySelector('progress');
      if (bar) bar.value = entry.progress;
      const status = entry.row.querySelector('.status');
      if (status) status.textContent = `${note ? `${note} ` : ''}${t('upload.file.uploading')} ${Math.floor(entry.progress * 100)}%`;
    };
  }
  function drawRetrying(entry) {
    return () => {
      const status = entry.row.querySelector('.status');
      if (status) status.textContent = t('upload.file.retrying');
    };
  }
  async function sendUnhashed(entry) {
    if (!entry.uploadId) {
      // Worked out by the sender itself, just before it sends (the hashers
      // would hold the senders back). The same file picked twice has one
      // upload id: sent once (see `sent`).
      try {
        entry.uploadId = await uploadIdOf(school, entry.file);
      } catch (error) {
        setState(entry, 'error', `${t('upload.file.error')}: ${error.message || error}`);
        return;
      }
    }
    const offset = entry.resumeOffset || 0;
    const note = offset > 0 ? t('upload.file.resumed', bytes(offset)) : '';
    entry.progress = entry.file.size ? offset / entry.file.size : 0;
    setState(entry, 'uploading', note);
    try {
      if (!sent.has(entry.uploadId)) {
        sent.set(entry.uploadId, sendFile(entry.file, { uploadId: entry.uploadId }, school, drawSending(entry, note), drawRetrying(entry)));
      }
      entry.sha256 = await sent.get(entry.uploadId);
      entry.progress = 1;
      setState(entry, 'uploaded');
    } catch (error) {
      sent.delete(entry.uploadId);  // a later submit tries again
      entry.resumeOffset = 0;  // tus asks the server where it stands
      setState(entry, 'error', messageFor(error));
    }
  }
  async function sendEntry(entry) {
    if (entry.state === 'linked' || entry.state === 'uploaded') return;
    if ((entry.uploadId || entry.unhashed) && !entry.sha256) {
      await sendUnhashed(entry);
      return;
    }
    setState(entry, 'checking');
    try {
      const state = await standingOf(entry);
      if (state.present && !sent.has(entry.sha256)) {
        entry.progress = 1;
        setState(entry, 'linked');
        return;
      }
      const note = state.resumeOffset > 0 ? t('upload.file.resumed', bytes(state.resumeOffset)) : '';
      entry.progress = entry.file.size ? state.resumeOffset / entry.file.size : 0;
      setState(entry, 'uploading', note);
      if (!sent.has(entry.sha256)) {
        sent.set(entry.sha256, sendFile(entry.file, { sha256: entry.sha256 }, school, drawSending(entry, note), drawRetrying(entry)));
      }
      await sent.get(entry.sha256);
      entry.progress = 1;
      setState(entry, 'uploaded');
    } catch (error) {
      sent.delete(entry.sha256);  // a later submit tries again
      standing.delete(entry.sha256);
      setState(entry, 'error', messageFor(error));
    }
  }

  async function onSubmit(event) {
    event.preventDefault();
    if (busy) return;
    clearError();
    result.hidden = true;
    result.dataset.id = '';
    result.dataset.code = '';
    if (!chosen) return showProblem(t('upload.need.criterion'));
    if (!description.read().title) return showProblem(t('upload.need.title'));
    if (!entries.length) return showProblem(t('upload.need.files'));
    saveDraft();
    sent.clear();
    standing.clear();
    busy = true;
    submit.disabled = true;
    entries.forEach(drawEntry);
    try {
      const files = (unhashed = '') =>
        entries.map((e) => ({ name: base64OfText(e.file.name), mediaType: e.file.type || 'application/octet-stream', sha256: e.sha256 || unhashed }));
      // A typo in the description costs no upload, and no hashing either:
      // the check reads names and metadata, no content (a stand-in digest).
      await call('EvidenceService', 'CreateEvidence', { evidence: evidence(), files: files('0'.repeat(64)), validateOnly: true });
      await lookFirst();
      // Five senders: chromium opens six connections to one host over
      // HTTP/1.1, and one stays free for the calls the page makes meanwhile.
      await hashThenSend([...entries], { hash: hashEntry, send: sendEntry, senders: 5, hashers: 2 });
      if (entries.some((e) => !e.sha256 || e.state === 'error')) return showProblem(t('upload.file.failed'));
      const created = await call('EvidenceService', 'CreateEvidence', { evidence: evidence(), files: files() });
      try {
        localStorage.removeItem(draftKey(school));
      } catch {
        // nothing kept
      }
      fill(result, el('p', {}, t('upload.done', created.code)));
      result.dataset.code = created.code || '';
      result.dataset.id = created.id || '';
      result.hidden = false;
      showNotice(t('upload.done', created.code));
      entries.splice(0).forEach((e) => e.row.remove());
      for (const name of ['title', 'number', 'date', 'issuer']) description.controls[name].value = '';
      drawResume();
    } catch (error) {
      entries.filter((e) => e.state === 'checking').forEach((e) => setState(e, 'waiting'));
      showError(error);
    } finally {
      busy = false;
      submit.disabled = false;
      entries.forEach(drawEntry);
    }
    return undefined;
  }

  const form = el(
    'form',
    { class: 'card', on: { submit: onSubmit }, novalidate: true },
    field(t('upload.criterion'), search),
    options,
    chosenText,
    field(t('upload.task'), task),
    description.nodes,
    pick,
    list,
    el('div', { class: 'actions' }, submit),
  );
  return el('section', { testid: 'page-upload', class: 'page medium' }, el('h1', {}, t('upload.title')), result, resume, form);
}
