// Builds src/web/map-data.js, the map of Europe the page draws practices per country on, from
// Natural Earth's 1:50m countries (public domain) as the npm package world-atlas 2.0.2 ships
// them (TopoJSON keyed by ISO 3166-1 numeric ids; 1:110m lacks Malta and Monaco).
//
//   cd tools/map && npm ci && node make-map.mjs
//
// The output is committed and compiled into the binary with the other web assets, so neither
// the build nor the page needs npm, tiles or a CDN. Steps: project (Lambert azimuthal
// equal-area centred on Europe, as EPSG:3035), clip to a frame around the Council of Europe's
// members, quantise to a 1000-unit-wide grid, simplify (Douglas-Peucker, 0.6 unit), and write
// one SVG path per country with integer relative moves. States too small to click at that
// scale, and the Conference of INGOs (XI, seated in Strasbourg), become markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const atlas = JSON.parse(readFileSync(join(here, 'node_modules/world-atlas/countries-50m.json'), 'utf8'));
const reference = JSON.parse(readFileSync(join(root, 'corpus/reference/countries.json'), 'utf8'));

// ISO 3166-1 alpha-2 -> numeric, for the reference countries drawn on the map.
const NUMERIC = {
  AL: '008', AD: '020', AM: '051', AT: '040', AZ: '031', BE: '056', BA: '070', BG: '100', HR: '191',
  CY: '196', CZ: '203', DK: '208', EE: '233', FI: '246', FR: '250', GE: '268', DE: '276', GR: '300',
  HU: '348', IS: '352', IE: '372', IT: '380', LV: '428', LI: '438', LT: '440', LU: '442', MT: '470',
  MD: '498', MC: '492', ME: '499', NL: '528', MK: '807', NO: '578', PL: '616', PT: '620', RO: '642',
  SM: '674', RS: '688', SK: '703', SI: '705', ES: '724', SE: '752', CH: '756', TR: '792', UA: '804',
  GB: '826', RU: '643',
};
// Reference countries the frame does not show (the page lists them under the map).
const OFF_MAP = new Set(['CV', 'SO']);
// Not a state: the Conference of INGOs, drawn at its seat.
const PLACES = { XI: [7.75, 48.58] };

const missing = reference.countries.map((c) => c.code)
  .filter((code) => !NUMERIC[code] && !OFF_MAP.has(code) && !PLACES[code]);
if (missing.length) throw new Error(`countries.json has codes the map does not place: ${missing.join(', ')}`);

const WIDTH = 1000;
const TOLERANCE = 0.6;     // grid units
const MARKER_SIZE = 8;     // a country narrower and lower than this (grid units) is a marker
const MIN_RING_AREA = 1.5; // smaller islands are dropped (grid units squared)

const radians = (degrees) => (degrees * Math.PI) / 180;
const [LON0, LAT0] = [radians(10), radians(52)];
function project([lon, lat]) {
  const [l, p] = [radians(lon), radians(lat)];
  const k = Math.sqrt(2 / (1 + Math.sin(LAT0) * Math.sin(p) + Math.cos(LAT0) * Math.cos(p) * Math.cos(l - LON0)));
  return [k * Math.cos(p) * Math.sin(l - LON0),
    -k * (Math.cos(LAT0) * Math.sin(p) - Math.sin(LAT0) * Math.cos(p) * Math.cos(l - LON0))];
}

// The frame: Iceland to the Caspian, the North Cape to Malta, Crete and Cyprus.
const anchors = [[-24.6, 63.3], [-24.6, 66.6], [-10, 71.5], [26, 71.5], [42, 69], [50.5, 38.4],
  [44, 35.6], [32.2, 34.4], [24.5, 34.7], [14.5, 35.5], [-10, 35.9], [-18, 62]].map(project);
const pad = 0.01;
const frame = {
  left: Math.min(...anchors.map((p) => p[0])) - pad, right: Math.max(...anchors.map((p) => p[0])) + pad,
  top: Math.min(...anchors.map((p) => p[1])) - pad, bottom: Math.max(...anchors.map((p) => p[1])) + pad,
};
const scale = WIDTH / (frame.right - frame.left);
const HEIGHT = Math.round((frame.bottom - frame.top) * scale);
const toGrid = ([x, y]) => [(x - frame.left) * scale, (y - frame.top) * scale];

// Sutherland-Hodgman against the frame's four edges (in grid units).
function clip(ring) {
  const edges = [
    (p) => p[0] >= 0, (p) => p[0] <= WIDTH, (p) => p[1] >= 0, (p) => p[1] <= HEIGHT];
  const cross = [
    (a, b) => [0, a[1] + ((b[1] - a[1]) * (0 - a[0])) / (b[0] - a[0])],
    (a, b) => [WIDTH, a[1] + ((b[1] - a[1]) * (WIDTH - a[0])) / (b[0] - a[0])],
    (a, b) => [a[0] + ((b[0] - a[0]) * (0 - a[1])) / (b[1] - a[1]), 0],
    (a, b) => [a[0] + ((b[0] - a[0]) * (HEIGHT - a[1])) / (b[1] - a[1]), HEIGHT]];
  let points = ring;
  for (let e = 0; e < 4 && points.length; ++e) {
    const inside = edges[e];
    const out = [];
    for (let i = 0; i < points.length; ++i) {
      const [a, b] = [points[(i + points.length - 1) % points.length], points[i]];
      if (inside(b)) {
        if (!inside(a)) out.push(cross[e](a, b));
        out.push(b);
      } else if (inside(a)) {
        out.push(cross[e](a, b));
      }
    }
    points = out;
  }
  return points;
}

