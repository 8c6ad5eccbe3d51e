// Building the page from nodes, never from HTML strings: user content goes in
// as text only (the CSP forbids inline scripts; this keeps markup out too).

// el('button', {testid: 'x', class: 'primary', on: {click: f}}, 'text', node, ...)
// attrs: testid → data-testid, data: {code: '…'} → data-code, on: listeners,
// any other key is set as an attribute (false/null/undefined: left out).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') node.dataset.testid = value;
    else if (key === 'data') for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
    else if (key === 'on') for (const [event, f] of Object.entries(value)) node.addEventListener(event, f);
    else if (key === 'value') node.value = value;
    else if (key === 'checked') node.checked = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Replaces a node's children.
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

// A labelled form field: <label>text <input></label>.
export function field(label, control) {
  return el('label', { class: 'field' }, el('span', { class: 'label' }, label), control);
}
