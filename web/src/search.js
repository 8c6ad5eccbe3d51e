// Matching without diacritics: a teacher types "phuong huong" on a phone
// keyboard and finds "Phương hướng". NFD splits letters from their marks,
// the marks go, đ (a letter of its own, not a mark) becomes d.
export function fold(text) {
  return String(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

// Every word of the query appears in the text (in any order).
export function matches(query, text) {
  const haystack = fold(text);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