function simplify(points, tolerance) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    const [a, b] = [points[first], points[last]];
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const length = Math.hypot(dx, dy) || 1;
    let [farthest, distance] = [-1, tolerance];
    for (let i = first + 1; i < last; ++i) {
      const d = Math.abs(dy * (points[i][0] - a[0]) - dx * (points[i][1] - a[1])) / length;
      if (d > distance) [farthest, distance] = [i, d];
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const area = (ring) => Math.abs(ring.reduce((sum, p, i) => {
  const q = ring[(i + 1) % ring.length];
  return sum + p[0] * q[1] - q[0] * p[1];
}, 0)) / 2;

function path(rings) {
  let d = '';
  for (const ring of rings) {
    let [x, y] = ring[0];
    d += `M${x} ${y}`;
    let moves = '';
    for (const [px, py] of ring.slice(1)) {
      moves += ` ${px - x} ${py - y}`;
      [x, y] = [px, py];
    }
    d += `l${moves.trimStart()}z`;
  }
  return d;
}

function ringsOf(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings = [];
  for (const polygon of polygons) {
    for (const ring of polygon) rings.push(clip(ring.map((p) => toGrid(project(p)))));
  }
  return rings.filter((ring) => ring.length >= 3);
}

function quantised(rings) {
  return rings.map((ring) => {
    const snapped = ring.map(([x, y]) => [Math.round(x), Math.round(y)])
      .filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
    // A closed ring's ends coincide, which gives Douglas-Peucker no line to measure from:
    // simplify its two halves.
    const middle = Math.floor(snapped.length / 2);
    const first = simplify(snapped.slice(0, middle + 1), TOLERANCE);
    const second = simplify([...snapped.slice(middle), snapped[0]], TOLERANCE);
    return [...first, ...second.slice(1, -1)];
  }).filter((ring) => ring.length >= 3 && area(ring) >= MIN_RING_AREA);
}

// Natural Earth draws Crimea as Russia's (the de facto line); the Council of Europe, whose
// members these are, and the UN General Assembly (resolution 68/262) recognise it as Ukraine's.
// Its polygon moves to Ukraine.
const CRIMEA = [34.1, 45.0];
function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [[xi, yi], [xj, yj]] = [ring[i], ring[j]];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function withCrimeaInUkraine(features) {
  const russia = features.find((f) => f.id === NUMERIC.RU);
  const ukraine = features.find((f) => f.id === NUMERIC.UA);
  const polygons = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  const crimea = polygons(russia.geometry).filter((polygon) => inRing(CRIMEA, polygon[0]));
  if (crimea.length !== 1) throw new Error('Crimea not found as one polygon of Russia');
  russia.geometry = { type: 'MultiPolygon', coordinates: polygons(russia.geometry).filter((p) => p !== crimea[0]) };
  ukraine.geometry = { type: 'MultiPolygon', coordinates: [...polygons(ukraine.geometry), crimea[0]] };
  return features;
}

const codeOf = new Map(Object.entries(NUMERIC).map(([code, numeric]) => [numeric, code]));
const countries = {};
const markers = {};
const background = [];
const inLonLatWindow = (f) => {
  const all = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2);
  return all.some(([lon, lat]) => lon > -32 && lon < 62 && lat > 28 && lat < 76);
};
for (const f of withCrimeaInUkraine(feature(atlas, atlas.objects.countries).features)) {
  if (!f.geometry || !inLonLatWindow(f)) continue;
  const code = codeOf.get(f.id);
  const rings = ringsOf(f.geometry);
  if (!rings.length) continue;
  if (code) {
    const xs = rings.flat().map((p) => p[0]);
    const ys = rings.flat().map((p) => p[1]);
    const small = Math.max(...xs) - Math.min(...xs) < MARKER_SIZE && Math.max(...ys) - Math.min(...ys) < MARKER_SIZE;
    if (small) {
      const largest = rings.reduce((a, b) => (area(b) > area(a) ? b : a));
      const centre = largest.reduce((s, p) => [s[0] + p[0], s[1] + p[1]], [0, 0]);
      markers[code] = centre.map((v) => Math.round(v / largest.length));
      continue;
    }
    countries[code] = path(quantised(rings));
  } else {
    // Land the reference does not name (Belarus, Kosovo, the north of Cyprus, North Africa…):
    // drawn for context, not clickable.
    background.push(...quantised(rings));
  }
}
for (const [code, place] of Object.entries(PLACES)) markers[code] = toGrid(project(place)).map(Math.round);
const unplaced = Object.keys(NUMERIC).filter((code) => !countries[code] && !markers[code]);
if (unplaced.length) throw new Error(`no shape found for ${unplaced.join(', ')}`);

const data = { width: WIDTH, height: HEIGHT, land: path(background), countries, markers, offMap: [...OFF_MAP] };
const out = join(root, 'src/web/map-data.js');
writeFileSync(out,
  '// Generated by tools/map/make-map.mjs from Natural Earth 1:50m countries (public domain), as\n' +
  '// world-atlas 2.0.2 ships them: edit the script, not this file.\n' +
  `export const MAP = ${JSON.stringify(data)};\n`);
console.log(`${out}: ${Object.keys(countries).length} countries, ${Object.keys(markers).length} markers, ` +
  `${WIDTH}x${HEIGHT}, ${readFileSync(out).length} bytes`);
