// Real photos' bytes, made in the test: a PNG encoded here (zlib from Node)
// and JPEGs encoded by chromium's own canvas. Pixels are noise from a seeded
// generator, so each file is several MiB and each seed gives other bytes.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

function* noise(seed) {
  let x = seed >>> 0 || 1;
  for (;;) {  // xorshift32
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    yield x;
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// An RGB PNG of `width`×`height` noise: about width*height*3 bytes.
export function makePng(width, height, seed) {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  const rng = noise(seed);
  for (let i = 0; i < rows.length; i += 4) rows.writeUInt32LE(rng.next().value, Math.min(i, rows.length - 4));
  for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0;  // filter: none
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bit depth
  header[9] = 2;  // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A JPEG of `width`×`height` noise encoded by chromium (canvas.toBlob).
export async function makeJpeg(browser, width, height, seed) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const base64 = await page.evaluate(
    async ({ width, height, seed }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d');
      const image = g.createImageData(width, height);
      let x = seed >>> 0 || 1;
      const px = new Uint32Array(image.data.buffer);
      for (let i = 0; i < px.length; i++) {
        x ^= x << 13;
        x >>>= 0;
        x ^= x >>> 17;
        x ^= x << 5;
        x >>>= 0;
        px[i] = x | 0xff000000;
      }
      g.putImageData(image, 0, 0);
      const blob = await new Promise((r) => canvas.toBlob(r, 'image/jpeg', 0.98));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      return btoa(s);
    },
    { width, height, seed },
  );
  await context.close();
  return Buffer.from(base64, 'base64');
}

export function sha256Hex(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex');
}
