'use strict';
// Building the page from data that comes from outside (posts, names, URLs, feed errors): text only.
// Nothing here ever parses a string as HTML, and event handlers are attached with addEventListener.

/**
 * el('p', { className: 'x', attrs: { 'aria-label': 'y' } }, 'text', childNode)
 * Strings and numbers become text nodes; null, undefined and false are skipped.
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = String(options.text);
  if (options.title) node.title = options.title;
  if (options.hidden) node.hidden = true;
  if (options.attrs) for (const [name, value] of Object.entries(options.attrs)) setAttr(node, name, value);
  if (options.dataset) for (const [key, value] of Object.entries(options.dataset)) node.dataset[key] = value;
  if (options.on)
    for (const [type, handler] of Object.entries(options.on)) node.addEventListener(type, handler);
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children (the DOM's own replaceChildren would write null as the text "null"). */
export function setChildren(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Attributes that could run code or load from elsewhere are refused: links go through safeLink(). */
function setAttr(node, name, value) {
  const lower = name.toLowerCase();
  if (
    lower.startsWith('on') ||
    lower === 'href' ||
    lower === 'src' ||
    lower === 'style' ||
    lower === 'srcdoc'
  )
    throw new Error(`refusing to set ${name} from el(); use safeLink() or element.style`);
  if (value === false || value === null || value === undefined) return;
  node.setAttribute(name, value === true ? '' : String(value));
}

/** The URL when it is an absolute http(s) URL, otherwise null (javascript:, data:, relative, garbage). */
export function safeHttpUrl(value) {
  if (typeof value !== 'string' || value === '') return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** A link to a page elsewhere that cannot learn where it came from; anything but http(s) stays text. */
export function safeLink(value, label, className = '') {
  const href = safeHttpUrl(value);
  if (!href) return el('span', { className: `unsafe-url ${className}`, title: 'Not a web link' }, label);
  const a = el('a', { className, attrs: { target: '_blank', rel: 'noopener noreferrer nofollow' } }, label);
  a.href = href;
  return a;
}

export function $(selector, root = document) {
  const found = root.querySelector(selector);
  if (!found) throw new Error(`missing element ${selector}`);
  return found;
}

const NOT_TYPED_INTO = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color']);

/** Focus is in a field where letters are typed (a select types ahead): shortcuts keep out of the way. */
export function isTyping(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.matches('textarea, select')) return true;
  return target instanceof HTMLInputElement && !NOT_TYPED_INTO.has(target.type);
}
