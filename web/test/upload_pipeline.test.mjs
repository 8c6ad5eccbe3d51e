// The order of an upload's work (web/src/upload_pipeline.js): the next file
// is hashed while the one before is sent, two are sent at once, and a file
// that cannot be read holds nothing else up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashThenSend } from '../src/upload_pipeline.js';

// A promise settled from outside: the test decides when a send ends.
function gate() {
  let open;
  const promise = new Promise((resolve) => { open = resolve; });
  return { promise, open };
}
const turn = () => new Promise((resolve) => setImmediate(resolve));

test('the next file is hashed while the one before is being sent', async () => {
  const events = [];
  const first = gate();
  const done = hashThenSend(['a', 'b', 'c'], {
    hash: async (item) => { events.push(`hash ${item}`); return true; },
    send: async (item) => {
      events.push(`send ${item}`);
      if (item === 'a') await first.promise;
      events.push(`sent ${item}`);
    },
    senders: 1,
  });
  await turn();
  // a is still on its way, and b and c are hashed already.
  assert.deepEqual(events.filter((e) => e.startsWith('hash')), ['hash a', 'hash b', 'hash c']);
  assert.ok(!events.includes('sent a'));
  first.open();
  await done;
  assert.deepEqual(events.filter((e) => !e.startsWith('hash')),
    ['send a', 'sent a', 'send b', 'sent b', 'send c', 'sent c']);
});

test('two files are sent at once, never more, in the order they were hashed', async () => {
  const gates = new Map(['a', 'b', 'c', 'd'].map((item) => [item, gate()]));
  const started = [];
  let inFlight = 0;
  let most = 0;
  const done = hashThenSend([...gates.keys()], {
    hash: async () => true,
    send: async (item) => {
      started.push(item);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await gates.get(item).promise;
      inFlight -= 1;
    },
  });
  await turn();
  assert.deepEqual(started, ['a', 'b']);
  gates.get('b').open();
  await turn();
  assert.deepEqual(started, ['a', 'b', 'c']);
  gates.get('a').open();
  gates.get('c').open();
  gates.get('d').open();
  await done;
  assert.deepEqual(started, ['a', 'b', 'c', 'd']);
  assert.equal(most, 2);
});

test('a file that could not be hashed is not sent; the others are', async () => {
  const sent = [];
  await hashThenSend(['a', 'unreadable', 'c'], {
    hash: async (item) => item !== 'unreadable',
    send: async (item) => { sent.push(item); },
  });
  assert.deepEqual(sent, ['a', 'c']);
});

test('a send that fails leaves the others to finish, then the failure is told', async () => {
  const sent = [];
  await assert.rejects(
    hashThenSend(['a', 'b', 'c'], {
      hash: async () => true,
      send: async (item) => {
        if (item === 'a') throw new Error('gone');
        sent.push(item);
      },
      senders: 1,
    }),
    /gone/,
  );
  assert.deepEqual(sent, ['b', 'c']);
});

test('two files are hashed at once, in order, when two hashers are asked for', async () => {
  const gates = new Map(['a', 'b', 'c'].map((item) => [item, gate()]));
  const hashing = [];
  const sent = [];
  const done = hashThenSend(['a', 'b', 'c'], {
    hash: async (item) => {
      hashing.push(item);
      await gates.get(item).promise;
      return true;
    },
    send: async (item) => { sent.push(item); },
    senders: 1,
    hashers: 2,
  });
  await turn();
  assert.deepEqual(hashing, ['a', 'b'], 'a and b together, c waits for one of them');
  gates.get('b').open();
  await turn();
  assert.deepEqual(hashing, ['a', 'b', 'c']);
  assert.deepEqual(sent, ['b'], 'b is sent as soon as it is hashed');
  gates.get('a').open();
  gates.get('c').open();
  await done;
  assert.deepEqual(sent.sort(), ['a', 'b', 'c']);
});
