// A TCP proxy between chromium and hoso-web on loopback that reads the
// requests going through (HTTP/1.1, bodies with Content-Length) and can cut
// the connection in the middle of a PATCH body: after `afterBytes` of it
// have gone through, every connection is destroyed, as a phone leaving the
// school's Wi-Fi would. It records every request and how many body bytes of
// it were forwarded, so a test can tell what was sent again after the cut.
import net from 'node:net';

export class CutProxy {
  constructor(target) {
    const [host, port] = target.split(':');
    this.target = { host, port: Number(port) };
    this.requests = [];
    this.cut = null;  // { match, afterBytes, done, request }
    this.sockets = new Set();
  }

  async listen() {
    this.server = net.createServer((client) => this.#relay(client));
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this.url;
  }

  // Cuts once: the first PATCH for which `match(request)` holds, after
  // `afterBytes` of its body; new connections then wait `downMs` (the
  // Wi-Fi coming back). Resolves with that request when it happened.
  cutPatchOnce({ afterBytes, match = () => true, downMs = 0 }) {
    return new Promise((resolve) => {
      this.cut = { afterBytes, match, downMs, resolve, done: false };
    });
  }

  // Stalls once: the first PATCH for which `match(request)` holds goes
  // silent after `afterBytes` of its body (the rest is swallowed, both
  // connections stay open), as a phone between access points. Resolves with
  // that request when it happened.
  stallPatchOnce({ afterBytes, match = () => true }) {
    return new Promise((resolve) => {
      this.cut = { afterBytes, match, downMs: 0, resolve, done: false, stall: true };
    });
  }

  patches(path) {
    return this.requests.filter((r) => r.method === 'PATCH' && (!path || r.path === path));
  }

  async close() {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  #relay(client) {
    const wait = (this.downUntil ?? 0) - Date.now();
    if (wait > 0) {
      client.pause();
      setTimeout(() => this.#relay(client), wait);
      return;
    }
    const upstream = net.connect(this.target);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    upstream.on('data', (d) => {
      if (!client.write(d)) {
        upstream.pause();
        client.once('drain', () => upstream.resume());
      }
    });
    const parser = { head: Buffer.alloc(0), request: null, remaining: 0, opaque: false };
    client.on('data', (chunk) => {
      const forward = this.#parse(parser, chunk);
      if (forward.length && !upstream.write(forward)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
      if (parser.cutNow) {  // the Wi-Fi is gone: every connection with it
        drop();
        for (const socket of this.sockets) socket.destroy();
      }
    });
    client.resume();  // paused while the Wi-Fi was down
  }

  // Returns the part of `chunk` to forward; sets parser.cutNow to cut after it.
  #parse(p, chunk) {
    if (p.opaque) return chunk;
    if (p.stalled) {
      p.request.swallowed = (p.request.swallowed ?? 0) + chunk.length;
      return Buffer.alloc(0);
    }
    const pieces = [];
    let rest = chunk;
    while (rest.length) {
      if (!p.request) {
        p.head = Buffer.concat([p.head, rest]);
        const end = p.head.indexOf('\r\n\r\n');
        if (end < 0) return Buffer.concat([...pieces, rest]);
        const headText = p.head.subarray(0, end).toString('latin1');
        const consumed = rest.length - (p.head.length - (end + 4));
        pieces.push(rest.subarray(0, consumed));
        rest = rest.subarray(consumed);
        p.head = Buffer.alloc(0);
        const [requestLine, ...headerLines] = headText.split('\r\n');
        const [method, path] = requestLine.split(' ');
        const headers = {};
        for (const line of headerLines) {
          const i = line.indexOf(':');
          headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
        }
        if (headers['transfer-encoding']) {
          p.opaque = true;  // not a body this proxy counts: pass the rest through
          return Buffer.concat([...pieces, rest]);
        }
        const length = Number(headers['content-length'] || 0);
        p.request = { method, path, headers, contentLength: length, bodyBytes: 0, at: Date.now() };
        this.requests.push(p.request);
        p.remaining = length;
        if (length === 0) p.request = null;
        continue;
      }
      let take = Math.min(p.remaining, rest.length);
      const cut = this.cut;
      const cutting =
        cut && !cut.done && p.request.method === 'PATCH' && cut.match(p.request) &&
        p.request.bodyBytes + take >= cut.afterBytes;
      if (cutting) take = cut.afterBytes - p.request.bodyBytes;
      pieces.push(rest.subarray(0, take));
      p.request.bodyBytes += take;
      p.remaining -= take;
      rest = rest.subarray(take);
      if (cutting && cut.stall) {
        cut.done = true;
        p.request.stalled = true;
        p.stalled = true;
        cut.resolve(p.request);
        return Buffer.concat(pieces);
      }
      if (cutting) {
        cut.done = true;
        this.downUntil = Date.now() + cut.downMs;
        p.request.cut = true;
        p.cutNow = true;
        cut.resolve(p.request);
        return Buffer.concat(pieces);
      }
      if (p.remaining === 0) p.request = null;
    }
    return Buffer.concat(pieces);
  }
}
