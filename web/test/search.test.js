// The criterion search a teacher types on a phone keyboard, without accents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, matches } from '../src/search.js';

test('folding drops the marks and turns đ into d', () => {
  assert.equal(fold('Phương hướng, chiến lược xây dựng và phát triển nhà trường'),
    'phuong huong, chien luoc xay dung va phat trien nha truong');
  assert.equal(fold('Đội ngũ ĐỒ DÙNG'), 'doi ngu do dung');
});

test('a query without accents finds the criterion by name', () => {
  const name = '1.1 Phương hướng, chiến lược xây dựng và phát triển nhà trường';
  assert.ok(matches('phuong huong', name));
  assert.ok(matches('chien luoc phat trien', name));
  assert.ok(matches('Phương hướng', name));
  assert.ok(!matches('doi ngu', name));
});

test('a query finds the criterion by its code, and every word must match', () => {
  assert.ok(matches('1.1', '1.1 Phương hướng'));
  assert.ok(!matches('1.2', '1.1 Phương hướng'));
  assert.ok(matches('', '1.1 Phương hướng'));
  assert.ok(!matches('phuong co so', '1.1 Phương hướng'));
});

test('composed and decomposed input give the same answer', () => {
  const decomposed = 'Phương hướng'.normalize('NFD');
  assert.ok(matches(decomposed, 'phuong huong'));
  assert.ok(matches('phuong huong', decomposed));
});
