// What the review page dares to render: images and PDFs only (an uploaded
// HTML or SVG file is never put into an <img> or a frame), and the GET
// addresses with every part encoded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downloadUrl, previewKind, previewUrl } from '../src/links.js';

test('only raster images and PDFs are previewed', () => {
  for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'IMAGE/PNG']) {
    assert.equal(previewKind(type), 'image', type);
  }
  assert.equal(previewKind('application/pdf'), 'pdf');
  for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml', 'application/octet-stream', '', undefined]) {
    assert.equal(previewKind(type), '', String(type));
  }
});

test('addresses encode their parts', () => {
  assert.equal(previewUrl('LQD', '12', 'ab'), '/preview/LQD/12/ab');
  assert.equal(downloadUrl('A/B', '1', '../x'), '/download/A%2FB/1/..%2Fx');
});
