// Cohesio page: the map of practices per country, drawn from the country facet's counts. A
// country with practices is a toggle of the country filter, like its bar in the chart below,
// which stays the map's accessible table. The map is one tab stop: arrow keys move between its
// countries, Enter or Space toggles one (the roving-tabindex pattern).
import { MAP } from './map-data.js';

const SVG = 'http://www.w3.org/2000/svg';
const SHADES = 5;

function svg(tag, attributes, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes || {})) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

// Shade 1..5 by the share of the largest count, so the busiest country is darkest at any size.
const shade = (count, max) => (count ? Math.max(1, Math.ceil((count / max) * SHADES)) : 0);

// `values`: [{value, count}] of the country facet; `selected`: codes filtered on; `label(code,
// count)`: the spoken and hover text; `name(code)`: a country's name; `onToggle(code)`;
// `focused`: the data-focus-key the page gives the focus back to after this render.
export function renderMap(container, { values, selected, label, name, onToggle, texts, focused }) {
  const counts = new Map(values.map((v) => [v.value, v.count]));
  const max = Math.max(1, ...values.map((v) => v.count));
  const toggles = [];
  const drawn = (code, shape) => {
    const count = counts.get(code) || 0;
    if (!count) return svg(shape.tag, { ...shape.attributes, class: `map-country s0` });
    const pressed = selected.includes(code);
    const el = svg(shape.tag, {
      ...shape.attributes,
      class: `map-country s${shade(count, max)}`,
      role: 'button',
      tabindex: '-1',
      'aria-pressed': String(pressed),
      'aria-label': label(code, count),
      'data-testid': 'map-country',
      'data-value': code,
      'data-count': count,
      'data-focus-key': `map:${code}`,
    }, svg('title', {}, label(code, count)));
    el.addEventListener('click', () => onToggle(code));
    toggles.push(el);
    return el;
  };
  const shapes = Object.entries(MAP.countries).map(([code, d]) => drawn(code, { tag: 'path', attributes: { d } }));
  // Markers after the shapes, so a small state stays clickable over its neighbours.
  const markers = Object.entries(MAP.markers).map(([code, [cx, cy]]) =>
    drawn(code, { tag: 'circle', attributes: { cx, cy, r: 7, 'data-marker': '' } }));
  const group = svg('g', { role: 'group', 'aria-label': texts.map }, ...shapes, ...markers);
  const map = svg('svg', { viewBox: `0 0 ${MAP.width} ${MAP.height}`, class: 'map', 'aria-labelledby': 'map-title' },
    svg('title', { id: 'map-title' }, texts.map),
    svg('path', { d: MAP.land, class: 'map-land', 'aria-hidden': 'true' }),
    group);
  // Arrow keys go through the countries in name order. The tab stop: the country that gets the
  // focus back (the one just toggled by keyboard), else the first pressed, else the first.
  toggles.sort((a, b) => name(a.dataset.value).localeCompare(name(b.dataset.value)));
  const start = toggles.find((el) => el.dataset.focusKey === focused)
    || toggles.find((el) => el.getAttribute('aria-pressed') === 'true') || toggles[0];
  if (start) start.setAttribute('tabindex', '0');
  map.addEventListener('keydown', (event) => moveOrToggle(event, toggles, onToggle));

  const nodes = [map];
  const offMap = MAP.offMap.filter((code) => counts.get(code));
  if (offMap.length) {
    const note = document.createElement('p');
    note.className = 'help map-note';
    note.textContent = `${texts.offMap} ${offMap.map((code) => `${name(code)} (${counts.get(code)})`).join(', ')}`;
    nodes.push(note);
  }
  container.replaceChildren(...nodes);
}

function moveFocus(from, to) {
  from.setAttribute('tabindex', '-1');
  to.setAttribute('tabindex', '0');
  to.focus();
}

function moveOrToggle(event, toggles, onToggle) {
  const at = toggles.indexOf(event.target);
  if (at < 0) return;
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  const jump = { Home: 0, End: toggles.length - 1 }[event.key];
  if (step) moveFocus(event.target, toggles[(at + step + toggles.length) % toggles.length]);
  else if (jump !== undefined) moveFocus(event.target, toggles[jump]);
  else if (event.key === 'Enter' || event.key === ' ') onToggle(event.target.dataset.value);
  else return;
  event.preventDefault();
}
