// Cohesio page: small DOM helpers (no innerHTML except for a checked snippet), links inside the
// page, and focus that survives a re-render.
import { navigate, toQuery, withPatch } from './state.js';

export const $ = (sel) => document.querySelector(sel);

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === '') continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

// A link inside the page: a real href (open in a new tab, copy, share), followed without a reload.
export function link(patch, focus, props, ...children) {
  const a = h('a', { href: toQuery(withPatch(patch)), ...props }, ...children);
  a.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(patch, focus);
  });
  return a;
}

// The API's snippet is HTML-escaped text with <mark> tags: used as HTML only if it has no
// other tag, else shown as text.
export function snippet(text, props) {
  const p = h('p', { class: 'snippet', lang: 'fr', ...props });
  if (typeof text !== 'string' || !text) return null;
  if (/[<>]/.test(text.replace(/<\/?mark>/g, ''))) p.textContent = text.replace(/<\/?mark>/g, '');
  else p.innerHTML = text;
  return p;
}

// ---------------------------------------------------------------------------------------
// Focus that survives a re-render: elements carry data-focus-key.
export function focusedKey() {
  const el = document.activeElement;
  return el && el.dataset ? el.dataset.focusKey || '' : '';
}

export function restoreFocus(key) {
  if (!key) return;
  const el = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
  if (el) el.focus();
}
