// The upload form's default school year: Vietnamese school years start in September.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentSchoolYear } from '../src/pages/evidence_form.js';

test('September starts the next school year', () => {
  assert.equal(currentSchoolYear(new Date(2024, 7, 31)), '2023-2024');
  assert.equal(currentSchoolYear(new Date(2024, 8, 1)), '2024-2025');
  assert.equal(currentSchoolYear(new Date(2025, 0, 15)), '2024-2025');
});
