// The order of an upload's work (issue 15): files are hashed in order,
// `hashers` at a time, and each is handed to a sender as soon as its hash is
// known, so hashing file k+1 overlaps sending file k; `senders` uploads run
// at once, so one file's round trips and hosod's commit overlap another's
// bytes.
// Hashing never waits for a sender: a hashed file holds no memory.

// hash(item) → true when it has its hash (false: it failed, already told);
// send(item) → settles when it is done (its errors are the caller's to
// show; one that escapes anyway rejects the whole, once all ended).
// Resolves once every hashed item was sent.
export async function hashThenSend(items, { hash, send, senders = 2, hashers = 1 }) {
  const ready = [];
  const idle = [];  // senders waiting for a hashed item
  let hashing = true;
  let escaped = null;
  const wake = () => idle.splice(0).forEach((resume) => resume());

  async function sender() {
    for (;;) {
      if (ready.length) {
        try {
          await send(ready.shift());
        } catch (error) {
          escaped = escaped || error;
        }
      } else if (!hashing) {
        return;
      } else {
        await new Promise((resume) => idle.push(resume));
      }
    }
  }

  const sending = Array.from({ length: Math.max(1, senders) }, sender);
  let next = 0;
  async function hasher() {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (await hash(item)) {
        ready.push(item);
        wake();
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, hashers) }, hasher));
  } finally {
    hashing = false;
    wake();
  }
  await Promise.all(sending);
  if (escaped) throw escaped;
}
